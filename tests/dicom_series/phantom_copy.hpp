#pragma once
// Variants of the CT phantom's DICOM series for the bad-input tests: a temporary copy of the 60 slices (or some of
// them) that a test then edits with DCMTK, the library the readers' users export with. The folder is removed
// when the copy goes out of scope.
#include "dcmtk/config/osconfig.h"  // must come first (TOOLCHAIN.md, trap 5)
#include "dcmtk/dcmdata/dctk.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>

#include "support/test_paths.hpp"

namespace voxfeat::test {

inline std::filesystem::path phantom_series_dir() { return data_dir() / "ct_phantom" / "dicom" / "image"; }
inline std::filesystem::path phantom_slice_name(int index) {
  char name[32];
  std::snprintf(name, sizeof name, "DCM_IMG_%05d.dcm", index);
  return name;
}

/// A temporary folder, removed with its content at the end of the test.
class TempFolder {
 public:
  explicit TempFolder(const std::string& tag) : m_path(fresh_temp_dir(tag)) {}
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

/// Copies phantom slices first..last (inclusive) under their own names, except those `skip` says to leave out.
inline void copy_phantom_slices(const std::filesystem::path& to, int first = 0, int last = 59,
                                const std::function<bool(int)>& skip = {}) {
  for (int i = first; i <= last; ++i)
    if (!skip || !skip(i))
      std::filesystem::copy_file(phantom_series_dir() / phantom_slice_name(i), to / phantom_slice_name(i));
}

/// Loads a DICOM file, lets `edit` change its data set, and saves it to `to` (default: in place) in its own
/// transfer syntax.
inline void edit_dicom(const std::filesystem::path& from, const std::function<void(DcmDataset&)>& edit,
                       std::filesystem::path to = {}) {
  if (to.empty()) to = from;
  DcmFileFormat file;
  ASSERT_TRUE(file.loadFile(from.c_str()).good()) << from;
  // DCMTK leaves large values (the pixel data) on disk until used; saving over the file it reads them from would
  // write a truncated copy.
  ASSERT_TRUE(file.loadAllDataIntoMemory().good()) << from;
  edit(*file.getDataset());
  ASSERT_TRUE(file.saveFile(to.c_str()).good()) << to;
}

inline void put(DcmDataset& dataset, const DcmTagKey& tag, const std::string& value) {
  ASSERT_TRUE(dataset.putAndInsertString(tag, value.c_str()).good()) << DcmTag(tag).getTagName();
}

/// ImagePositionPatient as three numbers.
inline std::array<double, 3> position_of(DcmDataset& dataset) {
  std::array<double, 3> p{};
  for (unsigned long i = 0; i < 3; ++i)
    EXPECT_TRUE(dataset.findAndGetFloat64(DCM_ImagePositionPatient, p[i], i).good());
  return p;
}

inline std::string ds_triplet(const std::array<double, 3>& p) {
  char text[80];
  std::snprintf(text, sizeof text, "%.10g\\%.10g\\%.10g", p[0], p[1], p[2]);
  return text;
}

}  // namespace voxfeat::test
