#!/usr/bin/env bash
# Set-up from nothing, then the main job: installs the Debian packages,
# builds libsystec, and benchmarks each generated symmetric kernel (SSYMV,
# SYPRD, min-plus SSYMV, SSYMM with 8 columns, SSYRK sparse and dense)
# against the generated non-symmetric baseline, and SSYMV and SSYRK against
# the peer libraries, on the real matrices and the synthetic ones; then
# MTTKRP (orders 3-5) and TTM (order 3) against their CSF baselines on the
# real tensors and the SySTeC paper's synthetic configurations
# (systec-bench --quick throughout).
# A failing operation is reported and the others still run; the exit
# status is 1 if any failed. CSVs go to out/<op>.csv.
# The autotuner (tune/) does not exist yet, so there is no tuning step.
# Usage: scripts/run-main.sh [MATRIX_DIR [TENSOR_DIR]]
#   MATRIX_DIR defaults to ../shared/data/matrices next to the checkout, or
#   the repository's tests/data when that is absent.
#   TENSOR_DIR defaults to ../shared/data/tensors next to the checkout; when
#   that is absent, MTTKRP and TTM run on the synthetic configurations only.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-}
if [ -z "$data" ]; then
  if [ -d ../shared/data/matrices ]; then data=../shared/data/matrices; else data=tests/data; fi
fi
tensors=()
if [ -n "${2:-}" ]; then
  tensors=("$2")
elif [ -d ../shared/data/tensors ]; then
  tensors=(../shared/data/tensors)
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
# MTTKRP takes tensors, not matrices (about 40 s here with the shared tensors)
./build/bench/systec-bench --op mttkrp --quick --synthetic --csv out/mttkrp.csv \
  ${tensors[@]+"${tensors[@]}"} || rc=1
echo "CSV written to out/mttkrp.csv"
echo
# TTM, order 3 only (about 60 s here with the shared tensors; peak RSS about 4.5 GB)
./build/bench/systec-bench --op ttm --quick --synthetic --csv out/ttm.csv \
  ${tensors[@]+"${tensors[@]}"} || rc=1
echo "CSV written to out/ttm.csv"
exit $rc
