// Registers the built-in morphology family (picked up by plugins/CMakeLists.txt from this folder's name).
#include "morphology/morphology_family.hpp"
#include "voxfeat/registry.hpp"

namespace voxfeat::plugins {

void register_morphology(Registry& registry) { registry.add(morphology_family()); }

}  // namespace voxfeat::plugins
