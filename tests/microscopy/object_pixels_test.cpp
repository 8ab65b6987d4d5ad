// The one-pass object collector: runs, boxes, areas, label order, contacts, and band-by-band feeding.
#include <gtest/gtest.h>

#include <random>
#include <stdexcept>

#include "microscopy/label_art.hpp"
#include "microscopy/object_mask.hpp"
#include "microscopy/object_pixels.hpp"

namespace voxfeat::kernels::microscopy {
namespace {

using test::microscopy::label_art;
using test::microscopy::LabelPlane;

ObjectTable collect(const LabelPlane& p) { return collect_objects(p.labels.data(), p.width, p.height); }

bool operator==(const RowRun& a, const RowRun& b) {
  return a.row == b.row && a.col_begin == b.col_begin && a.col_end == b.col_end;
}

TEST(ObjectPixels, RunsBoxesAndAreasInLabelOrder) {
  // Label 9 comes first in raster order but last in the table; label 2 has two parts.
  const LabelPlane p = label_art({
      "99..2",
      "9.3.2",
      "..3..",
      "2....",
  });
  const ObjectTable t = collect(p);
  ASSERT_EQ(t.objects.size(), 3u);
  EXPECT_EQ(t.width, 5);
  EXPECT_EQ(t.height, 4);
  EXPECT_EQ(t.objects[0].label, 2u);
  EXPECT_EQ(t.objects[1].label, 3u);
  EXPECT_EQ(t.objects[2].label, 9u);

  const ObjectInfo& two = t.objects[0];
  EXPECT_EQ(two.area, 3u);
  EXPECT_EQ(two.bbox.row_begin, 0);
  EXPECT_EQ(two.bbox.col_begin, 0);
  EXPECT_EQ(two.bbox.row_end, 4);
  EXPECT_EQ(two.bbox.col_end, 5);
  const auto runs2 = t.runs_of(0);
  ASSERT_EQ(runs2.size(), 3u);
  EXPECT_TRUE((runs2[0] == RowRun{0, 4, 5}));
  EXPECT_TRUE((runs2[1] == RowRun{1, 4, 5}));
  EXPECT_TRUE((runs2[2] == RowRun{3, 0, 1}));

  const auto runs3 = t.runs_of(1);
  ASSERT_EQ(runs3.size(), 2u);
  EXPECT_TRUE((runs3[0] == RowRun{1, 2, 3}));
  EXPECT_TRUE((runs3[1] == RowRun{2, 2, 3}));
  EXPECT_EQ(t.objects[1].area, 2u);

  const auto runs9 = t.runs_of(2);
  ASSERT_EQ(runs9.size(), 2u);
  EXPECT_TRUE((runs9[0] == RowRun{0, 0, 2}));
  EXPECT_TRUE((runs9[1] == RowRun{1, 0, 1}));
  // 9 and 3 meet at one corner ((0,1) and (1,2)); 2 touches nothing.
  ASSERT_EQ(t.contacts.size(), 1u);
  EXPECT_EQ(t.contacts[0], (ObjectContact{1, 2}));
}

TEST(ObjectPixels, ContactsAlongEdgesAndCornersOnly) {
  const LabelPlane p = label_art({
      "1122.",
      "11...",
      "..3..",
      "....4",
      "5...4",
  });
  const ObjectTable t = collect(p);
  ASSERT_EQ(t.objects.size(), 5u);
  // 1–2 share an edge (same row), 1–3 a corner (rows apart); 4 and 5 touch nothing, nor does 2 touch 3.
  ASSERT_EQ(t.contacts.size(), 2u);
  EXPECT_EQ(t.contacts[0], (ObjectContact{0, 1}));
  EXPECT_EQ(t.contacts[1], (ObjectContact{0, 2}));
}

TEST(ObjectPixels, BandsGiveTheSameTableAsTheWholePlane) {
  std::mt19937 rng(11);
  const std::int32_t w = 37, h = 29;
  std::vector<std::uint32_t> labels(std::size_t(w) * h);
  // Blocky random labels with large gaps between label values, so objects touch and split.
  std::uniform_int_distribution<int> pick(0, 5);
  for (std::int32_t y = 0; y < h; ++y)
    for (std::int32_t x = 0; x < w; ++x)
      labels[std::size_t(y) * w + x] = (x / 3 + y / 4) % 2 ? std::uint32_t(pick(rng)) * 1000u : 0u;
  const ObjectTable whole = collect_objects(labels.data(), w, h);
  ObjectCollector collector(w);
  for (std::int32_t y0 = 0; y0 < h; y0 += 4)
    collector.add_rows(y0, labels.data() + std::size_t(y0) * w, std::min(4, h - y0));
  const ObjectTable banded = collector.finish();
  ASSERT_EQ(banded.objects.size(), whole.objects.size());
  for (std::size_t i = 0; i < whole.objects.size(); ++i) {
    EXPECT_EQ(banded.objects[i].label, whole.objects[i].label);
    EXPECT_EQ(banded.objects[i].area, whole.objects[i].area);
    EXPECT_EQ(banded.objects[i].first_run, whole.objects[i].first_run);
    EXPECT_EQ(banded.objects[i].run_count, whole.objects[i].run_count);
  }
  ASSERT_EQ(banded.runs.size(), whole.runs.size());
  for (std::size_t i = 0; i < whole.runs.size(); ++i) EXPECT_TRUE(banded.runs[i] == whole.runs[i]);
  EXPECT_EQ(banded.contacts, whole.contacts);
  // Areas add up to the foreground.
  std::uint64_t foreground = 0, total = 0;
  for (const std::uint32_t l : labels) foreground += l != 0;
  for (const ObjectInfo& o : whole.objects) total += o.area;
  EXPECT_EQ(total, foreground);
}

TEST(ObjectPixels, RowsOutOfOrderAreRefused) {
  const std::vector<std::uint32_t> row(4, 1);
  ObjectCollector collector(4);
  collector.add_rows(0, row.data(), 1);
  EXPECT_THROW(collector.add_rows(2, row.data(), 1), std::invalid_argument);
  EXPECT_THROW(ObjectCollector(0), std::invalid_argument);
}

TEST(ObjectMask, CropsFromRunsAndLabelsWithAFrame) {
  const LabelPlane p = label_art({
      "1.2",
      "11.",
  });
  const ObjectTable t = collect(p);
  BinaryCrop mask;
  fill_object_mask(t.objects[0].bbox, t.runs_of(0), 1, mask);
  ASSERT_EQ(mask.rows, 4);
  ASSERT_EQ(mask.cols, 4);
  EXPECT_EQ(mask.row0, -1);
  EXPECT_EQ(mask.col0, -1);
  const std::vector<std::uint8_t> expected{0, 0, 0, 0,  //
                                           0, 1, 0, 0,  //
                                           0, 1, 1, 0,  //
                                           0, 0, 0, 0};
  EXPECT_EQ(mask.pixels, expected);
  // Object 2's label crop: the frame outside the plane reads 0, inside the plane the plane's labels.
  LabelCrop crop;
  fill_label_crop(p.view(), t.objects[1].bbox, 1, crop);
  ASSERT_EQ(crop.rows, 3);
  ASSERT_EQ(crop.cols, 3);
  const std::vector<std::uint32_t> labels{0, 0, 0,  //
                                          0, 2, 0,  //
                                          1, 0, 0};
  EXPECT_EQ(crop.pixels, labels);
  EXPECT_EQ(crop.at_plane(1, 1), 1u);
}

}  // namespace
}  // namespace voxfeat::kernels::microscopy
