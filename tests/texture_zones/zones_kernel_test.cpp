// The zone-labelling kernel, the GLDZM distance map and the zone matrices against the plain references in
// zones_reference.hpp, on seeded random ROIs; thread-count determinism; hand-computed small cases.
#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <cmath>
#include <limits>
#include <random>

#include "texture/gldzm.hpp"
#include "texture/glszm.hpp"
#include "texture/zones.hpp"
#include "zones_reference.hpp"

namespace voxfeat::test {
namespace {

namespace tx = kernels::texture;
using kernels::View3;

struct Grid {
  std::array<std::size_t, 3> extent{};
  std::vector<std::int32_t> levels;
  std::vector<std::uint8_t> mask;  // morphological mask: a superset of levels > 0
  [[nodiscard]] View3<std::int32_t> view() const { return {levels.data(), extent, {1, 1, 1}}; }
  [[nodiscard]] View3<std::uint8_t> mask_view() const { return {mask.data(), extent, {1, 1, 1}}; }
};

/// A blobby ROI (voxels within a random ellipsoid-ish ball, plus noise holes) with levels 1..ng, spatially
/// correlated (levels repeat along x with probability `stay`) so zones of many sizes occur.
Grid random_grid(std::array<std::size_t, 3> extent, int ng, std::uint32_t seed, double stay = 0.6) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> level(1, ng);
  std::uniform_real_distribution<double> u(0, 1);
  Grid g{extent, std::vector<std::int32_t>(extent[0] * extent[1] * extent[2], 0),
         std::vector<std::uint8_t>(extent[0] * extent[1] * extent[2], 0)};
  const double cx = double(extent[0]) / 2, cy = double(extent[1]) / 2, cz = double(extent[2]) / 2;
  int prev = 1;
  for (std::size_t z = 0; z < extent[2]; ++z)
    for (std::size_t y = 0; y < extent[1]; ++y)
      for (std::size_t x = 0; x < extent[0]; ++x) {
        const double r = std::pow((double(x) + 0.5 - cx) / cx, 2) + std::pow((double(y) + 0.5 - cy) / cy, 2) +
                         std::pow((double(z) + 0.5 - cz) / cz, 2);
        const std::size_t i = x + extent[0] * (y + extent[1] * z);
        if (r > 1.0 + 0.3 * u(rng)) continue;
        g.mask[i] = 1;
        if (u(rng) < 0.05) continue;  // re-segmented away: in the morphological mask only
        prev = u(rng) < stay ? prev : level(rng);
        g.levels[i] = prev;
      }
  return g;
}

void expect_same_zones(const std::vector<tx::Zone>& a, const std::vector<tx::Zone>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].level, b[k].level) << "zone " << k;
    EXPECT_EQ(a[k].size, b[k].size) << "zone " << k;
    EXPECT_EQ(a[k].distance, b[k].distance) << "zone " << k;
  }
}

TEST(LabelZones, MatchesFloodFillOnRandomRois) {
  // Extents with 1, 2 and many z-slabs (slabs are ≥ 8 slices), δ = 1 and 2, 2D and 3D linkage.
  for (const auto extent : {std::array<std::size_t, 3>{7, 5, 3}, std::array<std::size_t, 3>{13, 11, 17},
                            std::array<std::size_t, 3>{9, 8, 150}})
    for (int delta : {1, 2})
      for (bool three_d : {true, false})
        for (std::uint32_t seed : {1u, 2u}) {
          const Grid g = random_grid(extent, 4, seed);
          const auto dist = tx::border_distance(g.mask_view(), three_d);
          SCOPED_TRACE(::testing::Message() << extent[2] << " slices, delta " << delta << ", 3D " << three_d);
          expect_same_zones(tx::label_zones(g.view(), three_d, delta, dist.data()),
                            zones_ref::flood_fill_zones(g.view(), three_d, delta, dist.data()));
        }
}

