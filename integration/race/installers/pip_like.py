"""pip's order: the wheel's files in archive order (a sorted archive puts `<name>-<v>.dist-info/` before
`<name>/`, since '-' sorts before '/'), then INSTALLER, then RECORD last, both through `<name><random>.tmp`
and a rename as pip's adjacent_tmp_file does."""
import os

from stepping import Merge, main


class PipLike(Merge):
    def __init__(self, image, root):
        Merge.__init__(self, image, root)
        archive = self.files(lambda entry: True)
        self.record = [rel for rel in archive if rel.endswith('.dist-info' + os.sep + 'RECORD')][0]
        self.dist_info = os.path.dirname(self.record)
        self.archive = [rel for rel in archive if rel != self.record]

    def step_metadata(self):
        """The archive up to its first non-metadata file: the race window."""
        while self.archive and self.archive[0].startswith(self.dist_info + os.sep):
            self.copy(self.archive.pop(0))

    def step_code(self):
        while self.archive:
            self.copy(self.archive.pop(0))
        self.write_via_tmp(os.path.join(self.dist_info, 'INSTALLER'), b'pip\n')
        with open(os.path.join(self.image, self.record), 'rb') as handle:
            record = handle.read()
        self.write_via_tmp(self.record, record + self.dist_info.encode() + b'/INSTALLER,,4\n')

    def write_via_tmp(self, rel, data):
        dest = os.path.join(self.root, rel)
        tmp = dest + 'x7k2q.tmp'
        with open(tmp, 'wb') as handle:
            handle.write(data)
        self.wrote()
        self.rename(tmp, dest)


if __name__ == '__main__':
    main(PipLike)
