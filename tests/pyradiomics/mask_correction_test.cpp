// correct_mask (PyRadiomics' correctMask, engine/src/extraction/mask_correction.cpp) and PyRadiomics' resampling
// grid (engine/src/processing/pyradiomics_resampling.cpp) on PyRadiomics' brain1 case. brain1_label_2D.nrrd is
// slice k = 16 of brain1_label.nrrd stored as its own 256×256×1 image (origin z = 26 mm): PyRadiomics' shape2D
// baseline reports 984 voxels and bounding box (162, 84, 16, 45, 32, 1) for it after correction
// (baseline_shape2D.csv, diagnostics_Mask-corrected_*).
#include <gtest/gtest.h>

#include "extraction/case_source.hpp"
#include "io/image_reader.hpp"
#include "processing/pyradiomics_resampling.hpp"
#include "processing/roi_box.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::test {
namespace {

detail::CaseSource brain1_with(const std::string& mask) {
  return {data_dir() / "pyradiomics/brain1_image.nrrd", data_dir() / "pyradiomics" / mask, LabelSelector{false, 1},
          {}, {}};
}

TEST(MaskCorrection, SingleSliceMaskIsPlacedOnTheImageGrid) {
  Settings settings;
  settings.correct_mask = true;
  const auto loaded = detail::load_case(brain1_with("brain1_label_2D.nrrd"), settings);
  EXPECT_EQ(loaded.mask.geometry().size, loaded.image.geometry().size);
  std::size_t voxels = 0;
  for (auto v : loaded.mask.values()) voxels += v;
  EXPECT_EQ(voxels, 984u);
  const IndexBox box = detail::bounding_box(loaded.mask);
  EXPECT_EQ(box.lo, (Index3{162, 84, 16}));
  EXPECT_EQ(box.extent(), (Index3{45, 32, 1}));
  // Equal to slice 16 of the full label.
  const auto full = io::read_mask(data_dir() / "pyradiomics/brain1_label.nrrd", LabelSelector{false, 1});
  for (std::size_t y = 0; y < 256; ++y)
    for (std::size_t x = 0; x < 256; ++x) ASSERT_EQ(loaded.mask(x, y, 16), full.mask(x, y, 16)) << x << "," << y;
}

TEST(MaskCorrection, WithoutTheSettingAMismatchIsRefused) {
  try {
    detail::load_case(brain1_with("brain1_label_2D.nrrd"), Settings{});
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("image/mask geometry mismatch: size 256x256x25 vs 256x256x1"),
              std::string::npos) << e.what();
  }
}

TEST(MaskCorrection, AnRoiOutsideTheImageIsRefused) {
  // The 2D label moved 40 mm above the image's last slice.
  const auto dir = fresh_temp_dir("mask-correction");
  auto mask = io::read_mask(data_dir() / "pyradiomics/brain1_label_2D.nrrd", LabelSelector{false, 1}).mask;
  Geometry g = mask.geometry();
  g.origin[2] += 200.0;
  Volume<std::uint8_t> moved(g);
  moved.values() = mask.values();
  io::write_mask(dir / "moved.nrrd", moved);
  Settings settings;
  settings.correct_mask = true;
  detail::CaseSource source = brain1_with("brain1_label_2D.nrrd");
  source.mask = dir / "moved.nrrd";
  try {
    detail::load_case(source, settings);
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("moved.nrrd: the ROI reaches outside the image along axis 2"),
              std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

TEST(PyradiomicsResampling, GridFollowsResampleImage) {
  // brain1, resampledPixelSpacing [2, 2, 2], padDistance 5: the ROI box starts at (162, 84, 11), size (47, 70, 7).
  // By resampleImage's formulas: ratio (0.390625, 0.390625, 3.25); lower bounds floor((lo − 0.5)·ratio − 5) =
  // (58, 27, 29); upper bounds ceil((lo + size − 0.5)·ratio + 5) = (87, 65, 62), within ceil(size·ratio) − 1 =
  // (99, 99, 81); origin index 0.5·(2 − s)/s + low/ratio.
  const auto mask = io::read_mask(data_dir() / "pyradiomics/brain1_label.nrrd", LabelSelector{false, 1}).mask;
  InterpolationSettings s;
  s.grid = InterpolationGrid::pyradiomics;
  s.image = InterpolationMethod::cubic_spline;
  s.spacing = {2.0, 2.0, 2.0};
  const auto grid = detail::pyradiomics_grid(mask.geometry(), detail::bounding_box(mask), s);
  ASSERT_TRUE(grid.has_value());
  EXPECT_EQ(grid->size, (Index3{30, 39, 34}));
  const Geometry& m = mask.geometry();
  const double s_xy = m.spacing[0], s_z = m.spacing[2];
  const Vec3 expected = m.index_to_physical(0.5 * (2 - s_xy) / s_xy + 58 / (s_xy / 2),
                                            0.5 * (2 - s_xy) / s_xy + 27 / (s_xy / 2),
                                            0.5 * (2 - s_z) / s_z + 29 / (s_z / 2));
  for (int a = 0; a < 3; ++a) EXPECT_NEAR(grid->origin[a], expected[a], 1e-9);
  // The image's own spacing: nothing to resample.
  s.spacing = m.spacing;
  EXPECT_FALSE(detail::pyradiomics_grid(m, detail::bounding_box(mask), s).has_value());
}

}  // namespace
}  // namespace voxfeat::test
