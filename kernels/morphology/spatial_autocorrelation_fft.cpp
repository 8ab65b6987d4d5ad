#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <vector>

#include <fftw3.h>
#include <tbb/parallel_for.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include "morphology/fftw_planner_lock.hpp"
#include "morphology/spatial_autocorrelation.hpp"

namespace voxfeat::kernels::morphology {
namespace {

// Smallest even n ≥ m whose prime factors are 2, 3, 5 and 7 (sizes FFTW transforms fastest). Even, because the
// kernel spectrum is taken from a DCT-I of half the padded length.
std::size_t good_even_size(std::size_t m) {
  for (std::size_t n = std::max<std::size_t>(2, m + (m & 1));; n += 2) {
    std::size_t r = n;
    for (std::size_t p : {2, 3, 5, 7})
      while (r % p == 0) r /= p;
    if (r == 1) return n;
  }
}

struct FftwFree {
  void operator()(double* p) const { fftw_free(p); }
};
using Buffer = std::unique_ptr<double[], FftwFree>;

Buffer allocate_zeroed(std::size_t count) {
  auto* p = static_cast<double*>(fftw_malloc(sizeof(double) * count));
  if (!p) throw std::bad_alloc();
  std::memset(p, 0, sizeof(double) * count);
  return Buffer(p);
}

using Size3 = std::array<int, 3>;  // padded N0, N1, N2 (x fastest)

// The three plans one padded size needs: in-place r2c and c2r over (N2, N1, N0), and the in-place 3D DCT-I of the
// kernel octant. Executed with fftw_execute_* on other buffers of the same layout (fftw_malloc alignment).
struct Plans {
  fftw_plan forward = nullptr, inverse = nullptr, kernel = nullptr;
  Plans() = default;
  Plans(const Plans&) = delete;
  Plans& operator=(const Plans&) = delete;
  ~Plans() {
    const std::lock_guard<std::mutex> lock(fftw_planner_mutex());
    for (fftw_plan p : {forward, inverse, kernel})
      if (p) fftw_destroy_plan(p);
  }
};

// Plans are made for a padded size and a thread count (FFTW bakes the count into the plan).
using PlanKey = std::array<int, 4>;

std::shared_ptr<const Plans> plans_for(const Size3& n, int threads, double* spectrum_buffer, double* kernel_buffer) {
  static std::map<PlanKey, std::shared_ptr<const Plans>> cache;
  static std::vector<PlanKey> age;  // oldest first
  static bool threads_ready = false;
  constexpr std::size_t capacity = 8;
  const PlanKey key{n[0], n[1], n[2], threads};
  std::shared_ptr<const Plans> evicted;  // released after the lock below: its destructor takes the same mutex
  const std::lock_guard<std::mutex> lock(fftw_planner_mutex());
  if (const auto it = cache.find(key); it != cache.end()) return it->second;
  if (!threads_ready) threads_ready = fftw_init_threads() != 0;
  fftw_plan_with_nthreads(threads_ready ? threads : 1);
  auto plans = std::make_shared<Plans>();
  auto* spectrum = reinterpret_cast<fftw_complex*>(spectrum_buffer);
  plans->forward = fftw_plan_dft_r2c_3d(n[2], n[1], n[0], spectrum_buffer, spectrum, FFTW_ESTIMATE);
  plans->inverse = fftw_plan_dft_c2r_3d(n[2], n[1], n[0], spectrum, spectrum_buffer, FFTW_ESTIMATE);
  plans->kernel = fftw_plan_r2r_3d(n[2] / 2 + 1, n[1] / 2 + 1, n[0] / 2 + 1, kernel_buffer, kernel_buffer,
                                   FFTW_REDFT00, FFTW_REDFT00, FFTW_REDFT00, FFTW_ESTIMATE);
  if (!plans->forward || !plans->inverse || !plans->kernel) throw std::runtime_error("FFTW could not plan a transform");
  if (cache.size() == capacity) {
    evicted = cache[age.front()];
    cache.erase(age.front());
    age.erase(age.begin());
  }
  cache[key] = plans;
  age.push_back(key);
  return plans;
}

}  // namespace

SpatialAutocorrelation spatial_autocorrelation_fft(const View3<float>& image, const View3<std::uint8_t>& mask) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // Bounding box, count and mean of the mask's voxels (storage order: deterministic).
  std::array<std::size_t, 3> lo{mask.extent}, hi{0, 0, 0};
  std::size_t count = 0;
  double sum = 0, low = std::numeric_limits<double>::infinity(), high = -low;
  for (std::size_t k = 0; k < mask.extent[2]; ++k)
    for (std::size_t j = 0; j < mask.extent[1]; ++j)
      for (std::size_t i = 0; i < mask.extent[0]; ++i) {
        const std::size_t at = mask.index(i, j, k);
        if (!mask.data[at]) continue;
        ++count;
        sum += double(image.data[at]);
        low = std::min(low, double(image.data[at])), high = std::max(high, double(image.data[at]));
        lo = {std::min(lo[0], i), std::min(lo[1], j), std::min(lo[2], k)};
        hi = {std::max(hi[0], i + 1), std::max(hi[1], j + 1), std::max(hi[2], k + 1)};
      }
  if (count < 2 || !(high > low)) return {nan, nan};  // no pair, or 0/0 for equal intensities
  const double mean = sum / double(count);

