#pragma once
// Extraction settings: which families, how intensities are discretised, which label forms the ROI. Every setting
// has a default; docs/settings.md documents each one. The canonical text (all defaults filled in, fixed order) and
// its SHA-256 go into the provenance of every result, so two runs with equivalent files get the same hash.
#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "voxfeat/family.hpp"
#include "voxfeat/label.hpp"
#include "voxfeat/volume.hpp"

namespace voxfeat {

class Registry;

enum class DiscretisationMethod { fixed_bin_number, fixed_bin_size };

/// IBSI 1 section 2.7. Used by the intensity histogram (and later the texture families).
struct DiscretisationSettings {
  DiscretisationMethod method = DiscretisationMethod::fixed_bin_number;
  int bin_number = 32;                ///< FBN: number of bins Ng
  double bin_size = 25.0;             ///< FBS: bin width w_b in intensity units
  /// FBS: X_min; unset ("auto") means the re-segmentation range's lower bound, else the ROI minimum
  std::optional<double> lower_bound;
};

enum class InterpolationMethod { none, nearest, linear, cubic_spline };

/// Where the interpolation grid lies and how it is filled. `ibsi`: IBSI 1 section 2.4 (grid centres aligned,
/// voxfeat's kernels). `pyradiomics`: PyRadiomics' resampleImage (grid aligned to the corner of the mask's first
/// voxel, only the ROI's bounding box plus pad_distance voxels, SimpleITK's interpolators, the mask by nearest
/// neighbour, an integer image type kept); docs/pyradiomics.md.
enum class InterpolationGrid { ibsi, pyradiomics };

/// IBSI 1 section 2.4: resampling onto the grid that aligns grid centres, then the ROI mask likewise.
struct InterpolationSettings {
  InterpolationGrid grid = InterpolationGrid::ibsi;
  InterpolationMethod image = InterpolationMethod::none;  ///< none: features on the image's own grid
  Vec3 spacing{0.0, 0.0, 0.0};                             ///< mm; z unused when in_plane_only
  bool in_plane_only = false;      ///< resample x and y only (2D interpolation; z keeps its slices)
  bool round_intensities = false;  ///< round intensities to the nearest integer (IBSI 68QD, e.g. CT in HU)
  InterpolationMethod mask = InterpolationMethod::linear;  ///< nearest or linear
  double partial_volume_threshold = 0.5;                   ///< linear mask: keep fractions >= this (IBSI E8H9)
  int pad_distance = 5;  ///< pyradiomics grid: voxels of the new grid resampled around the ROI's bounding box
};

/// IBSI 1 section 2.5: voxels that leave the intensity mask; the morphological mask keeps them.
struct ResegmentationSettings {
  std::optional<double> min;            ///< range re-segmentation: keep intensities >= min (USB3)
  std::optional<double> max;            ///< ... and <= max
  std::optional<double> outlier_sigma;  ///< keep mean ± k·SD of the ROI (7ACA; IBSI uses k = 3)
  /// PyRadiomics' resegmentMode sigma with any range: keep >= mean + sigma_min·SD and <= mean + sigma_max·SD.
  std::optional<double> sigma_min, sigma_max;
  /// PyRadiomics' resegmentMode relative: keep >= relative_min × the ROI's maximum and <= relative_max × it.
  std::optional<double> relative_min, relative_max;
  /// PyRadiomics' resegmentShape: the morphological mask is re-segmented too (not IBSI: its shape features use the
  /// ROI before re-segmentation).
  bool apply_to_morphology = false;
  [[nodiscard]] bool any() const {
    return min || max || outlier_sigma || sigma_min || sigma_max || relative_min || relative_max;
  }
};

/// Whole-image z-score normalisation, PyRadiomics' `normalize` (not an IBSI step): x' = scale · (x − μ) / σ with μ and
/// σ (sample SD, as SimpleITK's Normalize) over every voxel of the image, before anything else.
struct NormalisationSettings {
  bool enabled = false;
  double scale = 1.0;
  /// PyRadiomics' removeOutliers: z-scores beyond ±n are set to ±n, before the scale is applied.
  std::optional<double> remove_outliers;
};

struct FamilySettings {
  std::string name;
  ParamValues params;                         ///< every parameter of the family, defaults filled in
  std::vector<AggregationSpec> aggregations;  ///< enabled aggregation methods, in the family's order
  std::vector<std::string> outputs{};         ///< the outputs written, in the family's order; empty: all of them
  [[nodiscard]] bool writes(const std::string& output) const {
    return outputs.empty() || std::find(outputs.begin(), outputs.end(), output) != outputs.end();
  }
};

/// How a settings file is read: detected by its keys (a PyRadiomics parameter file has `setting`, `imageType`,
/// `featureClass` or `voxelSetting`), or one format required.
enum class SettingsFormat { detect, voxfeat, pyradiomics };

struct Settings {
  LabelSelector label;                     ///< default ROI label; a manifest's `label` column overrides it per case
  double geometry_tolerance = 1e-3;        ///< image/mask grids may differ by this fraction of a voxel (see docs)
  /// A label-image mask on another grid is resampled onto the image's by nearest neighbour when its ROI lies
  /// within the image (PyRadiomics' correctMask), instead of being refused.
  bool correct_mask = false;
  /// Each case also records PyRadiomics' diagnostics_* values (versions, settings, image and mask hashes, geometry,
  /// bounding box, voxel counts; docs/pyradiomics.md), as PyRadiomics' additionalInfo does.
  bool pyradiomics_diagnostics = false;
  std::vector<std::string> modalities;     ///< DICOM series modalities accepted, e.g. {"CT"}; empty: any
  int minimum_roi_dimensions = 1;          ///< the ROI must extend over more than one voxel along this many axes
  std::size_t minimum_roi_voxels = 0;      ///< ... and hold at least this many voxels (0: any)
  NormalisationSettings normalisation;
  InterpolationSettings interpolation;
  ResegmentationSettings resegmentation;
  DiscretisationSettings discretisation;
  std::vector<FamilySettings> families;    ///< in canonical order (sorted by name)

  /// Every registered family with its defaults.
  static Settings defaults(const Registry& registry);
  /// Parses YAML text; throws ConfigError naming `source_name`, the key and the problem (unknown keys included:
  /// a misspelt setting is an error, never silently ignored).
  static Settings parse(std::string_view yaml_text, const Registry& registry, const std::string& source_name,
                        SettingsFormat format = SettingsFormat::detect);
  static Settings load(const std::filesystem::path& path, const Registry& registry,
                       SettingsFormat format = SettingsFormat::detect);

  /// YAML with every setting spelled out, in a fixed order. Parsing it gives the same Settings.
  [[nodiscard]] std::string canonical_text() const;
  /// SHA-256 of canonical_text(), hex.
  [[nodiscard]] std::string sha256() const;
  [[nodiscard]] const FamilySettings* family(std::string_view name) const;
};

}  // namespace voxfeat
