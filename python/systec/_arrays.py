"""numpy arrays handed to the library: types, layout, the copies they need."""
import numpy as np

from ._lib import DOUBLE, FLOAT, INT32, INT64

_VALUE_CODES = {np.dtype(np.float32): FLOAT, np.dtype(np.float64): DOUBLE}
_INDEX_CODES = {np.dtype(np.int32): INT32, np.dtype(np.int64): INT64}
VALUE_DTYPES = {v: k for k, v in _VALUE_CODES.items()}
INDEX_DTYPES = {v: k for k, v in _INDEX_CODES.items()}
INT32_MAX = np.iinfo(np.int32).max


def value_dtype(requested, found):
    """The value type to use: the one requested, else the input's own when it
    is float32 or float64, else float64."""
    if requested is not None:
        dt = np.dtype(requested)
        if dt not in _VALUE_CODES:
            raise ValueError("dtype must be float32 or float64, not %s" % dt)
        return dt
    found = np.dtype(found)
    return found if found in _VALUE_CODES else np.dtype(np.float64)


def index_dtype(requested, found):
    """The index type to use: the one requested, else the input's own."""
    dt = np.dtype(requested if requested is not None else found)
    if dt not in _INDEX_CODES:
        raise ValueError("index_dtype must be int32 or int64, not %s" % dt)
    return dt


def value_code(dtype):
    return _VALUE_CODES[np.dtype(dtype)]


def index_code(dtype):
    return _INDEX_CODES[np.dtype(dtype)]


def prefix(dtype):
    """'s' or 'd': the C function prefix for this value type."""
    return "s" if np.dtype(dtype) == np.float32 else "d"


def as_indices(a, dtype):
    """a as a C-contiguous array of the index type dtype, copied only when it
    is not one already; an int64 array whose values do not fit int32 is an
    error rather than a silent wrap. Returns (array, copied)."""
    a = np.asarray(a)
    if a.dtype == dtype and a.flags.c_contiguous:
        return a, False
    if dtype == np.int32 and a.size and (a.max() > INT32_MAX or a.min() < -INT32_MAX - 1):
        raise ValueError("indices do not fit int32: use index_dtype=np.int64")
    return np.ascontiguousarray(a, dtype=dtype), True


def as_values(a, dtype):
    """a as a C-contiguous array of dtype; returns (array, copied)."""
    a = np.asarray(a)
    if a.dtype == dtype and a.flags.c_contiguous:
        return a, False
    return np.ascontiguousarray(a, dtype=dtype), True


def operand(x, dtype, shape, name):
    """An input operand: x converted to dtype in C order (a copy only when it
    is not that already), its shape checked."""
    a = np.asarray(x)
    if a.shape != shape:
        raise ValueError("%s has shape %s, expected %s" % (name, a.shape, shape))
    return np.ascontiguousarray(a, dtype=dtype)


def output(out, shape, dtype, inputs=()):
    """The output array: a new one, or out checked to be exactly what the
    kernel writes (the library cannot write into a converted copy)."""
    if out is None:
        return np.empty(shape, dtype=dtype)
    if not isinstance(out, np.ndarray) or out.dtype != dtype or out.shape != shape:
        raise ValueError("out must be a numpy array of dtype %s and shape %s" % (dtype, shape))
    if not (out.flags.c_contiguous and out.flags.writeable):
        raise ValueError("out must be C-contiguous and writeable")
    if any(np.shares_memory(out, a) for a in inputs):
        raise ValueError("out overlaps an input")
    return out


def ptr(a):
    """The address of a's data, for a c_void_p argument."""
    return a.ctypes.data