  const std::array<std::size_t, 3> n{hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]};
  std::array<std::size_t, 3> padded{};
  for (int a = 0; a < 3; ++a) padded[std::size_t(a)] = good_even_size(2 * n[std::size_t(a)] - 1);
  if (padded[0] * padded[1] * padded[2] > std::size_t(std::numeric_limits<int>::max()))
    throw std::length_error("Moran's I / Geary's C: the ROI's bounding box is too large for one FFT");
  const std::size_t half0 = padded[0] / 2 + 1;  // complex columns of the r2c output
  const std::size_t row = 2 * half0;             // doubles per padded real row (FFTW in-place layout)
  const std::size_t total = row * padded[1] * padded[2];
  const std::array<std::size_t, 3> octant{padded[0] / 2 + 1, padded[1] / 2 + 1, padded[2] / 2 + 1};

  // One padded buffer, used twice (first for m, then for y): memory is one padded box of doubles plus the kernel
  // octant, rather than two boxes. Each transform uses FFTW's own threads instead of running both at once.
  Buffer buffer = allocate_zeroed(total);
  Buffer kernel = allocate_zeroed(octant[0] * octant[1] * octant[2]);
  const auto at = [&](std::size_t x, std::size_t y, std::size_t z) { return x + row * (y + padded[1] * z); };
  // One octant of the even kernel, offsets 0 .. n−1 per axis (zero beyond: those offsets never join two voxels).
  const auto& s = mask.spacing;
  tbb::parallel_for(std::size_t(0), n[2], [&](std::size_t dz) {
    for (std::size_t dy = 0; dy < n[1]; ++dy)
      for (std::size_t dx = 0; dx < n[0]; ++dx) {
        const double x = double(dx) * s[0], y = double(dy) * s[1], z = double(dz) * s[2];
        const double d2 = x * x + y * y + z * z;
        kernel[dx + octant[0] * (dy + octant[1] * dz)] = d2 > 0 ? 1.0 / std::sqrt(d2) : 0.0;
      }
  });

  const Size3 size{int(padded[0]), int(padded[1]), int(padded[2])};
  // As many FFTW threads as TBB may use here (the arena, capped by a global_control such as --threads).
  const int threads = std::max(
      1, std::min<int>(tbb::this_task_arena::max_concurrency(),
                       int(tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism))));
  const auto plans = plans_for(size, threads, buffer.get(), kernel.get());
  fftw_execute_r2r(plans->kernel, kernel.get(), kernel.get());

  // w ∗ f for f placed in the buffer: forward transform, times the kernel's real spectrum (frequency k and N − k
  // share a value: even kernel; the 1/(N0·N1·N2) of the unnormalised inverse is folded in), inverse transform.
  const double scale = 1.0 / (double(padded[0]) * double(padded[1]) * double(padded[2]));
  const auto convolve_in_place = [&] {
    fftw_execute_dft_r2c(plans->forward, buffer.get(), reinterpret_cast<fftw_complex*>(buffer.get()));
    tbb::parallel_for(std::size_t(0), padded[2], [&](std::size_t kz) {
      const std::size_t fz = std::min(kz, padded[2] - kz);
      for (std::size_t ky = 0; ky < padded[1]; ++ky) {
        const std::size_t fy = std::min(ky, padded[1] - ky);
        const double* kernel_row = kernel.get() + octant[0] * (fy + octant[1] * fz);
        double* b_row = buffer.get() + row * (ky + padded[1] * kz);
        for (std::size_t kx = 0; kx < half0; ++kx) {
          const double w = kernel_row[kx] * scale;
          b_row[2 * kx] *= w, b_row[2 * kx + 1] *= w;
        }
      }
    });
    fftw_execute_dft_c2r(plans->inverse, reinterpret_cast<fftw_complex*>(buffer.get()), buffer.get());
  };
  // Places the mask (centred = false) or the mean-centred masked intensities (true) into the zeroed buffer.
  const auto fill = [&](bool centred) {
    std::memset(buffer.get(), 0, sizeof(double) * total);
    for (std::size_t k = 0; k < n[2]; ++k)
      for (std::size_t j = 0; j < n[1]; ++j)
        for (std::size_t i = 0; i < n[0]; ++i) {
          const std::size_t src = mask.index(lo[0] + i, lo[1] + j, lo[2] + k);
          if (mask.data[src]) buffer[at(i, j, k)] = centred ? double(image.data[src]) - mean : 1.0;
        }
  };

  // Pair sums over the mask's voxels, per z-slice then in slice order (deterministic for any thread count).
  struct Sums {
    double w = 0, moran = 0, squares_weighted = 0, squares = 0;
  };
  std::vector<Sums> slices(n[2]);
  const auto reduce = [&](bool centred) {
    tbb::parallel_for(std::size_t(0), n[2], [&](std::size_t k) {
      Sums& acc = slices[k];
      for (std::size_t j = 0; j < n[1]; ++j)
        for (std::size_t i = 0; i < n[0]; ++i) {
          const std::size_t src = mask.index(lo[0] + i, lo[1] + j, lo[2] + k);
          if (!mask.data[src]) continue;
          const double y = double(image.data[src]) - mean;
          const double convolved = buffer[at(i, j, k)];
          if (centred) {
            acc.moran += y * convolved;  // Σ_a y_a (w∗y)(a)
          } else {
            acc.w += convolved;  // Σ_a (w∗m)(a) = Σ_{a≠b} w_ab
            acc.squares_weighted += y * y * convolved;
            acc.squares += y * y;
          }
        }
    });
  };
  fill(false);
  convolve_in_place();
  reduce(false);
  fill(true);
  convolve_in_place();
  reduce(true);
  Sums total_sums;
  for (const Sums& t : slices) {
    total_sums.w += t.w, total_sums.moran += t.moran;
    total_sums.squares_weighted += t.squares_weighted, total_sums.squares += t.squares;
  }
  if (!(total_sums.squares > 0)) return {nan, nan};
  const double geary_sum = 2.0 * total_sums.squares_weighted - 2.0 * total_sums.moran;
  return {double(count) / total_sums.w * total_sums.moran / total_sums.squares,
          double(count - 1) / (2.0 * total_sums.w) * geary_sum / total_sums.squares};
}

}  // namespace voxfeat::kernels::morphology
