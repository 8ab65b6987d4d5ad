// RTSTRUCT → mask on the IBSI CT phantom: the GTV-1 ROI against the NIfTI mask IBSI made from the same RTSTRUCT,
// ROI selection, and the refusals (ROI absent, another frame of reference or series, empty contours, contours off
// the slices), each naming the file.
#include <gtest/gtest.h>

#include <functional>
#include <sstream>

#include "ct_phantom_dicom.hpp"
#include "dcmtk/dcmdata/dcuid.h"
#include "io/dicom_mask.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::test {
namespace {

const Volume<std::uint8_t>& gtv1() {
  static const Volume<std::uint8_t> mask =
      io::read_rtstruct_mask(phantom_rtstruct(), "GTV-1", phantom_series().grid, phantom_series().info);
  return mask;
}

// IBSI made tests/data/ct_phantom/nifti/mask/mask.nii.gz from this RTSTRUCT (IBSI 1 reference data set). The two
// agree voxel for voxel: 125256 voxels each, 0 differing. The agreement does not hinge on how ties are broken: of
// the contours' ~8000 row crossings, 9 lie within 1e-3 voxel of a voxel centre but none closer than 4.9e-6 voxel,
// so every exact crossing-number rasteriser decides them alike. Hence the bound: exactly 0 differing voxels.
TEST(RtstructMask, Gtv1MatchesIbsiNiftiMaskExactly) {
  const Volume<std::uint8_t>& ibsi = ibsi_gtv1();
  EXPECT_EQ(set_voxels(ibsi), 125256u);
  EXPECT_EQ(set_voxels(gtv1()), 125256u);
  EXPECT_EQ(differing_voxels(gtv1(), ibsi), 0u);
  EXPECT_EQ(gtv1().geometry().size, phantom_series().grid.size);
}

TEST(RtstructMask, EmptyNameTakesTheOnlyRoi) {
  const PhantomSeries& series = phantom_series();
  EXPECT_EQ(io::read_rtstruct_mask(phantom_rtstruct(), "", series.grid, series.info).values(), gtv1().values());
  EXPECT_EQ(io::list_dicom_rois(phantom_rtstruct()), std::vector<std::string>{"GTV-1"});
}

TEST(RtstructMask, UnknownSeriesFieldsAreNotChecked) {
  // A caller with a converted (NIfTI) image knows no UIDs: the references cannot be checked, the geometry still is.
  EXPECT_EQ(io::read_rtstruct_mask(phantom_rtstruct(), "GTV-1", phantom_series().grid, {}).values(), gtv1().values());
}

/// The IoError message of read_rtstruct_mask on `file`, with `series` (default: the phantom's); fails the test when
/// nothing is thrown or the message does not name the file.
std::string rtstruct_error(const std::filesystem::path& file, const std::string& roi = "GTV-1",
                           const io::DicomSeriesInfo* series = nullptr) {
  try {
    io::read_rtstruct_mask(file, roi, phantom_series().grid, series ? *series : phantom_series().info);
  } catch (const IoError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(file.string()), std::string::npos) << "the file is not named: " << message;
    return message;
  }
  ADD_FAILURE() << "no IoError for " << file;
  return {};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// A copy of the phantom's RTSTRUCT with `edit` applied to contour item `contour` (0-based) of GTV-1.
std::filesystem::path rtstruct_with_contour_edit(const std::string& tag, std::size_t contour,
                                                 const std::function<void(DcmItem&)>& edit) {
  const auto path = fresh_temp_dir("rtstruct-" + tag) / "rs.dcm";
  write_modified_copy(phantom_rtstruct(), path, [&](DcmDataset& ds) {
    DcmItem* roi = nullptr;
    DcmItem* item = nullptr;
    ASSERT_TRUE(ds.findAndGetSequenceItem(DCM_ROIContourSequence, roi, 0).good());
    ASSERT_TRUE(roi->findAndGetSequenceItem(DCM_ContourSequence, item, long(contour)).good());
    edit(*item);
  });
  return path;
}

std::vector<double> contour_data(DcmItem& item) {
  std::vector<double> values;
  Float64 v = 0;
  for (unsigned long n = 0; item.findAndGetFloat64(DCM_ContourData, v, n).good(); ++n) values.push_back(v);
  return values;
}

void set_contour_data(DcmItem& item, const std::vector<double>& values) {
  std::ostringstream text;
  text.precision(12);
  for (std::size_t n = 0; n < values.size(); ++n) text << (n ? "\\" : "") << values[n];
  ASSERT_TRUE(item.putAndInsertString(DCM_ContourData, text.str().c_str()).good());
  ASSERT_TRUE(item.putAndInsertString(DCM_NumberOfContourPoints, std::to_string(values.size() / 3).c_str()).good());
}

TEST(RtstructMaskRefusals, RoiNameAbsentListsTheNamesPresent) {
  const std::string message = rtstruct_error(phantom_rtstruct(), "GTV-2");
  EXPECT_TRUE(contains(message, "no ROI named 'GTV-2'")) << message;
  EXPECT_TRUE(contains(message, "GTV-1")) << message;
}

TEST(RtstructMaskRefusals, StructureSetOnAnotherFrameOfReference) {
  const auto path = fresh_temp_dir("rtstruct-for") / "rs.dcm";
  char uid[100];
  dcmGenerateUniqueIdentifier(uid);
  write_modified_copy(phantom_rtstruct(), path, [&](DcmDataset& ds) {
    DcmItem* item = nullptr;
    ASSERT_TRUE(ds.findAndGetSequenceItem(DCM_ReferencedFrameOfReferenceSequence, item, 0).good());
    ASSERT_TRUE(item->putAndInsertString(DCM_FrameOfReferenceUID, uid).good());
    ASSERT_TRUE(ds.findAndGetSequenceItem(DCM_StructureSetROISequence, item, 0).good());
    ASSERT_TRUE(item->putAndInsertString(DCM_ReferencedFrameOfReferenceUID, uid).good());
  });
  const std::string message = rtstruct_error(path);
  EXPECT_TRUE(contains(message, "references another frame of reference")) << message;
  EXPECT_FALSE(contains(message, uid)) << "UIDs identify the study and stay out of messages: " << message;
  EXPECT_FALSE(contains(message, phantom_series().info.frame_of_reference_uid)) << message;
}

TEST(RtstructMaskRefusals, SeriesOnAnotherFrameOfReferenceOrAnotherSeries) {
  io::DicomSeriesInfo other = phantom_series().info;
  other.frame_of_reference_uid = "1.2.3.4";
  EXPECT_TRUE(contains(rtstruct_error(phantom_rtstruct(), "GTV-1", &other), "another frame of reference"));
  other = phantom_series().info;
  other.series_instance_uid = "1.2.3.5";
  const std::string message = rtstruct_error(phantom_rtstruct(), "GTV-1", &other);
  EXPECT_TRUE(contains(message, "references another image series")) << message;
  EXPECT_FALSE(contains(message, "1.2.3.5")) << message;
}

TEST(RtstructMaskRefusals, ContourWithTwoPointsIsEmpty) {
  const auto path = rtstruct_with_contour_edit("two-points", 2, [](DcmItem& item) {
    std::vector<double> data = contour_data(item);
    data.resize(6);
    set_contour_data(item, data);
  });
  const std::string message = rtstruct_error(path);
  EXPECT_TRUE(contains(message, "contour 3 is an empty contour")) << message;
}

TEST(RtstructMaskRefusals, ContourWithNoPointsIsEmpty) {
  const auto path = rtstruct_with_contour_edit("no-points", 0, [](DcmItem& item) { set_contour_data(item, {}); });
  EXPECT_TRUE(contains(rtstruct_error(path), "contour 1 is an empty contour"));
}

TEST(RtstructMaskRefusals, PointCountDisagreeingWithContourData) {
  const auto path = rtstruct_with_contour_edit(
      "count", 0, [](DcmItem& item) { ASSERT_TRUE(item.putAndInsertString(DCM_NumberOfContourPoints, "0").good()); });
  EXPECT_TRUE(contains(rtstruct_error(path), "ContourData values for 0 points"));
}

TEST(RtstructMaskRefusals, RoiWithoutContours) {
  const auto path = fresh_temp_dir("rtstruct-no-contours") / "rs.dcm";
  write_modified_copy(phantom_rtstruct(), path, [](DcmDataset& ds) {
    DcmItem* roi = nullptr;
    ASSERT_TRUE(ds.findAndGetSequenceItem(DCM_ROIContourSequence, roi, 0).good());
    ASSERT_TRUE(roi->findAndDeleteElement(DCM_ContourSequence).good());
  });
  EXPECT_TRUE(contains(rtstruct_error(path), "ROI 'GTV-1' has no closed contours"));
}

TEST(RtstructMaskRefusals, ContourBetweenSlices) {
  const auto path = rtstruct_with_contour_edit("between", 4, [](DcmItem& item) {
    std::vector<double> data = contour_data(item);
    for (std::size_t v = 2; v < data.size(); v += 3) data[v] += 1.5;  // half the phantom's 3 mm slice spacing
    set_contour_data(item, data);
  });
  const std::string message = rtstruct_error(path);
  EXPECT_TRUE(contains(message, "contour 5 at z = ")) << message;
  EXPECT_TRUE(contains(message, "lies between slices")) << message;
}

TEST(RtstructMaskRefusals, OpenContour) {
  const auto path = rtstruct_with_contour_edit("open", 1, [](DcmItem& item) {
    ASSERT_TRUE(item.putAndInsertString(DCM_ContourGeometricType, "OPEN_PLANAR").good());
  });
  EXPECT_TRUE(contains(rtstruct_error(path), "contour 2 is OPEN_PLANAR; only closed planar contours"));
}

TEST(RtstructMask, PointContoursAreSkipped) {
  const auto path = rtstruct_with_contour_edit("point", 0, [](DcmItem& item) {
    std::vector<double> data = contour_data(item);
    data.resize(3);
    set_contour_data(item, data);
    ASSERT_TRUE(item.putAndInsertString(DCM_ContourGeometricType, "POINT").good());
  });
  const auto mask = io::read_rtstruct_mask(path, "GTV-1", phantom_series().grid, phantom_series().info);
  EXPECT_LT(set_voxels(mask), set_voxels(gtv1()));  // the marker's slice lost its polygon
  for (std::size_t v = 0; v < mask.voxel_count(); ++v) ASSERT_LE(mask.data()[v], gtv1().data()[v]);
}

TEST(RtstructMaskRefusals, NotAnRtstruct) {
  const auto slice = phantom_series().slice_files.front();
  EXPECT_TRUE(contains(rtstruct_error(slice), "is not a DICOM RTSTRUCT"));
  EXPECT_TRUE(contains(rtstruct_error(phantom_dicom_dir() / "missing.dcm"), "file does not exist"));
}

}  // namespace
}  // namespace voxfeat::test
