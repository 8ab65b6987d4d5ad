#include "io/microscopy/png_plane_source.hpp"

#include "io/microscopy/channel_extraction.hpp"
#include "io/microscopy/dimension_choice.hpp"

namespace voxfeat::io::microscopy {

PngPlaneSource::PngPlaneSource(const std::filesystem::path& file, const PlaneChoice& choice)
    : PlaneSource(file), m_decoder(std::make_unique<PngDecoder>(file)) {
  const PngHeader& h = m_decoder->header();
  m_info.format = "PNG";
  m_info.width = h.width;
  m_info.height = h.height;
  m_info.kind = SampleKind::unsigned_integer;
  m_info.bits_per_sample = h.bit_depth;
  m_info.channels = std::size_t(h.channels);
  choose_index(m_path, Dimension::page, choice.page, 1);
  choose_index(m_path, Dimension::z, choice.z, 1);
  choose_index(m_path, Dimension::t, choice.t, 1);
  m_channel = choose_index(m_path, Dimension::channel, choice.channel, m_info.channels);
  m_decoded.resize(m_decoder->row_bytes() * (h.interlaced ? h.height : 1));
}

const std::byte* PngPlaneSource::decoded_row(std::size_t y) {
  const std::size_t height = m_info.height;
  if (m_decoder->header().interlaced) {
    if (!m_whole_image_loaded) {
      m_decoder->read_image(m_decoded.data());
      m_decoder->finish();
      m_whole_image_loaded = true;
    }
    return m_decoded.data() + y * m_decoder->row_bytes();
  }
  if (y < m_next_row) {  // libpng only goes forward: start again
    m_decoder = std::make_unique<PngDecoder>(m_path);
    m_next_row = 0;
  }
  for (; m_next_row <= y; ++m_next_row) m_decoder->read_next_row(m_decoded.data());
  if (m_next_row == height) m_decoder->finish();
  return m_decoded.data();
}

void PngPlaneSource::read_row(std::size_t y, std::byte* out) {
  extract_channel(decoded_row(y), m_info.width, m_info.channels, m_channel,
                  m_info.bits_per_sample < 8 ? 8 : m_info.bits_per_sample, out);
}

}  // namespace voxfeat::io::microscopy
