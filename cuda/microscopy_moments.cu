#include "microscopy_moments.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "device_buffer.hpp"
#include "microscopy_moments_block.hpp"

namespace voxfeat::cuda {
namespace {

using kernels::microscopy::exact_to_double;
using kernels::microscopy::ExactMomentTable;
using kernels::microscopy::Int128;
using kernels::microscopy::MomentTable;
using kernels::microscopy::ObjectInfo;
using kernels::microscopy::RowRun;
using kernels::microscopy::UInt128;
using kernels::microscopy::ZernikeComplex;
using kernels::microscopy::ZernikePair;
using kernels::microscopy::ZernikePoint;

constexpr unsigned kFullWarp = 0xffffffffu;

/// Lane 0 gets the warp's sum, added in warp_tree_order.
__device__ double warp_sum(double v) {
  for (int offset = kWarpSize / 2; offset > 0; offset /= 2) v += __shfl_down_sync(kFullWarp, v, offset);
  return v;
}

/// The same for an exact sum, shuffled as its two 64-bit halves.
__device__ Int128 warp_sum(Int128 v) {
  for (int offset = kWarpSize / 2; offset > 0; offset /= 2) {
    const auto bits = UInt128(v);
    const auto low = __shfl_down_sync(kFullWarp, static_cast<unsigned long long>(bits), offset);
    const auto high = __shfl_down_sync(kFullWarp, static_cast<unsigned long long>(bits >> 64), offset);
    v += Int128((UInt128(high) << 64) | UInt128(low));
  }
  return v;
}

__device__ double warp_max(double v) {
  for (int offset = kWarpSize / 2; offset > 0; offset /= 2) {
    const double other = __shfl_down_sync(kFullWarp, v, offset);
    v = other > v ? other : v;
  }
  return v;
}

/// Lane 0 of each warp stores its warp's sums of `table` into `out[warp]`.
__device__ void store_warp_sums(const MomentTable& table, double (*out)[16], int warp, int lane) {
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) {
      const double v = warp_sum(table.v[i][j]);
      if (lane == 0) out[warp][i * 4 + j] = v;
    }
}

/// The block's total of one entry: its warps' sums added in warp order (the host tests add them so too).
__device__ double block_total(const double (*warps)[16], int entry) {
  double total = warps[0][entry];
  for (int w = 1; w < kMomentWarps; ++w) total += warps[w][entry];
  return total;
}

__device__ Int128 block_total(const Int128 (*warps)[16], int entry) {
  Int128 total = warps[0][entry];
  for (int w = 1; w < kMomentWarps; ++w) total += warps[w][entry];
  return total;
}

/// One block per object (blockIdx.x), kMomentThreads threads; the work split is microscopy_moments_block.hpp's.
/// Three passes over the object: raw sums (for the centroids), sums about the centroids and the farthest pixel
/// (for the Zernike radius), Zernike sums. `intensity` null: the shape only.
__global__ void __launch_bounds__(kMomentThreads)
    microscopy_moments_kernel(const ObjectInfo* __restrict__ objects, const RowRun* __restrict__ runs,
                              const float* __restrict__ intensity, int width, ZernikeLaunch z,
                              ObjectMomentSums* __restrict__ sums, double* __restrict__ zernike) {
  __shared__ Int128 s_exact[kMomentWarps][16];
  __shared__ double s_tables[2][kMomentWarps][16];  // shape and intensity tables of the pass
  __shared__ double s_farthest[2][kMomentWarps];
  __shared__ double s_coefficients[kernels::microscopy::kZernikeCoefficientLimit];
  __shared__ double s_partial[2][kMomentWarps][kWarpSize][2];  // (re, im) of each lane's pair
  __shared__ double s_weight[2][kMomentWarps];

  const ObjectInfo object = objects[blockIdx.x];
  const int tid = int(threadIdx.x), warp = tid / kWarpSize, lane = tid % kWarpSize;
  const bool weighted = intensity != nullptr;
  const std::int32_t row0 = object.bbox.row_begin, col0 = object.bbox.col_begin;
  const auto run_values = [&](const RowRun& run) {
    return weighted ? intensity + std::size_t(run.row) * std::size_t(width) + std::size_t(run.col_begin) : nullptr;
  };

  if (tid < z.pairs) {
    const ZernikePair pair = kernels::microscopy::zernike_pair(tid);
    const int offset = kernels::microscopy::zernike_coefficient_offset(tid);
    for (int j = 0; j < kernels::microscopy::zernike_coefficient_count(pair); ++j)
      s_coefficients[offset + j] = kernels::microscopy::zernike_radial_coefficient(pair, j);
  }

  // Pass 1: raw sums.
  {
    ExactMomentTable exact{};
    MomentTable raw{};
    for (std::size_t r = std::size_t(tid); r < object.run_count; r += kMomentThreads) {
      const RowRun run = runs[object.first_run + r];
      const std::int32_t lr = run.row - row0, a = run.col_begin - col0, b = run.col_end - col0;
      kernels::microscopy::add_run_exact_moments(exact, lr, a, b);
      if (weighted) kernels::microscopy::add_run_moments(raw, lr, a, b, run_values(run), 0.0, 0.0);
    }
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 4; ++j) {
        const Int128 v = warp_sum(exact.v[i][j]);
        if (lane == 0) s_exact[warp][i * 4 + j] = v;
      }
    store_warp_sums(raw, s_tables[1], warp, lane);
  }
  __syncthreads();
  const double count = exact_to_double(block_total(s_exact, 0));
  const double shape_row = exact_to_double(block_total(s_exact, 4)) / count;
  const double shape_col = exact_to_double(block_total(s_exact, 1)) / count;
  const double weight_total = block_total(s_tables[1], 0);
  const double intensity_row = block_total(s_tables[1], 4) / weight_total;
  const double intensity_col = block_total(s_tables[1], 1) / weight_total;
  ObjectMomentSums* out = sums + blockIdx.x;
  if (tid == 0) {
    for (int e = 0; e < 16; ++e) {
      out->shape_raw.v[e / 4][e % 4] = block_total(s_exact, e);
      out->intensity_raw.v[e / 4][e % 4] = block_total(s_tables[1], e);
    }
  }
  __syncthreads();  // s_tables is reused below

