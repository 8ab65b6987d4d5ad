// GPU discretisation + level histogram (cuda/histogram.hpp) on a 512 x 512 x 300 volume.
//
// What is timed (cudaEvents on one stream, Google Benchmark manual time):
//   device/...      clearing the counts + the kernel; image, mask, counts (and level volume) stay in device memory.
//                   The span between the events includes the host's enqueue of the two calls (a few µs): it is the
//                   latency a caller sees, and matters only for the small cropped ROI.
//   round_trip/...  pinned host -> device copies of image and mask, the kernel, counts device -> host.
// Counters: Gvox/s = volume voxels scanned per second; GB/s = bytes the kernel must move (mask, image inside the
// mask, level volume when written) per second, against the H200's ~4.3 TB/s; roi_voxels; checksum =
// sum(level x count) mod 1000003. After timing, the counts are compared with the CPU reference
// (kernels/intensity/histogram_ref.hpp); a mismatch fails the benchmark. Fixed data: splitmix64 seeded 42.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "device_buffer.hpp"
#include "gpu_bench.hpp"
#include "histogram.hpp"
#include "intensity/histogram_ref.hpp"

namespace {

using voxfeat::cuda::DeviceBuffer;
using voxfeat::cuda::HistogramPath;
using voxfeat::cuda::PinnedBuffer;
namespace kernels = voxfeat::kernels;
using voxfeat::bench::in_ball;
using voxfeat::bench::kExtent;
using voxfeat::bench::uniform;

/// One image + mask pair, on the host (pinned, for the round trip) and on the device.
struct Case {
  std::string name;
  std::array<std::size_t, 3> extent{};
  PinnedBuffer<float> h_image;
  PinnedBuffer<std::uint8_t> h_mask;
  DeviceBuffer<float> d_image;
  DeviceBuffer<std::uint8_t> d_mask;
  std::uint64_t roi_voxels = 0;
  double x_min = 0.0, x_max = 0.0;  // over the mask: the fixed-bin-number range

  [[nodiscard]] std::size_t voxels() const { return extent[0] * extent[1] * extent[2]; }
  [[nodiscard]] kernels::View3<float> image_view() const { return {h_image.data(), extent}; }
  [[nodiscard]] kernels::View3<std::uint8_t> mask_view() const { return {h_mask.data(), extent}; }

