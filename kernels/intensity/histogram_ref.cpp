#include "intensity/histogram_ref.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace voxfeat::kernels {

void check_discretisation(const DiscretisationSpec& spec) {
  const auto fail = [](const std::string& what) { throw std::invalid_argument("discretisation: " + what); };
  if (!std::isfinite(spec.x_min) || !std::isfinite(spec.x_max)) {
    fail("x_min and x_max must be finite (got " + std::to_string(spec.x_min) + ", " + std::to_string(spec.x_max) +
         ")");
  }
  if (spec.x_max < spec.x_min) {
    fail("x_max " + std::to_string(spec.x_max) + " is below x_min " + std::to_string(spec.x_min));
  }
  if (spec.method == DiscretisationMethod::fixed_bin_number) {
    if (spec.bin_number < 1 || spec.bin_number > kMaxLevelCount) {
      fail("bin_number must be in 1.." + std::to_string(kMaxLevelCount) + " (got " +
           std::to_string(spec.bin_number) + ")");
    }
    return;
  }
  if (spec.method != DiscretisationMethod::fixed_bin_size) fail("unknown method");
  if (!(spec.bin_width > 0.0) || !std::isfinite(spec.bin_width)) {
    fail("bin_width must be a finite value > 0 (got " + std::to_string(spec.bin_width) + ")");
  }
  // Checked in double before the int formula runs, so that a tiny width cannot overflow it.
  if ((spec.x_max - spec.x_min) / spec.bin_width >= double(kMaxLevelCount)) {
    fail("bin_width " + std::to_string(spec.bin_width) + " over [" + std::to_string(spec.x_min) + ", " +
         std::to_string(spec.x_max) + "] gives more than " + std::to_string(kMaxLevelCount) + " levels");
  }
}

LevelHistogram level_histogram_ref(const View3<float>& image, const View3<std::uint8_t>& mask,
                                   const DiscretisationSpec& spec, std::span<std::int32_t> levels) {
  if (image.extent != mask.extent) throw std::invalid_argument("level histogram: image and mask extents differ");
  const std::size_t n = image.voxel_count();
  if (!levels.empty() && levels.size() != n) {
    throw std::invalid_argument("level histogram: level volume holds " + std::to_string(levels.size()) +
                                " voxels, the image " + std::to_string(n));
  }
  check_discretisation(spec);

  const int ng = level_count(spec);
  LevelHistogram h;
  h.counts.assign(std::size_t(ng), 0);
  for (std::size_t i = 0; i < n; ++i) {
    const bool inside = mask.data[i] != 0;
    const int level = inside ? discretise(double(image.data[i]), spec) : 0;
    if (!levels.empty()) levels[i] = level;
    if (!inside) continue;
    if (level > ng) {
      ++h.above_range;
    } else {
      ++h.counts[std::size_t(level - 1)];
    }
  }
  return h;
}

}  // namespace voxfeat::kernels
