#include "pyradiomics/padded_roi.hpp"

#include <algorithm>

namespace voxfeat::kernels::pyradiomics {

PaddedRoi padded_roi(const View3<std::uint8_t>& mask) {
  PaddedRoi roi;
  roi.spacing = mask.spacing;
  std::array<std::size_t, 3> lo{mask.extent}, hi{0, 0, 0};
  for (std::size_t z = 0; z < mask.extent[2]; ++z)
    for (std::size_t y = 0; y < mask.extent[1]; ++y)
      for (std::size_t x = 0; x < mask.extent[0]; ++x) {
        if (!mask(x, y, z)) continue;
        ++roi.voxel_count;
        lo[0] = std::min(lo[0], x), lo[1] = std::min(lo[1], y), lo[2] = std::min(lo[2], z);
        hi[0] = std::max(hi[0], x + 1), hi[1] = std::max(hi[1], y + 1), hi[2] = std::max(hi[2], z + 1);
      }
  if (roi.empty()) return roi;
  for (std::size_t a = 0; a < 3; ++a) roi.extent[a] = hi[a] - lo[a] + 2;
  roi.inside.assign(roi.extent[0] * roi.extent[1] * roi.extent[2], 0);
  const View3<std::uint8_t> padded = roi.view();
  for (std::size_t z = lo[2]; z < hi[2]; ++z)
    for (std::size_t y = lo[1]; y < hi[1]; ++y)
      for (std::size_t x = lo[0]; x < hi[0]; ++x)
        roi.inside[padded.index(x - lo[0] + 1, y - lo[1] + 1, z - lo[2] + 1)] = mask(x, y, z) ? 1 : 0;
  return roi;
}

}  // namespace voxfeat::kernels::pyradiomics
