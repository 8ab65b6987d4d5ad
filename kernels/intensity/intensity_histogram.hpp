#pragma once
// IBSI 1 intensity histogram features (ZVCW, section 3.4) of the discretised levels in the ROI intensity mask.
// Everything is computed from the histogram of levels: O(N) to count, then O(Ng).
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "common/views.hpp"
#include "intensity/first_order.hpp"
#include "intensity/histogram_formulas.hpp"

namespace voxfeat::kernels {

struct IntensityHistogramFeatures {
  FirstOrderFeatures first_order;       ///< the 16 features shared with the intensity-based statistics
  double mode = NAN;                    ///< AMMC
  double entropy = NAN;                 ///< TLU2 (bits)
  double uniformity = NAN;              ///< BJ5W
  HistogramGradientExtremes gradient;   ///< 12CE, 8E6O, VQB3, RHQZ
};

/// counts[i − 1] = voxels at level i. Levels 0 and below are the voxels outside the intensity mask and are not
/// counted. The histogram has max(level_count, highest level present) bins, so that its trailing empty levels
/// (up to Ng) take part in the gradient. Throws std::invalid_argument for a negative level.
std::vector<std::uint64_t> level_histogram(const View3<std::int32_t>& levels, int level_count);

/// Features of the dense histogram counts (levels 1..counts.size()). Every field NaN when it is empty (no voxel);
/// the gradient fields are NaN when the histogram has a single level.
IntensityHistogramFeatures intensity_histogram_features(std::span<const std::uint64_t> counts);

}  // namespace voxfeat::kernels
