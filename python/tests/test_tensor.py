"""SymTensor: readers, constructors, MTTKRP and TTM against numpy in long
double, on every tie pattern, in float and double."""
import gzip
import itertools

import numpy as np
import pytest

import reference as ref
import systec
from conftest import BUNDLED, shared_path

DTYPES = [np.float64, np.float32]


def read_frostt(path):
    """An independent reader for the bundled .tns (header "order dim")."""
    lines = [l.split() for l in open(path) if l.strip() and not l.startswith("#")]
    order, dim = int(lines[0][0]), int(lines[0][1])
    body = np.array([[float(v) for v in l] for l in lines[1:]])
    return body[:, :order].astype(np.int64) - 1, body[:, order], dim


def canonical_with_ties(order, n, count, seed):
    """Random sorted tuples over a small n (so every tie pattern occurs),
    distinct, with values in [-1, 1)."""
    rng = np.random.default_rng(seed)
    coords = np.unique(np.sort(rng.integers(0, n, (count, order)), axis=1), axis=0)
    return coords, rng.uniform(-1, 1, len(coords))


def tie_patterns(coords):
    """Which coordinates equal their right neighbour, per entry."""
    return {tuple(r) for r in (coords[:, 1:] == coords[:, :-1])}


def check_mttkrp(T, coords, values, dtype, R=3, seed=0):
    n = T.shape[0]
    U = np.random.default_rng(seed).uniform(-1, 1, (n, R))
    full, fvals = ref.full_tensor(coords, values)
    want, bound = ref.mttkrp(full, fvals, U, dtype)
    got = T.mttkrp(U)
    assert got.dtype == dtype and got.shape == (n, R)
    ref.assert_close(got, want, bound, dtype, "mttkrp order %d" % T.order)


