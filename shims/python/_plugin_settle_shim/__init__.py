"""The active part of plugin-settle's in-process shim (imported only when PLUGIN_SETTLE_INPROCESS=1).

Only `hook` and `guard` load at start-up; everything that reads the file system, the environment or
writes events is imported on the first failed entry-point load, so a build that never fails pays
nothing beyond one meta-path finder.
"""
import sys
import time

from . import hook

# Evidence is looked for since the start of the process minus the window (DESIGN.md decision step 2).
STARTED = time.time()


def install():
    if any(isinstance(finder, hook.PatchOnImport) for finder in sys.meta_path):
        return
    sys.meta_path.insert(0, hook.PatchOnImport())
    hook.patch_already_imported()
