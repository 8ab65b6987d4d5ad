#include "texture/glszm.hpp"

#include "texture/scope_zones.hpp"

namespace voxfeat::kernels::texture {

ZoneMatrix glszm_matrix(const View3<std::int32_t>& scope, bool three_d, int linkage_distance, int level_count) {
  const std::vector<Zone> zones = label_zones(scope, three_d, linkage_distance);
  return zone_matrix(zones, level_count, ZoneColumn::size);
}

void glszm_features(const View3<std::int32_t>& levels, int level_count, Aggregation aggregation,
                    int linkage_distance, std::span<double> out) {
  const bool three_d = zones_three_d(aggregation);
  // Sizes only: no morphological mask, no distance map.
  zone_features(levels, scope_zones(levels, {}, three_d, linkage_distance), level_count, aggregation,
                ZoneColumn::size, out);
}

}  // namespace voxfeat::kernels::texture
