#pragma once
// The IBSI 1 reference values (tests/data/ibsi/ibsi1_reference_values.csv, a copy of the IBSI manual's tables) and
// the IBSI pass rule.
#include <string>
#include <vector>

#include "voxfeat/registry.hpp"

namespace voxfeat::test {

struct IbsiReference {
  std::string family;            ///< e.g. "morphology"
  std::string feature;           ///< the manual's section title
  std::string ibsi_code;         ///< e.g. "RNU0"
  std::string config;            ///< "dig", "A".."E"
  double value = 0.0;
  double tolerance = 0.0;        ///< 0: the manual shows "—"
  std::string aggregation_code;  ///< e.g. "DHQ4"
  std::string consensus;
  std::string note;
};

/// Rows of one configuration, optionally restricted to some families.
std::vector<IbsiReference> ibsi_references(const std::string& config, const std::vector<std::string>& families = {});

/// IBSI pass rule: |x − value| ≤ tolerance; with tolerance 0, x rounded to 3 significant digits equals value
/// (IBSI rounded every submitted value to 3 s.f.). NaN never passes.
bool ibsi_passes(double x, const IbsiReference& reference);

/// x rounded to 3 significant digits.
double round_3_significant(double x);

/// The store column that holds a reference row's feature: the family output with that IBSI code (when several
/// outputs share a code, as V10/V90 do, the one whose name is in the feature title's parentheses) under the
/// aggregation with the row's code. Empty when the registry has no such output.
std::string column_for(const IbsiReference& reference, const Registry& registry);

}  // namespace voxfeat::test
