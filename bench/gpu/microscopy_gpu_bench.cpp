// GPU per-object moments and Zernike magnitudes (cuda/microscopy_moments.hpp), one launch per object table, on the
// seeded synthetic cells of issue 7 (engine/src/demo/synthetic_cells.hpp):
//   cells_1024    detail::SyntheticCells' default: 1024 × 1024, 600 cells placed (598 objects, mean area ~1030 px)
//   band_16k_4k   16384 × 4096, 50000 cells placed, the same radii (~49.7k objects, mean area ~950 px)
//
// What is timed (Google Benchmark manual time):
//   device/...    cudaEvents around microscopy_moment_sums_device: the one launch (raw and central moment sums, both
//                 weightings, Zernike magnitudes to order 9, both weightings); objects, runs and the intensity plane
//                 already in device memory, the sums left there.
//   host_api/...  wall clock around cuda::microscopy_moments, the whole call: allocation, copies in (objects, runs,
//                 the whole float intensity plane: 4 bytes a pixel), the launch, copies out, the host's finish
//                 (finish_shape_moments / finish_intensity_moments, TBB over objects).
// Counters: items_per_second = objects per second; objects; pixels (object pixels); checksum = Σ over objects of
// the shape and intensity |A_nm| weighted by (k + 1) and hu[0] (both weightings) · 1e3. After timing, every
// object is compared with the CPU kernels (shape_moments, intensity_moments, shape_zernike, intensity_zernike,
// computed once per image with TBB): unweighted raw moments equal, the rest within the parity tests' tolerances
// (1e-12 of the size of the terms; Zernike 1e-12); a mismatch marks the case as an error.
#include <benchmark/benchmark.h>

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "demo/synthetic_cells.hpp"
#include "device_buffer.hpp"
#include "gpu_bench_support.hpp"
#include "microscopy/moments2d.hpp"
#include "microscopy/zernike.hpp"
#include "microscopy_moments.hpp"

namespace voxfeat::bench_gpu {
namespace {

namespace km = kernels::microscopy;
using cuda::DeviceBuffer;

/// One synthetic image: its planes, object table, the device copies and the CPU's results.
struct Image {
  std::string name;
  std::int32_t width = 0, height = 0;
  std::vector<std::uint32_t> labels;
  std::vector<float> intensity;
  km::ObjectTable table;
  std::uint64_t object_pixels = 0;
  DeviceBuffer<km::ObjectInfo> d_objects;
  DeviceBuffer<km::RowRun> d_runs;
  DeviceBuffer<float> d_intensity;
  DeviceBuffer<cuda::ObjectMomentSums> d_sums;
  DeviceBuffer<double> d_zernike;
  cuda::TableMoments cpu;

