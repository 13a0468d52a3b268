"""Is the implicated distribution completely there?  DESIGN.md decision step 4, word for word.

Quiet is not done: an installer may pause for seconds between a plugin's metadata and its code.
"""
import csv
import os
import re

from .tree import changed_at, listdir, metadata_project, normalize, provides, read_lines

_EP_LINE = re.compile(r'^\s*[^#;\[=][^=]*=\s*([\w.]+)')
_STAGING = re.compile(r'^(~|\.tmp)|\.tmp$')


def metadata_dirs(config, implicated):
    """(root, metadata dir) of every distribution the failure implicates that is present now."""
    dists = set(normalize(d) for d in implicated.dists)
    tops = implicated.tops
    paths = set(os.path.abspath(p) for p in implicated.dist_paths)
    found = []
    for root in config.roots:
        for entry in listdir(root):
            project = metadata_project(entry)
            if project is None:
                continue
            path = os.path.join(root, entry)
            if project in dists or path in paths or (tops and tops & provides(path)):
                found.append((root, path))
    return found


def _top_level(metadata):
    return set(line.strip() for line in read_lines(os.path.join(metadata, 'top_level.txt')) if line.strip())


def _module_exists(root, name):
    """A name exists as a module: name.py, a directory name/ (package or namespace), or name*.so."""
    path = os.path.join(root, *name.split('/'))
    if os.path.isfile(path + '.py') or os.path.isdir(path):
        return True
    folder, base = os.path.split(path)
    return any(e.startswith(base + '.') and e.endswith('.so') for e in listdir(folder))


def _entry_point_module_exists(root, dotted):
    """pkg/mod.py or pkg/mod/__init__.py, with each parent package's __init__.py."""
    parts = dotted.split('.')
    for depth in range(1, len(parts)):
        if not os.path.isfile(os.path.join(root, *(parts[:depth] + ['__init__.py']))):
            return False
    leaf = os.path.join(root, *parts)
    if os.path.isfile(leaf + '.py') or os.path.isfile(os.path.join(leaf, '__init__.py')):
        return True
    folder, base = os.path.split(leaf)
    return any(e.startswith(base + '.') and e.endswith('.so') for e in listdir(folder))


def _record_missing(root, metadata):
    missing = []
    with open(os.path.join(metadata, 'RECORD'), newline='') as handle:
        for row in csv.reader(handle):
            if not row or '__pycache__' in row[0].replace('\\', '/').split('/'):
                continue
            path = os.path.normpath(os.path.join(root, row[0]))
            size = row[2] if len(row) > 2 else ''
            try:
                if size and os.path.getsize(path) != int(size):
                    missing.append(path + ' (size)')
            except (OSError, ValueError):
                missing.append(path)
    return missing


def _named_missing(root, metadata):
    missing = [name for name in _top_level(metadata) if not _module_exists(root, name)]
    for line in read_lines(os.path.join(metadata, 'entry_points.txt')):
        match = _EP_LINE.match(line)
        if match and not _entry_point_module_exists(root, match.group(1)):
            missing.append(match.group(1))
    for line in read_lines(os.path.join(metadata, 'installed-files.txt')):
        name = line.strip()
        if name and '__pycache__' not in name and not name.endswith('.pyc'):
            if not os.path.lexists(os.path.normpath(os.path.join(metadata, name))):
                missing.append(name)
    return missing


def _arriving(root, metadata, config, now):
    """A young dist-info without RECORD while pip/uv-style staging files are around: still being written."""
    when = changed_at(metadata, deep=True)
    if when is None or now - when > config.window:
        return False
    return any(_STAGING.search(e) for e in listdir(root) + listdir(metadata))


def _installer_signs(root, metadata):
    """pip/uv-style temp or stash names beside or inside the metadata: an installer still at work."""
    return any(_STAGING.search(e) for e in listdir(root) + listdir(metadata))


def incomplete(config, implicated, now):
    """What is still missing from the implicated distributions (empty when they are complete)."""
    missing = []
    for root, metadata in metadata_dirs(config, implicated):
        when = changed_at(metadata, deep=True)
        if when is not None and now - when >= config.settle and not _installer_signs(root, metadata):
            # No installer at work (no temp or stash name; the caller asks for markers): a distribution
            # unchanged for the settle time is a broken install (a crashed installer, a broken
            # package), not one in progress. The wrapper's rule too (src/watch/completeness/arriving.ts).
            continue
        has_record = metadata.endswith('.dist-info') and os.path.isfile(os.path.join(metadata, 'RECORD'))
        try:
            if has_record:
                gaps = _record_missing(root, metadata)
            elif metadata.endswith('.dist-info') and _arriving(root, metadata, config, now):
                gaps = ['RECORD']
            else:
                gaps = _named_missing(root, metadata)
        except (OSError, UnicodeDecodeError):
            gaps = [os.path.join(metadata, 'RECORD')]
        missing.extend(os.path.basename(metadata) + ': ' + gap for gap in gaps)
    return missing
