"""Is an installer at work now?  Our own merge marker and Portage's -MERGING- directories.

A marker not refreshed within stale-after (its owner's heartbeat) or whose owner on this host is dead,
or a -MERGING- directory that has not changed for stale-after, is a leftover of a crashed installer:
it is never waited on.
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
    """The marker's mtime is its owner's heartbeat (refreshed every stale-after/4): live while refreshed
    within stale-after, wherever the owner runs, and never when its owner on this host is dead. mtime
    alone: a marker restored from a cache keeps its old mtime under a fresh ctime. The wrapper's rule
    too (src/watch/detectors/marker.ts)."""
    try:
        with open(os.path.join(marker, 'owner.json')) as handle:
            owner = json.load(handle)
    except (OSError, ValueError):
        owner = None
    pid = owner.get('pid') if isinstance(owner, dict) else None
    if isinstance(pid, int) and not isinstance(pid, bool) and owner.get('host') == socket.gethostname():
        if not _alive(pid):
            return False
    try:
        beat = os.stat(marker).st_mtime
    except OSError:
        return False
    return now - beat <= stale_after


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
