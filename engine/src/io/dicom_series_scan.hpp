#pragma once
// First pass of the DICOM series reader: which files of a folder are DICOM (by content, not name), which of those
// are images, and the header attributes a series needs. Pixel data is not read here, so that voxels are decoded
// once, later, and only for the series chosen. No DICOM library type appears here: the geometry checks and
// their tests work on plain values.
#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "voxfeat/volume.hpp"

namespace voxfeat::io::detail {

/// The attributes of one image file that grouping, sorting and the geometry checks use. Optional fields are
/// absent when the file lacks the attribute; a present but malformed one is recorded in `problem` instead of
/// thrown, because a broken file of another series must not stop the series the caller asked for.
struct DicomSliceHeader {
  std::filesystem::path path;
  std::string sop_instance_uid;
  std::string series_instance_uid;
  std::string study_instance_uid;
  std::string frame_of_reference_uid;
  std::string modality;
  std::string photometric_interpretation;
  unsigned rows = 0;
  unsigned columns = 0;
  unsigned samples_per_pixel = 1;
  unsigned number_of_frames = 1;
  std::optional<std::array<double, 2>> pixel_spacing;  ///< as stored: (row spacing = y, column spacing = x)
  std::optional<std::array<double, 6>> orientation;    ///< ImageOrientationPatient: row cosines, column cosines
  std::optional<Vec3> position;                        ///< ImagePositionPatient (LPS, mm)
  std::optional<double> slice_thickness;
  double rescale_slope = 1.0;
  double rescale_intercept = 0.0;
  bool has_pixel_data = false;  ///< (7fe0,0010) present; its value is not read in the first pass
  std::string problem;  ///< first malformed attribute, e.g. "ImagePositionPatient (0020,0032) is '1\2', not 3 numbers"
};

struct DicomFolderScan {
  std::vector<DicomSliceHeader> images;  ///< sorted by file name, so that messages do not depend on the file system
  std::size_t non_image_objects = 0;     ///< DICOM files that are not images (RTSTRUCT, SEG, RTDOSE, SR, DICOMDIR, ...)
  std::size_t other_files = 0;           ///< files that are not DICOM
};

/// True when the file is DICOM by content: "DICM" at byte 128, or (files without the preamble, as old exports
/// write them) a first tag of group 0000, 0002 or 0008 and content DCMTK parses.
bool is_dicom_file(const std::filesystem::path& file);

/// Reads the headers of the regular files directly in `folder` (not its subfolders), through DCMTK, leaving pixel
/// data on disk. Throws IoError naming the folder when it is missing or not a folder, and naming the file when a
/// file with the DICOM preamble cannot be parsed (corrupt, or truncated anywhere, pixel data included), or an
/// image file has no SeriesInstanceUID.
DicomFolderScan scan_dicom_folder(const std::filesystem::path& folder);

}  // namespace voxfeat::io::detail
