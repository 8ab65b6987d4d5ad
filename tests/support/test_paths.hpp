#pragma once
// Where tests find their data and the voxfeat command. Tests never read ../shared: a user's clone has no such folder.
#include <filesystem>

namespace voxfeat::test {

/// Both the build's checkout, or the one the environment variable VOXFEAT_SOURCE_DIR names.
std::filesystem::path data_dir();     ///< tests/data
std::filesystem::path source_dir();   ///< repository root (settings/ lives there)
std::filesystem::path cli_path();     ///< the built voxfeat executable
/// A fresh, empty folder under the system temp dir, unique per call; removed by the caller if wanted.
std::filesystem::path fresh_temp_dir(const std::string& tag);

}  // namespace voxfeat::test
