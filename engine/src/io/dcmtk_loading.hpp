#pragma once
// Loading DICOM files with DCMTK for the mask readers. DCMTK's warnings are silenced: dcmrt prints a "W:" line for
// every optional attribute an RTSTRUCT lacks, and real failures come back to us as OFCondition, which become an
// IoError naming the file.
#include "dcmtk/config/osconfig.h"  // DCMTK wants its configuration first (TOOLCHAIN.md, trap 5)
#include "dcmtk/dcmdata/dcfilefo.h"

#include <filesystem>
#include <memory>
#include <string>

namespace voxfeat::io {

/// Raises DCMTK's logging threshold to errors (once per process, for every dcmtk.* logger without its own level).
void quiet_dcmtk_warnings();

/// The file's meta header and dataset (large values such as pixel data are read on first use). Throws IoError
/// naming the file when it does not exist or DCMTK cannot parse it.
std::unique_ptr<DcmFileFormat> load_dicom_file(const std::filesystem::path& path);

/// SOP Class UID: the meta header's (0002,0002), else the dataset's (0008,0016); empty when neither is present.
std::string sop_class_uid(DcmFileFormat& file);

/// A string attribute of `item` (all values, backslash-separated), empty when absent.
std::string string_of(DcmItem& item, const DcmTagKey& tag);

}  // namespace voxfeat::io
