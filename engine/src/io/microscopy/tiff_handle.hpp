#pragma once
// An open libtiff file whose error messages are kept with it instead of printed: libtiff's per-file handlers
// (TIFFOpenExt, libtiff ≥ 4.5) make this thread-safe without touching libtiff's process-wide handlers, which other
// libraries in the process (ITK's TIFF reader) rely on.
#include <filesystem>
#include <memory>
#include <string>

struct tiff;  // libtiff's TIFF

namespace voxfeat::io::microscopy {

class TiffHandle {
 public:
  /// Opens the file for reading ("rm": without libtiff's memory mapping, so that a band-by-band read of a 1 GB file
  /// keeps only its bands resident), or creates it for writing ("w"; "w8": BigTIFF). Throws IoError naming the
  /// file and libtiff's reason when libtiff refuses it.
  explicit TiffHandle(const std::filesystem::path& path, const char* mode = "rm");
  ~TiffHandle();
  TiffHandle(const TiffHandle&) = delete;
  TiffHandle& operator=(const TiffHandle&) = delete;

  tiff* get() const { return m_tiff; }

  /// Throws IoError "<file>: <what>: <libtiff's messages since the last failure>".
  [[noreturn]] void fail(const std::string& what);

  struct Messages;  // what libtiff reported; lives at a fixed address that libtiff holds

 private:
  std::filesystem::path m_path;
  std::unique_ptr<Messages> m_messages;
  tiff* m_tiff = nullptr;
};

}  // namespace voxfeat::io::microscopy
