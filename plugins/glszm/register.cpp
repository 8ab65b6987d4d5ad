// Built-in family "glszm" (IBSI 1 section 3.9, 9SAK): grey level size zone matrix features.
#include "glszm/compute.hpp"
#include "support/texture_aggregations.hpp"
#include "texture/zones.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {

namespace glszm {

std::vector<OutputSpec> outputs() {
  return {
      {"small_zone_emphasis", "1", "5QRC", "Sum of s_.j / j^2 over N_s."},
      {"large_zone_emphasis", "1", "48P8", "Sum of s_.j j^2 over N_s."},
      {"low_grey_level_zone_emphasis", "1", "XMSY", "Sum of s_i. / i^2 over N_s."},
      {"high_grey_level_zone_emphasis", "1", "5GN9", "Sum of s_i. i^2 over N_s."},
      {"small_zone_low_grey_level_emphasis", "1", "5RAI", "Sum of s_ij / (i^2 j^2) over N_s."},
      {"small_zone_high_grey_level_emphasis", "1", "HW1V", "Sum of s_ij i^2 / j^2 over N_s."},
      {"large_zone_low_grey_level_emphasis", "1", "YH51", "Sum of s_ij j^2 / i^2 over N_s."},
      {"large_zone_high_grey_level_emphasis", "1", "J17V", "Sum of s_ij i^2 j^2 over N_s."},
      {"grey_level_non_uniformity", "1", "JNSA", "Sum of s_i.^2 over N_s."},
      {"normalised_grey_level_non_uniformity", "1", "Y1RO", "Sum of s_i.^2 over N_s^2."},
      {"zone_size_non_uniformity", "1", "4JP3", "Sum of s_.j^2 over N_s."},
      {"normalised_zone_size_non_uniformity", "1", "VB3A", "Sum of s_.j^2 over N_s^2."},
      {"zone_percentage", "1", "P30P", "N_s / N_v (zones per ROI voxel)."},
      {"grey_level_variance", "1", "BYLV", "Variance of the grey level i under p_ij = s_ij / N_s."},
      {"zone_size_variance", "1", "3NSA", "Variance of the zone size j under p_ij = s_ij / N_s."},
      {"zone_size_entropy", "1", "GU8N", "-Sum of p_ij log2 p_ij (bits)."},
  };
}

}  // namespace glszm

void register_glszm(Registry& registry) {
  // Every feature is defined for a non-empty ROI; all are NaN when the ROI (for 2D: every slice) is empty.
  FamilyDescriptor family{
      .name = "glszm",
      .version = "1.0.0",
      .ibsi_code = "9SAK",
      .column_prefix = "glszm",
      .doc = "Grey level size zone matrix: s_ij = number of zones (maximal groups of linked voxels of the intensity "
             "mask sharing grey level i) of size j. Linked = within Chebyshev distance linkage_distance "
             "(1: 26-connected in 3D, 8-connected per slice in 2D/2.5D). 2D: features per slice, averaged; 2.5D: "
             "slice matrices (and N_v) summed; 3D: one matrix. Memory: 4 bytes per voxel of the ROI box for the "
             "labelling, plus min(Ng x largest zone size, 2^20) cells or 8 bytes per zone for the matrix, so 4096 "
             "grey levels need no dense Ng-sized square. NaN when the ROI has no voxel.",
      .dims = Dims::both,
      .params = {{"linkage_distance", ParamType::integer, "1",
                  "Chebyshev distance delta within which voxels of the same grey level are linked into one "
                  "zone; 1 is the IBSI default.", {}, 1, double(kernels::texture::max_linkage_distance)}},
      .outputs = glszm::outputs(),
      .aggregations = neighbourhood_aggregations(),
      .dependencies = {"discretised", "zones"},
      .compute_cpu = &glszm::compute_cpu,
#if VOXFEAT_HAVE_CUDA
      .compute_cuda = &glszm::compute_cuda,
#endif
  };
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
