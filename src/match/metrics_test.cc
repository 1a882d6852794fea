// Fast metrics against the textbook references on many random strings.
#include "match/metrics.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "match/metrics_reference.h"

namespace chokepoint::match {
namespace {

// Small alphabets make matches, transpositions and shared affixes common.
std::string RandomAscii(std::mt19937& rng, size_t max_len, int alphabet) {
  std::uniform_int_distribution<size_t> len(0, max_len);
  std::uniform_int_distribution<int> ch(0, alphabet - 1);
  std::string s(len(rng), 'a');
  for (char& c : s) c = static_cast<char>('a' + ch(rng));
  return s;
}

std::u32string RandomCodePoints(std::mt19937& rng, size_t max_len) {
  // A mix of ASCII, Cyrillic and CJK code points, so the hashed map is used.
  static const char32_t kAlphabet[] = {U'a', U'b', U'c', U'д', U'ж', U'я', U'中', U'国', U'\u0645'};
  std::uniform_int_distribution<size_t> len(0, max_len);
  std::uniform_int_distribution<size_t> ch(0, std::size(kAlphabet) - 1);
  std::u32string s(len(rng), U'a');
  for (char32_t& c : s) c = kAlphabet[ch(rng)];
  return s;
}

TEST(MetricsTest, KnownValues) {
  EXPECT_EQ(Levenshtein(std::string_view("kitten"), std::string_view("sitting")), 3u);
  EXPECT_EQ(Levenshtein(std::string_view(""), std::string_view("abc")), 3u);
  EXPECT_EQ(Levenshtein(std::string_view("flaw"), std::string_view("lawn")), 2u);
  EXPECT_NEAR(Jaro(std::string_view("martha"), std::string_view("marhta")), 0.944444, 1e-5);
  EXPECT_NEAR(JaroWinkler(std::string_view("martha"), std::string_view("marhta")), 0.961111, 1e-5);
  EXPECT_NEAR(JaroWinkler(std::string_view("dixon"), std::string_view("dicksonx")), 0.813333, 1e-5);
  EXPECT_DOUBLE_EQ(Jaro(std::string_view(""), std::string_view("")), 1.0);
  EXPECT_DOUBLE_EQ(Jaro(std::string_view("a"), std::string_view("")), 0.0);
}

TEST(MetricsTest, LevenshteinMatchesReference) {
  std::mt19937 rng(12345);
  for (int iter = 0; iter < 20000; ++iter) {
    const size_t max_len = iter % 10 == 0 ? 140 : 20;
    const std::string a = RandomAscii(rng, max_len, 4 + iter % 6);
    const std::string b = RandomAscii(rng, max_len, 4 + iter % 6);
    const size_t want = reference::Levenshtein<char>(a, b);
    ASSERT_EQ(Levenshtein(std::string_view(a), std::string_view(b)), want) << a << " / " << b;
    const size_t limit = iter % 7;
    const size_t capped = want <= limit ? want : limit + 1;
    ASSERT_EQ(Levenshtein(std::string_view(a), std::string_view(b), limit), capped)
        << a << " / " << b << " limit " << limit;
    CachedAscii cached{std::string_view(a)};
    ASSERT_EQ(cached.Levenshtein(b), want) << a << " / " << b;
    ASSERT_EQ(cached.Levenshtein(b, limit), capped) << a << " / " << b;
  }
}

TEST(MetricsTest, LevenshteinCodePointsMatchesReference) {
  std::mt19937 rng(777);
  for (int iter = 0; iter < 5000; ++iter) {
    const std::u32string a = RandomCodePoints(rng, iter % 10 == 0 ? 100 : 16);
    const std::u32string b = RandomCodePoints(rng, iter % 10 == 0 ? 100 : 16);
    const size_t want = reference::Levenshtein<char32_t>(a, b);
    ASSERT_EQ(Levenshtein(std::u32string_view(a), std::u32string_view(b)), want);
    CachedCodePoints cached{std::u32string_view(a)};
    ASSERT_EQ(cached.Levenshtein(b), want);
  }
}

TEST(MetricsTest, JaroWinklerMatchesReference) {
  std::mt19937 rng(4242);
  for (int iter = 0; iter < 20000; ++iter) {
    const size_t max_len = iter % 10 == 0 ? 130 : 16;
    const std::string a = RandomAscii(rng, max_len, 3 + iter % 8);
    const std::string b = RandomAscii(rng, max_len, 3 + iter % 8);
    const double jaro = reference::Jaro<char>(a, b);
    const double jw = reference::JaroWinkler<char>(a, b);
    ASSERT_NEAR(Jaro(std::string_view(a), std::string_view(b)), jaro, 1e-12) << a << " / " << b;
    ASSERT_NEAR(JaroWinkler(std::string_view(a), std::string_view(b)), jw, 1e-12)
        << a << " / " << b;
    CachedAscii cached{std::string_view(a)};
    ASSERT_NEAR(cached.Jaro(b), jaro, 1e-12) << a << " / " << b;
    ASSERT_NEAR(cached.JaroWinkler(b), jw, 1e-12) << a << " / " << b;
    // With a cutoff: the value when it reaches the cutoff, else 0.
    const double cutoff = (iter % 10) / 10.0;
    const double want = jw >= cutoff ? jw : 0.0;
    const double got = cached.JaroWinkler(b, cutoff);
    if (std::abs(jw - cutoff) > 1e-9) ASSERT_NEAR(got, want, 1e-12) << a << " / " << b;
    // SimMetrics-style (no boost threshold).
    const double jw0 = reference::JaroWinkler<char>(a, b, 0.1, 4, 0.0);
    ASSERT_NEAR(cached.JaroWinkler(b, 0, JaroWinklerParams{0.1, 4, 0.0}), jw0, 1e-12);
  }
}

TEST(MetricsTest, JaroCodePointsMatchesReference) {
  std::mt19937 rng(99);
  for (int iter = 0; iter < 5000; ++iter) {
    const std::u32string a = RandomCodePoints(rng, iter % 10 == 0 ? 90 : 14);
    const std::u32string b = RandomCodePoints(rng, iter % 10 == 0 ? 90 : 14);
    const double jw = reference::JaroWinkler<char32_t>(a, b);
    ASSERT_NEAR(JaroWinkler(std::u32string_view(a), std::u32string_view(b)), jw, 1e-12);
    CachedCodePoints cached{std::u32string_view(a)};
    ASSERT_NEAR(cached.JaroWinkler(b), jw, 1e-12);
  }
}

TEST(MetricsTest, LevenshteinRatio) {
  EXPECT_DOUBLE_EQ(LevenshteinRatio(U"abcd", U"abce"), 0.75);
  EXPECT_DOUBLE_EQ(LevenshteinRatio(U"abcd", U"abce", 0.8), 0.0);
  EXPECT_DOUBLE_EQ(LevenshteinRatio(U"", U""), 1.0);
  EXPECT_DOUBLE_EQ(DecodeUtf8("ж1").size(), 2u);
}

}  // namespace
}  // namespace chokepoint::match
