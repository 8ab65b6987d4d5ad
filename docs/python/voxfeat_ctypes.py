#!/usr/bin/env python3
"""libvoxfeat from Python with ctypes (Debian's python3 alone: no compiler, no wheel).

    python3 docs/python/voxfeat_ctypes.py build/engine/src/capi/libvoxfeat.so

Builds the same synthetic ROI as tests/capi/c_consumer.c in Python lists, extracts with the default settings through
the C API (voxfeat.h) and prints every feature as "name<TAB>unit<TAB>value"; the test suite runs it and compares with
the C program's output. Errors come back as a status and voxfeat_last_error's message.
"""
import ctypes
import math
import sys


def load(path):
    lib = ctypes.CDLL(path)
    lib.voxfeat_extractor_create.restype = ctypes.c_void_p
    lib.voxfeat_extractor_create.argtypes = [ctypes.c_char_p]
    lib.voxfeat_extractor_status.argtypes = [ctypes.c_void_p]
    lib.voxfeat_extractor_destroy.argtypes = [ctypes.c_void_p]
    lib.voxfeat_extract_buffers.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_float),
                                            ctypes.POINTER(ctypes.c_uint8), ctypes.POINTER(ctypes.c_size_t),
                                            ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_double)]
    lib.voxfeat_feature_count.restype = ctypes.c_size_t
    lib.voxfeat_feature_count.argtypes = [ctypes.c_void_p]
    for name in ("voxfeat_feature_name", "voxfeat_feature_unit"):
        getattr(lib, name).restype = ctypes.c_char_p
        getattr(lib, name).argtypes = [ctypes.c_void_p, ctypes.c_size_t]
    lib.voxfeat_feature_value.restype = ctypes.c_double
    lib.voxfeat_feature_value.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
    lib.voxfeat_last_error.restype = ctypes.c_char_p
    lib.voxfeat_last_error.argtypes = [ctypes.c_void_p]
    return lib


def synthetic_roi(nx=40, ny=36, nz=20):
    """tests/capi/c_consumer.c's ellipsoid: the same float32 values (computed in double, then rounded)."""
    n = nx * ny * nz
    image = (ctypes.c_float * n)()
    mask = (ctypes.c_uint8 * n)()
    for z in range(nz):
        for y in range(ny):
            for x in range(nx):
                i = x + nx * (y + ny * z)
                dx, dy, dz = (x - 19.5) / 14.0, (y - 17.5) / 11.0, (z - 9.5) / 7.0
                mask[i] = 1 if dx * dx + dy * dy + dz * dz <= 1.0 else 0
                image[i] = 40.0 + 3.0 * x - 2.0 * y + 5.0 * z + 25.0 * math.sin(0.7 * x) * math.cos(0.5 * y)
    return image, mask, (ctypes.c_size_t * 3)(nx, ny, nz)


def main():
    lib = load(sys.argv[1] if len(sys.argv) > 1 else "libvoxfeat.so")
    image, mask, size = synthetic_roi()
    spacing = (ctypes.c_double * 3)(0.8, 0.8, 2.0)
    extractor = lib.voxfeat_extractor_create(None)
    try:
        status = lib.voxfeat_extract_buffers(extractor, image, mask, size, spacing, None)
        if status != 0:
            print("error %d: %s" % (status, lib.voxfeat_last_error(extractor).decode()), file=sys.stderr)
            return 1
        for i in range(lib.voxfeat_feature_count(extractor)):
            print("%s\t%s\t%s" % (lib.voxfeat_feature_name(extractor, i).decode(),
                                  lib.voxfeat_feature_unit(extractor, i).decode(),
                                  repr(lib.voxfeat_feature_value(extractor, i))))
    finally:
        lib.voxfeat_extractor_destroy(extractor)
    return 0


if __name__ == "__main__":
    sys.exit(main())
