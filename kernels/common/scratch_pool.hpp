#pragma once
// Scratch buffers that outlive a call: a fresh multi-MiB allocation per call is returned to the system on release and
// page-faulted in again on the next call (for the zone labelling, about a third of the labelling's own time). A call
// takes a buffer for its duration and gives it back; buffers grow to the largest request they served.
//
// A buffer belongs to a call, not to a thread (as thread_local scratch would): the call's parallel loops need no
// tbb::this_task_arena::isolate, so a thread waiting in them may run any other task, another call of the same kernel
// included, and threads waiting for the call (tbb::collaborative_call_once) can help with its loops, which a nested
// isolation would forbid them.
#include <cstddef>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace voxfeat::kernels {

template <class T>
class ScratchPool {
  struct Buffer {
    std::unique_ptr<T[]> data;
    std::size_t capacity = 0;
  };

 public:
  /// A buffer of at least n entries (left uninitialised), given back to the pool when the lease ends.
  class Lease {
   public:
    Lease(ScratchPool& pool, Buffer buffer) : m_pool(&pool), m_buffer(std::move(buffer)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { m_pool->give_back(std::move(m_buffer)); }
    [[nodiscard]] T* data() const { return m_buffer.data.get(); }

   private:
    ScratchPool* m_pool;
    Buffer m_buffer;
  };

  /// The smallest free buffer that holds n entries, else the largest one grown to n (fewer large buffers overall).
  /// n = 0: no buffer (data() is null), the pool untouched.
  [[nodiscard]] Lease take(std::size_t n) {
    Buffer buffer;
    if (n == 0) return Lease(*this, std::move(buffer));
    {
      const std::lock_guard lock(m_mutex);
      std::size_t pick = m_free.size();
      for (std::size_t i = 0; i < m_free.size(); ++i) {
        const std::size_t c = m_free[i].capacity;
        if (pick == m_free.size()) {
          pick = i;
          continue;
        }
        const std::size_t best = m_free[pick].capacity;
        if (best >= n ? (c >= n && c < best) : c > best) pick = i;
      }
      if (pick < m_free.size()) {
        buffer = std::move(m_free[pick]);
        m_free.erase(m_free.begin() + std::ptrdiff_t(pick));
      }
    }
    if (buffer.capacity < n) {
      buffer.data.reset();  // before the new allocation: peak memory of one buffer, not two
      buffer.data.reset(new T[n]);
      buffer.capacity = n;
    }
    return Lease(*this, std::move(buffer));
  }

 private:
  void give_back(Buffer buffer) {
    if (buffer.capacity == 0) return;
    const std::lock_guard lock(m_mutex);
    m_free.push_back(std::move(buffer));
  }

  std::mutex m_mutex;
  std::vector<Buffer> m_free;
};

}  // namespace voxfeat::kernels
