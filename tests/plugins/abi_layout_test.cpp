// The plugin ABI's layout, pinned (engine/include/voxfeat/voxfeat_plugin.h): an accidental change to any struct (a
// field inserted, reordered or retyped) fails the build here, before a plugin built against the old header could
// read garbage. Fields may only be appended, and the sizes below then grow with a new line each. x86-64 / AArch64
// LP64 layout.
#include <gtest/gtest.h>

#include <cstddef>

#include "voxfeat/voxfeat_plugin.h"

namespace {

static_assert(VOXFEAT_PLUGIN_ABI_VERSION == 1u);
static_assert(sizeof(void*) == 8 && sizeof(std::size_t) == 8, "the pinned layout is LP64's");

static_assert(offsetof(voxfeat_view, struct_size) == 0 && offsetof(voxfeat_view, abi_version) == 4);
static_assert(offsetof(voxfeat_view, data) == 8 && offsetof(voxfeat_view, device_data) == 16);
static_assert(offsetof(voxfeat_view, stream) == 24 && offsetof(voxfeat_view, dtype) == 32);
static_assert(offsetof(voxfeat_view, ndim) == 36 && offsetof(voxfeat_view, extent) == 40);
static_assert(offsetof(voxfeat_view, stride) == 72 && offsetof(voxfeat_view, spacing) == 104);
static_assert(sizeof(voxfeat_view) == 136);

static_assert(offsetof(voxfeat_roi, image) == 8 && offsetof(voxfeat_roi, intensity_mask) == 144);
static_assert(offsetof(voxfeat_roi, morphological_mask) == 280 && sizeof(voxfeat_roi) == 416);

static_assert(offsetof(voxfeat_params, count) == 8 && offsetof(voxfeat_params, names) == 16);
static_assert(offsetof(voxfeat_params, values) == 24 && sizeof(voxfeat_params) == 32);

static_assert(offsetof(voxfeat_param_spec, name) == 8 && offsetof(voxfeat_param_spec, type) == 16);
static_assert(offsetof(voxfeat_param_spec, default_value) == 24 && offsetof(voxfeat_param_spec, doc) == 32);
static_assert(offsetof(voxfeat_param_spec, minimum) == 40 && offsetof(voxfeat_param_spec, maximum) == 48);
static_assert(sizeof(voxfeat_param_spec) == 56);

static_assert(offsetof(voxfeat_output, name) == 8 && offsetof(voxfeat_output, unit) == 16);
static_assert(offsetof(voxfeat_output, doc) == 24 && sizeof(voxfeat_output) == 32);

static_assert(offsetof(voxfeat_host_api, allocate) == 8 && offsetof(voxfeat_host_api, release) == 16);
static_assert(offsetof(voxfeat_host_api, log) == 24 && offsetof(voxfeat_host_api, set_error) == 32);
static_assert(sizeof(voxfeat_host_api) == 40);

static_assert(offsetof(voxfeat_family, name) == 8 && offsetof(voxfeat_family, version) == 16);
static_assert(offsetof(voxfeat_family, column_prefix) == 24 && offsetof(voxfeat_family, doc) == 32);
static_assert(offsetof(voxfeat_family, dims) == 40 && offsetof(voxfeat_family, param_count) == 48);
static_assert(offsetof(voxfeat_family, params) == 56 && offsetof(voxfeat_family, output_count) == 64);
static_assert(offsetof(voxfeat_family, outputs) == 72 && offsetof(voxfeat_family, compute) == 80);
static_assert(sizeof(voxfeat_family) == 88);

static_assert(VOXFEAT_DTYPE_UINT8 == 1 && VOXFEAT_DTYPE_INT32 == 2 && VOXFEAT_DTYPE_FLOAT32 == 3 &&
              VOXFEAT_DTYPE_FLOAT64 == 4);
static_assert(VOXFEAT_PARAM_INTEGER == 1 && VOXFEAT_PARAM_REAL == 2 && VOXFEAT_PARAM_BOOLEAN == 3 &&
              VOXFEAT_PARAM_TEXT == 4);

// The header is also valid C++ (extern "C"), and its entry point type is what a plugin exports.
TEST(PluginAbi, LayoutIsPinnedAtCompileTime) {
  voxfeat_plugin_init_fn init = nullptr;
  EXPECT_EQ(init, nullptr);
  EXPECT_STREQ(VOXFEAT_PLUGIN_INIT_SYMBOL, "voxfeat_plugin_init");
}

}  // namespace
