// cuda/glcm.cu against the CPU: GLCM counts are integers, so every matrix must equal the CPU's exactly (CountMatrix
// ==), on every shape, ROI, level distribution, ng, direction set, distance and path below. The host tests at the
// top need no GPU: they walk volumes with the kernel's own per-voxel functions (cuda/glcm_pair.hpp) in the kernel's
// order and hold the result to kernels::texture::glcm_matrix_reference, the specification; and they check that the
// refusals come before any CUDA call.
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
#include "glcm.hpp"
#include "glcm_pair.hpp"
#include "glcm_scopes.hpp"
#include "gpu_test_support.hpp"
#include "texture/count_matrix.hpp"
#include "texture/directions.hpp"
#include "texture/glcm.hpp"

namespace voxfeat::kernels::texture {
// Found by GoogleTest through ADL: a failed comparison names the matrices' shapes and totals, not their bytes.
void PrintTo(const CountMatrix& m, std::ostream* os) {
  *os << m.rows() << "x" << m.cols() << " matrix, " << m.entries().size() << " cells, total " << m.total();
}
}  // namespace voxfeat::kernels::texture

namespace voxfeat::test {
namespace {

using cuda::GlcmPath;
using kernels::texture::CountMatrix;
using kernels::texture::Offset;

/// `directions` (the 13 of 3D, or the first `count`) scaled to Chebyshev distance `distance`.
std::vector<Offset> offsets_for(bool three_d, int distance, std::size_t count = 13) {
  std::vector<Offset> out;
  for (const Offset o : kernels::texture::directions(three_d)) out.push_back(o.scaled(distance));
  out.resize(std::min(out.size(), count));
  return out;
}

std::vector<CountMatrix> reference_matrices(const RandomLevels& v, std::span<const Offset> offsets, std::uint32_t ng,
                                            bool symmetric) {
  std::vector<CountMatrix> out;
  for (const Offset o : offsets) out.push_back(kernels::texture::glcm_matrix_reference(v.view(), o, ng, symmetric));
  return out;
}

std::vector<CountMatrix> sparse(std::span<const std::uint64_t> dense, std::size_t offset_count, std::uint32_t ng) {
  const std::size_t cells = std::size_t(ng) * ng;
  std::vector<CountMatrix> out;
  for (std::size_t k = 0; k < offset_count; ++k) {
    out.push_back(CountMatrix::from_dense(ng, ng, dense.subspan(k * cells, cells)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Host: the kernel's indexing, without a GPU.

/// glcm_kernel (cuda/glcm.cu) run on the host over one scope of `levels`: `blocks` × `threads` threads in its
/// grid-stride loop over the scope's origin planes, each block row taking a group of `group` offsets, adding into
/// the scope's slot of `dense` (slots × offsets × ng² cells). `shared`: each block counts into its own 32-bit counts,
/// added (symmetrised by glcm_symmetric_count) to `dense`; otherwise every pair goes straight to `dense`, with its
/// transposed cell when `symmetric`. The atomics become plain adds, which changes nothing for integer counts; the
/// warp's "no ROI voxel" skip is left out, as it only skips lanes whose every cell is −1.
void emulate_scope(const std::int32_t* levels, const cuda::GlcmScope& scope, std::span<const Offset> offsets,
                   std::uint32_t ng, bool symmetric, std::size_t blocks, std::size_t threads, std::size_t group,
                   bool shared, std::vector<std::uint64_t>& dense) {
  const int ex = scope.ex, ey = scope.ey;
  const unsigned long long plane = unsigned(ex) * unsigned(ey), end = plane * unsigned(scope.z_hi);
  const unsigned long long stride = blocks * threads;
  const int cells = int(ng * ng);
  const std::int32_t* scope_levels = levels + scope.begin;
  const cuda::GridCoord stride_step = cuda::grid_coord(stride, ex, ey);
  std::vector<cuda::GlcmStep> steps;
  for (const Offset o : offsets) steps.push_back(cuda::glcm_scope_step(o, scope));
  std::uint64_t* slot = dense.data() + std::size_t(scope.slot) * offsets.size() * std::size_t(cells);
  for (std::size_t first = 0; first < offsets.size(); first += group) {
    const std::size_t count = std::min(group, offsets.size() - first);
    for (std::size_t block = 0; block < blocks; ++block) {
      std::vector<std::uint32_t> block_counts(count * std::size_t(cells), 0);
      for (std::size_t t = 0; t < threads; ++t) {
        const std::size_t lane = t % 32;
        unsigned long long base = plane * unsigned(scope.z_lo) + block * threads + (t - lane), i = base + lane;
        cuda::GridCoord c = cuda::grid_coord(i, ex, ey);
        for (; base < end; base += stride, i += stride, cuda::grid_advance(c, stride_step, ex, ey)) {
          const std::int32_t a = i < end ? scope_levels[i] : 0;
          for (std::size_t j = 0; j < count; ++j) {
            const int cell = cuda::glcm_cell(scope_levels, i, c, a, steps[first + j], int(ng));
            if (cell < 0) continue;
            if (shared) {
              ++block_counts[j * std::size_t(cells) + std::size_t(cell)];
            } else {
              std::uint64_t* m = slot + (first + j) * std::size_t(cells);
              ++m[cell];
              if (symmetric) ++m[cuda::glcm_transposed_cell(cell, int(ng))];
            }
          }
        }
      }
      for (std::size_t j = 0; j < count; ++j) {
        const std::uint32_t* m = block_counts.data() + j * std::size_t(cells);
        for (int cell = 0; cell < cells; ++cell) {
          slot[(first + j) * std::size_t(cells) + std::size_t(cell)] +=
              symmetric ? cuda::glcm_symmetric_count(m, cell, int(ng)) : m[cell];
        }
      }
    }
  }
}

/// The kernel over one whole volume.
std::vector<std::uint64_t> emulate_kernel(const RandomLevels& v, std::span<const Offset> offsets, std::uint32_t ng,
                                          bool symmetric, std::size_t blocks, std::size_t threads, std::size_t group,
                                          bool shared) {
  std::vector<std::uint64_t> dense(offsets.size() * std::size_t(ng) * ng, 0);
  emulate_scope(v.levels.data(), cuda::whole_scope(v.extent), offsets, ng, symmetric, blocks, threads, group, shared,
                dense);
  return dense;
}

TEST(GlcmPairHost, GridAdvanceMatchesDivision) {
  for (const std::array<std::size_t, 3> extent : {std::array<std::size_t, 3>{7, 5, 3}, {1, 1, 50}, {13, 1, 4},
                                                  {64, 3, 2}, {1, 9, 9}}) {
    const int ex = int(extent[0]), ey = int(extent[1]);
    const unsigned long long n = extent[0] * extent[1] * extent[2];
    for (const unsigned long long stride : {1ull, 6ull, 7ull, 35ull, 36ull, 64ull, 192ull, 1000ull}) {
      const cuda::GridCoord step = cuda::grid_coord(stride, ex, ey);
      for (unsigned long long start = 0; start < std::min(stride, n + 1); ++start) {
        cuda::GridCoord c = cuda::grid_coord(start, ex, ey);
        // On past the end too: lanes beyond the volume keep advancing until their warp leaves the loop.
        for (unsigned long long i = start; i < n + 2 * stride; i += stride, cuda::grid_advance(c, step, ex, ey)) {
          const cuda::GridCoord want = cuda::grid_coord(i, ex, ey);
          ASSERT_TRUE(c.x == want.x && c.y == want.y && c.z == want.z)
              << "extent " << ex << "x" << ey << " stride " << stride << " index " << i;
          ASSERT_EQ(std::size_t(c.x) + extent[0] * (std::size_t(c.y) + extent[1] * std::size_t(c.z)), i);
        }
      }
    }
  }
}

TEST(GlcmPairHost, StepBoundsEveryAxisBothSigns) {
  const std::array<std::size_t, 3> extent{10, 6, 4};
  const cuda::GlcmStep s = cuda::glcm_step({-2, 3, 1}, extent);
  EXPECT_EQ(s.x_lo, 2);  // x + (−2) ≥ 0
  EXPECT_EQ(s.x_span, 8);
  EXPECT_EQ(s.y_lo, 0);
  EXPECT_EQ(s.y_span, 3);  // y + 3 < 6
  EXPECT_EQ(s.z_lo, 0);
  EXPECT_EQ(s.z_span, 3);
  EXPECT_EQ(s.step, -2 + 10 * (3 + 6 * 1));
  // An offset as long as the volume, or longer, leaves it from every voxel (and its step is never used).
  for (const Offset o : {Offset{10, 0, 0}, Offset{0, -6, 0}, Offset{0, 0, 4}, Offset{1, 1, -1000000}}) {
    const cuda::GlcmStep none = cuda::glcm_step(o, extent);
    EXPECT_EQ(none.x_span * none.y_span * none.z_span, 0);
  }
}

TEST(GlcmPairHost, CellIgnoresLevelsOutsideOneToNg) {
  // The device-resident call does not check levels: a bad one must count as "outside", never index past the counts.
  const std::array<std::size_t, 3> extent{2, 1, 1};
  const cuda::GlcmStep right = cuda::glcm_step({1, 0, 0}, extent);
  const cuda::GridCoord origin{};
  const std::int32_t min = std::numeric_limits<std::int32_t>::min();
  const std::int32_t cases[][2] = {{3, 2}, {0, 2}, {-1, 2}, {5, 2}, {min, 2}, {3, 0}, {3, 5}, {3, min}, {3, -7}};
  for (const auto& pair : cases) {
    const std::int32_t levels[2] = {pair[0], pair[1]};
    const int cell = cuda::glcm_cell(levels, 0, origin, levels[0], right, 4);
    EXPECT_EQ(cell, pair[0] == 3 && pair[1] == 2 ? (3 - 1) * 4 + (2 - 1) : -1) << pair[0] << ", " << pair[1];
  }
}

TEST(GlcmPairHost, KernelWalkEqualsReference) {
  // Directions at distances 1 and 2, negative components, and offsets that leave small volumes.
  std::vector<Offset> offsets = offsets_for(true, 1);
  for (const Offset o : offsets_for(true, 2)) offsets.push_back(o);
  for (const Offset o : {Offset{-1, 2, 0}, Offset{0, 0, -3}, Offset{5, 0, 0}, Offset{0, 0, 0}}) offsets.push_back(o);
  const LevelRecipe recipes[] = {
      {.extent = {1, 1, 1}, .seed = 1, .ng = 4},
      {.extent = {17, 11, 1}, .seed = 2, .ng = 5, .mask_fraction = 0.7},
      {.extent = {3, 19, 13}, .seed = 3, .ng = 6, .mask_fraction = 0.9},
      {.extent = {12, 9, 7}, .seed = 4, .ng = 3, .hollow = true},
      {.extent = {21, 6, 5}, .seed = 5, .ng = 7, .mask_fraction = 0.95, .skewed = true},
      {.extent = {9, 8, 7}, .seed = 6, .ng = 1, .mask_fraction = 0.5},
  };
  struct Grid {
    std::size_t blocks, threads, group;
    bool shared;
  };
  // One warp; strides that are no multiple of any extent; more threads than voxels; groups that split the offsets;
  // both of the kernel's paths.
  const Grid grids[] = {{1, 32, 30, true}, {3, 64, 13, true}, {5, 96, 7, true}, {2, 1024, 1, true}, {3, 64, 30, false}};
  for (const LevelRecipe& r : recipes) {
    const RandomLevels v = make_levels(r);
    for (const bool symmetric : {false, true}) {
      const std::vector<CountMatrix> want = reference_matrices(v, offsets, r.ng, symmetric);
      for (const Grid& g : grids) {
        SCOPED_TRACE(::testing::Message() << "seed " << r.seed << " symmetric " << symmetric << " grid " << g.blocks
                                          << "x" << g.threads << " group " << g.group << " shared " << g.shared);
        const std::vector<std::uint64_t> dense =
            emulate_kernel(v, offsets, r.ng, symmetric, g.blocks, g.threads, g.group, g.shared);
        EXPECT_EQ(sparse(dense, offsets.size(), r.ng), want);
      }
    }
  }
}

TEST(GlcmScopesHost, ScopeStepKeepsOriginsInTheirPlanes) {
  // A slab of 6 planes whose origins are planes 2..4 (a halo of 2 below, 1 above).
  const cuda::GlcmScope slab{0, 10, 6, 6, 2, 5, 0};
  const cuda::GlcmStep up = cuda::glcm_scope_step({0, 0, 1}, slab);
  EXPECT_EQ(up.z_lo, 2);
  EXPECT_EQ(up.z_span, 3);  // origins 2, 3, 4; neighbours 3, 4, 5 inside the slab
  const cuda::GlcmStep down2 = cuda::glcm_scope_step({0, 0, -2}, slab);
  EXPECT_EQ(down2.z_lo, 2);
  EXPECT_EQ(down2.z_span, 3);  // neighbours 0, 1, 2
  const cuda::GlcmStep up2 = cuda::glcm_scope_step({0, 0, 2}, slab);
  EXPECT_EQ(up2.z_span, 2);  // origin 4 would need plane 6: the volume has none (a last slab), so no pair
  EXPECT_EQ(cuda::glcm_scope_step({0, 0, 1}, cuda::GlcmScope{0, 4, 4, 3, 3, 3, 0}).z_span, 0);  // no origin plane
}

TEST(GlcmScopesHost, SlabsCoverEveryPlaneOnceWithTheirHalo) {
  for (const std::size_t ez : {1u, 2u, 7u, 30u}) {
    for (const std::size_t halo : {0u, 1u, 3u}) {
      for (const std::size_t depth : {1u, 2u, 5u, 64u}) {
        const auto slabs = cuda::plan_slabs({4, 3, ez}, halo, depth);
        std::vector<int> origin_of(ez, 0);
        for (const cuda::Slab& s : slabs) {
          EXPECT_EQ(std::size_t(s.scope.ez), s.planes);
          for (int z = s.scope.z_lo; z < s.scope.z_hi; ++z) {
            const std::size_t plane = s.first_plane + std::size_t(z);
            ++origin_of[plane];
            // Every neighbour within the halo that the volume has is in the slab.
            EXPECT_LE(s.first_plane, plane - std::min(plane, halo));
            EXPECT_GE(s.first_plane + s.planes, std::min(ez, plane + halo + 1));
          }
          EXPECT_LE(std::size_t(s.scope.z_hi - s.scope.z_lo), depth);
        }
        EXPECT_EQ(origin_of, std::vector<int>(ez, 1)) << "ez " << ez << " halo " << halo << " depth " << depth;
      }
    }
  }
}

TEST(GlcmScopesHost, StreamedSlabsCountWhatTheWholeVolumeCounts) {
  // The streaming path's decomposition, run with the kernel's own walk: slabs of every depth, offsets reaching 1 to
  // 3 planes up and down, summed into one slot, equal the reference.
  std::vector<Offset> offsets = offsets_for(true, 1);
  for (const Offset o : offsets_for(true, 3)) offsets.push_back(o);
  offsets.push_back({0, 0, -2});
  const RandomLevels v = make_levels({.extent = {9, 7, 11}, .seed = 41, .ng = 5, .mask_fraction = 0.8});
  const std::size_t plane = v.extent[0] * v.extent[1];
  for (const bool symmetric : {false, true}) {
    const std::vector<CountMatrix> want = reference_matrices(v, offsets, 5, symmetric);
    for (const std::size_t depth : {1u, 2u, 4u, 11u}) {
      std::vector<std::uint64_t> dense(offsets.size() * 25, 0);
      for (const cuda::Slab& slab : cuda::plan_slabs(v.extent, cuda::slab_halo(offsets), depth)) {
        // The slab alone, as the device buffer holds it: what lies outside it cannot be read.
        const std::vector<std::int32_t> copy(v.levels.begin() + std::ptrdiff_t(slab.first_plane * plane),
                                             v.levels.begin() + std::ptrdiff_t((slab.first_plane + slab.planes) * plane));
        emulate_scope(copy.data(), slab.scope, offsets, 5, symmetric, 2, 64, 13, true, dense);
      }
      EXPECT_EQ(sparse(dense, offsets.size(), 5), want) << "depth " << depth << " symmetric " << symmetric;
    }
  }
}

TEST(GlcmScopesHost, PackedScopesCountEachScopeIntoItsSlot) {
  // Many scopes of different shapes in one buffer (a single voxel, a row, slices, a volume), one launch.
  const std::vector<RandomLevels> scopes = {
      make_levels({.extent = {1, 1, 1}, .seed = 51, .ng = 6}),
      make_levels({.extent = {13, 1, 1}, .seed = 52, .ng = 6}),
      make_levels({.extent = {8, 9, 1}, .seed = 53, .ng = 6, .mask_fraction = 0.5}),
      make_levels({.extent = {5, 4, 3}, .seed = 54, .ng = 6, .hollow = true}),
      make_levels({.extent = {11, 10, 1}, .seed = 55, .ng = 6, .mask_fraction = 0.0}),
  };
  std::vector<std::array<std::size_t, 3>> extents;
  std::vector<std::int32_t> packed;
  for (const RandomLevels& s : scopes) {
    extents.push_back(s.extent);
    packed.insert(packed.end(), s.levels.begin(), s.levels.end());
  }
  const std::vector<Offset> offsets = offsets_for(true, 1);
  const std::vector<cuda::GlcmScope> table = cuda::pack_scopes(extents);
  std::vector<std::uint64_t> dense(scopes.size() * offsets.size() * 36, 0);
  for (const cuda::GlcmScope& scope : table) emulate_scope(packed.data(), scope, offsets, 6, true, 1, 32, 7, true, dense);
  for (std::size_t s = 0; s < scopes.size(); ++s) {
    EXPECT_EQ(sparse(std::span<const std::uint64_t>(dense).subspan(s * offsets.size() * 36), offsets.size(), 6),
              reference_matrices(scopes[s], offsets, 6, true))
        << "scope " << s;
  }
}

TEST(GlcmScopesHost, StreamDepthFitsTheBudget) {
  const std::vector<Offset> offsets = offsets_for(true, 2);  // halo 2
  const std::array<std::size_t, 3> extent{100, 80, 50};
  const std::size_t counts = 13 * 32 * 32 * 8, plane = 100 * 80 * 4;
  for (const std::size_t depth : {1u, 3u, 17u}) {
    const std::size_t budget = counts + 2 * plane * (depth + 4);
    EXPECT_EQ(cuda::glcm_stream_depth(extent, offsets, 32, budget), depth);
    EXPECT_EQ(cuda::glcm_stream_depth(extent, offsets, 32, budget - 1), depth - 1);
  }
  EXPECT_EQ(cuda::glcm_stream_depth(extent, offsets, 32, std::size_t(1) << 40), 50u);  // never more than the volume
  EXPECT_EQ(cuda::glcm_stream_depth(extent, offsets, 32, counts), 0u);
  EXPECT_EQ(cuda::glcm_device_bytes(extent, 13, 32), counts + 100 * 80 * 50 * 4);
}

TEST(GlcmGpuArguments, MemoryCap) {
  EXPECT_EQ(cuda::glcm_dense_count_bytes(13, 32), 13u * 32 * 32 * 8);
  EXPECT_TRUE(cuda::glcm_fits_gpu(1, 5792));
  EXPECT_FALSE(cuda::glcm_fits_gpu(1, 5793));
  EXPECT_TRUE(cuda::glcm_fits_gpu(13, 1606));
  EXPECT_FALSE(cuda::glcm_fits_gpu(13, 1607));
  EXPECT_TRUE(cuda::glcm_fits_gpu(2, 4096));
  EXPECT_FALSE(cuda::glcm_fits_gpu(13, 4096));
  EXPECT_EQ(cuda::glcm_dense_count_bytes(std::size_t(1) << 40, 0xffffffffu), std::numeric_limits<std::size_t>::max());
  EXPECT_TRUE(cuda::glcm_fits_gpu(1000, 0));
}

// No GPU needed: without a driver any CUDA call would throw CudaError, so std::invalid_argument here also proves that
// the refusal came before the first one.
TEST(GlcmGpuArguments, RefusedBeforeAnyCudaCall) {
  const RandomLevels v = make_levels({.extent = {6, 5, 4}, .seed = 31, .ng = 8});
  const std::vector<Offset> all = offsets_for(true, 1);
  EXPECT_THROW(cuda::glcm_matrices(v.view(), all, 4096, true), std::invalid_argument);  // over the memory cap
  EXPECT_THROW(cuda::glcm_matrices_device(nullptr, v.extent, all, 4096, true, nullptr), std::invalid_argument);
  EXPECT_THROW(cuda::glcm_matrices(v.view(), all, 7, true), std::invalid_argument);  // a level 8 > ng
  RandomLevels negative = v;
  negative.levels[17] = -1;
  EXPECT_THROW(cuda::glcm_matrices(negative.view(), all, 8, false), std::invalid_argument);
  const kernels::View3<std::int32_t> huge{nullptr, {cuda::kGlcmMaxExtent + 1, 1, 1}};
  EXPECT_THROW(cuda::glcm_matrices(huge, all, 8, true), std::invalid_argument);
  EXPECT_THROW(cuda::glcm_matrices_device(nullptr, huge.extent, all, 8, true, nullptr), std::invalid_argument);
  const std::size_t most = cuda::kGlcmMaxExtent;  // each extent allowed, their product past 2^62 voxels
  EXPECT_THROW(cuda::glcm_matrices_device(nullptr, {most, most, 16}, all, 8, true, nullptr), std::invalid_argument);
  // Streaming: a budget that does not hold one plane with its halo; batches: scopes × counts over the cap.
  EXPECT_THROW(cuda::glcm_matrices_streamed(v.view(), all, 8, true, 13 * 64 * 8 + 100), std::invalid_argument);
  const std::vector<kernels::View3<std::int32_t>> many(40, v.view());
  EXPECT_THROW(cuda::glcm_matrices_batch(many, all, 1024, true), std::invalid_argument);  // 40 × 109 MB
}

// No GPU needed: nothing to count means no CUDA call, and the CPU's shapes.
TEST(GlcmGpuArguments, NothingToCountNeedsNoDevice) {
  const RandomLevels v = make_levels({.extent = {6, 5, 4}, .seed = 32, .ng = 8});
  const std::vector<Offset> all = offsets_for(true, 1);
  EXPECT_TRUE(cuda::glcm_matrices(v.view(), {}, 8, true).empty());
  const RandomLevels none = make_levels({.extent = {6, 5, 4}, .seed = 32, .ng = 0});
  EXPECT_EQ(cuda::glcm_matrices(none.view(), all, 0, true), kernels::texture::glcm_matrices(none.view(), all, 0, true));
  const kernels::View3<std::int32_t> empty{nullptr, {0, 16, 16}};
  EXPECT_EQ(cuda::glcm_matrices(empty, all, 8, false), kernels::texture::glcm_matrices(empty, all, 8, false));
  cuda::glcm_matrices_device(nullptr, {4, 4, 4}, {}, 8, true, nullptr);  // no offsets: nothing written, no call
}

// ---------------------------------------------------------------------------------------------------------------
// GPU parity.

struct ParityCase {
  std::string name;
  LevelRecipe levels;
  bool three_d = true;
  int distance = 1;
  bool symmetric = true;
  std::size_t offset_count = 13;  ///< the first this many of the directions
  GlcmPath path = GlcmPath::automatic;
};

void PrintTo(const ParityCase& c, std::ostream* os) { *os << c.name; }

std::vector<ParityCase> parity_cases() {
  const auto global = GlcmPath::global_memory;
  const auto shared = GlcmPath::shared_memory;
  return {
      {.name = "single_voxel", .levels = {.extent = {1, 1, 1}, .seed = 1}},
      {.name = "one_slice", .levels = {.extent = {97, 83, 1}, .seed = 2, .mask_fraction = 0.6}},
      {.name = "one_slice_in_plane",
       .levels = {.extent = {97, 83, 1}, .seed = 2, .mask_fraction = 0.6},
       .three_d = false,
       .symmetric = false},
      {.name = "thin_x", .levels = {.extent = {2, 300, 50}, .seed = 3, .mask_fraction = 0.8}, .distance = 2},
      {.name = "line", .levels = {.extent = {1000, 1, 1}, .seed = 4, .ng = 8}},
      {.name = "hollow", .levels = {.extent = {60, 50, 40}, .seed = 5, .hollow = true}, .distance = 2},
      {.name = "sparse_mask", .levels = {.extent = {128, 96, 40}, .seed = 6, .mask_fraction = 0.01}},
      {.name = "empty_roi", .levels = {.extent = {33, 17, 9}, .seed = 7, .mask_fraction = 0.0}},
      {.name = "full_mask", .levels = {.extent = {64, 64, 32}, .seed = 8}},
      {.name = "full_mask_asymmetric", .levels = {.extent = {64, 64, 32}, .seed = 8}, .symmetric = false},
      {.name = "full_mask_global_d2",
       .levels = {.extent = {64, 64, 32}, .seed = 9},
       .distance = 2,
       .symmetric = false,
       .path = global},
      {.name = "skewed", .levels = {.extent = {80, 80, 24}, .seed = 10, .mask_fraction = 0.9, .skewed = true}},
      {.name = "skewed_global",
       .levels = {.extent = {80, 80, 24}, .seed = 10, .mask_fraction = 0.9, .skewed = true},
       .path = global},
      {.name = "ng1", .levels = {.extent = {50, 40, 10}, .seed = 11, .ng = 1, .mask_fraction = 0.7}},
      // 40 KB per offset: two offsets a block (opting in to 80 KB of shared memory), seven block rows.
      {.name = "ng100", .levels = {.extent = {64, 64, 32}, .seed = 12, .ng = 100, .mask_fraction = 0.9}},
      {.name = "ng100_global_asymmetric",
       .levels = {.extent = {64, 64, 32}, .seed = 12, .ng = 100, .mask_fraction = 0.9},
       .symmetric = false,
       .path = global},
      // The largest ng the shared path holds: one offset a block, 97 KB.
      {.name = "ng156_shared", .levels = {.extent = {70, 60, 30}, .seed = 13, .ng = 156}, .path = shared},
      {.name = "ng500", .levels = {.extent = {64, 64, 32}, .seed = 14, .ng = 500, .mask_fraction = 0.9}},
      {.name = "ng500_in_plane_d2",
       .levels = {.extent = {64, 64, 32}, .seed = 14, .ng = 500, .mask_fraction = 0.9, .skewed = true},
       .three_d = false,
       .distance = 2,
       .symmetric = false},
      // Two offsets of 4096² cells are exactly the memory cap (13 are refused: GlcmGpuArguments).
      {.name = "ng4096_two_offsets",
       .levels = {.extent = {128, 128, 48}, .seed = 15, .ng = 4096, .mask_fraction = 0.8},
       .offset_count = 2},
      // Several grid-stride iterations per thread, and a volume that is no multiple of the block or the warp.
      {.name = "large_odd", .levels = {.extent = {131, 129, 67}, .seed = 16, .ng = 64, .mask_fraction = 0.5}},
      {.name = "large", .levels = {.extent = {200, 200, 100}, .seed = 17}},
      {.name = "large_d2_in_plane",
       .levels = {.extent = {200, 200, 100}, .seed = 18, .mask_fraction = 0.7},
       .three_d = false,
       .distance = 2,
       .symmetric = false},
  };
}

// No GPU needed: the cases above exercise what their names promise (paths by the budget, shapes by the levels).
TEST(GlcmParityCases, ExerciseWhatTheyClaim) {
  for (const ParityCase& c : parity_cases()) {
    SCOPED_TRACE(c.name);
    const RandomLevels v = make_levels(c.levels);
    const std::size_t per_offset = std::size_t(c.levels.ng) * c.levels.ng * 4;
    EXPECT_TRUE(cuda::glcm_fits_gpu(std::min<std::size_t>(c.offset_count, 13), c.levels.ng));
    if (c.name.starts_with("ng500") || c.name.starts_with("ng4096")) {
      EXPECT_GT(per_offset, cuda::kGlcmSharedBudgetBytes) << "automatic takes the global path";
    }
    if (c.name == "ng156_shared" || c.name == "ng100") {
      EXPECT_LE(per_offset, cuda::kGlcmSharedBudgetBytes);
      EXPECT_GT(per_offset * (c.name == "ng100" ? 2 : 1), std::size_t(48) << 10) << "opts in to more shared memory";
    }
    if (c.name == "ng156_shared") {
      EXPECT_GT(std::size_t(157) * 157 * 4, cuda::kGlcmSharedBudgetBytes);
    }
    expect_recipe_claims(c.name, c.levels, v);
  }
}

class GlcmParity : public GpuTest, public ::testing::WithParamInterface<ParityCase> {};

TEST_P(GlcmParity, GpuEqualsCpu) {
  const ParityCase& c = GetParam();
  const RandomLevels v = make_levels(c.levels);
  const std::vector<Offset> offsets = offsets_for(c.three_d, c.distance, c.offset_count);
  const std::vector<CountMatrix> cpu =
      kernels::texture::glcm_matrices(v.view(), offsets, c.levels.ng, c.symmetric);
  const std::vector<CountMatrix> gpu =
      cuda::glcm_matrices(v.view(), offsets, c.levels.ng, c.symmetric, nullptr, c.path);
  ASSERT_EQ(gpu.size(), cpu.size());
  for (std::size_t k = 0; k < cpu.size(); ++k) {
    // Integers: exact equality, no tolerance.
    EXPECT_EQ(gpu[k], cpu[k]) << "offset " << k << " (" << offsets[k].dx << ", " << offsets[k].dy << ", "
                              << offsets[k].dz << "): GPU total " << gpu[k].total() << ", CPU " << cpu[k].total();
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, GlcmParity, ::testing::ValuesIn(parity_cases()),
                         [](const ::testing::TestParamInfo<ParityCase>& info) { return info.param.name; });

class GlcmDevice : public GpuTest {};

TEST_F(GlcmDevice, DeviceResidentOnOwnStreamManyOffsets) {
  // 39 offsets (distances 1 to 3): two launches of at most 32 offsets, into the two parts of one count buffer.
  const RandomLevels v = make_levels({.extent = {90, 70, 30}, .seed = 21, .ng = 24, .mask_fraction = 0.6});
  std::vector<Offset> offsets;
  for (const int d : {1, 2, 3})
    for (const Offset o : offsets_for(true, d)) offsets.push_back(o);
  const std::vector<CountMatrix> cpu = kernels::texture::glcm_matrices(v.view(), offsets, 24, true);

  cudaStream_t stream = nullptr;
  VOXFEAT_CUDA_CHECK(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking));
  {
    cuda::DeviceBuffer<std::int32_t> d_levels(v.levels.size());
    cuda::DeviceBuffer<std::uint64_t> d_counts(offsets.size() * 24 * 24);
    d_levels.upload(v.levels, stream);
    // Twice into the same buffer: the call must clear the counts it is given, not add to them.
    for (int run = 0; run < 2; ++run) {
      cuda::glcm_matrices_device(d_levels.data(), v.extent, offsets, 24, true, d_counts.data(), stream);
    }
    std::vector<std::uint64_t> dense(d_counts.size());
    d_counts.download(dense, stream);
    VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(stream));
    EXPECT_EQ(sparse(dense, offsets.size(), 24), cpu);
  }
  VOXFEAT_CUDA_CHECK(cudaStreamDestroy(stream));
}

TEST_F(GlcmDevice, BothPathsAgreeOnOneVolume) {
  const RandomLevels v = make_levels({.extent = {77, 65, 21}, .seed = 22, .ng = 40, .mask_fraction = 0.75});
  const std::vector<Offset> offsets = offsets_for(true, 1);
  const auto shared = cuda::glcm_matrices(v.view(), offsets, 40, true, nullptr, GlcmPath::shared_memory);
  const auto global = cuda::glcm_matrices(v.view(), offsets, 40, true, nullptr, GlcmPath::global_memory);
  EXPECT_EQ(shared, global);
  EXPECT_EQ(shared, reference_matrices(v, offsets, 40, true));
}

TEST_F(GlcmDevice, SharedPathRefusesTooManyLevels) {
  const RandomLevels v = make_levels({.extent = {8, 8, 8}, .seed = 23, .ng = 157});
  EXPECT_THROW(cuda::glcm_matrices(v.view(), offsets_for(true, 1, 1), 157, true, nullptr, GlcmPath::shared_memory),
               std::invalid_argument);
}

TEST_F(GlcmDevice, ManyScopesInOneLaunchEqualTheCpu) {
  // The slices of a 2D aggregation, and scopes of mixed shapes and sizes, with both count paths.
  const RandomLevels volume = make_levels({.extent = {61, 47, 23}, .seed = 61, .ng = 20, .mask_fraction = 0.7});
  std::vector<kernels::View3<std::int32_t>> scopes;
  for (std::size_t z = 0; z < volume.extent[2]; ++z) {
    scopes.push_back({volume.levels.data() + z * 61 * 47, {61, 47, 1}});
  }
  const RandomLevels one = make_levels({.extent = {1, 1, 1}, .seed = 62, .ng = 20});
  const RandomLevels big = make_levels({.extent = {120, 110, 40}, .seed = 63, .ng = 20, .skewed = true});
  scopes.push_back(one.view());
  scopes.push_back(big.view());
  for (const bool three_d : {false, true}) {
    const std::vector<Offset> offsets = offsets_for(three_d, 1);
    for (const GlcmPath path : {GlcmPath::automatic, GlcmPath::global_memory}) {
      const auto gpu = cuda::glcm_matrices_batch(scopes, offsets, 20, !three_d, nullptr, path);
      ASSERT_EQ(gpu.size(), scopes.size());
      for (std::size_t s = 0; s < scopes.size(); ++s) {
        EXPECT_EQ(gpu[s], kernels::texture::glcm_matrices(scopes[s], offsets, 20, !three_d)) << "scope " << s;
      }
    }
  }
}

TEST_F(GlcmDevice, StreamedWithinABudgetEqualsTheCpu) {
  // Slabs of 1, 3 and 40 planes (one slab), distances 1 and 3: the halos and the two buffers in flight.
  const RandomLevels v = make_levels({.extent = {150, 140, 40}, .seed = 64, .ng = 32, .mask_fraction = 0.85});
  const std::size_t plane = 150 * 140 * 4;
  for (const int distance : {1, 3}) {
    const std::vector<Offset> offsets = offsets_for(true, distance);
    const std::size_t counts = cuda::glcm_dense_count_bytes(offsets.size(), 32);
    const auto cpu = kernels::texture::glcm_matrices(v.view(), offsets, 32, true);
    for (const std::size_t depth : {1u, 3u, 40u}) {
      const std::size_t budget = counts + 2 * plane * (depth + 2 * std::size_t(distance));
      ASSERT_EQ(cuda::glcm_stream_depth(v.extent, offsets, 32, budget), depth);
      EXPECT_EQ(cuda::glcm_matrices_streamed(v.view(), offsets, 32, true, budget), cpu)
          << "distance " << distance << " depth " << depth;
    }
  }
}

}  // namespace
}  // namespace voxfeat::test