TEST(LabelZones, FullBoxThinExtentsAndThreadCounts) {
  // ROIs filling the whole grid (every neighbour-row and x-edge case of the δ = 1 mask path), one- and two-voxel
  // wide rows, many slabs (slab joins), δ = 1 (mask path) and 2 (plain path): the flood fill, with 1 and 2 threads.
  for (const auto extent : {std::array<std::size_t, 3>{1, 6, 40}, std::array<std::size_t, 3>{2, 3, 33},
                            std::array<std::size_t, 3>{5, 1, 12}, std::array<std::size_t, 3>{6, 7, 64}})
    for (int delta : {1, 2})
      for (bool three_d : {true, false}) {
        Grid g{extent, std::vector<std::int32_t>(extent[0] * extent[1] * extent[2]), {}};
        std::mt19937 rng(std::uint32_t(extent[0] * 100 + extent[2]));
        for (auto& v : g.levels) v = int(rng() % 3) + 1;
        std::vector<std::uint32_t> dist(g.levels.size());
        for (auto& d : dist) d = rng() % 5 + 1;
        SCOPED_TRACE(::testing::Message() << extent[0] << "x" << extent[1] << "x" << extent[2] << ", delta " << delta
                                          << ", 3D " << three_d);
        const auto expected = zones_ref::flood_fill_zones(g.view(), three_d, delta, dist.data());
        for (const int threads : {1, 2}) {
          tbb::global_control limit(tbb::global_control::max_allowed_parallelism, std::size_t(threads));
          expect_same_zones(tx::label_zones(g.view(), three_d, delta, dist.data()), expected);
        }
      }
}

TEST(LabelZones, CheckerboardOfManyGroups) {
  // Levels by the parity of x + y + z: a voxel's same-level 26-neighbours are all diagonal, none along x, so every
  // link goes through the neighbour masks of other rows and slices (and across slab joins); each parity class is
  // one zone of 360 voxels.
  Grid g{{6, 6, 20}, std::vector<std::int32_t>(720), {}};
  for (std::size_t z = 0; z < 20; ++z)
    for (std::size_t y = 0; y < 6; ++y)
      for (std::size_t x = 0; x < 6; ++x) g.levels[x + 6 * (y + 6 * z)] = int((x + y + z) % 2) + 1;
  const auto zones = tx::label_zones(g.view(), true, 1);
  expect_same_zones(zones, zones_ref::flood_fill_zones(g.view(), true, 1));
  ASSERT_EQ(zones.size(), 2u);
  EXPECT_EQ(zones[0].size, 360u);
}

TEST(LabelZones, RejectsLinkageBelowOne) {
  const Grid g = random_grid({3, 3, 3}, 2, 1);
  EXPECT_THROW(tx::label_zones(g.view(), true, 0), std::invalid_argument);
}

TEST(BorderDistance, MatchesIterativeErosion) {
  for (const auto extent : {std::array<std::size_t, 3>{1, 1, 1}, std::array<std::size_t, 3>{12, 9, 7},
                            std::array<std::size_t, 3>{30, 25, 20}})
    for (bool three_d : {true, false})
      for (std::uint32_t seed : {3u, 4u}) {
        Grid g = random_grid(extent, 3, seed);
        if (extent[0] == 1) g.mask[0] = 1;
        EXPECT_EQ(tx::border_distance(g.mask_view(), three_d), zones_ref::erosion_distance(g.mask_view(), three_d));
      }
}

TEST(BorderDistance, FullGridCountsTheImageEdgeAsOutside) {
  // A 5×5×5 mask filling the grid: the distance is the city-block distance to beyond the grid: 1 on the faces,
  // 3 at the centre (3D); in-plane 4-connected, the centre slice's centre is 3 too and a corner 1.
  const std::vector<std::uint8_t> full(125, 1);
  const View3<std::uint8_t> m{full.data(), {5, 5, 5}, {1, 1, 1}};
  const auto d3 = tx::border_distance(m, true);
  EXPECT_EQ(d3[m.index(2, 2, 2)], 3u);
  EXPECT_EQ(d3[m.index(2, 2, 0)], 1u);
  EXPECT_EQ(d3[m.index(1, 2, 1)], 2u);
  const auto d2 = tx::border_distance(m, false);
  EXPECT_EQ(d2[m.index(2, 2, 0)], 3u);
  EXPECT_EQ(d2[m.index(0, 0, 2)], 1u);
}

