// Interpolation (IBSI 1 section 2.4) and the processing of an ROI: the IBSI grid, exactness of each interpolator on
// functions it must reproduce, independence from the crop and from the thread count, the partial-volume threshold.
// Reference values: the manual's grid example (4 voxels of 3 mm → 6 of 2 mm, "align grid centres") and closed-form
// functions; the CT-phantom diagnostics (tests/ibsi) check the whole chain against IBSI's numbers.
#include <gtest/gtest.h>

#include <tbb/global_control.h>

#include <cmath>

#include "extraction/device_choice.hpp"
#include "processing/roi_processing.hpp"
#include "resample/interpolation_grid.hpp"
#include "resample/resample.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::test {
namespace {

using kernels::Interpolator;

TEST(InterpolationGrid, ManualExampleAlignsGridCentres) {
  // IBSI 1 manual, "Interpolation grid": 4 points at 3 mm, 2 mm wanted → ceil(12/2) = 6 points, origin at
  // grid coordinate (4 − 1 − (2/3)(6 − 1))/2 = −1/6.
  const auto grid = kernels::ibsi_interpolation_grid({4, 4, 1}, {3.0, 3.0, 1.0}, {2.0, 2.0, 1.0}, {true, true, false});
  EXPECT_EQ(grid[0].size, 6u);
  EXPECT_NEAR(grid[0].start, -1.0 / 6.0, 1e-12);
  EXPECT_NEAR(grid[0].step, 2.0 / 3.0, 1e-12);
  EXPECT_TRUE(grid[2].identity);
  // The centres of both grids coincide: (n_a − 1)/2 = start + step (n_b − 1)/2.
  EXPECT_NEAR(grid[0].start + grid[0].step * 2.5, 1.5, 1e-12);
}

TEST(InterpolationGrid, CtPhantomDimensions) {
  // IBSI diagnostics, config C: 204×201×60 voxels of 0.977×0.977×3 mm → 100×99×90 at 2 mm.
  const auto grid = kernels::ibsi_interpolation_grid({204, 201, 60}, {0.977, 0.977, 3.0}, {2, 2, 2}, {true, true, true});
  EXPECT_EQ(grid[0].size, 100u);
  EXPECT_EQ(grid[1].size, 99u);
  EXPECT_EQ(grid[2].size, 90u);  // 60 × 3 / 2 exactly: not rounded up to 91
}

Volume<float> function_volume(const Index3& n, double (*f)(double, double, double)) {
  Geometry g;
  g.size = n;
  Volume<float> v(g);
  for (std::size_t z = 0; z < n[2]; ++z)
    for (std::size_t y = 0; y < n[1]; ++y)
      for (std::size_t x = 0; x < n[0]; ++x) v(x, y, z) = float(f(double(x), double(y), double(z)));
  return v;
}

kernels::View3<float> view(const Volume<float>& v) { return {v.data(), v.size(), {1, 1, 1}}; }

double linear_function(double x, double y, double z) { return 3.0 * x - 2.0 * y + 0.5 * z + 10.0; }
double cubic_function(double x, double y, double z) {
  return 0.01 * x * x * x - 0.05 * y * y + 0.2 * x * z + 0.1 * z * z * z / 10.0;
}

/// Resamples with step 0.37 from start 10 over the interior and returns the largest error against f.
double interior_error(const Volume<float>& source, Interpolator how, double (*f)(double, double, double)) {
  kernels::GridMap grid;
  for (int a = 0; a < 3; ++a) grid[a] = {40, 10.0, 0.37, false};
  std::vector<float> out(40 * 40 * 40);
  kernels::resample_image(view(source), grid, how, false, out.data());
  double worst = 0;
  for (std::size_t z = 0; z < 40; ++z)
    for (std::size_t y = 0; y < 40; ++y)
      for (std::size_t x = 0; x < 40; ++x) {
        const double expected = f(10 + 0.37 * x, 10 + 0.37 * y, 10 + 0.37 * z);
        worst = std::max(worst, std::fabs(out[x + 40 * (y + 40 * z)] - expected));
      }
  return worst;
}

TEST(Resample, LinearReproducesLinearFunctions) {
  const auto source = function_volume({40, 40, 40}, linear_function);
  EXPECT_LT(interior_error(source, Interpolator::linear, linear_function), 1e-4);  // float storage
}

TEST(Resample, CubicSplineReproducesCubicPolynomialsInTheInterior) {
  // A cubic B-spline reproduces polynomials of degree <= 3; the finite, padded boundary disturbs that only within
  // a few voxels of the edge (the prefilter's pole decays as 0.268^d).
  const auto source = function_volume({40, 40, 40}, cubic_function);
  EXPECT_LT(interior_error(source, Interpolator::cubic_spline, cubic_function), 2e-3);
  // Linear interpolation cannot: the test would fail if cubic fell back to it.
  EXPECT_GT(interior_error(source, Interpolator::linear, cubic_function), 1e-2);
}

TEST(Resample, CubicSplineInterpolatesTheSamples) {
  const auto source = function_volume({12, 11, 10}, [](double x, double y, double z) {
    return std::sin(x) * 100.0 + y * y - std::cos(z * 0.7) * 30.0;
  });
  kernels::GridMap grid;
  for (int a = 0; a < 3; ++a) grid[a] = {source.size()[a], 0.0, 1.0, false};
  std::vector<float> out(source.voxel_count());
  kernels::resample_image(view(source), grid, Interpolator::cubic_spline, false, out.data());
  for (std::size_t i = 0; i < out.size(); ++i) ASSERT_NEAR(out[i], source.values()[i], 1e-3) << i;
}

TEST(Resample, OutsideTheGridUsesTheBoundaryValue) {
  const auto source = function_volume({5, 5, 5}, linear_function);
  kernels::GridMap grid;
  grid[0] = {1, -3.0, 1.0, false};  // three voxels before the first
  grid[1] = {1, 7.5, 1.0, false};   // beyond the last
  grid[2] = {1, 2.0, 1.0, false};
  float out = 0;
  kernels::resample_image(view(source), grid, Interpolator::linear, false, &out);
  EXPECT_FLOAT_EQ(out, float(linear_function(0, 4, 2)));
}

Geometry ct_like_grid() {
  Geometry g;
  g.size = {60, 50, 20};
  g.spacing = {0.8, 0.8, 2.5};
  g.origin = {-20.0, 13.0, 100.0};
  return g;
}

/// A noisy ellipsoid: intensities vary so that crop effects would show.
void make_case(Volume<float>& image, Volume<std::uint8_t>& mask) {
  image = Volume<float>(ct_like_grid());
  mask = Volume<std::uint8_t>(ct_like_grid(), 0);
  std::uint32_t state = 12345;
  for (std::size_t z = 0; z < 20; ++z)
    for (std::size_t y = 0; y < 50; ++y)
      for (std::size_t x = 0; x < 60; ++x) {
        state = state * 1664525u + 1013904223u;
        const double dx = (x - 30.0) / 12.0, dy = (y - 22.0) / 9.0, dz = (z - 9.0) / 4.0;
        const bool inside = dx * dx + dy * dy + dz * dz <= 1.0;
        image(x, y, z) = float((inside ? 40.0 : -800.0) + double(state >> 22) - 512.0);
        mask(x, y, z) = inside;
      }
}

Settings interpolating(InterpolationMethod method, bool in_plane = false) {
  Settings s;
  s.interpolation.image = method;
  s.interpolation.spacing = {1.0, 1.0, in_plane ? 0.0 : 1.0};
  s.interpolation.in_plane_only = in_plane;
  s.interpolation.round_intensities = false;
  return s;
}

/// The ROI-neighbourhood result must equal the same sub-box of the whole-image result.
void expect_crop_independent(const Settings& settings, double tolerance) {
  Volume<float> image;
  Volume<std::uint8_t> mask;
  make_case(image, mask);
  const auto local = detail::process_roi(image, mask, settings, detail::ProcessingExtent::roi_neighbourhood, "t");
  const auto whole = detail::process_roi(image, mask, settings, detail::ProcessingExtent::whole_image, "t");
  const Geometry& lg = local.image.geometry();
  const Geometry& wg = whole.image.geometry();
  Index3 offset;
  for (int a = 0; a < 3; ++a) {
    const double o = (lg.origin[a] - wg.origin[a]) / wg.spacing[a];
    offset[a] = std::size_t(std::llround(o));
    ASSERT_NEAR(o, double(offset[a]), 1e-6) << "the local grid is not a sub-grid of the whole one";
  }
  std::size_t roi_in_local = 0, roi_in_whole = 0;
  double worst = 0;
  for (std::size_t z = 0; z < lg.size[2]; ++z)
    for (std::size_t y = 0; y < lg.size[1]; ++y)
      for (std::size_t x = 0; x < lg.size[0]; ++x) {
        const float a = local.image(x, y, z), b = whole.image(x + offset[0], y + offset[1], z + offset[2]);
        worst = std::max(worst, double(std::fabs(a - b)));
        EXPECT_EQ(local.morphological_mask(x, y, z),
                  whole.morphological_mask(x + offset[0], y + offset[1], z + offset[2]));
        roi_in_local += local.morphological_mask(x, y, z);
      }
  for (auto v : whole.morphological_mask.values()) roi_in_whole += v;
  EXPECT_LE(worst, tolerance);
  EXPECT_EQ(roi_in_local, roi_in_whole) << "the neighbourhood lost ROI voxels";
  EXPECT_GT(roi_in_local, 1000u);
}

TEST(ProcessRoi, NeighbourhoodEqualsWholeImageLinear) {
  expect_crop_independent(interpolating(InterpolationMethod::linear), 0.0);
}
TEST(ProcessRoi, NeighbourhoodEqualsWholeImageNearest) {
  expect_crop_independent(interpolating(InterpolationMethod::nearest), 0.0);
}
TEST(ProcessRoi, NeighbourhoodEqualsWholeImageInPlane) {
  expect_crop_independent(interpolating(InterpolationMethod::linear, true), 0.0);
}
TEST(ProcessRoi, NeighbourhoodMatchesWholeImageCubicSpline) {
  // The spline's coefficients depend on the whole line; the crop keeps 18 voxels of context, so the difference is
  // below |pole|^18 of the intensity range (~1000 here).
  expect_crop_independent(interpolating(InterpolationMethod::cubic_spline), 1e-3);
}

TEST(ProcessRoi, ResultDoesNotDependOnTheThreadCount) {
  Volume<float> image;
  Volume<std::uint8_t> mask;
  make_case(image, mask);
  for (auto method : {InterpolationMethod::linear, InterpolationMethod::cubic_spline}) {
    Settings s = interpolating(method);
    s.resegmentation.outlier_sigma = 3.0;
    detail::ProcessedRoi one, two;
    {
      tbb::global_control c(tbb::global_control::max_allowed_parallelism, 1);
      one = detail::process_roi(image, mask, s, detail::ProcessingExtent::roi_neighbourhood, "t");
    }
    {
      tbb::global_control c(tbb::global_control::max_allowed_parallelism, 2);
      two = detail::process_roi(image, mask, s, detail::ProcessingExtent::roi_neighbourhood, "t");
    }
    EXPECT_EQ(one.image.values(), two.image.values());
    EXPECT_EQ(one.intensity_mask.values(), two.intensity_mask.values());
  }
}

TEST(ProcessRoi, TheGpuResamplerGivesTheCpusValues) {
  // --device cuda: the IBSI interpolation runs on the GPU (cuda/resample.hpp) and gives the CPU's image and masks
  // bit for bit (same taps, weights and summation order, no FMA). Skips without a usable GPU.
  const auto device = detail::choose_device(detail::parse_device("cuda"));
  if (device.execution.backend != Backend::cuda) GTEST_SKIP() << device.note;
  Volume<float> image;
  Volume<std::uint8_t> mask;
  make_case(image, mask);
  for (auto method : {InterpolationMethod::nearest, InterpolationMethod::linear, InterpolationMethod::cubic_spline}) {
    const Settings s = interpolating(method);
    const auto cpu = detail::process_roi(image, mask, s, detail::ProcessingExtent::roi_neighbourhood, "t",
                                         std::nullopt, detail::parse_device("cpu"));
    const auto gpu = detail::process_roi(image, mask, s, detail::ProcessingExtent::roi_neighbourhood, "t",
                                         std::nullopt, device.execution);
    EXPECT_EQ(cpu.image.values(), gpu.image.values()) << int(method);
    EXPECT_EQ(cpu.morphological_mask.values(), gpu.morphological_mask.values()) << int(method);
  }
}

TEST(ProcessRoi, PartialVolumeThresholdDecidesBoundaryVoxels) {
  // A 4×4×4 block of 1 mm voxels resampled to 1.5 mm: points between block and background get fractions in (0, 1),
  // so a lower threshold keeps more of them; 1.0 keeps only points whose every neighbour is inside.
  Geometry g;
  g.size = {12, 12, 12};
  Volume<float> image(g, 0.0f);
  Volume<std::uint8_t> mask(g, 0);
  for (std::size_t z = 4; z < 8; ++z)
    for (std::size_t y = 4; y < 8; ++y)
      for (std::size_t x = 4; x < 8; ++x) mask(x, y, z) = 1;
  std::size_t previous = 0, strictest = 0;
  for (double threshold : {1.0, 0.75, 0.5, 0.25}) {
    Settings s;
    s.interpolation.image = InterpolationMethod::linear;
    s.interpolation.spacing = {1.5, 1.5, 1.5};
    s.interpolation.partial_volume_threshold = threshold;
    const auto p = detail::process_roi(image, mask, s, detail::ProcessingExtent::whole_image, "t");
    std::size_t count = 0;
    for (auto v : p.morphological_mask.values()) count += v;
    EXPECT_GE(count, previous) << threshold;
    if (threshold == 1.0) strictest = count;
    previous = count;
  }
  EXPECT_GT(strictest, 0u);
  EXPECT_GT(previous, strictest);
}

TEST(ProcessRoi, RefusesAnRoiThatVanishesOnTheGrid) {
  Geometry g;
  g.size = {10, 10, 10};
  Volume<float> image(g, 0.0f);
  Volume<std::uint8_t> mask(g, 0);
  mask(5, 5, 5) = 1;  // one 1 mm voxel on a 4 mm grid: its largest fraction is far below 0.5
  Settings s;
  s.interpolation.image = InterpolationMethod::linear;
  s.interpolation.spacing = {4, 4, 4};
  s.interpolation.partial_volume_threshold = 0.9;
  try {
    detail::process_roi(image, mask, s, detail::ProcessingExtent::roi_neighbourhood, "case 7");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("case 7: the ROI vanishes"), std::string::npos) << e.what();
  }
}