  // Pass 2: sums about the centroids, and the farthest pixel from each centre.
  {
    MomentTable shape{}, weighted_central{};
    double shape_far = 0.0, intensity_far = 0.0;
    for (std::size_t r = std::size_t(tid); r < object.run_count; r += kMomentThreads) {
      const RowRun run = runs[object.first_run + r];
      const std::int32_t lr = run.row - row0, a = run.col_begin - col0, b = run.col_end - col0;
      kernels::microscopy::add_run_moments(shape, lr, a, b, nullptr, shape_row, shape_col);
      const double far = kernels::microscopy::zernike_run_farthest(lr, a, b, shape_row, shape_col);
      shape_far = far > shape_far ? far : shape_far;
      if (weighted) {
        kernels::microscopy::add_run_moments(weighted_central, lr, a, b, run_values(run), intensity_row,
                                             intensity_col);
        const double w_far = kernels::microscopy::zernike_run_farthest(lr, a, b, intensity_row, intensity_col);
        intensity_far = w_far > intensity_far ? w_far : intensity_far;
      }
    }
    store_warp_sums(shape, s_tables[0], warp, lane);
    store_warp_sums(weighted_central, s_tables[1], warp, lane);
    shape_far = warp_max(shape_far);
    intensity_far = warp_max(intensity_far);
    if (lane == 0) {
      s_farthest[0][warp] = shape_far;
      s_farthest[1][warp] = intensity_far;
    }
  }
  __syncthreads();
  if (tid == 0) {
    for (int e = 0; e < 16; ++e) {
      out->shape_central.v[e / 4][e % 4] = block_total(s_tables[0], e);
      out->intensity_central.v[e / 4][e % 4] = block_total(s_tables[1], e);
    }
  }
  double shape_farthest = s_farthest[0][0], intensity_farthest = s_farthest[1][0];
  for (int w = 1; w < kMomentWarps; ++w) {
    shape_farthest = s_farthest[0][w] > shape_farthest ? s_farthest[0][w] : shape_farthest;
    intensity_farthest = s_farthest[1][w] > intensity_farthest ? s_farthest[1][w] : intensity_farthest;
  }

