#pragma once
// The contour half of read_rtstruct_mask, for callers that rasterise themselves (benchmarks, a future resampling
// onto another grid): the ROI's closed contours in physical space, after every check that needs no image grid.
#include <filesystem>
#include <string>
#include <vector>

#include "io/contour_rasteriser.hpp"
#include "io/dicom_series.hpp"

namespace voxfeat::io {

struct RtstructRoi {
  std::string name;
  std::vector<ContourPolygon> contours;  ///< CLOSED_PLANAR (and CLOSEDPLANAR_XOR) contours; POINT ones skipped
};

/// Reads ROI `roi_name` of an RTSTRUCT (empty: the only ROI). Throws IoError naming the file as read_rtstruct_mask
/// does, except for the checks against a grid (contours between or outside slices, empty contours).
RtstructRoi read_rtstruct_roi(const std::filesystem::path& rtstruct, const std::string& roi_name,
                              const DicomSeriesInfo& series);

}  // namespace voxfeat::io
