"""One JSON line per event in PLUGIN_SETTLE_EVENTS; the wrapper folds them into its report."""
import json
import os
import sys
import time


def _iso(t):
    return time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(t)) + '.%03dZ' % int((t % 1) * 1000)


def emit(config, event, implicated, waited_ms, **extra):
    record = {
        't': _iso(time.time()),
        'event': event,
        'group': implicated.group,
        'entry_point': implicated.entry_point,
        'module': implicated.module,
        'waited_ms': int(waited_ms),
        'pid': os.getpid(),
    }
    record.update(extra)
    if config.events:
        try:
            # O_APPEND and one write: lines from concurrent processes do not interleave.
            fd = os.open(config.events, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, (json.dumps(record, sort_keys=True) + '\n').encode('utf-8'))
            finally:
                os.close(fd)
        except OSError as error:
            sys.stderr.write('plugin-settle: cannot write events to %s: %s\n' % (config.events, error))
