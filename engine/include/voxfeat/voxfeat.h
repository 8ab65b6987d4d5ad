/* libvoxfeat's C API: IBSI radiomics features from a program, without the command line.
 *
 * An extractor holds settings (voxfeat's YAML or a PyRadiomics parameter file, as text) and the result of its last
 * extraction: feature names, units and values, in the order `voxfeat families --settings` lists them. Every function
 * catches what goes wrong inside and returns a status; the message is then voxfeat_last_error(extractor). Calls on
 * one extractor must not overlap; separate extractors may be used from separate threads at once.
 *
 *   voxfeat_extractor* x = voxfeat_extractor_create(NULL);           // the default settings
 *   if (voxfeat_extract_files(x, "ct.nii.gz", "mask.nii.gz") != VOXFEAT_OK) puts(voxfeat_last_error(x));
 *   for (size_t i = 0; i < voxfeat_feature_count(x); ++i)
 *     printf("%s = %g %s\n", voxfeat_feature_name(x, i), voxfeat_feature_value(x, i), voxfeat_feature_unit(x, i));
 *   voxfeat_extractor_destroy(x);
 *
 * Link: `pkg-config --cflags --libs voxfeat`, or CMake `find_package(voxfeat)` and `voxfeat::voxfeat`.
 */
#ifndef VOXFEAT_H
#define VOXFEAT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define VOXFEAT_API __declspec(dllimport)
#else
#define VOXFEAT_API __attribute__((visibility("default")))
#endif

/* Version of this API: functions are only ever added. */
#define VOXFEAT_C_API_VERSION 1u

typedef enum voxfeat_status {
  VOXFEAT_OK = 0,
  VOXFEAT_ERROR_INPUT = 1,     /* unreadable files, mismatched geometry, empty mask, NaN in the ROI */
  VOXFEAT_ERROR_SETTINGS = 2,  /* invalid settings, unknown family, a plugin refused */
  VOXFEAT_ERROR_ARGUMENT = 3,  /* NULL or inconsistent arguments */
  VOXFEAT_ERROR_INTERNAL = 4   /* anything else (out of memory, a bug): the message says what */
} voxfeat_status;

typedef struct voxfeat_extractor voxfeat_extractor;

VOXFEAT_API uint32_t voxfeat_c_api_version(void);
VOXFEAT_API const char* voxfeat_version(void); /* the engine's version, e.g. "0.1.0" */

/* A new extractor with `settings_text` (YAML; NULL or "" for the default settings). Returns NULL only when out of
 * memory; invalid settings leave it unusable with the reason in voxfeat_last_error. */
VOXFEAT_API voxfeat_extractor* voxfeat_extractor_create(const char* settings_text);
/* The status of creating `extractor` (VOXFEAT_OK when its settings are usable). */
VOXFEAT_API int voxfeat_extractor_status(const voxfeat_extractor* extractor);
VOXFEAT_API void voxfeat_extractor_destroy(voxfeat_extractor* extractor);

/* Loads a feature plugin (docs/plugins.md) into this extractor's families; settings naming its families need it
 * loaded first, so create the extractor with NULL settings, load, then voxfeat_extractor_set_settings. */
VOXFEAT_API int voxfeat_extractor_load_plugin(voxfeat_extractor* extractor, const char* path);
VOXFEAT_API int voxfeat_extractor_set_settings(voxfeat_extractor* extractor, const char* settings_text);

/* Extracts from caller-owned buffers: `image` (float32) and `mask` (uint8, non-zero inside) of size[0] × size[1] ×
 * size[2] voxels, x fastest, voxel spacing in mm (NULL: 1 mm), origin in mm (NULL: 0). The buffers are read during the
 * call only. */
VOXFEAT_API int voxfeat_extract_buffers(voxfeat_extractor* extractor, const float* image, const uint8_t* mask,
                                        const size_t size[3], const double spacing[3], const double origin[3]);
/* Extracts from files (NIfTI, NRRD, MetaImage, a DICOM series folder; the mask a label image: non-zero inside). */
VOXFEAT_API int voxfeat_extract_files(voxfeat_extractor* extractor, const char* image_path, const char* mask_path);

/* The last successful extraction's features (0 before one). Names and units stay valid until the next call on the
 * extractor; NaN values are features undefined for the ROI. Index out of range: NULL / NaN. */
VOXFEAT_API size_t voxfeat_feature_count(const voxfeat_extractor* extractor);
VOXFEAT_API const char* voxfeat_feature_name(const voxfeat_extractor* extractor, size_t index);
VOXFEAT_API const char* voxfeat_feature_unit(const voxfeat_extractor* extractor, size_t index);
VOXFEAT_API double voxfeat_feature_value(const voxfeat_extractor* extractor, size_t index);

/* Why the last call on `extractor` failed ("" after a success); valid until the next call. */
VOXFEAT_API const char* voxfeat_last_error(const voxfeat_extractor* extractor);

#ifdef __cplusplus
}
#endif

#endif /* VOXFEAT_H */
