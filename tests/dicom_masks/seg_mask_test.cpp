// DICOM-SEG → mask: SEG files written with DCMTK from the IBSI GTV-1 mask read back by segment number and label,
// frames placed by position (not by order), fractional segments, the bit layout DICOM prescribes, and the refusals
// (segment absent or ambiguous, overlapping segments, another frame of reference, frames off the grid).
#include <gtest/gtest.h>

#include "ct_phantom_dicom.hpp"
#include "dcmtk/dcmdata/dcuid.h"
#include "io/dicom_mask.hpp"
#include "seg_writer.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::test {
namespace {

/// A box of voxels away from GTV-1 (checked below), as a second, disjoint segment.
const Volume<std::uint8_t>& box() {
  static const Volume<std::uint8_t> mask = [] {
    Volume<std::uint8_t> m(phantom_series().grid, 0);
    for (std::size_t k = 5; k < 15; ++k)
      for (std::size_t j = 10; j < 30; ++j)
        for (std::size_t i = 10; i < 40; ++i) m(i, j, k) = 1;
    return m;
  }();
  return mask;
}

/// GTV-1 moved `dx` voxels along x: overlaps GTV-1 for small dx.
Volume<std::uint8_t> shifted_gtv1(std::size_t dx) {
  const Volume<std::uint8_t>& gtv = ibsi_gtv1();
  Volume<std::uint8_t> m(gtv.geometry(), 0);
  const auto& n = gtv.size();
  for (std::size_t k = 0; k < n[2]; ++k)
    for (std::size_t j = 0; j < n[1]; ++j)
      for (std::size_t i = dx; i < n[0]; ++i) m(i, j, k) = gtv(i - dx, j, k);
  return m;
}

std::size_t overlap(const Volume<std::uint8_t>& a, const Volume<std::uint8_t>& b) {
  std::size_t n = 0;
  for (std::size_t v = 0; v < a.voxel_count(); ++v) n += a.data()[v] && b.data()[v];
  return n;
}

std::filesystem::path write_seg(const std::string& tag, const std::vector<SegSegment>& segments,
                                const SegOptions& options = {}) {
  const auto path = fresh_temp_dir("seg-" + tag) / "seg.dcm";
  write_phantom_seg(path, segments, options);
  return path;
}

Volume<std::uint8_t> read_seg(const std::filesystem::path& path, const std::string& segment) {
  return io::read_seg_mask(path, segment, phantom_series().grid, phantom_series().info);
}

std::string seg_error(const std::filesystem::path& path, const std::string& segment,
                      const io::DicomSeriesInfo* series = nullptr) {
  try {
    io::read_seg_mask(path, segment, phantom_series().grid, series ? *series : phantom_series().info);
  } catch (const IoError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(path.string()), std::string::npos) << "the file is not named: " << message;
    return message;
  }
  ADD_FAILURE() << "no IoError for " << path;
  return {};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::filesystem::path& two_segment_seg() {
  static const std::filesystem::path path = write_seg("two", {{"GTV-1", &ibsi_gtv1()}, {"Box", &box()}});
  return path;
}

TEST(SegMask, RoundTripByNumberAndLabel) {
  ASSERT_EQ(overlap(ibsi_gtv1(), box()), 0u);
  const auto& path = two_segment_seg();
  EXPECT_EQ(io::dicom_file_kind(path), io::DicomFileKind::seg);
  EXPECT_EQ(io::list_dicom_rois(path), (std::vector<std::string>{"1: GTV-1", "2: Box"}));
  const auto by_number = read_seg(path, "1");
  EXPECT_EQ(set_voxels(by_number), 125256u);
  EXPECT_EQ(differing_voxels(by_number, ibsi_gtv1()), 0u);
  EXPECT_EQ(read_seg(path, "GTV-1").values(), by_number.values());
  EXPECT_EQ(differing_voxels(read_seg(path, "2"), box()), 0u);
  EXPECT_EQ(read_seg(path, "Box").values(), read_seg(path, "2").values());
  EXPECT_EQ(by_number.geometry().size, phantom_series().grid.size);
}

TEST(SegMask, EmptySelectorTakesTheOnlySegment) {
  const auto path = write_seg("one", {{"GTV-1", &ibsi_gtv1()}});
  EXPECT_EQ(differing_voxels(read_seg(path, ""), ibsi_gtv1()), 0u);
}

TEST(SegMask, PixelDataFollowsTheDicomBitLayout) {
  // Checked on the raw Pixel Data, independently of DCMTK's unpacking: frames are concatenated bit streams with the
  // first pixel in the lowest bit (PS3.5 §8.1.1). 204 × 201 pixels is not a multiple of 8, so frames after the
  // first start mid-byte, which is where packing bugs would show.
  const auto path = write_seg("bits", {{"GTV-1", &ibsi_gtv1()}});
  DcmFileFormat file;
  ASSERT_TRUE(file.loadFile(path.c_str()).good());
  const Uint8* bits = nullptr;
  unsigned long bytes = 0;
  ASSERT_TRUE(file.getDataset()->findAndGetUint8Array(DCM_PixelData, bits, &bytes).good());
  const Geometry& g = phantom_series().grid;
  const std::size_t frame_pixels = g.size[0] * g.size[1];
  std::size_t frame = 0, set = 0;
  for (std::size_t k = 0; k < g.size[2]; ++k) {
    bool any = false;
    for (std::size_t p = 0; p < frame_pixels && !any; ++p) any = ibsi_gtv1().data()[k * frame_pixels + p];
    if (!any) continue;  // the writer leaves empty frames out
    for (std::size_t p = 0; p < frame_pixels; ++p) {
      const std::size_t bit = frame * frame_pixels + p;
      ASSERT_LT(bit / 8, bytes);
      const bool on = (bits[bit / 8] >> (bit % 8)) & 1;
      ASSERT_EQ(on, ibsi_gtv1().data()[k * frame_pixels + p] != 0) << "frame " << frame << " pixel " << p;
      set += on;
    }
    ++frame;
  }
  EXPECT_EQ(set, 125256u);
}

TEST(SegMask, FramesArePlacedByPosition) {
  // Every frame moved one voxel along the image's x axis (LPS x here): the mask moves with it.
  SegOptions options;
  options.position_shift = {phantom_series().grid.spacing[0], 0, 0};
  const auto path = write_seg("moved", {{"GTV-1", &ibsi_gtv1()}}, options);
  EXPECT_EQ(differing_voxels(read_seg(path, "GTV-1"), shifted_gtv1(1)), 0u);
}

TEST(SegMask, FractionalSegmentsAreCutAtHalfTheirMaximum) {
  SegOptions options;
  options.fractional = true;
  options.faint = &box();  // 127 of 255: just below half, so outside
  const auto path = write_seg("fractional", {{"GTV-1", &ibsi_gtv1()}}, options);
  EXPECT_EQ(differing_voxels(read_seg(path, "1"), ibsi_gtv1()), 0u);
}

TEST(SegMaskRefusals, EmptySelectorWithSeveralSegmentsListsThem) {
  const std::string message = seg_error(two_segment_seg(), "");
  EXPECT_TRUE(contains(message, "holds 2 segments (1: GTV-1, 2: Box)")) << message;
}

TEST(SegMaskRefusals, SegmentAbsent) {
  std::string message = seg_error(two_segment_seg(), "3");
  EXPECT_TRUE(contains(message, "no segment number 3; the file holds: 1: GTV-1, 2: Box")) << message;
  message = seg_error(two_segment_seg(), "Liver");
  EXPECT_TRUE(contains(message, "no segment labelled 'Liver'; the file holds: 1: GTV-1, 2: Box")) << message;
}

TEST(SegMaskRefusals, OverlappingSegments) {
  const Volume<std::uint8_t> moved = shifted_gtv1(3);
  const std::size_t shared = overlap(ibsi_gtv1(), moved);
  ASSERT_GT(shared, 0u);
  const auto path = write_seg("overlap", {{"GTV-1", &ibsi_gtv1()}, {"GTV-1 moved", &moved}});
  // Refused whichever segment is asked for: the file is not a label map.
  for (const std::string selector : {"1", "2"}) {
    const std::string message = seg_error(path, selector);
    EXPECT_TRUE(contains(message, "segments 1 and 2 overlap at " + std::to_string(shared) + " voxels")) << message;
  }
}

TEST(SegMaskRefusals, AnotherFrameOfReference) {
  char uid[100];
  SegOptions options;
  options.frame_of_reference_uid = dcmGenerateUniqueIdentifier(uid);
  const auto path = write_seg("for", {{"GTV-1", &ibsi_gtv1()}}, options);
  const std::string message = seg_error(path, "GTV-1");
  EXPECT_TRUE(contains(message, "references another frame of reference")) << message;
  EXPECT_FALSE(contains(message, uid)) << message;
}

TEST(SegMaskRefusals, FramesBetweenSlices) {
  SegOptions options;
  options.position_shift = {0, 0, 0.5 * phantom_series().grid.spacing[2]};
  const std::string message = seg_error(write_seg("between", {{"GTV-1", &ibsi_gtv1()}}, options), "1");
  EXPECT_TRUE(contains(message, "lies between slices")) << message;
}

TEST(SegMaskRefusals, FramesOffTheInPlaneGrid) {
  SegOptions options;
  options.position_shift = {0.5 * phantom_series().grid.spacing[0], 0, 0};
  const std::string message = seg_error(write_seg("half-voxel", {{"GTV-1", &ibsi_gtv1()}}, options), "1");
  EXPECT_TRUE(contains(message, "is not aligned with the image's voxel grid")) << message;
}

TEST(SegMaskRefusals, FramesOutsideTheSlices) {
  SegOptions options;
  options.position_shift = {0, 0, 100 * phantom_series().grid.spacing[2]};
  const std::string message = seg_error(write_seg("outside", {{"GTV-1", &ibsi_gtv1()}}, options), "1");
  EXPECT_TRUE(contains(message, "outside the image's 60 slices")) << message;
}

TEST(SegMaskRefusals, SegmentPixelsOutsideTheImage) {
  SegOptions options;
  options.position_shift = {150 * phantom_series().grid.spacing[0], 0, 0};  // frames still on the grid's lattice
  const std::string message = seg_error(write_seg("off-image", {{"GTV-1", &ibsi_gtv1()}}, options), "1");
  EXPECT_TRUE(contains(message, "segment pixels outside the image")) << message;
}

TEST(SegMaskRefusals, NotASeg) { EXPECT_TRUE(contains(seg_error(phantom_rtstruct(), "1"), "is not a DICOM-SEG")); }

}  // namespace
}  // namespace voxfeat::test
