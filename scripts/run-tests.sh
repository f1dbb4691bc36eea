#!/usr/bin/env bash
# Set-up from nothing, then the whole test suite: installs the Debian
# packages, builds libsystec with CMake (and the test-only copy of the
# library whose allocations can be made to fail: the allocation-failure
# test), runs CTest.
# Usage: scripts/run-tests.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
bash scripts/install-deps.sh
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DSYSTEC_FAULT_INJECTION=ON
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"
