// Intensity families' kernels (local intensity, statistics, histogram, IVH) on seeded synthetic ROIs of 10k, 100k,
// 465k and 2M voxels: a ball of CT-like integer intensities (HU, soft tissue with a brighter core and noise) in a
// box with a 7 mm margin, 1 mm isotropic voxels unless the name says otherwise.
//
// What is timed: each kernel from the ROI products the engine shares between families (RoiContext): the image box
// and mask for local intensity; the unsorted intensities for statistics (integer intensities: counted, no sort, as
// the family does) and for the IVH (discretisation none, w = 1, G = ROI range); the discretised level volume
// (FBN 32) for the histogram. BM_IntensityStatisticsSorted is the path for non-integer images, from intensities
// already sorted; the sort itself is BM_SortRoiIntensities. BM_FourIntensityFamilies = the four as the families
// run them on an integer (CT-like) image: the per-ROI cost of this part of an extraction.
// Counters: items = ROI voxels (voxels/s), checksum = sum of some outputs of one run, so a fast wrong answer shows.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <numbers>
#include <random>
#include <vector>

#include "intensity/discretisation.hpp"
#include "intensity/intensity_histogram.hpp"
#include "intensity/intensity_statistics.hpp"
#include "intensity/intensity_volume_histogram.hpp"
#include "intensity/local_intensity.hpp"

namespace {

using voxfeat::kernels::View3;

struct SyntheticRoi {
  std::array<std::size_t, 3> extent{};
  std::array<double, 3> spacing{};
  std::vector<float> image;
  std::vector<std::uint8_t> mask;
  std::vector<double> intensities;  // mask voxels, storage order
  std::vector<double> sorted;
  std::vector<std::int32_t> levels;  // FBN 32 inside the mask, 0 outside
  std::size_t roi_voxels = 0;

  [[nodiscard]] View3<float> image_view() const { return {image.data(), extent, spacing}; }
  [[nodiscard]] View3<std::uint8_t> mask_view() const { return {mask.data(), extent, spacing}; }
  [[nodiscard]] View3<std::int32_t> level_view() const { return {levels.data(), extent, spacing}; }
};

SyntheticRoi make_roi(std::size_t target_voxels, std::array<double, 3> spacing) {
  // A ball of radius R mm holds about (4/3) π R³ / (voxel volume) voxels.
  const double voxel_volume = spacing[0] * spacing[1] * spacing[2];
  const double radius_mm = std::cbrt(3.0 * double(target_voxels) * voxel_volume / (4.0 * std::numbers::pi));
  const double margin_mm = 7.0;
  SyntheticRoi roi;
  roi.spacing = spacing;
  std::array<double, 3> centre{};
  for (int a = 0; a < 3; ++a) {
    roi.extent[a] = std::size_t(std::ceil(2.0 * (radius_mm + margin_mm) / spacing[a])) + 1;
    centre[a] = 0.5 * double(roi.extent[a] - 1) * spacing[a];
  }
  std::mt19937_64 rng(20240531);
  std::normal_distribution<double> noise(0.0, 25.0);
  const std::size_t n = roi.extent[0] * roi.extent[1] * roi.extent[2];
  roi.image.resize(n);
  roi.mask.resize(n);
  std::size_t k = 0;
  for (std::size_t z = 0; z < roi.extent[2]; ++z)
    for (std::size_t y = 0; y < roi.extent[1]; ++y)
      for (std::size_t x = 0; x < roi.extent[0]; ++x, ++k) {
        const double dx = double(x) * spacing[0] - centre[0], dy = double(y) * spacing[1] - centre[1],
                     dz = double(z) * spacing[2] - centre[2];
        const double r = std::sqrt(dx * dx + dy * dy + dz * dz) / radius_mm;
        const double base = r <= 1.0 ? 40.0 + 120.0 * (1.0 - r) * (1.0 - r) : -80.0;  // brighter core, fat outside
        roi.image[k] = float(std::round(std::clamp(base + noise(rng), -1000.0, 400.0)));
        roi.mask[k] = r <= 1.0 ? 1 : 0;
        if (roi.mask[k]) roi.intensities.push_back(double(roi.image[k]));
      }
  roi.roi_voxels = roi.intensities.size();
  roi.sorted = roi.intensities;
  std::sort(roi.sorted.begin(), roi.sorted.end());
  roi.levels.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    if (roi.mask[i])
      roi.levels[i] = voxfeat::kernels::discretise_fixed_bin_number(roi.image[i], roi.sorted.front(),
                                                                    roi.sorted.back(), 32);
  return roi;
}

// Built once per size and spacing: generating 2M voxels takes longer than the kernels.
const SyntheticRoi& roi_for(const benchmark::State& state, std::array<double, 3> spacing = {1.0, 1.0, 1.0}) {
  static std::map<std::pair<std::int64_t, double>, SyntheticRoi> cache;
  const auto key = std::make_pair(state.range(0), spacing[2]);
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, make_roi(std::size_t(state.range(0)), spacing)).first;
  return it->second;
}

