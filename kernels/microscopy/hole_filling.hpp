#pragma once
// skimage 0.19.3's `area_filled`: the pixel count of ndi.binary_fill_holes(crop, structure = 3×3 ones). A
// background pixel of the crop is a hole when it is not 8-connected, through background, to the outside of the
// crop. Other labels inside the crop are background, so an object enclosed by this one counts as hole. Because
// holes are found with 8-connectivity while euler_number treats the background as 4-connected, the two can
// disagree: a ring of diagonal steps has Euler number 0 (one 4-connected hole) yet no hole to fill (its inside
// reaches the outside diagonally).
//
// The flood runs over background runs, the gaps between the object's runs in each row of its box, not over
// pixels: a cell has about two gaps per row.
#include <cstdint>
#include <span>
#include <vector>

#include "microscopy/object_pixels.hpp"

namespace voxfeat::kernels::microscopy {

/// Buffers reused from one object to the next.
struct HoleScratch {
  struct Gap {
    std::int32_t row;         // local
    std::int32_t begin, end;  // local columns [begin, end)
    bool reached;
  };
  std::vector<Gap> gaps;
  std::vector<std::size_t> row_start;  // gaps of row r: [row_start[r], row_start[r + 1])
  std::vector<std::uint32_t> stack;
};

/// The object's pixels plus its holes (runs in raster order).
std::uint64_t filled_area(const BoundingBox& bbox, std::span<const RowRun> runs, HoleScratch& scratch);

}  // namespace voxfeat::kernels::microscopy
