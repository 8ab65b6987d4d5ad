#include "batch/manifest.hpp"

#include <algorithm>
#include <fstream>
#include <map>

#include "voxfeat/error.hpp"

namespace voxfeat::detail {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

}  // namespace

std::vector<std::string> split_csv_line(const std::string& line, const std::string& where) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(trim(field));
      field.clear();
    } else {
      field += c;
    }
  }
  if (quoted) throw ConfigError(where + ": unclosed quote");
  fields.push_back(trim(field));
  return fields;
}

std::vector<ManifestCase> read_manifest(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError(path.string() + ": cannot open manifest");
  std::string line;
  std::size_t line_number = 0;
  std::vector<std::string> header;
  while (header.empty() && std::getline(in, line)) {
    ++line_number;
    if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);  // UTF-8 BOM from Excel
    if (!trim(line).empty()) header = split_csv_line(line, path.string() + ":" + std::to_string(line_number));
  }
  if (header.empty()) throw ConfigError(path.string() + ": manifest is empty (expected a header line)");

  const std::vector<std::string> known{"patient_id", "image", "mask", "study_id", "series_id", "label", "roi"};
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (std::find(known.begin(), known.end(), header[i]) == known.end())
      throw ConfigError(path.string() + ": unknown manifest column '" + header[i] +
                        "' (columns: patient_id, image, mask, optional study_id, series_id, label, roi)");
    if (!column.emplace(header[i], i).second)
      throw ConfigError(path.string() + ": manifest column '" + header[i] + "' appears twice");
  }
  std::string missing;
  for (const char* required : {"patient_id", "image", "mask"})
    if (!column.count(required)) missing += (missing.empty() ? "" : ", ") + std::string(required);
  if (!missing.empty()) throw ConfigError(path.string() + ": manifest lacks required column(s): " + missing);

  const std::filesystem::path base = path.parent_path();
  const auto resolve = [&](const std::string& p) {
    const std::filesystem::path fp(p);
    return fp.is_absolute() ? fp : base / fp;
  };
  std::vector<ManifestCase> cases;
  while (std::getline(in, line)) {
    ++line_number;
    if (trim(line).empty()) continue;
    const std::string where = path.string() + ":" + std::to_string(line_number);
    const auto fields = split_csv_line(line, where);
    if (fields.size() != header.size())
      throw ConfigError(where + ": " + std::to_string(fields.size()) + " fields, the header has " +
                        std::to_string(header.size()));
    const auto get = [&](const std::string& name) {
      const auto it = column.find(name);
      return it == column.end() ? std::string() : fields[it->second];
    };
    ManifestCase c;
    c.row = cases.size() + 1;
    c.patient_id = get("patient_id");
    c.study_id = get("study_id");
    c.series_id = get("series_id");
    c.label = get("label");
    c.roi = get("roi");
    for (const char* required : {"patient_id", "image", "mask"})
      if (get(required).empty()) throw ConfigError(where + ": empty " + std::string(required));
    c.image = resolve(get("image"));
    c.mask = resolve(get("mask"));
    cases.push_back(std::move(c));
  }
  return cases;
}

}  // namespace voxfeat::detail
