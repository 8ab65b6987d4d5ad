#include "io/microscopy/png_decoding.hpp"

#include <png.h>

#include <bit>
#include <cstdio>
#include <string>
#include <vector>

#include "voxfeat/error.hpp"

namespace voxfeat::io::microscopy {

struct PngDecoder::Stream {
  std::FILE* file = nullptr;
  png_structp png = nullptr;
  png_infop info = nullptr;
  char message[256] = {};

  // Here rather than in ~PngDecoder, which does not run when its constructor throws.
  ~Stream() {
    if (png) png_destroy_read_struct(&png, info ? &info : nullptr, nullptr);
    if (file) std::fclose(file);
  }
};

namespace {

using Stream = PngDecoder::Stream;

void keep_error_and_jump(png_structp png, png_const_charp message) {
  auto* stream = static_cast<Stream*>(png_get_error_ptr(png));
  std::snprintf(stream->message, sizeof stream->message, "%s", message);
  png_longjmp(png, 1);
}

/// Warnings (an ancillary chunk with a bad CRC or an odd colour profile) say nothing about the pixels.
void drop_warning(png_structp, png_const_charp) {}

// The guarded steps: setjmp, libpng calls, nothing with a destructor.

bool guarded_read_header(Stream* s, PngHeader* header, std::size_t* row_bytes) {
  if (setjmp(png_jmpbuf(s->png))) return false;
  png_init_io(s->png, s->file);
  png_read_info(s->png, s->info);
  const int bit_depth = png_get_bit_depth(s->png, s->info);
  if (bit_depth < 8) png_set_packing(s->png);
  if (bit_depth == 16 && std::endian::native == std::endian::little) png_set_swap(s->png);  // PNG is big-endian
  const bool interlaced = png_get_interlace_type(s->png, s->info) != PNG_INTERLACE_NONE;
  if (interlaced) png_set_interlace_handling(s->png);
  png_read_update_info(s->png, s->info);
  header->width = png_get_image_width(s->png, s->info);
  header->height = png_get_image_height(s->png, s->info);
  header->bit_depth = bit_depth;
  header->channels = png_get_channels(s->png, s->info);
  header->interlaced = interlaced;
  *row_bytes = png_get_rowbytes(s->png, s->info);
  return true;
}

bool guarded_read_row(Stream* s, png_bytep row) {
  if (setjmp(png_jmpbuf(s->png))) return false;
  png_read_row(s->png, row, nullptr);
  return true;
}

bool guarded_read_image(Stream* s, png_bytepp rows) {
  if (setjmp(png_jmpbuf(s->png))) return false;
  png_read_image(s->png, rows);
  return true;
}

bool guarded_read_end(Stream* s) {
  if (setjmp(png_jmpbuf(s->png))) return false;
  png_read_end(s->png, nullptr);
  return true;
}

}  // namespace

PngDecoder::PngDecoder(const std::filesystem::path& path) : m_path(path), m_stream(std::make_unique<Stream>()) {
  Stream& s = *m_stream;
  s.file = std::fopen(path.c_str(), "rb");
  if (!s.file) throw IoError(path.string() + ": cannot open for reading");
  s.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &s, keep_error_and_jump, drop_warning);
  if (s.png) s.info = png_create_info_struct(s.png);
  if (!s.png || !s.info) throw IoError(path.string() + ": cannot allocate libpng's decoder");
  if (!guarded_read_header(&s, &m_header, &m_row_bytes)) fail("not a readable PNG file");
}

PngDecoder::~PngDecoder() = default;

void PngDecoder::read_next_row(std::byte* row) {
  if (!guarded_read_row(m_stream.get(), reinterpret_cast<png_bytep>(row)))
    fail("cannot read the image data (corrupt or truncated file)");
}

void PngDecoder::read_image(std::byte* image) {
  std::vector<png_bytep> rows(m_header.height);
  for (std::size_t y = 0; y < rows.size(); ++y) rows[y] = reinterpret_cast<png_bytep>(image + y * m_row_bytes);
  if (!guarded_read_image(m_stream.get(), rows.data())) fail("cannot read the image data (corrupt or truncated file)");
}

void PngDecoder::finish() {
  if (!guarded_read_end(m_stream.get())) fail("corrupt or truncated after the image data");
}

void PngDecoder::fail(const char* what) const {
  std::string message = m_path.string() + ": " + what;
  if (m_stream->message[0]) message += std::string(" (libpng: ") + m_stream->message + ")";
  throw IoError(message);
}

}  // namespace voxfeat::io::microscopy
