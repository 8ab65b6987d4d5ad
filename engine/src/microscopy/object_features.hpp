#pragma once
// The per-object families of a settings file over one image pair: a row per object (label order), a column per
// feature, as the store's objects tables hold them.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "store/feature_store.hpp"
#include "voxfeat/object_context.hpp"
#include "voxfeat/registry.hpp"
#include "voxfeat/settings.hpp"

namespace voxfeat::detail {

struct ObjectRows {
  std::vector<ColumnInfo> columns;
  std::vector<std::uint32_t> labels;  ///< one per object, increasing
  std::vector<double> values;         ///< labels.size() × columns.size(), row-major; NaN where undefined
};

/// Throws ConfigError naming the first family of `settings` that is not a per-object family, or when there is none.
void require_object_families(const Settings& settings, const Registry& registry);

/// The families of `settings` on `objects` into `values` (objects × `width` columns, plan_columns' order, NaN
/// already), families in parallel. Errors rethrown as Error prefixed with `name` and the family.
void fill_object_rows(const ObjectContext& objects, const Settings& settings, const Registry& registry,
                      std::size_t width, std::span<double> values, const std::string& name);

/// Every per-object family of `settings` on `objects` (families in parallel; each runs its objects in parallel).
/// Errors are rethrown as Error prefixed with `name` and the family.
ObjectRows compute_object_features(const ObjectContext& objects, const Settings& settings, const Registry& registry,
                                   const std::string& name);

}  // namespace voxfeat::detail
