#include "batch_setup.hpp"

#include <iostream>

#include "extraction/device_choice.hpp"

namespace voxfeat::cli {

detail::Pseudonymiser resolve_key(const std::string& key_file, bool demo_key) {
  detail::Pseudonymiser pseudonymiser = detail::Pseudonymiser::resolve(key_file, demo_key);
  if (pseudonymiser.is_demo())
    std::cerr << "voxfeat: WARNING: using the public demo key: pseudonyms are NOT protected and the run is marked "
                 "as demo. Use --key-file or VOXFEAT_KEY_FILE for real data.\n";
  return pseudonymiser;
}

ExecutionContext resolve_device(const std::string& device, bool quiet) {
  const detail::DeviceChoice choice = detail::choose_device(detail::parse_device(device));
  if (!choice.note.empty() && !(quiet && device == "auto")) std::cerr << choice.note << "\n";
  return choice.execution;
}

}  // namespace voxfeat::cli
