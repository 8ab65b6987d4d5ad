#include "intensity/intensity_histogram.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace voxfeat::kernels {

std::vector<std::uint64_t> level_histogram(const View3<std::int32_t>& levels, int level_count) {
  std::vector<std::uint64_t> counts(std::size_t(std::max(level_count, 0)), 0);
  const std::size_t n = levels.voxel_count();
  for (std::size_t k = 0; k < n; ++k) {
    const std::int32_t level = levels.data[k];
    if (level <= 0) {
      if (level < 0) throw std::invalid_argument("discretised level " + std::to_string(level) + " is negative");
      continue;
    }
    if (std::size_t(level) > counts.size()) counts.resize(std::size_t(level), 0);
    ++counts[std::size_t(level) - 1];
  }
  return counts;
}

IntensityHistogramFeatures intensity_histogram_features(std::span<const std::uint64_t> counts) {
  IntensityHistogramFeatures out;
  std::uint64_t total = 0;
  for (const std::uint64_t c : counts) total += c;
  if (total == 0) return out;

  // The first-order formulas take the non-empty levels only (SortedSample needs every count ≥ 1).
  std::vector<double> present_levels;
  std::vector<std::uint64_t> present_counts;
  for (std::size_t i = 0; i < counts.size(); ++i)
    if (counts[i] > 0) {
      present_levels.push_back(double(i + 1));
      present_counts.push_back(counts[i]);
    }
  out.first_order =
      first_order_features(SortedSample{present_levels.data(), present_counts.data(), present_levels.size()});

  const int ng = int(counts.size());
  out.mode = double(histogram_mode(counts.data(), ng, out.first_order.mean));
  out.entropy = histogram_entropy(counts.data(), ng, total);
  out.uniformity = histogram_uniformity(counts.data(), ng, total);
  out.gradient = histogram_gradient_extremes(counts.data(), ng);
  return out;
}

}  // namespace voxfeat::kernels
