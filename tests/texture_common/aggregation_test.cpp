// The shared texture machinery: sparse count matrices and the IBSI aggregation methods, checked with a toy family
// whose "matrix" is the number of ROI voxel pairs along an offset (so each method's answer is countable by hand).
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cmath>
#include <random>

#include "texture/aggregation.hpp"
#include "texture/count_matrix.hpp"

namespace voxfeat::test {
namespace {

using namespace voxfeat::kernels;
using namespace voxfeat::kernels::texture;

TEST(CountMatrix, DenseAndCodesAgreeAndMergeIsExact) {
  std::mt19937 rng(5);
  std::vector<std::uint64_t> dense(6 * 4, 0), codes;
  for (int i = 0; i < 200; ++i) {
    const std::uint64_t code = rng() % 24;
    ++dense[code];
    codes.push_back(code);
  }
  const auto a = CountMatrix::from_dense(6, 4, dense);
  const auto b = CountMatrix::from_codes(6, 4, codes);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.total(), 200u);
  CountMatrix sum;
  sum.merge(a);
  sum.merge(b);
  EXPECT_EQ(sum.total(), 400u);
  for (const auto& e : sum.entries()) EXPECT_EQ(e.count, 2 * dense[e.row * 4 + e.col]);
  CountMatrix grown(2, 2);
  grown.merge(CountMatrix::from_dense(6, 4, dense));
  EXPECT_EQ(grown.rows(), 6u);
}

/// A 4×3×2 level volume: ROI = every voxel with level > 0.
struct Toy {
  std::vector<std::int32_t> data;
  View3<std::int32_t> view;
  Toy() : data(4 * 3 * 2, 1) {
    data[0] = 0;  // one voxel outside the ROI
    view = {data.data(), {4, 3, 2}, {1, 1, 1}};
  }
};

/// Pairs of ROI voxels (a, a + offset) inside the scope, as a 1×1 count matrix.
CountMatrix count_pairs(const View3<std::int32_t>& s, Offset o) {
  std::uint64_t n = 0;
  for (long z = 0; z < long(s.extent[2]); ++z)
    for (long y = 0; y < long(s.extent[1]); ++y)
      for (long x = 0; x < long(s.extent[0]); ++x) {
        const long x2 = x + o.dx, y2 = y + o.dy, z2 = z + o.dz;
        if (x2 < 0 || y2 < 0 || z2 < 0 || x2 >= long(s.extent[0]) || y2 >= long(s.extent[1]) ||
            z2 >= long(s.extent[2]))
          continue;
        n += s(std::size_t(x), std::size_t(y), std::size_t(z)) > 0 &&
             s(std::size_t(x2), std::size_t(y2), std::size_t(z2)) > 0;
      }
  std::vector<std::uint64_t> dense{n};
  return CountMatrix::from_dense(1, 1, dense);
}

double run(Aggregation a) {
  Toy toy;
  double out[1];
  aggregate_directional(toy.view, a, 1, count_pairs,
                        [](const CountMatrix& m, std::span<double> f) { f[0] = double(m.total()); }, out);
  return out[0];
}

TEST(Aggregation, DirectionalMethodsGroupAsIbsiSays) {
  // Per slice (4×3 plane; slice 0 lacks voxel (0,0)): pairs along (1,0), (0,1), (1,1), (1,-1).
  // Slice 1: 9, 8, 6, 6. Slice 0 loses the pairs touching (0,0): (1,0) 8, (0,1) 7, (1,1) 5, (1,-1) 6.
  EXPECT_DOUBLE_EQ(run(Aggregation::d2_averaged), (9 + 8 + 6 + 6 + 8 + 7 + 5 + 6) / 8.0);
  EXPECT_DOUBLE_EQ(run(Aggregation::d2_slice_merged), (29 + 26) / 2.0);
  EXPECT_DOUBLE_EQ(run(Aggregation::d25_direction_merged), (17 + 15 + 11 + 12) / 4.0);
  EXPECT_DOUBLE_EQ(run(Aggregation::d25_merged), 55.0);
  // 3D merged = in-plane pairs (55) + pairs across the two slices along the 9 directions with dz = ±1.
  const double d3 = run(Aggregation::d3_merged);
  EXPECT_GT(d3, 55.0);
  EXPECT_DOUBLE_EQ(run(Aggregation::d3_averaged), d3 / 13.0);
}

TEST(Aggregation, NeighbourhoodMethodsAndDeterminism) {
  Toy toy;
  const auto build = [](const View3<std::int32_t>& s, bool three_d) {
    std::uint64_t n = 0;
    for (std::size_t i = 0; i < s.voxel_count(); ++i) n += s.data[i] > 0;
    std::vector<std::uint64_t> dense{n * (three_d ? 10 : 1)};
    return CountMatrix::from_dense(1, 1, dense);
  };
  const auto total = [](const CountMatrix& m, std::span<double> f) { f[0] = double(m.total()); };
  double out[1];
  aggregate_neighbourhood(toy.view, Aggregation::d2, build, total, out);
  EXPECT_DOUBLE_EQ(out[0], (11 + 12) / 2.0);
  aggregate_neighbourhood(toy.view, Aggregation::d25, build, total, out);
  EXPECT_DOUBLE_EQ(out[0], 23.0);
  aggregate_neighbourhood(toy.view, Aggregation::d3, build, total, out);
  EXPECT_DOUBLE_EQ(out[0], 230.0);
  double one[1], two[1];
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
    one[0] = run(Aggregation::d2_averaged);
  }
  {
    tbb::global_control c(tbb::global_control::max_allowed_parallelism, 2);
    two[0] = run(Aggregation::d2_averaged);
  }
  EXPECT_EQ(one[0], two[0]);
}

TEST(Aggregation, EmptyRoiGivesNaN) {
  std::vector<std::int32_t> zeros(8, 0);
  const View3<std::int32_t> v{zeros.data(), {2, 2, 2}, {1, 1, 1}};
  double out[1];
  aggregate_directional(v, Aggregation::d2_averaged, 1, count_pairs,
                        [](const CountMatrix& m, std::span<double> f) { f[0] = double(m.total()); }, out);
  EXPECT_TRUE(std::isnan(out[0]));  // no slice holds an ROI voxel
  aggregate_directional(v, Aggregation::d3_merged, 1, count_pairs,
                        [](const CountMatrix& m, std::span<double> f) { f[0] = double(m.total()); }, out);
  EXPECT_TRUE(std::isnan(out[0]));  // no pair: the merged matrix is empty
}

}  // namespace
}  // namespace voxfeat::test