  void finish() {
    roi_voxels = 0;
    x_min = 1e300;
    x_max = -1e300;
    for (std::size_t i = 0; i < voxels(); ++i) {
      if (h_mask.data()[i] == 0) continue;
      ++roi_voxels;
      x_min = std::min(x_min, double(h_image.data()[i]));
      x_max = std::max(x_max, double(h_image.data()[i]));
    }
    d_image = DeviceBuffer<float>(voxels());
    d_mask = DeviceBuffer<std::uint8_t>(voxels());
    d_image.upload(h_image.span());
    d_mask.upload(h_mask.span());
    VOXFEAT_CUDA_CHECK(cudaDeviceSynchronize());
  }
};

/// The benchmark's fixed inputs: full mask, a 200k-voxel ball in the full volume, the same ball cropped to its
/// bounding box (what the engine hands a kernel after cropping), and a skewed image (90 % of voxels at one value).
std::map<std::string, std::unique_ptr<Case>> make_cases() {
  const std::size_t n = kExtent[0] * kExtent[1] * kExtent[2];
  std::vector<float> ct(n), skewed(n);
  for (std::size_t i = 0; i < n; ++i) {
    ct[i] = float(-1000.0 + 4000.0 * uniform(42, i));
    skewed[i] = uniform(43, i) < 0.9 ? 40.0f : ct[i];
  }
  std::map<std::string, std::unique_ptr<Case>> cases;
  const auto whole = [&](const std::string& name, const std::vector<float>& image, bool ball) {
    auto c = std::make_unique<Case>();
    c->name = name;
    c->extent = kExtent;
    c->h_image = PinnedBuffer<float>(n);
    c->h_mask = PinnedBuffer<std::uint8_t>(n);
    std::copy(image.begin(), image.end(), c->h_image.data());
    for (std::size_t z = 0, i = 0; z < kExtent[2]; ++z)
      for (std::size_t y = 0; y < kExtent[1]; ++y)
        for (std::size_t x = 0; x < kExtent[0]; ++x, ++i) c->h_mask.data()[i] = !ball || in_ball(x, y, z) ? 1 : 0;
    c->finish();
    cases[name] = std::move(c);
  };
  whole("full_mask", ct, false);
  whole("skewed_full_mask", skewed, false);
  whole("ball_200k", ct, true);

  const std::array<std::size_t, 3> lo = voxfeat::bench::kBallBoxLow;
  auto crop = std::make_unique<Case>();
  crop->name = "ball_200k_cropped";
  crop->extent = voxfeat::bench::kBallBoxExtent;
  crop->h_image = PinnedBuffer<float>(crop->voxels());
  crop->h_mask = PinnedBuffer<std::uint8_t>(crop->voxels());
  for (std::size_t z = 0, i = 0; z < crop->extent[2]; ++z)
    for (std::size_t y = 0; y < crop->extent[1]; ++y)
      for (std::size_t x = 0; x < crop->extent[0]; ++x, ++i) {
        const std::size_t gx = lo[0] + x, gy = lo[1] + y, gz = lo[2] + z;
        crop->h_image.data()[i] = ct[gx + kExtent[0] * (gy + kExtent[1] * gz)];
        crop->h_mask.data()[i] = in_ball(gx, gy, gz) ? 1 : 0;
      }
  crop->finish();
  cases[crop->name] = std::move(crop);
  return cases;
}

std::map<std::string, std::unique_ptr<Case>>& cases() { return voxfeat::bench::lazy_cases(make_cases); }

kernels::DiscretisationSpec spec_for(const Case& c, int ng) {
  return {.method = kernels::DiscretisationMethod::fixed_bin_number, .x_min = c.x_min, .x_max = c.x_max,
          .bin_number = ng};
}

/// CPU reference counts (+ above-range last), computed once per case and Ng.
const std::vector<std::uint64_t>& reference_counts(const Case& c, int ng) {
  static std::map<std::tuple<std::string, int>, std::vector<std::uint64_t>> cache;
  auto& slot = cache[{c.name, ng}];
  if (slot.empty()) {
    const kernels::LevelHistogram h = kernels::level_histogram_ref(c.image_view(), c.mask_view(), spec_for(c, ng));
    slot = h.counts;
    slot.push_back(h.above_range);
  }
  return slot;
}

/// Verifies the counts against the reference and sets the shared counters.
void finish(benchmark::State& state, const Case& c, int ng, const std::vector<std::uint64_t>& counts,
            double seconds, double bytes_per_call) {
  if (counts != reference_counts(c, ng)) {
    state.SkipWithError("GPU counts differ from the CPU reference");
    return;
  }
  std::uint64_t checksum = 0;
  for (std::size_t l = 0; l < counts.size(); ++l) checksum = (checksum + (l + 1) * counts[l]) % 1000003u;
  const double calls = double(state.iterations());
  state.counters["Gvox/s"] = calls * double(c.voxels()) / seconds / 1e9;
  state.counters["GB/s"] = calls * bytes_per_call / seconds / 1e9;
  state.counters["roi_voxels"] = double(c.roi_voxels);
  state.counters["checksum"] = double(checksum);
}

void device_resident(benchmark::State& state, const std::string& case_name, int ng, HistogramPath path,
                     bool write_levels) {
  const Case& c = *cases().at(case_name);
  const auto spec = spec_for(c, ng);
  DeviceBuffer<std::uint64_t> d_counts(std::size_t(ng) + 1);
  DeviceBuffer<std::int32_t> d_levels(write_levels ? c.voxels() : 0);
  const double seconds = voxfeat::bench::time_iterations(state, [&] {
    voxfeat::cuda::level_histogram_device(c.d_image.data(), c.d_mask.data(), c.voxels(), spec, d_counts.data(),
                                          d_levels.data(), nullptr, path);
  });
  std::vector<std::uint64_t> counts(d_counts.size());
  d_counts.download(counts);
  VOXFEAT_CUDA_CHECK(cudaDeviceSynchronize());
  const double bytes = double(c.voxels()) * (1.0 + (write_levels ? 4.0 : 0.0)) + double(c.roi_voxels) * 4.0;
  finish(state, c, ng, counts, seconds, bytes);
}

void round_trip(benchmark::State& state, const std::string& case_name, int ng) {
  Case& c = *cases().at(case_name);
  const auto spec = spec_for(c, ng);
  DeviceBuffer<float> d_image(c.voxels());
  DeviceBuffer<std::uint8_t> d_mask(c.voxels());
  DeviceBuffer<std::uint64_t> d_counts(std::size_t(ng) + 1);
  PinnedBuffer<std::uint64_t> h_counts(d_counts.size());
  const double seconds = voxfeat::bench::time_iterations(state, [&] {
    d_image.upload(c.h_image.span());
    d_mask.upload(c.h_mask.span());
    voxfeat::cuda::level_histogram_device(d_image.data(), d_mask.data(), c.voxels(), spec, d_counts.data(), nullptr);
    d_counts.download(h_counts.span());
  });
  const std::vector<std::uint64_t> counts(h_counts.data(), h_counts.data() + h_counts.size());
  finish(state, c, ng, counts, seconds, double(c.voxels()) * 5.0);  // bytes over PCIe: image + mask
}

void register_all() {
  struct DeviceCase {
    const char* mask;
    int ng;
    HistogramPath path;
    bool levels;
  };
  const DeviceCase device_cases[] = {
      {"full_mask", 32, HistogramPath::automatic, false},
      {"full_mask", 32, HistogramPath::automatic, true},
      {"full_mask", 32, HistogramPath::global_memory, false},
      {"full_mask", 4096, HistogramPath::automatic, false},
      {"full_mask", 4096, HistogramPath::global_memory, false},
      {"skewed_full_mask", 32, HistogramPath::automatic, false},
      {"skewed_full_mask", 32, HistogramPath::global_memory, false},
      {"ball_200k", 32, HistogramPath::automatic, false},
      {"ball_200k_cropped", 32, HistogramPath::automatic, false},
  };
  for (const DeviceCase& d : device_cases) {
    const std::string name = std::string("histogram/device/") + d.mask + "/ng:" + std::to_string(d.ng) +
                             (d.path == HistogramPath::global_memory ? "/global" : "/shared") +
                             (d.levels ? "/levels" : "");
    benchmark::RegisterBenchmark(name.c_str(), device_resident, std::string(d.mask), d.ng, d.path, d.levels)
        ->UseManualTime()
        ->Unit(benchmark::kMicrosecond)
        ->MinTime(0.3);
  }
  for (const char* mask : {"full_mask", "ball_200k_cropped"}) {
    const std::string name = std::string("histogram/round_trip/") + mask + "/ng:32";
    benchmark::RegisterBenchmark(name.c_str(), round_trip, std::string(mask), 32)
        ->UseManualTime()
        ->Unit(benchmark::kMicrosecond)
        ->MinTime(0.3);
  }
}

[[maybe_unused]] const bool registered = voxfeat::bench::add_gpu_benchmarks(
    {.name = "histogram", .add = register_all, .release = [] { voxfeat::bench::lazy_cases(make_cases, true); }});

}  // namespace
