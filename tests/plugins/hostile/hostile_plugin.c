/* Deliberately broken voxfeat plugins for tests/plugins/plugin_loader_test.cpp: one source, one behaviour per
 * HOSTILE_* macro, each built as its own module (tests/CMakeLists.txt). */
#include <math.h>
#include <stddef.h>

#include "voxfeat/voxfeat_plugin.h"

#ifndef FAMILY_NAME
#define FAMILY_NAME "hostile"
#endif
#ifndef COLUMN_PREFIX
#define COLUMN_PREFIX "hostile"
#endif

static const voxfeat_output outputs[2] = {
    {sizeof(voxfeat_output), VOXFEAT_PLUGIN_ABI_VERSION, "first", "1", "first value"},
#if defined(HOSTILE_DUPLICATE_OUTPUT)
    {sizeof(voxfeat_output), VOXFEAT_PLUGIN_ABI_VERSION, "first", "1", "the same name again"},
#else
    {sizeof(voxfeat_output), VOXFEAT_PLUGIN_ABI_VERSION, "second", "1", "second value"},
#endif
};

static int compute(const voxfeat_host_api* host, void* context, const voxfeat_roi* roi, const voxfeat_params* params,
                   double* out, size_t output_count, size_t* written) {
  (void)roi, (void)params, (void)output_count;
#if defined(HOSTILE_REPORTS_ERROR)
  host->set_error(context, "the lab's model file is missing");
  *written = 0;
  return 3;
#else
  (void)host, (void)context;
  out[0] = 1.0;
#if defined(HOSTILE_RETURNS_NAN)
  out[1] = NAN;
#elif defined(HOSTILE_RETURNS_INFINITY)
  out[1] = INFINITY;
#else
  out[1] = 2.0;
#endif
#if defined(HOSTILE_SHORT_WRITE)
  *written = 1;
#else
  *written = 2;
#endif
  return 0;
#endif
}

static const voxfeat_family families[] = {
    {sizeof(voxfeat_family),
#if defined(HOSTILE_WRONG_ABI)
     VOXFEAT_PLUGIN_ABI_VERSION + 41,
#else
     VOXFEAT_PLUGIN_ABI_VERSION,
#endif
     FAMILY_NAME, "0.0.1", COLUMN_PREFIX, "a test plugin", 0, 0, NULL, 2, outputs, &compute},
};

#if !defined(HOSTILE_NO_ENTRY)
VOXFEAT_PLUGIN_EXPORT int voxfeat_plugin_init(const voxfeat_host_api* host, uint32_t host_abi_version,
                                              const voxfeat_family** out, size_t* count) {
  (void)host_abi_version;
#if defined(HOSTILE_REFUSES_INIT)
  host->set_error(NULL, "licence check failed");
  return 1;
#else
  (void)host;
  *out = families;
  *count = 1;
  return 0;
#endif
}
#else
/* No entry point: only an unrelated symbol. */
VOXFEAT_PLUGIN_EXPORT int not_a_voxfeat_plugin(void) { return (int)sizeof families; }
#endif
