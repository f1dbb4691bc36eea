"""Finding and loading libsystec, and the C prototypes this package calls.

The library is found, in this order:

1. the file named by the environment variable ``SYSTEC_LIBRARY`` (when it is
   set, nothing else is tried: a wrong path is an error, not a fallback);
2. the library installed beside this package by ``cmake --install`` (the path
   is recorded, relative to the package, in ``systec/_installed.py``);
3. the dynamic loader's search for ``libsystec.so.0`` (``LD_LIBRARY_PATH``,
   the ``ldconfig`` cache);
4. ``/usr/local/lib/libsystec.so.0``, the default CMake prefix, for an install
   that ``ldconfig`` has not seen yet.

The library is loaded with :class:`ctypes.CDLL`, which releases the GIL for
the duration of every foreign call: other Python threads run while a kernel
does.
"""
import ctypes
import os
from pathlib import Path

SONAME = "libsystec.so.0"


class LibraryNotFoundError(ImportError):
    """libsystec could not be loaded from any of the places searched."""


def _installed_library():
    try:
        from . import _installed  # written by the CMake install only
    except ImportError:
        return None
    return str((Path(__file__).resolve().parent / _installed.LIBRARY).resolve())


def candidates():
    """The library paths or names tried, in order."""
    env = os.environ.get("SYSTEC_LIBRARY")
    if env:
        return [env]
    found = [_installed_library(), SONAME, "/usr/local/lib/" + SONAME]
    return [c for c in found if c]


def _load():
    tried = []
    for c in candidates():
        try:
            return ctypes.CDLL(c)
        except OSError as e:
            tried.append("%s (%s)" % (c, e))
    raise LibraryNotFoundError(
        "libsystec not found; tried: " + "; ".join(tried) +
        ". Build and install it (cmake --install), or set SYSTEC_LIBRARY "
        "to the path of libsystec.so")


lib = _load()

# ------------------------------------------------------------ C constants
LOWER, UPPER = ord("L"), ord("U")
FLOAT, DOUBLE = 1, 2
INT32, INT64 = 1, 2
PLUS_TIMES, MIN_PLUS = 0, 1
SYM_CANONICAL, SYM_FULL = 1, 2
HYPER_UNIFORM, HYPER_PADDED = 1, 2


class Coo(ctypes.Structure):
    """systec_coo_t"""
    _fields_ = [("nrows", ctypes.c_int64), ("ncols", ctypes.c_int64),
                ("nnz", ctypes.c_int64), ("row", ctypes.c_void_p),
                ("col", ctypes.c_void_p), ("val", ctypes.c_void_p),
                ("symmetric", ctypes.c_int), ("pattern", ctypes.c_int)]


class Tns(ctypes.Structure):
    """systec_tns_t"""
    _fields_ = [("order", ctypes.c_int), ("dim", ctypes.c_int64),
                ("nnz", ctypes.c_int64), ("ind", ctypes.c_void_p),
                ("val", ctypes.c_void_p)]


# ------------------------------------------------------------ prototypes
_P, _PP = ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p)
_E, _I, _I64 = ctypes.c_int, ctypes.c_int, ctypes.c_int64
_PI, _PI64 = ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int64)
_S = ctypes.c_char_p
_COO, _TNS = ctypes.POINTER(Coo), ctypes.POINTER(Tns)


def _scalar_protos(prefix, real):
    """The d- or s-prefixed calls, with their scalar type."""
    return {
        prefix + "symv": [_P, real, _P, real, _P],
        prefix + "syprd": [_P, real, _P, real, _P],
        prefix + "symm": [_P, _I64, real, _P, real, _P],
        prefix + "symv_minplus": [_P, _P, _P],
        prefix + "sybilin": [_P, real, _P, _P, real, _P],
        prefix + "syrk": [_P, _PP],
        prefix + "mttkrp": [_P, _I64, _P, _P],
        prefix + "ttm": [_P, _I64, _P, _P],
        prefix + "ttm_expand": [_I64, _I64, _P, _P],
    }


_STATUS_CALLS = {
    "symmat_create_csr": [_PP, _E, _E, _E, _I64, _P, _P, _P],
    "symmat_create_csr_minplus": [_PP, _E, _E, _E, _I64, _P, _P, _P],
    "symmat_from_coo": [_PP, _COO, _E, _E],
    "symmat_from_coo_minplus": [_PP, _COO, _E, _E],
    "symmat_semiring": [_P, _PI],
    "symmat_info": [_P, _PI64, _PI64, _PI, _PI],
    "mm_read": [_S, _COO],
    "csrmat_create_csr": [_PP, _E, _E, _I64, _I64, _P, _P, _P],
    "csrmat_data": [_P, _PP, _PP, _PP],
    "csrmat_from_symmat": [_PP, _P],
    "csrmat_info": [_P, _PI64, _PI64, _PI64, _PI, _PI],
    "csrmat_expand_upper": [_P, _PP],
    "tns_read": [_S, _TNS],
    "ssten_read": [_S, _TNS],
    "hypergraph_read": [_S, _S, _I, _E, _TNS],
    "symten_create": [_PP, _TNS, _E, _E],
    "symten_info": [_P, _PI, _PI64, _PI64, _PI64, _PI],
    "symten_to_tns": [_P, _TNS],
    "symten_expand": [_P, _TNS],
    # the plan API
    "symmat_hint": [_P, _E, _I64, _I],
    "symmat_force": [_P, _E, _S],
    "symmat_optimize": [_P],
    "symmat_describe": [_P, _E, ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t)],
    "symmat_update_values": [_P, _E, _P, _P, _P],
    "set_num_threads": [_I],
}
_STATUS_CALLS.update(_scalar_protos("d", ctypes.c_double))
_STATUS_CALLS.update(_scalar_protos("s", ctypes.c_float))

_VOID_CALLS = {
    "symmat_free": [_PP], "csrmat_free": [_PP], "symten_free": [_PP],
    "coo_free": [_COO], "tns_free": [_TNS],
    "version": [_PI, _PI, _PI],
}


def _declare():
    for name, args in _STATUS_CALLS.items():
        f = getattr(lib, "systec_" + name)
        f.argtypes, f.restype = args, ctypes.c_int
    for name, args in _VOID_CALLS.items():
        f = getattr(lib, "systec_" + name)
        f.argtypes, f.restype = args, None
    lib.systec_get_num_threads.argtypes, lib.systec_get_num_threads.restype = [], ctypes.c_int
    for name, args in (("strerror", [ctypes.c_int]), ("last_error", []),
                       ("version_string", []), ("isa", [])):
        f = getattr(lib, "systec_" + name)
        f.argtypes, f.restype = args, ctypes.c_char_p


_declare()


def fn(name):
    """The C function systec_<name>."""
    return getattr(lib, "systec_" + name)


def version():
    """The linked library's version as (major, minor, patch)."""
    v = [ctypes.c_int() for _ in range(3)]
    lib.systec_version(*(ctypes.byref(x) for x in v))
    return tuple(x.value for x in v)
