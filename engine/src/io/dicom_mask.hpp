#pragma once
// ROI masks stored as DICOM objects: RTSTRUCT (contours, through DCMTK dcmrt) and SEG (binary segments, through
// DCMTK dcmseg), rasterised onto the grid of the image series they belong to.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "io/dicom_series.hpp"
#include "voxfeat/volume.hpp"

namespace voxfeat::io {

enum class DicomFileKind { not_dicom, image, rtstruct, seg, other };

/// Looks at the file's content (DICM preamble, SOPClassUID / Modality), not its name. Directories: not_dicom.
DicomFileKind dicom_file_kind(const std::filesystem::path& path);

/// ROI names (RTSTRUCT) or "number: label" entries (SEG) of a mask file, for messages and `voxfeat inspect`.
std::vector<std::string> list_dicom_rois(const std::filesystem::path& path);

/// Rasterises the RTSTRUCT ROI named `roi_name` (exact match; empty: the file must hold exactly one ROI) onto
/// `image_grid`. Rule (docs/dicom-masks.md): a voxel is in the ROI when its centre lies inside the contour polygons
/// of its slice by the even-odd rule (so holes and several contours on one slice combine by parity). Throws IoError naming
/// the file when the ROI is absent (listing the names present), when the structure set's frame of reference or
/// referenced series is not `series`'s, when a contour lies off the image's slices or is empty. Empty fields of
/// `series` are unknown and not checked; POINT contours are skipped, open contours refused.
Volume<std::uint8_t> read_rtstruct_mask(const std::filesystem::path& rtstruct, const std::string& roi_name,
                                        const Geometry& image_grid, const DicomSeriesInfo& series);

/// Reads segment `segment` of a DICOM-SEG file (a segment number, or a segment label; empty: the file must hold
/// exactly one segment) onto `image_grid`, placing each frame by its position. Throws IoError naming the file when
/// the segment is absent (listing those present), when the frame of reference differs from `series`'s, when a frame
/// does not fall on a slice of the image grid, or when segments overlap (a voxel claimed by two segments).
Volume<std::uint8_t> read_seg_mask(const std::filesystem::path& seg, const std::string& segment,
                                   const Geometry& image_grid, const DicomSeriesInfo& series);

}  // namespace voxfeat::io
