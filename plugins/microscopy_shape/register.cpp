// Built-in family "microscopy_shape": per-object morphology of 2D label images (microscopy), as scikit-image's
// regionprops defines each property it has (the tests compare with its tables), plus Feret minimum/mean/angle,
// convex perimeters, circularity and neighbour features. Definitions: docs/microscopy-features.md.
#include "microscopy_shape/compute.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {

void register_microscopy_shape(Registry& registry) {
  FamilyDescriptor family{
      .name = "microscopy_shape",
      .version = "1.0.0",
      .ibsi_code = "",
      .column_prefix = "shape2d",
      .doc = "Per-object morphology of a 2D label image: one row per object (label). Pixel coordinates (row, "
             "column) with pixel centres at integers, as scikit-image; the _um columns need the pixel size (OME "
             "metadata or the pixel_size_um setting) and are NaN without it.",
      .dims = Dims::d2,
      .params = {{"neighbour_radius", ParamType::real, "50",
                  "Radius (pixels) of neighbours_within_radius: other objects whose centroid lies within it.", {},
                  0.0}},
      .outputs =
          {
              {"area", "px^2", "", "Pixel count.", "area"},
              {"perimeter", "px", "",
               "Perimeter estimated from boundary pixel configurations, 4-neighbourhood (Benkrid & Crookes).",
               "perimeter"},
              {"perimeter_8", "px", "", "The same estimator with 8-neighbourhood boundary pixels.", ""},
              {"perimeter_crofton", "px", "", "Crofton perimeter over 4 directions.", "perimeter_crofton"},
              {"centroid_row", "px", "", "Mean pixel row.", "centroid-0"},
              {"centroid_col", "px", "", "Mean pixel column.", "centroid-1"},
              {"bbox_row_min", "px", "", "First row of the bounding box.", "bbox-0"},
              {"bbox_col_min", "px", "", "First column of the bounding box.", "bbox-1"},
              {"bbox_row_end", "px", "", "Row after the last of the bounding box.", "bbox-2"},
              {"bbox_col_end", "px", "", "Column after the last of the bounding box.", "bbox-3"},
              {"area_bbox", "px^2", "", "Pixels of the bounding box.", "area_bbox"},
              {"area_convex", "px^2", "",
               "Pixels whose centre lies in the convex hull of the object's pixel edge midpoints.", "area_convex"},
              {"area_filled", "px^2", "", "Pixels with the holes filled.", "area_filled"},
              {"convex_perimeter", "px", "", "4-neighbourhood perimeter estimate of the convex image.", ""},
              {"convex_hull_perimeter", "px", "", "Euclidean length of the convex hull polygon.", ""},
              {"solidity", "1", "", "area / area_convex.", "solidity"},
              {"extent", "1", "", "area / area_bbox.", "extent"},
              {"equivalent_diameter", "px", "", "Diameter of the disc of the same area.", "equivalent_diameter_area"},
              {"circularity", "1", "", "4π area / perimeter²; NaN when the perimeter is 0.", ""},
              {"axis_major_length", "px", "", "4 √λ1 of the inertia tensor.", "axis_major_length"},
              {"axis_minor_length", "px", "", "4 √λ2 of the inertia tensor.", "axis_minor_length"},
              {"eccentricity", "1", "", "√(1 − λ2/λ1).", "eccentricity"},
              {"orientation", "rad", "",
               "Angle from the row axis to the major axis, in (−π/2, π/2] (scikit-image 0.19's convention).",
               "orientation"},
              {"inertia_tensor_rr", "px^2", "", "Inertia tensor, element (0, 0): μ02 / μ00.", "inertia_tensor-0-0"},
              {"inertia_tensor_rc", "px^2", "", "Inertia tensor, elements (0, 1) and (1, 0): −μ11 / μ00.",
               "inertia_tensor-0-1"},
              {"inertia_tensor_cc", "px^2", "", "Inertia tensor, element (1, 1): μ20 / μ00.", "inertia_tensor-1-1"},
              {"inertia_eigenvalue_major", "px^2", "", "Larger eigenvalue λ1.", "inertia_tensor_eigvals-0"},
              {"inertia_eigenvalue_minor", "px^2", "", "Smaller eigenvalue λ2.", "inertia_tensor_eigvals-1"},
              {"feret_max", "px", "", "Largest distance between two boundary crack midpoints of the convex image.",
               "feret_diameter_max"},
              {"feret_min", "px", "", "Minimum caliper width of the same points (rotating calipers).", ""},
              {"feret_mean", "px", "", "Mean caliper width over all directions: hull perimeter / π.", ""},
              {"feret_max_angle", "rad", "", "Direction of feret_max, orientation's convention.", ""},
              {"euler_number", "1", "", "Objects − holes (8-connected object, 4-connected background).",
               "euler_number"},
              {"touching_objects", "count", "", "Other objects with a pixel 8-adjacent to this object's.", ""},
              {"nearest_neighbour_distance", "px", "",
               "Distance from the centroid to the nearest other object's centroid; NaN when alone.", ""},
              {"neighbours_within_radius", "count", "",
               "Other objects whose centroid lies within neighbour_radius of this centroid.", ""},
              {"area_um", "um^2", "", "area in µm².", ""},
              {"perimeter_um", "um", "", "perimeter in µm.", ""},
              {"equivalent_diameter_um", "um", "", "equivalent_diameter in µm.", ""},
              {"axis_major_length_um", "um", "", "axis_major_length in µm.", ""},
              {"axis_minor_length_um", "um", "", "axis_minor_length in µm.", ""},
              {"feret_max_um", "um", "", "feret_max in µm.", ""},
              {"feret_min_um", "um", "", "feret_min in µm.", ""},
              {"nearest_neighbour_distance_um", "um", "", "nearest_neighbour_distance in µm.", ""},
          },
      .aggregations = {per_object_2d()},
      .compute_objects = &microscopy_shape::compute_objects,
      .profile = "microscopy",
  };
  registry.add(std::move(family));
}

}  // namespace voxfeat::plugins
