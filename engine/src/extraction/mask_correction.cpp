#include "extraction/mask_correction.hpp"

#include <fmt/format.h>

#include "io/itk_resample.hpp"
#include "processing/roi_box.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::detail {
namespace {

/// Continuous index of a physical point on a grid (direction cosines orthonormal, as ITK requires).
Vec3 physical_to_index(const Geometry& g, const Vec3& p) {
  const Vec3 d{p[0] - g.origin[0], p[1] - g.origin[1], p[2] - g.origin[2]};
  Vec3 index{};
  for (int a = 0; a < 3; ++a)
    index[a] = (g.direction[a] * d[0] + g.direction[3 + a] * d[1] + g.direction[6 + a] * d[2]) / g.spacing[a];
  return index;
}

}  // namespace

Volume<std::uint8_t> correct_mask(const Volume<std::uint8_t>& mask, const Geometry& image_grid,
                                  const std::string& mask_name) {
  const IndexBox box = bounding_box(mask);
  const Geometry& m = mask.geometry();
  // The box's outer corners (voxel edges), as _checkROI compares them with the image's edges.
  const Vec3 low = physical_to_index(
      image_grid, m.index_to_physical(double(box.lo[0]) - 0.5, double(box.lo[1]) - 0.5, double(box.lo[2]) - 0.5));
  const Vec3 high = physical_to_index(
      image_grid, m.index_to_physical(double(box.hi[0]) - 0.5, double(box.hi[1]) - 0.5, double(box.hi[2]) - 0.5));
  constexpr double tolerance = 1e-3;
  for (int a = 0; a < 3; ++a) {
    const double lo = std::min(low[a], high[a]), hi = std::max(low[a], high[a]);
    if (lo < -0.5 - tolerance || hi > double(image_grid.size[a]) - 0.5 + tolerance)
      throw InputError(fmt::format("{}: the ROI reaches outside the image along axis {} (image voxels {:.3f} to "
                                   "{:.3f} of 0 to {}), so the mask cannot be corrected onto the image's grid",
                                   mask_name, a, lo + 0.5, hi + 0.5, image_grid.size[a]));
  }
  return io::resample_mask_with_itk(mask, image_grid);
}

}  // namespace voxfeat::detail
