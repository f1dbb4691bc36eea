"""Test set-up: the package from this source tree, the library and the data.

Environment (CTest sets them; by hand the defaults fit the README's build):
  SYSTEC_LIBRARY      libsystec.so to test (default: <repo>/build/libsystec.so)
  SYSTEC_TEST_DATA    the bundled data (default: <repo>/tests/data)
  SYSTEC_SHARED_DATA  the shared real data with matrices/ and tensors/
                      (optional; its tests are skipped, and say so, without it)
"""
import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))  # the package in python/, not an installed copy
_default_lib = REPO / "build" / "libsystec.so"
if "SYSTEC_LIBRARY" not in os.environ and _default_lib.exists():
    os.environ["SYSTEC_LIBRARY"] = str(_default_lib)

BUNDLED = Path(os.environ.get("SYSTEC_TEST_DATA", REPO / "tests" / "data"))
_shared = os.environ.get("SYSTEC_SHARED_DATA")
SHARED = Path(_shared) if _shared else None


def bundled_matrices():
    return sorted(BUNDLED.glob("*.mtx"))


def shared_path(*parts):
    """A path under the shared data, or a skip saying why it is absent."""
    if SHARED is None:
        pytest.skip("SYSTEC_SHARED_DATA not set")
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip("%s not present" % p)
    return p


def shared_matrices():
    if SHARED is None or not (SHARED / "matrices").is_dir():
        return []
    return sorted((SHARED / "matrices").glob("*.mtx*"))
