#include "server/screen_cache.h"

#include <algorithm>
#include <cstdio>
#include <functional>

namespace chokepoint::server {

ScreenCache::ScreenCache(size_t capacity) : capacity_(capacity) {}

std::string ScreenCache::Key(const ScreenQuery& q) {
  std::string k;
  k.reserve(q.name.size() + 64);
  auto add = [&k](std::string_view s) {
    k += std::to_string(s.size());
    k += ':';
    k += s;
  };
  add(q.name);
  add(q.schema ? SchemaName(*q.schema) : "");
  add(q.country);
  add(q.birth_date ? q.birth_date->ToString() : "");
  add(q.gender);
  k += std::to_string(q.identifiers.size()) + "i";
  for (const auto& id : q.identifiers) add(id);
  k += std::to_string(q.sources.size()) + "s";
  for (const auto& s : q.sources) add(s);
  char num[64];
  std::snprintf(num, sizeof num, "%d|%.17g|%d", q.limit, q.threshold, static_cast<int>(q.mode));
  k += num;
  return k;
}

ScreenCache::Shard& ScreenCache::ShardFor(const std::string& key) {
  return shards_[std::hash<std::string>()(key) % kShards];
}

std::shared_ptr<const CachedScreen> ScreenCache::Get(const std::string& key,
                                                     const Screener* screener) {
  if (capacity_ == 0) return nullptr;
  Shard& s = ShardFor(key);
  std::lock_guard<std::mutex> lock(s.mu);
  auto it = s.map.find(key);
  if (it == s.map.end()) return nullptr;
  if (it->second.value->screener.get() != screener) {
    s.order.erase(it->second.pos);
    s.map.erase(it);
    return nullptr;
  }
  s.order.splice(s.order.begin(), s.order, it->second.pos);
  return it->second.value;
}

void ScreenCache::Put(const std::string& key, std::shared_ptr<const CachedScreen> value) {
  if (capacity_ == 0) return;
  Shard& s = ShardFor(key);
  const size_t per_shard = std::max<size_t>(1, capacity_ / kShards);
  std::lock_guard<std::mutex> lock(s.mu);
  auto it = s.map.find(key);
  if (it != s.map.end()) {
    it->second.value = std::move(value);
    s.order.splice(s.order.begin(), s.order, it->second.pos);
    return;
  }
  s.order.push_front(key);
  s.map.emplace(key, Shard::Slot{std::move(value), s.order.begin()});
  while (s.map.size() > per_shard) {
    s.map.erase(s.order.back());
    s.order.pop_back();
  }
}

void ScreenCache::Clear() {
  for (auto& s : shards_) {
    std::lock_guard<std::mutex> lock(s.mu);
    s.map.clear();
    s.order.clear();
  }
}

}  // namespace chokepoint::server
