// The streaming window of rows: plane coordinates kept through appends, drops and the moves that compact it.
#include <gtest/gtest.h>

#include <numeric>

#include "microscopy/row_window.hpp"

namespace voxfeat::kernels::microscopy {
namespace {

TEST(RowWindow, KeepsPlaneCoordinatesThroughDropsAndMoves) {
  const std::int32_t width = 5, height = 400;
  RowWindow<std::int32_t> window(width);
  std::size_t largest = 0;
  // Bands of 1 to 4 rows; the window keeps the last 7 rows or fewer, so the buffer fills and moves many times.
  for (std::int32_t row = 0, band = 1; row < height; row += band, band = band % 4 + 1) {
    const std::int32_t rows = std::min(band, height - row);
    const std::span<std::int32_t> room = window.append(rows);
    ASSERT_EQ(room.size(), std::size_t(rows * width));
    std::iota(room.begin(), room.end(), row * width);  // value = plane index
    window.drop_before(row + rows - 7);
    const PlaneView<std::int32_t> view = window.view(height);
    EXPECT_EQ(view.first_row, window.first_row());
    for (std::int32_t r = window.first_row(); r < window.end_row(); ++r)
      for (std::int32_t c = 0; c < width; ++c) ASSERT_EQ(view(r, c), r * width + c) << r;
    largest = std::max(largest, window.buffer_bytes());
  }
  EXPECT_EQ(window.end_row(), height);
  EXPECT_EQ(window.first_row(), height - 7);
  // At most twice the rows held at once (7 + a band of 4) as the buffer.
  EXPECT_LE(largest, std::size_t(2 * (7 + 4) * width) * sizeof(std::int32_t));
}

TEST(RowWindow, DropsOnlyRowsItHolds) {
  RowWindow<float> window(3);
  (void)window.append(4);
  window.drop_before(-5);
  EXPECT_EQ(window.first_row(), 0);
  window.drop_before(10);
  EXPECT_EQ(window.first_row(), 4);
  EXPECT_EQ(window.end_row(), 4);
  EXPECT_THROW(RowWindow<float>(0), std::invalid_argument);
}

}  // namespace
}  // namespace voxfeat::kernels::microscopy
