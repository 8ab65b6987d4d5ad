#include "resample/resample_taps.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <tbb/parallel_for.h>

#include "resample/bspline_prefilter.hpp"
#include "resample/interpolation_weights.hpp"

namespace voxfeat::kernels {
namespace {

/// Voxels of nearest-value padding on each side of a spline-resampled axis (scipy pads 12).
constexpr std::size_t spline_padding = 12;

struct PaddedImage {
  std::vector<float> values;
  std::array<std::size_t, 3> extent;
  [[nodiscard]] View3<float> view() const { return {values.data(), extent, {1.0, 1.0, 1.0}}; }
};

/// `source` extended by spline_padding copies of its boundary voxels along the `pad` axes.
PaddedImage pad_with_nearest(const View3<float>& source, const std::array<bool, 3>& pad) {
  std::array<std::size_t, 3> n = source.extent, lo{0, 0, 0};
  for (int a = 0; a < 3; ++a)
    if (pad[a]) n[a] += 2 * spline_padding, lo[a] = spline_padding;
  PaddedImage padded{std::vector<float>(n[0] * n[1] * n[2]), n};
  const auto clamp = [](std::size_t i, std::size_t offset, std::size_t size) {
    return i < offset ? 0 : std::min(i - offset, size - 1);
  };
  tbb::parallel_for(std::size_t(0), n[2], [&](std::size_t z) {
    const std::size_t sz = clamp(z, lo[2], source.extent[2]);
    for (std::size_t y = 0; y < n[1]; ++y) {
      const float* row = &source(0, clamp(y, lo[1], source.extent[1]), sz);
      float* dst = padded.values.data() + n[0] * (y + n[1] * z);
      for (std::size_t x = 0; x < n[0]; ++x) dst[x] = row[clamp(x, lo[0], source.extent[0])];
    }
  });
  return padded;
}

}  // namespace

AxisTaps axis_taps(const AxisMap& axis, std::size_t source_size, Interpolator how) {
  AxisTaps taps;
  const bool identity = axis.identity;
  taps.k = identity || how == Interpolator::nearest ? 1 : (how == Interpolator::linear ? 2 : 4);
  taps.index.resize(axis.size * taps.k);
  taps.weight.resize(axis.size * taps.k);
  const auto clamp = [&](double i) {
    return std::size_t(std::min(std::max(i, 0.0), double(source_size) - 1.0));
  };
  for (std::size_t i = 0; i < axis.size; ++i) {
    const double x = axis.start + double(i) * axis.step;
    std::size_t* index = &taps.index[i * taps.k];
    double* weight = &taps.weight[i * taps.k];
    if (taps.k == 1) {
      index[0] = clamp(identity ? std::round(x) : std::floor(x + 0.5));
      weight[0] = 1.0;
      continue;
    }
    const double base = std::floor(x);
    const double t = x - base;
    if (taps.k == 2) {
      linear_weights(t, weight);
      for (int j = 0; j < 2; ++j) index[j] = clamp(base + j);
    } else {
      cubic_bspline_weights(t, weight);
      for (int j = 0; j < 4; ++j) index[j] = clamp(base - 1 + j);
    }
  }
  return taps;
}

std::array<AxisTaps, 3> grid_taps(const GridMap& grid, const std::array<std::size_t, 3>& source_size,
                                  Interpolator how) {
  return {axis_taps(grid[0], source_size[0], how), axis_taps(grid[1], source_size[1], how),
          axis_taps(grid[2], source_size[2], how)};
}

SplineCoefficients spline_coefficients(const View3<float>& source, const GridMap& grid) {
  if (source.voxel_count() == 0 || !source.data) throw std::invalid_argument("resample: the source is empty");
  // Nearest-value padding before the prefilter, as scipy's map_coordinates(order=3, mode="nearest") does (MIRP,
  // the IBSI reference implementation, uses it): points beyond the last slice then extrapolate the boundary
  // value instead of the spline's overshoot. The padded axes' maps shift by the padding.
  const std::array<bool, 3> resampled{!grid[0].identity, !grid[1].identity, !grid[2].identity};
  const PaddedImage padded = pad_with_nearest(source, resampled);
  SplineCoefficients spline;
  spline.grid = grid;
  for (int a = 0; a < 3; ++a)
    if (resampled[a]) spline.grid[a].start += double(spline_padding);
  spline.values = cubic_bspline_coefficients(padded.view(), resampled);
  spline.extent = padded.extent;
  return spline;
}

}  // namespace voxfeat::kernels
