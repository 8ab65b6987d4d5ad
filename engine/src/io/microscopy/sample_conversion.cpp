#include "io/microscopy/sample_conversion.hpp"

#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <type_traits>

namespace voxfeat::io::microscopy {
namespace {

template <class T>
T load(const std::byte* in, std::size_t index) {
  T v;
  std::memcpy(&v, in + index * sizeof(T), sizeof(T));  // rows carry no alignment promise
  return v;
}

/// Calls f(T{}) with T the C++ type of the stored sample: one dispatch per row, a tight loop per type.
template <class F>
decltype(auto) with_sample_type(SampleKind kind, std::size_t bytes, F&& f) {
  switch (kind) {
    case SampleKind::unsigned_integer:
      if (bytes == 1) return f(std::uint8_t{});
      if (bytes == 2) return f(std::uint16_t{});
      if (bytes == 4) return f(std::uint32_t{});
      break;
    case SampleKind::signed_integer:
      if (bytes == 1) return f(std::int8_t{});
      if (bytes == 2) return f(std::int16_t{});
      if (bytes == 4) return f(std::int32_t{});
      break;
    case SampleKind::floating_point:
      if (bytes == 4) return f(float{});
      if (bytes == 8) return f(double{});
      break;
  }
  // The format readers refuse every other layout when the file is opened.
  throw std::logic_error("microscopy sample conversion: unsupported sample layout");
}

}  // namespace

std::optional<std::size_t> samples_to_float(const std::byte* in, std::size_t count, SampleKind kind,
                                            std::size_t bytes, float* out) {
  return with_sample_type(kind, bytes, [&](auto zero) -> std::optional<std::size_t> {
    using T = decltype(zero);
    if constexpr (std::is_floating_point_v<T>) {
      for (std::size_t i = 0; i < count; ++i) {
        const T v = load<T>(in, i);
        // A float64 beyond float's range has no float value (the cast would be undefined): refused like NaN.
        if (!std::isfinite(v) || std::fabs(v) > T(std::numeric_limits<float>::max())) return i;
        out[i] = static_cast<float>(v);
      }
    } else {
      for (std::size_t i = 0; i < count; ++i) out[i] = static_cast<float>(load<T>(in, i));
    }
    return std::nullopt;
  });
}

std::optional<std::size_t> samples_to_labels(const std::byte* in, std::size_t count, SampleKind kind,
                                             std::size_t bytes, std::uint32_t* out) {
  if (kind == SampleKind::floating_point) throw std::logic_error("microscopy labels: floating-point samples");
  return with_sample_type(kind, bytes, [&](auto zero) -> std::optional<std::size_t> {
    using T = decltype(zero);
    if constexpr (std::is_floating_point_v<T>) {
      return std::nullopt;  // not reached (refused above); keeps the instantiation well-formed
    } else {
      for (std::size_t i = 0; i < count; ++i) {
        const T v = load<T>(in, i);
        if constexpr (std::is_signed_v<T>) {
          if (v < 0) return i;
        }
        out[i] = static_cast<std::uint32_t>(v);
      }
      return std::nullopt;
    }
  });
}

double sample_value(const std::byte* in, std::size_t index, SampleKind kind, std::size_t bytes) {
  return with_sample_type(kind, bytes, [&](auto zero) { return static_cast<double>(load<decltype(zero)>(in, index)); });
}

}  // namespace voxfeat::io::microscopy
