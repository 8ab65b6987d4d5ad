#include "glcm/compute.hpp"

#include <stdexcept>
#include <string>

#include "support/texture_aggregations.hpp"
#include "support/view_of.hpp"
#include "texture/aggregation.hpp"
#include "texture/glcm.hpp"
#include "texture/glcm_glrlm_input.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/roi_context.hpp"

#if VOXFEAT_HAVE_CUDA
#include <tbb/parallel_for.h>

#include "glcm.hpp"  // cuda/glcm.hpp
#include "support/gpu_budget.hpp"
#endif

namespace voxfeat::plugins::glcm {
namespace {

namespace tx = kernels::texture;

/// The family's computation with the matrices counted by the builder `make_builder(ng, symmetric)` returns (a
/// callable with GlcmBuilder's two forms).
template <class MakeBuilder>
void compute(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
             std::span<double> out, MakeBuilder make_builder) {
  // Range checked when the settings were read (ParamSpec minimum/maximum in register.cpp).
  const long long delta = params.integer("distance");
  const bool symmetric = params.boolean("symmetric");
  const DiscretisedRoi& d = roi.discretised();
  if (d.level_count < 1) return;  // no intensity-mask voxel (re-segmentation kept none): every feature stays NaN
  const auto levels = view_of(d.levels);
  try {
    tx::check_levels(levels, d.level_count);
  } catch (const std::invalid_argument& e) {
    throw InputError(std::string("glcm: ") + e.what());
  }
  const auto ng = static_cast<std::uint32_t>(d.level_count);
  tx::aggregate_directional(
      levels, texture_aggregation(aggregation), static_cast<int>(delta),
      make_builder(ng, symmetric),  // counts all directions of a scope in one pass
      [](const tx::CountMatrix& m, std::span<double> values) { tx::glcm_features(m, values); }, out);
}

#if VOXFEAT_HAVE_CUDA
/// GlcmBuilder's contract, counted on the GPU: the slices of a 2D or 2.5D aggregation in one launch, a scope larger
/// than the `--gpu-memory` budget streamed through it in slabs; what the GPU cannot hold (dense counts over its cap,
/// not one slab within the budget) on the CPU.
struct GpuGlcmBuilder {
  std::uint32_t ng = 0;
  bool symmetric = true;
  ExecutionContext execution;  ///< device, stream and memory budget

  cudaStream_t stream() const { return static_cast<cudaStream_t>(execution.stream); }

  tx::CountMatrix operator()(const kernels::View3<std::int32_t>& scope, tx::Offset offset) const {
    return (*this)(scope, std::span<const tx::Offset>(&offset, 1)).front();
  }

  std::vector<tx::CountMatrix> operator()(const kernels::View3<std::int32_t>& scope,
                                          std::span<const tx::Offset> offsets) const {
    if (!cuda::glcm_fits_gpu(offsets.size(), ng)) return tx::glcm_matrices(scope, offsets, ng, symmetric);
    if (within_gpu_budget(execution, cuda::glcm_device_bytes(scope.extent, offsets.size(), ng))) {
      VOXFEAT_CUDA_CHECK(cudaSetDevice(execution.device));  // the current device is per host thread (TBB workers too)
      return cuda::glcm_matrices(scope, offsets, ng, symmetric, stream());
    }
    if (cuda::glcm_stream_depth(scope.extent, offsets, ng, execution.gpu_memory_bytes) > 0) {
      VOXFEAT_CUDA_CHECK(cudaSetDevice(execution.device));
      return cuda::glcm_matrices_streamed(scope, offsets, ng, symmetric, execution.gpu_memory_bytes, stream());
    }
    return tx::glcm_matrices(scope, offsets, ng, symmetric);
  }

  /// Many scopes: packed into as few batches as the count cap and the budget allow, each one GPU call.
  std::vector<std::vector<tx::CountMatrix>> operator()(std::span<const kernels::View3<std::int32_t>> scopes,
                                                       std::span<const tx::Offset> offsets) const {
    std::vector<std::vector<tx::CountMatrix>> out(scopes.size());
    if (!cuda::glcm_fits_gpu(offsets.size(), ng)) {
      tbb::parallel_for(std::size_t(0), scopes.size(),
                        [&](std::size_t s) { out[s] = tx::glcm_matrices(scopes[s], offsets, ng, symmetric); });
      return out;
    }
    const std::size_t counts = cuda::glcm_dense_count_bytes(offsets.size(), ng);
    std::size_t first = 0;
    while (first < scopes.size()) {
      std::size_t end = first, bytes = 0;
      for (; end < scopes.size(); ++end) {
        const std::size_t more = cuda::glcm_device_bytes(scopes[end].extent, offsets.size(), ng);
        const std::size_t slots = end - first + 1;
        if (slots * counts > cuda::kGlcmMaxDenseCountBytes || !within_gpu_budget(execution, bytes + more)) break;
        bytes += more;
      }
      if (end == first) {  // this scope alone does not fit a batch: single, streamed or CPU
        out[first] = (*this)(scopes[first], offsets);
        ++first;
        continue;
      }
      VOXFEAT_CUDA_CHECK(cudaSetDevice(execution.device));
      auto built = cuda::glcm_matrices_batch(scopes.subspan(first, end - first), offsets, ng, symmetric, stream());
      for (std::size_t s = first; s < end; ++s) out[s] = std::move(built[s - first]);
      first = end;
    }
    return out;
  }
};
#endif

}  // namespace

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out) {
  compute(roi, params, aggregation, out,
          [](std::uint32_t ng, bool symmetric) { return tx::GlcmBuilder{ng, symmetric}; });
}

#if VOXFEAT_HAVE_CUDA
void compute_cuda(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                  std::span<double> out) {
  const ExecutionContext& e = roi.execution();
  compute(roi, params, aggregation, out, [&](std::uint32_t ng, bool symmetric) {
    return GpuGlcmBuilder{ng, symmetric, e};
  });
}
#endif

}  // namespace voxfeat::plugins::glcm
