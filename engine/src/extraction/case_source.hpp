#pragma once
// Where one case's image and ROI come from, and reading them onto one grid: an image file or a DICOM series
// folder; a label-image mask, an RTSTRUCT or a DICOM-SEG. The only place that decides between those readers.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "processing/roi_processing.hpp"
#include "voxfeat/label.hpp"
#include "voxfeat/settings.hpp"
#include "voxfeat/volume.hpp"

namespace voxfeat::detail {

struct CaseSource {
  std::filesystem::path image;  ///< image file (NIfTI, NRRD, MetaImage) or a folder holding a DICOM series
  std::filesystem::path mask;   ///< label image, RTSTRUCT or DICOM-SEG file
  LabelSelector label;          ///< label images: which label
  std::string roi;              ///< RTSTRUCT ROI name or SEG segment (number or label); empty: the file's only one
  std::string series_id;        ///< the manifest's series_id: chooses a DICOM folder's series (read_dicom_series)
};

/// The identifiers a case's image carries: a DICOM series' StudyInstanceUID and SeriesInstanceUID (identifying:
/// callers pseudonymise them), empty for other formats.
struct ImageIdentity {
  std::string study_uid;
  std::string series_uid;
};

struct LoadedCase {
  Volume<float> image;
  Volume<std::uint8_t> mask;  ///< 1 inside the ROI, on the image's grid
  /// The image file's integer voxel type, if it has one (PyRadiomics' resampling keeps it); none for float files
  /// and DICOM series (decoded with their rescale).
  std::optional<IntegerPixelRange> integer_pixels;
  /// The mask as its file placed it, when correct_mask moved it onto the image's grid; empty otherwise.
  Volume<std::uint8_t> uncorrected_mask;
  /// SHA-1 of the image file's and the label image's voxel arrays, as PyRadiomics hashes them; computed while
  /// decoding when the settings record PyRadiomics' diagnostics, else empty.
  std::string image_sha1;
  std::string mask_sha1;
};

/// StudyInstanceUID/SeriesInstanceUID of a DICOM source (headers only); empty for files.
ImageIdentity image_identity(const CaseSource& source);

/// Reads image and mask onto the image's grid. Throws IoError/InputError naming the file and the problem: unreadable
/// files, grids that differ beyond `settings.geometry_tolerance`, a modality the settings do not accept, an
/// RTSTRUCT ROI or SEG segment that is absent, a `roi` given for a label image, an empty ROI, an absent label.
LoadedCase load_case(const CaseSource& source, const Settings& settings);

}  // namespace voxfeat::detail
