"""An entry point listed before the merge may name a module the merge took away.

Hosts keep the entry points they listed: pluggy for its one pass over the distributions, stevedore
across processes in its cache ($XDG_CACHE_HOME/python-entrypoints), whose key packs the path's and the
entry_points.txt files' mtimes as 32-bit floats and so stays the same for about two minutes after a
merge.  Loading again the very entry point that failed would fail for good after an upgrade that moved
the plugin to another module: once the merge is over, the installed metadata says what to load.
"""
import os
import sys


def _listed(finder, group, name):
    try:
        return list(finder(group=group, name=name))  # 3.10+, importlib_metadata >= 3.6
    except TypeError:
        pass
    listed = finder()  # 3.8, 3.9: a dict of group -> entry points
    return [e for e in listed.get(group, ()) if e.name == name]


def current(flavour, entry_point):
    """The same (group, name) as the installed metadata has it now, when its value changed; else None."""
    if flavour != 'importlib.metadata':
        return None
    group = getattr(entry_point, 'group', None)
    name = getattr(entry_point, 'name', None)
    value = getattr(entry_point, 'value', None)
    finder = getattr(sys.modules.get(type(entry_point).__module__), 'entry_points', None)
    if not (group and name and value and finder):
        return None
    try:
        found = _listed(finder, group, name)
    except Exception:  # a metadata reader tripping over another half-written distribution
        return None
    if not found or any(e.value == value for e in found):
        return None
    return found[0]


def forget_host_caches(entry_point):
    """Drop stevedore's cached listings that still hold the stale entry point, in memory and on disk,
    so the rest of this process and the processes after it list the installed metadata again."""
    cache = sys.modules.get('stevedore._cache')
    instance = getattr(cache, '_c', None)
    internal = getattr(instance, '_internal', None)
    directory = getattr(instance, '_dir', None)
    if not isinstance(internal, dict):
        return
    internal.clear()
    stale = [entry_point.name, entry_point.value, entry_point.group]
    try:
        names = os.listdir(directory)
    except (OSError, TypeError):
        return
    import json

    for name in names:
        path = os.path.join(directory, name)
        try:
            with open(path) as handle:
                groups = json.load(handle).get('groups', {})
            if stale in groups.get(entry_point.group, []):
                os.unlink(path)
        except (OSError, ValueError, AttributeError, TypeError):
            continue
