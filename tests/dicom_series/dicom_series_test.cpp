// DICOM image series reader: the IBSI CT phantom read from its 60 DICOM slices equals the same image as NIfTI
// (geometry and every voxel), file names and order do not matter, non-image objects are ignored, and each broken
// series (two series, a missing slice, uneven spacing, mixed orientation, a forbidden modality, a corrupt file, no
// DICOM at all) is refused with the folder or file and the problem named.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <random>
#include <set>
#include <vector>

#include "dicom_series/phantom_copy.hpp"
#include "io/dicom_series.hpp"
#include "io/image_reader.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::test {
namespace {

/// Passes when `text` holds `part`; prints the whole message otherwise.
::testing::AssertionResult contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << text << "' does not mention '" << part << "'";
}

/// The message of the IoError that `read` throws; fails the test when it throws nothing.
template <class F>
std::string io_error_of(F&& read) {
  try {
    read();
  } catch (const IoError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no IoError thrown";
  return {};
}

std::string error_reading(const std::filesystem::path& folder, const std::string& uid = {},
                          const std::vector<std::string>& modalities = {}) {
  return io_error_of([&] { (void)io::read_dicom_series(folder, uid, modalities); });
}

/// Geometry and voxels of two reads of the same series are identical (same files, so exactly).
void expect_same_volume(const Volume<float>& a, const Volume<float>& b) {
  EXPECT_EQ(a.size(), b.size());
  EXPECT_EQ(a.geometry().spacing, b.geometry().spacing);
  EXPECT_EQ(a.geometry().origin, b.geometry().origin);
  EXPECT_EQ(a.geometry().direction, b.geometry().direction);
  EXPECT_TRUE(a.values() == b.values());
}

const io::DicomSeries& phantom() {
  static const io::DicomSeries series = io::read_dicom_series(phantom_series_dir());
  return series;
}

TEST(DicomSeries, PhantomEqualsItsNifti) {
  const auto start = std::chrono::steady_clock::now();
  const io::DicomSeries dicom = io::read_dicom_series(phantom_series_dir());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("read 60 DICOM slices in %.3f s\n", seconds);
  RecordProperty("read_seconds", std::to_string(seconds));
  // Requirement: well under a second for 60 slices; 1 s leaves room for a loaded 2-core machine.
  EXPECT_LT(seconds, 1.0);

  const Volume<float> nifti = io::read_image(data_dir() / "ct_phantom" / "nifti" / "image" / "phantom.nii.gz");
  const Geometry& d = dicom.image.geometry();
  const Geometry& n = nifti.geometry();
  ASSERT_EQ(d.size, n.size);
  EXPECT_EQ(d.size, (Index3{204, 201, 60}));
  for (int a = 0; a < 3; ++a) {
    // NIfTI keeps spacing as float32 (0.977 → 0.97699999809), DICOM as DS text: 1e-4 mm covers both roundings.
    EXPECT_NEAR(d.spacing[a], n.spacing[a], 1e-4) << "axis " << a;
    // The NIfTI origin passes through float32 quaternion/affine fields: 1e-3 mm covers it.
    EXPECT_NEAR(d.origin[a], n.origin[a], 1e-3) << "axis " << a;
  }
  for (int i = 0; i < 9; ++i) EXPECT_NEAR(d.direction[i], n.direction[i], 1e-3) << "direction[" << i << "]";
  // The phantom is axial, head-first supine: LPS identity, origin at the lowest slice (z = -100.4 mm).
  EXPECT_NEAR(d.origin[2], -100.4, 1e-3);
  EXPECT_NEAR(d.spacing[2], 3.0, 1e-6);

  // The NIfTI holds float32 copies of the same integers (stored value − 1000 HU); after rounding every voxel must
  // match, and since both are exact integers the raw difference should be 0 too (reported, not required).
  double max_difference = 0.0;
  std::size_t rounded_mismatches = 0;
  for (std::size_t i = 0; i < nifti.voxel_count(); ++i) {
    const float a = dicom.image.data()[i], b = nifti.data()[i];
    max_difference = std::max(max_difference, double(std::abs(a - b)));
    if (std::nearbyint(a) != std::nearbyint(b)) ++rounded_mismatches;
  }
  std::printf("max |DICOM - NIfTI| = %g over %zu voxels; %zu differ after rounding\n", max_difference,
              nifti.voxel_count(), rounded_mismatches);
  RecordProperty("max_abs_difference", std::to_string(max_difference));
  EXPECT_EQ(rounded_mismatches, 0u);
  const auto [lo, hi] = std::minmax_element(dicom.image.values().begin(), dicom.image.values().end());
  // IBSI diagnostic values of the phantom (tests/data/ct_phantom/README.md): min -1000, max 3065 HU.
  EXPECT_EQ(*lo, -1000.0f);
  EXPECT_EQ(*hi, 3065.0f);

  EXPECT_EQ(dicom.info.modality, "CT");
  EXPECT_FALSE(dicom.info.series_instance_uid.empty());
  EXPECT_FALSE(dicom.info.study_instance_uid.empty());
  EXPECT_FALSE(dicom.info.frame_of_reference_uid.empty());
  ASSERT_EQ(dicom.info.sop_instance_uids.size(), 60u);
  const std::set<std::string> distinct(dicom.info.sop_instance_uids.begin(), dicom.info.sop_instance_uids.end());
  EXPECT_EQ(distinct.size(), 60u);
  EXPECT_EQ(distinct.count(""), 0u);
}

TEST(DicomSeries, ListsAndRecognisesByContent) {
  EXPECT_EQ(io::list_dicom_series(phantom_series_dir()),
            std::vector<std::string>{phantom().info.series_instance_uid});
  EXPECT_TRUE(io::is_dicom_directory(phantom_series_dir()));
  EXPECT_TRUE(io::is_dicom_directory(data_dir() / "ct_phantom" / "dicom" / "mask"));  // an RTSTRUCT is DICOM
  EXPECT_FALSE(io::is_dicom_directory(data_dir() / "ct_phantom" / "nifti" / "image"));
  EXPECT_FALSE(io::is_dicom_directory(phantom_series_dir() / phantom_slice_name(0)));  // a file, not a folder
  // The RTSTRUCT's folder holds no image series.
  EXPECT_TRUE(io::list_dicom_series(data_dir() / "ct_phantom" / "dicom" / "mask").empty());
}

TEST(DicomSeries, FileNamesAndOrderDoNotMatter) {
  TempFolder dir("dicom-shuffled");
  std::vector<int> slices(60);
  for (int i = 0; i < 60; ++i) slices[std::size_t(i)] = i;
  std::shuffle(slices.begin(), slices.end(), std::mt19937(20240607));
  // New names that sort in the shuffled order and say nothing of DICOM, plus strangers that must be ignored:
  // the RTSTRUCT, a text file, and a file whose name claims DICOM but whose content is not.
  for (std::size_t k = 0; k < slices.size(); ++k)
    std::filesystem::copy_file(phantom_series_dir() / phantom_slice_name(slices[k]),
                               dir.path() / std::to_string(100000 + k));
  std::filesystem::copy_file(data_dir() / "ct_phantom" / "dicom" / "mask" / "DCM_RS_00060.dcm",
                             dir.path() / "structures");
  // Five slices as bare data sets, without preamble or meta header, as old exports write them.
  for (std::size_t k = 0; k < 5; ++k) {
    const auto path = dir.path() / std::to_string(100000 + k);
    DcmFileFormat file;
    ASSERT_TRUE(file.loadFile(path.c_str()).good());
    ASSERT_TRUE(file.loadAllDataIntoMemory().good());  // saved over its own file: see edit_dicom
    ASSERT_TRUE(file.getDataset()->saveFile(path.c_str(), EXS_LittleEndianImplicit).good());
  }
  std::ofstream(dir.path() / "README.txt") << "exported by a PACS\n";
  std::ofstream(dir.path() / "fake.dcm") << "not a DICOM file at all";

  const io::DicomSeries shuffled = io::read_dicom_series(dir.path());
  expect_same_volume(shuffled.image, phantom().image);
  EXPECT_EQ(shuffled.info.sop_instance_uids, phantom().info.sop_instance_uids);
  EXPECT_EQ(io::list_dicom_series(dir.path()).size(), 1u);
}

TEST(DicomSeries, SingleSliceTakesSliceThicknessAsSpacing) {
  TempFolder dir("dicom-single");
  copy_phantom_slices(dir.path(), 59, 59);
  const io::DicomSeries one = io::read_dicom_series(dir.path());
  EXPECT_EQ(one.image.size(), (Index3{204, 201, 1}));
  EXPECT_DOUBLE_EQ(one.image.geometry().spacing[2], 3.0);
  EXPECT_EQ(one.image.geometry().origin, phantom().image.geometry().origin);
  EXPECT_TRUE(std::equal(one.image.values().begin(), one.image.values().end(), phantom().image.values().begin()));
}

TEST(DicomSeries, RescalePerSliceAndStoredBits) {
  TempFolder dir("dicom-rescale");
  copy_phantom_slices(dir.path(), 57, 59);
  // Slice 58 gets its own slope, and signed 12-bit pixels: 0x0FFF is -1, and bits above the 12 stored ones
  // (old overlay planes) are not part of the value.
  edit_dicom(dir.path() / phantom_slice_name(58), [](DcmDataset& ds) {
    const Uint16* stored = nullptr;
    unsigned long count = 0;
    ASSERT_TRUE(ds.findAndGetUint16Array(DCM_PixelData, stored, &count).good());
    std::vector<Uint16> pixels(stored, stored + count);
    pixels[0] = 0x0FFF;
    pixels[1] = 0xF005;
    ASSERT_TRUE(ds.putAndInsertUint16Array(DCM_PixelData, pixels.data(), count).good());
    ASSERT_TRUE(ds.putAndInsertUint16(DCM_PixelRepresentation, 1).good());
    put(ds, DCM_RescaleSlope, "2");
  });
  const io::DicomSeries series = io::read_dicom_series(dir.path());
  ASSERT_EQ(series.image.size()[2], 3u);
  // z order: 59, 58, 57. The phantom's own slice 58 is at z index 1 of the full series.
  const Volume<float>& full = phantom().image;
  EXPECT_EQ(series.image(0, 0, 1), -1.0f * 2 - 1000);
  EXPECT_EQ(series.image(1, 0, 1), 5.0f * 2 - 1000);
  for (std::size_t x = 2; x < 204; x += 7)
    for (std::size_t y = 0; y < 201; y += 5) {
      const float stored = full(x, y, 1) + 1000;  // 0..4065; as signed 12-bit, 2048 and up are negative
      ASSERT_EQ(series.image(x, y, 1), (stored >= 2048 ? stored - 4096 : stored) * 2 - 1000) << x << "," << y;
    }
  EXPECT_EQ(series.image(0, 0, 0), full(0, 0, 0));
  EXPECT_EQ(series.image(0, 0, 2), full(0, 0, 2));
}

TEST(DicomSeries, NonSquarePixelsAndCoronalStack) {
  // PixelSpacing is (between rows, between columns): x takes the second value. The phantom's pixels are square,
  // so the convention is checked here on a coronal three-slice stack whose slices step along +y.
  TempFolder dir("dicom-coronal");
  copy_phantom_slices(dir.path(), 0, 2);
  for (int i = 0; i < 3; ++i)
    edit_dicom(dir.path() / phantom_slice_name(i), [&](DcmDataset& ds) {
      put(ds, DCM_PixelSpacing, "0.5\\0.8");
      put(ds, DCM_ImageOrientationPatient, "1\\0\\0\\0\\0\\-1");
      put(ds, DCM_ImagePositionPatient, ds_triplet({-100.0, 20.0 - 2.5 * i, 50.0}));
    });
  const Volume<float> image = io::read_dicom_series(dir.path()).image;
  const Geometry& g = image.geometry();
  EXPECT_EQ(g.size, (Index3{204, 201, 3}));
  EXPECT_DOUBLE_EQ(g.spacing[0], 0.8);
  EXPECT_DOUBLE_EQ(g.spacing[1], 0.5);
  EXPECT_NEAR(g.spacing[2], 2.5, 1e-9);
  // Normal = row × column = (1,0,0) × (0,0,-1) = (0,1,0); the lowest position along it (y = 15) is slice 2.
  EXPECT_EQ(g.direction, (std::array<double, 9>{1, 0, 0, 0, 0, 1, 0, -1, 0}));
  EXPECT_EQ(g.origin, (Vec3{-100.0, 15.0, 50.0}));
  EXPECT_EQ(image(3, 4, 0), phantom().image(3, 4, 57));  // slice 2 of 0..59 is z index 57 of the full series
}

/// The phantom plus ten of its slices copied as a second series (new SeriesInstanceUID and SOP instance UIDs).
class DicomSeriesTwoSeries : public ::testing::Test {
 protected:
  static constexpr const char* other_uid = "1.2.826.0.1.3680043.2.1125.7.1";
  void SetUp() override {
    copy_phantom_slices(m_dir.path());
    for (int i = 0; i < 10; ++i)
      edit_dicom(phantom_series_dir() / phantom_slice_name(i), [&](DcmDataset& ds) {
        put(ds, DCM_SeriesInstanceUID, other_uid);
        put(ds, DCM_SOPInstanceUID, std::string(other_uid) + ".100." + std::to_string(i));
      }, m_dir.path() / ("second_" + std::to_string(i) + ".dcm"));
  }
  TempFolder m_dir{"dicom-two-series"};
};

TEST_F(DicomSeriesTwoSeries, WithoutAUidIsRefusedListingBoth) {
  const std::string message = error_reading(m_dir.path());
  EXPECT_TRUE(contains(message, m_dir.path().string()));
  EXPECT_TRUE(contains(message, "2 image series"));
  EXPECT_TRUE(contains(message, other_uid));
  EXPECT_TRUE(contains(message, phantom().info.series_instance_uid));
  const auto listed = io::list_dicom_series(m_dir.path());
  EXPECT_EQ(listed.size(), 2u);
  EXPECT_TRUE(std::is_sorted(listed.begin(), listed.end()));
}

TEST_F(DicomSeriesTwoSeries, ChoosingByUidReadsThatSeries) {
  const io::DicomSeries first = io::read_dicom_series(m_dir.path(), phantom().info.series_instance_uid);
  expect_same_volume(first.image, phantom().image);
  const io::DicomSeries second = io::read_dicom_series(m_dir.path(), other_uid);
  EXPECT_EQ(second.image.size()[2], 10u);
  EXPECT_EQ(second.info.series_instance_uid, other_uid);
  // Slices 0..9 are the top of the phantom (z from 49.6 to 76.6 mm); the lowest becomes the origin.
  EXPECT_NEAR(second.image.geometry().origin[2], 49.6, 1e-3);

  const std::string message = error_reading(m_dir.path(), "1.2.3.4.5");
  EXPECT_TRUE(contains(message, m_dir.path().string()));
  EXPECT_TRUE(contains(message, "not among"));
  EXPECT_TRUE(contains(message, other_uid));
}

TEST(DicomSeriesChoice, OneSeriesTakesTheUsersOwnIdButRefusesAnotherUid) {
  // The manifest's series_id may be a site's own identifier: with one series in the folder it names that series.
  // A DICOM UID that is not the folder's series means a wrong folder, and is refused.
  const io::DicomSeries own = io::read_dicom_series(phantom_series_dir(), "CT-BASELINE-1");
  EXPECT_EQ(own.info.series_instance_uid, phantom().info.series_instance_uid);
  const std::string message = error_reading(phantom_series_dir(), "1.2.3.4.5");
  EXPECT_TRUE(contains(message, phantom_series_dir().string())) << message;
  EXPECT_TRUE(contains(message, "is not the folder's image series")) << message;
}

TEST(DicomSeriesRefuses, MissingSlice) {
  TempFolder dir("dicom-missing");
  copy_phantom_slices(dir.path(), 0, 59, [](int i) { return i == 30; });
  const std::string message = error_reading(dir.path());
  EXPECT_TRUE(contains(message, dir.path().string()));
  // Slice 30 sits at z = 76.6 − 30 × 3 = −13.4 mm; its neighbours at −16.4 and −10.4 mm.
  EXPECT_TRUE(contains(message, "missing slice between z = -16.4 mm and z = -10.4 mm"));
}

TEST(DicomSeriesRefuses, InconsistentSpacing) {
  TempFolder dir("dicom-spacing");
  copy_phantom_slices(dir.path());
  edit_dicom(dir.path() / phantom_slice_name(30), [](DcmDataset& ds) {
    auto p = position_of(ds);
    p[2] += 1.0;
    put(ds, DCM_ImagePositionPatient, ds_triplet(p));
  });
  const std::string message = error_reading(dir.path());
  EXPECT_TRUE(contains(message, dir.path().string()));
  EXPECT_TRUE(contains(message, "inconsistent slice spacing"));
  EXPECT_TRUE(contains(message, phantom_slice_name(30).string()));
}

TEST(DicomSeriesRefuses, TwoSlicesAtOnePosition) {
  TempFolder dir("dicom-duplicate");
  copy_phantom_slices(dir.path());
  edit_dicom(dir.path() / phantom_slice_name(31), [](DcmDataset& ds) {
    auto p = position_of(ds);
    p[2] += 3.0;  // onto slice 30
    put(ds, DCM_ImagePositionPatient, ds_triplet(p));
  });
  const std::string message = error_reading(dir.path());
  EXPECT_TRUE(contains(message, "two slices at the same position z = -13.4 mm"));
  EXPECT_TRUE(contains(message, phantom_slice_name(30).string()));
  EXPECT_TRUE(contains(message, phantom_slice_name(31).string()));
}

TEST(DicomSeriesRefuses, ShearedStack) {
  TempFolder dir("dicom-sheared");
  copy_phantom_slices(dir.path());
  edit_dicom(dir.path() / phantom_slice_name(30), [](DcmDataset& ds) {
    auto p = position_of(ds);
    p[0] += 1.0;  // sideways: the position along the normal is unchanged, the stack is not straight
    put(ds, DCM_ImagePositionPatient, ds_triplet(p));
  });
  const std::string message = error_reading(dir.path());
  EXPECT_TRUE(contains(message, phantom_slice_name(30).string()));
  EXPECT_TRUE(contains(message, "off the stack axis"));
}

TEST(DicomSeriesRefuses, MixedOrientation) {
  TempFolder dir("dicom-orientation");
  copy_phantom_slices(dir.path());
  // A rotation of about 8 degrees about z: still orthogonal unit cosines, but not parallel to the others.
  edit_dicom(dir.path() / phantom_slice_name(30), [](DcmDataset& ds) {
    put(ds, DCM_ImageOrientationPatient, "0.99\\0.1410673598\\0\\-0.1410673598\\0.99\\0");
  });
  const std::string message = error_reading(dir.path());
  EXPECT_TRUE(contains(message, dir.path().string()));
  EXPECT_TRUE(contains(message, "mixed slice orientations"));
  EXPECT_TRUE(contains(message, phantom_slice_name(30).string()));
}

TEST(DicomSeriesRefuses, DifferentSliceSize) {
  TempFolder dir("dicom-size");
  copy_phantom_slices(dir.path(), 0, 9);
  edit_dicom(dir.path() / phantom_slice_name(5), [](DcmDataset& ds) {
    ASSERT_TRUE(ds.putAndInsertUint16(DCM_Rows, 200).good());
  });
  const std::string message = error_reading(dir.path());
  EXPECT_TRUE(contains(message, "slices of different size"));
  EXPECT_TRUE(contains(message, phantom_slice_name(5).string()));
}

TEST(DicomSeriesRefuses, ModalityNotAllowed) {
  const std::string message = error_reading(phantom_series_dir(), {}, {"MR"});
  EXPECT_TRUE(contains(message, phantom_series_dir().string()));
  EXPECT_TRUE(contains(message, "modality is 'CT'; expected MR"));
  EXPECT_NO_THROW((void)io::read_dicom_series(phantom_series_dir(), {}, {"PT", "CT"}));
}

TEST(DicomSeriesRefuses, TruncatedPixelData) {
  TempFolder dir("dicom-truncated");
  copy_phantom_slices(dir.path());
  const auto victim = dir.path() / phantom_slice_name(30);
  std::filesystem::resize_file(victim, std::filesystem::file_size(victim) / 2);
  const std::string message = error_reading(dir.path());
  EXPECT_TRUE(contains(message, victim.filename().string()));
  EXPECT_TRUE(contains(message, "corrupt or truncated"));
}

TEST(DicomSeriesRefuses, TruncatedHeader) {
  TempFolder dir("dicom-truncated-header");
  copy_phantom_slices(dir.path(), 0, 9);
  const auto victim = dir.path() / phantom_slice_name(3);
  std::filesystem::resize_file(victim, 400);  // preamble and meta header, then the data set stops mid-element
  const std::string message = error_reading(dir.path());
  EXPECT_TRUE(contains(message, victim.filename().string()));
  EXPECT_TRUE(contains(message, "corrupt or truncated"));
}

TEST(DicomSeriesRefuses, FolderWithoutDicom) {
  TempFolder dir("dicom-empty");
  std::string message = error_reading(dir.path());
  EXPECT_TRUE(contains(message, dir.path().string()));
  EXPECT_TRUE(contains(message, "no DICOM image files"));
  EXPECT_TRUE(io::list_dicom_series(dir.path()).empty());
  EXPECT_FALSE(io::is_dicom_directory(dir.path()));

  std::ofstream(dir.path() / "notes.txt") << "no images here\n";
  std::filesystem::copy_file(data_dir() / "ct_phantom" / "nifti" / "image" / "phantom.nii.gz",
                             dir.path() / "phantom.nii.gz");
  message = error_reading(dir.path());
  EXPECT_TRUE(contains(message, "no DICOM image files"));
  EXPECT_TRUE(contains(message, "other files: 2"));

  // Only a structure set: DICOM, but no image to read.
  message = error_reading(data_dir() / "ct_phantom" / "dicom" / "mask");
  EXPECT_TRUE(contains(message, "such as RTSTRUCT or SEG: 1;"));

  message = error_reading(dir.path() / "absent");
  EXPECT_TRUE(contains(message, "absent: folder does not exist"));
}

}  // namespace
}  // namespace voxfeat::test
