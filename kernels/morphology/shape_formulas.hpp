#pragma once
// Morphology features that are closed-form functions of mesh volume V, mesh area A and a few other quantities
// (IBSI 1, "Morphological features"). Each formula exists once here, for the CPU and any GPU path. A formula whose
// denominator is zero returns NaN (the feature is undefined), never 0 or ∞.
#include <cmath>

#include "common/hd.hpp"

namespace voxfeat::kernels::morphology::shape {

VOXFEAT_HD inline double ratio(double numerator, double denominator) {
  return denominator != 0.0 ? numerator / denominator : NAN;
}

constexpr double k_pi = 3.14159265358979323846;

/// 2PR5: A / V (mm^-1).
VOXFEAT_HD inline double surface_to_volume_ratio(double v, double a) { return ratio(a, v); }
/// SKGS: V / (π^(1/2) A^(3/2)).
VOXFEAT_HD inline double compactness_1(double v, double a) { return ratio(v, sqrt(k_pi) * pow(a, 1.5)); }
/// BQWJ: 36π V² / A³.
VOXFEAT_HD inline double compactness_2(double v, double a) { return ratio(36.0 * k_pi * v * v, a * a * a); }
/// KRCK: A / (36π V²)^(1/3).
VOXFEAT_HD inline double spherical_disproportion(double v, double a) { return ratio(a, cbrt(36.0 * k_pi * v * v)); }
/// QCFX: (36π V²)^(1/3) / A.
VOXFEAT_HD inline double sphericity(double v, double a) { return ratio(cbrt(36.0 * k_pi * v * v), a); }
/// 25C7: (A³ / (36π V²))^(1/3) − 1.
VOXFEAT_HD inline double asphericity(double v, double a) { return cbrt(ratio(a * a * a, 36.0 * k_pi * v * v)) - 1.0; }
/// TDIC, P9VJ, 7J51: 4 √λ.
VOXFEAT_HD inline double axis_length(double eigenvalue) { return 4.0 * sqrt(eigenvalue); }
/// Q3CK: √(λ_minor / λ_major); N17B: √(λ_least / λ_major).
VOXFEAT_HD inline double axis_ratio(double lambda_small, double lambda_major) {
  return sqrt(ratio(lambda_small, lambda_major));
}
/// 99N0: V · mean intensity of the intensity mask.
VOXFEAT_HD inline double integrated_intensity(double v, double mean_intensity) { return v * mean_intensity; }

}  // namespace voxfeat::kernels::morphology::shape
