#include "voxfeat/settings.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>
#include <charconv>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "settings/output_selection.hpp"
#include "settings/pyradiomics_params.hpp"
#include "util/sha256.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat {
namespace {

constexpr int settings_format_version = 1;

std::string format_number(double v) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);  // shortest text that round-trips
  return std::string(buffer, result.ptr);
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

void reject_unknown_keys(const YAML::Node& node, const std::set<std::string>& known, const std::string& where) {
  if (!node.IsMap()) throw ConfigError(where + ": expected a mapping");
  for (const auto& kv : node) {
    const auto key = kv.first.as<std::string>();
    if (!known.count(key))
      throw ConfigError(where + ": unknown setting '" + key + "' (known: " +
                        join(std::vector<std::string>(known.begin(), known.end())) + ")");
  }
}

std::string scalar_text(const YAML::Node& node, const std::string& where) {
  if (!node.IsScalar()) throw ConfigError(where + ": expected a single value");
  return node.Scalar();
}

double parse_real(const std::string& text, const std::string& where) {
  ParamValues v(std::map<std::string, std::string>{{"value", text}});
  try {
    return v.real("value");
  } catch (const ConfigError&) {
    throw ConfigError(where + ": expected a number, got '" + text + "'");
  }
}

std::optional<double> parse_optional_real(const YAML::Node& node, const std::string& where) {
  const std::string t = scalar_text(node, where);
  if (t == "none" || t == "null" || t == "~" || t.empty()) return std::nullopt;
  return parse_real(t, where);
}

std::string optional_text(const std::optional<double>& v) { return v ? format_number(*v) : std::string("none"); }

constexpr std::pair<InterpolationMethod, const char*> interpolation_names[] = {
    {InterpolationMethod::none, "none"},
    {InterpolationMethod::nearest, "nearest"},
    {InterpolationMethod::linear, "linear"},
    {InterpolationMethod::cubic_spline, "cubic_spline"}};

std::string interpolation_name(InterpolationMethod m) {
  for (const auto& [method, name] : interpolation_names)
    if (method == m) return name;
  return "none";
}

InterpolationMethod parse_interpolation(const YAML::Node& node, const std::string& where, bool mask) {
  const std::string t = scalar_text(node, where);
  for (const auto& [method, name] : interpolation_names)
    if (t == name && (!mask || method == InterpolationMethod::nearest || method == InterpolationMethod::linear))
      return method;
  throw ConfigError(where + ": must be one of " +
                    std::string(mask ? "nearest, linear" : "none, nearest, linear, cubic_spline") + "; got '" + t +
                    "'");
}

bool parse_bool(const YAML::Node& node, const std::string& where) {
  const std::string t = scalar_text(node, where);
  if (t == "true" || t == "yes") return true;
  if (t == "false" || t == "no") return false;
  throw ConfigError(where + ": expected true or false, got '" + t + "'");
}

