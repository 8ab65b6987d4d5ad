// The PyRadiomics profile's default feature set (settings/pyradiomics/default.yaml: its seven 3D classes firstorder,
// shape, glcm, glrlm, glszm, gldm, ngtdm; binWidth 25, every other setting at PyRadiomics' default) on one case in
// memory, 1 and 2 threads:
// - Brain1: PyRadiomics' own test case (tests/data/pyradiomics, 256×256×25 MR, a 4137-voxel ROI);
// - Synthetic/465000: the seeded synthetic CT of extraction_bench (256×256×128 at 1×1×2 mm, int16 HU) with a
//   spherical tumour of about 465k voxels.
// Times extract_roi (ROI preparation and every class) on volumes already decoded; the whole command, reading
// included, is measured with hyperfine by bench/run_pyradiomics.sh. Reports a checksum of the feature values.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <cmath>
#include <filesystem>

#include "extraction/extractor.hpp"
#include "io/image_reader.hpp"
#include "support/synthetic_case.hpp"

namespace {

using namespace voxfeat;


using bench::Case;

const Registry& registry() {
  static const Registry r = Registry::with_builtin_families();
  return r;
}

/// settings/pyradiomics/default.yaml (PyRadiomics' default feature set), without its diagnostics: the features alone.
const Settings& settings() {
  static const Settings s = [] {
    Settings d = Settings::load(std::filesystem::path(VOXFEAT_SOURCE_DIR) / "settings/pyradiomics/default.yaml",
                                registry());
    d.pyradiomics_diagnostics = false;
    return d;
  }();
  return s;
}

std::size_t count(const Volume<std::uint8_t>& mask) {
  std::size_t n = 0;
  for (auto v : mask.values()) n += v;
  return n;
}

const Case& brain1() {
  static const Case c = [] {
    const std::filesystem::path dir = std::filesystem::path(VOXFEAT_SOURCE_DIR) / "tests/data/pyradiomics";
    Case b;
    b.image = io::read_image(dir / "brain1_image.nrrd");
    b.mask = io::read_mask(dir / "brain1_label.nrrd", LabelSelector{false, 1}).mask;
    b.roi_voxels = count(b.mask);
    return b;
  }();
  return c;
}

void run(benchmark::State& state, const Case& c) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(0)));
  double checksum = 0.0;
  std::size_t columns = 0;
  for (auto _ : state) {
    const auto row = detail::extract_roi(c.image, c.mask, settings(), registry());
    columns = row.values.size();
    for (double v : row.values)
      if (std::isfinite(v)) checksum += v;
  }
  state.SetItemsProcessed(state.iterations() * std::int64_t(c.roi_voxels));
  state.counters["roi_voxels"] = double(c.roi_voxels);
  state.counters["features"] = double(columns);
  state.counters["checksum"] = checksum / double(state.iterations());
}

void BM_PyradiomicsDefaultBrain1(benchmark::State& state) { run(state, brain1()); }
void BM_PyradiomicsDefaultSynthetic465k(benchmark::State& state) { run(state, bench::synthetic_case(465000)); }

BENCHMARK(BM_PyradiomicsDefaultBrain1)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_PyradiomicsDefaultSynthetic465k)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
