// External plugins (engine/src/plugin/plugin_loader.cpp): the example C plugin's values on shapes of known
// box-counting dimension, and every kind of broken plugin refused at load or contained at compute with a message
// naming it (tests/plugins/hostile/hostile_plugin.c, one module per behaviour).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "plugin/plugin_loader.hpp"
#include "support/stored_roi_context.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::test {
namespace {

std::filesystem::path hostile(const std::string& kind) {
  return std::filesystem::path(VOXFEAT_HOSTILE_PLUGIN_DIR) / ("hostile_" + kind + ".so");
}

Registry with(const std::filesystem::path& plugin) {
  Registry registry = Registry::with_builtin_families();
  detail::load_plugins({plugin}, registry);
  return registry;
}

std::string load_error(const std::filesystem::path& plugin) {
  try {
    (void)with(plugin);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(loaded)";
}

/// A 64³ array whose mask is `inside(x, y, z)`.
StoredRoiContext roi_of(bool (*inside)(std::size_t, std::size_t, std::size_t)) {
  Geometry g;
  g.size = {64, 64, 64};
  Volume<float> image(g, 100.0f);
  Volume<std::uint8_t> mask(g, 0);
  for (std::size_t z = 0; z < 64; ++z)
    for (std::size_t y = 0; y < 64; ++y)
      for (std::size_t x = 0; x < 64; ++x) mask.data()[x + 64 * (y + 64 * z)] = inside(x, y, z) ? 1 : 0;
  return StoredRoiContext(std::move(image), std::move(mask));
}

std::vector<double> run(const FamilyDescriptor& family, const RoiContext& roi,
                        std::map<std::string, std::string> params = {}) {
  std::vector<double> out(family.outputs.size(), std::nan(""));
  for (const auto& p : family.params) params.emplace(p.name, p.default_value);
  family.compute_cpu(roi, ParamValues(params), family.aggregations.front(), out);
  return out;
}

TEST(ExamplePlugin, BoxCountingDimensionOfACubeAPlaneAndALine) {
  const Registry registry = with(VOXFEAT_EXAMPLE_PLUGIN);
  const FamilyDescriptor& f = registry.at("fractal_dimension");
  EXPECT_NE(f.origin.find("sha256:"), std::string::npos) << f.origin;
  // Box sizes 1, 2, ..., 32 (half of 64): N(s) = (64/s)^3, (64/s)^2, 64/s exactly.
  const auto cube = run(f, roi_of([](std::size_t, std::size_t, std::size_t) { return true; }));
  EXPECT_NEAR(cube[0], 3.0, 1e-12);
  EXPECT_NEAR(cube[1], 1.0, 1e-12);
  EXPECT_EQ(cube[2], 6.0);
  const auto plane = run(f, roi_of([](std::size_t, std::size_t, std::size_t z) { return z == 7; }));
  EXPECT_NEAR(plane[0], 2.0, 1e-12);
  const auto line = run(f, roi_of([](std::size_t, std::size_t y, std::size_t z) { return y == 3 && z == 40; }));
  EXPECT_NEAR(line[0], 1.0, 1e-12);
  // The parameter: largest box 4 uses sizes 1, 2, 4.
  EXPECT_EQ(run(f, roi_of([](std::size_t, std::size_t, std::size_t) { return true; }), {{"largest_box", "4"}})[2], 3.0);
}

TEST(HostilePlugins, AreRefusedAtLoadNamingTheFileAndTheReason) {
  const std::map<std::string, std::string> expected = {
      {"wrong_abi", "built for plugin ABI version 42, this voxfeat has 1"},
      {"no_entry", "not a voxfeat plugin (no exported function voxfeat_plugin_init)"},
      {"refuses_init", "the plugin refused to load: licence check failed"},
      {"duplicate_output", "declares output 'first' twice"},
      {"duplicate_family", "is registered twice"},
  };
  for (const auto& [kind, message] : expected) {
    const std::string error = load_error(hostile(kind));
    EXPECT_NE(error.find(hostile(kind).string()), std::string::npos) << kind << ": " << error;
    EXPECT_NE(error.find(message), std::string::npos) << kind << ": " << error;
  }
  EXPECT_NE(load_error("/nonexistent/plugin.so").find("cannot load the plugin"), std::string::npos);
  EXPECT_THROW(detail::plugin_files({"/nonexistent/plugin.so"}, nullptr), ConfigError);
  EXPECT_THROW(detail::plugin_files({}, "/nonexistent/folder"), ConfigError);
  // A refused plugin leaves the registry as it was: the duplicate did not replace the built-in glcm.
  Registry registry = Registry::with_builtin_families();
  EXPECT_THROW(detail::load_plugins({hostile("duplicate_family")}, registry), ConfigError);
  EXPECT_EQ(registry.at("glcm").origin, "built-in");
}

TEST(HostilePlugins, ComputeFailuresFailTheCaseNamingThePlugin) {
  const StoredRoiContext roi = roi_of([](std::size_t x, std::size_t, std::size_t) { return x < 10; });
  const auto message_of = [&](const std::string& kind) -> std::string {
    const Registry registry = with(hostile(kind));
    try {
      (void)run(registry.at("hostile"), roi);
    } catch (const Error& e) {
      return e.what();
    }
    return "(no error)";
  };
  EXPECT_NE(message_of("reports_error").find("plugin family hostile"), std::string::npos);
  EXPECT_NE(message_of("reports_error").find("the lab's model file is missing"), std::string::npos);
  EXPECT_NE(message_of("short_write").find("wrote 1 of its 2 values"), std::string::npos);
  EXPECT_NE(message_of("returns_infinity").find("returned an infinite value for output 1"), std::string::npos);
  // NaN is "undefined for this ROI", as for built-in families.
  const auto nan = run(with(hostile("returns_nan")).at("hostile"), roi);
  EXPECT_EQ(nan[0], 1.0);
  EXPECT_TRUE(std::isnan(nan[1]));
  const auto good = run(with(hostile("good")).at("hostile"), roi);
  EXPECT_EQ(good, (std::vector<double>{1.0, 2.0}));
}

TEST(PluginPath, FoldersContributeTheirModulesInNameOrder) {
  const auto files = detail::plugin_files({VOXFEAT_EXAMPLE_PLUGIN}, VOXFEAT_HOSTILE_PLUGIN_DIR);
  ASSERT_GE(files.size(), 11u);
  EXPECT_EQ(files.front(), std::filesystem::path(VOXFEAT_EXAMPLE_PLUGIN));
  EXPECT_TRUE(std::is_sorted(files.begin() + 1, files.end()));
}

}  // namespace
}  // namespace voxfeat::test
