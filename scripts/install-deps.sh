#!/usr/bin/env bash
# Installs voxfeat's build and test dependencies from Debian 12's packages. Idempotent: does nothing when they are
# all present. CUDA is not a Debian package: nvcc is expected at /usr/local/cuda (cuda/ is skipped without it).
set -euo pipefail
packages=(
  build-essential cmake ninja-build ccache pkgconf git
  libinsighttoolkit5-dev libgdcm-tools libdcmtk-dev libtbb-dev libhdf5-dev libfftw3-dev libssl-dev libyaml-cpp-dev
  nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev libeigen3-dev libqhull-dev zlib1g-dev libtiff-dev libpng-dev
  libgtest-dev libbenchmark-dev hdf5-tools hyperfine time python3
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
