#include "demo/synthetic_ct.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

namespace voxfeat::detail {

SyntheticCt make_synthetic_ct(const SyntheticCtSpec& spec) {
  Geometry g;
  g.size = spec.size;
  g.spacing = spec.spacing;
  SyntheticCt out;
  out.image = Volume<std::int16_t>(g, -1000);
  out.mask = Volume<std::uint8_t>(g, 0);

  std::mt19937_64 rng(spec.seed);
  std::normal_distribution<double> noise(0.0, 12.0);
  std::uniform_real_distribution<double> jitter(-0.1, 0.1);
  const Vec3 extent{double(g.size[0]) * g.spacing[0], double(g.size[1]) * g.spacing[1],
                    double(g.size[2]) * g.spacing[2]};
  // The tumour centre moves a little with the seed so cases differ; it stays well inside the body.
  const Vec3 centre{extent[0] * (0.5 + jitter(rng)), extent[1] * (0.5 + jitter(rng)), extent[2] * 0.5};
  const Vec3 radii = spec.shape == TumourShape::sphere ? Vec3{spec.radii_mm[0], spec.radii_mm[0], spec.radii_mm[0]}
                                                       : spec.radii_mm;
  const double tumour_hu = 40.0 + 20.0 * jitter(rng) * 10.0;
  for (std::size_t z = 0; z < g.size[2]; ++z)
    for (std::size_t y = 0; y < g.size[1]; ++y)
      for (std::size_t x = 0; x < g.size[0]; ++x) {
        const double px = double(x) * g.spacing[0], py = double(y) * g.spacing[1], pz = double(z) * g.spacing[2];
        const double bx = (px - extent[0] / 2) / (0.45 * extent[0]), by = (py - extent[1] / 2) / (0.40 * extent[1]);
        const double dx = (px - centre[0]) / radii[0], dy = (py - centre[1]) / radii[1],
                     dz = (pz - centre[2]) / radii[2];
        const double r2 = dx * dx + dy * dy + dz * dz;
        double hu = -1000.0 + noise(rng) * 0.5;
        if (bx * bx + by * by <= 1.0) hu = 20.0 + noise(rng);  // soft tissue body
        if (r2 <= 1.0) {
          // A heterogeneous tumour: brighter rim, a smooth texture, and noise.
          hu = tumour_hu + 30.0 * r2 + 15.0 * std::sin(px * 0.4) * std::cos(py * 0.3) + noise(rng);
          out.mask(x, y, z) = 1;
        }
        out.image(x, y, z) = std::int16_t(std::lround(std::clamp(hu, -1024.0, 3071.0)));
      }
  const double a = radii[0], b = radii[1], c = radii[2];
  out.analytic_volume_mm3 = 4.0 / 3.0 * std::numbers::pi * a * b * c;
  constexpr double p = 1.6075;  // Knud Thomsen's approximation; exact for a sphere
  out.analytic_surface_mm2 =
      4.0 * std::numbers::pi *
      std::pow((std::pow(a * b, p) + std::pow(a * c, p) + std::pow(b * c, p)) / 3.0, 1.0 / p);
  return out;
}

DigitalPhantom make_ibsi_digital_phantom() {
  // IBSI 1 manual, digital phantom (shared/ibsi/README.md): values per slice z, rows y = 0..3, columns x = 0..4.
  static const int values[4][4][5] = {
      {{1, 4, 4, 1, 1}, {1, 4, 6, 1, 1}, {4, 1, 6, 4, 1}, {4, 4, 6, 4, 1}},
      {{1, 4, 4, 1, 1}, {1, 1, 6, 1, 1}, {1, 1, 3, 1, 1}, {4, 4, 6, 1, 1}},
      {{1, 4, 4, 1, 1}, {1, 1, 1, 1, 1}, {1, 1, 9, 1, 1}, {1, 1, 6, 1, 1}},
      {{1, 4, 4, 1, 1}, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1}, {1, 1, 6, 1, 1}}};
  Geometry g;
  g.size = {5, 4, 4};
  g.spacing = {2.0, 2.0, 2.0};
  DigitalPhantom p{Volume<float>(g), Volume<std::uint8_t>(g, 1)};
  for (std::size_t z = 0; z < 4; ++z)
    for (std::size_t y = 0; y < 4; ++y)
      for (std::size_t x = 0; x < 5; ++x) p.image(x, y, z) = float(values[z][y][x]);
  // The six voxels outside the ROI.
  p.mask(0, 2, 1) = 0;
  p.mask(3, 0, 2) = 0;
  p.mask(4, 0, 2) = 0;
  p.mask(2, 2, 2) = 0;
  p.mask(3, 0, 3) = 0;
  p.mask(4, 0, 3) = 0;
  return p;
}

}  // namespace voxfeat::detail
