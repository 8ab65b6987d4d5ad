#pragma once
// The set of feature families an extraction can use. Built-in families register at first use through the same
// descriptor an external plugin provides.
#include <deque>
#include <string_view>
#include <vector>

#include "voxfeat/family.hpp"

namespace voxfeat {

class Registry {
 public:
  /// A registry holding every built-in family.
  static Registry with_builtin_families();

  /// Adds a family; throws ConfigError on a duplicate family name, duplicate output names or an empty descriptor.
  void add(FamilyDescriptor family);
  /// nullptr when absent.
  [[nodiscard]] const FamilyDescriptor* find(std::string_view name) const;
  [[nodiscard]] const FamilyDescriptor& at(std::string_view name) const;  ///< throws ConfigError listing names
  [[nodiscard]] std::vector<const FamilyDescriptor*> families() const;    ///< in registration order

 private:
  std::deque<FamilyDescriptor> m_families;  // deque: pointers stay valid as families are added
};

}  // namespace voxfeat
