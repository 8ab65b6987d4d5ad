// GLRLM batch builder (glrlm_matrices, GlrlmBuilder): every direction's matrix equals the per-direction builder and
// the reference walk, bit for bit, for any grouping of the directions (thread count); the aggregation's batch hook
// gives the same feature values as the per-direction path for every directional method and thread count.
#include <gtest/gtest.h>
#include <tbb/global_control.h>

#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "random_rois.hpp"
#include "texture/aggregation.hpp"
#include "texture/glrlm.hpp"
#include "texture/glrlm_formulas.hpp"

namespace voxfeat::test {
namespace {

using namespace voxfeat::kernels;
using namespace voxfeat::kernels::texture;
namespace f = voxfeat::kernels::texture::glrlm;

void expect_batch_equals_single(const View3<std::int32_t>& v, int ng, const std::string& what) {
  for (bool three_d : {true, false})
    for (int sign : {1, -1}) {
      std::vector<Offset> dirs;
      for (const auto& d : directions(three_d)) dirs.push_back({sign * d.dx, sign * d.dy, sign * d.dz});
      for (int threads : {1, 2}) {
        tbb::global_control c(tbb::global_control::max_allowed_parallelism, std::size_t(threads));
        const auto batch = glrlm_matrices(v, dirs, std::uint32_t(ng));
        ASSERT_EQ(batch.size(), dirs.size());
        for (std::size_t i = 0; i < dirs.size(); ++i) {
          const Offset o = dirs[i];
          ASSERT_EQ(batch[i], glrlm_matrix(v, o, std::uint32_t(ng)))
              << what << " direction " << o.dx << "," << o.dy << "," << o.dz << " threads " << threads;
          ASSERT_EQ(batch[i], glrlm_matrix_reference(v, o, std::uint32_t(ng)))
              << what << " direction " << o.dx << "," << o.dy << "," << o.dz << " threads " << threads;
        }
      }
    }
}

TEST(GlrlmBatch, EqualsPerDirectionAndReferenceOnRandomRois) {
  struct Case {
    std::size_t ex, ey, ez;
    int ng;
  };
  // Dense batch (ng 6, 32), per-direction fallback (one slice with 3D directions: Nr = 1; one-voxel-wide volume;
  // 4096 levels: too many cells), extents of 2.
  const Case cases[] = {{9, 7, 5, 6}, {12, 10, 8, 32}, {8, 8, 1, 5}, {1, 6, 4, 3}, {2, 3, 2, 4}, {10, 9, 7, 4096}};
  std::uint32_t seed = 401;
  for (const auto& c : cases) {
    const auto v = random_levels(c.ex, c.ey, c.ez, c.ng, seed++, 0.85, 0.7);
    expect_batch_equals_single(v.view, c.ng, std::to_string(c.ex) + "x" + std::to_string(c.ey) + "x" +
                                                 std::to_string(c.ez) + " ng " + std::to_string(c.ng));
  }
}

TEST(GlrlmBatch, EqualsPerDirectionOnEllipsoidAndFullBoxRois) {
  // Tumour-like ROI (zero margins, empty rows) and a flat full box whose runs touch every border.
  auto a = random_levels(53, 37, 21, 32, 71, 0.97, 0.8);
  keep_ellipsoid(a);
  expect_batch_equals_single(a.view, 32, "ellipsoid 53x37x21");
  auto b = random_levels(11, 9, 7, 1, 72, 1.0, 1.0);
  expect_batch_equals_single(b.view, 1, "flat box 11x9x7");
  auto c = random_levels(17, 16, 15, 3, 73, 1.0, 0.9);
  expect_batch_equals_single(c.view, 3, "full box 17x16x15");
}

std::vector<double> aggregated(const View3<std::int32_t>& levels, Aggregation a, int ng, bool batch) {
  std::vector<double> out(f::feature_count, std::numeric_limits<double>::quiet_NaN());
  const auto features = [](const RunLengthMatrix& m, std::span<double> v) { glrlm_features(m, v); };
  if (batch)
    aggregate_directional(levels, a, 1, GlrlmBuilder{std::uint32_t(ng)}, features, out);
  else
    aggregate_directional(
        levels, a, 1,
        [&](const View3<std::int32_t>& scope, Offset o) { return glrlm_matrix(scope, o, std::uint32_t(ng)); }, features,
        out);
  return out;
}

TEST(GlrlmBatch, AggregationHookGivesTheSameFeaturesForEveryMethodAndThreadCount) {
  constexpr Aggregation methods[] = {Aggregation::d2_averaged,  Aggregation::d2_slice_merged,
                                     Aggregation::d25_direction_merged, Aggregation::d25_merged,
                                     Aggregation::d3_averaged, Aggregation::d3_merged};
  auto v = random_levels(24, 20, 30, 12, 9, 0.95, 0.7);
  keep_ellipsoid(v, 1.1);
  for (Aggregation a : methods) {
    const auto reference = aggregated(v.view, a, 12, false);
    for (int threads : {1, 2}) {
      tbb::global_control c(tbb::global_control::max_allowed_parallelism, std::size_t(threads));
      const auto batch = aggregated(v.view, a, 12, true);
      ASSERT_EQ(batch.size(), reference.size());
      // Bit for bit, NaN included.
      EXPECT_EQ(std::memcmp(batch.data(), reference.data(), batch.size() * sizeof(double)), 0)
          << "method " << int(a) << " threads " << threads;
    }
  }
}

}  // namespace
}  // namespace voxfeat::test
