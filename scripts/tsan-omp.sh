#!/usr/bin/env bash
# ThreadSanitizer run of the parallel tests (tests/test_omp: every parallel
# kernel at 1-8 threads, concurrent callers on one handle, calls inside a
# parallel region, SSYRK's parallel phases; tests/test_tensor_omp: the tensor
# kernels' parallel schedules).
#
# GCC's OpenMP runtime (libgomp) is not instrumented and tells ThreadSanitizer
# nothing about its barriers, so under -fsanitize=thread every parallel region
# reports false races. This build therefore uses clang with LLVM's OpenMP
# runtime (libomp) and its Archer tool (libarcher.so, loaded through
# OMP_TOOL_LIBRARIES), which hands OpenMP's synchronisation to ThreadSanitizer;
# ignore_noninstrumented_modules=1 skips the runtime's own uninstrumented
# internals, as Archer asks. A deliberately racy OpenMP loop is run first, to
# show that this set-up does report races.
#
# Usage: scripts/tsan-omp.sh [BUILD_DIR]     (default: build-tsan-omp; not
# scripts/tsan.sh's build-tsan, a GCC configuration CMake would keep)
# Needs: clang, libomp-dev (scripts/install-deps.sh installs both).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build-tsan-omp}
command -v clang >/dev/null || { echo "tsan-omp: clang not found" >&2; exit 2; }
archer=$(ls /usr/lib/llvm-*/lib/libarcher.so 2>/dev/null | sort -V | tail -1 || true)
[ -n "$archer" ] || { echo "tsan-omp: libarcher.so (libomp-dev) not found" >&2; exit 2; }

export OMP_TOOL_LIBRARIES=$archer
export TSAN_OPTIONS="halt_on_error=1 ignore_noninstrumented_modules=1 exitcode=66"
flags="-fsanitize=thread -fno-omit-frame-pointer -g"

# the set-up must catch a race: two threads add to one variable
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
cat > "$probe/race.c" <<'EOF'
#include <stdio.h>
int main(void)
{
    long s = 0;
#pragma omp parallel for num_threads(2)
    for (int i = 0; i < 100000; i++) s += i;
    printf("%ld\n", s);
    return 0;
}
EOF
clang $flags -fopenmp=libomp "$probe/race.c" -o "$probe/race"
if "$probe/race" >/dev/null 2>"$probe/race.log"; then
    echo "tsan-omp: the racy probe was not reported: this set-up cannot see races" >&2
    exit 1
fi
grep -q "WARNING: ThreadSanitizer: data race" "$probe/race.log" ||
    { echo "tsan-omp: the probe failed without a race report:" >&2; cat "$probe/race.log" >&2; exit 1; }
echo "tsan-omp: the racy probe is reported (the set-up sees races)"

CC=clang cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_FLAGS="$flags" -DSYSTEC_ISAS=v3 -DSYSTEC_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target test_omp test_tensor_omp
"$build/tests/test_omp" "$src/tests/data"
"$build/tests/test_tensor_omp"
echo "tsan-omp: clean"
