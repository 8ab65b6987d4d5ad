#pragma once
// Every IBSI 1 morphology feature (family HCUG) of one ROI, from the masks and the image as plain views.
#include <cstdint>
#include <limits>

#include "common/views.hpp"

namespace voxfeat::kernels::morphology {

struct MorphologyInputs {
  View3<std::uint8_t> morphological_mask;  ///< mesh, volumes, PCA, hull-based features, geometric centre of mass
  View3<std::uint8_t> intensity_mask;      ///< Moran's I, Geary's C, integrated intensity, intensity centre of mass
  View3<float> image;                      ///< same grid as both masks
};

inline constexpr double k_undefined = std::numeric_limits<double>::quiet_NaN();

/// Feature values; NaN marks a feature that is undefined for the ROI (see each field).
struct MorphologyFeatures {
  double volume = k_undefined;                      ///< RNU0, mm^3, mesh
  double volume_voxel_counting = k_undefined;       ///< YEKZ, mm^3
  double surface_area = k_undefined;                ///< C0JK, mm^2
  double surface_to_volume_ratio = k_undefined;     ///< 2PR5
  double compactness_1 = k_undefined;               ///< SKGS
  double compactness_2 = k_undefined;               ///< BQWJ
  double spherical_disproportion = k_undefined;     ///< KRCK
  double sphericity = k_undefined;                  ///< QCFX
  double asphericity = k_undefined;                 ///< 25C7
  double centre_of_mass_shift = k_undefined;        ///< KLMA; NaN: empty intensity mask or Σ X_gl = 0
  double max_3d_diameter = k_undefined;             ///< L0JK
  double major_axis_length = k_undefined;           ///< TDIC
  double minor_axis_length = k_undefined;           ///< P9VJ
  double least_axis_length = k_undefined;           ///< 7J51
  double elongation = k_undefined;                  ///< Q3CK; NaN for a single voxel
  double flatness = k_undefined;                    ///< N17B; NaN for a single voxel
  double volume_density_aabb = k_undefined;         ///< PBX1
  double area_density_aabb = k_undefined;           ///< R59B
  double volume_density_ombb = k_undefined;         ///< ZH1A (face-flush approximation, no IBSI reference)
  double area_density_ombb = k_undefined;           ///< IQYR
  double volume_density_aee = k_undefined;          ///< 6BDE; NaN when an axis length is 0 (one voxel, or a flat ROI)
  double area_density_aee = k_undefined;            ///< RDD2
  double volume_density_mvee = k_undefined;         ///< SWZ1 (Khachiyan, τ = 0.001, no IBSI reference)
  double area_density_mvee = k_undefined;           ///< BRI8
  double volume_density_convex_hull = k_undefined;  ///< R3ER
  double area_density_convex_hull = k_undefined;    ///< 7T7F
  double integrated_intensity = k_undefined;        ///< 99N0; NaN when the intensity mask is empty
  double morans_i = k_undefined;                    ///< N365; NaN for < 2 voxels or equal intensities
  double gearys_c = k_undefined;                    ///< NPT7; same
};

/// All features; every value NaN when the morphological mask is empty. Independent parts (mesh and hull,
/// voxel moments, Moran/Geary) run concurrently under TBB; results do not depend on the thread count.
MorphologyFeatures compute_morphology(const MorphologyInputs& inputs);

}  // namespace voxfeat::kernels::morphology
