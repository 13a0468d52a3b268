"""A module caught half written: `metadata` writes the plugin's metadata and package, but its hooks
module only up to the middle of a long header, and goes on appending header lines in the background (a
slow write still in progress: the file is a SyntaxError, an unterminated string, to any reader). `code`
writes the rest. The completed file is the image's module behind a docstring."""
import os
import threading

from stepping import Merge, is_metadata, main

# Well inside the wrapper's settle time (750 ms): the file never looks finished while it is not.
APPEND_EVERY_S = 0.05


class Truncated(Merge):
    def __init__(self, image, root):
        Merge.__init__(self, image, root)
        self.hooks = [rel for rel in self.files(lambda entry: True) if rel.endswith('hooks.py')][0]
        self.stop = threading.Event()
        self.writer = None
        self.lock = threading.Lock()

    def step_metadata(self):
        for rel in self.files(is_metadata):
            self.copy(rel)
        for rel in self.files(lambda entry: not is_metadata(entry)):
            if rel != self.hooks:
                self.copy(rel)
        self.append('"""Hooks of a plugin whose long header is still being written.\n')
        self.writer = threading.Thread(target=self.keep_writing)
        self.writer.daemon = True  # a test that fails midway closes our stdin; nothing must outlive it
        self.writer.start()

    def keep_writing(self):
        line = 0
        while not self.stop.wait(APPEND_EVERY_S):
            line += 1
            self.append('header line %d\n' % line)

    def step_code(self):
        self.stop.set()
        self.writer.join()
        with open(os.path.join(self.image, self.hooks)) as handle:
            self.append('"""\n' + handle.read())

    def append(self, text):
        with self.lock:
            with open(os.path.join(self.root, self.hooks), 'a') as handle:
                handle.write(text)
            self.wrote()


if __name__ == '__main__':
    main(Truncated)
