#pragma once
// External feature plugins (engine/include/voxfeat/voxfeat_plugin.h, docs/plugins.md): found on the command line
// (--plugin, repeatable) and in VOXFEAT_PLUGIN_PATH, loaded with dlopen, checked (entry point, ABI version, every
// descriptor field the host reads), and registered beside the built-in families, whose descriptor they fill. A bad
// plugin is refused with a message naming its file and the reason, never a crash; a plugin whose compute call
// reports an error, writes fewer values than it declares or an infinite one fails that case, naming the plugin.
#include <filesystem>
#include <string>
#include <vector>

#include "voxfeat/registry.hpp"

namespace voxfeat::detail {

/// The plugin files to load: `named` (command line) first, then VOXFEAT_PLUGIN_PATH's entries (`environment`,
/// colon-separated; a folder contributes its *.so files in name order). Throws ConfigError for a named file or an
/// environment entry that does not exist.
std::vector<std::filesystem::path> plugin_files(const std::vector<std::string>& named, const char* environment);

/// Loads every file and registers its families (origin: "<file> sha256:<hash of the file>", the run's provenance).
/// Throws ConfigError naming the file and the reason for the first plugin refused; families of plugins loaded
/// before it stay registered.
void load_plugins(const std::vector<std::filesystem::path>& files, Registry& registry);

/// The registry a command works with: the built-in families and the plugins `named` and in VOXFEAT_PLUGIN_PATH.
Registry registry_with_plugins(const std::vector<std::string>& named);

}  // namespace voxfeat::detail
