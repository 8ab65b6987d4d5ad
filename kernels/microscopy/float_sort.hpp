#pragma once
// Sorting an object's float intensities, as doubles, for the order statistics. A least-significant-digit radix
// sort on the floats' bit patterns (made monotonic: sign bit flipped for positives, all bits for negatives) costs
// a few passes over the values, about a third of std::sort's comparisons and branch misses for the few hundred
// values of a typical cell; a pass whose byte is the same for every value (common for the top byte) is skipped.
#include <bit>
#include <cstdint>
#include <span>
#include <vector>

namespace voxfeat::kernels::microscopy {

/// The values of `keys` (monotonic bit patterns, float_sort_key) sorted ascending into `out` as doubles.
/// `keys` is reordered; `scratch` is a buffer.
void sort_float_keys(std::vector<std::uint32_t>& keys, std::vector<std::uint32_t>& scratch, std::vector<double>& out);

/// A float's bit pattern, mapped so that unsigned order is numeric order (−0 just before +0; NaN beyond ±∞).
inline std::uint32_t float_sort_key(float v) {
  const auto u = std::bit_cast<std::uint32_t>(v);
  return (u >> 31) ? ~u : (u | 0x80000000u);
}

inline float float_of_sort_key(std::uint32_t key) {
  return std::bit_cast<float>((key >> 31) ? (key & 0x7fffffffu) : ~key);
}

}  // namespace voxfeat::kernels::microscopy
