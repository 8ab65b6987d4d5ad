#!/usr/bin/env bash
# Whole-command benchmark of the PyRadiomics profile: `voxfeat extract` with settings/pyradiomics/default.yaml (its
# seven 3D classes, diagnostics on as in PyRadiomics) on one case, 1 and 2 threads (hyperfine), and the peak memory
# (GNU time). Cases: PyRadiomics' brain1 (tests/data/pyradiomics) and the synthetic 256×256×128 CT of the benchmark
# set with its 476k-voxel tumour (case 18). Writes into OUT (default out/bench-pyradiomics).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-out/bench-pyradiomics}
VOXFEAT=./build/engine/cli/voxfeat
SETTINGS=settings/pyradiomics/default.yaml
mkdir -p "$OUT"
[ -f "$OUT/data/manifest.csv" ] || "$VOXFEAT" make-demo-data --benchmark-set --cases 20 --out "$OUT/data" >/dev/null
{ head -1 "$OUT/data/manifest.csv"; sed -n '20p' "$OUT/data/manifest.csv"; } > "$OUT/data/synthetic.csv"
printf 'patient_id,image,mask\nbrain1,%s,%s\n' "$PWD/tests/data/pyradiomics/brain1_image.nrrd" \
  "$PWD/tests/data/pyradiomics/brain1_label.nrrd" > "$OUT/data/brain1.csv"
for case in brain1 synthetic; do
  for threads in 1 2; do
    hyperfine --runs 10 --warmup 1 --export-json "$OUT/${case}_${threads}t.json" \
      --prepare "rm -f $OUT/$case.h5 $OUT/$case.h5.journal" \
      "$VOXFEAT extract --quiet --demo-key --threads $threads --settings $SETTINGS --manifest $OUT/data/$case.csv --out $OUT/$case.h5"
  done
  rm -f "$OUT/$case.h5"
  /usr/bin/time -v "$VOXFEAT" extract --quiet --demo-key --threads 2 --settings $SETTINGS \
    --manifest "$OUT/data/$case.csv" --out "$OUT/$case.h5" 2> "$OUT/${case}_time.txt" || true
  echo "$case: $(grep -E 'Maximum resident' "$OUT/${case}_time.txt")"
done
