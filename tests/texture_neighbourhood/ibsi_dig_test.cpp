// IBSI 1 digital phantom (config "dig") through the real engine for NGTDM and NGLDM: every reference row of the two
// families, each its own test. Values: IBSI 1 manual, chapter 3 tables (tests/data/ibsi/ibsi1_reference_values.csv),
// 3 significant digits; dig settings: δ = 1, NGLDM α = 0, fixed bin size 1 (levels = the phantom's intensities).
#include <gtest/gtest.h>

#include <cctype>

#include "extraction/extractor.hpp"
#include "support/ibsi_reference.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/settings.hpp"

namespace voxfeat::test {
namespace {

const std::vector<std::string> families{"ngtdm", "ngldm"};

const Registry& registry() {
  static const Registry r = Registry::with_builtin_families();
  return r;
}

const detail::FeatureRow& phantom_features() {
  static const detail::FeatureRow row = [] {
    const Settings settings = Settings::parse(R"(
voxfeat_settings: 1
label: nonzero
discretisation: {method: fixed_bin_size, bin_size: 1, lower_bound: auto}
families:
  ngtdm: {distance: 1, aggregations: ["3D", "2.5D", "2D"]}
  ngldm: {distance: 1, coarseness: 0, aggregations: ["3D", "2.5D", "2D"]}
)",
                                              registry(), "texture_neighbourhood dig");
    return detail::extract_files(data_dir() / "ibsi/phantom.nii.gz", data_dir() / "ibsi/mask.nii.gz",
                                 LabelSelector{}, settings, registry(), {}, "IBSI digital phantom");
  }();
  return row;
}

class NeighbourhoodDig : public ::testing::TestWithParam<IbsiReference> {};

TEST_P(NeighbourhoodDig, MatchesIbsiReference) {
  const IbsiReference& ref = GetParam();
  const std::string column = column_for(ref, registry());
  ASSERT_FALSE(column.empty()) << "no output of '" << ref.family << "' has IBSI code " << ref.ibsi_code;
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

INSTANTIATE_TEST_SUITE_P(Dig, NeighbourhoodDig, ::testing::ValuesIn(ibsi_references("dig", families)), row_name);

TEST(NeighbourhoodDigData, CsvHasEveryRow) {
  // IBSI manual: (5 NGTDM + 17 NGLDM features) × 3 aggregations.
  EXPECT_EQ(ibsi_references("dig", families).size(), 66u);
}

}  // namespace
}  // namespace voxfeat::test
