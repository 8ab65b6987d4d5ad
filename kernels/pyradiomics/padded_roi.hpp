#pragma once
// The mask as PyRadiomics' shape classes see it: cropped to the ROI's bounding box (featureextractor.computeShape →
// imageoperations.cropToTumorMask, no padDistance) and padded with one voxel of zeros on every side (shape.py,
// shape2D.py). Mesh vertices are placed from this padded grid's first voxel, so that the sums PyRadiomics makes
// (signed volumes, signed areas) are reproduced from the same origin.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/views.hpp"

namespace voxfeat::kernels::pyradiomics {

struct PaddedRoi {
  std::vector<std::uint8_t> inside;            ///< 1 = ROI, 0 elsewhere; x fastest
  std::array<std::size_t, 3> extent{0, 0, 0};  ///< bounding box + 2 along x, y, z; all 0 for an empty mask
  std::array<double, 3> spacing{1.0, 1.0, 1.0};
  std::size_t voxel_count = 0;  ///< ROI voxels ("Np")

  [[nodiscard]] bool empty() const { return voxel_count == 0; }
  /// The bounding box's size along axis a (x = 0, y = 1, z = 2).
  [[nodiscard]] std::size_t box_size(int a) const { return empty() ? 0 : extent[std::size_t(a)] - 2; }
  [[nodiscard]] View3<std::uint8_t> view() const { return {inside.data(), extent, spacing}; }
};

/// The non-zero voxels of `mask` in their bounding box with a frame of zeros.
PaddedRoi padded_roi(const View3<std::uint8_t>& mask);

}  // namespace voxfeat::kernels::pyradiomics
