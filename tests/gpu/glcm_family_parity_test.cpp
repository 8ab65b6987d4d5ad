// Family-level parity of "glcm" (plugins/glcm/compute.cpp): compute_cuda, whose matrices the GPU counts
// (cuda/glcm.hpp), gives exactly compute_cpu's features for every aggregation method, distance and symmetry on seeded
// ROIs (the matrices are bit-identical and the features come from the same CPU formulas). Skips without a GPU.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "glcm/compute.hpp"
#include "gpu_test_support.hpp"
#include "levels_roi_context.hpp"
#include "support/texture_aggregations.hpp"
#include "texture/glcm_formulas.hpp"

namespace voxfeat::test {
namespace {

class GlcmFamilyParity : public GpuTest {};

std::vector<double> run(bool gpu, const LevelsRoiContext& roi, const ParamValues& params,
                        const AggregationSpec& aggregation, std::size_t outputs) {
  std::vector<double> out(outputs, std::nan(""));
  (gpu ? plugins::glcm::compute_cuda : plugins::glcm::compute_cpu)(roi, params, aggregation, out);
  return out;
}

TEST_F(GlcmFamilyParity, EveryAggregationDistanceAndSymmetryEqualsTheCpu) {
  const LevelRecipe recipes[] = {
      {{40, 33, 17}, 3, 32, 0.7, false, false},   // sparse ROI, 32 levels
      {{1, 1, 1}, 4, 1, 1.0, false, false},       // a single voxel
      {{64, 48, 1}, 5, 100, 1.0, false, false},   // one slice
      {{30, 30, 30}, 6, 16, 1.0, true, true},     // hollow, skewed levels
      {{20, 20, 20}, 7, 2000, 0.9, false, false}, // many levels: the global path, or the CPU past the GPU's cap
  };
  constexpr std::size_t outputs = kernels::texture::glcm::feature_count;  // the family's outputs
  for (const auto& recipe : recipes) {
    const RandomLevels levels = make_levels(recipe);
    ExecutionContext execution;
    execution.backend = Backend::cuda;
    const LevelsRoiContext roi(levels, int(recipe.ng), execution);
    for (const char* distance : {"1", "2"})
      for (const char* symmetric : {"true", "false"}) {
        const ParamValues params({{"distance", distance}, {"symmetric", symmetric}});
        for (const auto& aggregation : plugins::directional_aggregations()) {
          const auto cpu = run(false, roi, params, aggregation, outputs);
          const auto gpu = run(true, roi, params, aggregation, outputs);
          for (std::size_t f = 0; f < outputs; ++f) {
            if (std::isnan(cpu[f])) {
              EXPECT_TRUE(std::isnan(gpu[f])) << aggregation.name << " feature " << f;
            } else {
              EXPECT_EQ(gpu[f], cpu[f]) << aggregation.name << " feature " << f << " ng " << recipe.ng
                                        << " distance " << distance << " symmetric " << symmetric;
            }
          }
        }
      }
  }
}

}  // namespace
}  // namespace voxfeat::test
