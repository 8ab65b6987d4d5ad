#pragma once
// Interpolation kernels along one axis, shared by the CPU and GPU resamplers. A target point at continuous source
// index x = base + t (base = floor(x), 0 <= t < 1) reads the taps base + first_offset .. base + first_offset + K - 1.
#include <cmath>
#include <cstdint>

#include "common/hd.hpp"

namespace voxfeat::kernels {

/// Linear interpolation: taps base, base + 1.
VOXFEAT_HD inline void linear_weights(double t, double w[2]) {
  w[0] = 1.0 - t;
  w[1] = t;
}

/// Cubic B-spline basis (Unser 1999; Thévenaz, Blu & Unser 2000) for taps base − 1 .. base + 2. Applied to
/// B-spline coefficients (see bspline_prefilter.hpp) it interpolates the samples exactly.
VOXFEAT_HD inline void cubic_bspline_weights(double t, double w[4]) {
  const double u = 1.0 - t;
  w[0] = u * u * u / 6.0;
  w[1] = (4.0 - 6.0 * t * t + 3.0 * t * t * t) / 6.0;
  w[2] = (4.0 - 6.0 * u * u + 3.0 * u * u * u) / 6.0;
  w[3] = t * t * t / 6.0;
}

/// The stored intensity of an interpolated sum: rounded half away from zero to an integer when asked (IBSI 68QD),
/// then to float.
VOXFEAT_HD inline float image_value(double sum, bool round_to_integer) {
  return float(round_to_integer ? ::round(sum) : sum);
}

/// The threshold a mask's interpolated fraction is held to: a fraction that is exactly the partial-volume threshold
/// (IBSI E8H9) in exact arithmetic stays in after rounding error.
inline double mask_keep_threshold(double partial_volume_threshold) { return partial_volume_threshold - 1e-9; }

/// The stored mask value of an interpolated fraction, against mask_keep_threshold's threshold.
VOXFEAT_HD inline std::uint8_t mask_value(double fraction, double threshold) {
  return std::uint8_t(fraction >= threshold ? 1 : 0);
}

/// The pole of the cubic B-spline's inverse filter, sqrt(3) − 2.
inline constexpr double cubic_bspline_pole = -0.26794919243112270;

}  // namespace voxfeat::kernels
