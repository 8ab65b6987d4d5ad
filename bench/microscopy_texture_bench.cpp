// Per-object texture (kernels/microscopy/object_texture.hpp) on issue 7's benchmark image: detail::SyntheticCells'
// default, 1024×1024 with ~600 densely packed cells and textured float intensities.
//   BM_ObjectTexture/<family>/threads: every object's grey levels (fixed bin number 32 over the object's own range)
//     and the family's features, objects in parallel (tbb::parallel_for, one level buffer per thread). GLCM at
//     distance 1, GLCM and GLRLM averaged over the 4 directions. Items: objects. Threads: TBB global_control.
//     Family 4 runs all four on one quantisation per object.
// Timed: quantisation and features; the planes and the object table are built before timing. Reference point
// (issue 7): Nyxus computes ~1,500 objects/s of GLCM on 2 cores. "checksum" sums every finite output, so that a fast
// wrong answer shows. "cpu_us_per_object": process CPU time (all threads) per object, which shows the scaling when
// other processes share the cores and wall-clock objects/s at 2 threads cannot.
#include <benchmark/benchmark.h>

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <cmath>
#include <ctime>
#include <cstddef>
#include <vector>

#include "demo/synthetic_cells.hpp"
#include "microscopy/object_pixels.hpp"
#include "microscopy/object_texture.hpp"
#include "texture/glcm_formulas.hpp"
#include "texture/glrlm_formulas.hpp"
#include "texture/ngtdm.hpp"
#include "texture/size_zone_formulas.hpp"

namespace {

using namespace voxfeat::kernels::microscopy;
namespace tx = voxfeat::kernels::texture;

struct CellImage {
  std::int32_t width = 0, height = 0;
  std::vector<std::uint32_t> labels;
  std::vector<float> intensity;
  ObjectTable table;
};

const CellImage& cell_image() {
  static const CellImage image = [] {
    const voxfeat::detail::SyntheticCells cells(voxfeat::detail::SyntheticCellsSpec{});
    CellImage c;
    c.width = cells.spec().width;
    c.height = cells.spec().height;
    cells.fill(c.labels, c.intensity);
    c.table = collect_objects(c.labels.data(), c.width, c.height);
    return c;
  }();
  return image;
}

enum Family : int { glcm, glrlm, glszm, ngtdm, all };
const char* const family_names[] = {"glcm", "glrlm", "glszm", "ngtdm", "all"};

constexpr std::size_t glcm_slots = tx::glcm::feature_count, glrlm_slots = tx::glrlm::feature_count,
                      glszm_slots = tx::size_zone_feature_count, ngtdm_slots = tx::NgtdmSlot::count;

/// Output slots per object of `family`, in the order the families below write them.
std::size_t slots_of(Family family) {
  switch (family) {
    case glcm: return glcm_slots;
    case glrlm: return glrlm_slots;
    case glszm: return glszm_slots;
    case ngtdm: return ngtdm_slots;
    default: return glcm_slots + glrlm_slots + glszm_slots + ngtdm_slots;
  }
}

void compute(Family family, const ObjectLevels& levels, std::span<double> out) {
  const auto part = [&](std::size_t first, std::size_t count) { return out.subspan(first, count); };
  switch (family) {
    case glcm: object_glcm(levels, 1, Directions::averaged, out); break;
    case glrlm: object_glrlm(levels, Directions::averaged, out); break;
    case glszm: object_glszm(levels, out); break;
    case ngtdm: object_ngtdm(levels, out); break;
    default:
      object_glcm(levels, 1, Directions::averaged, part(0, glcm_slots));
      object_glrlm(levels, Directions::averaged, part(glcm_slots, glrlm_slots));
      object_glszm(levels, part(glcm_slots + glrlm_slots, glszm_slots));
      object_ngtdm(levels, part(glcm_slots + glrlm_slots + glszm_slots, ngtdm_slots));
  }
}

void BM_ObjectTexture(benchmark::State& state) {
  const CellImage& image = cell_image();
  const auto family = Family(state.range(0));
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(1)));
  const PlaneView<float> intensity{image.intensity.data(), image.width, image.height};
  const ObjectQuantisation quantisation = ObjectQuantisation::per_object(32);
  const std::size_t objects = image.table.objects.size(), slots = slots_of(family);
  std::vector<double> values(objects * slots);
  const std::clock_t cpu_start = std::clock();
  for (auto _ : state) {
    tbb::enumerable_thread_specific<std::vector<std::int32_t>> buffers;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, objects, 4), [&](const auto& range) {
      std::vector<std::int32_t>& buffer = buffers.local();
      for (std::size_t i = range.begin(); i != range.end(); ++i) {
        const ObjectLevels levels =
            object_levels(image.table.objects[i], image.table.runs_of(i), intensity, quantisation, buffer);
        compute(family, levels, std::span<double>(values.data() + i * slots, slots));
      }
    });
    benchmark::DoNotOptimize(values.data());
  }
  const double cpu_seconds = double(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  double checksum = 0;
  for (const double v : values)
    if (std::isfinite(v)) checksum += v;
  state.SetLabel(family_names[family]);
  state.SetItemsProcessed(std::int64_t(state.iterations()) * std::int64_t(objects));
  state.counters["objects"] = double(objects);
  std::uint64_t pixels = 0;
  for (const ObjectInfo& o : image.table.objects) pixels += o.area;
  state.counters["mean_area"] = double(pixels) / double(objects);
  state.counters["cpu_us_per_object"] = 1e6 * cpu_seconds / (double(state.iterations()) * double(objects));
  state.counters["checksum"] = checksum;
}
BENCHMARK(BM_ObjectTexture)
    ->ArgNames({"family", "threads"})
    ->ArgsProduct({{glcm, glrlm, glszm, ngtdm, all}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
