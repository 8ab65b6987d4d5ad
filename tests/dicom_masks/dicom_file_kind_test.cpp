// dicom_file_kind and list_dicom_rois: files are told apart by content (preamble, SOP class), never by name.
#include <gtest/gtest.h>

#include <fstream>

#include "ct_phantom_dicom.hpp"
#include "io/dicom_mask.hpp"
#include "seg_writer.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::test {
namespace {

using io::DicomFileKind;

TEST(DicomFileKind, ImageRtstructSeg) {
  EXPECT_EQ(io::dicom_file_kind(phantom_series().slice_files.front()), DicomFileKind::image);
  EXPECT_EQ(io::dicom_file_kind(phantom_rtstruct()), DicomFileKind::rtstruct);
  const auto seg = fresh_temp_dir("kind-seg") / "named-like-an-image.nii.gz";
  write_phantom_seg(seg, {{"GTV-1", &ibsi_gtv1()}});
  EXPECT_EQ(io::dicom_file_kind(seg), DicomFileKind::seg);
}

TEST(DicomFileKind, NotDicom) {
  EXPECT_EQ(io::dicom_file_kind(phantom_nifti_mask()), DicomFileKind::not_dicom);
  EXPECT_EQ(io::dicom_file_kind(phantom_dicom_dir() / "no-such-file.dcm"), DicomFileKind::not_dicom);
  EXPECT_EQ(io::dicom_file_kind(phantom_dicom_dir()), DicomFileKind::not_dicom);  // a folder
  const auto dir = fresh_temp_dir("kind");
  std::ofstream(dir / "short.dcm") << "DICM";
  EXPECT_EQ(io::dicom_file_kind(dir / "short.dcm"), DicomFileKind::not_dicom);
  // The preamble and magic, then garbage: DCMTK cannot parse it.
  std::ofstream garbage(dir / "garbage.dcm", std::ios::binary);
  garbage << std::string(128, '\0') << "DICM" << std::string(64, '\xff');
  garbage.close();
  EXPECT_EQ(io::dicom_file_kind(dir / "garbage.dcm"), DicomFileKind::not_dicom);
}

TEST(DicomFileKind, OtherDicomObject) {
  // The RTSTRUCT relabelled as a Basic Text SR: DICOM, but neither an image nor a mask.
  const auto path = fresh_temp_dir("kind-other") / "sr.dcm";
  write_modified_copy(phantom_rtstruct(), path, [](DcmDataset& ds) {
    ASSERT_TRUE(ds.putAndInsertString(DCM_SOPClassUID, UID_BasicTextSRStorage).good());
    ASSERT_TRUE(ds.putAndInsertString(DCM_Modality, "SR").good());
  });
  // saveFile rewrites the meta header's SOP class from the dataset's.
  EXPECT_EQ(io::dicom_file_kind(path), DicomFileKind::other);
}

TEST(ListDicomRois, RefusesFilesWithoutRois) {
  EXPECT_THROW(io::list_dicom_rois(phantom_series().slice_files.front()), IoError);
  EXPECT_THROW(io::list_dicom_rois(phantom_nifti_mask()), IoError);
  try {
    io::list_dicom_rois(phantom_dicom_dir() / "missing.dcm");
    ADD_FAILURE();
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace voxfeat::test
