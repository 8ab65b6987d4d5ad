#!/usr/bin/env bash
# Packs the voxfeat command and the IBSI test program, with every shared library they need beyond the C/C++ runtime
# (ITK, DCMTK, HDF5, TBB, ...: the GPU server has none of them), into BUILD_DIR/gpu-host-tools.tar.xz (about 26 MB),
# so that run_e2e_on_device.sh can run the end-to-end GPU benchmark and the IBSI values on the GPU path there.
# Usage: bench/gpu/pack_host_tools.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: bench/gpu/pack_host_tools.sh BUILD_DIR}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
binaries=("$build/engine/cli/voxfeat" "$build/tests/voxfeat_ibsi_tests")
"$(dirname "${BASH_SOURCE[0]}")/collect_libs.sh" "$build" "$stage/lib" "${binaries[@]}" >/dev/null
cp "${binaries[@]}" "$stage/"
tar -C "$stage" -cJf "$build/gpu-host-tools.tar.xz" .
echo "pack_host_tools: $(ls "$stage/lib" | wc -l) libraries; $(du -h "$build/gpu-host-tools.tar.xz" | cut -f1) in" \
  "$build/gpu-host-tools.tar.xz"
