#!/usr/bin/env bash
# Whole-command benchmark of `voxfeat extract` on the generated benchmark dataset (20 synthetic CT cases of
# 256×256×128 voxels at 1×1×2 mm with tumours of 50k–500k voxels), with 1 and 2 threads (hyperfine), and the peak
# memory of one 465k-voxel case (GNU time). Writes its tables into OUT (default out/bench).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-out/bench}
VOXFEAT=./build/engine/cli/voxfeat
mkdir -p "$OUT"
[ -f "$OUT/data/manifest.csv" ] || "$VOXFEAT" make-demo-data --benchmark-set --cases 20 --out "$OUT/data" >/dev/null
# One case for the memory figure: case 18 of the set, a sphere of 476k voxels (radius 61 mm), near the 465k target.
{ head -1 "$OUT/data/manifest.csv"; sed -n '20p' "$OUT/data/manifest.csv"; } > "$OUT/data/one_case.csv"
for threads in 1 2; do
  hyperfine --runs 3 --export-json "$OUT/extract_${threads}t.json" \
    --prepare "rm -f $OUT/site_${threads}t.h5 $OUT/site_${threads}t.h5.journal" \
    "$VOXFEAT extract --quiet --demo-key --threads $threads --manifest $OUT/data/manifest.csv --out $OUT/site_${threads}t.h5"
done
rm -f "$OUT/one.h5"
/usr/bin/time -v "$VOXFEAT" extract --quiet --demo-key --threads 2 --manifest "$OUT/data/one_case.csv" \
  --out "$OUT/one.h5" 2> "$OUT/one_case_time.txt" || true
grep -E "Maximum resident|Elapsed" "$OUT/one_case_time.txt"
