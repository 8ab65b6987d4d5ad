#include "intensity/local_intensity.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace voxfeat::kernels {
namespace {

// One x-interval of the sphere: offsets (dx, dy, dz) with |dx| ≤ half_width.
struct SphereRow {
  long dy = 0;
  long dz = 0;
  long half_width = 0;
};

long axis_reach(int axis, const std::array<double, 3>& spacing, double radius_mm) {
  long reach = std::max(0L, long(radius_mm / spacing[std::size_t(axis)]) - 1);  // then step to the exact bound
  std::array<long, 3> d{0, 0, 0};
  for (;;) {
    d[std::size_t(axis)] = reach + 1;
    if (!in_local_sphere(d[0], d[1], d[2], spacing, radius_mm)) return reach;
    ++reach;
  }
}

// Voxels so small that the sphere has more rows than this (about 0.03 mm isotropic) are refused: the cost per ROI
// voxel grows with the row count, and a 1 cm³ peak means nothing at that scale (microscopy).
constexpr long kMaxSphereRows = 1'000'000;

std::vector<SphereRow> sphere_rows(const std::array<double, 3>& spacing, double radius_mm) {
  const long ry = axis_reach(1, spacing, radius_mm), rz = axis_reach(2, spacing, radius_mm);
  if (double(2 * ry + 1) * double(2 * rz + 1) > double(kMaxSphereRows))
    throw std::invalid_argument("local intensity: voxels too small for a 1 cm^3 sphere (over " +
                                std::to_string(kMaxSphereRows) + " sphere rows)");
  std::vector<SphereRow> rows;
  for (long dz = -rz; dz <= rz; ++dz)
    for (long dy = -ry; dy <= ry; ++dy) {
      if (!in_local_sphere(0, dy, dz, spacing, radius_mm)) continue;
      // Estimate, then step to the exact bound of the shared predicate.
      const double y = double(dy) * spacing[1], z = double(dz) * spacing[2];
      long h = std::max(0L, long(std::sqrt(std::max(0.0, radius_mm * radius_mm - y * y - z * z)) / spacing[0]) - 1);
      while (h > 0 && !in_local_sphere(h, dy, dz, spacing, radius_mm)) --h;
      while (in_local_sphere(h + 1, dy, dz, spacing, radius_mm)) ++h;
      rows.push_back({dy, dz, h});
    }
  return rows;
}

void check_inputs(const View3<float>& image, const View3<std::uint8_t>& mask, double radius_mm) {
  if (image.extent != mask.extent) throw std::invalid_argument("local intensity: image and mask grids differ");
  for (const double s : image.spacing)
    if (!(s > 0.0)) throw std::invalid_argument("local intensity: voxel spacing must be positive");
  if (!(radius_mm > 0.0)) throw std::invalid_argument("local intensity: sphere radius must be positive");
}

// The x-range [first, last] of mask voxels on each image row (first > last: none), and the highest ROI intensity.
struct MaskLines {
  std::vector<long> first;
  std::vector<long> last;
  float max_intensity = -std::numeric_limits<float>::infinity();
  bool any = false;
};

MaskLines mask_lines(const View3<float>& image, const View3<std::uint8_t>& mask) {
  const long ex = long(image.extent[0]);
  const std::size_t lines = image.extent[1] * image.extent[2];
  MaskLines m;
  m.first.assign(lines, 0);
  m.last.assign(lines, -1);
  m.max_intensity = tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, lines), -std::numeric_limits<float>::infinity(),
      [&](const tbb::blocked_range<std::size_t>& r, float best) {
        for (std::size_t line = r.begin(); line != r.end(); ++line) {
          const std::uint8_t* mrow = mask.data + line * std::size_t(ex);
          const float* irow = image.data + line * std::size_t(ex);
          long first = ex, last = -1;
          for (long x = 0; x < ex; ++x)
            if (mrow[x]) {
              first = std::min(first, x);
              last = x;
              best = std::max(best, irow[x]);
            }
          if (last >= 0) {
            m.first[line] = first;
            m.last[line] = last;
          }
        }
        return best;
      },
      [](float a, float b) { return std::max(a, b); });
  m.any = std::any_of(m.last.begin(), m.last.end(), [](long l) { return l >= 0; });
  return m;
}

