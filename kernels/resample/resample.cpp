#include "resample/resample.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

#include <tbb/parallel_for.h>

#include "resample/interpolation_weights.hpp"
#include "resample/resample_taps.hpp"

namespace voxfeat::kernels {
namespace {

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
  if (!supported_tap_counts(kx, ky, kz)) throw std::logic_error("resample: unsupported combination of axis kernels");
  if (kx == 1) return resample_separable<1, 1, 1>(source, n, taps, out, m, finish);
  if (kx == 2 && kz == 2) return resample_separable<2, 2, 2>(source, n, taps, out, m, finish);
  if (kx == 2) return resample_separable<2, 2, 1>(source, n, taps, out, m, finish);
  if (kz == 4) return resample_separable<4, 4, 4>(source, n, taps, out, m, finish);
  return resample_separable<4, 4, 1>(source, n, taps, out, m, finish);
}

std::array<std::size_t, 3> target_size(const GridMap& grid) { return {grid[0].size, grid[1].size, grid[2].size}; }

template <class T>
void check_source(const View3<T>& source) {
  if (source.voxel_count() == 0 || !source.data) throw std::invalid_argument("resample: the source is empty");
}

}  // namespace

void resample_image(const View3<float>& source, const GridMap& grid, Interpolator how, bool round_to_integer,
                    float* out) {
  check_source(source);
  const auto finish = [round_to_integer](double v) { return image_value(v, round_to_integer); };
  if (how == Interpolator::cubic_spline) {
    const SplineCoefficients spline = spline_coefficients(source, grid);
    resample_dispatch(spline.values.data(), spline.extent, grid_taps(spline.grid, spline.extent, how), out,
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
  const double threshold = mask_keep_threshold(partial_volume_threshold);
  resample_dispatch(source.data, source.extent, taps, out, target_size(grid),
                    [threshold](double v) { return mask_value(v, threshold); });
}

}  // namespace voxfeat::kernels
