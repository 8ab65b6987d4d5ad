// The IBSI 1 digital phantom through the morphology family: every "dig" morphology row of the reference CSV.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "io/image_reader.hpp"
#include "morphology/morphology_family.hpp"
#include "morphology/morphology_features.hpp"
#include "support/stored_roi_context.hpp"
#include "support/test_paths.hpp"
#include "support/view_of.hpp"
#include "voxfeat/registry.hpp"
#include "voxfeat/roi_context.hpp"

namespace voxfeat {
namespace {

struct ReferenceRow {
  std::string feature, ibsi_code;
  double value = 0, tolerance = 0;
};

// tests/data/ibsi/ibsi1_reference_values.csv (IBSI 1 manual chapter 3 tables, theibsi/ibsi-doc @ b952e71):
// family, feature, ibsi_code, config, value, tolerance, ... The first six fields never hold quotes or commas.
std::vector<ReferenceRow> digital_phantom_rows(const std::string& family) {
  std::ifstream in(test::data_dir() / "ibsi" / "ibsi1_reference_values.csv");
  std::vector<ReferenceRow> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string field; f.size() < 6 && std::getline(ss, field, ',');) f.push_back(field);
    if (f.size() == 6 && f[0] == family && f[3] == "dig")
      rows.push_back({f[1], f[2], std::stod(f[4]), std::stod(f[5])});
  }
  return rows;
}

// IBSI rounded submitted values to 3 significant digits; a 0 tolerance means "equal after that rounding".
bool matches_reference(double x, const ReferenceRow& r) {
  if (r.tolerance > 0) return std::abs(x - r.value) <= r.tolerance;
  if (x == 0 || r.value == 0) return x == r.value;
  const double scale = std::pow(10.0, 2 - std::floor(std::log10(std::abs(x))));
  return std::round(x * scale) / scale == r.value;
}

// What the morphology family reads of an ROI; both masks are the phantom's mask (no re-segmentation in "dig").
class PhantomRoi final : public test::StoredRoiContext {
 public:
  PhantomRoi(Volume<float> image, Volume<std::uint8_t> mask) : StoredRoiContext(std::move(image), std::move(mask)) {}
};

PhantomRoi load_phantom() {
  return {io::read_image(test::data_dir() / "ibsi" / "phantom.nii.gz"),
          io::read_mask(test::data_dir() / "ibsi" / "mask.nii.gz", LabelSelector{}).mask};
}

TEST(MorphologyIbsiPhantom, EveryDigitalPhantomReferenceValueMatches) {
  const auto rows = digital_phantom_rows("morphology");
  ASSERT_EQ(rows.size(), 25u);  // the manual's 25 morphology features with reference values
  const PhantomRoi roi = load_phantom();
  const FamilyDescriptor family = plugins::morphology_family();
  std::vector<double> out(family.outputs.size(), std::nan(""));
  family.compute_cpu(roi, ParamValues{}, whole_roi_3d(), out);
  std::map<std::string, double> by_code;
  for (std::size_t i = 0; i < out.size(); ++i) by_code[family.outputs[i].ibsi_code] = out[i];
  for (const ReferenceRow& r : rows) {
    ASSERT_TRUE(by_code.count(r.ibsi_code)) << r.feature << " (" << r.ibsi_code << ") is not an output";
    EXPECT_TRUE(matches_reference(by_code[r.ibsi_code], r))
        << r.feature << " (" << r.ibsi_code << "): " << by_code[r.ibsi_code] << ", reference " << r.value << " ± "
        << r.tolerance;
  }
  // Features without IBSI reference values are defined for this ROI (OMBB equals the AABB for this box-like ROI).
  EXPECT_NEAR(by_code["ZH1A"], by_code["PBX1"], 1e-12);
  EXPECT_GT(by_code["SWZ1"], 0.0);
  EXPECT_LT(by_code["SWZ1"], 1.0);
  EXPECT_GT(by_code["BRI8"], 0.0);
}

TEST(MorphologyIbsiPhantom, KernelValuesMatchTheScikitImageMesh) {
  // scikit-image 0.19.3 marching_cubes (lorensen and lewiner agree here) on the phantom mask padded by one voxel,
  // spacing 2 mm: volume 556.3333333333334 mm³, area 388.0706298811092 mm². 1e-9 relative.
  const PhantomRoi roi = load_phantom();
  const auto f = kernels::morphology::compute_morphology({plugins::view_of(roi.morphological_mask()),
                                                          plugins::view_of(roi.intensity_mask()),
                                                          plugins::view_of(roi.image())});
  EXPECT_NEAR(f.volume, 556.3333333333334, 1e-9 * 556.33);
  EXPECT_NEAR(f.surface_area, 388.0706298811092, 1e-9 * 388.07);
  EXPECT_EQ(f.volume_voxel_counting, 592.0);  // 74 voxels of 8 mm³
}

TEST(MorphologyFamily, IsRegisteredWithTheDocumentedOutputs) {
  const Registry registry = Registry::with_builtin_families();
  const FamilyDescriptor& family = registry.at("morphology");
  EXPECT_EQ(family.column_prefix, "morph");
  EXPECT_EQ(family.ibsi_code, "HCUG");
  ASSERT_EQ(family.outputs.size(), 29u);
  EXPECT_EQ(column_name(family, family.outputs.front(), whole_roi_3d()), "morph_volume");
  EXPECT_EQ(family.outputs.back().name, "gearys_c");
  for (const OutputSpec& o : family.outputs) {
    EXPECT_EQ(o.ibsi_code.size(), 4u) << o.name;
    EXPECT_FALSE(o.doc.empty()) << o.name;
  }
}

TEST(MorphologyFamily, EmptyIntensityMaskLeavesIntensityFeaturesUndefined) {
  // A ROI whose re-segmentation removed every voxel: shape features stay defined, intensity-based ones are NaN.
  PhantomRoi phantom = load_phantom();
  class NoIntensityRoi final : public RoiContext {
   public:
    explicit NoIntensityRoi(const RoiContext& base)
        : m_base(base), m_empty(base.morphological_mask().geometry(), std::uint8_t{0}) {}
    const Volume<float>& image() const override { return m_base.image(); }
    const Volume<std::uint8_t>& morphological_mask() const override { return m_base.morphological_mask(); }
    const Volume<std::uint8_t>& intensity_mask() const override { return m_empty; }
    std::span<const double> roi_intensities() const override { return {}; }
    std::span<const double> sorted_roi_intensities() const override { return {}; }
    const DiscretisedRoi& discretised() const override { return m_base.discretised(); }
    const ExecutionContext& execution() const override { return m_base.execution(); }

   private:
    const RoiContext& m_base;
    Volume<std::uint8_t> m_empty;
  } roi(phantom);
  const FamilyDescriptor family = plugins::morphology_family();
  std::vector<double> out(family.outputs.size(), std::nan(""));
  family.compute_cpu(roi, ParamValues{}, whole_roi_3d(), out);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::string& name = family.outputs[i].name;
    const bool intensity_based = name == "centre_of_mass_shift" || name == "integrated_intensity" ||
                                 name == "morans_i" || name == "gearys_c";
    EXPECT_EQ(std::isnan(out[i]), intensity_based) << name;
  }
}

}  // namespace
}  // namespace voxfeat
