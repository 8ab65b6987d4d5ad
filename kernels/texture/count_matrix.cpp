#include "texture/count_matrix.hpp"

#include <algorithm>
#include <stdexcept>

namespace voxfeat::kernels::texture {

void CountMatrix::push_sorted(MatrixEntry entry) {
  if (entry.count == 0) return;
  m_entries.push_back(entry);
  m_total += entry.count;
}

CountMatrix CountMatrix::from_dense(std::uint32_t rows, std::uint32_t cols, std::span<const std::uint64_t> dense) {
  if (dense.size() != std::size_t(rows) * cols) throw std::invalid_argument("CountMatrix: dense size mismatch");
  CountMatrix m(rows, cols);
  for (std::uint32_t r = 0; r < rows; ++r)
    for (std::uint32_t c = 0; c < cols; ++c)
      if (const auto n = dense[std::size_t(r) * cols + c]) m.push_sorted({r, c, n});
  return m;
}

CountMatrix CountMatrix::from_codes(std::uint32_t rows, std::uint32_t cols, std::vector<std::uint64_t>& codes) {
  std::sort(codes.begin(), codes.end());
  CountMatrix m(rows, cols);
  for (std::size_t i = 0; i < codes.size();) {
    std::size_t j = i;
    while (j < codes.size() && codes[j] == codes[i]) ++j;
    m.push_sorted({std::uint32_t(codes[i] / cols), std::uint32_t(codes[i] % cols), std::uint64_t(j - i)});
    i = j;
  }
  return m;
}

void CountMatrix::merge(const CountMatrix& other) {
  if (other.m_entries.empty()) {
    m_rows = std::max(m_rows, other.m_rows), m_cols = std::max(m_cols, other.m_cols);
    return;
  }
  std::vector<MatrixEntry> merged;
  merged.reserve(m_entries.size() + other.m_entries.size());
  const auto key = [](const MatrixEntry& e) { return (std::uint64_t(e.row) << 32) | e.col; };
  auto a = m_entries.cbegin();
  auto b = other.m_entries.cbegin();
  while (a != m_entries.cend() || b != other.m_entries.cend()) {
    if (b == other.m_entries.cend() || (a != m_entries.cend() && key(*a) < key(*b))) {
      merged.push_back(*a++);
    } else if (a == m_entries.cend() || key(*b) < key(*a)) {
      merged.push_back(*b++);
    } else {
      merged.push_back({a->row, a->col, a->count + b->count});
      ++a, ++b;
    }
  }
  m_entries = std::move(merged);
  m_total += other.m_total;
  m_rows = std::max(m_rows, other.m_rows), m_cols = std::max(m_cols, other.m_cols);
}

}  // namespace voxfeat::kernels::texture
