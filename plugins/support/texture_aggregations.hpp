#pragma once
// The IBSI aggregation methods of the texture families, as descriptors declare them (names and codes as in the IBSI
// manual and tests/data/ibsi/ibsi1_reference_values.csv) and as kernels/texture/aggregation.hpp runs them.
// Column suffixes: glcm_contrast_3d_mrg, glszm_small_zone_emphasis_2_5d, ...
#include <stdexcept>
#include <string>
#include <vector>

#include "texture/aggregation.hpp"
#include "voxfeat/family.hpp"

namespace voxfeat::plugins {

/// GLCM and GLRLM. The default (first) is 3D merged, the usual choice for 3D images.
inline std::vector<AggregationSpec> directional_aggregations() {
  return {{"3D, merged", "IAZD", "3d_mrg"},          {"3D, averaged", "ITBB", "3d_avg"},
          {"2.5D, merged", "ZW7Z", "2_5d_mrg"},      {"2.5D, direction-merged", "JJUI", "2_5d_dmrg"},
          {"2D, slice-merged", "SUJT", "2d_smrg"},   {"2D, averaged", "BTW3", "2d_avg"}};
}

/// GLSZM, GLDZM, NGTDM and NGLDM. The default (first) is 3D.
inline std::vector<AggregationSpec> neighbourhood_aggregations() {
  return {{"3D", "KOBO", "3d"}, {"2.5D", "62GR", "2_5d"}, {"2D", "8QNN", "2d"}};
}

/// The kernel's method for a descriptor's aggregation (by IBSI code).
inline kernels::texture::Aggregation texture_aggregation(const AggregationSpec& spec) {
  using A = kernels::texture::Aggregation;
  const std::string& c = spec.ibsi_code;
  if (c == "BTW3") return A::d2_averaged;
  if (c == "SUJT") return A::d2_slice_merged;
  if (c == "JJUI") return A::d25_direction_merged;
  if (c == "ZW7Z") return A::d25_merged;
  if (c == "ITBB") return A::d3_averaged;
  if (c == "IAZD") return A::d3_merged;
  if (c == "8QNN") return A::d2;
  if (c == "62GR") return A::d25;
  if (c == "KOBO") return A::d3;
  throw std::invalid_argument("not a texture aggregation method: " + spec.name + " (" + c + ")");
}

}  // namespace voxfeat::plugins