InterpolationSettings parse_interpolation_settings(const YAML::Node& node, const std::string& where) {
  InterpolationSettings is;
  reject_unknown_keys(node, {"grid", "method", "spacing", "in_plane_only", "round_intensities", "mask_method",
                             "partial_volume_threshold", "pad_distance"},
                      where);
  if (node["grid"]) {
    const std::string g = scalar_text(node["grid"], where + ".grid");
    if (g == "ibsi") is.grid = InterpolationGrid::ibsi;
    else if (g == "pyradiomics") is.grid = InterpolationGrid::pyradiomics;
    else throw ConfigError(where + ".grid: must be ibsi or pyradiomics, got '" + g + "'");
  }
  if (node["pad_distance"]) {
    const double d = parse_real(scalar_text(node["pad_distance"], where), where + ".pad_distance");
    if (!(d >= 0 && d <= 1000 && d == std::floor(d))) throw ConfigError(where + ".pad_distance: a whole number >= 0");
    is.pad_distance = int(d);
  }
  if (node["method"]) is.image = parse_interpolation(node["method"], where + ".method", false);
  if (node["in_plane_only"]) is.in_plane_only = parse_bool(node["in_plane_only"], where + ".in_plane_only");
  if (node["round_intensities"])
    is.round_intensities = parse_bool(node["round_intensities"], where + ".round_intensities");
  if (node["mask_method"]) is.mask = parse_interpolation(node["mask_method"], where + ".mask_method", true);
  if (node["partial_volume_threshold"]) {
    is.partial_volume_threshold =
        parse_real(scalar_text(node["partial_volume_threshold"], where), where + ".partial_volume_threshold");
    if (!(is.partial_volume_threshold > 0.0 && is.partial_volume_threshold <= 1.0))
      throw ConfigError(where + ".partial_volume_threshold: must be in (0, 1]");
  }
  if (const auto sp = node["spacing"]; sp && !(sp.IsScalar() && sp.Scalar() == "none")) {
    std::vector<double> v;
    if (sp.IsSequence())
      for (const auto& x : sp) v.push_back(parse_real(scalar_text(x, where + ".spacing"), where + ".spacing"));
    else
      v.assign(3, parse_real(scalar_text(sp, where + ".spacing"), where + ".spacing"));
    if (v.size() == 2 && is.in_plane_only) v.push_back(0.0);
    if (v.size() != 3)
      throw ConfigError(where + ".spacing: give one number (isotropic) or [x, y, z] in mm ([x, y] with "
                        "in_plane_only)");
    // On PyRadiomics' grid a spacing of 0 keeps the mask's along that axis (its resampledPixelSpacing).
    const bool zero_keeps = is.grid == InterpolationGrid::pyradiomics;
    for (int a = 0; a < (is.in_plane_only ? 2 : 3); ++a)
      if (!((v[a] > 0.0 || (zero_keeps && v[a] == 0.0)) && v[a] < 1e4))
        throw ConfigError(where + ".spacing: must be positive (mm)" + (zero_keeps ? " or 0 (keep)" : ""));
    is.spacing = {v[0], v[1], is.in_plane_only ? 0.0 : v[2]};
  }
  if (is.image != InterpolationMethod::none && is.spacing == Vec3{0.0, 0.0, 0.0})
    throw ConfigError(where + ".spacing: required when interpolation.method is not none");
  return is;
}

ResegmentationSettings parse_resegmentation(const YAML::Node& node, const std::string& where) {
  ResegmentationSettings r;
  reject_unknown_keys(node, {"min", "max", "outlier_sigma", "sigma_min", "sigma_max", "relative_min", "relative_max",
                             "apply_to_morphology"},
                      where);
  if (node["apply_to_morphology"])
    r.apply_to_morphology = parse_bool(node["apply_to_morphology"], where + ".apply_to_morphology");
  for (const auto& [key, field] : {std::pair{"sigma_min", &r.sigma_min}, std::pair{"sigma_max", &r.sigma_max},
                                   std::pair{"relative_min", &r.relative_min},
                                   std::pair{"relative_max", &r.relative_max}})
    if (node[key]) *field = parse_optional_real(node[key], where + "." + key);
  if (r.sigma_min && r.sigma_max && !(*r.sigma_min <= *r.sigma_max))
    throw ConfigError(where + ": sigma_min must not exceed sigma_max");
  if (r.relative_min && r.relative_max && !(*r.relative_min <= *r.relative_max))
    throw ConfigError(where + ": relative_min must not exceed relative_max");
  if (node["min"]) r.min = parse_optional_real(node["min"], where + ".min");
  if (node["max"]) r.max = parse_optional_real(node["max"], where + ".max");
  if (node["outlier_sigma"]) r.outlier_sigma = parse_optional_real(node["outlier_sigma"], where + ".outlier_sigma");
  if (r.min && r.max && !(*r.min <= *r.max)) throw ConfigError(where + ": min must not exceed max");
  if (r.outlier_sigma && !(*r.outlier_sigma > 0.0)) throw ConfigError(where + ".outlier_sigma: must be positive");
  return r;
}

