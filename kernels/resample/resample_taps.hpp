#pragma once
// The host-side preparation of a separable resampling, shared by the CPU resampler (resample.cpp) and the GPU one
// (cuda/resample.cu) so that both read the same source voxels with the same weights: per-axis tap tables and, for
// the cubic spline, the B-spline coefficients of the nearest-value-padded source.
#include <array>
#include <cstddef>
#include <vector>

#include "common/views.hpp"
#include "resample/interpolation_grid.hpp"
#include "resample/resample.hpp"

namespace voxfeat::kernels {

/// Per target index along one axis: k clamped source indices and their weights (index[i · k + j], weight[i · k + j]).
struct AxisTaps {
  int k = 1;
  std::vector<std::size_t> index;
  std::vector<double> weight;
};

/// The taps of every target index of `axis` in a source axis of `source_size` voxels: one (the nearest voxel) for
/// `nearest` and for identity axes, two for `linear`, four for `cubic_spline`; indices clamped into the source.
AxisTaps axis_taps(const AxisMap& axis, std::size_t source_size, Interpolator how);

std::array<AxisTaps, 3> grid_taps(const GridMap& grid, const std::array<std::size_t, 3>& source_size,
                                  Interpolator how);

/// Whether the resamplers take these taps per axis: all axes alike, or x and y alike with z not resampled (kz = 1).
constexpr bool supported_tap_counts(int kx, int ky, int kz) { return kx == ky && (kz == kx || kz == 1); }

/// What the cubic spline interpolates: the B-spline coefficients of the source padded with copies of its boundary
/// voxels along the resampled axes, and the grid in the padded index space (same target sizes).
struct SplineCoefficients {
  std::vector<double> values;
  std::array<std::size_t, 3> extent{0, 0, 0};
  GridMap grid;
};

/// Throws std::invalid_argument on an empty source.
SplineCoefficients spline_coefficients(const View3<float>& source, const GridMap& grid);

}  // namespace voxfeat::kernels
