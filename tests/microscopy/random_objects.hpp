#pragma once
// Seeded random objects for the brute-force tests, as a 0/1 crop of their bounding box and as runs, placed at an
// offset in the plane: unions of random walks (thin, diagonal steps, often several parts) and random speckle
// (many holes, some open to the outside only diagonally).
#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "microscopy/object_pixels.hpp"

namespace voxfeat::test::microscopy {

using kernels::microscopy::BoundingBox;
using kernels::microscopy::RowRun;

struct RandomObject {
  std::int32_t rows = 0, cols = 0;
  std::vector<std::uint8_t> in;  // rows × cols
  std::vector<RowRun> runs;
  BoundingBox bbox;

  [[nodiscard]] bool at(std::int32_t r, std::int32_t c) const {
    return r >= 0 && r < rows && c >= 0 && c < cols && in[std::size_t(r * cols + c)];
  }
};

/// The set pixels of an n × n grid (at least one), cut to their box, at plane offset (100, 37).
inline RandomObject cut_to_box(const std::vector<std::uint8_t>& grid, std::int32_t n) {
  std::int32_t r0 = n, r1 = -1, c0 = n, c1 = -1;
  for (std::int32_t r = 0; r < n; ++r)
    for (std::int32_t c = 0; c < n; ++c)
      if (grid[std::size_t(r * n + c)])
        r0 = std::min(r0, r), r1 = std::max(r1, r), c0 = std::min(c0, c), c1 = std::max(c1, c);
  RandomObject o;
  o.rows = r1 - r0 + 1;
  o.cols = c1 - c0 + 1;
  const std::int32_t dr = 100, dc = 37;
  o.bbox = {dr, dc, dr + o.rows, dc + o.cols};
  o.in.assign(std::size_t(o.rows * o.cols), 0);
  for (std::int32_t r = 0; r < o.rows; ++r) {
    for (std::int32_t c = 0; c < o.cols; ++c) {
      const bool v = grid[std::size_t((r + r0) * n + c + c0)];
      o.in[std::size_t(r * o.cols + c)] = v;
      if (!v) continue;
      if (c > 0 && o.in[std::size_t(r * o.cols + c - 1)]) {
        o.runs.back().col_end++;
      } else {
        o.runs.push_back({r + dr, c + dc, c + dc + 1});
      }
    }
  }
  return o;
}

/// One to three random walks of 3n steps on an n × n grid, n in 4..17.
inline RandomObject random_object(std::uint32_t seed) {
  std::mt19937 rng(seed);
  const std::int32_t n = 4 + std::int32_t(rng() % 14);
  std::vector<std::uint8_t> grid(std::size_t(n * n), 0);
  const int walks = 1 + int(rng() % 3);
  for (int w = 0; w < walks; ++w) {
    std::int32_t r = std::int32_t(rng() % std::uint32_t(n)), c = std::int32_t(rng() % std::uint32_t(n));
    for (int step = 0; step < 3 * n; ++step) {
      grid[std::size_t(r * n + c)] = 1;
      r = std::clamp(r + std::int32_t(rng() % 3) - 1, 0, n - 1);
      c = std::clamp(c + std::int32_t(rng() % 3) - 1, 0, n - 1);
    }
  }
  return cut_to_box(grid, n);
}

/// Each pixel of an n × n grid (n in 3..24) set with probability 0.55..0.85.
inline RandomObject random_speckle(std::uint32_t seed) {
  std::mt19937 rng(seed);
  const std::int32_t n = 3 + std::int32_t(rng() % 22);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const double density = 0.55 + 0.3 * u(rng);
  std::vector<std::uint8_t> grid(std::size_t(n * n), 0);
  for (auto& g : grid) g = u(rng) < density;
  grid[std::size_t(n * n / 2)] = 1;
  return cut_to_box(grid, n);
}

}  // namespace voxfeat::test::microscopy
