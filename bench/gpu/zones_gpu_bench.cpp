// GPU zones (cuda/zones.hpp): GLSZM and GLDZM of one labelling, δ = 1 (26-connectivity), 32 grey levels, the
// morphological mask = the ROI, on the 512 x 512 x 300 volume of gpu_bench_support.hpp and a ~200k-voxel ball ROI.
//
// What is timed (Google Benchmark manual time):
//   device/...    cudaEvents on one stream around label_zones_device + zone_matrices_device: the distance map,
//                 the union-find labelling, the zone statistics, the matrix counts and their read-back (small:
//                 the dense counts and the large zones' codes; zone_matrices_device synchronises). Levels and
//                 mask stay in device memory.
//   host_api/...  wall clock around cuda::zone_matrices, the call the engine makes: allocation, copies in, all of
//                 the above.
// Inputs (splitmix64, fixed seeds): `full_mask` independent uniform levels in 1..32 everywhere (~1 zone per 3
// voxels: the most roots, the most atomics); `smooth_full_mask` one uniform level per 8 x 8 x 8 block (big zones:
// long union chains); `ball_200k_cropped` the levels of full_mask inside the ball, in its 73^3 bounding box
// (launch-latency bound).
// Counters: Gvox/s and items_per_second = volume voxels per second; GB/s = the level volume's and the mask's bytes
// per second; roi_voxels; checksum = sum over both matrices m (1, 2) and cells of m (row * 4099 + col + 1) count,
// mod 1000003. After timing, both matrices are compared with the CPU's (kernels::texture::label_zones,
// border_distance, zone_matrix); a mismatch fails the benchmark.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "device_buffer.hpp"
#include "gpu_bench_support.hpp"
#include "texture/zone_matrix.hpp"
#include "texture/zones.hpp"
#include "zones.hpp"

namespace voxfeat::bench_gpu {
namespace {

using cuda::DeviceBuffer;
using cuda::PinnedBuffer;

constexpr int kLevels = 32;
constexpr int kLinkage = 1;

/// One level volume and its mask, on the host (pinned) and on the device, with the labelling's device buffers.
struct Case {
  std::string name;
  std::array<std::size_t, 3> extent{};
  PinnedBuffer<std::int32_t> h_levels;
  PinnedBuffer<std::uint8_t> h_mask;
  DeviceBuffer<std::int32_t> d_levels;
  DeviceBuffer<std::uint8_t> d_mask;
  DeviceBuffer<std::uint32_t> d_parent, d_size, d_nearest, d_distance;
  std::uint64_t roi_voxels = 0;

