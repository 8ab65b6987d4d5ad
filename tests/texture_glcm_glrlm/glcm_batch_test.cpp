// GLCM batch builder (glcm_matrices, GlcmBuilder): every offset's matrix equals the per-offset builder and the
// reference loops, bit for bit; the aggregation's batch hook gives the same feature values as the per-direction path
// for every directional method and thread count.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cstring>
#include <limits>
#include <vector>

#include "random_rois.hpp"
#include "texture/aggregation.hpp"
#include "texture/glcm.hpp"
#include "texture/glcm_formulas.hpp"

namespace voxfeat::test {
namespace {

using namespace voxfeat::kernels;
using namespace voxfeat::kernels::texture;
namespace f = voxfeat::kernels::texture::glcm;

std::vector<Offset> scaled(std::span<const Offset> dirs, int delta, int sign = 1) {
  std::vector<Offset> out;
  for (const auto& d : dirs) out.push_back(Offset{sign * d.dx, sign * d.dy, sign * d.dz}.scaled(delta));
  return out;
}

void expect_batch_equals_single(const View3<std::int32_t>& v, int ng, const std::string& what) {
  for (bool three_d : {true, false})
    for (int delta : {1, 2, 3})
      for (int sign : {1, -1})
        for (bool symmetric : {true, false}) {
          const auto offsets = scaled(directions(three_d), delta, sign);
          const auto batch = glcm_matrices(v, offsets, std::uint32_t(ng), symmetric);
          ASSERT_EQ(batch.size(), offsets.size());
          for (std::size_t i = 0; i < offsets.size(); ++i) {
            const Offset o = offsets[i];
            ASSERT_EQ(batch[i], glcm_matrix(v, o, std::uint32_t(ng), symmetric))
                << what << " offset " << o.dx << "," << o.dy << "," << o.dz << " symmetric " << symmetric;
            ASSERT_EQ(batch[i], glcm_matrix_reference(v, o, std::uint32_t(ng), symmetric))
                << what << " offset " << o.dx << "," << o.dy << "," << o.dz << " symmetric " << symmetric;
          }
        }
}

TEST(GlcmBatch, EqualsPerOffsetAndReferenceOnRandomRois) {
  struct Case {
    std::size_t ex, ey, ez;
    int ng;
  };
  // Dense batch (ng 6, 32), compact batch (4096 possible, few present via 40 → ×97), per-offset fallback (ng 1500,
  // 4096 with most present), one-slice and one-voxel-wide volumes, extents ≤ δ along some axis.
  const Case cases[] = {{9, 7, 5, 6}, {12, 10, 8, 32}, {8, 8, 1, 5}, {1, 6, 4, 3}, {2, 3, 2, 4},
                        {20, 15, 6, 1500}, {10, 9, 7, 4096}};
  std::uint32_t seed = 301;
  for (const auto& c : cases) {
    const auto v = random_levels(c.ex, c.ey, c.ez, c.ng, seed++);
    expect_batch_equals_single(v.view, c.ng, std::to_string(c.ex) + "x" + std::to_string(c.ey) + "x" +
                                                 std::to_string(c.ez) + " ng " + std::to_string(c.ng));
  }
  auto sparse = random_levels(30, 24, 8, 40, 5, 0.9, 0.4);
  for (auto& x : sparse.data)
    if (x > 0) x = x * 97 + 3;  // 100 .. 3883 of 4096: the compact renumbering
  expect_batch_equals_single(sparse.view, 4096, "compact 4096");
}

TEST(GlcmBatch, EqualsPerOffsetOnEllipsoidRoisSplitIntoSlabs) {
  // Tumour-like ROIs (zero margins, empty rows); the tall thin volume has small planes, so the scope is split into
  // several z-slabs (2^16 voxels each) whose partial counts are summed.
  auto a = random_levels(53, 37, 21, 32, 71, 0.97, 0.6);
  keep_ellipsoid(a);
  expect_batch_equals_single(a.view, 32, "ellipsoid 53x37x21");
  auto b = random_levels(16, 16, 300, 8, 72, 0.97, 0.6);
  keep_ellipsoid(b, 1.2);
  expect_batch_equals_single(b.view, 8, "ellipsoid 16x16x300");
}

TEST(GlcmBatch, SingleVoxelAndEmptyScopes) {
  std::vector<std::int32_t> one{3};
  const View3<std::int32_t> v{one.data(), {1, 1, 1}, {1.0, 1.0, 1.0}};
  for (const auto& m : glcm_matrices(v, scaled(directions(true), 1), 5, true)) EXPECT_TRUE(m.empty());
  EXPECT_TRUE(glcm_matrices(v, {}, 5, true).empty());
}

std::vector<double> aggregated(const View3<std::int32_t>& levels, Aggregation a, int ng, int delta, bool batch) {
  std::vector<double> out(f::feature_count, std::numeric_limits<double>::quiet_NaN());
  const auto features = [](const CountMatrix& m, std::span<double> v) { glcm_features(m, v); };
  if (batch)
    aggregate_directional(levels, a, delta, GlcmBuilder{std::uint32_t(ng), true}, features, out);
  else
    aggregate_directional(
        levels, a, delta,
        [&](const View3<std::int32_t>& scope, Offset o) { return glcm_matrix(scope, o, std::uint32_t(ng), true); },
        features, out);
  return out;
}

TEST(GlcmBatch, AggregationHookGivesTheSameFeaturesForEveryMethodAndThreadCount) {
  constexpr Aggregation methods[] = {Aggregation::d2_averaged,  Aggregation::d2_slice_merged,
                                     Aggregation::d25_direction_merged, Aggregation::d25_merged,
                                     Aggregation::d3_averaged, Aggregation::d3_merged};
  auto v = random_levels(16, 16, 400, 12, 9, 0.95, 0.5);
  keep_ellipsoid(v, 1.1);
  for (Aggregation a : methods)
    for (int delta : {1, 2}) {
      const auto reference = aggregated(v.view, a, 12, delta, false);
      for (int threads : {1, 2}) {
        tbb::global_control c(tbb::global_control::max_allowed_parallelism, std::size_t(threads));
        const auto batch = aggregated(v.view, a, 12, delta, true);
        ASSERT_EQ(batch.size(), reference.size());
        // Bit for bit, NaN included.
        EXPECT_EQ(std::memcmp(batch.data(), reference.data(), batch.size() * sizeof(double)), 0)
            << "method " << int(a) << " delta " << delta << " threads " << threads;
      }
    }
}

}  // namespace
}  // namespace voxfeat::test
