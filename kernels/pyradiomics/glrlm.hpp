#pragma once
// PyRadiomics' grey level run length matrices and their 16 features (radiomics/glrlm.py; counting in
// radiomics/src/cmatrices.c, calculate_glrlm), with its definitions where they differ from IBSI
// (docs/pyradiomics.md): the 13 (4 in 2D) one-way angles at distance 1 whatever `distances` says, rows of the grey
// levels present only, columns of the run lengths that occur, features per angle averaged with nanmean unless
// weightingNorm sums the angles first.
#include <span>
#include <vector>

#include "pyradiomics/angle_matrices.hpp"
#include "pyradiomics/angles.hpp"
#include "pyradiomics/binning.hpp"

namespace voxfeat::kernels::pyradiomics {

struct GlrlmSettings {
  WeightingNorm weighting = WeightingNorm::none;  ///< weightingNorm
  int force2d_dimension = no_force2d;             ///< force2Ddimension when force2D, else no_force2d
};

/// PyRadiomics' P_glrlm: runs (maximal lines of ROI voxels of one level along an angle) counted per angle; rows
/// are the present levels, columns the run lengths of `run_lengths`. Not normalised.
struct RunLengthMatrices {
  AngleMatrices runs;
  std::vector<int> run_lengths;  ///< the length of each column, ascending ("jvector")
};

/// Per angle (angles() order at distance 1), runs counted by level and length. An angle along which no line of the
/// bounding box holds two ROI voxels counts nothing (cmatrices.c: "Segmentation is 2D for this angle"). Weighted
/// into one matrix when a weighting norm is set (weight: the angle's length in mm); angles without runs dropped
/// (when more than one is left); columns of run lengths that occur in no angle dropped. Counts are exact integers
/// whatever the thread count (texture::glrlm_matrices). Empty for an empty ROI.
RunLengthMatrices glrlm_matrices(const GreyLevels& levels, const GlrlmSettings& settings);

/// PyRadiomics' GLRLM features, in the order of its documentation (glrlm.py).
struct GlrlmFeatures {
  double short_run_emphasis, long_run_emphasis, grey_level_non_uniformity, grey_level_non_uniformity_normalized,
      run_length_non_uniformity, run_length_non_uniformity_normalized, run_percentage, grey_level_variance,
      run_variance, run_entropy, low_grey_level_run_emphasis, high_grey_level_run_emphasis,
      short_run_low_grey_level_emphasis, short_run_high_grey_level_emphasis, long_run_low_grey_level_emphasis,
      long_run_high_grey_level_emphasis;
};

/// The features of `m` (glrlm_matrices) whose rows are the grey levels `present` (ascending): per angle, divided by
/// the angle's number of runs (RunPercentage: runs over the voxels the angle's runs cover), then averaged over the
/// angles with nanmean as glrlm.py's get*FeatureValue; NaN where no angle is left.
GlrlmFeatures glrlm_features(const RunLengthMatrices& m, std::span<const int> present);

}  // namespace voxfeat::kernels::pyradiomics
