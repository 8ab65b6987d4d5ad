// Built-in family "microscopy_ngtdm": the radiomics NGTDM family (IBSI IPET) on each object of a 2D label image, one
// row per object: the same matrices and formulas (kernels/microscopy/object_texture.hpp), the same outputs.
#include "ngtdm/compute.hpp"
#include "support/object_texture_family.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {
namespace {

void compute_objects(const ObjectContext& objects, const ParamValues& params, std::span<double> out) {
  compute_object_texture(objects, params, ngtdm::outputs().size(), out,
                         [&](const kernels::microscopy::ObjectLevels& levels, std::span<double> row) {
                           kernels::microscopy::object_ngtdm(levels, row);
                         });
}

}  // namespace

void register_microscopy_ngtdm(Registry& registry) {
  registry.add(object_texture_descriptor("ngtdm", "neighbourhood grey tone difference matrix (8-neighbourhood, distance 1)", "IPET", {},
                                         ngtdm::outputs(), &compute_objects));
}

}  // namespace voxfeat::plugins
