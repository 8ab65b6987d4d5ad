#pragma once
// One row run's contribution to the moment sums of a 2D object, shared by the CPU kernels (moments2d.cpp,
// zernike.cpp) and the GPU (cuda/microscopy_moments.cu), so that both add the same numbers per run and differ only
// in the order in which runs are added. Coordinates are local (relative to the object's bounding box), index
// [i][j] = row power i, column power j, as in moment_formulas.hpp.
//
// Unweighted moments are integers and are summed exactly, in 128-bit integers, from closed forms per run; a double
// is made only at the end (exact_to_double, correctly rounded), so the CPU and the GPU give the same doubles
// whatever the order of the runs. Weighted moments are doubles, summed pixel by pixel within the run.
#include <cstdint>

#include "common/hd.hpp"
#include "microscopy/moment_formulas.hpp"

namespace voxfeat::kernels::microscopy {

__extension__ typedef __int128 Int128;  // g++ and nvcc both have it; -Wpedantic wants the __extension__
__extension__ typedef unsigned __int128 UInt128;

/// Σ r^i c^j over an object's pixels, exactly.
struct ExactMomentTable {
  Int128 v[4][4];
};

/// The sums of ExactMomentTable are exact when the object's bounding box has at most this many pixels: then
/// Σ r³c³ < (rows · cols)^4 ≤ 2^124 and every intermediate of add_run_exact_moments stays below 2^125.
inline constexpr std::uint64_t kExactMomentMaxBoxPixels = std::uint64_t(1) << 31;

/// Σ_{c=0}^{n−1} c^j for j = 0..3 (Faulhaber): n, n(n−1)/2, (n−1)n(2n−1)/6, (n(n−1)/2)².
VOXFEAT_HD inline Int128 power_sum_below(Int128 n, int j) {
  const Int128 triangle = n * (n - 1) / 2;
  switch (j) {
    case 0: return n;
    case 1: return triangle;
    case 2: return (n - 1) * n * (2 * n - 1) / 6;
    default: return triangle * triangle;
  }
}

/// Adds the run at local row `r`, local columns [c_begin, c_end), to `sums`: per column power j the closed form
/// Σ_{c_begin ≤ c < c_end} c^j, times r^i.
VOXFEAT_HD inline void add_run_exact_moments(ExactMomentTable& sums, std::int32_t r, std::int32_t c_begin,
                                             std::int32_t c_end) {
  Int128 column[4];
  for (int j = 0; j < 4; ++j) column[j] = power_sum_below(c_end, j) - power_sum_below(c_begin, j);
  Int128 row_power = 1;
  for (int i = 0; i < 4; ++i, row_power *= r)
    for (int j = 0; j < 4; ++j) sums.v[i][j] += row_power * column[j];
}

/// The double nearest to v (ties to even), the same on the host and the device: the top 64 significant bits with
/// a sticky bit for the rest convert correctly rounded (a 64-bit conversion is correctly rounded on both), and the
/// power of two that scales them back is exact. g++'s own __int128 conversion gives the same; nvcc's is not
/// documented, hence this.
VOXFEAT_HD inline double exact_to_double(Int128 v) {
  const bool negative = v < 0;
  const UInt128 magnitude = negative ? UInt128(0) - UInt128(v) : UInt128(v);
  int shift = 0;
  for (auto high = std::uint64_t(magnitude >> 64); high != 0; high >>= 1) ++shift;
  const UInt128 dropped_mask = (UInt128(1) << shift) - 1;
  const auto top = std::uint64_t(magnitude >> shift) | std::uint64_t((magnitude & dropped_mask) != 0);
  const double value = double(top) * double(std::uint64_t(1) << shift);  // shift ≤ 63: an exact power of two
  return negative ? -value : value;
}

/// The doubles of an exact table.
VOXFEAT_HD inline MomentTable exact_to_double(const ExactMomentTable& sums) {
  MomentTable m{};
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) m.v[i][j] = exact_to_double(sums.v[i][j]);
  return m;
}

/// Adds Σ w·(r − r0)^i (c − c0)^j over the run at local row `r`, local columns [c_begin, c_end), to `m`: first the
/// column power sums T_j of the run in column order, then (r − r0)^i T_j (the sums separate because a run has one
/// row). w is values[k] for the run's k-th pixel (the intensities from the run's first column on), or 1 when
/// `values` is null.
VOXFEAT_HD inline void add_run_moments(MomentTable& m, std::int32_t r, std::int32_t c_begin, std::int32_t c_end,
                                       const float* values, double r0, double c0) {
  double t[4] = {0.0, 0.0, 0.0, 0.0};
  for (std::int32_t c = c_begin; c < c_end; ++c) {
    const double w = values != nullptr ? double(values[c - c_begin]) : 1.0, dc = double(c) - c0;
    t[0] += w;
    t[1] += w * dc;
    t[2] += w * dc * dc;
    t[3] += w * dc * dc * dc;
  }
  const double dr = double(r) - r0;
  double power = 1.0;
  for (int i = 0; i < 4; ++i, power *= dr)
    for (int j = 0; j < 4; ++j) m.v[i][j] += power * t[j];
}

}  // namespace voxfeat::kernels::microscopy
