// Built-in family "microscopy_zernike": Zernike moment magnitudes up to order 9 of each object of a 2D label image,
// of its shape and weighted by its intensities (mahotas' and Nyxus' definition: kernels/microscopy/zernike.hpp).
#include "microscopy_zernike/compute.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {

void register_microscopy_zernike(Registry& registry) {
  FamilyDescriptor family{
      .name = "microscopy_zernike",
      .version = "1.0.0",
      .ibsi_code = "",
      .column_prefix = "zernike",
      .doc = "Per-object Zernike moment magnitudes |A_nm|, 0 <= m <= n <= 9, n - m even (30 per weighting), of the "
             "object's shape and of its intensities, about the (weighted) centroid, on the disc of the chosen "
             "radius: one row per object. Rotation- and translation-invariant.",
      .dims = Dims::d2,
      .params = {{"radius", ParamType::text, "largest_distance",
                  "Disc radius: largest_distance (every pixel inside; mahotas given that radius) or "
                  "bounding_box_side (the smaller side of the bounding box, Nyxus' choice).",
                  {"largest_distance", "bounding_box_side"}}},
      .outputs = microscopy_zernike::outputs(),
      .aggregations = {per_object_2d()},
      .compute_objects = &microscopy_zernike::compute_objects,
#if VOXFEAT_HAVE_CUDA
      .compute_objects_cuda = &microscopy_zernike::compute_objects_cuda,
#endif
      .profile = "microscopy",
  };
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
