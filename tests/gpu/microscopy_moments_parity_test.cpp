// cuda/microscopy_moments.cu against the CPU kernels of kernels/microscopy (moments2d, zernike): per object the raw
// and central moments, normalised and Hu moments (both weightings) and the Zernike magnitudes (both weightings).
// The host tests need no GPU: they run the kernel's block (its passes, its split of runs and pixels among threads,
// its shuffle trees and warp order: cuda/microscopy_moments_block.hpp) on the CPU with the same per-run and
// per-pixel functions, and hold the result to the CPU kernels within the tolerances the GPU is held to; the device
// tests then require the GPU to equal that emulation bit for bit (same operations in the same order, --fmad=false)
// and the CPU within the tolerances. Inputs: the microscopy reference images (tests/data/microscopy) and seeded
// synthetic cells (engine/src/demo/synthetic_cells.hpp).
//
// Tolerances (the CPU sums runs and pixels in raster order, the GPU per thread and then in trees):
//   - unweighted raw moments, centroids, μ00, μ10, μ01, μ20, μ02, μ11: equal (exact integer sums, one rounding);
//   - other sums: 1e-12 of the size of their terms, W·L^(i+j) (W = Σ|w|, L the larger bounding-box side), so that
//     a moment that is 0 by symmetry is judged by what cancelled in it; normalised and Hu moments by the same sizes
//     carried through their formulas;
//   - Zernike magnitudes (≤ (n + 1)/π, a mean of terms of size ≤ 1): 1e-12 absolute, or relative above 1.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "demo/synthetic_cells.hpp"
#include "gpu_test_support.hpp"
#include "microscopy/moments2d.hpp"
#include "microscopy/reference_planes.hpp"
#include "microscopy/zernike.hpp"
#include "microscopy_moments.hpp"
#include "microscopy_moments_block.hpp"

