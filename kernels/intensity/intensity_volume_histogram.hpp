#pragma once
// IBSI 1 intensity-volume histogram (P88C, section 3.5) of the intensities in the ROI intensity mask, for the
// manual's three cases of intensity discretisation.
#include <cmath>
#include <span>

#include "intensity/ivh_formulas.hpp"

namespace voxfeat::kernels {

enum class IvhDiscretisation {
  none,              ///< discrete calibrated intensities (CT): X_d,gl = X_gl, G = [range_min, range_max], w_d = bin_size
  fixed_bin_size,    ///< continuous calibrated (PET): bin centres X_min + (X_d − 0.5) w_b, G = [X_min + w_b/2, X_max − w_b/2]
  fixed_bin_number,  ///< arbitrary units (MR): X_d = 1..N_g from [X_min, X_max], G = [1, N_g], w_d = 1
};

struct IvhSettings {
  IvhDiscretisation discretisation = IvhDiscretisation::none;
  double bin_size = 1.0;   ///< w_d (none) or w_b (fixed_bin_size)
  int bin_number = 1000;   ///< N_g (fixed_bin_number)
  /// The intensity range [X_min, X_max]: G itself for `none`, the re-segmentation range for fixed_bin_size, the
  /// FBN range for fixed_bin_number. NaN: the ROI minimum / maximum.
  double range_min = NAN;
  double range_max = NAN;
};

/// At most this many IVH levels (8 bytes each); a range / bin size asking for more is refused.
inline constexpr int ivh_max_levels = 10'000'000;

/// The levels at which the IVH is evaluated for ROI intensities in [roi_min, roi_max].
/// Throws std::invalid_argument for bin_size ≤ 0, bin_number < 1, range_max < range_min or too many levels.
IvhGrid ivh_grid(const IvhSettings& settings, double roi_min, double roi_max);

/// Features of the ROI intensities (any order). O(N + L) for L levels. All NaN for an empty ROI. Throws as ivh_grid.
IvhFeatures intensity_volume_histogram(std::span<const double> intensities, const IvhSettings& settings);

}  // namespace voxfeat::kernels
