#include "store/store_loader.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>

#include "store/journal_record.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::detail {

JournalRecovery replay_journal(const std::filesystem::path& store, const JournalMark& mark, StoreData& data) {
  JournalRecovery recovery;
  const std::filesystem::path path = journal_path(store);
  const auto journal = read_journal(path);
  if (!journal) return recovery;
  recovery.journal_present = true;
  recovery.ignored_bytes = journal->ignored_bytes;
  if (!journal->header_valid) return recovery;  // torn before its first record could be written
  recovery.journal_id = journal->header.journal_id;
  recovery.records_in_journal = journal->payloads.size();
  if (journal->header.key_fingerprint != data.key_fingerprint())
    throw KeyError(path.string() + ": journal was written with key fingerprint " +
                   journal->header.key_fingerprint.substr(0, 16) + ", the store has " +
                   data.key_fingerprint().substr(0, 16));
  // The file names the journal it already contains and how far: a writer killed between publishing the file and
  // removing the journal must not get its cases twice.
  const std::uint64_t skip = journal->header.journal_id == mark.journal_id ? mark.records : 0;
  for (std::size_t i = std::size_t(std::min<std::uint64_t>(skip, journal->payloads.size()));
       i < journal->payloads.size(); ++i) {
    try {
      apply_journal_record(journal->payloads[i], data, path.string());
    } catch (const IoError&) {
      throw;
    } catch (const Error& e) {
      throw IoError(path.string() + ": journal record " + std::to_string(i + 1) + " does not fit the store: " +
                    e.what());
    }
    ++recovery.records_replayed;
  }
  return recovery;
}

LoadedStore load_store(const std::filesystem::path& store) {
  std::error_code ec;
  if (!std::filesystem::exists(store, ec)) throw IoError(store.string() + ": no such feature store");
  StoreFile file = read_store_file(store);
  LoadedStore loaded{std::move(file.data), {}};
  loaded.recovery = replay_journal(store, file.mark, loaded.data);
  return loaded;
}

std::string store_utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace voxfeat::detail
