#include "extraction/mask_correction.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "io/grid_index_map.hpp"
#include "io/itk_resample.hpp"
#include "processing/roi_box.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::detail {

Volume<std::uint8_t> correct_mask(const Volume<std::uint8_t>& mask, const Geometry& image_grid,
                                  const std::string& mask_name) {
  const IndexBox box = bounding_box(mask);
  const Geometry& m = mask.geometry();
  const io::GridIndexMap image_index(image_grid);
  // The box's outer corners (voxel edges), as _checkROI compares them with the image's edges.
  const Vec3 low = image_index.continuous_index(
      m.index_to_physical(double(box.lo[0]) - 0.5, double(box.lo[1]) - 0.5, double(box.lo[2]) - 0.5));
  const Vec3 high = image_index.continuous_index(
      m.index_to_physical(double(box.hi[0]) - 0.5, double(box.hi[1]) - 0.5, double(box.hi[2]) - 0.5));
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
