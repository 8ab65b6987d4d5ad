#pragma once
// IBSI 1 intensity discretisation (manual section 2.7), one formula for CPU and GPU.
#include <cmath>

#include "common/hd.hpp"

namespace voxfeat::kernels {

/// Fixed bin number (IBSI 2.7, "fixed bin number"): X_d = floor(Ng (X − X_min) / (X_max − X_min)) + 1, and
/// X_d = Ng for X = X_max. A flat ROI (X_max == X_min) is one level.
VOXFEAT_HD inline int discretise_fixed_bin_number(double x, double x_min, double x_max, int bin_number) {
  if (!(x_max > x_min)) return 1;
  const int level = int(floor(double(bin_number) * (x - x_min) / (x_max - x_min))) + 1;
  return level > bin_number ? bin_number : (level < 1 ? 1 : level);
}

/// Fixed bin size (IBSI 2.7, "fixed bin size"): X_d = floor((X − X_min) / w_b) + 1, where X_min is the lower bound
/// of the re-segmentation range (or the ROI minimum when there is none). Values below X_min give level 1.
VOXFEAT_HD inline int discretise_fixed_bin_size(double x, double x_min, double bin_width) {
  const int level = int(floor((x - x_min) / bin_width)) + 1;
  return level < 1 ? 1 : level;
}

/// Number of levels a fixed bin size gives for intensities in [x_min, x_max].
VOXFEAT_HD inline int fixed_bin_size_level_count(double x_min, double x_max, double bin_width) {
  return discretise_fixed_bin_size(x_max, x_min, bin_width);
}

}  // namespace voxfeat::kernels
