"""Shared by the race suite's installers: one step per line on stdin, so a test can stop a merge
between any two writes without sleeping. Each step is answered `done <step> <last write, ms since epoch>`
(or `failed <step>: <why>`): the test needs the moment of the installer's last write to measure how
soon the wrapper's retry followed it."""
import os
import shutil
import sys
import time

METADATA_SUFFIXES = ('.dist-info', '.egg-info', '.pth')


class Merge(object):
    def __init__(self, image, root):
        self.image = image
        self.root = root
        self.last_write = 0.0

    def wrote(self):
        self.last_write = time.time()

    def files(self, keep):
        """Image files (relative paths) whose top-level entry passes `keep`, in sorted order."""
        found = []
        for top, _dirs, names in os.walk(self.image):
            for name in names:
                rel = os.path.relpath(os.path.join(top, name), self.image)
                if keep(rel.split(os.sep)[0]):
                    found.append(rel)
        return sorted(found)

    def copy(self, rel, dest_rel=None, delay=0.0):
        dest = os.path.join(self.root, dest_rel or rel)
        parent = os.path.dirname(dest)
        if not os.path.isdir(parent):
            os.makedirs(parent)
        shutil.copyfile(os.path.join(self.image, rel), dest)
        self.wrote()
        if delay:
            time.sleep(delay)

    def rename(self, src, dest):
        os.rename(src, dest)
        self.wrote()


def is_metadata(entry):
    return entry.endswith(METADATA_SUFFIXES)


def serve(merge):
    """Runs `merge.step_<name>(*args)` for each line `<name> <args...>` until stdin closes."""
    for line in iter(sys.stdin.readline, ''):
        words = line.split()
        if not words:
            continue
        step = getattr(merge, 'step_' + words[0], None)
        try:
            if step is None:
                raise ValueError('unknown step')
            step(*words[1:])
        except Exception as error:  # the test reads the reason; the installer stays up for close()
            sys.stdout.write('failed %s: %s\n' % (line.strip(), error))
        else:
            sys.stdout.write('done %s %d\n' % (line.strip(), merge.last_write * 1000))
        sys.stdout.flush()


def main(style):
    """`python <style>.py <image> <root> [extra...]`"""
    serve(style(*sys.argv[1:]))
