#include "io/seg_frame_placement.hpp"

#include <cmath>
#include <sstream>
#include <string>

#include "voxfeat/error.hpp"

namespace voxfeat::io {
namespace {

Vec3 along(const Vec3& start, const double* direction, double distance) {
  return {start[0] + direction[0] * distance, start[1] + direction[1] * distance, start[2] + direction[2] * distance};
}

std::string number(double v, int significant_digits = 6) {
  std::ostringstream out;
  out.precision(significant_digits);
  out << v;
  return out.str();
}

}  // namespace

FramePlacement place_frame(const FramePlane& plane, const GridIndexMap& map, const Geometry& grid) {
  if (plane.rows == 0 || plane.columns == 0 || !(plane.row_spacing > 0.0) || !(plane.column_spacing > 0.0))
    throw InputError("has no pixels or no positive pixel spacing");
  const Vec3 first = map.continuous_index(plane.position);
  const Vec3 row_end = map.continuous_index(
      along(plane.position, &plane.orientation[0], double(plane.columns - 1) * plane.column_spacing));
  const Vec3 column_end =
      map.continuous_index(along(plane.position, &plane.orientation[3], double(plane.rows - 1) * plane.row_spacing));
  for (const Vec3* p : {&first, &row_end, &column_end})
    if (!std::isfinite((*p)[0]) || !std::isfinite((*p)[1]) || !std::isfinite((*p)[2]))
      throw InputError("has a non-finite plane position or orientation");

  const std::string at_z = "at z = " + number(plane.position[2]) + " mm";
  const double slice = std::nearbyint(first[2]);
  if (slice < 0.0 || slice >= double(grid.size[2]))
    throw InputError(at_z + " lies outside the image's " + std::to_string(grid.size[2]) + " slices");
  if (std::abs(row_end[2] - first[2]) > kFrameGridTolerance || std::abs(column_end[2] - first[2]) > kFrameGridTolerance)
    throw InputError("is not parallel to the image's slices");
  if (std::abs(first[2] - slice) > kFrameGridTolerance)
    throw InputError(at_z + " lies between slices (" + number(std::abs(first[2] - slice), 2) +
                     " of a slice spacing from the nearest; at most " + number(kFrameGridTolerance) + " is accepted)");

  const double column_offset = std::nearbyint(first[0]);
  const double row_offset = std::nearbyint(first[1]);
  // Offsets this far out cannot touch any grid and would overflow the integer conversion below.
  constexpr double kFarAway = 1e15;
  if (std::abs(column_offset) > kFarAway || std::abs(row_offset) > kFarAway)
    throw InputError(at_z + " lies far outside the image");
  // Where the two far corners must land when rows run along axis 0 and columns along axis 1 at the grid's spacing.
  const bool aligned = std::abs(first[0] - column_offset) <= kFrameGridTolerance &&
                       std::abs(first[1] - row_offset) <= kFrameGridTolerance &&
                       std::abs(row_end[0] - (first[0] + double(plane.columns - 1))) <= kFrameGridTolerance &&
                       std::abs(row_end[1] - first[1]) <= kFrameGridTolerance &&
                       std::abs(column_end[0] - first[0]) <= kFrameGridTolerance &&
                       std::abs(column_end[1] - (first[1] + double(plane.rows - 1))) <= kFrameGridTolerance;
  if (!aligned)
    throw InputError(at_z +
                     " is not aligned with the image's voxel grid (its orientation, pixel spacing or in-plane "
                     "position differ from the image's)");
  return {std::ptrdiff_t(column_offset), std::ptrdiff_t(row_offset), std::size_t(slice)};
}

}  // namespace voxfeat::io
