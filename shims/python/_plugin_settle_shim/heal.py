"""Decide whether a failed entry-point load was a merge race, wait for the merge, and load again.

Only here does the shim read the environment and the file system; a build that never fails never
imports this module.
"""
import importlib
import os
import sys
import time

from . import STARTED, completeness, events, failure, guard, merges, stale, tree
from .config import Config

# Never dropped from sys.modules: the build machinery itself, even if it is being merged too.
_PROTECTED = ('setuptools', 'pkg_resources', 'distutils', '_distutils_hack', 'importlib_metadata', 'pip', 'wheel')


class Plan(object):
    def __init__(self, config, implicated, error, evidence, merging=False, flavour=None, entry_point=None):
        self.config = config
        self.flavour = flavour
        self.entry_point = entry_point
        self.implicated = implicated
        self.error = error
        self.evidence = evidence
        # An installer was at work when the load failed: its marker going away means the merge is over.
        self.merging = merging
        self.started = time.time()

    def waited_ms(self):
        return (time.time() - self.started) * 1000


def _say(config, message):
    if not config.quiet:
        sys.stderr.write('plugin-settle: ' + message + '\n')


def _describe(error):
    return '%s: %s' % (type(error).__name__, error)


def _as_if_uncaught(error):
    """The traceback Python would print had the failed load ended the process: from the program's start
    through the host's loader (pluggy's, stevedore's, setuptools': its frames name the host and often the
    group) down to the failure, without our frames."""
    import traceback

    tb = error.__traceback__
    callers = []
    if tb is not None and tb.tb_frame.f_code in guard.OWN_CODES:
        callers = list(traceback.extract_stack(tb.tb_frame.f_back))
    report = traceback.TracebackException(type(error), error, tb)
    ours = os.path.splitext(os.path.abspath(guard.__file__))[0]
    frames = [f for f in callers + list(report.stack) if os.path.splitext(os.path.abspath(f.filename))[0] != ours]
    report.stack = traceback.StackSummary.from_list(frames)
    return ''.join(report.format())


def _passed(config, implicated, flavour, kind, error, reason):
    """A load failure we let through: the tool may catch it and print it its own way, or not at all, so
    the record (with the traceback as Python would print it) is what the wrapper judges it by."""
    details = {}
    try:
        import _plugin_settle_record

        details = _plugin_settle_record.describe(type(error), error, _as_if_uncaught(error))
    except Exception:
        pass
    for own in ('t', 'pid'):
        details.pop(own, None)
    events.emit(config, 'passed', implicated, 0, category=kind, error=_describe(error), reason=reason,
                flavour=flavour, **details)


def evidence(config, implicated, since):
    return merges.in_progress(config) + tree.relevant_changes(config, implicated, since)


def assess(flavour, entry_point, error):
    """A Plan when the failure looks like a merge race with evidence, else None (re-raise unchanged)."""
    kind = failure.category(error)
    config = Config()
    implicated = failure.Implicated(flavour, entry_point, error)
    if kind is None:
        _passed(config, implicated, flavour, kind, error, 'not a failure a merge causes')
        return None
    if not config.heal:
        _passed(config, implicated, flavour, kind, error, 'healing off')
        return None
    if kind == 'truncated-source' and not any(f.startswith(tuple(config.roots)) for f in implicated.files):
        _passed(config, implicated, flavour, kind, error, 'outside the watched roots')
        return None
    merging = merges.in_progress(config)
    found = merging + tree.relevant_changes(config, implicated, STARTED - config.window)
    if not found:
        _passed(config, implicated, flavour, kind, error, 'no evidence')
        return None
    return Plan(config, implicated, error, found, merging=bool(merging), flavour=flavour, entry_point=entry_point)


def wait_until_settled(plan, deadline):
    """Quiet for settle, no merge in progress, implicated distribution complete; False at the deadline."""
    config = plan.config
    signature, _ = tree.fingerprint(config, plan.implicated)
    # Quiet is counted from when we started looking at the earliest: a dependency merged after its
    # plugin arrives a moment after the failure, and a tree quiet since before it proves nothing yet.
    last_move = time.time()
    saw_merge = plan.merging
    while True:
        now = time.time()
        current, newest = tree.fingerprint(config, plan.implicated)
        if current != signature:
            signature, last_move = current, now
        merging = merges.in_progress(config, now)
        saw_merge = saw_merge or bool(merging)
        missing = completeness.incomplete(config, plan.implicated, now)
        quiet = now - max(last_move, newest) >= config.settle
        # When the merge marker we saw is released the merge is over: no need to sit out the quiet time.
        if not merging and not missing and (quiet or saw_merge):
            return True
        if now >= deadline:
            return False
        time.sleep(config.poll)


def refresh(plan):
    """Forget what the half-merged state left behind, so the next load sees the tree as it is now."""
    importlib.invalidate_caches()
    for top in plan.implicated.tops:
        if top in _PROTECTED:
            continue
        for name in [n for n in sys.modules if n == top or n.startswith(top + '.')]:
            del sys.modules[name]
    roots = tuple(plan.config.roots)
    for key, finder in list(sys.path_importer_cache.items()):
        if finder is None and str(key).startswith(roots):
            del sys.path_importer_cache[key]
    pkg_resources = sys.modules.get('pkg_resources')
    if pkg_resources is not None:
        _refresh_working_set(pkg_resources)


def _refresh_working_set(pkg_resources):
    working_set = pkg_resources.working_set
    for entry in list(working_set.entries):
        for dist in pkg_resources.find_distributions(entry, True):
            if dist.key not in working_set.by_key:
                working_set.add(dist, entry, False)


def heal(plan, load):
    """`load(entry_point)` once the merge has settled: the one that failed, or the installed one now."""
    config = plan.config
    implicated = plan.implicated
    deadline = plan.started + config.max_wait
    reason = ', '.join(plan.evidence[:3])
    events.emit(config, 'waiting', implicated, 0, error=_describe(plan.error), evidence=plan.evidence[:10])
    _say(config, 'entry point %s failed (%s) while %s changed: waiting for the merge to settle' % (
        implicated.entry_point, _describe(plan.error), reason))
    entry_point = plan.entry_point
    while True:
        since = time.time()
        settled = wait_until_settled(plan, deadline)
        refresh(plan)
        newer = stale.current(plan.flavour, entry_point) if settled else None
        if newer is not None:
            _say(config, 'entry point %s is now %s (was %s)' % (implicated.entry_point, newer.value, entry_point.value))
            stale.forget_host_caches(entry_point)
            entry_point = newer
        try:
            value = load(entry_point)
        except BaseException as error:
            moving = evidence(config, implicated, since - config.settle)
            if failure.category(error) is None or not settled or not moving:
                why = 'max wait reached' if not settled else 'nothing moving' if not moving else 'other error'
                events.emit(config, 'gave-up', implicated, plan.waited_ms(), error=_describe(error), reason=why)
                _say(config, 'entry point %s still fails (%s): %s' % (implicated.entry_point, _describe(error), why))
                guard.trim_when_printed(heal.__code__)
                raise
            implicated.add(error)
            continue
        events.emit(config, 'healed', implicated, plan.waited_ms())
        _say(config, 'entry point %s loaded after waiting %d ms' % (implicated.entry_point, plan.waited_ms()))
        return value