namespace voxfeat::test {
namespace {

namespace km = kernels::microscopy;
using km::ObjectMoments;
using km::ObjectTable;
using km::ZernikeOptions;
using km::ZernikeRadius;

// ---------------------------------------------------------------------------------------------------------------
// Inputs

/// tests/data/microscopy of the checkout named by VOXFEAT_SOURCE_DIR (environment), else of this build's checkout,
/// else of the working directory (run_on_device.sh runs from the repository root on the GPU server).
std::filesystem::path microscopy_data_dir() {
  const std::filesystem::path below = std::filesystem::path("tests") / "data" / "microscopy";
  if (const char* root = std::getenv("VOXFEAT_SOURCE_DIR"); root && *root) return std::filesystem::path(root) / below;
  if (std::filesystem::exists(std::filesystem::path(VOXFEAT_SOURCE_DIR) / below))
    return std::filesystem::path(VOXFEAT_SOURCE_DIR) / below;
  return std::filesystem::current_path() / below;
}

using Plane = microscopy::ReferencePlanes;

Plane reference_plane(const std::string& name) { return microscopy::read_reference_planes(microscopy_data_dir(), name); }

Plane synthetic_plane(std::int32_t size, std::size_t cells, std::uint64_t seed) {
  detail::SyntheticCellsSpec spec;
  spec.width = spec.height = size;
  spec.cells = cells;
  spec.seed = seed;
  Plane p;
  p.width = p.height = size;
  detail::SyntheticCells(spec).fill(p.labels, p.intensity);
  return p;
}

struct Case {
  std::string name;
  Plane plane;
  ObjectTable table;
};

Case make_case(std::string name, Plane plane) {
  ObjectTable table = km::collect_objects(plane.labels.data(), plane.width, plane.height);
  return {std::move(name), std::move(plane), std::move(table)};
}

/// The reference images and two seeded synthetic planes (512², ~150 cells each: a few seconds for the emulation).
const std::vector<Case>& cases() {
  static const std::vector<Case> all = [] {
    std::vector<Case> c;
    c.push_back(make_case("shapes", reference_plane("shapes")));
    c.push_back(make_case("cells", reference_plane("cells")));
    c.push_back(make_case("synthetic_seed_1", synthetic_plane(512, 150, 1)));
    c.push_back(make_case("synthetic_seed_7", synthetic_plane(512, 150, 7)));
    return c;
  }();
  return all;
}

/// Zernike settings the cases run under: the default, the highest order (4 pair groups, one slice: the other
/// warp layout), Nyxus' radius, a fixed radius, and order 0.
std::vector<ZernikeOptions> zernike_settings() {
  return {ZernikeOptions{}, ZernikeOptions{km::kZernikeOrderLimit}, ZernikeOptions{9, ZernikeRadius::bounding_box_side},
          ZernikeOptions{6, ZernikeRadius::fixed, 7.5}, ZernikeOptions{0}};
}

// ---------------------------------------------------------------------------------------------------------------
// The CPU kernels, and the kernel's block run on the host

cuda::TableMoments cpu_moments(const Case& c, const ZernikeOptions& options, bool with_intensity) {
  const km::PlaneView<float> intensity = c.plane.intensity_view();
  cuda::TableMoments t;
  t.zernike_pairs = std::size_t(km::zernike_pair_count(options.max_order));
  for (std::size_t i = 0; i < c.table.objects.size(); ++i) {
    const km::BoundingBox& box = c.table.objects[i].bbox;
    t.shape.push_back(km::shape_moments(box, c.table.runs_of(i)));
    const auto shape = km::shape_zernike(box, c.table.runs_of(i), options).magnitude;
    t.shape_zernike.insert(t.shape_zernike.end(), shape.begin(), shape.end());
    if (!with_intensity) continue;
    t.intensity.push_back(km::intensity_moments(box, c.table.runs_of(i), intensity));
    const auto weighted = km::intensity_zernike(box, c.table.runs_of(i), intensity, options).magnitude;
    t.intensity_zernike.insert(t.intensity_zernike.end(), weighted.begin(), weighted.end());
  }
  return t;
}

/// microscopy_moments_kernel for object `index`, on the host: the same passes, the same split of runs among
/// threads and of pixels among warps, the same trees. Writes the kernel's sums and its 2 × pairs magnitudes.
void emulate_block(const ObjectTable& table, std::size_t index, const float* intensity, std::int32_t width,
                   const cuda::ZernikeLaunch& z, cuda::ObjectMomentSums& sums, double* zernike) {
  constexpr int kThreads = cuda::kMomentThreads, kWarps = cuda::kMomentWarps, kLanes = cuda::kWarpSize;
  const km::ObjectInfo& o = table.objects[index];
  const km::RowRun* runs = table.runs.data();
  const bool weighted = intensity != nullptr;
  const std::int32_t row0 = o.bbox.row_begin, col0 = o.bbox.col_begin;
  const auto values = [&](const km::RowRun& run) -> const float* {
    return weighted ? intensity + std::size_t(run.row) * std::size_t(width) + std::size_t(run.col_begin) : nullptr;
  };
  // Per thread, then the warps' shuffle trees, then the warps in order.
  const auto block_total = [&](auto per_thread_entry) {
    using T = decltype(per_thread_entry(0));
    T warps[kWarps];
    for (int w = 0; w < kWarps; ++w) {
      T lanes[kLanes];
      for (int l = 0; l < kLanes; ++l) lanes[l] = per_thread_entry(w * kLanes + l);
      cuda::warp_tree_order(lanes, [](T& a, const T& b) { a += b; });
      warps[w] = lanes[0];
    }
    T total = warps[0];
    for (int w = 1; w < kWarps; ++w) total += warps[w];
    return total;
  };

  // Pass 1.
  std::vector<km::ExactMomentTable> exact(kThreads, km::ExactMomentTable{});
  std::vector<km::MomentTable> raw(kThreads, km::MomentTable{});
  for (int t = 0; t < kThreads; ++t)
    for (std::size_t r = std::size_t(t); r < o.run_count; r += kThreads) {
      const km::RowRun& run = runs[o.first_run + r];
      const std::int32_t lr = run.row - row0, a = run.col_begin - col0, b = run.col_end - col0;
      km::add_run_exact_moments(exact[std::size_t(t)], lr, a, b);
      if (weighted) km::add_run_moments(raw[std::size_t(t)], lr, a, b, values(run), 0.0, 0.0);
    }
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) {
      sums.shape_raw.v[i][j] = block_total([&](int t) { return exact[std::size_t(t)].v[i][j]; });
      sums.intensity_raw.v[i][j] = block_total([&](int t) { return raw[std::size_t(t)].v[i][j]; });
    }
  const double count = km::exact_to_double(sums.shape_raw.v[0][0]);
  const double shape_row = km::exact_to_double(sums.shape_raw.v[1][0]) / count;
  const double shape_col = km::exact_to_double(sums.shape_raw.v[0][1]) / count;
  const double intensity_row = sums.intensity_raw.v[1][0] / sums.intensity_raw.v[0][0];
  const double intensity_col = sums.intensity_raw.v[0][1] / sums.intensity_raw.v[0][0];

