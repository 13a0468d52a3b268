"""Before Python 3.11 a re-raised exception keeps the wrapper's traceback entry; this excepthook cuts it.

Installed only after the first failure that passed through unchanged, so a build that never fails
keeps the excepthook it had.
"""
import sys


def _without_own_frames(tb, own_codes):
    while tb is not None and tb.tb_frame.f_code in own_codes:
        tb = tb.tb_next
    head = tb
    while tb is not None:
        following = tb.tb_next
        while following is not None and following.tb_frame.f_code in own_codes:
            following = following.tb_next
        tb.tb_next = following
        tb = following
    return head


def install_excepthook(own_codes):
    previous = sys.excepthook
    if getattr(previous, '_plugin_settle', False):
        return

    def excepthook(kind, value, tb):
        if sys.version_info < (3, 7):  # tb_next is read-only: print the filtered traceback ourselves
            record = getattr(previous, '_plugin_settle_record', None)
            underlying = getattr(previous, '_plugin_settle_previous', previous)
            if underlying is not sys.__excepthook__:
                return previous(kind, value, tb)
            text = _without_own_frames_text(kind, value, tb, own_codes)
            if record is not None:
                record(kind, value, tb, text)
            sys.stderr.write(text)
            return None
        seen = set()
        error = value
        while error is not None and id(error) not in seen:
            seen.add(id(error))
            error.__traceback__ = _without_own_frames(error.__traceback__, own_codes)
            error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
        previous(kind, value, _without_own_frames(tb, own_codes))

    excepthook._plugin_settle = True
    sys.excepthook = excepthook


def _without_own_frames_text(kind, value, tb, own_codes):
    import traceback

    report = traceback.TracebackException(kind, value, tb)
    current, seen = report, set()
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kept = [frame for frame in current.stack if not _is_own(frame, own_codes)]
        current.stack = traceback.StackSummary.from_list(kept)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    try:
        import _plugin_settle_record

        return _plugin_settle_record.as_printed(report)
    except ImportError:
        return ''.join(report.format())


def _is_own(frame, own_codes):
    return any(frame.filename == code.co_filename and frame.name == code.co_name for code in own_codes)
