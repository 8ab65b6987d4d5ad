// Settings: defaults, strict parsing (a misspelt key is an error), canonical text and its hash.
#include <gtest/gtest.h>

#include "extraction/extractor.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/registry.hpp"
#include "voxfeat/settings.hpp"

namespace voxfeat::test {
namespace {

Registry test_registry() {
  Registry r;
  FamilyDescriptor f;
  f.name = "toy";
  f.version = "1.0.0";
  f.column_prefix = "toy";
  f.params = {{"radius", ParamType::real, "1.5", "a real parameter"},
              {"mode", ParamType::text, "fast", "a choice", {"fast", "exact"}},
              {"limit", ParamType::real, "auto", "auto or a number"},
              {"steps", ParamType::integer, "2", "an integer in 1..8", {}, 1, 8}};
  f.outputs = {{"one", "1", "", "first"}, {"two", "mm", "", "second"}};
  f.aggregations = {{"3D, averaged", "ITBB", "3d_avg"}, {"3D, merged", "IAZD", "3d_mrg"}};
  f.compute_cpu = [](const RoiContext&, const ParamValues&, const AggregationSpec&, std::span<double>) {};
  r.add(f);
  return r;
}

TEST(Settings, DefaultsEnableEveryFamilyWithDefaultParameters) {
  const auto s = Settings::defaults(test_registry());
  ASSERT_EQ(s.families.size(), 1u);
  EXPECT_EQ(s.families[0].params.real("radius"), 1.5);
  EXPECT_EQ(s.families[0].aggregations.size(), 1u);
  EXPECT_TRUE(s.label.any_nonzero);
}

TEST(Settings, ParsesParametersAggregationsAndDiscretisation) {
  const auto s = Settings::parse(R"(
label: 2
discretisation: {method: fixed_bin_size, bin_size: 25, lower_bound: -1000}
families:
  toy: {radius: 3, mode: exact, aggregations: [IAZD, "3D, averaged"]}
)",
                                 test_registry(), "inline");
  EXPECT_EQ(s.label.value, 2);
  EXPECT_EQ(s.discretisation.method, DiscretisationMethod::fixed_bin_size);
  EXPECT_EQ(*s.discretisation.lower_bound, -1000.0);
  EXPECT_EQ(s.families[0].params.real("radius"), 3.0);
  EXPECT_EQ(s.families[0].params.text("mode"), "exact");
  ASSERT_EQ(s.families[0].aggregations.size(), 2u);
  EXPECT_EQ(s.families[0].aggregations[0].ibsi_code, "ITBB");  // the family's order, not the file's
}

TEST(Settings, RefusesUnknownKeysFamiliesParametersAndBadValues) {
  const auto registry = test_registry();
  const auto expect_error = [&](const char* yaml, const char* needle) {
    try {
      (void)Settings::parse(yaml, registry, "s.yaml");
      ADD_FAILURE() << "accepted: " << yaml;
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("s.yaml"), std::string::npos) << e.what();
    }
  };
  expect_error("discretisaton: {}", "unknown setting 'discretisaton'");
  expect_error("families: [nope]", "unknown feature family 'nope'");
  expect_error("families: {toy: {radus: 2}}", "unknown setting 'radus'");
  expect_error("families: {toy: {radius: abc}}", "must be a number");
  expect_error("families: {toy: {mode: slow}}", "must be one of");
  expect_error("families: {toy: {steps: 9}}", "families.toy.steps: must be in 1..8, got 9");
  expect_error("families: {toy: {steps: 0}}", "must be in 1..8");
  expect_error("families: {toy: {aggregations: [2D]}}", "not an aggregation");
  expect_error("discretisation: {bin_number: 0}", "bin_number");
  expect_error("label: 0", "label 0");
  expect_error("label: [1", "not valid YAML");
}

TEST(Settings, CanonicalTextRoundTripsAndHashIgnoresFormatting) {
  const auto registry = test_registry();
  const auto a = Settings::parse("families: {toy: {radius: 3.0}}", registry, "a");
  const auto b = Settings::parse("# comment\nfamilies:\n  toy:\n    radius: 3\n    mode: fast\n", registry, "b");
  EXPECT_EQ(a.canonical_text(), b.canonical_text());
  EXPECT_EQ(a.sha256(), b.sha256());
  EXPECT_EQ(a.sha256().size(), 64u);
  const auto c = Settings::parse(a.canonical_text(), registry, "canonical");
  EXPECT_EQ(c.canonical_text(), a.canonical_text());
  const auto d = Settings::parse("families: {toy: {radius: 3.5}}", registry, "d");
  EXPECT_NE(a.sha256(), d.sha256());
}

TEST(Settings, OutputsSelectColumnsInTheFamilysOrder) {
  const auto registry = test_registry();
  const auto all = Settings::parse("families: {toy: {}}", registry, "all");
  const auto two = Settings::parse("families: {toy: {outputs: [two]}}", registry, "two");
  EXPECT_TRUE(all.families.front().outputs.empty());
  EXPECT_EQ(two.families.front().outputs, std::vector<std::string>{"two"});
  EXPECT_NE(all.sha256(), two.sha256());
  // The canonical text names a selection only when there is one, so full runs keep their settings hashes.
  EXPECT_EQ(all.canonical_text().find("outputs"), std::string::npos);
  EXPECT_EQ(Settings::parse(two.canonical_text(), registry, "canonical").sha256(), two.sha256());
  const auto columns = detail::plan_columns(two, registry);
  ASSERT_EQ(columns.size(), 1u);  // one output × one (default) aggregation
  EXPECT_EQ(columns.front().name, "toy_two_3d_avg");
  const auto both = Settings::parse("families: {toy: {outputs: [two, one]}}", registry, "both");
  EXPECT_EQ(both.families.front().outputs, (std::vector<std::string>{"one", "two"}));
  try {
    Settings::parse("families: {toy: {outputs: [three]}}", registry, "bad");
    ADD_FAILURE() << "accepted an unknown output";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("bad: families.toy.outputs: 'three' is not an output of toy (outputs: one, "
                                         "two)"),
              std::string::npos)
        << e.what();
  }
}

TEST(Settings, ShippedFilesParseWithTheBuiltinFamilies) {
  const auto registry = Registry::with_builtin_families();
  for (const char* file : {"settings/default.yaml", "settings/ibsi/digital_phantom.yaml"}) {
    SCOPED_TRACE(file);
    const auto s = Settings::load(source_dir() / file, registry);
    // Both enable every built-in IBSI family (PyRadiomics-profile families come only from PyRadiomics files).
    std::size_t ibsi_families = 0;
    for (const auto* f : registry.families()) ibsi_families += f->profile == "ibsi" ? 1 : 0;
    EXPECT_EQ(s.families.size(), ibsi_families);
    EXPECT_GE(ibsi_families, 11u);
  }
  // The shipped default file spells out exactly the built-in defaults.
  EXPECT_EQ(Settings::load(source_dir() / "settings/default.yaml", registry).sha256(),
            Settings::defaults(registry).sha256());
}

}  // namespace
}  // namespace voxfeat::test
