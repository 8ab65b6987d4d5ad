#pragma once
// An object's bounding-box crop, built from its runs: as a 0/1 mask (what skimage's regionprops calls `image`)
// and as the labels of the plane (for tests against the neighbours). Both carry a frame of `padding` pixels on
// every side, so that neighbourhood filters and flood fills need no border tests. The pixel buffers are kept
// between objects: fill_* reuses their capacity.
#include <cstdint>
#include <span>
#include <vector>

#include "microscopy/object_pixels.hpp"
#include "microscopy/plane_view.hpp"

namespace voxfeat::kernels::microscopy {

template <class T>
struct Crop {
  std::int32_t rows = 0;      ///< padded extents
  std::int32_t cols = 0;
  std::int32_t padding = 0;
  std::int32_t row0 = 0;      ///< plane coordinates of pixel (0, 0), padding included
  std::int32_t col0 = 0;
  std::vector<T> pixels;      ///< rows × cols, row-major

  [[nodiscard]] std::size_t index(std::int32_t r, std::int32_t c) const {
    return std::size_t(r) * std::size_t(cols) + std::size_t(c);
  }
  /// Value at plane coordinates (row, col), which must lie in the padded crop.
  [[nodiscard]] T at_plane(std::int32_t row, std::int32_t col) const { return pixels[index(row - row0, col - col0)]; }
};

using BinaryCrop = Crop<std::uint8_t>;
using LabelCrop = Crop<std::uint32_t>;

/// 1 on the runs' pixels, 0 elsewhere (other labels, background, padding).
void fill_object_mask(const BoundingBox& bbox, std::span<const RowRun> runs, std::int32_t padding, BinaryCrop& out);

/// The plane's labels over the box and its frame; pixels outside the plane get 0, so that "outside the image"
/// and "background" read the same.
void fill_label_crop(const PlaneView<std::uint32_t>& labels, const BoundingBox& bbox, std::int32_t padding,
                     LabelCrop& out);

}  // namespace voxfeat::kernels::microscopy
