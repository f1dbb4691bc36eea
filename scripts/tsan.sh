#!/usr/bin/env bash
# The concurrency tests under ThreadSanitizer: a build of its own, then the
# tests that run threads (tests/test_threads.c: many threads on one const
# handle, concurrent constructors, readers and writers). Any data race
# reported fails the run.
# Usage: scripts/tsan.sh [BUILD_DIR]   (default: build-tsan)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-tsan}
bash scripts/install-deps.sh
# line tables only (-g1): enough for the sanitizers' stack traces, and
# quicker to build than full debug information
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
  -DCMAKE_C_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=thread" \
  -DSYSTEC_BUILD_BENCH=OFF -DSYSTEC_INSTALL_PYTHON=OFF
cmake --build "$build" -j"$(nproc)" --target test_threads
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
ctest --test-dir "$build" --output-on-failure -R '^threads$'
