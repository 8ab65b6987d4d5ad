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

}  // namespace voxfeat::test
