#pragma once
// The last row of every label of a plane, from a labels-only pass. A streaming measurement cannot otherwise tell
// an object that has ended from one whose label appears again further down (a label in two parts far apart is
// one object): this pass tells it, so that each object is measured once, whole, and handed out once.
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

namespace voxfeat::kernels::microscopy {

/// Labels present in a plane (label 0, background, excluded), increasing, with the last row each appears in.
struct LabelLastRows {
  std::vector<std::uint32_t> labels;
  std::vector<std::int32_t> last_row;  ///< last_row[i] of labels[i]

  /// Index of `label` in `labels`; std::runtime_error when absent (a plane that changed between passes).
  [[nodiscard]] std::size_t index_of(std::uint32_t label) const;
};

/// Fed the label rows in raster order, like ObjectCollector.
class LastRowScanner {
 public:
  explicit LastRowScanner(std::int32_t width);

  /// Rows [first_row, first_row + rows), row-major, `width` labels each, in order (std::invalid_argument
  /// otherwise).
  void add_rows(std::int32_t first_row, std::span<const std::uint32_t> labels, std::int32_t rows);

  /// Every label seen, the scanner left empty.
  [[nodiscard]] LabelLastRows finish();

 private:
  std::int32_t m_width;
  std::int32_t m_next_row = 0;
  std::unordered_map<std::uint32_t, std::int32_t> m_last_row;
};

}  // namespace voxfeat::kernels::microscopy
