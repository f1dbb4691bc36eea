"""Tuning profiles from Python: status, the thresholds, per-thread-count
sections, files written and read back (and rejected), a matrix's own
profile."""
import numpy as np
import pytest
import scipy.io

import reference as ref
import systec
import systec.profile as sp
from conftest import BUNDLED

REASONS = {"in use", "none", "unreadable", "corrupt", "truncated", "foreign", "stale", "future"}


def test_status_names_a_reason():
    reason, path, detail = sp.status()
    assert reason in REASONS
    assert isinstance(detail, str) and detail
    assert (path is None) == (reason == "none")


def test_new_profile_holds_the_defaults():
    P = sp.Profile()
    table = sp.params()
    assert len(table) > 20
    for p in table:
        assert p["min"] <= p["default"] <= p["max"], p
        assert P.get(p["name"]) == p["default"]
    assert any(p["per_threads"] for p in table) and not all(p["per_threads"] for p in table)


def test_set_get_and_range():
    P = sp.Profile()
    assert P.set("short_row_entries", 10, note="from a test").get("short_row_entries") == 10.0
    with pytest.raises(systec.SystecValueError):
        P.set("short_row_entries", -1)
    with pytest.raises(systec.SystecValueError):
        P.get("no_such_threshold")
    assert P.get("short_row_entries") == 10.0  # unchanged by the refused set


def test_sections_per_thread_count():
    P = sp.Profile()
    outside = P.get("par_min_entries")
    P.set("par_min_entries", 123456, threads=2)
    assert P.threads() == [2]
    assert P.get("par_min_entries", threads=2) == 123456
    assert P.get("par_min_entries", threads=3) == outside
    with pytest.raises(systec.SystecValueError):  # a serial threshold has no sections
        P.set("short_row_entries", 10, threads=2)


def test_write_and_read_back(tmp_path):
    P = sp.Profile().set("stream_min_rows", 1000).set("par_rows_max_buffer", 0.25, threads=2)
    P.comment("written by test_profile.py")
    path = tmp_path / "profile"
    P.write(path)
    Q = sp.Profile(path)
    assert Q.get("stream_min_rows") == 1000
    assert Q.get("par_rows_max_buffer", threads=2) == 0.25
    assert Q.threads() == [2]
    assert "written by test_profile.py" in path.read_text()


def test_rejected_files_raise_with_their_reason(tmp_path):
    good = tmp_path / "good"
    sp.Profile().write(good)
    text = good.read_text()
    truncated = tmp_path / "truncated"
    truncated.write_text(text[:text.rindex("end")])
    corrupt = tmp_path / "corrupt"
    corrupt.write_text(text.replace("stream_min_rows", "stream_min_rowz", 1))
    for path, reason in ((truncated, "truncated"), (corrupt, "corrupt")):
        with pytest.raises(systec.SystecError) as e:
            sp.Profile(path)
        assert reason in str(e.value)
    with pytest.raises(systec.SystecIOError):
        sp.Profile(tmp_path / "missing")


def test_key_and_locations():
    k = sp.key()
    assert k["build"] == sp.build_id()
    assert {"cpu", "isa", "caches", "cores"} <= set(k)
    assert sp.location("user").endswith("systec/profile")
    with pytest.raises(ValueError):
        sp.location("elsewhere")


def test_use_after_the_first_decision_is_refused():
    systec.SymMatrix(scipy.io.mmread(str(BUNDLED / "494_bus.mtx")).tocsr())  # decides
    with pytest.raises(systec.SystecValueError):
        sp.use("none")


def test_a_matrix_with_its_own_profile():
    A = scipy.io.mmread(str(BUNDLED / "494_bus.mtx")).tocsr()
    S = systec.SymMatrix(A)
    stream = sp.Profile()
    for name, value in (("stream_min_rows", 0), ("stream_max_entries", 1e9),
                        ("stream_min_change", 0), ("stream_min_calls", 0)):
        stream.set(name, value)
    S.set_profile(stream).optimize()
    assert "storage   stream" in S.describe("symv")
    x = np.random.default_rng(1).uniform(-1, 1, A.shape[0])
    ref.assert_close(S @ x, *ref.product(A, x, np.float64), np.float64, "symv")
    S.set_profile(None).optimize()
    assert "storage   split" in S.describe("symv")
