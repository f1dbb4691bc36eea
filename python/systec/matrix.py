"""SymMatrix: a symmetric sparse matrix held by libsystec."""
import ctypes
import functools
import os

import numpy as np
import scipy.sparse as sp

from . import _arrays as ar
from ._handle import Handle
from ._lib import LOWER, MIN_PLUS, PLUS_TIMES, UPPER, Coo, fn
from .errors import call
from .plan import Planned

_SEMIRINGS = {"plus_times": PLUS_TIMES, "min_plus": MIN_PLUS}
_UPLO = {"L": LOWER, "U": UPPER}


def _semiring_code(semiring):
    if semiring not in _SEMIRINGS:
        raise ValueError("semiring must be 'plus_times' or 'min_plus', not %r" % (semiring,))
    return _SEMIRINGS[semiring]


def _constructor(base, semiring):
    """symmat_create_csr / symmat_from_coo or their min-plus twins."""
    return base + ("_minplus" if semiring == MIN_PLUS else "")


def _triangle(A, uplo, vdt, index_dtype):
    """The CSR triangle arrays to hand to the library: A's lower triangle
    when uplo is None (A full, trusted), else A as the triangle uplo.
    Returns (uplo code, csr, rowptr, colidx, val, copied)."""
    if uplo is None:
        A, uplo = sp.tril(A, format="csr"), "L"
    if uplo not in _UPLO:
        raise ValueError("uplo must be 'L', 'U' or None, not %r" % (uplo,))
    csr, code, copied = _triangle_csr(A, _UPLO[uplo])
    idt = ar.index_dtype(index_dtype, csr.indices.dtype)
    rowptr, c1 = ar.as_indices(csr.indptr, idt)
    colidx, c2 = ar.as_indices(csr.indices, idt)
    val, c3 = ar.as_values(csr.data, vdt)
    return code, csr, rowptr, colidx, val, copied or c1 or c2 or c3


def _triangle_csr(A, uplo):
    """A holding one triangle, as CSR arrays and the triangle they hold:
    a CSC lower triangle is the CSR upper triangle of the same matrix (and
    vice versa), so it is used as it is. Returns (csr, uplo, copied)."""
    if A.format == "csc":
        return A.T, (UPPER if uplo == LOWER else LOWER), False
    if A.format == "csr":
        return A, uplo, False
    return A.tocsr(), uplo, True


def _from_full_checked(A, vdt, index_dtype, ring):
    """A handle from the full matrix A through the library's COO
    constructor, which checks A[i, j] == A[j, i] exactly."""
    coo = A.tocoo()
    idt = ar.index_dtype(index_dtype, coo.row.dtype)
    row = np.ascontiguousarray(coo.row, dtype=np.int64)
    col = np.ascontiguousarray(coo.col, dtype=np.int64)
    val = np.ascontiguousarray(coo.data, dtype=np.float64)
    c = Coo(A.shape[0], A.shape[1], val.size, ar.ptr(row), ar.ptr(col), ar.ptr(val), 0, 0)
    handle = ctypes.c_void_p()
    call(_constructor("symmat_from_coo", ring), ctypes.byref(handle), ctypes.byref(c),
         ar.value_code(vdt), ar.index_code(idt))
    return handle