  // Pass 2 (a maximum is the same in any order).
  std::vector<km::MomentTable> shape(kThreads, km::MomentTable{}), central(kThreads, km::MomentTable{});
  double shape_farthest = 0.0, intensity_farthest = 0.0;
  for (int t = 0; t < kThreads; ++t)
    for (std::size_t r = std::size_t(t); r < o.run_count; r += kThreads) {
      const km::RowRun& run = runs[o.first_run + r];
      const std::int32_t lr = run.row - row0, a = run.col_begin - col0, b = run.col_end - col0;
      km::add_run_moments(shape[std::size_t(t)], lr, a, b, nullptr, shape_row, shape_col);
      shape_farthest = std::max(shape_farthest, km::zernike_run_farthest(lr, a, b, shape_row, shape_col));
      if (!weighted) continue;
      km::add_run_moments(central[std::size_t(t)], lr, a, b, values(run), intensity_row, intensity_col);
      intensity_farthest = std::max(intensity_farthest, km::zernike_run_farthest(lr, a, b, intensity_row, intensity_col));
    }
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) {
      sums.shape_central.v[i][j] = block_total([&](int t) { return shape[std::size_t(t)].v[i][j]; });
      sums.intensity_central.v[i][j] = block_total([&](int t) { return central[std::size_t(t)].v[i][j]; });
    }

