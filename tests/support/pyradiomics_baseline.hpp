#pragma once
// PyRadiomics' published brain1 baseline (tests/data/pyradiomics, from AIM-Harvard/pyradiomics data/baseline; its
// README): feature values per configuration column, the texture matrices (.npy), the parameter file behind each
// column, and the comparison the PyRadiomics-profile tests make (1e-6 relative, absolute floor 1e-12; issue 5).
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "extraction/extractor.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::test {

/// The registry with every built-in family (PyRadiomics-profile families included).
const Registry& pyradiomics_registry();

/// Feature name (`original_<class>_<Feature>`) → baseline value, for one class and column (e.g. "glcm",
/// "brain1_2d"). Empty when the CSV has no such column.
std::map<std::string, double> pyradiomics_baseline(const std::string& feature_class, const std::string& column);

/// The columns (configurations) of one class's baseline CSV, e.g. {"brain1", "brain1_2d", ...}.
std::vector<std::string> pyradiomics_baseline_columns(const std::string& feature_class);

/// The parameter file (YAML text) that reproduces a baseline column's diagnostics_Configuration_Settings, with
/// featureClass `feature_class` alone enabled.
std::string pyradiomics_config(const std::string& column, const std::string& feature_class);

/// Extracts brain1 (image brain1_image.nrrd, mask `mask_file` under tests/data/pyradiomics) with a parameter file.
detail::FeatureRow extract_brain1(const std::string& params_yaml, const std::string& mask_file = "brain1_label.nrrd");

/// EXPECT that every baseline feature of (class, column) is in `row` within 1e-6 relative (floor 1e-12), except
/// those named in `replaced`, which are compared with the given value instead (the known flaw of the default
/// shape column). Also fails when the baseline column is empty.
void expect_baseline(const detail::FeatureRow& row, const std::string& feature_class, const std::string& column,
                     const std::map<std::string, double>& replaced = {});

/// A numpy .npy array of float64 (either memory order), read as row-major (C order) values.
struct NpyArray {
  std::vector<std::size_t> shape;
  std::vector<double> values;  ///< C order: the last index fastest
  [[nodiscard]] double at(std::initializer_list<std::size_t> index) const;
};
NpyArray read_npy(const std::filesystem::path& path);

}  // namespace voxfeat::test
