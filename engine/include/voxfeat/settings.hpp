#pragma once
// Extraction settings: which families, how intensities are discretised, which label forms the ROI. Every setting
// has a default; docs/settings.md documents each one. The canonical text (all defaults filled in, fixed order) and
// its SHA-256 go into the provenance of every result, so two runs with equivalent files get the same hash.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "voxfeat/family.hpp"
#include "voxfeat/label.hpp"

namespace voxfeat {

class Registry;

enum class DiscretisationMethod { fixed_bin_number, fixed_bin_size };

/// IBSI 1 section 2.7. Used by the intensity histogram (and later the texture families).
struct DiscretisationSettings {
  DiscretisationMethod method = DiscretisationMethod::fixed_bin_number;
  int bin_number = 32;                ///< FBN: number of bins Ng
  double bin_size = 25.0;             ///< FBS: bin width w_b in intensity units
  std::optional<double> lower_bound;  ///< FBS: X_min; unset ("auto") means the ROI minimum
};

struct FamilySettings {
  std::string name;
  ParamValues params;                         ///< every parameter of the family, defaults filled in
  std::vector<AggregationSpec> aggregations;  ///< enabled aggregation methods, in the family's order
};

struct Settings {
  LabelSelector label;                     ///< default ROI label; a manifest's `label` column overrides it per case
  double geometry_tolerance = 1e-3;        ///< image/mask grids may differ by this fraction of a voxel (see docs)
  DiscretisationSettings discretisation;
  std::vector<FamilySettings> families;    ///< in canonical order (sorted by name)

  /// Every registered family with its defaults.
  static Settings defaults(const Registry& registry);
  /// Parses YAML text; throws ConfigError naming `source_name`, the key and the problem (unknown keys included:
  /// a misspelt setting is an error, never silently ignored).
  static Settings parse(std::string_view yaml_text, const Registry& registry, const std::string& source_name);
  static Settings load(const std::filesystem::path& path, const Registry& registry);

  /// YAML with every setting spelled out, in a fixed order. Parsing it gives the same Settings.
  [[nodiscard]] std::string canonical_text() const;
  /// SHA-256 of canonical_text(), hex.
  [[nodiscard]] std::string sha256() const;
  [[nodiscard]] const FamilySettings* family(std::string_view name) const;
};

}  // namespace voxfeat
