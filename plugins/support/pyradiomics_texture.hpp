#pragma once
// The PyRadiomics setting only its GLCM and GLRLM classes take, weightingNorm, declared under the name
// engine/src/settings/pyradiomics_params.cpp fills in and read back as the kernels' type. The settings every texture
// class takes are in support/pyradiomics_texture_family.hpp.
#include <string>

#include "pyradiomics/angle_matrices.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/family.hpp"

namespace voxfeat::plugins {

/// weightingNorm, which only GLCM and GLRLM take (the other parameters: pyradiomics_texture_params).
inline ParamSpec pyradiomics_weighting_norm_param() {
  return {"weighting_norm", ParamType::text, "none",
          "weightingNorm: none (features per angle, averaged) or the norm whose angle lengths weight the angle "
          "matrices summed into one",
          {"none", "infinity", "euclidean", "manhattan", "no_weighting"}};
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

}  // namespace voxfeat::plugins