  // Pass 3.
  const std::int32_t rows = o.bbox.rows(), cols = o.bbox.cols();
  const double shape_r2 = km::zernike_squared_radius(z.radius, z.fixed_radius, rows, cols, shape_farthest);
  const double intensity_r2 = km::zernike_squared_radius(z.radius, z.fixed_radius, rows, cols, intensity_farthest);
  const double shape_scale = km::zernike_scale(shape_r2), intensity_scale = km::zernike_scale(intensity_r2);
  std::vector<double> coefficients(km::kZernikeCoefficientLimit);
  km::fill_zernike_coefficients(z.max_order, coefficients.data());
  // What each pair's lane works out once, before its pixel loop.
  std::vector<km::ZernikePair> pairs(std::size_t(z.pairs));
  std::vector<int> offsets(std::size_t(z.pairs)), counts(std::size_t(z.pairs));
  for (int k = 0; k < z.pairs; ++k) {
    pairs[std::size_t(k)] = km::zernike_pair(k);
    offsets[std::size_t(k)] = km::zernike_coefficient_offset(k);
    counts[std::size_t(k)] = km::zernike_coefficient_count(pairs[std::size_t(k)]);
  }
  struct LaneSums {
    km::ZernikeComplex shape, intensity;
  };
  std::vector<std::vector<LaneSums>> partial(kWarps, std::vector<LaneSums>(kLanes));
  double weight[2][kWarps] = {};
  for (int w = 0; w < kWarps; ++w) {
    const cuda::ZernikeWarpRole role = cuda::zernike_warp_role(z, w);
    if (role.slice >= z.slices) continue;
    cuda::PixelCursor cursor{o.first_run, 0};
    for (std::uint64_t pixel = std::uint64_t(role.slice); pixel < o.area; pixel += std::uint64_t(z.slices)) {
      const std::int32_t col = cuda::advance_to_pixel(cursor, runs, pixel);
      const std::int32_t row = runs[cursor.run].row;
      const double lr = double(row - row0), lc = double(col - col0);
      const double w_value = weighted ? double(intensity[std::size_t(row) * std::size_t(width) + std::size_t(col)]) : 0.0;
      for (const bool intensity_part : {false, true}) {
        if (intensity_part && !weighted) continue;
        const double d_row = lr - (intensity_part ? intensity_row : shape_row);
        const double d_col = lc - (intensity_part ? intensity_col : shape_col);
        const double pixel_weight = intensity_part ? w_value : 1.0;
        if (!(pixel_weight > 0.0 && km::zernike_squared_distance(d_row, d_col) <= (intensity_part ? intensity_r2 : shape_r2)))
          continue;
        const km::ZernikePoint p = km::zernike_point(d_row, d_col, intensity_part ? intensity_scale : shape_scale);
        for (int l = 0; l < kLanes; ++l) {
          const int k = role.group * kLanes + l;
          if (k >= z.pairs) continue;
          const auto kk = std::size_t(k);
          const km::ZernikeComplex term = km::zernike_term(coefficients.data() + offsets[kk], counts[kk], p,
                                                           km::conjugate_power(p, pairs[kk].m));
          LaneSums& s = partial[std::size_t(w)][std::size_t(l)];
          km::add_weighted(intensity_part ? s.intensity : s.shape, pixel_weight, term);
        }
        weight[intensity_part ? 1 : 0][w] += pixel_weight;
      }
    }
  }
  for (int k = 0; k < z.pairs; ++k) {
    const int group = k / kLanes, lane = k % kLanes, n = km::zernike_pair(k).n;
    for (int part = 0; part < 2; ++part) {
      const auto pick = [&](int w) {
        const LaneSums& s = partial[std::size_t(w)][std::size_t(lane)];
        return part == 0 ? s.shape : s.intensity;
      };
      km::ZernikeComplex total = pick(group);
      double total_weight = weight[part][group];
      for (int slice = 1; slice < z.slices; ++slice) {
        const km::ZernikeComplex more = pick(slice * z.groups + group);
        total.re += more.re;
        total.im += more.im;
        total_weight += weight[part][slice * z.groups + group];
      }
      zernike[std::size_t(part) * std::size_t(z.pairs) + std::size_t(k)] =
          part == 1 && !weighted ? NAN : km::zernike_magnitude(n, total, total_weight);
    }
  }
}

cuda::TableMoments emulate_table(const Case& c, const ZernikeOptions& options, bool with_intensity) {
  const cuda::ZernikeLaunch z = cuda::zernike_launch(options.max_order, options.radius, options.fixed_radius);
  const std::size_t objects = c.table.objects.size();
  std::vector<cuda::ObjectMomentSums> sums(objects);
  std::vector<double> zernike(2 * objects * std::size_t(z.pairs));
  for (std::size_t i = 0; i < objects; ++i)
    emulate_block(c.table, i, with_intensity ? c.plane.intensity.data() : nullptr, c.plane.width, z, sums[i],
                  zernike.data() + 2 * i * std::size_t(z.pairs));
  return cuda::finish_table_moments(sums, zernike, options.max_order, with_intensity);
}

// ---------------------------------------------------------------------------------------------------------------
// Comparisons

