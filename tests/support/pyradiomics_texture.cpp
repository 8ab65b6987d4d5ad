#include "support/pyradiomics_texture.hpp"

#include <gtest/gtest.h>

#include "io/image_reader.hpp"
#include "support/pyradiomics_baseline.hpp"
#include "support/test_paths.hpp"
#include "support/view_of.hpp"

namespace voxfeat::test {

const kernels::pyradiomics::GreyLevels& brain1_grey_levels() {
  static const kernels::pyradiomics::GreyLevels levels = [] {
    const auto dir = data_dir() / "pyradiomics";
    const Volume<float> image = io::read_image(dir / "brain1_image.nrrd");
    const auto mask = io::read_mask(dir / "brain1_label.nrrd", LabelSelector{false, 1}).mask;
    return kernels::pyradiomics::discretise(plugins::view_of(image), plugins::view_of(mask),
                                            kernels::pyradiomics::BinSettings{25.0, std::nullopt});
  }();
  return levels;
}

void expect_matches_npy(const kernels::pyradiomics::AngleMatrices& m, const std::filesystem::path& npy,
                        double tolerance) {
  const NpyArray expected = read_npy(npy);
  ASSERT_EQ(expected.shape, (std::vector<std::size_t>{m.rows, m.cols, m.angle_count()})) << npy;
  std::size_t mismatches = 0;
  for (std::size_t a = 0; a < m.angle_count(); ++a)
    for (std::size_t i = 0; i < m.rows; ++i)
      for (std::size_t j = 0; j < m.cols; ++j) {
        const double x = m.angle(a)[i * m.cols + j], e = expected.at({i, j, a});
        if (std::abs(x - e) <= tolerance) continue;
        if (++mismatches <= 10) ADD_FAILURE() << npy.filename() << " (" << i << ", " << j << ", " << a << "): " << x
                                              << ", expected " << e;
      }
  EXPECT_EQ(mismatches, 0u);
}

}  // namespace voxfeat::test
