#pragma once
// Shared by the PyRadiomics texture class tests: the baseline comparison of one class and column; brain1's grey
// levels as PyRadiomics' texture classes see them in the default configuration (label 1, binWidth 25:
// tests/data/pyradiomics/README.md); small hand-made grey level boxes; and the comparison of a matrix with
// PyRadiomics' .npy matrices, which keep only present grey levels and present columns (radiomics/glszm.py and
// gldm.py delete the empty ones).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "pyradiomics/binning.hpp"
#include "support/pyradiomics_baseline.hpp"
#include "support/pyradiomics_texture.hpp"
#include "support/test_paths.hpp"
#include "texture/count_matrix.hpp"

namespace voxfeat::test {

/// EXPECT that brain1, extracted with the parameter file of baseline column `column` and `feature_class` alone,
/// gives the baseline's `feature_count` features of that class.
inline void expect_brain1_baseline(const std::string& feature_class, const std::string& column,
                                   std::size_t feature_count) {
  const auto row = extract_brain1(pyradiomics_config(column, feature_class));
  EXPECT_EQ(pyradiomics_baseline(feature_class, column).size(), feature_count);
  expect_baseline(row, feature_class, column);
}

/// A box of grey levels written x fastest, then y, then z; 0 is outside the ROI.
inline kernels::pyradiomics::GreyLevels levels_of(std::array<std::size_t, 3> extent, std::vector<std::int32_t> levels) {
  kernels::pyradiomics::GreyLevels g;
  g.extent = extent;
  g.levels = std::move(levels);
  for (const std::int32_t level : g.levels)
    if (level > 0) {
      ++g.voxel_count;
      if (std::find(g.present.begin(), g.present.end(), level) == g.present.end()) g.present.push_back(level);
    }
  std::sort(g.present.begin(), g.present.end());
  g.ng = g.present.empty() ? 0 : g.present.back();
  return g;
}

/// The 5 × 5 image (one slice, rows y = 0..4) of the class docstrings of radiomics/glszm.py and radiomics/gldm.py.
inline kernels::pyradiomics::GreyLevels docstring_levels() {
  return levels_of({5, 5, 1}, {5, 2, 5, 4, 4,  //
                               3, 3, 3, 1, 3,  //
                               2, 1, 1, 1, 3,  //
                               4, 2, 2, 2, 3,  //
                               3, 5, 3, 3, 2});
}

/// `matrix` (row i − 1, column j − 1) with its empty rows and columns deleted, row-major, and its shape.
struct CompactMatrix {
  std::size_t rows = 0, cols = 0;
  std::vector<double> values;
};

inline CompactMatrix compacted(const kernels::texture::CountMatrix& matrix) {
  std::vector<std::uint32_t> rows, cols;
  for (const auto& e : matrix.entries()) rows.push_back(e.row), cols.push_back(e.col);
  for (auto* v : {&rows, &cols}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  CompactMatrix c{rows.size(), cols.size(), std::vector<double>(rows.size() * cols.size(), 0.0)};
  for (const auto& e : matrix.entries()) {
    const auto r = std::size_t(std::lower_bound(rows.begin(), rows.end(), e.row) - rows.begin());
    const auto k = std::size_t(std::lower_bound(cols.begin(), cols.end(), e.col) - cols.begin());
    c.values[r * cols.size() + k] = double(e.count);
  }
  return c;
}

/// EXPECT the compacted `matrix` to equal PyRadiomics' `npy` element by element (counts: exact).
inline void expect_matches_npy(const kernels::texture::CountMatrix& matrix, const NpyArray& npy) {
  const CompactMatrix c = compacted(matrix);
  ASSERT_EQ(npy.shape, (std::vector<std::size_t>{c.rows, c.cols}));
  for (std::size_t r = 0; r < c.rows; ++r)
    for (std::size_t k = 0; k < c.cols; ++k)
      EXPECT_EQ(c.values[r * c.cols + k], npy.at({r, k})) << "row " << r << ", column " << k;
}

}  // namespace voxfeat::test
