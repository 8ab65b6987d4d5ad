#pragma once
// NIfTI voxel data, decoded by voxfeat itself (ITK still reads the header and its orientation). Two reasons:
// ITK's nifti1_io silently replaces non-finite float voxels with 0 and does not always report a truncated gzip
// stream, both of which voxfeat must refuse; and it decodes into a buffer of its own before copying, so reading
// through it needs the decoded volume three times in memory. Here the stream is decoded once, straight into the
// caller's buffer, with scl_slope/scl_inter applied as NIfTI-1 §"scl_slope" and ITK do.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>

#include "io/voxel_sha1.hpp"

namespace voxfeat::io {

/// True for .nii and .nii.gz names.
bool is_nifti_path(const std::filesystem::path& path);

/// Streams the voxels of a NIfTI-1 or NIfTI-2 file (plain or gzip) in storage order and calls visit(first, values)
/// for each decoded chunk: the values of voxels first, first + 1, ..., after scaling. `expected_voxels` is the voxel
/// count ITK read from the header. Throws IoError naming the file when the data is shorter than the header says
/// (truncated or corrupt stream), a float voxel is NaN or infinite (count and first index), or the datatype is not a
/// scalar one.
/// `sha1`, when given, receives the voxel array as ITK holds it after reading (io/voxel_sha1.hpp): the stored
/// bytes, byte-swapped to little-endian, or float32 values where scl_slope/scl_inter rescale them.
void decode_nifti_voxels(const std::filesystem::path& path, std::uint64_t expected_voxels,
                         const std::function<void(std::uint64_t, std::span<const double>)>& visit,
                         VoxelSha1* sha1 = nullptr);

/// The same, writing float values into `out` (expected_voxels of them); the fast path for images.
void decode_nifti_voxels(const std::filesystem::path& path, std::uint64_t expected_voxels, float* out,
                         VoxelSha1* sha1 = nullptr);

}  // namespace voxfeat::io
