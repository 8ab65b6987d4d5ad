// Per-object 2D microscopy kernels on issue 7's benchmark images (detail::SyntheticCells: densely packed cells,
// semi-axes 10..40 px, many touching, some non-convex, textured float intensities).
//
// On the default 1024×1024 image (~600 cells), planes built before timing:
//   BM_CollectObjects: the one raster pass that builds the per-object runs and contacts. Items: pixels; the
//     "objects_per_second" counter gives the same pass per object.
//   BM_MeasureObjects/threads: the pass plus every per-object kernel (shape, moments, weighted moments, intensity
//     and edge statistics) and the neighbour features. Items: objects. Threads: TBB global_control.
//   BM_ZernikeObjects/threads: Zernike magnitudes to order 9 of every object, shape and intensity weights (the
//     object table built before timing). Items: objects.
//   BM_ShapeFamily, BM_IntensityFamily, BM_NeighbourFamily: one family's kernels alone over every object, one
//     thread, the object table built before timing. Items: objects.
//
// The stress image, 16384×16384 with 200k cells, is never whole in memory:
//   BM_MeasureStreamed16k/threads: measure_streamed over bands of 64 rows made by SyntheticCells::fill_rows, so
//     the time includes making the image twice (labels only for the first pass, then labels and intensities) and
//     the end's neighbour features. Items: objects, end to end; objects_per_s_without_source leaves out the time
//     spent in fill_rows (source_s), which is most of it. Counters: peak_rss_MiB (getrusage ru_maxrss: the
//     process's high-water mark, so run it alone, --benchmark_filter=Streamed16k, and read the first argument's
//     as the bound), rss_before_MiB and rss_with_source_MiB (before measuring, without and with the
//     SyntheticCells source), window_rows and window_MiB (the rolling window at its largest).
//   BM_MakeBands16k/with_intensities: making 2048 rows of the stress image alone. Items: pixels.
// "checksum" sums outputs so that a fast wrong answer shows.
#include <benchmark/benchmark.h>

#include <sys/resource.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <chrono>
#include <cstdio>
#include <vector>

#include "demo/synthetic_cells.hpp"
#include "microscopy/object_measurements.hpp"
#include "microscopy/zernike.hpp"
#include "microscopy/streamed_measurement.hpp"

namespace {

using namespace voxfeat::kernels::microscopy;
using voxfeat::detail::SyntheticCells;
using voxfeat::detail::SyntheticCellsSpec;

struct CellPlane {
  std::int32_t width = 0, height = 0;
  std::vector<std::uint32_t> labels;
  std::vector<float> intensity;
  ObjectTable table;
};

const CellPlane& cell_plane() {
  static const CellPlane plane = [] {
    const SyntheticCells cells(SyntheticCellsSpec{});
    CellPlane p;
    p.width = cells.spec().width;
    p.height = cells.spec().height;
    cells.fill(p.labels, p.intensity);
    p.table = collect_objects(p.labels.data(), p.width, p.height);
    return p;
  }();
  return plane;
}

double checksum_of(const ObjectMeasurement& o) {
  return o.shape.perimeter + o.shape.feret.max + double(o.shape.area_convex) + o.moments.hu[0] * 1e3 +
         o.intensity.all.median + o.intensity.edge.mean + o.neighbours.nearest_centroid_distance;
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
  state.counters["objects_per_second"] =
      benchmark::Counter(double(p.table.objects.size()), benchmark::Counter::kIsIterationInvariantRate);
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
    for (const ObjectMeasurement& o : m) checksum += checksum_of(o);
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
void BM_ShapeFamily(benchmark::State& state) {
  const CellPlane& p = cell_plane();
  ShapeWorkspace work;
  double checksum = 0;
  for (auto _ : state) {
    checksum = 0;
    for (std::size_t i = 0; i < p.table.objects.size(); ++i) {
      const ObjectMoments moments = shape_moments(p.table.objects[i].bbox, p.table.runs_of(i));
      const Shape2D s = shape2d(p.table.objects[i], p.table.runs_of(i), moments, work);
      checksum += s.perimeter + s.feret.max + double(s.area_convex) + moments.hu[0] * 1e3;
    }
  }
  state.SetItemsProcessed(std::int64_t(state.iterations()) * std::int64_t(p.table.objects.size()));
  state.counters["checksum"] = checksum;
}
BENCHMARK(BM_ShapeFamily)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_IntensityFamily(benchmark::State& state) {
  const CellPlane& p = cell_plane();
  const PlaneView<std::uint32_t> labels{p.labels.data(), p.width, p.height};
  const PlaneView<float> intensity{p.intensity.data(), p.width, p.height};
  IntensityWorkspace work;
  double checksum = 0;
  for (auto _ : state) {
    checksum = 0;
    for (std::size_t i = 0; i < p.table.objects.size(); ++i) {
      const ObjectMoments weighted = intensity_moments(p.table.objects[i].bbox, p.table.runs_of(i), intensity);
      const ObjectIntensity s = object_intensity(p.table.objects[i], p.table.runs_of(i), labels, intensity, work);
      checksum += s.all.median + s.edge.mean + weighted.hu[0] * 1e3;
    }
  }
  state.SetItemsProcessed(std::int64_t(state.iterations()) * std::int64_t(p.table.objects.size()));
  state.counters["checksum"] = checksum;
}
BENCHMARK(BM_IntensityFamily)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_NeighbourFamily(benchmark::State& state) {
  const CellPlane& p = cell_plane();
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 1);
  std::vector<PlanePoint> centroids;
  for (std::size_t i = 0; i < p.table.objects.size(); ++i) {
    const ObjectMoments m = shape_moments(p.table.objects[i].bbox, p.table.runs_of(i));
    centroids.push_back({m.centroid_row + p.table.objects[i].bbox.row_begin,
                         m.centroid_col + p.table.objects[i].bbox.col_begin});
  }
  double checksum = 0;
  for (auto _ : state) {
    const std::vector<NeighbourFeatures> n = neighbour_features(p.table, centroids, 50.0);
    checksum = 0;
    for (const NeighbourFeatures& f : n)
      checksum += double(f.touching) + f.nearest_centroid_distance + double(f.centroids_within_radius);
  }
  state.SetItemsProcessed(std::int64_t(state.iterations()) * std::int64_t(p.table.objects.size()));
  state.counters["checksum"] = checksum;
}
BENCHMARK(BM_NeighbourFamily)->Unit(benchmark::kMillisecond)->UseRealTime();

// Issue 7's stress image.
const SyntheticCellsSpec kStressSpec{16384, 16384, 200000, 10.0, 40.0, 7};
constexpr std::int32_t kStressBandRows = 64;

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}

