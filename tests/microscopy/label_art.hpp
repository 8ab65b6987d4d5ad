#pragma once
// Tiny label planes drawn as text for the microscopy kernel tests: one string per row, '.' background,
// '1'..'9' labels 1..9, 'a'..'z' labels 10..35.
#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "microscopy/plane_view.hpp"

namespace voxfeat::test::microscopy {

struct LabelPlane {
  std::int32_t width = 0;
  std::int32_t height = 0;
  std::vector<std::uint32_t> labels;

  [[nodiscard]] kernels::microscopy::PlaneView<std::uint32_t> view() const { return {labels.data(), width, height}; }
};

inline std::uint32_t label_of(char ch) {
  if (ch == '.') return 0;
  if (ch >= '1' && ch <= '9') return std::uint32_t(ch - '0');
  if (ch >= 'a' && ch <= 'z') return std::uint32_t(ch - 'a' + 10);
  throw std::invalid_argument("label_art: unknown character");
}

inline LabelPlane label_art(std::initializer_list<std::string_view> rows) {
  LabelPlane p;
  p.height = std::int32_t(rows.size());
  p.width = std::int32_t(rows.begin()->size());
  for (const std::string_view row : rows) {
    if (std::int32_t(row.size()) != p.width) throw std::invalid_argument("label_art: ragged rows");
    for (const char ch : row) p.labels.push_back(label_of(ch));
  }
  return p;
}

/// A plane of intensities, row-major like LabelPlane.
struct IntensityPlane {
  std::int32_t width = 0;
  std::int32_t height = 0;
  std::vector<float> values;

  [[nodiscard]] kernels::microscopy::PlaneView<float> view() const { return {values.data(), width, height}; }
};

}  // namespace voxfeat::test::microscopy