/// Checks one parameter value against its spec; returns the canonical text.
std::string check_param(const ParamSpec& spec, const std::string& text, const std::string& where) {
  if (text == "auto" && spec.default_value == "auto") return text;
  ParamValues v(std::map<std::string, std::string>{{spec.name, text}});
  const auto in_range = [&](double x) {
    if (!(x >= spec.minimum && x <= spec.maximum))
      throw ConfigError("must be in " + format_number(spec.minimum) + ".." + format_number(spec.maximum) + ", got " +
                        text);
  };
  try {
    switch (spec.type) {
      case ParamType::integer:
        in_range(double(v.integer(spec.name)));
        return std::to_string(v.integer(spec.name));
      case ParamType::real:
        in_range(v.real(spec.name));
        return format_number(v.real(spec.name));
      case ParamType::boolean: return v.boolean(spec.name) ? "true" : "false";
      case ParamType::text:
        if (!spec.choices.empty() && std::find(spec.choices.begin(), spec.choices.end(), text) == spec.choices.end())
          throw ConfigError("must be one of: " + join(spec.choices) + "; got '" + text + "'");
        return text;
    }
  } catch (const ConfigError& e) {
    throw ConfigError(where + ": " + e.what());
  }
  return text;
}

FamilySettings family_defaults(const FamilyDescriptor& family) {
  std::map<std::string, std::string> params;
  for (const auto& p : family.params) params[p.name] = p.default_value;
  return {family.name, ParamValues(std::move(params)), {family.aggregations.front()}};
}

}  // namespace

std::vector<std::string> detail::select_outputs(const FamilyDescriptor& family,
                                                const std::vector<std::string>& wanted, const std::string& where) {
  for (const auto& w : wanted)
    if (std::none_of(family.outputs.begin(), family.outputs.end(), [&](const OutputSpec& o) { return o.name == w; })) {
      std::vector<std::string> names;
      for (const auto& o : family.outputs) names.push_back(o.name);
      throw ConfigError(where + ": '" + w + "' is not an output of " + family.name + " (outputs: " + join(names) +
                        ")");
    }
  if (wanted.empty()) throw ConfigError(where + ": no output selected (omit the key for all of them)");
  std::vector<std::string> selected;  // the family's order, whatever the file's
  for (const auto& o : family.outputs)
    if (std::find(wanted.begin(), wanted.end(), o.name) != wanted.end()) selected.push_back(o.name);
  return selected;
}

