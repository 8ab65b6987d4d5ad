// DICOM-SEG → mask: DCMTK dcmseg reads segments, frames and their functional groups; each frame is placed on the
// image grid by its plane position (seg_frame_placement). Rules in docs/dicom-masks.md.
#include "dcmtk/config/osconfig.h"  // first, as DCMTK requires
#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmfg/fginterface.h"
#include "dcmtk/dcmfg/fgpixmsr.h"
#include "dcmtk/dcmfg/fgplanor.h"
#include "dcmtk/dcmfg/fgplanpo.h"
#include "dcmtk/dcmfg/fgseg.h"
#include "dcmtk/dcmseg/segdoc.h"
#include "dcmtk/dcmseg/segment.h"
#include "dcmtk/dcmseg/segutils.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "io/dcmtk_loading.hpp"
#include "io/dicom_mask.hpp"
#include "io/dicom_mask_parts.hpp"
#include "io/seg_frame_placement.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::io {
namespace {

struct LoadedSeg {
  std::unique_ptr<DcmFileFormat> file;  ///< owns the dataset the segmentation was read from
  std::unique_ptr<DcmSegmentation> segmentation;
};

LoadedSeg load_seg(const std::filesystem::path& path) {
  LoadedSeg seg;
  seg.file = load_dicom_file(path);
  if (sop_class_uid(*seg.file) != UID_SegmentationStorage)
    throw IoError(path.string() + ": is not a DICOM-SEG (Segmentation Storage) file");
  DcmSegmentation* segmentation = nullptr;
  const OFCondition status = DcmSegmentation::loadDataset(*seg.file->getDataset(), segmentation);
  seg.segmentation.reset(segmentation);
  if (status.bad() || !segmentation) throw IoError(path.string() + ": unreadable DICOM-SEG: " + status.text());
  return seg;
}

std::string label_of(DcmSegmentation& segmentation, std::size_t number) {
  DcmSegment* segment = segmentation.getSegment(number);
  OFString label;
  if (segment) segment->getSegmentLabel(label);
  return std::string(label.c_str());
}

std::vector<std::string> entries_of(DcmSegmentation& segmentation) {
  std::vector<std::string> entries;
  for (std::size_t s = 1; s <= segmentation.getNumberOfSegments(); ++s)
    entries.push_back(std::to_string(s) + ": " + label_of(segmentation, s));
  return entries;
}

/// Selector rule: empty → the only segment; only digits → a segment number; anything else → an exact label.
std::size_t select_segment(DcmSegmentation& segmentation, const std::string& selector,
                           const std::filesystem::path& path) {
  const std::size_t count = segmentation.getNumberOfSegments();
  const std::string present = join_names(entries_of(segmentation));
  if (selector.empty()) {
    if (count == 1) return 1;
    throw IoError(path.string() + ": holds " + std::to_string(count) + " segments (" + present +
                  "); give a segment number or label");
  }
  if (std::all_of(selector.begin(), selector.end(), [](unsigned char c) { return std::isdigit(c); })) {
    const unsigned long number = selector.size() <= 6 ? std::stoul(selector) : 0;
    if (number >= 1 && number <= count) return number;
    throw IoError(path.string() + ": no segment number " + selector + "; the file holds: " + present);
  }
  std::vector<std::size_t> matches;
  for (std::size_t s = 1; s <= count; ++s)
    if (label_of(segmentation, s) == selector) matches.push_back(s);
  if (matches.empty())
    throw IoError(path.string() + ": no segment labelled '" + selector + "'; the file holds: " + present);
  if (matches.size() > 1)
    throw IoError(path.string() + ": several segments are labelled '" + selector + "' (" + present +
                  "); give the segment number");
  return matches.front();
}

/// Same frame of reference as the image series and, when the SEG lists its source series, this one among them.
/// Empty fields of `series` are unknown and not checked; UIDs never appear in messages (they identify the study).
void check_references(DcmDataset& dataset, const DicomSeriesInfo& series, const std::filesystem::path& path) {
  if (!series.frame_of_reference_uid.empty() &&
      string_of(dataset, DCM_FrameOfReferenceUID) != series.frame_of_reference_uid)
    throw IoError(path.string() +
                  ": the segmentation references another frame of reference than the image series "
                  "(it was drawn on other images)");
  if (series.series_instance_uid.empty()) return;
  std::vector<std::string> referenced;
  DcmItem* item = nullptr;
  for (unsigned long n = 0; dataset.findAndGetSequenceItem(DCM_ReferencedSeriesSequence, item, long(n)).good(); ++n)
    referenced.push_back(string_of(*item, DCM_SeriesInstanceUID));
  if (!referenced.empty() &&
      std::find(referenced.begin(), referenced.end(), series.series_instance_uid) == referenced.end())
    throw IoError(path.string() + ": the segmentation references another image series than the one given");
}

template <class Group>
Group* group_of(FGInterface& groups, std::size_t frame, DcmFGTypes::E_FGType type) {
  return dynamic_cast<Group*>(groups.get(Uint32(frame), type));
}

FramePlane plane_of(FGInterface& groups, std::size_t frame, std::size_t rows, std::size_t columns) {
  auto* position = group_of<FGPlanePosPatient>(groups, frame, DcmFGTypes::EFG_PLANEPOSPATIENT);
  auto* orientation = group_of<FGPlaneOrientationPatient>(groups, frame, DcmFGTypes::EFG_PLANEORIENTPATIENT);
  auto* measures = group_of<FGPixelMeasures>(groups, frame, DcmFGTypes::EFG_PIXELMEASURES);
  FramePlane plane;
  plane.rows = rows;
  plane.columns = columns;
  auto& p = plane.position;
  auto& o = plane.orientation;
  if (!position || position->getImagePositionPatient(p[0], p[1], p[2]).bad())
    throw InputError("has no plane position (ImagePositionPatient)");
  if (!orientation || orientation->getImageOrientationPatient(o[0], o[1], o[2], o[3], o[4], o[5]).bad())
    throw InputError("has no plane orientation (ImageOrientationPatient)");
  if (!measures || measures->getPixelSpacing(plane.row_spacing, 0).bad() ||
      measures->getPixelSpacing(plane.column_spacing, 1).bad())
    throw InputError("has no pixel spacing");
  return plane;
}

/// The frame's pixels as one byte each: DCMTK keeps binary frames packed 1 bit per pixel (first pixel in the lowest
/// bit, as DICOM stores them).
std::vector<std::uint8_t> pixels_of(DcmSegmentation& segmentation, std::size_t frame, std::size_t rows,
                                    std::size_t columns) {
  const DcmIODTypes::Frame* stored = segmentation.getFrame(frame);
  const std::size_t count = rows * columns;
  if (!stored || !stored->pixData) throw InputError("has no pixel data");
  if (stored->length == count) return {stored->pixData, stored->pixData + count};
  if (segmentation.getSegmentationType() != DcmSegTypes::ST_BINARY ||
      stored->length != DcmSegUtils::getBytesForBinaryFrame(count))
    throw InputError("has " + std::to_string(stored->length) + " bytes of pixel data for " + std::to_string(count) +
                     " pixels");
  std::unique_ptr<DcmIODTypes::Frame> unpacked(DcmSegUtils::unpackBinaryFrame(stored, Uint16(rows), Uint16(columns)));
  if (!unpacked) throw InputError("could not be unpacked");
  return {unpacked->pixData, unpacked->pixData + count};
}

}  // namespace

