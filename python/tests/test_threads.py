"""Several Python threads on one handle at once. The kernels run with the
GIL released: the library is loaded with ctypes.CDLL (not PyDLL), which
drops the GIL around every foreign call."""
import ctypes
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import scipy.io

import systec
from systec import _lib
from conftest import BUNDLED


def test_library_is_loaded_to_release_the_gil():
    assert type(_lib.lib) is ctypes.CDLL
    # a function keeps the GIL only with the PYTHONAPI flag (PyDLL's)
    for name in ("systec_dsymv", "systec_ssymm", "systec_syrk", "systec_dmttkrp"):
        assert not getattr(_lib.lib, name)._flags_ & ctypes._FUNCFLAG_PYTHONAPI


def test_threads_share_a_handle():
    A = scipy.io.mmread(str(BUNDLED / "494_bus.mtx")).tocsr()
    S = systec.SymMatrix(A)
    rng = np.random.default_rng(5)
    xs = [rng.uniform(-1, 1, A.shape[0]) for _ in range(16)]
    Xs = [rng.uniform(-1, 1, (A.shape[0], 4)) for _ in range(16)]
    serial = [(S @ x, S @ X, S.quadratic_form(x)) for x, X in zip(xs, Xs)]

    def work(i):
        return S @ xs[i], S @ Xs[i], S.quadratic_form(xs[i])

    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(work, range(16)))
    for (y, Y, s), (y0, Y0, s0) in zip(threaded, serial):
        np.testing.assert_array_equal(y, y0)  # the same kernel on the same input: bitwise
        np.testing.assert_array_equal(Y, Y0)
        assert s == s0


def test_errors_stay_in_their_thread():
    # systec_last_error is per thread: a failing call in one thread does not
    # change the message another thread reads
    good = systec.SymMatrix(scipy.io.mmread(str(BUNDLED / "LFAT5.mtx")).tocsr())
    bad = systec.SymMatrix(scipy.io.mmread(str(BUNDLED / "LFAT5.mtx")).tocsr(),
                           semiring="min_plus")

    def fail(_):
        try:
            bad.symv(np.ones(14))
        except systec.SystecValueError as e:
            return e.status, e.detail
        return None

    def succeed(_):
        return float((good @ np.ones(14)).sum())

    with ThreadPoolExecutor(max_workers=4) as pool:
        fails = list(pool.map(fail, range(20)))
        sums = list(pool.map(succeed, range(20)))
    assert all(f is not None and f[0] == -9 and f[1] for f in fails)
    assert len(set(sums)) == 1


def test_library_thread_count():
    default = systec.get_num_threads()
    assert default >= 1
    try:
        systec.set_num_threads(3)
        # a build without OpenMP is serial: the count stays 1
        assert systec.get_num_threads() in (3, 1)
        A = scipy.io.mmread(str(BUNDLED / "494_bus.mtx")).tocsr()
        x = np.linspace(-1, 1, A.shape[0])
        bound = 1e-12 * (abs(A) @ abs(x))  # per element: the sum of |terms|
        assert np.all(np.abs(systec.SymMatrix(A) @ x - A @ x) <= bound)
        with pytest.raises(systec.SystecValueError):
            systec.set_num_threads(-1)
    finally:
        systec.set_num_threads(0)
    assert systec.get_num_threads() == default
