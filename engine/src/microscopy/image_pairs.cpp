#include "microscopy/image_pairs.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>

#include "batch/manifest.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::detail {
namespace {

/// "cell_01.ome.tif" → "cell_01": every extension, so that OME-TIFF and plain TIFF of one image share a sample id.
std::string stem_of(const std::filesystem::path& file) {
  std::string name = file.filename().string();
  const auto dot = name.find('.', 1);
  return dot == std::string::npos ? name : name.substr(0, dot);
}

std::size_t parse_index(const std::string& text, const std::string& where) {
  std::size_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size())
    throw ConfigError(where + ": '" + text + "' is not a non-negative integer");
  return value;
}

double parse_positive(const std::string& text, const std::string& where) {
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || !(value > 0) || !std::isfinite(value))
    throw ConfigError(where + ": '" + text + "' is not a positive number");
  return value;
}

}  // namespace

std::vector<ImagePair> pairs_from_folders(const std::filesystem::path& intensity_dir,
                                          const std::filesystem::path& label_dir, const std::string& pattern,
                                          const PairDefaults& defaults) {
  for (const auto& dir : {intensity_dir, label_dir})
    if (!std::filesystem::is_directory(dir)) throw ConfigError(dir.string() + ": not a folder");
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(intensity_dir)) {
    if (!entry.is_regular_file()) continue;
    if (::fnmatch(pattern.c_str(), entry.path().filename().c_str(), 0) == 0) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty())
    throw ConfigError(intensity_dir.string() + ": no file matches the pattern '" + pattern + "'");
  std::vector<ImagePair> pairs;
  for (std::size_t i = 0; i < files.size(); ++i) {
    ImagePair p;
    p.row = i + 1;
    p.sample_id = stem_of(files[i]);
    p.image_id = files[i].filename().string();
    p.source = {files[i], label_dir / files[i].filename(), defaults.intensity_choice, defaults.label_choice,
                defaults.pixel_size_um};
    pairs.push_back(std::move(p));
  }
  return pairs;
}

std::vector<ImagePair> pairs_from_manifest(const std::filesystem::path& manifest, const PairDefaults& defaults) {
  std::ifstream in(manifest);
  if (!in) throw ConfigError(manifest.string() + ": cannot open manifest");
  std::string line;
  std::size_t line_number = 0;
  std::vector<std::string> header;
  while (header.empty() && std::getline(in, line)) {
    ++line_number;
    if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);  // UTF-8 BOM
    if (line.find_first_not_of(" \t\r") != std::string::npos)
      header = split_csv_line(line, manifest.string() + ":" + std::to_string(line_number));
  }
  if (header.empty()) throw ConfigError(manifest.string() + ": manifest is empty (expected a header line)");
  const std::vector<std::string> known{"sample_id", "intensity", "labels", "image_id", "channel", "page",
                                       "z", "t", "label_channel", "label_page", "pixel_size_um"};
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (std::find(known.begin(), known.end(), header[i]) == known.end())
      throw ConfigError(manifest.string() + ": unknown manifest column '" + header[i] +
                        "' (columns: sample_id, intensity, labels, optional image_id, channel, page, z, t, "
                        "label_channel, label_page, pixel_size_um)");
    if (!column.emplace(header[i], i).second)
      throw ConfigError(manifest.string() + ": manifest column '" + header[i] + "' appears twice");
  }
  for (const char* required : {"sample_id", "intensity", "labels"})
    if (!column.count(required))
      throw ConfigError(manifest.string() + ": manifest lacks the required column '" + std::string(required) + "'");

  const std::filesystem::path base = manifest.parent_path();
  std::vector<ImagePair> pairs;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r,") == std::string::npos) continue;
    const std::string where = manifest.string() + " row " + std::to_string(line_number);
    const auto fields = split_csv_line(line, where);
    if (fields.size() != header.size())
      throw ConfigError(where + ": " + std::to_string(fields.size()) + " fields, the header has " +
                        std::to_string(header.size()));
    const auto field = [&](const char* name) -> std::string {
      const auto it = column.find(name);
      return it == column.end() ? std::string() : fields[it->second];
    };
    const auto path_of = [&](const char* name) {
      const std::string text = field(name);
      if (text.empty()) throw ConfigError(where + ": empty " + std::string(name));
      const std::filesystem::path p(text);
      return p.is_absolute() ? p : base / p;
    };
    const auto index = [&](const char* name, std::optional<std::size_t> fallback) -> std::optional<std::size_t> {
      const std::string text = field(name);
      return text.empty() ? fallback : std::optional<std::size_t>(parse_index(text, where + ", " + name));
    };
    ImagePair p;
    p.row = line_number;
    p.sample_id = field("sample_id");
    if (p.sample_id.empty()) throw ConfigError(where + ": empty sample_id");
    p.source.intensity = path_of("intensity");
    p.source.labels = path_of("labels");
    p.image_id = field("image_id").empty() ? p.source.intensity.filename().string() : field("image_id");
    p.source.intensity_choice = {index("page", defaults.intensity_choice.page),
                                 index("channel", defaults.intensity_choice.channel),
                                 index("z", defaults.intensity_choice.z), index("t", defaults.intensity_choice.t)};
    p.source.label_choice = {index("label_page", defaults.label_choice.page),
                             index("label_channel", defaults.label_choice.channel),
                             index("z", defaults.label_choice.z), index("t", defaults.label_choice.t)};
    const std::string pixel = field("pixel_size_um");
    p.source.pixel_size_um =
        pixel.empty() ? defaults.pixel_size_um
                      : std::optional<double>(parse_positive(pixel, where + ", pixel_size_um"));
    pairs.push_back(std::move(p));
  }
  if (pairs.empty()) throw ConfigError(manifest.string() + ": manifest has no image pair");
  return pairs;
}

}  // namespace voxfeat::detail
