// cuda/zones.cu against the CPU: zone sizes and distances are integers and each zone's root is its first voxel on
// both, so the GLSZM and GLDZM must equal the CPU's exactly (ZoneMatrix ==). The host tests at the top need no GPU:
// they run the kernels' own per-voxel functions (cuda/zones_voxel.hpp) over whole volumes, with the unions in
// storage order and in shuffled orders (the GPU's threads link in any order), and hold the zones, the distance map
// and the matrices to kernels::texture::label_zones, border_distance and zone_matrix; and they check that the
// refusals come before any CUDA call.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <ostream>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "device_buffer.hpp"
#include "gpu_test_support.hpp"
#include "texture/zone_matrix.hpp"
#include "texture/zones.hpp"
#include "zones.hpp"
#include "zones_voxel.hpp"

namespace voxfeat::kernels::texture {
// Found by GoogleTest through ADL: a failed comparison names the matrices' shapes and totals, not their bytes.
void PrintTo(const ZoneMatrix& m, std::ostream* os) {
  *os << m.counts.rows() << "x" << m.counts.cols() << " matrix, " << m.counts.entries().size() << " cells, total "
      << m.counts.total() << ", N_v " << m.voxels;
}
}  // namespace voxfeat::kernels::texture

namespace voxfeat::test {
namespace {

using kernels::texture::Zone;
using kernels::texture::ZoneColumn;
using kernels::texture::ZoneMatrix;

enum class MaskKind {
  none,  ///< no morphological mask: every distance 0
  roi,   ///< the ROI itself (level > 0)
  full,  ///< every voxel of the grid: ROI voxels next to non-ROI ones still lie deep inside
};

/// The morphological mask of `kind` for `v` (empty for none).
std::vector<std::uint8_t> mask_of(const RandomLevels& v, MaskKind kind) {
  std::vector<std::uint8_t> m;
  if (kind == MaskKind::none) return m;
  m.resize(v.levels.size());
  for (std::size_t i = 0; i < m.size(); ++i) m[i] = kind == MaskKind::full || v.levels[i] > 0 ? 1 : 0;
  return m;
}

kernels::View3<std::uint8_t> mask_view(const std::vector<std::uint8_t>& m, const RandomLevels& v) {
  return {m.empty() ? nullptr : m.data(), v.extent};
}

/// The CPU's matrices: the specification.
cuda::ZoneMatrices cpu_matrices(const RandomLevels& v, const std::vector<std::uint8_t>& mask, bool three_d,
                                int delta, int level_count) {
  std::vector<std::uint32_t> distance;
  if (!mask.empty()) distance = kernels::texture::border_distance(mask_view(mask, v), three_d);
  const std::vector<Zone> zones =
      kernels::texture::label_zones(v.view(), three_d, delta, distance.empty() ? nullptr : distance.data());
  return {kernels::texture::zone_matrix(zones, level_count, ZoneColumn::size),
          kernels::texture::zone_matrix(zones, level_count, ZoneColumn::distance)};
}

// ---------------------------------------------------------------------------------------------------------------
// Host: the kernels' logic, without a GPU.

/// cuda/zones.cu's distance_map on the host: the x pass over every line, then y, then z (3D only).
std::vector<std::uint32_t> emulate_distance(const std::vector<std::uint8_t>& mask, const cuda::ZoneGrid& g) {
  std::vector<std::uint32_t> d(mask.size());
  const auto ex = std::size_t(g.ex), ey = std::size_t(g.ey), ez = std::size_t(g.ez);
  for (std::size_t l = 0; l < ey * ez; ++l)
    cuda::distance_from_mask_runs(mask.data(), d.data(), cuda::distance_line(0, l, g));
  for (std::size_t l = 0; l < ex * ez; ++l) cuda::distance_relax(d.data(), cuda::distance_line(1, l, g));
  if (g.three_d)
    for (std::size_t l = 0; l < ex * ey; ++l) cuda::distance_relax(d.data(), cuda::distance_line(2, l, g));
  return d;
}

/// label_zones_device and the root scan on the host: init, distance map, link (voxels in `order`), stats (each
/// voxel to its root), then the roots in storage order as the CPU lists its zones.
std::vector<Zone> emulate_zones(const RandomLevels& v, const std::vector<std::uint8_t>& mask, bool three_d, int delta,
                                const std::vector<std::size_t>& order) {
  const cuda::ZoneGrid g{int(v.extent[0]), int(v.extent[1]), int(v.extent[2]), three_d, delta};
  const std::size_t n = v.levels.size();
  std::vector<cuda::ZoneLabel> parent(n);
  std::iota(parent.begin(), parent.end(), cuda::ZoneLabel(0));
  std::vector<std::uint32_t> size(n, 0), nearest(n, mask.empty() ? 0u : ~0u);
  const std::vector<std::uint32_t> distance = mask.empty() ? std::vector<std::uint32_t>{} : emulate_distance(mask, g);
  const std::size_t ex = v.extent[0], ey = v.extent[1];
  for (const std::size_t i : order) {
    const std::int32_t c = v.levels[i];
    if (c <= 0) continue;
    cuda::zone_link_voxel(v.levels.data(), parent.data(), g, i, int(i % ex), int(i / ex % ey), int(i / ex / ey), c);
  }
  for (const std::size_t i : order) {
    if (v.levels[i] <= 0) continue;
    const cuda::ZoneLabel r = cuda::zone_find(parent.data(), cuda::ZoneLabel(i));
    parent[i] = r;
    ++size[r];
    if (!distance.empty()) nearest[r] = std::min(nearest[r], distance[i]);
  }
  std::vector<Zone> zones;
  for (std::size_t i = 0; i < n; ++i)
    if (v.levels[i] > 0 && parent[i] == i) zones.push_back({v.levels[i], size[i], nearest[i]});
  return zones;
}

/// count_kernel and ColumnBuffers::finish on the host.
ZoneMatrix emulate_matrix(const std::vector<Zone>& zones, int level_count, ZoneColumn column) {
  std::uint32_t rows = std::uint32_t(std::max(level_count, 0)), cols = 0;
  std::uint64_t voxels = 0;
  for (const Zone& z : zones) {
    rows = std::max(rows, std::uint32_t(z.level));
    cols = std::max(cols, kernels::texture::zone_column(z.size, z.distance, column) + 1);
    voxels += z.size;
  }
  if (zones.empty()) return {kernels::texture::CountMatrix(rows, 0), 0};
  const std::uint32_t split = kernels::texture::zone_dense_columns(rows, cols);
  std::vector<std::uint64_t> dense(std::size_t(rows) * split, 0), codes;
  // Reversed: the GPU appends codes in any order.
  for (auto z = zones.rbegin(); z != zones.rend(); ++z) {
    const std::uint32_t c = kernels::texture::zone_column(z->size, z->distance, column);
    if (c < split) ++dense[std::size_t(z->level - 1) * split + c];
    else codes.push_back(std::uint64_t(z->level - 1) * cols + c);
  }
  return {kernels::texture::zone_counts(rows, cols, split, dense, codes), voxels};
}

void expect_same_zones(const std::vector<Zone>& got, const std::vector<Zone>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t k = 0; k < want.size(); ++k) {
    ASSERT_TRUE(got[k].level == want[k].level && got[k].size == want[k].size && got[k].distance == want[k].distance)
        << "zone " << k << ": level " << got[k].level << " size " << got[k].size << " distance " << got[k].distance
        << ", CPU " << want[k].level << " " << want[k].size << " " << want[k].distance;
  }
}

struct HostCase {
  LevelRecipe levels;
  bool three_d = true;
  int delta = 1;
  MaskKind mask = MaskKind::roi;
};

TEST(ZonesHost, DistanceMapEqualsCpu) {
  for (const bool three_d : {true, false})
    for (const std::array<std::size_t, 3> extent :
         {std::array<std::size_t, 3>{1, 1, 1}, {17, 13, 9}, {1, 40, 7}, {30, 1, 1}, {25, 25, 1}}) {
      for (const double fraction : {1.0, 0.9, 0.5}) {
        const RandomLevels v = make_levels({.extent = extent, .seed = 3, .ng = 4, .mask_fraction = fraction});
        for (const MaskKind kind : {MaskKind::roi, MaskKind::full}) {
          const std::vector<std::uint8_t> m = mask_of(v, kind);
          const cuda::ZoneGrid g{int(extent[0]), int(extent[1]), int(extent[2]), three_d, 1};
          EXPECT_EQ(emulate_distance(m, g), kernels::texture::border_distance(mask_view(m, v), three_d))
              << extent[0] << "x" << extent[1] << "x" << extent[2] << " three_d " << three_d;
        }
      }
    }
}

TEST(ZonesHost, LabellingEqualsCpuInAnyUnionOrder) {
  const std::vector<HostCase> cases = {
      {.levels = {.extent = {1, 1, 1}, .seed = 1}},
      {.levels = {.extent = {23, 19, 1}, .seed = 2, .ng = 3, .mask_fraction = 0.8}, .three_d = false},
      {.levels = {.extent = {23, 19, 7}, .seed = 2, .ng = 3, .mask_fraction = 0.8}, .three_d = false, .delta = 2},
      {.levels = {.extent = {2, 30, 20}, .seed = 3, .ng = 2, .mask_fraction = 0.7}},
      {.levels = {.extent = {20, 18, 16}, .seed = 4, .ng = 4, .hollow = true}, .mask = MaskKind::full},
      {.levels = {.extent = {25, 21, 11}, .seed = 5, .ng = 32, .mask_fraction = 0.05}, .delta = 3},
      {.levels = {.extent = {24, 24, 12}, .seed = 6, .ng = 8, .skewed = true}},
      {.levels = {.extent = {24, 24, 12}, .seed = 6, .ng = 8, .skewed = true}, .delta = 2, .mask = MaskKind::none},
      {.levels = {.extent = {16, 15, 14}, .seed = 7, .ng = 1, .mask_fraction = 0.9}},
      {.levels = {.extent = {16, 15, 14}, .seed = 8, .ng = 5, .mask_fraction = 0.6}, .delta = 5},
      {.levels = {.extent = {31, 7, 9}, .seed = 9, .ng = 2, .mask_fraction = 0.95}, .three_d = false, .delta = 4},
  };
  std::mt19937_64 rng(20240611);
  for (const HostCase& c : cases) {
    const RandomLevels v = make_levels(c.levels);
    SCOPED_TRACE(std::to_string(v.extent[0]) + "x" + std::to_string(v.extent[1]) + "x" + std::to_string(v.extent[2]) +
                 " ng " + std::to_string(c.levels.ng) + " delta " + std::to_string(c.delta));
    const std::vector<std::uint8_t> mask = mask_of(v, c.mask);
    std::vector<std::uint32_t> distance;
    if (!mask.empty()) distance = kernels::texture::border_distance(mask_view(mask, v), c.three_d);
    const std::vector<Zone> want =
        kernels::texture::label_zones(v.view(), c.three_d, c.delta, distance.empty() ? nullptr : distance.data());
    std::vector<std::size_t> order(v.levels.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    for (int round = 0; round < 4; ++round) {
      if (round == 1) std::reverse(order.begin(), order.end());
      if (round > 1) std::shuffle(order.begin(), order.end(), rng);
      const std::vector<Zone> got = emulate_zones(v, mask, c.three_d, c.delta, order);
      expect_same_zones(got, want);
      const int ng = int(c.levels.ng);
      EXPECT_EQ(emulate_matrix(got, ng, ZoneColumn::size), kernels::texture::zone_matrix(want, ng, ZoneColumn::size));
      EXPECT_EQ(emulate_matrix(got, ng, ZoneColumn::distance),
                kernels::texture::zone_matrix(want, ng, ZoneColumn::distance));
    }
  }
}

// zone_counts' coded path (zones above the dense columns) and rows above 2^16 (no dense columns at all).
TEST(ZonesHost, CodedColumnsEqualZoneMatrix) {
  std::vector<Zone> zones;
  for (std::uint32_t k = 1; k <= 3000; ++k)
    zones.push_back({std::int32_t(k % 7 + 1), k % 50 == 0 ? 5000 + k : k % 9 + 1, k % 13});
  for (const int level_count : {7, 40, 70000}) {
    for (const ZoneColumn column : {ZoneColumn::size, ZoneColumn::distance})
      EXPECT_EQ(emulate_matrix(zones, level_count, column), kernels::texture::zone_matrix(zones, level_count, column));
  }
  EXPECT_EQ(kernels::texture::zone_dense_columns(70000, 10), 0u);
  EXPECT_EQ(kernels::texture::zone_dense_columns(32, 100000), 2048u);
}

TEST(ZonesGpuArguments, RefusedBeforeAnyCudaCall) {
  const RandomLevels v = make_levels({.extent = {6, 5, 4}, .seed = 31, .ng = 8});
  const std::vector<std::uint8_t> mask = mask_of(v, MaskKind::roi);
  for (const int delta : {0, -1, 6})
    EXPECT_THROW(cuda::zone_matrices(v.view(), mask_view(mask, v), true, delta, 8), std::invalid_argument);
  const kernels::View3<std::uint8_t> wrong{mask.data(), {6, 5, 3}};
  EXPECT_THROW(cuda::zone_matrices(v.view(), wrong, true, 1, 8), std::invalid_argument);
  const kernels::View3<std::int32_t> huge{v.levels.data(), {1u << 16, 1u << 16, 1}};
  EXPECT_THROW(cuda::zone_matrices(huge, {}, false, 1, 8), std::invalid_argument);
  const kernels::View3<std::int32_t> wide{v.levels.data(), {std::size_t(1) << 31, 1, 1}};
  EXPECT_THROW(cuda::label_zones_device(nullptr, wide.extent, true, 1, nullptr, {}), std::invalid_argument);
}

TEST(ZonesGpuArguments, EmptyScopeNeedsNoDevice) {
  const kernels::View3<std::int32_t> empty{nullptr, {0, 16, 16}};
  const cuda::ZoneMatrices got = cuda::zone_matrices(empty, {}, true, 1, 8);
  const std::vector<Zone> none;
  EXPECT_EQ(got.glszm, kernels::texture::zone_matrix(none, 8, ZoneColumn::size));
  EXPECT_EQ(got.gldzm, kernels::texture::zone_matrix(none, 8, ZoneColumn::distance));
  cuda::label_zones_device(nullptr, empty.extent, true, 1, nullptr, {});  // nothing to label: no call
}

// ---------------------------------------------------------------------------------------------------------------
// GPU parity.

struct ParityCase {
  std::string name;
  LevelRecipe levels;
  bool three_d = true;
  int delta = 1;
  MaskKind mask = MaskKind::roi;
};

void PrintTo(const ParityCase& c, std::ostream* os) { *os << c.name; }

std::vector<ParityCase> parity_cases() {
  return {
      {.name = "single_voxel", .levels = {.extent = {1, 1, 1}, .seed = 1}},
      {.name = "one_slice_2d", .levels = {.extent = {97, 83, 1}, .seed = 2, .ng = 4, .mask_fraction = 0.7},
       .three_d = false},
      {.name = "slices_2d_d2", .levels = {.extent = {97, 83, 12}, .seed = 2, .ng = 4, .mask_fraction = 0.7},
       .three_d = false, .delta = 2},
      {.name = "thin", .levels = {.extent = {2, 300, 50}, .seed = 3, .ng = 3, .mask_fraction = 0.8}},
      {.name = "line", .levels = {.extent = {1000, 1, 1}, .seed = 4, .ng = 2}},
      {.name = "sparse", .levels = {.extent = {128, 96, 40}, .seed = 5, .mask_fraction = 0.01}, .delta = 2},
      {.name = "hollow", .levels = {.extent = {60, 50, 40}, .seed = 6, .ng = 4, .hollow = true}},
      {.name = "hollow_full_mask", .levels = {.extent = {60, 50, 40}, .seed = 6, .ng = 4, .hollow = true},
       .mask = MaskKind::full},
      {.name = "empty_roi", .levels = {.extent = {33, 17, 9}, .seed = 7, .mask_fraction = 0.0}},
      {.name = "full_mask", .levels = {.extent = {64, 64, 32}, .seed = 8}},
      {.name = "full_mask_no_map", .levels = {.extent = {64, 64, 32}, .seed = 8, .ng = 3}, .mask = MaskKind::none},
      {.name = "skewed", .levels = {.extent = {80, 80, 24}, .seed = 9, .ng = 8, .mask_fraction = 0.9, .skewed = true}},
      {.name = "skewed_d2", .levels = {.extent = {80, 80, 24}, .seed = 9, .ng = 8, .skewed = true}, .delta = 2},
      {.name = "ng1", .levels = {.extent = {50, 40, 10}, .seed = 10, .ng = 1}},
      {.name = "ng1_sparse", .levels = {.extent = {50, 40, 10}, .seed = 11, .ng = 1, .mask_fraction = 0.4}},
      {.name = "ng32", .levels = {.extent = {64, 64, 32}, .seed = 12, .ng = 32, .mask_fraction = 0.9}},
      {.name = "ng500", .levels = {.extent = {64, 64, 32}, .seed = 13, .ng = 500, .mask_fraction = 0.9}},
      {.name = "large", .levels = {.extent = {200, 200, 100}, .seed = 14, .ng = 4}},
      {.name = "large_ng1", .levels = {.extent = {200, 200, 100}, .seed = 15, .ng = 1}},
      {.name = "skewed_d5",
       .levels = {.extent = {120, 100, 40}, .seed = 16, .ng = 32, .mask_fraction = 0.8, .skewed = true},
       .delta = 5},
  };
}

// No GPU needed: the cases exercise what their names promise.
TEST(ZonesParityCases, ExerciseWhatTheyClaim) {
  for (const ParityCase& c : parity_cases()) {
    SCOPED_TRACE(c.name);
    const RandomLevels v = make_levels(c.levels);
    EXPECT_EQ(v.roi_voxels() == 0, c.name == "empty_roi");
    const std::vector<std::uint8_t> mask = mask_of(v, c.mask);
    const cuda::ZoneMatrices cpu = cpu_matrices(v, mask, c.three_d, c.delta, int(c.levels.ng));
    if (c.name == "ng1" || c.name == "large_ng1") {
      EXPECT_EQ(cpu.glszm.counts.total(), 1u) << "one zone: the whole ROI";
    }
    if (c.name.starts_with("skewed") || c.name.starts_with("large")) {
      EXPECT_GT(cpu.glszm.counts.cols(), 1000u) << "big zones";
    }
    if (c.mask == MaskKind::none) {
      EXPECT_EQ(cpu.gldzm.counts.cols(), 1u);
    }
  }
}

class ZonesParity : public GpuTest, public ::testing::WithParamInterface<ParityCase> {};

TEST_P(ZonesParity, GpuEqualsCpu) {
  const ParityCase& c = GetParam();
  const RandomLevels v = make_levels(c.levels);
  const std::vector<std::uint8_t> mask = mask_of(v, c.mask);
  const cuda::ZoneMatrices cpu = cpu_matrices(v, mask, c.three_d, c.delta, int(c.levels.ng));
  const cuda::ZoneMatrices gpu =
      cuda::zone_matrices(v.view(), mask_view(mask, v), c.three_d, c.delta, int(c.levels.ng));
  // Integers: exact equality, no tolerance.
  EXPECT_EQ(gpu.glszm, cpu.glszm) << "GLSZM: GPU total " << gpu.glszm.counts.total() << ", CPU "
                                  << cpu.glszm.counts.total();
  EXPECT_EQ(gpu.gldzm, cpu.gldzm) << "GLDZM: GPU total " << gpu.gldzm.counts.total() << ", CPU "
                                  << cpu.gldzm.counts.total();
}

INSTANTIATE_TEST_SUITE_P(Shapes, ZonesParity, ::testing::ValuesIn(parity_cases()),
                         [](const ::testing::TestParamInfo<ParityCase>& info) { return info.param.name; });

class ZonesDevice : public GpuTest {};

TEST_F(ZonesDevice, DeviceResidentOnOwnStreamTwice) {
  const RandomLevels v = make_levels({.extent = {90, 70, 30}, .seed = 21, .ng = 6, .mask_fraction = 0.8});
  const std::vector<std::uint8_t> mask = mask_of(v, MaskKind::roi);
  const cuda::ZoneMatrices cpu = cpu_matrices(v, mask, true, 1, 6);
  cudaStream_t stream = nullptr;
  VOXFEAT_CUDA_CHECK(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking));
  {
    const std::size_t n = v.levels.size();
    cuda::DeviceBuffer<std::int32_t> d_levels(n);
    cuda::DeviceBuffer<std::uint8_t> d_mask(n);
    cuda::DeviceBuffer<std::uint32_t> d_parent(n), d_size(n), d_nearest(n), d_distance(n);
    d_levels.upload(v.levels, stream);
    d_mask.upload(mask, stream);
    const cuda::ZoneDeviceBuffers buffers{d_parent.data(), d_size.data(), d_nearest.data(), d_distance.data()};
    // Twice into the same buffers: the call must reset what it is given.
    for (int run = 0; run < 2; ++run) {
      cuda::label_zones_device(d_levels.data(), v.extent, true, 1, d_mask.data(), buffers, stream);
      const cuda::ZoneMatrices gpu = cuda::zone_matrices_device(d_levels.data(), v.extent, buffers, 6, stream);
      EXPECT_EQ(gpu.glszm, cpu.glszm);
      EXPECT_EQ(gpu.gldzm, cpu.gldzm);
    }
  }
  VOXFEAT_CUDA_CHECK(cudaStreamDestroy(stream));
}

}  // namespace
}  // namespace voxfeat::test
