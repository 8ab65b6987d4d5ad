// cuda/resample.cu against the CPU resampler (kernels/resample/resample.hpp). The GPU uses the CPU's tap tables and
// B-spline coefficients and adds the same double products in the same order without fused multiply-adds
// (cuda/resample_voxel.hpp), so every output voxel must equal the CPU's bit for bit: no tolerance. The host tests run
// the kernel's per-voxel code (resample_sum and the finishes) over whole grids, as its threads do; the GpuTest cases
// run the kernel itself, host API and device-resident, on the same cases (they skip without a device).
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "device_buffer.hpp"
#include "gpu_test_support.hpp"
#include "resample.hpp"
#include "resample/interpolation_grid.hpp"
#include "resample/resample.hpp"
#include "resample/resample_taps.hpp"
#include "resample_voxel.hpp"

namespace voxfeat::test {
namespace {

using kernels::GridMap;
using kernels::Interpolator;

struct ResampleCase {
  std::string name;
  RoiRecipe roi;
  GridMap grid;  ///< where the target points lie in source index space
};

void PrintTo(const ResampleCase& c, std::ostream* os) { *os << c.name; }

GridMap ibsi(const std::array<std::size_t, 3>& extent, std::array<double, 3> spacing, std::array<double, 3> target,
             std::array<bool, 3> axes = {true, true, true}) {
  return kernels::ibsi_interpolation_grid(extent, spacing, target, axes);
}

std::vector<ResampleCase> resample_cases() {
  using I = Intensities;
  const std::array<std::size_t, 3> ct{37, 29, 11};
  // A grid of 9 × 7 × 5 points starting 3 voxels before the source and stepping past its far side: padding on
  // both sides of every axis.
  GridMap beyond;
  beyond[0] = {9, -3.0, 1.7, false};
  beyond[1] = {7, -2.5, 1.9, false};
  beyond[2] = {5, -3.25, 2.1, false};
  return {
      {.name = "upsample", .roi = {.extent = {13, 11, 7}, .seed = 11, .mask_fraction = 0.5},
       .grid = ibsi({13, 11, 7}, {1.5, 1.5, 2.5}, {0.7, 0.7, 0.7})},
      {.name = "downsample", .roi = {.extent = {40, 35, 20}, .seed = 12, .mask_fraction = 0.5},
       .grid = ibsi({40, 35, 20}, {0.8, 0.8, 1.0}, {2.0, 2.0, 2.0})},
      {.name = "anisotropic_ct", .roi = {.extent = ct, .seed = 13, .mask_fraction = 0.3, .intensities = I::ct_integers},
       .grid = ibsi(ct, {0.977, 0.977, 3.0}, {1.0, 1.0, 1.0})},
      {.name = "in_plane_only", .roi = {.extent = ct, .seed = 14, .mask_fraction = 0.6},
       .grid = ibsi(ct, {0.977, 0.977, 3.0}, {1.3, 1.3, 3.0}, {true, true, false})},
      {.name = "single_voxel", .roi = {.extent = {1, 1, 1}, .seed = 15, .mask_fraction = 1.0},
       .grid = ibsi({1, 1, 1}, {2.0, 2.0, 2.0}, {0.5, 0.5, 0.5})},
      {.name = "one_slice_in_plane", .roi = {.extent = {23, 19, 1}, .seed = 16, .mask_fraction = 0.5},
       .grid = ibsi({23, 19, 1}, {0.6, 0.6, 5.0}, {1.0, 1.0, 5.0}, {true, true, false})},
      {.name = "beyond_source", .roi = {.extent = {5, 4, 3}, .seed = 17, .mask_fraction = 0.5}, .grid = beyond},
      {.name = "identity", .roi = {.extent = {9, 8, 7}, .seed = 18, .mask_fraction = 0.5},
       .grid = kernels::identity_grid({9, 8, 7})},
      {.name = "flat", .roi = {.extent = {10, 10, 6}, .seed = 19, .intensities = I::constant},
       .grid = ibsi({10, 10, 6}, {1.0, 1.0, 1.0}, {0.6, 0.6, 0.6})},
  };
}

std::size_t voxels(const GridMap& grid) { return grid[0].size * grid[1].size * grid[2].size; }

/// The kernel's per-voxel code over the whole grid on the host, in the kernel's linear order.
template <class Source, class Out, class Finish>
std::vector<Out> run_voxel_code(const Source* source, const std::array<std::size_t, 3>& extent, const GridMap& grid,
                                Interpolator how, Finish finish) {
  const cuda::HostTapTables tables = cuda::host_tap_tables(grid, extent, how);
  const cuda::ResampleTaps taps = tables.host_view();
  std::vector<Out> out(voxels(grid));
  cuda::with_tap_counts(tables.k, [&]<int KX, int KY, int KZ>() {
    for (unsigned long long i = 0; i < out.size(); ++i) {
      unsigned long long x = 0, y = 0, z = 0;
      cuda::output_coord(i, grid[0].size, grid[1].size, x, y, z);
      out[i] = finish(cuda::resample_sum<KX, KY, KZ>(source, taps, x, y, z));
    }
  });
  return out;
}

std::vector<float> voxel_code_image(const RandomRoi& roi, const GridMap& grid, Interpolator how, bool round) {
  const cuda::ImageFinish finish{round};
  if (how != Interpolator::cubic_spline) {
    return run_voxel_code<float, float>(roi.image.data(), roi.extent, grid, how, finish);
  }
  const kernels::SplineCoefficients spline = kernels::spline_coefficients(roi.image_view(), grid);
  return run_voxel_code<double, float>(spline.values.data(), spline.extent, spline.grid, how, finish);
}

std::vector<std::uint8_t> voxel_code_mask(const RandomRoi& roi, const GridMap& grid, Interpolator how,
                                          double threshold) {
  return run_voxel_code<std::uint8_t, std::uint8_t>(roi.mask.data(), roi.extent, grid, how,
                                                    cuda::MaskFinish{kernels::mask_keep_threshold(threshold)});
}

std::vector<float> cpu_image(const RandomRoi& roi, const GridMap& grid, Interpolator how, bool round) {
  std::vector<float> out(voxels(grid));
  kernels::resample_image(roi.image_view(), grid, how, round, out.data());
  return out;
}

std::vector<std::uint8_t> cpu_mask(const RandomRoi& roi, const GridMap& grid, Interpolator how, double threshold) {
  std::vector<std::uint8_t> out(voxels(grid));
  kernels::resample_mask(roi.mask_view(), grid, how, threshold, out.data());
  return out;
}

/// Bit for bit (memcmp: -0.0 and 0.0 differ, as they would in a stored volume); names the first differing voxel.
template <class T>
void expect_bit_identical(const std::vector<T>& expected, const std::vector<T>& actual, const std::string& what) {
  ASSERT_EQ(expected.size(), actual.size()) << what;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (std::memcmp(&expected[i], &actual[i], sizeof(T)) != 0) {
      ADD_FAILURE() << what << ": voxel " << i << " is " << double(actual[i]) << ", the CPU's "
                    << double(expected[i]);
      return;
    }
  }
}

constexpr Interpolator kImageInterpolators[] = {Interpolator::nearest, Interpolator::linear,
                                                Interpolator::cubic_spline};
constexpr Interpolator kMaskInterpolators[] = {Interpolator::nearest, Interpolator::linear};
constexpr double kThresholds[] = {0.5, 0.25};

std::string label(Interpolator how) {
  return how == Interpolator::nearest ? "nearest" : how == Interpolator::linear ? "linear" : "cubic_spline";
}

class ResampleVoxelCode : public ::testing::TestWithParam<ResampleCase> {};

TEST_P(ResampleVoxelCode, ImageMatchesTheCpuBitForBit) {
  const ResampleCase& c = GetParam();
  const RandomRoi roi = make_roi(c.roi);
  for (const Interpolator how : kImageInterpolators)
    for (const bool round : {false, true}) {
      expect_bit_identical(cpu_image(roi, c.grid, how, round), voxel_code_image(roi, c.grid, how, round),
                           label(how) + (round ? " rounded" : ""));
    }
}

TEST_P(ResampleVoxelCode, MaskMatchesTheCpuBitForBit) {
  const ResampleCase& c = GetParam();
  const RandomRoi roi = make_roi(c.roi);
  for (const Interpolator how : kMaskInterpolators)
    for (const double threshold : kThresholds) {
      expect_bit_identical(cpu_mask(roi, c.grid, how, threshold), voxel_code_mask(roi, c.grid, how, threshold),
                           label(how) + " threshold " + std::to_string(threshold));
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, ResampleVoxelCode, ::testing::ValuesIn(resample_cases()),
                         [](const auto& info) { return info.param.name; });

TEST(ResampleVoxelCode, CasesExerciseWhatTheirNamesClaim) {
  for (const ResampleCase& c : resample_cases()) {
    const auto n = c.roi.extent;
    if (c.name == "upsample") {
      EXPECT_GT(voxels(c.grid), n[0] * n[1] * n[2]);
    }
    if (c.name == "downsample") {
      EXPECT_LT(voxels(c.grid), n[0] * n[1] * n[2]);
    }
    EXPECT_EQ(c.grid[2].identity, c.name == "in_plane_only" || c.name == "one_slice_in_plane" || c.name == "identity")
        << c.name;
    if (c.name == "beyond_source") {
      for (int a = 0; a < 3; ++a) {
        EXPECT_LT(c.grid[a].start, 0.0) << a;
        EXPECT_GT(c.grid[a].start + c.grid[a].step * double(c.grid[a].size - 1), double(n[a] - 1)) << a;
      }
    }
  }
}

// Refusals come before any CUDA call, so they hold on a machine without a device too.
TEST(ResampleRefusals, BeforeAnyCudaCall) {
  const RandomRoi roi = make_roi({.extent = {6, 5, 4}, .seed = 3, .mask_fraction = 0.5});
  const GridMap grid = ibsi(roi.extent, {1, 1, 1}, {0.5, 0.5, 0.5});
  std::vector<float> image(voxels(grid));
  std::vector<std::uint8_t> mask(voxels(grid));
  EXPECT_THROW(cuda::resample_mask(roi.mask_view(), grid, Interpolator::cubic_spline, 0.5, mask.data()),
               std::invalid_argument);
  EXPECT_THROW(cuda::resample_image({roi.image.data(), {0, 5, 4}}, grid, Interpolator::linear, false, image.data()),
               std::invalid_argument);
  EXPECT_THROW(cuda::resample_image({nullptr, roi.extent}, grid, Interpolator::linear, false, image.data()),
               std::invalid_argument);
  // x kept, y resampled: a combination neither the CPU nor the GPU takes.
  const GridMap mixed = ibsi(roi.extent, {1, 1, 1}, {0.5, 0.5, 0.5}, {false, true, true});
  EXPECT_THROW(cuda::resample_image(roi.image_view(), mixed, Interpolator::linear, false, image.data()),
               std::invalid_argument);
  EXPECT_THROW(cuda::resample_image_device(nullptr, roi.extent, grid, Interpolator::cubic_spline, false, nullptr),
               std::invalid_argument);
  GridMap huge = grid;
  for (auto& axis : huge) axis.size = std::size_t(1) << 21;  // 2^63 target voxels
  EXPECT_THROW(cuda::resample_image_device(nullptr, roi.extent, huge, Interpolator::linear, false, nullptr),
               std::invalid_argument);
  // An empty grid needs no device: nothing to compute.
  GridMap empty = grid;
  empty[1].size = 0;
  EXPECT_NO_THROW(cuda::resample_image(roi.image_view(), empty, Interpolator::cubic_spline, false, nullptr));
}

class ResampleGpuParity : public GpuTest, public ::testing::WithParamInterface<ResampleCase> {};

TEST_P(ResampleGpuParity, HostApiMatchesTheCpu) {
  const ResampleCase& c = GetParam();
  const RandomRoi roi = make_roi(c.roi);
  for (const Interpolator how : kImageInterpolators)
    for (const bool round : {false, true}) {
      std::vector<float> gpu(voxels(c.grid));
      cuda::resample_image(roi.image_view(), c.grid, how, round, gpu.data());
      expect_bit_identical(cpu_image(roi, c.grid, how, round), gpu, label(how) + (round ? " rounded" : ""));
    }
  for (const Interpolator how : kMaskInterpolators)
    for (const double threshold : kThresholds) {
      std::vector<std::uint8_t> gpu(voxels(c.grid));
      cuda::resample_mask(roi.mask_view(), c.grid, how, threshold, gpu.data());
      expect_bit_identical(cpu_mask(roi, c.grid, how, threshold), gpu,
                           label(how) + " threshold " + std::to_string(threshold));
    }
}

TEST_P(ResampleGpuParity, DeviceResidentMatchesTheCpu) {
  const ResampleCase& c = GetParam();
  const RandomRoi roi = make_roi(c.roi);
  const std::size_t n = voxels(c.grid);
  cuda::DeviceBuffer<float> d_image(roi.image.size());
  cuda::DeviceBuffer<std::uint8_t> d_mask(roi.mask.size());
  cuda::DeviceBuffer<float> d_out(n);
  cuda::DeviceBuffer<std::uint8_t> d_mask_out(n);
  d_image.upload(roi.image);
  d_mask.upload(roi.mask);
  std::vector<float> gpu(n);
  cuda::resample_image_device(d_image.data(), roi.extent, c.grid, Interpolator::linear, false, d_out.data());
  d_out.download(gpu);
  VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(nullptr));
  expect_bit_identical(cpu_image(roi, c.grid, Interpolator::linear, false), gpu, "linear");

  const kernels::SplineCoefficients spline = kernels::spline_coefficients(roi.image_view(), c.grid);
  cuda::DeviceBuffer<double> d_coefficients(spline.values.size());
  d_coefficients.upload(spline.values);
  cuda::resample_spline_device(d_coefficients.data(), spline.extent, spline.grid, true, d_out.data());
  d_out.download(gpu);
  VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(nullptr));
  expect_bit_identical(cpu_image(roi, c.grid, Interpolator::cubic_spline, true), gpu, "cubic_spline rounded");

  std::vector<std::uint8_t> mask(n);
  cuda::resample_mask_device(d_mask.data(), roi.extent, c.grid, Interpolator::linear, 0.5, d_mask_out.data());
  d_mask_out.download(mask);
  VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(nullptr));
  expect_bit_identical(cpu_mask(roi, c.grid, Interpolator::linear, 0.5), mask, "mask linear");
}

INSTANTIATE_TEST_SUITE_P(Cases, ResampleGpuParity, ::testing::ValuesIn(resample_cases()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace voxfeat::test
