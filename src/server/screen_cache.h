// A bounded cache of screening answers, so that a party screened again with
// the same question against the same Screener is answered without scoring.
//
// The key is the whole question (name, schema, country, date of birth,
// gender, identifiers, sources, limit, threshold, mode); a value keeps the
// Screener it came from alive and is only returned for that same Screener,
// so a list update can never serve an old answer. Clear() drops everything
// (called when a new snapshot is swapped in). Least recently used entries
// are dropped first, per shard.
//
// Thread safety: all methods may be called concurrently.

#ifndef CHOKEPOINT_SERVER_SCREEN_CACHE_H_
#define CHOKEPOINT_SERVER_SCREEN_CACHE_H_

#include <array>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "chokepoint/screen.h"

namespace chokepoint::server {

struct CachedScreen {
  std::shared_ptr<const Screener> screener;  // keeps result's entity pointers valid
  ScreenQuery query;
  ScreenResult result;
  std::string json;  // the response body
};

class ScreenCache {
 public:
  // capacity 0 disables the cache.
  explicit ScreenCache(size_t capacity);

  static std::string Key(const ScreenQuery& q);

  std::shared_ptr<const CachedScreen> Get(const std::string& key, const Screener* screener);
  void Put(const std::string& key, std::shared_ptr<const CachedScreen> value);
  void Clear();
  size_t capacity() const { return capacity_; }

 private:
  static constexpr size_t kShards = 16;
  struct Shard {
    std::mutex mu;
    std::list<std::string> order;  // most recent first
    struct Slot {
      std::shared_ptr<const CachedScreen> value;
      std::list<std::string>::iterator pos;
    };
    std::unordered_map<std::string, Slot> map;
  };
  Shard& ShardFor(const std::string& key);

  size_t capacity_;
  std::array<Shard, kShards> shards_;
};

}  // namespace chokepoint::server

#endif  // CHOKEPOINT_SERVER_SCREEN_CACHE_H_
