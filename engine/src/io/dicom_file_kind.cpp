// What kind of DICOM object a file holds, and the ROIs of a mask file: the entry points that let a caller (a
// manifest row, `voxfeat inspect`) pick the right reader without trusting file names.
#include <cstring>
#include <fstream>

#include "dcmtk/config/osconfig.h"
#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcuid.h"
#include "io/dcmtk_loading.hpp"
#include "io/dicom_mask.hpp"
#include "io/dicom_mask_parts.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::io {
namespace {

/// DICOM Part 10 files start with a 128-byte preamble and "DICM". Files without it (bare datasets) are rare outside
/// old archives, and accepting them would make DCMTK guess at every text file in a folder.
bool has_dicm_preamble(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  char head[132];
  return in.read(head, sizeof head) && std::memcmp(head + 128, "DICM", 4) == 0;
}

}  // namespace

DicomFileKind dicom_file_kind(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec) || !has_dicm_preamble(path)) return DicomFileKind::not_dicom;
  quiet_dcmtk_warnings();
  DcmFileFormat file;
  if (file.loadFile(path.c_str()).bad()) return DicomFileKind::not_dicom;  // preamble, then garbage
  const std::string sop_class = sop_class_uid(file);
  if (sop_class == UID_RTStructureSetStorage) return DicomFileKind::rtstruct;
  if (sop_class == UID_SegmentationStorage) return DicomFileKind::seg;  // before the image test: SEG is an image class
  if (!sop_class.empty() && dcmIsImageStorageSOPClassUID(sop_class.c_str())) return DicomFileKind::image;
  // A private or unknown SOP class: fall back on Modality and on the presence of pixels.
  const std::string modality = string_of(*file.getDataset(), DCM_Modality);
  if (modality == "RTSTRUCT") return DicomFileKind::rtstruct;
  if (modality == "SEG") return DicomFileKind::seg;
  if (file.getDataset()->tagExists(DCM_PixelData)) return DicomFileKind::image;
  return DicomFileKind::other;
}

std::vector<std::string> list_dicom_rois(const std::filesystem::path& path) {
  switch (dicom_file_kind(path)) {
    case DicomFileKind::rtstruct:
      return rtstruct_roi_names(path);
    case DicomFileKind::seg:
      return seg_segment_entries(path);
    default:
      break;
  }
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw IoError(path.string() + ": file does not exist");
  throw IoError(path.string() + ": is not a DICOM RTSTRUCT or SEG file, so it holds no ROIs");
}

std::string join_names(const std::vector<std::string>& names) {
  if (names.empty()) return "none";
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace voxfeat::io