std::vector<std::string> seg_segment_entries(const std::filesystem::path& seg) {
  return entries_of(*load_seg(seg).segmentation);
}

Volume<std::uint8_t> read_seg_mask(const std::filesystem::path& seg_path, const std::string& segment,
                                   const Geometry& image_grid, const DicomSeriesInfo& series) {
  LoadedSeg seg = load_seg(seg_path);
  DcmSegmentation& segmentation = *seg.segmentation;
  DcmDataset& dataset = *seg.file->getDataset();
  const std::size_t selected = select_segment(segmentation, segment, seg_path);
  check_references(dataset, series, seg_path);

  Uint16 rows = 0, columns = 0;
  dataset.findAndGetUint16(DCM_Rows, rows);
  dataset.findAndGetUint16(DCM_Columns, columns);
  // Fractional segments (probability or occupancy) are cut at half their maximum: a voxel is in when value ≥ max/2.
  unsigned threshold = 1;
  if (segmentation.getSegmentationType() == DcmSegTypes::ST_FRACTIONAL) {
    Uint16 maximum = 0;
    if (dataset.findAndGetUint16(DCM_MaximumFractionalValue, maximum).bad() || maximum == 0)
      throw IoError(seg_path.string() + ": fractional segmentation without a MaximumFractionalValue");
    threshold = (unsigned(maximum) + 1) / 2;
  }

  // Every segment is placed, not only the selected one: voxfeat treats a SEG as a label map, and a voxel claimed
  // by two segments means the file is not one (see docs/dicom-masks.md).
  const GridIndexMap map(image_grid);
  const std::size_t nx = image_grid.size[0], ny = image_grid.size[1];
  Volume<std::uint16_t> owner(image_grid, 0);
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> overlaps;
  FGInterface& groups = segmentation.getFunctionalGroups();
  for (std::size_t f = 0; f < segmentation.getNumberOfFrames(); ++f) {
    try {
      auto* identification = group_of<FGSegmentation>(groups, f, DcmFGTypes::EFG_SEGMENTATION);
      Uint16 number = 0;
      if (!identification || identification->getReferencedSegmentNumber(number).bad())
        throw InputError("names no segment (SegmentIdentificationSequence)");
      if (number < 1 || number > segmentation.getNumberOfSegments())
        throw InputError("refers to segment " + std::to_string(number) + ", which the file does not define");
      const FramePlacement at = place_frame(plane_of(groups, f, rows, columns), map, image_grid);
      const std::vector<std::uint8_t> pixels = pixels_of(segmentation, f, rows, columns);
      std::size_t outside = 0;
      for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < columns; ++c) {
          if (pixels[r * columns + c] < threshold) continue;
          const std::ptrdiff_t x = at.column_offset + std::ptrdiff_t(c), y = at.row_offset + std::ptrdiff_t(r);
          if (x < 0 || y < 0 || std::size_t(x) >= nx || std::size_t(y) >= ny) {
            ++outside;
            continue;
          }
          std::uint16_t& claimed = owner(std::size_t(x), std::size_t(y), at.slice);
          if (claimed == 0)
            claimed = number;
          else if (claimed != number)
            ++overlaps[{std::min<std::size_t>(claimed, number), std::max<std::size_t>(claimed, number)}];
        }
      if (outside > 0) throw InputError("has " + std::to_string(outside) + " segment pixels outside the image");
    } catch (const InputError& e) {
      throw IoError(seg_path.string() + ": frame " + std::to_string(f + 1) + " " + e.what());
    }
  }
  if (!overlaps.empty()) {
    const auto& [pair, voxels] = *overlaps.begin();
    throw IoError(seg_path.string() + ": segments " + std::to_string(pair.first) + " and " +
                  std::to_string(pair.second) + " overlap at " + std::to_string(voxels) +
                  " voxels; voxfeat reads a SEG whose segments are disjoint");
  }
  Volume<std::uint8_t> mask(image_grid, 0);
  for (std::size_t i = 0; i < mask.voxel_count(); ++i) mask.data()[i] = owner.data()[i] == selected ? 1 : 0;
  return mask;
}

}  // namespace voxfeat::io
