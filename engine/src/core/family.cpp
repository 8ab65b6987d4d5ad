#include <cerrno>
#include <cstdlib>

#include "voxfeat/error.hpp"
#include "voxfeat/family.hpp"

namespace voxfeat {

const std::string& ParamValues::text(const std::string& name) const {
  const auto it = m_values.find(name);
  if (it == m_values.end()) throw ConfigError("parameter '" + name + "' is not set");
  return it->second;
}

double ParamValues::real(const std::string& name) const {
  const std::string& s = text(name);
  char* end = nullptr;
  errno = 0;
  const double v = std::strtod(s.c_str(), &end);
  if (s.empty() || *end != '\0' || errno == ERANGE)
    throw ConfigError("parameter '" + name + "' must be a number, got '" + s + "'");
  return v;
}

long long ParamValues::integer(const std::string& name) const {
  const std::string& s = text(name);
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (s.empty() || *end != '\0' || errno == ERANGE)
    throw ConfigError("parameter '" + name + "' must be an integer, got '" + s + "'");
  return v;
}

bool ParamValues::boolean(const std::string& name) const {
  const std::string& s = text(name);
  if (s == "true") return true;
  if (s == "false") return false;
  throw ConfigError("parameter '" + name + "' must be true or false, got '" + s + "'");
}

std::string column_name(const FamilyDescriptor& family, const OutputSpec& output, const AggregationSpec& aggregation) {
  std::string column = family.column_prefix + "_" + output.name;
  if (!aggregation.column_suffix.empty()) column += "_" + aggregation.column_suffix;
  return column;
}

}  // namespace voxfeat
