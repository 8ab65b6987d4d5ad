#!/usr/bin/env bash
# `cmake --install` of this build into a fresh prefix, then two consumers outside the build that see only the
# installed package: the CMake project tests/capi/consumer (find_package(voxfeat), C++ API, threads) and the C program
# tests/capi/c_consumer.c compiled with pkg-config. Arguments: build dir, source dir, scratch dir.
set -euo pipefail
build=$1 source=$2 scratch=$3
rm -rf "$scratch" && mkdir -p "$scratch"
cmake --install "$build" --prefix "$scratch/prefix" >/dev/null
test -f "$scratch/prefix/include/voxfeat/voxfeat.h"
test -f "$scratch/prefix/include/voxfeat/voxfeat_plugin.h"
export LD_LIBRARY_PATH="$scratch/prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
# SONAME versioned: programs record libvoxfeat.so.0.
soname=$(objdump -p "$scratch/prefix/lib/libvoxfeat.so" | awk '/SONAME/ {print $2}')
[ "$soname" = "libvoxfeat.so.0" ] || { echo "SONAME is '$soname'"; exit 1; }

cmake -S "$source/tests/capi/consumer" -B "$scratch/consumer" -DCMAKE_PREFIX_PATH="$scratch/prefix" \
  -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$scratch/consumer" >/dev/null
"$scratch/consumer/consumer"

export PKG_CONFIG_PATH="$scratch/prefix/lib/pkgconfig"
# shellcheck disable=SC2046
cc -std=c11 -O2 "$source/tests/capi/c_consumer.c" -o "$scratch/c_consumer" $(pkg-config --cflags --libs voxfeat) -lm
"$scratch/c_consumer" | tail -1
echo "install consumer: ok"
