#include "pyradiomics/mesh_diameters.hpp"

#include <algorithm>
#include <iterator>
#include <vector>

#include "morphology/max_diameter.hpp"
#include "pyradiomics/plane_hulls.hpp"

namespace voxfeat::kernels::pyradiomics {
namespace {

struct AxisHulls {
  double diameter = 0;              // largest over the planes
  std::vector<HalfIndex> vertices;  // every plane's hull vertices, sorted
};

AxisHulls axis_hulls(std::span<const HalfIndex> vertices, int axis, const std::array<double, 3>& spacing) {
  AxisHulls out;
  for (const PlaneHull& plane : plane_hulls(vertices, axis)) {
    out.diameter = std::max(out.diameter, polygon_diameter(plane.vertices, axis, spacing));
    out.vertices.insert(out.vertices.end(), plane.vertices.begin(), plane.vertices.end());
  }
  std::sort(out.vertices.begin(), out.vertices.end());
  return out;
}

std::vector<HalfIndex> intersection(const std::vector<HalfIndex>& a, const std::vector<HalfIndex>& b) {
  std::vector<HalfIndex> both;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
  return both;
}

}  // namespace

double in_plane_diameter(std::span<const HalfIndex> vertices, int axis, const std::array<double, 3>& spacing) {
  double best = 0;
  for (const PlaneHull& plane : plane_hulls(vertices, axis))
    best = std::max(best, polygon_diameter(plane.vertices, axis, spacing));
  return best;
}

MeshDiameters mesh_diameters(std::span<const HalfIndex> vertices, const std::array<double, 3>& spacing) {
  const AxisHulls x = axis_hulls(vertices, 0, spacing), y = axis_hulls(vertices, 1, spacing),
                  z = axis_hulls(vertices, 2, spacing);
  std::vector<morphology::Point3> candidates;
  for (const HalfIndex& p : intersection(intersection(z.vertices, y.vertices), x.vertices))
    candidates.push_back(to_mm(p, spacing));
  return {z.diameter, y.diameter, x.diameter, morphology::max_diameter(candidates)};
}

}  // namespace voxfeat::kernels::pyradiomics
