// Morphology family kernels on seeded synthetic spheres at 1×1×2 mm (the ROI sizes of the performance target:
// ~10k, 100k, 465k and 2M voxels). Times the kernels only: masks and images are built before timing, on the host.
//   BM_MorphologyShape: everything except Moran/Geary — mesh (marching cubes) and its volume/area, planar hull
//     filter + convex hull (Qhull), maximum diameter, OMBB, MVEE, voxel moments (PCA) and intensity moments.
//   BM_MoranGeary: Moran's I and Geary's C by FFT convolution.
//   BM_MorphologyAll: compute_morphology, the family's whole computation (the two above run concurrently).
// Items are ROI voxels; "checksum" sums the outputs so that a fast wrong answer shows.
#include <benchmark/benchmark.h>

#include <cmath>
#include <map>
#include <numbers>
#include <random>
#include <vector>

#include "morphology/convex_hull.hpp"
#include "morphology/enclosing_ellipsoid.hpp"
#include "morphology/hull_candidates.hpp"
#include "morphology/marching_cubes.hpp"
#include "morphology/max_diameter.hpp"
#include "morphology/mesh_measures.hpp"
#include "morphology/morphology_features.hpp"
#include "morphology/oriented_bounding_box.hpp"
#include "morphology/spatial_autocorrelation.hpp"
#include "morphology/voxel_moments.hpp"

namespace {

using namespace voxfeat::kernels;
using namespace voxfeat::kernels::morphology;

struct SphereRoi {
  std::array<std::size_t, 3> extent{};
  std::array<double, 3> spacing{1.0, 1.0, 2.0};
  std::vector<std::uint8_t> mask;
  std::vector<float> image;
  std::size_t voxels = 0;
  [[nodiscard]] View3<std::uint8_t> mask_view() const { return {mask.data(), extent, spacing}; }
  [[nodiscard]] View3<float> image_view() const { return {image.data(), extent, spacing}; }
};

// A ball of about `target` voxels with a seeded sub-voxel centre offset and CT-like noisy intensities.
SphereRoi make_sphere(std::size_t target, std::uint32_t seed) {
  SphereRoi roi;
  std::mt19937 rng(seed);
  const double r = std::cbrt(3.0 * double(target) * 2.0 / (4.0 * std::numbers::pi));
  std::uniform_real_distribution<double> offset(-0.5, 0.5);
  std::normal_distribution<float> noise(40.0f, 25.0f);
  std::array<double, 3> centre{};
  for (std::size_t a = 0; a < 3; ++a) {
    roi.extent[a] = std::size_t(2 * std::ceil(r / roi.spacing[a])) + 4;
    centre[a] = 0.5 * double(roi.extent[a] - 1) * roi.spacing[a] + offset(rng);
  }
  roi.mask.assign(roi.extent[0] * roi.extent[1] * roi.extent[2], 0);
  roi.image.resize(roi.mask.size());
  for (std::size_t k = 0; k < roi.extent[2]; ++k)
    for (std::size_t j = 0; j < roi.extent[1]; ++j)
      for (std::size_t i = 0; i < roi.extent[0]; ++i) {
        const std::size_t at = i + roi.extent[0] * (j + roi.extent[1] * k);
        const double x = double(i) * roi.spacing[0] - centre[0], y = double(j) * roi.spacing[1] - centre[1],
                     z = double(k) * roi.spacing[2] - centre[2];
        roi.mask[at] = x * x + y * y + z * z <= r * r;
        roi.voxels += roi.mask[at];
        roi.image[at] = noise(rng) + float(0.3 * z);
      }
  return roi;
}

const SphereRoi& sphere(std::size_t target) {
  static std::map<std::size_t, SphereRoi> cache;
  auto it = cache.find(target);
  if (it == cache.end()) it = cache.emplace(target, make_sphere(target, 42)).first;
  return it->second;
}

void BM_MorphologyShape(benchmark::State& state) {
  const SphereRoi& roi = sphere(std::size_t(state.range(0)));
  double checksum = 0;
  for (auto _ : state) {
    const TriangleMesh mesh = marching_cubes(roi.mask_view());
    const MeshMeasures m = mesh_measures(mesh);
    const ConvexHull hull = convex_hull(planar_hull_filter(mesh.vertices));
    const double diameter = max_diameter(hull.vertices);
    const OrientedBox box = oriented_minimum_bounding_box(hull);
    const EnclosingEllipsoid mvee = minimum_volume_enclosing_ellipsoid(hull.vertices);
    const auto lambda = principal_variances(voxel_moments(roi.mask_view()).covariance);
    const IntensityMoments im = intensity_moments(roi.image_view(), roi.mask_view());
    checksum = m.volume + m.area + hull.volume + diameter + box.volume + mvee.semi_axes[0] + lambda[0] + im.mean;
    benchmark::DoNotOptimize(checksum);
  }
  state.SetItemsProcessed(std::int64_t(state.iterations()) * std::int64_t(roi.voxels));
  state.counters["voxels"] = double(roi.voxels);
  state.counters["checksum"] = checksum;
}

void BM_MoranGeary(benchmark::State& state) {
  const SphereRoi& roi = sphere(std::size_t(state.range(0)));
  double checksum = 0;
  for (auto _ : state) {
    const SpatialAutocorrelation r = spatial_autocorrelation_fft(roi.image_view(), roi.mask_view());
    checksum = r.morans_i + r.gearys_c;
    benchmark::DoNotOptimize(checksum);
  }
  state.SetItemsProcessed(std::int64_t(state.iterations()) * std::int64_t(roi.voxels));
  state.counters["voxels"] = double(roi.voxels);
  state.counters["checksum"] = checksum;
}

void BM_MorphologyAll(benchmark::State& state) {
  const SphereRoi& roi = sphere(std::size_t(state.range(0)));
  double checksum = 0;
  for (auto _ : state) {
    const MorphologyFeatures f = compute_morphology({roi.mask_view(), roi.mask_view(), roi.image_view()});
    checksum = f.volume + f.surface_area + f.max_3d_diameter + f.volume_density_ombb + f.volume_density_mvee +
               f.major_axis_length + f.morans_i + f.gearys_c;
    benchmark::DoNotOptimize(checksum);
  }
  state.SetItemsProcessed(std::int64_t(state.iterations()) * std::int64_t(roi.voxels));
  state.counters["voxels"] = double(roi.voxels);
  state.counters["checksum"] = checksum;
}

}  // namespace

BENCHMARK(BM_MorphologyShape)->Arg(10000)->Arg(100000)->Arg(465000)->Arg(2000000)->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_MoranGeary)->Arg(10000)->Arg(100000)->Arg(465000)->Arg(2000000)->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_MorphologyAll)->Arg(10000)->Arg(100000)->Arg(465000)->Arg(2000000)->Unit(benchmark::kMillisecond)
    ->UseRealTime();

BENCHMARK_MAIN();
