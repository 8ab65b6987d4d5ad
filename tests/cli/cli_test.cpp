// The voxfeat command as users and scripts call it: families listing (text and JSON), extract's key rules and exit
// codes, and that no raw identifier of a manifest reaches the store or the exported CSV.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <fstream>
#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "batch/manifest.hpp"
#include "extraction/device_choice.hpp"
#include "extraction/extractor.hpp"
#include "support/case_files.hpp"
#include "support/run_command.hpp"
#include "support/test_paths.hpp"

namespace voxfeat::test {
namespace {

CommandResult run_cli(const std::string& arguments, const std::string& environment = "") {
  return run_command(environment + " " + cli_path().string() + " " + arguments);
}

TEST(Cli, FamiliesJsonListsColumnsUnitsAndCodes) {
  const auto r = run_cli("families --json");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto json = nlohmann::json::parse(r.output);
  ASSERT_TRUE(json.is_array());
  std::set<std::string> names, columns;
  for (const auto& family : json) {
    names.insert(family.at("name").get<std::string>());
    EXPECT_FALSE(family.at("version").get<std::string>().empty());
    for (const auto& o : family.at("outputs")) {
      EXPECT_TRUE(columns.insert(o.at("column").get<std::string>()).second) << "duplicate column " << o.at("column");
      EXPECT_TRUE(o.contains("unit"));
      EXPECT_TRUE(o.contains("ibsi_code"));
      // Whole-ROI families have one aggregation, DHQ4; texture families list each of theirs; per-object
      // (microscopy) families have none of IBSI's.
      const std::string name = family.at("name").get<std::string>();
      const bool texture = name.rfind("gl", 0) == 0 || name.rfind("ng", 0) == 0;
      if (family.at("profile") == "microscopy")
        EXPECT_EQ(o.at("aggregation_code"), "");
      else if (texture)
        EXPECT_NE(o.at("aggregation_code"), "DHQ4");
      else
        EXPECT_EQ(o.at("aggregation_code"), "DHQ4");
    }
  }
  for (const char* f : {"morphology", "local_intensity", "intensity_statistics", "intensity_histogram",
                        "intensity_volume_histogram"})
    EXPECT_TRUE(names.count(f)) << f;
  EXPECT_TRUE(columns.count("morph_volume"));
}

TEST(Cli, FamiliesWithSettingsListsExactlyThoseColumns) {
  const auto dir = fresh_temp_dir("cli-families");
  std::ofstream(dir / "s.yaml") << "families: [intensity_statistics]\n";
  const auto r = run_cli("families --json --settings " + (dir / "s.yaml").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto json = nlohmann::json::parse(r.output);
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(json[0].at("outputs").size(), 18u);  // IBSI 1: 18 intensity statistics
  const auto text = run_cli("families");
  EXPECT_NE(text.output.find("morph_volume"), std::string::npos);
}

TEST(Cli, ExtractRefusesToRunWithoutAKey) {
  const auto dir = fresh_temp_dir("cli-key");
  const auto c = write_small_case(dir, "c");
  const auto manifest = write_manifest(dir / "m.csv", {{"P1", c.image.string(), c.mask.string(), ""}});
  const auto r = run_cli("extract --manifest " + manifest.string() + " --out " + (dir / "s.h5").string(),
                         "env -u VOXFEAT_KEY_FILE");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("key"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "s.h5"));
}

TEST(Cli, NoRawIdentifierReachesTheStoreOrTheCsv) {
  const auto dir = fresh_temp_dir("cli-ids");
  // Raw ids also appear in a folder name, so a failing case's error message (which names its file) would leak them
  // unless redacted.
  const std::vector<std::string> raw_ids{"SECRET-PATIENT-0001", "SECRET-PATIENT-0002", "SECRET-STUDY-77",
                                         "SECRET-SERIES-5"};
  std::filesystem::create_directories(dir / raw_ids[1]);
  const auto c = write_small_case(dir, "case");
  {
    std::ofstream m(dir / "m.csv");
    m << "patient_id,study_id,series_id,image,mask\n";
    m << raw_ids[0] << "," << raw_ids[2] << "," << raw_ids[3] << "," << c.image.string() << "," << c.mask.string()
      << "\n";
    m << raw_ids[1] << ",,," << (dir / raw_ids[1] / "missing.nii.gz").string() << "," << c.mask.string() << "\n";
  }
  const auto key = write_key_file(dir, "site.key");
  const auto r = run_cli("extract --quiet --manifest " + (dir / "m.csv").string() + " --out " +
                         (dir / "site.h5").string() + " --key-file " + key.string());
  EXPECT_EQ(r.exit_code, 1) << r.output;  // one case failed, one stored
  const auto e = run_cli("export " + (dir / "site.h5").string() + " --csv " + (dir / "site.csv").string());
  ASSERT_EQ(e.exit_code, 0) << e.output;
  for (const auto& file : std::filesystem::directory_iterator(dir)) {
    const auto name = file.path().filename().string();
    if (name.rfind("site.", 0) != 0 || name == "site.key") continue;  // the store, its journal if any, the CSV
    const std::string bytes = read_bytes(file.path());
    for (const auto& id : raw_ids) EXPECT_EQ(bytes.find(id), std::string::npos) << id << " found in " << name;
  }
  const auto inspect = run_cli("inspect " + (dir / "site.h5").string());
  EXPECT_EQ(inspect.exit_code, 0) << inspect.output;
  EXPECT_NE(inspect.output.find("[patient_id]"), std::string::npos) << inspect.output;
}

TEST(Cli, PyradiomicsParameterFileThroughExtract) {
  // A PyRadiomics parameter file given to --settings as it is: the store's columns carry PyRadiomics' names and the
  // values equal PyRadiomics' published brain1 baseline (tests/data/pyradiomics/baseline_firstorder.csv, column
  // "brain1": Mean 825.2354363065023, Energy 33122817481 with voxelArrayShift 2000), the same numbers the C++ API
  // gives (tests/pyradiomics).
  const auto dir = fresh_temp_dir("cli-pyradiomics");
  std::ofstream(dir / "params.yaml") << "setting:\n  binWidth: 25\n  voxelArrayShift: 2000\n  label: 1\n"
                                        "imageType:\n  Original: {}\nfeatureClass:\n  firstorder:\n";
  std::ofstream(dir / "m.csv") << "patient_id,image,mask\nbrain1,"
                               << (data_dir() / "pyradiomics/brain1_image.nrrd").string() << ","
                               << (data_dir() / "pyradiomics/brain1_label.nrrd").string() << "\n";
  const std::string common = "extract --quiet --demo-key --manifest " + (dir / "m.csv").string() + " --settings " +
                             (dir / "params.yaml").string();
  const auto r = run_cli(common + " --profile pyradiomics --out " + (dir / "p.h5").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto e = run_cli("export " + (dir / "p.h5").string() + " --csv -");
  ASSERT_EQ(e.exit_code, 0) << e.output;
  const auto lines = [&] {
    std::vector<std::string> out;
    std::string line;
    std::istringstream in(e.output);
    while (std::getline(in, line))
      if (line.rfind("patient_pseudonym", 0) == 0 || (!out.empty() && !line.empty())) out.push_back(line);
    return out;
  }();
  ASSERT_GE(lines.size(), 2u) << e.output;
  // Quoted cells (the diagnostics' tuples) hold commas.
  const auto split = [](const std::string& line) { return detail::split_csv_line(line, "export"); };
  const auto header = split(lines[0]), values = split(lines[1]);
  const auto value_of = [&](const std::string& column) {
    const auto it = std::find(header.begin(), header.end(), column);
    EXPECT_NE(it, header.end()) << column << " not in " << lines[0];
    return it == header.end() ? NAN : std::stod(values[std::size_t(it - header.begin())]);
  };
  EXPECT_NEAR(value_of("original_firstorder_Mean"), 825.2354363065023, 1e-6 * 825.2);
  EXPECT_NEAR(value_of("original_firstorder_Energy"), 33122817481.0, 1e-6 * 3.3e10);
  // PyRadiomics' diagnostics (additionalInfo, on by default) come first, as it writes them; the image hash is the
  // baseline's diagnostics_Image-original_Hash.
  const auto hash = std::find(header.begin(), header.end(), "diagnostics_Image-original_Hash");
  ASSERT_NE(hash, header.end()) << lines[0];
  EXPECT_LT(hash - header.begin(), std::find(header.begin(), header.end(), "original_firstorder_Mean") - header.begin());
  EXPECT_EQ(values[std::size_t(hash - header.begin())], "5c9ce3ca174f0f8324aa4d277e0fef82dc5ac566");
  // --profile voxfeat refuses the file rather than misreading it.
  const auto v = run_cli(common + " --profile voxfeat --out " + (dir / "v.h5").string());
  EXPECT_EQ(v.exit_code, 2) << v.output;
  EXPECT_NE(v.output.find("a PyRadiomics parameter file, but voxfeat settings were required"), std::string::npos)
      << v.output;
}

TEST(Cli, DeviceOptionFallsBackToTheCpuWithOneLine) {
  // --device cuda on a machine without a usable GPU (build machines, CI): the run succeeds on the CPU and says so
  // in one line; a device that is not auto/cpu/cuda[:N] stops the run before it starts.
  const auto dir = fresh_temp_dir("cli-device");
  const auto c = write_small_case(dir, "case");
  std::ofstream(dir / "m.csv") << "patient_id,image,mask\nP1," << c.image.string() << "," << c.mask.string() << "\n";
  const std::string common = "extract --quiet --demo-key --manifest " + (dir / "m.csv").string();
  const auto r = run_cli(common + " --device cuda --out " + (dir / "a.h5").string());
  EXPECT_EQ(r.exit_code, 0) << r.output;
  const bool gpu = detail::choose_device(detail::parse_device("cuda")).execution.backend == Backend::cuda;
  EXPECT_EQ(r.output.find("computing on the CPU") != std::string::npos, !gpu) << r.output;
  const auto bad = run_cli(common + " --device gpu --out " + (dir / "b.h5").string());
  EXPECT_EQ(bad.exit_code, 2) << bad.output;
  EXPECT_NE(bad.output.find("--device: 'gpu' is not auto, cpu, cuda or cuda:N"), std::string::npos) << bad.output;
  const auto budget = run_cli(common + " --device cuda --gpu-memory 64MiB --out " + (dir / "c.h5").string());
  EXPECT_EQ(budget.exit_code, 0) << budget.output;
  const auto bad_budget = run_cli(common + " --gpu-memory lots --out " + (dir / "d.h5").string());
  EXPECT_EQ(bad_budget.exit_code, 2) << bad_budget.output;
  EXPECT_NE(bad_budget.output.find("--gpu-memory: 'lots' is not a memory size"), std::string::npos)
      << bad_budget.output;
}

TEST(Cli, PyradiomicsDefaultSetGivesTheSameNumbersThroughTheCliAndTheApi) {
  // settings/pyradiomics/default.yaml (seven classes, 107 features) on brain1: the batch command's exported values
  // equal the C++ API's (detail::extract_files) bit for bit, column by column.
  const auto dir = fresh_temp_dir("cli-pyradiomics-parity");
  const auto settings_path = source_dir() / "settings/pyradiomics/default.yaml";
  const auto image = data_dir() / "pyradiomics/brain1_image.nrrd", mask = data_dir() / "pyradiomics/brain1_label.nrrd";
  std::ofstream(dir / "m.csv") << "patient_id,image,mask\nbrain1," << image.string() << "," << mask.string() << "\n";
  const auto r = run_cli("extract --quiet --demo-key --manifest " + (dir / "m.csv").string() + " --settings " +
                         settings_path.string() + " --out " + (dir / "p.h5").string());
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto e = run_cli("export " + (dir / "p.h5").string() + " --csv " + (dir / "p.csv").string());
  ASSERT_EQ(e.exit_code, 0) << e.output;
  std::ifstream csv(dir / "p.csv");
  std::string header_line, value_line;
  std::getline(csv, header_line);
  std::getline(csv, value_line);
  const auto header = detail::split_csv_line(header_line, "p.csv"), values = detail::split_csv_line(value_line, "p.csv");
  ASSERT_EQ(header.size(), values.size());

  const Registry registry = Registry::with_builtin_families();
  const Settings settings = Settings::load(settings_path, registry);
  const auto row = detail::extract_files(image, mask, settings.label, settings, registry);
  ASSERT_EQ(row.columns.size(), 107u);
  std::size_t compared = 0;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i].rfind("original_", 0) != 0) continue;
    ++compared;
    const double api = row.value(header[i]);
    if (std::isnan(api)) {
      EXPECT_TRUE(values[i].empty()) << header[i];
    } else {
      EXPECT_EQ(std::stod(values[i]), api) << header[i];
    }
  }
  EXPECT_EQ(compared, 107u);
}

}  // namespace
}  // namespace voxfeat::test
