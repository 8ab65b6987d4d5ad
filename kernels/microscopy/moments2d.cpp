#include "microscopy/moments2d.hpp"

#include <cstdint>

namespace voxfeat::kernels::microscopy {
namespace {

__extension__ typedef __int128 Int128;  // exact second moments of any plane with int32 coordinates

// Σ w·(r − r0)^i (c − c0)^j over the runs in local coordinates, row by row: per run the column power sums T_j,
// then M_ij += (r − r0)^i T_j (the sums separate because a run has one row).
template <class Weight>
MomentTable accumulate(const BoundingBox& bbox, std::span<const RowRun> runs, double r0, double c0, Weight weight) {
  MomentTable m{};
  for (const RowRun& run : runs) {
    double t[4] = {0.0, 0.0, 0.0, 0.0};
    for (std::int32_t col = run.col_begin; col < run.col_end; ++col) {
      const double w = weight(run.row, col), dc = double(col - bbox.col_begin) - c0;
      t[0] += w;
      t[1] += w * dc;
      t[2] += w * dc * dc;
      t[3] += w * dc * dc * dc;
    }
    const double dr = double(run.row - bbox.row_begin) - r0;
    double power = 1.0;
    for (int i = 0; i < 4; ++i, power *= dr)
      for (int j = 0; j < 4; ++j) m.v[i][j] += power * t[j];
  }
  return m;
}

void finish(ObjectMoments& m) {
  m.normalised = normalised_moments(m.central);
  hu_moments(m.normalised, m.hu.data());
}

// Σc and Σc² over columns [a, b) from the closed forms of Σ_{c<n} c = n(n−1)/2 and Σ_{c<n} c² = (n−1)n(2n−1)/6.
Int128 sum_to(Int128 n) { return n * (n - 1) / 2; }
Int128 sum_squares_to(Int128 n) { return (n - 1) * n * (2 * n - 1) / 6; }

// n·μ divided by n with two roundings only: equal integer numerators give equal results.
double central_from_exact(Int128 n_times_mu, std::int64_t n) { return double(n_times_mu) / double(n); }

}  // namespace

ObjectMoments shape_moments(const BoundingBox& bbox, std::span<const RowRun> runs) {
  ObjectMoments m;
  const auto one = [](std::int32_t, std::int32_t) { return 1.0; };
  m.raw = accumulate(bbox, runs, 0.0, 0.0, one);

  Int128 n = 0, sr = 0, sc = 0, srr = 0, scc = 0, src = 0;
  for (const RowRun& run : runs) {
    const Int128 r = run.row - bbox.row_begin, a = run.col_begin - bbox.col_begin, b = run.col_end - bbox.col_begin;
    const Int128 k = b - a, s1 = sum_to(b) - sum_to(a), s2 = sum_squares_to(b) - sum_squares_to(a);
    n += k;
    sr += r * k;
    srr += r * r * k;
    sc += s1;
    scc += s2;
    src += r * s1;
  }
  const auto count = std::int64_t(n);
  m.centroid_row = double(sr) / double(count);
  m.centroid_col = double(sc) / double(count);
  m.central = accumulate(bbox, runs, m.centroid_row, m.centroid_col, one);
  m.central.v[0][0] = double(count);
  m.central.v[1][0] = m.central.v[0][1] = 0.0;
  m.central.v[2][0] = central_from_exact(n * srr - sr * sr, count);
  m.central.v[0][2] = central_from_exact(n * scc - sc * sc, count);
  m.central.v[1][1] = central_from_exact(n * src - sr * sc, count);
  finish(m);
  return m;
}

ObjectMoments intensity_moments(const BoundingBox& bbox, std::span<const RowRun> runs,
                                const PlaneView<float>& intensity) {
  ObjectMoments m;
  const auto value = [&](std::int32_t row, std::int32_t col) { return double(intensity(row, col)); };
  m.raw = accumulate(bbox, runs, 0.0, 0.0, value);
  m.centroid_row = m.raw.v[1][0] / m.raw.v[0][0];
  m.centroid_col = m.raw.v[0][1] / m.raw.v[0][0];
  m.central = accumulate(bbox, runs, m.centroid_row, m.centroid_col, value);
  if (m.raw.v[0][0] != 0.0) m.central.v[1][0] = m.central.v[0][1] = 0.0;
  finish(m);
  return m;
}

}  // namespace voxfeat::kernels::microscopy
