// Per-object texture (GLCM, GLRLM, GLSZM, NGTDM) on 2D label planes: the radiomics families' values for the object as
// a one-slice ROI, hand-derived values on a 3×3 object, per-object against per-image grey scales, a one-pixel
// object, and touching objects.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "demo/synthetic_cells.hpp"
#include "extraction/extractor.hpp"
#include "microscopy/label_art.hpp"
#include "microscopy/object_texture.hpp"
#include "texture/aggregation.hpp"
#include "texture/glcm.hpp"
#include "texture/glcm_formulas.hpp"
#include "texture/glrlm.hpp"
#include "texture/glrlm_formulas.hpp"
#include "texture/glszm.hpp"
#include "texture/ngtdm.hpp"
#include "voxfeat/registry.hpp"
#include "voxfeat/settings.hpp"
#include "voxfeat/volume.hpp"

namespace voxfeat::kernels::microscopy {
namespace {

namespace tx = texture;
using test::microscopy::IntensityPlane;
using test::microscopy::label_art;
using test::microscopy::LabelPlane;

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// Every output of the four families for one object, in the radiomics families' order.
struct Texture {
  std::vector<double> glcm_averaged = std::vector<double>(tx::glcm::feature_count, nan);
  std::vector<double> glcm_merged = std::vector<double>(tx::glcm::feature_count, nan);
  std::vector<double> glrlm_averaged = std::vector<double>(tx::glrlm::feature_count, nan);
  std::vector<double> glrlm_merged = std::vector<double>(tx::glrlm::feature_count, nan);
  std::vector<double> glszm = std::vector<double>(tx::size_zone_feature_count, nan);
  std::vector<double> ngtdm = std::vector<double>(tx::NgtdmSlot::count, nan);
};

Texture texture_of(const ObjectLevels& levels, int glcm_distance = 1) {
  Texture t;
  object_glcm(levels, glcm_distance, Directions::averaged, t.glcm_averaged);
  object_glcm(levels, glcm_distance, Directions::merged, t.glcm_merged);
  object_glrlm(levels, Directions::averaged, t.glrlm_averaged);
  object_glrlm(levels, Directions::merged, t.glrlm_merged);
  object_glszm(levels, t.glszm);
  object_ngtdm(levels, t.ngtdm);
  return t;
}

std::size_t index_of(const ObjectTable& table, std::uint32_t label) {
  for (std::size_t i = 0; i < table.objects.size(); ++i)
    if (table.objects[i].label == label) return i;
  throw std::invalid_argument("no object with label " + std::to_string(label));
}

/// Texture of the object `label` of a plane.
Texture texture_of(const LabelPlane& labels, const IntensityPlane& intensity, std::uint32_t label,
                   const ObjectQuantisation& quantisation, int glcm_distance = 1) {
  const ObjectTable table = collect_objects(labels.labels.data(), labels.width, labels.height);
  const std::size_t i = index_of(table, label);
  std::vector<std::int32_t> buffer;
  const ObjectLevels levels = object_levels(table.objects[i], table.runs_of(i), intensity.view(), quantisation, buffer);
  return texture_of(levels, glcm_distance);
}

/// Equal bits, or both NaN: the same matrices through the same formulas in the same order.
void expect_same(const std::vector<double>& actual, const std::vector<double>& expected, const std::string& what) {
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (std::size_t k = 0; k < actual.size(); ++k) {
    if (std::isnan(expected[k]))
      EXPECT_TRUE(std::isnan(actual[k])) << what << " slot " << k;
    else
      EXPECT_EQ(actual[k], expected[k]) << what << " slot " << k;
  }
}

void expect_same(const Texture& a, const Texture& b, const std::string& what) {
  expect_same(a.glcm_averaged, b.glcm_averaged, what + ", glcm averaged");
  expect_same(a.glcm_merged, b.glcm_merged, what + ", glcm merged");
  expect_same(a.glrlm_averaged, b.glrlm_averaged, what + ", glrlm averaged");
  expect_same(a.glrlm_merged, b.glrlm_merged, what + ", glrlm merged");
  expect_same(a.glszm, b.glszm, what + ", glszm");
  expect_same(a.ngtdm, b.ngtdm, what + ", ngtdm");
}

// ---- (1) The radiomics families' values -----------------------------------------------------------------------------

/// A small synthetic cell image: 24 cells of 13 to 845 pixels, some touching, some non-convex, with textured float
/// intensities; plus, on the background, a one-pixel object (label 100) and a 1×3 line (label 101), whose GLCM and
/// NGTDM are partly or wholly undefined.
struct Cells {
  LabelPlane labels;
  IntensityPlane intensity;
  ObjectTable table;
};

const Cells& cells() {
  static const Cells c = [] {
    detail::SyntheticCellsSpec spec;
    spec.width = 160;
    spec.height = 120;
    spec.cells = 24;
    spec.radius_min = 2.0;
    spec.radius_max = 20.0;
    spec.seed = 7;
    const detail::SyntheticCells synthetic(spec);
    Cells out;
    out.labels.width = out.intensity.width = spec.width;
    out.labels.height = out.intensity.height = spec.height;
    synthetic.fill(out.labels.labels, out.intensity.values);
    // The first 3×7 window of background: the single pixel at its left, the line at its right, a gap between.
    const auto at = [&](std::int32_t r, std::int32_t c) -> std::uint32_t& {
      return out.labels.labels[std::size_t(r) * std::size_t(spec.width) + std::size_t(c)];
    };
    const auto background = [&](std::int32_t r0, std::int32_t c0) {
      for (std::int32_t r = r0; r < r0 + 3; ++r)
        for (std::int32_t c = c0; c < c0 + 7; ++c)
          if (at(r, c) != 0) return false;
      return true;
    };
    bool placed = false;
    for (std::int32_t r = 0; r + 3 <= spec.height && !placed; ++r)
      for (std::int32_t c = 0; c + 7 <= spec.width && !placed; ++c)
        if (background(r, c)) {
          at(r + 1, c + 1) = 100;
          at(r + 1, c + 3) = at(r + 1, c + 4) = at(r + 1, c + 5) = 101;
          placed = true;
        }
    out.table = collect_objects(out.labels.labels.data(), spec.width, spec.height);
    return out;
  }();
  return c;
}

const Registry& registry() {
  static const Registry r = Registry::with_builtin_families();
  return r;
}

/// The radiomics families through the engine (extract_roi: settings, discretisation, family compute functions) on
/// the object as the ROI of a one-slice image of the whole plane: IBSI's 2D aggregations, a fixed bin number of 32
/// over the ROI's range (what per-object quantisation is).
Texture engine_texture(const Cells& c, std::size_t object, int glcm_distance) {
  const std::string d = std::to_string(glcm_distance);
  const Settings settings = Settings::parse(
      "voxfeat_settings: 1\nlabel: nonzero\n"
      "discretisation: {method: fixed_bin_number, bin_number: 32}\n"
      "families:\n"
      "  glcm: {distance: " + d + ", symmetric: true, aggregations: [\"2D, averaged\", \"2D, slice-merged\"]}\n"
      "  glrlm: {aggregations: [\"2D, averaged\", \"2D, slice-merged\"]}\n"
      "  glszm: {linkage_distance: 1, aggregations: [\"2D\"]}\n"
      "  ngtdm: {distance: 1, aggregations: [\"2D\"]}\n",
      registry(), "object texture test");
  Geometry g;
  g.size = {std::size_t(c.labels.width), std::size_t(c.labels.height), 1};
  Volume<float> image(g, 0.0f);
  Volume<std::uint8_t> mask(g, 0);
  std::copy(c.intensity.values.begin(), c.intensity.values.end(), image.data());
  for (const RowRun& run : c.table.runs_of(object))
    for (std::int32_t col = run.col_begin; col < run.col_end; ++col)
      mask(std::size_t(col), std::size_t(run.row), 0) = 1;
  const detail::FeatureRow row = detail::extract_roi(image, mask, settings, registry());
  const auto columns = [&](const char* family, const char* suffix) {
    std::vector<double> v;
    for (const OutputSpec& o : registry().at(family).outputs)
      v.push_back(row.value(std::string(family) + "_" + o.name + "_" + suffix));
    return v;
  };
  Texture t;
  t.glcm_averaged = columns("glcm", "2d_avg");
  t.glcm_merged = columns("glcm", "2d_smrg");
  t.glrlm_averaged = columns("glrlm", "2d_avg");
  t.glrlm_merged = columns("glrlm", "2d_smrg");
  t.glszm = columns("glszm", "2d");
  t.ngtdm = columns("ngtdm", "2d");
  return t;
}

TEST(ObjectTexture, OutputsAreTheRadiomicsFamiliesOutputs) {
  // The per-object families reuse the radiomics families' output lists: same count, same order (the slots' enums).
  EXPECT_EQ(registry().at("glcm").outputs.size(), std::size_t(tx::glcm::feature_count));
  EXPECT_EQ(registry().at("glrlm").outputs.size(), std::size_t(tx::glrlm::feature_count));
  EXPECT_EQ(registry().at("glszm").outputs.size(), std::size_t(tx::size_zone_feature_count));
  EXPECT_EQ(registry().at("ngtdm").outputs.size(), std::size_t(tx::NgtdmSlot::count));
  EXPECT_EQ(registry().at("glcm").outputs[tx::glcm::contrast].name, "contrast");
  EXPECT_EQ(registry().at("glrlm").outputs[tx::glrlm::run_percentage].name, "run_percentage");
  EXPECT_EQ(registry().at("glszm").outputs[tx::zone_percentage].name, "zone_percentage");
  EXPECT_EQ(registry().at("ngtdm").outputs[tx::NgtdmSlot::busyness].name, "busyness");
}

TEST(ObjectTexture, PerObjectEqualsTheRadiomicsFamiliesOnTheObjectAsRoi) {
  const Cells& c = cells();
  ASSERT_EQ(c.table.objects.size(), 26u);
  ASSERT_FALSE(c.table.contacts.empty());
  EXPECT_EQ(c.table.objects[index_of(c.table, 100)].area, 1u);
  EXPECT_EQ(c.table.objects[index_of(c.table, 101)].area, 3u);
  std::vector<std::int32_t> buffer;
  for (const int distance : {1, 3}) {
    for (std::size_t i = 0; i < c.table.objects.size(); ++i) {
      const ObjectLevels levels = object_levels(c.table.objects[i], c.table.runs_of(i), c.intensity.view(),
                                                ObjectQuantisation::per_object(32), buffer);
      const std::string what = "label " + std::to_string(c.table.objects[i].label) + ", distance " +
                               std::to_string(distance);
      expect_same(texture_of(levels, distance), engine_texture(c, i, distance), what);
    }
  }
}

TEST(ObjectTexture, PerImageEqualsTheRadiomicsKernelsOnAHandBuiltSlice) {
  // The engine discretises over one ROI's range; a per-image scale is checked at the kernels instead: the object's
  // levels written by hand (IBSI's formula, kernels::discretise) into a one-slice volume, then the calls the
  // radiomics families make (plugins/<family>/compute.cpp) on it.
  const Cells& c = cells();
  for (const DiscretisationSpec& spec :
       {image_fixed_bin_number(c.table, c.intensity.view(), 16),
        image_fixed_bin_size(c.table, c.intensity.view(), 7.5, 3.0)}) {
    const int ng = level_count(spec);
    std::vector<std::int32_t> buffer;
    for (std::size_t i = 0; i < c.table.objects.size(); ++i) {
      // The object's box, from its runs. A box, not the whole plane: NGTDM sums s_i over row chunks of the scope,
      // so another scope size gives the same sums in another order (last-bit differences).
      std::int32_t row0 = c.labels.height, row1 = 0, col0 = c.labels.width, col1 = 0;
      for (const RowRun& run : c.table.runs_of(i))
        row0 = std::min(row0, run.row), row1 = std::max(row1, run.row + 1), col0 = std::min(col0, run.col_begin),
        col1 = std::max(col1, run.col_end);
      std::vector<std::int32_t> box(std::size_t(row1 - row0) * std::size_t(col1 - col0), 0);
      for (const RowRun& run : c.table.runs_of(i))
        for (std::int32_t col = run.col_begin; col < run.col_end; ++col)
          box[std::size_t(run.row - row0) * std::size_t(col1 - col0) + std::size_t(col - col0)] =
              discretise(double(c.intensity.view()(run.row, col)), spec);
      View3<std::int32_t> slice;
      slice.data = box.data();
      slice.extent = {std::size_t(col1 - col0), std::size_t(row1 - row0), 1};
      Texture expected;
      const auto glcm = [](const tx::CountMatrix& m, std::span<double> v) { tx::glcm_features(m, v); };
      const auto glrlm = [](const tx::RunLengthMatrix& m, std::span<double> v) { tx::glrlm_features(m, v); };
      tx::aggregate_directional(slice, tx::Aggregation::d2_averaged, 1, tx::GlcmBuilder{std::uint32_t(ng), true},
                                glcm, std::span<double>(expected.glcm_averaged));
      tx::aggregate_directional(slice, tx::Aggregation::d2_slice_merged, 1, tx::GlcmBuilder{std::uint32_t(ng), true},
                                glcm, std::span<double>(expected.glcm_merged));
      tx::aggregate_directional(slice, tx::Aggregation::d2_averaged, 1, tx::GlrlmBuilder{std::uint32_t(ng)}, glrlm,
                                std::span<double>(expected.glrlm_averaged));
      tx::aggregate_directional(slice, tx::Aggregation::d2_slice_merged, 1, tx::GlrlmBuilder{std::uint32_t(ng)},
                                glrlm, std::span<double>(expected.glrlm_merged));
      tx::glszm_features(slice, ng, tx::Aggregation::d2, 1, expected.glszm);
      tx::aggregate_neighbourhood(
          slice, tx::Aggregation::d2,
          [&](const View3<std::int32_t>& scope, bool three_d) { return tx::ngtdm_matrix(scope, three_d, 1, ng); },
          [](const tx::NgtdmMatrix& m, std::span<double> v) { tx::ngtdm_features(m, v); },
          std::span<double>(expected.ngtdm));
      const ObjectLevels levels = object_levels(c.table.objects[i], c.table.runs_of(i), c.intensity.view(),
                                                ObjectQuantisation::per_image(spec), buffer);
      EXPECT_EQ(levels.level_count, ng);
      expect_same(texture_of(levels), expected, "label " + std::to_string(c.table.objects[i].label));
    }
  }
}

// ---- (2) Hand-derived values ----------------------------------------------------------------------------------------

// A 3×3 object with grey levels (intensities 1 and 2, fixed bin number 2 over its own range 1..2: levels = values)
//     1 1 2
//     1 2 2
//     2 2 2
// inside a plane whose background and a neighbour hold other intensities. Values derived by hand from IBSI 1's
// definitions (sections 3.6, 3.7, 3.8, 3.10), counts below; tolerance 1e-12 absolute: fractions of small integers
// after a few double operations (no cancellation).
struct HandObject {
  LabelPlane labels = label_art({".....",
                                 ".1112",
                                 ".1112",
                                 ".1112",
                                 "....."});
  IntensityPlane intensity{5, 5, {9, 9, 9, 9, 9,
                                  9, 1, 1, 2, 7,
                                  9, 1, 2, 2, 0,
                                  9, 2, 2, 2, 5,
                                  9, 9, 9, 9, 9}};
};

constexpr double hand_tolerance = 1e-12;

TEST(ObjectTexture, HandDerivedGlcm) {
  const HandObject o;
  const Texture t = texture_of(o.labels, o.intensity, 1, ObjectQuantisation::per_object(2));
  // Symmetric GLCMs (M + Mᵀ), cells (1,1), (1,2) = (2,1), (2,2); δ = 1:
  //   0° (row pairs) and 90° (column pairs): 2, 2, 6 of 12.  Diagonal down-right: 0, 3, 2 of 8.
  //   Diagonal up-right: 2, 0, 6 of 8.  Merged: 6, 7, 20 of 40.
  // Contrast Σ (i − j)² p_ij: 1/3, 1/3, 3/4, 0 → averaged 17/48; merged 14/40.
  EXPECT_NEAR(t.glcm_averaged[tx::glcm::contrast], 17.0 / 48.0, hand_tolerance);
  EXPECT_NEAR(t.glcm_merged[tx::glcm::contrast], 14.0 / 40.0, hand_tolerance);
  // Joint maximum: 6/12, 6/12, 3/8, 6/8 → averaged 0.53125; merged 20/40.
  EXPECT_NEAR(t.glcm_averaged[tx::glcm::joint_maximum], 0.53125, hand_tolerance);
  EXPECT_NEAR(t.glcm_merged[tx::glcm::joint_maximum], 0.5, hand_tolerance);
  // Joint average (merged) Σ i p_ij: row 1 holds 13/40, row 2 27/40 → 13/40 + 2·27/40 = 67/40.
  EXPECT_NEAR(t.glcm_merged[tx::glcm::joint_average], 67.0 / 40.0, hand_tolerance);
}

TEST(ObjectTexture, HandDerivedGlrlm) {
  const HandObject o;
  const Texture t = texture_of(o.labels, o.intensity, 1, ObjectQuantisation::per_object(2));
  // Run lengths per direction (9 pixels each): rows 2 1 | 1 2 | 3; columns the same (the object is symmetric about
  // its main diagonal); down-right diagonals 1 2 | 1 1 | 1 | 1 1 | 1; up-right anti-diagonals 1 | 2 | 3 | 2 | 1.
  // Run percentage 5/9, 5/9, 8/9, 5/9 → averaged 23/36; merged 23 runs over 36 pixels.
  EXPECT_NEAR(t.glrlm_averaged[tx::glrlm::run_percentage], 23.0 / 36.0, hand_tolerance);
  EXPECT_NEAR(t.glrlm_merged[tx::glrlm::run_percentage], 23.0 / 36.0, hand_tolerance);
  // Short runs emphasis Σ 1/j² / N_s: (1 + 1/4 + 1 + 1/4 + 1/9) / 5 = 47/90 for rows, columns and anti-diagonals,
  // (7 + 1/4) / 8 = 29/32 for diagonals → averaged (3 · 47/90 + 29/32) / 4 = 1187/1920.
  EXPECT_NEAR(t.glrlm_averaged[tx::glrlm::short_runs_emphasis], 1187.0 / 1920.0, hand_tolerance);
  // Merged: (3 · 47/18 + 29/4) / 23 runs = 181/276.
  EXPECT_NEAR(t.glrlm_merged[tx::glrlm::short_runs_emphasis], 181.0 / 276.0, hand_tolerance);
}

TEST(ObjectTexture, HandDerivedGlszm) {
  const HandObject o;
  const Texture t = texture_of(o.labels, o.intensity, 1, ObjectQuantisation::per_object(2));
  // 8-connected zones: level 1, 3 pixels; level 2, 6 pixels (the diagonal (1,0)–(0,1) does not split it).
  EXPECT_NEAR(t.glszm[tx::small_emphasis], (1.0 / 9.0 + 1.0 / 36.0) / 2.0, hand_tolerance);
  EXPECT_NEAR(t.glszm[tx::large_emphasis], (9.0 + 36.0) / 2.0, hand_tolerance);
  EXPECT_NEAR(t.glszm[tx::zone_percentage], 2.0 / 9.0, hand_tolerance);
  EXPECT_NEAR(t.glszm[tx::grey_non_uniformity], 1.0, hand_tolerance);
}

TEST(ObjectTexture, HandDerivedNgtdm) {
  const HandObject o;
  const Texture t = texture_of(o.labels, o.intensity, 1, ObjectQuantisation::per_object(2));
  // Mean of each pixel's in-object 8-neighbours, |level − mean| summed per level:
  //   level 1 (3 pixels): 1/3 + 3/5 + 3/5 = 23/15;  level 2 (6 pixels): 1/3 + 3/8 + 1/5 + 1/3 + 1/5 + 0 = 173/120.
  //   p_1 = 1/3, p_2 = 2/3; Σ p_i s_i = 53/36.
  EXPECT_NEAR(t.ngtdm[tx::NgtdmSlot::coarseness], 36.0 / 53.0, hand_tolerance);
  // Contrast: [Σ Σ p_i p_j (i − j)² / (2 · 1)] · Σ s_i / 9 = (2/9) · (357/120) / 9 = 119/1620.
  EXPECT_NEAR(t.ngtdm[tx::NgtdmSlot::contrast], 119.0 / 1620.0, hand_tolerance);
  // Busyness: Σ p_i s_i / Σ Σ |i p_i − j p_j| = (53/36) / 2.
  EXPECT_NEAR(t.ngtdm[tx::NgtdmSlot::busyness], 53.0 / 72.0, hand_tolerance);
}

// ---- (3) Per-object against per-image grey scales -------------------------------------------------------------------

TEST(ObjectTexture, NarrowObjectGetsEveryLevelPerObjectButOnePerImage) {
  // Object 1: 8×8 pixels over [100, 101]; object 2 spans [0, 1000]. Per object, 32 bins over object 1's own range:
  // all 32 levels occur. Per image, 32 bins over [0, 1000] are 31.25 wide: object 1 lies in one (level 4).
  LabelPlane labels = label_art({"11111111.22", "11111111.22", "11111111.22", "11111111.22",
                                 "11111111.22", "11111111.22", "11111111.22", "11111111.22"});
  IntensityPlane intensity{labels.width, labels.height, std::vector<float>(labels.labels.size(), 0.0f)};
  for (std::int32_t r = 0; r < 8; ++r)
    for (std::int32_t c = 0; c < 8; ++c)
      intensity.values[std::size_t(r * labels.width + c)] = 100.0f + float((r * 8 + c) * 37 % 64) / 63.0f;
  intensity.values[9] = 0.0f;  // object 2's range: [0, 1000]
  intensity.values[10] = 1000.0f;
  const ObjectTable table = collect_objects(labels.labels.data(), labels.width, labels.height);
  const DiscretisationSpec image = image_fixed_bin_number(table, intensity.view(), 32);
  EXPECT_EQ(image.x_min, 0.0);
  EXPECT_EQ(image.x_max, 1000.0);

  const auto levels_present = [&](const ObjectQuantisation& q) {
    std::vector<std::int32_t> buffer;
    const ObjectLevels l = object_levels(table.objects[0], table.runs_of(0), intensity.view(), q, buffer);
    EXPECT_EQ(l.level_count, 32);
    return std::set<std::int32_t>(buffer.begin(), buffer.end());  // the box is the object: no 0
  };
  EXPECT_EQ(levels_present(ObjectQuantisation::per_object(32)).size(), 32u);
  EXPECT_EQ(levels_present(ObjectQuantisation::per_image(image)), std::set<std::int32_t>{4});

  const Texture per_object = texture_of(labels, intensity, 1, ObjectQuantisation::per_object(32));
  const Texture per_image = texture_of(labels, intensity, 1, ObjectQuantisation::per_image(image));
  // One level: every pair is (4, 4). Contrast 0; joint entropy 0 up to rounding (the shared formula takes
  // p = count · (1/total), which is 1 − 1 ulp for some totals: 98 diagonal pairs here), so a 1e-12 floor.
  EXPECT_EQ(per_image.glcm_averaged[tx::glcm::contrast], 0.0);
  EXPECT_NEAR(per_image.glcm_averaged[tx::glcm::joint_entropy], 0.0, 1e-12);
  EXPECT_EQ(per_image.glszm[tx::zone_percentage], 1.0 / 64.0);  // one zone
  EXPECT_GT(per_object.glcm_averaged[tx::glcm::joint_entropy], 4.0);  // bits: 32 levels spread over 64 pixels
  EXPECT_GT(per_object.glcm_averaged[tx::glcm::contrast], 1.0);
  EXPECT_GT(per_object.glszm[tx::zone_percentage], 0.5);
}

TEST(ObjectTexture, ImageScalesComeFromObjectPixelsOnly) {
  // The background (label 0) holds the extremes; the scales span the objects' pixels, 2..12.
  const LabelPlane labels = label_art({"1..2", "1..2"});
  const IntensityPlane intensity{4, 2, {2, -500, 900, 12, 5, 800, -40, 7}};
  const ObjectTable table = collect_objects(labels.labels.data(), labels.width, labels.height);
  const DiscretisationSpec bins = image_fixed_bin_number(table, intensity.view(), 8);
  EXPECT_EQ(bins.method, DiscretisationMethod::fixed_bin_number);
  EXPECT_EQ(bins.x_min, 2.0);
  EXPECT_EQ(bins.x_max, 12.0);
  EXPECT_EQ(bins.bin_number, 8);
  const DiscretisationSpec width = image_fixed_bin_size(table, intensity.view(), 2.5);
  EXPECT_EQ(width.method, DiscretisationMethod::fixed_bin_size);
  EXPECT_EQ(width.x_min, 2.0);  // no lower bound: the objects' minimum
  EXPECT_EQ(width.x_max, 12.0);
  EXPECT_EQ(level_count(width), 5);  // floor((12 − 2) / 2.5) + 1
  EXPECT_EQ(image_fixed_bin_size(table, intensity.view(), 2.5, 0.0).x_min, 0.0);
  EXPECT_EQ(image_fixed_bin_size(table, intensity.view(), 2.5, 50.0).x_max, 50.0);  // all below: one level

  // Fixed bin size levels, object 2 (pixels 12, 7) from 0 in bins of 2.5: floor(12 / 2.5) + 1 = 5,
  // floor(7 / 2.5) + 1 = 3.
  std::vector<std::int32_t> buffer;
  const ObjectLevels l = object_levels(table.objects[1], table.runs_of(1), intensity.view(),
                                       ObjectQuantisation::per_image(image_fixed_bin_size(table, intensity.view(),
                                                                                          2.5, 0.0)),
                                       buffer);
  EXPECT_EQ(l.level_count, 5);
  EXPECT_EQ(buffer, (std::vector<std::int32_t>{5, 3}));
}

// ---- (4) A one-pixel object -----------------------------------------------------------------------------------------

TEST(ObjectTexture, OnePixelObject) {
  const LabelPlane labels = label_art({"...", ".1.", "..."});
  const IntensityPlane intensity{3, 3, {0, 0, 0, 0, 42, 0, 0, 0, 0}};
  const DiscretisationSpec bins_of_one{
      .method = DiscretisationMethod::fixed_bin_size, .x_min = 40.0, .x_max = 50.0, .bin_width = 1.0};
  for (const ObjectQuantisation& q : {ObjectQuantisation::per_object(32), ObjectQuantisation::per_image(bins_of_one)}) {
    const Texture t = texture_of(labels, intensity, 1, q);
    // GLCM: no pixel pair in any direction, so no matrix: all 25 features NaN (as the radiomics family).
    for (const double v : t.glcm_averaged) EXPECT_TRUE(std::isnan(v));
    for (const double v : t.glcm_merged) EXPECT_TRUE(std::isnan(v));
    // NGTDM: IBSI counts only pixels with a neighbour in the object (W_k ≠ 0): none, so all 5 NaN.
    for (const double v : t.ngtdm) EXPECT_TRUE(std::isnan(v));
    // GLRLM: one run of length 1 per direction; GLSZM: one zone of one pixel. Both fully defined.
    for (const auto* values : {&t.glrlm_averaged, &t.glrlm_merged, &t.glszm})
      for (const double v : *values) EXPECT_TRUE(std::isfinite(v));
    EXPECT_EQ(t.glrlm_averaged[tx::glrlm::short_runs_emphasis], 1.0);
    EXPECT_EQ(t.glrlm_averaged[tx::glrlm::run_percentage], 1.0);
    EXPECT_EQ(t.glrlm_merged[tx::glrlm::run_length_variance], 0.0);
    EXPECT_EQ(t.glszm[tx::zone_percentage], 1.0);
    EXPECT_EQ(t.glszm[tx::size_entropy], 0.0);
  }
  // Per object the single value is a flat range: level 1 (IBSI's fixed bin number). Per image: floor(42 − 40) + 1.
  const Texture own = texture_of(labels, intensity, 1, ObjectQuantisation::per_object(32));
  EXPECT_EQ(own.glszm[tx::high_grey_emphasis], 1.0);
  const Texture image = texture_of(labels, intensity, 1, ObjectQuantisation::per_image(bins_of_one));
  EXPECT_EQ(image.glszm[tx::high_grey_emphasis], 9.0);
}

TEST(ObjectTexture, TwoPixelObjectAveragesOnlyTheDirectionWithPairs) {
  // Pairs only along the row: the other three directions have no matrix and are skipped by the average, so the
  // averaged GLCM is the 0° one, which is also the merged one.
  const LabelPlane labels = label_art({"11"});
  const IntensityPlane intensity{2, 1, {1, 2}};
  const Texture t = texture_of(labels, intensity, 1, ObjectQuantisation::per_object(2));
  expect_same(t.glcm_averaged, t.glcm_merged, "two pixels");
  EXPECT_EQ(t.glcm_averaged[tx::glcm::contrast], 1.0);  // pairs (1,2), (2,1)
}

// ---- (5) Touching objects -------------------------------------------------------------------------------------------

TEST(ObjectTexture, OnlyTheObjectsOwnPixelsCount) {
  // Object 2 wraps around object 1 and lies inside its box; object 3 touches it. Their pixels, and the background,
  // must not change object 1's texture: the same as on a plane where they are background, whatever their values.
  const LabelPlane touching = label_art({"22222..",
                                         "21112..",
                                         "21212..",
                                         "21112.3",
                                         "2211333",
                                         "..1133."});
  LabelPlane alone = touching;
  for (std::uint32_t& l : alone.labels) l = l == 1 ? 1 : 0;
  std::mt19937 random(5);
  std::uniform_real_distribution<float> value(0.0f, 100.0f);
  IntensityPlane a{touching.width, touching.height, {}}, b = a;
  for (std::size_t i = 0; i < touching.labels.size(); ++i) {
    a.values.push_back(value(random));
    b.values.push_back(touching.labels[i] == 1 ? a.values.back() : 1e6f * value(random));
  }
  const DiscretisationSpec image_bins{
      .method = DiscretisationMethod::fixed_bin_number, .x_min = 0.0, .x_max = 100.0, .bin_number = 8};
  for (const ObjectQuantisation& q : {ObjectQuantisation::per_object(8), ObjectQuantisation::per_image(image_bins)}) {
    const Texture reference = texture_of(alone, a, 1, q);
    expect_same(texture_of(touching, a, 1, q), reference, "touching");
    expect_same(texture_of(touching, b, 1, q), reference, "touching, other values around");
  }
  // The object's zones: the pixel at (2, 2) is object 2's, so object 1 is a ring of 12 pixels with a tail; its box
  // holds 0 there, not the neighbour's level: one flat object (one level) is one zone.
  IntensityPlane flat{touching.width, touching.height, std::vector<float>(touching.labels.size(), 5.0f)};
  const Texture one_zone = texture_of(touching, flat, 1, ObjectQuantisation::per_object(8));
  EXPECT_EQ(one_zone.glszm[tx::zone_percentage], 1.0 / 12.0);
}

// ---- Refused inputs -------------------------------------------------------------------------------------------------

TEST(ObjectTexture, RefusesBadInputs) {
  const LabelPlane labels = label_art({"11", "11"});
  IntensityPlane intensity{2, 2, {1, 2, 3, 4}};
  const ObjectTable table = collect_objects(labels.labels.data(), 2, 2);
  std::vector<std::int32_t> buffer;
  const auto levels = [&](const ObjectQuantisation& q) {
    return object_levels(table.objects[0], table.runs_of(0), intensity.view(), q, buffer);
  };
  EXPECT_THROW(levels(ObjectQuantisation::per_object(0)), std::invalid_argument);
  // A per-image fixed bin size whose x_max lies below a pixel: its level would exceed Ng.
  EXPECT_THROW(levels(ObjectQuantisation::per_image(
                   {.method = DiscretisationMethod::fixed_bin_size, .x_min = 0.0, .x_max = 2.0, .bin_width = 1.0})),
               std::invalid_argument);
  std::vector<double> out(tx::glcm::feature_count + 1);
  const ObjectLevels ok = levels(ObjectQuantisation::per_object(4));
  EXPECT_THROW(object_glcm(ok, 1, Directions::averaged, out), std::invalid_argument);
  out.resize(tx::glcm::feature_count);
  EXPECT_THROW(object_glcm(ok, 0, Directions::averaged, out), std::invalid_argument);
  intensity.values[3] = std::numeric_limits<float>::quiet_NaN();
  EXPECT_THROW(levels(ObjectQuantisation::per_object(4)), std::invalid_argument);
  intensity.values[3] = std::numeric_limits<float>::infinity();
  EXPECT_THROW(levels(ObjectQuantisation::per_object(4)), std::invalid_argument);
  EXPECT_THROW(image_fixed_bin_number(table, intensity.view(), 4), std::invalid_argument);
  EXPECT_THROW(image_fixed_bin_number(ObjectTable{}, intensity.view(), 4), std::invalid_argument);
}

}  // namespace
}  // namespace voxfeat::kernels::microscopy
