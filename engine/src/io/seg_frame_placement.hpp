#pragma once
// Where a DICOM-SEG frame lies on an image grid, from its plane position, orientation and pixel spacing. Pure
// geometry (no DCMTK): SEG frames are placed by position, never by their order in the file.
#include <array>
#include <cstddef>

#include "io/grid_index_map.hpp"
#include "voxfeat/volume.hpp"

namespace voxfeat::io {

/// A frame's plane as its functional groups describe it.
struct FramePlane {
  Vec3 position{};                      ///< ImagePositionPatient: centre of the frame's first pixel, LPS mm
  std::array<double, 6> orientation{};  ///< ImageOrientationPatient: direction along a row, then down a column
  double row_spacing = 0.0;             ///< PixelSpacing[0]: mm between rows
  double column_spacing = 0.0;          ///< PixelSpacing[1]: mm between columns
  std::size_t rows = 0;
  std::size_t columns = 0;
};

/// Frame pixel (row r, column c) is grid voxel (column_offset + c, row_offset + r, slice).
struct FramePlacement {
  std::ptrdiff_t column_offset = 0;
  std::ptrdiff_t row_offset = 0;
  std::size_t slice = 0;
};

/// How far (in voxels) a frame pixel centre may lie from the voxel centre it is put on.
inline constexpr double kFrameGridTolerance = 0.25;

/// Rule: the frame's first pixel, last pixel of its first row and last pixel of its first column must each lie
/// within kFrameGridTolerance voxel of a voxel centre, on one slice, with the frame's rows along grid axis 0 and its
/// columns along axis 1 at the grid's spacing (checked over the frame's whole extent, so a spacing that differs by
/// a quarter voxel over the frame is caught). Throws InputError (no file name) naming the problem: the frame lies
/// outside the image's slices, between slices, or is not aligned with the grid (orientation or spacing).
FramePlacement place_frame(const FramePlane& plane, const GridIndexMap& map, const Geometry& grid);

}  // namespace voxfeat::io
