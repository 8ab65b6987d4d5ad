#pragma once
// PyRadiomics parameter files (keys setting, imageType, featureClass, voxelSetting) read as voxfeat settings, for
// users moving from PyRadiomics (docs/pyradiomics.md). Every setting PyRadiomics documents is honoured or refused
// by name; none is silently dropped.
#include <string>

#include <yaml-cpp/yaml.h>

#include "voxfeat/registry.hpp"
#include "voxfeat/settings.hpp"

namespace voxfeat::detail {

/// True when the YAML document has a PyRadiomics parameter file's top-level keys.
bool is_pyradiomics_params(const YAML::Node& root);

/// The settings a PyRadiomics parameter file asks for, on PyRadiomics-profile families. Throws ConfigError naming
/// `source_name`, the key and why (unknown key, a value PyRadiomics would refuse, a setting voxfeat does not
/// support yet).
Settings settings_from_pyradiomics(const YAML::Node& root, const Registry& registry, const std::string& source_name);

}  // namespace voxfeat::detail
