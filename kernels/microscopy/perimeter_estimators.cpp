#include "microscopy/perimeter_estimators.hpp"

#include <stdexcept>

#include "microscopy/perimeter_formulas.hpp"

namespace voxfeat::kernels::microscopy {

namespace {

constexpr std::uint8_t k_border_4 = 1, k_border_8 = 2;

// Σ count·weight over pattern values: skimage's bincount and dot product.
double weigh(const std::array<std::uint64_t, 50>& counts) {
  double perimeter = 0.0;
  for (int v = 0; v < 50; ++v) perimeter += double(counts[std::size_t(v)]) * benkrid_weight(v);
  return perimeter;
}

// Border flags (bits k_border_4, k_border_8 as asked in `which`), then the pattern value histogram of each.
template <std::uint8_t which>
std::array<std::array<std::uint64_t, 50>, 2> pattern_counts(const BinaryCrop& mask, std::vector<std::uint8_t>& border) {
  if (mask.padding < 1) throw std::invalid_argument("benkrid perimeter: the mask needs a padding of at least 1");
  const std::ptrdiff_t w = mask.cols;
  const std::uint8_t* m = mask.pixels.data();
  border.assign(mask.pixels.size(), 0);
  std::uint8_t* b = border.data();
  for (std::int32_t r = 1; r + 1 < mask.rows; ++r) {
    for (std::ptrdiff_t i = r * w + 1, end = r * w + w - 1; i < end; ++i) {
      if (!m[i]) continue;
      const bool cross = m[i - w] & m[i + w] & m[i - 1] & m[i + 1];
      std::uint8_t flags = cross ? 0 : k_border_4;
      if constexpr ((which & k_border_8) != 0) {
        const bool diagonals = m[i - w - 1] & m[i - w + 1] & m[i + w - 1] & m[i + w + 1];
        if (!(cross && diagonals)) flags |= k_border_8;
      }
      b[i] = flags & which;
    }
  }
  std::array<std::array<std::uint64_t, 50>, 2> counts{};
  for (std::int32_t r = 1; r + 1 < mask.rows; ++r) {
    for (std::ptrdiff_t i = r * w + 1, end = r * w + w - 1; i < end; ++i) {
      if (!b[i]) continue;
      for (const std::uint8_t bit : {k_border_4, k_border_8}) {
        if (!(b[i] & bit)) continue;
        const auto on = [&](std::ptrdiff_t j) { return int((b[j] & bit) != 0); };
        const int edges = on(i - w) + on(i + w) + on(i - 1) + on(i + 1);
        const int corners = on(i - w - 1) + on(i - w + 1) + on(i + w - 1) + on(i + w + 1);
        ++counts[bit == k_border_4 ? 0 : 1][std::size_t(1 + 2 * edges + 10 * corners)];
      }
    }
  }
  return counts;
}

}  // namespace

BenkridPerimeters benkrid_perimeters(const BinaryCrop& mask, std::vector<std::uint8_t>& border) {
  const auto counts = pattern_counts<k_border_4 | k_border_8>(mask, border);
  return {weigh(counts[0]), weigh(counts[1])};
}

double benkrid_perimeter_4(const BinaryCrop& mask, std::vector<std::uint8_t>& border) {
  return weigh(pattern_counts<k_border_4>(mask, border)[0]);
}

std::array<std::uint64_t, 16> window_code_counts(const BinaryCrop& mask) {
  if (mask.padding < 1) throw std::invalid_argument("window_code_counts: the mask needs a padding of at least 1");
  std::array<std::uint64_t, 16> counts{};
  const std::size_t w = std::size_t(mask.cols);
  for (std::int32_t r = 0; r + 1 < mask.rows; ++r) {
    const std::uint8_t* top = mask.pixels.data() + std::size_t(r) * w;
    const std::uint8_t* bottom = top + w;
    for (std::size_t c = 0; c + 1 < w; ++c)
      ++counts[std::size_t(window_code(top[c], top[c + 1], bottom[c], bottom[c + 1]))];
  }
  return counts;
}

double crofton_perimeter(const std::array<std::uint64_t, 16>& codes) {
  double perimeter = 0.0;
  for (int code = 0; code < 16; ++code) perimeter += double(codes[std::size_t(code)]) * crofton_weight(code);
  return perimeter;
}

std::int64_t euler_number(const std::array<std::uint64_t, 16>& codes) {
  std::int64_t chi = 0;
  for (int code = 0; code < 16; ++code) chi += std::int64_t(codes[std::size_t(code)]) * euler_weight_8(code);
  return chi;
}

}  // namespace voxfeat::kernels::microscopy
