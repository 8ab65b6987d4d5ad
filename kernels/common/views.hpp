#pragma once
// Plain views over voxel data for kernels: pointer, extents, strides, spacing. Kernels know nothing of the engine's
// Volume, the registry or files; the engine hands them these views.
#include <array>
#include <cstddef>

namespace voxfeat::kernels {

template <class T>
struct View3 {
  const T* data = nullptr;
  std::array<std::size_t, 3> extent{0, 0, 0};   ///< x, y, z
  std::array<double, 3> spacing{1.0, 1.0, 1.0};  ///< mm
  // Dense, x fastest: strides are implied (1, ex, ex*ey). Kept implicit until a caller needs otherwise.

  [[nodiscard]] std::size_t voxel_count() const { return extent[0] * extent[1] * extent[2]; }
  [[nodiscard]] std::size_t index(std::size_t x, std::size_t y, std::size_t z) const {
    return x + extent[0] * (y + extent[1] * z);
  }
  [[nodiscard]] const T& operator()(std::size_t x, std::size_t y, std::size_t z) const { return data[index(x, y, z)]; }
};

}  // namespace voxfeat::kernels
