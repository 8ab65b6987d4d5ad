#include "microscopy/object_mask.hpp"

#include <algorithm>

namespace voxfeat::kernels::microscopy {
namespace {

template <class T>
void shape_crop(const BoundingBox& bbox, std::int32_t padding, Crop<T>& out) {
  out.rows = bbox.rows() + 2 * padding;
  out.cols = bbox.cols() + 2 * padding;
  out.padding = padding;
  out.row0 = bbox.row_begin - padding;
  out.col0 = bbox.col_begin - padding;
  out.pixels.assign(std::size_t(out.rows) * std::size_t(out.cols), T(0));
}

}  // namespace

void fill_object_mask(const BoundingBox& bbox, std::span<const RowRun> runs, std::int32_t padding, BinaryCrop& out) {
  shape_crop(bbox, padding, out);
  for (const RowRun& run : runs) {
    std::uint8_t* row = out.pixels.data() + out.index(run.row - out.row0, 0);
    std::fill(row + (run.col_begin - out.col0), row + (run.col_end - out.col0), std::uint8_t(1));
  }
}

void fill_label_crop(const PlaneView<std::uint32_t>& labels, const BoundingBox& bbox, std::int32_t padding,
                     LabelCrop& out) {
  shape_crop(bbox, padding, out);
  const std::int32_t c_begin = std::max(out.col0, 0), c_end = std::min(out.col0 + out.cols, labels.width);
  if (c_begin >= c_end) return;
  for (std::int32_t r = std::max(out.row0, 0); r < std::min(out.row0 + out.rows, labels.height); ++r)
    std::copy(&labels(r, c_begin), &labels(r, c_begin) + (c_end - c_begin),
              out.pixels.data() + out.index(r - out.row0, c_begin - out.col0));
}

}  // namespace voxfeat::kernels::microscopy
