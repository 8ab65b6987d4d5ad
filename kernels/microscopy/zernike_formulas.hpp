#pragma once
// Zernike moment formulas of a 2D object, shared by the CPU kernel (zernike.cpp) and the GPU
// (cuda/microscopy_moments.cu): the (n, m) pairs and their order, the radial polynomial coefficients, one pixel's
// term, the disc test and the final magnitude. The definition they implement is in zernike.hpp and
// docs/microscopy-features.md.
//
// One pixel's term is a polynomial in its scaled position (x, y) (x along columns, y along rows, as mahotas' X and
// Y), evaluated without trigonometry or a square root:
//   conj(V_nm) = R_nm(ρ) e^{−imθ} = P_nm(t) · (x − iy)^m,   t = ρ² = x² + y²,   R_nm(ρ) = ρ^m P_nm(t),
// because ρ^{n−2s} e^{−imθ} = t^{(n−m)/2−s} (ρe^{−iθ})^m. The centre pixel (ρ = 0, where θ is undefined) needs no
// special case: (x − iy)^m is 1 for m = 0 and 0 otherwise, which is R_nm(0) e^{−imθ} for any θ. Every operation
// is one IEEE-rounded add, multiply or divide in a fixed order, so the host and the device (built with
// --fmad=false) give the same bits per pixel.
#include <cmath>
#include <cstdint>

#include "common/hd.hpp"

