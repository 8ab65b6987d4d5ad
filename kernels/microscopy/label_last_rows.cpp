#include "microscopy/label_last_rows.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace voxfeat::kernels::microscopy {

std::size_t LabelLastRows::index_of(std::uint32_t label) const {
  const auto it = std::lower_bound(labels.begin(), labels.end(), label);
  if (it == labels.end() || *it != label)
    throw std::runtime_error("label " + std::to_string(label) + " was not in the plane's first pass");
  return std::size_t(it - labels.begin());
}

LastRowScanner::LastRowScanner(std::int32_t width) : m_width(width) {
  if (width <= 0) throw std::invalid_argument("LastRowScanner: width must be positive");
}

void LastRowScanner::add_rows(std::int32_t first_row, std::span<const std::uint32_t> labels, std::int32_t rows) {
  if (first_row != m_next_row || rows < 0 || labels.size() != std::size_t(rows) * std::size_t(m_width))
    throw std::invalid_argument("LastRowScanner: rows must arrive in order, width labels each; expected row " +
                                std::to_string(m_next_row) + ", got " + std::to_string(first_row));
  for (std::int32_t r = 0; r < rows; ++r) {
    const std::uint32_t* row = labels.data() + std::size_t(r) * std::size_t(m_width);
    // One lookup per run, not per pixel, and none for a run whose label was the last one seen in this row.
    std::uint32_t previous = 0;
    for (std::int32_t x = 0; x < m_width; ++x) {
      const std::uint32_t label = row[x];
      if (label == 0 || label == previous) continue;
      previous = label;
      m_last_row[label] = first_row + r;
    }
  }
  m_next_row = first_row + rows;
}

LabelLastRows LastRowScanner::finish() {
  LabelLastRows out;
  std::vector<std::pair<std::uint32_t, std::int32_t>> sorted(m_last_row.begin(), m_last_row.end());
  std::sort(sorted.begin(), sorted.end());
  out.labels.reserve(sorted.size());
  out.last_row.reserve(sorted.size());
  for (const auto& [label, row] : sorted) {
    out.labels.push_back(label);
    out.last_row.push_back(row);
  }
  *this = LastRowScanner(m_width);
  return out;
}

}  // namespace voxfeat::kernels::microscopy
