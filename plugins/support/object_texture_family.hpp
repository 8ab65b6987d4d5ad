#pragma once
// What the per-object texture families (microscopy_glcm, _glrlm, _glszm, _ngtdm) share: their quantisation
// parameters, the image's grey scale (made once per image and shared), and the loop over objects in parallel that
// quantises each object (kernels/microscopy/object_levels.hpp) and hands its levels to the family's kernel.
#include <charconv>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include "microscopy/object_levels.hpp"
#include "microscopy/object_texture.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/family.hpp"
#include "voxfeat/object_context.hpp"

namespace voxfeat::plugins {

/// The quantisation parameters of every per-object texture family.
inline std::vector<ParamSpec> object_texture_params() {
  return {
      {"quantisation", ParamType::text, "per_object",
       "Grey scale: per_object (each object's own min..max in bin_number bins: texture independent of brightness) "
       "or per_image (one scale over every object's pixels: levels comparable across objects).",
       {"per_object", "per_image"}},
      {"discretisation", ParamType::text, "fixed_bin_number",
       "fixed_bin_number (bin_number bins), or fixed_bin_size (bins of bin_size from lower_bound; per_image only).",
       {"fixed_bin_number", "fixed_bin_size"}},
      {"bin_number", ParamType::integer, "32", "Grey levels of a fixed bin number (1..65535).", {}, 1, 65535},
      {"bin_size", ParamType::real, "25", "Bin width of a fixed bin size, in intensity units.", {}, 1e-12},
      {"lower_bound", ParamType::text, "auto",
       "Fixed bin size: the first bin's lower edge; auto = the objects' minimum intensity."},
  };
}

/// "glcm: directions averaged or merged" parameter of the directional families.
inline ParamSpec object_texture_directions_param() {
  return {"directions", ParamType::text, "averaged",
          "averaged: features of each of the 4 in-plane directions, averaged (IBSI 2D averaged, BTW3); merged: the "
          "directions' matrices merged first (IBSI 2D slice-merged, SUJT).",
          {"averaged", "merged"}};
}

inline kernels::microscopy::Directions object_texture_directions(const ParamValues& params) {
  return params.text("directions") == "merged" ? kernels::microscopy::Directions::merged
                                               : kernels::microscopy::Directions::averaged;
}

/// The quantisation the parameters ask for on this image; the per-image scale made once per image and parameters.
inline kernels::microscopy::ObjectQuantisation object_quantisation(const ObjectContext& objects,
                                                                   const ParamValues& params) {
  namespace mk = kernels::microscopy;
  const bool fixed_size = params.text("discretisation") == "fixed_bin_size";
  const int bins = int(params.integer("bin_number"));
  if (params.text("quantisation") == "per_object") {
    if (fixed_size)
      throw ConfigError("per-object texture: discretisation fixed_bin_size needs quantisation per_image (a bin width "
                        "per object would give objects different level counts for the same texture)");
    return mk::ObjectQuantisation::per_object(bins);
  }
  std::optional<double> lower;
  if (const std::string& text = params.text("lower_bound"); text != "auto") {
    double value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size())
      throw ConfigError("per-object texture: lower_bound '" + text + "' is neither auto nor a number");
    lower = value;
  }
  const std::string key = "microscopy.texture.image_scale:" + params.text("discretisation") + ":" +
                          std::to_string(bins) + ":" + params.text("bin_size") + ":" + params.text("lower_bound");
  const auto spec = objects.shared<kernels::DiscretisationSpec>(key, [&] {
    try {
      return fixed_size ? mk::image_fixed_bin_size(objects.objects(), objects.intensities(), params.real("bin_size"),
                                                   lower)
                        : mk::image_fixed_bin_number(objects.objects(), objects.intensities(), bins);
    } catch (const std::invalid_argument& e) {
      throw InputError(std::string("per-image grey scale: ") + e.what());
    }
  });
  return mk::ObjectQuantisation::per_image(*spec);
}

/// Every object's row of `out` (objects × outputs): `features(levels, row)` on its quantised levels, objects in
/// parallel, one level buffer per thread.
template <class Features>
void compute_object_texture(const ObjectContext& objects, const ParamValues& params, std::size_t outputs,
                            std::span<double> out, Features features) {
  namespace mk = kernels::microscopy;
  const mk::ObjectQuantisation quantisation = object_quantisation(objects, params);
  const mk::ObjectTable& table = objects.objects();
  const mk::PlaneView<float> intensity = objects.intensities();
  tbb::enumerable_thread_specific<std::vector<std::int32_t>> buffers;
  tbb::parallel_for(std::size_t(0), table.objects.size(), [&](std::size_t i) {
    mk::ObjectLevels levels;
    try {
      levels = mk::object_levels(table.objects[i], table.runs_of(i), intensity, quantisation, buffers.local());
    } catch (const std::invalid_argument& e) {
      throw InputError("object " + std::to_string(table.objects[i].label) + ": " + e.what());
    }
    features(levels, out.subspan(i * outputs, outputs));
  });
}

/// The descriptor of the per-object version of radiomics family `radiomics` (e.g. "glcm": family microscopy_glcm,
/// columns glcm2d_*), with its outputs and the quantisation parameters plus `extra_params`.
inline FamilyDescriptor object_texture_descriptor(const std::string& radiomics, const std::string& what,
                                                  const std::string& ibsi_code, std::vector<ParamSpec> extra_params,
                                                  std::vector<OutputSpec> outputs, ComputeObjectsFn compute) {
  std::vector<ParamSpec> params = object_texture_params();
  for (auto& p : extra_params) params.push_back(std::move(p));
  return FamilyDescriptor{
      .name = "microscopy_" + radiomics,
      .version = "1.0.0",
      .ibsi_code = "",
      .column_prefix = radiomics + "2d",
      .doc = "Per-object " + what + " features of a 2D label image: the radiomics family " + radiomics +
             "'s features (IBSI " + ibsi_code + ") on each object as a one-slice ROI, its pixels quantised per "
             "object or per image (parameters); one row per object. Pixels of other objects inside the bounding box "
             "never count.",
      .dims = Dims::d2,
      .params = std::move(params),
      .outputs = std::move(outputs),
      .aggregations = {per_object_2d()},
      .compute_objects = std::move(compute),
      .profile = "microscopy",
  };
}

}  // namespace voxfeat::plugins
