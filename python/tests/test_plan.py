"""The plan API through SymMatrix: hints, forced variants, optimize,
describe, update_values, and the bilinear form."""
import numpy as np
import pytest
import scipy.io
import scipy.sparse as sp

import reference as ref
import systec
from conftest import BUNDLED
from systec.plan import OPS, isa

VARIANTS = ["split", "stream", "serial", "serial_short", "stream:serial", "split:serial_short", "full",
            "full:omp_rows"]


def matrix(name="494_bus.mtx"):
    return scipy.io.mmread(str(BUNDLED / name)).tocsr()


def check_products(S, A, dtype, seed=0):
    rng = np.random.default_rng(seed)
    x, y, X = (rng.uniform(-1, 1, s) for s in (A.shape[0], A.shape[0], (A.shape[0], 3)))
    ref.assert_close(S @ x, *ref.product(A, x, dtype), dtype, "symv")
    ref.assert_close(S @ X, *ref.product(A, X, dtype), dtype, "symm")
    ref.assert_close(S.quadratic_form(x), *ref.quadratic(A, x, dtype), dtype, "syprd")
    AL, xl, yl = ref.rounded(A, dtype), ref.rounded(x, dtype), ref.rounded(y, dtype)
    ref.assert_close(S.bilinear(x, y), xl @ (AL @ yl), np.abs(xl) @ (abs(AL) @ np.abs(yl)),
                     dtype, "bilinear")


def test_isa_names_a_variant():
    assert isa() in {"v2", "v3", "v4", "native", "custom", "generic"}


def test_describe_names_each_operation():
    S = systec.SymMatrix(matrix())
    text = S.describe()
    for op in ("dsymv", "dsyprd", "dsymm", "dbilin"):
        assert op in text
    one = S.describe("symv")
    assert "kernel" in one and "dsyprd" not in one
    assert isa() in one


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("variant", VARIANTS)
def test_forced_variants_compute_the_same(variant, dtype):
    A = matrix()
    S = systec.SymMatrix(A, dtype=dtype)
    ops = ["symv", "quadratic_form", "bilinear"]
    if "serial_short" not in variant:  # SSYMM has one schedule
        ops.append("symm")
    for op in ops:
        S.force(op, variant)
    S.optimize()
    for op in ops:
        assert "forced" in S.describe(op)
    check_products(S, A, dtype)
    S.force("symv", None).optimize()
    check_products(S, A, dtype, seed=1)


def test_a_missing_variant_keeps_the_plan():
    S = systec.SymMatrix(matrix())
    before = S.describe()
    S.force("symm", "serial_short")
    with pytest.raises(systec.SystecValueError) as e:
        S.optimize()
    assert "symm" in e.value.detail
    assert S.describe() == before


def test_hints_reach_the_plan():
    A = matrix()
    S = systec.SymMatrix(A).hint("symv", calls=3, threads=2).optimize()
    text = S.describe("symv")
    assert "expected calls 3" in text and "threads 2" in text
    check_products(S, A, np.float64)


def test_bad_plan_requests():
    S = systec.SymMatrix(matrix())
    before = S.describe()
    with pytest.raises(systec.SystecValueError) as e:
        S.force("symv", "bogus")
    assert "bogus" in e.value.detail
    with pytest.raises(ValueError):
        S.hint("transpose")
    with pytest.raises(systec.SystecValueError):
        S.hint("symv", calls=-1)
    assert S.describe() == before
    assert set(OPS) >= {"symv", "symm", "quadratic_form", "minplus", "bilinear", "all"}


@pytest.mark.parametrize("uplo", [None, "L", "U"])
def test_update_values_keeps_the_plan(uplo):
    A = matrix()
    S = systec.SymMatrix(A).force("symv", "stream").optimize()
    B = A.copy()
    B.data = B.data * 2 - 1
    B = B.tolil()
    B.setdiag(0.5)  # every diagonal entry present now
    B = B.tocsr()
    given = {None: B, "L": sp.tril(B, format="csr"), "U": sp.triu(B, format="csc")}[uplo]
    assert S.update_values(given, uplo) is S
    assert "forced" in S.describe("symv")
    check_products(S, B, np.float64)


def test_update_values_on_another_pattern_changes_nothing():
    A = matrix()
    S = systec.SymMatrix(A)
    x = np.linspace(-1, 1, A.shape[0])
    y0 = S @ x
    other = (A + sp.csr_matrix(([1.0, 1.0], ([5, 0], [0, 5])), shape=A.shape)).tocsr()
    if other.nnz == A.nnz:
        pytest.fail("test matrix already has (5, 0)")
    with pytest.raises(systec.SystecValueError) as e:
        S.update_values(other)
    assert e.value.status == -12
    np.testing.assert_array_equal(S @ x, y0)
    with pytest.raises(ValueError):
        S.update_values(sp.eye(3, format="csr"))


def test_minplus_plan():
    A = matrix("karate.mtx")
    S = systec.SymMatrix(A, semiring="min_plus").hint("minplus", calls=10).optimize()
    assert "minplus" in S.describe("minplus")
    x = np.arange(A.shape[0], dtype=float)
    inf = np.full(A.shape[0], np.inf)
    np.testing.assert_array_equal(S.minplus(x), ref.minplus(A, x, inf, np.float64))
