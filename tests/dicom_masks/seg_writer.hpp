#pragma once
// Writes DICOM-SEG files on the CT phantom's grid with DCMTK dcmseg, the way a segmentation tool would: one frame
// per segment and slice that holds any of it (empty frames left out, as highdicom does), placed by the slice's
// ImagePositionPatient, patient/study/frame of reference taken over from the first image slice.
#include "dcmtk/config/osconfig.h"  // first, as DCMTK requires
#include "dcmtk/dcmdata/dcuid.h"
#include "dcmtk/dcmfg/fgfracon.h"
#include "dcmtk/dcmfg/fgpixmsr.h"
#include "dcmtk/dcmfg/fgplanor.h"
#include "dcmtk/dcmfg/fgplanpo.h"
#include "dcmtk/dcmseg/segdoc.h"
#include "dcmtk/dcmseg/segment.h"

#include <memory>
#include <sstream>

#include "ct_phantom_dicom.hpp"

namespace voxfeat::test {

struct SegSegment {
  std::string label;
  const Volume<std::uint8_t>* mask = nullptr;  ///< on phantom_series().grid
};

struct SegOptions {
  bool fractional = false;  ///< probability SEG, maximum 255; mask voxels 128, `faint` voxels 127
  const Volume<std::uint8_t>* faint = nullptr;
  std::string frame_of_reference_uid;  ///< empty: the image series'
  Vec3 position_shift{0, 0, 0};        ///< added to every frame's ImagePositionPatient (mm)
};

inline std::string ds_text(double v) {
  std::ostringstream out;
  out.precision(14);
  out << v;
  return out.str();
}

inline void check(const OFCondition& status, const std::string& what) {
  if (status.bad()) throw std::runtime_error(what + ": " + status.text());
}

inline void write_phantom_seg(const std::filesystem::path& target, const std::vector<SegSegment>& segments,
                              const SegOptions& options = {}) {
  const PhantomSeries& series = phantom_series();
  const Geometry& g = series.grid;
  const auto rows = Uint16(g.size[1]), columns = Uint16(g.size[0]);
  const IODGeneralEquipmentModule::EquipmentInfo equipment("voxfeat tests", "seg_writer", "1", "0.1");
  const ContentIdentificationMacro content("1", "MASKS", "voxfeat test segmentation", "voxfeat");
  DcmSegmentation* created = nullptr;
  if (options.fractional)
    check(DcmSegmentation::createFractionalSegmentation(created, rows, columns, DcmSegTypes::SFT_PROBABILITY, 255,
                                                        equipment, content),
          "create fractional SEG");
  else
    check(DcmSegmentation::createBinarySegmentation(created, rows, columns, equipment, content), "create SEG");
  std::unique_ptr<DcmSegmentation> seg(created);
  check(seg->importFromSourceImage(series.slice_files.front().c_str()), "import patient/study/frame of reference");
  check(seg->getSeries().setSeriesNumber("900"), "series number");
  if (!options.frame_of_reference_uid.empty())
    check(seg->getFrameOfReference().setFrameOfReferenceUID(options.frame_of_reference_uid.c_str()), "set FoR");

  // Shared groups: pixel spacing (row spacing first, as DICOM orders it) and the slices' orientation.
  FGPixelMeasures measures;
  check(measures.setPixelSpacing((ds_text(g.spacing[1]) + "\\" + ds_text(g.spacing[0])).c_str()), "spacing");
  check(measures.setSliceThickness(ds_text(g.spacing[2]).c_str()), "thickness");
  check(seg->addForAllFrames(measures), "add pixel measures");
  FGPlaneOrientationPatient orientation;
  const auto& d = g.direction;
  check(orientation.setImageOrientationPatient(ds_text(d[0]).c_str(), ds_text(d[3]).c_str(), ds_text(d[6]).c_str(),
                                               ds_text(d[1]).c_str(), ds_text(d[4]).c_str(), ds_text(d[7]).c_str()),
        "orientation");
  check(seg->addForAllFrames(orientation), "add orientation");

  for (const SegSegment& s : segments) {
    DcmSegment* segment = nullptr;
    check(DcmSegment::create(segment, s.label.c_str(), CodeSequenceMacro("85756007", "SCT", "Tissue"),
                             CodeSequenceMacro("108369006", "SCT", "Neoplasm"), DcmSegTypes::SAT_MANUAL),
          "create segment");
    Uint16 number = 0;
    check(seg->addSegment(segment, number), "add segment");
    for (std::size_t k = 0; k < g.size[2]; ++k) {
      std::vector<Uint8> pixels(std::size_t(rows) * columns, 0);
      bool any = false;
      for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t c = 0; c < columns; ++c) {
          Uint8 value = (*s.mask)(c, r, k) ? (options.fractional ? 128 : 1) : 0;
          if (!value && options.faint && (*options.faint)(c, r, k)) value = 127;
          pixels[r * columns + c] = value;
          any = any || value;
        }
      if (!any) continue;
      FGPlanePosPatient position;
      const Vec3& p = series.slice_positions[k];
      check(position.setImagePositionPatient(ds_text(p[0] + options.position_shift[0]).c_str(),
                                             ds_text(p[1] + options.position_shift[1]).c_str(),
                                             ds_text(p[2] + options.position_shift[2]).c_str()),
            "position");
      FGFrameContent frame_content;
      check(frame_content.setDimensionIndexValues(number, 0), "dimension index");
      check(frame_content.setDimensionIndexValues(Uint32(k + 1), 1), "dimension index");
      OFVector<FGBase*> per_frame;
      per_frame.push_back(&position);
      per_frame.push_back(&frame_content);
      check(seg->addFrame(pixels.data(), number, per_frame), "add frame");
    }
  }
  // Dimensions as SEG writers usually declare them: segment number, then position.
  char organization[100];
  dcmGenerateUniqueIdentifier(organization);
  IODMultiframeDimensionModule& dimensions = seg->getDimensions();
  check(dimensions.addDimensionIndex(DCM_ReferencedSegmentNumber, organization, DCM_SegmentIdentificationSequence,
                                     "Segment"),
        "segment dimension");
  check(dimensions.addDimensionIndex(DCM_ImagePositionPatient, organization, DCM_PlanePositionSequence, "Position"),
        "position dimension");
  auto item = std::make_unique<IODMultiframeDimensionModule::DimensionOrganizationItem>();
  check(item->setDimensionOrganizationUID(organization), "dimension organization");
  dimensions.getDimensionOrganizationSequence().push_back(item.release());
  check(seg->saveFile(target.c_str(), EXS_LittleEndianExplicit), "save SEG " + target.string());
}

}  // namespace voxfeat::test
