// Built-in family "pyradiomics_glcm": PyRadiomics' glcm class, with its definitions and column names
// (docs/pyradiomics.md), for users moving from PyRadiomics. Not in the default settings: a PyRadiomics parameter
// file enables it (profile "pyradiomics").
#include <algorithm>
#include <span>
#include <string>
#include <vector>

#include "pyradiomics/glcm.hpp"
#include "support/pyradiomics_levels.hpp"
#include "support/pyradiomics_texture.hpp"
#include "support/pyradiomics_texture_family.hpp"
#include "voxfeat/registry.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::plugins {
namespace {

void compute_pyradiomics_glcm(const RoiContext& roi, const ParamValues& params,
                              const AggregationSpec& /*aggregation*/, std::span<double> out) {
  if (roi.roi_intensities().empty()) return;  // empty intensity mask: every output stays NaN
  const auto levels = pyradiomics_levels(roi, params);
  kernels::pyradiomics::GlcmSettings s;
  s.distances = pyradiomics_distances(params);
  s.symmetrical = params.boolean("symmetrical_glcm");
  s.weighting = pyradiomics_weighting_norm(params);
  s.force2d_dimension = pyradiomics_force2d_dimension(params);
  const auto p = kernels::pyradiomics::glcm_matrices(*levels, s);
  const auto f = kernels::pyradiomics::glcm_features(p, levels->present, levels->ng);
  const double values[] = {f.autocorrelation,     f.joint_average,       f.cluster_prominence, f.cluster_shade,
                           f.cluster_tendency,    f.contrast,            f.correlation,        f.difference_average,
                           f.difference_entropy,  f.difference_variance, f.joint_energy,       f.joint_entropy,
                           f.imc1,                f.imc2,                f.idm,                f.mcc,
                           f.idmn,                f.id,                  f.idn,                f.inverse_variance,
                           f.maximum_probability, f.sum_average,         f.sum_entropy,        f.sum_squares};
  std::copy(std::begin(values), std::end(values), out.begin());
}

}  // namespace

void register_pyradiomics_glcm(Registry& registry) {
  auto params = pyradiomics_texture_params(/*with_distances=*/true);
  params.push_back(pyradiomics_weighting_norm_param());
  params.push_back({"symmetrical_glcm", ParamType::boolean, "true",
                    "symmetricalGLCM: count each pair in both orders (P + P^T per angle)"});
  FamilyDescriptor family{
      .name = "pyradiomics_glcm",
      .version = "1.0.0",
      .ibsi_code = "",
      .column_prefix = "original_glcm",
      .doc = "PyRadiomics' glcm class (radiomics/glcm.py) with its own definitions where they differ from IBSI: "
             "PyRadiomics' bins, one matrix per angle (13 in 3D, 4 with force2D, per distance) over the grey levels "
             "present, features per angle averaged with nanmean (weightingNorm: angle matrices weighted by "
             "exp(-length^2) and summed first), Ng = the highest grey level present, log2(p + eps) in entropies, "
             "Correlation 1 and Imc1 0 where undefined, MCC 1 for a single grey level. Column names as PyRadiomics "
             "writes them.",
      .dims = Dims::d3,
      .params = std::move(params),
      .outputs =
          {
              {"Autocorrelation", "1", "", "Σ p(i,j) i j."},
              {"JointAverage", "1", "", "μx = Σ p(i,j) i (mean over angles, NaN angles included)."},
              {"ClusterProminence", "1", "", "Σ (i + j − μx − μy)⁴ p(i,j)."},
              {"ClusterShade", "1", "", "Σ (i + j − μx − μy)³ p(i,j)."},
              {"ClusterTendency", "1", "", "Σ (i + j − μx − μy)² p(i,j)."},
              {"Contrast", "1", "", "Σ (i − j)² p(i,j)."},
              {"Correlation", "1", "", "(Σ p(i,j) (i − μx)(j − μy)) / (σx σy + eps); 1 where σx σy = 0."},
              {"DifferenceAverage", "1", "", "Σ k p_{x−y}(k)."},
              {"DifferenceEntropy", "1", "", "−Σ p_{x−y}(k) log2(p_{x−y}(k) + eps)."},
              {"DifferenceVariance", "1", "", "Σ (k − DifferenceAverage)² p_{x−y}(k)."},
              {"JointEnergy", "1", "", "Σ p(i,j)²."},
              {"JointEntropy", "1", "", "HXY = −Σ p(i,j) log2(p(i,j) + eps)."},
              {"Imc1", "1", "", "(HXY − HXY1) / max(HX, HY); 0 where both marginal entropies are 0."},
              {"Imc2", "1", "", "sqrt(1 − e^(−2 (HXY2 − HXY))); 0 where HXY2 = HXY, an angle with HXY > HXY2 skipped."},
              {"Idm", "1", "", "Σ p_{x−y}(k) / (1 + k²)."},
              {"MCC", "1", "", "sqrt of the second largest eigenvalue of Q; 1 for a single grey level."},
              {"Idmn", "1", "", "Σ p_{x−y}(k) / (1 + k²/Ng²), Ng the highest grey level present."},
              {"Id", "1", "", "Σ p_{x−y}(k) / (1 + k)."},
              {"Idn", "1", "", "Σ p_{x−y}(k) / (1 + k/Ng), Ng the highest grey level present."},
              {"InverseVariance", "1", "", "Σ_{k≥1} p_{x−y}(k) / k²."},
              {"MaximumProbability", "1", "", "max p(i,j)."},
              {"SumAverage", "1", "", "Σ k p_{x+y}(k)."},
              {"SumEntropy", "1", "", "−Σ p_{x+y}(k) log2(p_{x+y}(k) + eps)."},
              {"SumSquares", "1", "", "Σ (i − μx)² p(i,j)."},
          },
      .compute_cpu = &compute_pyradiomics_glcm,
      .profile = "pyradiomics",
  };
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