def check_ttm(T, coords, values, dtype, R=3, seed=1):
    n = T.shape[0]
    U = np.random.default_rng(seed).uniform(-1, 1, (n, R))
    full, fvals = ref.full_tensor(coords, values)
    want, bound = ref.ttm_packed(full, fvals, n, U, dtype)
    packed = T.ttm(U)
    assert packed.dtype == dtype and packed.shape == (n * (n + 1) // 2, R)
    ref.assert_close(packed, want, bound, dtype, "ttm packed")
    if n <= 200:
        expanded = T.ttm(U, packed=False)
        assert expanded.shape == (n, n, R)
        j, l = np.triu_indices(n)
        np.testing.assert_array_equal(expanded[j, l], packed)
        np.testing.assert_array_equal(expanded[l, j], packed)


@pytest.mark.parametrize("dtype", DTYPES)
def test_bundled_tns(dtype):
    path = BUNDLED / "small3.tns"
    coords, values, dim = read_frostt(path)
    T = systec.SymTensor.from_file(path, dtype=dtype)
    assert T.shape == (dim,) * 3 and T.order == 3 and T.nnz == len(values)
    assert T.dtype == dtype and not T.copied
    c, v = T.to_coo()
    np.testing.assert_array_equal(c, coords)
    np.testing.assert_array_equal(v, values.astype(dtype))
    full, fvals = ref.full_tensor(coords, values)
    assert T.full_nnz == len(full)
    fc, fv = T.to_coo(full=True)
    order = np.lexsort(fc.T[::-1])
    np.testing.assert_array_equal(fc[order], full)
    np.testing.assert_array_equal(fv[order], fvals.astype(dtype))
    check_mttkrp(T, coords, values, dtype)
    check_ttm(T, coords, values, dtype)
    Tgz = systec.SymTensor.from_file(BUNDLED / "small3.tns.gz", dtype=dtype)
    np.testing.assert_array_equal(Tgz.mttkrp(np.eye(dim)), T.mttkrp(np.eye(dim)))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("order", [3, 4, 5])
def test_every_tie_pattern(order, dtype):
    coords, values = canonical_with_ties(order, 6, 400, seed=order)
    assert len(tie_patterns(coords)) == 2 ** (order - 1)  # all patterns present
    T = systec.SymTensor(coords, values, 6, dtype=dtype)
    assert not T.copied and T.nnz == len(values)
    check_mttkrp(T, coords, values, dtype, R=4)
    if order == 3:
        check_ttm(T, coords, values, dtype, R=4)


def test_full_form_and_copies():
    coords, values = canonical_with_ties(3, 7, 100, seed=9)
    full, fvals = ref.full_tensor(coords, values)
    T = systec.SymTensor(full, fvals, form="full")
    assert T.nnz == len(values) and T.full_nnz == len(full)
    c, v = T.to_coo()
    np.testing.assert_array_equal(c, coords)
    np.testing.assert_array_equal(v, values)
    T32 = systec.SymTensor(coords.astype(np.int32), values.tolist(), 7)
    assert T32.copied
    U = np.ones((7, 2))
    np.testing.assert_array_equal(T32.mttkrp(U), T.mttkrp(U))
    ones = systec.SymTensor(coords)  # values default to 1, n to max + 1
    np.testing.assert_array_equal(ones.to_coo()[1], np.ones(len(coords)))
    assert ones.shape[0] == coords.max() + 1


def test_duplicates_are_summed():
    T = systec.SymTensor(np.array([[0, 1, 1], [0, 1, 1], [1, 1, 1]]), np.array([1.0, 2.0, 5.0]))
    c, v = T.to_coo()
    np.testing.assert_array_equal(c, [[0, 1, 1], [1, 1, 1]])
    np.testing.assert_array_equal(v, [3.0, 5.0])


@pytest.mark.parametrize("dtype", DTYPES)
def test_contact5(dtype):
    T = systec.SymTensor.from_file(shared_path("tensors", "symprop_contact-5.tns"), dtype=dtype)
    assert T.order == 5
    coords, values = T.to_coo()
    check_mttkrp(T, coords, values.astype(np.float64), dtype, R=4)


@pytest.mark.parametrize("name", ["worm_Y2H1.ssten", "worm_PHY1.ssten"])
def test_ssten_triangles(name):
    path = shared_path("tensors", "lvgna_triangles", name)
    T = systec.SymTensor.from_file(path)
    with open(path) as f:
        order, dim, nnz = (int(v) for v in f.readline().split())
        body = np.loadtxt(f, ndmin=2)
    coords = np.sort(body[:, :order].astype(np.int64) - 1, axis=1)
    assert T.shape == (dim,) * order and T.nnz == len(np.unique(coords, axis=0)) == nnz
    c, v = T.to_coo()
    check_mttkrp(T, c, v, np.float64, R=3)
    check_ttm(T, c, v, np.float64, R=2)


def read_simplices(folder, name):
    with gzip.open(folder / (name + "-nverts.txt.gz"), "rt") as f:
        nverts = np.array(f.read().split(), dtype=np.int64)
    with gzip.open(folder / (name + "-simplices.txt.gz"), "rt") as f:
        nodes = np.array(f.read().split(), dtype=np.int64) - 1
    return np.split(nodes, np.cumsum(nverts)[:-1]), int(nodes.max()) + 1


@pytest.mark.parametrize("k", [3, 4])
def test_hypergraph(k):
    folder = shared_path("tensors", "scholp_hypergraphs", "email-Enron")
    nv = folder / "email-Enron-nverts.txt.gz"
    sx = folder / "email-Enron-simplices.txt.gz"
    T = systec.SymTensor.from_hypergraph(nv, sx, k)
    simplices, M = read_simplices(folder, "email-Enron")
    want = np.unique(np.array([np.sort(s) for s in simplices if len(s) == k]), axis=0)
    c, v = T.to_coo()
    assert T.shape == (M,) * k
    np.testing.assert_array_equal(c, want)
    np.testing.assert_array_equal(v, np.ones(len(want)))
    check_mttkrp(T, c, v, np.float64, R=3)
    P = systec.SymTensor.from_hypergraph(nv, sx, k, padded=True)
    assert P.shape[0] == M + k - 2
    assert P.nnz == len({tuple(np.sort(s)) for s in simplices if 2 <= len(s) <= k})
    pc, pv = P.to_coo()
    check_mttkrp(P, pc, pv, np.float64, R=2)


def test_tensor_products_need_supported_orders():
    T6 = systec.SymTensor(np.array([[0, 0, 1, 1, 2, 2]]), np.array([1.0]))
    with pytest.raises(systec.SystecUnsupportedError) as e:
        T6.mttkrp(np.ones((3, 2)))
    assert e.value.status == -103 and "systec_dmttkrp" in str(e.value)
    T4 = systec.SymTensor(np.array([[0, 0, 1, 1]]), np.array([1.0]))
    with pytest.raises(systec.SystecUnsupportedError):
        T4.ttm(np.ones((2, 2)))


def test_tensor_input_errors():
    with pytest.raises(systec.SystecValueError) as e:
        systec.SymTensor(np.array([[1, 0, 2]]), np.array([1.0]))  # not sorted
    assert e.value.status == -6 and e.value.detail
    full, fvals = ref.full_tensor(np.array([[0, 1, 2]]), np.array([1.0]))
    with pytest.raises(systec.SystecValueError) as e:
        systec.SymTensor(full[:-1], fvals[:-1], form="full")  # a permutation missing
    assert e.value.status == -8 and e.value.detail
    with pytest.raises(systec.SystecValueError) as e:
        systec.SymTensor(np.array([[0, 1, 5]]), np.array([1.0]), 3)  # out of range
    assert e.value.status == -5
    with pytest.raises(ValueError):
        systec.SymTensor(np.array([0, 1, 2]))  # not 2-D
    with pytest.raises(ValueError):
        systec.SymTensor(np.array([[0, 1, 2]]), form="sorted")
    T = systec.SymTensor(np.array([[0, 1, 2]]))
    with pytest.raises(ValueError):
        T.mttkrp(np.ones((4, 2)))  # n is 3


def test_tensor_file_errors(tmp_path):
    with pytest.raises(systec.SystecIOError) as e:
        systec.SymTensor.from_file(tmp_path / "missing.tns")
    assert e.value.status == -101 and "missing.tns" in str(e.value)
    bad = tmp_path / "bad.tns"
    bad.write_text("1 1 1 1.0\n1 2 x 1.0\n")
    with pytest.raises(systec.SystecParseError) as e:
        systec.SymTensor.from_file(bad)
    assert "bad.tns:2" in e.value.detail
    with pytest.raises(systec.SystecIOError):
        systec.SymTensor.from_hypergraph(tmp_path / "a.txt", tmp_path / "b.txt", 3)
