#include "plugin/plugin_loader.hpp"

#include <dlfcn.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>

#include "util/sha256.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/roi_context.hpp"
#include "voxfeat/voxfeat_plugin.h"

namespace voxfeat::detail {
namespace {

/// What the host's services record for one call (init or compute): the plugin's error message.
struct CallContext {
  std::string error;
};

// During voxfeat_plugin_init the context is NULL: its error goes to the loading thread's slot.
thread_local std::string init_error;

void host_set_error(void* context, const char* message) {
  const std::string text = message ? message : "(no message)";
  if (context) {
    static_cast<CallContext*>(context)->error = text;
  } else {
    init_error = text;
  }
}

void host_log(void* /*context*/, int level, const char* message) {
  static std::mutex mutex;  // one line at a time from concurrent ROIs
  const std::lock_guard lock(mutex);
  const char* tag = level >= VOXFEAT_LOG_ERROR ? "error" : level >= VOXFEAT_LOG_WARNING ? "warning" : "info";
  if (level >= VOXFEAT_LOG_INFO) std::cerr << "voxfeat plugin " << tag << ": " << (message ? message : "") << "\n";
}

void* host_allocate(std::size_t bytes) { return std::malloc(bytes); }
void host_release(void* memory) { std::free(memory); }

const voxfeat_host_api host_api{sizeof(voxfeat_host_api), VOXFEAT_PLUGIN_ABI_VERSION, &host_allocate, &host_release,
                                &host_log, &host_set_error};

/// A struct the plugin filled holds at least the fields up to and including `last` (offset + size).
bool holds(std::uint32_t struct_size, std::size_t end_of_last_field) { return struct_size >= end_of_last_field; }

std::string text_of(const char* text, const std::string& where, const char* field) {
  if (!text || !*text) throw ConfigError(where + ": " + field + " is empty");
  return text;
}

/// Element `i` of a plugin's array of structs, each `stride` bytes (the plugin's struct_size, which may exceed ours).
template <class T>
const T& element(const T* array, std::size_t stride, std::size_t i) {
  return *reinterpret_cast<const T*>(reinterpret_cast<const unsigned char*>(array) + i * stride);
}

voxfeat_view view_of(const void* data, voxfeat_dtype dtype, const Geometry& g) {
  voxfeat_view v{};
  v.struct_size = sizeof(voxfeat_view);
  v.abi_version = VOXFEAT_PLUGIN_ABI_VERSION;
  v.data = data;
  v.dtype = dtype;
  v.ndim = 3;
  for (int a = 0; a < 3; ++a) {
    v.extent[a] = std::int64_t(g.size[std::size_t(a)]);
    v.spacing[a] = g.spacing[std::size_t(a)];
  }
  v.stride[0] = 1;
  v.stride[1] = v.extent[0];
  v.stride[2] = v.extent[0] * v.extent[1];
  return v;
}

ParamType param_type(std::int32_t type, const std::string& where) {
  switch (type) {
    case VOXFEAT_PARAM_INTEGER: return ParamType::integer;
    case VOXFEAT_PARAM_REAL: return ParamType::real;
    case VOXFEAT_PARAM_BOOLEAN: return ParamType::boolean;
    case VOXFEAT_PARAM_TEXT: return ParamType::text;
    default: throw ConfigError(where + ": unknown parameter type " + std::to_string(type));
  }
}

/// The host's descriptor of one plugin family (`f` checked field by field), computing through the ABI.
FamilyDescriptor describe(const voxfeat_family& f, const std::shared_ptr<void>& library, const std::string& file,
                          const std::string& origin) {
  std::string where = file + ": family";
  if (!holds(f.struct_size, offsetof(voxfeat_family, compute) + sizeof(f.compute)))
    throw ConfigError(where + ": descriptor of " + std::to_string(f.struct_size) + " bytes is too small");
  if (f.abi_version != VOXFEAT_PLUGIN_ABI_VERSION)
    throw ConfigError(where + ": built for plugin ABI version " + std::to_string(f.abi_version) + ", this voxfeat has " +
                      std::to_string(VOXFEAT_PLUGIN_ABI_VERSION));
  FamilyDescriptor d;
  d.name = text_of(f.name, where, "name");
  where = file + ": family " + d.name;
  d.version = text_of(f.version, where, "version");
  d.column_prefix = text_of(f.column_prefix, where, "column_prefix");
  d.doc = f.doc ? f.doc : "";
  d.dims = f.dims == 2 ? Dims::d2 : f.dims == 3 ? Dims::d3 : Dims::both;
  d.origin = origin;
  if (!f.compute) throw ConfigError(where + ": no compute function");
  if (f.output_count == 0 || !f.outputs) throw ConfigError(where + ": declares no outputs");
  if (f.output_count > 100000 || f.param_count > 1000) throw ConfigError(where + ": implausible output or parameter count");
  const std::size_t output_stride = f.outputs[0].struct_size;
  if (!holds(std::uint32_t(output_stride), offsetof(voxfeat_output, doc) + sizeof(const char*)))
    throw ConfigError(where + ": output descriptors of " + std::to_string(output_stride) + " bytes are too small");
  for (std::size_t i = 0; i < f.output_count; ++i) {
    const voxfeat_output& o = element(f.outputs, output_stride, i);
    if (o.struct_size != output_stride) throw ConfigError(where + ": output descriptors differ in size");
    d.outputs.push_back({text_of(o.name, where, "an output's name"), o.unit ? o.unit : "1", "", o.doc ? o.doc : ""});
  }
  if (f.param_count > 0) {
    if (!f.params) throw ConfigError(where + ": declares parameters but gives none");
    const std::size_t param_stride = f.params[0].struct_size;
    if (!holds(std::uint32_t(param_stride), offsetof(voxfeat_param_spec, maximum) + sizeof(double)))
      throw ConfigError(where + ": parameter descriptors of " + std::to_string(param_stride) + " bytes are too small");
    for (std::size_t i = 0; i < f.param_count; ++i) {
      const voxfeat_param_spec& p = element(f.params, param_stride, i);
      if (p.struct_size != param_stride) throw ConfigError(where + ": parameter descriptors differ in size");
      ParamSpec spec;
      spec.name = text_of(p.name, where, "a parameter's name");
      spec.type = param_type(p.type, where);
      spec.default_value = p.default_value ? p.default_value : "";
      spec.doc = p.doc ? p.doc : "";
      spec.minimum = p.minimum;
      spec.maximum = p.maximum;
      d.params.push_back(std::move(spec));
    }
  }
  const voxfeat_compute_fn compute = f.compute;
  const std::size_t outputs = d.outputs.size();
  const std::string family = d.name;
  d.compute_cpu = [library, compute, outputs, family, file](const RoiContext& roi, const ParamValues& params,
                                                            const AggregationSpec& /*aggregation*/,
                                                            std::span<double> out) {
    voxfeat_roi r{};
    r.struct_size = sizeof(voxfeat_roi);
    r.abi_version = VOXFEAT_PLUGIN_ABI_VERSION;
    r.image = view_of(roi.image().data(), VOXFEAT_DTYPE_FLOAT32, roi.image().geometry());
    r.intensity_mask = view_of(roi.intensity_mask().data(), VOXFEAT_DTYPE_UINT8, roi.intensity_mask().geometry());
    r.morphological_mask =
        view_of(roi.morphological_mask().data(), VOXFEAT_DTYPE_UINT8, roi.morphological_mask().geometry());
    // Parameters as C strings; families have a handful, so they live on the stack up to 16.
    const std::size_t count = params.all().size();
    const char* small[32];
    std::vector<const char*> large(count > 16 ? 2 * count : 0);
    const char** names = count > 16 ? large.data() : small;
    const char** values = names + count;
    std::size_t k = 0;
    for (const auto& [name, value] : params.all()) {
      names[k] = name.c_str();
      values[k] = value.c_str();
      ++k;
    }
    const voxfeat_params p{sizeof(voxfeat_params), VOXFEAT_PLUGIN_ABI_VERSION, count, names, values};
    // The plugin writes straight into the row (pre-filled with NaN by the caller); only a failure builds messages.
    CallContext context;
    std::size_t written = 0;
    const int status = compute(&host_api, &context, &r, &p, out.data(), outputs, &written);
    const auto who = [&] { return "plugin family " + family + " (" + file + ")"; };
    if (status != 0)
      throw Error(who() + " failed: " + (context.error.empty() ? "status " + std::to_string(status) : context.error));
    if (written != outputs)
      throw Error(who() + " wrote " + std::to_string(written) + " of its " + std::to_string(outputs) + " values");
    for (std::size_t i = 0; i < outputs; ++i)
      if (std::isinf(out[i])) throw Error(who() + " returned an infinite value for output " + std::to_string(i));
  };
  return d;
}

}  // namespace

std::vector<std::filesystem::path> plugin_files(const std::vector<std::string>& named, const char* environment) {
  std::vector<std::filesystem::path> files;
  for (const auto& n : named) {
    if (!std::filesystem::is_regular_file(n)) throw ConfigError(n + ": plugin file not found");
    files.emplace_back(n);
  }
  if (environment && *environment) {
    std::stringstream entries(environment);
    std::string entry;
    while (std::getline(entries, entry, ':')) {
      if (entry.empty()) continue;
      if (std::filesystem::is_directory(entry)) {
        std::vector<std::filesystem::path> in_folder;
        for (const auto& e : std::filesystem::directory_iterator(entry))
          if (e.is_regular_file() && e.path().extension() == ".so") in_folder.push_back(e.path());
        std::sort(in_folder.begin(), in_folder.end());
        files.insert(files.end(), in_folder.begin(), in_folder.end());
      } else if (std::filesystem::is_regular_file(entry)) {
        files.emplace_back(entry);
      } else {
        throw ConfigError("VOXFEAT_PLUGIN_PATH: " + entry + " is neither a plugin file nor a folder");
      }
    }
  }
  return files;
}

void load_plugins(const std::vector<std::filesystem::path>& files, Registry& registry) {
  for (const auto& path : files) {
    const std::string file = path.string();
    // RTLD_LOCAL: a plugin's symbols never resolve another's; the handle lives as long as a family computes.
    void* raw = ::dlopen(std::filesystem::absolute(path).c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!raw) {
      const char* why = ::dlerror();
      throw ConfigError(file + ": cannot load the plugin: " + (why ? why : "unknown reason"));
    }
    const std::shared_ptr<void> library(raw, [](void* h) { ::dlclose(h); });
    ::dlerror();
    const auto init = reinterpret_cast<voxfeat_plugin_init_fn>(::dlsym(raw, VOXFEAT_PLUGIN_INIT_SYMBOL));
    if (!init)
      throw ConfigError(file + ": not a voxfeat plugin (no exported function " VOXFEAT_PLUGIN_INIT_SYMBOL ")");
    const voxfeat_family* families = nullptr;
    std::size_t count = 0;
    init_error.clear();
    const int status = init(&host_api, VOXFEAT_PLUGIN_ABI_VERSION, &families, &count);
    if (status != 0)
      throw ConfigError(file + ": the plugin refused to load: " +
                        (init_error.empty() ? "status " + std::to_string(status) : init_error));
    if (count == 0 || !families) throw ConfigError(file + ": the plugin declares no family");
    if (count > 1000) throw ConfigError(file + ": implausible family count " + std::to_string(count));
    const std::size_t stride = families[0].struct_size;
    const std::string origin = file + " sha256:" + sha256_file_hex(path);
    // Every family is checked before any is registered: a plugin is taken whole or not at all.
    std::vector<FamilyDescriptor> described;
    for (std::size_t i = 0; i < count; ++i) {
      const voxfeat_family& f = element(families, stride, i);
      if (f.struct_size != stride) throw ConfigError(file + ": family descriptors differ in size");
      described.push_back(describe(f, library, file, origin));
    }
    Registry trial = registry;  // duplicate names refused before the real registry changes
    for (auto& d : described) {
      try {
        trial.add(d);
      } catch (const ConfigError& e) {
        throw ConfigError(file + ": " + e.what());
      }
    }
    for (auto& d : described) registry.add(std::move(d));
  }
}

Registry registry_with_plugins(const std::vector<std::string>& named) {
  Registry registry = Registry::with_builtin_families();
  load_plugins(plugin_files(named, std::getenv("VOXFEAT_PLUGIN_PATH")), registry);
  return registry;
}

}  // namespace voxfeat::detail
