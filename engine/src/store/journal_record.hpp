#pragma once
// The payloads of journal records: one per begin_run, append_case and end_run, in a small binary encoding
// (length-prefixed strings, little-endian integers, IEEE doubles bit for bit, so NaN and infinities survive).
// They hold exactly what the HDF5 file would: pseudonyms, never raw ids or paths.
#include <string>
#include <string_view>
#include <vector>

#include "store/feature_store.hpp"
#include "store/store_model.hpp"

namespace voxfeat::detail {

std::string encode_begin_run(const RunRecord& run, const std::vector<ColumnInfo>& columns);
std::string encode_case(const CaseRecord& record);
std::string encode_end_run(const std::string& run_id, const std::string& finished_utc);

/// Applies one record to data. Throws IoError (naming journal) when the payload is malformed, Error when the
/// store's rules refuse it.
void apply_journal_record(std::string_view payload, StoreData& data, const std::string& journal);

}  // namespace voxfeat::detail
