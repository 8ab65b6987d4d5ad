// libvoxfeat as pipelines use it: the C program (tests/capi/c_consumer.c, linked against libvoxfeat.so) and the
// Python ctypes example (docs/python/voxfeat_ctypes.py) get the engine's values bit for bit on the same ROI, the C
// API reports each error with its status and message and stays usable, only the voxfeat_* functions are exported,
// and an installed package works for a CMake project (find_package, C++ API, threads) and for pkg-config.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "extraction/extractor.hpp"
#include "support/run_command.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/registry.hpp"
#include "voxfeat/settings.hpp"
#include "voxfeat/voxfeat.h"

namespace voxfeat::test {
namespace {

struct Printed {
  std::map<std::string, std::pair<std::string, double>> features;  ///< name → (unit, value)
  std::vector<std::string> order;
  std::map<std::string, std::pair<int, std::string>> statuses;    ///< "status" lines: what → (code, message)
};

Printed parse(const std::string& output) {
  Printed p;
  std::istringstream in(output);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::istringstream fields(line);
    std::string field;
    while (std::getline(fields, field, '\t')) f.push_back(field);
    if (f.size() >= 3 && f[0] == "status") {  // an empty message leaves no fourth field
      p.statuses[f[1]] = {std::stoi(f[2]), f.size() > 3 ? f[3] : ""};
    } else if (f.size() == 3 && f[0] != "version") {
      p.features[f[0]] = {f[1], f[2] == "nan" ? std::nan("") : std::stod(f[2])};
      p.order.push_back(f[0]);
    }
  }
  return p;
}

/// The C program's ROI (tests/capi/c_consumer.c), extracted by the engine directly.
detail::FeatureRow engine_row() {
  Geometry g;
  g.size = {40, 36, 20};
  g.spacing = {0.8, 0.8, 2.0};
  Volume<float> image(g);
  Volume<std::uint8_t> mask(g);
  for (std::size_t z = 0; z < 20; ++z)
    for (std::size_t y = 0; y < 36; ++y)
      for (std::size_t x = 0; x < 40; ++x) {
        const std::size_t i = x + 40 * (y + 36 * z);
        const double dx = (double(x) - 19.5) / 14.0, dy = (double(y) - 17.5) / 11.0, dz = (double(z) - 9.5) / 7.0;
        mask.data()[i] = dx * dx + dy * dy + dz * dz <= 1.0;
        image.data()[i] = float(40.0 + 3.0 * double(x) - 2.0 * double(y) + 5.0 * double(z) +
                                25.0 * std::sin(0.7 * double(x)) * std::cos(0.5 * double(y)));
      }
  const Registry registry = Registry::with_builtin_families();
  return detail::extract_roi(image, mask, Settings::defaults(registry), registry);
}

void expect_engine_values(const Printed& p, const std::string& who) {
  const detail::FeatureRow row = engine_row();
  ASSERT_EQ(p.order.size(), row.columns.size()) << who;
  for (std::size_t i = 0; i < row.columns.size(); ++i) {
    ASSERT_EQ(p.order[i], row.columns[i].name) << who;
    const auto& [unit, value] = p.features.at(row.columns[i].name);
    EXPECT_EQ(unit, row.columns[i].unit) << who << " " << row.columns[i].name;
    if (std::isnan(row.values[i])) {
      EXPECT_TRUE(std::isnan(value)) << who << " " << row.columns[i].name;
    } else {
      EXPECT_EQ(value, row.values[i]) << who << " " << row.columns[i].name;
    }
  }
}

TEST(CApi, ACProgramGetsTheEnginesValuesAndItsErrors) {
  const auto r = run_command(VOXFEAT_C_CONSUMER);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const Printed p = parse(r.output);
  expect_engine_values(p, "C program");
  EXPECT_EQ(p.statuses.at("empty_mask").first, VOXFEAT_ERROR_INPUT);
  EXPECT_NE(p.statuses.at("empty_mask").second.find("mask"), std::string::npos) << p.statuses.at("empty_mask").second;
  EXPECT_EQ(p.statuses.at("null_buffers").first, VOXFEAT_ERROR_ARGUMENT);
  EXPECT_EQ(p.statuses.at("missing_file").first, VOXFEAT_ERROR_INPUT);
  EXPECT_NE(p.statuses.at("missing_file").second.find("/nonexistent/ct.nii.gz"), std::string::npos);
  EXPECT_EQ(p.statuses.at("count_after_failure").first, 0) << "a failed call leaves no stale features";
  EXPECT_EQ(p.statuses.at("again").first, VOXFEAT_OK) << "the handle stays usable after errors";
  EXPECT_EQ(p.statuses.at("again").second, "");
  EXPECT_EQ(p.statuses.at("bad_settings").first, VOXFEAT_ERROR_SETTINGS);
  EXPECT_NE(p.statuses.at("bad_settings").second.find("no_such_family"), std::string::npos);
  EXPECT_EQ(p.statuses.at("bad_settings_extract").first, VOXFEAT_ERROR_SETTINGS);
}

TEST(CApi, ThePythonCtypesExampleGetsTheSameValues) {
  const auto r = run_command("python3 " + (source_dir() / "docs/python/voxfeat_ctypes.py").string() + " " +
                             VOXFEAT_SHARED_LIBRARY);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  expect_engine_values(parse(r.output), "Python ctypes");
}

TEST(CApi, OnlyTheApiIsExported) {
  const auto r = run_command(std::string("nm -D --defined-only ") + VOXFEAT_SHARED_LIBRARY);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::istringstream in(r.output);
  std::string line;
  std::size_t api = 0;
  while (std::getline(in, line)) {
    const std::string symbol = line.substr(line.rfind(' ') + 1);
    EXPECT_EQ(symbol.rfind("voxfeat_", 0), 0u) << "exported: " << symbol;
    ++api;
  }
  EXPECT_EQ(api, 14u);
}

TEST(CApi, AnInstalledPackageServesCMakeAndPkgConfigConsumers) {
  const auto r = run_command("bash " + (source_dir() / "tests/capi/install_consumer.sh").string() + " " +
                             VOXFEAT_BUILD_DIR + " " + source_dir().string() + " " +
                             (fresh_temp_dir("capi_install") / "scratch").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("ok "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("install consumer: ok"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace voxfeat::test
