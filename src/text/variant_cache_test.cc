// VariantKey() answers from a per-thread cache of recent results
// (variant.cc): it must return what the uncached computation returns, for
// tokens seen for the first time, seen again (hits), and seen again after
// other tokens took their slot (evictions); and PhoneticKey(), which keys
// through it, must agree with its value on a fresh thread (empty cache).

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "text/analyze.h"
#include "text/variant_rules.h"

namespace chokepoint::text {
namespace {

// Deterministic tokens: syllable pairs and triples that exercise the variant
// rules (kh, ks, zh, ts, sh, ph, ou, double letters, final -iy / -ov / -off),
// with case, digits, punctuation and tokens longer than the cached length.
std::vector<std::string> Tokens() {
  const std::vector<std::string> parts = {
      "kh", "ks",  "x",   "zh",  "j",   "ts",  "c",   "sh",  "sch", "ph",  "f",  "w",   "v",   "ou",
      "u",  "iy",  "yi",  "ii",  "y",   "ov",  "off", "ow",  "mm",  "ll",  "a",  "e",   "i",   "o",
      "ma", "ham", "med", "ali", "ev",  "ich", "na",  "ser", "gei", "yev", "sk", "aya", "ber", "g",
      "q",  "ck",  "tch", "dj",  "dzh", "th",  "gh",  "ie",  "ei",  "ae",  "oe", "ue",  "ck"};
  std::vector<std::string> out;
  for (const std::string& a : parts) {
    for (const std::string& b : parts) out.push_back(a + b);
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    for (size_t j = 0; j < parts.size(); j += 3) {
      out.push_back(parts[i] + parts[j] + parts[(i + j) % parts.size()]);
    }
  }
  out.push_back("");
  out.push_back("MOHAMMED");
  out.push_back("O'Brien");
  out.push_back("44th");
  out.push_back("x-ray");
  out.push_back(std::string(31, 'k') + "h");             // 32 bytes: cached
  out.push_back(std::string(32, 'k') + "h");             // 33 bytes: not cached
  out.push_back("abdulrahmanmuhammadibrahimalkhalifa");  // long name part
  return out;
}

TEST(VariantKeyCache, EqualsUncachedWithHitsMissesAndEvictions) {
  const std::vector<std::string> tokens = Tokens();
  ASSERT_GT(tokens.size(), 4000u);  // more than the cache's 2,048 slots
  std::vector<std::string> expected;
  for (const std::string& t : tokens) expected.push_back(internal::VariantKeyUncached(t));
  std::thread worker([&] {
    for (int round = 0; round < 3; ++round) {
      for (size_t k = 0; k < tokens.size(); ++k) {
        const size_t i = round == 1 ? tokens.size() - 1 - k : k;
        EXPECT_EQ(VariantKey(tokens[i]), expected[i]) << tokens[i] << " round " << round;
        // Immediately again: a hit.
        EXPECT_EQ(VariantKey(tokens[i]), expected[i]) << tokens[i];
      }
    }
  });
  worker.join();
}

TEST(VariantKeyCache, PhoneticKeyEqualsFreshThread) {
  const std::vector<std::string> tokens = Tokens();
  for (size_t i = 0; i < tokens.size(); i += 7) {
    std::string cold;
    std::thread t([&] { cold = PhoneticKey(tokens[i]); });
    t.join();
    EXPECT_EQ(PhoneticKey(tokens[i]), cold) << tokens[i];
  }
}

}  // namespace
}  // namespace chokepoint::text