TEST(ZoneMatrix, HandCountedSlice) {
  // One 4×3 slice (rows y = 0..2, x fastest):   1 1 2 0
  //                                            2 0 2 2
  //                                            2 2 1 1
  // 8-connected zones: level 1 {(0,0),(1,0)} and {(2,2),(3,2)} (dy = 2 apart): two of size 2; level 2: the
  // right group {(2,0),(2,1),(3,1)} and the left group {(0,1),(0,2),(1,2)} touch diagonally ((1,2)–(2,1)): one zone
  // of 6. Hand count: s(1,2) = 2, s(2,6) = 1, N_v = 10.
  const std::vector<std::int32_t> lv{1, 1, 2, 0, 2, 0, 2, 2, 2, 2, 1, 1};
  const View3<std::int32_t> v{lv.data(), {4, 3, 1}, {1, 1, 1}};
  const tx::ZoneMatrix m = tx::glszm_matrix(v, false, 1, 2);
  EXPECT_EQ(m.voxels, 10u);
  ASSERT_EQ(m.counts.entries().size(), 2u);
  EXPECT_EQ(m.counts.entries()[0], (tx::MatrixEntry{0, 1, 2}));
  EXPECT_EQ(m.counts.entries()[1], (tx::MatrixEntry{1, 5, 1}));
  // Distances (mask = levels > 0, 4-connected, grid edge outside): every voxel is on the edge here: all 1.
  std::vector<std::uint8_t> mask(lv.size());
  for (std::size_t i = 0; i < lv.size(); ++i) mask[i] = lv[i] > 0;
  const auto dist = tx::border_distance({mask.data(), {4, 3, 1}, {1, 1, 1}}, false);
  const tx::ZoneMatrix d = tx::gldzm_matrix(v, dist.data(), false, 1, 2);
  ASSERT_EQ(d.counts.entries().size(), 2u);
  EXPECT_EQ(d.counts.entries()[0], (tx::MatrixEntry{0, 0, 2}));
  EXPECT_EQ(d.counts.entries()[1], (tx::MatrixEntry{1, 0, 1}));
}

TEST(ZoneMatrix, DenseAndSparseCountingAgree) {
  // 4096 levels and a zone of 300 voxels: 4096 × 300 cells exceed the dense limit (2^20), so the codes path runs;
  // the same zones with few levels take the dense path. Both must equal a map-based count.
  std::mt19937 rng(7);
  std::vector<tx::Zone> zones;
  for (int k = 0; k < 5000; ++k)
    zones.push_back({int(rng() % 4096) + 1, std::uint32_t(rng() % 5) + 1, std::uint32_t(rng() % 4) + 1});
  zones.push_back({4096, 300, 2});
  for (const int ng : {4096, 8}) {
    std::vector<tx::Zone> z = zones;
    if (ng == 8)
      for (auto& zone : z) zone.level = (zone.level - 1) % 8 + 1;
    std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint64_t> ref;
    for (const auto& zone : z) ++ref[{std::uint32_t(zone.level - 1), zone.size - 1}];
    const tx::ZoneMatrix m = tx::zone_matrix(z, ng, tx::ZoneColumn::size);
    ASSERT_EQ(m.counts.entries().size(), ref.size());
    std::size_t k = 0;
    for (const auto& [cell, n] : ref) EXPECT_EQ(m.counts.entries()[k++], (tx::MatrixEntry{cell.first, cell.second, n}));
    EXPECT_EQ(m.counts.rows(), std::uint32_t(ng));
    EXPECT_EQ(m.counts.cols(), 300u);
  }
}

