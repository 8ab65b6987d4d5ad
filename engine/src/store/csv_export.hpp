#pragma once
// `voxfeat export --csv`: the feature tables of a store as one tidy CSV.
#include <cstddef>
#include <ostream>
#include <string>

#include "store/feature_store.hpp"

namespace voxfeat::detail {

struct CsvReport {
  std::size_t rows = 0;
  std::size_t feature_columns = 0;
};

/// Header `patient_pseudonym,study_pseudonym,series_pseudonym,label,settings_sha256,run_id,` then every feature
/// column (the union over the store's feature tables, in table order; a column a table lacks is empty). One line
/// per stored feature row. NaN is an empty field; other doubles carry 17 significant digits, enough to read back
/// the same double. Throws IoError when the stream fails.
CsvReport write_feature_csv(const FeatureStore& store, std::ostream& out);

/// One CSV field, quoted (RFC 4180) when it holds a comma, quote or line break.
std::string csv_field(const std::string& text);
/// A double as the CSV writes it: empty for NaN, else 17 significant digits ("inf" / "-inf" for infinities).
std::string csv_number(double value);

}  // namespace voxfeat::detail
