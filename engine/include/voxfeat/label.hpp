#pragma once
// Which voxels of a mask form the ROI: one label value, or every non-zero voxel.
#include <cmath>
#include <string>

namespace voxfeat {

struct LabelSelector {
  bool any_nonzero = true;  ///< true: every voxel whose mask value is not 0
  long long value = 1;      ///< the label when any_nonzero is false

  [[nodiscard]] bool matches(double mask_value) const {
    // Masks are often stored as float; a label matches after rounding to the nearest integer.
    const double rounded = std::nearbyint(mask_value);
    return any_nonzero ? rounded != 0.0 : rounded == double(value);
  }
  [[nodiscard]] std::string describe() const { return any_nonzero ? "nonzero" : std::to_string(value); }
  /// Parses "nonzero" or an integer; throws ConfigError naming `where` otherwise.
  static LabelSelector parse(const std::string& text, const std::string& where);
};

}  // namespace voxfeat
