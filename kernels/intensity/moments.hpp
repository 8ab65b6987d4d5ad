#pragma once
// Central moments and absolute deviations of a sorted sample (IBSI 1 UHIW and ZVCW: mean Q4LE/X6K6, variance
// ECT3/CH89, skewness KE2A/88K1, excess kurtosis IPH6/C3I7, mean absolute deviation 4FUA/D2ZX). Double
// accumulation, corrected two-pass: the mean first, then sums of deviations, so that E[x²] − E[x]² never cancels.
// Sums are blocked: plain sums over blocks of 256 entries (fast, vectorisable, error ~256 eps), and a compensated
// (Neumaier) sum of the blocks. A sorted sample adds values of one sign for long stretches, where one plain sum
// drifts (5e-11 relative on 20k CT values); the result should not depend on the order of summation either (a GPU,
// or a run-length counted sample, adds in another order).
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "common/hd.hpp"
#include "intensity/sorted_sample.hpp"

namespace voxfeat::kernels {

inline constexpr std::size_t kMomentBlock = 256;

/// Neumaier's compensated sum: error ~ eps |Σ| instead of ~ n eps Σ|x|.
struct CompensatedSum {
  double sum = 0.0;
  double compensation = 0.0;

  VOXFEAT_HD void add(double x) {
    const double t = sum + x;
    compensation += fabs(sum) >= fabs(x) ? (sum - t) + x : (x - t) + sum;
    sum = t;
  }
  [[nodiscard]] VOXFEAT_HD double value() const { return sum + compensation; }
};

/// Moments about the mean, normalised by N (no bias correction, as IBSI defines them).
struct CentralMoments {
  double count = 0.0;
  double mean = NAN;
  double m2 = NAN;  ///< variance
  double m3 = NAN;
  double m4 = NAN;
};

/// Moments of entries [begin, end). A flat range (first value == last value, the sample is sorted) has exactly
/// zero central moments: summing N equal values may not return the value, and the tiny residue would give a
/// skewness of ±1 instead of the 0 IBSI prescribes.
VOXFEAT_HD inline CentralMoments central_moments(const SortedSample& s, std::size_t begin, std::size_t end) {
  CentralMoments m;
  if (end <= begin) return m;
  const double n = double(observation_count(s, begin, end));
  m.count = n;
  if (s.values[begin] == s.values[end - 1]) {
    m.mean = s.values[begin];
    m.m2 = m.m3 = m.m4 = 0.0;
    return m;
  }
  CompensatedSum sum;
  for (std::size_t b = begin; b < end; b += kMomentBlock) {
    const std::size_t e = end - b > kMomentBlock ? b + kMomentBlock : end;
    double block = 0.0;
    for (std::size_t j = b; j < e; ++j) block += double(s.count(j)) * s.values[j];
    sum.add(block);
  }
  const double mean0 = sum.value() / n;
  CompensatedSum s1, s2, s3, s4;
  for (std::size_t b = begin; b < end; b += kMomentBlock) {
    const std::size_t e = end - b > kMomentBlock ? b + kMomentBlock : end;
    double b1 = 0.0, b2 = 0.0, b3 = 0.0, b4 = 0.0;
    for (std::size_t j = b; j < e; ++j) {
      const double c = double(s.count(j));
      const double d = s.values[j] - mean0;
      const double d2 = d * d;
      b1 += c * d;
      b2 += c * d2;
      b3 += c * d2 * d;
      b4 += c * d2 * d2;
    }
    s1.add(b1);
    s2.add(b2);
    s3.add(b3);
    s4.add(b4);
  }
  // Shift the moments from mean0 to the corrected mean mean0 + δ (δ is the rounding error of the first pass).
  const double delta = s1.value() / n;
  const double a2 = s2.value() / n, a3 = s3.value() / n, a4 = s4.value() / n;
  m.mean = mean0 + delta;
  m.m2 = a2 - delta * delta;
  m.m3 = a3 - 3.0 * delta * a2 + 2.0 * delta * delta * delta;
  m.m4 = a4 - 4.0 * delta * a3 + 6.0 * delta * delta * a2 - 3.0 * delta * delta * delta * delta;
  if (m.m2 < 0.0) m.m2 = 0.0;
  return m;
}

/// IBSI KE2A / 88K1: m3 / m2^(3/2); 0 when the variance is 0 (manual).
VOXFEAT_HD inline double skewness(const CentralMoments& m) {
  return m.m2 > 0.0 ? m.m3 / (m.m2 * sqrt(m.m2)) : (m.count > 0.0 ? 0.0 : NAN);
}

/// IBSI IPH6 / C3I7: m4 / m2² − 3 (Fisher's excess kurtosis); 0 when the variance is 0 (manual).
VOXFEAT_HD inline double excess_kurtosis(const CentralMoments& m) {
  return m.m2 > 0.0 ? m.m4 / (m.m2 * m.m2) - 3.0 : (m.count > 0.0 ? 0.0 : NAN);
}

/// (1/N) Σ |x − centre| over entries [begin, end): IBSI 4FUA/D2ZX (centre = mean), N72L/4RNL (centre = median),
/// and the inner sum of 1128/WRZB.
VOXFEAT_HD inline double mean_absolute_deviation(const SortedSample& s, std::size_t begin, std::size_t end,
                                                 double centre) {
  if (end <= begin) return NAN;
  CompensatedSum sum;
  for (std::size_t b = begin; b < end; b += kMomentBlock) {
    const std::size_t e = end - b > kMomentBlock ? b + kMomentBlock : end;
    double block = 0.0;
    for (std::size_t j = b; j < e; ++j) block += double(s.count(j)) * fabs(s.values[j] - centre);
    sum.add(block);
  }
  return sum.value() / double(observation_count(s, begin, end));
}

}  // namespace voxfeat::kernels