bool same_double(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

/// `actual` within `allowed` of `expected`, NaN only where the other is NaN.
void expect_close(double actual, double expected, double allowed, const std::string& what) {
  if (std::isnan(expected) || std::isnan(actual)) {
    EXPECT_TRUE(std::isnan(expected) && std::isnan(actual)) << what << ": " << actual << " vs " << expected;
    return;
  }
  EXPECT_LE(std::fabs(actual - expected), allowed) << what << ": " << actual << " vs " << expected;
}

void expect_moments_close(const ObjectMoments& actual, const ObjectMoments& expected, const km::BoundingBox& box,
                          bool shape, const std::string& what) {
  const double L = std::max(box.rows(), box.cols()), W = std::fabs(expected.raw.v[0][0]);
  constexpr double kRounding = 1e-12;
  if (shape) {
    for (int i = 0; i < 4; ++i)
      for (int j = 0; j < 4; ++j) EXPECT_EQ(actual.raw.v[i][j], expected.raw.v[i][j]) << what << " raw " << i << j;
    EXPECT_EQ(actual.centroid_row, expected.centroid_row) << what;
    EXPECT_EQ(actual.centroid_col, expected.centroid_col) << what;
    for (const auto& [i, j] : {std::pair{0, 0}, {1, 0}, {0, 1}, {2, 0}, {0, 2}, {1, 1}})
      EXPECT_EQ(actual.central.v[i][j], expected.central.v[i][j]) << what << " central " << i << j;
  }
  expect_close(actual.centroid_row, expected.centroid_row, kRounding * L, what + " centroid row");
  expect_close(actual.centroid_col, expected.centroid_col, kRounding * L, what + " centroid col");
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) {
      const int k = i + j;
      const double terms = W * std::pow(L, k);
      const std::string ij = std::to_string(i) + std::to_string(j);
      expect_close(actual.raw.v[i][j], expected.raw.v[i][j], kRounding * terms, what + " raw " + ij);
      expect_close(actual.central.v[i][j], expected.central.v[i][j], kRounding * terms, what + " central " + ij);
      expect_close(actual.normalised.v[i][j], expected.normalised.v[i][j],
                   kRounding * terms / std::pow(W, 0.5 * k + 1), what + " normalised " + ij);
    }
  const double s2 = L * L / W, s3 = L * L * L / std::pow(W, 1.5);
  const double size[7] = {s2, s2 * s2, s3 * s3, s3 * s3, s3 * s3 * s3 * s3, s2 * s3 * s3, s3 * s3 * s3 * s3};
  for (std::size_t h = 0; h < 7; ++h)
    expect_close(actual.hu[h], expected.hu[h], kRounding * size[h], what + " hu " + std::to_string(h));
}

void expect_tables_close(const cuda::TableMoments& actual, const cuda::TableMoments& expected, const Case& c,
                         const std::string& setting) {
  ASSERT_EQ(actual.shape.size(), expected.shape.size());
  ASSERT_EQ(actual.intensity.size(), expected.intensity.size());
  ASSERT_EQ(actual.zernike_pairs, expected.zernike_pairs);
  ASSERT_EQ(actual.shape_zernike.size(), expected.shape_zernike.size());
  ASSERT_EQ(actual.intensity_zernike.size(), expected.intensity_zernike.size());
  for (std::size_t i = 0; i < actual.shape.size(); ++i) {
    const std::string what = c.name + " " + setting + " label " + std::to_string(c.table.objects[i].label);
    const km::BoundingBox& box = c.table.objects[i].bbox;
    expect_moments_close(actual.shape[i], expected.shape[i], box, true, what + " shape");
    if (!actual.intensity.empty())
      expect_moments_close(actual.intensity[i], expected.intensity[i], box, false, what + " intensity");
    for (std::size_t k = 0; k < actual.zernike_pairs; ++k) {
      const km::ZernikePair pair = km::zernike_pair(int(k));
      const std::string column = " " + km::zernike_column_name(pair);
      const double shape_ref = expected.shape_zernike_of(i)[k];
      expect_close(actual.shape_zernike_of(i)[k], shape_ref, 1e-12 * std::max(1.0, std::fabs(shape_ref)),
                   what + column);
      if (actual.intensity_zernike.empty()) continue;
      const double weighted_ref = expected.intensity_zernike_of(i)[k];
      expect_close(actual.intensity_zernike_of(i)[k], weighted_ref, 1e-12 * std::max(1.0, std::fabs(weighted_ref)),
                   what + " weighted" + column);
    }
  }
}

