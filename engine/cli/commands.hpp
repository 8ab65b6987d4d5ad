#pragma once
// One function per subcommand; main.cpp only parses the command line (CLI11 stays in one translation unit).
// Each returns the process exit code and reports errors itself on stderr.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace voxfeat::cli {

struct FamiliesOptions {
  bool json = false;
  std::string settings_path;  ///< empty: list every output of every family under its default aggregation(s)
  std::vector<std::string> plugins;  ///< --plugin files (VOXFEAT_PLUGIN_PATH adds more)
};
int run_families(const FamiliesOptions& options);

struct ExtractOptions {
  std::string manifest_path;
  std::vector<std::string> plugins;  ///< --plugin files (VOXFEAT_PLUGIN_PATH adds more)
  std::string settings_path;  ///< empty: the built-in defaults
  std::string profile = "auto";  ///< auto | voxfeat | pyradiomics: how the settings file is read
  std::string out_path;
  int threads = 0;             ///< 0: all cores
  std::string device = "auto";  ///< auto | cpu | cuda | cuda:N
  std::string gpu_memory;       ///< e.g. "2GiB"; empty: no limit
  std::string shard;           ///< "K/N" or empty (then SLURM_ARRAY_TASK_ID/COUNT when set)
  std::string key_file;        ///< empty: VOXFEAT_KEY_FILE
  bool demo_key = false;
  bool quiet = false;
};
int run_extract(const ExtractOptions& options);

struct ObjectsOptions {
  std::string manifest_path;  ///< or the two folders below
  std::string intensity_dir;
  std::string label_dir;
  std::string pattern = "*.tif";
  std::string settings_path;  ///< empty: every per-object family with its defaults
  std::string out_path;
  std::optional<std::size_t> channel, page, label_channel, label_page, z, t;
  std::optional<double> pixel_size_um;
  double stream_above_megapixels = 64;  ///< larger label images are read in row bands (0: always)
  int threads = 0;
  std::string device = "auto";
  std::string key_file;
  bool demo_key = false;
  bool quiet = false;
};
int run_objects(const ObjectsOptions& options);

struct MergeOptions {
  std::vector<std::string> inputs;
  std::string out_path;
};
int run_merge(const MergeOptions& options);

struct ExportOptions {
  std::string store_path;
  std::string csv_path;  ///< "-" or empty: standard output
};
int run_export(const ExportOptions& options);

struct InspectOptions {
  std::string store_path;
};
int run_inspect(const InspectOptions& options);

struct DemoDataOptions {
  std::string out_dir;
  int cases = 3;
  std::uint64_t seed = 20261128;
  /// The benchmark dataset instead of the demo: `cases` CT volumes of 256×256×128 voxels at 1×1×2 mm with tumours
  /// of 50k to 500k voxels (bench/RESULTS.md).
  bool benchmark_set = false;
  /// Microscopy image pairs instead: `cases` seeded synthetic cell images (TIFF: float intensities, labels) of
  /// `size` × `size` pixels with about `cells` cells each, and a manifest for `voxfeat objects`.
  bool microscopy = false;
  int size = 1024;
  int cells = 600;
};
int run_make_demo_data(const DemoDataOptions& options);

}  // namespace voxfeat::cli
