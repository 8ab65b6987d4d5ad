// RTSTRUCT contours → voxel mask (engine/src/io/contour_rasteriser, rules in docs/dicom-masks.md), with 1 and 2 TBB
// threads (the argument).
//   BM_ReadRtstructPhantom: read_rtstruct_mask on the IBSI CT phantom's GTV-1 (26 contours, 9661 points) onto its
//     204×201×60 grid: DCMTK parsing and the reference checks included.
//   BM_RasterisePhantom: rasterise_contours alone on the same contours and grid (contours read before timing).
//   BM_RasteriseSynthetic: a 512×512×300 grid with one seeded 200-point polygon per slice (a wobbly ring of about
//     150 voxels radius, ~70k voxels per slice).
//   BM_AllocateSyntheticMask: allocating and zero-filling that grid's mask alone, the floor of the case above.
// Timed: the whole call, including allocating and zero-filling the returned mask (2.5 MB phantom, 79 MB
// synthetic). Items are grid voxels; "contours" counts contours per second; "checksum" is the mask's voxel count so
// that a fast wrong answer shows. The phantom's files are found from this source file's location (tests/data).
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <cmath>
#include <filesystem>
#include <numbers>
#include <random>

#include "io/contour_rasteriser.hpp"
#include "io/dicom_mask.hpp"
#include "io/image_reader.hpp"
#include "io/rtstruct_contours.hpp"

namespace {

using namespace voxfeat;

const std::filesystem::path kData = std::filesystem::path(__FILE__).parent_path().parent_path() / "tests" / "data";

std::filesystem::path phantom_rtstruct() { return kData / "ct_phantom" / "dicom" / "mask" / "DCM_RS_00060.dcm"; }

/// The phantom's grid, from its NIfTI copy (the DICOM slices give the same grid: tests/dicom_masks checks that).
const Geometry& phantom_grid() {
  static const Geometry grid = io::read_image(kData / "ct_phantom" / "nifti" / "image" / "phantom.nii.gz").geometry();
  return grid;
}

std::size_t set_voxels(const Volume<std::uint8_t>& mask) {
  std::size_t n = 0;
  for (std::uint8_t v : mask.values()) n += v;
  return n;
}

void report(benchmark::State& state, const Geometry& grid, std::size_t contours, std::size_t checksum) {
  state.SetItemsProcessed(std::int64_t(state.iterations() * grid.voxel_count()));
  state.counters["contours"] =
      benchmark::Counter(double(contours) * double(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["checksum"] = double(checksum);
}

void BM_ReadRtstructPhantom(benchmark::State& state) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(0)));
  const Geometry& grid = phantom_grid();
  std::size_t checksum = 0;
  for (auto _ : state) {
    const auto mask = io::read_rtstruct_mask(phantom_rtstruct(), "GTV-1", grid, {});
    benchmark::DoNotOptimize(mask.data());
    state.PauseTiming();  // the checksum pass is not part of the measured work
    checksum = set_voxels(mask);
    state.ResumeTiming();
  }
  report(state, grid, 26, checksum);
}
BENCHMARK(BM_ReadRtstructPhantom)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_RasterisePhantom(benchmark::State& state) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(0)));
  const Geometry& grid = phantom_grid();
  const io::RtstructRoi roi = io::read_rtstruct_roi(phantom_rtstruct(), "GTV-1", {});
  std::size_t checksum = 0;
  for (auto _ : state) {
    const auto mask = io::rasterise_contours(roi.contours, grid);
    benchmark::DoNotOptimize(mask.data());
    state.PauseTiming();  // the checksum pass is not part of the measured work
    checksum = set_voxels(mask);
    state.ResumeTiming();
  }
  report(state, grid, roi.contours.size(), checksum);
}
BENCHMARK(BM_RasterisePhantom)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

/// One seeded 200-point ring per slice of a 512×512×300 grid at 0.8 × 0.8 × 2 mm.
struct SyntheticCase {
  Geometry grid;
  std::vector<io::ContourPolygon> contours;
};

const SyntheticCase& synthetic_case() {
  static const SyntheticCase c = [] {
    SyntheticCase s;
    s.grid.size = {512, 512, 300};
    s.grid.spacing = {0.8, 0.8, 2.0};
    s.grid.origin = {-204.4, -204.4, -300.0};
    std::mt19937 rng(20240611);
    std::uniform_real_distribution<double> wobble(-6.0, 6.0);
    for (std::size_t k = 0; k < s.grid.size[2]; ++k) {
      io::ContourPolygon polygon;
      polygon.number = k + 1;
      for (int v = 0; v < 200; ++v) {
        const double t = 2 * std::numbers::pi * v / 200;
        const double r = 150.0 + 20.0 * std::sin(3 * t + 0.02 * double(k)) + wobble(rng);  // voxels
        polygon.points.push_back(s.grid.index_to_physical(255.5 + r * std::cos(t), 255.5 + r * std::sin(t), double(k)));
      }
      s.contours.push_back(std::move(polygon));
    }
    return s;
  }();
  return c;
}

void BM_RasteriseSynthetic(benchmark::State& state) {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, std::size_t(state.range(0)));
  const SyntheticCase& c = synthetic_case();
  std::size_t checksum = 0;
  for (auto _ : state) {
    const auto mask = io::rasterise_contours(c.contours, c.grid);
    benchmark::DoNotOptimize(mask.data());
    state.PauseTiming();  // the checksum pass is not part of the measured work
    checksum = set_voxels(mask);
    state.ResumeTiming();
  }
  report(state, c.grid, c.contours.size(), checksum);
}
BENCHMARK(BM_RasteriseSynthetic)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

/// The floor under BM_RasteriseSynthetic: allocating and zero-filling its 79 MB mask (fresh pages each time, as
/// the allocator returns large blocks to the system), which the rasteriser does on one thread before filling.
void BM_AllocateSyntheticMask(benchmark::State& state) {
  const SyntheticCase& c = synthetic_case();
  for (auto _ : state) {
    Volume<std::uint8_t> mask(c.grid, 0);
    benchmark::DoNotOptimize(mask.data());
  }
  state.SetItemsProcessed(std::int64_t(state.iterations() * c.grid.voxel_count()));
}
BENCHMARK(BM_AllocateSyntheticMask)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