void expect_tables_identical(const cuda::TableMoments& actual, const cuda::TableMoments& expected,
                             const std::string& what) {
  ASSERT_EQ(actual.shape.size(), expected.shape.size()) << what;
  ASSERT_EQ(actual.intensity.size(), expected.intensity.size()) << what;
  const auto same_moments = [&](const ObjectMoments& a, const ObjectMoments& b, std::size_t i, const char* part) {
    bool same = same_double(a.centroid_row, b.centroid_row) && same_double(a.centroid_col, b.centroid_col);
    for (int r = 0; r < 4; ++r)
      for (int c = 0; c < 4; ++c)
        same = same && same_double(a.raw.v[r][c], b.raw.v[r][c]) && same_double(a.central.v[r][c], b.central.v[r][c]) &&
               same_double(a.normalised.v[r][c], b.normalised.v[r][c]);
    for (std::size_t h = 0; h < 7; ++h) same = same && same_double(a.hu[h], b.hu[h]);
    EXPECT_TRUE(same) << what << " object " << i << " " << part << " moments differ from the emulation";
  };
  for (std::size_t i = 0; i < actual.shape.size(); ++i) {
    same_moments(actual.shape[i], expected.shape[i], i, "shape");
    if (!actual.intensity.empty()) same_moments(actual.intensity[i], expected.intensity[i], i, "intensity");
  }
  ASSERT_EQ(actual.shape_zernike.size(), expected.shape_zernike.size()) << what;
  ASSERT_EQ(actual.intensity_zernike.size(), expected.intensity_zernike.size()) << what;
  for (std::size_t k = 0; k < actual.shape_zernike.size(); ++k)
    EXPECT_TRUE(same_double(actual.shape_zernike[k], expected.shape_zernike[k]))
        << what << " shape Zernike value " << k << ": " << actual.shape_zernike[k] << " vs " << expected.shape_zernike[k];
  for (std::size_t k = 0; k < actual.intensity_zernike.size(); ++k)
    EXPECT_TRUE(same_double(actual.intensity_zernike[k], expected.intensity_zernike[k]))
        << what << " intensity Zernike value " << k;
}

std::string setting_name(const ZernikeOptions& o) {
  const char* radius = o.radius == ZernikeRadius::largest_distance    ? "largest_distance"
                       : o.radius == ZernikeRadius::bounding_box_side ? "bounding_box_side"
                                                                       : "fixed";
  return "order " + std::to_string(o.max_order) + " " + radius;
}

// ---------------------------------------------------------------------------------------------------------------
// Host: no GPU

TEST(MicroscopyMomentsHost, LayoutCoversEveryPairAndPixel) {
  for (int order = 0; order <= km::kZernikeOrderLimit; ++order) {
    const cuda::ZernikeLaunch z = cuda::zernike_launch(order, ZernikeRadius::largest_distance, 0.0);
    ASSERT_GE(z.slices, 1) << order;
    ASSERT_LE(z.groups * z.slices, cuda::kMomentWarps) << order;
    std::vector<int> lanes_of_pair(std::size_t(z.pairs), 0);
    for (int w = 0; w < cuda::kMomentWarps; ++w) {
      const cuda::ZernikeWarpRole role = cuda::zernike_warp_role(z, w);
      if (role.slice != 0) continue;  // slice 0's warps hold every pair once
      for (int l = 0; l < cuda::kWarpSize; ++l)
        if (role.group * cuda::kWarpSize + l < z.pairs) ++lanes_of_pair[std::size_t(role.group * cuda::kWarpSize + l)];
    }
    for (const int n : lanes_of_pair) EXPECT_EQ(n, 1) << "order " << order;
  }
  // The cursor finds every pixel of an object's runs, in raster order, from any stride.
  const Case& c = cases()[0];
  for (std::size_t i = 0; i < c.table.objects.size(); ++i) {
    const km::ObjectInfo& o = c.table.objects[i];
    std::vector<std::int32_t> columns;
    for (const km::RowRun& run : c.table.runs_of(i))
      for (std::int32_t col = run.col_begin; col < run.col_end; ++col) columns.push_back(col);
    ASSERT_EQ(columns.size(), o.area);
    for (const std::uint64_t stride : {1ull, 3ull, 4ull}) {
      cuda::PixelCursor cursor{o.first_run, 0};
      for (std::uint64_t pixel = 0; pixel < o.area; pixel += stride)
        ASSERT_EQ(cuda::advance_to_pixel(cursor, c.table.runs.data(), pixel), columns[pixel]) << o.label;
    }
  }
}

