// PyRadiomics-compatible mode: the firstorder class on PyRadiomics' brain1 test case against PyRadiomics' published
// baseline (tests/data/pyradiomics/baseline_firstorder.csv, from AIM-Harvard/pyradiomics data/baseline; README
// there). Tolerance: 1e-6 relative with an absolute floor of 1e-12 (issue 5).
#include <gtest/gtest.h>

#include "support/pyradiomics_baseline.hpp"

namespace voxfeat::test {
namespace {

class PyradiomicsFirstOrder : public testing::TestWithParam<std::string> {};

TEST_P(PyradiomicsFirstOrder, MatchesBaseline) {
  const auto row = extract_brain1(pyradiomics_config(GetParam(), "firstorder"));
  EXPECT_EQ(pyradiomics_baseline("firstorder", GetParam()).size(), 18u);
  expect_baseline(row, "firstorder", GetParam());
}

INSTANTIATE_TEST_SUITE_P(Brain1, PyradiomicsFirstOrder,
                         testing::ValuesIn(pyradiomics_supported_columns("firstorder")),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace voxfeat::test
