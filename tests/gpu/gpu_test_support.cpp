#include "gpu_test_support.hpp"

#include <algorithm>
#include <limits>

namespace voxfeat::test {
namespace {

/// splitmix64: a tiny, well-mixed, fully specified generator.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double uniform() { return double(next() >> 11) * 0x1.0p-53; }  ///< [0, 1)

 private:
  std::uint64_t m_state;
};

}  // namespace

std::array<double, 2> RandomRoi::masked_range() const {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  for (std::size_t i = 0; i < image.size(); ++i) {
    if (mask[i] == 0) continue;
    lo = std::min(lo, double(image[i]));
    hi = std::max(hi, double(image[i]));
  }
  if (lo > hi) return {0.0, 0.0};
  return {lo, hi};
}

RandomRoi make_roi(const RoiRecipe& recipe) {
  RandomRoi roi;
  roi.extent = recipe.extent;
  const std::size_t n = recipe.extent[0] * recipe.extent[1] * recipe.extent[2];
  roi.image.resize(n);
  roi.mask.resize(n);
  SplitMix64 rng(recipe.seed);
  for (std::size_t i = 0; i < n; ++i) {
    const double u = rng.uniform();
    switch (recipe.intensities) {
      case Intensities::uniform: roi.image[i] = float(-1000.0 + 4000.0 * u); break;
      case Intensities::ct_integers: roi.image[i] = float(-1000 + int(rng.next() % 4001)); break;
      case Intensities::skewed: roi.image[i] = u < 0.9 ? 40.0f : float(-1000.0 + 4000.0 * rng.uniform()); break;
      case Intensities::constant: roi.image[i] = 12.5f; break;
    }
    roi.mask[i] = rng.uniform() < recipe.mask_fraction ? 1 : 0;
  }
  return roi;
}

std::size_t RandomLevels::roi_voxels() const {
  return std::size_t(std::count_if(levels.begin(), levels.end(), [](std::int32_t l) { return l > 0; }));
}

RandomLevels make_levels(const LevelRecipe& recipe) {
  RandomLevels out;
  out.extent = recipe.extent;
  const auto [ex, ey, ez] = recipe.extent;
  out.levels.resize(ex * ey * ez);
  SplitMix64 rng(recipe.seed);
  const auto near_face = [](std::size_t c, std::size_t e) { return c < 2 || c + 2 >= e; };
  std::size_t i = 0;
  for (std::size_t z = 0; z < ez; ++z)
    for (std::size_t y = 0; y < ey; ++y)
      for (std::size_t x = 0; x < ex; ++x, ++i) {
        // Both draws happen for every voxel, so that the levels do not depend on the mask options.
        const double in = rng.uniform();
        const std::uint64_t draw = rng.next();
        const bool shell = near_face(x, ex) || near_face(y, ey) || near_face(z, ez);
        if (in >= recipe.mask_fraction || (recipe.hollow && !shell) || recipe.ng == 0) continue;
        const bool common = recipe.skewed && draw % 10 != 0;
        out.levels[i] = common ? std::int32_t((recipe.ng + 1) / 2) : std::int32_t(1 + (draw >> 11) % recipe.ng);
      }
  return out;
}

LevelsRoi make_levels_roi(const LevelsRecipe& recipe) {
  LevelsRoi roi;
  roi.extent = recipe.extent;
  roi.levels.resize(recipe.extent[0] * recipe.extent[1] * recipe.extent[2]);
  SplitMix64 rng(recipe.seed);
  const auto ng = std::uint64_t(recipe.level_count);
  const auto radius = [&](std::size_t v, std::size_t axis) {  // −1..1 across the axis (0 for an extent of 1)
    const double half = double(recipe.extent[axis]) / 2.0;
    return (double(v) + 0.5 - half) / half;
  };
  for (std::size_t z = 0, i = 0; z < recipe.extent[2]; ++z)
    for (std::size_t y = 0; y < recipe.extent[1]; ++y)
      for (std::size_t x = 0; x < recipe.extent[0]; ++x, ++i) {
        const double rx = radius(x, 0), ry = radius(y, 1), rz = radius(z, 2);
        const double r2 = rx * rx + ry * ry + rz * rz;
        const bool shell = !recipe.hollow || (r2 >= 0.36 && r2 <= 1.0);
        const bool inside = rng.uniform() < recipe.roi_fraction && shell;
        const bool middle = rng.uniform() < recipe.skew;
        const auto uniform_level = std::int32_t(1 + rng.next() % ng);
        roi.levels[i] = !inside ? 0 : middle ? std::int32_t((ng + 1) / 2) : uniform_level;
      }
  return roi;
}

}  // namespace voxfeat::test
