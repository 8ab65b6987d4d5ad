#include "texture/zone_matrix.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace voxfeat::kernels::texture {

ZoneMatrix zone_matrix(std::span<const Zone> zones, int level_count, ZoneColumn column) {
  ZoneMatrix m;
  std::uint32_t rows = std::uint32_t(std::max(level_count, 0)), cols = 0;
  for (const Zone& z : zones) {
    m.voxels += z.size;
    rows = std::max(rows, std::uint32_t(z.level));
    cols = std::max(cols, zone_column(z.size, z.distance, column) + 1);
  }
  if (zones.empty()) {
    m.counts = CountMatrix(rows, cols);
    return m;
  }
  // Most zones are small: columns below `split` are counted densely (rows × split ≤ 2^16 cells, 512 KiB), the few
  // larger zones as cell codes (memory O(zones)).
  const std::uint32_t split = zone_dense_columns(rows, cols);
  std::vector<std::uint64_t> dense(std::size_t(rows) * split, 0);
  std::vector<std::uint64_t> codes;
  for (const Zone& z : zones) {
    const std::uint32_t c = zone_column(z.size, z.distance, column);
    if (c < split) ++dense[std::size_t(z.level - 1) * split + c];
    else codes.push_back(std::uint64_t(z.level - 1) * cols + c);
  }
  m.counts = zone_counts(rows, cols, split, dense, codes);
  return m;
}

CountMatrix zone_counts(std::uint32_t rows, std::uint32_t cols, std::uint32_t split,
                        std::span<const std::uint64_t> dense, std::span<std::uint64_t> codes) {
  if (dense.size() != std::size_t(rows) * split) throw std::invalid_argument("zone_counts: wrong dense size");
  // Each row's dense cells precede its coded ones, so the entries come out in (row, col) order without sorting
  // every zone.
  std::sort(codes.begin(), codes.end());
  CountMatrix counts(rows, cols);
  std::size_t k = 0;
  const auto push_codes_below = [&](std::uint64_t code_end) {
    while (k < codes.size() && codes[k] < code_end) {
      std::size_t j = k;
      while (j < codes.size() && codes[j] == codes[k]) ++j;
      counts.push_sorted({std::uint32_t(codes[k] / cols), std::uint32_t(codes[k] % cols), std::uint64_t(j - k)});
      k = j;
    }
  };
  if (split > 0)  // then rows ≤ 2^16
    for (std::uint32_t r = 0; r < rows; ++r) {
      for (std::uint32_t c = 0; c < split; ++c)
        if (const std::uint64_t n = dense[std::size_t(r) * split + c]) counts.push_sorted({r, c, n});
      push_codes_below(std::uint64_t(r + 1) * cols);
    }
  push_codes_below(std::numeric_limits<std::uint64_t>::max());
  return counts;
}

void zone_matrix_features(const ZoneMatrix& matrix, std::span<double> out) {
  size_matrix_features(matrix.counts, matrix.voxels, out);
}

void size_matrix_features(const CountMatrix& counts, std::uint64_t voxel_count, std::span<double> out) {
  if (out.size() != size_zone_feature_count) throw std::invalid_argument("size_matrix_features: wrong output size");
  const auto entries = counts.entries();
  // Marginals from the sparse entries: rows arrive sorted; columns are summed after sorting by column.
  std::vector<MarginalEntry> rows, cols;
  std::vector<std::pair<std::uint32_t, std::uint64_t>> by_col;
  by_col.reserve(entries.size());
  for (const MatrixEntry& e : entries) {
    if (rows.empty() || rows.back().index != e.row) rows.push_back({e.row, 0});
    rows.back().count += e.count;
    by_col.emplace_back(e.col, e.count);
  }
  std::sort(by_col.begin(), by_col.end());
  for (const auto& [c, n] : by_col) {
    if (cols.empty() || cols.back().index != c) cols.push_back({c, 0});
    cols.back().count += n;
  }
  size_zone_features(entries.data(), entries.size(), rows.data(), rows.size(), cols.data(), cols.size(),
                     counts.total(), voxel_count, out.data());
}

}  // namespace voxfeat::kernels::texture
