#!/usr/bin/env bash
# The whole test suite under AddressSanitizer (with LeakSanitizer) and
# UndefinedBehaviorSanitizer: a build of its own, every error fatal. The
# allocation-failure test runs here under LeakSanitizer too. One kernel
# variant (the build machine's; instrumenting the generated kernels three
# times over takes long), no PETSc component (MPI's own allocations would be
# reported). Tests that cannot load the sanitizer runtimes (valgrind's
# memcheck, everything run by Python, the installed example, the fuzz smoke
# run) run in the normal build only.
# Usage: scripts/sanitize.sh [BUILD_DIR]   (default: build-asan)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-asan}
bash scripts/install-deps.sh
san="-fsanitize=address,undefined -fno-sanitize-recover=all"
# line tables only (-g1): enough for the sanitizers' stack traces, and
# quicker to build than full debug information
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -g1 -DNDEBUG" \
  -DCMAKE_C_FLAGS="$san -fno-omit-frame-pointer" -DCMAKE_EXE_LINKER_FLAGS="$san" \
  -DCMAKE_SHARED_LINKER_FLAGS="$san" -DSYSTEC_FAULT_INJECTION=ON -DSYSTEC_INSTALL_PYTHON=OFF \
  -DSYSTEC_NATIVE=ON -DSYSTEC_WITH_PETSC=OFF
cmake --build "$build" -j"$(nproc)"
# allocator_may_return_null: a request too large for the machine returns NULL
# (the library's OUT_OF_MEMORY path) instead of ending the process
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build" --output-on-failure -j"$(nproc)" -E 'scipy|python'

