// Fuzzes bit-parallel Jaro / Jaro-Winkler against Winkler's textbook
// definition. The input is split at its first 0xFF byte (or in half) into two
// strings, compared as bytes and as code points, with and without the boost
// threshold, through the free functions and the cached scorer, and with a
// cutoff (the result must be the exact value or 0 when below it). Any
// mismatch aborts.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "match/metrics.h"
#include "match/metrics_reference.h"

namespace {
void Expect(double got, double want) {
  if (std::fabs(got - want) > 1e-12) std::abort();
}

template <typename CharT>
void Check(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b, double cutoff) {
  namespace m = chokepoint::match;
  const double jaro = m::reference::Jaro<CharT>(a, b);
  const double jw = m::reference::JaroWinkler<CharT>(a, b);
  const double jw0 = m::reference::JaroWinkler<CharT>(a, b, 0.1, 4, 0.0);
  Expect(m::Jaro(a, b), jaro);
  Expect(m::Jaro(b, a), jaro);
  Expect(m::JaroWinkler(a, b), jw);
  m::CachedString<CharT> cached(a);
  Expect(cached.Jaro(b), jaro);
  Expect(cached.JaroWinkler(b), jw);
  Expect(cached.JaroWinkler(b, 0, m::JaroWinklerParams{0.1, 4, 0.0}), jw0);
  if (std::fabs(jw - cutoff) > 1e-9) Expect(cached.JaroWinkler(b, cutoff), jw >= cutoff ? jw : 0);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 600) return 0;
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
  const double cutoff = static_cast<double>(size % 11) / 10.0;
  Check<char>(a, b, cutoff);
  const std::u32string ua = chokepoint::match::DecodeUtf8(a);
  const std::u32string ub = chokepoint::match::DecodeUtf8(b);
  Check<char32_t>(ua, ub, cutoff);
  return 0;
}
