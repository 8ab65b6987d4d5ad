// cuda/histogram.cu against the CPU reference (kernels/intensity/histogram_ref.hpp): the counts and the level
// volume are integers, so they must be equal exactly, on every shape, mask, intensity distribution and Ng below.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "device_buffer.hpp"
#include "gpu_test_support.hpp"
#include "histogram.hpp"
#include "intensity/histogram_ref.hpp"

namespace voxfeat::test {
namespace {

using cuda::HistogramPath;
using kernels::DiscretisationMethod;
using kernels::DiscretisationSpec;

struct ParityCase {
  std::string name;
  RoiRecipe roi;
  DiscretisationMethod method = DiscretisationMethod::fixed_bin_number;
  int bin_number = 32;           ///< fixed bin number: Ng (the range is the ROI's own)
  double lower_bound = -1000.0;  ///< fixed bin size: X_min
  double bin_width = 25.0;       ///< fixed bin size: w_b
  double x_max_shift = 0.0;      ///< fixed bin size: x_max = ROI max + shift (< 0 puts voxels above Ng)
  HistogramPath path = HistogramPath::automatic;
};

void PrintTo(const ParityCase& c, std::ostream* os) { *os << c.name; }

DiscretisationSpec spec_for(const ParityCase& c, const RandomRoi& roi) {
  const auto [lo, hi] = roi.masked_range();
  if (c.method == DiscretisationMethod::fixed_bin_number) {
    return {.method = c.method, .x_min = lo, .x_max = hi, .bin_number = c.bin_number};
  }
  return {.method = c.method, .x_min = c.lower_bound, .x_max = hi + c.x_max_shift, .bin_width = c.bin_width};
}

std::vector<ParityCase> parity_cases() {
  using I = Intensities;
  const auto fbs = DiscretisationMethod::fixed_bin_size;
  return {
      {.name = "single_voxel", .roi = {.extent = {1, 1, 1}, .seed = 1}},
      {.name = "one_slice", .roi = {.extent = {97, 83, 1}, .seed = 2, .mask_fraction = 0.6}},
      {.name = "full_mask", .roi = {.extent = {64, 64, 32}, .seed = 3}},
      {.name = "sparse_mask", .roi = {.extent = {128, 96, 40}, .seed = 4, .mask_fraction = 0.01}},
      {.name = "empty_mask", .roi = {.extent = {33, 17, 9}, .seed = 5, .mask_fraction = 0.0}},
      {.name = "empty_volume", .roi = {.extent = {0, 16, 16}, .seed = 5}},
      {.name = "skewed", .roi = {.extent = {80, 80, 24}, .seed = 6, .mask_fraction = 0.9, .intensities = I::skewed}},
      {.name = "skewed_global",
       .roi = {.extent = {80, 80, 24}, .seed = 6, .mask_fraction = 0.9, .intensities = I::skewed},
       .path = HistogramPath::global_memory},
      {.name = "flat_roi", .roi = {.extent = {21, 22, 23}, .seed = 7, .intensities = I::constant}},
      {.name = "ng1", .roi = {.extent = {50, 40, 10}, .seed = 8, .mask_fraction = 0.7}, .bin_number = 1},
      {.name = "ng32_global", .roi = {.extent = {64, 64, 32}, .seed = 9}, .path = HistogramPath::global_memory},
      {.name = "ng4096", .roi = {.extent = {128, 128, 48}, .seed = 10, .mask_fraction = 0.8}, .bin_number = 4096},
      {.name = "ng4096_global",
       .roi = {.extent = {128, 128, 48}, .seed = 10, .mask_fraction = 0.8},
       .bin_number = 4096,
       .path = HistogramPath::global_memory},
      // Several grid-stride iterations per thread, and a volume that is not a multiple of the block or the warp.
      {.name = "large_odd", .roi = {.extent = {131, 129, 67}, .seed = 11, .mask_fraction = 0.5}, .bin_number = 64},
      {.name = "fbs_ct_integers",
       .roi = {.extent = {70, 60, 20}, .seed = 12, .mask_fraction = 0.75, .intensities = I::ct_integers},
       .method = fbs},
      {.name = "fbs_above_range",
       .roi = {.extent = {70, 60, 20}, .seed = 13, .intensities = I::ct_integers},
       .method = fbs,
       .x_max_shift = -500.0},
      // w_b = 0.25 over [-1000, 3000]: 16001 levels, over the shared-memory limit, so automatic takes the global path.
      {.name = "fbs_many_levels", .roi = {.extent = {90, 90, 30}, .seed = 14}, .method = fbs, .bin_width = 0.25},
  };
}

class HistogramParity : public GpuTest, public ::testing::WithParamInterface<ParityCase> {};

TEST_P(HistogramParity, GpuEqualsReference) {
  const ParityCase& c = GetParam();
  const RandomRoi roi = make_roi(c.roi);
  const DiscretisationSpec spec = spec_for(c, roi);

  std::vector<std::int32_t> ref_levels(roi.image.size(), -1);
  const kernels::LevelHistogram ref = kernels::level_histogram_ref(roi.image_view(), roi.mask_view(), spec, ref_levels);
  std::vector<std::int32_t> gpu_levels(roi.image.size(), -1);
  const kernels::LevelHistogram gpu =
      cuda::level_histogram(roi.image_view(), roi.mask_view(), spec, gpu_levels, nullptr, c.path);

  // Integers: exact equality, no tolerance.
  EXPECT_EQ(gpu.counts, ref.counts);
  EXPECT_EQ(gpu.above_range, ref.above_range);
  EXPECT_EQ(gpu_levels, ref_levels);
}

// No GPU needed: the cases above exercise what their names promise (checked on the reference, so also here).
TEST(HistogramParityCases, ExerciseWhatTheyClaim) {
  for (const ParityCase& c : parity_cases()) {
    const RandomRoi roi = make_roi(c.roi);
    const DiscretisationSpec spec = spec_for(c, roi);
    const kernels::LevelHistogram ref = kernels::level_histogram_ref(roi.image_view(), roi.mask_view(), spec);
    std::uint64_t inside = 0, largest = 0;
    for (const std::uint64_t count : ref.counts) {
      inside += count;
      largest = std::max(largest, count);
    }
    inside += ref.above_range;
    SCOPED_TRACE(c.name);
    EXPECT_EQ(ref.above_range > 0, c.name == "fbs_above_range");
    EXPECT_EQ(inside == 0, c.name == "empty_mask" || c.name == "empty_volume");
    EXPECT_EQ(kernels::level_count(spec) > cuda::kSharedHistogramMaxLevels, c.name == "fbs_many_levels");
    if (c.roi.intensities == Intensities::skewed) {
      EXPECT_GT(largest, inside * 8 / 10) << "one level holds ~90 %";
    }
    if (c.name == "sparse_mask") {
      EXPECT_LT(inside, roi.image.size() / 50);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, HistogramParity, ::testing::ValuesIn(parity_cases()),
                         [](const ::testing::TestParamInfo<ParityCase>& info) { return info.param.name; });

class HistogramDevice : public GpuTest {};

TEST_F(HistogramDevice, DeviceResidentOnOwnStreamWithoutLevels) {
  const RandomRoi roi = make_roi({.extent = {100, 70, 30}, .seed = 21, .mask_fraction = 0.4});
  const auto [lo, hi] = roi.masked_range();
  const DiscretisationSpec spec{.x_min = lo, .x_max = hi, .bin_number = 100};
  const kernels::LevelHistogram ref = kernels::level_histogram_ref(roi.image_view(), roi.mask_view(), spec);

  cudaStream_t stream = nullptr;
  VOXFEAT_CUDA_CHECK(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking));
  {
    cuda::DeviceBuffer<float> d_image(roi.image.size());
    cuda::DeviceBuffer<std::uint8_t> d_mask(roi.mask.size());
    cuda::DeviceBuffer<std::uint64_t> d_counts(101);
    d_image.upload(roi.image, stream);
    d_mask.upload(roi.mask, stream);
    // Twice into the same buffer: the call must clear the counts it is given, not add to them.
    for (int run = 0; run < 2; ++run) {
      cuda::level_histogram_device(d_image.data(), d_mask.data(), roi.image.size(), spec, d_counts.data(), nullptr,
                                   stream);
    }
    std::vector<std::uint64_t> counts(101);
    d_counts.download(counts, stream);
    VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(stream));
    EXPECT_EQ(counts.back(), 0u);
    counts.pop_back();
    EXPECT_EQ(counts, ref.counts);
  }
  VOXFEAT_CUDA_CHECK(cudaStreamDestroy(stream));
}

TEST_F(HistogramDevice, SharedPathRefusesTooManyLevels) {
  const RandomRoi roi = make_roi({.extent = {8, 8, 8}, .seed = 22});
  const DiscretisationSpec spec{.x_min = -1000.0, .x_max = 3000.0, .bin_number = cuda::kSharedHistogramMaxLevels + 1};
  EXPECT_THROW(cuda::level_histogram(roi.image_view(), roi.mask_view(), spec, {}, nullptr,
                                     HistogramPath::shared_memory),
               std::invalid_argument);
}

// No GPU needed: the wrapper checks its arguments, with the reference's rules, before its first CUDA call.
TEST(HistogramGpuArguments, RejectedBeforeAnyCudaCall) {
  const RandomRoi roi = make_roi({.extent = {4, 4, 4}, .seed = 23});
  const DiscretisationSpec bad{.x_min = 0.0, .x_max = 1.0, .bin_number = 0};
  EXPECT_THROW(cuda::level_histogram(roi.image_view(), roi.mask_view(), bad), std::invalid_argument);
  const kernels::View3<std::uint8_t> other_mask{roi.mask.data(), {4, 4, 2}};
  const DiscretisationSpec ok{.x_min = 0.0, .x_max = 1.0, .bin_number = 4};
  EXPECT_THROW(cuda::level_histogram(roi.image_view(), other_mask, ok), std::invalid_argument);
}

}  // namespace
}  // namespace voxfeat::test
