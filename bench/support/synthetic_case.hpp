#pragma once
// The benchmarks' seeded synthetic CT cases (detail::make_synthetic_ct): 256×256×128 voxels at 1×1×2 mm (320×320×192
// for ROIs above 600k voxels) with a spherical tumour of about the requested voxel count, as float image and mask.
#include <cstdint>

#include "voxfeat/volume.hpp"

namespace voxfeat::bench {

struct Case {
  Volume<float> image;
  Volume<std::uint8_t> mask;
  std::size_t roi_voxels = 0;
};

/// The case with a tumour of about `roi_voxels` voxels (seed 42), made once per size.
const Case& synthetic_case(std::int64_t roi_voxels);

}  // namespace voxfeat::bench
