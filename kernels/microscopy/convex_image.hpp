#pragma once
// scikit-image 0.19.3's convex image of an object (regionprops `image_convex`, from
// skimage.morphology.convex_hull_image): the pixels of the bounding box whose centre lies inside or on the convex
// hull of the object's pixel edge midpoints — each pixel contributes its centre ± ½ along the row and along the
// column (a diamond), not its corners. Computed exactly on the half-pixel lattice (lattice_hull.hpp). Because of
// the diamonds, a diagonal line's convex image is the line itself and a 2×2 square's is the square.
#include <cstdint>
#include <span>
#include <vector>

#include "microscopy/lattice_hull.hpp"
#include "microscopy/object_mask.hpp"
#include "microscopy/object_pixels.hpp"

namespace voxfeat::kernels::microscopy {

/// Local columns [begin, end) of one crop row; begin == end when the row is empty.
struct ColumnInterval {
  std::int32_t begin = 0;
  std::int32_t end = 0;
};

struct ConvexImage {
  std::vector<HalfPoint> hull;       ///< the hull polygon, local half-pixel coordinates, counter-clockwise
  std::vector<ColumnInterval> rows;  ///< the convex image: one interval per row of the bounding box
  std::uint64_t area = 0;            ///< its pixel count: skimage `area_convex`
};

/// The convex image of an object (runs in raster order). `points` is scratch.
void convex_image(const BoundingBox& bbox, std::span<const RowRun> runs, std::vector<HalfPoint>& points,
                  ConvexImage& out);

/// The convex image as a 0/1 crop of the object's bounding box with `padding` (laid out as fill_object_mask's).
void fill_convex_mask(const BoundingBox& bbox, const ConvexImage& convex, std::int32_t padding, BinaryCrop& out);

}  // namespace voxfeat::kernels::microscopy
