#pragma once
// What PyRadiomics' texture classes (glszm, gldm, ngtdm, ...) share as families: the settings they take as
// parameters, with the names and defaults engine/src/settings/pyradiomics_params.cpp fills (binWidth → bin_width,
// ...), read back as the kernels want them, and the descriptor and compute function every such family has (profile
// "pyradiomics", columns original_<class>_<Feature>, the ROI's shared PyRadiomics grey levels in, NaN for an empty
// intensity mask).
#include <algorithm>
#include <cstddef>
#include <exception>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "pyradiomics/angles.hpp"
#include "pyradiomics/binning.hpp"
#include "support/pyradiomics_levels.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/family.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::plugins {

/// binWidth and binCount (read by support/pyradiomics_levels.hpp), distances when the class takes them, force2D and
/// force2Ddimension.
inline std::vector<ParamSpec> pyradiomics_texture_params(bool with_distances) {
  std::vector<ParamSpec> params{
      {"bin_width", ParamType::real, "25", "binWidth: width of the grey level bins", {}, 1e-12},
      {"bin_count", ParamType::integer, "0", "binCount: a fixed number of bins instead (0: use bin_width)", {}, 0,
       65536}};
  if (with_distances)
    params.push_back({"distances", ParamType::text, "1",
                      "distances: the Chebyshev distances of the neighbours, comma-separated (e.g. 1,2)"});
  params.push_back({"force2d", ParamType::boolean, "false", "force2D: neighbours within the plane only"});
  params.push_back({"force2d_dimension", ParamType::integer, "0",
                    "force2Ddimension: the axis left out with force2D, in numpy's order (0 = z, 1 = y, 2 = x)", {}, 0,
                    2});
  return params;
}

/// The `distances` parameter ("1" or "1,2"): positive integers. Throws ConfigError otherwise.
inline std::vector<int> pyradiomics_distances(const ParamValues& params) {
  const std::string& text = params.text("distances");
  std::vector<int> distances;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, comma - start);
    std::size_t used = 0;
    int d = 0;
    try {
      d = std::stoi(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != item.size() || d < 1)
      throw ConfigError("parameter 'distances' must list positive integers (e.g. 1,2), got '" + text + "'");
    distances.push_back(d);
    start = comma + 1;
  }
  return distances;
}

/// The axis PyRadiomics leaves out of the neighbourhood (numpy order), or no_force2d without force2D.
inline int pyradiomics_force2d_dimension(const ParamValues& params) {
  return params.boolean("force2d") ? int(params.integer("force2d_dimension")) : kernels::pyradiomics::no_force2d;
}

/// The neighbour offsets of the classes that take `distances` (gldm, ngtdm): both directions, over the box of
/// `levels`, as their cmatrices.c functions build them.
inline std::vector<kernels::pyradiomics::Offset> pyradiomics_offsets(const kernels::pyradiomics::GreyLevels& levels,
                                                                     const ParamValues& params) {
  return kernels::pyradiomics::angles(levels.extent, pyradiomics_distances(params),
                                      pyradiomics_force2d_dimension(params), /*bidirectional=*/true);
}

/// The family "pyradiomics_<feature_class>" with columns original_<feature_class>_<output name>. `values(levels,
/// params)` gives the outputs' values in order (any container of doubles) from the ROI's PyRadiomics grey levels
/// (support/pyradiomics_levels.hpp); it is not called for an empty intensity mask, whose outputs stay NaN, as
/// pyradiomics_firstorder leaves them.
template <class Values>
FamilyDescriptor pyradiomics_texture_family(const std::string& feature_class, std::string doc,
                                            std::vector<ParamSpec> params, std::vector<OutputSpec> outputs,
                                            Values values) {
  FamilyDescriptor family;
  family.name = "pyradiomics_" + feature_class;
  family.version = "1.0.0";
  family.column_prefix = "original_" + feature_class;
  family.doc = std::move(doc);
  family.dims = Dims::d3;
  family.params = std::move(params);
  family.outputs = std::move(outputs);
  family.compute_cpu = [values](const RoiContext& roi, const ParamValues& p, const AggregationSpec& /*aggregation*/,
                                std::span<double> out) {
    if (roi.roi_intensities().empty()) return;
    const auto v = values(*pyradiomics_levels(roi, p), p);
    if (v.size() != out.size()) throw std::logic_error("a PyRadiomics texture family gave the wrong number of values");
    std::copy(v.begin(), v.end(), out.begin());
  };
  family.profile = "pyradiomics";
  return family;
}

}  // namespace voxfeat::plugins
