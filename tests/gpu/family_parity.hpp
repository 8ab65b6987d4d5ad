#pragma once
// Family-level CPU/GPU parity (tests/gpu/<family>_family_parity_test.cpp, required for every family that declares
// a CUDA function: tests/layout/gpu_parity_registry_test.cpp): a family's compute_cpu and compute_cuda on the same
// seeded grey-level ROIs, for every aggregation method and parameter set, feature by feature.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "gpu_test_support.hpp"
#include "levels_roi_context.hpp"
#include "voxfeat/family.hpp"

namespace voxfeat::test {

using ComputeFn = void (*)(const RoiContext&, const ParamValues&, const AggregationSpec&, std::span<double>);

/// EXPECTs that `gpu` gives `cpu`'s values (NaN where the CPU's is NaN) within `relative` (0: bit for bit), with an
/// absolute floor of 1e-12 for features that are 0 on the CPU (the texture features are O(1e-3) to O(1e6): the floor
/// is below any digit they carry), on each
/// ROI of `recipes` (levels 1..ng), each parameter set and each aggregation, under the `--gpu-memory` budget
/// `gpu_memory_bytes` (0: none).
inline void expect_family_parity(ComputeFn cpu, ComputeFn gpu, std::size_t outputs,
                                 const std::vector<AggregationSpec>& aggregations,
                                 std::initializer_list<std::map<std::string, std::string>> parameter_sets,
                                 std::initializer_list<LevelRecipe> recipes, double relative = 0.0,
                                 std::size_t gpu_memory_bytes = 0) {
  for (const LevelRecipe& recipe : recipes) {
    const RandomLevels levels = make_levels(recipe);
    ExecutionContext execution;
    execution.backend = Backend::cuda;
    execution.gpu_memory_bytes = gpu_memory_bytes;
    const LevelsRoiContext roi(levels, int(recipe.ng), execution);
    for (const auto& values : parameter_sets) {
      const ParamValues params(values);
      for (const auto& aggregation : aggregations) {
        std::vector<double> c(outputs, std::nan("")), g(outputs, std::nan(""));
        cpu(roi, params, aggregation, c);
        gpu(roi, params, aggregation, g);
        for (std::size_t f = 0; f < outputs; ++f) {
          const std::string where = aggregation.name + ", feature " + std::to_string(f) + ", ng " +
                                    std::to_string(recipe.ng) + ", seed " + std::to_string(recipe.seed);
          if (std::isnan(c[f])) {
            EXPECT_TRUE(std::isnan(g[f])) << where;
          } else if (relative == 0.0) {
            EXPECT_EQ(g[f], c[f]) << where;
          } else {
            EXPECT_NEAR(g[f], c[f], std::max(1e-12, relative * std::fabs(c[f]))) << where;
          }
        }
      }
    }
  }
}

/// ROIs every family's parity test runs on: sparse, a single voxel, one slice, hollow with skewed levels, many levels.
inline std::initializer_list<LevelRecipe> parity_recipes() {
  static const std::initializer_list<LevelRecipe> recipes = {
      {{40, 33, 17}, 3, 32, 0.7, false, false},
      {{1, 1, 1}, 4, 1, 1.0, false, false},
      {{64, 48, 1}, 5, 100, 1.0, false, false},
      {{30, 30, 30}, 6, 16, 1.0, true, true},
      {{20, 20, 20}, 7, 2000, 0.9, false, false},
  };
  return recipes;
}

}  // namespace voxfeat::test
