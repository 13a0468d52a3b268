"""Keep the shim in the build backends of pip's isolated builds.

pip's BuildEnvironment.__enter__ sets PYTHONPATH to its own site directory, whose sitecustomize.py hides
ours: the backend (where a plugin load fails) would run with no shim, no record and no healing.  After
pip set it, we put our directory back in front; our sitecustomize then runs pip's, as it runs any
sitecustomize it shadows, so the isolation pip wants is kept.

Importable by Python 2.7 (pip 19 isolates there too): Python 3 patches through the package's meta-path
hook, Python 2 through `Python2Hook`.
"""
import os
import sys

MODULE = 'pip._internal.build_env'
_MARKER = '_plugin_settle_original___enter__'
# The directory holding sitecustomize.py and this module.
SHIM_DIR = os.path.dirname(os.path.abspath(__file__))


def _prepend_shim():
    entries = [entry for entry in os.environ.get('PYTHONPATH', '').split(os.pathsep) if entry]
    if SHIM_DIR not in entries:
        os.environ['PYTHONPATH'] = os.pathsep.join([SHIM_DIR] + entries)


def keep_shim_in(module):
    build_environment = getattr(module, 'BuildEnvironment', None)
    if build_environment is None or _MARKER in build_environment.__dict__:
        return
    original = build_environment.__dict__.get('__enter__')
    if original is None:
        return

    def __enter__(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        _prepend_shim()
        return result

    setattr(build_environment, _MARKER, original)
    build_environment.__enter__ = __enter__


class Python2Hook(object):
    """A PEP 302 finder for Python 2: lets the normal import load pip's module, then patches it."""

    def __init__(self):
        self._loading = False

    def find_module(self, fullname, path=None):
        return self if fullname == MODULE and not self._loading else None

    def load_module(self, fullname):
        self._loading = True
        try:
            __import__(fullname)  # the import lock is re-entrant: this is the ordinary import
        finally:
            self._loading = False
        module = sys.modules[fullname]
        try:
            keep_shim_in(module)
        except Exception as error:
            sys.stderr.write('plugin-settle: could not patch %s: %r\n' % (fullname, error))
        return module


def install_python2_hook():
    if not any(isinstance(finder, Python2Hook) for finder in sys.meta_path):
        sys.meta_path.insert(0, Python2Hook())
