#include "intensity/intensity_volume_histogram.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "intensity/discretisation.hpp"

namespace voxfeat::kernels {
namespace {

struct Range {
  double lo = 0.0;
  double hi = 0.0;
};

Range resolve_range(const IvhSettings& s, double roi_min, double roi_max) {
  const Range r{std::isnan(s.range_min) ? roi_min : s.range_min, std::isnan(s.range_max) ? roi_max : s.range_max};
  if (!(r.hi >= r.lo))
    throw std::invalid_argument("IVH range_max (" + std::to_string(r.hi) + ") is below range_min (" +
                                std::to_string(r.lo) + ")");
  return r;
}

// Levels first, first + step, ... up to `last` (a 1e-9 level slack absorbs the rounding of (last − first) / step).
int level_count_up_to(double first, double last, double step) {
  const double steps = std::floor((last - first) / step + 1e-9);
  if (!(steps < double(ivh_max_levels)))
    throw std::invalid_argument("the IVH range and bin size give more than " + std::to_string(ivh_max_levels) +
                                " levels; use a larger bin size");
  return steps < 0.0 ? 1 : int(steps) + 1;
}

// Where an intensity falls among the levels: -1 below level 0, k for level k ≤ x < level k+1, level_count or more
// above the last level (counted in N only). One function object per method, so that the per-voxel loop has no
// switch.
struct NoneIndexer {
  double lo, hi, w, slack;
  long long above;
  [[nodiscard]] long long operator()(double x) const {
    // Levels are lo + k w as computed in double; an intensity within 1e-9 w under a level counts as on it, so
    // that 0.3 sits on the level 0 + 3 · 0.1 = 0.30000000000000004 (the slack of level_count_up_to).
    if (x < lo - slack) return -1;
    if (x >= hi + w) return above;
    long long k = std::max(0LL, (long long)std::floor((x - lo) / w));
    while (k > 0 && x < lo + double(k) * w - slack) --k;
    while (x >= lo + double(k + 1) * w - slack) ++k;
    return std::min(k, above);
  }
};

struct FixedBinSizeIndexer {
  double lo, hi, w;
  long long above;
  [[nodiscard]] long long operator()(double x) const {
    if (x <= lo) return 0;  // discretisation puts values under X_min into bin 1
    if (x > hi) return above;
    return std::min<long long>(discretise_fixed_bin_size(x, lo, w) - 1, above);
  }
};

struct FixedBinNumberIndexer {
  double lo, hi;
  int bins;
  [[nodiscard]] long long operator()(double x) const {
    return discretise_fixed_bin_number(std::clamp(x, lo, hi), lo, hi, bins) - 1;
  }
};

struct LevelCounts {
  std::vector<std::uint64_t> counts;
  std::uint64_t below = 0;
  bool single_intensity = false;
};

template <class Indexer>
LevelCounts count_levels(std::span<const double> intensities, int level_count, const Indexer& index_of, double min,
                         double max) {
  LevelCounts c;
  c.counts.assign(std::size_t(level_count), 0);
  for (const double x : intensities) {
    const long long k = index_of(x);
    if (k < 0)
      ++c.below;
    else if (k < level_count)
      ++c.counts[std::size_t(k)];
  }
  // One discretised intensity in the whole ROI: the lowest and highest intensities share a level (or both lie
  // below / above G).
  c.single_intensity = index_of(min) == index_of(max);
  return c;
}

}  // namespace

IvhGrid ivh_grid(const IvhSettings& s, double roi_min, double roi_max) {
  const Range r = resolve_range(s, roi_min, roi_max);
  IvhGrid g;
  switch (s.discretisation) {
    case IvhDiscretisation::none:
      if (!(s.bin_size > 0.0)) throw std::invalid_argument("IVH bin_size must be positive");
      g.first_level = r.lo;
      g.step = s.bin_size;
      g.fraction_span = r.hi - r.lo;
      g.level_count = level_count_up_to(r.lo, r.hi, s.bin_size);
      break;
    case IvhDiscretisation::fixed_bin_size:
      if (!(s.bin_size > 0.0)) throw std::invalid_argument("IVH bin_size must be positive");
      // Bin centres: G = [X_min + w/2, X_max − w/2] (manual, continuous calibrated intensities).
      g.first_level = r.lo + 0.5 * s.bin_size;
      g.step = s.bin_size;
      g.fraction_span = (r.hi - 0.5 * s.bin_size) - g.first_level;
      g.level_count = level_count_up_to(g.first_level, r.hi - 0.5 * s.bin_size, s.bin_size);
      break;
    case IvhDiscretisation::fixed_bin_number:
      if (s.bin_number < 1 || s.bin_number > ivh_max_levels)
        throw std::invalid_argument("IVH bin_number must be between 1 and " + std::to_string(ivh_max_levels));
      g.first_level = 1.0;
      g.step = 1.0;
      g.fraction_span = double(s.bin_number - 1);
      g.level_count = s.bin_number;
      break;
  }
  return g;
}

IvhFeatures intensity_volume_histogram(std::span<const double> intensities, const IvhSettings& settings) {
  if (intensities.empty()) return {};
  const auto [min_it, max_it] = std::minmax_element(intensities.begin(), intensities.end());
  const double min = *min_it, max = *max_it;
  const IvhGrid grid = ivh_grid(settings, min, max);
  const Range r = resolve_range(settings, min, max);
  const long long above = grid.level_count;
  LevelCounts c;
  switch (settings.discretisation) {
    case IvhDiscretisation::none:
      c = count_levels(intensities, grid.level_count,
                       NoneIndexer{r.lo, r.hi, settings.bin_size, 1e-9 * settings.bin_size, above}, min, max);
      c.single_intensity = min == max;  // without discretisation, distinct intensities are distinct
      break;
    case IvhDiscretisation::fixed_bin_size:
      c = count_levels(intensities, grid.level_count, FixedBinSizeIndexer{r.lo, r.hi, settings.bin_size, above}, min,
                       max);
      break;
    case IvhDiscretisation::fixed_bin_number:
      c = count_levels(intensities, grid.level_count, FixedBinNumberIndexer{r.lo, r.hi, settings.bin_number}, min,
                       max);
      break;
  }
  return ivh_features(c.counts.data(), grid, c.below, std::uint64_t(intensities.size()), c.single_intensity);
}

}  // namespace voxfeat::kernels
