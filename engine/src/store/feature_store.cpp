#include "store/feature_store.hpp"

#include <spdlog/spdlog.h>

#include <mutex>

#include "store/file_sync.hpp"
#include "store/hdf5_format.hpp"
#include "store/journal.hpp"
#include "store/journal_record.hpp"
#include "store/store_loader.hpp"
#include "store/store_model.hpp"
#include "voxfeat/error.hpp"

namespace voxfeat::detail {

// Crash safety (docs/feature-store.md): the published HDF5 file is never modified in place. Each change is first
// appended to the journal and synced; the HDF5 file is rewritten whole to `<store>.tmp` and renamed over the store.
// The file records which journal, and how many of its records, it contains, so replay never applies one twice.
struct FeatureStore::Impl {
  using Clock = std::chrono::steady_clock;

  std::filesystem::path path;
  bool read_only = true;
  StoreOptions options;
  std::unique_ptr<WriterLock> lock;
  mutable std::mutex mutex;
  StoreData data;
  std::optional<JournalWriter> journal;
  std::size_t unpublished_cases = 0;
  Clock::time_point last_publish = Clock::now();
  Clock::duration last_publish_cost{};
  bool closed = false;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    try {
      close_locked();
    } catch (const std::exception& e) {
      // The journal still holds every case: the next open recovers them.
      spdlog::error("voxfeat store {}: could not publish on destruction ({}); the journal keeps the cases",
                    path.string(), e.what());
    } catch (...) {
    }
  }

  void require_writable(const char* what) const {
    if (read_only) throw Error(path.string() + ": " + what + " on a store opened read-only");
    if (closed) throw Error(path.string() + ": " + what + " after close()");
  }

  void ensure_journal() {
    if (!journal) journal = JournalWriter::create(journal_path(path), {new_journal_id(), data.key_fingerprint()});
  }

  void publish() {
    JournalMark mark;
    if (journal) mark = {journal->header().journal_id, journal->records()};
    const auto start = Clock::now();
    publish_store_file(path, data, mark);
    last_publish = Clock::now();
    last_publish_cost = last_publish - start;
    unpublished_cases = 0;
  }

  void publish_and_retire_journal() {
    publish();
    if (journal) {
      journal.reset();
      remove_durably(journal_path(path));
    }
  }

  void maybe_publish() {
    if (unpublished_cases == 0) return;
    const auto since = Clock::now() - last_publish;
    const bool due = unpublished_cases >= options.publish_every_cases || since >= options.publish_interval;
    if (!due || since < 10 * last_publish_cost) return;
    try {
      publish();
    } catch (const Error& e) {
      // Not fatal: the cases are durable in the journal, and end_run/close publish again.
      spdlog::warn("voxfeat store {}: intermediate publication failed: {}", path.string(), e.what());
    }
  }

  void close_locked() {
    if (closed || read_only) {
      closed = true;
      return;
    }
    if (journal || unpublished_cases) publish_and_retire_journal();
    closed = true;
    lock.reset();
  }
};

FeatureStore::FeatureStore(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
FeatureStore::FeatureStore(FeatureStore&&) noexcept = default;
FeatureStore& FeatureStore::operator=(FeatureStore&&) noexcept = default;
FeatureStore::~FeatureStore() = default;

FeatureStore FeatureStore::open(const std::filesystem::path& path, const std::string& key_fingerprint,
                                const StoreOptions& options) {
  if (!is_sha256_hex(key_fingerprint))
    throw KeyError(path.string() + ": key fingerprint must be 64 hex digits (Pseudonymiser::fingerprint())");
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->options = options;
  impl->lock = std::make_unique<WriterLock>(path);

  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  JournalMark mark;
  if (exists) {
    StoreFile file = read_store_file(path);
    if (file.data.key_fingerprint() != key_fingerprint)
      throw KeyError(path.string() + ": the store was made with the key whose fingerprint begins " +
                     file.data.key_fingerprint().substr(0, 16) + ", this run's key begins " +
                     key_fingerprint.substr(0, 16) +
                     "; pseudonyms made with two keys cannot be joined (use the store's key, or another --out)");
    impl->data = std::move(file.data);
    mark = file.mark;
  } else {
    impl->data = StoreData(key_fingerprint, store_utc_now());
  }

  const JournalRecovery recovery = replay_journal(path, mark, impl->data);
  if (recovery.records_replayed > 0)
    spdlog::warn("voxfeat store {}: recovered {} journal record(s) of an interrupted run", path.string(),
                 recovery.records_replayed);
  if (!exists || recovery.records_replayed > 0 || recovery.ignored_bytes > 0) {
    // The file now names the old journal as fully contained, so removing it below is safe at any moment.
    publish_store_file(path, impl->data, {recovery.journal_id, recovery.records_in_journal});
  }
  if (recovery.journal_present) remove_durably(journal_path(path));
  impl->read_only = false;
  return FeatureStore(std::move(impl));
}

FeatureStore FeatureStore::open_read_only(const std::filesystem::path& path) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->data = load_store(path).data;
  impl->read_only = true;
  return FeatureStore(std::move(impl));
}

bool FeatureStore::has_completed(const CaseKey& key) const {
  std::lock_guard guard(m_impl->mutex);
  return m_impl->data.has_completed(key);
}

void FeatureStore::begin_run(const RunRecord& run, const std::vector<ColumnInfo>& columns) {
  std::lock_guard guard(m_impl->mutex);
  m_impl->require_writable("begin_run");
  m_impl->data.check_run(run, columns);
  m_impl->ensure_journal();
  m_impl->journal->append(encode_begin_run(run, columns));
  m_impl->data.add_run(run, columns);
}

void FeatureStore::append_case(const CaseRecord& record) { append_case(CaseRecord(record)); }

void FeatureStore::append_case(CaseRecord&& record) {
  std::lock_guard guard(m_impl->mutex);
  m_impl->require_writable("append_case");
  m_impl->data.check_case(record);
  m_impl->ensure_journal();
  m_impl->journal->append(encode_case(record));
  if (m_impl->data.add_case(std::move(record))) ++m_impl->unpublished_cases;
  m_impl->maybe_publish();
}

void FeatureStore::end_run(const std::string& run_id, const std::string& finished_utc) {
  std::lock_guard guard(m_impl->mutex);
  m_impl->require_writable("end_run");
  m_impl->data.check_finish_run(run_id);
  m_impl->ensure_journal();
  m_impl->journal->append(encode_end_run(run_id, finished_utc));
  m_impl->data.finish_run(run_id, finished_utc);
  m_impl->publish_and_retire_journal();
}

void FeatureStore::close() {
  std::lock_guard guard(m_impl->mutex);
  m_impl->close_locked();
}

std::string FeatureStore::key_fingerprint() const {
  std::lock_guard guard(m_impl->mutex);
  return m_impl->data.key_fingerprint();
}

std::vector<RunRecord> FeatureStore::runs() const {
  std::lock_guard guard(m_impl->mutex);
  return m_impl->data.runs();
}

std::vector<CaseRecord> FeatureStore::cases() const {
  std::lock_guard guard(m_impl->mutex);
  return m_impl->data.cases();
}

std::vector<ColumnInfo> FeatureStore::columns(const std::string& settings_sha256) const {
  std::lock_guard guard(m_impl->mutex);
  return m_impl->data.columns(settings_sha256);
}

std::vector<std::string> FeatureStore::settings_hashes() const {
  std::lock_guard guard(m_impl->mutex);
  return m_impl->data.settings_hashes();
}

}  // namespace voxfeat::detail
