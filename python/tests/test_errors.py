"""Library errors as exceptions with the library's message; nothing written
on error; Python-side argument checks; handle lifetimes."""
import gc

import numpy as np
import pytest
import scipy.sparse as sp

import systec
from conftest import BUNDLED


def small():
    """Lower triangle of [[4, 1], [1, 3]]."""
    return sp.csr_matrix(np.array([[4.0, 0.0], [1.0, 3.0]]))


def test_not_symmetric_names_the_entry():
    with pytest.raises(systec.SystecValueError) as e:
        systec.SymMatrix(sp.csr_matrix(np.array([[1.0, 2.0], [3.0, 4.0]])))
    err = e.value
    assert err.status == -8 and err.function == "systec_symmat_from_coo"
    assert "not symmetric" in err.reason and "A(0,1)=2" in err.detail
    assert isinstance(err, ValueError)
    # trusted: the lower triangle is used, no check
    S = systec.SymMatrix(sp.csr_matrix(np.array([[1.0, 2.0], [3.0, 4.0]])), check=False)
    np.testing.assert_array_equal(S @ np.array([1.0, 0.0]), [1.0, 3.0])


def test_wrong_triangle():
    with pytest.raises(systec.SystecValueError) as e:
        systec.SymMatrix(small().T.tocsr(), "L")
    assert e.value.status == -6 and "above the diagonal" in e.value.detail


def test_index_out_of_range_in_a_triangle():
    A = sp.csr_matrix((np.array([1.0]), np.array([0]), np.array([0, 0, 1])), shape=(2, 2))
    A.indices[0] = 7  # scipy does not check after construction
    with pytest.raises(systec.SystecValueError) as e:
        systec.SymMatrix(A, "L")
    assert e.value.status == -5


def test_wrong_semiring_writes_nothing():
    plus = systec.SymMatrix(small(), "L")
    ring = systec.SymMatrix(small(), "L", semiring="min_plus")
    out = np.full(2, 7.0)
    with pytest.raises(systec.SystecValueError) as e:
        plus.minplus(np.ones(2), out=out)
    assert e.value.status == -9 and e.value.function == "systec_dsymv_minplus"
    np.testing.assert_array_equal(out, [7.0, 7.0])
    with pytest.raises(systec.SystecValueError) as e:
        ring.symv(np.ones(2), beta=1.0, out=out)
    assert e.value.status == -9
    np.testing.assert_array_equal(out, [7.0, 7.0])
    Y = np.full((2, 3), 7.0)
    with pytest.raises(systec.SystecValueError):
        ring.symm(np.ones((2, 3)), out=Y)
    assert (Y == 7.0).all()
    with pytest.raises(systec.SystecValueError):
        ring.quadratic_form(np.ones(2))


def test_python_side_checks_write_nothing():
    S = systec.SymMatrix(small(), "L")
    out = np.full(2, 7.0)
    for bad in (lambda: S.symv(np.ones(3), out=out),               # wrong length
                lambda: S.symv(np.ones(2), out=np.zeros(2, np.float32)),  # out dtype
                lambda: S.symv(np.ones(2), out=np.zeros((2, 2))[:, 0]),   # not contiguous
                lambda: S.symv(out, out=out),                      # overlap
                lambda: S.symv(np.ones(2), beta=1.0),              # beta without out
                lambda: S.symm(np.ones(2)),                        # X not 2-D
                lambda: S.quadratic_form(np.ones((2, 1)))):
        with pytest.raises(ValueError):
            bad()
    np.testing.assert_array_equal(out, [7.0, 7.0])
    with pytest.raises(ValueError):
        systec.SymMatrix(sp.csr_matrix((2, 3)), "L")  # not square
    with pytest.raises(ValueError):
        systec.SymMatrix(small(), "X")
    with pytest.raises(ValueError):
        systec.SymMatrix(small(), "L", dtype=np.int32)
    with pytest.raises(ValueError):
        systec.SymMatrix(small(), "L", semiring="max_plus")
    with pytest.raises(TypeError):
        systec.SymMatrix(np.eye(2))  # dense: not accepted (absent vs zero is ambiguous)


def test_int32_overflow_is_refused():
    A = small()
    A.indptr, A.indices = A.indptr.astype(np.int64), A.indices.astype(np.int64)
    A.indices[0] = 2 ** 40  # out of range anyway, but must not wrap into range
    with pytest.raises(ValueError, match="int32"):
        systec.SymMatrix(A, "L", index_dtype=np.int32)


def test_matrix_market_errors(tmp_path):
    with pytest.raises(systec.SystecIOError) as e:
        systec.SymMatrix.from_mm(tmp_path / "none.mtx")
    assert e.value.status == -101 and "none.mtx" in str(e.value)
    assert isinstance(e.value, OSError)
    bad = tmp_path / "bad.mtx"
    bad.write_text("%%MatrixMarket matrix coordinate real symmetric\n2 2 2\n1 1 1.0\n2 1\n")
    with pytest.raises(systec.SystecParseError) as e:
        systec.SymMatrix.from_mm(bad)
    assert e.value.status == -102 and "bad.mtx:4" in e.value.detail
    general = tmp_path / "general.mtx"
    general.write_text("%%MatrixMarket matrix coordinate real general\n2 2 2\n1 2 1.0\n2 1 2.0\n")
    with pytest.raises(systec.SystecValueError) as e:
        systec.SymMatrix.from_mm(general)
    assert e.value.status == -8


def test_closed_and_context_manager():
    with systec.SymMatrix.from_mm(BUNDLED / "LFAT5.mtx") as S:
        y = S @ np.ones(14)
        assert y.shape == (14,)
    assert S.closed and "closed" in repr(S)
    with pytest.raises(ValueError, match="closed"):
        S @ np.ones(14)
    S.close()  # twice is harmless


def test_handles_are_freed_by_the_garbage_collector():
    S = systec.SymMatrix(small(), "L")
    fin = S._finalizer
    assert fin.alive
    del S
    gc.collect()
    assert not fin.alive


def test_input_may_change_after_construction():
    A = small()
    S = systec.SymMatrix(A, "L")
    assert not S.copied  # the library built its own storage from A's arrays
    A.data[:] = 100.0
    del A
    gc.collect()
    np.testing.assert_array_equal(S @ np.array([1.0, 0.0]), [4.0, 1.0])


def test_empty_shapes():
    S = systec.SymMatrix(sp.csr_matrix((0, 0)), "L")
    assert S.shape == (0, 0) and (S @ np.zeros(0)).shape == (0,)
    assert S.quadratic_form(np.zeros(0)) == 0.0 and S.to_scipy().shape == (0, 0)
    I = systec.SymMatrix(sp.eye(3, format="csr"), "L")
    assert (I @ np.zeros((3, 0))).shape == (3, 0)
    E = systec.SymTensor(np.zeros((0, 3), dtype=np.int64), np.zeros(0), 4)
    assert E.nnz == 0 and (E.mttkrp(np.ones((4, 2))) == 0).all()
    assert (E.ttm(np.ones((4, 1))) == 0).all()
