#pragma once
// What the batch commands (extract, objects) settle the same way before a run: the key, with a loud warning for the
// public demo key, and the device, with its one-line note when it falls back to the CPU.
#include <string>

#include "pseudonym/pseudonymiser.hpp"
#include "voxfeat/execution.hpp"

namespace voxfeat::cli {

detail::Pseudonymiser resolve_key(const std::string& key_file, bool demo_key);

/// `--device` chosen (extraction/device_choice.hpp); the note is printed unless quiet and the choice was auto.
ExecutionContext resolve_device(const std::string& device, bool quiet);

}  // namespace voxfeat::cli
