#pragma once
// Batch progress: a one-line bar (done/total, rate, ETA) on a terminal, plain log lines otherwise (cluster logs).
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

namespace voxfeat::detail {

class Progress {
 public:
  /// `interactive`: redraw a bar in place (stderr is a terminal); else one line per finished case.
  Progress(std::size_t total, bool interactive, bool quiet, std::FILE* out = stderr);
  /// Records one finished case; `line` is the plain-log text for it. Thread-safe.
  void case_done(bool ok, const std::string& line);
  /// Prints a message without breaking the bar. Thread-safe.
  void message(const std::string& text);
  void finish();

 private:
  void draw_locked();
  std::size_t m_total;
  std::size_t m_done = 0;
  std::size_t m_failed = 0;
  bool m_interactive;
  bool m_quiet;
  std::FILE* m_out;
  std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
  std::mutex m_mutex;
};

}  // namespace voxfeat::detail
