#!/usr/bin/python3
"""Writes the per-object reference tables for the microscopy test images (tests/data/microscopy/, made by
make_images.py) with scikit-image and numpy, plus VERSIONS.txt. For each case <image> (shapes, cells):

<image>_regionprops.csv      every scalar or fixed-size skimage.measure.regionprops_table property for 2D with an
                             intensity image, under regionprops_table's column names, plus `perimeter_8`
                             (skimage.measure.perimeter of the object's mask with neighbourhood=8).
<image>_intensity_extra.csv  numpy values of the intensity statistics regionprops lacks (columns below).

One row per label, increasing label order; floats as Python repr (shortest text that reads back to the same double),
NaN as `nan`, integers as integers.

The intensity image is widened to float64 before regionprops (exact for uint16 and float32): skimage's
intensity_mean is np.mean over the image's own dtype, which for float32 would accumulate in float32. The reference is
therefore "the definition evaluated in double on the stored pixel values", which is what the C++ side computes.

intensity_extra columns, over v = the object's pixel values (float64), n = count:
  count, intensity_sum = sum v, intensity_median = np.median(v),
  intensity_std = population standard deviation (ddof=0),
  intensity_p10, intensity_p90 = np.percentile(v, q) with numpy's default linear interpolation
      (position (n-1)*q/100 in the sorted values, interpolated between its two neighbours),
  intensity_skewness = m3 / m2^1.5, intensity_kurtosis = m4 / m2^2 - 3 (excess), with m_k = mean((v - mean)^k);
      nan where m2 == 0 (one pixel, or all values equal),
  intensity_mad = mean(|v - mean|) (mean absolute deviation from the mean),
  edge_count, edge_mean, edge_min, edge_max, edge_std (ddof=0) over the object's boundary pixels.
A boundary pixel is a pixel of the object with at least one 4-neighbour (up, down, left, right) that either carries
a different label (background 0 included) or lies outside the image. Diagonal neighbours do not count.
"""
import math
import pathlib
import platform

import numpy as np
import scipy
import skimage
import tifffile
from skimage.measure import perimeter, regionprops_table
from skimage.measure._regionprops import OBJECT_COLUMNS, PROP_VALS

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE.parents[1] / "data" / "microscopy"
CASES = ("shapes", "cells")

# Every regionprops property that is a number or a fixed-size array for a 2D image with an intensity image, in a
# readable order. main() checks it against skimage's own list, so a new skimage property is not silently missed.
PROPERTIES = [
    "area", "area_bbox", "area_convex", "area_filled", "bbox",
    "centroid", "centroid_local", "centroid_weighted", "centroid_weighted_local",
    "axis_major_length", "axis_minor_length", "eccentricity", "equivalent_diameter_area", "euler_number",
    "extent", "feret_diameter_max", "inertia_tensor", "inertia_tensor_eigvals",
    "intensity_max", "intensity_mean", "intensity_min",
    "moments", "moments_central", "moments_hu", "moments_normalized",
    "moments_weighted", "moments_weighted_central", "moments_weighted_hu", "moments_weighted_normalized",
    "orientation", "perimeter", "perimeter_crofton", "solidity",
]


def perimeter_8(mask):
    """The extra column: regionprops' perimeter uses neighbourhood 4; this is the same estimator with 8."""
    return perimeter(mask, neighbourhood=8)


def text(value):
    if isinstance(value, (bool, np.bool_)):
        raise TypeError("unexpected boolean column")
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    value = float(value)
    return "nan" if math.isnan(value) else repr(value)


def write_csv(path, columns):
    names = list(columns)
    rows = len(columns[names[0]])
    with open(path, "w", newline="\n") as f:
        f.write(",".join(names) + "\n")
        for i in range(rows):
            f.write(",".join(text(columns[name][i]) for name in names) + "\n")


def regionprops_columns(labels, intensity):
    table = regionprops_table(labels, intensity, properties=["label"] + PROPERTIES,
                              extra_properties=[perimeter_8])
    assert np.all(np.diff(table["label"]) > 0), "regionprops rows not in increasing label order"
    return table


def boundary_mask(labels):
    """Object pixels with a 4-neighbour of another label or outside the image (the padding value is no label)."""
    padded = np.pad(labels.astype(np.int64), 1, constant_values=-1)
    centre = padded[1:-1, 1:-1]
    differs = np.zeros(labels.shape, bool)
    for dr, dc in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        differs |= padded[1 + dr:padded.shape[0] - 1 + dr, 1 + dc:padded.shape[1] - 1 + dc] != centre
    return differs & (labels != 0)


def central_moments(v):
    mean = np.mean(v)
    d = v - mean
    return mean, np.mean(d * d), np.mean(d * d * d), np.mean(d * d * d * d)


def intensity_extra_columns(labels, intensity):
    edge = boundary_mask(labels)
    names = ["label", "count", "intensity_sum", "intensity_median", "intensity_std", "intensity_p10",
             "intensity_p90", "intensity_skewness", "intensity_kurtosis", "intensity_mad",
             "edge_count", "edge_mean", "edge_min", "edge_max", "edge_std"]
    columns = {name: [] for name in names}
    for label in np.unique(labels[labels != 0]):
        mask = labels == label
        v = intensity[mask]
        e = intensity[mask & edge]
        mean, m2, m3, m4 = central_moments(v)
        row = {
            "label": int(label),
            "count": int(v.size),
            "intensity_sum": np.sum(v),
            "intensity_median": np.median(v),
            "intensity_std": math.sqrt(m2),
            "intensity_p10": np.percentile(v, 10),
            "intensity_p90": np.percentile(v, 90),
            "intensity_skewness": m3 / m2 ** 1.5 if m2 > 0 else math.nan,
            "intensity_kurtosis": m4 / (m2 * m2) - 3.0 if m2 > 0 else math.nan,
            "intensity_mad": np.mean(np.abs(v - mean)),
            "edge_count": int(e.size),  # never 0: every object has a boundary pixel
            "edge_mean": np.mean(e),
            "edge_min": np.min(e),
            "edge_max": np.max(e),
            "edge_std": np.std(e),
        }
        for name in names:
            columns[name].append(row[name])
    return columns


def write_versions():
    lines = [
        f"python {platform.python_version()}",
        f"numpy {np.__version__}",
        f"scipy {scipy.__version__}",
        f"scikit-image {skimage.__version__}",
        f"tifffile {tifffile.__version__}",
    ]
    (HERE / "VERSIONS.txt").write_text("\n".join(lines) + "\n")


def main():
    expected = PROP_VALS - OBJECT_COLUMNS - {"label"}
    assert set(PROPERTIES) == expected, set(PROPERTIES) ^ expected
    for case in CASES:
        labels = tifffile.imread(DATA / f"{case}_labels.tif")
        intensity = tifffile.imread(DATA / f"{case}_intensity.tif").astype(np.float64)
        assert labels.ndim == 2 and labels.shape == intensity.shape
        write_csv(HERE / f"{case}_regionprops.csv", regionprops_columns(labels, intensity))
        write_csv(HERE / f"{case}_intensity_extra.csv", intensity_extra_columns(labels, intensity))
    write_versions()


if __name__ == "__main__":
    main()
