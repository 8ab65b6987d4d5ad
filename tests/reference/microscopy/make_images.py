#!/usr/bin/python3
"""Writes the 2D microscopy test images into tests/data/microscopy/ (label map + intensity image per case).

shapes: hand-placed objects, one per hard case of the per-object features (holes, non-convex, thin lines, one pixel,
touching labels, image borders, labels > 255, a label in two parts); every object is named in SHAPES below.
cells: ~40 random perturbed ellipses, later ones overwriting earlier ones (touching, cut, occasionally split cells).

Everything is drawn with numpy on pixel centres (no skimage.draw), so the pixels do not depend on the skimage
version; the random parts come from one seeded generator, so a rerun writes byte-identical files.
Run with Debian's python3 (python3-numpy, python3-tifffile); see README.md.
"""
import pathlib

import numpy as np
import tifffile

SEED = 20261129
OUT = pathlib.Path(__file__).resolve().parents[2] / "data" / "microscopy"

SHAPES_SIZE = (160, 128)  # rows, cols
CELLS_SIZE = (256, 256)


def grid(shape):
    return np.mgrid[0:shape[0], 0:shape[1]].astype(np.float64)


def ellipse(shape, r0, c0, a, b, angle_deg=0.0):
    """Pixel centres inside an ellipse with semi-axis a along the direction angle_deg from the row axis."""
    r, c = grid(shape)
    t = np.deg2rad(angle_deg)
    u = (r - r0) * np.cos(t) + (c - c0) * np.sin(t)
    v = -(r - r0) * np.sin(t) + (c - c0) * np.cos(t)
    return (u / a) ** 2 + (v / b) ** 2 <= 1.0


def annulus(shape, r0, c0, outer, inner):
    r, c = grid(shape)
    d2 = (r - r0) ** 2 + (c - c0) ** 2
    return (d2 <= outer ** 2) & (d2 > inner ** 2)


def box(shape, r_first, r_last, c_first, c_last):
    m = np.zeros(shape, bool)
    m[r_first:r_last + 1, c_first:c_last + 1] = True
    return m


def polygon(shape, verts):
    """Even-odd rule on pixel centres; verts are (row, col). Strict inequalities keep it free of ties here."""
    r, c = grid(shape)
    inside = np.zeros(shape, bool)
    n = len(verts)
    for i in range(n):
        (r1, c1), (r2, c2) = verts[i], verts[(i + 1) % n]
        crosses = (r1 > r) != (r2 > r)
        with np.errstate(divide="ignore", invalid="ignore"):
            c_at = c1 + (r - r1) * (c2 - c1) / (r2 - r1)
        inside ^= crosses & (c < c_at)
    return inside


def star(shape, r0, c0, outer, inner, points=5):
    angles = np.pi / 2 + np.arange(2 * points) * np.pi / points + 0.07  # small tilt: no vertex on a pixel row
    radii = np.where(np.arange(2 * points) % 2 == 0, outer, inner)
    return polygon(shape, [(r0 - rr * np.sin(a), c0 + rr * np.cos(a)) for a, rr in zip(angles, radii)])


def shapes_masks(shape):
    """label -> (what it tests, mask). Pixels of a later entry overwrite earlier ones (only label 301 relies on it,
    drawn inside the hole of 300)."""
    s = shape
    r, c = grid(s)
    c_shape = annulus(s, 42, 98, 11, 6) & ~((c > 98) & (np.abs(r - 42) < 4))
    diamond_outline = (np.abs(r - 14) + np.abs(c - 60)) == 7
    l_shape = box(s, 62, 80, 6, 10) | box(s, 76, 80, 6, 20)
    two_holes = box(s, 60, 73, 28, 49) & ~box(s, 65, 67, 32, 35) & ~box(s, 64, 68, 41, 44)
    diagonal = np.zeros(s, bool)
    for k in range(11):
        diagonal[82 + k, 95 + k] = True
    two_parts = box(s, 120, 123, 88, 91) | box(s, 128, 130, 98, 102)
    cross = box(s, 133, 147, 59, 61) | box(s, 139, 141, 53, 67)
    return {
        1: ("filled disc, radius 9.5", ellipse(s, 16, 95, 9.5, 9.5)),
        3: ("ellipse 13 x 5 rotated 30 degrees", ellipse(s, 40, 22, 13, 5, 30)),
        7: ("L shape", l_shape),
        8: ("ring, Euler number 0", annulus(s, 42, 60, 9, 4.5)),
        9: ("rectangle with two holes, Euler number -1", two_holes),
        12: ("touches 13 along an edge", box(s, 62, 71, 58, 65)),
        13: ("touches 12 along an edge", box(s, 64, 73, 66, 72)),
        15: ("touches 16 at one corner only", box(s, 62, 67, 82, 87)),
        16: ("touches 15 at one corner only", box(s, 68, 73, 88, 93)),
        20: ("cut by the top border", ellipse(s, -4, 24, 9, 9)),
        21: ("cut by the bottom border", ellipse(s, 162, 70, 8, 14)),
        22: ("cut by the left border", ellipse(s, 105, -2, 8, 8)),
        23: ("cut by the right border", ellipse(s, 70, 130, 8, 6)),
        24: ("in the top-right corner", (r + (127 - c)) <= 9),
        30: ("single pixel", box(s, 90, 90, 20, 20)),
        31: ("1-pixel-wide horizontal line, 14 long", box(s, 90, 90, 28, 41)),
        32: ("1-pixel-wide diagonal line, 11 pixels", diagonal),
        33: ("2 x 2 square", box(s, 90, 91, 110, 111)),
        34: ("five-pointed star", star(s, 128, 30, 11, 4.5)),
        35: ("1-pixel-wide vertical line, 14 long", box(s, 118, 131, 118, 118)),
        36: ("plus-shaped cross, arms 3 wide", cross),
        50: ("one label in two separate parts, Euler number 2", two_parts),
        300: ("ring whose hole holds label 301", annulus(s, 100, 60, 10, 5)),
        301: ("3 x 3 square inside the hole of 300", box(s, 99, 101, 59, 61)),
        1000: ("diamond outline of diagonal steps: 8-connected ring whose hole touches the outside diagonally",
               diamond_outline),
        40000: ("C shape (non-convex), label > 255 and > 32767", c_shape),
    }


