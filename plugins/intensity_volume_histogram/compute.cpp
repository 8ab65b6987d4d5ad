#include "intensity_volume_histogram/compute.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "voxfeat/error.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::plugins::intensity_volume_histogram {
namespace {

constexpr const char* kWhere = "intensity_volume_histogram: ";

double bound_or_auto(const ParamValues& params, const std::string& name) {
  if (params.is_auto(name)) return NAN;
  const double v = params.real(name);
  if (!std::isfinite(v)) throw ConfigError(kWhere + name + " must be finite or 'auto'");
  return v;
}

}  // namespace

kernels::IvhSettings ivh_settings(const ParamValues& params) {
  kernels::IvhSettings s;
  const std::string& method = params.text("discretisation");
  if (method == "none") {
    s.discretisation = kernels::IvhDiscretisation::none;
  } else if (method == "fixed_bin_size") {
    s.discretisation = kernels::IvhDiscretisation::fixed_bin_size;
  } else if (method == "fixed_bin_number") {
    s.discretisation = kernels::IvhDiscretisation::fixed_bin_number;
  } else {
    throw ConfigError(std::string(kWhere) + "discretisation must be none, fixed_bin_size or fixed_bin_number, got '" +
                      method + "'");
  }
  s.bin_size = params.real("bin_size");
  if (!(s.bin_size > 0.0) || !std::isfinite(s.bin_size))
    throw ConfigError(std::string(kWhere) + "bin_size must be a finite number > 0, got '" + params.text("bin_size") +
                      "'");
  const long long bins = params.integer("bin_number");
  if (bins < 1 || bins > kernels::ivh_max_levels)
    throw ConfigError(std::string(kWhere) + "bin_number must be in 1.." + std::to_string(kernels::ivh_max_levels) +
                      ", got " + std::to_string(bins));
  s.bin_number = int(bins);
  s.range_min = bound_or_auto(params, "range_min");
  s.range_max = bound_or_auto(params, "range_max");
  if (s.range_min > s.range_max)  // false when either is auto (NaN)
    throw ConfigError(std::string(kWhere) + "range_min is above range_max");
  return s;
}

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& /*aggregation*/,
                 std::span<double> out) {
  kernels::IvhSettings settings = ivh_settings(params);
  if (roi.roi_intensities().empty()) return;  // empty intensity mask: every output stays NaN
  // IBSI 2.5/3.5: a re-segmentation range is the IVH's range for calibrated intensities (discretisation none or
  // fixed bin size); arbitrary units (fixed bin number) use the ROI's own range.
  if (settings.discretisation != kernels::IvhDiscretisation::fixed_bin_number) {
    const IntensityRange range = roi.resegmentation_range();
    if (std::isnan(settings.range_min) && range.min) settings.range_min = *range.min;
    if (std::isnan(settings.range_max) && range.max) settings.range_max = *range.max;
  }
  kernels::IvhFeatures f;
  try {
    f = kernels::intensity_volume_histogram(roi.roi_intensities(), settings);
  } catch (const std::invalid_argument& e) {
    // The only failures left are range/bin-size combinations that depend on the ROI (e.g. an auto bound).
    throw ConfigError(std::string(kWhere) + e.what());
  }
  out[v10] = f.v10;
  out[v90] = f.v90;
  out[i10] = f.i10;
  out[i90] = f.i90;
  out[v10_v90] = f.v10_minus_v90;
  out[i10_i90] = f.i10_minus_i90;
  out[area_under_curve] = f.area_under_curve;
}

}  // namespace voxfeat::plugins::intensity_volume_histogram
