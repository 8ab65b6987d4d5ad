// IBSI 1 compliance of the glcm and glrlm families on the digital phantom (config "dig"), through the real engine:
// every dig row of both families under its aggregation method. Values: IBSI 1 manual, chapter 3 tables
// (tests/data/ibsi/ibsi1_reference_values.csv), 3 significant digits; pass rule in support/ibsi_reference.hpp.
// Dig settings (IBSI 1 chapter 5): fixed bin size 1 (levels = intensities), GLCM symmetric with delta = 1.
#include <gtest/gtest.h>

#include <cctype>

#include "extraction/extractor.hpp"
#include "support/ibsi_reference.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/settings.hpp"

namespace voxfeat::test {
namespace {

const Registry& registry() {
  static const Registry r = Registry::with_builtin_families();
  return r;
}

constexpr const char* dig_settings = R"(
voxfeat_settings: 1
label: nonzero
discretisation: {method: fixed_bin_size, bin_size: 1, lower_bound: auto}
families:
  glcm: {distance: 1, symmetric: true, aggregations: [IAZD, ITBB, ZW7Z, JJUI, SUJT, BTW3]}
  glrlm: {aggregations: [IAZD, ITBB, ZW7Z, JJUI, SUJT, BTW3]}
)";

const detail::FeatureRow& phantom_features() {
  static const detail::FeatureRow row = [] {
    const Settings settings = Settings::parse(dig_settings, registry(), "glcm_glrlm dig test");
    return detail::extract_files(data_dir() / "ibsi/phantom.nii.gz", data_dir() / "ibsi/mask.nii.gz",
                                 LabelSelector{}, settings, registry(), {}, "IBSI digital phantom");
  }();
  return row;
}

class GlcmGlrlmDigitalPhantom : public ::testing::TestWithParam<IbsiReference> {};

TEST_P(GlcmGlrlmDigitalPhantom, MatchesIbsiReference) {
  const IbsiReference& ref = GetParam();
  const std::string column = column_for(ref, registry());
  ASSERT_FALSE(column.empty()) << "no output of family '" << ref.family << "' has IBSI code " << ref.ibsi_code;
  const double x = phantom_features().value(column);
  EXPECT_TRUE(ibsi_passes(x, ref)) << ref.ibsi_code << " " << ref.feature << " (" << column << "): got " << x
                                   << " (3 s.f. " << round_3_significant(x) << "), reference " << ref.value;
}

std::string row_name(const ::testing::TestParamInfo<IbsiReference>& info) {
  std::string name = info.param.family + "_" + info.param.ibsi_code + "_" + info.param.aggregation_code;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Dig, GlcmGlrlmDigitalPhantom,
                         ::testing::ValuesIn(ibsi_references("dig", {"glcm", "glrlm"})), row_name);

TEST(GlcmGlrlmDigitalPhantomData, CsvHasEveryRow) {
  // 25 GLCM features and 16 GLRLM features, each under 6 aggregation methods (IBSI 1 manual tables).
  EXPECT_EQ(ibsi_references("dig", {"glcm"}).size(), 150u);
  EXPECT_EQ(ibsi_references("dig", {"glrlm"}).size(), 96u);
}

}  // namespace
}  // namespace voxfeat::test
