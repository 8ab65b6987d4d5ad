#include <cerrno>
#include <cstdlib>

#include "voxfeat/error.hpp"
#include "voxfeat/label.hpp"

namespace voxfeat {

LabelSelector LabelSelector::parse(const std::string& text, const std::string& where) {
  if (text.empty() || text == "nonzero") return {};
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (*end != '\0' || errno == ERANGE)
    throw ConfigError(where + ": label must be 'nonzero' or an integer, got '" + text + "'");
  if (v == 0) throw ConfigError(where + ": label 0 is the background; give a non-zero label or 'nonzero'");
  return {false, v};
}

}  // namespace voxfeat
