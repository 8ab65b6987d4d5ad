#pragma once
// Seeded random level volumes for the NGTDM/NGLDM tests: levels 1..Ng inside a random blob-like ROI, 0 outside,
// with the ROI touching the volume's faces (neighbourhoods cut by the scope edge are part of what is tested).
#include <cstdint>
#include <random>
#include <vector>

#include "common/views.hpp"

namespace voxfeat::test {

struct LevelVolume {
  std::vector<std::int32_t> data;
  std::size_t ex = 0, ey = 0, ez = 0;
  [[nodiscard]] kernels::View3<std::int32_t> view() const { return {data.data(), {ex, ey, ez}, {1.0, 1.0, 1.0}}; }
};

/// `fill` is the probability that a voxel is in the ROI; levels are drawn from a few runs of equal values so that
/// equal-level neighbours (NGLDM dependence) occur as well as differences.
inline LevelVolume random_levels(std::size_t ex, std::size_t ey, std::size_t ez, int level_count, double fill,
                                 std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::uniform_int_distribution<int> level(1, level_count);
  LevelVolume v{std::vector<std::int32_t>(ex * ey * ez, 0), ex, ey, ez};
  int current = level(rng);
  for (auto& x : v.data) {
    if (u(rng) < 0.3) current = level(rng);  // runs of equal levels along x
    if (u(rng) < fill) x = current;
  }
  return v;
}

}  // namespace voxfeat::test
