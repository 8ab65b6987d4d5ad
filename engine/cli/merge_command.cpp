// voxfeat merge: shard stores into one (store/store_merge.hpp does the work).
#include <exception>
#include <iostream>
#include <vector>

#include "commands.hpp"
#include "store/store_merge.hpp"

namespace voxfeat::cli {

int run_merge(const MergeOptions& options) {
  try {
    const std::vector<std::filesystem::path> inputs(options.inputs.begin(), options.inputs.end());
    const auto report = detail::merge_stores(inputs, options.out_path);
    std::cerr << "voxfeat: merged " << inputs.size() << " store(s) into " << options.out_path << ": " << report.runs
              << " run(s), " << report.feature_rows << " feature row(s), " << report.case_attempts
              << " case attempt(s)";
    if (report.duplicate_rows) std::cerr << "; " << report.duplicate_rows << " duplicate row(s) dropped";
    std::cerr << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "voxfeat merge: error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace voxfeat::cli
