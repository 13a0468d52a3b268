"""dpkg's unpack: every file of the package is extracted as `<name>.dpkg-new`, then all of them are
renamed into place in one burst (tar_deferred_extract). The test stops the burst after the metadata."""
import os

from stepping import Merge, is_metadata, main


class DpkgLike(Merge):
    def step_metadata(self):
        everything = self.files(lambda entry: True)
        for rel in everything:
            self.copy(rel, rel + '.dpkg-new')
        for rel in self.files(is_metadata):
            self.burst(rel)

    def step_code(self):
        for rel in self.files(lambda entry: not is_metadata(entry)):
            self.burst(rel)

    def burst(self, rel):
        dest = os.path.join(self.root, rel)
        self.rename(dest + '.dpkg-new', dest)


if __name__ == '__main__':
    main(DpkgLike)
