#include "ngtdm/compute.hpp"

#include <stdexcept>
#include <string>

#include "support/texture_aggregations.hpp"
#include "support/view_of.hpp"
#include "texture/aggregation.hpp"
#include "texture/ngtdm.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::plugins::ngtdm {

void compute_cpu(const RoiContext& roi, const ParamValues& params, const AggregationSpec& aggregation,
                 std::span<double> out) {
  // Range checked when the settings were read (ParamSpec minimum/maximum in register.cpp).
  const long long distance = params.integer("distance");
  const DiscretisedRoi& d = roi.discretised();
  if (d.level_count < 1) return;  // no intensity-mask voxel (re-segmentation kept none): every feature stays NaN
  const int delta = static_cast<int>(distance);
  const int level_count = d.level_count;
  namespace tx = kernels::texture;
  try {
    tx::aggregate_neighbourhood(
        view_of(d.levels), texture_aggregation(aggregation),
        [&](const kernels::View3<std::int32_t>& scope, bool three_d) {
          return tx::ngtdm_matrix(scope, three_d, delta, level_count);
        },
        [](const tx::NgtdmMatrix& matrix, std::span<double> values) { tx::ngtdm_features(matrix, values); }, out);
  } catch (const std::invalid_argument& e) {
    throw InputError(std::string("ngtdm: ") + e.what());
  }
}

}  // namespace voxfeat::plugins::ngtdm
