// `voxfeat make-demo-data`: the IBSI digital phantom plus seeded synthetic CT cases (spheres and ellipsoids of
// known volume) and a manifest, so the demo runs on a fresh clone without any download.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <span>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "demo/synthetic_cells.hpp"
#include "demo/synthetic_ct.hpp"
#include "io/microscopy/plane_writer.hpp"
#include "io/image_reader.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::cli {

namespace {

/// Seeded synthetic cell images (detail::SyntheticCells) as TIFF pairs, written band by band, and their manifest.
int make_microscopy_data(const DemoDataOptions& options) {
  namespace fs = std::filesystem;
  const fs::path dir(options.out_dir);
  fs::create_directories(dir / "intensity");
  fs::create_directories(dir / "labels");
  std::ofstream manifest(dir / "manifest.csv");
  if (!manifest) throw IoError((dir / "manifest.csv").string() + ": cannot write");
  manifest << "sample_id,intensity,labels\n";
  for (int i = 0; i < options.cases; ++i) {
    detail::SyntheticCellsSpec spec;
    spec.width = spec.height = options.size;
    spec.cells = std::size_t(options.cells);
    spec.seed = options.seed + std::uint64_t(i);
    const detail::SyntheticCells cells(spec);
    const std::string name = fmt::format("cells_{:03}.tif", i);
    const auto size = std::uint32_t(options.size);
    io::microscopy::write_label_tiff(dir / "labels" / name, size, size, std::uint32_t(options.cells),
                                     [&](std::uint32_t row, std::uint32_t rows, std::span<std::uint32_t> out) {
                                       cells.fill_rows(std::int32_t(row), std::int32_t(rows), out, {});
                                     });
    io::microscopy::write_intensity_tiff(
        dir / "intensity" / name, size, size, [&](std::uint32_t row, std::uint32_t rows, std::span<float> out) {
          std::vector<std::uint32_t> labels(out.size());
          cells.fill_rows(std::int32_t(row), std::int32_t(rows), labels, out);
        });
    manifest << fmt::format("CELLS-{:03},intensity/{},labels/{}\n", i, name, name);
  }
  std::cout << "wrote " << (dir / "manifest.csv").string() << " (" << options.cases << " image pairs of "
            << options.size << " x " << options.size << " pixels, about " << options.cells << " cells each)\n";
  return 0;
}

}  // namespace

int run_make_demo_data(const DemoDataOptions& options) {
  if (options.microscopy) return make_microscopy_data(options);
  namespace fs = std::filesystem;
  const fs::path dir(options.out_dir);
  fs::create_directories(dir);
  std::ofstream manifest(dir / "manifest.csv");
  if (!manifest) throw IoError((dir / "manifest.csv").string() + ": cannot write");
  manifest << "patient_id,study_id,image,mask,label\n";

  if (!options.benchmark_set) {
    const auto phantom = detail::make_ibsi_digital_phantom();
    io::write_image(dir / "ibsi_phantom.nii.gz", phantom.image);
    io::write_mask(dir / "ibsi_phantom_mask.nii.gz", phantom.mask);
    manifest << "IBSI-PHANTOM,STUDY-0,ibsi_phantom.nii.gz,ibsi_phantom_mask.nii.gz,1\n";
  }

  for (int i = 0; i < options.cases; ++i) {
    detail::SyntheticCtSpec spec;
    spec.seed = options.seed + std::uint64_t(i);
    spec.shape = i % 2 == 0 ? detail::TumourShape::sphere : detail::TumourShape::ellipsoid;
    if (options.benchmark_set) {
      // Tumour volumes spread evenly from 50k to 500k voxels of 2 mm³ (sphere radius 28.8 to 62.0 mm).
      const double voxels = 50000.0 + 450000.0 * double(i) / double(std::max(1, options.cases - 1));
      const double r = std::cbrt(voxels * 2.0 * 3.0 / (4.0 * M_PI));
      spec.radii_mm = i % 2 == 0 ? Vec3{r, r, r} : Vec3{r * 1.25, r, r * 0.8};
    } else {
      spec.size = {128, 128, 64};  // small enough for a demo of seconds
      spec.radii_mm = i % 2 == 0 ? Vec3{15.0 + 2.0 * i, 0, 0} : Vec3{22.0, 14.0, 10.0 + i};
    }
    const auto ct = detail::make_synthetic_ct(spec);
    const std::string stem = fmt::format("synthetic_ct_{:03}", i);
    io::write_image(dir / (stem + ".nii.gz"), ct.image);
    io::write_mask(dir / (stem + "_mask.nii.gz"), ct.mask);
    manifest << fmt::format("DEMO-{:03},STUDY-{},{}.nii.gz,{}_mask.nii.gz,1\n", i, i, stem, stem);
    std::cout << fmt::format("{}: {} tumour, analytic volume {:.1f} mm^3, surface {:.1f} mm^2\n", stem,
                             spec.shape == detail::TumourShape::sphere ? "sphere" : "ellipsoid",
                             ct.analytic_volume_mm3, ct.analytic_surface_mm2);
  }
  std::cout << "wrote " << (dir / "manifest.csv").string() << " ("
            << options.cases + (options.benchmark_set ? 0 : 1) << " cases)\n";
  return 0;
}

}  // namespace voxfeat::cli
