"""A slow installer: the plugin's metadata, then a pause the test chooses (longer than the wrapper's
settle time), then its code. Quiet is not done while an installer is at work: this one writes its code
through a pip-style temp name (`*.tmp`) that sits in the root through the pause, as a real installer
shows itself by a temp name, a lock or a marker. The wrapper must wait for the code, not retry into the
same failure. (Without any such sign, a pause longer than the settle time is a crashed install: issue
15, integration/run/real-errors.test.ts.)"""
import os
import time

from stepping import Merge, is_metadata, main


class Slow(Merge):
    def temp(self):
        return os.path.join(self.root, 'racyplug-code.tmp')

    def step_metadata(self):
        for rel in self.files(is_metadata):
            self.copy(rel)
        with open(self.temp(), 'w') as handle:
            handle.write('# the code, arriving slowly\n')
        self.wrote()

    def step_pause(self, ms):
        time.sleep(int(ms) / 1000.0)

    def step_code(self):
        for rel in self.files(lambda entry: not is_metadata(entry)):
            self.copy(rel)
        os.unlink(self.temp())
        self.wrote()


if __name__ == '__main__':
    main(Slow)
