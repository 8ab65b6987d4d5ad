// Built-in family "gldzm" (IBSI 1 section 3.10, VMDZ): grey level distance zone matrix features.
#include "gldzm/compute.hpp"
#include "support/texture_aggregations.hpp"
#include "texture/zones.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {

void register_gldzm(Registry& registry) {
  // Every feature is defined for a non-empty ROI; all are NaN when the ROI (for 2D: every slice) is empty.
  FamilyDescriptor family{
      .name = "gldzm",
      .version = "1.0.0",
      .ibsi_code = "VMDZ",
      .column_prefix = "gldzm",
      .doc = "Grey level distance zone matrix: d_ij = number of zones (as in glszm: linked voxels of the intensity "
             "mask sharing grey level i, linked within Chebyshev distance linkage_distance) whose distance to the "
             "ROI edge is j. A voxel's distance is the least number of 6-connected (3D) or in-plane 4-connected "
             "(2D, 2.5D) steps to leave the morphological mask (the image edge counts as outside), 1 on the edge; "
             "a zone's is the minimum over its voxels. 2D: features per slice, averaged; 2.5D: slice matrices (and "
             "N_v) summed; 3D: one matrix. Memory: 8 bytes per voxel of the ROI box, plus min(Ng x largest "
             "distance, 2^20) cells or 8 bytes per zone for the matrix. NaN when the ROI has no voxel.",
      .dims = Dims::both,
      .params = {{"linkage_distance", ParamType::integer, "1",
                  "Chebyshev distance delta within which voxels of the same grey level are linked into one "
                  "zone; 1 is the IBSI default.", {}, 1, double(kernels::texture::max_linkage_distance)}},
      .outputs =
          {
              {"small_distance_emphasis", "1", "0GBI", "Sum of d_.j / j^2 over N_s."},
              {"large_distance_emphasis", "1", "MB4I", "Sum of d_.j j^2 over N_s."},
              {"low_grey_level_zone_emphasis", "1", "S1RA", "Sum of d_i. / i^2 over N_s."},
              {"high_grey_level_zone_emphasis", "1", "K26C", "Sum of d_i. i^2 over N_s."},
              {"small_distance_low_grey_level_emphasis", "1", "RUVG", "Sum of d_ij / (i^2 j^2) over N_s."},
              {"small_distance_high_grey_level_emphasis", "1", "DKNJ", "Sum of d_ij i^2 / j^2 over N_s."},
              {"large_distance_low_grey_level_emphasis", "1", "A7WM", "Sum of d_ij j^2 / i^2 over N_s."},
              {"large_distance_high_grey_level_emphasis", "1", "KLTH", "Sum of d_ij i^2 j^2 over N_s."},
              {"grey_level_non_uniformity", "1", "VFT7", "Sum of d_i.^2 over N_s."},
              {"normalised_grey_level_non_uniformity", "1", "7HP3", "Sum of d_i.^2 over N_s^2."},
              {"zone_distance_non_uniformity", "1", "V294", "Sum of d_.j^2 over N_s."},
              {"normalised_zone_distance_non_uniformity", "1", "IATH", "Sum of d_.j^2 over N_s^2."},
              {"zone_percentage", "1", "VIWW", "N_s / N_v (zones per ROI voxel)."},
              {"grey_level_variance", "1", "QK93", "Variance of the grey level i under p_ij = d_ij / N_s."},
              {"zone_distance_variance", "1", "7WT1", "Variance of the zone distance j under p_ij = d_ij / N_s."},
              {"zone_distance_entropy", "1", "GBDU", "-Sum of p_ij log2 p_ij (bits)."},
          },
      .aggregations = neighbourhood_aggregations(),
      .dependencies = {"discretised", "zones"},
      .compute_cpu = &gldzm::compute_cpu,
#if VOXFEAT_HAVE_CUDA
      .compute_cuda = &gldzm::compute_cuda,
#endif
  };
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
