"""What kind of failure an entry-point load raised, and what it implicates.

The categories are DESIGN.md's (decision step 1); anything else is not a merge race and passes through.
"""
import os
import re

_CANNOT_IMPORT = re.compile(r"cannot import name '?([\w.]+)'? from (?:partially initialized module )?'([\w.]+)'")
_PATH_IN_PARENS = re.compile(r'\((/[^()]+)\)\s*$')
_EP_MODULE = re.compile(r'\s*([\w.]+)')
_METADATA_FILE = re.compile(r'[\\/][^\\/]+\.(dist|egg)-info([\\/]|$)')


def category(error):
    name = type(error).__name__
    text = str(error)
    if name in ('DistributionNotFound', 'VersionConflict', 'ContextualVersionConflict', 'PackageNotFoundError'):
        return 'missing-metadata'
    if isinstance(error, ImportError):
        if 'bad magic number' in text.lower():
            return 'corrupt-bytecode'
        if 'cannot import name' in text or 'partially initialized' in text or 'has no attribute' in text:
            return 'missing-name'
        return 'missing-module'
    if isinstance(error, AttributeError):
        return 'missing-name'
    if isinstance(error, SyntaxError):
        return 'truncated-source'
    if isinstance(error, ValueError):
        if 'null bytes' in text:
            return 'truncated-source'
        if 'bad marshal data' in text:
            return 'corrupt-bytecode'
        return None
    if isinstance(error, EOFError):
        return 'corrupt-bytecode' if ('marshal' in text or 'EOF read where' in text or 'reading' in text) else None
    if isinstance(error, (IOError, OSError)):
        filename = getattr(error, 'filename', None) or ''
        return 'missing-metadata' if _METADATA_FILE.search(str(filename)) else None
    return None


def _top(dotted):
    return dotted.split('.', 1)[0] if dotted else None


def _dist_of(entry_point):
    dist = getattr(entry_point, 'dist', None)
    if dist is None:
        return None, None
    name = getattr(dist, 'project_name', None)  # pkg_resources
    path = getattr(getattr(dist, '_provider', None), 'egg_info', None)
    if name is None:
        path = getattr(dist, '_path', None)  # importlib.metadata PathDistribution
        try:
            name = dist.metadata['Name']
        except Exception:
            name = None
    return name, (str(path) if path is not None else None)


def _group_of(entry_point):
    group = getattr(entry_point, 'group', None)
    if group or getattr(entry_point, 'dist', None) is None:
        return group
    try:  # pkg_resources entry points do not know their group; their distribution does
        for group_name, entries in entry_point.dist.get_entry_map().items():
            found = entries.get(entry_point.name)
            if found is not None and found.module_name == entry_point.module_name:
                return group_name
    except Exception:
        pass
    return None


class Implicated(object):
    """The names and paths a failure points at; relevance and completeness are judged on these."""

    def __init__(self, flavour, entry_point, error):
        self.entry_point = getattr(entry_point, 'name', None)
        self.group = _group_of(entry_point)
        module = getattr(entry_point, 'module_name', None)
        if module is None:
            match = _EP_MODULE.match(getattr(entry_point, 'value', '') or '')
            module = match.group(1) if match else None
        self.module = module
        dist_name, dist_path = _dist_of(entry_point)
        self.dists = set([dist_name]) if dist_name else set()
        self.dist_paths = set([dist_path]) if dist_path else set()
        self.modules = set([module]) if module else set()
        self.files = set()
        self.add(error)

    def add(self, error):
        missing = getattr(error, 'name', None)
        if isinstance(error, ImportError) and isinstance(missing, str) and type(error).__name__ != 'PackageNotFoundError':
            self.modules.add(missing)
        match = _CANNOT_IMPORT.search(str(error))
        if match:
            self.modules.add(match.group(2))
        path = _PATH_IN_PARENS.search(str(error))
        for candidate in (getattr(error, 'path', None), getattr(error, 'filename', None), path and path.group(1)):
            if isinstance(candidate, str) and os.path.isabs(candidate):
                self.files.add(candidate)
        requirement = getattr(error, 'req', None)
        if requirement is not None:
            self.dists.add(getattr(requirement, 'project_name', None) or getattr(requirement, 'name', None))
        if type(error).__name__ == 'PackageNotFoundError' and error.args:
            self.dists.add(str(error.args[0]))
        self.dists.discard(None)

    @property
    def tops(self):
        return set(_top(m) for m in self.modules if m)
