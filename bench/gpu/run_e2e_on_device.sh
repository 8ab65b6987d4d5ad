#!/usr/bin/env bash
# On a GPU server without voxfeat's build dependencies, from BUILD_DIR/gpu-host-tools.tar.xz (pack_host_tools.sh):
#   1. the IBSI reference values on the GPU path (voxfeat_ibsi_tests --gtest_filter=Gpu/*: digital phantom, CT A-E),
#   2. the end-to-end batch benchmark of issue 6: CASES synthetic CT cases (256x256x128 at 1x1x2 mm, tumours of
#      50k-500k voxels; `voxfeat make-demo-data --benchmark-set`), all IBSI families, extracted with --device cpu on
#      every core and with --device cuda; and the same with no family but the cheapest (intensity_statistics), for
#      the share of the time spent decoding and preparing ROIs.
# Writes e2e.md (a table), ibsi_gpu.log and the commands' logs into OUTDIR. Usage, from anywhere:
#   bench/gpu/run_e2e_on_device.sh OUTDIR [BUILD_DIR] [CASES]     (BUILD_DIR default "build", CASES default 200)
set -uo pipefail
out=${1:?usage: bench/gpu/run_e2e_on_device.sh OUTDIR [BUILD_DIR] [CASES]}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$repo"
build=${2:-build}
cases=${3:-200}
archive=$build/gpu-host-tools.tar.xz
[[ -f $archive ]] || { echo "run_e2e_on_device: $archive missing: bench/gpu/pack_host_tools.sh $build" >&2; exit 1; }
tools=$(mktemp -d)
tar -C "$tools" -xJf "$archive"
export LD_LIBRARY_PATH="$tools/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
voxfeat=$tools/voxfeat
cores=$(nproc)

echo "== IBSI reference values on the GPU path"
VOXFEAT_SOURCE_DIR="$repo" "$tools/voxfeat_ibsi_tests" --gtest_filter='Gpu/*' --gtest_brief=1 2>&1 | tee "$out/ibsi_gpu.log" | tail -5
ibsi_rc=${PIPESTATUS[0]}

data=$(mktemp -d)
echo "== generating $cases synthetic CT cases"
"$voxfeat" make-demo-data --benchmark-set --cases "$cases" --out "$data" >"$out/make_demo_data.log" 2>&1
printf 'families: {intensity_statistics: {}}\n' >"$data/decode_only.yaml"

# Wall seconds of one extraction into a fresh store.
run() {  # name, extra arguments...
  local name=$1
  shift
  rm -f "$data/$name.h5" "$data/$name.h5.journal"
  local start end
  start=$(date +%s.%N)
  "$voxfeat" extract --demo-key --quiet --manifest "$data/manifest.csv" --out "$data/$name.h5" "$@" \
    >"$out/$name.log" 2>&1
  local rc=$?
  end=$(date +%s.%N)
  echo "$name $(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }') $rc"
}
{
  run cpu_all --device cpu --threads "$cores"
  run gpu_all --device cuda --threads "$cores"
  run cpu_decode --device cpu --threads "$cores" --settings "$data/decode_only.yaml"
} | tee "$out/e2e_times.txt"

python3 - "$out" "$cases" "$cores" "$ibsi_rc" <<'PY'
import sys
out, cases, cores, ibsi_rc = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
t = {}
for line in open(f"{out}/e2e_times.txt"):
    name, seconds, rc = line.split()
    t[name] = (float(seconds), int(rc))
lines = ["# voxfeat end-to-end on the GPU server", "",
         f"IBSI values on the GPU path: voxfeat_ibsi_tests --gtest_filter=Gpu/* exit {ibsi_rc} (ibsi_gpu.log).", "",
         f"{cases} synthetic CT cases (256x256x128, tumours 50k-500k voxels), all IBSI families:", "",
         "| run | wall s | cases/s | exit |", "|---|---|---|---|"]
for name, label in [("cpu_all", f"--device cpu, {cores} cores"), ("gpu_all", "--device cuda"),
                    ("cpu_decode", "decoding and ROI preparation only (intensity_statistics)")]:
    if name in t:
        s, rc = t[name]
        lines.append(f"| {label} | {s:.1f} | {cases / s:.2f} | {rc} |")
if "gpu_all" in t and "cpu_decode" in t:
    share = t["cpu_decode"][0] / t["gpu_all"][0]
    lines += ["", f"Decoding and preparation take about {100 * share:.0f} % of the GPU run's wall time"
                  f" (features: about {100 * (1 - share):.0f} %)."]
open(f"{out}/e2e.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
rm -rf "$tools" "$data"
