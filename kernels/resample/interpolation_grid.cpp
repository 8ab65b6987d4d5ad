#include "resample/interpolation_grid.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace voxfeat::kernels {

GridMap ibsi_interpolation_grid(const std::array<std::size_t, 3>& size, const std::array<double, 3>& spacing,
                                const std::array<double, 3>& target_spacing, std::array<bool, 3> resample_axis) {
  GridMap grid = identity_grid(size);
  for (int a = 0; a < 3; ++a) {
    if (!resample_axis[a]) continue;
    if (!(target_spacing[a] > 0.0) || !std::isfinite(target_spacing[a]))
      throw std::invalid_argument("interpolation spacing must be positive, got " + std::to_string(target_spacing[a]));
    const double n_a = double(size[a]);
    // n_b = ceil(n_a s_a / s_b); the relative tolerance keeps 60 × 3.0 / 2.0 at 90, not 91, after rounding error.
    const double exact = n_a * spacing[a] / target_spacing[a];
    const double n_b = std::max(1.0, std::ceil(exact * (1.0 - 1e-12)));
    const double step = target_spacing[a] / spacing[a];  // s_b in grid coordinates
    grid[a] = {std::size_t(n_b), 0.5 * (n_a - 1.0 - step * (n_b - 1.0)), step, false};
  }
  return grid;
}

GridMap identity_grid(const std::array<std::size_t, 3>& size) {
  GridMap grid;
  for (int a = 0; a < 3; ++a) grid[a] = {size[a], 0.0, 1.0, true};
  return grid;
}

GridMap sub_grid(const GridMap& grid, const std::array<std::size_t, 3>& lo, const std::array<std::size_t, 3>& hi) {
  GridMap out = grid;
  for (int a = 0; a < 3; ++a) {
    out[a].size = hi[a] - lo[a];
    out[a].start = grid[a].start + double(lo[a]) * grid[a].step;
  }
  return out;
}

GridMap relative_to_crop(const GridMap& grid, const std::array<std::size_t, 3>& source_lo) {
  GridMap out = grid;
  for (int a = 0; a < 3; ++a) out[a].start -= double(source_lo[a]);
  return out;
}

}  // namespace voxfeat::kernels
