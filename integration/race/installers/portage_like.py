"""Portage's merge (dblink.mergeme): under the vdb lock (a POSIX lockf on
$EROOT/var/db/.pkg.portage_lockfile) and a `-MERGING-<pf>` directory in $EROOT/var/db/pkg/<cat>/, every
entry of the image is renamed into place one by one, in the order os.listdir gives and list.pop takes."""
import fcntl
import os
import shutil

from stepping import Merge, is_metadata, main

CATEGORY = 'dev-python'


class PortageLike(Merge):
    def __init__(self, image, root, eroot):
        Merge.__init__(self, image, root)
        self.pf = 'racyplug-1.0'
        self.vdb = os.path.join(eroot, 'var', 'db', 'pkg', CATEGORY)
        self.merging = os.path.join(self.vdb, '-MERGING-' + self.pf)
        self.lock_path = os.path.join(eroot, 'var', 'db', '.pkg.portage_lockfile')
        # ${D}: the image Portage renames from, on the same filesystem as the root.
        self.d = os.path.join(eroot, 'var', 'tmp', 'portage', CATEGORY, self.pf, 'image')
        shutil.copytree(image, self.d)
        self.lock = None

    def step_metadata(self):
        if not os.path.isdir(self.vdb):
            os.makedirs(self.vdb)
        self.lock = open(self.lock_path, 'a+')
        fcntl.lockf(self.lock, fcntl.LOCK_EX)
        os.mkdir(self.merging)
        self.mergeme([entry for entry in os.listdir(self.d) if is_metadata(entry)])

    def step_code(self):
        self.mergeme([entry for entry in os.listdir(self.d) if not is_metadata(entry)])
        with open(os.path.join(self.merging, 'CONTENTS'), 'w') as handle:
            handle.write('obj racyplug\n')
        os.rename(self.merging, os.path.join(self.vdb, self.pf))
        fcntl.lockf(self.lock, fcntl.LOCK_UN)
        self.lock.close()

    def mergeme(self, mergelist):
        while mergelist:
            rel = mergelist.pop()
            src = os.path.join(self.d, rel)
            dest = os.path.join(self.root, rel)
            if os.path.isdir(src):
                if not os.path.isdir(dest):
                    os.mkdir(dest)
                    self.wrote()
                mergelist.extend(os.path.join(rel, child) for child in os.listdir(src))
            else:
                self.rename(src, dest)


if __name__ == '__main__':
    main(PortageLike)
