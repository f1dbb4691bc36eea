#!/usr/bin/env bash
# libFuzzer on the readers and systec-gen's spec parser: fuzz_mm (Matrix
# Market), fuzz_tns (FROSTT .tns), fuzz_ssten (.ssten), fuzz_hyper (ScHoLP
# hypergraphs), fuzz_spec (specs); each target feeds what it parsed into
# conversion and a kernel (tests/fuzz). Builds its own clang configuration
# (the library with AddressSanitizer, UndefinedBehaviorSanitizer and the
# fuzzer's coverage), then runs every target (or the ones named), seeded
# with the repository's data and specs, and prints the executions each
# reached. A crash stops the run with the reproducer under BUILD/crashes.
#
# Usage: scripts/fuzz.sh [--smoke SECONDS | --time SECONDS | --runs N]
#                        [--build DIR] [TARGET...]
#   --runs N       the long run: N executions per target (default 1000000)
#   --time S       S seconds per target
#   --smoke S      S seconds in all, shared by the targets (CTest: 30)
#   --build DIR    the fuzz build directory (default build-fuzz)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=runs amount=1000000 build=build-fuzz targets=()
while (($#)); do
  case $1 in
    --runs) mode=runs amount=$2; shift 2 ;;
    --time) mode=time amount=$2; shift 2 ;;
    --smoke) mode=smoke amount=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    fuzz_*) targets+=("$1"); shift ;;
    *) echo "fuzz.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
((${#targets[@]})) || targets=(fuzz_mm fuzz_tns fuzz_ssten fuzz_hyper fuzz_spec)
command -v clang >/dev/null || { echo "fuzz.sh: clang not found (scripts/install-deps.sh)" >&2; exit 2; }
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g"
# one kernel variant (the build machine's): the fuzzers exercise the readers
# and the runtime, and one ISA compiles in a fraction of the time
cmake -S . -B "$build" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS="$flags" -DSYSTEC_FUZZ=ON -DSYSTEC_NATIVE=ON -DSYSTEC_BUILD_BENCH=OFF \
  -DSYSTEC_INSTALL_PYTHON=OFF >"$build.configure.log" 2>&1 ||
  { cat "$build.configure.log"; exit 1; }
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" >"$build.build.log" 2>&1 ||
  { tail -40 "$build.build.log"; exit 1; }

export ASAN_OPTIONS=allocator_may_return_null=1:detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
seeds() { # the read-only seed directories of a target
  case $1 in
    fuzz_mm) echo tests/data tests/fuzz/seeds/fuzz_mm ;;
    fuzz_tns) echo tests/data tests/fuzz/seeds/fuzz_tns ;;
    fuzz_ssten) echo tests/fuzz/seeds/fuzz_ssten ;;
    fuzz_hyper) echo tests/fuzz/seeds/fuzz_hyper ;;
    fuzz_spec) echo gen/kernels tests/specs ;;
  esac
}
limit=()
case $mode in
  runs) limit=(-runs="$amount") ;;
  time) limit=(-max_total_time="$amount") ;;
  smoke) limit=(-max_total_time=$(( amount / ${#targets[@]} > 1 ? amount / ${#targets[@]} : 1 ))) ;;
esac
mkdir -p "$build/crashes"
status=0
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  mkdir -p "$corpus"
  log="$build/$t.log"
  # shellcheck disable=SC2046
  if "$build/tests/fuzz/$t" "${limit[@]}" -rss_limit_mb=2048 -malloc_limit_mb=1024 \
       -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/crashes/$t-" \
       "$corpus" $(seeds "$t") >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    echo "$t: ${runs:-?} executions, no crash (corpus $corpus)"
  else
    echo "$t: FAILED -- see $log and $build/crashes/" >&2
    tail -30 "$log" >&2
    status=1
  fi
done
exit $status
