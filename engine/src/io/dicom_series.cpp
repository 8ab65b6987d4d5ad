#include "io/dicom_series.hpp"

#include <gdcmImage.h>
#include <gdcmImageReader.h>
#include <gdcmPixelFormat.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <set>

#include "io/dicom_series_geometry.hpp"
#include "io/dicom_series_scan.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::io {
namespace {

using detail::DicomSliceHeader;

[[noreturn]] void refuse(const std::filesystem::path& folder, const std::string& what) {
  throw IoError(folder.string() + ": " + what);
}

[[noreturn]] void refuse(const std::filesystem::path& folder, const DicomSliceHeader& slice, const std::string& what) {
  refuse(folder, slice.path.filename().string() + ": " + what);
}

std::map<std::string, std::vector<DicomSliceHeader>> by_series(std::vector<DicomSliceHeader> images) {
  std::map<std::string, std::vector<DicomSliceHeader>> series;
  for (auto& image : images) series[image.series_instance_uid].push_back(std::move(image));
  return series;
}

/// The one place that lists SeriesInstanceUIDs in a message: the caller needs them to choose.
std::string series_list(const std::map<std::string, std::vector<DicomSliceHeader>>& series) {
  std::string text;
  for (const auto& [uid, slices] : series)
    text += (text.empty() ? "" : ", ") + uid + " (" + std::to_string(slices.size()) + " files)";
  return text;
}

/// A DICOM UID: digits in dot-separated components (PS3.5 9.1), at least three of them.
bool looks_like_uid(const std::string& s) {
  if (s.empty() || s.size() > 64 || s.front() == '.' || s.back() == '.') return false;
  const auto uid_char = [](char c) { return (c >= '0' && c <= '9') || c == '.'; };
  return std::all_of(s.begin(), s.end(), uid_char) && std::count(s.begin(), s.end(), '.') >= 2;
}

std::vector<DicomSliceHeader> choose_series(const std::filesystem::path& folder, detail::DicomFolderScan scan,
                                            const std::string& series_id) {
  if (scan.images.empty())
    refuse(folder, "no DICOM image files (DICOM objects that are not images, such as RTSTRUCT or SEG: " +
                       std::to_string(scan.non_image_objects) + "; other files: " + std::to_string(scan.other_files) +
                       ")");
  auto series = by_series(std::move(scan.images));
  if (const auto chosen = series.find(series_id); chosen != series.end()) return std::move(chosen->second);
  if (series.size() > 1) {
    if (series_id.empty())
      refuse(folder, "holds " + std::to_string(series.size()) + " image series: " + series_list(series) +
                         "; give the SeriesInstanceUID of the one to read");
    // The requested id is not repeated: it is the caller's own, and UIDs stay out of messages where they can.
    refuse(folder, "the requested SeriesInstanceUID is not among its image series: " + series_list(series));
  }
  // One series: an id of the user's own names it; a UID naming another series means a wrong folder.
  if (looks_like_uid(series_id))
    refuse(folder, "the requested SeriesInstanceUID is not the folder's image series (" + series_list(series) +
                       "); check the folder, or give a series id that is not a UID");
  return std::move(series.begin()->second);
}

void check_modality(const std::filesystem::path& folder, const std::vector<DicomSliceHeader>& slices,
                    const std::vector<std::string>& allowed) {
  const std::string& modality = slices.front().modality;
  for (const DicomSliceHeader& slice : slices)
    if (slice.modality != modality)
      refuse(folder, slice, "modality " + slice.modality + " differs from the series' " + modality);
  if (allowed.empty() || std::find(allowed.begin(), allowed.end(), modality) != allowed.end()) return;
  std::string expected;
  for (const auto& m : allowed) expected += (expected.empty() ? "" : ", ") + m;
  refuse(folder, "series modality is '" + modality + "'; expected " + (allowed.size() > 1 ? "one of " : "") +
                     expected);
}

/// Stored values to modality values (HU for CT): stored × slope + intercept, per slice since PET and some MR
/// scale each slice differently.
template <class Stored>
void rescale(const char* bytes, std::size_t count, const DicomSliceHeader& slice, float* out) {
  const double slope = slice.rescale_slope, intercept = slice.rescale_intercept;
  for (std::size_t i = 0; i < count; ++i) {
    Stored stored;
    std::memcpy(&stored, bytes + i * sizeof(Stored), sizeof(Stored));  // GDCM's buffer has no alignment promise
    out[i] = float(double(stored) * slope + intercept);
  }
}

/// Decodes one slice's pixel data (GDCM handles the transfer syntax: raw, JPEG, JPEG-LS, JPEG 2000, RLE) into
/// `out`, rows × columns floats. `buffer` is reused across slices.
void decode_slice(const std::filesystem::path& folder, const DicomSliceHeader& slice, std::vector<char>& buffer,
                  float* out) {
  gdcm::ImageReader reader;
  reader.SetFileName(slice.path.c_str());
  bool read = false;
  try {
    read = reader.Read();
  } catch (const std::exception&) {
    read = false;
  }
  if (!read) refuse(folder, slice, "cannot read the image (corrupt or truncated file)");
  const gdcm::Image& image = reader.GetImage();
  if (image.GetColumns() != slice.columns || image.GetRows() != slice.rows)
    refuse(folder, slice, "pixel data is " + std::to_string(image.GetColumns()) + " x " +
                              std::to_string(image.GetRows()) + " but the header says " +
                              std::to_string(slice.columns) + " x " + std::to_string(slice.rows));
  const gdcm::PixelFormat& format = image.GetPixelFormat();
  const std::size_t count = std::size_t(slice.rows) * slice.columns;
  const std::size_t length = image.GetBufferLength();
  if (format.GetSamplesPerPixel() != 1 || length != count * format.GetPixelSize())
    refuse(folder, slice, std::string("unsupported pixel format ") + format.GetScalarTypeAsString() + " with " +
                              std::to_string(format.GetSamplesPerPixel()) + " samples per pixel");
  buffer.resize(length);
  bool decoded = false;
  try {
    decoded = image.GetBuffer(buffer.data());
  } catch (const std::exception&) {
    decoded = false;
  }
  if (!decoded) refuse(folder, slice, "cannot decode the pixel data (corrupt or truncated file)");
  const char* bytes = buffer.data();
  switch (format.GetScalarType()) {
    case gdcm::PixelFormat::UINT8: rescale<std::uint8_t>(bytes, count, slice, out); break;
    case gdcm::PixelFormat::INT8: rescale<std::int8_t>(bytes, count, slice, out); break;
    case gdcm::PixelFormat::UINT16: rescale<std::uint16_t>(bytes, count, slice, out); break;
    case gdcm::PixelFormat::INT16: rescale<std::int16_t>(bytes, count, slice, out); break;
    case gdcm::PixelFormat::UINT32: rescale<std::uint32_t>(bytes, count, slice, out); break;
    case gdcm::PixelFormat::INT32: rescale<std::int32_t>(bytes, count, slice, out); break;
    case gdcm::PixelFormat::FLOAT32: rescale<float>(bytes, count, slice, out); break;
    case gdcm::PixelFormat::FLOAT64: rescale<double>(bytes, count, slice, out); break;
    default:
      refuse(folder, slice, std::string("unsupported pixel type ") + format.GetScalarTypeAsString());
  }
  for (std::size_t i = 0; i < count; ++i)
    if (!std::isfinite(out[i]))
      refuse(folder, slice, "non-finite voxel value after rescaling at pixel index " + std::to_string(i));
}

}  // namespace

