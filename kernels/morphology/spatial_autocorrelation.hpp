#pragma once
// Moran's I (IBSI 1, N365) and Geary's C (NPT7) over the intensity mask, weights w_ab = 1/‖x_a − x_b‖ (mm) between
// voxel centres, pairs a ≠ b:
//   I = N / W · Σ_{a≠b} w_ab (X_a − μ)(X_b − μ) / Σ_a (X_a − μ)²
//   C = (N − 1) / (2W) · Σ_{a≠b} w_ab (X_a − X_b)² / Σ_a (X_a − μ)²,        W = Σ_{a≠b} w_ab.
// Both are NaN when fewer than two voxels are in the mask or all their intensities are equal (0/0).
#include <cstdint>

#include "common/views.hpp"

namespace voxfeat::kernels::morphology {

struct SpatialAutocorrelation {
  double morans_i = 0;
  double gearys_c = 0;
};

/// The definition as written: a double loop over all voxel pairs, O(N²). The specification the FFT version is
/// tested against; for tests only.
SpatialAutocorrelation spatial_autocorrelation_reference(const View3<float>& image, const View3<std::uint8_t>& mask);

/// Same values in O(M log M) for the M voxels of the mask's bounding box, zero-padded to at least 2n − 1 per axis.
/// The pair sums are convolutions with the kernel w(d) = 1/|d|, w(0) = 0:
///   W = Σ_a m_a (w∗m)_a,   S = Σ_{a≠b} w y_a y_b = Σ_a y_a (w∗y)_a   (y = (X − μ)·m),
///   Σ_{a≠b} w (X_a − X_b)² = 2 Σ_a y_a² (w∗m)_a − 2S,
/// so two convolutions suffice. They are FFTW3 double-precision r2c/c2r transforms; the kernel is even along every
/// axis, so its spectrum is real and comes from a 3D DCT-I of one octant (1/8 of the work of a full transform).
/// Plans use FFTW_ESTIMATE (deterministic) and are cached per size; plan creation holds fftw_planner_mutex().
/// Memory: two (N0/2+1)·2·N1·N2 double buffers plus the kernel octant. Agrees with the reference to ~1e-12 relative.
SpatialAutocorrelation spatial_autocorrelation_fft(const View3<float>& image, const View3<std::uint8_t>& mask);

}  // namespace voxfeat::kernels::morphology
