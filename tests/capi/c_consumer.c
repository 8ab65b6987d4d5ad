/* A C program using libvoxfeat's C API (voxfeat.h) as a pipeline would: a seeded synthetic ROI in its own buffers,
 * the default settings, every feature printed as "name<TAB>unit<TAB>value" (%.17g), then the API's error paths, each
 * printed as "status<TAB>code<TAB>message". tests/capi/c_api_test.cpp holds the values to the engine's and checks
 * the errors. Built in-tree against the library and, after `cmake --install`, with pkg-config (install test). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "voxfeat/voxfeat.h"

enum { NX = 40, NY = 36, NZ = 20 };

/* The same image and mask as synthetic_roi() in c_api_test.cpp: an ellipsoid with a smooth gradient and a ripple. */
static void fill(float* image, uint8_t* mask) {
  for (int z = 0; z < NZ; ++z)
    for (int y = 0; y < NY; ++y)
      for (int x = 0; x < NX; ++x) {
        const size_t i = (size_t)x + NX * ((size_t)y + NY * (size_t)z);
        const double dx = (x - 19.5) / 14.0, dy = (y - 17.5) / 11.0, dz = (z - 9.5) / 7.0;
        mask[i] = dx * dx + dy * dy + dz * dz <= 1.0;
        image[i] = (float)(40.0 + 3.0 * x - 2.0 * y + 5.0 * z + 25.0 * sin(0.7 * x) * cos(0.5 * y));
      }
}

static void report(const char* what, int code, voxfeat_extractor* x) {
  printf("status\t%s\t%d\t%s\n", what, code, voxfeat_last_error(x));
}

int main(void) {
  static float image[NX * NY * NZ];
  static uint8_t mask[NX * NY * NZ];
  fill(image, mask);
  const size_t size[3] = {NX, NY, NZ};
  const double spacing[3] = {0.8, 0.8, 2.0};

  voxfeat_extractor* x = voxfeat_extractor_create(NULL);
  if (!x || voxfeat_extractor_status(x) != VOXFEAT_OK) return 2;
  const int status = voxfeat_extract_buffers(x, image, mask, size, spacing, NULL);
  if (status != VOXFEAT_OK) {
    fprintf(stderr, "extraction failed: %s\n", voxfeat_last_error(x));
    return 3;
  }
  for (size_t i = 0; i < voxfeat_feature_count(x); ++i)
    printf("%s\t%s\t%.17g\n", voxfeat_feature_name(x, i), voxfeat_feature_unit(x, i), voxfeat_feature_value(x, i));

  /* Error paths: an empty mask, NULL buffers, missing files; the handle stays usable after each. */
  static uint8_t empty[NX * NY * NZ];
  report("empty_mask", voxfeat_extract_buffers(x, image, empty, size, spacing, NULL), x);
  report("null_buffers", voxfeat_extract_buffers(x, NULL, mask, size, spacing, NULL), x);
  report("missing_file", voxfeat_extract_files(x, "/nonexistent/ct.nii.gz", "/nonexistent/mask.nii.gz"), x);
  report("count_after_failure", (int)voxfeat_feature_count(x), x);
  report("again", voxfeat_extract_buffers(x, image, mask, size, spacing, NULL), x);
  voxfeat_extractor_destroy(x);

  voxfeat_extractor* bad = voxfeat_extractor_create("families: {no_such_family: {}}");
  report("bad_settings", voxfeat_extractor_status(bad), bad);
  report("bad_settings_extract", voxfeat_extract_buffers(bad, image, mask, size, spacing, NULL), bad);
  voxfeat_extractor_destroy(bad);
  printf("version\t%s\t%u\n", voxfeat_version(), voxfeat_c_api_version());
  return 0;
}
