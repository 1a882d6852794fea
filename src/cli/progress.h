// Progress reporting for long batch jobs, and the parallel loop that drives it.
//
// Progress draws a one-line bar with the rate and the estimated time left when
// its stream is a terminal (redrawn in place with '\r', at most ~5 times a
// second), and otherwise prints a plain line about every two seconds, so a log
// file or CI output gets a readable trail instead of thousands of carriage
// returns. It never writes to stdout: batch commands may stream results there.
//
// ParallelFor runs a function over the indices [0, n) on a pool of
// std::threads that take the next index from a shared atomic counter (work is
// uneven: one query may have 3 candidates, the next 3,000), while the calling
// thread reports progress.
//
// Thread safety: Progress is used by one thread (ParallelFor's caller);
// ParallelFor's function must be safe to call concurrently.

#ifndef CHOKEPOINT_CLI_PROGRESS_H_
#define CHOKEPOINT_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>

namespace chokepoint::cli {

class Progress {
 public:
  // `label` names the work ("screening"), `unit` the items ("queries").
  // When `enabled` is false nothing is ever printed.
  Progress(std::string label, std::string unit, uint64_t total, bool enabled = true,
           std::FILE* stream = stderr);

  // Reports that `done` items are finished; prints when due.
  void Update(uint64_t done);
  // Prints the final line (on a terminal, ends the bar with a newline).
  void Finish(uint64_t done);

  bool tty() const { return tty_; }

 private:
  using Clock = std::chrono::steady_clock;
  std::string Line(uint64_t done, bool final) const;

  std::string label_;
  std::string unit_;
  uint64_t total_;
  bool enabled_;
  std::FILE* stream_;
  bool tty_;
  Clock::time_point start_;
  Clock::time_point last_print_;
  bool printed_ = false;
};

// "1:05:03" or "4:07" for a number of seconds.
std::string FormatDuration(double seconds);

// Calls fn(i) for every i in [0, n) on `threads` threads (at least 1; the
// calling thread only waits and reports progress).
void ParallelFor(uint64_t n, int threads, const std::function<void(uint64_t)>& fn,
                 Progress* progress);

// The default worker count: the machine's hardware threads (at least 1).
int DefaultThreads();

}  // namespace chokepoint::cli

#endif  // CHOKEPOINT_CLI_PROGRESS_H_
