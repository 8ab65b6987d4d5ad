#pragma once
// From an image, a mask and settings to one feature row: plan the columns the settings produce, prepare the ROI
// once, run the enabled families (concurrently, under TBB) and collect their outputs in column order.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "extraction/case_source.hpp"
#include "store/feature_store.hpp"
#include "voxfeat/execution.hpp"
#include "voxfeat/registry.hpp"
#include "voxfeat/settings.hpp"
#include "voxfeat/volume.hpp"

namespace voxfeat::detail {

/// The columns `settings` produce, in the order of Settings::families, then outputs, then aggregations
/// (one column per feature and enabled aggregation method).
std::vector<ColumnInfo> plan_columns(const Settings& settings, const Registry& registry);

struct FeatureRow {
  std::vector<ColumnInfo> columns;
  std::vector<double> values;  ///< one per column; NaN where a feature is undefined for this ROI
  /// PyRadiomics' diagnostics_* values as a JSON object of strings, when the settings ask for them; else empty.
  std::string diagnostics;
  /// Value of a column; throws Error naming the column when it is not in the row.
  [[nodiscard]] double value(std::string_view column) const;
};

/// Throws ConfigError naming the first family of `settings` that computes per-object (microscopy) features: an ROI
/// extraction cannot run them (`voxfeat objects` does).
void require_roi_families(const Settings& settings, const Registry& registry);

/// Features of the ROI `mask` (1 = inside) of `image` (same grid). `case_name` prefixes error messages.
FeatureRow extract_roi(const Volume<float>& image, const Volume<std::uint8_t>& mask, const Settings& settings,
                       const Registry& registry, const ExecutionContext& execution = {},
                       const std::string& case_name = "roi");

/// Reads a case's image and mask (files, a DICOM series, RTSTRUCT, SEG: extraction/case_source.hpp) and extracts.
/// Errors name the case, the file and the problem.
FeatureRow extract_case(const CaseSource& source, const Settings& settings, const Registry& registry,
                        const ExecutionContext& execution = {}, const std::string& case_name = "case");

/// extract_case for an image file and a label-image mask.
FeatureRow extract_files(const std::filesystem::path& image_path, const std::filesystem::path& mask_path,
                         const LabelSelector& label, const Settings& settings, const Registry& registry,
                         const ExecutionContext& execution = {}, const std::string& case_name = "case");

}  // namespace voxfeat::detail
