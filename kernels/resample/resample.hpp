#pragma once
// Resampling of an image or a mask onto an interpolation grid (IBSI 1 section 2.4), on the CPU with TBB. Outside
// the source grid the boundary value is used ("nearest value" padding, as the manual recommends).
#include <cstdint>

#include "common/views.hpp"
#include "resample/interpolation_grid.hpp"

namespace voxfeat::kernels {

enum class Interpolator { nearest, linear, cubic_spline };

/// Writes the image's intensities at the grid's points into `out` (grid[0].size × grid[1].size × grid[2].size
/// values, x fastest). `cubic_spline` computes B-spline coefficients of the whole `source` first, so crop the source
/// no closer than interpolation_support() voxels to the region the grid covers. When `round_to_integer`, results
/// are rounded to the nearest integer (IBSI 68QD, e.g. Hounsfield units). Throws std::invalid_argument on an empty
/// source.
void resample_image(const View3<float>& source, const GridMap& grid, Interpolator how, bool round_to_integer,
                    float* out);

/// A mask on the grid's points: `nearest` copies the nearest voxel; `linear` interpolates the 0/1 mask and keeps
/// points whose fraction is >= `partial_volume_threshold` (IBSI E8H9). cubic_spline is refused.
void resample_mask(const View3<std::uint8_t>& source, const GridMap& grid, Interpolator how,
                   double partial_volume_threshold, std::uint8_t* out);

/// Source voxels beyond the region a grid covers that an interpolator reads. The spline's includes the decay of its
/// prefilter (|pole|^18 = 2e-11): coefficients there match whole-image ones to 1e-10 of the intensity range.
inline constexpr int interpolation_support(Interpolator how) {
  return how == Interpolator::cubic_spline ? 18 : 1;
}

}  // namespace voxfeat::kernels
