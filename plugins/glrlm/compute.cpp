#include "glrlm/compute.hpp"

#include <stdexcept>
#include <string>

#include "support/texture_aggregations.hpp"
#include "support/view_of.hpp"
#include "texture/aggregation.hpp"
#include "texture/glcm_glrlm_input.hpp"
#include "texture/glrlm.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::plugins::glrlm {

void compute_cpu(const RoiContext& roi, const ParamValues& /*params*/, const AggregationSpec& aggregation,
                 std::span<double> out) {
  namespace tx = kernels::texture;
  const DiscretisedRoi& d = roi.discretised();
  if (d.level_count < 1) return;  // no intensity-mask voxel (re-segmentation kept none): every feature stays NaN
  const auto levels = view_of(d.levels);
  try {
    tx::check_levels(levels, d.level_count);
  } catch (const std::invalid_argument& e) {
    throw InputError(std::string("glrlm: ") + e.what());
  }
  const auto ng = static_cast<std::uint32_t>(d.level_count);
  // Runs follow unit directions: the delta of aggregate_directional is 1.
  tx::aggregate_directional(
      levels, texture_aggregation(aggregation), 1,
      tx::GlrlmBuilder{ng},  // runs of all directions of a scope in one pass
      [](const tx::RunLengthMatrix& m, std::span<double> values) { tx::glrlm_features(m, values); }, out);
}

}  // namespace voxfeat::plugins::glrlm
