#!/usr/bin/env bash
# The two ways to install the Python package, offline, each then run on a
# bundled matrix:
#  1. cmake --install into a temporary prefix: the package lands in
#     <prefix>/PYDIR and finds the library of that prefix by itself;
#  2. pip install --no-index --no-build-isolation from a copy of python/
#     into a virtual environment that sees Debian's numpy and scipy.
# usage: install_check.sh PYTHON BUILD_DIR SOURCE_DIR PYDIR LIBRARY
set -euo pipefail
py=$1 build=$2 src=$3 pydir=$4 lib=$5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PYTHONDONTWRITEBYTECODE=1 PIP_DISABLE_PIP_VERSION_CHECK=1
unset SYSTEC_LIBRARY
matrix="$src/tests/data/bcsstk01.mtx"
# imports the package, checks where it and its library come from, solves with cg
run_check() { # PYTHON PACKAGE_PREFIX LIBRARY_PREFIX
  "$1" - "$2" "$3" "$matrix" <<'PY'
import sys
import numpy as np, scipy.io, scipy.sparse.linalg as sla
import systec, systec._lib
pkg_prefix, lib_prefix, path = sys.argv[1:]
assert systec.__file__.startswith(pkg_prefix), systec.__file__
assert systec._lib.lib._name.startswith(lib_prefix), systec._lib.lib._name
A = systec.SymMatrix.from_mm(path)
b = np.ones(A.shape[0])
x, info = sla.cg(A.as_linear_operator(), b, atol=0.0)
M = scipy.io.mmread(path).tocsr()
assert info == 0 and np.linalg.norm(b - M @ x) <= 1e-5 * np.linalg.norm(b)
print("ok:", systec.__file__, "on", systec._lib.lib._name)
PY
}

# 1. the CMake install
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
test -f "$tmp/prefix/$pydir/systec/_installed.py"
PYTHONPATH="$tmp/prefix/$pydir" run_check "$py" "$tmp/prefix/$pydir" "$tmp/prefix"

# 2. pip, offline, into a venv (Debian's python is externally managed)
cp -r "$src/python" "$tmp/src"
rm -rf "$tmp/src/build" "$tmp/src"/*.egg-info
"$py" -m venv --system-site-packages "$tmp/venv"
"$tmp/venv/bin/python" -m pip install -q --no-index --no-build-isolation "$tmp/src"
test ! -e "$tmp/venv/lib/python"*/site-packages/systec/_installed.py
SYSTEC_LIBRARY="$lib" run_check "$tmp/venv/bin/python" "$tmp/venv" "$lib"
echo "python install check: cmake --install and offline pip install both ok"