TEST(ZoneMatrix, LevelsBeyondTheDenseCellsAreCodedOnly) {
  // 70000 rows exceed the 2^16 dense cells: every zone is counted from sorted codes; must equal a map count.
  std::mt19937 rng(13);
  std::vector<tx::Zone> zones;
  for (int k = 0; k < 3000; ++k)
    zones.push_back({int(rng() % 70000) + 1, std::uint32_t(rng() % 3) + 1, std::uint32_t(rng() % 2) + 1});
  zones.push_back(zones.front());
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint64_t> ref;
  for (const auto& zone : zones) ++ref[{std::uint32_t(zone.level - 1), zone.distance - 1}];
  const tx::ZoneMatrix m = tx::zone_matrix(zones, 70000, tx::ZoneColumn::distance);
  ASSERT_EQ(m.counts.entries().size(), ref.size());
  std::size_t k = 0;
  for (const auto& [cell, n] : ref) EXPECT_EQ(m.counts.entries()[k++], (tx::MatrixEntry{cell.first, cell.second, n}));
  EXPECT_EQ(m.counts.total(), zones.size());
}

/// Dense reference matrix of a zone list, for dense_features.
std::vector<std::vector<double>> dense_of(const std::vector<tx::Zone>& zones, int ng, bool by_distance) {
  std::uint32_t cols = 1;
  for (const auto& z : zones) cols = std::max(cols, by_distance ? z.distance : z.size);
  std::vector<std::vector<double>> s(std::size_t(ng), std::vector<double>(cols, 0.0));
  for (const auto& z : zones) s[std::size_t(z.level - 1)][(by_distance ? z.distance : z.size) - 1] += 1;
  return s;
}

TEST(ZoneFeatures, SparseFormulasMatchDenseDefinitions) {
  for (const int ng : {5, 64}) {
    const Grid g = random_grid({20, 18, 12}, ng, 11);
    const auto dist = tx::border_distance(g.mask_view(), true);
    const auto zones = zones_ref::flood_fill_zones(g.view(), true, 1, dist.data());
    double voxels = 0;
    for (const auto& z : zones) voxels += z.size;
    for (const bool by_distance : {false, true}) {
      const auto expected = zones_ref::dense_features(dense_of(zones, ng, by_distance), voxels);
      std::vector<double> got(tx::size_zone_feature_count);
      tx::zone_matrix_features(
          tx::zone_matrix(zones, ng, by_distance ? tx::ZoneColumn::distance : tx::ZoneColumn::size), got);
      for (std::size_t f = 0; f < got.size(); ++f)
        // Same sums in another order: 1e-12 relative, floor 1e-12 for values near 0 (variances of flat cases).
        EXPECT_NEAR(got[f], expected[f], 1e-12 * std::abs(expected[f]) + 1e-12) << "feature " << f;
    }
  }
}

TEST(ZoneMatrices, BitIdenticalForOneAndTwoThreads) {
  const Grid g = random_grid({40, 36, 64}, 16, 5);
  const auto run = [&](int threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, std::size_t(threads));
    const auto dist = tx::border_distance(g.mask_view(), true);
    return std::pair{tx::glszm_matrix(g.view(), true, 1, 16), tx::gldzm_matrix(g.view(), dist.data(), true, 1, 16)};
  };
  const auto one = run(1), two = run(2);
  EXPECT_TRUE(one.first == two.first);
  EXPECT_TRUE(one.second == two.second);
  EXPECT_GT(one.first.counts.entries().size(), 10u);
  std::vector<double> f1(16), f2(16);
  for (const auto aggregation : {tx::Aggregation::d2, tx::Aggregation::d25, tx::Aggregation::d3}) {
    {
      tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 1);
      tx::gldzm_features(g.view(), g.mask_view(), 16, aggregation, 1, f1);
    }
    tx::gldzm_features(g.view(), g.mask_view(), 16, aggregation, 1, f2);
    EXPECT_EQ(f1, f2);
  }
}

// ---- Edge cases ------------------------------------------------------------------------------------------------

std::vector<double> features(const Grid& g, int ng, tx::Aggregation aggregation, bool distance) {
  std::vector<double> out(tx::size_zone_feature_count, std::numeric_limits<double>::quiet_NaN());
  if (distance) tx::gldzm_features(g.view(), g.mask_view(), ng, aggregation, 1, out);
  else tx::glszm_features(g.view(), ng, aggregation, 1, out);
  return out;
}