TOUCHING = {(12, 13), (15, 16)}  # 301 sits inside 300's hole without touching it


def paint(shape, masks, dtype):
    labels = np.zeros(shape, dtype)
    for label, mask in masks:
        labels[mask] = label
    return labels


def check_shapes(labels, described):
    """Catches a placement mistake: every object present, and only the intended pairs 8-adjacent."""
    present = set(np.unique(labels).tolist()) - {0}
    assert present == set(described), (present ^ set(described))
    padded = np.pad(labels, 1)
    centre = padded[1:-1, 1:-1]
    pairs = set()
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            other = padded[1 + dr:padded.shape[0] - 1 + dr, 1 + dc:padded.shape[1] - 1 + dc]
            hit = (centre != 0) & (other != 0) & (centre != other)
            pairs |= {tuple(sorted(p)) for p in zip(centre[hit].tolist(), other[hit].tolist())}
    assert pairs == TOUCHING, pairs


def shapes_intensity(rng, labels):
    """Smooth gradient + ripple + noise, plus a per-object offset so objects differ; 1..4000, never 0 (an all-zero
    object would make the intensity-weighted moments 0/0)."""
    r, c = grid(labels.shape)
    value = 600 + 10 * r + 6 * c + 250 * np.sin(r / 9.0) * np.cos(c / 13.0) + rng.normal(0.0, 60.0, labels.shape)
    value += np.where(labels > 0, 700 + 45 * (labels.astype(np.int64) % 17), 0)
    return np.clip(np.rint(value), 1, 4000).astype(np.uint16)


def cells(rng, shape, count=40):
    """Random ellipses (semi-axes 5..25) with a boundary perturbed by harmonics 2..5 (up to ~35 % of the radius, so
    some are non-convex); drawn in label order, later cells overwrite earlier ones."""
    r, c = grid(shape)
    labels = np.zeros(shape, np.uint16)
    intensity = 80.0 + 0.3 * r + 0.2 * c + rng.normal(0.0, 8.0, shape)
    for label in range(1, count + 1):
        r0, c0 = rng.uniform(-5, shape[0] + 5), rng.uniform(-5, shape[1] + 5)
        a = rng.uniform(5, 25)
        b = rng.uniform(5, 25)
        angle = rng.uniform(0, np.pi)
        amps = rng.uniform(0.0, 0.09, 4)
        phases = rng.uniform(0, 2 * np.pi, 4)
        u = (r - r0) * np.cos(angle) + (c - c0) * np.sin(angle)
        v = -(r - r0) * np.sin(angle) + (c - c0) * np.cos(angle)
        theta = np.arctan2(v / b, u / a)
        boundary = 1.0 + sum(amp * np.cos((k + 2) * theta + ph) for k, (amp, ph) in enumerate(zip(amps, phases)))
        rho = np.hypot(u / a, v / b)
        inside = rho <= boundary
        labels[inside] = label
        brightness = rng.uniform(300, 1500)
        # brighter centre, dimmer rim: a non-flat profile for the weighted moments and edge statistics
        profile = brightness * (1.3 - 0.6 * np.clip(rho / boundary, 0, 1) ** 2)
        intensity[inside] = profile[inside] + rng.normal(0.0, 25.0, int(inside.sum()))
    # multiples of 1/8 below 2^12: exact in float32, and sums of them are exact in double, so a C++ double
    # accumulation over the float32 pixels has no round-off against the reference
    intensity = np.round(np.clip(intensity, 1.0, 4000.0) * 8.0) / 8.0
    return labels, intensity.astype(np.float32)


def write(name, array):
    # deflate (Adobe) compression: libtiff, ITK and OpenCV read it; no tifffile JSON description, no date tag
    tifffile.imwrite(OUT / name, array, compression="zlib", photometric="minisblack", metadata=None)


def main():
    rng = np.random.default_rng(SEED)
    OUT.mkdir(parents=True, exist_ok=True)

    described = shapes_masks(SHAPES_SIZE)
    labels = paint(SHAPES_SIZE, [(k, m) for k, (_, m) in described.items()], np.uint16)
    check_shapes(labels, described)
    write("shapes_labels.tif", labels)
    write("shapes_intensity.tif", shapes_intensity(rng, labels))

    cell_labels, cell_intensity = cells(rng, CELLS_SIZE)
    write("cells_labels.tif", cell_labels)
    write("cells_intensity.tif", cell_intensity)


if __name__ == "__main__":
    main()