TEST(ProcessRoi, OutlierFilterKeepsMeanPlusMinusThreeSd) {
  // 100 voxels: 99 of value 0 and one of 1000. mean = 10, SD = sqrt(1000²·0.99·0.01) = 99.5: [−288.5, 308.5]
  // removes the 1000.
  Geometry g;
  g.size = {10, 10, 1};
  Volume<float> image(g, 0.0f);
  Volume<std::uint8_t> mask(g, 1);
  image(3, 3, 0) = 1000.0f;
  Settings s;
  s.resegmentation.outlier_sigma = 3.0;
  const auto p = detail::process_roi(image, mask, s, detail::ProcessingExtent::roi_neighbourhood, "t");
  EXPECT_NEAR(p.resegmentation.lo, 10.0 - 3.0 * 99.498743710662, 1e-9);
  EXPECT_EQ(p.intensity_mask(3, 3, 0), 0);
  std::size_t kept = 0, morph = 0;
  for (std::size_t i = 0; i < 100; ++i) kept += p.intensity_mask.values()[i], morph += p.morphological_mask.values()[i];
  EXPECT_EQ(kept, 99u);
  EXPECT_EQ(morph, 100u);
}

TEST(InterpolationSettings, ParseAndRefuse) {
  const Registry registry = Registry::with_builtin_families();
  const Settings s = Settings::parse("interpolation: {method: cubic_spline, spacing: [2, 2], in_plane_only: true}\n",
                                     registry, "t.yaml");
  EXPECT_EQ(s.interpolation.image, InterpolationMethod::cubic_spline);
  EXPECT_TRUE(s.interpolation.in_plane_only);
  EXPECT_EQ(Settings::parse(s.canonical_text(), registry, "canonical").sha256(), s.sha256());
  for (const char* bad : {"interpolation: {method: linear}\n", "interpolation: {method: bicubic, spacing: 1}\n",
                          "interpolation: {method: linear, spacing: [1, 1]}\n",
                          "interpolation: {method: linear, spacing: 1, mask_method: cubic_spline}\n",
                          "interpolation: {method: linear, spacing: 1, partial_volume_threshold: 0}\n",
                          "resegmentation: {min: 5, max: 1}\n", "resegmentation: {outlier_sigma: -3}\n",
                          "resegmentation: {minimum: 5}\n"})
    EXPECT_THROW(Settings::parse(bad, registry, "t.yaml"), ConfigError) << bad;
}

}  // namespace
}  // namespace voxfeat::test
