// RecentResults: the latest results of a pure function of a string (and a
// small integer tag), kept per thread by the text pipeline. Names repeat the
// same runs and tokens (a name is romanised once per system and form, a
// query without schema is analysed twice, the names of a list repeat given
// names, patronymics and company words), so ICU transliteration, OpenCC
// conversion, whole-run romanisation and VariantKey look up their recent
// results first. Direct-mapped by a hash of tag and key: a new result
// replaces the one in its slot. A hit returns what the computation would.

#ifndef CHOKEPOINT_TEXT_RECENT_RESULTS_H_
#define CHOKEPOINT_TEXT_RECENT_RESULTS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "io/strings.h"

namespace chokepoint::text::internal {

template <size_t kSlots>
class RecentResults {
  static_assert(kSlots > 0 && (kSlots & (kSlots - 1)) == 0, "kSlots must be a power of two");

 public:
  const std::string* Find(uint32_t tag, std::string_view key) const {
    const Entry& e = entries_[Slot(tag, key)];
    return e.used && e.tag == tag && e.key == key ? &e.value : nullptr;
  }
  void Put(uint32_t tag, std::string_view key, const std::string& value) {
    Entry& e = entries_[Slot(tag, key)];
    e.used = true;
    e.tag = tag;
    e.key.assign(key);
    e.value = value;
  }

 private:
  static size_t Slot(uint32_t tag, std::string_view key) {
    const uint64_t h = io::Fnv1a64(key, io::kFnv1a64ShortBasis ^ tag);
    return static_cast<size_t>(h ^ (h >> 32)) & (kSlots - 1);
  }
  struct Entry {
    bool used = false;
    uint32_t tag = 0;
    std::string key;
    std::string value;
  };
  std::array<Entry, kSlots> entries_;
};

}  // namespace chokepoint::text::internal

#endif  // CHOKEPOINT_TEXT_RECENT_RESULTS_H_
