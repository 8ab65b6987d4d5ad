#include "io/dicom_series_geometry.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <string>

#include "voxfeat/error.hpp"

namespace voxfeat::io::detail {
namespace {

/// Millimetres for messages: enough digits to tell slices apart, none of the DS noise.
std::string mm(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

template <std::size_t N>
std::string listed(const std::array<double, N>& values) {
  std::string text;
  for (std::size_t i = 0; i < N; ++i) {
    if (i) text += '\\';
    text += mm(values[i]);  // appended, not `"\\" + mm(..)`: g++ 12 warns falsely (-Wrestrict) on that form
  }
  return text;
}

std::string name_of(const DicomSliceHeader& slice) { return slice.path.filename().string(); }

[[noreturn]] void refuse(const std::filesystem::path& folder, const std::string& what) {
  throw IoError(folder.string() + ": " + what);
}

[[noreturn]] void refuse(const std::filesystem::path& folder, const DicomSliceHeader& slice, const std::string& what) {
  refuse(folder, name_of(slice) + ": " + what);
}

double dot(const Vec3& a, const Vec3& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
Vec3 cross(const Vec3& a, const Vec3& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}
Vec3 scaled(const Vec3& a, double s) { return {a[0] * s, a[1] * s, a[2] * s}; }
Vec3 minus(const Vec3& a, const Vec3& b) { return {a[0] - b[0], a[1] - b[1], a[2] - b[2]}; }

/// What each slice must have on its own, whatever the other slices hold.
void check_slice_on_its_own(const DicomSliceHeader& slice, const std::filesystem::path& folder) {
  if (!slice.problem.empty()) refuse(folder, slice, slice.problem);
  if (slice.number_of_frames > 1)
    refuse(folder, slice, "multi-frame image (" + std::to_string(slice.number_of_frames) +
                              " frames); voxfeat reads series of single-frame images only (enhanced multi-frame "
                              "CT/MR/PET is not supported)");
  const std::string& photometric = slice.photometric_interpretation;
  if (slice.samples_per_pixel != 1 || (!photometric.empty() && photometric != "MONOCHROME1" &&
                                       photometric != "MONOCHROME2"))
    refuse(folder, slice, "colour image (SamplesPerPixel " + std::to_string(slice.samples_per_pixel) +
                              ", PhotometricInterpretation " + photometric + "); voxfeat reads grey-level images only");
  if (!slice.pixel_spacing)
    refuse(folder, slice, "no PixelSpacing (0028,0030); voxfeat needs the physical size of a pixel");
  if (!((*slice.pixel_spacing)[0] > 0.0) || !((*slice.pixel_spacing)[1] > 0.0))
    refuse(folder, slice, "PixelSpacing " + listed(*slice.pixel_spacing) + " is not positive");
}

bool orientations_differ(const DicomSliceHeader& a, const DicomSliceHeader& b) {
  if (a.orientation.has_value() != b.orientation.has_value()) return true;
  if (!a.orientation) return false;
  for (std::size_t i = 0; i < 6; ++i)
    if (std::abs((*a.orientation)[i] - (*b.orientation)[i]) > orientation_tolerance) return true;
  return false;
}

/// What every slice must share with the first: size, pixel spacing, orientation, frame of reference.
void check_slices_alike(const std::vector<DicomSliceHeader>& slices, const std::filesystem::path& folder) {
  const DicomSliceHeader& first = slices.front();
  for (const DicomSliceHeader& slice : slices) {
    if (slice.rows != first.rows || slice.columns != first.columns)
      refuse(folder, "slices of different size: " + name_of(slice) + " has " + std::to_string(slice.columns) +
                         " columns x " + std::to_string(slice.rows) + " rows, " + name_of(first) + " has " +
                         std::to_string(first.columns) + " x " + std::to_string(first.rows));
    const auto& a = *slice.pixel_spacing;
    const auto& b = *first.pixel_spacing;
    if (std::abs(a[0] - b[0]) > pixel_spacing_tolerance || std::abs(a[1] - b[1]) > pixel_spacing_tolerance)
      refuse(folder, "slices with different PixelSpacing: " + name_of(slice) + " has " + listed(a) + " mm, " +
                         name_of(first) + " has " + listed(b) + " mm");
    if (orientations_differ(slice, first))
      refuse(folder, "mixed slice orientations: " + name_of(slice) + " has ImageOrientationPatient " +
                         (slice.orientation ? listed(*slice.orientation) : std::string("(none)")) + ", " +
                         name_of(first) + " has " +
                         (first.orientation ? listed(*first.orientation) : std::string("(none)")) +
                         " (tolerance " + mm(orientation_tolerance) +
                         " per cosine); a series must be one stack of parallel slices");
    if (slice.frame_of_reference_uid != first.frame_of_reference_uid)
      refuse(folder, "slices in different frames of reference: " + name_of(slice) + " and " + name_of(first) +
                         " have different FrameOfReferenceUIDs");
  }
}

/// Row cosine, column cosine and normal (the direction matrix's columns); identity without an orientation.
std::array<Vec3, 3> axes_of(const DicomSliceHeader& slice, const std::filesystem::path& folder) {
  if (!slice.orientation) return {Vec3{1, 0, 0}, Vec3{0, 1, 0}, Vec3{0, 0, 1}};
  const auto& o = *slice.orientation;
  const Vec3 row{o[0], o[1], o[2]}, column{o[3], o[4], o[5]};
  const double row_length = std::sqrt(dot(row, row)), column_length = std::sqrt(dot(column, column));
  if (std::abs(row_length - 1.0) > unit_vector_tolerance || std::abs(column_length - 1.0) > unit_vector_tolerance ||
      std::abs(dot(row, column)) > unit_vector_tolerance)
    refuse(folder, slice, "ImageOrientationPatient " + listed(o) + " is not two orthogonal unit vectors");
  const Vec3 r = scaled(row, 1.0 / row_length), c = scaled(column, 1.0 / column_length);
  const Vec3 n = cross(r, c);
  return {r, c, scaled(n, 1.0 / std::sqrt(dot(n, n)))};
}

/// Positions along the normal must step regularly: no two alike, no missing slice, no uneven gap.
void check_gaps(const std::vector<DicomSliceHeader>& slices, const std::vector<std::size_t>& order,
                const std::vector<double>& z, const std::filesystem::path& folder) {
  const std::size_t n = order.size();
  std::vector<double> gaps(n - 1);
  for (std::size_t k = 0; k + 1 < n; ++k) {
    gaps[k] = z[order[k + 1]] - z[order[k]];
    if (gaps[k] < same_position_tolerance)
      refuse(folder, "two slices at the same position z = " + mm(z[order[k]]) + " mm: " +
                         name_of(slices[order[k]]) + " and " + name_of(slices[order[k + 1]]));
  }
  // The lower median: with a missing slice, gaps only grow, so the lower middle is the regular gap.
  std::vector<double> sorted = gaps;
  std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t((sorted.size() - 1) / 2), sorted.end());
  const double median = sorted[(sorted.size() - 1) / 2];
  const double tolerance = std::max(gap_tolerance_floor, gap_tolerance_fraction * median);
  for (std::size_t k = 0; k + 1 < n; ++k) {
    if (std::abs(gaps[k] - median) <= tolerance) continue;
    const double a = z[order[k]], b = z[order[k + 1]];
    const std::string between = name_of(slices[order[k]]) + " (z = " + mm(a) + " mm) and " +
                                name_of(slices[order[k + 1]]) + " (z = " + mm(b) + " mm)";
    const double steps = std::round(gaps[k] / median);
    if (steps >= 2 && std::abs(gaps[k] - steps * median) <= steps * tolerance) {
      const auto missing = std::size_t(steps) - 1;
      refuse(folder, (missing == 1 ? std::string("missing slice") : std::to_string(missing) + " missing slices") +
                         " between z = " + mm(a) + " mm and z = " + mm(b) + " mm: " + between + " are " +
                         mm(gaps[k]) + " mm apart, the median slice gap is " + mm(median) + " mm");
    }
    refuse(folder, "inconsistent slice spacing: " + between + " are " + mm(gaps[k]) +
                       " mm apart, the median slice gap is " + mm(median) + " mm (tolerance " + mm(tolerance) +
                       " mm)");
  }
}

}  // namespace

DicomSeriesLayout layout_dicom_series(const std::vector<DicomSliceHeader>& slices,
                                      const std::filesystem::path& folder) {
  if (slices.empty()) refuse(folder, "no image slices in the series");
  for (const DicomSliceHeader& slice : slices) check_slice_on_its_own(slice, folder);
  check_slices_alike(slices, folder);

  const DicomSliceHeader& first = slices.front();
  DicomSeriesLayout layout;
  Geometry& g = layout.geometry;
  g.size = {first.columns, first.rows, slices.size()};
  // PixelSpacing is (distance between rows, distance between columns): x (along a row) takes the second.
  g.spacing = {(*first.pixel_spacing)[1], (*first.pixel_spacing)[0], 1.0};
  const auto axes = axes_of(first, folder);
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) g.direction[std::size_t(r * 3 + c)] = axes[std::size_t(c)][std::size_t(r)];

