#pragma once
// Which intensity and label images `voxfeat objects` pairs: the rows of a manifest, or the files of two folders
// matching a pattern (docs/microscopy.md).
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "microscopy/object_image.hpp"

namespace voxfeat::detail {

struct ImagePair {
  std::size_t row = 0;    ///< manifest row (1-based line), or position in the folder listing (1-based)
  std::string sample_id;  ///< pseudonymised as the patient of the store's key
  std::string image_id;   ///< pseudonymised as the series of the store's key
  ObjectImageSource source;
};

/// Defaults the command line gives every pair (a manifest column overrides them per row).
struct PairDefaults {
  io::microscopy::PlaneChoice intensity_choice{};
  io::microscopy::PlaneChoice label_choice{};
  std::optional<double> pixel_size_um = std::nullopt;
};

/// Every file of `intensity_dir` whose name matches `pattern` (shell wildcards * ? [..], fnmatch), in name order,
/// paired with the file of the same name in `label_dir` (a missing one fails that pair when it is read, not the
/// listing). sample_id and image_id: the file name without its extension(s) and the file name. Throws ConfigError
/// for a folder that does not exist or holds no matching file.
std::vector<ImagePair> pairs_from_folders(const std::filesystem::path& intensity_dir,
                                          const std::filesystem::path& label_dir, const std::string& pattern,
                                          const PairDefaults& defaults);

/// The rows of a CSV manifest: columns sample_id, intensity, labels, optional image_id (default: the intensity
/// file's name), channel, page, z, t, label_channel, label_page, pixel_size_um. Relative paths are relative to the
/// manifest's folder. Throws ConfigError naming the file, row and column for anything malformed.
std::vector<ImagePair> pairs_from_manifest(const std::filesystem::path& manifest, const PairDefaults& defaults);

}  // namespace voxfeat::detail
