// Built-in family "microscopy_glrlm": the radiomics GLRLM family (IBSI TP0I) on each object of a 2D label image, one
// row per object: the same matrices and formulas (kernels/microscopy/object_texture.hpp), the same outputs.
#include "glrlm/compute.hpp"
#include "support/object_texture_family.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {
namespace {

void compute_objects(const ObjectContext& objects, const ParamValues& params, std::span<double> out) {
  compute_object_texture(objects, params, glrlm::outputs().size(), out,
                         [&](const kernels::microscopy::ObjectLevels& levels, std::span<double> row) {
                           kernels::microscopy::object_glrlm(levels, object_texture_directions(params), row);
                         });
}

}  // namespace

void register_microscopy_glrlm(Registry& registry) {
  registry.add(object_texture_descriptor("glrlm", "grey level run length matrix", "TP0I", {object_texture_directions_param()},
                                         glrlm::outputs(), &compute_objects));
}

}  // namespace voxfeat::plugins
