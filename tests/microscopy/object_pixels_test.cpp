// The one-pass object collector: runs, boxes, areas, label order, contacts, and band-by-band feeding.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
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

TEST(ObjectPixels, ObjectsLeaveOnceOutOfReachWithEachContactOnce) {
  const LabelPlane p = label_art({
      "112.",
      "11.2",
      "...2",
      "3...",
  });
  ObjectCollector collector(p.width);
  const auto row = [&](std::int32_t r) { collector.add_rows(r, p.labels.data() + std::size_t(r * p.width), 1); };
  row(0);
  row(1);
  EXPECT_TRUE(collector.take_finished().table.objects.empty());  // 1 and 2 both reach the newest row
  row(2);
  FinishedObjects first = collector.take_finished();
  ASSERT_EQ(first.table.objects.size(), 1u);
  EXPECT_EQ(first.table.objects[0].label, 1u);
  EXPECT_EQ(first.table.objects[0].area, 4u);
  EXPECT_EQ(first.table.runs.size(), 2u);
  // 1–2 is handed out with 1, the first to leave, although 2 is still open.
  ASSERT_EQ(first.contacts.size(), 1u);
  EXPECT_EQ(first.contacts[0], (LabelContact{1, 2}));
  EXPECT_EQ(collector.first_open_row(), 0);  // 2 starts in row 0
  row(3);
  FinishedObjects second = collector.take_finished();
  ASSERT_EQ(second.table.objects.size(), 1u);
  EXPECT_EQ(second.table.objects[0].label, 2u);
  EXPECT_TRUE(second.contacts.empty());  // 1–2 came out already
  EXPECT_EQ(collector.first_open_row(), 3);
  EXPECT_EQ(collector.open_objects(), 1u);
  const FinishedObjects rest = collector.take_all();
  ASSERT_EQ(rest.table.objects.size(), 1u);
  EXPECT_EQ(rest.table.objects[0].label, 3u);
  EXPECT_EQ(collector.open_objects(), 0u);
  EXPECT_EQ(collector.first_open_row(), INT32_MAX);
}

TEST(ObjectPixels, AHeldLabelJoinsItsLaterParts) {
  const LabelPlane p = label_art({
      "1..",
      "...",
      "...",
      "1.2",
  });
  ObjectCollector collector(p.width);
  const auto hold_one = [](std::uint32_t label) { return label == 1; };
  for (std::int32_t r = 0; r < 3; ++r) {
    collector.add_rows(r, p.labels.data() + std::size_t(r * p.width), 1);
    EXPECT_TRUE(collector.take_finished(hold_one).table.objects.empty());
  }
  collector.add_rows(3, p.labels.data() + 9, 1);
  const ObjectTable t = collector.finish();
  ASSERT_EQ(t.objects.size(), 2u);
  EXPECT_EQ(t.objects[0].area, 2u);
  EXPECT_EQ(t.objects[0].bbox.rows(), 4);
  EXPECT_EQ(t.objects[0].run_count, 2u);
}

TEST(ObjectPixels, TakingFinishedObjectsBandByBandGivesTheWholeTable) {
  std::mt19937 rng(29);
  const std::int32_t w = 41, h = 53;
  std::vector<std::uint32_t> labels(std::size_t(w) * h);
  // Blocky random labels from a few values: objects touch, and most labels come back far below (held).
  std::uniform_int_distribution<int> pick(0, 12);
  for (std::int32_t y = 0; y < h; ++y)
    for (std::int32_t x = 0; x < w; ++x)
      labels[std::size_t(y) * w + x] = (x / 3 + y / 4) % 2 ? std::uint32_t(pick(rng)) * 7u : 0u;
  std::map<std::uint32_t, std::int32_t> last_row;
  for (std::int32_t y = 0; y < h; ++y)
    for (std::int32_t x = 0; x < w; ++x)
      if (labels[std::size_t(y) * w + x] != 0) last_row[labels[std::size_t(y) * w + x]] = y;
  const ObjectTable whole = collect_objects(labels.data(), w, h);
  std::set<LabelContact> whole_contacts;
  for (const ObjectContact& c : whole.contacts)
    whole_contacts.insert({whole.objects[c[0]].label, whole.objects[c[1]].label});

  for (const std::int32_t band : {1, 4, h}) {
    SCOPED_TRACE(band);
    ObjectCollector collector(w);
    std::map<std::uint32_t, std::pair<ObjectInfo, std::vector<RowRun>>> seen;
    std::multiset<LabelContact> contacts;
    const auto keep = [&](const FinishedObjects& f) {
      for (std::size_t i = 0; i < f.table.objects.size(); ++i) {
        const auto runs = f.table.runs_of(i);
        EXPECT_TRUE(seen.emplace(f.table.objects[i].label,
                                 std::pair{f.table.objects[i], std::vector<RowRun>(runs.begin(), runs.end())})
                        .second);
      }
      contacts.insert(f.contacts.begin(), f.contacts.end());
    };
    for (std::int32_t y0 = 0; y0 < h; y0 += band) {
      const std::int32_t rows = std::min(band, h - y0), newest = y0 + rows - 1;
      collector.add_rows(y0, labels.data() + std::size_t(y0) * w, rows);
      keep(collector.take_finished([&](std::uint32_t label) { return last_row.at(label) > newest; }));
    }
    keep(collector.take_all());
    ASSERT_EQ(seen.size(), whole.objects.size());
    for (std::size_t i = 0; i < whole.objects.size(); ++i) {
      const auto& [info, runs] = seen.at(whole.objects[i].label);
      EXPECT_EQ(info.area, whole.objects[i].area);
      EXPECT_EQ(info.bbox.row_begin, whole.objects[i].bbox.row_begin);
      EXPECT_EQ(info.bbox.row_end, whole.objects[i].bbox.row_end);
      EXPECT_EQ(info.bbox.col_begin, whole.objects[i].bbox.col_begin);
      EXPECT_EQ(info.bbox.col_end, whole.objects[i].bbox.col_end);
      const auto expected = whole.runs_of(i);
      ASSERT_EQ(runs.size(), expected.size());
      for (std::size_t k = 0; k < runs.size(); ++k) EXPECT_TRUE(runs[k] == expected[k]);
    }
    // Each pair exactly once over all batches.
    EXPECT_EQ(contacts.size(), whole_contacts.size());
    EXPECT_EQ(std::set<LabelContact>(contacts.begin(), contacts.end()), whole_contacts);
  }
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
