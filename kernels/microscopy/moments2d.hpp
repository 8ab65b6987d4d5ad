#pragma once
// Moments of order ≤ 3 of one object, unweighted (its shape) or weighted by intensity, in scikit-image
// regionprops' conventions: local coordinates r = row − bbox.row_begin, c = col − bbox.col_begin (moments of the
// bounding-box crop), index [i][j] = Σ r^i c^j.
#include <array>
#include <span>

#include "microscopy/moment_formulas.hpp"
#include "microscopy/object_pixels.hpp"
#include "microscopy/plane_view.hpp"

namespace voxfeat::kernels::microscopy {

struct ObjectMoments {
  MomentTable raw{};         ///< skimage `moments` / `moments_weighted`
  MomentTable central{};     ///< about the centroid below: `moments_central` / `moments_weighted_central`
  MomentTable normalised{};  ///< `moments_normalized` / `moments_weighted_normalized` (NaN for i + j < 2)
  std::array<double, 7> hu{};  ///< `moments_hu` / `moments_weighted_hu`
  double centroid_row = 0.0;   ///< local: raw[1][0] / raw[0][0] (`centroid_local` / `centroid_weighted_local`)
  double centroid_col = 0.0;
};

/// Unweighted moments. The central moments μ00, μ10, μ01 are exact (n, 0, 0) and the second-order ones
/// μ20, μ11, μ02 are correctly rounded from exact integer sums (μ20 = (n·Σr² − (Σr)²) / n), so that an object
/// symmetric under a swap of rows and columns has μ20 == μ02 exactly: orientation tests that equality.
ObjectMoments shape_moments(const BoundingBox& bbox, std::span<const RowRun> runs);

/// Moments weighted by the intensity of each pixel, as double; central moments about the weighted centroid
/// (μ10 = μ01 = 0 exactly, their value by definition). A zero total intensity gives NaN centroid and moments.
ObjectMoments intensity_moments(const BoundingBox& bbox, std::span<const RowRun> runs,
                                const PlaneView<float>& intensity);

}  // namespace voxfeat::kernels::microscopy