void finish(benchmark::State& state, const SyntheticRoi& roi, double checksum) {
  state.SetItemsProcessed(state.iterations() * std::int64_t(roi.roi_voxels));
  state.counters["roi_voxels"] = double(roi.roi_voxels);
  state.counters["checksum"] = checksum;
}

double local_intensity(const SyntheticRoi& roi) {
  const auto p = voxfeat::kernels::local_intensity_peaks(roi.image_view(), roi.mask_view());
  return p.local_peak + p.global_peak;
}

double statistics_checksum(const voxfeat::kernels::IntensityStatistics& s) {
  return s.first_order.mean + s.first_order.p90 + s.first_order.robust_mean_absolute_deviation + s.energy * 1e-6;
}

double statistics(const SyntheticRoi& roi) {
  return statistics_checksum(*voxfeat::kernels::intensity_statistics_counting(roi.intensities));
}

double histogram(const SyntheticRoi& roi) {
  const auto counts = voxfeat::kernels::level_histogram(roi.level_view(), 32);
  const auto h = voxfeat::kernels::intensity_histogram_features(counts);
  return h.first_order.mean + h.entropy + h.mode + h.gradient.maximum;
}

double volume_histogram(const SyntheticRoi& roi) {
  const auto f = voxfeat::kernels::intensity_volume_histogram(roi.intensities, voxfeat::kernels::IvhSettings{});
  return f.v10 + f.v90 + f.i10 + f.i90 + f.area_under_curve;
}

void BM_LocalIntensity(benchmark::State& state) {
  const SyntheticRoi& roi = roi_for(state);
  double checksum = 0.0;
  for (auto _ : state) benchmark::DoNotOptimize(checksum = local_intensity(roi));
  finish(state, roi, checksum);
}

// CT-native voxels (0.977 × 0.977 × 3 mm): fewer sphere rows per centre than 1 mm.
void BM_LocalIntensityCtSpacing(benchmark::State& state) {
  const SyntheticRoi& roi = roi_for(state, {0.977, 0.977, 3.0});
  double checksum = 0.0;
  for (auto _ : state) benchmark::DoNotOptimize(checksum = local_intensity(roi));
  finish(state, roi, checksum);
}

void BM_IntensityStatistics(benchmark::State& state) {
  const SyntheticRoi& roi = roi_for(state);
  double checksum = 0.0;
  for (auto _ : state) benchmark::DoNotOptimize(checksum = statistics(roi));
  finish(state, roi, checksum);
}

void BM_IntensityStatisticsSorted(benchmark::State& state) {
  const SyntheticRoi& roi = roi_for(state);
  double checksum = 0.0;
  for (auto _ : state)
    benchmark::DoNotOptimize(checksum = statistics_checksum(voxfeat::kernels::intensity_statistics(roi.sorted)));
  finish(state, roi, checksum);
}

void BM_SortRoiIntensities(benchmark::State& state) {
  const SyntheticRoi& roi = roi_for(state);
  double checksum = 0.0;
  for (auto _ : state) {
    std::vector<double> sorted = roi.intensities;
    std::sort(sorted.begin(), sorted.end());
    benchmark::DoNotOptimize(checksum = sorted[sorted.size() / 2]);
  }
  finish(state, roi, checksum);
}

void BM_IntensityHistogram(benchmark::State& state) {
  const SyntheticRoi& roi = roi_for(state);
  double checksum = 0.0;
  for (auto _ : state) benchmark::DoNotOptimize(checksum = histogram(roi));
  finish(state, roi, checksum);
}

void BM_IntensityVolumeHistogram(benchmark::State& state) {
  const SyntheticRoi& roi = roi_for(state);
  double checksum = 0.0;
  for (auto _ : state) benchmark::DoNotOptimize(checksum = volume_histogram(roi));
  finish(state, roi, checksum);
}

// The four families one after the other, as they run on an integer image (no sort).
void BM_FourIntensityFamilies(benchmark::State& state) {
  const SyntheticRoi& roi = roi_for(state);
  double checksum = 0.0;
  for (auto _ : state)
    benchmark::DoNotOptimize(checksum = local_intensity(roi) + statistics(roi) + histogram(roi) + volume_histogram(roi));
  finish(state, roi, checksum);
}

void roi_sizes(benchmark::internal::Benchmark* b) {
  for (const std::int64_t n : {10'000, 100'000, 465'000, 2'000'000}) b->Arg(n);
  b->Unit(benchmark::kMillisecond)->UseRealTime();
}

BENCHMARK(BM_LocalIntensity)->Apply(roi_sizes);
BENCHMARK(BM_LocalIntensityCtSpacing)->Apply(roi_sizes);
BENCHMARK(BM_IntensityStatistics)->Apply(roi_sizes);
BENCHMARK(BM_IntensityStatisticsSorted)->Apply(roi_sizes);
BENCHMARK(BM_SortRoiIntensities)->Apply(roi_sizes);
BENCHMARK(BM_IntensityHistogram)->Apply(roi_sizes);
BENCHMARK(BM_IntensityVolumeHistogram)->Apply(roi_sizes);
BENCHMARK(BM_FourIntensityFamilies)->Apply(roi_sizes);

}  // namespace

BENCHMARK_MAIN();