bool is_dicom_directory(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return false;
  for (const auto& entry : std::filesystem::directory_iterator(path, ec))
    if (entry.is_regular_file(ec) && detail::is_dicom_file(entry.path())) return true;
  return false;
}

std::vector<std::string> list_dicom_series(const std::filesystem::path& folder) {
  std::set<std::string> uids;
  for (const auto& image : detail::scan_dicom_folder(folder).images) uids.insert(image.series_instance_uid);
  return {uids.begin(), uids.end()};
}

DicomSeriesInfo read_dicom_series_info(const std::filesystem::path& folder, const std::string& series_id) {
  const std::vector<DicomSliceHeader> slices = choose_series(folder, detail::scan_dicom_folder(folder), series_id);
  const DicomSliceHeader& first = slices.front();
  DicomSeriesInfo info;
  info.series_instance_uid = first.series_instance_uid;
  info.study_instance_uid = first.study_instance_uid;
  info.frame_of_reference_uid = first.frame_of_reference_uid;
  info.modality = first.modality;
  return info;
}

DicomSeries read_dicom_series(const std::filesystem::path& folder, const std::string& series_id,
                              const std::vector<std::string>& allowed_modalities) {
  const std::vector<DicomSliceHeader> slices = choose_series(folder, detail::scan_dicom_folder(folder), series_id);
  check_modality(folder, slices, allowed_modalities);
  // Every geometric refusal happens here, before any voxel is decoded.
  const detail::DicomSeriesLayout layout = detail::layout_dicom_series(slices, folder);

  DicomSeries series;
  series.image = Volume<float>(layout.geometry);
  const std::size_t slice_voxels = layout.geometry.size[0] * layout.geometry.size[1];
  std::vector<char> buffer;
  for (std::size_t k = 0; k < layout.order.size(); ++k) {
    const DicomSliceHeader& slice = slices[layout.order[k]];
    decode_slice(folder, slice, buffer, series.image.data() + k * slice_voxels);
    series.info.sop_instance_uids.push_back(slice.sop_instance_uid);
  }
  const DicomSliceHeader& first = slices.front();
  series.info.series_instance_uid = first.series_instance_uid;
  series.info.study_instance_uid = first.study_instance_uid;
  series.info.frame_of_reference_uid = first.frame_of_reference_uid;
  series.info.modality = first.modality;
  return series;
}

}  // namespace voxfeat::io
