#pragma once
// IBSI 1 texture aggregation (sections 3.6–3.11, "Aggregating features"): which matrices are built (per slice or for
// the whole volume, per direction or not), which are merged (summed) before features are computed, and which
// feature values are averaged. Written once for all six texture families; a family supplies only how to build one
// matrix and how to turn one matrix into features.
//
// A matrix is any type with `void merge(const M&)` and `bool empty() const` (texture::CountMatrix for most families;
// NGTDM keeps real-valued sums). Determinism: matrices are built in parallel (one task per scope and direction) into
// fixed slots, merged in slot order and feature values are averaged in slot order, so results are identical for
// any thread count (and integer counts are exact whatever the order).
#include <tbb/parallel_for.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/views.hpp"
#include "texture/count_matrix.hpp"
#include "texture/directions.hpp"

namespace voxfeat::kernels::texture {

enum class Aggregation {
  d2_averaged,           ///< BTW3: features per slice and direction, averaged
  d2_slice_merged,       ///< SUJT: directions merged per slice, features averaged over slices
  d25_direction_merged,  ///< JJUI: slices merged per direction, features averaged over directions
  d25_merged,            ///< ZW7Z: everything merged
  d3_averaged,           ///< ITBB: features per 3D direction, averaged
  d3_merged,             ///< IAZD: 3D directions merged
  d2,                    ///< 8QNN: non-directional, features per slice, averaged
  d25,                   ///< 62GR: non-directional, slices merged
  d3,                    ///< KOBO: non-directional, whole volume
};

/// A scope is a 2D slice (extent z = 1, same x/y layout) or the whole level volume.
inline View3<std::int32_t> slice_of(const View3<std::int32_t>& levels, std::size_t z) {
  View3<std::int32_t> s = levels;
  s.data = levels.data + z * levels.extent[0] * levels.extent[1];
  s.extent[2] = 1;
  return s;
}

/// Slices holding at least one ROI voxel (level > 0), ascending.
inline std::vector<std::size_t> roi_slices(const View3<std::int32_t>& levels) {
  std::vector<std::size_t> out;
  const std::size_t plane = levels.extent[0] * levels.extent[1];
  for (std::size_t z = 0; z < levels.extent[2]; ++z)
    for (std::size_t i = 0; i < plane; ++i)
      if (levels.data[z * plane + i] > 0) {
        out.push_back(z);
        break;
      }
  return out;
}

namespace detail {

/// Averages the feature vectors of the non-empty matrices, feature by feature, skipping NaN (a feature undefined
/// for one slice or direction does not erase the others); NaN when no group defines it.
template <class Matrix, class Features>
void average_features(const std::vector<Matrix>& groups, Features&& features, std::span<double> out) {
  const std::size_t k = out.size();
  std::vector<double> values(groups.size() * k, std::numeric_limits<double>::quiet_NaN());
  tbb::parallel_for(std::size_t(0), groups.size(), [&](std::size_t g) {
    if (!groups[g].empty()) features(groups[g], std::span<double>(values.data() + g * k, k));
  });
  for (std::size_t f = 0; f < k; ++f) {
    double sum = 0.0;
    std::size_t n = 0;
    for (std::size_t g = 0; g < groups.size(); ++g)
      if (const double v = values[g * k + f]; !std::isnan(v)) sum += v, ++n;
    out[f] = n ? sum / double(n) : std::numeric_limits<double>::quiet_NaN();
  }
}

}  // namespace detail

/// Directional families (GLCM, GLRLM). `build(scope, offset)` returns the matrix of one scope along one offset
/// (δ·direction); if `build` is also invocable as `build(scope, std::span<const Offset>)` returning
/// std::vector<Matrix> (one matrix per offset, same order), that batch form is used instead, once per scope; if it
/// is invocable as `build(std::span<const View3<std::int32_t>> scopes, std::span<const Offset>)` returning
/// std::vector<std::vector<Matrix>> (per scope, per offset), every scope goes in one call (the GPU packs the slices of
/// a 2D or 2.5D aggregation into one launch); `features(matrix, out)` fills the feature values of a non-empty matrix. `out` receives the
/// aggregated values (NaN where no matrix defines a feature, e.g. an ROI without any voxel pair).
template <class Build, class Features>
void aggregate_directional(const View3<std::int32_t>& levels, Aggregation aggregation, int delta, Build&& build,
                           Features&& features, std::span<double> out) {
  const bool three_d = aggregation == Aggregation::d3_averaged || aggregation == Aggregation::d3_merged;
  const auto dirs = directions(three_d);
  const std::vector<std::size_t> slices =
      three_d ? std::vector<std::size_t>{0} : roi_slices(levels);  // 3D: one scope, the volume
  const std::size_t nd = dirs.size();
  using Matrix = std::invoke_result_t<Build&, const View3<std::int32_t>&, Offset>;
  std::vector<Matrix> matrices(slices.size() * nd);  // slot = scope * nd + direction
  if constexpr (std::is_invocable_r_v<std::vector<std::vector<Matrix>>, Build&, std::span<const View3<std::int32_t>>,
                                      std::span<const Offset>>) {
    // Optional many-scopes hook: every scope and direction in one call; same slots.
    std::vector<Offset> offsets(nd);
    for (std::size_t d = 0; d < nd; ++d) offsets[d] = dirs[d].scaled(delta);
    std::vector<View3<std::int32_t>> scopes;
    scopes.reserve(slices.size());
    for (const std::size_t z : slices) scopes.push_back(three_d ? levels : slice_of(levels, z));
    std::vector<std::vector<Matrix>> built =
        build(std::span<const View3<std::int32_t>>(scopes), std::span<const Offset>(offsets));
    if (built.size() != scopes.size())
      throw std::logic_error("aggregate_directional: a many-scopes build returns one result per scope");
    for (std::size_t s = 0; s < scopes.size(); ++s) {
      if (built[s].size() != nd)
        throw std::logic_error("aggregate_directional: a batch build returns one matrix per offset");
      for (std::size_t d = 0; d < nd; ++d) matrices[s * nd + d] = std::move(built[s][d]);
    }
  } else if constexpr (std::is_invocable_r_v<std::vector<Matrix>, Build&, const View3<std::int32_t>&,
                                             std::span<const Offset>>) {
    // Optional batch hook: all directions of a scope in one pass over its voxels (one task per scope; the builder
    // may split the scope itself). One matrix per offset, same order: the slots below are the same.
    std::vector<Offset> offsets(nd);
    for (std::size_t d = 0; d < nd; ++d) offsets[d] = dirs[d].scaled(delta);
    tbb::parallel_for(std::size_t(0), slices.size(), [&](std::size_t s) {
      const auto scope = three_d ? levels : slice_of(levels, slices[s]);
      std::vector<Matrix> built = build(scope, std::span<const Offset>(offsets));
      if (built.size() != nd)
        throw std::logic_error("aggregate_directional: a batch build returns one matrix per offset");
      for (std::size_t d = 0; d < nd; ++d) matrices[s * nd + d] = std::move(built[d]);
    });
  } else {
    tbb::parallel_for(std::size_t(0), matrices.size(), [&](std::size_t t) {
      const auto scope = three_d ? levels : slice_of(levels, slices[t / nd]);
      matrices[t] = build(scope, dirs[t % nd].scaled(delta));
    });
  }
  std::vector<Matrix> groups;
  switch (aggregation) {
    case Aggregation::d2_averaged:
    case Aggregation::d3_averaged: groups = std::move(matrices); break;
    case Aggregation::d2_slice_merged:
      groups.resize(slices.size());
      for (std::size_t t = 0; t < matrices.size(); ++t) groups[t / nd].merge(matrices[t]);
      break;
    case Aggregation::d25_direction_merged:
      groups.resize(nd);
      for (std::size_t t = 0; t < matrices.size(); ++t) groups[t % nd].merge(matrices[t]);
      break;
    case Aggregation::d25_merged:
    case Aggregation::d3_merged:
      groups.resize(1);
      for (const auto& m : matrices) groups[0].merge(m);
      break;
    default: throw std::invalid_argument("aggregate_directional: not a directional aggregation method");
  }
  detail::average_features(groups, features, out);
}

/// Non-directional families (GLSZM, GLDZM, NGTDM, NGLDM). `build(scope, three_d)` returns the matrix of one scope
/// with the in-plane (three_d = false) or 3D neighbourhood / connectivity.
template <class Build, class Features>
void aggregate_neighbourhood(const View3<std::int32_t>& levels, Aggregation aggregation, Build&& build,
                             Features&& features, std::span<double> out) {
  using Matrix = std::invoke_result_t<Build&, const View3<std::int32_t>&, bool>;
  if (aggregation == Aggregation::d3) {
    std::vector<Matrix> groups(1);
    groups[0] = build(levels, true);
    detail::average_features(groups, features, out);
    return;
  }
  if (aggregation != Aggregation::d2 && aggregation != Aggregation::d25)
    throw std::invalid_argument("aggregate_neighbourhood: not a 2D, 2.5D or 3D aggregation method");
  const std::vector<std::size_t> slices = roi_slices(levels);
  std::vector<Matrix> matrices(slices.size());
  tbb::parallel_for(std::size_t(0), slices.size(),
                    [&](std::size_t s) { matrices[s] = build(slice_of(levels, slices[s]), false); });
  if (aggregation == Aggregation::d25) {
    std::vector<Matrix> merged(1);
    for (const auto& m : matrices) merged[0].merge(m);
    matrices = std::move(merged);
  }
  detail::average_features(matrices, features, out);
}

}  // namespace voxfeat::kernels::texture
