#include "microscopy/float_sort.hpp"

#include <array>

namespace voxfeat::kernels::microscopy {

void sort_float_keys(std::vector<std::uint32_t>& keys, std::vector<std::uint32_t>& scratch, std::vector<double>& out) {
  const std::size_t n = keys.size();
  std::array<std::array<std::uint32_t, 256>, 4> counts{};
  for (const std::uint32_t k : keys)
    for (int pass = 0; pass < 4; ++pass) ++counts[std::size_t(pass)][(k >> (8 * pass)) & 255u];
  scratch.resize(n);
  for (int pass = 0; pass < 4; ++pass) {
    auto& c = counts[std::size_t(pass)];
    if (n == 0 || c[(keys[0] >> (8 * pass)) & 255u] == n) continue;  // one bucket: the order is already right
    std::uint32_t offset = 0;
    for (std::uint32_t& bucket : c) {
      const std::uint32_t count = bucket;
      bucket = offset;
      offset += count;
    }
    for (const std::uint32_t k : keys) scratch[c[(k >> (8 * pass)) & 255u]++] = k;
    keys.swap(scratch);
  }
  out.resize(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = double(float_of_sort_key(keys[i]));
}

}  // namespace voxfeat::kernels::microscopy
