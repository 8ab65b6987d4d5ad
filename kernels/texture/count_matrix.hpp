#pragma once
// The matrix type every texture family builds: integer counts, stored sparse (sorted non-zero entries), so that
// thousands of grey levels (fixed bin size over a wide HU range) never need a dense Ng×Ng array. Builders may count
// densely while Ng is small and convert; counts are integers, so merging is exact and order-independent: matrices
// are bit-identical for any thread count.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace voxfeat::kernels::texture {

struct MatrixEntry {
  std::uint32_t row = 0;    ///< 0-based: grey level i is row i − 1
  std::uint32_t col = 0;    ///< 0-based column (grey level, run length − 1, zone size − 1, distance − 1, ...)
  std::uint64_t count = 0;  ///< > 0
  friend bool operator==(const MatrixEntry&, const MatrixEntry&) = default;
};

class CountMatrix {
 public:
  CountMatrix() = default;
  CountMatrix(std::uint32_t rows, std::uint32_t cols) : m_rows(rows), m_cols(cols) {}

  /// From a dense row-major array of rows × cols counts.
  static CountMatrix from_dense(std::uint32_t rows, std::uint32_t cols, std::span<const std::uint64_t> dense);
  /// From a list of cell codes (row * cols + col), one per count; sorts `codes` in place. Memory O(codes).
  static CountMatrix from_codes(std::uint32_t rows, std::uint32_t cols, std::vector<std::uint64_t>& codes);

  /// Adds `other` (same shape, or either empty: shapes grow to the larger). Exact.
  void merge(const CountMatrix& other);

  [[nodiscard]] std::uint32_t rows() const { return m_rows; }
  [[nodiscard]] std::uint32_t cols() const { return m_cols; }
  [[nodiscard]] std::span<const MatrixEntry> entries() const { return m_entries; }  ///< sorted by (row, col)
  [[nodiscard]] std::uint64_t total() const { return m_total; }
  [[nodiscard]] bool empty() const { return m_total == 0; }
  friend bool operator==(const CountMatrix& a, const CountMatrix& b) {
    return a.m_rows == b.m_rows && a.m_cols == b.m_cols && a.m_entries == b.m_entries;
  }

  /// Appends an entry; entries must arrive sorted by (row, col) with distinct cells (builders' fast path).
  void push_sorted(MatrixEntry entry);

 private:
  std::uint32_t m_rows = 0, m_cols = 0;
  std::vector<MatrixEntry> m_entries;
  std::uint64_t m_total = 0;
};

}  // namespace voxfeat::kernels::texture
