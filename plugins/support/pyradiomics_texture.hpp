#pragma once
// The PyRadiomics settings its GLCM and GLRLM classes share (binWidth/binCount, weightingNorm, force2D,
// force2Ddimension), declared once for both families under the names engine/src/settings/pyradiomics_params.cpp
// fills them in, and read back as the kernels' types.
#include <string>
#include <vector>

#include "pyradiomics/angle_matrices.hpp"
#include "pyradiomics/angles.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/family.hpp"

namespace voxfeat::plugins {

/// bin_width, bin_count, weighting_norm, force2d, force2d_dimension with PyRadiomics' defaults.
inline std::vector<ParamSpec> pyradiomics_texture_params() {
  return {
      {"bin_width", ParamType::real, "25", "binWidth: width of the grey level bins", {}, 1e-12},
      {"bin_count", ParamType::integer, "0", "binCount: a fixed number of bins instead (0: use bin_width)", {}, 0,
       65536},
      {"weighting_norm", ParamType::text, "none",
       "weightingNorm: none (features per angle, averaged) or the norm whose angle lengths weight the angle "
       "matrices summed into one",
       {"none", "infinity", "euclidean", "manhattan", "no_weighting"}},
      {"force2d", ParamType::boolean, "false", "force2D: in-plane angles only, matrices over all slices"},
      {"force2d_dimension", ParamType::integer, "0",
       "force2Ddimension: the out-of-plane axis in numpy order (0: z, 1: y, 2: x)", {}, 0, 2},
  };
}

inline kernels::pyradiomics::WeightingNorm pyradiomics_weighting_norm(const ParamValues& params) {
  using kernels::pyradiomics::WeightingNorm;
  const std::string& norm = params.text("weighting_norm");
  if (norm == "none") return WeightingNorm::none;
  if (norm == "infinity") return WeightingNorm::infinity;
  if (norm == "euclidean") return WeightingNorm::euclidean;
  if (norm == "manhattan") return WeightingNorm::manhattan;
  if (norm == "no_weighting") return WeightingNorm::no_weighting;
  throw ConfigError("weighting_norm: '" + norm + "' is not none, infinity, euclidean, manhattan or no_weighting");
}

/// The axis angles must not move along (numpy order), or no_force2d without force2D.
inline int pyradiomics_force2d_dimension(const ParamValues& params) {
  return params.boolean("force2d") ? int(params.integer("force2d_dimension")) : kernels::pyradiomics::no_force2d;
}

}  // namespace voxfeat::plugins
