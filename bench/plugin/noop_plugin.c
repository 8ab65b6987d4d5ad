/* A plugin family that does nothing but write its two values: what library_bench times is the ABI's own cost per
 * call (views, parameters, checks), against a built-in family doing the same. */
#include <stddef.h>

#include "voxfeat/voxfeat_plugin.h"

static const voxfeat_output outputs[2] = {
    {sizeof(voxfeat_output), VOXFEAT_PLUGIN_ABI_VERSION, "a", "1", "1"},
    {sizeof(voxfeat_output), VOXFEAT_PLUGIN_ABI_VERSION, "b", "1", "2"},
};

static int compute(const voxfeat_host_api* host, void* context, const voxfeat_roi* roi, const voxfeat_params* params,
                   double* out, size_t output_count, size_t* written) {
  (void)host, (void)context, (void)params, (void)output_count;
  out[0] = 1.0;
  out[1] = (double)roi->image.extent[0];
  *written = 2;
  return 0;
}

static const voxfeat_family family = {sizeof(voxfeat_family), VOXFEAT_PLUGIN_ABI_VERSION, "noop", "1.0.0", "noop",
                                      "two values", 0, 0, NULL, 2, outputs, &compute};

VOXFEAT_PLUGIN_EXPORT int voxfeat_plugin_init(const voxfeat_host_api* host, uint32_t version,
                                              const voxfeat_family** out, size_t* count) {
  (void)host, (void)version;
  *out = &family;
  *count = 1;
  return 0;
}
