#pragma once
// Percentiles of a sorted sample (IBSI 1: median Y12H/WIFQ, P10 QG58/GPMT, P90 8DWT/OZ0C, and P25/P75 for the
// interquartile range SALO/WR0O and the quartile coefficient of dispersion 9S40/SLWD).
//
// IBSI does not fix a percentile rule. Its reference values were produced with numpy's default, "linear"
// interpolation between order statistics (Hyndman & Fan type 7): on the digital phantom it gives P90 = 4, the
// reference value, where the rules the manual warns about give 4.2.
#include <cmath>
#include <cstddef>
#include <cstdint>

#include "common/hd.hpp"
#include "intensity/sorted_sample.hpp"

namespace voxfeat::kernels {

/// Where the p-quantile (0 ≤ p ≤ 1) of n sorted observations lies: h = (n − 1) p, between the observations of
/// 0-based rank ⌊h⌋ and ⌊h⌋ + 1, at `fraction` = h − ⌊h⌋ of the way.
struct QuantilePosition {
  std::uint64_t lower = 0;
  double fraction = 0.0;
};

VOXFEAT_HD inline QuantilePosition quantile_position(std::uint64_t n, double p) {
  const double h = double(n - 1) * p;
  const double lower = floor(h);
  QuantilePosition q{std::uint64_t(lower), h - lower};
  if (q.lower >= n - 1) q = {n - 1, 0.0};
  return q;
}

/// The p[i]-quantiles of the sample into out[i], i < count; p ascending (one sweep over the entries). NaN for an
/// empty sample.
VOXFEAT_HD inline void quantiles(const SortedSample& s, const double* p, double* out, int count) {
  const std::uint64_t n = observation_count(s, 0, s.size);
  std::size_t j = 0;
  std::uint64_t before = 0;  // observations in entries [0, j)
  for (int i = 0; i < count; ++i) {
    if (n == 0) {
      out[i] = NAN;
      continue;
    }
    const QuantilePosition q = quantile_position(n, p[i]);
    double lo = 0.0, hi = 0.0;
    if (!s.counts) {  // each value once: rank r is entry r
      lo = s.values[q.lower];
      hi = q.lower + 1 < n ? s.values[q.lower + 1] : lo;
    } else {
      while (before + s.counts[j] <= q.lower) before += s.counts[j++];
      lo = s.values[j];
      // Rank lower + 1 is in the same entry, or else in the next one (every entry holds at least one observation).
      hi = (q.lower + 1 < before + s.counts[j] || j + 1 >= s.size) ? lo : s.values[j + 1];
    }
    out[i] = q.fraction > 0.0 ? lo + q.fraction * (hi - lo) : lo;
  }
}

/// First entry whose value is ≥ x (s.size when none).
VOXFEAT_HD inline std::size_t first_entry_at_least(const SortedSample& s, double x) {
  std::size_t lo = 0, hi = s.size;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (s.values[mid] < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/// First entry whose value is > x (s.size when none).
VOXFEAT_HD inline std::size_t first_entry_above(const SortedSample& s, double x) {
  std::size_t lo = 0, hi = s.size;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo) / 2;
    if (s.values[mid] <= x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

}  // namespace voxfeat::kernels
