// GLSZM and GLDZM (IBSI 9SAK, VMDZ) on seeded synthetic CT tumours (make_synthetic_ct, spheres at 1×1×2 mm of about
// 10k, 100k, 465k and 2M voxels), discretised to 16, 32, 256 or 4096 levels (fixed bin number over the ROI range),
// with 1 or 2 threads (tbb::global_control). The ROI box is cropped with a 3-voxel margin, as the engine crops it.
// Timed: the family's whole kernel work for the 3D method, KOBO (zone labelling, distance map for GLDZM, matrix,
// 16 features); the grids are built before timing. Items are ROI voxels; "checksum" sums the features so that a
// fast wrong answer shows.
//   BM_Glszm/<voxels>/<levels>/<threads>, BM_Gldzm/..., BM_ZoneLabelling (labelling alone, 3D, 26-connected)
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <tuple>
#include <vector>

#include "demo/synthetic_ct.hpp"
#include "texture/gldzm.hpp"
#include "texture/glszm.hpp"
#include "texture/zones.hpp"

namespace {

namespace tx = voxfeat::kernels::texture;
using voxfeat::kernels::View3;

struct LevelGrid {
  std::array<std::size_t, 3> extent{};
  std::vector<std::int32_t> levels;
  std::vector<std::uint8_t> mask;
  std::size_t voxels = 0;
  [[nodiscard]] View3<std::int32_t> view() const { return {levels.data(), extent, {1, 1, 2}}; }
  [[nodiscard]] View3<std::uint8_t> mask_view() const { return {mask.data(), extent, {1, 1, 2}}; }
};

LevelGrid make_grid(std::size_t target_voxels, int ng) {
  voxfeat::detail::SyntheticCtSpec spec;
  const double r = std::cbrt(3.0 * double(target_voxels) * 2.0 / (4.0 * std::numbers::pi));  // voxel = 2 mm^3
  spec.radii_mm = {r, r, r};
  const auto side = std::size_t(2 * r + 24);
  spec.size = {side, side, side / 2 + 12};
  spec.seed = 42;
  const auto ct = voxfeat::detail::make_synthetic_ct(spec);
  const auto& m = ct.mask.values();
  const auto& hu = ct.image.values();
  const auto& sz = ct.mask.size();
  std::array<std::size_t, 3> lo{sz[0], sz[1], sz[2]}, hi{0, 0, 0};
  double hmin = 1e300, hmax = -1e300;
  for (std::size_t z = 0; z < sz[2]; ++z)
    for (std::size_t y = 0; y < sz[1]; ++y)
      for (std::size_t x = 0; x < sz[0]; ++x)
        if (const std::size_t i = x + sz[0] * (y + sz[1] * z); m[i]) {
          const std::array<std::size_t, 3> p{x, y, z};
          for (int a = 0; a < 3; ++a) lo[a] = std::min(lo[a], p[a]), hi[a] = std::max(hi[a], p[a]);
          hmin = std::min(hmin, double(hu[i])), hmax = std::max(hmax, double(hu[i]));
        }
  LevelGrid g;
  constexpr std::size_t margin = 3;
  for (int a = 0; a < 3; ++a) {
    lo[a] = lo[a] >= margin ? lo[a] - margin : 0;
    hi[a] = std::min(sz[a] - 1, hi[a] + margin);
    g.extent[a] = hi[a] - lo[a] + 1;
  }
  g.levels.assign(g.extent[0] * g.extent[1] * g.extent[2], 0);
  g.mask.assign(g.levels.size(), 0);
  for (std::size_t z = 0; z < g.extent[2]; ++z)
    for (std::size_t y = 0; y < g.extent[1]; ++y)
      for (std::size_t x = 0; x < g.extent[0]; ++x) {
        const std::size_t i = (x + lo[0]) + sz[0] * ((y + lo[1]) + sz[1] * (z + lo[2]));
        if (!m[i]) continue;
        const std::size_t o = x + g.extent[0] * (y + g.extent[1] * z);
        // IBSI fixed bin number: floor(Ng (X − min) / (max − min)) + 1, the maximum in the top bin.
        const int level = std::min(ng, int(std::floor(double(ng) * (double(hu[i]) - hmin) / (hmax - hmin))) + 1);
        g.levels[o] = level, g.mask[o] = 1, ++g.voxels;
      }
  return g;
}

const LevelGrid& grid(std::size_t voxels, int ng) {
  static std::map<std::pair<std::size_t, int>, LevelGrid> cache;
  auto it = cache.find({voxels, ng});
  if (it == cache.end()) it = cache.emplace(std::pair{voxels, ng}, make_grid(voxels, ng)).first;
  return it->second;
}

template <bool Distance>
void BM_ZoneFamily(benchmark::State& state) {
  const int ng = int(state.range(1));
  const LevelGrid& g = grid(std::size_t(state.range(0)), ng);
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(2)));
  std::vector<double> out(tx::size_zone_feature_count);
  double checksum = 0;
  for (auto _ : state) {
    if constexpr (Distance) tx::gldzm_features(g.view(), g.mask_view(), ng, tx::Aggregation::d3, 1, out);
    else tx::glszm_features(g.view(), ng, tx::Aggregation::d3, 1, out);
    benchmark::DoNotOptimize(out.data());
  }
  for (const double v : out) checksum += v;
  state.SetItemsProcessed(std::int64_t(state.iterations() * g.voxels));
  state.counters["roi_voxels"] = double(g.voxels);
  state.counters["box_voxels"] = double(g.levels.size());
  state.counters["checksum"] = checksum;
}

void BM_ZoneLabelling(benchmark::State& state) {
  const LevelGrid& g = grid(std::size_t(state.range(0)), int(state.range(1)));
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(2)));
  std::size_t zones = 0;
  for (auto _ : state) {
    zones = tx::label_zones(g.view(), true, 1).size();
    benchmark::DoNotOptimize(zones);
  }
  state.SetItemsProcessed(std::int64_t(state.iterations() * g.voxels));
  state.counters["zones"] = double(zones);
  std::size_t runs = 0;  // runs of equal level along x: the labelling's unit of work
  for (std::size_t i = 0; i < g.levels.size(); ++i)
    runs += g.levels[i] > 0 && (i % g.extent[0] == 0 || g.levels[i - 1] != g.levels[i]);
  state.counters["runs"] = double(runs);
}

void sizes(benchmark::internal::Benchmark* b) {
  for (const int threads : {1, 2}) {
    for (const long voxels : {10'000L, 100'000L, 465'000L, 2'000'000L}) b->Args({voxels, 32, threads});
    for (const int ng : {16, 256, 4096}) b->Args({465'000L, ng, threads});
  }
  b->Unit(benchmark::kMillisecond)->UseRealTime();
}

BENCHMARK(BM_ZoneFamily<false>)->Name("BM_Glszm")->Apply(sizes);
BENCHMARK(BM_ZoneFamily<true>)->Name("BM_Gldzm")->Apply(sizes);
BENCHMARK(BM_ZoneLabelling)
    ->Args({465'000L, 32, 1})
    ->Args({465'000L, 32, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
