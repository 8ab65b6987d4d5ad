#pragma once
// Reading a store as its writer left it: the published HDF5 file plus whatever a killed run's journal adds.
#include <cstdint>
#include <filesystem>
#include <string>

#include "store/hdf5_format.hpp"
#include "store/journal.hpp"
#include "store/store_model.hpp"

namespace voxfeat::detail {

/// What the journal contributed when a store was loaded.
struct JournalRecovery {
  bool journal_present = false;
  std::string journal_id;
  std::uint64_t records_in_journal = 0;  ///< intact records
  std::uint64_t records_replayed = 0;    ///< those not yet in the HDF5 file
  std::uint64_t ignored_bytes = 0;       ///< torn tail (a record cut by the crash) or an unreadable header
};

struct LoadedStore {
  StoreData data;
  JournalRecovery recovery;
};

/// Replays the journal records the file does not contain yet into data. Throws KeyError when the journal belongs
/// to another key, IoError when a record is malformed.
JournalRecovery replay_journal(const std::filesystem::path& store, const JournalMark& mark, StoreData& data);

/// Reads file and journal without changing either (inspect, export, merge inputs). Throws IoError when the store
/// does not exist or cannot be read.
LoadedStore load_store(const std::filesystem::path& store);

/// Current UTC time, ISO 8601 with seconds, e.g. 2026-11-28T22:15:00Z.
std::string store_utc_now();

}  // namespace voxfeat::detail
