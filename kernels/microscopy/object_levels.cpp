#include "microscopy/object_levels.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace voxfeat::kernels::microscopy {
namespace {

/// Intensity range of some pixels, and whether all of them are finite.
struct Range {
  float min = std::numeric_limits<float>::infinity();
  float max = -std::numeric_limits<float>::infinity();
  bool finite = true;
};

/// One pass over the runs' pixels: the range for the grey scale and the validity check, so that the level loop
/// carries no test. NaN is skipped by the comparisons; `probe` (Σ 0·v) turns NaN at any NaN or infinite pixel.
/// Four independent lanes: a single min/max chain over all pixels made the pass latency-bound.
Range range_of(std::span<const RowRun> runs, const PlaneView<float>& intensity) {
  constexpr float inf = std::numeric_limits<float>::infinity();
  float lo[4] = {inf, inf, inf, inf}, hi[4] = {-inf, -inf, -inf, -inf}, probe[4] = {0, 0, 0, 0};
  const auto take = [&](int lane, float v) {
    lo[lane] = v < lo[lane] ? v : lo[lane];
    hi[lane] = v > hi[lane] ? v : hi[lane];
    probe[lane] += 0.0f * v;
  };
  for (const RowRun& run : runs) {
    const float* p = &intensity(run.row, 0);
    std::int32_t col = run.col_begin;
    for (; col + 4 <= run.col_end; col += 4)
      for (int lane = 0; lane < 4; ++lane) take(lane, p[col + lane]);
    for (; col < run.col_end; ++col) take(0, p[col]);
  }
  Range r;
  for (int lane = 0; lane < 4; ++lane) {
    r.min = std::min(r.min, lo[lane]);
    r.max = std::max(r.max, hi[lane]);
    r.finite = r.finite && probe[lane] == 0.0f;
  }
  return r;
}

[[noreturn]] void refuse_non_finite(const ObjectInfo& object, std::span<const RowRun> runs,
                                    const PlaneView<float>& intensity) {
  for (const RowRun& run : runs)
    for (std::int32_t col = run.col_begin; col < run.col_end; ++col)
      if (!std::isfinite(intensity(run.row, col)))
        throw std::invalid_argument("object texture: object " + std::to_string(object.label) + ", pixel (row " +
                                    std::to_string(run.row) + ", column " + std::to_string(col) +
                                    "): intensity is not finite");
  throw std::logic_error("object texture: no non-finite pixel found");
}

Range object_pixel_range(const ObjectTable& table, const PlaneView<float>& intensity) {
  if (table.objects.empty()) throw std::invalid_argument("image quantisation: the label image holds no object");
  const Range range = range_of(table.runs, intensity);
  if (!range.finite) throw std::invalid_argument("image quantisation: an object pixel is not finite");
  return range;
}

}  // namespace

ObjectLevels object_levels(const ObjectInfo& object, std::span<const RowRun> runs, const PlaneView<float>& intensity,
                           const ObjectQuantisation& quantisation, std::vector<std::int32_t>& buffer) {
  const Range range = range_of(runs, intensity);
  if (!range.finite) refuse_non_finite(object, runs, intensity);
  DiscretisationSpec spec = quantisation.image_spec;
  if (quantisation.scope == ObjectQuantisation::Scope::per_object)
    spec = {.method = DiscretisationMethod::fixed_bin_number,
            .x_min = range.min,
            .x_max = range.max,
            .bin_number = quantisation.bin_number};
  check_discretisation(spec);
  const int ng = level_count(spec);
  // Levels never decrease with the intensity (IBSI's formulas are monotonic, and so are their roundings): the
  // object's maximum has its highest level.
  if (discretise(double(range.max), spec) > ng)
    throw std::invalid_argument("object texture: object " + std::to_string(object.label) + " has intensity " +
                                std::to_string(range.max) + ", above the image quantisation's x_max " +
                                std::to_string(spec.x_max));

  const std::int32_t cols = object.bbox.cols(), rows = object.bbox.rows();
  buffer.assign(std::size_t(cols) * std::size_t(rows), 0);
  for (const RowRun& run : runs) {
    const float* in = &intensity(run.row, 0);
    std::int32_t* out = buffer.data() + std::size_t(run.row - object.bbox.row_begin) * std::size_t(cols) -
                        object.bbox.col_begin;
    for (std::int32_t col = run.col_begin; col < run.col_end; ++col) out[col] = discretise(double(in[col]), spec);
  }
  ObjectLevels result;
  result.levels.data = buffer.data();
  result.levels.extent = {std::size_t(cols), std::size_t(rows), 1};
  result.level_count = ng;
  return result;
}

DiscretisationSpec image_fixed_bin_number(const ObjectTable& table, const PlaneView<float>& intensity,
                                          int bin_number) {
  const Range range = object_pixel_range(table, intensity);
  const DiscretisationSpec spec{.method = DiscretisationMethod::fixed_bin_number,
                                .x_min = range.min,
                                .x_max = range.max,
                                .bin_number = bin_number};
  check_discretisation(spec);
  return spec;
}

DiscretisationSpec image_fixed_bin_size(const ObjectTable& table, const PlaneView<float>& intensity, double bin_width,
                                        std::optional<double> lower_bound) {
  const Range range = object_pixel_range(table, intensity);
  DiscretisationSpec spec{.method = DiscretisationMethod::fixed_bin_size,
                          .x_min = lower_bound.value_or(range.min),
                          .x_max = range.max,
                          .bin_width = bin_width};
  // As CaseRoi::discretise: every pixel below the lower bound is level 1, so one level.
  spec.x_max = std::max(spec.x_max, spec.x_min);
  check_discretisation(spec);
  return spec;
}

}  // namespace voxfeat::kernels::microscopy
