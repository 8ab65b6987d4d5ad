// Every per-object feature that scikit-image 0.19.3's regionprops (and numpy, for the intensity extras) computes,
// against its tables on the two reference images (tests/reference/microscopy/README.md: provenance, definitions).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>

#include "microscopy/object_measurements.hpp"
#include "microscopy/reference_planes.hpp"
#include "microscopy/reference_table.hpp"
#include "support/test_paths.hpp"

namespace voxfeat::kernels::microscopy {
namespace {

using test::microscopy::read_reference_table;
using test::microscopy::ReferenceTable;

using Planes = test::microscopy::ReferencePlanes;

Planes read_planes(const std::string& name) {
  return test::microscopy::read_reference_planes(test::data_dir() / "microscopy", name);
}

std::string moment_name(const std::string& prefix, int i, int j) {
  return prefix + "-" + std::to_string(i) + "-" + std::to_string(j);
}

void add_moments(std::map<std::string, double>& c, const std::string& prefix, const ObjectMoments& m) {
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) {
      c[moment_name(prefix, i, j)] = m.raw.v[i][j];
      c[moment_name(prefix + "_central", i, j)] = m.central.v[i][j];
      c[moment_name(prefix + "_normalized", i, j)] = m.normalised.v[i][j];
    }
  for (int k = 0; k < 7; ++k) c[prefix + "_hu-" + std::to_string(k)] = m.hu[std::size_t(k)];
}

// Our value of every column of both tables, under the tables' names.
std::map<std::string, double> columns_of(const ObjectMeasurement& m) {
  const Shape2D& s = m.shape;
  std::map<std::string, double> c;
  c["area"] = double(s.area);
  c["area_bbox"] = double(s.area_bbox);
  c["area_convex"] = double(s.area_convex);
  c["area_filled"] = double(s.area_filled);
  c["bbox-0"] = s.bbox.row_begin;
  c["bbox-1"] = s.bbox.col_begin;
  c["bbox-2"] = s.bbox.row_end;
  c["bbox-3"] = s.bbox.col_end;
  c["centroid-0"] = s.centroid_row;
  c["centroid-1"] = s.centroid_col;
  c["centroid_local-0"] = m.moments.centroid_row;
  c["centroid_local-1"] = m.moments.centroid_col;
  c["centroid_weighted-0"] = m.weighted_moments.centroid_row + s.bbox.row_begin;
  c["centroid_weighted-1"] = m.weighted_moments.centroid_col + s.bbox.col_begin;
  c["centroid_weighted_local-0"] = m.weighted_moments.centroid_row;
  c["centroid_weighted_local-1"] = m.weighted_moments.centroid_col;
  c["axis_major_length"] = s.axis_major_length;
  c["axis_minor_length"] = s.axis_minor_length;
  c["eccentricity"] = s.eccentricity;
  c["equivalent_diameter_area"] = s.equivalent_diameter_area;
  c["euler_number"] = double(s.euler_number);
  c["extent"] = s.extent;
  c["feret_diameter_max"] = s.feret.max;
  c["inertia_tensor-0-0"] = s.inertia_tensor.a;
  c["inertia_tensor-0-1"] = s.inertia_tensor.b;
  c["inertia_tensor-1-0"] = s.inertia_tensor.b;
  c["inertia_tensor-1-1"] = s.inertia_tensor.c;
  c["inertia_tensor_eigvals-0"] = s.inertia_eigenvalues.major;
  c["inertia_tensor_eigvals-1"] = s.inertia_eigenvalues.minor;
  c["intensity_max"] = m.intensity.all.max;
  c["intensity_mean"] = m.intensity.all.mean;
  c["intensity_min"] = m.intensity.all.min;
  add_moments(c, "moments", m.moments);
  add_moments(c, "moments_weighted", m.weighted_moments);
  c["orientation"] = s.orientation;
  c["perimeter"] = s.perimeter;
  c["perimeter_8"] = s.perimeter_8;
  c["perimeter_crofton"] = s.perimeter_crofton;
  c["solidity"] = s.solidity;
  const IntensityStatistics& v = m.intensity.all;
  c["count"] = double(v.count);
  c["intensity_sum"] = v.sum;
  c["intensity_median"] = v.median;
  c["intensity_std"] = v.sd;
  c["intensity_p10"] = v.p10;
  c["intensity_p90"] = v.p90;
  c["intensity_skewness"] = v.skewness;
  c["intensity_kurtosis"] = v.kurtosis;
  c["intensity_mad"] = v.mad;
  const EdgeStatistics& e = m.intensity.edge;
  c["edge_count"] = double(e.count);
  c["edge_mean"] = e.mean;
  c["edge_min"] = e.min;
  c["edge_max"] = e.max;
  c["edge_std"] = e.sd;
  return c;
}

/// |ours − reference| ≤ max(relative·|reference|, absolute), with the reason for the absolute floor.
struct Tolerance {
  double relative = 0.0;
  double absolute = 0.0;
  const char* reason = "";
};

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

int moment_order(const std::string& column) {  // i + j of "...-i-j"
  return (column[column.size() - 3] - '0') + (column[column.size() - 1] - '0');
}

// The definitions agree with skimage's for every column, so differences are rounding: sums in another order
// (skimage sums rows then columns with numpy's pairwise dot products; here runs, compensated for intensities).
// Relative 1e-9 throughout. The absolute floors are for values that are 0 or nearly so by symmetry, where the
// rounding of the terms that cancel is all that is left: they scale with the size of those terms. L is the
// larger side of the bounding box, W the total weight (pixel count or intensity sum).
Tolerance tolerance(const std::string& column, const ObjectMeasurement& m) {
  const Shape2D& s = m.shape;
  const double L = std::max(s.bbox.rows(), s.bbox.cols());
  const bool weighted = starts_with(column, "moments_weighted");
  const double W = weighted ? m.weighted_moments.raw.v[0][0] : double(s.area);
  constexpr double rel = 1e-9;
  if (column == "area" || starts_with(column, "area_") || starts_with(column, "bbox-") || column == "euler_number" ||
      column == "count" || column == "edge_count")
    return {0.0, 0.0, "integers: exact"};
  if (starts_with(column, "moments") && column.find("_hu-") != std::string::npos) {
    // Hu invariants are sums of products of normalised moments of order 2 (size ≤ s2) and 3 (size ≤ s3).
    const double s2 = L * L / W, s3 = L * L * L / std::pow(W, 1.5);
    const double size[7] = {s2, s2 * s2, s3 * s3, s3 * s3, s3 * s3 * s3 * s3, s2 * s3 * s3, s3 * s3 * s3 * s3};
    return {rel, 1e-13 * size[column.back() - '0'], "cancelling products of normalised moments: 1e-13 of their size"};
  }
  if (starts_with(column, "moments")) {
    const int k = moment_order(column);
    const double terms = W * std::pow(L, k);  // n terms of size ≤ w·L^k
    if (column.find("_normalized-") != std::string::npos)
      return {rel, 1e-13 * terms / std::pow(W, 0.5 * k + 1), "cancelling sum, normalised: 1e-13 of its terms"};
    return {rel, 1e-13 * terms, "a sum that cancels (0 by symmetry): 1e-13 of the sum of its terms' sizes"};
  }
  if (starts_with(column, "inertia_tensor"))
    return {rel, 1e-13 * L * L, "second moments per pixel (size ≤ L²) that cancel: 1e-13 of L²"};
  if (column == "axis_minor_length")
    return {rel, 4.0 * std::sqrt(1e-13) * L, "4√λ2 of a rounding-level λ2 (≤ 1e-13 L²) for a thin object"};
  if (column == "eccentricity")
    return {rel, std::sqrt(1e-13), "√(1 − λ2/λ1) of a rounding-level 1 − λ2/λ1 for a round object"};
  if (column == "orientation")
    return {rel, 1e-9, "an angle (radians): near 0 only the absolute error means anything"};
  if (column == "intensity_skewness" || column == "intensity_kurtosis") {
    const IntensityStatistics& v = m.intensity.all;
    const double spread = (v.max - v.min) / v.sd;  // deviations in units of SD, cubed or to the fourth
    return {rel, 1e-13 * std::pow(spread, column == "intensity_skewness" ? 3 : 4),
            "central moment that cancels (symmetric values): 1e-13 of the size of its terms"};
  }
  return {rel, 1e-12 * std::max(L, m.intensity.all.max), "lengths, positions and intensities: 1e-12 of their size"};
}

void compare(const std::string& name) {
  const Planes p = read_planes(name);
  const ObjectTable table = collect_objects(p.labels.data(), p.width, p.height);
  const auto measured = measure_objects(table, {p.labels.data(), p.width, p.height},
                                        PlaneView<float>{p.intensity.data(), p.width, p.height}, 10.0);
  const std::filesystem::path dir = test::source_dir() / "tests" / "reference" / "microscopy";
  std::map<std::string, double> worst;  // largest |difference| / allowed, per column
  std::size_t compared = 0;
  for (const char* kind : {"_regionprops.csv", "_intensity_extra.csv"}) {
    const ReferenceTable ref = read_reference_table(dir / (name + kind));
    ASSERT_EQ(ref.rows.size(), table.objects.size());
    for (std::size_t i = 0; i < table.objects.size(); ++i) {
      const auto row = ref.rows.find(table.objects[i].label);
      ASSERT_NE(row, ref.rows.end()) << "label " << table.objects[i].label << " missing from the table";
      const auto ours = columns_of(measured[i]);
      for (std::size_t k = 1; k < ref.columns.size(); ++k) {
        const std::string& column = ref.columns[k];
        const auto it = ours.find(column);
        ASSERT_NE(it, ours.end()) << "column not computed: " << column;
        const double expected = row->second[k], actual = it->second;
        ++compared;
        if (std::isnan(expected) || std::isnan(actual)) {
          EXPECT_EQ(std::isnan(expected), std::isnan(actual))
              << name << " label " << row->first << " " << column << ": " << actual << " vs " << expected;
          continue;
        }
        const Tolerance t = tolerance(column, measured[i]);
        const double allowed = std::max(t.relative * std::fabs(expected), t.absolute);
        const double difference = std::fabs(actual - expected);
        EXPECT_LE(difference, allowed) << name << " label " << row->first << " " << column << ": " << actual
                                       << " vs " << expected << " (" << t.reason << ")";
        if (allowed > 0) worst[column] = std::max(worst[column], difference / allowed);
      }
    }
  }
  // 146 regionprops columns and perimeter_8, 14 numpy extras: a table that lost columns fails here.
  EXPECT_EQ(compared, table.objects.size() * (147 + 14));
  // VOXFEAT_SHOW_MARGINS=1 prints how close each column comes to its tolerance (all below 1% when written).
  if (std::getenv("VOXFEAT_SHOW_MARGINS"))
    for (const auto& [column, w] : worst) std::printf("%-36s %.3g of the tolerance\n", column.c_str(), w);
}

TEST(RegionpropsReference, Shapes) { compare("shapes"); }
TEST(RegionpropsReference, Cells) { compare("cells"); }

}  // namespace
}  // namespace voxfeat::kernels::microscopy
