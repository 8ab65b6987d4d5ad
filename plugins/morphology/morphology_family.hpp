#pragma once
// The IBSI 1 morphology family (HCUG) as a built-in feature family.
#include "voxfeat/family.hpp"

namespace voxfeat::plugins {

/// Descriptor of family "morphology" (column prefix "morph"): 29 outputs in IBSI manual order.
FamilyDescriptor morphology_family();

}  // namespace voxfeat::plugins
