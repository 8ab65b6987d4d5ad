#!/usr/bin/env bash
# Command (b) of README.md: install what is missing, build everything (CUDA code included when nvcc is present),
# run the whole test suite. GPU tests skip themselves, saying so, where no device is present.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