double current_rss_mib() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return double(resident) * 4096.0 / (1024.0 * 1024.0);
}

void BM_MeasureStreamed16k(benchmark::State& state) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(0)));
  const double rss_before = current_rss_mib();
  const SyntheticCells cells(kStressSpec);
  const double rss_with_source = current_rss_mib();  // the cells' list, 200k entries: the source's, not ours
  // The source runs between the measurement's steps, never beside them: its time subtracts exactly.
  double source_seconds = 0;
  const BandSource source = [&](std::int32_t first_row, std::int32_t rows, std::span<std::uint32_t> labels,
                                std::span<float> intensities) {
    const auto start = std::chrono::steady_clock::now();
    cells.fill_rows(first_row, rows, labels, intensities);
    source_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  double checksum = 0, seconds = 0;
  std::size_t objects = 0;
  StreamedMeasurement result;
  for (auto _ : state) {
    checksum = 0;
    objects = 0;
    source_seconds = 0;
    const auto start = std::chrono::steady_clock::now();
    result = measure_streamed(source, kStressSpec.width, kStressSpec.height, kStressBandRows, 50.0,
                              [&](std::span<const LabelledMeasurement> batch) {
                                objects += batch.size();
                                for (const LabelledMeasurement& m : batch) checksum += checksum_of(m.measurement);
                              });
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (const NeighbourFeatures& f : result.neighbours) checksum += f.nearest_centroid_distance;
  }
  state.SetItemsProcessed(std::int64_t(state.iterations()) * std::int64_t(objects));
  state.counters["objects"] = double(objects);
  state.counters["source_s"] = source_seconds;
  state.counters["objects_per_s_without_source"] = double(objects) / (seconds - source_seconds);
  state.counters["peak_rss_MiB"] = peak_rss_mib();
  state.counters["rss_before_MiB"] = rss_before;
  state.counters["rss_with_source_MiB"] = rss_with_source;
  state.counters["window_rows"] = double(result.peak_window_rows);
  state.counters["window_MiB"] = double(result.peak_window_bytes) / (1024.0 * 1024.0);
  state.counters["checksum"] = checksum;
}
BENCHMARK(BM_MeasureStreamed16k)->Arg(1)->Arg(2)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

// Making 2048 rows of the stress image (an eighth), labels only (arg 0: the first pass) or with intensities
// (arg 1: the second).
void BM_MakeBands16k(benchmark::State& state) {
  const SyntheticCells cells(kStressSpec);
  const bool with_intensities = state.range(0) != 0;
  constexpr std::int32_t rows = 2048;
  std::vector<std::uint32_t> labels(std::size_t(kStressBandRows) * std::size_t(kStressSpec.width));
  std::vector<float> intensities(with_intensities ? labels.size() : 0);
  double checksum = 0;
  for (auto _ : state) {
    checksum = 0;
    for (std::int32_t row = 0; row < rows; row += kStressBandRows) {
      cells.fill_rows(row, kStressBandRows, labels, intensities);
      checksum += double(labels[labels.size() / 2]) + (with_intensities ? double(intensities[labels.size() / 3]) : 0.0);
    }
  }
  state.SetItemsProcessed(std::int64_t(state.iterations()) * std::int64_t(kStressSpec.width) * rows);
  state.counters["checksum"] = checksum;
}
BENCHMARK(BM_MakeBands16k)->Arg(0)->Arg(1)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
