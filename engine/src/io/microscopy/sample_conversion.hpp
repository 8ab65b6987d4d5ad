#pragma once
// Stored samples (native byte order, as PlaneSource::read_row gives them) to the two types voxfeat computes on:
// float intensities and uint32 labels.
#include <cstddef>
#include <cstdint>
#include <optional>

#include "io/microscopy/plane_reader.hpp"

namespace voxfeat::io::microscopy {

/// Converts `count` samples of `kind` and `bytes` (1, 2, 4 or 8) to float, rounding to nearest where float cannot
/// hold the value (integers above 2^24, float64). Returns the index of the first NaN or infinite value, if any
/// (the rest of `out` is then unspecified).
std::optional<std::size_t> samples_to_float(const std::byte* in, std::size_t count, SampleKind kind,
                                            std::size_t bytes, float* out);

/// Converts `count` integer samples to labels. Returns the index of the first negative value, if any. `kind` must
/// not be floating_point and `bytes` at most 4.
std::optional<std::size_t> samples_to_labels(const std::byte* in, std::size_t count, SampleKind kind,
                                             std::size_t bytes, std::uint32_t* out);

/// Sample `index` as a double, for messages that quote a value.
double sample_value(const std::byte* in, std::size_t index, SampleKind kind, std::size_t bytes);

}  // namespace voxfeat::io::microscopy