LocalIntensityPeaks combine(const LocalIntensityPeaks& a, const LocalIntensityPeaks& b) {
  // NaN marks "no centre yet"; std::max would keep a NaN first argument.
  auto higher = [](double u, double v) { return std::isnan(u) ? v : (std::isnan(v) ? u : std::max(u, v)); };
  return {higher(a.local_peak, b.local_peak), higher(a.global_peak, b.global_peak)};
}


// The prefix sums of every image row and the sphere's rows: what each line of centres reads.
struct SphereSums {
  std::vector<double> prefix;  // prefix[(y + ey z) (ex + 1) + x] = Σ of the row's first x voxels, in double
  std::vector<SphereRow> rows;
  long ex = 0, ey = 0, ez = 0;
  long reach_y = 0, reach_z = 0, max_half_width = 0;
  long sphere_voxels = 0;  // Σ (2h + 1): the count of a sphere that the image border does not cut

  [[nodiscard]] const double* row(long y, long z) const {
    return prefix.data() + std::size_t(y + ey * z) * std::size_t(ex + 1);
  }

  // Sphere sums and voxel counts of the centres x0..x1 of line (y, z) into sum[0..], count[0..].
  void line(long y, long z, long x0, long x1, double* sum, long* count) const {
    const long width = x1 - x0 + 1;
    std::fill(sum, sum + width, 0.0);
    const bool interior = y - reach_y >= 0 && y + reach_y < ey && z - reach_z >= 0 && z + reach_z < ez &&
                          x0 - max_half_width >= 0 && x1 + max_half_width < ex;
    if (interior) {
      // The whole sphere lies in the image for every centre: no clipping, one count. Rows go four at a time so
      // that sum[] is loaded and stored once per four rows (the loop is bound by memory operations).
      std::fill(count, count + width, sphere_voxels);
      std::size_t r = 0;
      for (; r + 4 <= rows.size(); r += 4) {
        const double* __restrict a = row(y + rows[r].dy, z + rows[r].dz) + x0;
        const double* __restrict b = row(y + rows[r + 1].dy, z + rows[r + 1].dz) + x0;
        const double* __restrict c = row(y + rows[r + 2].dy, z + rows[r + 2].dz) + x0;
        const double* __restrict d = row(y + rows[r + 3].dy, z + rows[r + 3].dz) + x0;
        const long ha = rows[r].half_width, hb = rows[r + 1].half_width, hc = rows[r + 2].half_width,
                   hd = rows[r + 3].half_width;
        double* __restrict s = sum;
        for (long i = 0; i < width; ++i)
          s[i] += ((a[i + ha + 1] - a[i - ha]) + (b[i + hb + 1] - b[i - hb])) +
                  ((c[i + hc + 1] - c[i - hc]) + (d[i + hd + 1] - d[i - hd]));
      }
      for (; r < rows.size(); ++r) {
        const double* __restrict a = row(y + rows[r].dy, z + rows[r].dz) + x0;
        const long h = rows[r].half_width;
        double* __restrict s = sum;
        for (long i = 0; i < width; ++i) s[i] += a[i + h + 1] - a[i - h];
      }
      return;
    }
    std::fill(count, count + width, 0L);
    for (const SphereRow& sr : rows) {
      const long yy = y + sr.dy, zz = z + sr.dz;
      if (yy < 0 || yy >= ey || zz < 0 || zz >= ez) continue;  // rows outside the image do not exist
      const double* p = row(yy, zz);
      const long h = sr.half_width;
      for (long x = x0; x <= x1; ++x) {
        const long lo = std::max(x - h, 0L), hi = std::min(x + h, ex - 1);
        sum[x - x0] += p[hi + 1] - p[lo];
        count[x - x0] += hi - lo + 1;
      }
    }
  }
};

