#!/usr/bin/env bash
# Set-up from nothing, then the main job: installs the Debian packages,
# builds libsystec, and runs `systec-bench --paper --quick`: every generated
# symmetric kernel (SSYMV, SYPRD, min-plus SSYMV, SSYMM, SSYRK sparse and
# dense, MTTKRP orders 3-5, TTM) against its generated non-symmetric
# baseline and the peer libraries, on the real matrices and tensors and the
# synthetic inputs (the SySTeC paper's tensor configurations); then the
# summary beside the paper's figures, and PNG plots (gnuplot).
# A failing operation is reported and the others still run; the exit
# status is 1 if any failed. CSVs and plots go to out/.
# The autotuner (tune/) does not exist yet, so there is no tuning step.
# Usage: scripts/run-main.sh [DATA...]
#   DATA: matrix and tensor files or directories; default ../shared/data
#   next to the checkout (matrices/ and tensors/), or the repository's
#   tests/data (matrices only) when that is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
data=("$@")
if ((${#data[@]} == 0)); then
  if [ -d ../shared/data ]; then data=(../shared/data); else data=(tests/data); fi
fi
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"
# about 2 minutes here with ../shared/data (--quick: fewer rounds, the paper's
# tensor configurations at rank 10 only; drop --quick for all of them, 13 minutes)
./build/bench/systec-bench --paper --quick --out out "${data[@]}"
