#include "io/dicom_series_scan.hpp"

#include "dcmtk/config/osconfig.h"  // must precede the other DCMTK headers (TOOLCHAIN.md, trap 5)
#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcfilefo.h"
#include "dcmtk/dcmdata/dcitem.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <set>
#include <string_view>

#include "voxfeat/error.hpp"

namespace voxfeat::io::detail {
namespace {

/// Reads the first 132 bytes: the 128-byte preamble plus "DICM", or, without a preamble, the first tag.
struct FileStart {
  bool has_preamble = false;
  bool first_tag_plausible = false;
};

FileStart look_at_file_start(const std::filesystem::path& file) {
  FileStart start;
  std::ifstream in(file, std::ios::binary);
  char bytes[132] = {};
  in.read(bytes, sizeof bytes);
  const auto got = in.gcount();
  start.has_preamble = got == 132 && std::string_view(bytes + 128, 4) == "DICM";
  if (got >= 4) {
    // A raw data set starts with its lowest group: command (0000), meta (0002) or identification (0008), in
    // either byte order. Anything else is not worth handing to a parser.
    const auto b = [&](int i) { return unsigned(static_cast<unsigned char>(bytes[i])); };
    const unsigned little = b(0) | (b(1) << 8), big = (b(0) << 8) | b(1);
    for (unsigned group : {0x0000u, 0x0002u, 0x0008u})
      if (little == group || big == group) start.first_tag_plausible = true;
  }
  return start;
}

std::string_view trimmed(std::string_view s) {
  const auto is_pad = [](char c) { return c == ' ' || c == '\0'; };
  while (!s.empty() && is_pad(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_pad(s.back())) s.remove_suffix(1);
  return s;
}

/// The value of a text attribute (UI, CS, DS, IS, ...), all values joined by '\\', without padding; empty when
/// absent or empty.
std::string text_of(DcmItem& ds, const DcmTagKey& tag) {
  OFString value;
  if (ds.findAndGetOFStringArray(tag, value).bad()) return {};
  return std::string(trimmed(std::string_view(value.c_str(), value.length())));
}

/// Parses a multi-valued DS/IS text ("a\b\c") into exactly `count` numbers; nullopt when it does not hold them.
template <std::size_t N>
std::optional<std::array<double, N>> numbers_of(std::string_view text) {
  std::array<double, N> values{};
  std::size_t n = 0;
  while (true) {
    const auto cut = text.find('\\');
    std::string_view item = trimmed(text.substr(0, cut));
    if (!item.empty() && item.front() == '+') item.remove_prefix(1);  // DS allows it, from_chars does not
    if (n == N || item.empty()) return std::nullopt;
    const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), values[n]);
    // from_chars also takes "inf" and "nan", which no DS or IS value may hold.
    if (ec != std::errc() || end != item.data() + item.size() || !std::isfinite(values[n])) return std::nullopt;
    ++n;
    if (cut == std::string_view::npos) break;
    text.remove_prefix(cut + 1);
  }
  if (n != N) return std::nullopt;
  return values;
}

/// Reads an optional numeric attribute of N values; a malformed one is noted in header.problem (first one wins).
template <std::size_t N>
std::optional<std::array<double, N>> numeric_attribute(DcmItem& ds, const DcmTagKey& tag, const char* name,
                                                       DicomSliceHeader& header) {
  const std::string text = text_of(ds, tag);
  if (text.empty()) return std::nullopt;
  auto values = numbers_of<N>(text);
  if (!values && header.problem.empty()) {
    char code[16];
    std::snprintf(code, sizeof code, "(%04x,%04x)", unsigned(tag.getGroup()), unsigned(tag.getElement()));
    header.problem = std::string(name) + " " + code + " is '" + text + "', not " + std::to_string(N) +
                     (N == 1 ? " number" : " numbers");
  }
  return values;
}

unsigned unsigned_short_of(DcmItem& ds, const DcmTagKey& tag, unsigned fallback) {
  Uint16 value = 0;
  return ds.findAndGetUint16(tag, value).good() ? unsigned(value) : fallback;
}

/// Objects that carry no image of their own even when they hold pixel-like data: the masks and the dose grid
/// are read by their own readers, on the grid of the image series.
bool is_non_image(const std::string& modality, const std::string& sop_class_uid) {
  static const std::set<std::string> non_image_modalities = {"RTSTRUCT", "RTPLAN", "RTDOSE", "RTRECORD", "SEG",
                                                             "SR",       "PR",     "KO",     "REG",      "RWV"};
  static const std::set<std::string> non_image_classes = {
      "1.2.840.10008.5.1.4.1.1.66.4",   // Segmentation
      "1.2.840.10008.5.1.4.1.1.481.2",  // RT Dose
      "1.2.840.10008.5.1.4.1.1.481.3",  // RT Structure Set
      "1.2.840.10008.1.3.10",           // Media Storage Directory (DICOMDIR)
  };
  return non_image_modalities.count(modality) || non_image_classes.count(sop_class_uid);
}

/// Parses a file that looks like DICOM. DCMTK defers loading values over DCM_MaxReadLength (4 KB), so the pixel
/// data stays on disk, yet it checks each declared length against the bytes left in the file: a truncated file
/// fails here, before any decoding. (GDCM, which decodes later, accepts truncated pixel data with a warning.)
OFCondition read_header(const std::filesystem::path& file, DcmFileFormat& dicom) {
  try {
    return dicom.loadFile(file.c_str(), EXS_Unknown, EGL_noChange, DCM_MaxReadLength, ERM_autoDetect);
  } catch (const std::exception& e) {
    return makeOFCondition(0, 1, OF_error, e.what());
  }
}

DicomSliceHeader slice_header_of(const std::filesystem::path& file, DcmItem& ds) {
  DicomSliceHeader h;
  h.path = file;
  h.sop_instance_uid = text_of(ds, DCM_SOPInstanceUID);
  h.series_instance_uid = text_of(ds, DCM_SeriesInstanceUID);
  h.study_instance_uid = text_of(ds, DCM_StudyInstanceUID);
  h.frame_of_reference_uid = text_of(ds, DCM_FrameOfReferenceUID);
  h.modality = text_of(ds, DCM_Modality);
  h.photometric_interpretation = text_of(ds, DCM_PhotometricInterpretation);
  h.rows = unsigned_short_of(ds, DCM_Rows, 0);
  h.columns = unsigned_short_of(ds, DCM_Columns, 0);
  h.samples_per_pixel = unsigned_short_of(ds, DCM_SamplesPerPixel, 1);
  if (const auto frames = numeric_attribute<1>(ds, DCM_NumberOfFrames, "NumberOfFrames", h))
    h.number_of_frames = (*frames)[0] >= 1 ? unsigned((*frames)[0]) : 1;
  h.pixel_spacing = numeric_attribute<2>(ds, DCM_PixelSpacing, "PixelSpacing", h);
  h.orientation = numeric_attribute<6>(ds, DCM_ImageOrientationPatient, "ImageOrientationPatient", h);
  if (const auto ipp = numeric_attribute<3>(ds, DCM_ImagePositionPatient, "ImagePositionPatient", h))
    h.position = Vec3{(*ipp)[0], (*ipp)[1], (*ipp)[2]};
  if (const auto thickness = numeric_attribute<1>(ds, DCM_SliceThickness, "SliceThickness", h))
    h.slice_thickness = (*thickness)[0];
  if (const auto slope = numeric_attribute<1>(ds, DCM_RescaleSlope, "RescaleSlope", h)) h.rescale_slope = (*slope)[0];
  if (const auto intercept = numeric_attribute<1>(ds, DCM_RescaleIntercept, "RescaleIntercept", h))
    h.rescale_intercept = (*intercept)[0];
  h.has_pixel_data = ds.tagExists(DCM_PixelData);
  return h;
}

}  // namespace

