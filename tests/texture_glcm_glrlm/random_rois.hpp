#pragma once
// Seeded random level volumes for the GLCM/GLRLM tests: a blob-shaped ROI (level 0 outside) with spatially
// correlated levels, so that runs and co-occurrences are not all of length one.
#include <cstdint>
#include <random>
#include <vector>

#include "common/views.hpp"

namespace voxfeat::test {

struct LevelVolume {
  std::vector<std::int32_t> data;
  kernels::View3<std::int32_t> view;
};

/// ex × ey × ez voxels; about `fill` of them in the ROI; levels 1..ng, runs of equal level kept with probability
/// `keep` along x.
inline LevelVolume random_levels(std::size_t ex, std::size_t ey, std::size_t ez, int ng, std::uint32_t seed,
                                 double fill = 0.8, double keep = 0.5) {
  LevelVolume v;
  v.data.assign(ex * ey * ez, 0);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::uniform_int_distribution<int> level(1, ng);
  int previous = level(rng);
  for (auto& x : v.data) {
    if (u(rng) >= keep) previous = level(rng);
    x = u(rng) < fill ? previous : 0;
  }
  v.view = {v.data.data(), {ex, ey, ez}, {1.0, 1.0, 1.0}};
  return v;
}

}  // namespace voxfeat::test