namespace {

FamilySettings parse_family(const FamilyDescriptor& family, const YAML::Node& node, const std::string& where) {
  FamilySettings fs = family_defaults(family);
  if (!node || node.IsNull()) return fs;
  std::set<std::string> known{"aggregations", "outputs"};
  for (const auto& p : family.params) known.insert(p.name);
  reject_unknown_keys(node, known, where);
  std::map<std::string, std::string> params = fs.params.all();
  for (const auto& p : family.params)
    if (node[p.name]) params[p.name] = check_param(p, scalar_text(node[p.name], where + "." + p.name), where + "." + p.name);
  fs.params = ParamValues(std::move(params));
  if (const auto aggregations = node["aggregations"]) {
    std::vector<std::string> wanted;
    if (aggregations.IsSequence())
      for (const auto& a : aggregations) wanted.push_back(scalar_text(a, where + ".aggregations"));
    else
      wanted.push_back(scalar_text(aggregations, where + ".aggregations"));
    fs.aggregations.clear();
    for (const auto& agg : family.aggregations)  // the family's order, whatever the file's order
      if (std::find(wanted.begin(), wanted.end(), agg.name) != wanted.end() ||
          std::find(wanted.begin(), wanted.end(), agg.ibsi_code) != wanted.end())
        fs.aggregations.push_back(agg);
    for (const auto& w : wanted) {
      const bool known_agg = std::any_of(family.aggregations.begin(), family.aggregations.end(),
                                         [&](const AggregationSpec& a) { return a.name == w || a.ibsi_code == w; });
      if (!known_agg) {
        std::vector<std::string> names;
        for (const auto& a : family.aggregations) names.push_back("'" + a.name + "' (" + a.ibsi_code + ")");
        throw ConfigError(where + ".aggregations: '" + w + "' is not an aggregation of " + family.name +
                          " (known: " + join(names) + ")");
      }
    }
    if (fs.aggregations.empty()) throw ConfigError(where + ".aggregations: no aggregation method enabled");
  }
  if (const auto outputs = node["outputs"]; outputs && !(outputs.IsScalar() && outputs.Scalar() == "all")) {
    std::vector<std::string> wanted;
    if (outputs.IsSequence())
      for (const auto& o : outputs) wanted.push_back(scalar_text(o, where + ".outputs"));
    else
      wanted.push_back(scalar_text(outputs, where + ".outputs"));
    fs.outputs = detail::select_outputs(family, wanted, where + ".outputs");
  }
  return fs;
}

void sort_families(std::vector<FamilySettings>& families) {
  std::sort(families.begin(), families.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
}

}  // namespace

Settings Settings::defaults(const Registry& registry) {
  Settings s;
  for (const auto* f : registry.families())
    if (f->profile == "ibsi") s.families.push_back(family_defaults(*f));
  sort_families(s.families);
  return s;
}

Settings Settings::parse(std::string_view yaml_text, const Registry& registry, const std::string& source_name,
                         SettingsFormat format) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml_text));
  } catch (const YAML::Exception& e) {
    throw ConfigError(source_name + ": not valid YAML: " + e.what());
  }
  Settings s;
  if (!root || root.IsNull()) {
    if (format == SettingsFormat::pyradiomics) throw ConfigError(source_name + ": empty PyRadiomics parameter file");
    return defaults(registry);
  }
  try {
    const bool pyradiomics = detail::is_pyradiomics_params(root);
    if (format == SettingsFormat::pyradiomics && !pyradiomics)
      throw ConfigError(source_name + ": not a PyRadiomics parameter file (it has none of the keys setting, "
                        "imageType, featureClass, voxelSetting)");
    if (format == SettingsFormat::voxfeat && pyradiomics)
      throw ConfigError(source_name + ": a PyRadiomics parameter file, but voxfeat settings were required (use "
                        "--profile pyradiomics or auto)");
    if (pyradiomics) return detail::settings_from_pyradiomics(root, registry, source_name);
  } catch (const YAML::Exception& e) {
    throw ConfigError(source_name + ": " + e.what());
  }
  reject_unknown_keys(root,
                      {"voxfeat_settings", "label", "geometry_tolerance", "correct_mask", "pyradiomics_diagnostics",
                       "modalities", "minimum_roi",
                       "normalisation", "interpolation", "resegmentation", "discretisation", "families"},
                      source_name);
  try {
    if (root["voxfeat_settings"]) {
      const std::string v = scalar_text(root["voxfeat_settings"], source_name + ": voxfeat_settings");
      if (v != std::to_string(settings_format_version))
        throw ConfigError(source_name + ": voxfeat_settings " + v + " is not supported (this version reads " +
                          std::to_string(settings_format_version) + ")");
    }
    if (root["label"]) s.label = LabelSelector::parse(scalar_text(root["label"], source_name + ": label"), source_name);
    if (root["geometry_tolerance"]) {
      s.geometry_tolerance =
          parse_real(scalar_text(root["geometry_tolerance"], source_name), source_name + ": geometry_tolerance");
      if (!(s.geometry_tolerance >= 0.0 && s.geometry_tolerance < 0.5))
        throw ConfigError(source_name + ": geometry_tolerance must be in [0, 0.5) voxel");
    }
    if (root["correct_mask"]) s.correct_mask = parse_bool(root["correct_mask"], source_name + ": correct_mask");
    if (root["pyradiomics_diagnostics"])
      s.pyradiomics_diagnostics =
          parse_bool(root["pyradiomics_diagnostics"], source_name + ": pyradiomics_diagnostics");
    if (const auto m = root["modalities"]) {
      const std::string where = source_name + ": modalities";
      if (m.IsSequence()) {
        for (const auto& x : m) {
          const std::string code = scalar_text(x, where);
          // DICOM Modality (0008,0060) is a code string: upper case letters, digits, '_', at most 16 characters.
          const auto code_char = [](char c) { return std::isupper(c) || std::isdigit(c) || c == '_'; };
          if (code.empty() || code.size() > 16 || !std::all_of(code.begin(), code.end(), code_char))
            throw ConfigError(where + ": '" + code + "' is not a DICOM modality code (e.g. CT, MR, PT)");
          s.modalities.push_back(code);
        }
        std::sort(s.modalities.begin(), s.modalities.end());
        s.modalities.erase(std::unique(s.modalities.begin(), s.modalities.end()), s.modalities.end());
      } else if (scalar_text(m, where) != "any") {
        throw ConfigError(where + ": expected 'any' or a list of DICOM modality codes, e.g. [CT, MR]");
      }
    }
    if (const auto m = root["minimum_roi"]) {
      const std::string where = source_name + ": minimum_roi";
      reject_unknown_keys(m, {"dimensions", "voxels"}, where);
      if (m["dimensions"]) {
        const double d = parse_real(scalar_text(m["dimensions"], where), where + ".dimensions");
        if (!(d == 1 || d == 2 || d == 3)) throw ConfigError(where + ".dimensions: must be 1, 2 or 3");
        s.minimum_roi_dimensions = int(d);
      }
      if (m["voxels"]) {
        const double v = parse_real(scalar_text(m["voxels"], where), where + ".voxels");
        if (!(v >= 0 && v == std::floor(v))) throw ConfigError(where + ".voxels: must be a whole number >= 0");
        s.minimum_roi_voxels = std::size_t(v);
      }
    }
    if (const auto n = root["normalisation"]) {
      const std::string where = source_name + ": normalisation";
      reject_unknown_keys(n, {"enabled", "scale", "remove_outliers"}, where);
      if (n["enabled"]) s.normalisation.enabled = parse_bool(n["enabled"], where + ".enabled");
      if (n["scale"]) {
        s.normalisation.scale = parse_real(scalar_text(n["scale"], where), where + ".scale");
        if (!(s.normalisation.scale > 0.0)) throw ConfigError(where + ".scale: must be positive");
      }
      if (n["remove_outliers"]) {
        s.normalisation.remove_outliers = parse_optional_real(n["remove_outliers"], where + ".remove_outliers");
        if (s.normalisation.remove_outliers && !(*s.normalisation.remove_outliers > 0.0))
          throw ConfigError(where + ".remove_outliers: must be positive (standard deviations) or none");
      }
    }
    if (const auto i = root["interpolation"])
      s.interpolation = parse_interpolation_settings(i, source_name + ": interpolation");
    if (const auto r = root["resegmentation"])
      s.resegmentation = parse_resegmentation(r, source_name + ": resegmentation");
    if (const auto d = root["discretisation"]) {
      const std::string where = source_name + ": discretisation";
      reject_unknown_keys(d, {"method", "bin_number", "bin_size", "lower_bound"}, where);
      if (d["method"]) {
        const std::string m = scalar_text(d["method"], where + ".method");
        if (m == "fixed_bin_number")
          s.discretisation.method = DiscretisationMethod::fixed_bin_number;
        else if (m == "fixed_bin_size")
          s.discretisation.method = DiscretisationMethod::fixed_bin_size;
        else
          throw ConfigError(where + ".method: must be fixed_bin_number or fixed_bin_size, got '" + m + "'");
      }
      if (d["bin_number"]) {
        const double n = parse_real(scalar_text(d["bin_number"], where), where + ".bin_number");
        if (!(n >= 1 && n <= 65536 && n == double(int(n))))
          throw ConfigError(where + ".bin_number: must be an integer in [1, 65536]");
        s.discretisation.bin_number = int(n);
      }
      if (d["bin_size"]) {
        s.discretisation.bin_size = parse_real(scalar_text(d["bin_size"], where), where + ".bin_size");
        if (!(s.discretisation.bin_size > 0.0)) throw ConfigError(where + ".bin_size: must be positive");
      }
      if (d["lower_bound"]) {
        const std::string t = scalar_text(d["lower_bound"], where + ".lower_bound");
        if (t != "auto") s.discretisation.lower_bound = parse_real(t, where + ".lower_bound");
      }
    }
    if (const auto families = root["families"]) {
      const std::string where = source_name + ": families";
      if (families.IsSequence()) {
        for (const auto& f : families) {
          const std::string name = scalar_text(f, where);
          try {
            s.families.push_back(family_defaults(registry.at(name)));
          } catch (const ConfigError& e) {
            throw ConfigError(where + ": " + e.what());
          }
        }
      } else if (families.IsMap()) {
        for (const auto& kv : families) {
          const std::string name = kv.first.as<std::string>();
          const FamilyDescriptor* family = nullptr;
          try {
            family = &registry.at(name);
          } catch (const ConfigError& e) {
            throw ConfigError(where + ": " + e.what());
          }
          s.families.push_back(parse_family(*family, kv.second, where + "." + name));
        }
      } else {
        throw ConfigError(where + ": expected a list of family names or a mapping name → parameters");
      }
      std::set<std::string> seen;
      for (const auto& f : s.families)
        if (!seen.insert(f.name).second) throw ConfigError(where + ": family '" + f.name + "' listed twice");
      if (s.families.empty()) throw ConfigError(where + ": no family enabled");
      sort_families(s.families);
    } else {
      s.families = defaults(registry).families;
    }
  } catch (const YAML::Exception& e) {
    throw ConfigError(source_name + ": " + e.what());
  }
  return s;
}