  layout.order.resize(slices.size());
  std::iota(layout.order.begin(), layout.order.end(), std::size_t{0});
  if (slices.size() == 1) {
    g.origin = first.position.value_or(Vec3{0, 0, 0});
    g.spacing[2] = first.slice_thickness.value_or(0.0) > 0.0 ? *first.slice_thickness : 1.0;
    return layout;
  }

  for (const DicomSliceHeader& slice : slices)
    if (!slice.position || !slice.orientation) {
      const std::string absent =
          slice.position ? "ImageOrientationPatient (0020,0037)" : "ImagePositionPatient (0020,0032)";
      refuse(folder, slice, "no " + absent + "; the slices of a multi-slice series cannot be placed without it");
    }
  const Vec3& normal = axes[2];
  std::vector<double> z(slices.size());
  for (std::size_t i = 0; i < slices.size(); ++i) z[i] = dot(*slices[i].position, normal);
  // Ties go by file name (the scan's order) so that messages about them do not depend on the sort.
  std::stable_sort(layout.order.begin(), layout.order.end(), [&](std::size_t a, std::size_t b) { return z[a] < z[b]; });

  const DicomSliceHeader& lowest = slices[layout.order.front()];
  const double off_axis_tolerance =
      std::max(off_axis_tolerance_floor, off_axis_tolerance_fraction * std::min(g.spacing[0], g.spacing[1]));
  for (const DicomSliceHeader& slice : slices) {
    const Vec3 offset = minus(*slice.position, *lowest.position);
    const Vec3 in_plane = minus(offset, scaled(normal, dot(offset, normal)));
    const double distance = std::sqrt(dot(in_plane, in_plane));
    if (distance > off_axis_tolerance)
      refuse(folder, slice, "lies " + mm(distance) + " mm off the stack axis through the first slice " +
                                name_of(lowest) + " (tolerance " + mm(off_axis_tolerance) +
                                " mm): the stack is sheared (gantry tilt?); resample it to an orthogonal grid first");
  }
  check_gaps(slices, layout.order, z, folder);

  g.origin = *lowest.position;
  // The mean gap: after the checks every gap is within tolerance of it, and averaging damps DS rounding.
  g.spacing[2] = (z[layout.order.back()] - z[layout.order.front()]) / double(slices.size() - 1);
  return layout;
}

}  // namespace voxfeat::io::detail
