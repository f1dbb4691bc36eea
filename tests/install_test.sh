#!/usr/bin/env bash
# Installs the built library into a temporary prefix, then builds the
# documented example twice outside the tree -- with pkg-config and with
# CMake's find_package -- and runs both on a real matrix; then the tensor
# example (pkg-config) on a random tensor and a bundled .tns file.
# usage: install_test.sh BUILD_DIR SOURCE_DIR MATRIX
set -euo pipefail
build=$1 src=$2 matrix=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
libdir=$(ls -d "$tmp"/prefix/lib*/ | head -n1)
export PKG_CONFIG_PATH="$libdir/pkgconfig"
export LD_LIBRARY_PATH="$libdir"

# only the public API is exported from the shared library
bad=$(nm -D --defined-only "$libdir"/libsystec.so | awk '{print $3}' | grep -v '^systec_' || true)
if [ -n "$bad" ]; then echo "FAIL: non-API symbols exported:"; echo "$bad"; exit 1; fi

cc -std=c11 -O2 "$src/docs/example/ssymv_example.c" $(pkg-config --cflags --libs systec) -lm \
   -o "$tmp/ex_pc"
"$tmp/ex_pc" "$matrix"

cmake -S "$src/tests/install" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$tmp/prefix" \
      -DEXAMPLE_SOURCE="$src/docs/example/ssymv_example.c" >/dev/null
cmake --build "$tmp/consumer" >/dev/null
"$tmp/consumer/ssymv_example" "$matrix"
# the tensor example: a random order-4 tensor, then the bundled small3.tns
cc -std=c11 -O2 "$src/docs/example/mttkrp_example.c" $(pkg-config --cflags --libs systec) -lm \
   -o "$tmp/mt_pc"
"$tmp/mt_pc"
"$tmp/mt_pc" "$src/tests/data/small3.tns"
echo "install test: exports, pkg-config build and find_package build all ok"
