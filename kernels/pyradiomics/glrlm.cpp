#include "pyradiomics/glrlm.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>

#include "texture/glrlm.hpp"

namespace voxfeat::kernels::pyradiomics {
namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();  // numpy.spacing(1), in log2(p + eps)
constexpr double nan = std::numeric_limits<double>::quiet_NaN();

constexpr std::array<double GlrlmFeatures::*, 16> all_fields{
    &GlrlmFeatures::short_run_emphasis,
    &GlrlmFeatures::long_run_emphasis,
    &GlrlmFeatures::grey_level_non_uniformity,
    &GlrlmFeatures::grey_level_non_uniformity_normalized,
    &GlrlmFeatures::run_length_non_uniformity,
    &GlrlmFeatures::run_length_non_uniformity_normalized,
    &GlrlmFeatures::run_percentage,
    &GlrlmFeatures::grey_level_variance,
    &GlrlmFeatures::run_variance,
    &GlrlmFeatures::run_entropy,
    &GlrlmFeatures::low_grey_level_run_emphasis,
    &GlrlmFeatures::high_grey_level_run_emphasis,
    &GlrlmFeatures::short_run_low_grey_level_emphasis,
    &GlrlmFeatures::short_run_high_grey_level_emphasis,
    &GlrlmFeatures::long_run_low_grey_level_emphasis,
    &GlrlmFeatures::long_run_high_grey_level_emphasis};

/// Whether some line of the bounding box along `d` holds two ROI voxels. calculate_glrlm in cmatrices.c clears an
/// angle whose lines all hold at most one ("multiElement"): its runs of length 1 only restate the ROI's voxels.
bool some_line_holds_two_voxels(const GreyLevels& g, Offset d) {
  const auto inside = [&](long x, long y, long z) {
    return x >= 0 && y >= 0 && z >= 0 && x < long(g.extent[0]) && y < long(g.extent[1]) && z < long(g.extent[2]);
  };
  for (long z = 0; z < long(g.extent[2]); ++z)
    for (long y = 0; y < long(g.extent[1]); ++y)
      for (long x = 0; x < long(g.extent[0]); ++x) {
        if (inside(x - d.dx, y - d.dy, z - d.dz)) continue;  // not the first voxel of its line
        int voxels = 0;
        for (long cx = x, cy = y, cz = z; inside(cx, cy, cz); cx += d.dx, cy += d.dy, cz += d.dz)
          if (g.levels[std::size_t(cx + long(g.extent[0]) * (cy + long(g.extent[1]) * cz))] > 0 && ++voxels == 2)
            return true;
      }
  return false;
}

/// Keeps the columns (run lengths) that hold a run in some angle ("Delete columns that run lengths not present in
/// the ROI", glrlm.py _calculateCoefficients).
RunLengthMatrices without_empty_run_lengths(const AngleMatrices& m) {
  RunLengthMatrices out;
  std::vector<std::size_t> kept;
  for (std::size_t c = 0; c < m.cols; ++c) {
    double total = 0;
    for (std::size_t a = 0; a < m.angle_count(); ++a)
      for (std::size_t r = 0; r < m.rows; ++r) total += m.angle(a)[r * m.cols + c];
    if (total != 0) kept.push_back(c), out.run_lengths.push_back(int(c) + 1);
  }
  out.runs.rows = m.rows;
  out.runs.cols = kept.size();
  for (std::size_t a = 0; a < m.angle_count(); ++a)
    for (std::size_t r = 0; r < m.rows; ++r)
      for (const std::size_t c : kept) out.runs.values.push_back(m.angle(a)[r * m.cols + c]);
  return out;
}

/// The features of one angle's matrix P (rows: levels g, columns: run lengths j), each divided by the angle's
/// number of runs Nr (NaN if there is none, as glrlm.py marks it).
GlrlmFeatures angle_features(std::span<const double> p, std::span<const double> g, std::span<const double> j) {
  GlrlmFeatures f{};
  const std::size_t rows = g.size(), cols = j.size();
  std::vector<double> pg(rows, 0.0), pr(cols, 0.0);
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c) pg[r] += p[r * cols + c], pr[c] += p[r * cols + c];
  double nr = std::accumulate(pg.begin(), pg.end(), 0.0);
  if (nr == 0) nr = nan;
  double voxels = 0, mean_j = 0;
  for (std::size_t c = 0; c < cols; ++c) {
    f.short_run_emphasis += pr[c] / (j[c] * j[c]);
    f.long_run_emphasis += pr[c] * j[c] * j[c];
    f.run_length_non_uniformity += pr[c] * pr[c];
    voxels += pr[c] * j[c];
    mean_j += pr[c] / nr * j[c];
  }
  double mean_g = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    f.grey_level_non_uniformity += pg[r] * pg[r];
    f.low_grey_level_run_emphasis += pg[r] / (g[r] * g[r]);
    f.high_grey_level_run_emphasis += pg[r] * g[r] * g[r];
    mean_g += pg[r] / nr * g[r];
  }
  for (std::size_t r = 0; r < rows; ++r) f.grey_level_variance += pg[r] / nr * (g[r] - mean_g) * (g[r] - mean_g);
  for (std::size_t c = 0; c < cols; ++c) f.run_variance += pr[c] / nr * (j[c] - mean_j) * (j[c] - mean_j);
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < cols; ++c) {
      const double v = p[r * cols + c], gg = g[r] * g[r], jj = j[c] * j[c];
      f.run_entropy -= v / nr * std::log2(v / nr + eps);
      f.short_run_low_grey_level_emphasis += v / (gg * jj);
      f.short_run_high_grey_level_emphasis += v * gg / jj;
      f.long_run_low_grey_level_emphasis += v * jj / gg;
      f.long_run_high_grey_level_emphasis += v * gg * jj;
    }
  f.grey_level_non_uniformity_normalized = f.grey_level_non_uniformity / (nr * nr);
  f.run_length_non_uniformity_normalized = f.run_length_non_uniformity / (nr * nr);
  f.run_percentage = nr / voxels;
  for (const auto field : {&GlrlmFeatures::short_run_emphasis, &GlrlmFeatures::long_run_emphasis,
                           &GlrlmFeatures::grey_level_non_uniformity, &GlrlmFeatures::run_length_non_uniformity,
                           &GlrlmFeatures::low_grey_level_run_emphasis, &GlrlmFeatures::high_grey_level_run_emphasis,
                           &GlrlmFeatures::short_run_low_grey_level_emphasis,
                           &GlrlmFeatures::short_run_high_grey_level_emphasis,
                           &GlrlmFeatures::long_run_low_grey_level_emphasis,
                           &GlrlmFeatures::long_run_high_grey_level_emphasis})
    f.*field /= nr;
  return f;
}

}  // namespace

