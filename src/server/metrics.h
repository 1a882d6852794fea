// Request metrics for /metrics (Prometheus text exposition format 0.0.4).
//
// Counts requests by route pattern, method and status, and a latency
// histogram by route. Each worker thread records into its own shard, so
// recording never contends; Render() sums the shards.
//
// Thread safety: Record(shard) from one thread per shard; Render() from any.

#ifndef CHOKEPOINT_SERVER_METRICS_H_
#define CHOKEPOINT_SERVER_METRICS_H_

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace chokepoint::server {

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 14> kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  explicit Metrics(int shards);

  void Record(int shard, std::string_view route, std::string_view method, int status,
              double seconds);

  // The counters and histograms as Prometheus text (without a trailing
  // gauge section; the caller appends its gauges).
  std::string Render() const;

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets{};  // non-cumulative
    uint64_t count = 0;
    double sum = 0;
  };
  struct Shard {
    mutable std::mutex mu;
    std::map<std::tuple<std::string, std::string, int>, uint64_t> counts;
    std::map<std::string, Histogram, std::less<>> latency;
  };
  std::vector<std::unique_ptr<Shard>> shards_;
};

// Escapes a Prometheus label value (backslash, quote, newline).
std::string PromLabel(std::string_view value);

}  // namespace chokepoint::server

#endif  // CHOKEPOINT_SERVER_METRICS_H_
