#include "texture/gldzm.hpp"

#include "texture/scope_zones.hpp"

namespace voxfeat::kernels::texture {

ZoneMatrix gldzm_matrix(const View3<std::int32_t>& scope, const std::uint32_t* distance, bool three_d,
                        int linkage_distance, int level_count) {
  const std::vector<Zone> zones = label_zones(scope, three_d, linkage_distance, distance);
  return zone_matrix(zones, level_count, ZoneColumn::distance);
}

void gldzm_features(const View3<std::int32_t>& levels, const View3<std::uint8_t>& morphological_mask,
                    int level_count, Aggregation aggregation, int linkage_distance, std::span<double> out) {
  const bool three_d = zones_three_d(aggregation);
  zone_features(levels, scope_zones(levels, morphological_mask, three_d, linkage_distance), level_count,
                aggregation, ZoneColumn::distance, out);
}

}  // namespace voxfeat::kernels::texture
