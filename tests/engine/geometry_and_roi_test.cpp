// Image/mask geometry checks, ROI cropping with the local-intensity margin, NaN refusal and discretisation.
#include <gtest/gtest.h>

#include <tbb/parallel_for.h>

#include <atomic>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "extraction/case_roi.hpp"
#include "extraction/geometry_check.hpp"
#include "intensity/histogram_ref.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::test {
namespace {

Geometry grid() {
  Geometry g;
  g.size = {20, 20, 10};
  g.spacing = {1.0, 1.0, 2.0};
  return g;
}

TEST(GeometryCheck, AcceptsRoundOffAndNamesEachMismatch) {
  Geometry m = grid();
  m.origin[0] += 1e-4;  // 1e-4 voxel: float32 header round-off
  EXPECT_NO_THROW(detail::check_same_grid(grid(), m, 1e-3, "img.nii", "mask.nii"));
  const auto expect_mismatch = [](Geometry mask, const char* needle) {
    try {
      detail::check_same_grid(grid(), mask, 1e-3, "img.nii", "mask.nii");
      ADD_FAILURE() << "accepted " << needle;
    } catch (const InputError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find(needle), std::string::npos) << what;
      EXPECT_NE(what.find("img.nii"), std::string::npos) << what;
      EXPECT_NE(what.find("mask.nii"), std::string::npos) << what;
    }
  };
  Geometry size = grid();
  size.size[2] = 11;
  expect_mismatch(size, "size");
  Geometry spacing = grid();
  spacing.spacing[2] = 2.5;
  expect_mismatch(spacing, "spacing along axis 2");
  Geometry origin = grid();
  origin.origin[1] = 0.5;
  expect_mismatch(origin, "origin along axis 1");
  Geometry direction = grid();
  direction.direction = {0, 1, 0, 1, 0, 0, 0, 0, 1};
  expect_mismatch(direction, "direction");
}

TEST(CaseRoi, CropsToTheRoiPlusMarginAndDiscretises) {
  Volume<float> image(grid(), 0.0f);
  Volume<std::uint8_t> mask(grid(), 0);
  for (std::size_t x = 9; x < 12; ++x) {
    mask(x, 10, 5) = 1;
    image(x, 10, 5) = float(x);  // 9, 10, 11
  }
  Settings settings;
  settings.discretisation.bin_number = 3;
  const detail::CaseRoi roi(image, mask, settings, {}, "case");
  // Margin: ceil(6.3 / 1) = 7 voxels in x/y (clamped by the image), ceil(6.3 / 2) = 4 slices in z.
  EXPECT_EQ(roi.image().size(), (Index3{17, 15, 9}));
  EXPECT_EQ(roi.roi_voxel_count(), 3u);
  const auto& d = roi.discretised();
  EXPECT_EQ(d.level_count, 3);
  std::vector<int> levels;
  for (auto v : d.levels.values())
    if (v) levels.push_back(v);
  EXPECT_EQ(levels, (std::vector<int>{1, 2, 3}));  // IBSI FBN: the maximum falls in the last bin
  EXPECT_DOUBLE_EQ(roi.sorted_roi_intensities().front(), 9.0);
}

