#include "ngtdm/compute.hpp"

#include <stdexcept>
#include <string>

#include "support/texture_aggregations.hpp"
#include "support/view_of.hpp"
#include "texture/aggregation.hpp"
#include "texture/ngtdm.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/roi_context.hpp"

#if VOXFEAT_HAVE_CUDA
#include "ngtdm.hpp"  // cuda/ngtdm.hpp
#include "support/gpu_budget.hpp"
#endif

namespace voxfeat::plugins::ngtdm {
namespace {

/// The family's computation with `build(scope, three_d, delta, level_count)` making each scope's matrix.
template <class Build>
void compute(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
             std::span<double> out, Build build) {
  // Range checked when the settings were read (ParamSpec minimum/maximum in register.cpp).
  const long long distance = params.integer("distance");
  const DiscretisedRoi& d = roi.discretised();
  if (d.level_count < 1) return;  // no intensity-mask voxel (re-segmentation kept none): every feature stays NaN
  const int delta = static_cast<int>(distance);
  const int level_count = d.level_count;
  namespace tx = kernels::texture;
  try {
    tx::aggregate_neighbourhood(
        view_of(d.levels), texture_aggregation(aggregation),
        [&](const kernels::View3<std::int32_t>& scope, bool three_d) {
          return build(scope, three_d, delta, level_count);
        },
        [](const tx::NgtdmMatrix& matrix, std::span<double> values) { tx::ngtdm_features(matrix, values); }, out);
  } catch (const std::invalid_argument& e) {
    throw InputError(std::string("ngtdm: ") + e.what());
  }
}

}  // namespace

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out) {
  compute(roi, params, aggregation, out, &kernels::texture::ngtdm_matrix);
}

#if VOXFEAT_HAVE_CUDA
void compute_cuda(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                  std::span<double> out) {
  const ExecutionContext& e = roi.execution();
  compute(roi, params, aggregation, out,
          [&](const kernels::View3<std::int32_t>& scope, bool three_d, int delta, int level_count) {
            // Levels, the (level, neighbour count) table of counts and numerators, n_i and s_i.
            const std::size_t bytes = level_bytes(scope.extent) +
                                      cuda::ngtdm_workspace_size(three_d, delta, level_count) * 8 +
                                      std::size_t(level_count) * 16;
            if (!within_gpu_budget(e, bytes)) return kernels::texture::ngtdm_matrix(scope, three_d, delta, level_count);
            VOXFEAT_CUDA_CHECK(cudaSetDevice(e.device));  // the current device is per host thread
            try {
              return cuda::ngtdm_matrix(scope, three_d, delta, level_count, static_cast<cudaStream_t>(e.stream));
            } catch (const std::invalid_argument&) {
              // Refused before any CUDA call (a table too large for the GPU, or bad levels, which the CPU reports).
              return kernels::texture::ngtdm_matrix(scope, three_d, delta, level_count);
            }
          });
}
#endif

}  // namespace voxfeat::plugins::ngtdm
