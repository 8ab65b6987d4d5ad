// The C API of libvoxfeat (engine/include/voxfeat/voxfeat.h): thin shims over the engine that catch everything, so
// that no C++ exception crosses into C, and keep the message on the handle.
#include "voxfeat/voxfeat.h"

#include <cmath>
#include <algorithm>
#include <exception>
#include <limits>
#include <memory>
#include <new>
#include <string>

#include "extraction/extractor.hpp"
#include "plugin/plugin_loader.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/registry.hpp"
#include "voxfeat/settings.hpp"
#include "voxfeat/version.hpp"

struct voxfeat_extractor {
  voxfeat::Registry registry = voxfeat::Registry::with_builtin_families();
  std::unique_ptr<voxfeat::Settings> settings;
  voxfeat::detail::FeatureRow row;
  std::string error;
  int status = VOXFEAT_OK;
};

namespace {

/// Runs `body` on `x`, turning every exception into a status and the handle's message.
template <class Body>
int guarded(voxfeat_extractor* x, Body&& body) {
  if (!x) return VOXFEAT_ERROR_ARGUMENT;
  try {
    x->error.clear();
    body();
    return VOXFEAT_OK;
  } catch (const voxfeat::ConfigError& e) {
    x->error = e.what();
    return VOXFEAT_ERROR_SETTINGS;
  } catch (const voxfeat::KeyError& e) {
    x->error = e.what();
    return VOXFEAT_ERROR_SETTINGS;
  } catch (const voxfeat::Error& e) {
    x->error = e.what();
    return VOXFEAT_ERROR_INPUT;
  } catch (const std::invalid_argument& e) {
    x->error = e.what();
    return VOXFEAT_ERROR_ARGUMENT;
  } catch (const std::bad_alloc&) {
    x->error = "out of memory";
    return VOXFEAT_ERROR_INTERNAL;
  } catch (const std::exception& e) {
    x->error = e.what();
    return VOXFEAT_ERROR_INTERNAL;
  } catch (...) {
    x->error = "unknown error";
    return VOXFEAT_ERROR_INTERNAL;
  }
}

void set_settings(voxfeat_extractor* x, const char* text) {
  auto settings = std::make_unique<voxfeat::Settings>(
      text && *text ? voxfeat::Settings::parse(text, x->registry, "settings text")
                    : voxfeat::Settings::defaults(x->registry));
  voxfeat::detail::require_roi_families(*settings, x->registry);
  x->settings = std::move(settings);
}

void require_settings(const voxfeat_extractor* x) {
  if (!x->settings) throw voxfeat::ConfigError("the extractor has no usable settings: " + x->error);
}

}  // namespace

extern "C" {

uint32_t voxfeat_c_api_version(void) { return VOXFEAT_C_API_VERSION; }
const char* voxfeat_version(void) { return VOXFEAT_VERSION_STRING; }

voxfeat_extractor* voxfeat_extractor_create(const char* settings_text) {
  voxfeat_extractor* x = new (std::nothrow) voxfeat_extractor;
  if (!x) return nullptr;
  x->status = guarded(x, [&] { set_settings(x, settings_text); });
  return x;
}

int voxfeat_extractor_status(const voxfeat_extractor* x) { return x ? x->status : VOXFEAT_ERROR_ARGUMENT; }

void voxfeat_extractor_destroy(voxfeat_extractor* x) { delete x; }

int voxfeat_extractor_load_plugin(voxfeat_extractor* x, const char* path) {
  return guarded(x, [&] {
    if (!path) throw std::invalid_argument("voxfeat_extractor_load_plugin: no path");
    voxfeat::detail::load_plugins({path}, x->registry);
  });
}

int voxfeat_extractor_set_settings(voxfeat_extractor* x, const char* settings_text) {
  const int status = guarded(x, [&] { set_settings(x, settings_text); });
  if (x) x->status = status;
  return status;
}

int voxfeat_extract_buffers(voxfeat_extractor* x, const float* image, const uint8_t* mask, const size_t size[3],
                            const double spacing[3], const double origin[3]) {
  return guarded(x, [&] {
    x->row = {};
    require_settings(x);
    if (!image || !mask || !size)
      throw std::invalid_argument("voxfeat_extract_buffers: image, mask and size are required");
    voxfeat::Geometry g;
    for (int a = 0; a < 3; ++a) {
      if (size[a] == 0) throw std::invalid_argument("voxfeat_extract_buffers: an extent is 0");
      g.size[std::size_t(a)] = size[a];
      if (spacing) g.spacing[std::size_t(a)] = spacing[a];
      if (origin) g.origin[std::size_t(a)] = origin[a];
    }
    voxfeat::Volume<float> im(g);
    voxfeat::Volume<std::uint8_t> m(g);
    std::copy(image, image + g.voxel_count(), im.data());
    for (std::size_t i = 0; i < g.voxel_count(); ++i) m.data()[i] = mask[i] != 0 ? 1 : 0;
    x->row = voxfeat::detail::extract_roi(im, m, *x->settings, x->registry, {}, "buffers");
  });
}

int voxfeat_extract_files(voxfeat_extractor* x, const char* image_path, const char* mask_path) {
  return guarded(x, [&] {
    x->row = {};
    require_settings(x);
    if (!image_path || !mask_path) throw std::invalid_argument("voxfeat_extract_files: two paths are required");
    x->row = voxfeat::detail::extract_files(image_path, mask_path, x->settings->label, *x->settings, x->registry, {},
                                            image_path);
  });
}

size_t voxfeat_feature_count(const voxfeat_extractor* x) { return x ? x->row.values.size() : 0; }

const char* voxfeat_feature_name(const voxfeat_extractor* x, size_t i) {
  return x && i < x->row.columns.size() ? x->row.columns[i].name.c_str() : nullptr;
}

const char* voxfeat_feature_unit(const voxfeat_extractor* x, size_t i) {
  return x && i < x->row.columns.size() ? x->row.columns[i].unit.c_str() : nullptr;
}

double voxfeat_feature_value(const voxfeat_extractor* x, size_t i) {
  return x && i < x->row.values.size() ? x->row.values[i] : std::numeric_limits<double>::quiet_NaN();
}

const char* voxfeat_last_error(const voxfeat_extractor* x) { return x ? x->error.c_str() : "no extractor"; }

}  // extern "C"
