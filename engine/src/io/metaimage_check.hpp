#pragma once
// ITK's MetaImage reader only prints a warning ("data not read completely") when the voxel data is shorter than its
// header says, and hands back a partly filled image. voxfeat refuses such files: this check compares the size of the
// uncompressed voxel data with what the header promises before ITK reads it.
#include <cstdint>
#include <filesystem>

namespace voxfeat::io {

bool is_metaimage_path(const std::filesystem::path& path);

/// Throws IoError naming the file when its uncompressed voxel data (in the .mha itself after the header, or in the
/// ElementDataFile of a .mhd) holds fewer than `expected_bytes`. Compressed and multi-file (LIST, pattern) data are
/// left to ITK.
void check_metaimage_voxel_data(const std::filesystem::path& path, std::uint64_t expected_bytes);

}  // namespace voxfeat::io
