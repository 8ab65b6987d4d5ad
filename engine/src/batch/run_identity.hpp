#pragma once
// What every batch run records about itself (extract and objects): its id and UTC timestamps.
#include <string>

namespace voxfeat::detail {

/// The current UTC time as ISO 8601, e.g. 2026-11-28T22:15:00Z.
std::string utc_now();

/// A new run id: UTC time and a random suffix, e.g. 20261128T221500Z-7d912a79.
std::string new_run_id();

}  // namespace voxfeat::detail
