// RecentResults: the latest results of a pure function of a string (and an
// integer tag), kept per thread. Names repeat the same runs and tokens (a
// name is romanised once per system and form, a query without schema is
// analysed twice, the names of a list repeat given names, patronymics and
// company words), so ICU transliteration, OpenCC conversion, whole-run
// romanisation and VariantKey look up their recent results first, and so
// does the candidate index for a query word's vocabulary neighbours (queries
// repeat words). Direct-mapped by a hash of tag and key: a new result
// replaces the one in its slot. A hit returns what the computation would.

#ifndef CHOKEPOINT_TEXT_RECENT_RESULTS_H_
#define CHOKEPOINT_TEXT_RECENT_RESULTS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "io/strings.h"

namespace chokepoint::text::internal {

template <size_t kSlots, typename Value = std::string>
class RecentResults {
  static_assert(kSlots > 0 && (kSlots & (kSlots - 1)) == 0, "kSlots must be a power of two");

 public:
  const Value* Find(uint64_t tag, std::string_view key) const {
    const Entry& e = entries_[Slot(tag, key)];
    return e.used && e.tag == tag && e.key == key ? &e.value : nullptr;
  }
  const Value& Put(uint64_t tag, std::string_view key, const Value& value) {
    Entry& e = entries_[Slot(tag, key)];
    e.used = true;
    e.tag = tag;
    e.key.assign(key);
    e.value = value;
    return e.value;
  }

 private:
  static size_t Slot(uint64_t tag, std::string_view key) {
    const uint64_t h = io::Fnv1a64(key, io::kFnv1a64ShortBasis ^ tag);
    return static_cast<size_t>(h ^ (h >> 32)) & (kSlots - 1);
  }
  struct Entry {
    bool used = false;
    uint64_t tag = 0;
    std::string key;
    Value value;
  };
  // (On the heap: a holder may live on the stack.)
  std::vector<Entry> entries_ = std::vector<Entry>(kSlots);
};

}  // namespace chokepoint::text::internal

#endif  // CHOKEPOINT_TEXT_RECENT_RESULTS_H_
