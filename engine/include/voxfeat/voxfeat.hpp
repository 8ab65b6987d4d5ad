// libvoxfeat's C++ API: RAII and exceptions over the C API (voxfeat.h), so a C++ program links only libvoxfeat.so
// and is insulated from the engine's internals and ABI.
//
//   voxfeat::Extractor x;                                  // default settings
//   for (const auto& f : x.extract_files("ct.nii.gz", "mask.nii.gz")) std::cout << f.name << " " << f.value << "\n";
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "voxfeat/voxfeat.h"

namespace voxfeat {

/// What a C API call reported, with its status (voxfeat_status).
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, const std::string& message) : std::runtime_error(message), m_status(status) {}
  [[nodiscard]] int status() const { return m_status; }

 private:
  int m_status;
};

struct Feature {
  std::string name;
  std::string unit;
  double value;
};

class Extractor {
 public:
  /// Settings as YAML text (empty: the defaults). Throws ApiError for invalid settings.
  explicit Extractor(const std::string& settings_text = "") : m_handle(voxfeat_extractor_create(settings_text.c_str())) {
    if (!m_handle) throw ApiError(VOXFEAT_ERROR_INTERNAL, "voxfeat: out of memory");
    check(voxfeat_extractor_status(m_handle));
  }
  Extractor(const Extractor&) = delete;
  Extractor& operator=(const Extractor&) = delete;
  Extractor(Extractor&& other) noexcept : m_handle(other.m_handle) { other.m_handle = nullptr; }
  Extractor& operator=(Extractor&& other) noexcept {
    std::swap(m_handle, other.m_handle);
    return *this;
  }
  ~Extractor() { voxfeat_extractor_destroy(m_handle); }

  void load_plugin(const std::string& path) { check(voxfeat_extractor_load_plugin(m_handle, path.c_str())); }
  void set_settings(const std::string& text) { check(voxfeat_extractor_set_settings(m_handle, text.c_str())); }

  std::vector<Feature> extract_files(const std::string& image, const std::string& mask) {
    check(voxfeat_extract_files(m_handle, image.c_str(), mask.c_str()));
    return features();
  }
  std::vector<Feature> extract_buffers(const float* image, const std::uint8_t* mask,
                                       const std::array<std::size_t, 3>& size,
                                       const std::array<double, 3>& spacing = {1.0, 1.0, 1.0},
                                       const std::array<double, 3>& origin = {0.0, 0.0, 0.0}) {
    check(voxfeat_extract_buffers(m_handle, image, mask, size.data(), spacing.data(), origin.data()));
    return features();
  }

 private:
  void check(int status) const {
    if (status != VOXFEAT_OK) throw ApiError(status, voxfeat_last_error(m_handle));
  }
  std::vector<Feature> features() const {
    std::vector<Feature> out;
    for (std::size_t i = 0; i < voxfeat_feature_count(m_handle); ++i)
      out.push_back({voxfeat_feature_name(m_handle, i), voxfeat_feature_unit(m_handle, i),
                     voxfeat_feature_value(m_handle, i)});
    return out;
  }

  voxfeat_extractor* m_handle = nullptr;
};

}  // namespace voxfeat
