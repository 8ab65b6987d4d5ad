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

/// Sets to 0 every voxel outside the ellipsoid inscribed in the volume (scaled by `radius`): a tumour-like ROI with
/// long zero margins at both ends of the x rows and rows without any ROI voxel, as in a real cropped ROI box.
inline void keep_ellipsoid(LevelVolume& v, double radius = 0.9) {
  const auto& e = v.view.extent;
  std::size_t i = 0;
  for (std::size_t z = 0; z < e[2]; ++z)
    for (std::size_t y = 0; y < e[1]; ++y)
      for (std::size_t x = 0; x < e[0]; ++x, ++i) {
        double r2 = 0.0;
        const std::size_t c[3] = {x, y, z};
        for (int a = 0; a < 3; ++a) {
          const double h = 0.5 * double(e[a]);
          const double u = (double(c[a]) + 0.5 - h) / (radius * h);
          r2 += u * u;
        }
        if (r2 > 1.0) v.data[i] = 0;
      }
}

}  // namespace voxfeat::test
