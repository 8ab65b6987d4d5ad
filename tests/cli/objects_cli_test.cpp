// `voxfeat objects` as users call it: image pairs from a manifest or two folders into the store's objects table,
// every column that scikit-image's regionprops also defines equal to its reference tables (tests/reference/
// microscopy, made by scikit-image 0.19.3), bad inputs recorded as failed pairs while the batch goes on, a rerun
// skipping what is stored, and each command refusing the other's families.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "batch/manifest.hpp"
#include "support/run_command.hpp"
#include "support/test_paths.hpp"

namespace voxfeat::test {
namespace {

namespace fs = std::filesystem;

CommandResult run_cli(const std::string& arguments) { return run_command(cli_path().string() + " " + arguments); }

/// A CSV file as rows of named fields.
std::vector<std::map<std::string, std::string>> read_csv(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  const auto header = detail::split_csv_line(line, path.string());
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto fields = detail::split_csv_line(line, path.string());
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) row[header[i]] = fields[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

double number(const std::string& text) {
  if (text.empty() || text == "nan") return std::nan("");
  return std::stod(text);
}

fs::path microscopy(const std::string& file) { return data_dir() / "microscopy" / file; }

class ObjectsCli : public ::testing::Test {
 protected:
  void SetUp() override { dir = fresh_temp_dir("objects_cli"); }
  void TearDown() override { fs::remove_all(dir); }
  fs::path dir;
};

TEST_F(ObjectsCli, EveryRegionpropsColumnMatchesScikitImage) {
  // voxfeat column → regionprops column, from the descriptors as `families --json` publishes them.
  const auto families = run_cli("families --json");
  ASSERT_EQ(families.exit_code, 0) << families.output;
  std::map<std::string, std::string> skimage_of;
  for (const auto& family : nlohmann::json::parse(families.output))
    for (const auto& o : family.at("outputs"))
      if (o.contains("skimage")) skimage_of[o.at("column").get<std::string>()] = o.at("skimage").get<std::string>();
  ASSERT_GE(skimage_of.size(), 140u);

  for (const std::string image : {"shapes", "cells"}) {
    SCOPED_TRACE(image);
    const fs::path manifest = dir / (image + ".csv");
    std::ofstream(manifest) << "sample_id,intensity,labels\n"
                            << "S-" << image << "," << microscopy(image + "_intensity.tif").string() << ","
                            << microscopy(image + "_labels.tif").string() << "\n";
    const fs::path store = dir / (image + ".h5"), csv = dir / (image + "_out.csv");
    const auto r = run_cli("objects --manifest " + manifest.string() + " --out " + store.string() +
                           " --demo-key --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    ASSERT_EQ(run_cli("export " + store.string() + " --csv " + csv.string()).exit_code, 0);
    const auto ours = read_csv(csv);
    const auto reference = read_csv(source_dir() / "tests/reference/microscopy" / (image + "_regionprops.csv"));
    ASSERT_EQ(ours.size(), reference.size());
    for (const auto& [column, property] : skimage_of) {
      ASSERT_TRUE(reference.front().count(property)) << column << " names '" << property
                                                     << "', which regionprops_table does not have";
      // Tolerance: 1e-9 relative, 1e-9 of the column's largest magnitude for values that cancel (normalised moments
      // of symmetric objects are 0 up to rounding), and 1e-12 of the raw moment whose terms a central moment sums
      // (μ01 and μ10 are 0 by definition here, skimage's carry its rounding). A wrong mapping is off by O(1).
      double scale = 0.0;
      for (const auto& row : reference) scale = std::max(scale, std::fabs(number(row.at(property))));
      for (std::size_t i = 0; i < ours.size(); ++i) {
        ASSERT_EQ(ours[i].at("label"), reference[i].at("label"));
        const double want = number(reference[i].at(property)), got = number(ours[i].at(column));
        // A central moment sums terms as large as the raw moment of the same order, which sets its rounding.
        double terms = 0.0;
        for (const std::string central : {"moments_central", "moments_weighted_central"})
          if (property.rfind(central + "-", 0) == 0)
            terms = std::fabs(number(reference[i].at(central.substr(0, central.size() - 8) +
                                                     property.substr(central.size()))));
        if (std::isnan(want)) {
          EXPECT_TRUE(std::isnan(got)) << column << " label " << reference[i].at("label");
        } else {
          EXPECT_NEAR(got, want, 1e-9 * std::max(std::fabs(want), 1e-0) + 1e-9 * scale + 1e-12 * terms)
              << column << " (" << property << ") label " << reference[i].at("label");
        }
      }
    }
  }
}

TEST_F(ObjectsCli, FoldersWithBadPairsRecordFailuresGoOnAndResume) {
  const fs::path in = dir / "intensity", labels = dir / "labels";
  fs::create_directories(in);
  fs::create_directories(labels);
  fs::copy_file(microscopy("cells_intensity.tif"), in / "good.tif");
  fs::copy_file(microscopy("cells_labels.tif"), labels / "good.tif");
  fs::copy_file(microscopy("cells_intensity.tif"), in / "mismatch.tif");   // 256 × 256
  fs::copy_file(microscopy("shapes_labels.tif"), labels / "mismatch.tif");  // 160 × 128
  fs::copy_file(microscopy("cells_intensity.tif"), in / "float_labels.tif");
  fs::copy_file(microscopy("cells_intensity.tif"), labels / "float_labels.tif");
  fs::copy_file(microscopy("cells_intensity.tif"), in / "truncated.tif");
  fs::copy_file(microscopy("cells_labels.tif"), labels / "truncated.tif");
  fs::resize_file(labels / "truncated.tif", fs::file_size(labels / "truncated.tif") / 2);
  fs::copy_file(microscopy("cells_intensity.tif"), in / "no_labels.tif");
  std::ofstream(in / "ignored.txt") << "not matched by the pattern";

  const fs::path store = dir / "site.h5";
  const std::string command = "objects --intensity-dir " + in.string() + " --label-dir " + labels.string() +
                              " --pattern '*.tif' --out " + store.string() + " --demo-key";
  const auto r = run_cli(command);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("5 image pair(s)"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("1 ok, 4 failed"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("mismatch.tif: 256 × 256 pixels, but its label image"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("label image has floating-point values"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("truncated.tif"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("no_labels.tif"), std::string::npos) << r.output;

  const auto again = run_cli(command);
  EXPECT_EQ(again.exit_code, 1) << again.output;
  EXPECT_NE(again.output.find("1 skipped"), std::string::npos) << "the stored pair is not computed again\n"
                                                               << again.output;
  const auto inspect = run_cli("inspect " + store.string());
  EXPECT_NE(inspect.output.find("objects table, 40 rows (objects) of 1 images"), std::string::npos)
      << inspect.output;

  // Read in row bands, the same pairs fail for the same reasons.
  const auto streamed = run_cli("objects --intensity-dir " + in.string() + " --label-dir " + labels.string() +
                                " --out " + (dir / "streamed.h5").string() + " --demo-key --stream-above-megapixels 0");
  EXPECT_EQ(streamed.exit_code, 1) << streamed.output;
  EXPECT_NE(streamed.output.find("1 ok, 4 failed"), std::string::npos) << streamed.output;
  EXPECT_NE(streamed.output.find("mismatch.tif: 256 × 256 pixels, but its label image"), std::string::npos)
      << streamed.output;
  EXPECT_NE(streamed.output.find("label image has floating-point values"), std::string::npos) << streamed.output;
}

TEST_F(ObjectsCli, StreamedImagesGiveTheWholePlanesRows) {
  // Every image read in row bands (--stream-above-megapixels 0) gives the rows of the whole-plane path, every
  // family's columns, neighbours included: seeded synthetic cells and the reference images (a label in two distant
  // parts, objects on every border).
  ASSERT_EQ(run_cli("make-demo-data --microscopy --cases 2 --size 300 --cells 70 --out " + (dir / "data").string())
                .exit_code,
            0);
  std::ofstream(dir / "data" / "manifest.csv", std::ios::app)
      << "shapes," << microscopy("shapes_intensity.tif").string() << "," << microscopy("shapes_labels.tif").string()
      << "\n";
  std::map<std::string, std::string> csv;
  for (const std::string mode : {"whole", "streamed"}) {
    const fs::path store = dir / (mode + ".h5");
    const auto r = run_cli("objects --manifest " + (dir / "data" / "manifest.csv").string() + " --out " +
                           store.string() + " --demo-key --quiet --pixel-size-um 0.5" +
                           (mode == "streamed" ? " --stream-above-megapixels 0" : ""));
    ASSERT_EQ(r.exit_code, 0) << r.output;
    ASSERT_EQ(run_cli("export " + store.string() + " --csv " + (dir / (mode + ".csv")).string()).exit_code, 0);
    // Everything but the run's id, lines sorted: image pairs are stored in the order they finish.
    std::vector<std::string> lines;
    for (const auto& row : read_csv(dir / (mode + ".csv"))) {
      std::string line;
      for (const auto& [column, value] : row)
        if (column != "run_id") line += value + ",";
      lines.push_back(line);
    }
    std::sort(lines.begin(), lines.end());
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    csv[mode] = text;
  }
  EXPECT_GT(std::count(csv["whole"].begin(), csv["whole"].end(), '\n'), 100);
  EXPECT_TRUE(csv["streamed"] == csv["whole"]) << "streamed rows differ from the whole-plane rows";
}

TEST_F(ObjectsCli, EachCommandRefusesTheOthersFamilies) {
  const fs::path microscopy_settings = source_dir() / "settings" / "microscopy_default.yaml";
  const fs::path manifest = dir / "m.csv";
  std::ofstream(manifest) << "patient_id,image,mask\nP1,a.nii.gz,b.nii.gz\n";
  const auto extract = run_cli("extract --manifest " + manifest.string() + " --settings " +
                               microscopy_settings.string() + " --out " + (dir / "a.h5").string() + " --demo-key");
  EXPECT_EQ(extract.exit_code, 2) << extract.output;
  EXPECT_NE(extract.output.find("use it with `voxfeat objects`"), std::string::npos) << extract.output;

  const auto objects = run_cli("objects --intensity-dir " + data_dir().string() + " --label-dir " +
                               data_dir().string() + " --settings " + (source_dir() / "settings/default.yaml").string() +
                               " --out " + (dir / "b.h5").string() + " --demo-key");
  EXPECT_EQ(objects.exit_code, 2) << objects.output;
  EXPECT_NE(objects.output.find("computes ROI features, not per-object ones"), std::string::npos) << objects.output;

  const auto neither = run_cli("objects --out " + (dir / "c.h5").string() + " --demo-key");
  EXPECT_EQ(neither.exit_code, 2) << neither.output;
  EXPECT_NE(neither.output.find("give either --manifest or both --intensity-dir and --label-dir"), std::string::npos);
}

}  // namespace
}  // namespace voxfeat::test
