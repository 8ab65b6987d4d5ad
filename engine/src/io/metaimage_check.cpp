#include "io/metaimage_check.hpp"

#include <algorithm>
#include <fstream>
#include <string>

#include "voxfeat/error.hpp"

namespace voxfeat::io {
namespace {

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return s;
}

}  // namespace

bool is_metaimage_path(const std::filesystem::path& path) {
  const std::string ext = lower(path.extension().string());
  return ext == ".mha" || ext == ".mhd";
}

void check_metaimage_voxel_data(const std::filesystem::path& path, std::uint64_t expected_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(path.string() + ": cannot open for reading");
  bool compressed = false;
  std::string data_file;
  std::string line;
  // ElementDataFile is the last header line; in a .mha with LOCAL data the voxels start right after it.
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = lower(trim(line.substr(0, eq)));
    const std::string value = trim(line.substr(eq + 1));
    if (key == "compresseddata") compressed = lower(value) == "true";
    if (key == "elementdatafile") {
      data_file = value;
      break;
    }
  }
  if (data_file.empty() || compressed) return;
  std::uint64_t available = 0;
  if (lower(data_file) == "local") {
    const auto start = std::uint64_t(in.tellg());
    in.seekg(0, std::ios::end);
    available = std::uint64_t(in.tellg()) - start;
  } else if (lower(data_file) == "list" || data_file.find('%') != std::string::npos ||
             data_file.find(' ') != std::string::npos) {
    return;  // one file per slice: ITK checks each
  } else {
    const auto data_path = path.parent_path() / data_file;
    std::error_code ec;
    const auto size = std::filesystem::file_size(data_path, ec);
    if (ec) throw IoError(path.string() + ": its voxel data file " + data_path.string() + " cannot be read");
    available = size;
  }
  if (available < expected_bytes)
    throw IoError(path.string() + ": truncated: " + std::to_string(available) + " of " +
                  std::to_string(expected_bytes) + " voxel bytes present");
}

}  // namespace voxfeat::io
