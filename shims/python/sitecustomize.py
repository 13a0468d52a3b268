"""plugin-settle's in-process shim (see DESIGN.md, "Protocol shared with installers and the Python shim").

Python imports `sitecustomize` at start-up, which lets us harden every entry-point load of the process
without editing setuptools.  This module must stay cheap and inert: when `PLUGIN_SETTLE_INPROCESS` is not
"1" it only hands over to the `sitecustomize` it shadows; when it is, it installs a meta-path hook that
patches the entry-point loaders lazily, when (and if) the build imports them.

Written so that Python 2.7 can import it (it then only chains); healing needs Python 3.6+.
"""
import os
import sys


def _activate():
    if os.environ.get('PLUGIN_SETTLE_INPROCESS') != '1' or sys.version_info < (3, 6):
        return
    try:
        import _plugin_settle_shim
        _plugin_settle_shim.install()
    except Exception as error:  # a broken shim must never break the build it protects
        sys.stderr.write('plugin-settle: in-process shim disabled: %r\n' % (error,))


def _others_on_path():
    # Every copy of this shim on the chain is skipped (two installs on PYTHONPATH must not loop).
    here = os.path.realpath(os.path.dirname(os.path.abspath(__file__)))
    skipped = getattr(sys, '_plugin_settle_shim_dirs', None)
    if skipped is None:
        skipped = sys._plugin_settle_shim_dirs = set()
    skipped.add(here)
    return [entry for entry in sys.path if os.path.realpath(entry or os.curdir) not in skipped]


def _chain_to_shadowed():
    """Run the sitecustomize we hide (Debian's, a distro's, a venv's), as Python would have."""
    others = _others_on_path()
    if sys.version_info < (3,):
        import imp

        try:
            found = imp.find_module('sitecustomize', others)
        except ImportError:
            return
        del sys.modules['sitecustomize']
        try:
            imp.load_module('sitecustomize', *found)
        finally:
            if found[0] is not None:
                found[0].close()
        return
    # importlib.machinery costs up to 1 ms to import; the frozen bootstrap is already loaded.
    path_finder = next((f for f in sys.meta_path if getattr(f, '__name__', '') == 'PathFinder'), None)
    spec = path_finder.find_spec('sitecustomize', others) if path_finder is not None else None
    if spec is None or spec.loader is None:
        return
    module = sys.modules['_frozen_importlib'].module_from_spec(spec)
    sys.modules['sitecustomize'] = module
    spec.loader.exec_module(module)


_activate()
_chain_to_shadowed()
