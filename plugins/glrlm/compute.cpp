#include "glrlm/compute.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "support/texture_aggregations.hpp"
#include "support/view_of.hpp"
#include "texture/aggregation.hpp"
#include "texture/glcm_glrlm_input.hpp"
#include "texture/glrlm.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/roi_context.hpp"

#if VOXFEAT_HAVE_CUDA
#include "glrlm.hpp"  // cuda/glrlm.hpp
#include "support/gpu_budget.hpp"
#endif

namespace voxfeat::plugins::glrlm {
namespace {

namespace tx = kernels::texture;

/// The family's computation with the matrices counted by the builder `make_builder(ng)` returns (a callable with
/// GlrlmBuilder's two forms).
template <class MakeBuilder>
void compute(const RoiContext& roi, const AggregationSpec& aggregation, std::span<double> out,
             MakeBuilder make_builder) {
  const DiscretisedRoi& d = roi.discretised();
  if (d.level_count < 1) return;  // no intensity-mask voxel (re-segmentation kept none): every feature stays NaN
  const auto levels = view_of(d.levels);
  try {
    tx::check_levels(levels, d.level_count);
  } catch (const std::invalid_argument& e) {
    throw InputError(std::string("glrlm: ") + e.what());
  }
  const auto ng = static_cast<std::uint32_t>(d.level_count);
  // Runs follow unit directions: the delta of aggregate_directional is 1.
  tx::aggregate_directional(
      levels, texture_aggregation(aggregation), 1,
      make_builder(ng),  // runs of all directions of a scope in one pass
      [](const tx::RunLengthMatrix& m, std::span<double> values) { tx::glrlm_features(m, values); }, out);
}

#if VOXFEAT_HAVE_CUDA
/// GlrlmBuilder's contract, counted on the GPU; scopes too large for the GPU's dense counts on the CPU.
struct GpuGlrlmBuilder {
  std::uint32_t ng = 0;
  ExecutionContext execution;  ///< device, stream and memory budget
  tx::RunLengthMatrix operator()(const kernels::View3<std::int32_t>& scope, tx::Offset direction) const {
    return (*this)(scope, std::span<const tx::Offset>(&direction, 1)).front();
  }
  std::vector<tx::RunLengthMatrix> operator()(const kernels::View3<std::int32_t>& scope,
                                              std::span<const tx::Offset> directions) const {
    // Runs are at most the longest extent: a bound on the dense counts' width.
    const std::size_t width = std::max({scope.extent[0], scope.extent[1], scope.extent[2]});
    if (!cuda::glrlm_fits_gpu(directions, ng, scope.extent) ||
        !within_gpu_budget(execution, level_bytes(scope.extent) +
                                          cuda::glrlm_dense_count_size(directions.size(), ng, width) * 8))
      return tx::glrlm_matrices(scope, directions, ng);
    VOXFEAT_CUDA_CHECK(cudaSetDevice(execution.device));  // the current device is per host thread (TBB workers too)
    return cuda::glrlm_matrices(scope, directions, ng, static_cast<cudaStream_t>(execution.stream));
  }
};
#endif

}  // namespace

void compute_cpu(const RoiContext& roi, const ParamValues& /*params*/, const AggregationSpec& aggregation,
                 std::span<double> out) {
  compute(roi, aggregation, out, [](std::uint32_t ng) { return tx::GlrlmBuilder{ng}; });
}

#if VOXFEAT_HAVE_CUDA
void compute_cuda(const RoiContext& roi, const ParamValues& /*params*/, const AggregationSpec& aggregation,
                  std::span<double> out) {
  const ExecutionContext& e = roi.execution();
  compute(roi, aggregation, out, [&](std::uint32_t ng) {
    return GpuGlrlmBuilder{ng, e};
  });
}
#endif

}  // namespace voxfeat::plugins::glrlm
