// The per-object texture families (plugins/microscopy_glcm, _glrlm, _glszm, _ngtdm): each row equals the object
// kernels' values (kernels/microscopy/object_texture.hpp, tested against the radiomics families in
// object_texture_test.cpp) under the quantisation the parameters name, per object or per image, and a per-object
// fixed bin size is refused with the reason.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "demo/synthetic_cells.hpp"
#include "microscopy/object_levels.hpp"
#include "microscopy/object_texture.hpp"
#include "support/plane_object_context.hpp"
#include "voxfeat/error.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::test {
namespace {

namespace mk = kernels::microscopy;

PlaneObjectContext cells() { return synthetic_cells(256, 40, 5); }

ParamValues params(const std::string& quantisation, const std::string& discretisation = "fixed_bin_number") {
  return ParamValues(std::map<std::string, std::string>{{"quantisation", quantisation},
                                                        {"discretisation", discretisation},
                                                        {"bin_number", "20"},
                                                        {"bin_size", "50"},
                                                        {"lower_bound", "auto"},
                                                        {"directions", "merged"},
                                                        {"distance", "2"}});
}

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

TEST(MicroscopyTextureFamilies, RowsAreTheObjectKernelsUnderTheChosenQuantisation) {
  const Registry registry = Registry::with_builtin_families();
  const PlaneObjectContext objects = cells();
  const auto& table = objects.objects();
  const std::size_t n = table.objects.size();
  ASSERT_GT(n, 30u);
  for (const auto& [quantisation, discretisation] :
       std::vector<std::pair<std::string, std::string>>{{"per_object", "fixed_bin_number"},
                                                        {"per_image", "fixed_bin_number"},
                                                        {"per_image", "fixed_bin_size"}}) {
    const ParamValues p = params(quantisation, discretisation);
    const mk::ObjectQuantisation q =
        quantisation == "per_object" ? mk::ObjectQuantisation::per_object(20)
        : discretisation == "fixed_bin_number"
            ? mk::ObjectQuantisation::per_image(mk::image_fixed_bin_number(table, objects.intensities(), 20))
            : mk::ObjectQuantisation::per_image(mk::image_fixed_bin_size(table, objects.intensities(), 50.0));
    for (const std::string family : {"microscopy_glcm", "microscopy_glrlm", "microscopy_glszm", "microscopy_ngtdm"}) {
      const FamilyDescriptor& f = registry.at(family);
      const std::size_t outputs = f.outputs.size();
      std::vector<double> rows(n * outputs, std::nan(""));
      f.compute_objects(objects, p, rows);
      std::vector<std::int32_t> buffer;
      std::vector<double> want(outputs);
      for (std::size_t i = 0; i < n; ++i) {
        const mk::ObjectLevels levels = mk::object_levels(table.objects[i], table.runs_of(i), objects.intensities(), q, buffer);
        if (family == "microscopy_glcm") mk::object_glcm(levels, 2, mk::Directions::merged, want);
        if (family == "microscopy_glrlm") mk::object_glrlm(levels, mk::Directions::merged, want);
        if (family == "microscopy_glszm") mk::object_glszm(levels, want);
        if (family == "microscopy_ngtdm") mk::object_ngtdm(levels, want);
        for (std::size_t k = 0; k < outputs; ++k)
          ASSERT_TRUE(same(rows[i * outputs + k], want[k]))
              << family << " " << quantisation << " " << discretisation << " object " << i << " output " << k;
      }
    }
  }
}

TEST(MicroscopyTextureFamilies, PerObjectFixedBinSizeIsRefused) {
  const Registry registry = Registry::with_builtin_families();
  const PlaneObjectContext objects = cells();
  std::vector<double> rows(objects.objects().objects.size() * 25);
  try {
    registry.at("microscopy_glcm").compute_objects(objects, params("per_object", "fixed_bin_size"), rows);
    FAIL() << "a per-object fixed bin size was accepted";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("needs quantisation per_image"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace voxfeat::test
