#pragma once
// Per-object moments of a whole 2D object table on the GPU, one launch per table: for every object the raw moments
// of order ≤ 3 along each axis (unweighted and intensity-weighted), the sums about the centroids, and the Zernike
// magnitudes (kernels/microscopy/zernike.hpp) of both weightings. The host then finishes each object with the CPU's
// own functions (finish_shape_moments, finish_intensity_moments in kernels/microscopy/moments2d.hpp, which use
// moment_formulas.hpp), so the central, normalised and Hu moments come from the same formulas on both paths.
//
// Parity with kernels/microscopy (bench/gpu/README.md, "Microscopy moments"):
//   - unweighted raw moments: equal bit for bit (exact 128-bit integer sums, one correctly rounded conversion);
//     hence the same centroids, second-order central moments and Zernike centres and radii;
//   - everything summed in double (weighted moments, the other central moments, Zernike sums): the same terms per
//     run or pixel (--fmad=false), added in another order: within 1e-12 relative of the size of the terms.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "cuda_error.hpp"
#include "microscopy/moments2d.hpp"
#include "microscopy/object_pixels.hpp"
#include "microscopy/plane_view.hpp"
#include "microscopy/run_moment_sums.hpp"
#include "microscopy/zernike.hpp"

namespace voxfeat::cuda {

/// What the kernel writes per object, before the host's finish.
struct ObjectMomentSums {
  kernels::microscopy::ExactMomentTable shape_raw;  ///< Σ r^i c^j (local coordinates), exact
  kernels::microscopy::MomentTable shape_central;   ///< Σ (r − r̄)^i (c − c̄)^j about M10/M00, M01/M00
  kernels::microscopy::MomentTable intensity_raw;   ///< Σ w r^i c^j; zero without an intensity plane
  kernels::microscopy::MomentTable intensity_central;
};

/// Every object's results, in the table's order.
struct TableMoments {
  std::size_t zernike_pairs = 0;                               ///< zernike_pair_count(max_order)
  std::vector<kernels::microscopy::ObjectMoments> shape;       ///< as shape_moments
  std::vector<kernels::microscopy::ObjectMoments> intensity;   ///< as intensity_moments; empty without intensities
  std::vector<double> shape_zernike;      ///< objects × zernike_pairs: |A_nm| as shape_zernike(...).magnitude
  std::vector<double> intensity_zernike;  ///< the same with intensity weights; empty without intensities

  [[nodiscard]] std::span<const double> shape_zernike_of(std::size_t object) const {
    return {shape_zernike.data() + object * zernike_pairs, zernike_pairs};
  }
  [[nodiscard]] std::span<const double> intensity_zernike_of(std::size_t object) const {
    return {intensity_zernike.data() + object * zernike_pairs, zernike_pairs};
  }
};

/// Refusals that need no device, shared by both calls below: invalid Zernike options (check_zernike_options), an
/// object whose bounding box exceeds kExactMomentMaxBoxPixels (the exact sums would overflow; the CPU sums it in
/// double), more than 2^31 − 1 objects (one block each), or an intensity plane of another size than the table.
/// Throws std::invalid_argument.
void check_microscopy_moments(const kernels::microscopy::ObjectTable& table,
                              const std::optional<kernels::microscopy::PlaneView<float>>& intensity,
                              const kernels::microscopy::ZernikeOptions& zernike);

/// Device-resident, one launch, asynchronous on `stream`: one block per object of `d_objects` (object_count of
/// them, with `d_runs` their runs as in ObjectTable), writing d_sums[i] and the Zernike magnitudes
/// d_zernike[(2i + w) · pairs + k] (w = 0 shape, 1 intensity; pair k in zernike_index order). `d_intensity`: the
/// intensity plane (row-major, `intensity_width` columns) or null, when the intensity parts are left zero (sums)
/// and NaN (Zernike). The caller has checked the table (check_microscopy_moments); CudaError when a call fails.
void microscopy_moment_sums_device(const kernels::microscopy::ObjectInfo* d_objects, std::size_t object_count,
                                   const kernels::microscopy::RowRun* d_runs, const float* d_intensity,
                                   std::int32_t intensity_width, const kernels::microscopy::ZernikeOptions& zernike,
                                   ObjectMomentSums* d_sums, double* d_zernike, cudaStream_t stream = nullptr);

/// The host's finish of the kernel's output (object_count = sums.size()), objects in parallel: the CPU's finishing
/// functions, and the Zernike magnitudes copied out. `with_intensity`: fill the intensity parts.
TableMoments finish_table_moments(std::span<const ObjectMomentSums> sums, std::span<const double> zernike,
                                  int max_order, bool with_intensity);

/// Host memory in and out: checks (check_microscopy_moments, before any CUDA call), copies the objects, runs and
/// intensity plane to the current device, runs microscopy_moment_sums_device, copies the sums back, synchronises
/// `stream` and finishes on the host. An empty table makes no CUDA call.
TableMoments microscopy_moments(const kernels::microscopy::ObjectTable& table,
                                const std::optional<kernels::microscopy::PlaneView<float>>& intensity,
                                const kernels::microscopy::ZernikeOptions& zernike = {},
                                cudaStream_t stream = nullptr);

}  // namespace voxfeat::cuda
