#include "extraction/geometry_check.hpp"

#include <cmath>

#include <fmt/format.h>

#include "voxfeat/error.hpp"

namespace voxfeat::detail {

std::string grid_mismatch(const Geometry& image, const Geometry& mask, double tolerance) {
  if (image.size != mask.size)
    return fmt::format("size {}x{}x{} vs {}x{}x{}", image.size[0], image.size[1], image.size[2], mask.size[0],
                       mask.size[1], mask.size[2]);
  for (int a = 0; a < 3; ++a) {
    const double allowed = tolerance * image.spacing[a];
    if (std::abs(image.spacing[a] - mask.spacing[a]) > allowed)
      return fmt::format("spacing along axis {}: {} mm vs {} mm", a, image.spacing[a], mask.spacing[a]);
    if (std::abs(image.origin[a] - mask.origin[a]) > allowed)
      return fmt::format("origin along axis {}: {} mm vs {} mm", a, image.origin[a], mask.origin[a]);
  }
  for (int i = 0; i < 9; ++i)
    if (std::abs(image.direction[i] - mask.direction[i]) > tolerance)
      return fmt::format("direction cosine [{}][{}]: {} vs {}", i / 3, i % 3, image.direction[i], mask.direction[i]);
  return {};
}

void check_same_grid(const Geometry& image, const Geometry& mask, double tolerance, const std::string& image_name,
                     const std::string& mask_name) {
  if (const std::string what = grid_mismatch(image, mask, tolerance); !what.empty())
    throw InputError(fmt::format("image/mask geometry mismatch: {} (image {}, mask {})", what, image_name, mask_name));
}

}  // namespace voxfeat::detail
