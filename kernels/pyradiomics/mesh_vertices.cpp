#include "pyradiomics/mesh_vertices.hpp"

namespace voxfeat::kernels::pyradiomics {

std::vector<HalfIndex> crossing_midpoints(const PaddedRoi& roi, std::array<bool, 3> axes) {
  std::vector<HalfIndex> points;
  if (roi.empty()) return points;
  const View3<std::uint8_t> v = roi.view();
  const auto& e = v.extent;
  const std::array<std::size_t, 3> stride{1, e[0], e[0] * e[1]};
  for (std::size_t z = 0; z < e[2]; ++z)
    for (std::size_t y = 0; y < e[1]; ++y)
      for (std::size_t x = 0; x < e[0]; ++x) {
        const std::array<std::size_t, 3> at{x, y, z};
        const std::size_t i = v.index(x, y, z);
        for (std::size_t a = 0; a < 3; ++a) {
          if (!axes[a] || at[a] + 1 == e[a] || v.data[i] == v.data[i + stride[a]]) continue;
          HalfIndex p{std::int32_t(2 * x), std::int32_t(2 * y), std::int32_t(2 * z)};
          ++p[a];
          points.push_back(p);
        }
      }
  return points;
}

}  // namespace voxfeat::kernels::pyradiomics
