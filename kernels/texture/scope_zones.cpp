#include "texture/scope_zones.hpp"

#include <tbb/parallel_for.h>

#include <stdexcept>

#include "common/scratch_pool.hpp"

namespace voxfeat::kernels::texture {

ScopeZones scope_zones(const View3<std::int32_t>& levels, const View3<std::uint8_t>& morphological_mask,
                       bool three_d, int linkage_distance) {
  const bool with_distance = morphological_mask.data != nullptr;
  if (with_distance && morphological_mask.extent != levels.extent)
    throw std::invalid_argument("zones: morphological mask and grey levels differ in size");
  ScopeZones out;
  out.three_d = three_d;
  out.zones.resize(three_d ? 1 : levels.extent[2]);
  // The distance map (4 bytes per voxel of the box) lives in scratch reused between calls: a fresh multi-MiB map per
  // call cost ~3 ms of page faults and zeroing at 465k voxels.
  static ScratchPool<std::uint32_t> distance_scratch;
  const auto scratch = distance_scratch.take(with_distance ? morphological_mask.voxel_count() : 0);
  const std::uint32_t* distance = nullptr;
  if (with_distance) {
    border_distance(morphological_mask, three_d, scratch.data());
    distance = scratch.data();
  }
  if (three_d) {
    out.zones[0] = label_zones(levels, true, linkage_distance, distance);
    return out;
  }
  // A slice's zones and distances: the same offset into the level volume and the distance map.
  const std::vector<std::size_t> slices = roi_slices(levels);
  const std::size_t plane = levels.extent[0] * levels.extent[1];
  tbb::parallel_for(std::size_t(0), slices.size(), [&](std::size_t s) {
    const std::size_t z = slices[s];
    const std::uint32_t* slice_distance = distance ? distance + z * plane : nullptr;
    out.zones[z] = label_zones(slice_of(levels, z), false, linkage_distance, slice_distance);
  });
  return out;
}

void zone_features(const View3<std::int32_t>& levels, const ScopeZones& zones, int level_count,
                   Aggregation aggregation, ZoneColumn column, std::span<double> out) {
  if (zones.three_d != zones_three_d(aggregation))
    throw std::invalid_argument("zone_features: zones labelled for another aggregation");
  aggregate_neighbourhood(
      levels, aggregation,
      [&](const View3<std::int32_t>& scope, bool /*three_d*/) {
        return zone_matrix(zones.of(levels, scope), level_count, column);
      },
      [](const ZoneMatrix& m, std::span<double> values) { zone_matrix_features(m, values); }, out);
}

}  // namespace voxfeat::kernels::texture