  [[nodiscard]] std::size_t voxels() const { return extent[0] * extent[1] * extent[2]; }
  [[nodiscard]] kernels::View3<std::int32_t> view() const { return {h_levels.data(), extent}; }
  [[nodiscard]] kernels::View3<std::uint8_t> mask_view() const { return {h_mask.data(), extent}; }
  [[nodiscard]] cuda::ZoneDeviceBuffers buffers() const {
    return {d_parent.data(), d_size.data(), d_nearest.data(), d_distance.data()};
  }
};

/// `level(x, y, z)` of the full volume in the box at `low` of `extent`, 0 outside the ball when `ball`; the mask
/// is the ROI.
template <class Level>
std::unique_ptr<Case> make_case(const std::string& name, std::array<std::size_t, 3> low,
                                std::array<std::size_t, 3> extent, bool ball, Level level) {
  auto c = std::make_unique<Case>();
  c->name = name;
  c->extent = extent;
  const std::size_t n = c->voxels();
  c->h_levels = PinnedBuffer<std::int32_t>(n);
  c->h_mask = PinnedBuffer<std::uint8_t>(n);
  c->roi_voxels = fill_levels(c->h_levels.data(), low, extent, ball, level);
  for (std::size_t i = 0; i < n; ++i) c->h_mask.data()[i] = c->h_levels.data()[i] != 0 ? 1 : 0;
  c->d_levels = DeviceBuffer<std::int32_t>(n);
  c->d_mask = DeviceBuffer<std::uint8_t>(n);
  c->d_levels.upload(c->h_levels.span());
  c->d_mask.upload(c->h_mask.span());
  for (DeviceBuffer<std::uint32_t>* b : {&c->d_parent, &c->d_size, &c->d_nearest, &c->d_distance})
    *b = DeviceBuffer<std::uint32_t>(n);
  VOXFEAT_CUDA_CHECK(cudaDeviceSynchronize());
  return c;
}

using CaseMap = std::map<std::string, std::unique_ptr<Case>>;

CaseMap make_cases() {
  const auto independent = [](std::size_t x, std::size_t y, std::size_t z) {
    return independent_level(46, x, y, z, kLevels);
  };
  const auto smooth = [](std::size_t x, std::size_t y, std::size_t z) { return block_level(47, x, y, z, kLevels); };
  CaseMap cases;
  cases["full_mask"] = make_case("full_mask", {0, 0, 0}, kExtent, false, independent);
  cases["smooth_full_mask"] = make_case("smooth_full_mask", {0, 0, 0}, kExtent, false, smooth);
  cases["ball_200k_cropped"] = make_case("ball_200k_cropped", kBallLow, kBallExtent, true, independent);
  return cases;
}

using Inputs = LazyInputs<CaseMap, &make_cases>;

/// The CPU's matrices, computed once per case.
const cuda::ZoneMatrices& cpu_matrices(const Case& c) {
  static std::map<std::string, cuda::ZoneMatrices> cache;
  const auto found = cache.find(c.name);
  if (found != cache.end()) return found->second;
  const std::vector<std::uint32_t> distance = kernels::texture::border_distance(c.mask_view(), true);
  const auto zones = kernels::texture::label_zones(c.view(), true, kLinkage, distance.data());
  return cache[c.name] = {kernels::texture::zone_matrix(zones, kLevels, kernels::texture::ZoneColumn::size),
                          kernels::texture::zone_matrix(zones, kLevels, kernels::texture::ZoneColumn::distance)};
}

/// Verifies the matrices against the CPU and sets the counters.
void finish(benchmark::State& state, const Case& c, const cuda::ZoneMatrices& m, double seconds) {
  const cuda::ZoneMatrices& cpu = cpu_matrices(c);
  if (m.glszm != cpu.glszm || m.gldzm != cpu.gldzm) {
    state.SkipWithError("GPU zone matrices differ from the CPU's");
    return;
  }
  std::uint64_t checksum = 0;
  std::uint64_t which = 1;
  for (const auto* matrix : {&m.glszm, &m.gldzm}) {
    for (const auto& e : matrix->counts.entries()) {
      const std::uint64_t weight = which * ((std::uint64_t(e.row) * 4099 + e.col + 1) % 1000003u);
      checksum = (checksum + weight % 1000003u * (e.count % 1000003u)) % 1000003u;
    }
    ++which;
  }
  set_counters(state, c.voxels(), c.roi_voxels, checksum, seconds, double(c.voxels()) * 5.0);
}

void device_resident(benchmark::State& state, const std::string& case_name) {
  const Case& c = *Inputs::get().at(case_name);
  cuda::ZoneMatrices m;
  const double seconds = time_on_stream(state, [&] {
    cuda::label_zones_device(c.d_levels.data(), c.extent, true, kLinkage, c.d_mask.data(), c.buffers());
    m = cuda::zone_matrices_device(c.d_levels.data(), c.extent, c.buffers(), kLevels);
  });
  finish(state, c, m, seconds);
}

void host_api(benchmark::State& state, const std::string& case_name) {
  const Case& c = *Inputs::get().at(case_name);
  cuda::ZoneMatrices m = cuda::zone_matrices(c.view(), c.mask_view(), true, kLinkage, kLevels);  // warm-up
  const double seconds =
      time_wall_clock(state, [&] { m = cuda::zone_matrices(c.view(), c.mask_view(), true, kLinkage, kLevels); });
  finish(state, c, m, seconds);
}

}  // namespace

void register_zones_benchmarks() {
  const auto configure = [](benchmark::internal::Benchmark* b) {
    b->UseManualTime()->Unit(benchmark::kMicrosecond)->MinTime(0.3);
  };
  for (const char* input : {"full_mask", "smooth_full_mask", "ball_200k_cropped"}) {
    const std::string name = std::string("zones/device/") + input + "/ng:32";
    configure(benchmark::RegisterBenchmark(name.c_str(), device_resident, std::string(input)));
  }
  for (const char* input : {"full_mask", "ball_200k_cropped"}) {
    const std::string name = std::string("zones/host_api/") + input + "/ng:32";
    configure(benchmark::RegisterBenchmark(name.c_str(), host_api, std::string(input)));
  }
}

void release_zones_inputs() { Inputs::release(); }

}  // namespace voxfeat::bench_gpu
