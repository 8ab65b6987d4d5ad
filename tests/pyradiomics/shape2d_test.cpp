// PyRadiomics-compatible mode: the shape2D class (kernels/pyradiomics/shape2d.hpp) on contours that can be worked out
// by hand, PyRadiomics' conditions for computing it (radiomics/featureextractor.py computeShape, radiomics/shape2D.py),
// and PyRadiomics' brain1 shape2D case against its published baseline (tests/data/pyradiomics/baseline_shape2D.csv,
// column brain1_shape2D, from AIM-Harvard/pyradiomics data/baseline; README there). Tolerance: 1e-6 relative with
// an absolute floor of 1e-12 (issue 5).
#include "pyradiomics/shape2d.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <numbers>
#include <string>

#include "extraction/extractor.hpp"
#include "io/image_reader.hpp"
#include "pyradiomics/padded_roi.hpp"
#include "support/pyradiomics_baseline.hpp"
#include "support/test_paths.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/settings.hpp"

namespace voxfeat::test {
namespace {

namespace py = kernels::pyradiomics;

constexpr double k_exact = 1e-12;  // hand-derived values: exact up to the round-off of a few operations

// brain1_label_2D.nrrd is slice k = 16 of brain1_label.nrrd with an origin of its own: PyRadiomics resamples it
// onto the image grid (correctMask). The same slice cut out on the image's own grid needs no correction.
std::filesystem::path brain1_slice16_mask() {
  static const std::filesystem::path path = [] {
    Volume<std::uint8_t> mask =
        io::read_mask(data_dir() / "pyradiomics/brain1_label.nrrd", LabelSelector{false, 1}).mask;
    for (std::size_t z = 0; z < mask.size()[2]; ++z)
      if (z != 16)
        for (std::size_t y = 0; y < mask.size()[1]; ++y)
          for (std::size_t x = 0; x < mask.size()[0]; ++x) mask(x, y, z) = 0;
    const auto file = fresh_temp_dir("pyradiomics_shape2d") / "brain1_label_slice16.nrrd";
    io::write_mask(file, mask);
    return file;
  }();
  return path;
}

// The brain1_shape2D configuration without correctMask (its mask then already lies on the image grid).
std::string shape2d_config_without_correct_mask() {
  std::string yaml = pyradiomics_config("brain1_shape2D", "shape2D");
  const std::string line = "  correctMask: true\n";
  const auto at = yaml.find(line);
  if (at == std::string::npos) throw std::runtime_error("brain1_shape2D config has no correctMask line");
  return yaml.erase(at, line.size());
}

TEST(PyradiomicsShape2D, Brain1SliceMatchesBaseline) {
  const auto row = extract_brain1(shape2d_config_without_correct_mask(), brain1_slice16_mask().string());
  EXPECT_EQ(pyradiomics_baseline("shape2D", "brain1_shape2D").size(), 9u);
  expect_baseline(row, "shape2D", "brain1_shape2D");
}

// The baseline's own configuration: brain1_label_2D.nrrd (its own 256×256×1 grid) placed on the image's grid by
// correctMask.
TEST(PyradiomicsShape2D, Brain1CorrectedMaskMatchesBaseline) {
  const auto row = extract_brain1(pyradiomics_config("brain1_shape2D", "shape2D"), "brain1_label_2D.nrrd");
  expect_baseline(row, "shape2D", "brain1_shape2D");
}

TEST(PyradiomicsShape2D, SinglePixelIsADiamond) {
  // One pixel of a × b mm (x, y) in an axial plane: the contour joins the four edge midpoints, a diamond of
  // diagonals a and b: area ab/2, perimeter 4·hypot(a/2, b/2), diameter max(a, b). One point: eigenvalues 0.
  const double a = 0.7, b = 1.3;
  std::vector<std::uint8_t> voxels(9, 0);
  voxels[4] = 1;
  const auto f = py::shape2d_features(py::padded_roi({voxels.data(), {3, 3, 1}, {a, b, 2.0}}), 2);
  EXPECT_NEAR(f.mesh_surface, a * b / 2, k_exact);
  EXPECT_NEAR(f.pixel_surface, a * b, k_exact);
  EXPECT_NEAR(f.perimeter, 2 * std::hypot(a, b), k_exact);
  EXPECT_NEAR(f.perimeter_surface_ratio, 4 * std::hypot(a, b) / (a * b), k_exact);
  EXPECT_NEAR(f.sphericity, 2 * std::sqrt(std::numbers::pi * a * b / 2) / (2 * std::hypot(a, b)), k_exact);
  EXPECT_NEAR(f.maximum_diameter, b, k_exact);
  EXPECT_EQ(f.major_axis_length, 0.0);
  EXPECT_EQ(f.minor_axis_length, 0.0);
  EXPECT_TRUE(std::isnan(f.elongation));
}

TEST(PyradiomicsShape2D, TwoByTwoPixelsInEachPlaneOrientation) {
  // 2×2 pixels of 1 mm: the square [-0.5, 1.5]² with its corners cut (triangles of 1/8): area 4 − 4/8 = 3.5,
  // perimeter 4 + 4·√½, diameter (−½, 0)–(3/2, 1) = √5; centres 0/1 per axis: population variance ¼, axes 2.
  // A plane normal to x, y or z: the signed area is positive in each, as PyRadiomics orders rows and columns.
  for (int normal = 0; normal < 3; ++normal) {
    std::array<std::size_t, 3> extent{2, 2, 2};
    extent[std::size_t(normal)] = 1;
    const std::vector<std::uint8_t> voxels(4, 1);
    const auto f = py::shape2d_features(py::padded_roi({voxels.data(), extent, {1, 1, 1}}), normal);
    EXPECT_NEAR(f.mesh_surface, 3.5, k_exact) << normal;
    EXPECT_NEAR(f.pixel_surface, 4.0, k_exact) << normal;
    EXPECT_NEAR(f.perimeter, 4 + 2 * std::numbers::sqrt2, k_exact) << normal;
    EXPECT_NEAR(f.maximum_diameter, std::sqrt(5.0), k_exact) << normal;
    EXPECT_NEAR(f.major_axis_length, 2.0, k_exact) << normal;
    EXPECT_NEAR(f.minor_axis_length, 2.0, k_exact) << normal;
    EXPECT_NEAR(f.elongation, 1.0, k_exact) << normal;
  }
}

TEST(PyradiomicsShape2D, ThickRoiIsAnError) {
  // shape2D.py raises ValueError when the mask is more than one voxel thick along force2Ddimension.
  try {
    extract_brain1(shape2d_config_without_correct_mask());
    ADD_FAILURE() << "a 3D ROI was accepted for shape2D";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("thick along force2Ddimension 0"), std::string::npos) << e.what();
  }
}

// Extracts shape2D from an 8×8×3 grid whose ROI is the pixels (x, y) of slice z = 1 for which inside(x, y) holds.
template <class Inside>
detail::FeatureRow extract_plane(const std::string& settings_line, Inside&& inside) {
  Geometry g;
  g.size = {8, 8, 3};
  const Volume<float> image(g, 100.0f);
  Volume<std::uint8_t> mask(g, 0);
  for (std::size_t y = 0; y < 8; ++y)
    for (std::size_t x = 0; x < 8; ++x) mask(x, y, 1) = inside(x, y) ? 1 : 0;
  const std::string yaml = "setting: {minimumROIDimensions: 1" + settings_line + "}\nfeatureClass: {shape2D: }\n";
  return detail::extract_roi(image, mask, Settings::parse(yaml, pyradiomics_registry(), "params.yaml"),
                             pyradiomics_registry());
}

TEST(PyradiomicsShape2D, NoValuesWhereFeatureextractorSkipsTheClass) {
  const auto square = [](std::size_t x, std::size_t y) { return x >= 2 && x < 5 && y >= 2 && y < 6; };
  const auto column = [](std::size_t x, std::size_t y) { return x == 3 && y >= 2 && y < 6; };
  // computeShape: without force2D, a warning and no shape2D values.
  EXPECT_TRUE(std::isnan(extract_plane("", square).value("original_shape2D_MeshSurface")));
  EXPECT_NEAR(extract_plane(", force2D: true", square).value("original_shape2D_MeshSurface"), 12 - 0.5, k_exact);
  // computeShape reads the bounding box's size along force2Ddimension in ITK's (x, y, z) order: an ROI one voxel
  // wide in x gets no shape2D values with force2Ddimension 0.
  EXPECT_TRUE(std::isnan(extract_plane(", force2D: true", column).value("original_shape2D_MeshSurface")));
}

}  // namespace
}  // namespace voxfeat::test