TEST(CaseRoi, RefusesEmptyMasksAndNonFiniteVoxels) {
  Volume<float> image(grid(), 1.0f);
  Volume<std::uint8_t> mask(grid(), 0);
  EXPECT_THROW(detail::CaseRoi(image, mask, Settings{}, {}, "case"), InputError);
  mask(5, 5, 5) = 1;
  image(5, 6, 5) = std::numeric_limits<float>::quiet_NaN();
  try {
    detail::CaseRoi(image, mask, Settings{}, {}, "case 7");
    FAIL() << "accepted a NaN next to the ROI";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("non-finite"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("(5, 6, 5)"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace voxfeat::test

namespace voxfeat::test {
namespace {

TEST(CaseRoi, ParallelDiscretisationAndGatherEqualTheReference) {
  // CaseRoi discretises slice by slice in parallel; level_histogram_ref is the specification.
  Geometry g;
  g.size = {23, 19, 11};
  Volume<float> image(g);
  Volume<std::uint8_t> mask(g, 0);
  std::uint32_t state = 12345;
  const auto next = [&] { return state = state * 1664525u + 1013904223u; };
  for (std::size_t i = 0; i < image.voxel_count(); ++i) {
    image.data()[i] = float(int(next() % 3000) - 1000) * 0.37f;
    mask.data()[i] = (next() % 3) == 0;
  }
  for (const bool fixed_bin_number : {true, false}) {
    Settings settings;
    settings.discretisation.method =
        fixed_bin_number ? DiscretisationMethod::fixed_bin_number : DiscretisationMethod::fixed_bin_size;
    settings.discretisation.bin_size = 25.0;
    const detail::CaseRoi roi(image, mask, settings, {}, "case");
    const auto sorted = roi.sorted_roi_intensities();
    kernels::DiscretisationSpec spec;
    spec.method = fixed_bin_number ? kernels::DiscretisationMethod::fixed_bin_number
                                   : kernels::DiscretisationMethod::fixed_bin_size;
    spec.x_min = sorted.front();
    spec.x_max = sorted.back();
    spec.bin_width = 25.0;
    std::vector<std::int32_t> expected(roi.image().voxel_count());
    const auto& im = roi.image();
    const auto& m = roi.intensity_mask();
    kernels::level_histogram_ref({im.data(), {im.size()[0], im.size()[1], im.size()[2]}, {1, 1, 1}},
                                 {m.data(), {m.size()[0], m.size()[1], m.size()[2]}, {1, 1, 1}}, spec, expected);
    EXPECT_EQ(roi.discretised().levels.values(), expected) << (fixed_bin_number ? "FBN" : "FBS");
    // Gathered intensities: storage order of the mask voxels.
    std::vector<double> gathered;
    for (std::size_t i = 0; i < im.voxel_count(); ++i)
      if (m.data()[i]) gathered.push_back(double(im.data()[i]));
    EXPECT_EQ(std::vector<double>(roi.roi_intensities().begin(), roi.roi_intensities().end()), gathered);
  }
}

TEST(CaseRoi, IntegerIntensitiesTakeTheFormulasLevelsFromATable) {
  // Integer intensities (CT in HU) are discretised through a table of the formula's value per integer of the ROI's
  // range; level_histogram_ref, which applies the formula per voxel, is the specification. A range wider than the
  // table (2^16 values) takes the formula per voxel.
  Geometry g;
  g.size = {23, 19, 11};
  for (const int spread : {3000, 200000}) {
    Volume<float> image(g);
    Volume<std::uint8_t> mask(g, 0);
    std::uint32_t state = 777;
    const auto next = [&] { return state = state * 1664525u + 1013904223u; };
    for (std::size_t i = 0; i < image.voxel_count(); ++i) {
      image.data()[i] = float(int(next() % std::uint32_t(spread)) - 1024);
      mask.data()[i] = (next() % 3) == 0;
    }
    for (const bool fixed_bin_number : {true, false}) {
      Settings settings;
      settings.discretisation.method =
          fixed_bin_number ? DiscretisationMethod::fixed_bin_number : DiscretisationMethod::fixed_bin_size;
      settings.discretisation.bin_number = 32;
      settings.discretisation.bin_size = 25.0;
      settings.discretisation.lower_bound = -500.0;  // fixed bin size: intensities below the bound take level 1
      const detail::CaseRoi roi(image, mask, settings, {}, "case");
      const auto sorted = roi.sorted_roi_intensities();
      kernels::DiscretisationSpec spec;
      spec.method = fixed_bin_number ? kernels::DiscretisationMethod::fixed_bin_number
                                     : kernels::DiscretisationMethod::fixed_bin_size;
      spec.x_min = fixed_bin_number ? sorted.front() : -500.0;
      spec.x_max = sorted.back();
      spec.bin_number = 32;
      spec.bin_width = 25.0;
      const auto& im = roi.image();
      const auto& m = roi.intensity_mask();
      std::vector<std::int32_t> expected(im.voxel_count());
      kernels::level_histogram_ref({im.data(), {im.size()[0], im.size()[1], im.size()[2]}, {1, 1, 1}},
                                   {m.data(), {m.size()[0], m.size()[1], m.size()[2]}, {1, 1, 1}}, spec, expected);
      EXPECT_EQ(roi.discretised().levels.values(), expected) << spread << (fixed_bin_number ? " FBN" : " FBS");
    }
  }
}

TEST(CaseRoi, WithoutResegmentationTheIntensityMaskIsTheMorphologicalOne) {
  Volume<float> image(grid(), 0.0f);
  Volume<std::uint8_t> mask(grid(), 0);
  for (std::size_t x = 5; x < 15; ++x) {
    mask(x, 10, 5) = 1;
    image(x, 10, 5) = float(x);
  }
  Settings settings;
  const auto processed =
      detail::process_roi(image, mask, settings, detail::ProcessingExtent::roi_neighbourhood, "case");
  EXPECT_TRUE(processed.intensity_mask.empty());  // no copy of the morphological mask
  EXPECT_EQ(&processed.effective_intensity_mask(), &processed.morphological_mask);
  const detail::CaseRoi same(image, mask, settings, {}, "case");
  EXPECT_EQ(&same.intensity_mask(), &same.morphological_mask());
  EXPECT_EQ(same.roi_voxel_count(), 10u);

  settings.resegmentation.min = 10.0;  // keeps x = 10..14
  const detail::CaseRoi resegmented(image, mask, settings, {}, "case");
  EXPECT_NE(&resegmented.intensity_mask(), &resegmented.morphological_mask());
  EXPECT_EQ(resegmented.roi_voxel_count(), 5u);
  std::size_t morphological = 0;
  for (const auto v : resegmented.morphological_mask().values()) morphological += v;
  EXPECT_EQ(morphological, 10u);
}

TEST(CaseRoi, SharedProductsAreMadeOnceForAllCallersAndKeepTheirType) {
  Volume<float> image(grid(), 1.0f);
  Volume<std::uint8_t> mask(grid(), 0);
  mask(5, 5, 5) = 1;
  const detail::CaseRoi roi(image, mask, Settings{}, {}, "case");
  std::atomic<int> made{0};
  std::vector<const std::vector<int>*> seen(64);
  tbb::parallel_for(std::size_t(0), seen.size(), [&](std::size_t i) {
    const auto product = roi.shared<std::vector<int>>("numbers", [&] {
      ++made;
      // Parallel work inside: callers that wait may help with it.
      std::vector<int> v(10000);
      tbb::parallel_for(std::size_t(0), v.size(), [&](std::size_t k) { v[k] = int(k); });
      return v;
    });
    seen[i] = product.get();
  });
  EXPECT_EQ(made.load(), 1);
  for (const auto* p : seen) EXPECT_EQ(p, seen[0]);
  EXPECT_EQ(seen[0]->at(9999), 9999);
  EXPECT_EQ(*roi.shared<int>("another key", [] { return 7; }), 7);
  EXPECT_THROW((void)roi.shared<double>("numbers", [] { return 1.0; }), std::logic_error);
}

}  // namespace
}  // namespace voxfeat::test