TEST(ZoneScratch, ReusedBuffersAndConcurrentCalls) {
  // label_zones and gldzm_features keep scratch (labels, root statistics, distance map) that grows and is reused:
  // results must not depend on what an earlier call left there (a large box, then smaller ones, then large again),
  // nor on calls running concurrently, as the engine runs one task per family and aggregation in parallel (a call
  // holds its buffers until it returns, so a thread that starts another call while waiting takes other buffers).
  const std::vector<Grid> grids{random_grid({40, 36, 64}, 16, 21), random_grid({9, 8, 150}, 4, 22),
                                random_grid({7, 5, 3}, 3, 23), random_grid({40, 36, 64}, 16, 24)};
  const auto aggregations = {tx::Aggregation::d2, tx::Aggregation::d25, tx::Aggregation::d3};
  std::vector<std::vector<tx::Zone>> expected_zones;
  std::vector<std::vector<double>> expected_features;
  for (const Grid& g : grids) {
    const auto dist = tx::border_distance(g.mask_view(), true);
    expected_zones.push_back(zones_ref::flood_fill_zones(g.view(), true, 1, dist.data()));
    for (const auto a : aggregations) {
      expected_features.push_back(features(g, 16, a, true));
      expected_features.push_back(features(g, 16, a, false));
    }
  }
  // Sequential reuse, in an order that shrinks and regrows the scratch.
  for (const std::size_t k : {0u, 2u, 1u, 3u, 2u, 0u}) {
    const auto dist = tx::border_distance(grids[k].mask_view(), true);
    expect_same_zones(tx::label_zones(grids[k].view(), true, 1, dist.data()), expected_zones[k]);
  }
  // Concurrent calls of every kind at once, many times over.
  const std::size_t per_grid = 2 * aggregations.size();
  std::vector<std::vector<double>> got(3 * grids.size() * per_grid);
  tbb::parallel_for(std::size_t(0), got.size(), [&](std::size_t t) {
    const std::size_t job = t % (grids.size() * per_grid), g = job / per_grid, f = job % per_grid;
    got[t] = features(grids[g], 16, std::data(aggregations)[f / 2], f % 2 == 0);
  });
  for (std::size_t t = 0; t < got.size(); ++t) EXPECT_EQ(got[t], expected_features[t % expected_features.size()]) << t;
}

TEST(BorderDistance, BufferOverloadWritesEveryEntry) {
  // The buffer overload (used with reused, uninitialised scratch) must not rely on a zeroed buffer.
  const Grid g = random_grid({13, 11, 17}, 4, 31);
  for (const bool three_d : {true, false}) {
    std::vector<std::uint32_t> buffer(g.mask.size(), 0xDEADBEEFu);
    tx::border_distance(g.mask_view(), three_d, buffer.data());
    EXPECT_EQ(buffer, zones_ref::erosion_distance(g.mask_view(), three_d));
  }
}

TEST(ZoneEdgeCases, SingleVoxel) {
  // One voxel of level 3: one zone of size 1 and distance 1. SZE = LZE = 1, LGZE = 1/9, HGZE = 9, ZP = 1,
  // non-uniformities 1, variances 0, entropy 0; every aggregation sees the same single matrix.
  Grid g{{3, 3, 3}, std::vector<std::int32_t>(27, 0), std::vector<std::uint8_t>(27, 0)};
  g.levels[13] = 3, g.mask[13] = 1;
  for (const bool distance : {false, true})
    for (const auto a : {tx::Aggregation::d2, tx::Aggregation::d25, tx::Aggregation::d3}) {
      const auto f = features(g, 3, a, distance);
      const std::vector<double> expected{1, 1, 1.0 / 9, 9, 1.0 / 9, 9, 1.0 / 9, 9, 1, 1, 1, 1, 1, 0, 0, 0};
      for (std::size_t k = 0; k < f.size(); ++k) EXPECT_NEAR(f[k], expected[k], 1e-15) << k;  // exact sums
    }
}

