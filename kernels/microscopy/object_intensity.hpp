#pragma once
// Intensity statistics of one object over its pixels, and over its boundary pixels, in double precision. The
// definitions are numpy's (the reference tables' source): population SD (ddof = 0), percentiles with numpy's
// default linear interpolation, skewness m3/m2^1.5 and excess kurtosis m4/m2² − 3 with m_k the k-th central moment,
// mean absolute deviation from the mean. They share the code (kernels/intensity/) of IBSI's first-order features,
// whose definitions are the same except one: IBSI sets skewness and kurtosis to 0 for a flat sample, numpy and
// this kernel give NaN.
#include <cstdint>
#include <span>
#include <vector>

#include "microscopy/object_mask.hpp"
#include "microscopy/object_pixels.hpp"
#include "microscopy/plane_view.hpp"

namespace voxfeat::kernels::microscopy {

struct IntensityStatistics {
  std::uint64_t count = 0;
  double sum = 0.0;  ///< integrated intensity
  double mean = 0.0;
  double sd = 0.0;   ///< population (ddof = 0)
  double min = 0.0;
  double max = 0.0;
  double median = 0.0;
  double p10 = 0.0, p25 = 0.0, p75 = 0.0, p90 = 0.0;
  double skewness = 0.0;  ///< NaN when the variance is 0
  double kurtosis = 0.0;  ///< excess; NaN when the variance is 0
  double mad = 0.0;       ///< mean absolute deviation from the mean
};

/// Statistics of the boundary pixels: object pixels with a 4-neighbour (up, down, left, right) of another label,
/// background or outside the plane. On the whole label plane, so a pixel next to another object is boundary.
struct EdgeStatistics {
  std::uint64_t count = 0;
  double mean = 0.0;
  double sd = 0.0;  ///< population (ddof = 0)
  double min = 0.0;
  double max = 0.0;
};

struct ObjectIntensity {
  IntensityStatistics all;
  EdgeStatistics edge;
};

/// Buffers reused from one object to the next (one per thread).
struct IntensityWorkspace {
  LabelCrop labels;
  std::vector<std::uint32_t> keys, edge_keys, scratch;  // float_sort.hpp
  std::vector<double> values, edge_values;
};

ObjectIntensity object_intensity(const ObjectInfo& object, std::span<const RowRun> runs,
                                 const PlaneView<std::uint32_t>& labels, const PlaneView<float>& intensity,
                                 IntensityWorkspace& work);

}  // namespace voxfeat::kernels::microscopy
