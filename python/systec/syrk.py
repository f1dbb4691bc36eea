"""SSYRK: C = A @ A.T for a general sparse A, computing one triangle."""
import ctypes

from .csr import CsrHandle
from .errors import call


def syrk(A, *, full=False, dtype=None, index_dtype=None):
    """C = A @ A.T for a general m-by-k scipy.sparse A, on libsystec.

    Returns the upper triangle (col >= row, diagonal included) as a scipy
    CSR matrix with sorted indices; ``full=True`` returns both triangles
    (the library's explicit expansion). The pattern is the structural one
    (no structural zeros; cancellation may leave explicit zeros). ``dtype``
    and ``index_dtype`` as for :class:`SymMatrix`: A's own types by default
    (float64 for non-float values); a CSR A in those types is not copied by
    this package. The result is copied out of the library's storage."""
    with CsrHandle.from_scipy(A, dtype, index_dtype) as G:
        C = ctypes.c_void_p()
        call(G.prefix + "syrk", G._h, ctypes.byref(C))
    with CsrHandle(C) as upper:
        if not full:
            return upper.to_scipy()
        F = ctypes.c_void_p()
        call("csrmat_expand_upper", upper._h, ctypes.byref(F))
    with CsrHandle(F) as whole:
        return whole.to_scipy()
