#pragma once
// The IBSI CT phantom's DICOM files as the mask tests need them: the image grid and UIDs read with DCMTK straight
// from the slice files (independent of io/dicom_series, which has its own tests), and helpers that write modified
// copies of DICOM files. Header-only: it is shared by the test files of this folder only.
#include "dcmtk/config/osconfig.h"  // first, as DCMTK requires
#include "dcmtk/dcmdata/dctk.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/dicom_series.hpp"
#include "io/grid_index_map.hpp"
#include "io/image_reader.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/label.hpp"
#include "voxfeat/volume.hpp"

namespace voxfeat::test {

inline std::filesystem::path phantom_dicom_dir() { return data_dir() / "ct_phantom" / "dicom"; }
inline std::filesystem::path phantom_rtstruct() { return phantom_dicom_dir() / "mask" / "DCM_RS_00060.dcm"; }
inline std::filesystem::path phantom_nifti_mask() {
  return data_dir() / "ct_phantom" / "nifti" / "mask" / "mask.nii.gz";
}

struct PhantomSeries {
  Geometry grid;
  io::DicomSeriesInfo info;
  std::vector<std::filesystem::path> slice_files;  ///< in the grid's z order
  std::vector<Vec3> slice_positions;               ///< ImagePositionPatient of each, same order
};

inline std::string dicom_string(DcmItem& item, const DcmTagKey& tag) {
  OFString value;
  item.findAndGetOFStringArray(tag, value);
  return value.c_str();
}

inline std::vector<double> dicom_doubles(DcmItem& item, const DcmTagKey& tag, unsigned long count) {
  std::vector<double> values(count);
  for (unsigned long n = 0; n < count; ++n)
    if (item.findAndGetFloat64(tag, values[n], n).bad())
      throw std::runtime_error(std::string("missing ") + tag.toString().c_str());
  return values;
}

/// The grid as ITK would build it: x along the row direction, y along the column direction, z along their cross
/// product with slices sorted by position on it; spacing (column spacing, row spacing, slice distance).
inline PhantomSeries read_phantom_series_uncached() {
  struct Slice {
    std::filesystem::path file;
    Vec3 position;
    double along_normal;
    std::string sop_instance_uid;
  };
  PhantomSeries series;
  std::vector<Slice> slices;
  std::vector<double> orientation, pixel_spacing;
  Uint16 rows = 0, columns = 0;
  for (const auto& entry : std::filesystem::directory_iterator(phantom_dicom_dir() / "image")) {
    DcmFileFormat file;
    if (file.loadFile(entry.path().c_str()).bad()) throw std::runtime_error("cannot read " + entry.path().string());
    DcmDataset& ds = *file.getDataset();
    if (slices.empty()) {
      orientation = dicom_doubles(ds, DCM_ImageOrientationPatient, 6);
      pixel_spacing = dicom_doubles(ds, DCM_PixelSpacing, 2);
      ds.findAndGetUint16(DCM_Rows, rows);
      ds.findAndGetUint16(DCM_Columns, columns);
      series.info.series_instance_uid = dicom_string(ds, DCM_SeriesInstanceUID);
      series.info.study_instance_uid = dicom_string(ds, DCM_StudyInstanceUID);
      series.info.frame_of_reference_uid = dicom_string(ds, DCM_FrameOfReferenceUID);
      series.info.modality = dicom_string(ds, DCM_Modality);
    }
    const std::vector<double> p = dicom_doubles(ds, DCM_ImagePositionPatient, 3);
    const double* r = orientation.data();
    const double* c = orientation.data() + 3;
    const Vec3 normal{r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]};
    slices.push_back({entry.path(),
                      {p[0], p[1], p[2]},
                      p[0] * normal[0] + p[1] * normal[1] + p[2] * normal[2],
                      dicom_string(ds, DCM_SOPInstanceUID)});
  }
  std::sort(slices.begin(), slices.end(),
            [](const Slice& a, const Slice& b) { return a.along_normal < b.along_normal; });
  const double* r = orientation.data();
  const double* c = orientation.data() + 3;
  const Vec3 normal{r[1] * c[2] - r[2] * c[1], r[2] * c[0] - r[0] * c[2], r[0] * c[1] - r[1] * c[0]};
  Geometry& g = series.grid;
  g.size = {columns, rows, slices.size()};
  g.spacing = {pixel_spacing[1], pixel_spacing[0],
               (slices.back().along_normal - slices.front().along_normal) / double(slices.size() - 1)};
  g.origin = slices.front().position;
  g.direction = {r[0], c[0], normal[0], r[1], c[1], normal[1], r[2], c[2], normal[2]};
  for (const Slice& s : slices) {
    series.slice_files.push_back(s.file);
    series.slice_positions.push_back(s.position);
    series.info.sop_instance_uids.push_back(s.sop_instance_uid);
  }
  return series;
}

