#pragma once
// The manifest: one case per row of a CSV with a header. Required columns patient_id, image, mask; optional
// study_id, series_id, label, roi. `image` may be a DICOM series folder and `mask` an RTSTRUCT or SEG file
// (docs/dicom-series.md, docs/dicom-masks.md). Relative paths are relative to the manifest's folder. Extra columns are refused by
// name, so a misspelt optional column is not silently ignored.
#include <filesystem>
#include <string>
#include <vector>

namespace voxfeat::detail {

struct ManifestCase {
  std::size_t row = 0;  ///< 1-based data row (header excluded), for messages
  std::string patient_id;
  std::string study_id;
  std::string series_id;
  std::filesystem::path image;
  std::filesystem::path mask;
  std::string label;  ///< empty: the settings' label (label-image masks)
  std::string roi;    ///< RTSTRUCT ROI name or SEG segment (number or label); empty: the file's only one
};

/// Throws ConfigError naming the manifest, the row and the problem (missing column, empty required field,
/// unbalanced quotes, unknown column).
std::vector<ManifestCase> read_manifest(const std::filesystem::path& path);

/// Splits one CSV line (RFC 4180 quoting; fields may not span lines). Throws ConfigError on an unclosed quote.
std::vector<std::string> split_csv_line(const std::string& line, const std::string& where);

}  // namespace voxfeat::detail
