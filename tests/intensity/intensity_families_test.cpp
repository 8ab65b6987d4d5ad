// The four intensity families as registered (descriptor + compute function), on the IBSI 1 digital phantom and on
// degenerate ROIs. Values: IBSI 1 reference values, config "dig" (tests/data/ibsi/ibsi1_reference_values.csv, the
// manual's chapter 3 tables), passed when the value rounded to 3 significant digits equals the reference.
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "intensity_histogram/compute.hpp"
#include "intensity_statistics/compute.hpp"
#include "intensity_volume_histogram/compute.hpp"
#include "local_intensity/compute.hpp"
#include "phantom_fixture.hpp"
#include "support/ibsi_reference.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {
void register_local_intensity(Registry& registry);
void register_intensity_statistics(Registry& registry);
void register_intensity_histogram(Registry& registry);
void register_intensity_volume_histogram(Registry& registry);
}  // namespace voxfeat::plugins

namespace voxfeat::test {
namespace {

const std::vector<std::string> kFamilies{"local_intensity", "intensity_statistics", "intensity_histogram",
                                         "intensity_volume_histogram"};

// Only these four families, so that this test does not depend on the rest of the built-in set.
const Registry& intensity_registry() {
  static const Registry r = [] {
    Registry registry;
    plugins::register_local_intensity(registry);
    plugins::register_intensity_statistics(registry);
    plugins::register_intensity_histogram(registry);
    plugins::register_intensity_volume_histogram(registry);
    return registry;
  }();
  return r;
}

ParamValues defaults(const FamilyDescriptor& family, std::map<std::string, std::string> overrides = {}) {
  std::map<std::string, std::string> values;
  for (const ParamSpec& p : family.params) values[p.name] = p.default_value;
  for (auto& [k, v] : overrides) values[k] = v;
  return ParamValues(values);
}

std::vector<double> compute(const std::string& family_name, const RoiContext& roi,
                            std::map<std::string, std::string> overrides = {}) {
  const FamilyDescriptor& family = intensity_registry().at(family_name);
  std::vector<double> out(family.outputs.size(), std::numeric_limits<double>::quiet_NaN());
  family.compute_cpu(roi, defaults(family, std::move(overrides)), family.aggregations.front(), out);
  return out;
}

double output(const std::string& family_name, const std::vector<double>& values, const std::string& name) {
  const FamilyDescriptor& family = intensity_registry().at(family_name);
  for (std::size_t i = 0; i < family.outputs.size(); ++i)
    if (family.outputs[i].name == name) return values[i];
  ADD_FAILURE() << family_name << " has no output " << name;
  return std::numeric_limits<double>::quiet_NaN();
}

TEST(IntensityFamilies, DescriptorsMatchTheComputeSlots) {
  EXPECT_EQ(intensity_registry().at("local_intensity").outputs.size(), std::size_t(plugins::local_intensity::output_count));
  EXPECT_EQ(intensity_registry().at("intensity_statistics").outputs.size(),
            std::size_t(plugins::intensity_statistics::output_count));
  EXPECT_EQ(intensity_registry().at("intensity_histogram").outputs.size(),
            std::size_t(plugins::intensity_histogram::output_count));
  EXPECT_EQ(intensity_registry().at("intensity_volume_histogram").outputs.size(),
            std::size_t(plugins::intensity_volume_histogram::output_count));
  const std::set<std::string> units{"mm", "mm^2", "mm^3", "mm^-1", "intensity", "intensity^2", "intensity^2 mm^3",
                                    "count", "1"};
  for (const auto* family : intensity_registry().families())
    for (const OutputSpec& o : family->outputs) {
      EXPECT_TRUE(units.count(o.unit)) << family->name << "." << o.name << ": unit '" << o.unit << "'";
      EXPECT_EQ(o.ibsi_code.size(), 4u) << family->name << "." << o.name;
      EXPECT_FALSE(o.doc.empty()) << family->name << "." << o.name;
    }
}

class DigitalPhantomIntensity : public ::testing::TestWithParam<IbsiReference> {};

TEST_P(DigitalPhantomIntensity, MatchesIbsiReference) {
  const IbsiReference& ref = GetParam();
  const FamilyDescriptor& family = intensity_registry().at(ref.family);
  const std::string column = column_for(ref, intensity_registry());
  ASSERT_FALSE(column.empty()) << "no output of " << ref.family << " has IBSI code " << ref.ibsi_code;
  // dig settings: IVH G = [1, 6], w = 1 = the defaults (discretisation none, auto range = ROI min/max).
  const std::vector<double> values = compute(ref.family, digital_phantom());
  double x = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < family.outputs.size(); ++i)
    if (column_name(family, family.outputs[i], family.aggregations.front()) == column) x = values[i];
  EXPECT_TRUE(ibsi_passes(x, ref)) << ref.ibsi_code << " " << ref.feature << " (" << column << "): got " << x
                                   << ", reference " << ref.value;
}

std::string row_name(const ::testing::TestParamInfo<IbsiReference>& info) {
  std::string name = info.param.family + "_" + info.param.ibsi_code + "_" + std::to_string(info.index);
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Dig, DigitalPhantomIntensity, ::testing::ValuesIn(ibsi_references("dig", kFamilies)),
                         row_name);

TEST(IntensityFamilies, EveryDigRowIsChecked) {
  // 2 local intensity + 18 statistics + 23 histogram + 6 IVH (area under the curve has no reference value).
  EXPECT_EQ(ibsi_references("dig", kFamilies).size(), 49u);
}

// A ROI of `voxels` voxels of value `value` in a 9 × 9 × 9 image of zeros (2 mm).
SimpleRoiContext flat_roi(std::size_t voxels, float value) {
  Geometry g;
  g.size = {9, 9, 9};
  g.spacing = {2.0, 2.0, 2.0};
  Volume<float> image(g, 0.0f);
  Volume<std::uint8_t> mask(g, 0);
  for (std::size_t i = 0; i < voxels; ++i) {
    const std::size_t k = image.linear_index(4 + i % 2, 4 + (i / 2) % 2, 4 + i / 4);
    image.data()[k] = value;
    mask.data()[k] = 1;
  }
  return SimpleRoiContext(std::move(image), std::move(mask));
}

TEST(IntensityFamilies, SingleVoxelAndFlatRoisAreDefinedOrNan) {
  for (const std::size_t voxels : {1u, 8u}) {
    const SimpleRoiContext roi = flat_roi(voxels, 5.0f);
    SCOPED_TRACE(std::to_string(voxels) + " voxel(s)");
    const auto stat = compute("intensity_statistics", roi);
    EXPECT_EQ(output("intensity_statistics", stat, "mean"), 5.0);
    EXPECT_EQ(output("intensity_statistics", stat, "skewness"), 0.0);
    EXPECT_EQ(output("intensity_statistics", stat, "kurtosis"), 0.0);
    EXPECT_EQ(output("intensity_statistics", stat, "robust_mean_absolute_deviation"), 0.0);
    EXPECT_EQ(output("intensity_statistics", stat, "energy"), 25.0 * double(voxels));

    const auto ih = compute("intensity_histogram", roi);  // one level: Ng = 1
    EXPECT_EQ(output("intensity_histogram", ih, "mean"), 1.0);
    EXPECT_EQ(output("intensity_histogram", ih, "entropy"), 0.0);
    EXPECT_EQ(output("intensity_histogram", ih, "uniformity"), 1.0);
    EXPECT_TRUE(std::isnan(output("intensity_histogram", ih, "max_histogram_gradient")));

    const auto ivh = compute("intensity_volume_histogram", roi);  // G = [5, 5]
    EXPECT_TRUE(std::isnan(output("intensity_volume_histogram", ivh, "v10")));
    EXPECT_TRUE(std::isnan(output("intensity_volume_histogram", ivh, "i90")));
    EXPECT_EQ(output("intensity_volume_histogram", ivh, "area_under_curve"), 0.0);

    // The sphere (2 mm: 123 voxels) around the ROI voxels holds the ROI and zeros: defined, below 5.
    const auto loc = compute("local_intensity", roi);
    EXPECT_NEAR(output("local_intensity", loc, "peak_global"), 5.0 * double(voxels) / 123.0, 1e-12);
    EXPECT_GE(output("local_intensity", loc, "peak_global"), output("local_intensity", loc, "peak_local"));
  }
}

TEST(IntensityFamilies, IvhParametersAreCheckedAndUsed) {
  const SimpleRoiContext& roi = digital_phantom();
  EXPECT_THROW(compute("intensity_volume_histogram", roi, {{"discretisation", "fixed"}}), ConfigError);
  EXPECT_THROW(compute("intensity_volume_histogram", roi, {{"bin_size", "0"}}), ConfigError);
  EXPECT_THROW(compute("intensity_volume_histogram", roi, {{"bin_number", "0"}}), ConfigError);
  EXPECT_THROW(compute("intensity_volume_histogram", roi, {{"range_min", "7"}, {"range_max", "2"}}), ConfigError);
  EXPECT_THROW(compute("intensity_volume_histogram", roi, {{"range_min", "low"}}), ConfigError);
  // An explicit G = [1, 6] is the dig configuration: same as auto.
  const auto given = compute("intensity_volume_histogram", roi, {{"range_min", "1"}, {"range_max", "6"}});
  EXPECT_NEAR(output("intensity_volume_histogram", given, "v10"), 24.0 / 74.0, 1e-12);  // manual IVH table
  // Fixed bin number 6 over [1, 6] puts 1, 3, 4, 6 into bins 1, 3, 4, 6 (README: same result as the dig config).
  const auto fbn = compute("intensity_volume_histogram", roi, {{"discretisation", "fixed_bin_number"}, {"bin_number", "6"}});
  EXPECT_EQ(output("intensity_volume_histogram", fbn, "i10"), 5.0);
  EXPECT_EQ(output("intensity_volume_histogram", fbn, "i90"), 2.0);
  EXPECT_NEAR(output("intensity_volume_histogram", fbn, "v90"), 7.0 / 74.0, 1e-12);
}

}  // namespace
}  // namespace voxfeat::test
