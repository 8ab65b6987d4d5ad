// PyRadiomics parameter files read as voxfeat settings (engine/src/settings/pyradiomics_params.cpp): every setting
// PyRadiomics documents is honoured or refused by name, and columns are named as PyRadiomics names them.
#include <gtest/gtest.h>

#include "extraction/extractor.hpp"
#include "support/pyradiomics_baseline.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/settings.hpp"

namespace voxfeat::test {
namespace {

const Registry& registry() { return pyradiomics_registry(); }

TEST(PyradiomicsParams, EverySettingIsHonouredOrRefusedByName) {
  const auto refused = [](const std::string& text, const std::string& expected) {
    try {
      Settings::parse(text, registry(), "params.yaml");
      ADD_FAILURE() << "accepted: " << text;
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  };
  refused("setting: {normalize: true, removeOutliers: -3}\nfeatureClass: {firstorder: }\n",
          "setting.removeOutliers: must be a positive number of standard deviations");
  refused("setting: {resampledPixelSpacing: [2, 2, 2], interpolator: sitkLanczosWindowedSinc}\n"
          "featureClass: {firstorder: }\n",
          "setting.interpolator: the interpolator sitkLanczosWindowedSinc (sitkNearestNeighbor, sitkLinear and "
          "sitkBSpline are) is not supported yet");
  refused("setting: {resampledPixelSpacing: [2, 2]}\nfeatureClass: {firstorder: }\n", "expected three spacings");
  refused("setting: {interpolator: sitkCubic}\nfeatureClass: {firstorder: }\n", "not a SimpleITK interpolator");
  refused("imageType: {LoG: {sigma: [1.0]}}\nfeatureClass: {firstorder: }\n", "imageType.LoG");
  refused("featureClass: {glcmx: }\n", "featureClass.glcmx: not a PyRadiomics feature class");
  refused("featureClass: {firstorder: [Mean, Meen]}\n",
          "featureClass.firstorder: 'Meen' is not an output of pyradiomics_firstorder (outputs: Energy,");
  refused("featureClass: {shape: [Compactness1]}\n", "the deprecated shape feature Compactness1 is not supported");
  refused("setting: {geometryTolerance: 0.7}\nfeatureClass: {firstorder: }\n",
          "setting.geometryTolerance: must be in [0, 0.5)");
  refused("setting: {label_channel: 2}\nfeatureClass: {firstorder: }\n", "a label channel other than 0");
  refused("setting: {binwidth: 25}\nfeatureClass: {firstorder: }\n",
          "setting.binwidth: not a PyRadiomics setting");
  refused("voxelSetting: {kernelRadius: 1}\n", "voxel-based extraction");
  refused("setting: {resegmentRange: [-2, 3], resegmentMode: percent}\nfeatureClass: {firstorder: }\n",
          "setting.resegmentMode: must be absolute, relative or sigma");
}

TEST(PyradiomicsParams, ColumnsAreNamedAsPyradiomicsNamesThem) {
  const Settings s = Settings::parse("featureClass: {firstorder: }\n", registry(), "params.yaml");
  const auto columns = detail::plan_columns(s, registry());
  ASSERT_EQ(columns.size(), 18u);
  EXPECT_EQ(columns.front().name, "original_firstorder_Energy");
  EXPECT_FALSE(s.label.any_nonzero);  // PyRadiomics' default label is 1
  EXPECT_EQ(s.label.value, 1);
}

TEST(PyradiomicsParams, ListedFeaturesAloneAreComputedInTheClassOrder) {
  // featureClass {firstorder: [Median, Mean]}: two columns, in the class's order, with the baseline's values
  // (baseline_firstorder.csv, column brain1; neither depends on voxelArrayShift).
  const auto row = extract_brain1("setting: {label: 1, binWidth: 25}\nfeatureClass: {firstorder: [Median, Mean]}\n");
  ASSERT_EQ(row.columns.size(), 2u);
  EXPECT_EQ(row.columns[0].name, "original_firstorder_Mean");
  EXPECT_EQ(row.columns[1].name, "original_firstorder_Median");
  const auto baseline = pyradiomics_baseline("firstorder", "brain1");
  EXPECT_NEAR(row.values[0], baseline.at("original_firstorder_Mean"), 1e-9);
  EXPECT_NEAR(row.values[1], baseline.at("original_firstorder_Median"), 1e-9);
}

TEST(PyradiomicsParams, EachFeatureClassIsComputedOrRefusedByName) {
  // A class is computed by the family pyradiomics_<class> where one is registered, else refused by name; a file
  // without featureClass enables every class, as in PyRadiomics.
  std::size_t supported = 0;
  for (const std::string name : {"firstorder", "shape", "shape2D", "glcm", "glrlm", "glszm", "gldm", "ngtdm"}) {
    const std::string text = "setting: {force2D: true}\nfeatureClass: {" + name + ": }\n";
    if (registry().find("pyradiomics_" + name)) {
      ++supported;
      EXPECT_EQ(Settings::parse(text, registry(), "params.yaml").families.front().name, "pyradiomics_" + name);
    } else {
      try {
        Settings::parse(text, registry(), "params.yaml");
        ADD_FAILURE() << name << " accepted without a family";
      } catch (const ConfigError& e) {
        EXPECT_NE(std::string(e.what()).find("the feature class '" + name + "' is not supported yet"),
                  std::string::npos) << e.what();
      }
    }
  }
  EXPECT_EQ(supported, 8u);  // every class has its family now (issue 5)
}

TEST(PyradiomicsParams, TextureSettingsReachTheFamiliesThatDeclareThem) {
  const Settings s = Settings::parse(
      "setting: {binCount: 64, distances: [1, 2], weightingNorm: euclidean, force2D: true, force2Ddimension: 1,"
      " symmetricalGLCM: false, gldm_a: 1, voxelArrayShift: 7}\nfeatureClass: {firstorder: }\n",
      registry(), "params.yaml");
  const auto& params = s.families.front().params;
  EXPECT_EQ(params.integer("bin_count"), 64);
  EXPECT_EQ(params.real("voxel_array_shift"), 7.0);
  EXPECT_EQ(params.all().count("distances"), 0u);  // firstorder declares no texture parameter
}

TEST(PyradiomicsParams, BadTextureSettingsAreRefusedByName) {
  const auto refused = [](const std::string& setting, const std::string& expected) {
    try {
      Settings::parse("setting: {" + setting + "}\nfeatureClass: {firstorder: }\n", registry(), "params.yaml");
      ADD_FAILURE() << "accepted: " << setting;
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    }
  };
  refused("distances: [0]", "setting.distances: distances must be positive integers");
  refused("weightingNorm: chebyshev", "setting.weightingNorm: must be");
  refused("force2Ddimension: 3", "setting.force2Ddimension: must be 0, 1 or 2");
  refused("binCount: 2.5", "setting.binCount: must be a positive integer");
}

}  // namespace
}  // namespace voxfeat::test
