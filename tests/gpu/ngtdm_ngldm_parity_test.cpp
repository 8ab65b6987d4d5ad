// cuda/ngtdm.cu (IBSI IPET) and cuda/ngldm.cu (IBSI REK0) against the CPU builders (kernels/texture/ngtdm.hpp,
// ngldm.hpp). Integers (n_i, the NGLDM matrix) must be equal exactly; s_i within cuda::ngtdm_sum_tolerance of the
// CPU, and equal bit for bit to the same tables built on the host by the per-voxel code the kernels run
// (cuda/ngtdm_ngldm_voxel.hpp). The host tests below need no GPU: they hold that per-voxel code, its table layout
// and the s_i finish to the CPU builders, so a GPU failure points at the kernels' parallel part.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "device_buffer.hpp"
#include "gpu_test_support.hpp"
#include "ngldm.hpp"
#include "ngtdm.hpp"
#include "texture/ngldm.hpp"
#include "texture/ngtdm.hpp"

namespace voxfeat::test {
namespace {

namespace tx = kernels::texture;
using cuda::TablePath;

struct NeighbourhoodCase {
  std::string name;
  LevelsRecipe roi;
  bool three_d = true;
  int delta = 1;
  TablePath path = TablePath::automatic;
};

void PrintTo(const NeighbourhoodCase& c, std::ostream* os) { *os << c.name; }

std::vector<NeighbourhoodCase> neighbourhood_cases() {
  const auto global = TablePath::global_memory;
  return {
      {.name = "single_voxel", .roi = {.extent = {1, 1, 1}, .seed = 1}},
      {.name = "one_slice_2d", .roi = {.extent = {97, 83, 1}, .seed = 2, .roi_fraction = 0.6}, .three_d = false},
      {.name = "one_slice_3d", .roi = {.extent = {97, 83, 1}, .seed = 2, .roi_fraction = 0.6}},
      {.name = "thin", .roi = {.extent = {257, 2, 3}, .seed = 3, .roi_fraction = 0.8}},
      {.name = "sparse", .roi = {.extent = {128, 96, 40}, .seed = 4, .roi_fraction = 0.02}},
      {.name = "hollow", .roi = {.extent = {60, 50, 40}, .seed = 5, .hollow = true}},
      {.name = "hollow_2d_delta2", .roi = {.extent = {60, 50, 12}, .seed = 6, .hollow = true}, .three_d = false,
       .delta = 2},
      {.name = "full_mask", .roi = {.extent = {64, 64, 32}, .seed = 7}},
      {.name = "full_mask_global", .roi = {.extent = {64, 64, 32}, .seed = 7}, .path = global},
      // 4 M voxels: many grid-stride iterations per thread, and n_i of ~125k terms in the CPU's s_i.
      {.name = "large", .roi = {.extent = {200, 200, 100}, .seed = 8}},
      {.name = "large_odd", .roi = {.extent = {131, 129, 67}, .seed = 9, .level_count = 64, .roi_fraction = 0.5}},
      {.name = "skewed", .roi = {.extent = {80, 80, 24}, .seed = 10, .roi_fraction = 0.9, .skew = 0.9}},
      {.name = "skewed_global", .roi = {.extent = {80, 80, 24}, .seed = 10, .roi_fraction = 0.9, .skew = 0.9},
       .path = global},
      {.name = "flat", .roi = {.extent = {21, 22, 23}, .seed = 11, .level_count = 8, .skew = 1.0}},
      {.name = "ng1", .roi = {.extent = {50, 40, 10}, .seed = 12, .level_count = 1, .roi_fraction = 0.7}},
      {.name = "ng500", .roi = {.extent = {100, 90, 30}, .seed = 13, .level_count = 500, .roi_fraction = 0.8}},
      {.name = "ng500_2d", .roi = {.extent = {100, 90, 30}, .seed = 13, .level_count = 500, .roi_fraction = 0.8},
       .three_d = false},
      {.name = "ng4096", .roi = {.extent = {128, 128, 48}, .seed = 14, .level_count = 4096, .roi_fraction = 0.8}},
      {.name = "ng4096_delta2", .roi = {.extent = {64, 64, 32}, .seed = 15, .level_count = 4096, .skew = 0.5},
       .delta = 2},
      {.name = "delta2_3d", .roi = {.extent = {70, 60, 20}, .seed = 16, .roi_fraction = 0.7}, .delta = 2},
      {.name = "delta2_2d", .roi = {.extent = {70, 60, 20}, .seed = 17, .roi_fraction = 0.7}, .three_d = false,
       .delta = 2},
      {.name = "empty_roi", .roi = {.extent = {33, 17, 9}, .seed = 18, .roi_fraction = 0.0}},
      {.name = "empty_volume", .roi = {.extent = {0, 16, 16}, .seed = 19}},
  };
}

constexpr int kAlphas[] = {0, 1};

/// The GPU's table (ngtdm_ngldm_voxel.hpp: cell counts and, for NGTDM, numerators), built on the host by the same
/// per-voxel code the kernels run, in plain loops.
struct HostTable {
  std::int64_t columns = 0;
  std::vector<std::uint64_t> cells, numerators;
};

template <class CellOf>
HostTable host_table(const NeighbourhoodCase& c, const LevelsRoi& roi, std::int64_t columns, CellOf cell_of) {
  const cuda::NeighbourhoodGrid grid{roi.levels.data(), std::int64_t(roi.extent[0]), std::int64_t(roi.extent[1]),
                                     std::int64_t(roi.extent[2]), c.delta, c.three_d};
  HostTable table{columns, std::vector<std::uint64_t>(std::size_t(c.roi.level_count * columns), 0), {}};
  table.numerators = table.cells;
  for (std::int64_t z = 0, i = 0; z < grid.ez; ++z)
    for (std::int64_t y = 0; y < grid.ey; ++y)
      for (std::int64_t x = 0; x < grid.ex; ++x, ++i) {
        const std::int32_t level = roi.levels[std::size_t(i)];
        if (level <= 0) continue;
        const cuda::VoxelCell cell = cell_of(grid, x, y, z, level);
        if (cell.column == 0) continue;
        const auto k = std::size_t(cuda::level_cell(level, cell.column, columns));
        table.cells[k] += 1;
        table.numerators[k] += cell.numerator;
      }
  return table;
}

HostTable host_ngtdm_table(const NeighbourhoodCase& c, const LevelsRoi& roi) {
  return host_table(c, roi, cuda::ngtdm_columns(c.three_d, c.delta), [](const auto& g, auto x, auto y, auto z,
                                                                          auto level) {
    return cuda::ngtdm_voxel(g, x, y, z, level);
  });
}

HostTable host_ngldm_table(const NeighbourhoodCase& c, const LevelsRoi& roi, int alpha) {
  return host_table(c, roi, cuda::ngldm_columns(c.three_d, c.delta), [alpha](const auto& g, auto x, auto y, auto z,
                                                                              auto level) {
    return cuda::ngldm_voxel(g, x, y, z, level, alpha);
  });
}

/// n_i, s_i from the table with the kernels' own finish (cuda::ngtdm_level).
tx::NgtdmMatrix finish_ngtdm(const HostTable& table) {
  tx::NgtdmMatrix m;
  for (std::size_t row = 0; row < table.cells.size(); row += std::size_t(table.columns)) {
    const cuda::NgtdmLevel level = cuda::ngtdm_level(&table.cells[row], &table.numerators[row], table.columns);
    m.counts.push_back(level.count);
    m.sums.push_back(level.sum);
    m.total += level.count;
  }
  return m;
}

tx::CountMatrix finish_ngldm(const HostTable& table) {
  const auto rows = std::uint32_t(table.cells.size() / std::size_t(table.columns));
  return tx::CountMatrix::from_dense(rows, std::uint32_t(table.columns), table.cells);
}

/// s_i to within C·2^-64 (long double sums of the exact integer numerators): the yardstick for both builders.
std::vector<long double> exact_sums(const HostTable& table) {
  std::vector<long double> sums;
  for (std::size_t row = 0; row < table.cells.size(); row += std::size_t(table.columns)) {
    long double s = 0.0L;
    for (std::int64_t w = 1; w <= table.columns; ++w)
      s += static_cast<long double>(table.numerators[row + std::size_t(w - 1)]) / static_cast<long double>(w);
    sums.push_back(s);
  }
  return sums;
}

void expect_sums_near_cpu(const tx::NgtdmMatrix& m, const tx::NgtdmMatrix& cpu, const NeighbourhoodCase& c) {
  ASSERT_EQ(m.sums.size(), cpu.sums.size());
  for (std::size_t i = 0; i < m.sums.size(); ++i) {
    EXPECT_NEAR(m.sums[i], cpu.sums[i], cuda::ngtdm_sum_tolerance(cpu.counts[i], c.three_d, c.delta, cpu.sums[i]))
        << "level " << i + 1;
  }
}

// ---- host: the per-voxel code and the table layout reproduce the CPU builders (no GPU needed) ----

TEST(NgtdmNgldmVoxelOnHost, ReproducesCpuMatrices) {
  for (const NeighbourhoodCase& c : neighbourhood_cases()) {
    SCOPED_TRACE(c.name);
    const LevelsRoi roi = make_levels_roi(c.roi);
    const int ng = c.roi.level_count;

    const HostTable ngtdm = host_ngtdm_table(c, roi);
    const tx::NgtdmMatrix host = finish_ngtdm(ngtdm);
    const tx::NgtdmMatrix cpu = tx::ngtdm_matrix(roi.view(), c.three_d, c.delta, ng);
    EXPECT_EQ(host.counts, cpu.counts);
    EXPECT_EQ(host.total, cpu.total);
    expect_sums_near_cpu(host, cpu, c);
    // Both against the exact s_i (rounded once to double): the table's finish rounds C + 1 times at most, the CPU
    // n_i + 2 times. Floor 1e-12: a non-zero s_i is at least 1/C, so the floor hides no wrong term.
    const std::vector<long double> exact = exact_sums(ngtdm);
    const auto bound = [](double roundings, double e) { return 1e-12 + roundings * 0x1p-53 * e; };
    const auto columns = double(cuda::ngtdm_columns(c.three_d, c.delta));
    for (std::size_t i = 0; i < exact.size(); ++i) {
      const double e = double(exact[i]);
      EXPECT_NEAR(host.sums[i], e, bound(columns + 2.0, e)) << "level " << i + 1;
      EXPECT_NEAR(cpu.sums[i], e, bound(double(cpu.counts[i]) + 3.0, e)) << "level " << i + 1;
    }
    if (roi.levels.size() <= 200'000) {  // the plain-loop specification, where it is quick
      const tx::NgtdmMatrix reference = tx::ngtdm_matrix_reference(roi.view(), c.three_d, c.delta, ng);
      EXPECT_EQ(host.counts, reference.counts);
      for (std::size_t i = 0; i < host.sums.size(); ++i)
        // |i − S/W| rounds S/W before subtracting: absolute error ~ i·2^-53 per term (kernels' own fast/reference
        // comparison uses the same bound).
        EXPECT_NEAR(host.sums[i], reference.sums[i], 1e-9 + 1e-12 * std::abs(reference.sums[i])) << "level " << i + 1;
    }

    for (const int alpha : kAlphas) {
      SCOPED_TRACE(::testing::Message() << "alpha " << alpha);
      const tx::CountMatrix host_ngldm = finish_ngldm(host_ngldm_table(c, roi, alpha));
      EXPECT_EQ(host_ngldm, tx::ngldm_matrix(roi.view(), c.three_d, c.delta, alpha, ng));
      if (roi.levels.size() <= 200'000) {
        EXPECT_EQ(host_ngldm, tx::ngldm_matrix_reference(roi.view(), c.three_d, c.delta, alpha, ng));
      }
    }
  }
}

TEST(NgtdmNgldmVoxelOnHost, CasesExerciseWhatTheyClaim) {
  for (const NeighbourhoodCase& c : neighbourhood_cases()) {
    SCOPED_TRACE(c.name);
    const LevelsRoi roi = make_levels_roi(c.roi);
    const std::size_t inside = roi.roi_voxels();
    EXPECT_EQ(inside == 0, c.name.starts_with("empty"));
    if (c.name == "sparse") {
      EXPECT_LT(inside, roi.levels.size() * 3 / 100);
    }
    if (c.name == "large") {
      EXPECT_GE(roi.levels.size(), std::size_t(4'000'000));
    }
    if (c.roi.hollow) {
      const auto& e = roi.extent;
      EXPECT_EQ(roi.view()(e[0] / 2, e[1] / 2, e[2] / 2), 0) << "hollow: the centre is outside the ROI";
      EXPECT_GT(inside, roi.levels.size() / 4);
    }
    if (c.roi.skew > 0.0) {
      const auto middle = std::int32_t((c.roi.level_count + 1) / 2);
      const auto at_middle = double(std::count(roi.levels.begin(), roi.levels.end(), middle));
      EXPECT_GT(at_middle, 0.8 * c.roi.skew * double(inside)) << "that share of the ROI at one level";
    }
    const int ng = c.roi.level_count;
    const bool ngtdm_shared = cuda::ngtdm_shared_bytes(c.three_d, c.delta, ng) <= cuda::kNeighbourhoodSharedBytes;
    const bool ngldm_shared = cuda::ngldm_shared_bytes(c.three_d, c.delta, ng) <= cuda::kNeighbourhoodSharedBytes;
    // Automatic takes the global path where the table outgrows shared memory: these cases hold both paths.
    const bool big_table = c.name == "ng500" || c.name.starts_with("ng4096");
    EXPECT_EQ(ngtdm_shared, !big_table);
    EXPECT_EQ(ngldm_shared, !big_table);
    if (c.name == "ng500_2d" || c.name == "delta2_3d") {
      EXPECT_TRUE(ngtdm_shared) << "the largest tables that still take shared memory";
    }
  }
  // The limits the headers state.
  EXPECT_LE(cuda::ngtdm_shared_bytes(true, 1, 157), cuda::kNeighbourhoodSharedBytes);
  EXPECT_GT(cuda::ngtdm_shared_bytes(true, 1, 158), cuda::kNeighbourhoodSharedBytes);
  EXPECT_LE(cuda::ngtdm_shared_bytes(false, 1, 511), cuda::kNeighbourhoodSharedBytes);
  EXPECT_GT(cuda::ngtdm_shared_bytes(false, 1, 512), cuda::kNeighbourhoodSharedBytes);
  EXPECT_LE(cuda::ngldm_shared_bytes(true, 1, 455), cuda::kNeighbourhoodSharedBytes);
  EXPECT_GT(cuda::ngldm_shared_bytes(true, 1, 456), cuda::kNeighbourhoodSharedBytes);
  EXPECT_LE(cuda::ngldm_shared_bytes(false, 1, 1365), cuda::kNeighbourhoodSharedBytes);
  EXPECT_GT(cuda::ngldm_shared_bytes(false, 1, 1366), cuda::kNeighbourhoodSharedBytes);
}

TEST(NgtdmNgldmVoxelOnHost, NeighboursNeverLeaveTheVolume) {
  // A 3 × 1 × 1 volume between two guard voxels of level 7 that the neighbourhood must not see: with δ = 2 the box
  // of every voxel reaches past both ends, and the clipped loops read only the three voxels in the view.
  const std::vector<std::int32_t> data{7, 1, 3, 1, 7};
  const cuda::NeighbourhoodGrid grid{data.data() + 1, 3, 1, 1, 2, true};
  const cuda::VoxelCell end = cuda::ngtdm_voxel(grid, 0, 0, 0, 1);
  EXPECT_EQ(end.column, 2);         // W: the two other voxels
  EXPECT_EQ(end.numerator, 2u);     // |1·2 − (3 + 1)|
  EXPECT_EQ(cuda::ngldm_voxel(grid, 0, 0, 0, 1, 0).column, 2);  // itself and the other 1
  EXPECT_EQ(cuda::ngldm_voxel(grid, 1, 0, 0, 3, 2).column, 3);
}

// No GPU needed: every refusal comes before the first CUDA call (a CUDA call here would throw CudaError instead).
TEST(NgtdmNgldmGpuArguments, RejectedBeforeAnyCudaCall) {
  const LevelsRoi roi = make_levels_roi({.extent = {6, 5, 4}, .seed = 31, .level_count = 8});
  const auto v = roi.view();
  EXPECT_THROW(cuda::ngtdm_matrix(v, true, 0, 8), std::invalid_argument);
  EXPECT_THROW(cuda::ngtdm_matrix(v, true, 1, 0), std::invalid_argument);
  EXPECT_THROW(cuda::ngtdm_matrix(v, true, 1, 7), std::invalid_argument);  // a level above Ng
  EXPECT_THROW(cuda::ngtdm_matrix(v, true, 1, cuda::kNeighbourhoodMaxLevels + 1), std::invalid_argument);
  EXPECT_THROW(cuda::ngtdm_matrix(v, true, 64, 8), std::invalid_argument);  // (129^3 − 1) × 8 cells > 2^24
  EXPECT_THROW(cuda::ngtdm_matrix(v, true, 1 << 30, 8), std::invalid_argument);
  EXPECT_THROW(cuda::ngtdm_matrix(v, true, 1, 4096, nullptr, TablePath::shared_memory), std::invalid_argument);
  EXPECT_THROW(cuda::ngldm_matrix(v, true, 0, 0, 8), std::invalid_argument);
  EXPECT_THROW(cuda::ngldm_matrix(v, true, 1, -1, 8), std::invalid_argument);
  EXPECT_THROW(cuda::ngldm_matrix(v, true, 1, 0, 7), std::invalid_argument);
  EXPECT_THROW(cuda::ngldm_matrix(v, true, 1, 0, cuda::kNeighbourhoodMaxLevels + 1), std::invalid_argument);
  EXPECT_THROW(cuda::ngldm_matrix(v, true, 1, 0, 500, nullptr, TablePath::shared_memory), std::invalid_argument);
  std::vector<std::int32_t> negative = roi.levels;
  negative[17] = -1;  // the CPU builders read it as outside the ROI; the GPU refuses it
  EXPECT_THROW(cuda::ngtdm_matrix({negative.data(), roi.extent}, true, 1, 8), std::invalid_argument);
  EXPECT_THROW(cuda::ngldm_matrix({negative.data(), roi.extent}, false, 1, 0, 8), std::invalid_argument);
  // The device entry points check the same arguments before touching the (here non-existent) device pointers.
  const kernels::View3<std::int32_t> nowhere{nullptr, roi.extent};
  EXPECT_THROW(cuda::ngtdm_matrix_device(nowhere, true, 1, 0, nullptr, nullptr, nullptr), std::invalid_argument);
  EXPECT_THROW(cuda::ngldm_matrix_device(nowhere, true, 1, -2, 8, nullptr), std::invalid_argument);
}

// ---- GPU ----

class NgtdmNgldmParity : public GpuTest, public ::testing::WithParamInterface<NeighbourhoodCase> {};

TEST_P(NgtdmNgldmParity, GpuEqualsCpu) {
  const NeighbourhoodCase& c = GetParam();
  const LevelsRoi roi = make_levels_roi(c.roi);
  const int ng = c.roi.level_count;

  const tx::NgtdmMatrix gpu = cuda::ngtdm_matrix(roi.view(), c.three_d, c.delta, ng, nullptr, c.path);
  const tx::NgtdmMatrix cpu = tx::ngtdm_matrix(roi.view(), c.three_d, c.delta, ng);
  EXPECT_EQ(gpu.counts, cpu.counts);  // integers: exact
  EXPECT_EQ(gpu.total, cpu.total);
  expect_sums_near_cpu(gpu, cpu, c);
  // The same integer table finished by the same code: bit for bit, whatever the grid and the atomics' order.
  EXPECT_EQ(gpu.sums, finish_ngtdm(host_ngtdm_table(c, roi)).sums);

  for (const int alpha : kAlphas) {
    SCOPED_TRACE(::testing::Message() << "alpha " << alpha);
    EXPECT_EQ(cuda::ngldm_matrix(roi.view(), c.three_d, c.delta, alpha, ng, nullptr, c.path),
              tx::ngldm_matrix(roi.view(), c.three_d, c.delta, alpha, ng));
  }
}

INSTANTIATE_TEST_SUITE_P(Shapes, NgtdmNgldmParity, ::testing::ValuesIn(neighbourhood_cases()),
                         [](const ::testing::TestParamInfo<NeighbourhoodCase>& info) { return info.param.name; });

/// Runs `body(stream)` on a fresh non-blocking stream, destroyed afterwards.
template <class Body>
void on_own_stream(Body body) {
  cudaStream_t stream = nullptr;
  VOXFEAT_CUDA_CHECK(cudaStreamCreateWithFlags(&stream, cudaStreamNonBlocking));
  body(stream);
  VOXFEAT_CUDA_CHECK(cudaStreamDestroy(stream));
}

class NgtdmNgldmDevice : public GpuTest {};

TEST_F(NgtdmNgldmDevice, NgtdmDeviceResidentWorkspaceIsTheHostTable) {
  const NeighbourhoodCase c{.name = "device", .roi = {.extent = {90, 70, 30}, .seed = 41, .roi_fraction = 0.6}};
  const LevelsRoi roi = make_levels_roi(c.roi);
  const int ng = c.roi.level_count;
  const HostTable table = host_ngtdm_table(c, roi);
  const tx::NgtdmMatrix host = finish_ngtdm(table);
  for (const TablePath path : {TablePath::shared_memory, TablePath::global_memory}) {
    on_own_stream([&](cudaStream_t stream) {
      cuda::DeviceBuffer<std::int32_t> d_levels(roi.levels.size());
      cuda::DeviceBuffer<std::uint64_t> d_counts(std::size_t(ng) + 1);
      cuda::DeviceBuffer<double> d_sums{std::size_t(ng)};
      cuda::DeviceBuffer<std::uint64_t> d_workspace(cuda::ngtdm_workspace_size(c.three_d, c.delta, ng));
      d_levels.upload(roi.levels, stream);
      // Twice into the same buffers: the call must clear what it is given, not add to it.
      for (int run = 0; run < 2; ++run) {
        cuda::ngtdm_matrix_device({d_levels.data(), roi.extent}, c.three_d, c.delta, ng, d_counts.data(),
                                  d_sums.data(), d_workspace.data(), stream, path);
      }
      std::vector<std::uint64_t> counts(d_counts.size()), workspace(d_workspace.size());
      std::vector<double> sums(d_sums.size());
      d_counts.download(counts, stream);
      d_sums.download(sums, stream);
      d_workspace.download(workspace, stream);
      VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(stream));
      const std::size_t cells = table.cells.size();
      EXPECT_EQ(std::vector<std::uint64_t>(workspace.begin(), workspace.begin() + std::ptrdiff_t(cells)), table.cells);
      EXPECT_EQ(workspace[cells], 0u);
      EXPECT_EQ(std::vector<std::uint64_t>(workspace.begin() + std::ptrdiff_t(cells) + 1, workspace.end()),
                table.numerators);
      EXPECT_EQ(counts.back(), 0u);
      counts.pop_back();
      EXPECT_EQ(counts, host.counts);
      EXPECT_EQ(sums, host.sums);
    });
  }
}

TEST_F(NgtdmNgldmDevice, NgldmDeviceResidentOnOwnStream) {
  const LevelsRoi roi = make_levels_roi({.extent = {90, 70, 30}, .seed = 42, .level_count = 6, .roi_fraction = 0.7});
  const tx::CountMatrix cpu = tx::ngldm_matrix(roi.view(), true, 1, 1, 6);
  on_own_stream([&](cudaStream_t stream) {
    cuda::DeviceBuffer<std::int32_t> d_levels(roi.levels.size());
    cuda::DeviceBuffer<std::uint64_t> d_counts(cuda::ngldm_table_size(true, 1, 6));
    d_levels.upload(roi.levels, stream);
    for (int run = 0; run < 2; ++run) {
      cuda::ngldm_matrix_device({d_levels.data(), roi.extent}, true, 1, 1, 6, d_counts.data(), stream);
    }
    std::vector<std::uint64_t> counts(d_counts.size());
    d_counts.download(counts, stream);
    VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(stream));
    EXPECT_EQ(counts.back(), 0u);
    counts.pop_back();
    EXPECT_EQ(tx::CountMatrix::from_dense(6, 27, counts), cpu);
  });
}

