#pragma once
// The IBSI 1 interpolation grid ("align grid centres", manual section 2.4, UMPJ/026Q/QCY4): n_b = ceil(n_a s_a / s_b)
// points per axis, centred on the original grid. Each target axis is an affine map from target index to continuous
// source index, so the grid stays axis-aligned with the source and a sub-box of it is just another start.
#include <array>
#include <cstddef>

namespace voxfeat::kernels {

/// Target index i sits at continuous source index start + i·step along one axis.
struct AxisMap {
  std::size_t size = 0;
  double start = 0.0;
  double step = 1.0;
  bool identity = false;  ///< the axis is not resampled (in-plane interpolation): target i is source start + i
};

using GridMap = std::array<AxisMap, 3>;

/// The IBSI grid of a source of `size` voxels at `spacing` mm, for a target `target_spacing`. `resample_axis[a]`
/// false keeps axis a as it is (2D, in-plane interpolation resamples x and y only). Throws std::invalid_argument on
/// a non-positive spacing.
GridMap ibsi_interpolation_grid(const std::array<std::size_t, 3>& size, const std::array<double, 3>& spacing,
                                const std::array<double, 3>& target_spacing, std::array<bool, 3> resample_axis);

/// The grid that resamples nothing: target = source.
GridMap identity_grid(const std::array<std::size_t, 3>& size);

/// The part of `grid` in the target index box [lo, hi).
GridMap sub_grid(const GridMap& grid, const std::array<std::size_t, 3>& lo, const std::array<std::size_t, 3>& hi);

/// The same target points in a source cropped to start at source index `source_lo`.
GridMap relative_to_crop(const GridMap& grid, const std::array<std::size_t, 3>& source_lo);

}  // namespace voxfeat::kernels
