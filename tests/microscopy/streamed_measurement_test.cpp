// The streamed measurement: each object handed out once, and bit for bit what measure_objects gives on the whole
// plane, for band heights from one row to the whole plane: objects cut by band edges, a thin object through every
// band, labels in two parts far apart, synthetic cells made band by band, the reference images read in bands.
#include <gtest/gtest.h>

#include <cstring>
#include <map>
#include <random>
#include <stdexcept>
#include <string>

#include "demo/synthetic_cells.hpp"
#include "io/microscopy/plane_reader.hpp"
#include "microscopy/label_art.hpp"
#include "microscopy/measurement_numbers.hpp"
#include "microscopy/streamed_measurement.hpp"
#include "support/test_paths.hpp"

namespace voxfeat::kernels::microscopy {
namespace {

using test::microscopy::label_art;
using test::microscopy::numbers_of;

struct Planes {
  std::int32_t width = 0, height = 0;
  std::vector<std::uint32_t> labels;
  std::vector<float> intensity;
};

BandSource band_source_of(const Planes& p) {
  return [&p](std::int32_t first_row, std::int32_t rows, std::span<std::uint32_t> labels,
              std::span<float> intensities) {
    const std::size_t begin = std::size_t(first_row) * std::size_t(p.width);
    const std::size_t n = std::size_t(rows) * std::size_t(p.width);
    std::copy_n(p.labels.begin() + std::ptrdiff_t(begin), n, labels.begin());
    if (!intensities.empty()) std::copy_n(p.intensity.begin() + std::ptrdiff_t(begin), n, intensities.begin());
  };
}

struct Streamed {
  std::map<std::uint32_t, ObjectMeasurement> by_label;
  StreamedMeasurement result;
};

Streamed stream(const BandSource& source, std::int32_t width, std::int32_t height, std::int32_t band_rows) {
  Streamed s;
  s.result = measure_streamed(source, width, height, band_rows, 15.0, [&](std::span<const LabelledMeasurement> batch) {
    EXPECT_FALSE(batch.empty());
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (i > 0) {
        EXPECT_LT(batch[i - 1].label, batch[i].label) << "labels increase within a batch";
      }
      EXPECT_TRUE(s.by_label.emplace(batch[i].label, batch[i].measurement).second)
          << "label " << batch[i].label << " handed out twice";
    }
  });
  EXPECT_EQ(s.result.labels.size(), s.by_label.size());
  EXPECT_EQ(s.result.neighbours.size(), s.result.labels.size());
  for (std::size_t i = 0; i < s.result.labels.size(); ++i)
    s.by_label.at(s.result.labels[i]).neighbours = s.result.neighbours[i];
  return s;
}

// The streamed measurements of the plane `source` gives equal those of `whole` (the same plane), bit for bit.
void expect_same_as_whole(const Planes& whole, const BandSource& source, std::int32_t band_rows) {
  SCOPED_TRACE("band rows " + std::to_string(band_rows));
  const ObjectTable table = collect_objects(whole.labels.data(), whole.width, whole.height);
  const std::vector<ObjectMeasurement> expected =
      measure_objects(table, {whole.labels.data(), whole.width, whole.height},
                      PlaneView<float>{whole.intensity.data(), whole.width, whole.height}, 15.0);
  const Streamed s = stream(source, whole.width, whole.height, band_rows);
  ASSERT_EQ(s.by_label.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const std::uint32_t label = table.objects[i].label;
    ASSERT_EQ(s.result.labels[i], label);
    const std::vector<double> a = numbers_of(expected[i]), b = numbers_of(s.by_label.at(label));
    ASSERT_EQ(a.size(), b.size());
    EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * sizeof(double)), 0) << "label " << label;
  }
}

void expect_same_for_all_band_heights(const Planes& p) {
  for (const std::int32_t band_rows : {1, 3, 64, p.height}) expect_same_as_whole(p, band_source_of(p), band_rows);
}

