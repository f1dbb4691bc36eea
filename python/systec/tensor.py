"""SymTensor: a symmetric sparse tensor held by libsystec."""
import ctypes
import functools
import os

import numpy as np

from . import _arrays as ar
from ._handle import Handle
from ._lib import HYPER_PADDED, HYPER_UNIFORM, SYM_CANONICAL, SYM_FULL, Tns, fn
from .csr import _copy_out
from .errors import call

_FORMS = {"canonical": SYM_CANONICAL, "full": SYM_FULL}


def _form_code(form):
    if form not in _FORMS:
        raise ValueError("form must be 'canonical' or 'full', not %r" % (form,))
    return _FORMS[form]


def _tns_to_numpy(T):
    """Copies a library-owned coordinate list out and frees it."""
    try:
        coords = _copy_out(T.ind, np.int64, T.nnz * T.order).reshape(T.nnz, T.order)
        return coords, _copy_out(T.val, np.float64, T.nnz)
    finally:
        fn("tns_free")(ctypes.byref(T))


class SymTensor(Handle):
    """A symmetric sparse tensor of order 2 to 8, every mode of size n.

    ``SymTensor(coords, values, n)``: coords is an (nnz, order) integer array
    of 0-based coordinates, values (default all ones) the entries; n defaults
    to the largest coordinate + 1. ``form="canonical"`` (default): one entry
    per orbit with sorted coordinates i1 <= ... <= iN (an unsorted tuple is an
    error); ``form="full"``: every permutation present with the same value
    (checked). Duplicate tuples are summed; values are rounded to ``dtype``.

    The library builds its own storage; ``copied`` says whether this package
    first converted the input (coords not C-contiguous int64, or values not
    C-contiguous float64: the library's coordinate list types).
    """

    _free = "symten_free"

    def __init__(self, coords, values=None, n=None, *, form="canonical", dtype=np.float64):
        ind = np.asarray(coords)
        if ind.ndim != 2:
            raise ValueError("coords must be an (nnz, order) array, got shape %s" % (ind.shape,))
        nnz, order = ind.shape
        ind, c1 = ar.as_indices(ind, np.int64)
        if values is None:
            val, c2 = np.ones(nnz), False
        else:
            val, c2 = ar.as_values(values, np.float64)
            if val.shape != (nnz,):
                raise ValueError("values has shape %s, expected (%d,)" % (val.shape, nnz))
        if n is None:
            n = int(ind.max()) + 1 if ind.size else 0
        self.copied = c1 or c2
        T = Tns(order, n, nnz, ar.ptr(ind), ar.ptr(val))
        self._own(_create(T, form, dtype))

    @classmethod
    def _from_tns(cls, T, form, dtype):
        """A handle from a library-owned list T, which it frees."""
        try:
            handle = _create(T, form, dtype)
        finally:
            fn("tns_free")(ctypes.byref(T))
        self = cls.__new__(cls)
        self.copied = False
        self._own(handle)
        return self

    @classmethod
    def from_file(cls, path, *, form="canonical", dtype=np.float64):
        """Reads a FROSTT .tns file (optional "order dim" header, gzip
        allowed) or, by its extension, a LambdaTAME .ssten file."""
        T = Tns()
        reader = "ssten_read" if os.fspath(path).endswith(".ssten") else "tns_read"
        call(reader, os.fsencode(path), ctypes.byref(T))
        return cls._from_tns(T, form, dtype)

    @classmethod
    def from_hypergraph(cls, nverts_path, simplices_path, order, *, padded=False,
                        dtype=np.float64):
        """The order-k adjacency tensor of a hypergraph in the ScHoLP format
        (<set>-nverts.txt[.gz], <set>-simplices.txt[.gz]): the distinct
        simplices of exactly k nodes, or with ``padded=True`` those of 2..k
        nodes padded with dummy nodes (dim = M + k - 2)."""
        T = Tns()
        call("hypergraph_read", os.fsencode(nverts_path), os.fsencode(simplices_path), order,
             HYPER_PADDED if padded else HYPER_UNIFORM, ctypes.byref(T))
        return cls._from_tns(T, "canonical", dtype)

    # ------------------------------------------------------------ properties
    @functools.cached_property
    def _meta(self):
        order, n, nnz, full = ctypes.c_int(), ctypes.c_int64(), ctypes.c_int64(), ctypes.c_int64()
        dt = ctypes.c_int()
        call("symten_info", self._h, ctypes.byref(order), ctypes.byref(n), ctypes.byref(nnz),
             ctypes.byref(full), ctypes.byref(dt))
        return order.value, n.value, nnz.value, full.value, ar.VALUE_DTYPES[dt.value]

    def _info(self):
        """(order, n, nnz, full nnz, dtype): fixed for the handle's life."""
        self._h  # a closed tensor raises
        return self._meta

    @property
    def order(self):
        return self._info()[0]

    @property
    def shape(self):
        order, n = self._info()[:2]
        return (n,) * order

    @property
    def nnz(self):
        """Stored (canonical) entries, one per orbit."""
        return self._info()[2]

    @property
    def full_nnz(self):
        """Entries of the full tensor the stored ones stand for."""
        return self._info()[3]

    @property
    def dtype(self):
        return self._info()[4]

    def __repr__(self):
        if self.closed:
            return "<closed SymTensor>"
        order, n, nnz, full, dt = self._info()
        return "<SymTensor order %d, n %d, %d canonical entries (%d in full), %s>" % (
            order, n, nnz, full, dt)

    def to_coo(self, full=False):
        """The entries as (coords (nnz, order) int64, values float64): the
        canonical ones, or with full=True every permutation."""
        T = Tns()
        call("symten_expand" if full else "symten_to_tns", self._h, ctypes.byref(T))
        return _tns_to_numpy(T)

    # ------------------------------------------------------------ operations
    def _factor(self, U):
        """U as the n-by-R operand of the tensor's dtype, and n, R, dtype."""
        _, n, _, _, dt = self._info()
        U = np.asarray(U)
        R = U.shape[1] if U.ndim == 2 else -1
        return ar.operand(U, dt, (n, R), "U"), n, R, dt

    def mttkrp(self, U):
        """C[i, r] = sum over j, k, ... of A[i, j, k, ...] U[j, r] U[k, r] ...
        (the same U in every mode but the first; orders 3 to 5): an n-by-R
        array."""
        U, n, R, dt = self._factor(U)
        C = np.empty((n, R), dtype=dt)
        call(ar.prefix(dt) + "mttkrp", self._h, R, ar.ptr(U), ar.ptr(C))
        return C

    def ttm(self, U, packed=True):
        """C[j, l, i] = sum_k A[j, l, k] U[k, i] for an order-3 tensor.
        C is symmetric in (j, l): packed=True returns only j <= l as an
        (n(n+1)/2, R) array, row (j*(2n-j+1)/2 + l-j) holding C[j, l, :];
        packed=False returns the full (n, n, R) array (both halves)."""
        U, n, R, dt = self._factor(U)
        C = np.empty((n * (n + 1) // 2, R), dtype=dt)
        call(ar.prefix(dt) + "ttm", self._h, R, ar.ptr(U), ar.ptr(C))
        if packed:
            return C
        F = np.empty((n, n, R), dtype=dt)
        call(ar.prefix(dt) + "ttm_expand", n, R, ar.ptr(C), ar.ptr(F))
        return F


def _create(T, form, dtype):
    vdt = ar.value_dtype(dtype, None)
    handle = ctypes.c_void_p()
    call("symten_create", ctypes.byref(handle), ctypes.byref(T), _form_code(form),
         ar.value_code(vdt))
    return handle