  [[nodiscard]] km::PlaneView<float> intensity_view() const { return {intensity.data(), width, height}; }
};

constexpr std::int32_t kBandRows = 256;  // the planes are filled in parallel bands (SyntheticCells::fill_rows)

std::unique_ptr<Image> make_image(const std::string& name, const detail::SyntheticCellsSpec& spec) {
  auto image = std::make_unique<Image>();
  Image& m = *image;
  m.name = name;
  m.width = spec.width;
  m.height = spec.height;
  const detail::SyntheticCells cells(spec);
  const std::size_t pixels = std::size_t(spec.width) * std::size_t(spec.height);
  m.labels.assign(pixels, 0);
  m.intensity.assign(pixels, 0.0f);
  tbb::parallel_for(std::int32_t(0), (spec.height + kBandRows - 1) / kBandRows, [&](std::int32_t band) {
    const std::int32_t first = band * kBandRows, rows = std::min(kBandRows, spec.height - first);
    const std::size_t offset = std::size_t(first) * std::size_t(spec.width), n = std::size_t(rows) * std::size_t(spec.width);
    cells.fill_rows(first, rows, {m.labels.data() + offset, n}, {m.intensity.data() + offset, n});
  });
  m.table = km::collect_objects(m.labels.data(), m.width, m.height);
  for (const km::ObjectInfo& o : m.table.objects) m.object_pixels += o.area;

  const std::size_t objects = m.table.objects.size(), pairs = std::size_t(km::zernike_pair_count(9));
  m.cpu.zernike_pairs = pairs;
  m.cpu.shape.resize(objects);
  m.cpu.intensity.resize(objects);
  m.cpu.shape_zernike.resize(objects * pairs);
  m.cpu.intensity_zernike.resize(objects * pairs);
  const km::PlaneView<float> values = m.intensity_view();
  tbb::parallel_for(std::size_t(0), objects, [&](std::size_t i) {
    const km::BoundingBox& box = m.table.objects[i].bbox;
    m.cpu.shape[i] = km::shape_moments(box, m.table.runs_of(i));
    m.cpu.intensity[i] = km::intensity_moments(box, m.table.runs_of(i), values);
    const auto shape = km::shape_zernike(box, m.table.runs_of(i)).magnitude;
    const auto weighted = km::intensity_zernike(box, m.table.runs_of(i), values).magnitude;
    std::copy(shape.begin(), shape.end(), m.cpu.shape_zernike.begin() + std::ptrdiff_t(i * pairs));
    std::copy(weighted.begin(), weighted.end(), m.cpu.intensity_zernike.begin() + std::ptrdiff_t(i * pairs));
  });

  m.d_objects = DeviceBuffer<km::ObjectInfo>(objects);
  m.d_objects.upload(m.table.objects);
  m.d_runs = DeviceBuffer<km::RowRun>(m.table.runs.size());
  m.d_runs.upload(m.table.runs);
  m.d_intensity = DeviceBuffer<float>(pixels);
  m.d_intensity.upload(m.intensity);
  m.d_sums = DeviceBuffer<cuda::ObjectMomentSums>(objects);
  m.d_zernike = DeviceBuffer<double>(2 * objects * pairs);
  VOXFEAT_CUDA_CHECK(cudaDeviceSynchronize());
  return image;
}

using Images = std::map<std::string, std::unique_ptr<Image>>;

Images make_images() {
  Images images;
  images["cells_1024"] = make_image("cells_1024", detail::SyntheticCellsSpec{});
  detail::SyntheticCellsSpec band;
  band.width = 16384;
  band.height = 4096;
  band.cells = 50000;
  images["band_16k_4k"] = make_image("band_16k_4k", band);
  return images;
}

using Inputs = LazyInputs<Images, &make_images>;

/// Whether `gpu` agrees with the CPU (the parity tests' criteria, in short); the first disagreement in `why`.
bool agrees(const Image& m, const cuda::TableMoments& gpu, std::string& why) {
  const cuda::TableMoments& cpu = m.cpu;
  if (gpu.shape.size() != cpu.shape.size() || gpu.intensity.size() != cpu.intensity.size() ||
      gpu.shape_zernike.size() != cpu.shape_zernike.size()) {
    why = "result sizes differ";
    return false;
  }
  for (std::size_t i = 0; i < cpu.shape.size(); ++i) {
    const km::BoundingBox& box = m.table.objects[i].bbox;
    const double L = std::max(box.rows(), box.cols());
    for (const bool shape : {true, false}) {
      const km::ObjectMoments& g = shape ? gpu.shape[i] : gpu.intensity[i];
      const km::ObjectMoments& c = shape ? cpu.shape[i] : cpu.intensity[i];
      const double W = std::fabs(c.raw.v[0][0]);
      for (int r = 0; r < 4; ++r)
        for (int s = 0; s < 4; ++s) {
          const double allowed = 1e-12 * W * std::pow(L, r + s);
          if ((shape && g.raw.v[r][s] != c.raw.v[r][s]) || std::fabs(g.raw.v[r][s] - c.raw.v[r][s]) > allowed ||
              std::fabs(g.central.v[r][s] - c.central.v[r][s]) > allowed) {
            why = "label " + std::to_string(m.table.objects[i].label) + (shape ? " shape" : " intensity") +
                  " moment " + std::to_string(r) + std::to_string(s);
            return false;
          }
        }
    }
    for (std::size_t k = 0; k < cpu.zernike_pairs; ++k)
      for (const bool shape : {true, false}) {
        const double g = shape ? gpu.shape_zernike_of(i)[k] : gpu.intensity_zernike_of(i)[k];
        const double c = shape ? cpu.shape_zernike_of(i)[k] : cpu.intensity_zernike_of(i)[k];
        if (!(std::fabs(g - c) <= 1e-12 * std::max(1.0, std::fabs(c)))) {
          why = "label " + std::to_string(m.table.objects[i].label) + " Zernike " + std::to_string(k);
          return false;
        }
      }
  }
  return true;
}

void finish(benchmark::State& state, const Image& m, const cuda::TableMoments& gpu, double seconds) {
  std::string why;
  if (!agrees(m, gpu, why)) {
    state.SkipWithError(("GPU results differ from the CPU's: " + why).c_str());
    return;
  }
  double checksum = 0.0;
  for (std::size_t i = 0; i < gpu.shape.size(); ++i) {
    checksum += 1e3 * (gpu.shape[i].hu[0] + gpu.intensity[i].hu[0]);
    for (std::size_t k = 0; k < gpu.zernike_pairs; ++k)
      checksum += double(k + 1) * (gpu.shape_zernike_of(i)[k] + gpu.intensity_zernike_of(i)[k]);
  }
  const double objects = double(m.table.objects.size());
  state.SetItemsProcessed(state.iterations() * std::int64_t(objects));
  state.counters["objects"] = objects;
  state.counters["pixels"] = double(m.object_pixels);
  state.counters["Mobj/s"] = double(state.iterations()) * objects / seconds / 1e6;
  state.counters["checksum"] = checksum;
}

void device_resident(benchmark::State& state, const std::string& image_name) {
  Image& m = *Inputs::get().at(image_name);
  const std::size_t objects = m.table.objects.size();
  const km::ZernikeOptions options;
  const auto launch = [&] {
    cuda::microscopy_moment_sums_device(m.d_objects.data(), objects, m.d_runs.data(), m.d_intensity.data(), m.width,
                                        options, m.d_sums.data(), m.d_zernike.data());
  };
  const double seconds = time_on_stream(state, launch);
  std::vector<cuda::ObjectMomentSums> sums(objects);
  std::vector<double> zernike(m.d_zernike.size());
  m.d_sums.download(sums);
  m.d_zernike.download(zernike);
  VOXFEAT_CUDA_CHECK(cudaDeviceSynchronize());
  finish(state, m, cuda::finish_table_moments(sums, zernike, options.max_order, true), seconds);
}

void host_api(benchmark::State& state, const std::string& image_name) {
  const Image& m = *Inputs::get().at(image_name);
  cuda::TableMoments gpu = cuda::microscopy_moments(m.table, m.intensity_view());  // warm-up
  const double seconds =
      time_wall_clock(state, [&] { gpu = cuda::microscopy_moments(m.table, m.intensity_view()); });
  finish(state, m, gpu, seconds);
}

}  // namespace

void register_microscopy_benchmarks() {
  for (const char* image : {"cells_1024", "band_16k_4k"}) {
    register_manual(std::string("microscopy_moments/device/") + image + "/order:9", device_resident,
                    std::string(image));
    register_manual(std::string("microscopy_moments/host_api/") + image + "/order:9", host_api, std::string(image));
  }
}

void release_microscopy_inputs() { Inputs::release(); }

}  // namespace voxfeat::bench_gpu
