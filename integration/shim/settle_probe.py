"""Asks the shim's settle rule about a tree: python settle_probe.py '<json>' -> JSON on stdout.

Input: {"modules": [...], "dists": [...]}; the roots and knobs come from the environment, as in a build.
"""
import json
import sys
import time

from _plugin_settle_shim import completeness, merges
from _plugin_settle_shim.config import Config
from _plugin_settle_shim.failure import Implicated


class _EntryPoint(object):
    name = 'probe'
    group = 'egg_info.writers'
    value = 'probe:hook'
    dist = None


question = json.loads(sys.argv[1])
implicated = Implicated('importlib.metadata', _EntryPoint(), RuntimeError('probe'))
implicated.modules = set(question.get('modules', []))
implicated.dists = set(question.get('dists', []))
config = Config()
now = time.time()
json.dump({'incomplete': completeness.incomplete(config, implicated, now), 'merges': merges.in_progress(config, now)}, sys.stdout)