namespace voxfeat::kernels::microscopy {

/// Highest order n supported: the coefficients are ratios of factorials up to 20!, exact in 64-bit integers.
inline constexpr int kZernikeOrderLimit = 20;

/// Pairs (n, m) with 0 ≤ m ≤ n ≤ max_order and n − m even: ⌊(max_order + 2)² / 4⌋ (30 for order 9).
VOXFEAT_HD constexpr int zernike_pair_count(int max_order) { return (max_order + 2) * (max_order + 2) / 4; }

/// Coefficients of every pair up to kZernikeOrderLimit together (the length of a table of all of them).
inline constexpr int kZernikeCoefficientLimit = 506;

struct ZernikePair {
  int n = 0;
  int m = 0;
};

/// Where (n, m) is in the output order: n ascending, then m ascending (mahotas' and Nyxus' order).
VOXFEAT_HD constexpr int zernike_index(int n, int m) { return (n + 1) * (n + 1) / 4 + (m - n % 2) / 2; }

/// The pair at `index` of the output order.
VOXFEAT_HD constexpr ZernikePair zernike_pair(int index) {
  int n = 0;
  while (zernike_pair_count(n) <= index) ++n;
  return {n, n % 2 + 2 * (index - zernike_pair_count(n - 1))};
}

/// Terms of P_nm: (n − m) / 2 + 1.
VOXFEAT_HD constexpr int zernike_coefficient_count(ZernikePair p) { return (p.n - p.m) / 2 + 1; }

/// Where the coefficients of the pair at `index` start in a table of all pairs' coefficients in output order.
VOXFEAT_HD constexpr int zernike_coefficient_offset(int index) {
  int offset = 0;
  for (int k = 0; k < index; ++k) offset += zernike_coefficient_count(zernike_pair(k));
  return offset;
}

static_assert(zernike_coefficient_offset(zernike_pair_count(kZernikeOrderLimit)) == kZernikeCoefficientLimit);
static_assert(zernike_pair_count(9) == 30);

VOXFEAT_HD constexpr std::int64_t zernike_factorial(int n) {
  std::int64_t f = 1;
  for (int k = 2; k <= n; ++k) f *= k;
  return f;
}

/// The coefficient of t^j in P_nm(t), j = 0 .. (n − m) / 2: the radial polynomial
/// R_nm(ρ) = Σ_s (−1)^s (n − s)! / (s! ((n + m)/2 − s)! ((n − m)/2 − s)!) ρ^{n−2s} with s = (n − m)/2 − j. Exact:
/// a multinomial coefficient, below 2^53 for n ≤ kZernikeOrderLimit.
VOXFEAT_HD constexpr double zernike_radial_coefficient(ZernikePair p, int j) {
  const int s = (p.n - p.m) / 2 - j;
  const std::int64_t magnitude = zernike_factorial(p.n - s) / (zernike_factorial(s) *
                                                               zernike_factorial((p.n + p.m) / 2 - s) *
                                                               zernike_factorial((p.n - p.m) / 2 - s));
  return s % 2 == 0 ? double(magnitude) : -double(magnitude);
}

/// The coefficients of every pair up to `max_order`, pair after pair in output order (zernike_coefficient_offset),
/// each from t^0 up. `table` holds at least zernike_coefficient_offset(zernike_pair_count(max_order)) values.
VOXFEAT_HD inline void fill_zernike_coefficients(int max_order, double* table) {
  for (int k = 0, offset = 0; k < zernike_pair_count(max_order); ++k) {
    const ZernikePair p = zernike_pair(k);
    for (int j = 0; j < zernike_coefficient_count(p); ++j) table[offset++] = zernike_radial_coefficient(p, j);
  }
}

/// The squared distance of a pixel from the centre, (row offset)² + (column offset)², in that order: the radius
/// and the disc test use this one expression, so the farthest pixel is inside by construction.
VOXFEAT_HD inline double zernike_squared_distance(double d_row, double d_col) { return d_row * d_row + d_col * d_col; }

/// The largest squared distance from the centre over the run at local row `r`, local columns [c_begin, c_end):
/// at one of its ends (the rounded squares grow with |column offset|).
VOXFEAT_HD inline double zernike_run_farthest(std::int32_t r, std::int32_t c_begin, std::int32_t c_end,
                                              double centre_row, double centre_col) {
  const double d_row = double(r) - centre_row;
  const double first = zernike_squared_distance(d_row, double(c_begin) - centre_col);
  const double last = zernike_squared_distance(d_row, double(c_end - 1) - centre_col);
  return first > last ? first : last;
}

enum class ZernikeRadius {
  largest_distance,   ///< the farthest pixel from the centre: the whole object in the disc (default)
  bounding_box_side,  ///< min(bbox rows, bbox cols), Nyxus' radius
  fixed,              ///< a given number of pixels, mahotas' `radius` argument
};

/// R² by `rule`: the largest squared distance of a pixel from the centre (`farthest_squared`), the smaller side of
/// the bounding box squared, or `fixed_radius` squared.
VOXFEAT_HD inline double zernike_squared_radius(ZernikeRadius rule, double fixed_radius, std::int32_t bbox_rows,
                                                std::int32_t bbox_cols, double farthest_squared) {
  switch (rule) {
    case ZernikeRadius::bounding_box_side: {
      const double side = double(bbox_rows < bbox_cols ? bbox_rows : bbox_cols);
      return side * side;
    }
    case ZernikeRadius::fixed: return fixed_radius * fixed_radius;
    case ZernikeRadius::largest_distance: break;
  }
  return farthest_squared;
}

/// What the distances are multiplied by to land in the unit disc: 1 / radius; 0 for a radius of 0 (a single pixel,
/// which then sits at the centre, as mahotas has it for any positive radius).
VOXFEAT_HD inline double zernike_scale(double squared_radius) {
  return squared_radius > 0.0 ? 1.0 / sqrt(squared_radius) : 0.0;
}

struct ZernikeComplex {
  double re = 0.0;
  double im = 0.0;
};

/// A pixel in the unit disc: x = column offset · scale, y = row offset · scale, t = x² + y² = ρ².
struct ZernikePoint {
  double x = 0.0;
  double y = 0.0;
  double t = 0.0;
};

VOXFEAT_HD inline ZernikePoint zernike_point(double d_row, double d_col, double scale) {
  ZernikePoint p;
  p.x = d_col * scale;
  p.y = d_row * scale;
  p.t = p.x * p.x + p.y * p.y;
  return p;
}

/// power · (x − iy): the step from (x − iy)^k to (x − iy)^{k+1}. From 1 + 0i it gives x − iy exactly.
VOXFEAT_HD inline ZernikeComplex times_conjugate(ZernikeComplex power, const ZernikePoint& p) {
  return {power.re * p.x + power.im * p.y, power.im * p.x - power.re * p.y};
}

/// (x − iy)^m by m steps from 1: the GPU's per-pair form. The CPU keeps the powers of all m from the same steps.
VOXFEAT_HD inline ZernikeComplex conjugate_power(const ZernikePoint& p, int m) {
  ZernikeComplex power{1.0, 0.0};
  for (int k = 0; k < m; ++k) power = times_conjugate(power, p);
  return power;
}

/// conj(V_nm) at one pixel: P_nm(t) by Horner from the highest power, times (x − iy)^m.
/// `coefficients`: the pair's zernike_coefficient_count values from t^0 up.
VOXFEAT_HD inline ZernikeComplex zernike_term(const double* coefficients, int count, const ZernikePoint& p,
                                              ZernikeComplex conjugate_power_m) {
  double radial = coefficients[count - 1];
  for (int j = count - 2; j >= 0; --j) radial = radial * p.t + coefficients[j];
  return {radial * conjugate_power_m.re, radial * conjugate_power_m.im};
}

/// sum += w · term (w = 1 for the shape: the same bits as adding the term).
VOXFEAT_HD inline void add_weighted(ZernikeComplex& sum, double w, ZernikeComplex term) {
  sum.re += w * term.re;
  sum.im += w * term.im;
}

/// |A_nm| = (n + 1)/π · |Σ w conj(V_nm)| / Σ w over the pixels in the disc. NaN when no weight is in the disc.
VOXFEAT_HD inline double zernike_magnitude(int n, ZernikeComplex sum, double weight_in_disc) {
  constexpr double kPi = 3.141592653589793;  // the double nearest π
  return double(n + 1) / kPi * sqrt(sum.re * sum.re + sum.im * sum.im) / weight_in_disc;
}

}  // namespace voxfeat::kernels::microscopy
