// Built-in family "pyradiomics_shape2D": PyRadiomics' shape2D class, with its definitions and column names
// (docs/pyradiomics.md), for ROIs one voxel thick along force2Ddimension. Not in the default settings: a PyRadiomics
// parameter file enables it (profile "pyradiomics").
#include <algorithm>
#include <span>
#include <string>

#include "pyradiomics/padded_roi.hpp"
#include "pyradiomics/shape2d.hpp"
#include "support/view_of.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/registry.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::plugins {
namespace {

void compute_pyradiomics_shape2d(const RoiContext& roi, const ParamValues& params,
                                 const AggregationSpec& /*aggregation*/, std::span<double> out) {
  // featureextractor.computeShape (v3) skips the class, with a warning only, without force2D: no values.
  if (!params.boolean("force2d")) return;
  const auto dimension = int(params.integer("force2d_dimension"));  // numpy order: 0 = z
  const kernels::pyradiomics::PaddedRoi padded = kernels::pyradiomics::padded_roi(view_of(roi.morphological_mask()));
  if (padded.empty()) return;
  // computeShape also skips it when the bounding box is one voxel wide along force2Ddimension read in ITK's axis
  // order (x, y, z), where it meant numpy's: a PyRadiomics quirk, kept so that the same ROIs get no values.
  if (padded.box_size(dimension) == 1) return;
  const int normal_axis = 2 - dimension;
  if (const std::size_t thickness = padded.box_size(normal_axis); thickness != 1)
    throw InputError("pyradiomics_shape2D: the ROI is " + std::to_string(thickness) +
                     " voxels thick along force2Ddimension " + std::to_string(dimension) +
                     " (numpy axis order, 0 = z); PyRadiomics computes shape2D only for a mask one voxel thick "
                     "there (radiomics/shape2D.py raises ValueError)");
  const auto values = kernels::pyradiomics::shape2d_features(padded, normal_axis).values();
  std::copy(values.begin(), values.end(), out.begin());
}

}  // namespace

void register_pyradiomics_shape2D(Registry& registry) {
  FamilyDescriptor family{
      .name = "pyradiomics_shape2D",
      .version = "1.0.0",
      .ibsi_code = "",
      .column_prefix = "original_shape2D",
      .doc =
          "PyRadiomics' shape2D class (radiomics/shape2D.py, radiomics/src/cshape.c) for an ROI one voxel thick "
          "along force2Ddimension: its marching squares (signed area, perimeter), maximum diameter over "
          "contour vertices, principal axes from the population covariance of pixel centres. Uses the mask "
          "before re-segmentation. No values without force2D (PyRadiomics skips the class); an ROI thicker "
          "than one voxel along force2Ddimension is an error, as in PyRadiomics. Column names as PyRadiomics "
          "writes them.",
      .dims = Dims::d2,
      .params =
          {
              {"force2d", ParamType::boolean, "false", "force2D: shape2D is computed only when true"},
              {"force2d_dimension",
               ParamType::integer,
               "0",
               "force2Ddimension: the axis the ROI is one voxel thick along, numpy order (0 = z, 1 = y, 2 = x)",
               {},
               0,
               2},
          },
      .outputs =
          {
              {"MeshSurface", "mm^2", "", "Area enclosed by PyRadiomics' marching-squares contour."},
              {"PixelSurface", "mm^2", "", "Number of ROI pixels × pixel area."},
              {"Perimeter", "mm", "", "Length of the marching-squares contour."},
              {"PerimeterSurfaceRatio", "mm^-1", "", "Perimeter / MeshSurface."},
              {"Sphericity", "1", "", "2 √(π A) / P: perimeter of the circle of the same area over the perimeter."},
              {"MaximumDiameter", "mm", "", "Largest distance between two contour vertices."},
              {"MajorAxisLength", "mm", "", "4 √λ_major of the population covariance of the pixel centres (mm)."},
              {"MinorAxisLength", "mm", "", "4 √λ_minor of the same covariance; 0 for a line."},
              {"Elongation", "1", "", "√(λ_minor / λ_major); NaN for a single pixel (0/0)."},
          },
      .compute_cpu = &compute_pyradiomics_shape2d,
      .profile = "pyradiomics",
  };
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
