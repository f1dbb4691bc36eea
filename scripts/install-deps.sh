#!/usr/bin/env bash
# Installs what libsystec needs on Debian 12 (run as root, or with sudo).
#   build:   gcc, cmake, make, pkg-config, zlib (gzip Matrix Market input)
#   tools:   hwloc and PAPI (tuner; never required by the library),
#            valgrind (memcheck tests), and the peer libraries systec-bench
#            compares with: librsb, SuiteSparse:GraphBLAS, OpenBLAS, CHOLMOD;
#            gnuplot (systec-bench's plots; without it only the scripts are written)
#   python:  Debian's numpy, scipy and pytest for the package in python/ and its
#            tests; pip, setuptools, wheel and venv for its offline install
#            (numpy and scipy also serve the cg example beside scipy's cg)
#   PETSc:   petsc-dev with OpenMPI (the optional petsc/ component,
#            SYSTEC_WITH_PETSC, and its mpirun tests)
#   testing: clang and its runtime libraries (libFuzzer and the sanitizers:
#            scripts/fuzz.sh, the fuzz smoke test); gcc's sanitizer runtimes
#            (scripts/sanitize.sh, scripts/tsan.sh) come with build-essential
set -euo pipefail
pkgs=(build-essential cmake pkg-config zlib1g-dev libhwloc-dev libpapi-dev
      valgrind librsb-dev libgraphblas-dev libopenblas-dev libsuitesparse-dev gnuplot-nox
      python3 python3-numpy python3-scipy python3-pytest python3-pip python3-setuptools
      python3-wheel python3-venv petsc-dev libopenmpi-dev openmpi-bin
      clang libclang-rt-14-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo -n" # never prompt: fail if sudo needs a password
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
fi
