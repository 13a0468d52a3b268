"""The naive installer: copies the plugin file by file, metadata first, with a pause between files,
writing each file in place (no temp names, no markers): the order that breaks builds."""
from stepping import Merge, is_metadata, main

DELAY_S = 0.05


class Naive(Merge):
    def step_metadata(self):
        for rel in self.files(is_metadata):
            self.copy(rel, delay=DELAY_S)

    def step_code(self):
        for rel in self.files(lambda entry: not is_metadata(entry)):
            self.copy(rel, delay=DELAY_S)


if __name__ == '__main__':
    main(Naive)
