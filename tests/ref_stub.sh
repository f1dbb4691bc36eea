#!/bin/sh
# A stand-in for a hand-written MTTKRP program, for the test of
# systec-bench --reference: it needs a readable tensor file whose lines are
# FROSTT entries (1-based) and a rank, and prints one RES line per kernel
# with times that make the ratios easy to check (x = 1 ms / libsystec's).
[ -r "$1" ] && [ "$2" -ge 1 ] || exit 1
awk 'NF < 4 || $1 < 1 { bad = 1 } END { exit bad || NR == 0 }' "$1" || exit 1
for k in full_csf full_coo sym_pfx sym_csf; do
    echo "RES kernel=$k N=3 n=12 R=$2 threads=1 nnz=$(wc -l < "$1") time_s=1.000000e-03"
done
