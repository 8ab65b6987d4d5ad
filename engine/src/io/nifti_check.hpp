#pragma once
// NIfTI files are read by ITK through nifti1_io, which silently replaces non-finite float voxels with 0 and does not
// always report a truncated gzip stream. voxfeat refuses both, so this check streams the voxel data once more and
// verifies that every byte the header promises is there and that float voxels are finite.
#include <filesystem>

namespace voxfeat::io {

/// True for .nii and .nii.gz names.
bool is_nifti_path(const std::filesystem::path& path);

/// Throws IoError naming the file when its voxel data is shorter than the header says (truncated or corrupt
/// stream), or when a float voxel is NaN or infinite (with the count and the first voxel's index).
void check_nifti_voxel_data(const std::filesystem::path& path);

}  // namespace voxfeat::io
