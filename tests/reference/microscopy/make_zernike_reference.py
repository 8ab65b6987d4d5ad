#!/usr/bin/python3
"""Writes <image>_zernike.csv (image = shapes, cells): the Zernike moment magnitudes |A_nm|, n <= 9, of every label
of the reference images (tests/data/microscopy/, made by make_images.py), by a numpy port of mahotas'
mahotas.features.zernike_moments (mahotas/features/zernike.py and _zernike.cpp, read from the source; mahotas is not
installed here). The port follows mahotas step by step, not the C++ (kernels/microscopy/zernike.cpp), so that the
table checks the C++ rather than repeating it:

    cm      = centre of mass of im (sum(im * coordinate) / sum(im), coordinates = array indices)
    Yn, Xn  = (row - cm_row) / radius, (col - cm_col) / radius
    Dn      = max(sqrt(Xn^2 + Yn^2), 1e-9)
    A       = (Xn + i Yn) / Dn                                   (e^{i theta}; 0 at the centre pixel)
    p       = im / sum(im)  over the pixels kept (inside the disc and im > 0)
    A_nl    = (n + 1) / pi * sum_pixels p * conj(sum_m g_m Dn^(n - 2m) A^l),
    g_m     = (-1)^m (n - m)! / (m! ((n - 2m + l) / 2)! ((n - 2m - l) / 2)!),   m = 0 .. (n - l) / 2
    output  |A_nl| for n = 0 .. 9, l = 0 .. n, n - l even (30 values), in that order.

mahotas takes the radius as an argument; voxfeat's default is the object's largest distance from the centre of mass,
R^2 = max over the object's pixels of (row - cm_row)^2 + (col - cm_col)^2, so that every pixel is inside. One
deliberate difference from mahotas: a pixel is inside when its squared distance, computed unscaled in that order,
is <= R^2. mahotas tests Dn <= 1 after dividing by the radius, where rounding can leave the farthest pixel at
1 + 2^-52 and drop it (this script counts how often: printed at the end). A single pixel has R = 0; it is then
computed with radius 1 (mahotas gives the same for any positive radius: the pixel sits at the centre).

Columns, one row per label (increasing):
  label,
  zernike_radius, zernike_<n>_<m> ...                    im = the object's mask (1 on the object, 0 elsewhere)
  zernike_weighted_radius, zernike_weighted_<n>_<m> ...  im = the intensity on the object, 0 elsewhere
Each object is cut out to its bounding box first (coordinates relative to the box; the magnitudes do not depend on
where the box lies). Floats as Python repr. Deterministic: a rerun writes identical files.

    /usr/bin/python3 tests/reference/microscopy/make_zernike_reference.py
"""
import math
import pathlib

import numpy as np
import tifffile

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE.parents[1] / "data" / "microscopy"
CASES = ("shapes", "cells")
DEGREE = 9


def pairs(degree):
    return [(n, l) for n in range(degree + 1) for l in range(n + 1) if (n - l) % 2 == 0]


def znl(Dn, An_l, frac, n, l):
    """mahotas _zernike.cpp py_znl: one moment, pixels in order, complex accumulation."""
    g = [(-1.0 if m % 2 else 1.0) * math.factorial(n - m) /
         (math.factorial(m) * math.factorial((n - 2 * m + l) // 2) * math.factorial((n - 2 * m - l) // 2))
         for m in range((n - l) // 2 + 1)]
    V = np.zeros(Dn.shape, np.complex128)
    for m, gm in enumerate(g):
        V += gm * Dn ** float(n - 2 * m) * An_l
    return np.sum(frac * np.conj(V)) * (n + 1) / math.pi


class Counter:
    scaled_test_drops = 0  # objects whose farthest pixel mahotas' own test (Dn <= 1) would have dropped


def zernike_moments(im, radius, squared_radius, degree, cm):
    """mahotas.features.zernike_moments(im, radius, degree, cm), but with the unscaled inside test (docstring)."""
    c0, c1 = cm
    Y, X = np.mgrid[:im.shape[0], :im.shape[1]]
    P = im.ravel()
    dY = (Y.astype(np.double) - c0).ravel()
    dX = (X.astype(np.double) - c1).ravel()
    Yn = dY / radius
    Xn = dX / radius
    Dn = np.sqrt(Xn ** 2 + Yn ** 2)
    Dn = np.maximum(Dn, 1e-9)
    inside = dY * dY + dX * dX <= squared_radius
    k = inside & (P > 0)
    if np.any(k & (Dn > 1.0)):
        Counter.scaled_test_drops += 1
    frac = np.array(P[k], np.double)
    frac /= frac.sum()
    Yn, Xn, Dn = Yn[k], Xn[k], Dn[k]
    An = np.empty(Yn.shape, np.complex128)
    An.real = Xn / Dn
    An.imag = Yn / Dn
    powers = [np.ones_like(An), An] + [An ** p for p in range(2, degree + 2)]
    return [abs(znl(Dn, powers[l], frac, n, l)) for n, l in pairs(degree)]


def centre_of_mass(im):
    rows, cols = np.mgrid[:im.shape[0], :im.shape[1]]
    total = np.sum(im)
    return np.sum(im * rows) / total, np.sum(im * cols) / total


def object_zernike(im, mask):
    """The magnitudes of one object (im: its weights on its bounding-box crop, 0 off the object) and the radius."""
    cm = centre_of_mass(im)
    rows, cols = np.nonzero(mask)
    d_row = rows - cm[0]
    d_col = cols - cm[1]
    squared_radius = float(np.max(d_row * d_row + d_col * d_col))
    radius = math.sqrt(squared_radius)
    values = zernike_moments(im, radius if radius > 0 else 1.0, squared_radius, DEGREE, cm)
    return radius, values


def zernike_columns(labels, intensity):
    names = [f"{n}_{m}" for n, m in pairs(DEGREE)]
    columns = {"label": [], "zernike_radius": []}
    columns.update({f"zernike_{s}": [] for s in names})
    columns["zernike_weighted_radius"] = []
    columns.update({f"zernike_weighted_{s}": [] for s in names})
    for label in np.unique(labels[labels != 0]):
        rows, cols = np.nonzero(labels == label)
        box = (slice(rows.min(), rows.max() + 1), slice(cols.min(), cols.max() + 1))
        mask = labels[box] == label
        columns["label"].append(int(label))
        for prefix, im in (("zernike", mask.astype(np.double)), ("zernike_weighted", np.where(mask, intensity[box], 0.0))):
            radius, values = object_zernike(im, mask)
            columns[f"{prefix}_radius"].append(radius)
            for s, v in zip(names, values):
                columns[f"{prefix}_{s}"].append(v)
    return columns


def write_csv(path, columns):
    names = list(columns)
    with open(path, "w", newline="\n") as f:
        f.write(",".join(names) + "\n")
        for i in range(len(columns["label"])):
            f.write(",".join(str(columns[n][i]) if n == "label" else repr(float(columns[n][i])) for n in names) + "\n")


def main():
    for case in CASES:
        labels = tifffile.imread(DATA / f"{case}_labels.tif")
        intensity = tifffile.imread(DATA / f"{case}_intensity.tif").astype(np.float64)
        assert labels.ndim == 2 and labels.shape == intensity.shape
        write_csv(HERE / f"{case}_zernike.csv", zernike_columns(labels, intensity))
    print(f"objects whose farthest pixel mahotas' scaled test (Dn <= 1) would drop: {Counter.scaled_test_drops}")


if __name__ == "__main__":
    main()
