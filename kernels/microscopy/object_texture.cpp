#include "microscopy/object_texture.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "texture/aggregation.hpp"
#include "texture/glcm.hpp"
#include "texture/glcm_formulas.hpp"
#include "texture/glrlm.hpp"
#include "texture/glrlm_formulas.hpp"
#include "texture/glszm.hpp"
#include "texture/ngtdm.hpp"

namespace voxfeat::kernels::microscopy {
namespace {

namespace tx = texture;

void check_output(std::span<double> out, std::size_t count, const char* family) {
  if (out.size() != count)
    throw std::invalid_argument(std::string("object ") + family + ": " + std::to_string(count) +
                                " output slots expected, got " + std::to_string(out.size()));
}

tx::Aggregation aggregation_of(Directions directions) {
  return directions == Directions::merged ? tx::Aggregation::d2_slice_merged : tx::Aggregation::d2_averaged;
}

/// A GLCM builder whose matrices were counted before: the one scope of an object, every in-plane offset.
struct CountedMatrices {
  std::span<const tx::CountMatrix> matrices;
  tx::CountMatrix operator()(const View3<std::int32_t>& /*scope*/, tx::Offset /*offset*/) const {
    throw std::logic_error("object glcm: counted matrices are handed over per scope");
  }
  std::vector<std::vector<tx::CountMatrix>> operator()(std::span<const View3<std::int32_t>> scopes,
                                                       std::span<const tx::Offset> offsets) const {
    if (scopes.size() != 1 || offsets.size() != matrices.size())
      throw std::invalid_argument("object glcm: " + std::to_string(matrices.size()) +
                                  " counted matrices for one scope of " + std::to_string(offsets.size()) +
                                  " offsets expected");
    return {std::vector<tx::CountMatrix>(matrices.begin(), matrices.end())};
  }
};

}  // namespace

void object_glcm_features(const ObjectLevels& object, Directions directions,
                          std::span<const tx::CountMatrix> matrices, std::span<double> out) {
  check_output(out, tx::glcm::feature_count, "glcm");
  tx::aggregate_directional(
      object.levels, aggregation_of(directions), 1, CountedMatrices{matrices},
      [](const tx::CountMatrix& m, std::span<double> values) { tx::glcm_features(m, values); }, out);
}

void object_glcm(const ObjectLevels& object, int distance, Directions directions, std::span<double> out) {
  check_output(out, tx::glcm::feature_count, "glcm");
  if (distance < 1) throw std::invalid_argument("object glcm: distance must be at least 1");
  tx::aggregate_directional(
      object.levels, aggregation_of(directions), distance,
      tx::GlcmBuilder{std::uint32_t(object.level_count), true},
      [](const tx::CountMatrix& m, std::span<double> values) { tx::glcm_features(m, values); }, out);
}

void object_glrlm(const ObjectLevels& object, Directions directions, std::span<double> out) {
  check_output(out, tx::glrlm::feature_count, "glrlm");
  tx::aggregate_directional(
      object.levels, aggregation_of(directions), 1, tx::GlrlmBuilder{std::uint32_t(object.level_count)},
      [](const tx::RunLengthMatrix& m, std::span<double> values) { tx::glrlm_features(m, values); }, out);
}

void object_glszm(const ObjectLevels& object, std::span<double> out) {
  check_output(out, tx::size_zone_feature_count, "glszm");
  tx::glszm_features(object.levels, object.level_count, tx::Aggregation::d2, 1, out);
}

void object_ngtdm(const ObjectLevels& object, std::span<double> out) {
  check_output(out, tx::NgtdmSlot::count, "ngtdm");
  tx::aggregate_neighbourhood(
      object.levels, tx::Aggregation::d2,
      [&](const View3<std::int32_t>& scope, bool three_d) {
        return tx::ngtdm_matrix(scope, three_d, 1, object.level_count);
      },
      [](const tx::NgtdmMatrix& m, std::span<double> values) { tx::ngtdm_features(m, values); }, out);
}

}  // namespace voxfeat::kernels::microscopy
