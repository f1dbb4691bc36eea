"""Tuning profiles: the thresholds the dispatcher decides by, as measured per
machine by ``systec-tune`` (see tune/README.md).

The library reads its process-wide profile once, at its first decision:
:func:`use` (before that), else ``SYSTEC_PROFILE``, else the user's and then
the system-wide file (:func:`location`), else the compiled defaults. A file
that is rejected (corrupt, truncated, written for another machine or build,
a newer format) is never used; :func:`status` says which and why.

>>> import systec.profile as sp
>>> reason, path, detail = sp.status()   # e.g. ("none", None, "...")
>>> P = sp.Profile()                     # the compiled defaults
>>> P.set("short_row_entries", 10).get("short_row_entries")
10.0

A :class:`Profile` can also be given to one matrix
(:meth:`systec.SymMatrix.set_profile`), for its next ``optimize``.
"""
import ctypes

from ._handle import Handle
from ._lib import fn
from .errors import call

_P, _PP, _S, _D = ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p), ctypes.c_char_p, ctypes.c_double
_PD = ctypes.POINTER(ctypes.c_double)
_PS = ctypes.POINTER(ctypes.c_char_p)
_STATUS = {
    "profile_use": [_S], "profile_location": [ctypes.c_int, _S, ctypes.c_size_t],
    "profile_new": [_PP], "profile_current": [_PP],
    "profile_read": [_PP, _S, ctypes.POINTER(ctypes.c_int)], "profile_write": [_P, _S],
    "profile_param": [ctypes.c_int, _PS, _PD, _PD, _PD, _PS],
    "profile_get": [_P, _S, _PD], "profile_set": [_P, _S, _D, _S],
    "profile_get_threads": [_P, ctypes.c_int, _S, _PD],
    "profile_set_threads": [_P, ctypes.c_int, _S, _D, _S],
    "profile_comment": [_P, _S],
    "profile_key": [_S, ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t)],
    "symmat_set_profile": [_P, _P],
}


def _declare():
    for name, args in _STATUS.items():
        f = fn(name)
        f.argtypes, f.restype = args, ctypes.c_int
    fn("profile_free").argtypes, fn("profile_free").restype = [_PP], None
    for name, args, res in (("profile_status", [_PS, _PS], ctypes.c_int),
                            ("profile_reason_name", [ctypes.c_int], _S),
                            ("profile_nparams", [], ctypes.c_int),
                            ("profile_param_per_threads", [ctypes.c_int], ctypes.c_int),
                            ("profile_threads", [_P, ctypes.POINTER(ctypes.c_int), ctypes.c_int],
                             ctypes.c_int),
                            ("build_id", [], _S)):
        f = fn(name)
        f.argtypes, f.restype = args, res


_declare()


def _text(b):
    return b.decode("utf-8", "replace") if b is not None else None


def _enc(s):
    return s.encode() if s is not None else None


def status():
    """The process-wide profile: (reason, path, detail). reason is "in use",
    "none" (the compiled defaults), or why the file at path was rejected
    ("corrupt", "truncated", "foreign", "stale", "future", "unreadable");
    detail is one line saying where it came from or why it was rejected."""
    path, detail = ctypes.c_char_p(), ctypes.c_char_p()
    r = fn("profile_status")(ctypes.byref(path), ctypes.byref(detail))
    return _text(fn("profile_reason_name")(r)), _text(path.value), _text(detail.value)


def use(path):
    """The program's choice of the process-wide profile (None or "none": the
    compiled defaults). Only before the library's first decision: later it
    raises SystecValueError and nothing changes."""
    call("profile_use", _enc(path))


def location(where="user"):
    """Where the process-wide profile is looked for: "user" (the XDG config
    file) or "system" (under the install prefix)."""
    if where not in ("user", "system"):
        raise ValueError("where must be 'user' or 'system', not %r" % (where,))
    buf = ctypes.create_string_buffer(4096)
    call("profile_location", 0 if where == "user" else 1, buf, len(buf))
    return _text(buf.value)


def key():
    """The key a profile written here carries: {"build": ..., "cpu": ...,
    "isa": ..., "caches": ..., "cores": ...}."""
    needed = ctypes.c_size_t()
    call("profile_key", None, 0, ctypes.byref(needed))
    buf = ctypes.create_string_buffer(needed.value)
    call("profile_key", buf, needed.value, ctypes.byref(needed))
    pairs = (line.split(" ", 1) for line in _text(buf.value).splitlines() if line)
    return {k: v for k, v in pairs}


def build_id():
    """This library's build id (a profile from another build is stale)."""
    return _text(fn("build_id")())


def params():
    """Every threshold: a list of dicts with name, default, min, max, what
    it decides, and per_threads (whether it may differ per thread count)."""
    out = []
    for k in range(fn("profile_nparams")()):
        name, what = ctypes.c_char_p(), ctypes.c_char_p()
        d, lo, hi = ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
        call("profile_param", k, ctypes.byref(name), ctypes.byref(d), ctypes.byref(lo),
             ctypes.byref(hi), ctypes.byref(what))
        out.append({"name": _text(name.value), "default": d.value, "min": lo.value,
                    "max": hi.value, "what": _text(what.value),
                    "per_threads": bool(fn("profile_param_per_threads")(k))})
    return out


class Profile(Handle):
    """A set of thresholds keyed to this build and machine: the compiled
    defaults (no path), or a profile file read and checked (a rejected file
    raises SystecError, its reason in the message; an unreadable one
    SystecIOError)."""

    _free = "profile_free"

    def __init__(self, path=None):
        h = ctypes.c_void_p()
        if path is None:
            call("profile_new", ctypes.byref(h))
        else:
            why = ctypes.c_int()
            call("profile_read", ctypes.byref(h), _enc(str(path)), ctypes.byref(why))
        self._own(h)

    @classmethod
    def current(cls):
        """A copy of the process-wide thresholds in force."""
        P = cls.__new__(cls)
        h = ctypes.c_void_p()
        call("profile_current", ctypes.byref(h))
        P._own(h)
        return P

    def get(self, name, threads=None):
        """Threshold `name`; with threads, the value a plan on that many
        threads reads (its section's, else the one outside sections)."""
        v = ctypes.c_double()
        if threads is None:
            call("profile_get", self._h, _enc(name), ctypes.byref(v))
        else:
            call("profile_get_threads", self._h, int(threads), _enc(name), ctypes.byref(v))
        return v.value

    def set(self, name, value, note=None, threads=None):
        """Sets threshold `name` (in its range, else SystecValueError), with
        an optional one-line note on how it was measured; with threads (2 or
        more), only for plans on that many threads (a per-thread-count
        threshold). Returns the profile, so calls chain."""
        if threads is None:
            call("profile_set", self._h, _enc(name), float(value), _enc(note))
        else:
            call("profile_set_threads", self._h, int(threads), _enc(name), float(value),
                 _enc(note))
        return self

    def threads(self):
        """The thread counts the profile has sections for, ascending."""
        n = fn("profile_threads")(self._h, None, 0)
        counts = (ctypes.c_int * max(n, 1))()
        fn("profile_threads")(self._h, counts, n)
        return list(counts[:n])

    def comment(self, line):
        """Appends one line to the file's header comments."""
        call("profile_comment", self._h, _enc(line))
        return self

    def write(self, path):
        """Writes the profile (through a temporary file renamed into place)."""
        call("profile_write", self._h, _enc(str(path)))
