#pragma once
// voxfeat's own image model: voxel data plus the physical geometry ITK would give it. The rest of the engine sees
// only this type, so that ITK stays inside engine/src/io.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace voxfeat {

using Index3 = std::array<std::size_t, 3>;
using Vec3 = std::array<double, 3>;

/// Physical placement of a voxel grid (ITK/DICOM LPS conventions, millimetres).
struct Geometry {
  Index3 size{0, 0, 0};        ///< voxels along x, y, z (x fastest in memory)
  Vec3 spacing{1.0, 1.0, 1.0};  ///< mm between voxel centres along each axis
  Vec3 origin{0.0, 0.0, 0.0};   ///< physical position (mm) of the centre of voxel (0,0,0)
  /// Direction cosines, row-major 3×3; column a is the physical direction of index axis a.
  std::array<double, 9> direction{1, 0, 0, 0, 1, 0, 0, 0, 1};

  [[nodiscard]] std::size_t voxel_count() const { return size[0] * size[1] * size[2]; }
  [[nodiscard]] double voxel_volume() const { return spacing[0] * spacing[1] * spacing[2]; }
  /// Physical position of the centre of voxel (i, j, k).
  [[nodiscard]] Vec3 index_to_physical(double i, double j, double k) const {
    const double si = i * spacing[0], sj = j * spacing[1], sk = k * spacing[2];
    return {origin[0] + direction[0] * si + direction[1] * sj + direction[2] * sk,
            origin[1] + direction[3] * si + direction[4] * sj + direction[5] * sk,
            origin[2] + direction[6] * si + direction[7] * sj + direction[8] * sk};
  }
};

/// Axis-aligned index box [lo, hi) inside a grid.
struct IndexBox {
  Index3 lo{0, 0, 0};
  Index3 hi{0, 0, 0};
  [[nodiscard]] bool empty() const { return hi[0] <= lo[0] || hi[1] <= lo[1] || hi[2] <= lo[2]; }
  [[nodiscard]] Index3 extent() const { return {hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]}; }
};

/// A dense 3D volume, x fastest. 2D images are volumes with size[2] == 1.
template <class T>
class Volume {
 public:
  Volume() = default;
  explicit Volume(const Geometry& geometry, T fill = T{})
      : m_geometry(geometry), m_data(geometry.voxel_count(), fill) {}

  [[nodiscard]] const Geometry& geometry() const { return m_geometry; }
  [[nodiscard]] const Index3& size() const { return m_geometry.size; }
  [[nodiscard]] std::size_t voxel_count() const { return m_data.size(); }
  [[nodiscard]] bool empty() const { return m_data.empty(); }

  [[nodiscard]] std::size_t linear_index(std::size_t x, std::size_t y, std::size_t z) const {
    return x + m_geometry.size[0] * (y + m_geometry.size[1] * z);
  }
  [[nodiscard]] T& operator()(std::size_t x, std::size_t y, std::size_t z) { return m_data[linear_index(x, y, z)]; }
  [[nodiscard]] const T& operator()(std::size_t x, std::size_t y, std::size_t z) const {
    return m_data[linear_index(x, y, z)];
  }

  [[nodiscard]] T* data() { return m_data.data(); }
  [[nodiscard]] const T* data() const { return m_data.data(); }
  [[nodiscard]] std::vector<T>& values() { return m_data; }
  [[nodiscard]] const std::vector<T>& values() const { return m_data; }

 private:
  Geometry m_geometry;
  std::vector<T> m_data;
};

}  // namespace voxfeat
