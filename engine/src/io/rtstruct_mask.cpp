// RTSTRUCT → mask: DCMTK dcmrt reads the structure set, this file checks that it belongs to the image series and
// collects the ROI's closed contours; contour_rasteriser does the geometry. Rules in docs/dicom-masks.md.
#include "dcmtk/config/osconfig.h"  // first, as DCMTK requires
#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmrt/drtstrct.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/dcmtk_loading.hpp"
#include "io/dicom_mask.hpp"
#include "io/dicom_mask_parts.hpp"
#include "io/rtstruct_contours.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::io {
namespace {

std::string text(const OFString& s) { return std::string(s.c_str()); }

/// The structure set of an RTSTRUCT file, read through dcmrt.
std::unique_ptr<DRTStructureSetIOD> read_structure_set(const std::filesystem::path& path) {
  auto file = load_dicom_file(path);
  if (sop_class_uid(*file) != UID_RTStructureSetStorage)
    throw IoError(path.string() + ": is not a DICOM RTSTRUCT (RT Structure Set) file");
  auto structure_set = std::make_unique<DRTStructureSetIOD>();
  const OFCondition status = structure_set->read(*file->getDataset());
  if (status.bad()) throw IoError(path.string() + ": unreadable RTSTRUCT: " + status.text());
  return structure_set;
}

struct RoiEntry {
  Sint32 number = 0;
  std::string name;
  std::string frame_of_reference_uid;  ///< the ROI's own ReferencedFrameOfReferenceUID
};

std::vector<RoiEntry> roi_entries(const DRTStructureSetIOD& structure_set) {
  const DRTStructureSetROISequence& rois = structure_set.getStructureSetROISequence();
  std::vector<RoiEntry> entries;
  for (std::size_t n = 0; n < rois.getNumberOfItems(); ++n) {
    const auto& item = rois.getItem(n);
    RoiEntry entry;
    OFString value;
    item.getROINumber(entry.number);
    item.getROIName(value);
    entry.name = text(value);
    item.getReferencedFrameOfReferenceUID(value);
    entry.frame_of_reference_uid = text(value);
    entries.push_back(entry);
  }
  return entries;
}

std::vector<std::string> names_of(const std::vector<RoiEntry>& entries) {
  std::vector<std::string> names;
  for (const RoiEntry& e : entries) names.push_back(e.name);
  return names;
}

RoiEntry select_roi(const std::vector<RoiEntry>& entries, const std::string& roi_name,
                    const std::filesystem::path& path) {
  const std::string present = join_names(names_of(entries));
  if (roi_name.empty()) {
    if (entries.size() == 1) return entries.front();
    throw IoError(path.string() + ": holds " + std::to_string(entries.size()) + " ROIs (" + present +
                  "); name the one to use");
  }
  const auto matches =
      std::count_if(entries.begin(), entries.end(), [&](const RoiEntry& e) { return e.name == roi_name; });
  if (matches == 0)
    throw IoError(path.string() + ": no ROI named '" + roi_name + "'; the structure set holds: " + present);
  if (matches > 1)
    throw IoError(path.string() + ": " + std::to_string(matches) + " ROIs are named '" + roi_name +
                  "'; the name does not say which to use");
  return *std::find_if(entries.begin(), entries.end(), [&](const RoiEntry& e) { return e.name == roi_name; });
}

/// The structure set must be drawn on this series: same frame of reference (the ROI's own and one listed in
/// ReferencedFrameOfReferenceSequence), and, when that item lists referenced series, this series among them.
/// An empty field of `series` means "unknown" and is not checked (an RTSTRUCT drawn on a converted NIfTI image).
/// UIDs identify the patient's study, so messages never show them.
void check_references(const DRTStructureSetIOD& structure_set, const RoiEntry& roi, const DicomSeriesInfo& series,
                      const std::filesystem::path& path) {
  const std::string& frame = series.frame_of_reference_uid;
  if (frame.empty()) return;
  const std::string another_frame = path.string() + ": ROI '" + roi.name +
                                    "' references another frame of reference than the image series (the structure "
                                    "set was drawn on other images)";
  if (!roi.frame_of_reference_uid.empty() && roi.frame_of_reference_uid != frame) throw IoError(another_frame);

  const DRTReferencedFrameOfReferenceSequence& frames = structure_set.getReferencedFrameOfReferenceSequence();
  std::optional<std::size_t> frame_item;
  for (std::size_t n = 0; n < frames.getNumberOfItems() && !frame_item; ++n) {
    OFString uid;
    frames.getItem(n).getFrameOfReferenceUID(uid);
    if (text(uid) == frame) frame_item = n;
  }
  if (!frame_item) throw IoError(another_frame);

  if (series.series_instance_uid.empty()) return;
  std::vector<std::string> referenced_series;
  const auto& studies = frames.getItem(*frame_item).getRTReferencedStudySequence();
  for (std::size_t s = 0; s < studies.getNumberOfItems(); ++s) {
    const auto& series_items = studies.getItem(s).getRTReferencedSeriesSequence();
    for (std::size_t r = 0; r < series_items.getNumberOfItems(); ++r) {
      OFString uid;
      series_items.getItem(r).getSeriesInstanceUID(uid);
      referenced_series.push_back(text(uid));
    }
  }
  if (!referenced_series.empty() && std::find(referenced_series.begin(), referenced_series.end(),
                                              series.series_instance_uid) == referenced_series.end())
    throw IoError(path.string() +
                  ": the structure set references another image series than the one given (same "
                  "frame of reference, other images)");
}

/// The ROI's closed contours. POINT contours (a marker, no area) are skipped; open contours enclose nothing and
/// are refused, since dropping them silently would change the ROI.
std::vector<ContourPolygon> closed_contours(const DRTStructureSetIOD& structure_set, const RoiEntry& roi,
                                            const std::filesystem::path& path) {
  const std::string where = path.string() + ": ROI '" + roi.name + "'";
  const DRTROIContourSequence& roi_contours = structure_set.getROIContourSequence();
  std::vector<ContourPolygon> polygons;
  for (std::size_t n = 0; n < roi_contours.getNumberOfItems(); ++n) {
    const auto& roi_item = roi_contours.getItem(n);
    Sint32 referenced = 0;
    if (roi_item.getReferencedROINumber(referenced).bad() || referenced != roi.number) continue;
    const DRTContourSequence& contours = roi_item.getContourSequence();
    for (std::size_t c = 0; c < contours.getNumberOfItems(); ++c) {
      const auto& contour = contours.getItem(c);
      const std::string name = where + ", contour " + std::to_string(c + 1);
      OFString geometric_type;
      contour.getContourGeometricType(geometric_type);
      if (geometric_type == "POINT") continue;
      // CLOSEDPLANAR_XOR (DICOM 2020) defines the combination of a slice's contours as exclusive-or: the even-odd
      // rule this reader applies to every slice anyway.
      if (geometric_type != "CLOSED_PLANAR" && geometric_type != "CLOSEDPLANAR_XOR")
        throw IoError(name + " is " +
                      (geometric_type.empty() ? std::string("of no geometric type") : text(geometric_type)) +
                      "; only closed planar contours enclose voxels");
      OFVector<Float64> data;
      contour.getContourData(data);
      Sint32 declared = -1;
      const bool has_count = contour.getNumberOfContourPoints(declared).good();
      if (data.size() % 3 != 0 || (has_count && std::size_t(std::max<Sint32>(declared, 0)) * 3 != data.size()))
        throw IoError(name + " has " + std::to_string(data.size()) + " ContourData values for " +
                      (has_count ? std::to_string(declared) : std::string("an unknown number of")) +
                      " points (3 per point expected)");
      ContourPolygon polygon;
      polygon.number = c + 1;
      for (std::size_t v = 0; v + 2 < data.size(); v += 3)
        polygon.points.push_back({data[v], data[v + 1], data[v + 2]});
      polygons.push_back(std::move(polygon));
    }
  }
  if (polygons.empty()) throw IoError(where + " has no closed contours (an empty ROI)");
  return polygons;
}

}  // namespace

std::vector<std::string> rtstruct_roi_names(const std::filesystem::path& rtstruct) {
  return names_of(roi_entries(*read_structure_set(rtstruct)));
}

RtstructRoi read_rtstruct_roi(const std::filesystem::path& rtstruct, const std::string& roi_name,
                              const DicomSeriesInfo& series) {
  const auto structure_set = read_structure_set(rtstruct);
  const RoiEntry roi = select_roi(roi_entries(*structure_set), roi_name, rtstruct);
  check_references(*structure_set, roi, series, rtstruct);
  return {roi.name, closed_contours(*structure_set, roi, rtstruct)};
}

Volume<std::uint8_t> read_rtstruct_mask(const std::filesystem::path& rtstruct, const std::string& roi_name,
                                        const Geometry& image_grid, const DicomSeriesInfo& series) {
  const RtstructRoi roi = read_rtstruct_roi(rtstruct, roi_name, series);
  try {
    return rasterise_contours(roi.contours, image_grid);
  } catch (const InputError& e) {
    throw IoError(rtstruct.string() + ": ROI '" + roi.name + "', " + e.what());
  }
}

}  // namespace voxfeat::io
