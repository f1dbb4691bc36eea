"""scipy.sparse.linalg's solvers and eigensolvers on a libsystec operator,
beside the same solver on scipy's own matrix."""
import functools

import numpy as np
import pytest
import scipy.io
import scipy.sparse as sp
import scipy.sparse.linalg as sla

import reference as ref
import systec
from conftest import BUNDLED, shared_path

SPD = ["LFAT5.mtx", "bcsstk01.mtx", "494_bus.mtx"]


@functools.lru_cache(maxsize=None)
def scaled(path):
    """D^-1/2 A D^-1/2 of an SPD matrix (unit diagonal: CG converges in
    few enough iterations for its count to be stable)."""
    A = scipy.io.mmread(str(path)).tocsr()
    d = sp.diags(1 / np.sqrt(A.diagonal()))
    L = sp.tril(d @ A @ d)  # one triangle mirrored: exactly symmetric
    return (L + sp.tril(L, -1).T).tocsr()


def cg_run(op, b, rtol):
    count = [0]

    def tick(_):
        count[0] += 1
    x, info = sla.cg(op, b, tol=rtol, atol=0.0, maxiter=10 * b.size, callback=tick)
    return x, info, count[0]


def true_residual(A, x, b):
    r = ref.rounded(b, np.float64) - ref.rounded(A, np.float64) @ ref.rounded(x, np.float64)
    return float(np.linalg.norm(r.astype(np.float64)))


@pytest.mark.parametrize("name", SPD)
def test_cg_like_scipy(name):
    A = scaled(BUNDLED / name)
    op = systec.SymMatrix(A).as_linear_operator()
    b = np.random.default_rng(0).uniform(-1, 1, A.shape[0])
    x, info, its = cg_run(op, b, 1e-8)
    x0, info0, its0 = cg_run(A, b, 1e-8)
    assert info == 0 and info0 == 0
    assert abs(its - its0) <= 1, (its, its0)  # rounding may move the last step
    assert true_residual(A, x, b) <= 1e-7 * np.linalg.norm(b)


def test_cg_float32():
    A = scaled(BUNDLED / "bcsstk01.mtx")
    op = systec.SymMatrix(A, dtype=np.float32).as_linear_operator()
    assert op.dtype == np.float32
    b = np.ones(A.shape[0], dtype=np.float32)
    x, info, _ = cg_run(op, b, 1e-4)
    assert info == 0 and x.dtype == np.float32
    assert true_residual(A, x, b) <= 1e-4 * np.linalg.norm(b)


def test_minres():
    A = scaled(BUNDLED / "494_bus.mtx")
    op = systec.SymMatrix(A).as_linear_operator()
    b = np.ones(A.shape[0])
    x, info = sla.minres(op, b, tol=1e-10, maxiter=5000)
    x0, info0 = sla.minres(A, b, tol=1e-10, maxiter=5000)
    assert info == 0 and info0 == 0
    # minres stops on its own residual estimate; the true one is larger here
    assert true_residual(A, x, b) <= 1e-4 * np.linalg.norm(b)
    np.testing.assert_allclose(x, x0, rtol=0, atol=1e-6 * np.abs(x0).max())


def dense_eigenvalues(A):
    return np.linalg.eigvalsh(A.toarray())


@pytest.mark.parametrize("name", ["494_bus.mtx", "bcsstk01.mtx"])
def test_eigsh(name):
    A = scipy.io.mmread(str(BUNDLED / name)).tocsr()
    op = systec.SymMatrix(A).as_linear_operator()
    k = 4
    w = np.sort(sla.eigsh(op, k=k, which="LA", tol=1e-12, return_eigenvectors=False))
    want = dense_eigenvalues(A)[-k:]
    scale = np.abs(want).max()
    np.testing.assert_allclose(w, want, rtol=0, atol=1e-9 * scale)


def test_lobpcg():
    A = scaled(BUNDLED / "494_bus.mtx")
    op = systec.SymMatrix(A).as_linear_operator()
    X0 = np.random.default_rng(2).uniform(-1, 1, (A.shape[0], 3))
    w, _ = sla.lobpcg(op, X0, largest=True, tol=1e-9, maxiter=2000)
    w0, _ = sla.lobpcg(A, X0, largest=True, tol=1e-9, maxiter=2000)
    want = dense_eigenvalues(A)[-3:]
    np.testing.assert_allclose(np.sort(w), want, rtol=0, atol=1e-7 * np.abs(want).max())
    np.testing.assert_allclose(np.sort(w), np.sort(w0), rtol=0, atol=1e-7 * np.abs(want).max())


def test_operator_products_and_adjoint():
    A = scipy.io.mmread(str(BUNDLED / "LFAT5.mtx")).tocsr()
    op = systec.SymMatrix(A).as_linear_operator()
    x = np.linspace(-1, 1, A.shape[0])
    X = np.stack([x, x[::-1]], axis=1)
    for got, (r, bnd) in ((op @ x, ref.product(A, x, np.float64)),
                          (op.matvec(x.reshape(-1, 1)).ravel(), ref.product(A, x, np.float64)),
                          (op.rmatvec(x), ref.product(A, x, np.float64)),
                          (op.H @ x, ref.product(A, x, np.float64)),
                          (op @ X, ref.product(A, X, np.float64)),
                          (op.matmat(np.asfortranarray(X)), ref.product(A, X, np.float64))):
        ref.assert_close(got, r, bnd, np.float64, "operator")


def test_cg_on_shared_stiffness_matrix():
    A = scaled(shared_path("matrices", "bcsstk13.mtx.gz"))
    op = systec.SymMatrix(A, check=False).as_linear_operator()
    b = np.ones(A.shape[0])
    x, info, its = cg_run(op, b, 1e-8)
    _, _, its0 = cg_run(A, b, 1e-8)
    assert info == 0 and abs(its - its0) <= 1, (its, its0)
    assert true_residual(A, x, b) <= 1e-7 * np.linalg.norm(b)