Settings Settings::load(const std::filesystem::path& path, const Registry& registry, SettingsFormat format) {
  std::ifstream in(path);
  if (!in) throw ConfigError(path.string() + ": cannot open settings file");
  std::stringstream text;
  text << in.rdbuf();
  return parse(text.str(), registry, path.string(), format);
}

std::string Settings::canonical_text() const {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "voxfeat_settings" << YAML::Value << settings_format_version;
  out << YAML::Key << "label" << YAML::Value << label.describe();
  out << YAML::Key << "geometry_tolerance" << YAML::Value << format_number(geometry_tolerance);
  out << YAML::Key << "correct_mask" << YAML::Value << (correct_mask ? "true" : "false");
  out << YAML::Key << "pyradiomics_diagnostics" << YAML::Value << (pyradiomics_diagnostics ? "true" : "false");
  if (modalities.empty()) {
    out << YAML::Key << "modalities" << YAML::Value << "any";
  } else {
    out << YAML::Key << "modalities" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& m : modalities) out << m;
    out << YAML::EndSeq;
  }
  out << YAML::Key << "minimum_roi" << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "dimensions" << YAML::Value << minimum_roi_dimensions;
  out << YAML::Key << "voxels" << YAML::Value << minimum_roi_voxels;
  out << YAML::EndMap;
  out << YAML::Key << "normalisation" << YAML::Value << YAML::Flow << YAML::BeginMap;
  out << YAML::Key << "enabled" << YAML::Value << (normalisation.enabled ? "true" : "false");
  out << YAML::Key << "scale" << YAML::Value << format_number(normalisation.scale);
  out << YAML::Key << "remove_outliers" << YAML::Value << optional_text(normalisation.remove_outliers);
  out << YAML::EndMap;
  out << YAML::Key << "interpolation" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "grid" << YAML::Value
      << (interpolation.grid == InterpolationGrid::pyradiomics ? "pyradiomics" : "ibsi");
  out << YAML::Key << "method" << YAML::Value << interpolation_name(interpolation.image);
  if (interpolation.spacing != Vec3{0.0, 0.0, 0.0}) {
    out << YAML::Key << "spacing" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (int a = 0; a < (interpolation.in_plane_only ? 2 : 3); ++a) out << format_number(interpolation.spacing[a]);
    out << YAML::EndSeq;
  } else {
    out << YAML::Key << "spacing" << YAML::Value << "none";
  }
  out << YAML::Key << "in_plane_only" << YAML::Value << (interpolation.in_plane_only ? "true" : "false");
  out << YAML::Key << "round_intensities" << YAML::Value << (interpolation.round_intensities ? "true" : "false");
  out << YAML::Key << "mask_method" << YAML::Value << interpolation_name(interpolation.mask);
  out << YAML::Key << "partial_volume_threshold" << YAML::Value
      << format_number(interpolation.partial_volume_threshold);
  out << YAML::Key << "pad_distance" << YAML::Value << interpolation.pad_distance;
  out << YAML::EndMap;
  out << YAML::Key << "resegmentation" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "min" << YAML::Value << optional_text(resegmentation.min);
  out << YAML::Key << "max" << YAML::Value << optional_text(resegmentation.max);
  out << YAML::Key << "outlier_sigma" << YAML::Value << optional_text(resegmentation.outlier_sigma);
  // PyRadiomics' data-relative ranges: named only when set, so that other settings keep their hashes.
  for (const auto& [key, value] : {std::pair{"sigma_min", resegmentation.sigma_min},
                                   std::pair{"sigma_max", resegmentation.sigma_max},
                                   std::pair{"relative_min", resegmentation.relative_min},
                                   std::pair{"relative_max", resegmentation.relative_max}})
    if (value) out << YAML::Key << key << YAML::Value << optional_text(value);
  if (resegmentation.apply_to_morphology) out << YAML::Key << "apply_to_morphology" << YAML::Value << "true";
  out << YAML::EndMap;
  out << YAML::Key << "discretisation" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "method" << YAML::Value
      << (discretisation.method == DiscretisationMethod::fixed_bin_number ? "fixed_bin_number" : "fixed_bin_size");
  out << YAML::Key << "bin_number" << YAML::Value << discretisation.bin_number;
  out << YAML::Key << "bin_size" << YAML::Value << format_number(discretisation.bin_size);
  out << YAML::Key << "lower_bound" << YAML::Value
      << (discretisation.lower_bound ? format_number(*discretisation.lower_bound) : std::string("auto"));
  out << YAML::EndMap;
  out << YAML::Key << "families" << YAML::Value << YAML::BeginMap;
  for (const auto& f : families) {
    out << YAML::Key << f.name << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "aggregations" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const auto& a : f.aggregations) out << a.name;
    out << YAML::EndSeq;
    for (const auto& [k, v] : f.params.all()) out << YAML::Key << k << YAML::Value << v;
    if (!f.outputs.empty()) {  // only when a selection is made, so that the settings hashes of full runs stay
      out << YAML::Key << "outputs" << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (const auto& o : f.outputs) out << o;
      out << YAML::EndSeq;
    }
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

std::string Settings::sha256() const { return detail::sha256_hex(canonical_text()); }

const FamilySettings* Settings::family(std::string_view name) const {
  for (const auto& f : families)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace voxfeat
