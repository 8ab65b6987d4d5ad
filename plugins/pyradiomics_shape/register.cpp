// Built-in family "pyradiomics_shape": PyRadiomics' shape class, with its definitions and column names
// (docs/pyradiomics.md), for users moving from PyRadiomics. Not in the default settings: a PyRadiomics parameter
// file enables it (profile "pyradiomics").
#include <algorithm>
#include <span>

#include "pyradiomics/padded_roi.hpp"
#include "pyradiomics/shape.hpp"
#include "support/view_of.hpp"
#include "voxfeat/registry.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::plugins {
namespace {

void compute_pyradiomics_shape(const RoiContext& roi, const ParamValues& /*params*/,
                               const AggregationSpec& /*aggregation*/, std::span<double> out) {
  // PyRadiomics' shape uses the mask before re-segmentation.
  const auto padded = kernels::pyradiomics::padded_roi(view_of(roi.morphological_mask()));
  if (padded.empty()) return;
  const auto values = kernels::pyradiomics::shape_features(padded).values();
  std::copy(values.begin(), values.end(), out.begin());
}

}  // namespace

void register_pyradiomics_shape(Registry& registry) {
  FamilyDescriptor family{
      .name = "pyradiomics_shape",
      .version = "1.0.0",
      .ibsi_code = "",
      .column_prefix = "original_shape",
      .doc =
          "PyRadiomics' shape class (radiomics/shape.py, radiomics/src/cshape.c) with its own definitions where "
          "they differ from IBSI: its marching cubes table and mesh origin, maximum diameters over mesh "
          "vertices (also per slice, column and row plane), principal axes from the population covariance of "
          "voxel centres. Uses the mask before re-segmentation. Column names as PyRadiomics writes them.",
      .dims = Dims::d3,
      .outputs =
          {
              {"MeshVolume", "mm^3", "",
               "Volume enclosed by PyRadiomics' marching-cubes mesh (signed "
               "tetrahedra from the padded bounding box's first voxel)."},
              {"VoxelVolume", "mm^3", "", "Number of ROI voxels × voxel volume."},
              {"SurfaceArea", "mm^2", "", "Area of PyRadiomics' marching-cubes mesh."},
              {"SurfaceVolumeRatio", "mm^-1", "", "SurfaceArea / MeshVolume."},
              {"Sphericity", "1", "", "(36 π V²)^(1/3) / A."},
              {"Maximum3DDiameter", "mm", "", "Largest distance between two mesh vertices."},
              {"Maximum2DDiameterSlice", "mm", "",
               "Largest distance between two mesh vertices of the same axial (z) plane."},
              {"Maximum2DDiameterColumn", "mm", "",
               "Largest distance between two mesh vertices of the same coronal (y) plane."},
              {"Maximum2DDiameterRow", "mm", "",
               "Largest distance between two mesh vertices of the same sagittal (x) plane."},
              {"MajorAxisLength", "mm", "", "4 √λ_major of the population covariance of the voxel centres (mm)."},
              {"MinorAxisLength", "mm", "", "4 √λ_minor of the same covariance."},
              {"LeastAxisLength", "mm", "", "4 √λ_least of the same covariance; 0 for a flat ROI."},
              {"Elongation", "1", "", "√(λ_minor / λ_major); NaN for a single voxel (0/0)."},
              {"Flatness", "1", "", "√(λ_least / λ_major); NaN for a single voxel (0/0)."},
          },
      .compute_cpu = &compute_pyradiomics_shape,
      .profile = "pyradiomics",
  };
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
