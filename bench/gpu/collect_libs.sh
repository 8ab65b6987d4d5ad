#!/usr/bin/env bash
# Copies the shared libraries that voxfeat_gpu_tests and voxfeat_gpu_bench need beyond the C/C++ runtime into
# BUILD_DIR/gpu-libs, so that they can travel with the binaries to a GPU server that lacks our build dependencies
# (today: libbenchmark.so.1debian; libtbb.so.12 once a kernel they use needs TBB). run_on_device.sh puts that folder
# on LD_LIBRARY_PATH. The CUDA runtime is linked statically; the driver (libcuda.so.1) comes from the server.
# With DEST and BINARY arguments: the libraries of those binaries into DEST instead (pack_host_tools.sh).
set -euo pipefail
build=${1:?usage: bench/gpu/collect_libs.sh BUILD_DIR [DEST BINARY...]}
if (($# > 2)); then
  dest=$2
  binaries=("${@:3}")
else
  dest=$build/gpu-libs
  binaries=("$build/tests/gpu/voxfeat_gpu_tests" "$build/bench/gpu/voxfeat_gpu_bench")
fi
rm -rf "$dest"
mkdir -p "$dest"
for binary in "${binaries[@]}"; do
  [[ -x $binary ]] || { echo "collect_libs: $binary is not built" >&2; exit 1; }
  if ldd "$binary" | grep -q 'not found'; then
    ldd "$binary" >&2
    echo "collect_libs: $binary has unresolved libraries" >&2
    exit 1
  fi
  # Every GPU server has the C and C++ runtimes (the binaries need GLIBC 2.34 and GLIBCXX 3.4.30 at most).
  ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// {print $1, $3}' | while read -r name path; do
    case $name in
      linux-vdso.so.* | ld-linux-*.so.* | libc.so.* | libm.so.* | libdl.so.* | librt.so.* | libpthread.so.* | \
        libstdc++.so.* | libgcc_s.so.*) ;;
      *) cp -L "$path" "$dest/$name" ;;
    esac
  done
done
echo "collect_libs: $(ls "$dest" | wc -l) libraries in $dest: $(ls "$dest" | tr '\n' ' ')"
