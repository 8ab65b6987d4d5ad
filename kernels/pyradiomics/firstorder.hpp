#pragma once
// PyRadiomics' first-order features (radiomics/firstorder.py, v3), where they differ from IBSI's (docs/pyradiomics.md):
// bins of a fixed width counted from 0 (not from the ROI minimum), kurtosis not in excess, energies of intensities
// shifted by voxelArrayShift, TotalEnergy scaled by the voxel volume, log2(p + eps) in the entropy.
#include <optional>
#include <span>

namespace voxfeat::kernels::pyradiomics {

struct FirstOrderSettings {
  double bin_width = 25.0;            ///< binWidth (used when bin_count is unset)
  std::optional<int> bin_count;       ///< binCount: a fixed bin number over the ROI's range
  double voxel_array_shift = 0.0;     ///< voxelArrayShift, added before squaring (Energy, TotalEnergy, RMS)
  double voxel_volume = 1.0;          ///< mm³, for TotalEnergy
};

struct FirstOrderFeatures {
  double energy, total_energy, entropy, minimum, p10, p90, maximum, mean, median, interquartile_range, range,
      mean_absolute_deviation, robust_mean_absolute_deviation, root_mean_squared, skewness, kurtosis, variance,
      uniformity;
};

/// The 18 features of PyRadiomics' firstorder class over `values` (non-empty) and the same values `sorted` ascending
/// (which the caller usually has already: RoiContext::sorted_roi_intensities). Skewness and kurtosis are 0 for a
/// flat ROI, as PyRadiomics returns them.
FirstOrderFeatures firstorder_features(std::span<const double> values, std::span<const double> sorted,
                                       const FirstOrderSettings& settings);

}  // namespace voxfeat::kernels::pyradiomics
