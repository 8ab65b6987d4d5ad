#!/usr/bin/env bash
# Command (a) of README.md: install what is missing, build voxfeat, write the demo data (IBSI digital phantom and
# seeded synthetic CT cases), extract with the default settings into out/demo/site.h5 and print its summary; then
# the per-object microscopy features of the bundled label images into out/demo/objects.h5.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh voxfeat
rm -rf out/demo
./build/engine/cli/voxfeat make-demo-data --out out/demo/data
# The demo key is public: fine for bundled synthetic data, refused for real data unless asked for explicitly.
./build/engine/cli/voxfeat extract --manifest out/demo/data/manifest.csv --settings settings/default.yaml \
  --out out/demo/site.h5 --demo-key
./build/engine/cli/voxfeat inspect out/demo/site.h5
./build/engine/cli/voxfeat export out/demo/site.h5 --csv out/demo/site.csv
# Microscopy: per-object features of the bundled label images (tests/data/microscopy) with the default families.
cat > out/demo/microscopy.csv <<EOF2
sample_id,intensity,labels
shapes,$PWD/tests/data/microscopy/shapes_intensity.tif,$PWD/tests/data/microscopy/shapes_labels.tif
cells,$PWD/tests/data/microscopy/cells_intensity.tif,$PWD/tests/data/microscopy/cells_labels.tif
EOF2
./build/engine/cli/voxfeat objects --manifest out/demo/microscopy.csv --settings settings/microscopy_default.yaml \
  --out out/demo/objects.h5 --demo-key
./build/engine/cli/voxfeat export out/demo/objects.h5 --csv out/demo/objects.csv
echo "demo: store out/demo/site.h5, table out/demo/site.csv; objects out/demo/objects.h5, out/demo/objects.csv"