class SymMatrix(Handle, Planned):
    """A symmetric n-by-n sparse matrix in libsystec's canonical storage.

    ``SymMatrix(A)`` takes a scipy.sparse matrix or array holding the full
    symmetric matrix; ``check=True`` (default) has the library verify that
    A[i, j] == A[j, i] exactly (``SystecValueError`` otherwise),
    ``check=False`` trusts the caller and uses the lower triangle.
    ``SymMatrix(A, uplo="L")`` (or ``"U"``) takes A as that triangle only,
    diagonal included; entries outside it are an error.

    ``dtype`` (float32 or float64) defaults to A's when it is one of those,
    else float64; ``index_dtype`` (int32 or int64) to A's index type.
    ``semiring="min_plus"`` builds a handle for :meth:`minplus` (absent
    entries are +inf, duplicates combine by min); the default
    ``"plus_times"`` one serves ``@``, :meth:`symv`, :meth:`symm` and
    :meth:`quadratic_form`.

    The library always builds its own storage from the input, so A may be
    changed or dropped afterwards. ``copied`` says whether this package had
    to make a converted copy of A's arrays first: never for a CSR (or CSC)
    triangle in the handle's value and index types; always for a full matrix
    (the triangle, or for the checked path the coordinate list, is
    extracted), for other formats, and for other value or index types.
    """

    _free = "symmat_free"
    __array_ufunc__ = None  # x @ A with a numpy x comes to __rmatmul__

    def __init__(self, A, uplo=None, *, check=True, dtype=None, index_dtype=None,
                 semiring="plus_times"):
        if not sp.issparse(A):
            raise TypeError("A must be a scipy.sparse matrix or array, not %s" % type(A).__name__)
        if A.shape[0] != A.shape[1]:
            raise ValueError("a symmetric matrix must be square, got shape %s" % (A.shape,))
        ring = _semiring_code(semiring)
        vdt = ar.value_dtype(dtype, A.dtype)
        self.copied = uplo is None
        if uplo is None and check:
            self._own(_from_full_checked(A, vdt, index_dtype, ring))
            return
        code, csr, rowptr, colidx, val, copied = _triangle(A, uplo, vdt, index_dtype)
        self.copied = self.copied or copied
        handle = ctypes.c_void_p()
        call(_constructor("symmat_create_csr", ring), ctypes.byref(handle), code,
             ar.value_code(vdt), ar.index_code(rowptr.dtype), csr.shape[0],
             ar.ptr(rowptr), ar.ptr(colidx), ar.ptr(val))
        self._own(handle)

    @classmethod
    def from_mm(cls, path, *, dtype=np.float64, index_dtype=np.int32, semiring="plus_times"):
        """Reads a Matrix Market file (coordinate real, integer or pattern;
        symmetric, or general with both triangles, checked; gzip allowed)."""
        ring = _semiring_code(semiring)
        vdt, idt = ar.value_dtype(dtype, None), ar.index_dtype(index_dtype, None)
        coo, handle = Coo(), ctypes.c_void_p()
        call("mm_read", os.fsencode(path), ctypes.byref(coo))
        try:
            call(_constructor("symmat_from_coo", ring), ctypes.byref(handle),
                 ctypes.byref(coo), ar.value_code(vdt), ar.index_code(idt))
        finally:
            fn("coo_free")(ctypes.byref(coo))
        self = cls.__new__(cls)
        self.copied = False
        self._own(handle)
        return self

    # ------------------------------------------------------------ properties
    @functools.cached_property
    def _meta(self):
        n, nnz, dt, it = ctypes.c_int64(), ctypes.c_int64(), ctypes.c_int(), ctypes.c_int()
        call("symmat_info", self._h, ctypes.byref(n), ctypes.byref(nnz),
             ctypes.byref(dt), ctypes.byref(it))
        return n.value, nnz.value, ar.VALUE_DTYPES[dt.value], ar.INDEX_DTYPES[it.value]

    def _info(self):
        """(n, strictly-lower entries, dtype, index dtype): fixed for the
        handle's life, asked once."""
        self._h  # a closed matrix raises
        return self._meta

    @property
    def shape(self):
        n = self._info()[0]
        return (n, n)

    @property
    def nnz_strict(self):
        """Stored entries strictly below the diagonal (each stands for two)."""
        return self._info()[1]

    @property
    def dtype(self):
        return self._info()[2]

    @property
    def index_dtype(self):
        return self._info()[3]

    @property
    def semiring(self):
        s = ctypes.c_int()
        call("symmat_semiring", self._h, ctypes.byref(s))
        return "min_plus" if s.value == MIN_PLUS else "plus_times"

    def __repr__(self):
        if self.closed:
            return "<closed SymMatrix>"
        n, nnz, dt, it = self._info()
        return "<SymMatrix %dx%d, %d strictly-lower entries, %s values, %s indices, %s>" % (
            n, n, nnz, dt, it, self.semiring)

    # ------------------------------------------------------------ operations
    def symv(self, x, alpha=1.0, beta=0.0, out=None):
        """y = alpha*A@x + beta*y (SSYMV). Without out a new y is returned
        (beta must then be 0); with out, out is y and is updated in place.
        x is converted to the matrix's dtype when it is not that already."""
        n, _, dt, _ = self._info()
        x = ar.operand(x, dt, (n,), "x")
        _no_beta_without_out(beta, out)
        y = ar.output(out, (n,), dt, (x,))
        call(ar.prefix(dt) + "symv", self._h, float(alpha), ar.ptr(x), float(beta), ar.ptr(y))
        return y

    def symm(self, X, alpha=1.0, beta=0.0, out=None):
        """Y = alpha*A@X + beta*Y for a dense n-by-k X (SSYMM); out as in
        :meth:`symv`. X is copied into C order and the matrix's dtype when it
        is not so already."""
        n, _, dt, _ = self._info()
        X = np.asarray(X)
        k = X.shape[1] if X.ndim == 2 else -1
        X = ar.operand(X, dt, (n, k), "X")
        _no_beta_without_out(beta, out)
        Y = ar.output(out, (n, k), dt, (X,))
        call(ar.prefix(dt) + "symm", self._h, k, float(alpha), ar.ptr(X), float(beta), ar.ptr(Y))
        return Y

    def __matmul__(self, x):
        x = np.asarray(x)
        if x.ndim == 1:
            return self.symv(x)
        if x.ndim == 2:
            return self.symm(x)
        return NotImplemented

    def __rmatmul__(self, x):
        """x @ A == (A @ x.T).T, A being symmetric."""
        y = self.__matmul__(np.asarray(x).T)
        return y if y is NotImplemented else y.T

    dot = __matmul__

    def quadratic_form(self, x, alpha=1.0):
        """alpha * x^T A x (SYPRD), as a numpy scalar of the matrix's dtype."""
        n, _, dt, _ = self._info()
        x = ar.operand(x, dt, (n,), "x")
        s = np.zeros(1, dtype=dt)
        call(ar.prefix(dt) + "syprd", self._h, float(alpha), ar.ptr(x), 0.0, ar.ptr(s))
        return s[0]

    def bilinear(self, x, y, alpha=1.0):
        """alpha * x^T A y, as a numpy scalar of the matrix's dtype."""
        n, _, dt, _ = self._info()
        x, y = ar.operand(x, dt, (n,), "x"), ar.operand(y, dt, (n,), "y")
        s = np.zeros(1, dtype=dt)
        call(ar.prefix(dt) + "sybilin", self._h, float(alpha), ar.ptr(x), ar.ptr(y), 0.0,
             ar.ptr(s))
        return s[0]

    def update_values(self, A, uplo=None):
        """New values on the matrix's pattern, keeping its plan: A as at
        construction (a full matrix, whose lower triangle is used without a
        symmetry check, or the triangle uplo), with exactly the handle's
        strictly-triangular pattern (else SystecValueError, and nothing
        changes); diagonal entries may come and go. Converted to the
        handle's types when they differ."""
        if not sp.issparse(A) or A.shape != self.shape:
            raise ValueError("A must be a scipy.sparse matrix of shape %s" % (self.shape,))
        _, _, dt, it = self._info()
        code, _, rowptr, colidx, val, _ = _triangle(A, uplo, dt, it)
        call("symmat_update_values", self._h, code, ar.ptr(rowptr), ar.ptr(colidx), ar.ptr(val))
        return self

    def minplus(self, x, out=None):
        """One Bellman-Ford step on a min-plus matrix:
        y[i] = min(y[i], min_j A[i, j] + x[j]). Without out, y starts at +inf
        (so the result is A (min,+) x); with out, out is y, updated in place."""
        n, _, dt, _ = self._info()
        x = ar.operand(x, dt, (n,), "x")
        y = ar.output(out, (n,), dt, (x,))
        if out is None:
            y.fill(np.inf)
        call(ar.prefix(dt) + "symv_minplus", self._h, ar.ptr(x), ar.ptr(y))
        return y

    def as_linear_operator(self):
        """A scipy.sparse.linalg.LinearOperator whose products run on
        libsystec (cg, minres, eigsh, lobpcg, ... accept it)."""
        from .linop import SymLinearOperator
        return SymLinearOperator(self)

    def to_scipy(self):
        """The full symmetric matrix (both triangles) as a scipy CSR matrix
        with sorted indices, in the handle's value and index types."""
        from .csr import csrmat_to_scipy
        G = ctypes.c_void_p()
        call("csrmat_from_symmat", ctypes.byref(G), self._h)
        return csrmat_to_scipy(G)


def _no_beta_without_out(beta, out):
    if out is None and beta != 0:
        raise ValueError("beta != 0 needs out (the y it scales)")
