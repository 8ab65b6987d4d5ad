// NGTDM (IBSI IPET) and NGLDM (IBSI REK0), 3D aggregation (KOBO), δ = 1, α = 0, on seeded synthetic CT tumours
// (voxfeat::detail::make_synthetic_ct, spheres at 1×1×2 mm of about 10k, 100k, 465k and 2M voxels), cropped to the
// ROI box plus the engine's 6.3 mm margin and discretised to Ng levels (fixed bin number over the ROI range).
// Timed: the family's whole computation for one aggregation — matrix build and features — as the plugin runs it.
// Not timed: synthesis, cropping, discretisation. Items are ROI voxels; "checksum" sums the features so that a fast
// wrong answer shows. Args: ROI voxels, grey levels, threads (tbb::global_control).
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <vector>

#include "demo/synthetic_ct.hpp"
#include "texture/aggregation.hpp"
#include "texture/ngldm.hpp"
#include "texture/ngldm_formulas.hpp"
#include "texture/ngtdm.hpp"

namespace {

namespace tx = voxfeat::kernels::texture;
using voxfeat::kernels::View3;

struct LevelRoi {
  std::vector<std::int32_t> levels;
  std::array<std::size_t, 3> extent{};
  std::size_t voxels = 0;
  [[nodiscard]] View3<std::int32_t> view() const { return {levels.data(), extent, {1.0, 1.0, 2.0}}; }
};

LevelRoi make_roi(std::size_t target_voxels, int level_count) {
  static std::map<std::pair<std::size_t, int>, LevelRoi> cache;
  const auto key = std::make_pair(target_voxels, level_count);
  if (const auto it = cache.find(key); it != cache.end()) return it->second;
  const double r = std::cbrt(3.0 * double(target_voxels) * 2.0 / (4.0 * std::numbers::pi));  // mm, 2 mm³ voxels
  voxfeat::detail::SyntheticCtSpec spec;
  spec.size = {std::size_t(3.2 * r) + 32, std::size_t(3.2 * r) + 32, std::size_t(1.3 * r) + 16};
  spec.radii_mm = {r, r, r};
  spec.seed = 7;
  const auto ct = voxfeat::detail::make_synthetic_ct(spec);
  const auto& size = ct.mask.size();
  std::array<std::size_t, 3> lo{size[0], size[1], size[2]}, hi{0, 0, 0};
  double hu_min = 1e300, hu_max = -1e300;
  for (std::size_t z = 0; z < size[2]; ++z)
    for (std::size_t y = 0; y < size[1]; ++y)
      for (std::size_t x = 0; x < size[0]; ++x)
        if (ct.mask(x, y, z)) {
          const std::array<std::size_t, 3> p{x, y, z};
          for (int a = 0; a < 3; ++a) lo[a] = std::min(lo[a], p[a]), hi[a] = std::max(hi[a], p[a] + 1);
          hu_min = std::min(hu_min, double(ct.image(x, y, z))), hu_max = std::max(hu_max, double(ct.image(x, y, z)));
        }
  const std::array<std::size_t, 3> margin{7, 7, 4};  // the engine's crop margin: ≥ 6.3 mm at 1×1×2 mm
  for (int a = 0; a < 3; ++a)
    lo[a] = lo[a] > margin[a] ? lo[a] - margin[a] : 0, hi[a] = std::min(size[a], hi[a] + margin[a]);
  LevelRoi roi;
  roi.extent = {hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]};
  roi.levels.assign(roi.extent[0] * roi.extent[1] * roi.extent[2], 0);
  const double width = (hu_max - hu_min) / level_count;
  for (std::size_t z = lo[2]; z < hi[2]; ++z)
    for (std::size_t y = lo[1]; y < hi[1]; ++y)
      for (std::size_t x = lo[0]; x < hi[0]; ++x) {
        if (!ct.mask(x, y, z)) continue;
        const int level = std::min(level_count, int(std::floor((double(ct.image(x, y, z)) - hu_min) / width)) + 1);
        roi.levels[(x - lo[0]) + roi.extent[0] * ((y - lo[1]) + roi.extent[1] * (z - lo[2]))] = level;
        ++roi.voxels;
      }
  return cache.emplace(key, std::move(roi)).first->second;
}

template <class Family>
void run(benchmark::State& state, Family&& family, std::size_t feature_count) {
  const LevelRoi& roi = make_roi(std::size_t(state.range(0)), int(state.range(1)));
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(2)));
  std::vector<double> out(feature_count);
  double checksum = 0.0;
  for (auto _ : state) {
    family(roi.view(), int(state.range(1)), std::span<double>(out));
    benchmark::DoNotOptimize(out.data());
  }
  for (const double v : out) checksum += std::isfinite(v) ? v : 0.0;
  state.SetItemsProcessed(std::int64_t(state.iterations()) * std::int64_t(roi.voxels));
  state.counters["roi_voxels"] = double(roi.voxels);
  state.counters["checksum"] = checksum;
}

void BM_Ngtdm3d(benchmark::State& state) {
  run(
      state,
      [](const View3<std::int32_t>& levels, int ng, std::span<double> out) {
        tx::aggregate_neighbourhood(
            levels, tx::Aggregation::d3,
            [&](const View3<std::int32_t>& s, bool three_d) { return tx::ngtdm_matrix(s, three_d, 1, ng); },
            [](const tx::NgtdmMatrix& m, std::span<double> o) { tx::ngtdm_features(m, o); }, out);
      },
      tx::NgtdmSlot::count);
}

void BM_Ngldm3d(benchmark::State& state) {
  run(
      state,
      [](const View3<std::int32_t>& levels, int ng, std::span<double> out) {
        tx::aggregate_neighbourhood(
            levels, tx::Aggregation::d3,
            [&](const View3<std::int32_t>& s, bool three_d) { return tx::ngldm_matrix(s, three_d, 1, 0, ng); },
            [](const tx::CountMatrix& m, std::span<double> o) { tx::ngldm_features(m, o); }, out);
      },
      tx::ngldm::feature_count);
}

void arguments(benchmark::internal::Benchmark* b) {
  for (const long threads : {1, 2})
    for (const long voxels : {10'000, 100'000, 465'000, 2'000'000}) b->Args({voxels, 32, threads});
  for (const long levels : {16, 256, 4096}) b->Args({465'000, levels, 2});
  b->ArgNames({"voxels", "levels", "threads"})->Unit(benchmark::kMillisecond)->UseRealTime();
}

BENCHMARK(BM_Ngtdm3d)->Apply(arguments);
BENCHMARK(BM_Ngldm3d)->Apply(arguments);

}  // namespace

BENCHMARK_MAIN();
