/* voxfeat plugin ABI (pure C): how a lab adds a feature family to voxfeat without linking it.
 *
 * A plugin is a shared library exporting one function, voxfeat_plugin_init, which hands the host an array of
 * family descriptors. The host loads it with `voxfeat ... --plugin path.so` or VOXFEAT_PLUGIN_PATH, checks the ABI
 * version, registers the families beside the built-in ones (same descriptor fields), and calls each family's
 * compute function once per ROI with plain views of the ROI's arrays. The plugin never links libvoxfeat: it gets the
 * host's services (allocate, log, set error) in voxfeat_host_api. Nothing may be thrown or longjmp'd across this
 * boundary; errors are reported by returning non-zero after host->set_error.
 *
 * Compatibility rule: every struct begins with struct_size (sizeof as the side that filled it was built) and
 * abi_version; fields are only ever appended, never inserted, reordered or retyped. Each side reads only the fields
 * both know (min(struct_size, its own sizeof)). VOXFEAT_PLUGIN_ABI_VERSION changes only for a change that breaks
 * that rule; the host refuses plugins of another ABI version. Static assertions in the host's tests pin every size
 * and offset (tests/plugins/abi_layout_test.cpp).
 *
 * Build a plugin with only this header (docs/plugins.md):
 *   cc -std=c11 -O2 -fPIC -shared -I <voxfeat>/engine/include my_family.c -o my_family.so -lm
 */
#ifndef VOXFEAT_PLUGIN_H
#define VOXFEAT_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VOXFEAT_PLUGIN_ABI_VERSION 1u

/* Element types of a view. */
typedef enum voxfeat_dtype {
  VOXFEAT_DTYPE_UINT8 = 1,
  VOXFEAT_DTYPE_INT32 = 2,
  VOXFEAT_DTYPE_FLOAT32 = 3,
  VOXFEAT_DTYPE_FLOAT64 = 4
} voxfeat_dtype;

/* An n-dimensional array (n <= 4), axis 0 fastest (x, y, z). Strides in elements, not bytes. */
typedef struct voxfeat_view {
  uint32_t struct_size;
  uint32_t abi_version;
  const void* data;         /* host memory, NULL when the array is only on the device */
  const void* device_data;  /* device memory when the host has the array on a GPU, else NULL */
  void* stream;             /* cudaStream_t of device_data, or NULL */
  int32_t dtype;            /* voxfeat_dtype */
  uint32_t ndim;
  int64_t extent[4];
  int64_t stride[4];
  double spacing[4];        /* mm (microscopy: µm) per element along each axis */
} voxfeat_view;

/* The ROI a family computes on: the processed image around the ROI and its two masks (IBSI: the intensity mask after
 * re-segmentation, the morphological mask before), all of the same extent. */
typedef struct voxfeat_roi {
  uint32_t struct_size;
  uint32_t abi_version;
  voxfeat_view image;               /* VOXFEAT_DTYPE_FLOAT32 */
  voxfeat_view intensity_mask;      /* VOXFEAT_DTYPE_UINT8, 1 inside */
  voxfeat_view morphological_mask;  /* VOXFEAT_DTYPE_UINT8, 1 inside */
} voxfeat_roi;

/* The family's parameters as the settings resolved them (every declared parameter, defaults filled in), as text. */
typedef struct voxfeat_params {
  uint32_t struct_size;
  uint32_t abi_version;
  size_t count;
  const char* const* names;
  const char* const* values;
} voxfeat_params;

/* Parameter types of voxfeat_param_spec. */
typedef enum voxfeat_param_type {
  VOXFEAT_PARAM_INTEGER = 1,
  VOXFEAT_PARAM_REAL = 2,
  VOXFEAT_PARAM_BOOLEAN = 3,
  VOXFEAT_PARAM_TEXT = 4
} voxfeat_param_type;

typedef struct voxfeat_param_spec {
  uint32_t struct_size;
  uint32_t abi_version;
  const char* name;
  int32_t type;               /* voxfeat_param_type */
  const char* default_value;  /* as written in a settings file */
  const char* doc;
  double minimum;             /* numeric parameters: the accepted range (use -HUGE_VAL / HUGE_VAL for none) */
  double maximum;
} voxfeat_param_spec;

typedef struct voxfeat_output {
  uint32_t struct_size;
  uint32_t abi_version;
  const char* name;  /* snake_case, unique in the family: the column is <column_prefix>_<name> */
  const char* unit;  /* "mm", "mm^2", "mm^3", "1", "count", "intensity", ... */
  const char* doc;
} voxfeat_output;

/* Log levels of voxfeat_host_api.log. */
enum { VOXFEAT_LOG_DEBUG = 0, VOXFEAT_LOG_INFO = 1, VOXFEAT_LOG_WARNING = 2, VOXFEAT_LOG_ERROR = 3 };

/* What the host offers a plugin. `context` is the value the host passed to the call being served (NULL during
 * voxfeat_plugin_init): it ties a message or an error to that call. */
typedef struct voxfeat_host_api {
  uint32_t struct_size;
  uint32_t abi_version;
  void* (*allocate)(size_t bytes); /* NULL when out of memory; release with `release` */
  void (*release)(void* memory);
  void (*log)(void* context, int level, const char* message);
  void (*set_error)(void* context, const char* message); /* then return non-zero */
} voxfeat_host_api;

/* Computes every output of the family for one ROI into out[0 .. output_count): `*written` receives how many values it
 * wrote (all of them, in the order of `outputs`). NaN means undefined for this ROI (stored as NaN); an infinite value
 * fails the case. Returns 0, or non-zero after host->set_error(context, ...). Called concurrently for different
 * ROIs: the function must be thread-safe. */
typedef int (*voxfeat_compute_fn)(const voxfeat_host_api* host, void* context, const voxfeat_roi* roi,
                                  const voxfeat_params* params, double* out, size_t output_count, size_t* written);

typedef struct voxfeat_family {
  uint32_t struct_size;
  uint32_t abi_version;
  const char* name;           /* unique among all families, the key in settings files */
  const char* version;        /* semantic version of the definitions: stored in each run's provenance */
  const char* column_prefix;  /* unique among all families */
  const char* doc;
  uint32_t dims;              /* 2, 3, or 0 for both */
  size_t param_count;
  const voxfeat_param_spec* params;
  size_t output_count;
  const voxfeat_output* outputs;
  voxfeat_compute_fn compute;
  /* new fields are appended here */
} voxfeat_family;

/* The one exported symbol. The host calls it once after loading, with its services and ABI version; the plugin sets
 * *families to an array of *count family descriptors that stay valid until it is unloaded, and returns 0 (non-zero
 * after host->set_error(NULL, ...) to refuse loading, e.g. for a host ABI it does not support). */
typedef int (*voxfeat_plugin_init_fn)(const voxfeat_host_api* host, uint32_t host_abi_version,
                                      const voxfeat_family** families, size_t* count);
#define VOXFEAT_PLUGIN_INIT_SYMBOL "voxfeat_plugin_init"

#if defined(_WIN32)
#define VOXFEAT_PLUGIN_EXPORT __declspec(dllexport)
#else
#define VOXFEAT_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
}
#endif

#endif /* VOXFEAT_PLUGIN_H */
