#include "resample/resample.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

#include <tbb/parallel_for.h>

#include "resample/bspline_prefilter.hpp"
#include "resample/interpolation_weights.hpp"

namespace voxfeat::kernels {
namespace {

/// Per target index along one axis: K clamped source indices and their weights.
struct AxisTaps {
  int k = 1;
  std::vector<std::size_t> index;
  std::vector<double> weight;
};

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

/// out(x, y, z) = sum of weight products × source at the tap indices; `finish` turns the sum into the stored value.
template <int KX, int KY, int KZ, class Source, class Out, class Finish>
void resample_separable(const Source* source, const std::array<std::size_t, 3>& n, const std::array<AxisTaps, 3>& taps, Out* out,
                        const std::array<std::size_t, 3>& m, Finish finish) {
  tbb::parallel_for(std::size_t(0), m[2], [&](std::size_t z) {
    const Source* rows[KY * KZ];
    double row_weight[KY * KZ];
    for (std::size_t y = 0; y < m[1]; ++y) {
      for (int c = 0; c < KZ; ++c)
        for (int b = 0; b < KY; ++b) {
          rows[c * KY + b] = source + n[0] * (taps[1].index[y * KY + b] + n[1] * taps[2].index[z * KZ + c]);
          row_weight[c * KY + b] = taps[1].weight[y * KY + b] * taps[2].weight[z * KZ + c];
        }
      Out* dst = out + m[0] * (y + m[1] * z);
      const std::size_t* xi = taps[0].index.data();
      const double* xw = taps[0].weight.data();
      for (std::size_t x = 0; x < m[0]; ++x, xi += KX, xw += KX) {
        double sum = 0.0;
        for (int r = 0; r < KY * KZ; ++r) {
          double along_x = 0.0;
          for (int a = 0; a < KX; ++a) along_x += xw[a] * double(rows[r][xi[a]]);
          sum += row_weight[r] * along_x;
        }
        dst[x] = finish(sum);
      }
    }
  });
}

template <class Source, class Out, class Finish>
void resample_dispatch(const Source* source, const std::array<std::size_t, 3>& n, const std::array<AxisTaps, 3>& taps, Out* out,
                       const std::array<std::size_t, 3>& m, Finish finish) {
  const int kx = taps[0].k, ky = taps[1].k, kz = taps[2].k;
  // Axes resample alike, except that in-plane interpolation leaves z as it is (kz == 1).
  if (kx != ky || (kz != kx && kz != 1)) throw std::logic_error("resample: unsupported combination of axis kernels");
  if (kx == 1) return resample_separable<1, 1, 1>(source, n, taps, out, m, finish);
  if (kx == 2 && kz == 2) return resample_separable<2, 2, 2>(source, n, taps, out, m, finish);
  if (kx == 2) return resample_separable<2, 2, 1>(source, n, taps, out, m, finish);
  if (kz == 4) return resample_separable<4, 4, 4>(source, n, taps, out, m, finish);
  return resample_separable<4, 4, 1>(source, n, taps, out, m, finish);
}

std::array<AxisTaps, 3> grid_taps(const GridMap& grid, const std::array<std::size_t, 3>& source_size,
                                  Interpolator how) {
  return {axis_taps(grid[0], source_size[0], how), axis_taps(grid[1], source_size[1], how),
          axis_taps(grid[2], source_size[2], how)};
}

std::array<std::size_t, 3> target_size(const GridMap& grid) { return {grid[0].size, grid[1].size, grid[2].size}; }

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

template <class T>
void check_source(const View3<T>& source) {
  if (source.voxel_count() == 0 || !source.data) throw std::invalid_argument("resample: the source is empty");
}

}  // namespace

void resample_image(const View3<float>& source, const GridMap& grid, Interpolator how, bool round_to_integer,
                    float* out) {
  check_source(source);
  const auto finish = [round_to_integer](double v) { return float(round_to_integer ? std::round(v) : v); };
  if (how == Interpolator::cubic_spline) {
    // Nearest-value padding before the prefilter, as scipy's map_coordinates(order=3, mode="nearest") does (MIRP,
    // the IBSI reference implementation, uses it): points beyond the last slice then extrapolate the boundary
    // value instead of the spline's overshoot. The padded axes' maps shift by the padding.
    const std::array<bool, 3> resampled{!grid[0].identity, !grid[1].identity, !grid[2].identity};
    const PaddedImage padded = pad_with_nearest(source, resampled);
    GridMap shifted = grid;
    for (int a = 0; a < 3; ++a)
      if (resampled[a]) shifted[a].start += double(spline_padding);
    const std::vector<double> coefficients = cubic_bspline_coefficients(padded.view(), resampled);
    resample_dispatch(coefficients.data(), padded.extent, grid_taps(shifted, padded.extent, how), out,
                      target_size(grid), finish);
  } else {
    resample_dispatch(source.data, source.extent, grid_taps(grid, source.extent, how), out, target_size(grid),
                      finish);
  }
}

void resample_mask(const View3<std::uint8_t>& source, const GridMap& grid, Interpolator how,
                   double partial_volume_threshold, std::uint8_t* out) {
  if (how == Interpolator::cubic_spline)
    throw std::invalid_argument("a mask is interpolated by nearest neighbour or linearly, not by a cubic spline");
  check_source(source);
  const auto taps = grid_taps(grid, source.extent, how);
  // A fraction that is exactly the threshold in exact arithmetic stays in after rounding error.
  const double threshold = partial_volume_threshold - 1e-9;
  resample_dispatch(source.data, source.extent, taps, out, target_size(grid),
                    [threshold](double v) { return std::uint8_t(v >= threshold ? 1 : 0); });
}

}  // namespace voxfeat::kernels
