#pragma once
// libpng behind an exception-throwing interface. libpng reports errors by longjmp; every libpng call here runs in
// one small function that holds the setjmp and no object with a destructor, so a longjmp never skips a destructor,
// and returns false with libpng's message, which PngDecoder turns into an IoError naming the file.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>

namespace voxfeat::io::microscopy {

struct PngHeader {
  std::size_t width = 0, height = 0;
  int bit_depth = 8;  ///< as stored: 1, 2, 4, 8 or 16
  int channels = 1;   ///< 1 gray or palette index, 2 gray + alpha, 3 RGB, 4 RGBA
  bool interlaced = false;
};

class PngDecoder {
 public:
  /// Opens the file and reads up to the image data. Rows then come with one byte per sample below 8 bits (the
  /// stored value, not rescaled), 16-bit samples in native byte order, palette images as their indices.
  explicit PngDecoder(const std::filesystem::path& path);
  ~PngDecoder();
  PngDecoder(const PngDecoder&) = delete;
  PngDecoder& operator=(const PngDecoder&) = delete;

  const PngHeader& header() const { return m_header; }
  std::size_t row_bytes() const { return m_row_bytes; }

  /// The next row, all channels (non-interlaced images).
  void read_next_row(std::byte* row);
  /// Every row, row_bytes() apart (interlaced images, whose rows are complete only after the last pass).
  void read_image(std::byte* image);
  /// Reads the rest of the file to its IEND chunk, so that a file cut just after its image data is refused too.
  void finish();

  struct Stream;  // libpng's state with the message of its last error

 private:
  [[noreturn]] void fail(const char* what) const;

  std::filesystem::path m_path;
  std::unique_ptr<Stream> m_stream;
  PngHeader m_header;
  std::size_t m_row_bytes = 0;
};

}  // namespace voxfeat::io::microscopy
