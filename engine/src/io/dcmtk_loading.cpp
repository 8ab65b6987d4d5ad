#include "io/dcmtk_loading.hpp"

#include "dcmtk/dcmdata/dcdeftag.h"
#include "dcmtk/dcmdata/dcmetinf.h"
#include "dcmtk/oflog/oflog.h"

#include <mutex>

#include "voxfeat/error.hpp"

namespace voxfeat::io {

void quiet_dcmtk_warnings() {
  static std::once_flag once;
  // Only the level of the "dcmtk" parent logger: an application that configured DCMTK logging itself keeps its
  // appenders, and a module logger given its own level keeps it.
  std::call_once(once, [] { OFLog::getLogger("dcmtk").setLogLevel(OFLogger::ERROR_LOG_LEVEL); });
}

std::unique_ptr<DcmFileFormat> load_dicom_file(const std::filesystem::path& path) {
  quiet_dcmtk_warnings();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw IoError(path.string() + (std::filesystem::exists(path, ec) ? ": is not a file" : ": file does not exist"));
  auto file = std::make_unique<DcmFileFormat>();
  const OFCondition status = file->loadFile(path.c_str());
  if (status.bad()) throw IoError(path.string() + ": not readable as DICOM: " + status.text());
  return file;
}

std::string sop_class_uid(DcmFileFormat& file) {
  std::string uid = string_of(*file.getMetaInfo(), DCM_MediaStorageSOPClassUID);
  return uid.empty() ? string_of(*file.getDataset(), DCM_SOPClassUID) : uid;
}

std::string string_of(DcmItem& item, const DcmTagKey& tag) {
  OFString value;
  if (item.findAndGetOFStringArray(tag, value).bad()) return {};
  return std::string(value.c_str());
}

}  // namespace voxfeat::io
