// voxfeat export --csv: a store's feature tables as a tidy CSV (store/csv_export.hpp does the work).
#include <exception>
#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "store/csv_export.hpp"
#include "store/feature_store.hpp"

namespace voxfeat::cli {

int run_export(const ExportOptions& options) {
  try {
    const auto store = detail::FeatureStore::open_read_only(options.store_path);
    if (options.csv_path.empty() || options.csv_path == "-") {
      detail::write_feature_csv(store, std::cout);
      return 0;
    }
    std::ofstream file(options.csv_path, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "voxfeat export: error: " << options.csv_path << ": cannot open for writing\n";
      return 1;
    }
    const auto report = detail::write_feature_csv(store, file);
    file.close();
    if (!file) {
      std::cerr << "voxfeat export: error: " << options.csv_path << ": write failed\n";
      return 1;
    }
    std::cerr << "voxfeat: wrote " << report.rows << " row(s) x " << report.feature_columns
              << " feature column(s) to " << options.csv_path << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "voxfeat export: error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace voxfeat::cli
