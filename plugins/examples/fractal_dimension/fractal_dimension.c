/* An external voxfeat feature plugin written in C (C11), against voxfeat_plugin.h alone: the box-counting
 * (Minkowski–Bouligand) fractal dimension of the ROI's morphological mask, in 3D, or in 2D for a single slice.
 *
 * Box counting: N(s) = the boxes of s × s × s voxels (s × s in 2D; a grid aligned with the ROI array) that hold a
 * mask voxel, for s = 1, 2, 4, ... up to largest_box; the dimension is the least-squares slope of log N(s) against
 * log(1/s). A filled cube gives 3, a plane 2, a line 1 (exactly, for extents that are powers of two). Box sizes are
 * in voxels: the dimension does not depend on the spacing.
 *
 * Build alone: cc -std=c11 -O2 -fPIC -shared -I <voxfeat>/engine/include fractal_dimension.c -o fractal_dimension.so -lm
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "voxfeat/voxfeat_plugin.h"

enum { OUT_DIMENSION, OUT_R_SQUARED, OUT_SCALES, OUT_COUNT };

static const voxfeat_output outputs[OUT_COUNT] = {
    {sizeof(voxfeat_output), VOXFEAT_PLUGIN_ABI_VERSION, "dimension", "1",
     "Box-counting dimension of the morphological mask: least-squares slope of log N(s) against log(1/s) over box "
     "sizes s = 1, 2, 4, ... voxels. NaN with fewer than two box sizes."},
    {sizeof(voxfeat_output), VOXFEAT_PLUGIN_ABI_VERSION, "r_squared", "1",
     "Coefficient of determination of that fit (1: exactly self-similar over the scales used)."},
    {sizeof(voxfeat_output), VOXFEAT_PLUGIN_ABI_VERSION, "scales", "count", "Box sizes used in the fit."},
};

static const voxfeat_param_spec params[] = {
    {sizeof(voxfeat_param_spec), VOXFEAT_PLUGIN_ABI_VERSION, "largest_box", VOXFEAT_PARAM_INTEGER, "0",
     "Largest box size in voxels (rounded down to a power of two); 0: half the ROI array's largest extent.", 0.0,
     1048576.0},
};

/* The parameter's value as the host resolved it (every declared parameter is present). */
static const char* param_text(const voxfeat_params* p, const char* name) {
  for (size_t i = 0; i < p->count; ++i)
    if (strcmp(p->names[i], name) == 0) return p->values[i];
  return NULL;
}

static int fail(const voxfeat_host_api* host, void* context, const char* message) {
  host->set_error(context, message);
  return 1;
}

static int compute(const voxfeat_host_api* host, void* context, const voxfeat_roi* roi, const voxfeat_params* p,
                   double* out, size_t output_count, size_t* written) {
  *written = 0;
  if (output_count < OUT_COUNT) return fail(host, context, "fewer output slots than outputs");
  const voxfeat_view* mask = &roi->morphological_mask;
  if (mask->dtype != VOXFEAT_DTYPE_UINT8 || mask->ndim != 3 || !mask->data)
    return fail(host, context, "expected a 3D uint8 mask in host memory");
  const long long nx = mask->extent[0], ny = mask->extent[1], nz = mask->extent[2];
  const char* largest_text = param_text(p, "largest_box");
  long long largest = largest_text ? atoll(largest_text) : 0;
  long long widest = nx > ny ? nx : ny;
  if (nz > widest) widest = nz;
  if (largest <= 0) largest = widest / 2 > 1 ? widest / 2 : 1;

  /* The occupancy grid at box size s, halved (OR of 2 × 2 × 2 boxes; 2 × 2 in a single slice) from one size to the
   * next: N(s) is the count of occupied cells. */
  long long gx = nx, gy = ny, gz = nz;
  unsigned char* grid = host->allocate((size_t)(gx * gy * gz) > 0 ? (size_t)(gx * gy * gz) : 1);
  if (!grid) return fail(host, context, "out of memory");
  const unsigned char* m = mask->data;
  for (long long z = 0; z < nz; ++z)
    for (long long y = 0; y < ny; ++y)
      for (long long x = 0; x < nx; ++x)
        grid[(z * gy + y) * gx + x] = m[x * mask->stride[0] + y * mask->stride[1] + z * mask->stride[2]] != 0;

  double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
  int scales = 0;
  for (long long s = 1; s <= largest; s *= 2) {
    long long count = 0;
    for (long long i = 0; i < gx * gy * gz; ++i) count += grid[i];
    if (count == 0) break;
    const double lx = log(1.0 / (double)s), ly = log((double)count);
    sx += lx, sy += ly, sxx += lx * lx, sxy += lx * ly, syy += ly * ly;
    ++scales;
    /* Halve the grid (a single slice keeps z = 1). */
    const long long hx = (gx + 1) / 2, hy = (gy + 1) / 2, hz = gz > 1 ? (gz + 1) / 2 : 1;
    for (long long z = 0; z < hz; ++z)
      for (long long y = 0; y < hy; ++y)
        for (long long x = 0; x < hx; ++x) {
          unsigned char any = 0;
          for (long long dz = 0; dz < (gz > 1 ? 2 : 1); ++dz)
            for (long long dy = 0; dy < 2; ++dy)
              for (long long dx = 0; dx < 2; ++dx) {
                const long long X = 2 * x + dx, Y = 2 * y + dy, Z = (gz > 1 ? 2 * z + dz : z);
                if (X < gx && Y < gy && Z < gz) any |= grid[(Z * gy + Y) * gx + X];
              }
          grid[(z * hy + y) * hx + x] = any; /* in place: cell (x, y, z) is read before it is overwritten */
        }
    gx = hx, gy = hy, gz = hz;
  }
  host->release(grid);

  const double n = scales;
  const double var_x = sxx - sx * sx / n, var_y = syy - sy * sy / n, cov = sxy - sx * sy / n;
  out[OUT_DIMENSION] = scales >= 2 ? cov / var_x : NAN;
  out[OUT_R_SQUARED] = scales >= 2 ? (var_y > 0 ? cov * cov / (var_x * var_y) : 1.0) : NAN;
  out[OUT_SCALES] = scales;
  *written = OUT_COUNT;
  return 0;
}

static const voxfeat_family families[] = {
    {sizeof(voxfeat_family), VOXFEAT_PLUGIN_ABI_VERSION, "fractal_dimension", "1.0.0", "fractal",
     "Box-counting fractal dimension of the ROI's morphological mask (3D; 2D on a single slice). An example "
     "plugin written in C (plugins/examples/fractal_dimension).",
     0, sizeof params / sizeof params[0], params, OUT_COUNT, outputs, &compute},
};

VOXFEAT_PLUGIN_EXPORT int voxfeat_plugin_init(const voxfeat_host_api* host, uint32_t host_abi_version,
                                              const voxfeat_family** out, size_t* count) {
  if (host_abi_version != VOXFEAT_PLUGIN_ABI_VERSION) {
    host->set_error(NULL, "fractal_dimension was built for plugin ABI version 1");
    return 1;
  }
  *out = families;
  *count = sizeof families / sizeof families[0];
  return 0;
}