// Intensities that differ from pixel to pixel, so that a pixel read from the wrong row shows.
void fill_intensity(Planes& p) {
  p.intensity.resize(p.labels.size());
  for (std::size_t i = 0; i < p.intensity.size(); ++i) p.intensity[i] = float((i * 7919u) % 1009u) * 0.25f + 3.0f;
}

TEST(StreamedMeasurement, HandMadeObjectsCutByBandEdgesTallAndInTwoParts) {
  // 2: one pixel wide, through every row (and every band). 1 and 3: two parts each, far apart; both parts of 3
  // touch 2 (one contact, not two). 8 and 9: holes. 4, f: on the right edge; e, f: on the bottom.
  const test::microscopy::LabelPlane art = label_art({
      "1111..2.........",
      "1111..233.......",
      "..1...233.....44",
      ".....22.......44",
      "5.....2..6......",
      "55....2..66.....",
      "5.....2...6.77..",
      "......2....777..",
      "8888..2.....7...",
      "8..8..2.........",
      "8888..2..9999...",
      "......2..9..9...",
      "....3.2..9999...",
      "....332.........",
      "......2...aa....",
      "..bb..2...aa....",
      "..bb..2.........",
      "......2.....cc..",
      "1.....2.....cc..",
      "11....2dd.......",
      "......2dd.......",
      "ee....2.......ff",
      "ee....2......fff",
      "..............ff",
  });
  Planes p{art.width, art.height, art.labels, {}};
  fill_intensity(p);
  for (const std::int32_t band_rows : {1, 2, 3, 5, 7, 64, p.height})
    expect_same_as_whole(p, band_source_of(p), band_rows);

  const Streamed s = stream(band_source_of(p), p.width, p.height, 3);
  EXPECT_EQ(s.by_label.at(3).shape.area, 7u);  // both parts, one object
  EXPECT_EQ(s.by_label.at(3).neighbours.touching, 1u);
  EXPECT_EQ(s.by_label.at(2).shape.bbox.rows(), 23);
  // The window keeps label 1 from its first row to its last (documented): nearly every row here.
  EXPECT_GE(s.result.peak_window_rows, 19);
}

TEST(StreamedMeasurement, RandomDiscsWithLabelsInManyParts) {
  // Overlapping discs, the later on top; 150 discs share 90 labels, so many labels have parts far apart.
  Planes p;
  p.width = 300;
  p.height = 200;
  p.labels.assign(std::size_t(p.width * p.height), 0);
  std::mt19937 rng(23);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (std::uint32_t k = 0; k < 150; ++k) {
    const std::uint32_t label = 1 + (k % 90) * 3;
    const double cr = u(rng) * p.height, cc = u(rng) * p.width, radius = 1 + 10 * u(rng);
    for (std::int32_t r = 0; r < p.height; ++r)
      for (std::int32_t c = 0; c < p.width; ++c)
        if ((r - cr) * (r - cr) + (c - cc) * (c - cc) <= radius * radius)
          p.labels[std::size_t(r * p.width + c)] = label;
  }
  fill_intensity(p);
  expect_same_for_all_band_heights(p);
}

TEST(StreamedMeasurement, SyntheticCellsMadeBandByBand) {
  const detail::SyntheticCells cells(detail::SyntheticCellsSpec{600, 400, 250, 6.0, 30.0, 3});
  Planes whole{600, 400, {}, {}};
  cells.fill(whole.labels, whole.intensity);
  // The source makes each band afresh, as the 16k benchmark does: the whole plane above is only the reference.
  const BandSource source = [&](std::int32_t first_row, std::int32_t rows, std::span<std::uint32_t> labels,
                                std::span<float> intensities) {
    cells.fill_rows(first_row, rows, labels, intensities);
  };
  for (const std::int32_t band_rows : {1, 3, 64, whole.height}) expect_same_as_whole(whole, source, band_rows);
}

