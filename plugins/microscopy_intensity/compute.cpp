#include "microscopy_intensity/compute.hpp"

#include <cmath>
#include <limits>

#include "support/object_measurements.hpp"

namespace voxfeat::plugins::microscopy_intensity {

void compute_objects(const ObjectContext& objects, const ParamValues& /*params*/, std::span<double> out) {
  const auto measured = object_measurements(objects);
  const std::size_t n = measured->size();
  constexpr std::size_t count = 19;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  fill_rows(n, count, out, [&](std::size_t i, std::span<double> v) {
    const auto& a = (*measured)[i].intensity.all;
    const auto& e = (*measured)[i].intensity.edge;
    const bool edge = e.count > 0;
    const double values[count] = {double(a.count), a.sum,  a.mean,      a.median,      a.sd,
                                  a.min,           a.max,  a.p10,       a.p25,         a.p75,
                                  a.p90,           a.skewness, a.kurtosis, a.mad,     double(e.count),
                                  edge ? e.mean : nan, edge ? e.sd : nan, edge ? e.min : nan, edge ? e.max : nan};
    for (std::size_t k = 0; k < count; ++k) v[k] = values[k];
  });
}

}  // namespace voxfeat::plugins::microscopy_intensity
