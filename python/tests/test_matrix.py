"""SymMatrix against scipy: SSYMV, SSYMM, SYPRD, min-plus, in float and
double, int32 and int64 indices, on the bundled and shared matrices."""
import functools

import numpy as np
import pytest
import scipy.io
import scipy.sparse as sp

import reference as ref
import systec
from conftest import bundled_matrices, shared_matrices

MATRICES = bundled_matrices() + shared_matrices()
DTYPES = [np.float64, np.float32]
ITYPES = [np.int32, np.int64]


@functools.lru_cache(maxsize=None)
def full(path):
    """The full symmetric matrix as scipy reads it (an independent reader)."""
    return scipy.io.mmread(str(path)).tocsr()


def operands(n, k=5, seed=0):
    rng = np.random.default_rng(seed)
    return rng.uniform(-1, 1, n), rng.uniform(-1, 1, (n, k))


@pytest.mark.parametrize("itype", ITYPES)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("path", MATRICES, ids=lambda p: p.parent.name + "/" + p.name)
def test_products_match_scipy(path, dtype, itype):
    A = full(path)
    S = systec.SymMatrix.from_mm(path, dtype=dtype, index_dtype=itype)
    assert S.shape == A.shape and S.dtype == dtype and S.index_dtype == itype
    x, X = operands(A.shape[0])
    y_ref, y_bound = ref.product(A, x, dtype)
    y = S @ x
    assert y.dtype == dtype
    ref.assert_close(y, y_ref, y_bound, dtype, "symv")
    ref.assert_close(x @ S, y_ref, y_bound, dtype, "x @ A")
    Y_ref, Y_bound = ref.product(A, X, dtype)
    ref.assert_close(S @ X, Y_ref, Y_bound, dtype, "symm")
    ref.assert_close(X.T @ S, Y_ref.T, Y_bound.T, dtype, "X.T @ A")
    s_ref, s_bound = ref.quadratic(A, x, dtype)
    s = S.quadratic_form(x)
    assert s.dtype == dtype
    ref.assert_close(s, s_ref, s_bound, dtype, "quadratic_form")


def constructions(A):
    """The ways to hand the same matrix over, and whether each copies."""
    lower, upper = sp.tril(A, format="csr"), sp.triu(A, format="csr")
    return {
        "full checked": (lambda **kw: systec.SymMatrix(A, **kw), True),
        "full trusted": (lambda **kw: systec.SymMatrix(A, check=False, **kw), True),
        "lower csr": (lambda **kw: systec.SymMatrix(lower, "L", **kw), False),
        "upper csr": (lambda **kw: systec.SymMatrix(upper, "U", **kw), False),
        "lower csc": (lambda **kw: systec.SymMatrix(lower.tocsc(), "L", **kw), False),
        "upper csc": (lambda **kw: systec.SymMatrix(upper.tocsc(), "U", **kw), False),
        "lower coo": (lambda **kw: systec.SymMatrix(lower.tocoo(), "L", **kw), True),
    }


@pytest.mark.parametrize("how", list(constructions(sp.eye(1))))
@pytest.mark.parametrize("path", bundled_matrices(), ids=lambda p: p.parent.name + "/" + p.name)
def test_every_construction_holds_the_matrix(path, how):
    A = full(path).astype(np.float64)
    make, copies = constructions(A)[how]
    S = make()
    assert S.copied is copies
    assert S.dtype == np.float64 and S.index_dtype == A.indices.dtype
    back = S.to_scipy()
    assert back.dtype == np.float64
    # the same entries, exactly (explicit zeros off the diagonal included)
    assert abs(back - A).max() == 0
    x, _ = operands(A.shape[0])
    y_ref, y_bound = ref.product(A, x, np.float64)
    ref.assert_close(S @ x, y_ref, y_bound, np.float64, how)


def test_copied_when_types_change():
    A = sp.tril(full(bundled_matrices()[0]), format="csr").astype(np.float64)
    assert not systec.SymMatrix(A, "L").copied
    assert systec.SymMatrix(A, "L", index_dtype=np.int64).copied
    assert systec.SymMatrix(A, "L", dtype=np.float32).copied
    A64 = A.copy()
    A64.indptr, A64.indices = A64.indptr.astype(np.int64), A64.indices.astype(np.int64)
    S = systec.SymMatrix(A64, "L")
    assert not S.copied and S.index_dtype == np.int64
    F = A.astype(np.float32)
    S = systec.SymMatrix(F, "L")
    assert not S.copied and S.dtype == np.float32
    P = A.astype(bool)  # a pattern: values become 1.0
    S = systec.SymMatrix(P, "L")
    assert S.copied and S.dtype == np.float64


