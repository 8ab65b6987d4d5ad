#pragma once
// A 2D plane as kernels see it: pointer and extents, row-major, rows `width` apart. Microscopy planes are
// addressed (row, col) like scikit-image's arrays, so that every per-object feature reads in skimage's axis order.
#include <cstddef>
#include <cstdint>

namespace voxfeat::kernels::microscopy {

template <class T>
struct PlaneView {
  const T* data = nullptr;
  std::int32_t width = 0;   ///< columns
  std::int32_t height = 0;  ///< rows

  [[nodiscard]] bool contains(std::int32_t row, std::int32_t col) const {
    return row >= 0 && row < height && col >= 0 && col < width;
  }
  [[nodiscard]] const T& operator()(std::int32_t row, std::int32_t col) const {
    return data[std::size_t(row) * std::size_t(width) + std::size_t(col)];
  }
};

}  // namespace voxfeat::kernels::microscopy
