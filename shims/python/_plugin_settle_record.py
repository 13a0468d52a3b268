"""Records, in PLUGIN_SETTLE_EVENTS, how a Python of the build failed (README "Protocol").

The wrapper passes the build's output through untouched and judges a failure by these records instead of
by reading the output.  Imported only when a process fails, so a passing build pays nothing for it.
Stdlib only, and importable by every Python the shim loads in, 2.7 included.
"""
import json
import os
import sys
import time

# A traceback longer than this keeps its head and its last lines (where the exception is named).
_TEXT_LIMIT = 64 * 1024


def _iso(t):
    return time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime(t)) + '.%03dZ' % int((t % 1) * 1000)


def _text(value):
    try:
        text = value if isinstance(value, str) else str(value)
    except Exception:
        try:
            text = repr(value)
        except Exception:
            text = '<unprintable>'
    if not isinstance(text, str):  # Python 2: a unicode message
        text = text.encode('utf-8', 'replace')
    return text


def _clip(text):
    if len(text) <= _TEXT_LIMIT:
        return text
    return text[: _TEXT_LIMIT // 4] + '\n...\n' + text[-(_TEXT_LIMIT * 3 // 4) :]


def own_roots():
    """The site-packages of this interpreter: a venv's, --user, a distro's dist-packages."""
    roots = []
    for entry in sys.path:
        if os.path.basename(entry) in ('site-packages', 'dist-packages') and os.path.isdir(entry):
            path = os.path.abspath(entry)
            if path not in roots:
                roots.append(path)
    return roots


def describe(kind, value, traceback_text):
    """The fields every failure record has: what was raised, where, by which interpreter."""
    record = {
        't': _iso(time.time()),
        'pid': os.getpid(),
        'ppid': os.getppid(),
        'executable': sys.executable,
        'argv0': sys.argv[0] if getattr(sys, 'argv', None) else None,
        'roots': own_roots(),
        'type': getattr(kind, '__name__', _text(kind)),
        'message': _text(value),
        'traceback': _clip(traceback_text),
    }
    if isinstance(value, ImportError):
        for field in ('name', 'path'):
            found = getattr(value, field, None)
            if isinstance(found, str):
                record[field] = found
    return record


def append(record):
    """One write with O_APPEND: lines from concurrent processes of the build do not interleave."""
    target = os.environ.get('PLUGIN_SETTLE_EVENTS')
    if not target:
        return
    line = (json.dumps(record, sort_keys=True) + '\n').encode('utf-8')
    try:
        fd = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, line)
        finally:
            os.close(fd)
    except (IOError, OSError) as error:
        sys.stderr.write('plugin-settle: cannot record a failure in %s: %s\n' % (target, error))


def _error_line(text, offset):
    """The one line of a SyntaxError's text that CPython's own printer shows, and the offset in it.

    The traceback module before 3.10 prints all of a multi-line text (a triple-quoted string cut short
    spans the rest of the file), where the interpreter prints the line holding the offset.
    """
    if not isinstance(offset, int) or offset < 0 or '\n' not in text.rstrip('\n'):
        return text, offset
    if offset > 0 and offset == len(text) and text[offset - 1] == '\n':
        offset -= 1
    while True:
        newline = text.find('\n')
        if newline < 0 or newline >= offset:
            break
        offset -= newline + 1
        text = text[newline + 1 :]
    stripped = text.lstrip(' \t\f')
    return stripped, offset - (len(text) - len(stripped))


def as_printed(report):
    """A traceback.TracebackException's text, its SyntaxErrors shown as the interpreter shows them."""
    current, seen = report, set()
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if getattr(current, 'text', None):
            current.text, current.offset = _error_line(current.text, current.offset)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return ''.join(report.format())


def uncaught(kind, value, tb, text=None):
    """An exception is ending the process: record it with the traceback Python prints for it."""
    if text is None:
        import traceback

        if hasattr(traceback, 'TracebackException'):
            text = as_printed(traceback.TracebackException(kind, value, tb))
        else:  # Python 2
            text = ''.join(traceback.format_exception(kind, value, tb))
    record = describe(kind, value, text)
    record['event'] = 'exception'
    append(record)