TEST(MicroscopyMomentsHost, EmulatedKernelMatchesCpuKernels) {
  for (const Case& c : cases())
    for (const ZernikeOptions& options : zernike_settings()) {
      SCOPED_TRACE(c.name + " " + setting_name(options));
      expect_tables_close(emulate_table(c, options, true), cpu_moments(c, options, true), c, setting_name(options));
    }
  // Without intensities: the shape parts alone, the same values.
  const Case& c = cases()[1];
  const cuda::TableMoments shape_only = emulate_table(c, {}, false);
  EXPECT_TRUE(shape_only.intensity.empty());
  EXPECT_TRUE(shape_only.intensity_zernike.empty());
  expect_tables_close(shape_only, cpu_moments(c, {}, false), c, "shape only");
}

TEST(MicroscopyMomentsHost, RefusalsComeBeforeAnyCudaCall) {
  const Case& c = cases()[0];
  const km::PlaneView<float> intensity = c.plane.intensity_view();
  EXPECT_THROW(cuda::microscopy_moments(c.table, intensity, ZernikeOptions{km::kZernikeOrderLimit + 1}),
               std::invalid_argument);
  EXPECT_THROW(cuda::microscopy_moments(c.table, intensity, ZernikeOptions{9, ZernikeRadius::fixed, -1.0}),
               std::invalid_argument);
  EXPECT_THROW(cuda::microscopy_moments(c.table, km::PlaneView<float>{intensity.data, intensity.width - 1,
                                                                      intensity.height}),
               std::invalid_argument);
  ObjectTable huge;  // one object whose box (65536 × 65536 pixels) is beyond exact 128-bit sums
  huge.width = huge.height = 65536;
  huge.objects.push_back({1, {0, 0, 65536, 65536}, 2, 0, 2});
  huge.runs = {{0, 0, 1}, {65535, 65535, 65536}};
  EXPECT_THROW(cuda::microscopy_moments(huge, std::nullopt), std::invalid_argument);
  // An empty table needs no device.
  const cuda::TableMoments none = cuda::microscopy_moments(ObjectTable{}, std::nullopt);
  EXPECT_TRUE(none.shape.empty());
  EXPECT_EQ(none.zernike_pairs, 30u);
}

// ---------------------------------------------------------------------------------------------------------------
// Device

class MicroscopyMomentsDevice : public GpuTest {};

TEST_F(MicroscopyMomentsDevice, EqualsEmulationBitForBitAndCpuWithinTolerance) {
  for (const Case& c : cases())
    for (const ZernikeOptions& options : zernike_settings()) {
      const std::string what = c.name + " " + setting_name(options);
      SCOPED_TRACE(what);
      const cuda::TableMoments gpu = cuda::microscopy_moments(c.table, c.plane.intensity_view(), options);
      expect_tables_identical(gpu, emulate_table(c, options, true), what);
      expect_tables_close(gpu, cpu_moments(c, options, true), c, setting_name(options));
    }
}

TEST_F(MicroscopyMomentsDevice, WithoutIntensities) {
  const Case& c = cases()[3];
  const cuda::TableMoments gpu = cuda::microscopy_moments(c.table, std::nullopt);
  EXPECT_TRUE(gpu.intensity.empty());
  expect_tables_identical(gpu, emulate_table(c, {}, false), c.name + " shape only");
  expect_tables_close(gpu, cpu_moments(c, {}, false), c, "shape only");
}

// The benchmark's image, 1024² with ~600 cells (detail::SyntheticCells' default): one launch for the whole table.
TEST_F(MicroscopyMomentsDevice, DefaultSyntheticImage) {
  const Case c = make_case("synthetic_1024", synthetic_plane(1024, 600, 1));
  const cuda::TableMoments gpu = cuda::microscopy_moments(c.table, c.plane.intensity_view());
  expect_tables_close(gpu, cpu_moments(c, {}, true), c, "default");
}

}  // namespace
}  // namespace voxfeat::test
