// Built-in family "pyradiomics_glrlm": PyRadiomics' glrlm class, with its definitions and column names
// (docs/pyradiomics.md), for users moving from PyRadiomics. Not in the default settings: a PyRadiomics parameter
// file enables it (profile "pyradiomics").
#include <algorithm>
#include <span>
#include <vector>

#include "pyradiomics/glrlm.hpp"
#include "support/pyradiomics_levels.hpp"
#include "support/pyradiomics_texture.hpp"
#include "support/pyradiomics_texture_family.hpp"
#include "voxfeat/registry.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::plugins {
namespace {

void compute_pyradiomics_glrlm(const RoiContext& roi, const ParamValues& params,
                               const AggregationSpec& /*aggregation*/, std::span<double> out) {
  if (roi.roi_intensities().empty()) return;  // empty intensity mask: every output stays NaN
  const auto levels = pyradiomics_levels(roi, params);
  const kernels::pyradiomics::GlrlmSettings s{pyradiomics_weighting_norm(params),
                                              pyradiomics_force2d_dimension(params)};
  const auto m = kernels::pyradiomics::glrlm_matrices(*levels, s);
  const auto f = kernels::pyradiomics::glrlm_features(m, levels->present);
  const double values[] = {f.short_run_emphasis,
                           f.long_run_emphasis,
                           f.grey_level_non_uniformity,
                           f.grey_level_non_uniformity_normalized,
                           f.run_length_non_uniformity,
                           f.run_length_non_uniformity_normalized,
                           f.run_percentage,
                           f.grey_level_variance,
                           f.run_variance,
                           f.run_entropy,
                           f.low_grey_level_run_emphasis,
                           f.high_grey_level_run_emphasis,
                           f.short_run_low_grey_level_emphasis,
                           f.short_run_high_grey_level_emphasis,
                           f.long_run_low_grey_level_emphasis,
                           f.long_run_high_grey_level_emphasis};
  std::copy(std::begin(values), std::end(values), out.begin());
}

/// PyRadiomics' GLRLM ignores `distances` (its angles are always at distance 1).
std::vector<ParamSpec> glrlm_params() {
  auto params = pyradiomics_texture_params(/*with_distances=*/false);
  params.push_back(pyradiomics_weighting_norm_param());
  return params;
}

}  // namespace

void register_pyradiomics_glrlm(Registry& registry) {
  FamilyDescriptor family{
      .name = "pyradiomics_glrlm",
      .version = "1.0.0",
      .ibsi_code = "",
      .column_prefix = "original_glrlm",
      .doc = "PyRadiomics' glrlm class (radiomics/glrlm.py) with its own definitions where they differ from IBSI: "
             "PyRadiomics' bins, one matrix per angle (13 in 3D, 4 with force2D; always distance 1) over the grey "
             "levels present and the run lengths that occur, an angle whose lines never hold two ROI voxels left "
             "out, features per angle averaged with nanmean (weightingNorm: angle matrices weighted by the angle's "
             "length in mm and summed first), RunPercentage over the voxels the runs cover, log2(p + eps) in "
             "RunEntropy. Column names as PyRadiomics writes them.",
      .dims = Dims::d3,
      .params = glrlm_params(),
      .outputs =
          {
              {"ShortRunEmphasis", "1", "", "Σ P(i,j) / j², over Nr (the angle's number of runs)."},
              {"LongRunEmphasis", "1", "", "Σ P(i,j) j², over Nr."},
              {"GrayLevelNonUniformity", "1", "", "Σ_i (Σ_j P(i,j))², over Nr."},
              {"GrayLevelNonUniformityNormalized", "1", "", "Σ_i (Σ_j P(i,j))², over Nr²."},
              {"RunLengthNonUniformity", "1", "", "Σ_j (Σ_i P(i,j))², over Nr."},
              {"RunLengthNonUniformityNormalized", "1", "", "Σ_j (Σ_i P(i,j))², over Nr²."},
              {"RunPercentage", "1", "", "Nr over the voxels of the angle's runs (Σ P(i,j) j)."},
              {"GrayLevelVariance", "1", "", "Σ p(i,j) (i − μ)², p = P / Nr, μ = Σ p(i,j) i."},
              {"RunVariance", "1", "", "Σ p(i,j) (j − μ)², μ = Σ p(i,j) j."},
              {"RunEntropy", "1", "", "−Σ p(i,j) log2(p(i,j) + eps)."},
              {"LowGrayLevelRunEmphasis", "1", "", "Σ P(i,j) / i², over Nr."},
              {"HighGrayLevelRunEmphasis", "1", "", "Σ P(i,j) i², over Nr."},
              {"ShortRunLowGrayLevelEmphasis", "1", "", "Σ P(i,j) / (i² j²), over Nr."},
              {"ShortRunHighGrayLevelEmphasis", "1", "", "Σ P(i,j) i² / j², over Nr."},
              {"LongRunLowGrayLevelEmphasis", "1", "", "Σ P(i,j) j² / i², over Nr."},
              {"LongRunHighGrayLevelEmphasis", "1", "", "Σ P(i,j) i² j², over Nr."},
          },
      .compute_cpu = &compute_pyradiomics_glrlm,
      .profile = "pyradiomics",
  };
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
