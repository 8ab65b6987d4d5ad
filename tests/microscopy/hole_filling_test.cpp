// The run-based hole filling against a pixel flood fill (skimage's definition: background not 8-connected to the
// outside of the crop is hole), and the Euler number against counting components, on random objects.
#include <gtest/gtest.h>

#include <vector>

#include "microscopy/hole_filling.hpp"
#include "microscopy/perimeter_estimators.hpp"
#include "microscopy/random_objects.hpp"

namespace voxfeat::kernels::microscopy {
namespace {

using test::microscopy::random_object;
using test::microscopy::random_speckle;
using test::microscopy::RandomObject;

// Pixels of the padded crop reachable from its frame through `background` pixels with the given neighbours.
std::vector<std::uint8_t> flood(const RandomObject& o, bool background, bool eight) {
  const std::int32_t rows = o.rows + 2, cols = o.cols + 2;
  const auto is_open = [&](std::int32_t r, std::int32_t c) { return o.at(r - 1, c - 1) != background; };
  std::vector<std::uint8_t> seen(std::size_t(rows * cols), 0);
  std::vector<std::int32_t> stack{0};
  seen[0] = 1;
  while (!stack.empty()) {
    const std::int32_t i = stack.back();
    stack.pop_back();
    for (std::int32_t dr = -1; dr <= 1; ++dr)
      for (std::int32_t dc = -1; dc <= 1; ++dc) {
        if ((dr == 0 && dc == 0) || (!eight && dr != 0 && dc != 0)) continue;
        const std::int32_t r = i / cols + dr, c = i % cols + dc;
        if (r < 0 || r >= rows || c < 0 || c >= cols || seen[std::size_t(r * cols + c)] || !is_open(r, c)) continue;
        seen[std::size_t(r * cols + c)] = 1;
        stack.push_back(r * cols + c);
      }
  }
  return seen;
}

// Connected components of the object's pixels (8-connected) or of the holes (4-connected background not
// reached from the outside).
int components(const RandomObject& o, bool object) {
  const std::int32_t rows = o.rows + 2, cols = o.cols + 2;
  const std::vector<std::uint8_t> outside = flood(o, true, false);
  std::vector<std::uint8_t> seen(std::size_t(rows * cols), 0);
  int count = 0;
  for (std::int32_t start = 0; start < rows * cols; ++start) {
    const bool member = object ? o.at(start / cols - 1, start % cols - 1)
                               : !o.at(start / cols - 1, start % cols - 1) && !outside[std::size_t(start)];
    if (!member || seen[std::size_t(start)]) continue;
    ++count;
    std::vector<std::int32_t> stack{start};
    seen[std::size_t(start)] = 1;
    while (!stack.empty()) {
      const std::int32_t i = stack.back();
      stack.pop_back();
      for (std::int32_t dr = -1; dr <= 1; ++dr)
        for (std::int32_t dc = -1; dc <= 1; ++dc) {
          if ((dr == 0 && dc == 0) || (!object && dr != 0 && dc != 0)) continue;
          const std::int32_t r = i / cols + dr, c = i % cols + dc;
          if (r < 0 || r >= rows || c < 0 || c >= cols || seen[std::size_t(r * cols + c)]) continue;
          const bool in = o.at(r - 1, c - 1);
          if (object ? !in : (in || outside[std::size_t(r * cols + c)])) continue;
          seen[std::size_t(r * cols + c)] = 1;
          stack.push_back(r * cols + c);
        }
    }
  }
  return count;
}

TEST(HoleFilling, MatchesAPixelFloodFill) {
  HoleScratch scratch;
  int with_holes = 0;
  for (std::uint32_t seed = 1; seed <= 400; ++seed) {
    const RandomObject o = seed % 2 ? random_speckle(seed) : random_object(seed);
    const std::vector<std::uint8_t> outside = flood(o, true, true);
    std::uint64_t reached_in_crop = 0;
    for (std::int32_t r = 0; r < o.rows; ++r)
      for (std::int32_t c = 0; c < o.cols; ++c) reached_in_crop += outside[std::size_t((r + 1) * (o.cols + 2) + c + 1)];
    const std::uint64_t expected = std::uint64_t(o.rows * o.cols) - reached_in_crop;
    std::uint64_t area = 0;
    for (const auto v : o.in) area += v;
    with_holes += expected > area;
    ASSERT_EQ(filled_area(o.bbox, o.runs, scratch), expected) << "seed " << seed;
  }
  EXPECT_GT(with_holes, 50);  // the speckle has holes to find
}

TEST(EulerNumber, IsObjectsMinusFourConnectedHoles) {
  BinaryCrop mask;
  for (std::uint32_t seed = 1; seed <= 400; ++seed) {
    const RandomObject o = seed % 2 ? random_speckle(seed) : random_object(seed);
    fill_object_mask(o.bbox, o.runs, 1, mask);
    ASSERT_EQ(euler_number(window_code_counts(mask)), components(o, true) - components(o, false)) << "seed " << seed;
  }
}

}  // namespace
}  // namespace voxfeat::kernels::microscopy
