// End-to-end extraction of one case (default settings: fixed bin number 32, texture "3D, merged"/"3D") on seeded
// synthetic CT
// volumes of 256×256×128 voxels at 1×1×2 mm with spherical tumours of 10k to 2M voxels. Times extract_roi only:
// the volume is already decoded in memory (file decoding is measured with hyperfine, see RESULTS.md).
// Threads: 1 and 2 (TBB global_control). Reports voxels/s of ROI and a checksum of the feature values.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>

#include "extraction/case_roi.hpp"
#include "extraction/extractor.hpp"
#include "support/synthetic_case.hpp"

namespace {

using namespace voxfeat;

using bench::Case;
using bench::synthetic_case;

const Registry& registry() {
  static const Registry r = Registry::with_builtin_families();
  return r;
}

void run_extraction(benchmark::State& state, const Settings& settings) {
  const Case& c = synthetic_case(state.range(0));
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(1)));
  double checksum = 0.0;
  for (auto _ : state) {
    const auto row = detail::extract_roi(c.image, c.mask, settings, registry());
    for (double v : row.values)
      if (std::isfinite(v)) checksum += v;
  }
  state.SetItemsProcessed(state.iterations() * std::int64_t(c.roi_voxels));
  state.counters["roi_voxels"] = double(c.roi_voxels);
  state.counters["threads"] = double(state.range(1));
  state.counters["checksum"] = checksum / double(state.iterations());
}

Settings only(std::initializer_list<const char*> names) {
  Settings s = Settings::defaults(registry());
  std::erase_if(s.families, [&](const FamilySettings& f) {
    return std::find(names.begin(), names.end(), f.name) == names.end();
  });
  return s;
}

/// All eleven families.
void BM_ExtractAllFamilies(benchmark::State& state) { run_extraction(state, Settings::defaults(registry())); }

/// The five whole-ROI families of the foundation (morphology with Moran/Geary, local intensity, statistics,
/// histogram, IVH).
void BM_ExtractFoundation(benchmark::State& state) {
  run_extraction(state, only({"morphology", "local_intensity", "intensity_statistics", "intensity_histogram",
                              "intensity_volume_histogram"}));
}

/// The four intensity families (no morphology).
void BM_ExtractIntensityFamilies(benchmark::State& state) {
  run_extraction(state,
                 only({"local_intensity", "intensity_statistics", "intensity_histogram", "intensity_volume_histogram"}));
}

/// The six texture families, 3D merged (GLCM, GLRLM) / 3D (the others), 32 grey levels.
void BM_ExtractTexture(benchmark::State& state) {
  run_extraction(state, only({"glcm", "glrlm", "glszm", "gldzm", "ngtdm", "ngldm"}));
}

/// ROI preparation alone: bounding box, crop with the local-intensity margin, masks, intensities, discretisation.
void BM_PrepareRoi(benchmark::State& state) {
  const Case& c = synthetic_case(state.range(0));
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(1)));
  const Settings settings = Settings::defaults(registry());
  double checksum = 0.0;
  for (auto _ : state) {
    const detail::CaseRoi roi(c.image, c.mask, settings, {}, "bench");
    checksum += double(roi.discretised().level_count) + double(roi.roi_voxel_count());
  }
  state.SetItemsProcessed(state.iterations() * std::int64_t(c.roi_voxels));
  state.counters["checksum"] = checksum / double(state.iterations());
}

void roi_sizes(benchmark::internal::Benchmark* b) {
  for (std::int64_t threads : {1, 2})
    for (std::int64_t voxels : {10000, 50000, 100000, 250000, 465000, 1000000, 2000000}) b->Args({voxels, threads});
  b->Unit(benchmark::kMillisecond)->UseRealTime();
}

BENCHMARK(BM_ExtractAllFamilies)->Apply(roi_sizes);
BENCHMARK(BM_ExtractFoundation)->Apply(roi_sizes);
BENCHMARK(BM_ExtractIntensityFamilies)->Apply(roi_sizes);
BENCHMARK(BM_ExtractTexture)->Apply(roi_sizes);
BENCHMARK(BM_PrepareRoi)->Apply(roi_sizes);

}  // namespace

BENCHMARK_MAIN();
