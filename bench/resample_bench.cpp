// Resampling onto the IBSI grid (kernels/resample): a thoracic-CT-sized volume, 512×512×300 voxels at
// 0.8×0.8×2.0 mm, to 1 mm isotropic ("align grid centres": 410×410×600 ≈ 101 M output voxels). The target from the
// issue is trilinear resampling at >= 100 Mvoxel/s of output on 2 cores.
//
// The source is a seeded synthetic CT (body ellipse of soft tissue ~40 HU with noise, lungs, a vertebra and a rim
// of bone 700+ HU, air −1000 HU with a little noise) and an ellipsoidal "tumour" mask; both are built once and shared.
//
// What is timed: one resample_image / resample_mask call into an output buffer allocated (and written once) outside
// the timed loop, so first-touch page faults of the ~400 MB output are excluded. BM_ResampleLinearWithAllocation
// allocates the output inside the loop, uninitialised, so that the resampler's writes take the faults: what they
// cost (the engine's Volume takes them in its zero-fill instead). The cubic spline includes its padding and
// prefilter (both inside resample_image); BM_CubicSplinePrefilter times the prefilter alone.
// Counters: items = output voxels (items_per_second), Mvoxel_per_s = the same in millions, checksum = a sum over a
// fixed sample of the output, so a fast wrong answer shows. Argument: TBB threads (1 or 2). Wall time (UseRealTime).
#include <benchmark/benchmark.h>

#include <tbb/global_control.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

#include "resample/bspline_prefilter.hpp"
#include "resample/interpolation_grid.hpp"
#include "resample/resample.hpp"

namespace {

using voxfeat::kernels::GridMap;
using voxfeat::kernels::Interpolator;
using voxfeat::kernels::View3;

constexpr std::array<std::size_t, 3> source_extent{512, 512, 300};
constexpr std::array<double, 3> source_spacing{0.8, 0.8, 2.0};
constexpr std::array<double, 3> target_spacing{1.0, 1.0, 1.0};

/// A uniform number in [0, 1) from a voxel index and a seed (splitmix64): seeded and independent of build order.
double hash_uniform(std::uint64_t i, std::uint64_t seed) {
  std::uint64_t z = i + seed * 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  z ^= z >> 31;
  return double(z >> 11) * 0x1.0p-53;
}

struct SyntheticCt {
  std::vector<float> image;
  std::vector<std::uint8_t> mask;
  GridMap grid;
  std::size_t output_voxels = 0;

