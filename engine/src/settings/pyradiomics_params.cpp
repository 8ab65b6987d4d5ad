#include "settings/pyradiomics_params.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <vector>

#include "settings/output_selection.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::detail {
namespace {

/// The feature classes PyRadiomics has. Class `c` is computed by the family "pyradiomics_<c>"; a class whose family
/// is not registered is refused as not supported yet.
const std::vector<std::string>& feature_classes() {
  static const std::vector<std::string> classes{"firstorder", "shape", "shape2D", "glcm",
                                                "glrlm",      "glszm", "gldm",    "ngtdm"};
  return classes;
}

/// The PyRadiomics settings that families take as parameters: PyRadiomics name → (voxfeat parameter, PyRadiomics'
/// default). A family receives those it declares.
const std::map<std::string, std::pair<std::string, std::string>>& family_settings() {
  static const std::map<std::string, std::pair<std::string, std::string>> settings{
      {"binWidth", {"bin_width", "25"}},
      {"binCount", {"bin_count", "0"}},
      {"voxelArrayShift", {"voxel_array_shift", "0"}},
      {"distances", {"distances", "1"}},
      {"symmetricalGLCM", {"symmetrical_glcm", "true"}},
      {"weightingNorm", {"weighting_norm", "none"}},
      {"gldm_a", {"gldm_a", "0"}},
      {"force2D", {"force2d", "false"}},
      {"force2Ddimension", {"force2d_dimension", "0"}},
  };
  return settings;
}

/// Settings that change nothing unless a feature class or image type voxfeat refuses anyway is enabled
/// (PyRadiomics ignores them too in that case), or that only affect speed.
const std::set<std::string>& inert_settings() {
  static const std::set<std::string> names{
      "preCrop",                                                           // speed only
      "sigma", "start_level", "level", "wavelet", "gradientUseSpacing",    // image types other than Original
      "lbp2DRadius", "lbp2DSamples", "lbp2DMethod", "lbp3DLevels", "lbp3DIcosphereRadius",
      "lbp3DIcosphereSubdivision"};
  return names;
}

[[noreturn]] void not_yet(const std::string& where, const std::string& what) {
  throw ConfigError(where + ": " + what + " is not supported yet by voxfeat's PyRadiomics profile");
}

double number(const YAML::Node& n, const std::string& where) {
  try {
    return n.as<double>();
  } catch (const YAML::Exception&) {
    throw ConfigError(where + ": expected a number");
  }
}

bool is_null(const YAML::Node& n) { return !n || n.IsNull() || (n.IsScalar() && n.Scalar() == "None"); }

bool flag(const YAML::Node& n, const std::string& where) {
  try {
    return n.as<bool>();
  } catch (const YAML::Exception&) {
    throw ConfigError(where + ": expected true or false");
  }
}

/// SimpleITK's interpolator named by PyRadiomics' `interpolator` (its name or enum value). Those voxfeat lacks are
/// refused by name.
InterpolationMethod interpolation_method(const YAML::Node& v, const std::string& where) {
  const std::string name = v.Scalar();
  if (name == "sitkNearestNeighbor" || name == "1") return InterpolationMethod::nearest;
  if (name == "sitkLinear" || name == "2") return InterpolationMethod::linear;
  if (name == "sitkBSpline" || name == "3") return InterpolationMethod::cubic_spline;
  static const char* const known[] = {"sitkGaussian", "sitkLabelGaussian", "sitkHammingWindowedSinc",
                                      "sitkCosineWindowedSinc", "sitkWelchWindowedSinc", "sitkLanczosWindowedSinc",
                                      "sitkBlackmanWindowedSinc", "sitkBSplineResampler",
                                      "sitkBSplineResamplerOrder3", "sitkBSplineResamplerOrder1",
                                      "sitkBSplineResamplerOrder2", "sitkBSplineResamplerOrder4",
                                      "sitkBSplineResamplerOrder5", "sitkLabelLinear"};
  for (const char* k : known)
    if (name == k)
      not_yet(where, "the interpolator " + name + " (sitkNearestNeighbor, sitkLinear and sitkBSpline are)");
  throw ConfigError(where + ": '" + name + "' is not a SimpleITK interpolator");
}

/// The value a family parameter gets from PyRadiomics setting `key`, checked as PyRadiomics checks it.
std::string family_setting(const std::string& key, const YAML::Node& v, const std::string& where) {
  if (key == "binWidth") {
    if (!(number(v, where) > 0)) throw ConfigError(where + ": must be positive");
    return v.Scalar();
  }
  if (key == "binCount") {
    if (is_null(v)) return "0";
    const double count = number(v, where);
    if (!(count >= 1 && count == std::floor(count))) throw ConfigError(where + ": must be a positive integer");
    return std::to_string((long long)count);
  }
  if (key == "voxelArrayShift" || key == "gldm_a") {
    number(v, where);
    return v.Scalar();
  }
  if (key == "distances") {
    // A list of positive integer distances, written "1,2" for the family.
    if (!v.IsSequence() || v.size() == 0) throw ConfigError(where + ": expected a list of distances, e.g. [1]");
    std::string list;
    for (const auto& d : v) {
      const double x = number(d, where);
      if (!(x >= 1 && x == std::floor(x))) throw ConfigError(where + ": distances must be positive integers");
      if (!list.empty()) list += ',';
      list += std::to_string((long long)x);
    }
    return list;
  }
  if (key == "symmetricalGLCM" || key == "force2D") return flag(v, where) ? "true" : "false";
  if (key == "weightingNorm") {
    if (is_null(v)) return "none";
    const auto norm = v.as<std::string>();
    if (norm != "infinity" && norm != "euclidean" && norm != "manhattan" && norm != "no_weighting")
      throw ConfigError(where + ": must be infinity, euclidean, manhattan, no_weighting or None");
    return norm;
  }
  if (key == "force2Ddimension") {
    const double d = number(v, where);
    if (!(d == 0 || d == 1 || d == 2)) throw ConfigError(where + ": must be 0, 1 or 2");
    return std::to_string(int(d));
  }
  throw ConfigError(where + ": no family parameter");  // unreachable: family_settings() lists the keys
}

}  // namespace

