#pragma once
// The zones GLSZM and GLDZM count, labelled once per ROI and aggregation scope for both families (RoiContext::shared):
// labelling is most of either family's work. They carry their distances to the ROI edge, which only GLDZM reads;
// GLSZM computed alone thus makes a distance map it does not need, about a third of a labelling.
#include <memory>
#include <span>
#include <stdexcept>
#include <string>

#include "support/texture_aggregations.hpp"
#include "support/view_of.hpp"
#include "texture/scope_zones.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/family.hpp"
#include "voxfeat/roi_context.hpp"

#if VOXFEAT_HAVE_CUDA
#include "support/gpu_budget.hpp"
#include "zones.hpp"  // cuda/zones.hpp
#endif

namespace voxfeat::plugins {

/// The zones of the ROI's grey levels for a 2D, 2.5D or 3D aggregation (2D and 2.5D share the per-slice zones),
/// linked within `linkage_distance`, with each zone's distance to the edge of the morphological mask.
inline std::shared_ptr<const kernels::texture::ScopeZones> shared_zones(const RoiContext& roi,
                                                                       kernels::texture::Aggregation aggregation,
                                                                       int linkage_distance) {
  const bool three_d = kernels::texture::zones_three_d(aggregation);
  const std::string key =
      std::string("texture zones: ") + (three_d ? "3D" : "per slice") + ", linkage distance " +
      std::to_string(linkage_distance);
  return roi.shared<kernels::texture::ScopeZones>(key, [&] {
    return kernels::texture::scope_zones(view_of(roi.discretised().levels), view_of(roi.morphological_mask()),
                                         three_d, linkage_distance);
  });
}

/// The compute function of GLSZM (`column` size) and GLDZM (`column` distance): the shared zones counted into the
/// family's matrix. Zones come from the intensity mask (the levels), distances from the morphological mask (IBSI
/// VMDZ). `family` prefixes error messages.
inline void compute_zone_family(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                                kernels::texture::ZoneColumn column, const char* family, std::span<double> out) {
  // Range checked when the settings were read (ParamSpec minimum/maximum in register.cpp).
  const long long delta = params.integer("linkage_distance");
  const DiscretisedRoi& d = roi.discretised();
  if (d.level_count < 1) return;  // no intensity-mask voxel (re-segmentation kept none): every feature stays NaN
  namespace tx = kernels::texture;
  try {
    const tx::Aggregation how = texture_aggregation(aggregation);
    tx::zone_features(view_of(d.levels), *shared_zones(roi, how, static_cast<int>(delta)), d.level_count, how,
                      column, out);
  } catch (const std::invalid_argument& e) {
    throw InputError(std::string(family) + ": " + e.what());
  }
}

#if VOXFEAT_HAVE_CUDA
/// compute_zone_family with each scope's zones labelled and counted on the GPU (cuda/zones.hpp: the same matrices as
/// the CPU's, bit for bit), on device roi.execution().device; a scope the GPU refuses is labelled on the CPU. The GPU
/// labels per call: GLSZM and GLDZM do not share one labelling there.
inline void compute_zone_family_cuda(const RoiContext& roi, const ParamValues& params,
                                     const AggregationSpec& aggregation, kernels::texture::ZoneColumn column,
                                     const char* family, std::span<double> out) {
  const long long delta = params.integer("linkage_distance");
  const DiscretisedRoi& d = roi.discretised();
  if (d.level_count < 1) return;  // no intensity-mask voxel: every feature stays NaN
  namespace tx = kernels::texture;
  const auto levels = view_of(d.levels);
  const auto mask = view_of(roi.morphological_mask());  // the levels' grid (RoiContext)
  const ExecutionContext& e = roi.execution();
  try {
    tx::aggregate_neighbourhood(
        levels, texture_aggregation(aggregation),
        [&](const kernels::View3<std::int32_t>& scope, bool three_d) {
          kernels::View3<std::uint8_t> mask_scope = mask;  // the same voxels as `scope` (a slice or the volume)
          mask_scope.data = mask.data + (scope.data - levels.data);
          mask_scope.extent = scope.extent;
          const auto on_cpu = [&] {
            const tx::ScopeZones zones = tx::scope_zones(scope, mask_scope, three_d, int(delta));
            return tx::zone_matrix(zones.zones.front(), d.level_count, column);
          };
          // Levels, mask, and four 32-bit buffers per voxel (parents, sizes, nearest distances, distance map).
          const std::size_t voxels = scope.extent[0] * scope.extent[1] * scope.extent[2];
          if (!within_gpu_budget(e, voxels * (4 + 1 + 16))) return on_cpu();
          try {
            VOXFEAT_CUDA_CHECK(cudaSetDevice(e.device));  // the current device is per host thread
            auto m = cuda::zone_matrices(scope, mask_scope, three_d, int(delta), d.level_count,
                                         static_cast<cudaStream_t>(e.stream));
            return column == tx::ZoneColumn::size ? std::move(m.glszm) : std::move(m.gldzm);
          } catch (const std::invalid_argument&) {  // refused before any CUDA call
            return on_cpu();
          }
        },
        [](const tx::ZoneMatrix& m, std::span<double> values) { tx::zone_matrix_features(m, values); }, out);
  } catch (const std::invalid_argument& e) {
    throw InputError(std::string(family) + ": " + e.what());
  }
}
#endif

}  // namespace voxfeat::plugins
