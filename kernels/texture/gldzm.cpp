#include "texture/gldzm.hpp"

#include <tbb/task_arena.h>

#include <memory>
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
  // The distance map (4 bytes per voxel of the box) lives in per-thread scratch that grows to the largest box seen
  // on the thread and is reused: a fresh multi-MiB map per call cost ~3 ms of page faults and zeroing at 465k
  // voxels. It is used only inside tbb::this_task_arena::isolate, so a thread waiting in the parallel loops below
  // cannot start another gldzm_features that would take the same buffer.
  thread_local std::unique_ptr<std::uint32_t[]> scratch;
  thread_local std::size_t scratch_size = 0;
  const std::size_t n = morphological_mask.voxel_count();
  tbb::this_task_arena::isolate([&] {
    if (scratch_size < n) {
      scratch.reset();
      scratch.reset(new std::uint32_t[n]);
      scratch_size = n;
    }
    const std::uint32_t* const distance = scratch.get();
    border_distance(morphological_mask, aggregation == Aggregation::d3, scratch.get());
    aggregate_neighbourhood(
        levels, aggregation,
        [&](const View3<std::int32_t>& scope, bool three_d) {
          // A scope is the volume or one of its slices: the same offset into the distance map.
          return gldzm_matrix(scope, distance + (scope.data - levels.data), three_d, linkage_distance, level_count);
        },
        [](const ZoneMatrix& m, std::span<double> values) { zone_matrix_features(m, values); }, out);
  });
}

}  // namespace voxfeat::kernels::texture
