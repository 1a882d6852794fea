#include "server/metrics.h"

#include <algorithm>
#include <cstdio>

namespace chokepoint::server {

Metrics::Metrics(int shards) {
  for (int i = 0; i < std::max(shards, 1); ++i) shards_.push_back(std::make_unique<Shard>());
}

void Metrics::Record(int shard, std::string_view route, std::string_view method, int status,
                     double seconds) {
  Shard& s = *shards_[static_cast<size_t>(shard) % shards_.size()];
  std::lock_guard<std::mutex> lock(s.mu);
  ++s.counts[{std::string(route), std::string(method), status}];
  auto it = s.latency.find(route);
  if (it == s.latency.end()) it = s.latency.emplace(std::string(route), Histogram{}).first;
  Histogram& h = it->second;
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  if (b < kBuckets.size()) ++h.buckets[b];
  ++h.count;
  h.sum += seconds;
}

std::string PromLabel(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string Metrics::Render() const {
  std::map<std::tuple<std::string, std::string, int>, uint64_t> counts;
  std::map<std::string, Histogram, std::less<>> latency;
  for (const auto& s : shards_) {
    std::lock_guard<std::mutex> lock(s->mu);
    for (const auto& [k, v] : s->counts) counts[k] += v;
    for (const auto& [k, h] : s->latency) {
      Histogram& t = latency[k];
      for (size_t i = 0; i < h.buckets.size(); ++i) t.buckets[i] += h.buckets[i];
      t.count += h.count;
      t.sum += h.sum;
    }
  }
  std::string out;
  out += "# HELP chokepoint_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE chokepoint_http_requests_total counter\n";
  for (const auto& [k, v] : counts) {
    const auto& [route, method, status] = k;
    out += "chokepoint_http_requests_total{route=\"" + PromLabel(route) + "\",method=\"" +
           PromLabel(method) + "\",status=\"" + std::to_string(status) + "\"} " +
           std::to_string(v) + "\n";
  }
  out +=
      "# HELP chokepoint_http_request_duration_seconds Time from a complete request to its "
      "response, by route.\n";
  out += "# TYPE chokepoint_http_request_duration_seconds histogram\n";
  char num[64];
  for (const auto& [route, h] : latency) {
    std::string label = "route=\"" + PromLabel(route) + "\"";
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      cumulative += h.buckets[i];
      std::snprintf(num, sizeof num, "%g", kBuckets[i]);
      out += "chokepoint_http_request_duration_seconds_bucket{" + label + ",le=\"" + num + "\"} " +
             std::to_string(cumulative) + "\n";
    }
    out += "chokepoint_http_request_duration_seconds_bucket{" + label + ",le=\"+Inf\"} " +
           std::to_string(h.count) + "\n";
    std::snprintf(num, sizeof num, "%.6f", h.sum);
    out += "chokepoint_http_request_duration_seconds_sum{" + label + "} " + num + "\n";
    out += "chokepoint_http_request_duration_seconds_count{" + label + "} " +
           std::to_string(h.count) + "\n";
  }
  return out;
}

}  // namespace chokepoint::server
