#include "io/microscopy/tiff_handle.hpp"

#include <tiffio.h>

#include <cstdarg>
#include <cstdio>

#include "voxfeat/error.hpp"

namespace voxfeat::io::microscopy {

struct TiffHandle::Messages {
  std::string errors;
};

namespace {

constexpr std::size_t max_kept_chars = 2000;  // a corrupt file can make libtiff report the same problem per strip

/// libtiff's per-file error handler: keeps the message, and returns 1 so libtiff does not print it too.
int keep_error(TIFF*, void* user_data, const char* module, const char* format, va_list args) {
  auto* messages = static_cast<TiffHandle::Messages*>(user_data);
  char text[512];
  std::vsnprintf(text, sizeof text, format, args);
  try {  // never let an exception cross libtiff's C frames
    if (messages->errors.size() < max_kept_chars) {
      if (!messages->errors.empty()) messages->errors += "; ";
      if (module && *module) messages->errors += std::string(module) + ": ";
      messages->errors += text;
    }
  } catch (...) {
  }
  return 1;
}

/// Warnings (unknown private tags of ImageJ, Micro-Manager, ...) say nothing about whether the pixels are right.
int drop_warning(TIFF*, void*, const char*, const char*, va_list) { return 1; }

}  // namespace

TiffHandle::TiffHandle(const std::filesystem::path& path, const char* mode)
    : m_path(path), m_messages(std::make_unique<Messages>()) {
  TIFFOpenOptions* options = TIFFOpenOptionsAlloc();
  if (!options) throw IoError(path.string() + ": cannot allocate libtiff options");
  TIFFOpenOptionsSetErrorHandlerExtR(options, keep_error, m_messages.get());
  TIFFOpenOptionsSetWarningHandlerExtR(options, drop_warning, nullptr);
  m_tiff = TIFFOpenExt(path.c_str(), mode, options);
  TIFFOpenOptionsFree(options);
  if (!m_tiff) fail(mode[0] == 'r' ? "not a readable TIFF file" : "cannot create the TIFF file");
}

TiffHandle::~TiffHandle() {
  if (m_tiff) TIFFClose(m_tiff);
}

void TiffHandle::fail(const std::string& what) {
  std::string message = m_path.string() + ": " + what;
  if (!m_messages->errors.empty()) message += " (libtiff: " + m_messages->errors + ")";
  m_messages->errors.clear();
  throw IoError(message);
}

}  // namespace voxfeat::io::microscopy
