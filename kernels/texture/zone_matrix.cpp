#include "texture/zone_matrix.hpp"

#include <algorithm>
#include <stdexcept>

namespace voxfeat::kernels::texture {

ZoneMatrix zone_matrix(std::span<const Zone> zones, int level_count, ZoneColumn column) {
  ZoneMatrix m;
  std::uint32_t rows = std::uint32_t(std::max(level_count, 0)), cols = 0;
  const auto col_of = [column](const Zone& z) {
    return column == ZoneColumn::size ? z.size - 1 : std::max(z.distance, 1u) - 1;
  };
  for (const Zone& z : zones) {
    m.voxels += z.size;
    rows = std::max(rows, std::uint32_t(z.level));
    cols = std::max(cols, col_of(z) + 1);
  }
  if (zones.empty()) {
    m.counts = CountMatrix(rows, cols);
    return m;
  }
  constexpr std::uint64_t dense_limit = std::uint64_t(1) << 20;
  if (std::uint64_t(rows) * cols <= dense_limit) {
    std::vector<std::uint64_t> dense(std::size_t(rows) * cols, 0);
    for (const Zone& z : zones) ++dense[std::size_t(z.level - 1) * cols + col_of(z)];
    m.counts = CountMatrix::from_dense(rows, cols, dense);
  } else {
    std::vector<std::uint64_t> codes;
    codes.reserve(zones.size());
    for (const Zone& z : zones) codes.push_back(std::uint64_t(z.level - 1) * cols + col_of(z));
    m.counts = CountMatrix::from_codes(rows, cols, codes);
  }
  return m;
}

void zone_matrix_features(const ZoneMatrix& matrix, std::span<double> out) {
  if (out.size() != size_zone_feature_count) throw std::invalid_argument("zone_matrix_features: wrong output size");
  const auto entries = matrix.counts.entries();
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
                     matrix.counts.total(), matrix.voxels, out.data());
}

}  // namespace voxfeat::kernels::texture