bool is_dicom_file(const std::filesystem::path& file) {
  const FileStart start = look_at_file_start(file);
  if (start.has_preamble) return true;
  if (!start.first_tag_plausible) return false;
  DcmFileFormat dicom;
  return read_header(file, dicom).good();
}

DicomFolderScan scan_dicom_folder(const std::filesystem::path& folder) {
  std::error_code ec;
  if (!std::filesystem::exists(folder, ec)) throw IoError(folder.string() + ": folder does not exist");
  if (!std::filesystem::is_directory(folder, ec))
    throw IoError(folder.string() + ": is not a folder (a DICOM series is read from the folder holding its files)");
  std::vector<std::filesystem::path> files;
  std::filesystem::directory_iterator listing(folder, ec);
  if (ec) throw IoError(folder.string() + ": cannot list the folder: " + ec.message());
  for (const auto& entry : listing) {
    std::error_code broken_link;  // a dangling link is not a file of the series, not a reason to stop
    if (entry.is_regular_file(broken_link)) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());

  DicomFolderScan scan;
  for (const auto& file : files) {
    const FileStart start = look_at_file_start(file);
    if (!start.has_preamble && !start.first_tag_plausible) {
      ++scan.other_files;
      continue;
    }
    DcmFileFormat dicom;
    const OFCondition status = read_header(file, dicom);
    if (status.bad()) {
      // With the preamble the file claims to be DICOM, so a failed parse is damage, not a stranger in the folder.
      if (!start.has_preamble) {
        ++scan.other_files;
        continue;
      }
      throw IoError(folder.string() + ": " + file.filename().string() +
                    ": corrupt or truncated DICOM file (DCMTK: " + status.text() + ")");
    }
    DcmDataset& ds = *dicom.getDataset();
    DicomSliceHeader header = slice_header_of(file, ds);
    if (header.rows == 0 || header.columns == 0 || !header.has_pixel_data ||
        is_non_image(header.modality, text_of(ds, DCM_SOPClassUID))) {
      ++scan.non_image_objects;
      continue;
    }
    if (header.series_instance_uid.empty())
      throw IoError(folder.string() + ": " + file.filename().string() +
                    ": DICOM image without a SeriesInstanceUID (0020,000e), so it belongs to no series");
    scan.images.push_back(std::move(header));
  }
  return scan;
}

}  // namespace voxfeat::io::detail
