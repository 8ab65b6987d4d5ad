// Built-in family "glcm" (IBSI 1 section 3.6, LFYI): grey level co-occurrence matrix features.
#include "glcm/compute.hpp"
#include "support/texture_aggregations.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {

namespace glcm {

std::vector<OutputSpec> outputs() {
  const std::string single = " NaN when no matrix of the aggregation has a voxel pair (e.g. a one-voxel ROI).";
  return {
      {"joint_maximum", "1", "GYBY", "Largest joint probability." + single},
      {"joint_average", "1", "60VM", "Grey level weighted sum of joint probabilities." + single},
      {"joint_variance", "1", "UR99", "Variance of the row grey level about the joint average." + single},
      {"joint_entropy", "1", "TU9B", "Entropy of the joint probabilities (bits)." + single},
      {"difference_average", "1", "TF7R", "Mean of |i-j|." + single},
      {"difference_variance", "1", "D3YU", "Variance of |i-j|." + single},
      {"difference_entropy", "1", "NTRS", "Entropy of the |i-j| distribution (bits)." + single},
      {"sum_average", "1", "ZGXS", "Mean of i+j." + single},
      {"sum_variance", "1", "OEEB", "Variance of i+j." + single},
      {"sum_entropy", "1", "P6QZ", "Entropy of the i+j distribution (bits)." + single},
      {"angular_second_moment", "1", "8ZQL", "Sum of squared joint probabilities (energy)." + single},
      {"contrast", "1", "ACUI", "Mean of (i-j)^2." + single},
      {"dissimilarity", "1", "8S9J", "Mean of |i-j| (equals the difference average)." + single},
      {"inverse_difference", "1", "IB1Z", "Mean of 1/(1+|i-j|)." + single},
      {"normalised_inverse_difference", "1", "NDRX", "Mean of 1/(1+|i-j|/Ng)." + single},
      {"inverse_difference_moment", "1", "WF0Z", "Mean of 1/(1+(i-j)^2)." + single},
      {"normalised_inverse_difference_moment", "1", "1QCO", "Mean of 1/(1+(i-j)^2/Ng^2)." + single},
      {"inverse_variance", "1", "E8JP", "Sum over i != j of p_ij/(i-j)^2; 0 when all pairs are equal." +
                                             single},
      {"correlation", "1", "NI2N",
       "Correlation of the grey levels of a pair. NaN also when a marginal has zero variance (one grey "
       "level in the matrix)." + single},
      {"autocorrelation", "1", "QWB0", "Mean of i*j." + single},
      {"cluster_tendency", "1", "DG8W", "Mean of (i+j-mu_i-mu_j)^2." + single},
      {"cluster_shade", "1", "7NFM", "Mean of (i+j-mu_i-mu_j)^3." + single},
      {"cluster_prominence", "1", "AE86", "Mean of (i+j-mu_i-mu_j)^4." + single},
      {"information_correlation_1", "1", "R8DG",
       "(HXY-HXY1)/HX (max(HX, HY) when not symmetric). NaN also when the marginal entropy is 0 (one grey "
       "level in the matrix)." + single},
      {"information_correlation_2", "1", "JN9H", "sqrt(1-exp(-2(HXY2-HXY))) with HXY2 = HX+HY." + single},
  };
}

}  // namespace glcm

void register_glcm(Registry& registry) {
  FamilyDescriptor family{
      .name = "glcm",
      .version = "1.0.0",
      .ibsi_code = "LFYI",
      .column_prefix = "glcm",
      .doc = "Grey level co-occurrence matrix features of the discretised ROI (levels 1..Ng): pairs of ROI voxels at "
             "offset distance·m along the 13 3D or 4 in-plane directions m, counted in both orders when symmetric "
             "(IBSI). Ng in the normalised features is the discretisation's level count. Averaged aggregations skip "
             "matrices without pairs and values undefined for one matrix. A feature is NaN when no matrix of the "
             "aggregation has a voxel pair (e.g. a one-voxel ROI), and as stated per feature. Matrices are sparse: "
             "memory is bounded by the number of voxel pairs (dense counting, at most 8 MiB per direction task, "
             "only while (Ng+1)^2 <= 2^19 cells and <= 4 cells per voxel), so 4096 grey levels work.",
      .dims = Dims::both,
      .params =
          {
              {"distance", ParamType::integer, "1", "Chebyshev distance delta (1..1000): offsets are delta times the "
                                                     "direction vectors.", {}, 1, 1000},
              {"symmetric", ParamType::boolean, "true",
               "Count each voxel pair in both orders (M + M^T), as IBSI defines the GLCM."},
          },
      .outputs = glcm::outputs(),
      .aggregations = directional_aggregations(),
      .dependencies = {"discretised"},
      .compute_cpu = &glcm::compute_cpu,
#if VOXFEAT_HAVE_CUDA
      .compute_cuda = &glcm::compute_cuda,
#endif
  };
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
