#include "morphology/morphology_features.hpp"

#include <cmath>
#include <limits>

#include <tbb/parallel_invoke.h>

#include "morphology/convex_hull.hpp"
#include "morphology/ellipsoid.hpp"
#include "morphology/enclosing_ellipsoid.hpp"
#include "morphology/hull_candidates.hpp"
#include "morphology/marching_cubes.hpp"
#include "morphology/max_diameter.hpp"
#include "morphology/mesh_measures.hpp"
#include "morphology/oriented_bounding_box.hpp"
#include "morphology/shape_formulas.hpp"
#include "morphology/spatial_autocorrelation.hpp"
#include "morphology/voxel_moments.hpp"

namespace voxfeat::kernels::morphology {
namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

struct SurfaceProducts {
  MeshMeasures mesh;
  Point3 aabb_extent{};
  ConvexHull hull;
  double diameter = 0;
  OrientedBox ombb;
  EnclosingEllipsoid mvee;
};

SurfaceProducts surface_products(const View3<std::uint8_t>& mask) {
  SurfaceProducts s;
  const TriangleMesh mesh = marching_cubes(mask);
  s.mesh = mesh_measures(mesh);
  // PBX1/R59B: the box of the mesh vertices along the grid axes (the direction matrix is not applied).
  Point3 lo = mesh.vertices.front(), hi = lo;
  for (const Point3& p : mesh.vertices)
    for (std::size_t a = 0; a < 3; ++a) lo[a] = std::min(lo[a], p[a]), hi[a] = std::max(hi[a], p[a]);
  for (std::size_t a = 0; a < 3; ++a) s.aabb_extent[a] = hi[a] - lo[a];
  // The mesh of a non-empty mask always spans 3D (every voxel contributes vertices half a voxel away on each axis).
  s.hull = convex_hull(hull_candidates(mesh.vertices));
  tbb::parallel_invoke([&] { s.diameter = max_diameter(s.hull.vertices); },
                       [&] { s.ombb = oriented_minimum_bounding_box(s.hull); },
                       [&] { s.mvee = minimum_volume_enclosing_ellipsoid(s.hull.vertices); });
  return s;
}

}  // namespace

MorphologyFeatures compute_morphology(const MorphologyInputs& in) {
  MorphologyFeatures f;  // every field starts undefined (NaN)

  VoxelMoments shape_moments;
  IntensityMoments intensity;
  SpatialAutocorrelation autocorrelation{k_nan, k_nan};
  SurfaceProducts surface;
  shape_moments = voxel_moments(in.morphological_mask);
  if (shape_moments.count == 0) return f;
  tbb::parallel_invoke([&] { surface = surface_products(in.morphological_mask); },
                       [&] { intensity = intensity_moments(in.image, in.intensity_mask); },
                       [&] { autocorrelation = spatial_autocorrelation_fft(in.image, in.intensity_mask); });

  const double v = surface.mesh.volume, a = surface.mesh.area;
  const auto& sp = in.morphological_mask.spacing;
  f.volume = v;
  f.volume_voxel_counting = double(shape_moments.count) * sp[0] * sp[1] * sp[2];
  f.surface_area = a;
  f.surface_to_volume_ratio = shape::surface_to_volume_ratio(v, a);
  f.compactness_1 = shape::compactness_1(v, a);
  f.compactness_2 = shape::compactness_2(v, a);
  f.spherical_disproportion = shape::spherical_disproportion(v, a);
  f.sphericity = shape::sphericity(v, a);
  f.asphericity = shape::asphericity(v, a);

  if (intensity.count > 0) {
    const Point3& g = shape_moments.centroid;
    const Point3& w = intensity.weighted_centroid;
    f.centre_of_mass_shift = std::sqrt((g[0] - w[0]) * (g[0] - w[0]) + (g[1] - w[1]) * (g[1] - w[1]) +
                                       (g[2] - w[2]) * (g[2] - w[2]));
    f.integrated_intensity = shape::integrated_intensity(v, intensity.mean);
  }
  f.max_3d_diameter = surface.diameter;

  const auto lambda = principal_variances(shape_moments.covariance);
  f.major_axis_length = shape::axis_length(lambda[0]);
  f.minor_axis_length = shape::axis_length(lambda[1]);
  f.least_axis_length = shape::axis_length(lambda[2]);
  f.elongation = shape::axis_ratio(lambda[1], lambda[0]);
  f.flatness = shape::axis_ratio(lambda[2], lambda[0]);

  const Point3& e = surface.aabb_extent;
  f.volume_density_aabb = shape::ratio(v, e[0] * e[1] * e[2]);
  f.area_density_aabb = shape::ratio(a, 2.0 * (e[0] * e[1] + e[1] * e[2] + e[2] * e[0]));
  f.volume_density_ombb = shape::ratio(v, surface.ombb.volume);
  f.area_density_ombb = shape::ratio(a, surface.ombb.area);

  // AEE semi-axes a, b, c = 2√λ (half the axis lengths).
  const double sa = f.major_axis_length / 2, sb = f.minor_axis_length / 2, sc = f.least_axis_length / 2;
  f.volume_density_aee = shape::ratio(v, ellipsoid_volume(sa, sb, sc));
  f.area_density_aee = shape::ratio(a, ellipsoid_area(sa, sb, sc));
  const auto& m = surface.mvee.semi_axes;
  f.volume_density_mvee = shape::ratio(v, ellipsoid_volume(m[0], m[1], m[2]));
  f.area_density_mvee = shape::ratio(a, ellipsoid_area(m[0], m[1], m[2]));
  f.volume_density_convex_hull = shape::ratio(v, surface.hull.volume);
  f.area_density_convex_hull = shape::ratio(a, surface.hull.area);

  f.morans_i = autocorrelation.morans_i;
  f.gearys_c = autocorrelation.gearys_c;
  return f;
}

}  // namespace voxfeat::kernels::morphology
