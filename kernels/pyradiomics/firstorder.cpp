#include "pyradiomics/firstorder.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <vector>

#include "pyradiomics/binning.hpp"

namespace voxfeat::kernels::pyradiomics {
namespace {

/// numpy.percentile's default ("linear"): position (N − 1)·q between the order statistics.
double percentile(std::span<const double> sorted, double q) {
  const double position = (double(sorted.size()) - 1.0) * q;
  const auto below = std::size_t(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  const double t = position - double(below);
  return sorted[below] + t * (sorted[above] - sorted[below]);
}

double mean_of(std::span<const double> v) {
  double sum = 0.0;
  for (double x : v) sum += x;
  return sum / double(v.size());
}

}  // namespace

FirstOrderFeatures firstorder_features(std::span<const double> values, std::span<const double> sorted,
                                       const FirstOrderSettings& s) {
  if (values.empty() || sorted.size() != values.size())
    throw std::invalid_argument("PyRadiomics first order: no voxel, or sorted values that are not the values");
  const double n = double(values.size());
  FirstOrderFeatures f{};
  f.minimum = sorted.front();
  f.maximum = sorted.back();
  f.range = f.maximum - f.minimum;
  f.mean = mean_of(values);
  f.median = percentile(sorted, 0.5);
  f.p10 = percentile(sorted, 0.1);
  f.p90 = percentile(sorted, 0.9);
  f.interquartile_range = percentile(sorted, 0.75) - percentile(sorted, 0.25);

  double energy = 0.0, m2 = 0.0, m3 = 0.0, m4 = 0.0, mad = 0.0;
  for (double x : values) {
    const double shifted = x + s.voxel_array_shift, d = x - f.mean;
    energy += shifted * shifted;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
    mad += std::fabs(d);
  }
  m2 /= n, m3 /= n, m4 /= n;
  f.energy = energy;
  f.total_energy = energy * s.voxel_volume;
  f.root_mean_squared = std::sqrt(energy / n);
  f.variance = m2;
  f.mean_absolute_deviation = mad / n;
  f.skewness = m2 == 0.0 ? 0.0 : m3 / std::pow(m2, 1.5);
  f.kurtosis = m2 == 0.0 ? 0.0 : m4 / (m2 * m2);

  // Robust MAD: the values within [P10, P90] (inclusive), about their own mean.
  std::vector<double> robust;
  for (double x : values)
    if (x >= f.p10 && x <= f.p90) robust.push_back(x);
  const double robust_mean = mean_of(robust);
  double robust_mad = 0.0;
  for (double x : robust) robust_mad += std::fabs(x - robust_mean);
  f.robust_mean_absolute_deviation = robust_mad / double(robust.size());

  // Entropy and uniformity of the discretised histogram; eps as numpy's float64 spacing at 1.
  // The bins of pyradiomics/binning.hpp, as the texture classes use them.
  const auto edges = bin_edges(values, BinSettings{s.bin_width, s.bin_count});
  std::map<int, double> counts;
  for (double x : values) counts[digitize(x, edges)] += 1.0;
  constexpr double eps = 2.220446049250313e-16;
  f.entropy = 0.0;
  f.uniformity = 0.0;
  for (const auto& [bin, count] : counts) {
    const double p = count / n;
    f.entropy -= p * std::log2(p + eps);
    f.uniformity += p * p;
  }
  return f;
}

}  // namespace voxfeat::kernels::pyradiomics
