#pragma once
// The per-output-voxel logic of the GPU resampler (cuda/resample.cu), kept apart from the kernel so that g++
// compiles it too: the host tests run it over whole grids, as the kernel's threads do, and compare the result with
// kernels::resample_image / resample_mask bit for bit. No CUDA header here.
#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "common/hd.hpp"
#include "resample/interpolation_weights.hpp"
#include "resample/resample_taps.hpp"

namespace voxfeat::cuda {

/// The tap tables of one resampling, as the kernel reads them: along axis a, target index i reads the source at
/// linear offset offset[a][i · K_a + j] (the clamped index times the axis' stride, so a voxel's address is the sum of
/// its three axes' offsets) with weight weight[a][i · K_a + j]. Host or device pointers.
struct ResampleTaps {
  const unsigned long long* offset[3] = {nullptr, nullptr, nullptr};
  const double* weight[3] = {nullptr, nullptr, nullptr};
};

/// The interpolated sum at target (x, y, z): Σ_c Σ_b (w_y[b] · w_z[c]) · Σ_a w_x[a] · source[...], in the CPU's order
/// (kernels/resample/resample.cpp, resample_separable: z taps outer, y taps inner, x taps innermost, each product
/// and sum in double). With the same taps and no fused multiply-add (cuda/CMakeLists.txt builds resample.cu with
/// --fmad=false) every rounding is the CPU's, so the sum is the CPU's bit for bit.
template <int KX, int KY, int KZ, class Source>
VOXFEAT_HD inline double resample_sum(const Source* source, const ResampleTaps& taps, unsigned long long x,
                                      unsigned long long y, unsigned long long z) {
  const unsigned long long* xo = taps.offset[0] + x * KX;
  const double* xw = taps.weight[0] + x * KX;
  double sum = 0.0;
  for (int c = 0; c < KZ; ++c) {
    for (int b = 0; b < KY; ++b) {
      const Source* row = source + (taps.offset[1][y * KY + b] + taps.offset[2][z * KZ + c]);
      const double row_weight = taps.weight[1][y * KY + b] * taps.weight[2][z * KZ + c];
      double along_x = 0.0;
      for (int a = 0; a < KX; ++a) along_x += xw[a] * double(row[xo[a]]);
      sum += row_weight * along_x;
    }
  }
  return sum;
}

/// What an image's output voxel stores (kernels::image_value).
struct ImageFinish {
  bool round_to_integer = false;
  VOXFEAT_HD float operator()(double sum) const { return kernels::image_value(sum, round_to_integer); }
};

/// What a mask's output voxel stores (kernels::mask_value, threshold from kernels::mask_keep_threshold).
struct MaskFinish {
  double threshold = 0.5;
  VOXFEAT_HD std::uint8_t operator()(double sum) const { return kernels::mask_value(sum, threshold); }
};

/// Coordinates of output voxel i in an m0 × m1 × (anything) grid, x fastest.
VOXFEAT_HD inline void output_coord(unsigned long long i, unsigned long long m0, unsigned long long m1,
                                    unsigned long long& x, unsigned long long& y, unsigned long long& z) {
  const unsigned long long row = i / m0;
  x = i - row * m0;
  y = row % m1;
  z = row / m1;
}

/// Calls f.template operator()<KX, KY, KZ>() for the taps per axis `k`, one of the combinations
/// kernels::supported_tap_counts takes (the caller has checked): the kernel's instantiations, and the host tests'.
template <class F>
void with_tap_counts(const std::array<int, 3>& k, F&& f) {
  if (k[0] == 1) return f.template operator()<1, 1, 1>();
  if (k[0] == 2 && k[2] == 2) return f.template operator()<2, 2, 2>();
  if (k[0] == 2) return f.template operator()<2, 2, 1>();
  if (k[2] == 4) return f.template operator()<4, 4, 4>();
  return f.template operator()<4, 4, 1>();
}

/// Host tables behind a ResampleTaps, built from kernels::grid_taps (the CPU's own taps): `offset` and `weight`
/// hold the three axes one after another, axis a from `first[a]`; `k` the taps per axis.
struct HostTapTables {
  std::array<int, 3> k{1, 1, 1};
  std::array<std::size_t, 3> first{0, 0, 0};
  std::vector<unsigned long long> offset;
  std::vector<double> weight;

  /// Pointers into `offset` and `weight` (or into device copies of them laid out alike).
  [[nodiscard]] ResampleTaps view(const unsigned long long* offsets, const double* weights) const {
    ResampleTaps t;
    for (int a = 0; a < 3; ++a) {
      t.offset[a] = offsets + first[std::size_t(a)];
      t.weight[a] = weights + first[std::size_t(a)];
    }
    return t;
  }
  [[nodiscard]] ResampleTaps host_view() const { return view(offset.data(), weight.data()); }
};

/// The tables of `grid` over a source of `source_extent` voxels (host only). The strides are exact: the caller has
/// checked that the source's voxel count fits 64 bits. Throws std::invalid_argument for a tap outside the source.
inline HostTapTables host_tap_tables(const kernels::GridMap& grid, const std::array<std::size_t, 3>& source_extent,
                                     kernels::Interpolator how) {
  const std::array<kernels::AxisTaps, 3> taps = kernels::grid_taps(grid, source_extent, how);
  const unsigned long long stride[3] = {1ull, source_extent[0], 1ull * source_extent[0] * source_extent[1]};
  HostTapTables tables;
  for (std::size_t a = 0; a < 3; ++a) {
    tables.k[a] = taps[a].k;
    tables.first[a] = tables.offset.size();
    for (const std::size_t index : taps[a].index) {
      // Clamped by axis_taps for any finite map; a non-finite one converts to an arbitrary index. Tested before the
      // multiplication, which could wrap it back into range.
      if (index >= source_extent[a]) throw std::invalid_argument("resampling: a grid point maps outside the source");
      tables.offset.push_back(index * stride[a]);
    }
    tables.weight.insert(tables.weight.end(), taps[a].weight.begin(), taps[a].weight.end());
  }
  return tables;
}

}  // namespace voxfeat::cuda
