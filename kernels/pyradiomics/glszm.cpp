#include "pyradiomics/glszm.hpp"

#include <array>
#include <stdexcept>
#include <vector>

#include "pyradiomics/angles.hpp"
#include "pyradiomics/matrix_entropy.hpp"
#include "pyradiomics/neighbour_rows.hpp"
#include "texture/size_zone_formulas.hpp"
#include "texture/zone_matrix.hpp"
#include "texture/zones.hpp"

namespace voxfeat::kernels::pyradiomics {
namespace {

/// The levels with numpy axis `axis` (0 = z, 1 = y, 2 = x) moved to the slowest position, so that texture's
/// in-plane labelling (which never links across z) never links along `axis`. Zones do not depend on the storage
/// order, only on the neighbourhood.
std::vector<std::int32_t> with_axis_slowest(const GreyLevels& g, int axis, std::array<std::size_t, 3>& extent) {
  // Box axes in (x, y, z) order; the numpy axis a is box axis 2 − a.
  const int slow = 2 - axis;
  const std::array<int, 3> order = slow == 1 ? std::array<int, 3>{0, 2, 1} : std::array<int, 3>{1, 2, 0};
  for (int k = 0; k < 3; ++k) extent[std::size_t(k)] = g.extent[std::size_t(order[std::size_t(k)])];
  std::vector<std::int32_t> out(g.levels.size());
  const View3<std::int32_t> in = levels_view(g);
  std::array<std::size_t, 3> p{};
  std::size_t i = 0;
  for (p[2] = 0; p[2] < extent[2]; ++p[2])
    for (p[1] = 0; p[1] < extent[1]; ++p[1])
      for (p[0] = 0; p[0] < extent[0]; ++p[0], ++i) {
        std::array<std::size_t, 3> source{};
        for (int k = 0; k < 3; ++k) source[std::size_t(order[std::size_t(k)])] = p[std::size_t(k)];
        out[i] = in(source[0], source[1], source[2]);
      }
  return out;
}

}  // namespace

texture::CountMatrix glszm_matrix(const GreyLevels& levels, int force2d_dimension) {
  if (force2d_dimension < no_force2d || force2d_dimension > 2)
    throw std::invalid_argument("PyRadiomics GLSZM: force2Ddimension must be 0, 1 or 2");
  // cmatrices.c grows each zone over the distance-1 angles (26, or 8 in the plane): the connected components that
  // texture::label_zones finds with linkage distance 1; in-plane labelling links within z slices only.
  std::vector<texture::Zone> zones;
  if (force2d_dimension == no_force2d || force2d_dimension == 0) {
    zones = texture::label_zones(levels_view(levels), force2d_dimension == no_force2d, 1);
  } else {
    std::array<std::size_t, 3> extent{};
    const std::vector<std::int32_t> moved = with_axis_slowest(levels, force2d_dimension, extent);
    zones = texture::label_zones(View3<std::int32_t>{moved.data(), extent, levels.spacing}, false, 1);
  }
  return texture::zone_matrix(zones, levels.ng, texture::ZoneColumn::size).counts;
}

GlszmFeatures glszm_features(const texture::CountMatrix& matrix, std::uint64_t voxel_count) {
  if (matrix.empty()) throw std::invalid_argument("PyRadiomics GLSZM: empty matrix");
  // PyRadiomics' formulas are IBSI's size-zone formulas with the grey level as i (texture/size_zone_formulas.hpp),
  // its entropy aside.
  std::array<double, texture::size_zone_feature_count> v{};
  texture::size_matrix_features(matrix, voxel_count, v);
  using namespace texture;
  return {v[small_emphasis],           v[large_emphasis],
          v[grey_non_uniformity],      v[grey_non_uniformity_norm],
          v[size_non_uniformity],      v[size_non_uniformity_norm],
          v[zone_percentage],          v[grey_variance],
          v[size_variance],            entropy_with_eps(matrix),
          v[low_grey_emphasis],        v[high_grey_emphasis],
          v[small_low_grey_emphasis],  v[small_high_grey_emphasis],
          v[large_low_grey_emphasis],  v[large_high_grey_emphasis]};
}

}  // namespace voxfeat::kernels::pyradiomics
