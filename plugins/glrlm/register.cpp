// Built-in family "glrlm" (IBSI 1 section 3.7, TP0I): grey level run length matrix features.
#include "glrlm/compute.hpp"
#include "support/texture_aggregations.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {

namespace glrlm {

std::vector<OutputSpec> outputs() {
  const std::string nan = " NaN only when the aggregation has no ROI voxel.";
  return {
      {"short_runs_emphasis", "1", "22OV", "Mean of 1/j^2 over runs (j: run length)." + nan},
      {"long_runs_emphasis", "1", "W4KF", "Mean of j^2 over runs." + nan},
      {"low_grey_level_run_emphasis", "1", "V3SW", "Mean of 1/i^2 over runs (i: grey level)." + nan},
      {"high_grey_level_run_emphasis", "1", "G3QZ", "Mean of i^2 over runs." + nan},
      {"short_run_low_grey_level_emphasis", "1", "HTZT", "Mean of 1/(i^2 j^2) over runs." + nan},
      {"short_run_high_grey_level_emphasis", "1", "GD3A", "Mean of i^2/j^2 over runs." + nan},
      {"long_run_low_grey_level_emphasis", "1", "IVPO", "Mean of j^2/i^2 over runs." + nan},
      {"long_run_high_grey_level_emphasis", "1", "3KUM", "Mean of i^2 j^2 over runs." + nan},
      {"grey_level_non_uniformity", "1", "R5YN", "Sum of squared runs per grey level / N_s." + nan},
      {"normalised_grey_level_non_uniformity", "1", "OVBL", "Sum of squared runs per grey level / N_s^2." +
                                                                nan},
      {"run_length_non_uniformity", "1", "W92Y", "Sum of squared runs per run length / N_s." + nan},
      {"normalised_run_length_non_uniformity", "1", "IC23", "Sum of squared runs per run length / N_s^2." +
                                                                nan},
      {"run_percentage", "1", "9ZK5", "N_s / N_v (N_v summed over merged matrices)." + nan},
      {"grey_level_variance", "1", "8CE5", "Variance of the grey level over runs." + nan},
      {"run_length_variance", "1", "SXLW", "Variance of the run length over runs." + nan},
      {"run_entropy", "1", "HJ9O", "Entropy of the (grey level, run length) distribution (bits)." + nan},
  };
}

}  // namespace glrlm

void register_glrlm(Registry& registry) {
  FamilyDescriptor family{
      .name = "glrlm",
      .version = "1.0.0",
      .ibsi_code = "TP0I",
      .column_prefix = "glrlm",
      .doc = "Grey level run length matrix features of the discretised ROI (levels 1..Ng): runs of equal level among "
             "ROI voxels along the 13 3D or 4 in-plane directions; a run ends at the ROI or slice border. Merged "
             "matrices also sum their voxel counts N_v (IBSI, run percentage). Every feature is defined when the "
             "ROI has a voxel (NaN otherwise). Matrices are sparse: memory is bounded by the number of runs "
             "(dense counting only while Ng x Nr <= 2^20 cells and <= 4 cells per voxel), so 4096 grey levels "
             "work.",
      .dims = Dims::both,
      .outputs = glrlm::outputs(),
      .aggregations = directional_aggregations(),
      .dependencies = {"discretised"},
      .compute_cpu = &glrlm::compute_cpu,
#if VOXFEAT_HAVE_CUDA
      .compute_cuda = &glrlm::compute_cuda,
#endif
  };
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
