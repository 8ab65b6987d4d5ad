#pragma once
// DICOM image series (CT, MR, PT, ...) read into voxfeat's image model: headers through DCMTK, pixel data decoded
// through GDCM (the one ITK ships). Rules, tolerances and messages: docs/dicom-series.md.
#include <filesystem>
#include <string>
#include <vector>

#include "voxfeat/volume.hpp"

namespace voxfeat::io {

/// What the rest of voxfeat may know about a series. The UIDs are identifying: callers pseudonymise them before
/// anything reaches a store, a log line or an error message that can leave the site.
struct DicomSeriesInfo {
  std::string series_instance_uid;
  std::string study_instance_uid;
  std::string frame_of_reference_uid;
  std::string modality;                         ///< (0008,0060), e.g. "CT"
  std::vector<std::string> sop_instance_uids;   ///< one per slice, in the order of the volume's z index
};

struct DicomSeries {
  Volume<float> image;  ///< rescale slope/intercept applied; LPS geometry as ITK gives it
  DicomSeriesInfo info;
};

/// True when `path` is a directory holding at least one DICOM file (files are recognised by content, not name).
bool is_dicom_directory(const std::filesystem::path& path);

/// SeriesInstanceUIDs of the image series in `folder` (files that are not images, such as RTSTRUCT or SEG, are
/// ignored), sorted. Throws IoError like read_dicom_series when the folder is missing or a DICOM file in it is
/// corrupt; a folder without images gives an empty list.
std::vector<std::string> list_dicom_series(const std::filesystem::path& folder);

/// The UIDs and modality of the series read_dicom_series would read (sop_instance_uids left empty), from the
/// headers alone: no pixel data is decoded, no geometry checked. Same refusals for the series choice.
DicomSeriesInfo read_dicom_series_info(const std::filesystem::path& folder, const std::string& series_id = {});

/// Reads one series of `folder`. `series_id` (the manifest's series_id) chooses it: a SeriesInstanceUID of the
/// folder reads that series; otherwise the folder must hold exactly one image series (IoError listing the UIDs
/// found, the only messages that carry UIDs), and then a `series_id` that is not a DICOM UID is the user's own
/// identifier, while a UID naming no series of the folder is refused (a wrong folder). Slices are sorted by
/// position along the slice normal. Throws IoError naming the folder (and the file where it applies) when slices
/// have mixed orientations, inconsistent spacing or a missing slice (rules in docs/dicom-series.md), when a slice is
/// unreadable, multi-frame, colour or has another size, or when the modality is not in `allowed_modalities`
/// (empty = any).
DicomSeries read_dicom_series(const std::filesystem::path& folder, const std::string& series_id = {},
                              const std::vector<std::string>& allowed_modalities = {});

}  // namespace voxfeat::io
