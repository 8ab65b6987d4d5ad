#include "io/contour_rasteriser.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

#include "io/grid_index_map.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::io {
namespace {

/// Index coordinates closer than this (voxels) to a whole number are put on it. Physical → index rounding noise is
/// ~1e-13 voxel (16-digit DS strings, doubles); genuine near-misses are far larger: the closest row crossing of the
/// CT phantom's GTV-1 lies 4.9e-6 voxel from a voxel centre.
constexpr double kSnapVoxels = 1e-9;

struct Point2 {
  double x = 0.0;  ///< continuous index along grid axis 0 (within the slice)
  double y = 0.0;  ///< continuous index along grid axis 1
};
using Polygon2 = std::vector<Point2>;

struct Crossing {
  std::size_t row = 0;
  double x = 0.0;
  bool operator<(const Crossing& other) const { return row != other.row ? row < other.row : x < other.x; }
};

double snap_to_whole(double v) {
  const double whole = std::nearbyint(v);
  return std::abs(v - whole) < kSnapVoxels ? whole : v;
}

std::string number(double v, int significant_digits = 6) {
  std::ostringstream out;
  out.precision(significant_digits);
  out << v;
  return out.str();
}

std::string millimetres(double v) { return number(v) + " mm"; }

std::string contour_name(const ContourPolygon& contour) { return "contour " + std::to_string(contour.number); }

/// The slice a contour lies on, after checking that all its points are on it; fills `polygon` with the in-plane
/// coordinates.
std::size_t place_on_slice(const ContourPolygon& contour, const GridIndexMap& map, const Geometry& grid,
                           Polygon2& polygon) {
  if (contour.points.size() < 3)
    throw InputError(contour_name(contour) + " is an empty contour: " + std::to_string(contour.points.size()) +
                     " point(s), a closed contour needs at least 3");
  double k_min = INFINITY, k_max = -INFINITY;
  polygon.clear();
  polygon.reserve(contour.points.size());
  for (const Vec3& p : contour.points) {
    if (!std::isfinite(p[0]) || !std::isfinite(p[1]) || !std::isfinite(p[2]))
      throw InputError(contour_name(contour) + " has a non-finite coordinate");
    const Vec3 index = map.continuous_index(p);
    k_min = std::min(k_min, index[2]);
    k_max = std::max(k_max, index[2]);
    polygon.push_back({snap_to_whole(index[0]), snap_to_whole(index[1])});
  }
  const std::string where = contour_name(contour) + " at z = " + millimetres(contour.points.front()[2]);
  if (k_max - k_min > 2 * kContourSliceTolerance)
    throw InputError(contour_name(contour) + " is not parallel to the image's slices (it spans " +
                     millimetres((k_max - k_min) * grid.spacing[2]) + " across them)");
  const double slice = std::nearbyint(0.5 * (k_min + k_max));
  if (slice < 0.0 || slice >= double(grid.size[2]))
    throw InputError(where + " lies outside the image's " + std::to_string(grid.size[2]) + " slices");
  const double offset = std::max(std::abs(k_min - slice), std::abs(k_max - slice));
  if (offset > kContourSliceTolerance)
    throw InputError(where + " lies between slices (" + number(offset, 2) +
                     " of a slice spacing from the nearest; at most " + number(kContourSliceTolerance) +
                     " is accepted)");
  return std::size_t(slice);
}

/// Scanline fill of one slice: crossings of every polygon edge with every row of voxel centres, sorted; by the
/// even-odd rule the centres between the 1st and 2nd crossing of a row are inside, between the 3rd and 4th, ...
void fill_slice(const std::vector<Polygon2>& polygons, std::size_t nx, std::size_t ny, std::uint8_t* slice) {
  std::vector<Crossing> crossings;
  for (const Polygon2& polygon : polygons) {
    for (std::size_t v = 0; v < polygon.size(); ++v) {
      Point2 low = polygon[v];
      Point2 high = polygon[(v + 1) % polygon.size()];
      if (low.y == high.y) continue;  // a horizontal edge spans no row under the half-open rule
      // Walking the edge from its low end makes a shared edge give bit-identical crossings in both polygons.
      if (high.y < low.y) std::swap(low, high);
      const auto first_row = std::size_t(std::clamp(std::ceil(low.y), 0.0, double(ny)));
      const auto end_row = std::size_t(std::clamp(std::ceil(high.y), 0.0, double(ny)));
      const double slope = (high.x - low.x) / (high.y - low.y);
      for (std::size_t row = first_row; row < end_row; ++row)
        crossings.push_back({row, snap_to_whole(low.x + (double(row) - low.y) * slope)});
    }
  }
  // Every row has an even number of crossings (the half-open rule counts each closed polygon's sign changes), so
  // consecutive pairs always share a row.
  std::sort(crossings.begin(), crossings.end());
  for (std::size_t c = 0; c + 1 < crossings.size(); c += 2) {
    const auto from = std::size_t(std::clamp(std::ceil(crossings[c].x), 0.0, double(nx)));
    const auto to = std::size_t(std::clamp(std::ceil(crossings[c + 1].x), 0.0, double(nx)));
    std::uint8_t* row = slice + crossings[c].row * nx;
    if (from < to) std::fill(row + from, row + to, std::uint8_t(1));
  }
}

}  // namespace

Volume<std::uint8_t> rasterise_contours(const std::vector<ContourPolygon>& contours, const Geometry& grid) {
  Volume<std::uint8_t> mask(grid, 0);
  if (mask.empty()) return mask;
  const GridIndexMap map(grid);
  std::vector<std::vector<Polygon2>> by_slice(grid.size[2]);
  Polygon2 polygon;
  for (const ContourPolygon& contour : contours) {
    const std::size_t slice = place_on_slice(contour, map, grid, polygon);
    by_slice[slice].push_back(polygon);
  }
  std::vector<std::size_t> drawn_slices;
  for (std::size_t k = 0; k < by_slice.size(); ++k)
    if (!by_slice[k].empty()) drawn_slices.push_back(k);

  const std::size_t nx = grid.size[0], ny = grid.size[1];
  tbb::parallel_for(std::size_t(0), drawn_slices.size(), [&](std::size_t n) {
    const std::size_t k = drawn_slices[n];
    fill_slice(by_slice[k], nx, ny, mask.data() + k * nx * ny);
  });
  return mask;
}

}  // namespace voxfeat::io