TEST(StreamedMeasurement, ReferenceImagesReadInBands) {
  for (const std::string name : {"cells", "shapes"}) {
    SCOPED_TRACE(name);
    const std::filesystem::path dir = test::data_dir() / "microscopy";
    const std::filesystem::path labels_file = dir / (name + "_labels.tif");
    const std::filesystem::path intensity_file = dir / (name + "_intensity.tif");
    io::microscopy::PlaneInfo info;
    Planes whole;
    whole.labels = io::microscopy::read_label_plane(labels_file, {}, &info);
    whole.intensity = io::microscopy::read_intensity_plane(intensity_file, {});
    whole.width = std::int32_t(info.width);
    whole.height = std::int32_t(info.height);
    ASSERT_EQ(whole.intensity.size(), whole.labels.size());
    auto label_reader = io::microscopy::PlaneReader::open(labels_file, {});
    auto intensity_reader = io::microscopy::PlaneReader::open(intensity_file, {});
    const BandSource source = [&](std::int32_t first_row, std::int32_t, std::span<std::uint32_t> labels,
                                  std::span<float> intensities) {
      label_reader.read_label_rows(std::size_t(first_row), labels);
      if (!intensities.empty()) intensity_reader.read_rows(std::size_t(first_row), intensities);
    };
    for (const std::int32_t band_rows : {1, 3, 64, whole.height}) expect_same_as_whole(whole, source, band_rows);
  }
}

TEST(StreamedMeasurement, WindowStaysShortOnATallPlane) {
  // 3000 rows of small discs (radius ≤ 4): the window holds a few object heights and batches, not the plane.
  Planes p;
  p.width = 64;
  p.height = 3000;
  p.labels.assign(std::size_t(p.width * p.height), 0);
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::uint32_t label = 0;
  for (std::int32_t cr = 4; cr < p.height - 4; cr += 9)
    for (std::int32_t cc = 4; cc < p.width - 4; cc += 9) {
      const double radius = 1.0 + 3.0 * u(rng);
      ++label;
      for (std::int32_t r = cr - 4; r <= cr + 4; ++r)
        for (std::int32_t c = cc - 4; c <= cc + 4; ++c)
          if ((r - cr) * (r - cr) + (c - cc) * (c - cc) <= radius * radius)
            p.labels[std::size_t(r * p.width + c)] = label;
    }
  fill_intensity(p);
  expect_same_as_whole(p, band_source_of(p), 16);
  const Streamed s = stream(band_source_of(p), p.width, p.height, 16);
  EXPECT_EQ(s.by_label.size(), label);
  // 256 objects (a batch) finish within about 256 / 6 × 9 = 384 rows; the plane has 3000.
  EXPECT_LT(s.result.peak_window_rows, 450);
  EXPECT_LE(s.result.peak_window_bytes, std::size_t(2 * 450 * 64 * 8));
}

TEST(StreamedMeasurement, EmptyPlanesAndBadArguments) {
  Planes p{8, 5, std::vector<std::uint32_t>(40, 0), std::vector<float>(40, 1.0f)};
  bool called = false;
  const StreamedMeasurement r =
      measure_streamed(band_source_of(p), p.width, p.height, 2, 5.0, [&](auto) { called = true; });
  EXPECT_FALSE(called);
  EXPECT_TRUE(r.labels.empty());
  EXPECT_THROW(measure_streamed(band_source_of(p), p.width, p.height, 0, 5.0, {}), std::invalid_argument);
  EXPECT_THROW(measure_streamed(band_source_of(p), 0, p.height, 2, 5.0, {}), std::invalid_argument);
}

TEST(StreamedMeasurement, APlaneThatChangesBetweenPassesIsRefused) {
  // The second pass sees label 2 where the first saw label 1, then nothing at all.
  for (const std::uint32_t second : {2u, 0u}) {
    int calls = 0;
    const BandSource source = [&](std::int32_t, std::int32_t, std::span<std::uint32_t> labels, std::span<float> v) {
      std::fill(labels.begin(), labels.end(), calls++ == 0 ? 1u : second);
      std::fill(v.begin(), v.end(), 1.0f);
    };
    EXPECT_THROW(measure_streamed(source, 4, 4, 4, 5.0, {}), std::runtime_error);
  }
}

}  // namespace
}  // namespace voxfeat::kernels::microscopy