RunLengthMatrices glrlm_matrices(const GreyLevels& levels, const GlrlmSettings& s) {
  const int distance_one[] = {1};  // calculate_glrlm builds its angles without the distances setting
  const auto offsets = angles(levels.extent, distance_one, s.force2d_dimension, false);
  const auto counts = offsets.empty() || levels.present.empty()
                          ? std::vector<texture::RunLengthMatrix>{}
                          : texture::glrlm_matrices(scope_of(levels), texture_offsets(offsets),
                                                    std::uint32_t(levels.ng));
  std::size_t longest = 0;
  for (const auto& c : counts)
    for (const auto& e : c.runs.entries()) longest = std::max<std::size_t>(longest, e.col + 1);
  AngleMatrices m{levels.present.size(), longest, {}};
  m.values.assign(counts.size() * m.rows * m.cols, 0.0);
  const auto row = rows_of_levels(levels.present, levels.ng);
  for (std::size_t a = 0; a < counts.size(); ++a) {
    const auto entries = counts[a].runs.entries();
    const bool longer_runs = std::any_of(entries.begin(), entries.end(), [](const auto& e) { return e.col > 0; });
    if (!longer_runs && !some_line_holds_two_voxels(levels, offsets[a])) continue;
    for (const auto& e : entries) m.angle(a)[std::size_t(row[e.row + 1]) * m.cols + e.col] = double(e.count);
  }
  if (s.weighting != WeightingNorm::none && m.angle_count() > 0) {
    std::vector<double> weights;
    for (const Offset& o : offsets) weights.push_back(angle_length(o, levels.spacing, s.weighting));
    sum_weighted_angles(m, weights);
  }
  drop_empty_angles(m);
  return without_empty_run_lengths(m);
}

GlrlmFeatures glrlm_features(const RunLengthMatrices& m, std::span<const int> present) {
  const std::vector<double> g(present.begin(), present.end());
  const std::vector<double> j(m.run_lengths.begin(), m.run_lengths.end());
  std::vector<GlrlmFeatures> per_angle;
  for (std::size_t a = 0; a < m.runs.angle_count(); ++a) per_angle.push_back(angle_features(m.runs.angle(a), g, j));
  return nanmean_per_field<GlrlmFeatures>(per_angle, all_fields);
}

}  // namespace voxfeat::kernels::pyradiomics
