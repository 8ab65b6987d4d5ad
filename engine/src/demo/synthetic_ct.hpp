#pragma once
// Seeded synthetic CT-like cases with known geometry, for the demo, benchmarks and shape tests: air around an
// elliptic body of soft tissue, and a tumour (sphere or ellipsoid) whose exact volume and surface area are known.
#include <cstdint>

#include "voxfeat/volume.hpp"

namespace voxfeat::detail {

enum class TumourShape { sphere, ellipsoid };

struct SyntheticCtSpec {
  Index3 size{256, 256, 128};
  Vec3 spacing{1.0, 1.0, 2.0};             ///< mm
  TumourShape shape = TumourShape::sphere;
  Vec3 radii_mm{30.0, 30.0, 30.0};         ///< semi-axes; a sphere uses radii_mm[0]
  std::uint64_t seed = 1;
};

struct SyntheticCt {
  Volume<std::int16_t> image;  ///< HU
  Volume<std::uint8_t> mask;   ///< 1 inside the tumour (voxel centre inside the analytic shape)
  double analytic_volume_mm3 = 0.0;
  double analytic_surface_mm2 = 0.0;  ///< exact for a sphere; Knud Thomsen's formula (±1.061 %) for an ellipsoid
};

SyntheticCt make_synthetic_ct(const SyntheticCtSpec& spec);

/// The IBSI 1 digital phantom (5×4×4 voxels, 2 mm), built from the values printed in the IBSI manual, so the demo
/// needs no data file.
struct DigitalPhantom {
  Volume<float> image;
  Volume<std::uint8_t> mask;
};
DigitalPhantom make_ibsi_digital_phantom();

}  // namespace voxfeat::detail
