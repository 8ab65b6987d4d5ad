#include "intensity/intensity_statistics.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace voxfeat::kernels {
namespace {

IntensityStatistics statistics_of(const SortedSample& s, std::uint64_t n) {
  IntensityStatistics out;
  out.first_order = first_order_features(s);
  CompensatedSum energy;  // blocked like the moments (moments.hpp)
  for (std::size_t b = 0; b < s.size; b += kMomentBlock) {
    const std::size_t e = std::min(s.size, b + kMomentBlock);
    double block = 0.0;
    for (std::size_t j = b; j < e; ++j) block += double(s.count(j)) * s.values[j] * s.values[j];
    energy.add(block);
  }
  out.energy = energy.value();
  out.root_mean_square = std::sqrt(out.energy / double(n));
  return out;
}

}  // namespace

IntensityStatistics intensity_statistics(std::span<const double> sorted) {
  if (sorted.empty()) return {};
  return statistics_of(SortedSample{sorted.data(), nullptr, sorted.size()}, sorted.size());
}

std::optional<IntensityStatistics> intensity_statistics_counting(std::span<const double> intensities) {
  if (intensities.empty()) return IntensityStatistics{};
  // Integers well inside the int64 range convert exactly; the bound also keeps max − min from overflowing.
  constexpr double limit = 4503599627370496.0;  // 2^52
  std::int64_t lo = 0, hi = 0;
  bool integral = true;
  for (std::size_t i = 0; i < intensities.size(); ++i) {
    const double x = intensities[i];
    if (!(x > -limit && x < limit)) return std::nullopt;
    const auto v = std::int64_t(x);
    integral &= double(v) == x;
    if (i == 0 || v < lo) lo = v;
    if (i == 0 || v > hi) hi = v;
  }
  const std::uint64_t span = std::uint64_t(hi - lo) + 1;
  if (!integral || span > 2 * std::uint64_t(intensities.size()) + 65536) return std::nullopt;

  std::vector<std::uint64_t> histogram(span, 0);
  for (const double x : intensities) ++histogram[std::size_t(std::int64_t(x) - lo)];
  std::vector<double> values;
  std::vector<std::uint64_t> counts;
  for (std::size_t k = 0; k < histogram.size(); ++k)
    if (histogram[k] > 0) {
      values.push_back(double(lo + std::int64_t(k)));
      counts.push_back(histogram[k]);
    }
  return statistics_of(SortedSample{values.data(), counts.data(), values.size()}, intensities.size());
}

}  // namespace voxfeat::kernels
