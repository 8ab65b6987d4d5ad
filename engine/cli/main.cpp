// voxfeat: radiomics and microscopy feature extraction into pseudonymised HDF5 feature tables.
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

#include "commands.hpp"
#include "voxfeat/version.hpp"

int main(int argc, char** argv) {
  using namespace voxfeat::cli;
  CLI::App app{"voxfeat " VOXFEAT_VERSION_STRING ": IBSI radiomics features into pseudonymised HDF5 feature tables"};
  app.set_version_flag("--version", VOXFEAT_VERSION_STRING);
  app.require_subcommand(1);

  FamiliesOptions families;
  auto* families_cmd = app.add_subcommand("families", "List feature families, their features, units and IBSI codes");
  families_cmd->add_flag("--json", families.json, "Print a JSON array for programs");
  families_cmd->add_option("--settings", families.settings_path,
                           "List exactly the columns these settings produce")->check(CLI::ExistingFile);
  families_cmd->add_option("--plugin", families.plugins,
                           "Feature plugin (.so) to load, repeatable; VOXFEAT_PLUGIN_PATH adds more (docs/plugins.md)");

  ExtractOptions extract;
  auto* extract_cmd = app.add_subcommand("extract", "Extract features for every case of a manifest into a store");
  extract_cmd->add_option("--manifest", extract.manifest_path,
                          "CSV with columns patient_id,image,mask[,study_id,series_id,label,roi]")->required();
  extract_cmd->add_option("--plugin", extract.plugins,
                          "Feature plugin (.so) to load, repeatable; VOXFEAT_PLUGIN_PATH adds more (docs/plugins.md)");
  extract_cmd->add_option("--settings", extract.settings_path,
                           "YAML settings file, or a PyRadiomics parameter file (default: built-in defaults)");
  extract_cmd->add_option("--profile", extract.profile,
                          "auto: detect a PyRadiomics parameter file by its keys; voxfeat or pyradiomics: require it")
      ->check(CLI::IsMember({"auto", "voxfeat", "pyradiomics"}));
  extract_cmd->add_option("--out", extract.out_path, "HDF5 feature store to create or extend")->required();
  extract_cmd->add_option("--threads", extract.threads, "Worker threads (0: all cores)")->check(CLI::NonNegativeNumber);
  extract_cmd->add_option("--device", extract.device,
                          "auto (the GPU for families that have a CUDA path, on large ROIs), cpu, cuda or cuda:N; "
                          "without a usable GPU: the CPU, with one line saying why");
  extract_cmd->add_option("--gpu-memory", extract.gpu_memory,
                          "Device memory one family call may use, e.g. 2GiB or 512MiB (default: no limit); a scope "
                          "that needs more is computed on the CPU");
  extract_cmd->add_option("--shard", extract.shard,
                          "K/N: process cases K, K+N, K+2N, ... (0-based; default from SLURM_ARRAY_TASK_ID/COUNT)");
  extract_cmd->add_option("--key-file", extract.key_file,
                          "Pseudonymisation key, at least 32 bytes (default: $VOXFEAT_KEY_FILE)");
  extract_cmd->add_flag("--demo-key", extract.demo_key,
                        "Without a key, use a fixed public demo key (the run is marked as demo; never for real data)");
  extract_cmd->add_flag("--quiet", extract.quiet, "No progress output");

  ObjectsOptions objects;
  auto* objects_cmd = app.add_subcommand(
      "objects", "Per-object features of 2D microscopy label images (one row per object) into a store");
  objects_cmd->add_option("--manifest", objects.manifest_path,
                          "CSV with columns sample_id,intensity,labels[,image_id,channel,page,z,t,label_channel,"
                          "label_page,pixel_size_um]");
  objects_cmd->add_option("--intensity-dir", objects.intensity_dir, "Folder of intensity images (instead of a manifest)");
  objects_cmd->add_option("--label-dir", objects.label_dir, "Folder of label images with the same file names");
  objects_cmd->add_option("--pattern", objects.pattern, "File name pattern in --intensity-dir (default *.tif)");
  objects_cmd->add_option("--settings", objects.settings_path,
                          "YAML settings naming per-object families (default: settings/microscopy_default.yaml's)");
  objects_cmd->add_option("--out", objects.out_path, "HDF5 feature store to create or extend")->required();
  objects_cmd->add_option("--channel", objects.channel, "Channel of the intensity images");
  objects_cmd->add_option("--page", objects.page, "Page (TIFF directory) of the intensity images");
  objects_cmd->add_option("--z", objects.z, "OME-TIFF z plane of both images");
  objects_cmd->add_option("--t", objects.t, "OME-TIFF time point of both images");
  objects_cmd->add_option("--label-channel", objects.label_channel, "Channel of the label images");
  objects_cmd->add_option("--label-page", objects.label_page, "Page (TIFF directory) of the label images");
  objects_cmd->add_option("--pixel-size-um", objects.pixel_size_um,
                          "µm per pixel, overriding the images' OME metadata (the _um columns need one of them)")
      ->check(CLI::PositiveNumber);
  objects_cmd->add_option("--stream-above-megapixels", objects.stream_above_megapixels,
                          "Read label images larger than this (default 64 Mpx) in row bands, in bounded memory "
                          "(0: every image)")
      ->check(CLI::NonNegativeNumber);
  objects_cmd->add_option("--threads", objects.threads, "Worker threads (0: all cores)")->check(CLI::NonNegativeNumber);
  objects_cmd->add_option("--device", objects.device, "auto, cpu, cuda or cuda:N (docs/gpu.md)");
  objects_cmd->add_option("--key-file", objects.key_file,
                          "Pseudonymisation key, at least 32 bytes (default: $VOXFEAT_KEY_FILE)");
  objects_cmd->add_flag("--demo-key", objects.demo_key,
                        "Without a key, use a fixed public demo key (the run is marked as demo; never for real data)");
  objects_cmd->add_flag("--quiet", objects.quiet, "No progress output");

  MergeOptions merge;
  auto* merge_cmd = app.add_subcommand("merge", "Merge shard stores made with the same settings into one store");
  merge_cmd->add_option("inputs", merge.inputs, "Shard stores")->required()->check(CLI::ExistingFile);
  merge_cmd->add_option("--out", merge.out_path, "Merged store to write")->required();

  ExportOptions exp;
  auto* export_cmd = app.add_subcommand("export", "Export a store's feature table");
  export_cmd->add_option("store", exp.store_path, "Feature store")->required()->check(CLI::ExistingFile);
  export_cmd->add_option("--csv", exp.csv_path, "Tidy CSV to write ('-': standard output)")->required();

  InspectOptions inspect;
  auto* inspect_cmd = app.add_subcommand("inspect", "Print a readable summary of a store");
  inspect_cmd->add_option("store", inspect.store_path, "Feature store")->required()->check(CLI::ExistingFile);

  DemoDataOptions demo;
  auto* demo_cmd = app.add_subcommand("make-demo-data",
                                      "Write the bundled digital phantom and seeded synthetic CT cases with a manifest");
  demo_cmd->add_option("--out", demo.out_dir, "Folder to write into")->required();
  demo_cmd->add_option("--cases", demo.cases, "Number of synthetic CT cases")->check(CLI::Range(1, 1000));
  demo_cmd->add_option("--seed", demo.seed, "Random seed");
  demo_cmd->add_flag("--benchmark-set", demo.benchmark_set,
                     "Write the benchmark dataset: CASES volumes of 256x256x128 with tumours of 50k-500k voxels");
  demo_cmd->add_flag("--microscopy", demo.microscopy,
                     "Write CASES synthetic microscopy image pairs (TIFF) with a manifest for `voxfeat objects`");
  demo_cmd->add_option("--size", demo.size, "--microscopy: image width and height in pixels")
      ->check(CLI::Range(16, 65536));
  demo_cmd->add_option("--cells", demo.cells, "--microscopy: cells per image")->check(CLI::Range(1, 10000000));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    if (*families_cmd) return run_families(families);
    if (*extract_cmd) return run_extract(extract);
    if (*objects_cmd) return run_objects(objects);
    if (*merge_cmd) return run_merge(merge);
    if (*export_cmd) return run_export(exp);
    if (*inspect_cmd) return run_inspect(inspect);
    if (*demo_cmd) return run_make_demo_data(demo);
  } catch (const std::exception& e) {
    std::cerr << "voxfeat: error: " << e.what() << "\n";
    return 2;
  }
  return 2;
}
