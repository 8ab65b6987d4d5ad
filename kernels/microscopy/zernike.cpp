#include "microscopy/zernike.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "microscopy/moments2d.hpp"

namespace voxfeat::kernels::microscopy {
namespace {

// The centre is moments2d's centroid (for the shape from exact integer sums; for intensity from the weighted sums
// run by run): the GPU finds the same one.
struct Centre {
  double row = 0.0;
  double col = 0.0;
};

// Σ w·conj(V_nm) over the disc for every pair, pixel by pixel in raster order; `intensity` gives the weights
// (null: the shape, every weight 1). The powers (x − iy)^m are built once per pixel by the steps conjugate_power
// takes.
ZernikeMoments accumulate(const BoundingBox& bbox, std::span<const RowRun> runs, const PlaneView<float>* intensity,
                          Centre centre, const ZernikeOptions& options) {
  check_zernike_options(options);
  const int pairs = zernike_pair_count(options.max_order);
  const auto pair_total = static_cast<std::size_t>(pairs);
  std::vector<double> coefficients(static_cast<std::size_t>(zernike_coefficient_offset(pairs)));
  fill_zernike_coefficients(options.max_order, coefficients.data());
  std::vector<int> offset(pair_total), count(pair_total);
  std::vector<ZernikePair> pair(pair_total);
  for (int k = 0; k < pairs; ++k) {
    pair[std::size_t(k)] = zernike_pair(k);
    offset[std::size_t(k)] = zernike_coefficient_offset(k);
    count[std::size_t(k)] = zernike_coefficient_count(pair[std::size_t(k)]);
  }

  double farthest = 0.0;
  for (const RowRun& run : runs)
    farthest = std::max(farthest, zernike_run_farthest(run.row - bbox.row_begin, run.col_begin - bbox.col_begin,
                                                       run.col_end - bbox.col_begin, centre.row, centre.col));
  const double squared_radius =
      zernike_squared_radius(options.radius, options.fixed_radius, bbox.rows(), bbox.cols(), farthest);
  const double scale = zernike_scale(squared_radius);

  std::vector<ZernikeComplex> sums(pair_total), powers(static_cast<std::size_t>(options.max_order) + 1);
  double weight_in_disc = 0.0;
  for (const RowRun& run : runs) {
    const double d_row = double(run.row - bbox.row_begin) - centre.row;
    for (std::int32_t col = run.col_begin; col < run.col_end; ++col) {
      const double w = intensity != nullptr ? double((*intensity)(run.row, col)) : 1.0;
      const double d_col = double(col - bbox.col_begin) - centre.col;
      if (!(w > 0.0 && zernike_squared_distance(d_row, d_col) <= squared_radius)) continue;
      const ZernikePoint p = zernike_point(d_row, d_col, scale);
      powers[0] = {1.0, 0.0};
      for (std::size_t m = 1; m < powers.size(); ++m) powers[m] = times_conjugate(powers[m - 1], p);
      for (std::size_t k = 0; k < sums.size(); ++k) {
        const ZernikeComplex term =
            zernike_term(coefficients.data() + offset[k], count[k], p, powers[std::size_t(pair[k].m)]);
        add_weighted(sums[k], w, term);
      }
      weight_in_disc += w;
    }
  }

  ZernikeMoments z;
  z.radius = std::sqrt(squared_radius);
  z.centre_row = centre.row;
  z.centre_col = centre.col;
  z.magnitude.resize(pair_total);
  for (std::size_t k = 0; k < sums.size(); ++k) z.magnitude[k] = zernike_magnitude(pair[k].n, sums[k], weight_in_disc);
  return z;
}

}  // namespace

void check_zernike_options(const ZernikeOptions& options) {
  if (options.max_order < 0 || options.max_order > kZernikeOrderLimit)
    throw std::invalid_argument("Zernike moments: max_order " + std::to_string(options.max_order) +
                                " is outside 0.." + std::to_string(kZernikeOrderLimit));
  if (options.radius == ZernikeRadius::fixed && !(std::isfinite(options.fixed_radius) && options.fixed_radius > 0.0))
    throw std::invalid_argument("Zernike moments: a fixed radius must be a positive number of pixels, not " +
                                std::to_string(options.fixed_radius));
}

ZernikeMoments shape_zernike(const BoundingBox& bbox, std::span<const RowRun> runs, const ZernikeOptions& options) {
  const ObjectMoments m = shape_moments(bbox, runs);
  return accumulate(bbox, runs, nullptr, {m.centroid_row, m.centroid_col}, options);
}

ZernikeMoments intensity_zernike(const BoundingBox& bbox, std::span<const RowRun> runs,
                                 const PlaneView<float>& intensity, const ZernikeOptions& options) {
  const ObjectMoments m = intensity_moments(bbox, runs, intensity);
  return accumulate(bbox, runs, &intensity, {m.centroid_row, m.centroid_col}, options);
}

std::string zernike_column_name(ZernikePair pair, bool intensity_weighted) {
  return std::string(intensity_weighted ? "zernike_weighted_" : "zernike_") + std::to_string(pair.n) + "_" +
         std::to_string(pair.m);
}

}  // namespace voxfeat::kernels::microscopy
