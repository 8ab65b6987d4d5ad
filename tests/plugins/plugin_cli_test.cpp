// Plugins as users load them: `voxfeat extract --plugin` (and VOXFEAT_PLUGIN_PATH) computes a plugin family into the
// store with the plugin's name, version, file and hash in the run's provenance; a plugin failing every case fails
// those cases, recorded, without stopping the batch; a refused plugin stops the run before it starts (exit 2); and
// the example plugin builds with the README's standalone command from the public header alone.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "store/feature_store.hpp"
#include "support/run_command.hpp"
#include "support/test_paths.hpp"

namespace voxfeat::test {
namespace {

namespace fs = std::filesystem;

CommandResult run(const std::string& command) { return run_command(command); }

class PluginCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fresh_temp_dir("plugin_cli");
    ASSERT_EQ(run(cli_path().string() + " make-demo-data --cases 2 --out " + (dir / "data").string()).exit_code, 0);
    std::ofstream(dir / "settings.yaml") << "voxfeat_settings: 1\nfamilies:\n  fractal_dimension: {largest_box: 8}\n"
                                            "  hostile: {}\n  intensity_statistics: {}\n";
    std::ofstream(dir / "example_only.yaml") << "voxfeat_settings: 1\nfamilies: {fractal_dimension: {}}\n";
  }
  void TearDown() override { fs::remove_all(dir); }
  std::string extract(const std::string& settings, const std::string& plugins, const std::string& out) const {
    return cli_path().string() + " extract --manifest " + (dir / "data" / "manifest.csv").string() + " --settings " +
           (dir / settings).string() + " --out " + (dir / out).string() + " --demo-key --quiet " + plugins;
  }
  fs::path dir;
};

TEST_F(PluginCli, PluginFamiliesReachTheStoreWithTheirProvenance) {
  const std::string plugins = std::string("--plugin ") + VOXFEAT_EXAMPLE_PLUGIN;
  const auto r = run("VOXFEAT_PLUGIN_PATH=" + std::string(VOXFEAT_HOSTILE_PLUGIN_DIR) + "/hostile_good.so " +
                     extract("settings.yaml", plugins, "site.h5"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto store = detail::FeatureStore::open_read_only(dir / "site.h5");
  const auto runs = store.runs();
  ASSERT_EQ(runs.size(), 1u);
  const std::string provenance = runs[0].family_versions.at("fractal_dimension");
  EXPECT_NE(provenance.find("1.0.0 ("), std::string::npos) << provenance;
  EXPECT_NE(provenance.find("fractal_dimension.so sha256:"), std::string::npos) << provenance;
  EXPECT_NE(runs[0].family_versions.at("hostile").find("hostile_good.so"), std::string::npos);
  const auto columns = store.columns(runs[0].settings_sha256);
  std::size_t dimension = columns.size();
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == "fractal_dimension") dimension = i;
  ASSERT_LT(dimension, columns.size());
  for (const auto& c : store.cases()) {
    ASSERT_TRUE(c.ok) << c.error;
    EXPECT_GT(c.values[dimension], 1.5) << "a solid tumour's mask";
    EXPECT_LT(c.values[dimension], 3.2);
  }
}

TEST_F(PluginCli, AFailingPluginFailsItsCasesNotTheBatch) {
  std::ofstream(dir / "hostile_only.yaml") << "voxfeat_settings: 1\nfamilies: {hostile: {}, intensity_statistics: {}}\n";
  const auto r = run(extract("hostile_only.yaml",
                             std::string("--plugin ") + VOXFEAT_HOSTILE_PLUGIN_DIR + "/hostile_reports_error.so",
                             "failing.h5"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  const auto store = detail::FeatureStore::open_read_only(dir / "failing.h5");
  ASSERT_EQ(store.cases().size(), 3u);  // the phantom and two synthetic cases, each recorded
  for (const auto& c : store.cases()) {
    EXPECT_FALSE(c.ok);
    EXPECT_NE(c.error.find("the lab's model file is missing"), std::string::npos) << c.error;
  }
}

TEST_F(PluginCli, ARefusedPluginStopsTheRunBeforeItStarts) {
  const auto r = run(extract("example_only.yaml",
                             std::string("--plugin ") + VOXFEAT_HOSTILE_PLUGIN_DIR + "/hostile_wrong_abi.so",
                             "refused.h5"));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("built for plugin ABI version 42"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(dir / "refused.h5"));
}

TEST_F(PluginCli, TheExampleBuildsWithTheReadmesStandaloneCommand) {
  const fs::path so = dir / "fractal_dimension.so";
  const fs::path root = source_dir();
  const auto build = run("cc -std=c11 -O2 -fPIC -shared -I " + (root / "engine/include").string() + " " +
                         (root / "plugins/examples/fractal_dimension/fractal_dimension.c").string() + " -o " +
                         so.string() + " -lm");
  ASSERT_EQ(build.exit_code, 0) << build.output;
  const auto listed = run(cli_path().string() + " families --plugin " + so.string());
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  EXPECT_NE(listed.output.find("fractal_dimension 1.0.0"), std::string::npos) << listed.output;
  EXPECT_NE(listed.output.find("fractal_dimension.so sha256:"), std::string::npos) << listed.output;
}

}  // namespace
}  // namespace voxfeat::test
