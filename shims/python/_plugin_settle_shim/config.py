"""The knobs `plugin-settle run` passes through the environment (DESIGN.md, "Protocol")."""
import os
import sys


def _ms(name, default):
    try:
        return max(0, int(os.environ.get(name, '')))
    except ValueError:
        return default


def _own_roots():
    # The interpreter running the build knows its site-packages best (a venv, --user, a distro layout):
    # the wrapper passes only the roots the user added, and they join these.
    return [p for p in sys.path if os.path.basename(p) in ('site-packages', 'dist-packages') and os.path.isdir(p)]


class Config(object):
    def __init__(self):
        env = os.environ
        given = [r for r in env.get('PLUGIN_SETTLE_ROOTS', '').split(os.pathsep) if r]
        roots = []
        for root in _own_roots() + given:
            root = os.path.abspath(root)
            if root not in roots:
                roots.append(root)
        self.roots = roots
        self.window = _ms('PLUGIN_SETTLE_WINDOW_MS', 5000) / 1000.0
        self.settle = _ms('PLUGIN_SETTLE_SETTLE_MS', 750) / 1000.0
        self.max_wait = _ms('PLUGIN_SETTLE_MAX_WAIT_MS', 120000) / 1000.0
        self.stale_after = _ms('PLUGIN_SETTLE_STALE_AFTER_MS', 60000) / 1000.0
        self.any_evidence = env.get('PLUGIN_SETTLE_EVIDENCE') == 'any'
        self.events = env.get('PLUGIN_SETTLE_EVENTS') or None
        self.quiet = env.get('PLUGIN_SETTLE_QUIET') == '1'
        # 0: record failures for the wrapper but never wait in process (its retry then handles races).
        self.heal = env.get('PLUGIN_SETTLE_HEAL') != '0'
        # Portage's vdb; overridable so tests (and a ROOT other than /) can point elsewhere.
        self.portage_vdb = env.get('PLUGIN_SETTLE_PORTAGE_VDB') or os.path.join(env.get('EROOT') or '/', 'var/db/pkg')
        self.poll = min(0.05, max(0.01, self.settle / 5))
