#include "batch/progress.hpp"

#include <fmt/format.h>

namespace voxfeat::detail {
namespace {

std::string clock_text(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7) return "--:--";
  const auto s = long(seconds + 0.5);
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
                   : fmt::format("{:02}:{:02}", s / 60, s % 60);
}

}  // namespace

Progress::Progress(std::size_t total, bool interactive, bool quiet, std::FILE* out)
    : m_total(total), m_interactive(interactive), m_quiet(quiet), m_out(out) {}

void Progress::case_done(bool ok, const std::string& line) {
  std::lock_guard lock(m_mutex);
  ++m_done;
  m_failed += ok ? 0 : 1;
  if (m_quiet) return;
  if (m_interactive) {
    if (!ok) fmt::print(m_out, "\r\033[K{}\n", line);  // failures stay visible above the bar
    draw_locked();
  } else {
    fmt::print(m_out, "[{}/{}] {}\n", m_done, m_total, line);
    std::fflush(m_out);
  }
}

void Progress::message(const std::string& text) {
  std::lock_guard lock(m_mutex);
  if (m_quiet) return;
  if (m_interactive)
    fmt::print(m_out, "\r\033[K{}\n", text);
  else
    fmt::print(m_out, "{}\n", text);
  if (m_interactive) draw_locked();
  std::fflush(m_out);
}

void Progress::draw_locked() {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
  const double rate = elapsed > 0 ? double(m_done) / elapsed : 0.0;
  const double eta = rate > 0 ? double(m_total - m_done) / rate : -1.0;
  constexpr int width = 30;
  const int filled = m_total ? int(double(width) * double(m_done) / double(m_total)) : width;
  fmt::print(m_out, "\r\033[K[{}{}] {}/{}  {:.2f} cases/s  ETA {}{}", std::string(std::size_t(filled), '#'),
             std::string(std::size_t(width - filled), ' '), m_done, m_total, rate, clock_text(eta),
             m_failed ? fmt::format("  failed {}", m_failed) : std::string());
  std::fflush(m_out);
}

void Progress::finish() {
  std::lock_guard lock(m_mutex);
  if (!m_quiet && m_interactive) fmt::print(m_out, "\n");
  std::fflush(m_out);
}

}  // namespace voxfeat::detail
