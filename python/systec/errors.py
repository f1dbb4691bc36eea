"""Library errors as Python exceptions.

Every failing libsystec call raises a :class:`SystecError` (or a subclass)
carrying the status code, the library's static description of it
(``systec_strerror``) and its detail message for this failure
(``systec_last_error``, e.g. ``"bcsstk01.mtx:17: expected 3 fields, got 2"``).
The subclasses also derive from the matching built-in exception, so
``except ValueError`` catches a bad argument whether Python or the library
noticed it. As in C, nothing is written to an output when a call fails.
"""
from ._lib import fn


class SystecError(Exception):
    """A libsystec call returned an error status.

    Attributes: ``status`` (the negative ``systec_status_t``), ``function``
    (the C function), ``reason`` (``systec_strerror``), ``detail``
    (``systec_last_error``, may be empty).
    """

    def __init__(self, function, status, reason, detail):
        self.function, self.status = function, status
        self.reason, self.detail = reason, detail
        text = "%s: %s" % (function, reason)
        super().__init__(text + (": " + detail if detail else ""))


class SystecValueError(SystecError, ValueError):
    """Bad argument: sizes, pointers, indices, triangle, symmetry, types."""


class SystecIOError(SystecError, OSError):
    """A file cannot be opened, read or written."""


class SystecParseError(SystecError, ValueError):
    """A malformed file; the detail names the line."""


class SystecMemoryError(SystecError, MemoryError):
    """The library could not allocate memory."""


class SystecUnsupportedError(SystecError, NotImplementedError):
    """Valid input this build of the library does not handle."""


# status codes outside this table (argument errors, -1 .. -11, and anything
# newer) raise SystecValueError when negative and above -100, else SystecError
_BY_STATUS = {-100: SystecMemoryError, -101: SystecIOError,
              -102: SystecParseError, -103: SystecUnsupportedError}


def _error_class(status):
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    return SystecValueError if -100 < status < 0 else SystecError


def check(status, function):
    """Raises the matching SystecError unless status is SYSTEC_SUCCESS."""
    if status == 0:
        return
    reason = fn("strerror")(status).decode("utf-8", "replace")
    detail = (fn("last_error")() or b"").decode("utf-8", "replace")
    raise _error_class(status)("systec_" + function, status, reason, detail)


def call(function, *args):
    """Calls systec_<function>(*args) and raises on an error status."""
    check(fn(function)(*args), function)

