// The seeded synthetic microscopy images (engine/src/demo/synthetic_cells.cpp): deterministic, the same pixels
// whichever row bands make them (the 16k × 16k stress image is made band by band), and what the benchmark needs:
// about 600 cells on 1024², densely packed and touching, a textured intensity.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <vector>

#include "demo/synthetic_cells.hpp"

namespace voxfeat::test {
namespace {

using detail::SyntheticCells;
using detail::SyntheticCellsSpec;

TEST(SyntheticCells, BandsGiveTheWholePlanesPixels) {
  const SyntheticCells cells({.width = 300, .height = 257, .cells = 60, .seed = 7});
  std::vector<std::uint32_t> labels;
  std::vector<float> intensities;
  cells.fill(labels, intensities);
  for (const std::int32_t band : {1, 7, 64, 100}) {
    std::vector<std::uint32_t> l(labels.size());
    std::vector<float> v(intensities.size());
    for (std::int32_t row = 0; row < 257; row += band) {
      const std::int32_t rows = std::min(band, 257 - row);
      const std::size_t at = std::size_t(row) * 300, n = std::size_t(rows) * 300;
      cells.fill_rows(row, rows, std::span(l).subspan(at, n), std::span(v).subspan(at, n));
    }
    EXPECT_EQ(l, labels) << "bands of " << band;
    EXPECT_EQ(v, intensities) << "bands of " << band;
  }
  std::vector<std::uint32_t> again;
  std::vector<float> again_v;
  SyntheticCells({.width = 300, .height = 257, .cells = 60, .seed = 7}).fill(again, again_v);
  EXPECT_EQ(again, labels);
  SyntheticCells({.width = 300, .height = 257, .cells = 60, .seed = 8}).fill(again, again_v);
  EXPECT_NE(again, labels);
}

TEST(SyntheticCells, BenchmarkImageHasAboutSixHundredPackedTexturedCells) {
  const SyntheticCells cells(SyntheticCellsSpec{});  // 1024², 600 cells, radius 10–40
  std::vector<std::uint32_t> labels;
  std::vector<float> intensities;
  cells.fill(labels, intensities);
  const std::set<std::uint32_t> present(labels.begin(), labels.end());
  const std::size_t objects = present.size() - (present.count(0) ? 1 : 0);
  EXPECT_GE(objects, 550u);
  EXPECT_LE(objects, 600u);
  const auto background = std::count(labels.begin(), labels.end(), 0u);
  const double covered = 1.0 - double(background) / double(labels.size());
  EXPECT_GT(covered, 0.4);
  EXPECT_LT(covered, 0.95);
  // Touching cells: horizontally adjacent pixels of two different cells.
  std::size_t contacts = 0;
  for (std::size_t k = 0; k + 1 < labels.size(); ++k) {
    if ((k + 1) % 1024 != 0 && labels[k] != 0 && labels[k + 1] != 0 && labels[k] != labels[k + 1]) ++contacts;
  }
  EXPECT_GT(contacts, 1000u);
  // Textured: intensities inside one cell are not constant.
  std::set<float> in_cell;
  for (std::size_t k = 0; k < labels.size(); ++k)
    if (labels[k] == labels[labels.size() / 2] && labels[k] != 0) in_cell.insert(intensities[k]);
  EXPECT_GT(in_cell.size(), 50u);
}

TEST(SyntheticCells, RefusesBadSpecsAndRows) {
  EXPECT_THROW(SyntheticCells({.width = 0}), std::invalid_argument);
  EXPECT_THROW(SyntheticCells({.cells = 0}), std::invalid_argument);
  EXPECT_THROW(SyntheticCells({.radius_min = 5, .radius_max = 4}), std::invalid_argument);
  const SyntheticCells cells({.width = 10, .height = 10, .cells = 2});
  std::vector<std::uint32_t> l(30);
  EXPECT_THROW(cells.fill_rows(8, 3, l, {}), std::invalid_argument);
  EXPECT_THROW(cells.fill_rows(0, 2, l, {}), std::invalid_argument);  // 30 values for 2 rows of 10
}

}  // namespace
}  // namespace voxfeat::test
