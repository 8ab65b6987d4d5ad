#pragma once
// A window of consecutive rows of a plane, kept contiguous so that a PlaneView can address it in plane
// coordinates: rows come in at the bottom (append) and leave at the top (drop_before). Rows move to the front of
// the buffer only when it is full, and the buffer grows to twice the rows it must hold, so that each row is moved
// at most about once on average, however thin the bands. Memory: at most 2 × (the most rows held at once) rows.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

#include "microscopy/plane_view.hpp"

namespace voxfeat::kernels::microscopy {

template <class T>
class RowWindow {
 public:
  explicit RowWindow(std::int32_t width) : m_width(std::size_t(width)) {
    if (width <= 0) throw std::invalid_argument("RowWindow: width must be positive");
  }

  /// Room for the next `rows` rows (they follow the rows held), to be filled by the caller.
  std::span<T> append(std::int32_t rows) {
    const std::size_t held = std::size_t(m_end_row - m_first_row), needed = (held + std::size_t(rows)) * m_width;
    if (m_offset + needed > m_buffer.size()) {
      if (m_offset > 0) {
        const auto first = m_buffer.begin() + std::ptrdiff_t(m_offset);
        std::copy(first, first + std::ptrdiff_t(held * m_width), m_buffer.begin());
        m_offset = 0;
      }
      // Half the buffer free after a move: the next move is at least as many rows away as it moved.
      if (2 * needed > m_buffer.size()) m_buffer.resize(2 * needed);
    }
    const std::span<T> room(m_buffer.data() + m_offset + held * m_width, std::size_t(rows) * m_width);
    m_end_row += rows;
    return room;
  }

  /// Forgets the rows above `row`.
  void drop_before(std::int32_t row) {
    const std::int32_t first = std::clamp(row, m_first_row, m_end_row);
    m_offset += std::size_t(first - m_first_row) * m_width;
    m_first_row = first;
  }

  [[nodiscard]] std::int32_t first_row() const { return m_first_row; }
  [[nodiscard]] std::int32_t end_row() const { return m_end_row; }
  [[nodiscard]] std::size_t buffer_bytes() const { return m_buffer.size() * sizeof(T); }

  /// The rows held, as a view of the plane of `plane_height` rows.
  [[nodiscard]] PlaneView<T> view(std::int32_t plane_height) const {
    return {m_buffer.data() + m_offset, std::int32_t(m_width), plane_height, m_first_row};
  }

 private:
  std::size_t m_width;
  std::vector<T> m_buffer;
  std::size_t m_offset = 0;  // where row m_first_row starts in m_buffer
  std::int32_t m_first_row = 0, m_end_row = 0;
};

}  // namespace voxfeat::kernels::microscopy
