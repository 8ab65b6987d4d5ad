#pragma once
// GPU zones of linked voxels and their matrices (GLSZM 9SAK, GLDZM VMDZ). Same contract as the CPU's
// kernels::texture::label_zones, border_distance and zone_matrix (kernels/texture/zones.hpp, zone_matrix.hpp): the
// zones, their sizes and minimum distances are integers and each zone's root is its first voxel on both, so the
// GPU's matrices equal the CPU's bit for bit. Per-voxel logic: zones_voxel.hpp. Design and limits:
// bench/gpu/README.md, "GPU zones".
#include <array>
#include <cstddef>
#include <cstdint>

#include "common/views.hpp"
#include "cuda_error.hpp"
#include "texture/zone_matrix.hpp"

namespace voxfeat::cuda {

/// Both zone matrices of one scope, from one labelling.
struct ZoneMatrices {
  kernels::texture::ZoneMatrix glszm;  ///< level × size
  kernels::texture::ZoneMatrix gldzm;  ///< level × distance to the ROI edge (all distances 0 without a mask)
};

/// Device buffers of one labelling, each extent[0] × extent[1] × extent[2] values (dense, x fastest).
struct ZoneDeviceBuffers {
  std::uint32_t* d_parent = nullptr;    ///< out: each ROI voxel's zone root (its first voxel)
  std::uint32_t* d_size = nullptr;      ///< out: at roots, the zone's voxels
  std::uint32_t* d_nearest = nullptr;   ///< out: at roots, the zone's minimum distance (0 without a mask)
  std::uint32_t* d_distance = nullptr;  ///< scratch: the distance map (needed only with a mask)
};

/// The refusals shared by every entry point, made before any CUDA call: std::invalid_argument for δ outside
/// 1..kernels::texture::max_linkage_distance, a scope of 2^32 − 1 voxels or more (the CPU's limit), or an extent of
/// 2^31 or more.
void check_zone_arguments(const std::array<std::size_t, 3>& extent, int linkage_distance);

/// Device-resident labelling: `d_levels` (device) holds the level volume (0 or less outside the ROI); `d_mask`
/// (device, same grid, or null) the morphological mask whose border distance (3D when three_d, per slice otherwise,
/// as kernels::texture::border_distance) each zone's minimum is taken of. three_d = false labels every slice on its
/// own (one launch for all slices of a 2D or 2.5D aggregation). Asynchronous on `stream`; fills `buffers`' outputs.
/// Throws what check_zone_arguments throws (before any CUDA call), CudaError when a CUDA call fails.
void label_zones_device(const std::int32_t* d_levels, const std::array<std::size_t, 3>& extent, bool three_d,
                        int linkage_distance, const std::uint8_t* d_mask, const ZoneDeviceBuffers& buffers,
                        cudaStream_t stream = nullptr);

/// Counts the zones of a label_zones_device result into both matrices (as kernels::texture::zone_matrix: rows
/// level_count, grown to the highest level present). Reads sizes back to lay the matrices out, so it synchronises
/// `stream` (several times) before returning.
ZoneMatrices zone_matrices_device(const std::int32_t* d_levels, const std::array<std::size_t, 3>& extent,
                                  const ZoneDeviceBuffers& buffers, int level_count, cudaStream_t stream = nullptr);

/// Host memory in and out: the GLSZM and the GLDZM of `scope` (a volume, or one slice with three_d = false), equal to
/// kernels::texture::zone_matrix(label_zones(scope, three_d, δ, distance), level_count, size / distance) with
/// distance = border_distance(morphological_mask, three_d) when its data is not null (no map otherwise). Copies to the
/// current device and synchronises `stream` before returning. Refuses before any CUDA call what
/// check_zone_arguments refuses, and a mask whose extent differs from the scope's (std::invalid_argument); makes no
/// CUDA call for an empty scope.
ZoneMatrices zone_matrices(const kernels::View3<std::int32_t>& scope,
                           const kernels::View3<std::uint8_t>& morphological_mask, bool three_d,
                           int linkage_distance, int level_count, cudaStream_t stream = nullptr);

}  // namespace voxfeat::cuda
