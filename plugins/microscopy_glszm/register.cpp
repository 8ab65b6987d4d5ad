// Built-in family "microscopy_glszm": the radiomics GLSZM family (IBSI 9SAK) on each object of a 2D label image, one
// row per object: the same matrices and formulas (kernels/microscopy/object_texture.hpp), the same outputs.
#include "glszm/compute.hpp"
#include "support/object_texture_family.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {
namespace {

void compute_objects(const ObjectContext& objects, const ParamValues& params, std::span<double> out) {
  compute_object_texture(objects, params, glszm::outputs().size(), out,
                         [&](const kernels::microscopy::ObjectLevels& levels, std::span<double> row) {
                           kernels::microscopy::object_glszm(levels, row);
                         });
}

}  // namespace

void register_microscopy_glszm(Registry& registry) {
  registry.add(object_texture_descriptor("glszm", "grey level size zone matrix (zones 8-connected)", "9SAK", {},
                                         glszm::outputs(), &compute_objects));
}

}  // namespace voxfeat::plugins
