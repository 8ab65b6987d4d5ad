#pragma once
// IBSI 1 intensity-based statistical features (UHIW, section 3.3) of the intensities in the ROI intensity mask.
#include <cmath>
#include <optional>
#include <span>

#include "intensity/first_order.hpp"

namespace voxfeat::kernels {

struct IntensityStatistics {
  FirstOrderFeatures first_order;  ///< the 16 features shared with the intensity histogram
  double energy = NAN;             ///< N8CA: Σ x²
  double root_mean_square = NAN;   ///< 5ZWQ: √(Σ x² / N)
};

/// `sorted` holds the ROI intensities in ascending order. O(N). Every field NaN for an empty ROI; a single-voxel or
/// flat ROI gives variance, skewness, kurtosis and all deviations 0 (skewness and kurtosis by the manual's rule).
IntensityStatistics intensity_statistics(std::span<const double> sorted);

/// The same features from the intensities in any order, without a sort, when every intensity is an integer and
/// they span at most 2N + 65536 values (CT in HU; images rounded to integers after interpolation, as IBSI does): a
/// counting pass gives the sorted sample run-length encoded, in O(N + range). nullopt otherwise (the caller then
/// uses the sorted intensities). Differs from intensity_statistics only by summation order (~1e-15 relative).
std::optional<IntensityStatistics> intensity_statistics_counting(std::span<const double> intensities);

}  // namespace voxfeat::kernels
