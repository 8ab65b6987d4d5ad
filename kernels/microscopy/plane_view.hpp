#pragma once
// A 2D plane as kernels see it: pointer and extents, row-major, rows `width` apart. Microscopy planes are
// addressed (row, col) like scikit-image's arrays, so that every per-object feature reads in skimage's axis order.
//
// A view may hold only a band of the plane's rows (a streaming window, streamed_measurement.hpp): `data` then
// starts at row `first_row`, while `height` stays the plane's, so that coordinates and "outside the plane" mean
// the same as for the whole plane. Rows outside the band must not be read; each kernel says which rows it reads.
#include <cstddef>
#include <cstdint>

namespace voxfeat::kernels::microscopy {

template <class T>
struct PlaneView {
  const T* data = nullptr;
  std::int32_t width = 0;      ///< columns
  std::int32_t height = 0;     ///< rows of the plane
  std::int32_t first_row = 0;  ///< the plane row that `data` starts with

  [[nodiscard]] bool contains(std::int32_t row, std::int32_t col) const {
    return row >= 0 && row < height && col >= 0 && col < width;
  }
  [[nodiscard]] const T& operator()(std::int32_t row, std::int32_t col) const {
    return data[std::size_t(row - first_row) * std::size_t(width) + std::size_t(col)];
  }
};

}  // namespace voxfeat::kernels::microscopy
