#include "extraction/case_source.hpp"

#include <tbb/parallel_invoke.h>

#include "extraction/geometry_check.hpp"
#include "extraction/mask_correction.hpp"
#include "io/dicom_mask.hpp"
#include "io/dicom_series.hpp"
#include "io/image_reader.hpp"
#include "processing/roi_box.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::detail {
namespace {

bool is_folder(const std::filesystem::path& p) {
  std::error_code ec;
  return std::filesystem::is_directory(p, ec);
}

struct ImageRead {
  Volume<float> image;
  io::DicomSeriesInfo info;  ///< empty for image files
  std::string voxel_sha1;    ///< image files, when the settings record PyRadiomics' diagnostics
};

ImageRead read_case_image(const CaseSource& source, const Settings& settings) {
  // Image files carry no modality: the settings' modalities apply to DICOM series only (docs/settings.md).
  if (!is_folder(source.image)) {
    ImageRead read;
    read.image = io::read_image(source.image, settings.pyradiomics_diagnostics ? &read.voxel_sha1 : nullptr);
    return read;
  }
  io::DicomSeries series = io::read_dicom_series(source.image, source.series_id, settings.modalities);
  return {std::move(series.image), std::move(series.info), {}};
}

void refuse_label_for_dicom_mask(const CaseSource& source, const char* kind) {
  if (!source.label.any_nonzero)
    throw ConfigError(source.mask.string() + ": a label (" + source.label.describe() + ") selects voxels of label " +
                      "images; this mask is " + kind + ": name its ROI in the manifest's roi column instead");
}

}  // namespace

ImageIdentity image_identity(const CaseSource& source) {
  if (!is_folder(source.image)) return {};
  const io::DicomSeriesInfo info = io::read_dicom_series_info(source.image, source.series_id);
  return {info.study_instance_uid, info.series_instance_uid};
}

LoadedCase load_case(const CaseSource& source, const Settings& settings) {
  const io::DicomFileKind mask_kind = io::dicom_file_kind(source.mask);
  ImageRead read;
  io::MaskReadResult label_mask;
  if (mask_kind == io::DicomFileKind::not_dicom) {
    // A label image does not depend on the image's grid: both files are decoded at once, one per core.
    tbb::parallel_invoke(
        [&] { read = read_case_image(source, settings); },
        [&] { label_mask = io::read_mask(source.mask, source.label, settings.pyradiomics_diagnostics); });
  } else {
    read = read_case_image(source, settings);
  }
  LoadedCase loaded;
  loaded.image_sha1 = read.voxel_sha1;
  const Geometry& grid = read.image.geometry();
  switch (mask_kind) {
    case io::DicomFileKind::rtstruct:
      refuse_label_for_dicom_mask(source, "an RTSTRUCT");
      loaded.mask = io::read_rtstruct_mask(source.mask, source.roi, grid, read.info);
      break;
    case io::DicomFileKind::seg:
      refuse_label_for_dicom_mask(source, "a DICOM-SEG");
      loaded.mask = io::read_seg_mask(source.mask, source.roi, grid, read.info);
      break;
    case io::DicomFileKind::image:
    case io::DicomFileKind::other:
      throw IoError(source.mask.string() + ": a DICOM object that is neither an RTSTRUCT nor a SEG cannot be a mask");
    case io::DicomFileKind::not_dicom: {
      if (!source.roi.empty())
        throw ConfigError(source.mask.string() + ": the manifest's roi column (\"" + source.roi +
                          "\") names an RTSTRUCT ROI or SEG segment, but this mask is a label image: use label");
      io::MaskReadResult& mask = label_mask;
      loaded.mask_sha1 = mask.voxel_sha1;
      const bool correct = settings.correct_mask && mask.selected_voxels > 0 &&
                           !grid_mismatch(grid, mask.mask.geometry(), settings.geometry_tolerance).empty();
      if (!correct)
        check_same_grid(grid, mask.mask.geometry(), settings.geometry_tolerance, source.image.string(),
                        source.mask.string());
      if (mask.selected_voxels == 0) {
        std::string present;
        for (long long l : mask.labels_present) present += (present.empty() ? "" : ", ") + std::to_string(l);
        if (source.label.any_nonzero)
          throw InputError(source.mask.string() + ": the mask is empty (no non-zero voxel)");
        throw InputError(source.mask.string() + ": label " + source.label.describe() +
                         " is absent (labels present: " + (present.empty() ? "none" : present) + ")");
      }
      if (correct) {
        loaded.mask = correct_mask(mask.mask, grid, source.mask.string());
        loaded.uncorrected_mask = std::move(mask.mask);
      } else {
        loaded.mask = std::move(mask.mask);
      }
      if (correct && bounding_box(loaded.mask).empty())
        throw InputError(source.mask.string() + ": no voxel of the ROI remains on the image's grid after correcting "
                         "the mask (correct_mask)");
      break;
    }
  }
  loaded.image = std::move(read.image);
  // Only PyRadiomics' resampling casts back to the stored type. DICOM series are decoded with their rescale slope and
  // intercept: their values are not the stored integers.
  if (settings.interpolation.grid == InterpolationGrid::pyradiomics && !is_folder(source.image)) {
    const io::StoredPixelType stored = io::read_stored_pixel_type(source.image);
    if (stored.integer) loaded.integer_pixels = IntegerPixelRange{stored.min, stored.max};
  }
  return loaded;
}

}  // namespace voxfeat::detail
