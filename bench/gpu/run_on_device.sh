#!/usr/bin/env bash
# Runs the prebuilt GPU tests and GPU benchmark on a GPU server and writes the results into OUTDIR:
#   environment.txt  nvidia-smi, the CUDA libraries present, ldd of both binaries
#   gpu_tests.xml    GoogleTest XML          gpu_tests.log   its console output
#   gpu_bench.json   Google Benchmark JSON   gpu_bench.log   its console output
#   summary.md       a short markdown table of both
# Usage, from anywhere: bench/gpu/run_on_device.sh OUTDIR [BUILD_DIR]   (BUILD_DIR relative to the repository root,
# default "build"; it must hold tests/gpu/voxfeat_gpu_tests, bench/gpu/voxfeat_gpu_bench and, if the binaries need
# it, gpu-libs/ from collect_libs.sh). bench/gpu/README.md says how to build and what to carry.
# VOXFEAT_GPU_BENCH_FILTER, when set, is passed to the benchmark as --benchmark_filter (a regex over the names, e.g.
# '^ng[tl]dm/' for the NGTDM/NGLDM cases only): a shorter run when device time is scarce. The tests always run whole.
# Exit status: 0 when every test passed and the benchmark ran; 1 otherwise, also when a GPU is visible to
# nvidia-smi but the tests skipped (a GPU server that skips has a broken driver set-up, not "no GPU").
set -uo pipefail
out=${1:?usage: bench/gpu/run_on_device.sh OUTDIR [BUILD_DIR]}
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$repo"
build=${2:-build}
tests=$build/tests/gpu/voxfeat_gpu_tests
bench=$build/bench/gpu/voxfeat_gpu_bench
for binary in "$tests" "$bench"; do
  [[ -x $binary ]] || { echo "run_on_device: $repo/$binary missing: build it (bench/gpu/README.md)" >&2; exit 1; }
done
if [[ -d $build/gpu-libs ]]; then
  export LD_LIBRARY_PATH="$repo/$build/gpu-libs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi

{
  echo "== date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  host: $(uname -srm)"
  echo "== nvidia-smi"
  nvidia-smi 2>&1 || echo "(nvidia-smi failed)"
  echo "== ls /usr/local/cuda/lib64"
  ls /usr/local/cuda/lib64 2>&1
  echo "== LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
  echo "== ldd $tests"
  ldd "$tests" 2>&1
  echo "== ldd $bench"
  ldd "$bench" 2>&1
} >"$out/environment.txt"
cat "$out/environment.txt"

gpu_visible=0
if nvidia-smi -L 2>/dev/null | grep -q '^GPU '; then gpu_visible=1; fi

echo "== voxfeat_gpu_tests"
"$tests" --gtest_output="xml:$out/gpu_tests.xml" 2>&1 | tee "$out/gpu_tests.log"
tests_rc=${PIPESTATUS[0]}

echo "== voxfeat_gpu_bench${VOXFEAT_GPU_BENCH_FILTER:+ (filter: $VOXFEAT_GPU_BENCH_FILTER)}"
bench_args=(--benchmark_out="$out/gpu_bench.json" --benchmark_out_format=json)
if [[ -n ${VOXFEAT_GPU_BENCH_FILTER:-} ]]; then bench_args+=(--benchmark_filter="$VOXFEAT_GPU_BENCH_FILTER"); fi
"$bench" "${bench_args[@]}" 2>&1 | tee "$out/gpu_bench.log"
bench_rc=${PIPESTATUS[0]}

python3 - "$out" "$tests_rc" "$bench_rc" <<'PY' || echo "(no summary: python3 failed)"
import json, os, sys
import xml.etree.ElementTree as ET

out, tests_rc, bench_rc = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
lines = ["# voxfeat GPU run", ""]
xml_path = os.path.join(out, "gpu_tests.xml")
skipped = 0
if os.path.exists(xml_path):
    cases = ET.parse(xml_path).getroot().iter("testcase")
    passed, failed = [], []
    for case in cases:
        name = f'{case.get("classname")}.{case.get("name")}'
        if case.find("failure") is not None or case.find("error") is not None:
            failed.append(name)
        elif case.get("result") == "skipped" or case.find("skipped") is not None:
            skipped += 1
        else:
            passed.append(name)
    lines += [f"Tests (exit {tests_rc}): {len(passed)} passed, {len(failed)} failed, {skipped} skipped."]
    lines += [f"- FAILED {name}" for name in failed]
else:
    lines += [f"Tests (exit {tests_rc}): no XML written."]
json_path = os.path.join(out, "gpu_bench.json")
if os.path.exists(json_path):
    report = json.load(open(json_path))
    lines += ["", f'Benchmark (exit {bench_rc}) on {report["context"].get("device", "?")}, '
              f'{report["context"].get("date", "")}:', "",
              "| benchmark | time (µs) | Gvox/s | GB/s | ROI voxels | checksum |", "|---|---:|---:|---:|---:|---:|"]
    for b in report["benchmarks"]:
        if b.get("error_occurred"):
            lines.append(f'| {b["name"]} | ERROR: {b.get("error_message", "")} | | | | |')
            continue
        unit = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}[b.get("time_unit", "us")]
        lines.append(f'| {b["name"]} | {b["real_time"] * unit:.1f} | {b.get("Gvox/s", 0):.2f} | '
                     f'{b.get("GB/s", 0):.0f} | {b.get("roi_voxels", 0):.0f} | {b.get("checksum", 0):.0f} |')
else:
    lines += ["", f"Benchmark (exit {bench_rc}): no JSON written (no device?)."]
open(os.path.join(out, "summary.md"), "w").write("\n".join(lines) + "\n")
open(os.path.join(out, "skipped.count"), "w").write(str(skipped))
PY
[[ -f $out/summary.md ]] && cat "$out/summary.md"

skipped=$(cat "$out/skipped.count" 2>/dev/null || echo 0)
rm -f "$out/skipped.count"
status=0
[[ $tests_rc -eq 0 ]] || { echo "run_on_device: voxfeat_gpu_tests failed (exit $tests_rc)" >&2; status=1; }
[[ $bench_rc -eq 0 ]] || { echo "run_on_device: voxfeat_gpu_bench failed (exit $bench_rc)" >&2; status=1; }
if [[ $gpu_visible -eq 1 && $skipped -gt 0 ]]; then
  echo "run_on_device: nvidia-smi sees a GPU but $skipped tests skipped: see gpu_tests.log" >&2
  status=1
fi
exit $status
