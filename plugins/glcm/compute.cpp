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

namespace voxfeat::plugins::glcm {

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out) {
  namespace tx = kernels::texture;
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
      tx::GlcmBuilder{ng, symmetric},  // counts all directions of a scope in one pass
      [](const tx::CountMatrix& m, std::span<double> values) { tx::glcm_features(m, values); }, out);
}

}  // namespace voxfeat::plugins::glcm
