#include "extraction/geometry_check.hpp"

#include <cmath>

#include <fmt/format.h>

#include "voxfeat/error.hpp"

namespace voxfeat::detail {

void check_same_grid(const Geometry& image, const Geometry& mask, double tolerance, const std::string& image_name,
                     const std::string& mask_name) {
  const auto fail = [&](const std::string& what) {
    throw InputError(fmt::format("image/mask geometry mismatch: {} (image {}, mask {})", what, image_name, mask_name));
  };
  if (image.size != mask.size)
    fail(fmt::format("size {}x{}x{} vs {}x{}x{}", image.size[0], image.size[1], image.size[2], mask.size[0],
                     mask.size[1], mask.size[2]));
  for (int a = 0; a < 3; ++a) {
    const double allowed = tolerance * image.spacing[a];
    if (std::abs(image.spacing[a] - mask.spacing[a]) > allowed)
      fail(fmt::format("spacing along axis {}: {} mm vs {} mm", a, image.spacing[a], mask.spacing[a]));
    if (std::abs(image.origin[a] - mask.origin[a]) > allowed)
      fail(fmt::format("origin along axis {}: {} mm vs {} mm", a, image.origin[a], mask.origin[a]));
  }
  for (int i = 0; i < 9; ++i)
    if (std::abs(image.direction[i] - mask.direction[i]) > tolerance)
      fail(fmt::format("direction cosine [{}][{}]: {} vs {}", i / 3, i % 3, image.direction[i], mask.direction[i]));
}

}  // namespace voxfeat::detail
