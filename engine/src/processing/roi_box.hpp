#pragma once
// Bounding boxes and parallel crops: the full-size volumes are the largest arrays a case touches, so these run
// once per case, with SIMD row scans and one z-slice per task.
#include <cstdint>

#include "voxfeat/volume.hpp"

namespace voxfeat::detail {

/// Smallest box holding every voxel equal to 1; empty() when there is none.
IndexBox bounding_box(const Volume<std::uint8_t>& mask);

/// Copy of the voxels of `box`, in parallel over z-slices; the copy's origin is the physical position of box.lo,
/// so geometry stays exact.
template <class T>
Volume<T> crop_parallel(const Volume<T>& source, const IndexBox& box);

extern template Volume<float> crop_parallel(const Volume<float>&, const IndexBox&);
extern template Volume<std::uint8_t> crop_parallel(const Volume<std::uint8_t>&, const IndexBox&);

}  // namespace voxfeat::detail
