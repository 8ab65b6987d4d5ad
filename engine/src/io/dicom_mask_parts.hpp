#pragma once
// What the RTSTRUCT and SEG readers share with list_dicom_rois (dicom_file_kind.cpp); private to engine/src/io.
#include <filesystem>
#include <string>
#include <vector>

namespace voxfeat::io {

/// ROI names of an RTSTRUCT, in StructureSetROISequence order.
std::vector<std::string> rtstruct_roi_names(const std::filesystem::path& rtstruct);

/// "number: label" of each segment of a DICOM-SEG, by segment number.
std::vector<std::string> seg_segment_entries(const std::filesystem::path& seg);

/// "a, b, c" (or "none" when empty), for messages that list what a file holds.
std::string join_names(const std::vector<std::string>& names);

}  // namespace voxfeat::io