@pytest.mark.parametrize("dtype", DTYPES)
def test_alpha_beta_out(dtype):
    A = full(bundled_matrices()[0])
    S = systec.SymMatrix(A, dtype=dtype)
    x, X = operands(A.shape[0], seed=3)
    y0, Y0 = operands(A.shape[0], seed=4)
    y = y0.astype(dtype)
    got = S.symv(x, alpha=2.0, beta=-0.5, out=y)
    assert got is y
    Ax, bound = ref.product(A, x, dtype)
    r0 = ref.rounded(y0, dtype)
    ref.assert_close(y, 2 * Ax - r0 / 2, 2 * bound + np.abs(r0) / 2, dtype, "symv alpha beta")
    Y = Y0.astype(dtype)
    S.symm(X, alpha=-1.0, beta=3.0, out=Y)
    AX, B = ref.product(A, X, dtype)
    R0 = ref.rounded(Y0, dtype)
    ref.assert_close(Y, -AX + 3 * R0, B + 3 * np.abs(R0), dtype, "symm alpha beta")
    s_ref, s_bound = ref.quadratic(A, x, dtype)
    ref.assert_close(S.quadratic_form(x, alpha=0.25), s_ref / 4, s_bound / 4, dtype, "alpha")


def test_operands_converted_to_the_matrix_type():
    A = full(bundled_matrices()[0])
    S = systec.SymMatrix(A, dtype=np.float32)
    x = np.arange(A.shape[0], dtype=np.int64)[::-1]  # int, reversed view: a copy
    y_ref, y_bound = ref.product(A, x.copy(), np.float32)
    y = S @ x
    assert y.dtype == np.float32
    ref.assert_close(y, y_ref, y_bound, np.float32, "converted x")
    X = np.asfortranarray(np.ones((A.shape[0], 3)))
    Y_ref, Y_bound = ref.product(A, X, np.float32)
    ref.assert_close(S @ X, Y_ref, Y_bound, np.float32, "fortran X")


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("path", MATRICES, ids=lambda p: p.parent.name + "/" + p.name)
def test_minplus_step(path, dtype):
    A = full(path)
    S = systec.SymMatrix.from_mm(path, dtype=dtype, semiring="min_plus")
    assert S.semiring == "min_plus"
    rng = np.random.default_rng(1)
    x = rng.uniform(0, 10, A.shape[0]).astype(dtype)
    x[rng.random(A.shape[0]) < 0.2] = np.inf  # unreached nodes
    inf = np.full(A.shape[0], np.inf)
    np.testing.assert_array_equal(S.minplus(x), ref.minplus(A, x, inf, dtype))
    y0 = rng.uniform(0, 5, A.shape[0]).astype(dtype)
    y = y0.copy()
    assert S.minplus(x, out=y) is y
    np.testing.assert_array_equal(y, ref.minplus(A, x, y0, dtype))


def test_minplus_from_scipy_keeps_explicit_zeros():
    # a zero-weight edge is an edge; an absent entry is +inf
    A = sp.csr_matrix((np.array([0.0, 5.0]), np.array([0, 2]), np.array([0, 0, 1, 2])),
                      shape=(3, 3))  # lower: A[1, 0] = 0, A[2, 2] = 5
    S = systec.SymMatrix(A, "L", semiring="min_plus")
    np.testing.assert_array_equal(S.minplus(np.array([1.0, 2.0, 3.0])), [2.0, 1.0, 8.0])


def nan_case():
    """A[0, 0] = 0 stored, A[1, 1] = 1, row 2 empty; x = [NaN, 1, NaN]."""
    A = sp.csr_matrix((np.array([0.0, 1.0]), np.array([0, 1]), np.array([0, 1, 2, 2])),
                      shape=(3, 3))
    return systec.SymMatrix(A, "L"), np.array([np.nan, 1.0, np.nan])


def test_nan_times_stored_zero_is_nan():
    S, x = nan_case()
    y = S @ x
    assert np.isnan(y[0]) and y[1] == 1.0
    assert np.isnan(S.quadratic_form(np.array([np.nan, 1.0, 0.0])))


def test_nan_absent_entry_contributes_nothing():
    S, x = nan_case()
    assert (S @ x)[2] == 0.0
    assert S.quadratic_form(np.array([1.0, 1.0, np.nan])) == 1.0
