#pragma once
// Choosing some outputs of a family (a settings file's `outputs`, a PyRadiomics parameter file's feature lists).
#include <string>
#include <vector>

#include "voxfeat/family.hpp"

namespace voxfeat::detail {

/// The outputs named in `wanted`, in the family's order. Throws ConfigError naming `where` for a name the family
/// does not have (listing those it has) or an empty selection.
std::vector<std::string> select_outputs(const FamilyDescriptor& family, const std::vector<std::string>& wanted,
                                        const std::string& where);

}  // namespace voxfeat::detail
