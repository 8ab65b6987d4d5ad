// PyRadiomics-compatible mode, first slice: a PyRadiomics parameter file read as voxfeat settings, and the
// firstorder class on PyRadiomics' brain1 test case against PyRadiomics' published baseline
// (tests/data/pyradiomics/baseline_firstorder.csv, from AIM-Harvard/pyradiomics data/baseline; README there).
// Tolerance: 1e-6 relative with an absolute floor of 1e-12 (issue 5).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>

#include "batch/manifest.hpp"
#include "extraction/extractor.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::test {
namespace {

const Registry& registry() {
  static const Registry r = Registry::with_builtin_families();
  return r;
}

/// feature name → value, for one column (configuration) of the baseline CSV.
std::map<std::string, double> baseline(const std::string& column) {
  const auto path = data_dir() / "pyradiomics/baseline_firstorder.csv";
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  const auto header = detail::split_csv_line(line, path.string());
  const auto at = std::find(header.begin(), header.end(), column) - header.begin();
  std::map<std::string, double> values;
  while (std::getline(in, line)) {
    const auto f = detail::split_csv_line(line, path.string());
    if (f[0].rfind("original_firstorder_", 0) == 0) values[f[0]] = std::stod(f[std::size_t(at)]);
  }
  return values;
}

detail::FeatureRow extract(const std::string& params) {
  const Settings settings = Settings::parse(params, registry(), "params.yaml");
  return detail::extract_files(data_dir() / "pyradiomics/brain1_image.nrrd",
                               data_dir() / "pyradiomics/brain1_label.nrrd", settings.label, settings, registry());
}

void expect_baseline(const detail::FeatureRow& row, const std::string& column) {
  const auto expected = baseline(column);
  ASSERT_EQ(expected.size(), 18u) << column;
  for (const auto& [name, value] : expected) {
    const double x = row.value(name);
    EXPECT_NEAR(x, value, std::max(1e-12, 1e-6 * std::fabs(value))) << column << " " << name;
  }
}

TEST(PyradiomicsFirstOrder, DefaultConfiguration) {
  // The baseline's settings for column "brain1" (its diagnostics_Configuration_Settings row).
  const auto row = extract(R"(
setting:
  binWidth: 25
  voxelArrayShift: 2000
  label: 1
  minimumROIDimensions: 1
  distances: [1]
  additionalInfo: true
  force2D: false
  resampledPixelSpacing:
  normalize: false
imageType:
  Original: {}
featureClass:
  firstorder:
)");
  expect_baseline(row, "brain1");
}

TEST(PyradiomicsFirstOrder, SigmaResegmentation) {
  // Column "brain1_resegmentation": resegmentMode sigma, resegmentRange [-3, 3], PyRadiomics' defaults otherwise
  // (binWidth 25, voxelArrayShift 0, minimumROIDimensions 2).
  const auto row = extract(R"(
setting:
  label: 1
  resegmentRange: [-3, 3]
  resegmentMode: sigma
  interpolator: sitkBSpline
  minimumROIDimensions: 2
featureClass:
  firstorder: []
)");
  expect_baseline(row, "brain1_resegmentation");
}

TEST(PyradiomicsFirstOrder, WholeImageNormalisation) {
  // Column "brain1_normalization": normalize over the whole image, normalizeScale 100, binWidth 5.
  const auto row = extract(R"(
setting:
  label: 1
  normalize: true
  normalizeScale: 100
  binWidth: 5
  minimumROIDimensions: 2
featureClass:
  firstorder:
)");
  expect_baseline(row, "brain1_normalization");
}

TEST(PyradiomicsParams, EverySettingIsHonouredOrRefusedByName) {
  const auto refused = [](const std::string& text, const std::string& expected) {
    try {
      Settings::parse(text, registry(), "params.yaml");
      ADD_FAILURE() << "accepted: " << text;
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  };
  refused("setting: {normalize: true, removeOutliers: 3}\nfeatureClass: {firstorder: }\n",
          "removing outliers while normalising is not supported yet");
  refused("setting: {resampledPixelSpacing: [2, 2, 2]}\nfeatureClass: {firstorder: }\n",
          "resampling is not supported yet");
  refused("imageType: {LoG: {sigma: [1.0]}}\nfeatureClass: {firstorder: }\n", "imageType.LoG");
  refused("featureClass: {glcm: }\n", "featureClass.glcm: the feature class 'glcm' is not supported yet");
  refused("featureClass: {firstorder: [Mean]}\n", "choosing single features");
  refused("setting: {binwidth: 25}\nfeatureClass: {firstorder: }\n",
          "setting.binwidth: not a PyRadiomics setting");
  refused("voxelSetting: {kernelRadius: 1}\n", "voxel-based extraction");
  refused("setting: {label: 1}\n", "featureClass.glcm");  // no featureClass: every class, some not supported yet
  refused("setting: {resegmentRange: [-2, 3], resegmentMode: sigma}\nfeatureClass: {firstorder: }\n",
          "asymmetric sigma range");
}

TEST(PyradiomicsParams, ColumnsAreNamedAsPyradiomicsNamesThem) {
  const Settings s = Settings::parse("featureClass: {firstorder: }\n", registry(), "params.yaml");
  const auto columns = detail::plan_columns(s, registry());
  ASSERT_EQ(columns.size(), 18u);
  EXPECT_EQ(columns.front().name, "original_firstorder_Energy");
  EXPECT_FALSE(s.label.any_nonzero);  // PyRadiomics' default label is 1
  EXPECT_EQ(s.label.value, 1);
}

}  // namespace
}  // namespace voxfeat::test
