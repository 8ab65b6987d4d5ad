// GLCM and GLRLM (IBSI LFYI, TP0I) on seeded synthetic CT tumours (detail::make_synthetic_ct, 1 mm isotropic, a
// sphere of 10k, 100k, 465k or 2M voxels), discretised with a fixed bin number (16, 32, 256 or 4096 levels over
// the ROI range; 0 outside), cropped to the ROI box with a 2-voxel margin.
//
// What is timed: what each family's compute function does per aggregation: the level check, building the 13 3D
// directional matrices (TBB, one task per direction), merging them, and the 25 / 16 features ("3D, merged",
// IAZD). Not timed: image generation and discretisation (shared RoiContext products). Arguments: ROI voxels,
// grey levels, threads (tbb::global_control). Counters: items = ROI voxels (voxels/s), checksum = sum of finite
// outputs of the last run (a fast wrong answer shows).
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numbers>
#include <vector>

#include "demo/synthetic_ct.hpp"
#include "intensity/discretisation.hpp"
#include "texture/aggregation.hpp"
#include "texture/glcm.hpp"
#include "texture/glcm_formulas.hpp"
#include "texture/glcm_glrlm_input.hpp"
#include "texture/glrlm.hpp"
#include "texture/glrlm_formulas.hpp"

namespace {

namespace tx = voxfeat::kernels::texture;
using voxfeat::kernels::View3;

struct LevelRoi {
  std::array<std::size_t, 3> extent{};
  std::vector<std::int32_t> levels;
  std::size_t roi_voxels = 0;
  [[nodiscard]] View3<std::int32_t> view() const { return {levels.data(), extent, {1.0, 1.0, 1.0}}; }
};

LevelRoi make_roi(std::size_t voxels, int ng) {
  const double r = std::cbrt(double(voxels) * 3.0 / (4.0 * std::numbers::pi));
  const auto e = std::size_t(std::ceil(2.6 * r)) + 4;
  voxfeat::detail::SyntheticCtSpec spec;
  spec.size = {e, e, e};
  spec.spacing = {1.0, 1.0, 1.0};
  spec.radii_mm = {r, r, r};
  spec.seed = 7;
  const auto ct = voxfeat::detail::make_synthetic_ct(spec);
  std::array<std::size_t, 3> lo{e, e, e}, hi{0, 0, 0};
  double vmin = 1e30, vmax = -1e30;
  for (std::size_t z = 0; z < e; ++z)
    for (std::size_t y = 0; y < e; ++y)
      for (std::size_t x = 0; x < e; ++x)
        if (ct.mask(x, y, z)) {
          const std::size_t c[3] = {x, y, z};
          for (int a = 0; a < 3; ++a) lo[a] = std::min(lo[a], c[a]), hi[a] = std::max(hi[a], c[a]);
          vmin = std::min(vmin, double(ct.image(x, y, z))), vmax = std::max(vmax, double(ct.image(x, y, z)));
        }
  LevelRoi roi;
  std::array<std::size_t, 3> start{};
  for (int a = 0; a < 3; ++a) {
    start[a] = lo[a] >= 2 ? lo[a] - 2 : 0;
    roi.extent[a] = std::min(e, hi[a] + 3) - start[a];
  }
  roi.levels.assign(roi.extent[0] * roi.extent[1] * roi.extent[2], 0);
  std::size_t i = 0;
  for (std::size_t z = 0; z < roi.extent[2]; ++z)
    for (std::size_t y = 0; y < roi.extent[1]; ++y)
      for (std::size_t x = 0; x < roi.extent[0]; ++x, ++i) {
        const std::size_t sx = x + start[0], sy = y + start[1], sz = z + start[2];
        if (!ct.mask(sx, sy, sz)) continue;
        roi.levels[i] = voxfeat::kernels::discretise_fixed_bin_number(double(ct.image(sx, sy, sz)), vmin, vmax, ng);
        ++roi.roi_voxels;
      }
  return roi;
}

const LevelRoi& cached_roi(std::size_t voxels, int ng) {
  static std::map<std::pair<std::size_t, int>, LevelRoi> cache;
  auto it = cache.find({voxels, ng});
  if (it == cache.end()) it = cache.emplace(std::pair{voxels, ng}, make_roi(voxels, ng)).first;
  return it->second;
}

double checksum(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v)
    if (std::isfinite(x)) s += x;
  return s;
}

void BM_Glcm3dMerged(benchmark::State& state) {
  const LevelRoi& roi = cached_roi(std::size_t(state.range(0)), int(state.range(1)));
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(2)));
  const auto ng = std::uint32_t(state.range(1));
  std::vector<double> out(tx::glcm::feature_count);
  for (auto _ : state) {
    std::fill(out.begin(), out.end(), std::nan(""));
    tx::check_levels(roi.view(), int(ng));
    tx::aggregate_directional(
        roi.view(), tx::Aggregation::d3_merged, 1,
        tx::GlcmBuilder{ng, true}, [](const tx::CountMatrix& m, std::span<double> v) { tx::glcm_features(m, v); },
        out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * std::int64_t(roi.roi_voxels));
  state.counters["roi_voxels"] = double(roi.roi_voxels);
  state.counters["checksum"] = checksum(out);
}

