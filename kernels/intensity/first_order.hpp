#pragma once
// The first-order features IBSI defines twice, once on intensities (UHIW, section 3.3) and once on discretised
// levels (ZVCW, section 3.4), with identical formulas. They are computed here once, from a sorted sample.
#include <cmath>
#include <cstddef>

#include "common/hd.hpp"
#include "intensity/moments.hpp"
#include "intensity/percentiles.hpp"
#include "intensity/sorted_sample.hpp"

namespace voxfeat::kernels {

/// IBSI codes: statistics / histogram.
struct FirstOrderFeatures {
  double mean = NAN;                                ///< Q4LE / X6K6
  double variance = NAN;                            ///< ECT3 / CH89
  double skewness = NAN;                            ///< KE2A / 88K1 (0 when the variance is 0)
  double kurtosis = NAN;                            ///< IPH6 / C3I7, excess (0 when the variance is 0)
  double median = NAN;                              ///< Y12H / WIFQ
  double minimum = NAN;                             ///< 1GSF / 1PR8
  double p10 = NAN;                                 ///< QG58 / GPMT
  double p90 = NAN;                                 ///< 8DWT / OZ0C
  double maximum = NAN;                             ///< 84IY / 3NCY
  double interquartile_range = NAN;                 ///< SALO / WR0O
  double range = NAN;                               ///< 2OJQ / 5Z3W
  double mean_absolute_deviation = NAN;             ///< 4FUA / D2ZX
  double robust_mean_absolute_deviation = NAN;      ///< 1128 / WRZB; NaN when no observation lies in [P10, P90]
  double median_absolute_deviation = NAN;           ///< N72L / 4RNL
  double coefficient_of_variation = NAN;            ///< 7TET / CWYJ; NaN when the mean is 0
  double quartile_coefficient_of_dispersion = NAN;  ///< 9S40 / SLWD; NaN when P75 + P25 = 0
};

/// All fields NaN for an empty sample.
VOXFEAT_HD inline FirstOrderFeatures first_order_features(const SortedSample& s) {
  FirstOrderFeatures f;
  if (s.size == 0) return f;
  const CentralMoments m = central_moments(s, 0, s.size);
  f.mean = m.mean;
  f.variance = m.m2;
  f.skewness = skewness(m);
  f.kurtosis = excess_kurtosis(m);

  const double p[5] = {0.10, 0.25, 0.50, 0.75, 0.90};
  double q[5];
  quantiles(s, p, q, 5);
  f.p10 = q[0];
  f.median = q[2];
  f.p90 = q[4];
  f.minimum = s.values[0];
  f.maximum = s.values[s.size - 1];
  f.interquartile_range = q[3] - q[1];
  f.range = f.maximum - f.minimum;

  f.mean_absolute_deviation = mean_absolute_deviation(s, 0, s.size, m.mean);
  f.median_absolute_deviation = mean_absolute_deviation(s, 0, s.size, f.median);
  // 1128 / WRZB: the observations with P10 ≤ x ≤ P90 form one contiguous run of the sorted sample. It is empty
  // (feature NaN) only when P10 and P90 fall strictly between the same two distinct observations (n ≤ 2).
  const std::size_t begin = first_entry_at_least(s, f.p10);
  const std::size_t end = first_entry_above(s, f.p90);
  f.robust_mean_absolute_deviation = mean_absolute_deviation(s, begin, end, central_moments(s, begin, end).mean);

  f.coefficient_of_variation = m.mean != 0.0 ? sqrt(m.m2) / m.mean : NAN;
  const double quartile_sum = q[3] + q[1];
  f.quartile_coefficient_of_dispersion = quartile_sum != 0.0 ? (q[3] - q[1]) / quartile_sum : NAN;
  return f;
}

}  // namespace voxfeat::kernels
