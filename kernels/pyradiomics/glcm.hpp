#pragma once
// PyRadiomics' grey level co-occurrence matrices and their 24 features (radiomics/glcm.py; counting in
// radiomics/src/cmatrices.c, calculate_glcm), with its definitions where they differ from IBSI (docs/pyradiomics.md):
// one-way angles by Chebyshev distance, rows and columns of the grey levels present only (Ng stays the highest
// level), features per angle averaged with nanmean unless weightingNorm sums the angles first.
#include <span>
#include <vector>

#include "pyradiomics/angle_matrices.hpp"
#include "pyradiomics/angles.hpp"
#include "pyradiomics/binning.hpp"

namespace voxfeat::kernels::pyradiomics {

struct GlcmSettings {
  std::vector<int> distances{1};           ///< distances
  bool symmetrical = true;                 ///< symmetricalGLCM
  WeightingNorm weighting = WeightingNorm::none;  ///< weightingNorm
  int force2d_dimension = no_force2d;      ///< force2Ddimension when force2D, else no_force2d
};

/// PyRadiomics' P_glcm: per angle (angles() order, one-way), P(i, j) counts ROI voxels of level i whose neighbour at
/// +angle has level j (plus the transpose when symmetrical), over the present levels (rows and columns in
/// `levels.present` order); weighted into one matrix when a weighting norm is set (weight exp(−length²)); angles
/// without any pair dropped (when more than one is left); each matrix divided by its sum (all NaN if that is 0).
/// Counts are exact integers whatever the thread count (texture::glcm_matrices). Empty for an empty ROI.
AngleMatrices glcm_matrices(const GreyLevels& levels, const GlcmSettings& settings);

/// PyRadiomics' GLCM features, in the order of its documentation (glcm.py).
struct GlcmFeatures {
  double autocorrelation, joint_average, cluster_prominence, cluster_shade, cluster_tendency, contrast, correlation,
      difference_average, difference_entropy, difference_variance, joint_energy, joint_entropy, imc1, imc2, idm,
      mcc, idmn, id, idn, inverse_variance, maximum_probability, sum_average, sum_entropy, sum_squares;
};

/// The features of normalised matrices `p` (glcm_matrices) whose rows and columns are the grey levels `present`
/// (ascending), `ng` the highest level. Each feature is computed per angle and averaged over the angles with
/// nanmean (JointAverage: mean), as glcm.py's get*FeatureValue; NaN where no angle is left, except MCC, which is 1
/// whenever a single grey level is present.
GlcmFeatures glcm_features(const AngleMatrices& p, std::span<const int> present, int ng);

}  // namespace voxfeat::kernels::pyradiomics
