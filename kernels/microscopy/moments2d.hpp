#pragma once
// Moments of order ≤ 3 of one object, unweighted (its shape) or weighted by intensity, in scikit-image
// regionprops' conventions: local coordinates r = row − bbox.row_begin, c = col − bbox.col_begin (moments of the
// bounding-box crop), index [i][j] = Σ r^i c^j.
#include <array>
#include <span>

#include "microscopy/moment_formulas.hpp"
#include "microscopy/object_pixels.hpp"
#include "microscopy/plane_view.hpp"
#include "microscopy/run_moment_sums.hpp"

namespace voxfeat::kernels::microscopy {

struct ObjectMoments {
  MomentTable raw{};         ///< skimage `moments` / `moments_weighted`
  MomentTable central{};     ///< about the centroid below: `moments_central` / `moments_weighted_central`
  MomentTable normalised{};  ///< `moments_normalized` / `moments_weighted_normalized` (NaN for i + j < 2)
  std::array<double, 7> hu{};  ///< `moments_hu` / `moments_weighted_hu`
  double centroid_row = 0.0;   ///< local: raw[1][0] / raw[0][0] (`centroid_local` / `centroid_weighted_local`)
  double centroid_col = 0.0;
};

/// Unweighted moments. The raw moments are the exact integer sums, each rounded once (exact for objects whose
/// bounding box has at most kExactMomentMaxBoxPixels pixels), so that every order of summation (the GPU's
/// included) gives the same doubles. The central moments μ00, μ10, μ01 are exact (n, 0, 0) and the second-order
/// ones μ20, μ11, μ02 are correctly rounded from exact integer sums (μ20 = (n·Σr² − (Σr)²) / n), so that an object
/// symmetric under a swap of rows and columns has μ20 == μ02 exactly: orientation tests that equality. The others
/// are summed about the centroid in double (from raw moments they would cancel badly). A larger bounding box
/// (over 46340² pixels) is summed in double throughout, its second-order central moments included.
ObjectMoments shape_moments(const BoundingBox& bbox, std::span<const RowRun> runs);

/// Moments weighted by the intensity of each pixel, as double; central moments about the weighted centroid
/// (μ10 = μ01 = 0 exactly, their value by definition). A zero total intensity gives NaN centroid and moments.
ObjectMoments intensity_moments(const BoundingBox& bbox, std::span<const RowRun> runs,
                                const PlaneView<float>& intensity);

/// Σ r^i c^j over the object's pixels, exactly (local coordinates), for a bounding box of at most
/// kExactMomentMaxBoxPixels pixels.
ExactMomentTable exact_shape_sums(const BoundingBox& bbox, std::span<const RowRun> runs);

/// The last step of shape_moments, shared with the GPU (cuda/microscopy_moments.hpp): from the exact raw sums and
/// the sums Σ (r − r̄)^i (c − c̄)^j about the centroid r̄ = M10/M00, c̄ = M01/M00 (add_run_moments), the whole set.
ObjectMoments finish_shape_moments(const ExactMomentTable& raw, const MomentTable& central_sums);

/// The last step of intensity_moments, shared with the GPU: from the weighted raw sums and the weighted sums about
/// the weighted centroid, the whole set.
ObjectMoments finish_intensity_moments(const MomentTable& raw, const MomentTable& central_sums);

}  // namespace voxfeat::kernels::microscopy