// The same with the per-direction build only (one glcm_matrix task per direction): what the batch path replaces.
void BM_Glcm3dMergedPerDirection(benchmark::State& state) {
  const LevelRoi& roi = cached_roi(std::size_t(state.range(0)), int(state.range(1)));
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(2)));
  const auto ng = std::uint32_t(state.range(1));
  std::vector<double> out(tx::glcm::feature_count);
  for (auto _ : state) {
    std::fill(out.begin(), out.end(), std::nan(""));
    tx::check_levels(roi.view(), int(ng));
    tx::aggregate_directional(
        roi.view(), tx::Aggregation::d3_merged, 1,
        [&](const View3<std::int32_t>& scope, tx::Offset o) { return tx::glcm_matrix(scope, o, ng, true); },
        [](const tx::CountMatrix& m, std::span<double> v) { tx::glcm_features(m, v); }, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * std::int64_t(roi.roi_voxels));
  state.counters["roi_voxels"] = double(roi.roi_voxels);
  state.counters["checksum"] = checksum(out);
}

void BM_Glrlm3dMerged(benchmark::State& state) {
  const LevelRoi& roi = cached_roi(std::size_t(state.range(0)), int(state.range(1)));
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(2)));
  const auto ng = std::uint32_t(state.range(1));
  std::vector<double> out(tx::size_zone_feature_count);
  for (auto _ : state) {
    std::fill(out.begin(), out.end(), std::nan(""));
    tx::check_levels(roi.view(), int(ng));
    tx::aggregate_directional(
        roi.view(), tx::Aggregation::d3_merged, 1,
        tx::GlrlmBuilder{ng}, [](const tx::RunLengthMatrix& m, std::span<double> v) { tx::glrlm_features(m, v); },
        out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * std::int64_t(roi.roi_voxels));
  state.counters["roi_voxels"] = double(roi.roi_voxels);
  state.counters["checksum"] = checksum(out);
}

// The same with the per-direction build only (one glrlm_matrix task per direction): what the batch path replaces.
void BM_Glrlm3dMergedPerDirection(benchmark::State& state) {
  const LevelRoi& roi = cached_roi(std::size_t(state.range(0)), int(state.range(1)));
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(2)));
  const auto ng = std::uint32_t(state.range(1));
  std::vector<double> out(tx::size_zone_feature_count);
  for (auto _ : state) {
    std::fill(out.begin(), out.end(), std::nan(""));
    tx::check_levels(roi.view(), int(ng));
    tx::aggregate_directional(
        roi.view(), tx::Aggregation::d3_merged, 1,
        [&](const View3<std::int32_t>& scope, tx::Offset o) { return tx::glrlm_matrix(scope, o, ng); },
        [](const tx::RunLengthMatrix& m, std::span<double> v) { tx::glrlm_features(m, v); }, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * std::int64_t(roi.roi_voxels));
  state.counters["roi_voxels"] = double(roi.roi_voxels);
  state.counters["checksum"] = checksum(out);
}

// ROI size at 32 levels, then grey levels at 465k voxels; 1 and 2 threads each.
void size_and_level_args(benchmark::internal::Benchmark* b) {
  for (int threads : {1, 2}) {
    for (long voxels : {10'000L, 100'000L, 465'000L, 2'000'000L}) b->Args({voxels, 32, threads});
    for (long ng : {16L, 256L, 4096L}) b->Args({465'000L, ng, threads});
  }
  b->ArgNames({"voxels", "levels", "threads"})->Unit(benchmark::kMillisecond)->UseRealTime();
}

BENCHMARK(BM_Glcm3dMerged)->Apply(size_and_level_args);
BENCHMARK(BM_Glcm3dMergedPerDirection)->Apply(size_and_level_args);
BENCHMARK(BM_Glrlm3dMerged)->Apply(size_and_level_args);
BENCHMARK(BM_Glrlm3dMergedPerDirection)->Apply(size_and_level_args);

// One matrix build alone (no TBB, no merge, no features) per 3D direction index, 465k voxels, 32 levels: where the
// time of the merged benchmarks goes, direction by direction.
void BM_GlcmMatrixDirection(benchmark::State& state) {
  const LevelRoi& roi = cached_roi(465'000, 32);
  const tx::Offset o = tx::directions_3d[std::size_t(state.range(0))];
  std::uint64_t total = 0;
  for (auto _ : state) total = tx::glcm_matrix(roi.view(), o, 32, true).total();
  state.SetItemsProcessed(state.iterations() * std::int64_t(roi.roi_voxels));
  state.counters["checksum"] = double(total);
}

void BM_GlrlmMatrixDirection(benchmark::State& state) {
  const LevelRoi& roi = cached_roi(465'000, 32);
  const tx::Offset o = tx::directions_3d[std::size_t(state.range(0))];
  std::uint64_t total = 0;
  for (auto _ : state) total = tx::glrlm_matrix(roi.view(), o, 32).runs.total();
  state.SetItemsProcessed(state.iterations() * std::int64_t(roi.roi_voxels));
  state.counters["checksum"] = double(total);
}

BENCHMARK(BM_GlcmMatrixDirection)->DenseRange(0, 12)->ArgName("direction")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GlrlmMatrixDirection)->DenseRange(0, 12)->ArgName("direction")->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