  [[nodiscard]] View3<float> image_view() const { return {image.data(), source_extent, source_spacing}; }
  [[nodiscard]] View3<std::uint8_t> mask_view() const { return {mask.data(), source_extent, source_spacing}; }
};

/// Hounsfield units at a point (mm from the volume's centre), before noise.
double ct_value(double x, double y, double z) {
  const auto inside = [](double u, double v, double a, double b) { return (u / a) * (u / a) + (v / b) * (v / b) <= 1; };
  if (!inside(x, y, 170.0, 120.0)) return -1000.0;                      // air around the body
  if (inside(x, y - 70.0, 18.0, 16.0)) return 900.0;                      // vertebral body
  if (!inside(x, y, 160.0, 110.0)) return 750.0 + 0.5 * std::fabs(z);    // rib cage, denser away from centre
  if (inside(x - 75.0, y + 5.0, 55.0, 70.0) || inside(x + 75.0, y + 5.0, 55.0, 70.0)) return -850.0;  // lungs
  return 40.0;                                                            // soft tissue
}

const SyntheticCt& synthetic_ct() {
  static const SyntheticCt ct = [] {
    SyntheticCt s;
    const auto [nx, ny, nz] = source_extent;
    s.image.resize(nx * ny * nz);
    s.mask.resize(nx * ny * nz);
    std::size_t k = 0;
    for (std::size_t z = 0; z < nz; ++z)
      for (std::size_t y = 0; y < ny; ++y)
        for (std::size_t x = 0; x < nx; ++x, ++k) {
          const double px = (double(x) - 0.5 * double(nx - 1)) * source_spacing[0];
          const double py = (double(y) - 0.5 * double(ny - 1)) * source_spacing[1];
          const double pz = (double(z) - 0.5 * double(nz - 1)) * source_spacing[2];
          const double base = ct_value(px, py, pz);
          // Triangular noise: ±5 HU in air, ±30 HU in tissue and bone.
          const double noise = (hash_uniform(k, 1) + hash_uniform(k, 2) - 1.0) * (base <= -1000.0 ? 5.0 : 30.0);
          s.image[k] = float(base + noise);
          const double dx = (px - 40.0) / 35.0, dy = (py + 10.0) / 25.0, dz = pz / 45.0;
          s.mask[k] = dx * dx + dy * dy + dz * dz <= 1.0 ? 1 : 0;
        }
    s.grid = voxfeat::kernels::ibsi_interpolation_grid(source_extent, source_spacing, target_spacing,
                                                         {true, true, true});
    s.output_voxels = s.grid[0].size * s.grid[1].size * s.grid[2].size;
    return s;
  }();
  return ct;
}

template <class T>
double checksum(const T* out, std::size_t n) {
  double sum = 0.0;
  for (std::size_t i = 0; i < n; i += 997) sum += double(out[i]);
  return sum;
}

void report(benchmark::State& state, std::size_t output_voxels, double sum) {
  state.SetItemsProcessed(std::int64_t(state.iterations()) * std::int64_t(output_voxels));
  state.counters["Mvoxel_per_s"] = benchmark::Counter(double(state.iterations()) * double(output_voxels) * 1e-6,
                                                      benchmark::Counter::kIsRate);
  state.counters["checksum"] = sum;
}

void resample_image_case(benchmark::State& state, Interpolator how) {
  const SyntheticCt& ct = synthetic_ct();
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(0)));
  // Written once before timing: the timed calls find the pages mapped (first-touch faults excluded).
  std::vector<float> out(ct.output_voxels);
  for (auto _ : state) {
    voxfeat::kernels::resample_image(ct.image_view(), ct.grid, how, false, out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  report(state, ct.output_voxels, checksum(out.data(), out.size()));
}

void BM_ResampleLinear(benchmark::State& state) { resample_image_case(state, Interpolator::linear); }
void BM_ResampleNearest(benchmark::State& state) { resample_image_case(state, Interpolator::nearest); }
void BM_ResampleCubicSpline(benchmark::State& state) { resample_image_case(state, Interpolator::cubic_spline); }

/// The cubic spline's prefilter alone (on the unpadded source; the resampler filters the 12-voxel padded one, 21 %
/// more voxels): how much of BM_ResampleCubicSpline is coefficients and how much is the 64-tap evaluation.
void BM_CubicSplinePrefilter(benchmark::State& state) {
  const SyntheticCt& ct = synthetic_ct();
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(0)));
  double sum = 0.0;
  for (auto _ : state) {
    const std::vector<double> c = voxfeat::kernels::cubic_bspline_coefficients(ct.image_view(), {true, true, true});
    sum = checksum(c.data(), c.size());
  }
  state.SetItemsProcessed(std::int64_t(state.iterations()) * std::int64_t(ct.image.size()));
  state.counters["Mvoxel_per_s"] = benchmark::Counter(double(state.iterations()) * double(ct.image.size()) * 1e-6,
                                                      benchmark::Counter::kIsRate);
  state.counters["checksum"] = sum;
}

void BM_ResampleLinearWithAllocation(benchmark::State& state) {
  const SyntheticCt& ct = synthetic_ct();
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(0)));
  double sum = 0.0;
  for (auto _ : state) {
    // Uninitialised, like the engine's output volume would be at best: the resampler first-touches every page.
    const std::unique_ptr<float[]> out(new float[ct.output_voxels]);
    voxfeat::kernels::resample_image(ct.image_view(), ct.grid, Interpolator::linear, false, out.get());
    benchmark::DoNotOptimize(out.get());
    benchmark::ClobberMemory();
    sum = checksum(out.get(), ct.output_voxels);
  }
  report(state, ct.output_voxels, sum);
}

void BM_ResampleMaskLinear(benchmark::State& state) {
  const SyntheticCt& ct = synthetic_ct();
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(0)));
  std::vector<std::uint8_t> out(ct.output_voxels);  // written once: first-touch faults excluded
  for (auto _ : state) {
    voxfeat::kernels::resample_mask(ct.mask_view(), ct.grid, Interpolator::linear, 0.5, out.data());
    benchmark::DoNotOptimize(out.data());
    benchmark::ClobberMemory();
  }
  double inside = 0.0;
  for (std::uint8_t v : out) inside += v;
  report(state, ct.output_voxels, inside);  // for the mask: the number of voxels inside, not a sample
}

// Each call takes about a second (linear) to tens of seconds (cubic, 1 thread): a fixed iteration count keeps the
// run bounded; use --benchmark_repetitions for spread.
void thread_counts(benchmark::internal::Benchmark* b) {
  b->ArgName("threads")->Arg(1)->Arg(2)->UseRealTime()->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_ResampleLinear)->Apply(thread_counts)->Iterations(2);
BENCHMARK(BM_ResampleLinearWithAllocation)->Apply(thread_counts)->Iterations(2);
BENCHMARK(BM_ResampleNearest)->Apply(thread_counts)->Iterations(2);
BENCHMARK(BM_ResampleMaskLinear)->Apply(thread_counts)->Iterations(2);
BENCHMARK(BM_ResampleCubicSpline)->Apply(thread_counts)->Iterations(1);
BENCHMARK(BM_CubicSplinePrefilter)->Apply(thread_counts)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
