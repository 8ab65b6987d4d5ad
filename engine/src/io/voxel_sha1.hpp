#pragma once
// SHA-1 of a voxel array as SimpleITK holds it after reading a file (its own voxel type, little-endian, x fastest):
// what PyRadiomics reports as diagnostics_Image-original_Hash and Mask-original_Hash. The readers feed it the bytes
// they decode anyway, so that a hash costs no second read of the file.
#include <cstddef>
#include <memory>
#include <string>

namespace voxfeat::io {

class VoxelSha1 {
 public:
  VoxelSha1();
  ~VoxelSha1();
  VoxelSha1(const VoxelSha1&) = delete;
  VoxelSha1& operator=(const VoxelSha1&) = delete;

  void update(const void* bytes, std::size_t count);
  /// The digest in hex; the object cannot be updated afterwards.
  [[nodiscard]] std::string hex();

 private:
  struct Context;
  std::unique_ptr<Context> m_context;
};

}  // namespace voxfeat::io
