"""Is an installer at work now?  Our own merge marker and Portage's -MERGING- directories.

A marker whose owner is dead, or a -MERGING- directory that has not changed for stale-after, is a
leftover of a crashed installer: it is never waited on.
"""
import json
import os
import socket
import time

from .tree import changed_at, listdir

MARKER = '.plugin-settle-merge'


def _alive(pid):
    if pid <= 0:
        return False  # 0 and negatives name process groups, not an owner
    try:
        os.kill(pid, 0)
    except PermissionError:
        return True
    except (OSError, OverflowError):
        return False
    return True


def _marker_live(marker, stale_after, now):
    """Live while its owner on this host is; otherwise (another host's merge, or owner.json unwritten or
    unreadable: mkdir comes first) while young. The wrapper's rule too (src/watch/detectors/marker.ts)."""
    try:
        with open(os.path.join(marker, 'owner.json')) as handle:
            owner = json.load(handle)
    except (OSError, ValueError):
        owner = None
    pid = owner.get('pid') if isinstance(owner, dict) else None
    if isinstance(pid, int) and not isinstance(pid, bool) and owner.get('host') == socket.gethostname():
        return _alive(pid)
    when = changed_at(marker, deep=False)
    return when is not None and now - when < stale_after


def in_progress(config, now=None):
    """Descriptions of the merges going on now (empty when none)."""
    now = time.time() if now is None else now
    found = []
    for root in config.roots:
        marker = os.path.join(root, MARKER)
        if os.path.isdir(marker) and _marker_live(marker, config.stale_after, now):
            found.append(marker)
    for category in listdir(config.portage_vdb):
        folder = os.path.join(config.portage_vdb, category)
        for entry in listdir(folder):
            if entry.startswith('-MERGING-'):
                when = changed_at(os.path.join(folder, entry), deep=True)
                if when is not None and now - when < config.stale_after:
                    found.append(os.path.join(folder, entry))
    return found
