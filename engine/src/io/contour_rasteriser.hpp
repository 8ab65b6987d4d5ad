#pragma once
// Closed planar contours in physical space (LPS, mm) to a voxel mask: the geometry half of reading an RTSTRUCT,
// with no DCMTK in sight so that it can be tested and benchmarked on its own. Rules in docs/dicom-masks.md.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "voxfeat/volume.hpp"

namespace voxfeat::io {

/// One closed polygon, as an RTSTRUCT ContourSequence item holds it.
struct ContourPolygon {
  std::size_t number = 0;    ///< 1-based position in its source (ContourSequence item), for messages
  std::vector<Vec3> points;  ///< vertices in order, physical LPS mm; the last one joins the first
};

/// How far (in slice spacings) a contour may lie from the nearest slice centre and still belong to that slice.
inline constexpr double kContourSliceTolerance = 0.25;

/// A voxel is in the mask when its centre lies inside the polygons of its slice by the even-odd rule: inside an odd
/// number of them, so a contour drawn inside another is a hole. Rows are scanned as in the IBSI 1 manual (crossing
/// number along each row of voxel centres). A centre exactly on an edge is decided by a half-open rule: an edge
/// spans the rows j with y_low <= j < y_high and a crossing at x counts for the centres i >= x, so an axis-aligned
/// rectangle [x0, x1] × [y0, y1] (index units) holds the centres x0 <= i < x1, y0 <= j < y1, and two polygons
/// sharing an edge never both claim a centre on it. Index coordinates within 1e-9 voxel of a whole number are
/// snapped onto it first, so that a vertex meant to sit on a voxel centre is not moved off it by rounding in the
/// physical → index mapping. Parts of a polygon outside the image are clipped.
/// Throws InputError (naming the contour, not the file: the caller knows that) when a contour has fewer than three
/// points, a non-finite coordinate, is not parallel to the slices, or lies between slices or outside them.
/// Slices are filled in parallel (TBB); the result does not depend on the thread count.
Volume<std::uint8_t> rasterise_contours(const std::vector<ContourPolygon>& contours, const Geometry& grid);

}  // namespace voxfeat::io
