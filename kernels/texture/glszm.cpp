#include "texture/glszm.hpp"

namespace voxfeat::kernels::texture {

ZoneMatrix glszm_matrix(const View3<std::int32_t>& scope, bool three_d, int linkage_distance, int level_count) {
  const std::vector<Zone> zones = label_zones(scope, three_d, linkage_distance);
  return zone_matrix(zones, level_count, ZoneColumn::size);
}

void glszm_features(const View3<std::int32_t>& levels, int level_count, Aggregation aggregation,
                    int linkage_distance, std::span<double> out) {
  aggregate_neighbourhood(
      levels, aggregation,
      [&](const View3<std::int32_t>& scope, bool three_d) {
        return glszm_matrix(scope, three_d, linkage_distance, level_count);
      },
      [](const ZoneMatrix& m, std::span<double> values) { zone_matrix_features(m, values); }, out);
}

}  // namespace voxfeat::kernels::texture
