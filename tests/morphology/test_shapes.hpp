#pragma once
// Synthetic masks and images for the morphology kernel tests: voxelised ellipsoids, boxes and seeded random ROIs.
#include <array>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "common/views.hpp"

namespace voxfeat::test::morphology {

/// A mask (x fastest) with its spacing; view() gives the kernel view.
struct MaskVolume {
  std::array<std::size_t, 3> extent{};
  std::array<double, 3> spacing{1, 1, 1};
  std::vector<std::uint8_t> voxels;

  [[nodiscard]] kernels::View3<std::uint8_t> view() const { return {voxels.data(), extent, spacing}; }
  [[nodiscard]] std::size_t count() const {
    std::size_t n = 0;
    for (auto v : voxels) n += v != 0;
    return n;
  }
};

struct ImageVolume {
  std::array<std::size_t, 3> extent{};
  std::array<double, 3> spacing{1, 1, 1};
  std::vector<float> voxels;
  [[nodiscard]] kernels::View3<float> view() const { return {voxels.data(), extent, spacing}; }
};

/// Voxels whose centre lies inside the ellipsoid with semi-axes r (mm) centred in a grid with a 2-voxel margin.
inline MaskVolume ellipsoid_mask(std::array<double, 3> r, std::array<double, 3> spacing) {
  MaskVolume m;
  m.spacing = spacing;
  std::array<double, 3> centre{};
  for (std::size_t a = 0; a < 3; ++a) {
    m.extent[a] = std::size_t(2 * std::ceil(r[a] / spacing[a])) + 5;
    centre[a] = 0.5 * double(m.extent[a] - 1) * spacing[a];
  }
  m.voxels.assign(m.extent[0] * m.extent[1] * m.extent[2], 0);
  for (std::size_t k = 0; k < m.extent[2]; ++k)
    for (std::size_t j = 0; j < m.extent[1]; ++j)
      for (std::size_t i = 0; i < m.extent[0]; ++i) {
        const double x = (double(i) * spacing[0] - centre[0]) / r[0];
        const double y = (double(j) * spacing[1] - centre[1]) / r[1];
        const double z = (double(k) * spacing[2] - centre[2]) / r[2];
        m.voxels[i + m.extent[0] * (j + m.extent[1] * k)] = x * x + y * y + z * z <= 1.0;
      }
  return m;
}

/// An extent-sized grid with the box [lo, hi) of voxels set.
inline MaskVolume box_mask(std::array<std::size_t, 3> extent, std::array<std::size_t, 3> lo,
                           std::array<std::size_t, 3> hi, std::array<double, 3> spacing) {
  MaskVolume m{extent, spacing, std::vector<std::uint8_t>(extent[0] * extent[1] * extent[2], 0)};
  for (std::size_t k = lo[2]; k < hi[2]; ++k)
    for (std::size_t j = lo[1]; j < hi[1]; ++j)
      for (std::size_t i = lo[0]; i < hi[0]; ++i) m.voxels[i + extent[0] * (j + extent[1] * k)] = 1;
  return m;
}

/// Each voxel in the ROI with probability `fill` (seeded, reproducible).
inline MaskVolume random_mask(std::uint32_t seed, std::array<std::size_t, 3> extent, double fill,
                              std::array<double, 3> spacing) {
  std::mt19937 rng(seed);
  std::bernoulli_distribution in(fill);
  MaskVolume m{extent, spacing, std::vector<std::uint8_t>(extent[0] * extent[1] * extent[2], 0)};
  for (auto& v : m.voxels) v = in(rng) ? 1 : 0;
  return m;
}

/// Seeded intensities on the mask's grid: a smooth ramp plus uniform noise, so Moran's I is clearly non-zero.
inline ImageVolume random_image(std::uint32_t seed, const MaskVolume& m) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> noise(-50.0f, 50.0f);
  ImageVolume im{m.extent, m.spacing, std::vector<float>(m.voxels.size())};
  for (std::size_t k = 0; k < m.extent[2]; ++k)
    for (std::size_t j = 0; j < m.extent[1]; ++j)
      for (std::size_t i = 0; i < m.extent[0]; ++i)
        im.voxels[i + m.extent[0] * (j + m.extent[1] * k)] = float(10.0 * double(i) + 5.0 * double(k)) + noise(rng);
  return im;
}

}  // namespace voxfeat::test::morphology
