#include "cli/progress.h"

#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

namespace chokepoint::cli {
namespace {

constexpr auto kTtyInterval = std::chrono::milliseconds(200);
constexpr auto kPlainInterval = std::chrono::seconds(2);
constexpr int kBarWidth = 28;

}  // namespace

std::string FormatDuration(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7) return "?";
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, (s / 60) % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

Progress::Progress(std::string label, std::string unit, uint64_t total, bool enabled,
                   std::FILE* stream)
    : label_(std::move(label)),
      unit_(std::move(unit)),
      total_(total),
      enabled_(enabled),
      stream_(stream),
      tty_(isatty(fileno(stream)) != 0),
      start_(Clock::now()),
      last_print_(start_) {}

std::string Progress::Line(uint64_t done, bool final) const {
  double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
  double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  double fraction = total_ > 0 ? static_cast<double>(done) / static_cast<double>(total_) : 1;
  char buf[256];
  std::string tail;
  if (final) {
    std::snprintf(buf, sizeof buf, "%llu %s in %s (%.0f/s)", static_cast<unsigned long long>(done),
                  unit_.c_str(), FormatDuration(elapsed).c_str(), rate);
    return label_ + ": " + buf;
  }
  std::string eta = rate > 0 ? FormatDuration(static_cast<double>(total_ - done) / rate) : "?";
  if (tty_) {
    int filled = static_cast<int>(fraction * kBarWidth);
    std::string bar(static_cast<size_t>(filled), '=');
    if (filled < kBarWidth) bar += '>';
    bar.resize(kBarWidth, ' ');
    std::snprintf(buf, sizeof buf, "[%s] %llu/%llu %3.0f%%  %.0f/s  ETA %s", bar.c_str(),
                  static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_),
                  fraction * 100, rate, eta.c_str());
  } else {
    std::snprintf(buf, sizeof buf, "%llu/%llu %s (%.0f%%), %.0f/s, ETA %s",
                  static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_),
                  unit_.c_str(), fraction * 100, rate, eta.c_str());
  }
  return label_ + ": " + buf;
}

void Progress::Update(uint64_t done) {
  if (!enabled_) return;
  auto now = Clock::now();
  if (now - last_print_ < (tty_ ? kTtyInterval : kPlainInterval)) return;
  last_print_ = now;
  printed_ = true;
  std::string line = Line(done, false);
  if (tty_) {
    // \033[K clears what a longer previous line left behind.
    std::fprintf(stream_, "\r%s\033[K", line.c_str());
  } else {
    std::fprintf(stream_, "%s\n", line.c_str());
  }
  std::fflush(stream_);
}

void Progress::Finish(uint64_t done) {
  if (!enabled_) return;
  std::string line = Line(done, true);
  if (tty_ && printed_) {
    std::fprintf(stream_, "\r%s\033[K\n", line.c_str());
  } else {
    std::fprintf(stream_, "%s\n", line.c_str());
  }
  std::fflush(stream_);
}

int DefaultThreads() {
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

void ParallelFor(uint64_t n, int threads, const std::function<void(uint64_t)>& fn,
                 Progress* progress) {
  if (threads < 1) threads = 1;
  if (static_cast<uint64_t>(threads) > n) threads = static_cast<int>(n == 0 ? 1 : n);
  std::atomic<uint64_t> next{0};
  std::atomic<uint64_t> done{0};
  std::mutex mu;
  std::condition_variable cv;
  int running = threads;
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(threads));
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (uint64_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < n;) {
        fn(i);
        done.fetch_add(1, std::memory_order_relaxed);
      }
      std::lock_guard<std::mutex> lock(mu);
      if (--running == 0) cv.notify_all();
    });
  }
  {
    std::unique_lock<std::mutex> lock(mu);
    while (running > 0) {
      cv.wait_for(lock, std::chrono::milliseconds(100));
      if (progress != nullptr && running > 0) {
        lock.unlock();
        progress->Update(done.load(std::memory_order_relaxed));
        lock.lock();
      }
    }
  }
  for (auto& t : pool) t.join();
  if (progress != nullptr) progress->Finish(done.load());
}

}  // namespace chokepoint::cli
