"""Reading the watched roots: which entries are relevant to a failure, and when they last changed.

mtime *and* ctime count: installers that preserve mtimes (copy2, tar, rename) still bump ctime.
"""
import os
import re

_DEEP_LIMIT = 5000
_SEPARATORS = re.compile(r'[-_.]+')


def normalize(name):
    """PEP 503 project-name normalisation."""
    return _SEPARATORS.sub('-', name).lower()


def metadata_project(entry):
    """'pbr-5.10.0.dist-info' -> 'pbr'; None for anything that is not a metadata directory."""
    for suffix in ('.dist-info', '.egg-info'):
        if entry.endswith(suffix):
            return normalize(entry[: -len(suffix)].split('-', 1)[0])
    return None


def read_lines(path):
    try:
        with open(path) as handle:
            return handle.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return []


_EP_MODULE = re.compile(r'^\s*[^#;\[=][^=]*=\s*([\w.]+)')
_provides_cache = {}


def provides(metadata):
    """Top-level names a distribution installs or points its entry points at, from its metadata alone.

    top_level.txt, the first components of RECORD, the modules of entry_points.txt, and the project
    name itself: whichever of them a half-written metadata directory already has.
    """
    try:
        st = os.stat(metadata)
    except OSError:
        return set()
    key = (metadata, st.st_mtime, st.st_ctime)
    names = _provides_cache.get(key)
    if names is None:
        names = set(line.strip() for line in read_lines(os.path.join(metadata, 'top_level.txt')) if line.strip())
        for line in read_lines(os.path.join(metadata, 'RECORD')):
            first = line.split(',', 1)[0].replace('\\', '/').split('/', 1)[0]
            if first and not first.startswith('..') and metadata_project(first) is None:
                names.add(first[:-3] if first.endswith('.py') else first.split('.', 1)[0])
        for line in read_lines(os.path.join(metadata, 'entry_points.txt')):
            match = _EP_MODULE.match(line)
            if match:
                names.add(match.group(1).split('.', 1)[0])
        names.add((metadata_project(os.path.basename(metadata)) or '').replace('-', '_'))
        _provides_cache[key] = names
    return names


def listdir(path):
    try:
        return os.listdir(path)
    except OSError:
        return []


def changed_at(path, deep):
    """Newest of mtime/ctime of `path` and, when deep, of everything under it (bounded)."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    newest = max(st.st_mtime, st.st_ctime)
    if deep and os.path.isdir(path):
        seen = 0
        for folder, dirs, files in os.walk(path):
            for name in dirs + files:
                seen += 1
                try:
                    child = os.lstat(os.path.join(folder, name))
                except OSError:
                    continue
                newest = max(newest, child.st_mtime, child.st_ctime)
            if seen > _DEEP_LIMIT:
                break
    return newest


def _module_entry(entry, tops):
    if entry in tops:
        return True
    for top in tops:
        if entry.startswith(top + '.') and entry[len(top) + 1 :].split('.')[-1] in ('py', 'pyc', 'so', 'pyd'):
            return True
    return False


def relevant_entries(root, implicated):
    """Top-level entries of `root` that a failure implicates (DESIGN.md decision step 2)."""
    tops = implicated.tops | _tops_of_files(root, implicated.files)
    dists = set(normalize(d) for d in implicated.dists)
    dist_paths = set(os.path.abspath(p) for p in implicated.dist_paths)
    found = []
    for entry in listdir(root):
        path = os.path.join(root, entry)
        if entry.endswith('.pth') or _module_entry(entry, tops) or path in dist_paths:
            found.append(path)
        elif metadata_project(entry) is not None and (metadata_project(entry) in dists or tops & provides(path)):
            found.append(path)
    return found


def _tops_of_files(root, files):
    tops = set()
    prefix = os.path.join(root, '')
    for path in files:
        if path.startswith(prefix):
            first = path[len(prefix) :].split(os.sep, 1)[0]
            tops.add(first.split('.', 1)[0])
    return tops


def relevant_changes(config, implicated, since):
    """Relevant paths under the roots that changed at or after `since` (seconds since the epoch)."""
    changed = []
    for root in config.roots:
        if config.any_evidence:
            candidates = [os.path.join(root, e) for e in listdir(root)]
        else:
            candidates = relevant_entries(root, implicated)
        for path in candidates:
            when = changed_at(path, deep=not config.any_evidence)
            if when is not None and when >= since:
                changed.append(path)
    return changed


def fingerprint(config, implicated):
    """What the roots look like now: the top-level entries, and deep the implicated ones.

    Returns (signature, newest change time); two equal signatures mean nothing moved in between.
    """
    signature = []
    newest = 0.0
    for root in config.roots:
        relevant = set(relevant_entries(root, implicated))
        for entry in sorted(listdir(root)):
            path = os.path.join(root, entry)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            signature.append((path, st.st_size, st.st_mtime, st.st_ctime))
            when = changed_at(path, deep=path in relevant)
            if when is not None:
                signature.append((path, when))
                newest = max(newest, when)
    return tuple(signature), newest
