#pragma once
// Image and mask readers for NIfTI (.nii, .nii.gz), NRRD (.nrrd, .nhdr) and MetaImage (.mha, .mhd), through ITK.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "voxfeat/label.hpp"
#include "voxfeat/volume.hpp"

namespace voxfeat::io {

/// True when the file name has an extension voxfeat reads.
bool is_supported_image_path(const std::filesystem::path& path);

/// Reads a 2D or 3D scalar image as float (2D images get size[2] == 1). Throws IoError naming the file and the
/// problem: missing, unreadable, unsupported format, corrupt or truncated data, more than 3 dimensions or a
/// multi-component pixel.
/// `voxel_sha1`, when given, receives the SHA-1 (hex) of the voxel array in the file's own type as ITK reads it,
/// computed while decoding (PyRadiomics' image hash; io/voxel_sha1.hpp).
Volume<float> read_image(const std::filesystem::path& path, std::string* voxel_sha1 = nullptr);

/// The voxel type a file stores, as ITK (and so SimpleITK and PyRadiomics) reads it: the header's component type,
/// float where ITK rescales (NIfTI with scl_slope). The PyRadiomics profile casts resampled images back to it.
struct StoredPixelType {
  std::string name;       ///< "int16", "float32", ...
  bool integer = false;
  double min = 0.0, max = 0.0;  ///< the integer type's range (integer types only)
  std::size_t bytes = 4;
};

/// The stored voxel type of an image file (header only). Same errors as read_image.
StoredPixelType read_stored_pixel_type(const std::filesystem::path& path);

/// A mask reduced to the voxels of one label selection.
struct MaskReadResult {
  Volume<std::uint8_t> mask;             ///< 1 where the label matches
  std::size_t selected_voxels = 0;
  std::vector<long long> labels_present;  ///< distinct non-zero labels in the file (at most 64 listed)
  std::string voxel_sha1;                 ///< SHA-1 of the label array as read (when asked for), else empty
};

/// Reads a mask and keeps the voxels the selector matches. Same errors as read_image.
MaskReadResult read_mask(const std::filesystem::path& path, const LabelSelector& label, bool hash_voxels = false);

/// Writers used by the demo data generator and tests; the format follows the extension.
void write_image(const std::filesystem::path& path, const Volume<float>& image);
void write_image(const std::filesystem::path& path, const Volume<std::int16_t>& image);
void write_mask(const std::filesystem::path& path, const Volume<std::uint8_t>& mask);

}  // namespace voxfeat::io
