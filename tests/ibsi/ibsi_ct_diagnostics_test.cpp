// IBSI 1 image-processing diagnostics on the CT phantom, configurations A–E: image and mask dimensions, voxel
// sizes, bounding boxes, voxel counts and intensity ranges after each stage (initial image, interpolated image,
// initial ROI, interpolated ROI, re-segmented ROI). They locate a discrepancy before the features do.
// Values: the IBSI compliance spreadsheet as transcribed in tests/data/ibsi/ibsi1_diagnostic_values.csv
// (shared/ibsi/README.md), with its tolerances; tolerance 0 means "equal after rounding to 3 significant digits".
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>

#include "batch/manifest.hpp"
#include "io/image_reader.hpp"
#include "processing/roi_box.hpp"
#include "processing/roi_processing.hpp"
#include "support/ibsi_reference.hpp"
#include "support/test_paths.hpp"

namespace voxfeat::test {
namespace {

struct Diagnostic {
  std::string config, stage, item;
  double value = 0, tolerance = 0;
};

std::vector<Diagnostic> diagnostics() {
  const auto path = data_dir() / "ibsi/ibsi1_diagnostic_values.csv";
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // config,stage,feature,value,tolerance
  std::vector<Diagnostic> rows;
  while (std::getline(in, line)) {
    const auto f = detail::split_csv_line(line, path.string());
    if (f.size() == 5) rows.push_back({f[0], f[1], f[2], std::stod(f[3]), std::stod(f[4])});
  }
  return rows;
}

const Registry& registry() {
  static const Registry r = Registry::with_builtin_families();
  return r;
}

/// What the spreadsheet records of one stage.
std::map<std::string, double> describe_image(const Volume<float>& image) {
  std::map<std::string, double> d;
  const char* axis = "xyz";
  for (int a = 0; a < 3; ++a) {
    d[std::string("Image dimension ") + axis[a]] = double(image.size()[a]);
    d[std::string("Voxel dimension ") + axis[a]] = image.geometry().spacing[a];
  }
  double sum = 0;
  for (float v : image.values()) sum += v;
  const auto [lo, hi] = std::minmax_element(image.values().begin(), image.values().end());
  d["Mean intensity"] = sum / double(image.voxel_count());
  d["Minimum intensity"] = *lo;
  d["Maximum intensity"] = *hi;
  return d;
}

std::map<std::string, double> describe_roi(const Volume<float>& image, const Volume<std::uint8_t>& morphological,
                                           const Volume<std::uint8_t>& intensity, const Index3& grid_size) {
  std::map<std::string, double> d;
  const char* axis = "xyz";
  const IndexBox ib = detail::bounding_box(intensity), mb = detail::bounding_box(morphological);
  for (int a = 0; a < 3; ++a) {
    d[std::string("Int. mask dimension ") + axis[a]] = double(grid_size[a]);
    d[std::string("Int. mask bounding box dimension ") + axis[a]] = double(ib.extent()[a]);
    d[std::string("Morph. mask bounding box dimension ") + axis[a]] = double(mb.extent()[a]);
  }
  double count = 0, morph_count = 0, sum = 0;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (std::size_t i = 0; i < image.voxel_count(); ++i) {
    morph_count += morphological.values()[i];
    if (!intensity.values()[i]) continue;
    ++count;
    sum += image.values()[i];
    lo = std::min(lo, double(image.values()[i]));
    hi = std::max(hi, double(image.values()[i]));
  }
  d["Int. mask voxel count"] = count;
  d["Morph. mask voxel count"] = morph_count;
  d["Int. mask mean intensity"] = sum / count;
  d["Int. mask minimum intensity"] = lo;
  d["Int. mask maximum intensity"] = hi;
  return d;
}

using StageValues = std::map<std::string, std::map<std::string, double>>;

/// Every stage of one configuration, on the whole interpolation grid.
const StageValues& stages(const std::string& config) {
  static std::mutex mutex;
  static std::map<std::string, StageValues> cache;
  std::lock_guard lock(mutex);
  if (auto it = cache.find(config); it != cache.end()) return it->second;
  const Settings settings = Settings::load(source_dir() / ("settings/ibsi/config_" + config + ".yaml"), registry());
  const Volume<float> image = io::read_image(data_dir() / "ct_phantom/nifti/image/phantom.nii.gz");
  const Volume<std::uint8_t> mask = io::read_mask(data_dir() / "ct_phantom/nifti/mask/mask.nii.gz", {}).mask;
  StageValues s;
  s["initial_image"] = describe_image(image);
  s["initial_roi"] = describe_roi(image, mask, mask, image.size());
  Settings no_resegmentation = settings;
  no_resegmentation.resegmentation = {};
  const auto interpolated =
      detail::process_roi(image, mask, no_resegmentation, detail::ProcessingExtent::whole_image, "diagnostics");
  s["interpolated_image"] = describe_image(interpolated.image);
  s["interpolated_roi"] = describe_roi(interpolated.image, interpolated.morphological_mask,
                                       interpolated.effective_intensity_mask(), interpolated.image.size());
  const auto resegmented =
      detail::process_roi(image, mask, settings, detail::ProcessingExtent::whole_image, "diagnostics");
  s["resegmented_roi"] = describe_roi(resegmented.image, resegmented.morphological_mask,
                                      resegmented.effective_intensity_mask(), resegmented.image.size());
  return cache[config] = std::move(s);
}

class CtDiagnostics : public ::testing::TestWithParam<Diagnostic> {};

TEST_P(CtDiagnostics, MatchesTheComplianceSpreadsheet) {
  const Diagnostic& d = GetParam();
  const auto& stage = stages(d.config).at(d.stage);
  const auto it = stage.find(d.item);
  ASSERT_NE(it, stage.end()) << "no diagnostic '" << d.item << "' at stage " << d.stage;
  IbsiReference ref;
  ref.value = d.value;
  ref.tolerance = d.tolerance;
  // Tolerance 0: equal, or equal after rounding to 3 significant digits (counts like 125256 are exact).
  EXPECT_TRUE(it->second == d.value || ibsi_passes(it->second, ref)) << "config " << d.config << ", " << d.stage << ", " << d.item
                                            << ": got " << it->second << ", reference " << d.value << " ± "
                                            << d.tolerance;
}

std::string row_name(const ::testing::TestParamInfo<Diagnostic>& info) {
  std::string name = info.param.config + "_" + info.param.stage + "_" + info.param.item;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name + "_" + std::to_string(info.index);
}

INSTANTIATE_TEST_SUITE_P(Ct, CtDiagnostics, ::testing::ValuesIn(diagnostics()), row_name);

TEST(CtDiagnosticsData, HasSixtyItemsPerConfiguration) {
  EXPECT_EQ(diagnostics().size(), 300u);  // shared/ibsi/README.md
}

}  // namespace
}  // namespace voxfeat::test
