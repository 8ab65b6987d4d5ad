#include "demo/synthetic_cells.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>
#include <string>

namespace voxfeat::detail {
namespace {

constexpr std::int32_t kBandRows = 64;  // cells are found per band of rows, not per pixel

/// A well-mixed 64-bit hash (splitmix64's finaliser): the noise is a pure function of (seed, position).
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

/// Uniform in [0, 1) at integer lattice point (i, j).
double lattice(std::uint64_t seed, std::int64_t i, std::int64_t j) {
  const std::uint64_t h = mix(seed ^ mix(std::uint64_t(i) * 0x100000001b3ull ^ mix(std::uint64_t(j))));
  return double(h >> 11) * 0x1.0p-53;
}

/// Smooth value noise in [0, 1): the lattice bilinearly interpolated at (row, col) / scale.
double value_noise(std::uint64_t seed, double row, double col, double scale) {
  const double y = row / scale, x = col / scale;
  const double fy = std::floor(y), fx = std::floor(x);
  const double ty = y - fy, tx = x - fx;
  const auto i = std::int64_t(fy), j = std::int64_t(fx);
  const double top = lattice(seed, i, j) * (1 - tx) + lattice(seed, i, j + 1) * tx;
  const double bottom = lattice(seed, i + 1, j) * (1 - tx) + lattice(seed, i + 1, j + 1) * tx;
  return top * (1 - ty) + bottom * ty;
}

}  // namespace

SyntheticCells::SyntheticCells(const SyntheticCellsSpec& spec) : m_spec(spec) {
  if (spec.width <= 0 || spec.height <= 0 || spec.cells == 0 || !(spec.radius_min > 0) ||
      !(spec.radius_max >= spec.radius_min)) {
    throw std::invalid_argument("synthetic cells: width, height and cells must be positive and 0 < radius_min <= "
                                "radius_max");
  }
  std::mt19937_64 rng(spec.seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  // A jittered grid with about `cells` nodes over the plane: dense packing, many cells touching, as in tissue.
  const double area_per_cell = double(spec.width) * double(spec.height) / double(spec.cells);
  const double spacing = std::sqrt(area_per_cell);
  const auto columns = std::max<std::size_t>(1, std::size_t(std::lround(double(spec.width) / spacing)));
  const std::size_t rows = (spec.cells + columns - 1) / columns;
  const double dx = double(spec.width) / double(columns), dy = double(spec.height) / double(rows);
  m_cells.reserve(spec.cells);
  for (std::size_t n = 0; n < spec.cells; ++n) {
    Cell c;
    const std::size_t gx = n % columns, gy = n / columns;
    c.cx = (double(gx) + 0.5 + 0.6 * (unit(rng) - 0.5)) * dx;
    c.cy = (double(gy) + 0.5 + 0.6 * (unit(rng) - 0.5)) * dy;
    // Small cells more often (u²): about 600 cells of 10–40 px then cover most of a 1024² plane, not all of it.
    const double span = spec.radius_max - spec.radius_min;
    const double u = unit(rng), v = unit(rng);
    c.a = spec.radius_min + span * u * u;
    c.b = std::max(spec.radius_min, c.a * (0.55 + 0.45 * v));
    const double angle = std::numbers::pi * unit(rng);
    c.cos_t = std::cos(angle);
    c.sin_t = std::sin(angle);
    // One cell in four gets strong harmonics (lobes and dents: non-convex); the others a gentle wobble.
    const double strength = unit(rng) < 0.25 ? 0.22 : 0.06;
    for (int k = 0; k < 3; ++k) {
      c.harmonic[k] = strength * unit(rng);
      c.phase[k] = 2 * std::numbers::pi * unit(rng);
    }
    c.brightness = 500.0 + 2500.0 * unit(rng);
    const double reach = std::max(c.a, c.b) * (1.0 + c.harmonic[0] + c.harmonic[1] + c.harmonic[2]) + 1.0;
    c.row_begin = std::clamp(std::int32_t(std::floor(c.cy - reach)), 0, spec.height);
    c.row_end = std::clamp(std::int32_t(std::ceil(c.cy + reach)) + 1, 0, spec.height);
    c.col_begin = std::clamp(std::int32_t(std::floor(c.cx - reach)), 0, spec.width);
    c.col_end = std::clamp(std::int32_t(std::ceil(c.cx + reach)) + 1, 0, spec.width);
    m_cells.push_back(c);
  }
  m_bands.resize(std::size_t((spec.height + kBandRows - 1) / kBandRows));
  for (std::size_t i = 0; i < m_cells.size(); ++i) {
    const Cell& c = m_cells[i];
    if (c.row_begin >= c.row_end || c.col_begin >= c.col_end) continue;
    for (std::int32_t band = c.row_begin / kBandRows; band <= (c.row_end - 1) / kBandRows; ++band) {
      m_bands[std::size_t(band)].push_back(std::uint32_t(i));
    }
  }
}

double SyntheticCells::relative_radius(const Cell& c, double row, double col) {
  const double x = col - c.cx, y = row - c.cy;
  const double u = (x * c.cos_t + y * c.sin_t) / c.a, v = (-x * c.sin_t + y * c.cos_t) / c.b;
  const double rho = std::sqrt(u * u + v * v);
  const double theta = std::atan2(v, u);
  double boundary = 1.0;
  for (int k = 0; k < 3; ++k) boundary += c.harmonic[k] * std::cos(double(k + 2) * theta + c.phase[k]);
  return rho / boundary;
}

void SyntheticCells::fill_rows(std::int32_t first_row, std::int32_t rows, std::span<std::uint32_t> labels,
                               std::span<float> intensities) const {
  const std::size_t width = std::size_t(m_spec.width);
  if (first_row < 0 || rows < 0 || first_row + rows > m_spec.height) {
    throw std::invalid_argument("synthetic cells: rows [" + std::to_string(first_row) + ", " +
                                std::to_string(first_row + rows) + ") outside the plane");
  }
  const std::size_t n = std::size_t(rows) * width;
  if ((!labels.empty() && labels.size() != n) || (!intensities.empty() && intensities.size() != n)) {
    throw std::invalid_argument("synthetic cells: output spans must hold rows × width values");
  }
  // Labels first (the lowest label covering a pixel wins), with each pixel's relative radius for the intensity.
  std::vector<std::uint32_t> label(n, 0);
  std::vector<float> radius(n, 0.0f);
  if (rows > 0) {
    const std::int32_t last_row = first_row + rows - 1;
    std::vector<std::uint32_t> candidates;
    for (std::int32_t band = first_row / kBandRows; band <= last_row / kBandRows; ++band) {
      const auto& in_band = m_bands[std::size_t(band)];
      candidates.insert(candidates.end(), in_band.begin(), in_band.end());
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (const std::uint32_t i : candidates) {
      const Cell& c = m_cells[i];
      const std::int32_t r0 = std::max(c.row_begin, first_row), r1 = std::min(c.row_end, first_row + rows);
      for (std::int32_t r = r0; r < r1; ++r) {
        for (std::int32_t col = c.col_begin; col < c.col_end; ++col) {
          const std::size_t at = std::size_t(r - first_row) * width + std::size_t(col);
          if (label[at] != 0) continue;  // a lower label was here first
          const double rel = relative_radius(c, double(r), double(col));
          if (rel < 1.0) {
            label[at] = i + 1;
            radius[at] = float(rel);
          }
        }
      }
    }
  }
  if (!intensities.empty()) {
    for (std::size_t k = 0; k < n; ++k) {
      const double row = double(first_row) + double(k / width), col = double(k % width);
      const double grain = value_noise(m_spec.seed ^ 0x51ull, row, col, 3.0);
      if (label[k] == 0) {
        intensities[k] = float(100.0 + 20.0 * grain);
      } else {
        const Cell& c = m_cells[label[k] - 1];
        const double rel = radius[k];
        const double texture = value_noise(m_spec.seed ^ 0xceull, row, col, 4.0);
        intensities[k] = float(c.brightness * (1.0 - 0.4 * rel * rel) * (0.85 + 0.3 * texture) + 10.0 * grain);
      }
    }
  }
  if (!labels.empty()) std::copy(label.begin(), label.end(), labels.begin());
}

void SyntheticCells::fill(std::vector<std::uint32_t>& labels, std::vector<float>& intensities) const {
  const std::size_t n = std::size_t(m_spec.width) * std::size_t(m_spec.height);
  labels.assign(n, 0);
  intensities.assign(n, 0.0f);
  fill_rows(0, m_spec.height, labels, intensities);
}

}  // namespace voxfeat::detail
