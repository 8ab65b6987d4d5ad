#pragma once
// A sorted sample, optionally run-length weighted: the one input shape of the first-order formulas. The
// intensity-based statistics pass the sorted ROI intensities (each once); the intensity histogram passes its
// non-empty levels with their counts. Both then share one definition of every moment and percentile.
#include <cstddef>
#include <cstdint>

#include "common/hd.hpp"

namespace voxfeat::kernels {

/// values[0..size) strictly or non-strictly ascending; value j occurs counts[j] ≥ 1 times (counts == nullptr: once).
struct SortedSample {
  const double* values = nullptr;
  const std::uint64_t* counts = nullptr;
  std::size_t size = 0;

  VOXFEAT_HD std::uint64_t count(std::size_t j) const { return counts ? counts[j] : 1; }
};

/// Number of observations in entries [begin, end).
VOXFEAT_HD inline std::uint64_t observation_count(const SortedSample& s, std::size_t begin, std::size_t end) {
  if (!s.counts) return end - begin;
  std::uint64_t n = 0;
  for (std::size_t j = begin; j < end; ++j) n += s.counts[j];
  return n;
}

}  // namespace voxfeat::kernels
