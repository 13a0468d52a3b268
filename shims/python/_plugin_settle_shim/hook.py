"""Patch the entry-point loaders when their modules get imported, never earlier.

Importing pkg_resources costs tens of milliseconds and changes global state, so the shim must not do it
itself; a meta-path finder sees the import happen and patches the module right after it executed.
"""
import sys

from . import guard


def _patch_metadata(module):
    entry_point = getattr(module, 'EntryPoint', None)
    if entry_point is not None and hasattr(entry_point, 'load'):
        guard.wrap(entry_point, 'load', 'importlib.metadata')


def _patch_pkg_resources(module):
    entry_point = getattr(module, 'EntryPoint', None)
    if entry_point is None:
        return
    # load() = require() + resolve(); setuptools also calls resolve() alone (egg_info.writers before
    # v61) and require() alone (get_command_class, before load()).
    for method in ('load', 'resolve', 'require'):
        guard.wrap(entry_point, method, 'pkg_resources')


def _patch_build_env(module):
    import _plugin_settle_isolation

    _plugin_settle_isolation.keep_shim_in(module)


PATCHERS = {
    'importlib.metadata': _patch_metadata,
    'importlib_metadata': _patch_metadata,
    'setuptools._vendor.importlib_metadata': _patch_metadata,
    'pkg_resources': _patch_pkg_resources,
    # pip's isolated builds replace PYTHONPATH, which would drop the shim from the build backend.
    'pip._internal.build_env': _patch_build_env,
}


def patch_already_imported():
    for name, patch in PATCHERS.items():
        module = sys.modules.get(name)
        if module is not None:
            patch(module)


class _PatchingLoader(object):
    """Delegates to the real loader and patches the module once it has executed.

    The module sees only the real loader (`__loader__`, `__spec__.loader`), so nothing that inspects
    it can tell the shim was there.
    """

    def __init__(self, loader, patch):
        self._loader = loader
        self._patch = patch

    def create_module(self, spec):
        create = getattr(self._loader, 'create_module', None)
        return create(spec) if create is not None else None

    def exec_module(self, module):
        module.__loader__ = self._loader
        spec = getattr(module, '__spec__', None)
        if spec is not None:
            spec.loader = self._loader
        self._loader.exec_module(module)
        try:
            self._patch(module)
        except Exception as error:
            sys.stderr.write('plugin-settle: could not patch %s: %r\n' % (module.__name__, error))

    def __getattr__(self, name):
        return getattr(self._loader, name)


class PatchOnImport(object):
    """A meta-path finder that finds nothing itself: it asks the finders after it and wraps their loader."""

    def __init__(self):
        self._finding = set()

    def find_spec(self, fullname, path=None, target=None):
        patch = PATCHERS.get(fullname)
        if patch is None or fullname in self._finding:
            return None
        self._finding.add(fullname)
        try:
            spec = self._find_with_the_others(fullname, path, target)
        finally:
            self._finding.discard(fullname)
        if spec is not None and spec.loader is not None and hasattr(spec.loader, 'exec_module'):
            spec.loader = _PatchingLoader(spec.loader, patch)
        return spec

    def _find_with_the_others(self, fullname, path, target):
        for finder in sys.meta_path:
            if finder is self:
                continue
            find_spec = getattr(finder, 'find_spec', None)
            if find_spec is None:
                continue
            spec = find_spec(fullname, path, target)
            if spec is not None:
                return spec
        return None

    def invalidate_caches(self):
        pass
