#!/usr/bin/python3
"""The cg example beside scipy's cg on the same system.

usage: cg_scipy.py CG_BINARY MATRIX.mtx[.gz] [--tol T] [--reps R]

Runs the libsystec example (CG_BINARY, built from examples/cg.c), then
scipy.sparse.linalg.cg on the same A x = b (b = A x*, x*[i] = sin(0.37 i + 1),
x0 = 0, the Jacobi preconditioner, the same relative tolerance), and prints
both: iterations, time per solve (median of R solves) and per iteration.
Checks: both converge, scipy's true residual is within the tolerance, and
the iteration counts agree (equal in exact arithmetic; rounding in the two
matrix-vector products may move an ill-conditioned solve by a few, so up to
max(2, 1%) apart). Exit status 0 when every check holds.
Needs numpy and scipy (Debian: python3-numpy, python3-scipy).
"""
import argparse
import inspect
import re
import subprocess
import sys
import time

import numpy as np
import scipy
import scipy.io
import scipy.sparse.linalg as sla


def scipy_cg(A, b, tol, reps):
    """scipy's cg with the Jacobi preconditioner: (iterations, info, x, median seconds)."""
    n = A.shape[0]
    dinv = 1.0 / A.diagonal()
    M = sla.LinearOperator((n, n), matvec=lambda v: dinv * v.ravel(), dtype=np.float64)
    # scipy >= 1.12 names the relative tolerance rtol (tol before)
    key = "rtol" if "rtol" in inspect.signature(sla.cg).parameters else "tol"
    times, result = [], None
    for _ in range(reps + 1):  # the first run counts the iterations
        count = [0]

        def callback(_xk, count=count):
            count[0] += 1

        t0 = time.perf_counter()
        x, info = sla.cg(A, b, x0=np.zeros(n), atol=0.0, maxiter=100000, M=M,
                         callback=callback, **{key: tol})
        times.append(time.perf_counter() - t0)
        result = (count[0], info, x)
    return result + (float(np.median(times[1:])),)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cg_binary")
    ap.add_argument("matrix")
    ap.add_argument("--tol", type=float, default=1e-8)
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()

    run = subprocess.run([args.cg_binary, args.matrix, "--tol", repr(args.tol),
                          "--reps", str(args.reps)], capture_output=True, text=True)
    sys.stdout.write(run.stdout)
    sys.stderr.write(run.stderr)
    m = re.search(r"^result: iterations=(-?\d+) time_s=(\S+) residual=(\S+)$", run.stdout, re.M)
    if run.returncode != 0 or not m:
        print("FAIL: the libsystec example did not finish its checks")
        return 1
    its, t_sys = int(m.group(1)), float(m.group(2))

    A = scipy.io.mmread(args.matrix).tocsr()  # both triangles
    n = A.shape[0]
    xstar = np.sin(0.37 * np.arange(n) + 1.0)
    b = A @ xstar
    s_its, info, x, t_sp = scipy_cg(A, b, args.tol, args.reps)
    res = np.linalg.norm(b - A @ x) / np.linalg.norm(b)

    print(f"\nbeside scipy {scipy.__version__} (scipy.sparse.linalg.cg, full CSR, same "
          f"preconditioner and tolerance):")
    print(f"{'':14}{'iterations':>12}{'ms per solve':>15}{'us per iteration':>19}")
    for name, k, t in (("libsystec", its, t_sys), ("scipy cg", s_its, t_sp)):
        print(f"{name:14}{k:>12}{1e3 * t:>15.3f}{1e6 * t / max(k, 1):>19.2f}")
    print(f"scipy / libsystec time per iteration: {(t_sp / max(s_its, 1)) / (t_sys / its):.2f}x "
          f"(one run on this machine, median of {args.reps} solves each)")

    ok = True
    if info != 0:
        print(f"FAIL: scipy's cg did not converge (info {info})")
        ok = False
    if not res <= args.tol:
        print(f"FAIL: scipy's true residual {res:.3e} > {args.tol:.0e}")
        ok = False
    if abs(s_its - its) > max(2, 0.01 * its):
        print(f"FAIL: iteration counts differ: libsystec {its}, scipy {s_its}")
        ok = False
    print(f"check: scipy residual {res:.3e}, iterations {its} vs {s_its}: "
          f"{'ok' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
