#include "morphology/morphology_family.hpp"

#include <array>
#include <stdexcept>
#include <string>

#include "morphology/morphology_features.hpp"
#include "support/view_of.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::plugins {
namespace {

using Features = kernels::morphology::MorphologyFeatures;

struct Output {
  OutputSpec spec;
  double Features::*field;
};

// One list drives both the descriptor's outputs and the copy into the output row, so they cannot drift apart.
const std::array<Output, 29>& outputs() {
  static const std::array<Output, 29> list{{
      {{"volume", "mm^3", "RNU0", "Volume enclosed by the marching-cubes mesh of the morphological mask"},
       &Features::volume},
      {{"volume_voxel_counting", "mm^3", "YEKZ", "Number of morphological-mask voxels times the voxel volume"},
       &Features::volume_voxel_counting},
      {{"surface_area", "mm^2", "C0JK", "Area of the marching-cubes mesh"}, &Features::surface_area},
      {{"surface_to_volume_ratio", "mm^-1", "2PR5", "Mesh area over mesh volume"},
       &Features::surface_to_volume_ratio},
      {{"compactness_1", "1", "SKGS", "V / (sqrt(pi) A^(3/2))"}, &Features::compactness_1},
      {{"compactness_2", "1", "BQWJ", "36 pi V^2 / A^3"}, &Features::compactness_2},
      {{"spherical_disproportion", "1", "KRCK", "A / (36 pi V^2)^(1/3)"}, &Features::spherical_disproportion},
      {{"sphericity", "1", "QCFX", "(36 pi V^2)^(1/3) / A"}, &Features::sphericity},
      {{"asphericity", "1", "25C7", "(A^3 / (36 pi V^2))^(1/3) - 1"}, &Features::asphericity},
      {{"centre_of_mass_shift", "mm", "KLMA",
        "Distance between the morphological-mask centroid and the intensity-weighted intensity-mask centroid; "
        "NaN when the intensity mask is empty or its intensities sum to 0"},
       &Features::centre_of_mass_shift},
      {{"max_3d_diameter", "mm", "L0JK", "Largest distance between two mesh vertices (over the convex hull)"},
       &Features::max_3d_diameter},
      {{"major_axis_length", "mm", "TDIC",
        "4 sqrt(largest eigenvalue) of the voxel-centre sample covariance; NaN for a single voxel"},
       &Features::major_axis_length},
      {{"minor_axis_length", "mm", "P9VJ", "4 sqrt(second eigenvalue) of the voxel-centre sample covariance"},
       &Features::minor_axis_length},
      {{"least_axis_length", "mm", "7J51", "4 sqrt(smallest eigenvalue) of the voxel-centre sample covariance"},
       &Features::least_axis_length},
      {{"elongation", "1", "Q3CK", "sqrt(lambda_minor / lambda_major); NaN for a single voxel"},
       &Features::elongation},
      {{"flatness", "1", "N17B", "sqrt(lambda_least / lambda_major); NaN for a single voxel"}, &Features::flatness},
      {{"volume_density_aabb", "1", "PBX1", "Mesh volume over the volume of the mesh's box along the grid axes"},
       &Features::volume_density_aabb},
      {{"area_density_aabb", "1", "R59B", "Mesh area over the area of the mesh's box along the grid axes"},
       &Features::area_density_aabb},
      {{"volume_density_ombb", "1", "ZH1A",
        "Mesh volume over the volume of the minimum box with a face on a convex-hull facet (approximation; "
        "IBSI gives no reference value)"},
       &Features::volume_density_ombb},
      {{"area_density_ombb", "1", "IQYR", "Mesh area over the area of the same oriented box (approximation)"},
       &Features::area_density_ombb},
      {{"volume_density_aee", "1", "6BDE",
        "Mesh volume over the volume of the PCA ellipsoid (semi-axes 2 sqrt(lambda)); NaN for a flat ROI"},
       &Features::volume_density_aee},
      {{"area_density_aee", "1", "RDD2", "Mesh area over the PCA ellipsoid's area (Legendre series to nu = 20)"},
       &Features::area_density_aee},
      {{"volume_density_mvee", "1", "SWZ1",
        "Mesh volume over the minimum-volume enclosing ellipsoid of the hull (Khachiyan, tolerance 0.001; "
        "IBSI gives no reference value)"},
       &Features::volume_density_mvee},
      {{"area_density_mvee", "1", "BRI8", "Mesh area over the area of the same enclosing ellipsoid"},
       &Features::area_density_mvee},
      {{"volume_density_convex_hull", "1", "R3ER", "Mesh volume over the volume of its convex hull (solidity)"},
       &Features::volume_density_convex_hull},
      {{"area_density_convex_hull", "1", "7T7F", "Mesh area over the area of its convex hull"},
       &Features::area_density_convex_hull},
      {{"integrated_intensity", "intensity*mm^3", "99N0",
        "Mesh volume times the mean intensity of the intensity mask; NaN when that mask is empty"},
       &Features::integrated_intensity},
      {{"morans_i", "1", "N365",
        "Moran's I over the intensity mask, weights 1/distance (mm); NaN for < 2 voxels or one intensity"},
       &Features::morans_i},
      {{"gearys_c", "1", "NPT7",
        "Geary's C over the intensity mask, weights 1/distance (mm); NaN for < 2 voxels or one intensity"},
       &Features::gearys_c},
  }};
  return list;
}

bool same_grid(const Geometry& a, const Geometry& b) { return a.size == b.size && a.spacing == b.spacing; }

void compute_morphology_cpu(const RoiContext& roi, const ParamValues& /*params*/,
                            const AggregationSpec& /*aggregation*/, std::span<double> out) {
  const auto& image = roi.image();
  const auto& morphological = roi.morphological_mask();
  const auto& intensity = roi.intensity_mask();
  if (!same_grid(image.geometry(), morphological.geometry()) || !same_grid(image.geometry(), intensity.geometry()))
    throw InputError("morphology: the image and its masks are not on one voxel grid");
  kernels::morphology::MorphologyFeatures features;
  try {
    features = kernels::morphology::compute_morphology({view_of(morphological), view_of(intensity), view_of(image)});
  } catch (const std::invalid_argument& e) {
    throw InputError(std::string("morphology: ") + e.what());
  } catch (const std::length_error& e) {
    throw InputError(std::string("morphology: ") + e.what());
  }
  const auto& list = outputs();
  for (std::size_t i = 0; i < list.size() && i < out.size(); ++i) out[i] = features.*(list[i].field);
}

}  // namespace

FamilyDescriptor morphology_family() {
  FamilyDescriptor family;
  family.name = "morphology";
  family.version = "1.0.0";
  family.ibsi_code = "HCUG";
  family.column_prefix = "morph";
  family.doc =
      "IBSI 1 morphological features: mesh volume and area (marching cubes, Lorensen/Bourke triangulation), "
      "convex hull, PCA axes, bounding boxes and ellipsoids, Moran's I and Geary's C. Lengths in mm of the "
      "image grid; the direction matrix is ignored (rotations change no feature except the axis-aligned box, "
      "which is taken along the grid axes).";
  family.dims = Dims::d3;
  for (const Output& o : outputs()) family.outputs.push_back(o.spec);
  family.dependencies = {"mesh"};
  family.compute_cpu = &compute_morphology_cpu;
  return family;
}

}  // namespace voxfeat::plugins
