#pragma once
// IBSI 1 local intensity features (9ST6, section 3.2): mean intensities in a 1 cm³ sphere around ROI voxels.
// The sphere holds every image voxel whose centre lies within r = (3 / (4π))^(1/3) cm of the centre voxel, in
// world distances (spacing), whether or not it is in the ROI; voxels outside the image do not exist, so near the
// image border the mean is over fewer voxels. Only voxels of the intensity mask are centres.
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>

#include "common/views.hpp"

namespace voxfeat::kernels {

/// r = (3 / (4π))^(1/3) cm ≈ 6.2035 mm: the radius of a sphere of 1 cm³.
inline double local_intensity_radius_mm() { return 10.0 * std::cbrt(3.0 / (4.0 * std::numbers::pi)); }

struct LocalIntensityPeaks {
  double local_peak = NAN;   ///< VJGA: sphere mean around the maximum-intensity ROI voxel (the highest of ties)
  double global_peak = NAN;  ///< 0F91: the highest sphere mean over all ROI voxels
};

/// The offset (dx, dy, dz) voxels away lies in the sphere: (dx sx)² + (dy sy)² + (dz sz)² ≤ r². Both
/// implementations below use this one predicate, so that they select the same voxels on the boundary.
inline bool in_local_sphere(long dx, long dy, long dz, const std::array<double, 3>& spacing, double radius_mm) {
  const double x = double(dx) * spacing[0], y = double(dy) * spacing[1], z = double(dz) * spacing[2];
  return x * x + y * y + z * z <= radius_mm * radius_mm;
}

/// Fast version, linear in the ROI size. Method: prefix sums along x of every image row; the sphere is a set of
/// x-intervals, one per (dy, dz) row, so a centre's sphere sum is one difference of prefix sums per row. Centres
/// are processed a whole x-line at a time (vectorisable), lines in parallel (TBB). Cost O(image voxels + ROI
/// voxels × sphere rows). `mask` has the grid of `image`; both NaN for an empty mask.
LocalIntensityPeaks local_intensity_peaks(const View3<float>& image, const View3<std::uint8_t>& mask,
                                          double radius_mm = local_intensity_radius_mm());

/// Reference: visits every voxel offset of the sphere for every centre (the specification the fast version is
/// tested against).
LocalIntensityPeaks local_intensity_peaks_reference(const View3<float>& image, const View3<std::uint8_t>& mask,
                                                    double radius_mm = local_intensity_radius_mm());

}  // namespace voxfeat::kernels
