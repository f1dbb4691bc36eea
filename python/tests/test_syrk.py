"""syrk(A): the upper triangle (or all) of A @ A.T against scipy in long
double, pattern and values, in float and double, int32 and int64."""
import numpy as np
import pytest
import scipy.io
import scipy.sparse as sp

import reference as ref
import systec
from conftest import bundled_matrices, shared_path


def random_general(m, k, density, seed):
    rng = np.random.default_rng(seed)
    A = sp.random(m, k, density=density, format="csr", random_state=rng,
                  data_rvs=lambda s: rng.uniform(-1, 1, s))
    return A


def structural_upper(A):
    """The pattern of triu(A @ A.T) from A's stored entries (explicit zeros
    included): no cancellation can remove an entry."""
    P = A.tocsr().copy()
    P.data = np.ones_like(P.data, dtype=np.float64)
    return sp.triu(P @ P.T, format="csr")


def check_syrk(A, dtype, itype, full=False):
    C = systec.syrk(A, full=full, dtype=dtype, index_dtype=itype)
    m = A.shape[0]
    assert isinstance(C, sp.csr_matrix) and C.shape == (m, m)
    assert C.dtype == dtype and C.indices.dtype == itype
    pattern = structural_upper(A)
    if full:
        pattern = (pattern + sp.triu(pattern, 1).T).tocsr()
    pattern.sort_indices()
    np.testing.assert_array_equal(C.indptr, pattern.indptr)
    np.testing.assert_array_equal(C.indices, pattern.indices)  # sorted rows, same pattern
    AL = ref.rounded(A, dtype)
    want, bound = (AL @ AL.T).tocsr(), (abs(AL) @ abs(AL).T).tocsr()
    rows = np.repeat(np.arange(m), np.diff(C.indptr))
    cols = C.indices
    ref.assert_close(C.data, np.asarray(want[rows, cols]).ravel(),
                     np.asarray(bound[rows, cols]).ravel(), dtype, "syrk")
    return C


@pytest.mark.parametrize("itype", [np.int32, np.int64])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("path", bundled_matrices(), ids=lambda p: p.name)
def test_syrk_bundled(path, dtype, itype):
    A = scipy.io.mmread(str(path)).tocsr()
    check_syrk(A, dtype, itype)


@pytest.mark.parametrize("shape", [(60, 40), (40, 90), (1, 5), (7, 1)])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_syrk_rectangular(shape, dtype):
    A = random_general(*shape, density=0.15, seed=shape[0] * 1000 + shape[1])
    check_syrk(A, dtype, np.int32)


def test_syrk_full_is_the_whole_product():
    A = random_general(50, 30, 0.1, seed=7)
    U = check_syrk(A, np.float64, np.int32)
    F = check_syrk(A, np.float64, np.int32, full=True)
    assert abs(F - (U + sp.triu(U, 1).T)).max() == 0


def test_syrk_explicit_zeros_and_empty_rows():
    # row 1 empty; an explicit zero in row 2 is structural: (2, 2) and (0, 2) exist
    A = sp.csr_matrix((np.array([1.0, 2.0, 0.0]), np.array([0, 3, 3]), np.array([0, 2, 2, 3])),
                      shape=(3, 4))
    C = check_syrk(A, np.float64, np.int32)
    assert C.nnz == 3  # (0,0), (0,2), (2,2): check_syrk compared the pattern
    assert C[0, 2] == 0.0 and C[2, 2] == 0.0 and C[0, 0] == 5.0


def test_syrk_empty():
    C = systec.syrk(sp.csr_matrix((0, 5)))
    assert C.shape == (0, 0) and C.nnz == 0


def test_syrk_input_formats_and_types():
    A = random_general(30, 20, 0.2, seed=3)
    want = systec.syrk(A)
    A64 = A.copy()
    A64.indptr, A64.indices = A64.indptr.astype(np.int64), A64.indices.astype(np.int64)
    for other in (A.tocsc(), A.tocoo(), A64):
        assert abs(systec.syrk(other) - want).max() == 0
    assert systec.syrk(A64).indices.dtype == np.int64
    pattern = systec.syrk(A.astype(bool))  # pattern input: values 1, counts of shared columns
    assert pattern.dtype == np.float64
    np.testing.assert_array_equal(pattern.toarray(), structural_upper(A).toarray())


@pytest.mark.parametrize("name", ["bcsstm13.mtx", "jagmesh7.mtx", "bcsstk13.mtx.gz"])
def test_syrk_shared(name):
    A = scipy.io.mmread(str(shared_path("matrices", name))).tocsr()
    check_syrk(A, np.float64, np.int32)
