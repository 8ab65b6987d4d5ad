// Built-in family "local_intensity" (IBSI 1 section 3.2, 9ST6): intensity peaks in a 1 cm³ sphere.
#include "local_intensity/compute.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {

void register_local_intensity(Registry& registry) {
  FamilyDescriptor family{
      .name = "local_intensity",
      .version = "1.0.0",
      .ibsi_code = "9ST6",
      .column_prefix = "loc",
      .doc = "Mean intensity in a 1 cm^3 sphere (radius 6.2035 mm, world distances) around ROI voxels; the sphere "
             "takes every image voxel, in the ROI or not, whose centre is within the radius. Always 3D.",
      .dims = Dims::d3,
      .outputs =
          {
              {"peak_local", "intensity", "VJGA",
               "Sphere mean around the voxel of highest intensity in the ROI; the highest such mean when several "
               "voxels share the maximum."},
              {"peak_global", "intensity", "0F91", "Highest sphere mean over all voxels of the ROI."},
          },
      .compute_cpu = &local_intensity::compute_cpu,
  };
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