inline const PhantomSeries& phantom_series() {
  static const PhantomSeries series = read_phantom_series_uncached();
  return series;
}

/// Loads `source`, lets `edit` change its dataset, and saves the result as `target`.
inline void write_modified_copy(const std::filesystem::path& source, const std::filesystem::path& target,
                                const std::function<void(DcmDataset&)>& edit) {
  DcmFileFormat file;
  if (file.loadFile(source.c_str()).bad()) throw std::runtime_error("cannot read " + source.string());
  file.getDataset()->loadAllDataIntoMemory();
  edit(*file.getDataset());
  const OFCondition status = file.saveFile(target.c_str(), EXS_LittleEndianExplicit);
  if (status.bad()) throw std::runtime_error("cannot write " + target.string() + ": " + status.text());
}

/// Voxels set in exactly one of two masks on the same grid.
inline std::size_t differing_voxels(const Volume<std::uint8_t>& a, const Volume<std::uint8_t>& b) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < a.voxel_count(); ++i) n += (a.data()[i] != 0) != (b.data()[i] != 0);
  return n;
}

inline std::size_t set_voxels(const Volume<std::uint8_t>& mask) {
  return std::size_t(std::count_if(mask.values().begin(), mask.values().end(), [](std::uint8_t v) { return v != 0; }));
}

/// The NIfTI mask resampled by nearest voxel centre onto the DICOM grid (the two grids coincide; this also
/// checks that every NIfTI voxel centre lands on a DICOM voxel centre).
inline Volume<std::uint8_t> nifti_mask_on_grid(const Geometry& grid) {
  const io::MaskReadResult nifti = io::read_mask(phantom_nifti_mask(), LabelSelector{});
  const Geometry& g = nifti.mask.geometry();
  EXPECT_EQ(g.voxel_count(), grid.voxel_count());
  const io::GridIndexMap map(grid);
  Volume<std::uint8_t> out(grid, 0);
  double worst = 0.0;
  for (std::size_t k = 0; k < g.size[2]; ++k)
    for (std::size_t j = 0; j < g.size[1]; ++j)
      for (std::size_t i = 0; i < g.size[0]; ++i) {
        if (!nifti.mask(i, j, k)) continue;
        const Vec3 index = map.continuous_index(g.index_to_physical(double(i), double(j), double(k)));
        Index3 at{};
        for (int a = 0; a < 3; ++a) {
          const double whole = std::nearbyint(index[a]);
          worst = std::max(worst, std::abs(index[a] - whole));
          at[a] = std::size_t(whole);
        }
        out(at[0], at[1], at[2]) = 1;
      }
  // NIfTI stores origin and spacing as float32: ~1e-5 mm over 200 voxels is far below 0.01 voxel.
  EXPECT_LT(worst, 0.01) << "NIfTI voxel centres do not fall on the DICOM grid";
  return out;
}

/// The IBSI GTV-1 mask (NIfTI) on the DICOM grid, read once.
inline const Volume<std::uint8_t>& ibsi_gtv1() {
  static const Volume<std::uint8_t> mask = nifti_mask_on_grid(phantom_series().grid);
  return mask;
}

}  // namespace voxfeat::test
