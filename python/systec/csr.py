"""General CSR handles (systec_csrmat_t): the operand and the result of SSYRK."""
import ctypes

import numpy as np
import scipy.sparse as sp

from . import _arrays as ar
from ._handle import Handle
from .errors import call

_CTYPES = {np.dtype(np.float32): ctypes.c_float, np.dtype(np.float64): ctypes.c_double,
           np.dtype(np.int32): ctypes.c_int32, np.dtype(np.int64): ctypes.c_int64}


class CsrHandle(Handle):
    """Owns a systec_csrmat_t (internal: users get scipy matrices)."""

    _free = "csrmat_free"

    def __init__(self, handle, dtype=None):
        self._own(handle)
        self.prefix = ar.prefix(dtype) if dtype is not None else None

    @classmethod
    def from_scipy(cls, A, dtype=None, index_dtype=None):
        """A general m-by-n matrix; CSR in the requested types is passed
        as it is, anything else is converted first."""
        if not sp.issparse(A):
            raise TypeError("A must be a scipy.sparse matrix or array, not %s" % type(A).__name__)
        csr = A if A.format == "csr" else A.tocsr()
        vdt = ar.value_dtype(dtype, csr.dtype)
        idt = ar.index_dtype(index_dtype, csr.indices.dtype)
        rowptr, _ = ar.as_indices(csr.indptr, idt)
        colidx, _ = ar.as_indices(csr.indices, idt)
        val, _ = ar.as_values(csr.data, vdt)
        handle = ctypes.c_void_p()
        call("csrmat_create_csr", ctypes.byref(handle), ar.value_code(vdt), ar.index_code(idt),
             csr.shape[0], csr.shape[1], ar.ptr(rowptr), ar.ptr(colidx), ar.ptr(val))
        return cls(handle, vdt)

    def to_scipy(self):
        """A copy of the matrix as a scipy CSR matrix (sorted indices)."""
        m, n, nnz = ctypes.c_int64(), ctypes.c_int64(), ctypes.c_int64()
        dt, it = ctypes.c_int(), ctypes.c_int()
        call("csrmat_info", self._h, ctypes.byref(m), ctypes.byref(n), ctypes.byref(nnz),
             ctypes.byref(dt), ctypes.byref(it))
        p = [ctypes.c_void_p() for _ in range(3)]
        call("csrmat_data", self._h, *(ctypes.byref(x) for x in p))
        vdt, idt = ar.VALUE_DTYPES[dt.value], ar.INDEX_DTYPES[it.value]
        rowptr = _copy_out(p[0], idt, m.value + 1)
        colidx = _copy_out(p[1], idt, nnz.value)
        val = _copy_out(p[2], vdt, nnz.value)
        C = sp.csr_matrix((val, colidx, rowptr), shape=(m.value, n.value), copy=False)
        C.indptr, C.indices = rowptr, colidx  # scipy would narrow int64 indices that fit
        C.has_sorted_indices = True
        return C


def _copy_out(address, dtype, count):
    """A numpy copy of count elements of dtype at a library-owned address."""
    if count == 0:
        return np.empty(0, dtype=dtype)
    c = ctypes.cast(address, ctypes.POINTER(_CTYPES[np.dtype(dtype)]))
    return np.ctypeslib.as_array(c, shape=(count,)).copy()


def csrmat_to_scipy(handle):
    """Copies a new systec_csrmat_t (a c_void_p) into scipy and frees it."""
    with CsrHandle(handle) as G:
        return G.to_scipy()
