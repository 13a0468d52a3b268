"""pip's upgrade: the old version (0.9, installed complete by `old`) is stashed first, its package dir
and dist-info renamed to `~xx` names beside them; then the new version is written (dist-info first, as a
sorted wheel orders it), RECORD last; then the stash is deleted."""
import os
import shutil

from stepping import Merge, is_metadata, main


class Upgrade(Merge):
    def __init__(self, image, root):
        Merge.__init__(self, image, root)
        self.name = [entry for entry in os.listdir(image) if not is_metadata(entry)][0]
        self.new_info = [entry for entry in os.listdir(image) if entry.endswith('.dist-info')][0]
        self.old_info = self.new_info.replace('-1.0.', '-0.9.')
        self.stashed = []

    def step_old(self):
        """Version 0.9, complete and recorded, as if installed long ago."""
        for rel in self.files(lambda entry: entry == self.name):
            self.copy(rel)
        for rel in self.files(lambda entry: entry == self.new_info):
            if not rel.endswith('RECORD'):
                self.copy(rel, rel.replace(self.new_info, self.old_info))
        rows = []
        for top, _dirs, names in os.walk(self.root):
            for name in names:
                path = os.path.join(top, name)
                rel = os.path.relpath(path, self.root)
                if rel.split(os.sep)[0] in (self.name, self.old_info):
                    rows.append('%s,,%d' % (rel, os.path.getsize(path)))
        with open(os.path.join(self.root, self.old_info, 'RECORD'), 'w') as handle:
            handle.write('\n'.join(rows + [self.old_info + '/RECORD,,', '']))
        self.wrote()

    def step_metadata(self):
        for entry in (self.name, self.old_info):
            stash = '~' + entry[1:]
            self.rename(os.path.join(self.root, entry), os.path.join(self.root, stash))
            self.stashed.append(stash)
        for rel in self.files(lambda entry: entry == self.new_info):
            if not rel.endswith('RECORD'):
                self.copy(rel)

    def step_code(self):
        for rel in self.files(lambda entry: entry == self.name):
            self.copy(rel)
        self.copy(os.path.join(self.new_info, 'RECORD'))
        for stash in self.stashed:
            shutil.rmtree(os.path.join(self.root, stash))
            self.wrote()


if __name__ == '__main__':
    main(Upgrade)
