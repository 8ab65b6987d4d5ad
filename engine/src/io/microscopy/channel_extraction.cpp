#include "io/microscopy/channel_extraction.hpp"

#include <cstring>

namespace voxfeat::io::microscopy {

void extract_channel(const std::byte* in, std::size_t pixels, std::size_t samples_per_pixel, std::size_t channel,
                     int bits, std::byte* out) {
  if (bits < 8) {
    const unsigned mask = (1u << bits) - 1u;
    for (std::size_t x = 0; x < pixels; ++x) {
      const std::size_t bit = (x * samples_per_pixel + channel) * std::size_t(bits);
      const unsigned byte = std::to_integer<unsigned>(in[bit / 8]);
      out[x] = std::byte((byte >> (8 - bits - int(bit % 8))) & mask);
    }
    return;
  }
  const std::size_t bytes = std::size_t(bits) / 8;
  if (samples_per_pixel == 1) {
    std::memcpy(out, in, pixels * bytes);
    return;
  }
  const std::byte* from = in + channel * bytes;
  for (std::size_t x = 0; x < pixels; ++x, from += samples_per_pixel * bytes, out += bytes)
    std::memcpy(out, from, bytes);
}

}  // namespace voxfeat::io::microscopy
