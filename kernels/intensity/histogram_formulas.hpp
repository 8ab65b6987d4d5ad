#pragma once
// Features of a dense intensity histogram (IBSI 1 ZVCW, section 3.4) that are not first-order statistics of the
// levels: mode, entropy, uniformity and the histogram gradient. counts[i − 1] = n_i, the number of voxels at
// discretised level i = 1..ng, zeros included (the gradient needs the non-sparse histogram); total = Σ n_i > 0.
#include <cmath>
#include <cstdint>

#include "common/hd.hpp"

namespace voxfeat::kernels {

/// TLU2: −Σ p_i log2 p_i over the non-empty levels.
VOXFEAT_HD inline double histogram_entropy(const std::uint64_t* counts, int ng, std::uint64_t total) {
  double h = 0.0;
  for (int i = 0; i < ng; ++i)
    if (counts[i] > 0) {
      const double p = double(counts[i]) / double(total);
      h -= p * log2(p);
    }
  return h;
}

/// BJ5W: Σ p_i².
VOXFEAT_HD inline double histogram_uniformity(const std::uint64_t* counts, int ng, std::uint64_t total) {
  double u = 0.0;
  for (int i = 0; i < ng; ++i) {
    const double p = double(counts[i]) / double(total);
    u += p * p;
  }
  return u;
}

/// AMMC: the level with the highest count; among equal counts the one closest to `mean` (the mean discretised
/// intensity), and of two equidistant ones the lower ("the bin to the left of the mean").
VOXFEAT_HD inline int histogram_mode(const std::uint64_t* counts, int ng, double mean) {
  int best = 0;
  for (int i = 1; i < ng; ++i) {
    if (counts[i] < counts[best]) continue;
    if (counts[i] > counts[best] || fabs(double(i + 1) - mean) < fabs(double(best + 1) - mean)) best = i;
  }
  return best + 1;
}

/// 12CE, 8E6O, VQB3, RHQZ: extremes of the gradient H'_1 = n_2 − n_1, H'_i = (n_{i+1} − n_{i−1}) / 2,
/// H'_Ng = n_Ng − n_{Ng−1}, and the levels where they occur (the lowest level when several tie). The gradient is
/// undefined for a single-level histogram (ng < 2): every field stays NaN.
struct HistogramGradientExtremes {
  double maximum = NAN;
  double maximum_level = NAN;
  double minimum = NAN;
  double minimum_level = NAN;
};

VOXFEAT_HD inline double histogram_gradient(const std::uint64_t* counts, int ng, int i /* 0-based */) {
  if (i == 0) return double(counts[1]) - double(counts[0]);
  if (i == ng - 1) return double(counts[ng - 1]) - double(counts[ng - 2]);
  return 0.5 * (double(counts[i + 1]) - double(counts[i - 1]));
}

VOXFEAT_HD inline HistogramGradientExtremes histogram_gradient_extremes(const std::uint64_t* counts, int ng) {
  HistogramGradientExtremes e;
  if (ng < 2) return e;
  int arg_max = 0, arg_min = 0;
  double g_max = histogram_gradient(counts, ng, 0), g_min = g_max;
  for (int i = 1; i < ng; ++i) {
    const double g = histogram_gradient(counts, ng, i);
    if (g > g_max) {
      g_max = g;
      arg_max = i;
    }
    if (g < g_min) {
      g_min = g;
      arg_min = i;
    }
  }
  e.maximum = g_max;
  e.maximum_level = double(arg_max + 1);
  e.minimum = g_min;
  e.minimum_level = double(arg_min + 1);
  return e;
}

}  // namespace voxfeat::kernels
