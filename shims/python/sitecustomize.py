"""plugin-settle's in-process shim (see DESIGN.md, "Protocol shared with installers and the Python shim").

Python imports `sitecustomize` at start-up, which lets us harden every entry-point load of the process
without editing setuptools.  This module must stay cheap and inert: when `PLUGIN_SETTLE_INPROCESS` is not
"1" it only hands over to the `sitecustomize` it shadows; when it is, it installs a meta-path hook that
patches the entry-point loaders lazily, when (and if) the build imports them.

When `PLUGIN_SETTLE_EVENTS` is set it also wraps `sys.excepthook`, on every Python (2.7 included), so an
exception that ends a process of the build is recorded there (`_plugin_settle_record`, imported only then):
the wrapper judges the failure by that record, not by reading the build's output.  Healing needs 3.6+.
"""
import os
import sys


def _activate():
    if os.environ.get('PLUGIN_SETTLE_INPROCESS') != '1':
        return
    try:
        if sys.version_info < (3, 6):
            # No healing here; but pip's isolated builds must keep the shim, so failures are recorded.
            import _plugin_settle_isolation

            _plugin_settle_isolation.install_python2_hook()
            return
        import _plugin_settle_shim
        _plugin_settle_shim.install()
    except Exception as error:  # a broken shim must never break the build it protects
        sys.stderr.write('plugin-settle: in-process shim disabled: %r\n' % (error,))


def _record_uncaught():
    if not os.environ.get('PLUGIN_SETTLE_EVENTS'):
        return
    previous = sys.excepthook
    if getattr(previous, '_plugin_settle_record', None) is not None:
        return  # a second copy of the shim on the chain

    def record(kind, value, tb, text=None):
        try:
            import _plugin_settle_record

            _plugin_settle_record.uncaught(kind, value, tb, text)
        except Exception:  # recording is a courtesy: the build's own traceback must still print
            pass

    def excepthook(kind, value, tb):
        record(kind, value, tb)
        return previous(kind, value, tb)

    # tracebacks.py (our frames cut before 3.7) records the text it prints and calls `previous` itself.
    excepthook._plugin_settle_record = record
    excepthook._plugin_settle_previous = previous
    sys.excepthook = excepthook


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
        # Python 2 clears a module's globals when the module object dies: keep ours alive, for the
        # excepthook installed after chaining and for the hooks it defines.
        sys._plugin_settle_sitecustomize = sys.modules.pop('sitecustomize')
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
try:
    _chain_to_shadowed()
finally:
    # Last, so a shadowed sitecustomize that sets its own hook (Debian's apport) is chained, not lost.
    _record_uncaught()
