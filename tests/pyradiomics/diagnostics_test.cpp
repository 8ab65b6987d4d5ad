// PyRadiomics' diagnostics_* values (engine/src/extraction/pyradiomics_diagnostics.cpp) against those of its
// published brain1 baseline (tests/data/pyradiomics/baseline_*.csv, the diagnostics rows): hashes of the voxel
// arrays, geometry, bounding boxes and counts as exact text; means and centres of mass as numbers (1e-12 relative),
// because the baseline's PyRadiomics versions print some of them differently ("546" or "546.0").
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>

#include <nlohmann/json.hpp>

#include "batch/manifest.hpp"
#include "extraction/pyradiomics_diagnostics.hpp"
#include "support/pyradiomics_baseline.hpp"
#include "support/test_paths.hpp"

namespace voxfeat::test {
namespace {

/// The diagnostics rows of one baseline column.
std::map<std::string, std::string> baseline_diagnostics(const std::string& feature_class, const std::string& column) {
  const auto path = data_dir() / "pyradiomics" / ("baseline_" + feature_class + ".csv");
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  const auto header = detail::split_csv_line(line, path.string());
  const auto at = std::size_t(std::find(header.begin(), header.end(), column) - header.begin());
  std::map<std::string, std::string> values;
  while (std::getline(in, line)) {
    const auto f = detail::split_csv_line(line, path.string());
    if (f[0].rfind("diagnostics_", 0) == 0 && at < f.size() && !f[at].empty()) values[f[0]] = f[at];
  }
  return values;
}

std::vector<double> numbers(const std::string& text) {
  std::vector<double> v;
  const std::regex number(R"([-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)");
  for (std::sregex_iterator it(text.begin(), text.end(), number), end; it != end; ++it) v.push_back(std::stod(it->str()));
  return v;
}

void expect_diagnostics(const nlohmann::json& got, const std::map<std::string, std::string>& expected,
                        const std::vector<std::string>& exact, const std::vector<std::string>& numeric) {
  for (const auto& name : exact) {
    ASSERT_TRUE(expected.count(name)) << name;
    ASSERT_TRUE(got.contains(name)) << name;
    EXPECT_EQ(got[name].get<std::string>(), expected.at(name)) << name;
  }
  for (const auto& name : numeric) {
    ASSERT_TRUE(expected.count(name)) << name;
    ASSERT_TRUE(got.contains(name)) << name;
    const auto a = numbers(got[name].get<std::string>()), b = numbers(expected.at(name));
    ASSERT_EQ(a.size(), b.size()) << name;
    for (std::size_t i = 0; i < a.size(); ++i)
      EXPECT_NEAR(a[i], b[i], std::max(1e-12, 1e-12 * std::fabs(b[i]))) << name << " [" << i << "]";
  }
}

TEST(PyradiomicsDiagnostics, OriginalImageAndMaskAsInTheBaseline) {
  const auto row = extract_brain1(pyradiomics_config("brain1", "firstorder"));
  const auto got = nlohmann::json::parse(row.diagnostics);
  expect_diagnostics(got, baseline_diagnostics("glcm", "brain1_2d"),
                     {"diagnostics_Image-original_Hash", "diagnostics_Mask-original_Hash",
                      "diagnostics_Image-original_Spacing", "diagnostics_Image-original_Size",
                      "diagnostics_Mask-original_Spacing", "diagnostics_Mask-original_Size",
                      "diagnostics_Mask-original_BoundingBox", "diagnostics_Mask-original_VoxelNum",
                      "diagnostics_Mask-original_VolumeNum", "diagnostics_Image-original_Minimum",
                      "diagnostics_Image-original_Maximum", "diagnostics_Configuration_EnabledImageTypes"},
                     {"diagnostics_Image-original_Mean", "diagnostics_Mask-original_CenterOfMassIndex",
                      "diagnostics_Mask-original_CenterOfMass"});
  EXPECT_NE(got["diagnostics_Configuration_Settings"].get<std::string>().find("voxfeat_settings"),
            std::string::npos);
  EXPECT_FALSE(got["diagnostics_Versions_voxfeat"].get<std::string>().empty());
}

TEST(PyradiomicsDiagnostics, CorrectedMaskAsInTheShape2DBaseline) {
  // brain1_label_2D.nrrd, corrected onto the image's grid (correctMask): both the file's mask and the corrected one.
  const auto row = extract_brain1(pyradiomics_config("brain1_shape2D", "firstorder"), "brain1_label_2D.nrrd");
  const auto got = nlohmann::json::parse(row.diagnostics);
  expect_diagnostics(got, baseline_diagnostics("shape2D", "brain1_shape2D"),
                     {"diagnostics_Mask-original_Hash", "diagnostics_Mask-original_Size",
                      "diagnostics_Mask-original_BoundingBox", "diagnostics_Mask-original_VoxelNum",
                      "diagnostics_Mask-original_VolumeNum", "diagnostics_Mask-corrected_Size",
                      "diagnostics_Mask-corrected_BoundingBox", "diagnostics_Mask-corrected_VoxelNum",
                      "diagnostics_Mask-corrected_VolumeNum", "diagnostics_Image-original_Hash"},
                     {"diagnostics_Mask-corrected_Mean", "diagnostics_Mask-corrected_Minimum",
                      "diagnostics_Mask-corrected_Maximum", "diagnostics_Mask-corrected_CenterOfMassIndex",
                      "diagnostics_Mask-corrected_CenterOfMass", "diagnostics_Mask-original_CenterOfMass",
                      "diagnostics_Mask-original_CenterOfMassIndex"});
}

TEST(PyradiomicsDiagnostics, NotWrittenWhenAdditionalInfoIsOff) {
  const auto row = extract_brain1("setting: {additionalInfo: false}\nfeatureClass: {firstorder: }\n");
  EXPECT_TRUE(row.diagnostics.empty());
}

TEST(PyradiomicsDiagnostics, FloatsAreWrittenAsPythonReprWritesThem) {
  using detail::python_float_repr;
  EXPECT_EQ(python_float_repr(0.7812499999999999), "0.7812499999999999");
  EXPECT_EQ(python_float_repr(385.6564080810547), "385.6564080810547");
  EXPECT_EQ(python_float_repr(3057.0), "3057.0");
  EXPECT_EQ(python_float_repr(1e-5), "1e-05");
  EXPECT_EQ(python_float_repr(0.0001), "0.0001");
  EXPECT_EQ(python_float_repr(-2.5e16), "-2.5e+16");
  EXPECT_EQ(python_float_repr(1e16), "1e+16");
  EXPECT_EQ(python_float_repr(123456789012345.6), "123456789012345.6");
  EXPECT_EQ(python_float_repr(0.0), "0.0");
}

}  // namespace
}  // namespace voxfeat::test
