#include "local_intensity/compute.hpp"

#include <stdexcept>
#include <string>

#include "intensity/local_intensity.hpp"
#include "support/view_of.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat::plugins::local_intensity {

void compute_cpu(const RoiContext& roi, const ParamValues& /*params*/, const AggregationSpec& /*aggregation*/,
                 std::span<double> out) {
  if (roi.roi_intensities().empty()) return;  // empty intensity mask: no centre voxel, both peaks stay NaN
  kernels::LocalIntensityPeaks peaks;
  try {
    // The spacing comes from the image geometry; the sphere is in world distances (IBSI 9ST6).
    peaks = kernels::local_intensity_peaks(view_of(roi.image()), view_of(roi.intensity_mask()));
  } catch (const std::invalid_argument& e) {
    throw InputError(std::string("local_intensity: ") + e.what());
  }
  out[peak_local] = peaks.local_peak;
  out[peak_global] = peaks.global_peak;
}

}  // namespace voxfeat::plugins::local_intensity