TEST_F(NgtdmNgldmDevice, DeviceEntryPointsCountInvalidLevels) {
  // The device entry points cannot check levels before their first CUDA call; they count the voxels outside 0..Ng
  // in the last slot instead, so that the caller can fall back to the CPU.
  LevelsRoi roi = make_levels_roi({.extent = {40, 30, 20}, .seed = 43, .level_count = 8});
  roi.levels[5] = 9, roi.levels[600] = -3, roi.levels[roi.levels.size() - 1] = 1 << 30;
  cuda::DeviceBuffer<std::int32_t> d_levels(roi.levels.size());
  d_levels.upload(roi.levels);
  for (const TablePath path : {TablePath::shared_memory, TablePath::global_memory}) {
    cuda::DeviceBuffer<std::uint64_t> d_counts(9), d_workspace(cuda::ngtdm_workspace_size(true, 1, 8));
    cuda::DeviceBuffer<double> d_sums(8);
    cuda::ngtdm_matrix_device({d_levels.data(), roi.extent}, true, 1, 8, d_counts.data(), d_sums.data(),
                              d_workspace.data(), nullptr, path);
    std::vector<std::uint64_t> counts(9);
    d_counts.download(counts);
    cuda::DeviceBuffer<std::uint64_t> d_matrix(cuda::ngldm_table_size(false, 2, 8));
    cuda::ngldm_matrix_device({d_levels.data(), roi.extent}, false, 2, 0, 8, d_matrix.data(), nullptr, path);
    std::vector<std::uint64_t> matrix(d_matrix.size());
    d_matrix.download(matrix);
    VOXFEAT_CUDA_CHECK(cudaDeviceSynchronize());
    EXPECT_EQ(counts.back(), 3u);
    EXPECT_EQ(matrix.back(), 3u);
  }
}

}  // namespace
}  // namespace voxfeat::test
