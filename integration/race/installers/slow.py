"""A slow installer: the plugin's metadata, then a pause the test chooses (longer than the wrapper's
settle time), then its code. Quiet is not done: the wrapper must wait for the code, not retry into the
same failure."""
import time

from stepping import Merge, is_metadata, main


class Slow(Merge):
    def step_metadata(self):
        for rel in self.files(is_metadata):
            self.copy(rel)

    def step_pause(self, ms):
        time.sleep(int(ms) / 1000.0)

    def step_code(self):
        for rel in self.files(lambda entry: not is_metadata(entry)):
            self.copy(rel)


if __name__ == '__main__':
    main(Slow)
