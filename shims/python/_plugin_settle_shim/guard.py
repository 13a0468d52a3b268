"""The wrapper put around each entry-point loader.

It costs one thread-local check per load when nothing fails.  On a failure it asks `heal` whether there
is evidence of a merge; without evidence the original exception is re-raised unchanged, and the wrapper's
own traceback entry is removed so the printed traceback is the one the build would have shown.
"""
import sys

import _thread

_PATCHED = '_plugin_settle_original_'
_state = _thread._local()
# Frames of these code objects are cut out of tracebacks that pass through unchanged.
OWN_CODES = set()


def _busy():
    return getattr(_state, 'busy', False)


def _set_busy(value):
    _state.busy = value


def wrap(cls, attribute, flavour):
    marker = _PATCHED + attribute
    if marker in cls.__dict__:
        return
    original = getattr(cls, attribute)

    def guarded(self, *args, **kwargs):
        # pkg_resources' load() calls resolve(): heal in the outermost loader only.
        if _busy():
            return original(self, *args, **kwargs)
        _set_busy(True)
        try:
            try:
                return original(self, *args, **kwargs)
            except BaseException as error:
                from . import heal

                plan = heal.assess(flavour, self, error)
                if plan is None:
                    hide_own_frame(error)
                    raise
            return heal.heal(plan, lambda entry_point: original(entry_point, *args, **kwargs))
        finally:
            _set_busy(False)

    guarded.__name__ = getattr(original, '__name__', attribute)
    guarded.__qualname__ = getattr(original, '__qualname__', attribute)
    guarded.__doc__ = getattr(original, '__doc__', None)
    guarded.__wrapped__ = original
    OWN_CODES.add(guarded.__code__)
    # The lambda that re-runs the load on a heal is ours too.
    OWN_CODES.update(c for c in guarded.__code__.co_consts if hasattr(c, 'co_filename'))
    setattr(cls, marker, original)
    setattr(cls, attribute, guarded)


def hide_own_frame(error):
    """Drop our frame from a traceback we re-raise.

    From 3.11 a bare `raise` re-raises `error.__traceback__`, so cutting the head is enough.  Before, the
    interpreter re-raises its own copy of the traceback; there a sys.excepthook cuts our frames out when
    the exception ends the process, which is how a failing build prints it.
    """
    tb = error.__traceback__
    if sys.version_info >= (3, 11):
        if tb is not None and tb.tb_frame.f_code in OWN_CODES:
            error.__traceback__ = tb.tb_next
    else:
        from .tracebacks import install_excepthook

        install_excepthook(OWN_CODES)


def trim_when_printed(*codes):
    """A failure we waited for and re-raise: its traceback passes through more of our frames
    (heal, the retry), so cut them all when the exception ends the process, on every version."""
    OWN_CODES.update(codes)
    from .tracebacks import install_excepthook

    install_excepthook(OWN_CODES)
