#pragma once
// A RoiContext over a grey-level volume, for family-level GPU parity tests: what the texture families read
// (discretised()); the image holds the levels as intensities, the masks the ROI (level > 0).
#include <cstdint>

#include "gpu_test_support.hpp"
#include "support/stored_roi_context.hpp"

namespace voxfeat::test {

class LevelsRoiContext final : public StoredRoiContext {
 public:
  LevelsRoiContext(const RandomLevels& levels, int level_count, ExecutionContext execution)
      : StoredRoiContext(as_image(levels), as_mask(levels), execution) {
    m_discretised.levels = Volume<std::int32_t>(image().geometry(), 0);
    std::copy(levels.levels.begin(), levels.levels.end(), m_discretised.levels.data());
    m_discretised.level_count = level_count;
  }

 private:
  static Geometry grid(const RandomLevels& levels) {
    Geometry g;
    g.size = levels.extent;
    return g;
  }
  static Volume<float> as_image(const RandomLevels& levels) {
    Volume<float> v(grid(levels));
    std::transform(levels.levels.begin(), levels.levels.end(), v.data(), [](std::int32_t l) { return float(l); });
    return v;
  }
  static Volume<std::uint8_t> as_mask(const RandomLevels& levels) {
    Volume<std::uint8_t> v(grid(levels));
    std::transform(levels.levels.begin(), levels.levels.end(), v.data(),
                   [](std::int32_t l) { return std::uint8_t(l > 0 ? 1 : 0); });
    return v;
  }
};

}  // namespace voxfeat::test
