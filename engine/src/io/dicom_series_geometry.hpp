#pragma once
// Second step of the DICOM series reader: checks that the slices of one series form a single regular stack and
// derives its geometry. Pure: works on the headers only, so every refusal is decided before any voxel is decoded.
// The rules and tolerances are those of docs/dicom-series.md; keep the two in step.
#include <cstddef>
#include <filesystem>
#include <vector>

#include "io/dicom_series_scan.hpp"
#include "voxfeat/volume.hpp"

namespace voxfeat::io::detail {

/// Tolerances of the stack checks, each with its reason.
/// ImageOrientationPatient components are direction cosines; 1e-4 is far above DS rounding (>= 6 decimals in
/// practice) and far below any real change of orientation (1e-4 rad is 0.006 degrees).
inline constexpr double orientation_tolerance = 1e-4;
/// Row and column cosines must be unit vectors and orthogonal to this: looser than the above because some writers
/// round cosines to 4-6 decimals, yet any real error would be far larger.
inline constexpr double unit_vector_tolerance = 1e-3;
/// Pixel spacing of two slices is the same when it differs by at most this (mm): DS rounding only.
inline constexpr double pixel_spacing_tolerance = 1e-4;
/// Two slices closer than this along the normal (mm) are at the same position: no scanner images 10 µm apart.
inline constexpr double same_position_tolerance = 0.01;
/// A slice gap may differ from the median gap by max(floor, fraction × median) (mm): positions are DS text, often
/// rounded to 0.01 mm or worse, and 1% of a gap is well below what resampling or features could notice.
inline constexpr double gap_tolerance_floor = 0.01;
inline constexpr double gap_tolerance_fraction = 0.01;
/// Each slice's position must lie on the line through the first slice along the normal to within
/// max(floor, fraction × smaller pixel spacing) (mm); beyond that the stack is sheared (gantry tilt) and a grid
/// with an orthogonal direction matrix would misplace voxels.
inline constexpr double off_axis_tolerance_floor = 0.01;
inline constexpr double off_axis_tolerance_fraction = 0.05;

/// The slices in z order and the grid they form.
struct DicomSeriesLayout {
  std::vector<std::size_t> order;  ///< indices into the slices given, sorted by position along the normal
  Geometry geometry;               ///< size, spacing, origin (first slice's position) and direction (LPS)
};

/// Checks the slices of one series (all with the same SeriesInstanceUID, at least one) and sorts them. Throws
/// IoError naming `folder` and, where one is to blame, the file, when: an attribute is malformed; a slice is
/// multi-frame, colour or lacks PixelSpacing; slices differ in rows/columns, pixel spacing, orientation or frame
/// of reference; a slice of a multi-slice series lacks its position or orientation; two slices share a position;
/// the stack is sheared; a slice is missing; the gaps between slices are not regular.
DicomSeriesLayout layout_dicom_series(const std::vector<DicomSliceHeader>& slices,
                                      const std::filesystem::path& folder);

}  // namespace voxfeat::io::detail
