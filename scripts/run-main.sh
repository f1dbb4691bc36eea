#!/usr/bin/env bash
# Set-up from nothing, then the main job: installs the Debian packages,
# builds libsystec, and benchmarks each generated symmetric kernel (SSYMV,
# SYPRD, min-plus SSYMV, SSYMM with 8 columns, SSYRK sparse and dense)
# against the generated non-symmetric baseline, and SSYMV against the peer
# libraries, on the real matrices and the synthetic ones (systec-bench
# --quick).
# The autotuner (tune/) does not exist yet, so there is no tuning step.
# Usage: scripts/run-main.sh [MATRIX_DIR]
#   MATRIX_DIR defaults to ../shared/data/matrices next to the checkout, or
#   the repository's tests/data when that is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-}
if [ -z "$data" ]; then
  if [ -d ../shared/data/matrices ]; then data=../shared/data/matrices; else data=tests/data; fi
fi
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"
mkdir -p out
rc=0
for op in symv syprd minplus symm syrk syrk_dense; do
  # a failing operation is reported and the others still run
  ./build/bench/systec-bench --op "$op" --quick --synthetic --csv "out/$op.csv" "$data" || rc=1
  echo "CSV written to out/$op.csv"
  echo
done
exit $rc