TEST(ZoneEdgeCases, FlatCubeAndOneSliceIn3D) {
  // A 3×3×3 cube of level 2 in a 5×5×5 grid: one zone of 27 voxels (GLSZM: SZE 1/729, LZE 729, ZP 1/27); its
  // distance is 1 (its surface voxels). A single slice of it (3×3×1) under 3D aggregation is the 2D answer.
  Grid g{{5, 5, 5}, std::vector<std::int32_t>(125, 0), std::vector<std::uint8_t>(125, 0)};
  for (std::size_t z = 1; z < 4; ++z)
    for (std::size_t y = 1; y < 4; ++y)
      for (std::size_t x = 1; x < 4; ++x) g.levels[x + 5 * (y + 5 * z)] = 2, g.mask[x + 5 * (y + 5 * z)] = 1;
  auto s = features(g, 2, tx::Aggregation::d3, false);
  EXPECT_NEAR(s[tx::small_emphasis], 1.0 / 729, 1e-15);  // exact up to one rounding
  EXPECT_NEAR(s[tx::large_emphasis], 729, 1e-12);
  EXPECT_NEAR(s[tx::zone_percentage], 1.0 / 27, 1e-15);
  EXPECT_EQ(s[tx::grey_variance], 0.0);
  EXPECT_EQ(s[tx::size_entropy], 0.0);
  auto d = features(g, 2, tx::Aggregation::d3, true);
  EXPECT_EQ(d[tx::small_emphasis], 1.0);
  EXPECT_EQ(d[tx::size_variance], 0.0);
  // 2D: three slices, each one zone of 9 voxels at distance 1: averaged = the per-slice value.
  s = features(g, 2, tx::Aggregation::d2, false);
  EXPECT_NEAR(s[tx::large_emphasis], 81, 1e-12);
  Grid one = g;
  for (std::size_t i = 0; i < 125; ++i)
    if (i / 25 != 2) one.levels[i] = 0, one.mask[i] = 0;
  const auto a = features(one, 2, tx::Aggregation::d3, false), b = features(one, 2, tx::Aggregation::d2, false);
  for (std::size_t k = 0; k < a.size(); ++k) EXPECT_DOUBLE_EQ(a[k], b[k]) << k;
  const auto ad = features(one, 2, tx::Aggregation::d3, true), bd = features(one, 2, tx::Aggregation::d2, true);
  for (std::size_t k = 0; k < ad.size(); ++k) EXPECT_DOUBLE_EQ(ad[k], bd[k]) << k;
}

TEST(ZoneEdgeCases, EmptyRoiLeavesNaN) {
  Grid g{{4, 4, 4}, std::vector<std::int32_t>(64, 0), std::vector<std::uint8_t>(64, 0)};
  for (const bool distance : {false, true})
    for (const auto a : {tx::Aggregation::d2, tx::Aggregation::d25, tx::Aggregation::d3})
      for (const double v : features(g, 1, a, distance)) EXPECT_TRUE(std::isnan(v));
}

TEST(ZoneEdgeCases, FourThousandNinetySixLevels) {
  // Random levels 1..4096 (almost every voxel its own zone): the fast path against the reference, 3D and 2.5D.
  const Grid g = random_grid({32, 32, 24}, 4096, 9, 0.2);
  const auto dist = tx::border_distance(g.mask_view(), true);
  const auto zones = zones_ref::flood_fill_zones(g.view(), true, 1, dist.data());
  expect_same_zones(tx::label_zones(g.view(), true, 1, dist.data()), zones);
  double voxels = 0;
  for (const auto& z : zones) voxels += z.size;
  const auto expected = zones_ref::dense_features(dense_of(zones, 4096, false), voxels);
  const auto got = features(g, 4096, tx::Aggregation::d3, false);
  for (std::size_t f = 0; f < got.size(); ++f)
    EXPECT_NEAR(got[f], expected[f], 1e-12 * std::abs(expected[f]) + 1e-12) << f;  // summation order only
  const auto d25 = features(g, 4096, tx::Aggregation::d25, true);
  for (const double v : d25) EXPECT_TRUE(std::isfinite(v));
}

}  // namespace
}  // namespace voxfeat::test
