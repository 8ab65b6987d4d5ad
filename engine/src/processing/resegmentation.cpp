#include "processing/resegmentation.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <tbb/parallel_for.h>

namespace voxfeat::detail {

IntensityInterval resegmentation_interval(const Volume<float>& image, const Volume<std::uint8_t>& morphological_mask,
                                          const ResegmentationSettings& settings) {
  IntensityInterval keep;
  if (settings.min) keep.lo = *settings.min;
  if (settings.max) keep.hi = *settings.max;
  if (settings.relative_min || settings.relative_max) {
    // PyRadiomics' relative mode: fractions of the ROI's maximum.
    const float* v = image.data();
    const std::uint8_t* in = morphological_mask.data();
    double maximum = -INFINITY;
    for (std::size_t i = 0; i < image.voxel_count(); ++i)
      if (in[i]) maximum = std::max(maximum, double(v[i]));
    if (settings.relative_min) keep.lo = std::max(keep.lo, maximum * *settings.relative_min);
    if (settings.relative_max) keep.hi = std::min(keep.hi, maximum * *settings.relative_max);
  }
  if (!settings.outlier_sigma && !settings.sigma_min && !settings.sigma_max) return keep;

  const Index3& n = image.size();
  const std::size_t plane = n[0] * n[1];
  struct Sums {
    double count = 0, sum = 0;
  };
  std::vector<Sums> per_slice(n[2]);
  const float* v = image.data();
  const std::uint8_t* in = morphological_mask.data();
  tbb::parallel_for(std::size_t(0), n[2], [&](std::size_t z) {
    Sums s;
    for (std::size_t i = z * plane; i < (z + 1) * plane; ++i)
      if (in[i]) {
        s.count += 1.0;
        s.sum += v[i];
      }
    per_slice[z] = s;
  });
  Sums total;
  for (const Sums& s : per_slice) {
    total.count += s.count;
    total.sum += s.sum;
  }
  if (total.count == 0) return keep;
  const double mean = total.sum / total.count;
  // Second pass for the variance: sum of squares minus the squared mean loses digits on CT-sized values.
  std::vector<double> squares(n[2], 0.0);
  tbb::parallel_for(std::size_t(0), n[2], [&](std::size_t z) {
    double s = 0;
    for (std::size_t i = z * plane; i < (z + 1) * plane; ++i)
      if (in[i]) s += (v[i] - mean) * (v[i] - mean);
    squares[z] = s;
  });
  double sq = 0;
  for (double s : squares) sq += s;
  const double sigma = std::sqrt(sq / total.count);
  if (settings.outlier_sigma) {
    keep.lo = std::max(keep.lo, mean - *settings.outlier_sigma * sigma);
    keep.hi = std::min(keep.hi, mean + *settings.outlier_sigma * sigma);
  }
  if (settings.sigma_min) keep.lo = std::max(keep.lo, mean + *settings.sigma_min * sigma);
  if (settings.sigma_max) keep.hi = std::min(keep.hi, mean + *settings.sigma_max * sigma);
  return keep;
}

Volume<std::uint8_t> intensity_mask(const Volume<float>& image, const Volume<std::uint8_t>& morphological_mask,
                                    const IntensityInterval& keep) {
  Volume<std::uint8_t> out(image.geometry());
  const Index3& n = image.size();
  const std::size_t plane = n[0] * n[1];
  const float* v = image.data();
  const std::uint8_t* in = morphological_mask.data();
  std::uint8_t* dst = out.data();
  tbb::parallel_for(std::size_t(0), n[2], [&](std::size_t z) {
    for (std::size_t i = z * plane; i < (z + 1) * plane; ++i)
      dst[i] = std::uint8_t(in[i] && v[i] >= keep.lo && v[i] <= keep.hi);
  });
  return out;
}

}  // namespace voxfeat::detail
