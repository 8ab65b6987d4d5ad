#include <cmath>
#include <limits>
#include <vector>

#include "morphology/spatial_autocorrelation.hpp"

namespace voxfeat::kernels::morphology {

SpatialAutocorrelation spatial_autocorrelation_reference(const View3<float>& image, const View3<std::uint8_t>& mask) {
  struct Voxel {
    double x, y, z, value;
  };
  std::vector<Voxel> voxels;
  for (std::size_t k = 0; k < mask.extent[2]; ++k)
    for (std::size_t j = 0; j < mask.extent[1]; ++j)
      for (std::size_t i = 0; i < mask.extent[0]; ++i)
        if (mask(i, j, k))
          voxels.push_back({double(i) * mask.spacing[0], double(j) * mask.spacing[1], double(k) * mask.spacing[2],
                            double(image(i, j, k))});
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::size_t n = voxels.size();
  bool flat = true;
  for (const Voxel& v : voxels) flat = flat && v.value == voxels.front().value;
  if (n < 2 || flat) return {nan, nan};
  double mean = 0;
  for (const Voxel& v : voxels) mean += v.value;
  mean /= double(n);
  double variance_sum = 0;
  for (const Voxel& v : voxels) variance_sum += (v.value - mean) * (v.value - mean);

  double w_sum = 0, moran_sum = 0, geary_sum = 0;
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = 0; b < n; ++b) {
      if (a == b) continue;
      const double dx = voxels[a].x - voxels[b].x, dy = voxels[a].y - voxels[b].y, dz = voxels[a].z - voxels[b].z;
      const double w = 1.0 / std::sqrt(dx * dx + dy * dy + dz * dz);
      w_sum += w;
      moran_sum += w * (voxels[a].value - mean) * (voxels[b].value - mean);
      geary_sum += w * (voxels[a].value - voxels[b].value) * (voxels[a].value - voxels[b].value);
    }
  return {double(n) / w_sum * moran_sum / variance_sum,
          double(n - 1) / (2.0 * w_sum) * geary_sum / variance_sum};
}

}  // namespace voxfeat::kernels::morphology
