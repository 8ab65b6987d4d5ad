// Per-object 2D microscopy kernels on issue 7's benchmark image: detail::SyntheticCells' default, 1024×1024 with
// ~600 densely packed cells (semi-axes 10..40 px, many touching, some non-convex) and textured float intensities.
//   BM_CollectObjects: the one raster pass that builds the per-object runs and contacts. Items: pixels.
//   BM_MeasureObjects/threads: the pass plus every per-object kernel (shape, moments, weighted moments, intensity
//     and edge statistics) and the neighbour features. Items: objects. Threads: TBB global_control.
//   BM_ZernikeObjects/threads: Zernike magnitudes to order 9 of every object, shape and intensity weights (the
//     object table built before timing). Items: objects.
// Planes are built before timing; "checksum" sums outputs so that a fast wrong answer shows.
#include <benchmark/benchmark.h>

#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <vector>

#include "demo/synthetic_cells.hpp"
#include "microscopy/object_measurements.hpp"
#include "microscopy/zernike.hpp"

namespace {

using namespace voxfeat::kernels::microscopy;

struct CellPlane {
  std::int32_t width = 0, height = 0;
  std::vector<std::uint32_t> labels;
  std::vector<float> intensity;
};

const CellPlane& cell_plane() {
  static const CellPlane plane = [] {
    const voxfeat::detail::SyntheticCells cells(voxfeat::detail::SyntheticCellsSpec{});
    CellPlane p;
    p.width = cells.spec().width;
    p.height = cells.spec().height;
    cells.fill(p.labels, p.intensity);
    return p;
  }();
  return plane;
}

void BM_CollectObjects(benchmark::State& state) {
  const CellPlane& p = cell_plane();
  double checksum = 0;
  for (auto _ : state) {
    const ObjectTable t = collect_objects(p.labels.data(), p.width, p.height);
    checksum = double(t.objects.size()) + double(t.runs.size()) + double(t.contacts.size());
    benchmark::DoNotOptimize(t.runs.data());
  }
  state.SetItemsProcessed(std::int64_t(state.iterations()) * std::int64_t(p.labels.size()));
  state.counters["checksum"] = checksum;
}
BENCHMARK(BM_CollectObjects)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_MeasureObjects(benchmark::State& state) {
  const CellPlane& p = cell_plane();
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(0)));
  double checksum = 0;
  std::size_t objects = 0, pixels = 0;
  for (auto _ : state) {
    const ObjectTable t = collect_objects(p.labels.data(), p.width, p.height);
    const auto m = measure_objects(t, {p.labels.data(), p.width, p.height},
                                   PlaneView<float>{p.intensity.data(), p.width, p.height}, 50.0);
    objects = m.size();
    pixels = 0;
    checksum = 0;
    for (const ObjectMeasurement& o : m) pixels += o.shape.area;
    for (const ObjectMeasurement& o : m)
      checksum += o.shape.perimeter + o.shape.feret.max + double(o.shape.area_convex) + o.moments.hu[0] * 1e3 +
                  o.intensity.all.median + o.intensity.edge.mean + o.neighbours.nearest_centroid_distance;
  }
  state.SetItemsProcessed(std::int64_t(state.iterations()) * std::int64_t(objects));
  state.counters["objects"] = double(objects);
  state.counters["mean_area"] = double(pixels) / double(objects);
  state.counters["checksum"] = checksum;
}
BENCHMARK(BM_MeasureObjects)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ZernikeObjects(benchmark::State& state) {
  const CellPlane& p = cell_plane();
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(0)));
  const ObjectTable t = collect_objects(p.labels.data(), p.width, p.height);
  const PlaneView<float> intensity{p.intensity.data(), p.width, p.height};
  std::vector<double> first(t.objects.size());
  for (auto _ : state) {
    tbb::parallel_for(std::size_t(0), t.objects.size(), [&](std::size_t i) {
      const ZernikeMoments shape = shape_zernike(t.objects[i].bbox, t.runs_of(i));
      const ZernikeMoments weighted = intensity_zernike(t.objects[i].bbox, t.runs_of(i), intensity);
      first[i] = shape.magnitude[4] + weighted.magnitude[29];
    });
  }
  double checksum = 0;
  for (const double v : first) checksum += v;
  state.SetItemsProcessed(std::int64_t(state.iterations()) * std::int64_t(t.objects.size()));
  state.counters["objects"] = double(t.objects.size());
  state.counters["checksum"] = checksum;
}
BENCHMARK(BM_ZernikeObjects)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
