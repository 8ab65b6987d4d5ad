// The parallel driver: same results for any thread count, the intensity parts optional, sizes checked.
#include <gtest/gtest.h>

#include <tbb/global_control.h>

#include <cstring>
#include <random>
#include <stdexcept>

#include "microscopy/measurement_numbers.hpp"
#include "microscopy/object_measurements.hpp"

namespace voxfeat::kernels::microscopy {
namespace {

using test::microscopy::numbers_of;

struct Planes {
  std::int32_t width = 300, height = 200;
  std::vector<std::uint32_t> labels;
  std::vector<float> intensity;
};

// Seeded overlapping discs and noise.
Planes random_planes() {
  Planes p;
  p.labels.assign(std::size_t(p.width * p.height), 0);
  p.intensity.resize(p.labels.size());
  std::mt19937 rng(17);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (std::uint32_t label = 1; label <= 120; ++label) {
    const double cr = u(rng) * p.height, cc = u(rng) * p.width, radius = 2 + 10 * u(rng);
    for (std::int32_t r = 0; r < p.height; ++r)
      for (std::int32_t c = 0; c < p.width; ++c)
        if ((r - cr) * (r - cr) + (c - cc) * (c - cc) <= radius * radius)
          p.labels[std::size_t(r * p.width + c)] = label * 3;
  }
  for (auto& v : p.intensity) v = float(100.0 + 50.0 * u(rng));
  return p;
}

std::vector<ObjectMeasurement> measure(const Planes& p, std::size_t threads, bool with_intensity) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  const ObjectTable t = collect_objects(p.labels.data(), p.width, p.height);
  std::optional<PlaneView<float>> intensity;
  if (with_intensity) intensity = PlaneView<float>{p.intensity.data(), p.width, p.height};
  return measure_objects(t, {p.labels.data(), p.width, p.height}, intensity, 15.0);
}

TEST(ObjectMeasurements, ThreadCountDoesNotChangeABit) {
  const Planes p = random_planes();
  const auto one = measure(p, 1, true), four = measure(p, 4, true);
  ASSERT_EQ(one.size(), four.size());
  ASSERT_GT(one.size(), 50u);
  for (std::size_t i = 0; i < one.size(); ++i) {
    const std::vector<double> a = numbers_of(one[i]), b = numbers_of(four[i]);
    // Bit for bit, NaN included: each object is computed by one thread, whichever it is.
    EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * sizeof(double)), 0) << i;
  }
}

TEST(ObjectMeasurements, IntensityIsOptionalAndSizesAreChecked) {
  const Planes p = random_planes();
  const auto with = measure(p, 2, true), without = measure(p, 2, false);
  ASSERT_EQ(with.size(), without.size());
  for (std::size_t i = 0; i < with.size(); ++i) {
    EXPECT_EQ(with[i].shape.perimeter, without[i].shape.perimeter);
    EXPECT_EQ(with[i].neighbours.touching, without[i].neighbours.touching);
    EXPECT_EQ(without[i].intensity.all.count, 0u);
    EXPECT_EQ(with[i].intensity.all.count, with[i].shape.area);
  }
  const ObjectTable t = collect_objects(p.labels.data(), p.width, p.height);
  EXPECT_THROW(measure_objects(t, {p.labels.data(), p.width, p.height - 1}, std::nullopt, 1.0), std::invalid_argument);
}

}  // namespace
}  // namespace voxfeat::kernels::microscopy
