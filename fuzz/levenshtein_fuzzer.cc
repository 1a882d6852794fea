// Fuzzes the bit-parallel Levenshtein distance against the textbook table.
// The input is split at its first 0xFF byte (or in half) into two strings;
// they are compared as bytes and, after UTF-8 decoding, as code points, with
// and without a distance limit and through the cached scorer. Any mismatch
// aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "match/metrics.h"
#include "match/metrics_reference.h"

namespace {
template <typename CharT>
void Check(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b, size_t limit) {
  using chokepoint::match::CachedString;
  const size_t want = chokepoint::match::reference::Levenshtein<CharT>(a, b);
  const size_t capped = want <= limit ? want : limit + 1;
  if (chokepoint::match::Levenshtein(a, b) != want) std::abort();
  if (chokepoint::match::Levenshtein(a, b, limit) != capped) std::abort();
  CachedString<CharT> cached(a);
  if (cached.Levenshtein(b) != want) std::abort();
  if (cached.Levenshtein(b, limit) != capped) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 600) return 0;  // the reference is quadratic
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t cut = in.find('\xff');
  std::string_view a, b;
  if (cut == std::string_view::npos) {
    a = in.substr(0, size / 2);
    b = in.substr(size / 2);
  } else {
    a = in.substr(0, cut);
    b = in.substr(cut + 1);
  }
  const size_t limit = size % 9;
  Check<char>(a, b, limit);
  const std::u32string ua = chokepoint::match::DecodeUtf8(a);
  const std::u32string ub = chokepoint::match::DecodeUtf8(b);
  Check<char32_t>(ua, ub, limit);
  return 0;
}
