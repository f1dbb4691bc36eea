#!/usr/bin/env bash
# Set-up from nothing, then the main job: installs the Debian packages,
# builds libsystec, tunes it for this machine with systec-tune (budgeted,
# about 2 minutes), then runs `systec-bench --paper --quick` with that profile:
# every generated symmetric kernel (SSYMV, SYPRD, min-plus SSYMV, SSYMM,
# SSYRK sparse and dense, MTTKRP orders 3-5, TTM, TTSV) against its generated
# non-symmetric baseline and the peer libraries, on the real matrices and
# tensors and the synthetic inputs (the SySTeC paper's tensor
# configurations); then the summary beside the paper's figures, and PNG
# plots (gnuplot); last, the dispatcher's regret on the same real inputs
# (which the tuner did not see), with the compiled defaults and the profile.
# A failing operation is reported and the others still run; the exit
# status is 1 if any failed. The profile, CSVs and plots go to out/ (the
# profile is out/systec-profile; the library reads it through
# SYSTEC_PROFILE here -- to use it in your own programs, see the README).
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
mkdir -p out
# the thresholds of this machine (about 2 minutes: a 100 s measuring budget, --budget SECONDS for more or less, then the search)
./build/tune/systec-tune --output out/systec-profile
export SYSTEC_PROFILE="$PWD/out/systec-profile"
./build/tune/systec-info | sed -n '1,5p'
# about 2 minutes here with ../shared/data (--quick: fewer rounds, the paper's
# tensor configurations at rank 10 only; drop --quick for all of them, 13 minutes)
status=0
./build/bench/systec-bench --paper --quick --out out "${data[@]}" || status=$?
# regret t_chosen/t_best of the defaults and of the profile (a few seconds)
# (SSYMV also on 2 threads: the profile's section for 2)
./build/bench/systec-bench --regret --threads 2 --csv out/regret.csv "${data[@]}" || status=$?
exit "$status"
