#include "extraction/case_source.hpp"


#include "extraction/geometry_check.hpp"
#include "io/dicom_mask.hpp"
#include "io/dicom_series.hpp"
#include "io/image_reader.hpp"
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
};

ImageRead read_case_image(const CaseSource& source, const Settings& settings) {
  // Image files carry no modality: the settings' modalities apply to DICOM series only (docs/settings.md).
  if (!is_folder(source.image)) return {io::read_image(source.image), {}};
  io::DicomSeries series = io::read_dicom_series(source.image, source.series_id, settings.modalities);
  return {std::move(series.image), std::move(series.info)};
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
  ImageRead read = read_case_image(source, settings);
  LoadedCase loaded;
  const Geometry& grid = read.image.geometry();
  switch (io::dicom_file_kind(source.mask)) {
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
      io::MaskReadResult mask = io::read_mask(source.mask, source.label);
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
      loaded.mask = std::move(mask.mask);
      break;
    }
  }
  loaded.image = std::move(read.image);
  return loaded;
}

}  // namespace voxfeat::detail