  // Pass 3: Zernike sums, lane = pair, warps = pair groups × pixel slices.
  const std::int32_t rows = object.bbox.row_end - row0, cols = object.bbox.col_end - col0;
  const double shape_squared_radius =
      kernels::microscopy::zernike_squared_radius(z.radius, z.fixed_radius, rows, cols, shape_farthest);
  const double intensity_squared_radius =
      kernels::microscopy::zernike_squared_radius(z.radius, z.fixed_radius, rows, cols, intensity_farthest);
  const double shape_scale = kernels::microscopy::zernike_scale(shape_squared_radius);
  const double intensity_scale = kernels::microscopy::zernike_scale(intensity_squared_radius);
  const ZernikeWarpRole role = zernike_warp_role(z, warp);
  const int k = role.group * kWarpSize + lane;
  const bool active = role.slice < z.slices && k < z.pairs;
  const ZernikePair pair = active ? kernels::microscopy::zernike_pair(k) : ZernikePair{};
  const int coefficient_count = kernels::microscopy::zernike_coefficient_count(pair);
  const double* coefficients = s_coefficients + (active ? kernels::microscopy::zernike_coefficient_offset(k) : 0);
  ZernikeComplex shape_sum, intensity_sum;
  double shape_weight = 0.0, intensity_weight = 0.0;
  __syncthreads();  // s_coefficients is complete
  if (role.slice < z.slices) {
    PixelCursor cursor{object.first_run, 0};
    for (std::uint64_t pixel = std::uint64_t(role.slice); pixel < object.area; pixel += std::uint64_t(z.slices)) {
      const std::int32_t col = advance_to_pixel(cursor, runs, pixel);
      const std::int32_t row = runs[cursor.run].row;
      const double lr = double(row - row0), lc = double(col - col0);
      {
        const double d_row = lr - shape_row, d_col = lc - shape_col;
        if (kernels::microscopy::zernike_squared_distance(d_row, d_col) <= shape_squared_radius) {
          if (active) {
            const ZernikePoint p = kernels::microscopy::zernike_point(d_row, d_col, shape_scale);
            kernels::microscopy::add_weighted(
                shape_sum, 1.0,
                kernels::microscopy::zernike_term(coefficients, coefficient_count, p,
                                                  kernels::microscopy::conjugate_power(p, pair.m)));
          }
          shape_weight += 1.0;
        }
      }
      if (weighted) {
        const double w = double(intensity[std::size_t(row) * std::size_t(width) + std::size_t(col)]);
        const double d_row = lr - intensity_row, d_col = lc - intensity_col;
        if (w > 0.0 && kernels::microscopy::zernike_squared_distance(d_row, d_col) <= intensity_squared_radius) {
          if (active) {
            const ZernikePoint p = kernels::microscopy::zernike_point(d_row, d_col, intensity_scale);
            kernels::microscopy::add_weighted(
                intensity_sum, w,
                kernels::microscopy::zernike_term(coefficients, coefficient_count, p,
                                                  kernels::microscopy::conjugate_power(p, pair.m)));
          }
          intensity_weight += w;
        }
      }
    }
  }
  s_partial[0][warp][lane][0] = shape_sum.re;
  s_partial[0][warp][lane][1] = shape_sum.im;
  s_partial[1][warp][lane][0] = intensity_sum.re;
  s_partial[1][warp][lane][1] = intensity_sum.im;
  if (lane == 0) {
    s_weight[0][warp] = shape_weight;
    s_weight[1][warp] = intensity_weight;
  }
  __syncthreads();
  if (tid < z.pairs) {
    const int group = tid / kWarpSize, pair_lane = tid % kWarpSize;
    const int n = kernels::microscopy::zernike_pair(tid).n;
    for (int w = 0; w < 2; ++w) {
      ZernikeComplex total{s_partial[w][group][pair_lane][0], s_partial[w][group][pair_lane][1]};
      double weight = s_weight[w][group];
      for (int slice = 1; slice < z.slices; ++slice) {
        total.re += s_partial[w][slice * z.groups + group][pair_lane][0];
        total.im += s_partial[w][slice * z.groups + group][pair_lane][1];
        weight += s_weight[w][slice * z.groups + group];
      }
      const double magnitude = w == 1 && !weighted ? NAN : kernels::microscopy::zernike_magnitude(n, total, weight);
      zernike[(2 * std::size_t(blockIdx.x) + std::size_t(w)) * std::size_t(z.pairs) + std::size_t(tid)] = magnitude;
    }
  }
}

}  // namespace

void check_microscopy_moments(const kernels::microscopy::ObjectTable& table,
                              const std::optional<kernels::microscopy::PlaneView<float>>& intensity,
                              const kernels::microscopy::ZernikeOptions& zernike) {
  kernels::microscopy::check_zernike_options(zernike);
  if (table.objects.size() > std::size_t(std::numeric_limits<int>::max()))
    throw std::invalid_argument("microscopy moments on the GPU: " + std::to_string(table.objects.size()) +
                                " objects exceed one launch's 2^31 − 1 blocks; split the table");
  for (const ObjectInfo& o : table.objects)
    if (o.bbox.area() > kernels::microscopy::kExactMomentMaxBoxPixels)
      throw std::invalid_argument("microscopy moments on the GPU: label " + std::to_string(o.label) +
                                  " has a bounding box of " + std::to_string(o.bbox.area()) +
                                  " pixels, beyond exact 128-bit moment sums; use the CPU");
  if (intensity && (intensity->width != table.width || intensity->height != table.height))
    throw std::invalid_argument("microscopy moments on the GPU: the intensity plane is " +
                                std::to_string(intensity->width) + " × " + std::to_string(intensity->height) +
                                ", the label plane " + std::to_string(table.width) + " × " +
                                std::to_string(table.height));
}

