// A parallel loop over indices, for building large read-only structures
// (a snapshot's chunks, the screener's names) on the machine's threads.

#ifndef CHOKEPOINT_IO_PARALLEL_H_
#define CHOKEPOINT_IO_PARALLEL_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace chokepoint::io {

// The hardware threads, at least 1 and at most `cap`.
inline unsigned HardwareThreads(unsigned cap) {
  return std::clamp(std::thread::hardware_concurrency(), 1u, std::max(1u, cap));
}

// Runs fn(i) once for every i in [0, n) on up to `threads` threads (the
// caller's among them, and no more than n), which take the indices in order
// from a shared counter, so put long tasks first. fn must write only state
// owned by its index: the result does not depend on which thread ran what.
template <typename Fn>
void ParallelFor(size_t n, size_t threads, const Fn& fn) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;) fn(i);
  };
  std::vector<std::thread> pool;
  for (size_t t = 1; t < std::min(threads, n); ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

}  // namespace chokepoint::io

#endif  // CHOKEPOINT_IO_PARALLEL_H_