bool is_pyradiomics_params(const YAML::Node& root) {
  if (!root.IsMap()) return false;
  for (const char* key : {"setting", "imageType", "featureClass", "voxelSetting"})
    if (root[key]) return true;
  return false;
}

Settings settings_from_pyradiomics(const YAML::Node& root, const Registry& registry, const std::string& source) {
  for (const auto& kv : root) {
    const auto key = kv.first.as<std::string>();
    if (key != "setting" && key != "imageType" && key != "featureClass" && key != "voxelSetting")
      throw ConfigError(source + ": '" + key + "' is not a section of a PyRadiomics parameter file (setting, "
                        "imageType, featureClass, voxelSetting)");
  }
  if (root["voxelSetting"]) not_yet(source + ": voxelSetting", "voxel-based extraction");
  if (const auto types = root["imageType"]; types && !types.IsNull()) {
    if (!types.IsMap()) throw ConfigError(source + ": imageType: expected a mapping of image types");
    for (const auto& kv : types) {
      const auto name = kv.first.as<std::string>();
      if (name != "Original") not_yet(source + ": imageType." + name, "the image type '" + name + "'");
      if (kv.second.IsMap() && kv.second.size() > 0) not_yet(source + ": imageType.Original", "custom settings");
    }
  }

  Settings s;
  std::map<std::string, std::string> family_params;  // voxfeat parameter → value
  for (const auto& [name, param] : family_settings()) family_params[param.first] = param.second;
  s.label = LabelSelector{false, 1};  // PyRadiomics' default label is 1
  s.pyradiomics_diagnostics = true;   // additionalInfo defaults to true
  if (const auto set = root["setting"]; set && !set.IsNull()) {
    if (!set.IsMap()) throw ConfigError(source + ": setting: expected a mapping");
    std::string reseg_mode = "absolute";
    YAML::Node resampled_spacing;
    InterpolationMethod interpolator = InterpolationMethod::cubic_spline;  // sitkBSpline, PyRadiomics' default
    std::optional<double> remove_outliers;  // acts only with normalize, as in PyRadiomics
    YAML::Node reseg_range;
    for (const auto& kv : set) {
      const auto key = kv.first.as<std::string>();
      const std::string where = source + ": setting." + key;
      const YAML::Node& v = kv.second;
      if (key == "label") {
        s.label = LabelSelector{false, (long long)number(v, where)};
      } else if (key == "label_channel") {
        if (number(v, where) != 0) not_yet(where, "a label channel other than 0");
      } else if (family_settings().count(key)) {
        family_params[family_settings().at(key).first] = family_setting(key, v, where);
      } else if (key == "resegmentRange") {
        reseg_range = v;
      } else if (key == "resegmentMode") {
        reseg_mode = v.as<std::string>();
      } else if (key == "resegmentShape") {
        s.resegmentation.apply_to_morphology = flag(v, where);
      } else if (key == "normalize") {
        s.normalisation.enabled = flag(v, where);
      } else if (key == "normalizeScale") {
        if (!(number(v, where) > 0)) throw ConfigError(where + ": must be positive");
        s.normalisation.scale = number(v, where);
      } else if (key == "removeOutliers") {
        if (!is_null(v)) {
          const double n = number(v, where);
          if (!(n > 0.0)) throw ConfigError(where + ": must be a positive number of standard deviations");
          remove_outliers = n;
        }
      } else if (key == "resampledPixelSpacing") {
        if (!is_null(v)) resampled_spacing = v;
      } else if (key == "interpolator") {
        if (!is_null(v)) interpolator = interpolation_method(v, where);
      } else if (key == "padDistance") {
        const double d = number(v, where);
        if (!(d >= 0 && d == std::floor(d))) throw ConfigError(where + ": must be a whole number >= 0");
        s.interpolation.pad_distance = int(d);
      } else if (key == "additionalInfo") {
        s.pyradiomics_diagnostics = flag(v, where);
      } else if (key == "correctMask") {
        s.correct_mask = flag(v, where);
      } else if (key == "geometryTolerance") {
        // SimpleITK's coordinate tolerance is, like voxfeat's geometry_tolerance, a fraction of the voxel spacing.
        if (!is_null(v)) {
          const double t = number(v, where);
          if (!(t >= 0.0 && t < 0.5)) throw ConfigError(where + ": must be in [0, 0.5) (a fraction of a voxel)");
          s.geometry_tolerance = t;
        }
      } else if (key == "minimumROIDimensions") {
        const double d = number(v, where);
        if (!(d >= 1 && d <= 3 && d == std::floor(d))) throw ConfigError(where + ": must be 1, 2 or 3");
        s.minimum_roi_dimensions = int(d);
      } else if (key == "minimumROISize") {
        if (!is_null(v)) s.minimum_roi_voxels = std::size_t(number(v, where));
      } else if (!inert_settings().count(key)) {
        throw ConfigError(where + ": not a PyRadiomics setting voxfeat knows (see docs/pyradiomics.md)");
      }
    }
    if (!is_null(resampled_spacing)) {
      const std::string where = source + ": setting.resampledPixelSpacing";
      if (!resampled_spacing.IsSequence() || resampled_spacing.size() != 3)
        throw ConfigError(where + ": expected three spacings [x, y, z] in mm (0: keep that axis)");
      for (std::size_t a = 0; a < 3; ++a) {
        const double x = number(resampled_spacing[a], where);
        if (!(x >= 0.0 && x < 1e4)) throw ConfigError(where + ": spacings must be >= 0 (0: keep that axis)");
        s.interpolation.spacing[a] = x;
      }
      s.interpolation.grid = InterpolationGrid::pyradiomics;
      s.interpolation.image = interpolator;
      s.interpolation.mask = InterpolationMethod::nearest;
    }
    if (s.normalisation.enabled) s.normalisation.remove_outliers = remove_outliers;
    if (!is_null(reseg_range)) {
      const std::string where = source + ": setting.resegmentRange";
      std::vector<double> r;
      for (const auto& x : reseg_range) r.push_back(number(x, where));
      if (r.empty() || r.size() > 2) throw ConfigError(where + ": expected [lower] or [lower, upper]");
      std::sort(r.begin(), r.end());  // imageoperations.resegmentMask sorts the thresholds; one is a lower bound
      const std::optional<double> upper = r.size() == 2 ? std::optional<double>(r[1]) : std::nullopt;
      if (reseg_mode == "absolute") {
        s.resegmentation.min = r[0];
        s.resegmentation.max = upper;
      } else if (reseg_mode == "sigma") {
        if (upper && r[0] == -*upper && *upper > 0) {
          s.resegmentation.outlier_sigma = *upper;  // mean ± k·SD: IBSI's outlier filtering
        } else {
          s.resegmentation.sigma_min = r[0];
          s.resegmentation.sigma_max = upper;
        }
      } else if (reseg_mode == "relative") {
        s.resegmentation.relative_min = r[0];
        s.resegmentation.relative_max = upper;
      } else {
        throw ConfigError(source + ": setting.resegmentMode: must be absolute, relative or sigma");
      }
    }
  }

  // featureClass absent: PyRadiomics enables every class.
  std::vector<std::string> classes;
  std::map<std::string, std::vector<std::string>> chosen;  // class → the features listed for it
  if (const auto fc = root["featureClass"]; fc && !fc.IsNull()) {
    if (!fc.IsMap()) throw ConfigError(source + ": featureClass: expected a mapping class → features");
    for (const auto& kv : fc) {
      const auto name = kv.first.as<std::string>();
      classes.push_back(name);
      // A list of features enables those alone; no list (or an empty one) the class's default features.
      if (!is_null(kv.second) && !(kv.second.IsSequence() && kv.second.size() == 0)) {
        const std::string where = source + ": featureClass." + name;
        if (!kv.second.IsSequence()) throw ConfigError(where + ": expected a list of feature names (or nothing)");
        for (const auto& feature : kv.second) {
          const auto f = feature.as<std::string>();
          // Deprecated in PyRadiomics and computed only on request there (radiomics/shape.py).
          if (name == "shape" && (f == "Compactness1" || f == "Compactness2" || f == "SphericalDisproportion"))
            not_yet(where, "the deprecated shape feature " + f);
          chosen[name].push_back(f);
        }
      }
    }
  } else {
    classes = feature_classes();
  }
  for (const auto& name : classes) {
    if (std::find(feature_classes().begin(), feature_classes().end(), name) == feature_classes().end())
      throw ConfigError(source + ": featureClass." + name + ": not a PyRadiomics feature class");
    const FamilyDescriptor* family = registry.find("pyradiomics_" + name);
    if (!family) not_yet(source + ": featureClass." + name, "the feature class '" + name + "'");
    std::map<std::string, std::string> params;
    for (const auto& spec : family->params)
      if (const auto it = family_params.find(spec.name); it != family_params.end()) params.insert(*it);
    FamilySettings fs{family->name, ParamValues(std::move(params)), {family->aggregations.front()}};
    if (const auto it = chosen.find(name); it != chosen.end())
      fs.outputs = select_outputs(*family, it->second, source + ": featureClass." + name);
    s.families.push_back(std::move(fs));
  }
  return s;
}

}  // namespace voxfeat::detail
