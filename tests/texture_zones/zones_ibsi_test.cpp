// IBSI 1 compliance of glszm (9SAK) and gldzm (VMDZ) on the digital phantom (config "dig"), through the real engine.
// Values: IBSI 1 manual chapter 3 tables (tests/data/ibsi/ibsi1_reference_values.csv), 3 significant digits; pass
// rule in support/ibsi_reference.hpp. dig settings: fixed bin size 1, linkage δ = 1, every aggregation.
#include <gtest/gtest.h>

#include <cctype>

#include "extraction/extractor.hpp"
#include "support/ibsi_reference.hpp"
#include "support/test_paths.hpp"

namespace voxfeat::test {
namespace {

const Registry& registry() {
  static const Registry r = Registry::with_builtin_families();
  return r;
}

const detail::FeatureRow& phantom_features() {
  static const detail::FeatureRow row = [] {
    const Settings settings = Settings::parse(R"(voxfeat_settings: 1
label: nonzero
discretisation: {method: fixed_bin_size, bin_size: 1, lower_bound: auto}
families:
  glszm: {linkage_distance: 1, aggregations: ["2D", "2.5D", "3D"]}
  gldzm: {linkage_distance: 1, aggregations: ["2D", "2.5D", "3D"]}
)",
                                              registry(), "test");
    return detail::extract_files(data_dir() / "ibsi/phantom.nii.gz", data_dir() / "ibsi/mask.nii.gz",
                                 LabelSelector{}, settings, registry(), {}, "IBSI digital phantom");
  }();
  return row;
}

class ZonesDigitalPhantom : public ::testing::TestWithParam<IbsiReference> {};

TEST_P(ZonesDigitalPhantom, MatchesIbsiReference) {
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

INSTANTIATE_TEST_SUITE_P(Dig, ZonesDigitalPhantom, ::testing::ValuesIn(ibsi_references("dig", {"glszm", "gldzm"})),
                         row_name);

TEST(ZonesDigitalPhantomData, CsvHasEveryZoneRow) {
  // 16 features × 3 aggregations (2D, 2.5D, 3D) per family.
  EXPECT_EQ(ibsi_references("dig", {"glszm"}).size(), 48u);
  EXPECT_EQ(ibsi_references("dig", {"gldzm"}).size(), 48u);
}

}  // namespace
}  // namespace voxfeat::test
