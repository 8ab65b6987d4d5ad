#pragma once
// Morphology of one object of a 2D label plane, as scikit-image 0.19.3's regionprops defines each property (the
// tests compare with its tables), plus Feret minimum and mean, convex perimeters and circularity, which skimage
// lacks. Everything is computed from the object's runs and its bounding-box crop.
#include <cstdint>
#include <span>
#include <vector>

#include "microscopy/convex_image.hpp"
#include "microscopy/feret.hpp"
#include "microscopy/hole_filling.hpp"
#include "microscopy/inertia_formulas.hpp"
#include "microscopy/moments2d.hpp"
#include "microscopy/object_mask.hpp"
#include "microscopy/object_pixels.hpp"

namespace voxfeat::kernels::microscopy {

struct Shape2D {
  std::uint64_t area = 0;         ///< pixel count
  BoundingBox bbox;               ///< skimage `bbox`
  std::uint64_t area_bbox = 0;
  std::uint64_t area_convex = 0;  ///< pixels of the convex image (convex_image.hpp)
  std::uint64_t area_filled = 0;  ///< pixels plus 8-connected holes (hole_filling.hpp)
  double centroid_row = 0.0;      ///< mean pixel row, plane coordinates (skimage `centroid`)
  double centroid_col = 0.0;

  // Perimeter estimators (perimeter_formulas.hpp says what each one sees).
  double perimeter = 0.0;          ///< Benkrid & Crookes, 4-neighbourhood borders: skimage `perimeter`
  double perimeter_8 = 0.0;        ///< the same with 8-neighbourhood borders: skimage perimeter(image, 8)
  double perimeter_crofton = 0.0;  ///< Crofton, 4 directions: skimage `perimeter_crofton`
  double convex_perimeter = 0.0;   ///< Benkrid & Crookes (4-neighbourhood) on the convex image: a pixel estimate
  double convex_hull_perimeter = 0.0;  ///< Euclidean length of the hull polygon that defines the convex image (its
                                       ///< vertices are pixel edge midpoints): a polygon length, not an estimate

  double solidity = 0.0;                  ///< area / area_convex
  double extent = 0.0;                    ///< area / area_bbox
  double equivalent_diameter_area = 0.0;  ///< √(4·area / π): diameter of the disc of equal area
  double circularity = 0.0;               ///< 4π·area / perimeter² (4-neighbourhood perimeter); NaN when it is 0

  InertiaTensor2D inertia_tensor;
  InertiaEigenvalues inertia_eigenvalues;
  double axis_major_length = 0.0;  ///< 4√λ1
  double axis_minor_length = 0.0;  ///< 4√λ2
  double eccentricity = 0.0;
  double orientation = 0.0;  ///< radians, skimage 0.19's convention and special case (inertia_formulas.hpp)

  FeretDiameters feret;
  std::int64_t euler_number = 0;  ///< 8-connected object, 4-connected background: objects − holes
};

/// Buffers reused from one object to the next (one per thread).
struct ShapeWorkspace {
  BinaryCrop mask, convex_mask;
  ConvexImage convex;
  std::vector<std::uint8_t> scratch;
  HoleScratch holes;
  std::vector<HalfPoint> points, hull;
};

/// Shape of one object. `moments` are its shape_moments (the inertia tensor comes from them).
Shape2D shape2d(const ObjectInfo& object, std::span<const RowRun> runs, const ObjectMoments& moments,
                ShapeWorkspace& work);

}  // namespace voxfeat::kernels::microscopy
