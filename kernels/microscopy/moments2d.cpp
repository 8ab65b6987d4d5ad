#include "microscopy/moments2d.hpp"

#include <cstdint>

namespace voxfeat::kernels::microscopy {
namespace {

// Σ w·(r − r0)^i (c − c0)^j over the runs in local coordinates, run by run (add_run_moments).
MomentTable accumulate(const BoundingBox& bbox, std::span<const RowRun> runs, const PlaneView<float>* intensity,
                       double r0, double c0) {
  MomentTable m{};
  for (const RowRun& run : runs) {
    const float* values = intensity != nullptr ? &(*intensity)(run.row, run.col_begin) : nullptr;
    add_run_moments(m, run.row - bbox.row_begin, run.col_begin - bbox.col_begin, run.col_end - bbox.col_begin,
                    values, r0, c0);
  }
  return m;
}

void finish(ObjectMoments& m) {
  m.normalised = normalised_moments(m.central);
  hu_moments(m.normalised, m.hu.data());
}

// n·μ divided by n with two roundings only: equal integer numerators give equal results.
double central_from_exact(Int128 n_times_mu, Int128 n) { return exact_to_double(n_times_mu) / exact_to_double(n); }

}  // namespace

ExactMomentTable exact_shape_sums(const BoundingBox& bbox, std::span<const RowRun> runs) {
  ExactMomentTable sums{};
  for (const RowRun& run : runs)
    add_run_exact_moments(sums, run.row - bbox.row_begin, run.col_begin - bbox.col_begin, run.col_end - bbox.col_begin);
  return sums;
}

ObjectMoments shape_moments(const BoundingBox& bbox, std::span<const RowRun> runs) {
  if (bbox.area() > kExactMomentMaxBoxPixels) {
    // Beyond exact 128-bit sums: the weighted path with weight 1 (doubles throughout).
    const MomentTable raw = accumulate(bbox, runs, nullptr, 0.0, 0.0);
    const double centroid_row = raw.v[1][0] / raw.v[0][0], centroid_col = raw.v[0][1] / raw.v[0][0];
    return finish_intensity_moments(raw, accumulate(bbox, runs, nullptr, centroid_row, centroid_col));
  }
  const ExactMomentTable raw = exact_shape_sums(bbox, runs);
  const double n = exact_to_double(raw.v[0][0]);
  const double centroid_row = exact_to_double(raw.v[1][0]) / n, centroid_col = exact_to_double(raw.v[0][1]) / n;
  return finish_shape_moments(raw, accumulate(bbox, runs, nullptr, centroid_row, centroid_col));
}

ObjectMoments finish_shape_moments(const ExactMomentTable& raw, const MomentTable& central_sums) {
  ObjectMoments m;
  m.raw = exact_to_double(raw);
  m.centroid_row = m.raw.v[1][0] / m.raw.v[0][0];
  m.centroid_col = m.raw.v[0][1] / m.raw.v[0][0];
  const auto& s = raw.v;
  const Int128 n = s[0][0];
  m.central = central_sums;
  m.central.v[0][0] = m.raw.v[0][0];
  m.central.v[1][0] = m.central.v[0][1] = 0.0;
  m.central.v[2][0] = central_from_exact(n * s[2][0] - s[1][0] * s[1][0], n);
  m.central.v[0][2] = central_from_exact(n * s[0][2] - s[0][1] * s[0][1], n);
  m.central.v[1][1] = central_from_exact(n * s[1][1] - s[1][0] * s[0][1], n);
  finish(m);
  return m;
}

ObjectMoments intensity_moments(const BoundingBox& bbox, std::span<const RowRun> runs,
                                const PlaneView<float>& intensity) {
  const MomentTable raw = accumulate(bbox, runs, &intensity, 0.0, 0.0);
  const double centroid_row = raw.v[1][0] / raw.v[0][0], centroid_col = raw.v[0][1] / raw.v[0][0];
  return finish_intensity_moments(raw, accumulate(bbox, runs, &intensity, centroid_row, centroid_col));
}

ObjectMoments finish_intensity_moments(const MomentTable& raw, const MomentTable& central_sums) {
  ObjectMoments m;
  m.raw = raw;
  m.centroid_row = raw.v[1][0] / raw.v[0][0];
  m.centroid_col = raw.v[0][1] / raw.v[0][0];
  m.central = central_sums;
  if (raw.v[0][0] != 0.0) m.central.v[1][0] = m.central.v[0][1] = 0.0;
  finish(m);
  return m;
}

}  // namespace voxfeat::kernels::microscopy
