// cuda/glrlm.cu against the CPU: run counts and N_v are integers, so every matrix must equal the CPU's exactly
// (RunLengthMatrix ==), on every shape, ROI, level distribution, ng, direction set and path below. The host tests at
// the top need no GPU: they walk volumes with the kernel's own per-voxel function (cuda/glrlm_run.hpp) in the
// kernel's order and hold the result to kernels::texture::glrlm_matrix_reference, the specification; and they check
// that the refusals come before any CUDA call.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "device_buffer.hpp"
#include "glrlm.hpp"
#include "glrlm_run.hpp"
#include "gpu_test_support.hpp"
#include "texture/directions.hpp"
#include "texture/glrlm.hpp"

namespace voxfeat::kernels::texture {
// Found by GoogleTest through ADL: a failed comparison names the matrices' shapes and totals, not their bytes.
void PrintTo(const RunLengthMatrix& m, std::ostream* os) {
  *os << m.runs.rows() << "x" << m.runs.cols() << " run matrix, " << m.runs.entries().size() << " cells, "
      << m.runs.total() << " runs, " << m.voxels << " voxels";
}
}  // namespace voxfeat::kernels::texture

namespace voxfeat::test {
namespace {

using cuda::GlrlmPath;
using kernels::texture::Offset;
using kernels::texture::RunLengthMatrix;

/// The 13 directions of 3D (or the 4 in-plane ones), the first `count` of them.
std::vector<Offset> directions_for(bool three_d, std::size_t count = 13) {
  const auto all = kernels::texture::directions(three_d);
  return {all.begin(), all.begin() + std::ptrdiff_t(std::min(count, all.size()))};
}

std::vector<RunLengthMatrix> reference_matrices(const RandomLevels& v, std::span<const Offset> directions,
                                                std::uint32_t ng) {
  std::vector<RunLengthMatrix> out;
  for (const Offset d : directions) out.push_back(kernels::texture::glrlm_matrix_reference(v.view(), d, ng));
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Host: the kernel's indexing, without a GPU.

/// glrlm_kernel (cuda/glrlm.cu) run on the host: per direction (grid row), `blocks` × `threads` threads in its
/// grid-stride loop, each run start adding 1 to its cell of the dense counts (layout of glrlm_matrices_device), row 0
/// counting N_v into the last value. The atomics become plain adds, which changes nothing for integer counts; the
/// warp's "no ROI voxel" skip and the shared/global choice are left out, as they only skip lanes whose cell is −1
/// and change where a count waits before the same add.
std::vector<std::uint64_t> emulate_kernel(const RandomLevels& v, std::span<const Offset> directions,
                                          std::uint32_t ng, std::size_t blocks, std::size_t threads) {
  const int ex = int(v.extent[0]), ey = int(v.extent[1]), ez = int(v.extent[2]);
  const unsigned long long n = v.levels.size(), stride = blocks * threads;
  const std::size_t width = cuda::glrlm_width(directions, v.extent), cells = ng * width;
  const cuda::GridCoord stride_step = cuda::grid_coord(stride, ex, ey);
  std::vector<std::uint64_t> dense(cuda::glrlm_dense_count_size(directions.size(), ng, width), 0);
  for (std::size_t k = 0; k < directions.size(); ++k) {
    const cuda::GlrlmStep s = cuda::glrlm_step(directions[k], v.extent);
    for (std::size_t t = 0; t < blocks * threads; ++t) {
      const std::size_t lane = t % 32;
      unsigned long long base = t - lane, i = t;
      cuda::GridCoord c = cuda::grid_coord(i, ex, ey);
      for (; base < n; base += stride, i += stride, cuda::grid_advance(c, stride_step, ex, ey)) {
        const std::int32_t a = i < n ? v.levels[i] : 0;
        if (k == 0 && a >= 1 && std::uint32_t(a) <= ng) ++dense.back();
        const int cell = cuda::glrlm_run_cell(v.levels.data(), i, c, a, s, ex, ey, ez, int(ng), int(width));
        if (cell >= 0) ++dense[k * cells + std::size_t(cell)];
      }
    }
  }
  return dense;
}

TEST(GlrlmRunHost, StepAndLongestRun) {
  const std::array<std::size_t, 3> extent{10, 6, 4};
  const cuda::GlrlmStep s = cuda::glrlm_step({1, -1, 1}, extent);
  EXPECT_EQ(s.step, 1 + 10 * (-1 + 6 * 1));
  EXPECT_EQ(s.nr, 4);
  EXPECT_EQ(cuda::glrlm_step({1, 0, 0}, extent).nr, 10);
  EXPECT_EQ(cuda::glrlm_step({0, -1, 0}, extent).nr, 6);
  EXPECT_EQ(cuda::glrlm_width(directions_for(false), extent), 10u);
  const std::vector<Offset> all = directions_for(true);
  EXPECT_EQ(cuda::glrlm_width(std::span(all).subspan(4, 1), extent), 4u);  // (0, 0, 1)
  EXPECT_EQ(cuda::glrlm_width(directions_for(true), {0, 6, 4}), 0u);
  EXPECT_EQ(cuda::glrlm_width({}, extent), 0u);
}

TEST(GlrlmRunHost, CellIgnoresLevelsOutsideOneToNg) {
  // A run 3 3 of level 3 along x; a bad level never starts a run, and ends the run it follows.
  const std::array<std::size_t, 3> extent{3, 1, 1};
  const cuda::GlrlmStep right = cuda::glrlm_step({1, 0, 0}, extent);
  const std::int32_t min = std::numeric_limits<std::int32_t>::min();
  for (const std::int32_t bad : {0, -1, 5, min}) {
    const std::int32_t levels[3] = {3, 3, bad};
    EXPECT_EQ(cuda::glrlm_run_cell(levels, 0, {0, 0, 0}, 3, right, 3, 1, 1, 4, 3), (3 - 1) * 3 + 1) << bad;
    EXPECT_EQ(cuda::glrlm_run_cell(levels, 1, {1, 0, 0}, 3, right, 3, 1, 1, 4, 3), -1) << bad;  // not a start
    EXPECT_EQ(cuda::glrlm_run_cell(levels, 2, {2, 0, 0}, bad, right, 3, 1, 1, 4, 3), -1) << bad;
  }
  // The run along −x starts at the last voxel; its walk stops at the volume's start without reading before it.
  const cuda::GlrlmStep left = cuda::glrlm_step({-1, 0, 0}, extent);
  const std::int32_t same[3] = {2, 2, 2};
  EXPECT_EQ(cuda::glrlm_run_cell(same, 2, {2, 0, 0}, 2, left, 3, 1, 1, 4, 3), (2 - 1) * 3 + 2);
  EXPECT_EQ(cuda::glrlm_run_cell(same, 0, {0, 0, 0}, 2, left, 3, 1, 1, 4, 3), -1);
}

TEST(GlrlmRunHost, KernelWalkEqualsReference) {
  // The 13 directions and their opposites (runs along m and −m are the same; the walk goes the other way).
  std::vector<Offset> directions = directions_for(true);
  for (const Offset d : directions_for(true)) directions.push_back({-d.dx, -d.dy, -d.dz});
  const LevelRecipe recipes[] = {
      {.extent = {1, 1, 1}, .seed = 1, .ng = 4},
      {.extent = {17, 11, 1}, .seed = 2, .ng = 2, .mask_fraction = 0.7},
      {.extent = {3, 19, 13}, .seed = 3, .ng = 3, .mask_fraction = 0.9},
      {.extent = {12, 9, 7}, .seed = 4, .ng = 3, .hollow = true},
      {.extent = {21, 6, 5}, .seed = 5, .ng = 7, .mask_fraction = 0.95, .skewed = true},
      {.extent = {9, 8, 7}, .seed = 6, .ng = 1, .mask_fraction = 0.8},
      {.extent = {40, 1, 1}, .seed = 7, .ng = 1},
      {.extent = {1, 1, 40}, .seed = 8, .ng = 2},
  };
  struct Grid {
    std::size_t blocks, threads;
  };
  // One warp; strides that are no multiple of any extent; more threads than voxels.
  const Grid grids[] = {{1, 32}, {3, 64}, {5, 96}, {2, 1024}};
  for (const LevelRecipe& r : recipes) {
    const RandomLevels v = make_levels(r);
    const std::vector<RunLengthMatrix> want = reference_matrices(v, directions, r.ng);
    for (const Grid& g : grids) {
      SCOPED_TRACE(::testing::Message() << "seed " << r.seed << " grid " << g.blocks << "x" << g.threads);
      const std::vector<std::uint64_t> dense = emulate_kernel(v, directions, r.ng, g.blocks, g.threads);
      EXPECT_EQ(cuda::glrlm_from_dense(dense, directions, v.extent, r.ng), want);
    }
  }
}

TEST(GlrlmGpuArguments, MemoryCap) {
  const std::vector<Offset> all = directions_for(true);
  EXPECT_EQ(cuda::glrlm_dense_count_size(13, 32, 512), 13u * 32 * 512 + 1);
  EXPECT_TRUE(cuda::glrlm_fits_gpu(all, 4096, {512, 512, 300}));  // 208 MiB
  EXPECT_FALSE(cuda::glrlm_fits_gpu(all, 4096, {1000, 1000, 1000}));
  EXPECT_TRUE(cuda::glrlm_fits_gpu(std::span(all).first(1), 4096, {8191, 2, 2}));
  EXPECT_FALSE(cuda::glrlm_fits_gpu(std::span(all).first(1), 4096, {8192, 2, 2}));
  EXPECT_EQ(cuda::glrlm_dense_count_size(std::size_t(1) << 40, 0xffffffffu, std::size_t(1) << 30),
            std::numeric_limits<std::size_t>::max());
  EXPECT_TRUE(cuda::glrlm_fits_gpu(all, 0xffffffffu, {0, 5, 5}));  // no voxel: nothing dense
}

// No GPU needed: without a driver any CUDA call would throw CudaError, so std::invalid_argument here also proves that
// the refusal came before the first one.
TEST(GlrlmGpuArguments, RefusedBeforeAnyCudaCall) {
  const RandomLevels v = make_levels({.extent = {6, 5, 4}, .seed = 31, .ng = 8});
  const std::vector<Offset> all = directions_for(true);
  EXPECT_THROW(cuda::glrlm_matrices(v.view(), all, 1u << 22), std::invalid_argument);  // over the memory cap
  EXPECT_THROW(cuda::glrlm_matrices_device(nullptr, v.extent, all, 1u << 22, nullptr), std::invalid_argument);
  EXPECT_THROW(cuda::glrlm_matrices(v.view(), all, 7), std::invalid_argument);  // a level 8 > ng
  RandomLevels negative = v;
  negative.levels[17] = -1;
  EXPECT_THROW(cuda::glrlm_matrices(negative.view(), all, 8), std::invalid_argument);
  for (const Offset bad : {Offset{0, 0, 0}, Offset{2, 0, 0}, Offset{0, -2, 1}}) {
    const Offset one[] = {bad};
    EXPECT_THROW(cuda::glrlm_matrices(v.view(), one, 8), std::invalid_argument);
    EXPECT_THROW(kernels::texture::glrlm_matrices(v.view(), one, 8), std::invalid_argument);  // as the CPU
    EXPECT_THROW(cuda::glrlm_matrices_device(nullptr, v.extent, one, 8, nullptr), std::invalid_argument);
  }
  const kernels::View3<std::int32_t> huge{nullptr, {cuda::kGlcmMaxExtent + 1, 1, 1}};
  EXPECT_THROW(cuda::glrlm_matrices(huge, all, 8), std::invalid_argument);
  EXPECT_THROW(cuda::glrlm_matrices_device(nullptr, huge.extent, all, 8, nullptr), std::invalid_argument);
  const std::size_t most = cuda::kGlcmMaxExtent;  // each extent allowed, their product past 2^62 voxels
  EXPECT_THROW(cuda::glrlm_matrices_device(nullptr, {most, most, 16}, all, 8, nullptr), std::invalid_argument);
}

// No GPU needed: nothing to count means no CUDA call, and the CPU's results.
TEST(GlrlmGpuArguments, NothingToCountNeedsNoDevice) {
  const RandomLevels v = make_levels({.extent = {6, 5, 4}, .seed = 32, .ng = 8});
  const std::vector<Offset> all = directions_for(true);
  EXPECT_TRUE(cuda::glrlm_matrices(v.view(), {}, 8).empty());
  EXPECT_EQ(cuda::glrlm_matrices(v.view(), all, 0), kernels::texture::glrlm_matrices(v.view(), all, 0));
  const kernels::View3<std::int32_t> empty{nullptr, {0, 16, 16}};
  EXPECT_EQ(cuda::glrlm_matrices(empty, all, 8), kernels::texture::glrlm_matrices(empty, all, 8));
  cuda::glrlm_matrices_device(nullptr, {4, 4, 4}, {}, 8, nullptr);  // no directions: nothing written, no call
}

// ---------------------------------------------------------------------------------------------------------------
// GPU parity.

struct ParityCase {
  std::string name;
  LevelRecipe levels;
  bool three_d = true;
  std::size_t direction_count = 13;  ///< the first this many of the directions
  GlrlmPath path = GlrlmPath::automatic;
};

void PrintTo(const ParityCase& c, std::ostream* os) { *os << c.name; }

std::vector<ParityCase> parity_cases() {
  const auto global = GlrlmPath::global_memory;
  const auto shared = GlrlmPath::shared_memory;
  return {
      {.name = "single_voxel", .levels = {.extent = {1, 1, 1}, .seed = 1}},
      {.name = "one_slice", .levels = {.extent = {97, 83, 1}, .seed = 2, .ng = 4, .mask_fraction = 0.8}},
      {.name = "one_slice_in_plane",
       .levels = {.extent = {97, 83, 1}, .seed = 2, .ng = 4, .mask_fraction = 0.8},
       .three_d = false},
      {.name = "line_x", .levels = {.extent = {1000, 1, 1}, .seed = 3, .ng = 2}},
      {.name = "line_y", .levels = {.extent = {1, 1000, 1}, .seed = 4, .ng = 2, .mask_fraction = 0.9}},
      {.name = "line_z", .levels = {.extent = {1, 1, 1000}, .seed = 5, .ng = 2}, .path = global},
      {.name = "thin_x", .levels = {.extent = {2, 300, 50}, .seed = 6, .ng = 3, .mask_fraction = 0.8}},
      {.name = "hollow", .levels = {.extent = {60, 50, 40}, .seed = 7, .ng = 4, .hollow = true}},
      {.name = "sparse_mask", .levels = {.extent = {128, 96, 40}, .seed = 8, .mask_fraction = 0.01}},
      {.name = "empty_roi", .levels = {.extent = {33, 17, 9}, .seed = 9, .mask_fraction = 0.0}},
      {.name = "full_mask", .levels = {.extent = {64, 64, 32}, .seed = 10}},
      {.name = "full_mask_global", .levels = {.extent = {64, 64, 32}, .seed = 10}, .path = global},
      {.name = "skewed", .levels = {.extent = {80, 80, 24}, .seed = 11, .mask_fraction = 0.95, .skewed = true}},
      {.name = "skewed_global",
       .levels = {.extent = {80, 80, 24}, .seed = 11, .mask_fraction = 0.95, .skewed = true},
       .path = global},
      // One level: runs as long as the volume allows (every thread but one per line walks nothing).
      {.name = "ng1", .levels = {.extent = {50, 40, 10}, .seed = 12, .ng = 1, .mask_fraction = 0.97}},
      {.name = "ng1_full", .levels = {.extent = {120, 90, 70}, .seed = 13, .ng = 1}},
      // 500 × 64 cells: 125 KiB, over the shared budget: automatic takes the global path.
      {.name = "ng500", .levels = {.extent = {64, 64, 32}, .seed = 14, .ng = 500, .mask_fraction = 0.9}},
      {.name = "ng4096_in_plane",
       .levels = {.extent = {64, 48, 20}, .seed = 15, .ng = 4096, .mask_fraction = 0.9},
       .three_d = false},
      // 32 × 512 cells: 64 KiB, opting in above 48 KiB (the benchmark's shape).
      {.name = "opt_in", .levels = {.extent = {512, 40, 8}, .seed = 16, .mask_fraction = 0.9}},
      // 32 × 768 cells: exactly the shared budget (96 KiB).
      {.name = "shared_at_budget", .levels = {.extent = {768, 40, 3}, .seed = 16}, .direction_count = 1,
       .path = shared},
      // Several grid-stride iterations per thread, and a volume that is no multiple of the block or the warp.
      {.name = "large_odd", .levels = {.extent = {131, 129, 67}, .seed = 17, .ng = 3, .mask_fraction = 0.9}},
      {.name = "large", .levels = {.extent = {200, 200, 100}, .seed = 18}},
      {.name = "large_in_plane",
       .levels = {.extent = {200, 200, 100}, .seed = 19, .ng = 2, .mask_fraction = 0.95},
       .three_d = false},
  };
}

// No GPU needed: the cases above exercise what their names promise (paths by the budget, shapes by the levels).
TEST(GlrlmParityCases, ExerciseWhatTheyClaim) {
  for (const ParityCase& c : parity_cases()) {
    SCOPED_TRACE(c.name);
    const RandomLevels v = make_levels(c.levels);
    const std::vector<Offset> directions = directions_for(c.three_d, c.direction_count);
    EXPECT_TRUE(cuda::glrlm_fits_gpu(directions, c.levels.ng, v.extent));
    const std::size_t bytes = c.levels.ng * cuda::glrlm_width(directions, v.extent) * 4;
    if (c.name.starts_with("ng500") || c.name.starts_with("ng4096")) {
      EXPECT_GT(bytes, cuda::kGlrlmSharedBudgetBytes) << "automatic takes the global path";
    }
    if (c.name == "shared_at_budget") {
      EXPECT_EQ(bytes, cuda::kGlrlmSharedBudgetBytes);
    }
    if (c.name == "opt_in") {
      EXPECT_LE(bytes, cuda::kGlrlmSharedBudgetBytes);
      EXPECT_GT(bytes, std::size_t(48) << 10) << "opts in to more shared memory";
    }
    expect_recipe_claims(c.name, c.levels, v);
  }
}

class GlrlmParity : public GpuTest, public ::testing::WithParamInterface<ParityCase> {};

TEST_P(GlrlmParity, GpuEqualsCpu) {
  const ParityCase& c = GetParam();
  const RandomLevels v = make_levels(c.levels);
  const std::vector<Offset> directions = directions_for(c.three_d, c.direction_count);
  const std::vector<RunLengthMatrix> cpu = kernels::texture::glrlm_matrices(v.view(), directions, c.levels.ng);
  const std::vector<RunLengthMatrix> gpu = cuda::glrlm_matrices(v.view(), directions, c.levels.ng, nullptr, c.path);
  ASSERT_EQ(gpu.size(), cpu.size());
  for (std::size_t k = 0; k < cpu.size(); ++k) {
    // Integers: exact equality, no tolerance.
    EXPECT_EQ(gpu[k], cpu[k]) << "direction " << k << " (" << directions[k].dx << ", " << directions[k].dy << ", "
                              << directions[k].dz << ")";
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, GlrlmParity, ::testing::ValuesIn(parity_cases()),
                         [](const ::testing::TestParamInfo<ParityCase>& info) { return info.param.name; });

class GlrlmDevice : public GpuTest {};

TEST_F(GlrlmDevice, DeviceResidentOnOwnStreamManyDirections) {
  // 39 directions (the 13, their opposites, the 13 again): two launches of at most 32, N_v counted once.
  const RandomLevels v = make_levels({.extent = {90, 70, 30}, .seed = 21, .ng = 3, .mask_fraction = 0.9});
  std::vector<Offset> directions = directions_for(true);
  for (const Offset d : directions_for(true)) directions.push_back({-d.dx, -d.dy, -d.dz});
  for (const Offset d : directions_for(true)) directions.push_back(d);
  const std::vector<RunLengthMatrix> cpu = kernels::texture::glrlm_matrices(v.view(), directions, 3);

  cudaStream_t stream = nullptr;
  VOXFEAT_CUDA_CHECK(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking));
  {
    const std::size_t width = cuda::glrlm_width(directions, v.extent);
    cuda::DeviceBuffer<std::int32_t> d_levels(v.levels.size());
    cuda::DeviceBuffer<std::uint64_t> d_counts(cuda::glrlm_dense_count_size(directions.size(), 3, width));
    d_levels.upload(v.levels, stream);
    // Twice into the same buffer: the call must clear the counts it is given, not add to them.
    for (int run = 0; run < 2; ++run) {
      cuda::glrlm_matrices_device(d_levels.data(), v.extent, directions, 3, d_counts.data(), stream);
    }
    std::vector<std::uint64_t> dense(d_counts.size());
    d_counts.download(dense, stream);
    VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(stream));
    EXPECT_EQ(dense.back(), v.roi_voxels());
    EXPECT_EQ(cuda::glrlm_from_dense(dense, directions, v.extent, 3), cpu);
  }
  VOXFEAT_CUDA_CHECK(cudaStreamDestroy(stream));
}

TEST_F(GlrlmDevice, BothPathsAgreeOnOneVolume) {
  const RandomLevels v = make_levels({.extent = {77, 65, 21}, .seed = 22, .ng = 5, .mask_fraction = 0.85});
  const std::vector<Offset> directions = directions_for(true);
  const auto shared = cuda::glrlm_matrices(v.view(), directions, 5, nullptr, GlrlmPath::shared_memory);
  const auto global = cuda::glrlm_matrices(v.view(), directions, 5, nullptr, GlrlmPath::global_memory);
  EXPECT_EQ(shared, global);
  EXPECT_EQ(shared, reference_matrices(v, directions, 5));
}

TEST_F(GlrlmDevice, SharedPathRefusesTooManyCells) {
  // 32 × 769 cells: one over the 96 KiB budget.
  const RandomLevels v = make_levels({.extent = {769, 2, 2}, .seed = 23, .ng = 32});
  EXPECT_THROW(cuda::glrlm_matrices(v.view(), directions_for(true, 1), 32, nullptr, GlrlmPath::shared_memory),
               std::invalid_argument);
}

}  // namespace
}  // namespace voxfeat::test