SphereSums sphere_sums(const View3<float>& image, double radius_mm) {
  SphereSums s;
  s.ex = long(image.extent[0]);
  s.ey = long(image.extent[1]);
  s.ez = long(image.extent[2]);
  const std::size_t stride = std::size_t(s.ex) + 1, lines = std::size_t(s.ey) * std::size_t(s.ez);
  s.prefix.resize(stride * lines);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, lines), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t line = r.begin(); line != r.end(); ++line) {
      const float* in = image.data + line * std::size_t(s.ex);
      double* p = s.prefix.data() + line * stride;
      p[0] = 0.0;
      for (long x = 0; x < s.ex; ++x) p[x + 1] = p[x] + double(in[x]);
    }
  });
  s.rows = sphere_rows(image.spacing, radius_mm);
  for (const SphereRow& r : s.rows) {
    s.reach_y = std::max(s.reach_y, std::abs(r.dy));
    s.reach_z = std::max(s.reach_z, std::abs(r.dz));
    s.max_half_width = std::max(s.max_half_width, r.half_width);
    s.sphere_voxels += 2 * r.half_width + 1;
  }
  return s;
}

}  // namespace

LocalIntensityPeaks local_intensity_peaks(const View3<float>& image, const View3<std::uint8_t>& mask,
                                          double radius_mm) {
  check_inputs(image, mask, radius_mm);
  const MaskLines lines = mask_lines(image, mask);
  if (!lines.any) return {};
  const SphereSums sums = sphere_sums(image, radius_mm);
  const long ex = sums.ex, ey = sums.ey;
  return tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, lines.first.size()), LocalIntensityPeaks{},
      [&](const tbb::blocked_range<std::size_t>& r, LocalIntensityPeaks best) {
        std::vector<double> sum(static_cast<std::size_t>(ex));
        std::vector<long> count(static_cast<std::size_t>(ex));
        for (std::size_t line = r.begin(); line != r.end(); ++line) {
          const long x0 = lines.first[line], x1 = lines.last[line];
          if (x1 < x0) continue;
          sums.line(long(line % std::size_t(ey)), long(line / std::size_t(ey)), x0, x1, sum.data(), count.data());
          const std::uint8_t* mrow = mask.data + line * std::size_t(ex);
          const float* irow = image.data + line * std::size_t(ex);
          for (long x = x0; x <= x1; ++x) {
            if (!mrow[x]) continue;
            const double mean = sum[std::size_t(x - x0)] / double(count[std::size_t(x - x0)]);
            best = combine(best, {irow[x] == lines.max_intensity ? mean : NAN, mean});
          }
        }
        return best;
      },
      combine);
}

LocalIntensityPeaks local_intensity_peaks_reference(const View3<float>& image, const View3<std::uint8_t>& mask,
                                                    double radius_mm) {
  check_inputs(image, mask, radius_mm);
  const long ex = long(image.extent[0]), ey = long(image.extent[1]), ez = long(image.extent[2]);
  const long rx = axis_reach(0, image.spacing, radius_mm), ry = axis_reach(1, image.spacing, radius_mm),
             rz = axis_reach(2, image.spacing, radius_mm);
  float max_intensity = -std::numeric_limits<float>::infinity();
  for (std::size_t k = 0; k < image.voxel_count(); ++k)
    if (mask.data[k]) max_intensity = std::max(max_intensity, image.data[k]);

  LocalIntensityPeaks best;
  for (long z = 0; z < ez; ++z)
    for (long y = 0; y < ey; ++y)
      for (long x = 0; x < ex; ++x) {
        if (!mask(std::size_t(x), std::size_t(y), std::size_t(z))) continue;
        double sum = 0.0;
        long count = 0;
        for (long dz = -rz; dz <= rz; ++dz)
          for (long dy = -ry; dy <= ry; ++dy)
            for (long dx = -rx; dx <= rx; ++dx) {
              const long xx = x + dx, yy = y + dy, zz = z + dz;
              if (xx < 0 || xx >= ex || yy < 0 || yy >= ey || zz < 0 || zz >= ez) continue;
              if (!in_local_sphere(dx, dy, dz, image.spacing, radius_mm)) continue;
              sum += double(image(std::size_t(xx), std::size_t(yy), std::size_t(zz)));
              ++count;
            }
        const double mean = sum / double(count);
        const bool is_max = image(std::size_t(x), std::size_t(y), std::size_t(z)) == max_intensity;
        best = combine(best, {is_max ? mean : NAN, mean});
      }
  return best;
}

}  // namespace voxfeat::kernels
