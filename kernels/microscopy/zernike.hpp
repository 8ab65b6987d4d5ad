#pragma once
// Zernike moment magnitudes of one 2D object: |A_nm| for 0 ≤ m ≤ n ≤ max_order, n − m even (30 values for the
// default order 9), as mahotas.features.zernike_moments defines them (features/zernike.py and
// _zernike.cpp, Teague 1980):
//
//   centre   (r̄, c̄) = Σ w·(r, c) / Σ w over the object's pixels (the weighted centroid, local coordinates)
//   radius   R: largest_distance (default): max over the object's pixels of √((r − r̄)² + (c − c̄)²), so every
//            pixel is in the disc; bounding_box_side: min(bbox rows, bbox cols) (Nyxus' choice); fixed: given
//   disc     a pixel counts when (r − r̄)² + (c − c̄)² ≤ R² and w > 0 (mahotas keeps pixels with im > 0)
//   position x = (c − c̄)/R, y = (r − r̄)/R, ρ = √(x² + y²), θ = atan2(y, x)
//   moment   A_nm = (n + 1)/π · Σ_disc w·R_nm(ρ)·e^{−imθ} / Σ_disc w
//            R_nm(ρ) = Σ_{s=0}^{(n−m)/2} (−1)^s (n − s)! / (s! ((n+m)/2 − s)! ((n−m)/2 − s)!) ρ^{n−2s}
//   output   |A_nm|, in the order n ascending, then m ascending (zernike_formulas.hpp: zernike_index)
//
// Weights: shape (w = 1 on every pixel: mahotas given the object's binary mask, and Nyxus built with
// ZERNIKE_OF_BINARY) or intensity (w = the pixel's intensity: Nyxus' default, and mahotas given the intensity image
// cut to the object). The centre follows the weights, as in both tools.
// Differences from the tools, all outside the default settings' common cases:
//   - mahotas has no default radius (it is an argument); largest_distance is ours. mahotas tests ρ ≤ 1 after
//     scaling, where rounding may drop the farthest pixel; the unscaled test above keeps it.
//   - Nyxus divides by Σ w over the whole object, mahotas (and we) over the disc: the same with largest_distance.
//     Nyxus skips a pixel that lies exactly on the centre (ρ < DBL_EPSILON); mahotas and we count it, with
//     R_n0(0) = (−1)^{n/2} for m = 0 and 0 for m > 0.
//   - Negative intensities: mahotas and we ignore pixels with w ≤ 0 in the sums (they still move the centre and
//     count for the radius); Nyxus reads unsigned intensities.
// A single pixel has R = 0 under largest_distance; it is the centre, so |A_n0| = (n + 1)/π and every m > 0 is 0
// (what mahotas gives for it with any positive radius). No weight in the disc (zero total intensity, a fixed radius
// that reaches no pixel) gives NaN. Magnitudes do not depend on which axis is x (a swap of rows and columns only
// conjugates and rotates the phases), nor on translation, nor, up to the lattice, on rotation.
#include <span>
#include <string>
#include <vector>

#include "microscopy/object_pixels.hpp"
#include "microscopy/plane_view.hpp"
#include "microscopy/zernike_formulas.hpp"

namespace voxfeat::kernels::microscopy {

struct ZernikeOptions {
  int max_order = 9;  ///< 0..kZernikeOrderLimit
  ZernikeRadius radius = ZernikeRadius::largest_distance;  ///< zernike_formulas.hpp
  double fixed_radius = 0.0;  ///< pixels, > 0; only with ZernikeRadius::fixed
};

struct ZernikeMoments {
  std::vector<double> magnitude;  ///< |A_nm| at zernike_index(n, m), zernike_pair_count(max_order) values
  double radius = 0.0;            ///< R, pixels
  double centre_row = 0.0;        ///< (r̄, c̄), local coordinates (relative to the bounding box)
  double centre_col = 0.0;
};

/// Throws std::invalid_argument for a max_order outside 0..kZernikeOrderLimit or a fixed radius that is not a
/// positive finite number.
void check_zernike_options(const ZernikeOptions& options);

/// Shape weights (every pixel 1).
ZernikeMoments shape_zernike(const BoundingBox& bbox, std::span<const RowRun> runs, const ZernikeOptions& options = {});

/// Intensity weights, centre at the intensity-weighted centroid.
ZernikeMoments intensity_zernike(const BoundingBox& bbox, std::span<const RowRun> runs,
                                 const PlaneView<float>& intensity, const ZernikeOptions& options = {});

/// The column name of |A_nm|: "zernike_<n>_<m>" (intensity weights: "zernike_weighted_<n>_<m>", as skimage names
/// its intensity-weighted moments).
std::string zernike_column_name(ZernikePair pair, bool intensity_weighted = false);

}  // namespace voxfeat::kernels::microscopy
