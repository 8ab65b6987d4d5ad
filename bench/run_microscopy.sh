#!/usr/bin/env bash
# Whole-command benchmark of `voxfeat objects` (issue 7): 10 seeded synthetic cell images of 1024×1024 pixels with
# about 600 cells each (make-demo-data --microscopy), every per-object family of settings/microscopy_default.yaml and
# the morphology + intensity pair alone, 1 and 2 threads (hyperfine), and the peak memory (GNU time). Objects/s =
# objects stored / mean time. Writes into OUT (default out/bench-microscopy).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-out/bench-microscopy}
VOXFEAT=./build/engine/cli/voxfeat
mkdir -p "$OUT"
[ -f "$OUT/data/manifest.csv" ] || "$VOXFEAT" make-demo-data --microscopy --cases 10 --out "$OUT/data" >/dev/null
cat > "$OUT/shape_intensity.yaml" <<YAML
voxfeat_settings: 1
families: {microscopy_shape: {}, microscopy_intensity: {}}
YAML
for settings in settings/microscopy_default.yaml "$OUT/shape_intensity.yaml"; do
  name=$(basename "$settings" .yaml)
  for threads in 1 2; do
    hyperfine --runs 5 --warmup 1 --export-json "$OUT/${name}_${threads}t.json" \
      --prepare "rm -f $OUT/$name.h5 $OUT/$name.h5.journal" \
      "$VOXFEAT objects --quiet --demo-key --threads $threads --settings $settings --manifest $OUT/data/manifest.csv --out $OUT/$name.h5"
  done
  rm -f "$OUT/$name.h5"
  /usr/bin/time -v "$VOXFEAT" objects --quiet --demo-key --threads 2 --settings "$settings" \
    --manifest "$OUT/data/manifest.csv" --out "$OUT/$name.h5" 2> "$OUT/${name}_time.txt" || true
  echo "$name: $("$VOXFEAT" inspect "$OUT/$name.h5" | grep -o 'objects table, [0-9]* rows'), $(grep -E 'Maximum resident' "$OUT/${name}_time.txt")"
done
