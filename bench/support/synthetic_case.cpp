#include "support/synthetic_case.hpp"

#include <cmath>
#include <map>
#include <mutex>

#include "demo/synthetic_ct.hpp"

namespace voxfeat::bench {

const Case& synthetic_case(std::int64_t roi_voxels) {
  static std::map<std::int64_t, Case> cache;
  static std::mutex mutex;
  const std::lock_guard lock(mutex);
  if (const auto it = cache.find(roi_voxels); it != cache.end()) return it->second;
  detail::SyntheticCtSpec spec;
  spec.size = roi_voxels > 600000 ? Index3{320, 320, 192} : Index3{256, 256, 128};  // 2M voxels need a larger FOV
  // Sphere radius (mm) whose voxelisation at 1×1×2 mm holds about `roi_voxels` voxels.
  const double r = std::cbrt(double(roi_voxels) * 2.0 * 3.0 / (4.0 * M_PI));
  spec.radii_mm = {r, r, r};
  spec.seed = 42;
  const auto ct = detail::make_synthetic_ct(spec);
  Case c;
  c.image = Volume<float>(ct.image.geometry());
  for (std::size_t i = 0; i < ct.image.voxel_count(); ++i) c.image.data()[i] = float(ct.image.data()[i]);
  c.mask = ct.mask;
  for (auto v : c.mask.values()) c.roi_voxels += v;
  return cache.emplace(roi_voxels, std::move(c)).first->second;
}

}  // namespace voxfeat::bench
