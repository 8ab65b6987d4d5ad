#include "io/microscopy/plane_reader.hpp"

#include <cstdio>
#include <stdexcept>
#include <string>

#include "io/microscopy/plane_source.hpp"
#include "io/microscopy/sample_conversion.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::io::microscopy {
namespace {

std::string pixel_text(std::size_t x, std::size_t y) {
  return "pixel (x " + std::to_string(x) + ", y " + std::to_string(y) + ")";
}

std::string number_text(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", v);  // enough digits for any float, short for integers and 1e300
  return text;
}

}  // namespace

PlaneReader::PlaneReader(std::unique_ptr<PlaneSource> source)
    : m_source(std::move(source)), m_row(m_source->info().width * m_source->sample_bytes()) {}
PlaneReader::PlaneReader(PlaneReader&&) noexcept = default;
PlaneReader& PlaneReader::operator=(PlaneReader&&) noexcept = default;
PlaneReader::~PlaneReader() = default;

PlaneReader PlaneReader::open(const std::filesystem::path& file, const PlaneChoice& choice) {
  return PlaneReader(open_plane_source(file, choice));
}

const PlaneInfo& PlaneReader::info() const { return m_source->info(); }

std::size_t PlaneReader::rows_in(std::size_t y0, std::size_t values) const {
  const PlaneInfo& in = info();
  const std::size_t rows = in.width == 0 ? 0 : values / in.width;
  if (rows * in.width != values || y0 > in.height || rows > in.height - y0)
    throw std::invalid_argument(m_source->path().string() + ": " + std::to_string(values) + " values from row " +
                                std::to_string(y0) + " are not whole rows of a " + std::to_string(in.width) + " × " +
                                std::to_string(in.height) + " image");
  return rows;
}

void PlaneReader::read_rows(std::size_t y0, std::span<float> out) {
  const std::size_t rows = rows_in(y0, out.size());
  const PlaneInfo& in = info();
  for (std::size_t r = 0; r < rows; ++r) {
    m_source->read_row(y0 + r, m_row.data());
    if (const auto bad = samples_to_float(m_row.data(), in.width, in.kind, m_source->sample_bytes(),
                                          out.data() + r * in.width))
      throw InputError(m_source->path().string() + ": " + pixel_text(*bad, y0 + r) + " holds " +
                       number_text(sample_value(m_row.data(), *bad, in.kind, m_source->sample_bytes())) +
                       ", which has no finite float value");
  }
}

void PlaneReader::read_label_rows(std::size_t y0, std::span<std::uint32_t> out) {
  const PlaneInfo& in = info();
  if (in.kind == SampleKind::floating_point)
    throw InputError(m_source->path().string() + ": label image has floating-point values (" +
                     std::to_string(in.bits_per_sample) + "-bit float); labels must be stored as integers");
  if (in.bits_per_sample > 32)
    throw InputError(m_source->path().string() + ": label image has " + std::to_string(in.bits_per_sample) +
                     "-bit samples; labels must fit 32 bits");
  const std::size_t rows = rows_in(y0, out.size());
  for (std::size_t r = 0; r < rows; ++r) {
    m_source->read_row(y0 + r, m_row.data());
    if (const auto bad = samples_to_labels(m_row.data(), in.width, in.kind, m_source->sample_bytes(),
                                           out.data() + r * in.width))
      throw InputError(m_source->path().string() + ": label image has a negative value (" +
                       number_text(sample_value(m_row.data(), *bad, in.kind, m_source->sample_bytes())) + ") at " +
                       pixel_text(*bad, y0 + r));
  }
}

std::vector<float> read_intensity_plane(const std::filesystem::path& file, const PlaneChoice& choice,
                                        PlaneInfo* info) {
  PlaneReader reader = PlaneReader::open(file, choice);
  if (info) *info = reader.info();
  std::vector<float> plane(reader.info().width * reader.info().height);
  reader.read_rows(0, plane);
  return plane;
}

std::vector<std::uint32_t> read_label_plane(const std::filesystem::path& file, const PlaneChoice& choice,
                                            PlaneInfo* info) {
  PlaneReader reader = PlaneReader::open(file, choice);
  if (info) *info = reader.info();
  reader.read_label_rows(0, {});  // no rows: refuses a float image before the plane is allocated
  std::vector<std::uint32_t> plane(reader.info().width * reader.info().height);
  reader.read_label_rows(0, plane);
  return plane;
}

}  // namespace voxfeat::io::microscopy
