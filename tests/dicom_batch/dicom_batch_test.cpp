// DICOM inputs through the batch: a manifest whose image is a DICOM series folder and whose mask is an RTSTRUCT
// (roi column), the UIDs pseudonymised like every identifier and absent from the store byte for byte, and the
// bad DICOM inputs of a hospital (a folder with two series, an absent ROI name, an unexpected modality) recorded as
// failed cases while the others are stored.
#include <gtest/gtest.h>

#include <fstream>

#include "batch/batch_runner.hpp"
#include "dicom_series/phantom_copy.hpp"
#include "io/dicom_series.hpp"
#include "pseudonym/pseudonymiser.hpp"
#include "store/feature_store.hpp"
#include "support/batch_run.hpp"
#include "support/case_files.hpp"
#include "support/test_paths.hpp"

namespace voxfeat::test {
namespace {

const Registry& registry() {
  static const Registry r = Registry::with_builtin_families();
  return r;
}

Settings ct_settings(const std::string& modalities = "[CT]") {
  return Settings::parse("modalities: " + modalities + "\nfamilies: [intensity_statistics, glcm]\n", registry(),
                         "dicom batch");
}

std::filesystem::path rtstruct() { return data_dir() / "ct_phantom/dicom/mask/DCM_RS_00060.dcm"; }

/// Rows: patient_id, image, mask, series_id, roi.
std::filesystem::path write_dicom_manifest(const std::filesystem::path& path,
                                           const std::vector<std::vector<std::string>>& rows) {
  std::ofstream out(path);
  out << "patient_id,image,mask,series_id,roi\n";
  for (const auto& r : rows) out << r[0] << "," << r[1] << "," << r[2] << "," << r[3] << "," << r[4] << "\n";
  return path;
}

BatchRun run(const std::filesystem::path& manifest, const std::filesystem::path& store, const Settings& settings) {
  return run_quiet_batch(manifest, store, settings, registry());
}

const detail::CaseRecord* row_of(const BatchRun& r, const std::string& patient) {
  const std::string p = detail::Pseudonymiser::demo().pseudonym(patient);
  for (const auto& c : r.stored)
    if (c.key.patient_pseudonym == p) return &c;
  return nullptr;
}

TEST(DicomBatch, SeriesAndRtstructStoredWithPseudonymisedUids) {
  TempFolder dir("dicom_batch");
  const auto manifest = write_dicom_manifest(
      dir.path() / "manifest.csv", {{"PAT-1", phantom_series_dir().string(), rtstruct().string(), "", "GTV-1"}});
  const BatchRun r = run(manifest, dir.path() / "site.h5", ct_settings());
  ASSERT_EQ(r.summary.ok, 1u) << (r.summary.failures.empty() ? "" : r.summary.failures.front().message);
  const detail::CaseRecord* c = row_of(r, "PAT-1");
  ASSERT_NE(c, nullptr);
  // Without study_id/series_id in the manifest, the series' own UIDs identify it, pseudonymised.
  const io::DicomSeriesInfo info = io::read_dicom_series_info(phantom_series_dir());
  const auto demo = detail::Pseudonymiser::demo();
  EXPECT_EQ(c->key.study_pseudonym, demo.pseudonym(info.study_instance_uid));
  EXPECT_EQ(c->key.series_pseudonym, demo.pseudonym(info.series_instance_uid));
  // No UID of the series reaches the store or its journal, in any byte.
  const io::DicomSeries series = io::read_dicom_series(phantom_series_dir());
  std::vector<std::string> uids{info.study_instance_uid, info.series_instance_uid, info.frame_of_reference_uid};
  uids.insert(uids.end(), series.info.sop_instance_uids.begin(), series.info.sop_instance_uids.end());
  for (const auto& file : std::filesystem::directory_iterator(dir.path())) {
    const std::string bytes = read_bytes(file.path());
    for (const auto& uid : uids) EXPECT_EQ(bytes.find(uid), std::string::npos) << uid << " in " << file.path();
  }
}

TEST(DicomBatch, BadDicomInputsAreRecordedAndTheBatchGoesOn) {
  TempFolder dir("dicom_batch_bad");
  // A folder with the phantom's 60 slices and a copy of 10 of them as a second series.
  const auto two_series = dir.path() / "two_series";
  std::filesystem::create_directories(two_series);
  copy_phantom_slices(two_series);
  const std::string other_uid = "1.2.826.0.1.3680043.8.498.424242";
  for (int i = 20; i < 30; ++i)
    edit_dicom(phantom_series_dir() / phantom_slice_name(i),
               [&](DcmDataset& d) {
                 put(d, DCM_SeriesInstanceUID, other_uid);
                 put(d, DCM_SOPInstanceUID, other_uid + "." + std::to_string(i));
               },
               two_series / ("other_" + std::to_string(i) + ".dcm"));
  const std::string phantom_uid = io::read_dicom_series_info(phantom_series_dir()).series_instance_uid;
  const auto manifest = write_dicom_manifest(
      dir.path() / "manifest.csv",
      {{"GOOD-1", phantom_series_dir().string(), rtstruct().string(), "", "GTV-1"},
       {"TWO-1", two_series.string(), rtstruct().string(), "", "GTV-1"},            // which series?
       {"TWO-2", two_series.string(), rtstruct().string(), phantom_uid, "GTV-1"},   // chosen by UID: fine
       {"ROI-1", phantom_series_dir().string(), rtstruct().string(), "", "GTV-2"}});  // no such ROI
  const BatchRun r = run(manifest, dir.path() / "site.h5", ct_settings());
  EXPECT_EQ(r.summary.ok, 2u);
  EXPECT_EQ(r.summary.failed, 2u);
  ASSERT_NE(row_of(r, "GOOD-1"), nullptr);
  EXPECT_TRUE(row_of(r, "GOOD-1")->ok);
  ASSERT_NE(row_of(r, "TWO-2"), nullptr);
  EXPECT_TRUE(row_of(r, "TWO-2")->ok);

  const detail::CaseRecord* two = row_of(r, "TWO-1");
  ASSERT_NE(two, nullptr);
  EXPECT_FALSE(two->ok);
  EXPECT_NE(two->error.find("two_series"), std::string::npos) << two->error;
  EXPECT_NE(two->error.find("2 image series"), std::string::npos) << two->error;
  // The reader lists the UIDs to choose from on the console; the store keeps "[uid]" in their place.
  EXPECT_EQ(two->error.find(other_uid), std::string::npos) << two->error;
  EXPECT_EQ(two->error.find(phantom_uid), std::string::npos) << two->error;
  EXPECT_NE(two->error.find("[uid]"), std::string::npos) << two->error;

  const detail::CaseRecord* roi = row_of(r, "ROI-1");
  ASSERT_NE(roi, nullptr);
  EXPECT_FALSE(roi->ok);
  EXPECT_NE(roi->error.find("DCM_RS_00060.dcm"), std::string::npos) << roi->error;
  EXPECT_NE(roi->error.find("GTV-2"), std::string::npos) << roi->error;
  EXPECT_NE(roi->error.find("GTV-1"), std::string::npos) << roi->error;  // lists the ROI names present
}

TEST(DicomBatch, UnexpectedModalityIsRefused) {
  TempFolder dir("dicom_batch_modality");
  const auto manifest = write_dicom_manifest(
      dir.path() / "manifest.csv", {{"PAT-1", phantom_series_dir().string(), rtstruct().string(), "", "GTV-1"}});
  const BatchRun r = run(manifest, dir.path() / "site.h5", ct_settings("[MR, PT]"));
  ASSERT_EQ(r.summary.failed, 1u);
  const std::string& error = r.stored.front().error;
  EXPECT_NE(error.find("modality is 'CT'"), std::string::npos) << error;
  EXPECT_NE(error.find("MR, PT"), std::string::npos) << error;
}

TEST(DicomBatch, RoiColumnOnALabelImageIsRefused) {
  TempFolder dir("dicom_batch_roi_on_label");
  const CaseFiles files = write_small_case(dir.path(), "case");
  const auto manifest = write_dicom_manifest(
      dir.path() / "manifest.csv", {{"PAT-1", files.image.string(), files.mask.string(), "", "GTV-1"}});
  const BatchRun r = run(manifest, dir.path() / "site.h5", ct_settings("any"));
  ASSERT_EQ(r.summary.failed, 1u);
  EXPECT_NE(r.stored.front().error.find("roi column"), std::string::npos) << r.stored.front().error;
}

}  // namespace
}  // namespace voxfeat::test
