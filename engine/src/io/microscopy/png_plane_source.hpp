#pragma once
// PNG planes through libpng. Rows come in file order, so a row before the last one read restarts decoding from the
// top; interlaced (Adam7) images are decoded whole on first use, the only way libpng completes their rows.
#include <cstddef>
#include <memory>
#include <vector>

#include "io/microscopy/plane_source.hpp"
#include "io/microscopy/png_decoding.hpp"

namespace voxfeat::io::microscopy {

class PngPlaneSource final : public PlaneSource {
 public:
  /// Opens the file and applies the channel choice (page, z and t have one entry). IoError / ConfigError naming
  /// the file.
  PngPlaneSource(const std::filesystem::path& file, const PlaneChoice& choice);

  void read_row(std::size_t y, std::byte* out) override;

 private:
  const std::byte* decoded_row(std::size_t y);

  std::unique_ptr<PngDecoder> m_decoder;
  std::size_t m_channel = 0;
  std::size_t m_next_row = 0;          // the row the decoder delivers next
  std::vector<std::byte> m_decoded;    // one row of all channels, or the whole image when interlaced
  bool m_whole_image_loaded = false;
};

}  // namespace voxfeat::io::microscopy
