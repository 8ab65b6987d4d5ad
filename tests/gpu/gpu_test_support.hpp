#pragma once
// Shared by the GPU tests: a fixture that skips without a device, and seeded random ROIs.
#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "common/views.hpp"
#include "device_info.hpp"

namespace voxfeat::test {

/// Every test that needs a GPU derives from this: without one it skips, naming the runtime's reason.
class GpuTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    if (!cuda::device_available(&why)) GTEST_SKIP() << "no CUDA device: " << why;
  }
};

enum class Intensities {
  uniform,      ///< uniform floats in [-1000, 3000)
  ct_integers,  ///< whole numbers in [-1000, 3000]: many fall exactly on bin edges
  skewed,       ///< 90 % of voxels at one value, the rest spread: stresses same-counter atomics
  constant,     ///< one value everywhere (a flat ROI)
};

struct RoiRecipe {
  std::array<std::size_t, 3> extent{1, 1, 1};
  std::uint64_t seed = 1;
  double mask_fraction = 1.0;  ///< probability that a voxel is in the mask: 1 full, 0 empty
  Intensities intensities = Intensities::uniform;
};

/// A random image and mask; deterministic for a given recipe (the generator is seeded; the distributions are
/// written out here rather than taken from <random>, whose distributions differ between standard libraries).
struct RandomRoi {
  std::array<std::size_t, 3> extent{};
  std::vector<float> image;
  std::vector<std::uint8_t> mask;

  [[nodiscard]] kernels::View3<float> image_view() const { return {image.data(), extent}; }
  [[nodiscard]] kernels::View3<std::uint8_t> mask_view() const { return {mask.data(), extent}; }
  /// Smallest and largest intensity inside the mask ({0, 0} for an empty mask): the fixed-bin-number range.
  [[nodiscard]] std::array<double, 2> masked_range() const;
};

RandomRoi make_roi(const RoiRecipe& recipe);

/// Grey levels as the texture kernels take them (0 outside the ROI, 1..ng inside), for the GLCM parity tests.
struct LevelRecipe {
  std::array<std::size_t, 3> extent{1, 1, 1};
  std::uint64_t seed = 1;
  std::uint32_t ng = 32;
  double mask_fraction = 1.0;  ///< probability that a voxel is in the ROI
  bool skewed = false;         ///< 90 % of ROI voxels at level (ng + 1) / 2, the rest uniform in 1..ng
  bool hollow = false;         ///< only voxels within 2 of a face of the volume may be in the ROI (a shell)
};

struct RandomLevels {
  std::array<std::size_t, 3> extent{};
  std::vector<std::int32_t> levels;

  [[nodiscard]] kernels::View3<std::int32_t> view() const { return {levels.data(), extent}; }
  [[nodiscard]] std::size_t roi_voxels() const;
};

/// EXPECTs that a parity case named `name` made from `recipe` is what its name claims: "empty_roi" has no ROI voxel
/// (and no other case is empty), "sparse_mask" under 2 % of the volume, "hollow" under half, a skewed recipe ~90 % of
/// its ROI at one level.
inline void expect_recipe_claims(const std::string& name, const LevelRecipe& recipe, const RandomLevels& v) {
  EXPECT_EQ(v.roi_voxels() == 0, name == "empty_roi");
  if (name == "sparse_mask") {
    EXPECT_LT(v.roi_voxels(), v.levels.size() / 50);
  }
  if (name == "hollow") {
    EXPECT_LT(v.roi_voxels(), v.levels.size() / 2);
  }
  if (recipe.skewed) {
    std::size_t common = 0;
    for (const std::int32_t level : v.levels) common += level == std::int32_t((recipe.ng + 1) / 2) ? 1 : 0;
    EXPECT_GT(common, v.roi_voxels() * 8 / 10) << "one level holds ~90 %";
  }
}

/// A random grey-level volume for the neighbourhood kernels (NGTDM, NGLDM): 0 outside the ROI, 1..level_count inside.
struct LevelsRecipe {
  std::array<std::size_t, 3> extent{1, 1, 1};
  std::uint64_t seed = 1;
  int level_count = 32;
  double roi_fraction = 1.0;  ///< probability that a voxel (of the shell, when hollow) is in the ROI
  double skew = 0.0;          ///< probability that an ROI voxel takes the middle level (level_count + 1) / 2
  bool hollow = false;        ///< ROI only in an ellipsoidal shell: normalised radius in [0.6, 1]
};

/// The same volume type as make_levels gives.
using LevelsRoi = RandomLevels;

/// Deterministic for a given recipe, like make_roi (same generator).
RandomLevels make_levels(const LevelRecipe& recipe);

/// Deterministic for a given recipe; an ellipsoidal shell when hollow (make_levels' shell hugs the faces).
LevelsRoi make_levels_roi(const LevelsRecipe& recipe);

}  // namespace voxfeat::test
