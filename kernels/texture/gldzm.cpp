#include "texture/gldzm.hpp"

#include <stdexcept>

namespace voxfeat::kernels::texture {

ZoneMatrix gldzm_matrix(const View3<std::int32_t>& scope, const std::uint32_t* distance, bool three_d,
                        int linkage_distance, int level_count) {
  const std::vector<Zone> zones = label_zones(scope, three_d, linkage_distance, distance);
  return zone_matrix(zones, level_count, ZoneColumn::distance);
}

void gldzm_features(const View3<std::int32_t>& levels, const View3<std::uint8_t>& morphological_mask,
                    int level_count, Aggregation aggregation, int linkage_distance, std::span<double> out) {
  if (morphological_mask.extent != levels.extent)
    throw std::invalid_argument("gldzm: morphological mask and grey levels differ in size");
  const std::vector<std::uint32_t> distance = border_distance(morphological_mask, aggregation == Aggregation::d3);
  aggregate_neighbourhood(
      levels, aggregation,
      [&](const View3<std::int32_t>& scope, bool three_d) {
        // A scope is the volume or one of its slices: the same offset into the distance map.
        return gldzm_matrix(scope, distance.data() + (scope.data - levels.data), three_d, linkage_distance,
                            level_count);
      },
      [](const ZoneMatrix& m, std::span<double> values) { zone_matrix_features(m, values); }, out);
}

}  // namespace voxfeat::kernels::texture
