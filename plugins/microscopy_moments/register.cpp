// Built-in family "microscopy_moments": per-object image moments of 2D label images (microscopy) in scikit-image
// regionprops' conventions (row power first, local bounding-box coordinates), unweighted and intensity-weighted.
#include "microscopy_moments/compute.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {

void register_microscopy_moments(Registry& registry) {
  FamilyDescriptor family{
      .name = "microscopy_moments",
      .version = "1.0.0",
      .ibsi_code = "",
      .column_prefix = "moment2d",
      .doc = "Per-object raw, central, normalised and Hu moments of a 2D label image, of the object's shape and "
             "weighted by its intensities: one row per object. Index i is the row power, j the column power; raw "
             "moments use coordinates local to the object's bounding box, as scikit-image does.",
      .dims = Dims::d2,
      .outputs = microscopy_moments::outputs(),
      .aggregations = {per_object_2d()},
      .compute_objects = &microscopy_moments::compute_objects,
#if VOXFEAT_HAVE_CUDA
      .compute_objects_cuda = &microscopy_moments::compute_objects_cuda,
#endif
      .profile = "microscopy",
  };
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
