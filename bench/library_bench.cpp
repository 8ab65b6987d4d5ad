// Issue 8's costs, in process:
//   BM_FamilyCall/builtin, BM_FamilyCall/plugin: one family call that writes two values, as a built-in C++
//     descriptor and through the plugin ABI (bench/plugin/noop_plugin.c): the ABI's own cost per call (views,
//     parameter arrays, checks), which a real family's work dwarfs. Wall time per call.
//   BM_Fractal/plugin: the example C plugin (fractal dimension of a 64³ mask) per call, for scale.
//   BM_Extract/engine, BM_Extract/c_api: the default settings' every family on a synthetic 200k-voxel ROI in memory,
//     by detail::extract_roi (what `voxfeat extract` runs for a case once its files are read) and by the C API's
//     voxfeat_extract_buffers (libvoxfeat.so: copying the caller's buffers, then the same engine). Issue 8's target:
//     the C API within 5 % of the engine path.
#include <benchmark/benchmark.h>

#include <cmath>
#include <map>
#include <vector>

#include "extraction/extractor.hpp"
#include "plugin/plugin_loader.hpp"
#include "support/stored_roi_context.hpp"
#include "voxfeat/registry.hpp"
#include "voxfeat/settings.hpp"
#include "voxfeat/voxfeat.h"

namespace {

using namespace voxfeat;
using voxfeat::test::StoredRoiContext;

StoredRoiContext cube_roi(std::size_t n) {
  Geometry g;
  g.size = {n, n, n};
  Volume<float> image(g, 1.0f);
  Volume<std::uint8_t> mask(g, 1);
  return StoredRoiContext(std::move(image), std::move(mask));
}

void BM_FamilyCall(benchmark::State& state, bool plugin) {
  Registry registry = Registry::with_builtin_families();
  FamilyDescriptor builtin;
  builtin.name = "noop_builtin";
  builtin.version = "1.0.0";
  builtin.column_prefix = "noop_builtin";
  builtin.outputs = {{"a", "1", "", ""}, {"b", "1", "", ""}};
  builtin.compute_cpu = [](const RoiContext& roi, const ParamValues&, const AggregationSpec&, std::span<double> out) {
    out[0] = 1.0;
    out[1] = double(roi.image().size()[0]);
  };
  registry.add(builtin);
  detail::load_plugins({VOXFEAT_NOOP_PLUGIN}, registry);
  const FamilyDescriptor& f = registry.at(plugin ? "noop" : "noop_builtin");
  const StoredRoiContext roi = cube_roi(8);
  const ParamValues params;
  std::vector<double> out(2);
  for (auto _ : state) {
    f.compute_cpu(roi, params, f.aggregations.front(), out);
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK_CAPTURE(BM_FamilyCall, builtin, false);
BENCHMARK_CAPTURE(BM_FamilyCall, plugin, true);

void BM_Fractal(benchmark::State& state) {
  Registry registry = Registry::with_builtin_families();
  detail::load_plugins({VOXFEAT_EXAMPLE_PLUGIN}, registry);
  const FamilyDescriptor& f = registry.at("fractal_dimension");
  const StoredRoiContext roi = cube_roi(64);
  const ParamValues params(std::map<std::string, std::string>{{"largest_box", "0"}});
  std::vector<double> out(f.outputs.size());
  for (auto _ : state) f.compute_cpu(roi, params, f.aggregations.front(), out);
  state.counters["dimension"] = out[0];
}
BENCHMARK(BM_Fractal)->Unit(benchmark::kMicrosecond);

/// A 200k-voxel ellipsoid in a 96 × 96 × 48 volume with textured intensities.
struct Buffers {
  std::vector<float> image;
  std::vector<std::uint8_t> mask;
  std::size_t size[3] = {96, 96, 48};
  double spacing[3] = {1.0, 1.0, 2.0};
};

const Buffers& buffers() {
  static const Buffers b = [] {
    Buffers out;
    const std::size_t n = 96 * 96 * 48;
    out.image.resize(n);
    out.mask.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double x = double(i % 96), y = double((i / 96) % 96), z = double(i / (96 * 96));
      const double dx = (x - 47.5) / 44, dy = (y - 47.5) / 40, dz = (z - 23.5) / 22;
      out.mask[i] = dx * dx + dy * dy + dz * dz <= 1.0;
      out.image[i] = float(40 + 30 * std::sin(0.31 * x) * std::cos(0.23 * y) + 2 * z);
    }
    return out;
  }();
  return b;
}

void BM_Extract(benchmark::State& state, bool c_api) {
  const Buffers& b = buffers();
  if (c_api) {
    voxfeat_extractor* x = voxfeat_extractor_create(nullptr);
    for (auto _ : state) {
      if (voxfeat_extract_buffers(x, b.image.data(), b.mask.data(), b.size, b.spacing, nullptr) != VOXFEAT_OK)
        state.SkipWithError(voxfeat_last_error(x));
    }
    state.counters["features"] = double(voxfeat_feature_count(x));
    voxfeat_extractor_destroy(x);
  } else {
    const Registry registry = Registry::with_builtin_families();
    const Settings settings = Settings::defaults(registry);
    Geometry g;
    g.size = {96, 96, 48};
    g.spacing = {1.0, 1.0, 2.0};
    Volume<float> image(g);
    Volume<std::uint8_t> mask(g);
    std::copy(b.image.begin(), b.image.end(), image.data());
    std::copy(b.mask.begin(), b.mask.end(), mask.data());
    std::size_t features = 0;
    for (auto _ : state) features = detail::extract_roi(image, mask, settings, registry).values.size();
    state.counters["features"] = double(features);
  }
}
BENCHMARK_CAPTURE(BM_Extract, engine, false)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);
BENCHMARK_CAPTURE(BM_Extract, c_api, true)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