void microscopy_moment_sums_device(const ObjectInfo* d_objects, std::size_t object_count, const RowRun* d_runs,
                                   const float* d_intensity, std::int32_t intensity_width,
                                   const kernels::microscopy::ZernikeOptions& zernike, ObjectMomentSums* d_sums,
                                   double* d_zernike, cudaStream_t stream) {
  if (object_count == 0) return;
  const ZernikeLaunch z = zernike_launch(zernike.max_order, zernike.radius, zernike.fixed_radius);
  microscopy_moments_kernel<<<unsigned(object_count), kMomentThreads, 0, stream>>>(
      d_objects, d_runs, d_intensity, intensity_width, z, d_sums, d_zernike);
  VOXFEAT_CUDA_CHECK(cudaGetLastError());  // launch errors; faults surface at the next synchronising call
}

TableMoments finish_table_moments(std::span<const ObjectMomentSums> sums, std::span<const double> zernike,
                                  int max_order, bool with_intensity) {
  TableMoments t;
  const std::size_t objects = sums.size();
  t.zernike_pairs = std::size_t(kernels::microscopy::zernike_pair_count(max_order));
  t.shape.resize(objects);
  t.shape_zernike.resize(objects * t.zernike_pairs);
  if (with_intensity) {
    t.intensity.resize(objects);
    t.intensity_zernike.resize(objects * t.zernike_pairs);
  }
  tbb::parallel_for(std::size_t(0), objects, [&](std::size_t i) {
    t.shape[i] = kernels::microscopy::finish_shape_moments(sums[i].shape_raw, sums[i].shape_central);
    const double* z = zernike.data() + 2 * i * t.zernike_pairs;
    std::copy(z, z + t.zernike_pairs, t.shape_zernike.begin() + std::ptrdiff_t(i * t.zernike_pairs));
    if (with_intensity) {
      t.intensity[i] = kernels::microscopy::finish_intensity_moments(sums[i].intensity_raw, sums[i].intensity_central);
      std::copy(z + t.zernike_pairs, z + 2 * t.zernike_pairs,
                t.intensity_zernike.begin() + std::ptrdiff_t(i * t.zernike_pairs));
    }
  });
  return t;
}

TableMoments microscopy_moments(const kernels::microscopy::ObjectTable& table,
                                const std::optional<kernels::microscopy::PlaneView<float>>& intensity,
                                const kernels::microscopy::ZernikeOptions& zernike, cudaStream_t stream) {
  check_microscopy_moments(table, intensity, zernike);
  const std::size_t objects = table.objects.size();
  const auto pairs = std::size_t(kernels::microscopy::zernike_pair_count(zernike.max_order));
  if (objects == 0) return finish_table_moments({}, {}, zernike.max_order, intensity.has_value());

  DeviceBuffer<ObjectInfo> d_objects(objects);
  d_objects.upload(table.objects, stream);
  DeviceBuffer<RowRun> d_runs(table.runs.size());
  d_runs.upload(table.runs, stream);
  DeviceBuffer<float> d_intensity;
  if (intensity) {
    const std::size_t pixels = std::size_t(intensity->width) * std::size_t(intensity->height);
    d_intensity = DeviceBuffer<float>(pixels);
    d_intensity.upload({intensity->data, pixels}, stream);
  }
  DeviceBuffer<ObjectMomentSums> d_sums(objects);
  DeviceBuffer<double> d_zernike(2 * objects * pairs);
  microscopy_moment_sums_device(d_objects.data(), objects, d_runs.data(), d_intensity.data(), table.width, zernike,
                                d_sums.data(), d_zernike.data(), stream);
  std::vector<ObjectMomentSums> sums(objects);
  std::vector<double> magnitudes(2 * objects * pairs);
  d_sums.download(sums, stream);
  d_zernike.download(magnitudes, stream);
  VOXFEAT_CUDA_CHECK(cudaStreamSynchronize(stream));
  return finish_table_moments(sums, magnitudes, zernike.max_order, intensity.has_value());
}

}  // namespace voxfeat::cuda
