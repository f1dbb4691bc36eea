"""Plain references for the tests: long-double results computed with numpy
and scipy from the same (rounded) inputs the library gets, and the
per-element tolerance of the project: |got - ref| <= tol * (sum of |terms|),
tol 1e-12 for double, 1e-5 for float."""
import itertools

import numpy as np
import scipy.sparse as sp

LD = np.longdouble
TOL = {np.dtype(np.float64): 1e-12, np.dtype(np.float32): 1e-5}


def assert_close(got, ref, bound, dtype, what=""):
    """Per element: |got - ref| <= tol(dtype) * bound, bound = sum of |terms|
    (an element with no terms must be exactly 0)."""
    got, ref, bound = (np.asarray(a, dtype=LD) for a in (got, ref, bound))
    assert got.shape == ref.shape, (what, got.shape, ref.shape)
    err = np.abs(got - ref)
    allow = TOL[np.dtype(dtype)] * bound
    bad = ~(err <= allow)
    if bad.any():
        i = np.flatnonzero(bad.ravel())[0]
        raise AssertionError("%s: %d elements off; first at flat index %d: got %r, want %r, "
                             "allowed %r" % (what, bad.sum(), i, got.ravel()[i],
                                             ref.ravel()[i], allow.ravel()[i]))


def rounded(a, dtype):
    """a rounded to the library's value type, then widened to long double."""
    if sp.issparse(a):
        return a.astype(dtype).astype(LD)
    return np.asarray(a).astype(dtype).astype(LD)


def product(A, X, dtype):
    """(A @ X, |A| @ |X|) in long double from A and X rounded to dtype."""
    A, X = rounded(A, dtype), rounded(X, dtype)
    return A @ X, abs(A) @ np.abs(X)


def quadratic(A, x, dtype):
    """(x^T A x, |x|^T |A| |x|) in long double."""
    A, x = rounded(A, dtype), rounded(x, dtype)
    return x @ (A @ x), np.abs(x) @ (abs(A) @ np.abs(x))


def minplus(A, x, y0, dtype):
    """y[i] = min(y0[i], min over stored A[i, j] of A[i, j] + x[j]) in dtype
    (one rounding per sum, as the kernel)."""
    A = sp.coo_matrix(A)
    y = np.array(y0, dtype=dtype)
    np.minimum.at(y, A.row, A.data.astype(dtype) + np.asarray(x, dtype=dtype)[A.col])
    return y


def full_tensor(coords, values):
    """Every distinct permutation of each canonical entry."""
    order = coords.shape[1]
    perms = np.array(list(itertools.permutations(range(order))))
    full = coords[:, perms].reshape(-1, order)
    vals = np.repeat(values, len(perms))
    base = int(coords.max()) + 1 if coords.size else 1
    if base ** order < 2 ** 62:  # one integer key per tuple: a fast unique
        key = np.zeros(len(full), dtype=np.int64)
        for m in range(order):
            key = key * base + full[:, m]
        _, first = np.unique(key, return_index=True)
    else:
        _, first = np.unique(full, axis=0, return_index=True)
    return full[first], vals[first]


def mttkrp(coords_full, values_full, U, dtype):
    """(C, bound): C[i, r] = sum A[i, j, k, ...] U[j, r] U[k, r] ... in long double."""
    U, v = rounded(U, dtype), rounded(values_full, dtype)
    prod = v[:, None] * np.prod(U[coords_full[:, 1:]], axis=1)
    aprod = np.abs(v)[:, None] * np.prod(np.abs(U[coords_full[:, 1:]]), axis=1)
    return sum_rows(coords_full[:, 0], prod, U.shape), sum_rows(coords_full[:, 0], aprod, U.shape)


def sum_rows(rows, terms, shape):
    """out[r] = sum of terms[e] over e with rows[e] == r, in long double
    (np.add.reduceat over the terms sorted by row; np.add.at is slow)."""
    out = np.zeros(shape, dtype=LD)
    if len(rows) == 0:
        return out
    order = np.argsort(rows, kind="stable")
    rows, terms = rows[order], terms[order]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    out[rows[starts]] = np.add.reduceat(terms, starts, axis=0)
    return out


def ttm_packed(coords_full, values_full, n, U, dtype):
    """(C, bound) of TTM in the packed layout: row (j*(2n-j+1)/2 + l-j)
    holds C[j, l, :] = sum_k A[j, l, k] U[k, :], for j <= l."""
    U, v = rounded(U, dtype), rounded(values_full, dtype)
    j, l, k = coords_full.T
    keep = j <= l
    j, l, k, v = j[keep], l[keep], k[keep], v[keep]
    row = j * (2 * n - j + 1) // 2 + (l - j)
    shape = (n * (n + 1) // 2, U.shape[1])
    return (sum_rows(row, v[:, None] * U[k], shape),
            sum_rows(row, np.abs(v)[:, None] * np.abs(U[k]), shape))
