// Fast metrics against the textbook references on many random strings.
#include "match/metrics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

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

// One CachedString assigned many strings in turn (ASCII, other code points,
// longer than 64, empty), moved from and moved into, scores like the
// reference each time: Assign clears only the previous string's pattern
// masks, so a mask left behind would show here.
TEST(MetricsTest, ReusedCachedStringMatchesReference) {
  std::mt19937 rng(2611);
  CachedCodePoints reused;
  CachedAscii reused_ascii;
  for (int iter = 0; iter < 5000; ++iter) {
    const std::u32string a = RandomCodePoints(rng, iter % 10 == 0 ? 90 : 14);
    const std::u32string b = RandomCodePoints(rng, iter % 10 == 0 ? 90 : 14);
    const std::string x = RandomAscii(rng, iter % 10 == 0 ? 90 : 14, 3 + iter % 8);
    const std::string y = RandomAscii(rng, iter % 10 == 0 ? 90 : 14, 3 + iter % 8);
    reused.Assign(a);
    reused_ascii.Assign(x);
    if (iter % 7 == 3) {
      CachedCodePoints moved(std::move(reused));  // `reused` is left empty
      ASSERT_EQ(moved.Levenshtein(b), reference::Levenshtein<char32_t>(a, b));
      reused.Assign(a);
    } else if (iter % 7 == 5) {
      CachedCodePoints other{std::u32string_view(b)};
      other = std::move(reused);  // other's masks replaced, reused's cleared
      ASSERT_NEAR(other.JaroWinkler(b), reference::JaroWinkler<char32_t>(a, b), 1e-12);
      reused.Assign(a);
    }
    ASSERT_EQ(reused.Levenshtein(b), reference::Levenshtein<char32_t>(a, b)) << iter;
    ASSERT_NEAR(reused.JaroWinkler(b), reference::JaroWinkler<char32_t>(a, b), 1e-12) << iter;
    ASSERT_EQ(reused_ascii.Levenshtein(y), reference::Levenshtein<char>(x, y)) << x << " / " << y;
    ASSERT_NEAR(reused_ascii.JaroWinkler(y), reference::JaroWinkler<char>(x, y), 1e-12)
        << x << " / " << y;
  }
}

// Optimal string alignment distance, the textbook full matrix.
size_t ReferenceOsaDistance(const std::u32string& a, const std::u32string& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

double ReferenceOsaRatio(const std::u32string& a, const std::u32string& b) {
  const size_t n = a.size(), m = b.size();
  if (n == 0 || m == 0) return n == m ? 1.0 : 0.0;
  return 1.0 -
         static_cast<double>(ReferenceOsaDistance(a, b)) / static_cast<double>(std::max(n, m));
}

// OsaRatio keeps its rows in a buffer reused across calls: long and short
// strings in turn.
TEST(MetricsTest, OsaRatioMatchesReference) {
  EXPECT_DOUBLE_EQ(OsaRatio(U"abcd", U"abdc"), 0.75);  // one swap of neighbours
  EXPECT_DOUBLE_EQ(OsaRatio(U"ca", U"abc"), 0.0);      // OSA distance 3 (Damerau: 2)
  EXPECT_DOUBLE_EQ(OsaRatio(U"", U""), 1.0);
  EXPECT_EQ(OsaDistance(U"volkswerk", U"volkswagen"), 4u);
  EXPECT_EQ(OsaDistance(U"", U"abc"), 3u);
  std::mt19937 rng(4711);
  for (int iter = 0; iter < 5000; ++iter) {
    const std::u32string a = RandomCodePoints(rng, iter % 5 == 0 ? 90 : 12);
    const std::u32string b = RandomCodePoints(rng, iter % 5 == 1 ? 90 : 12);
    ASSERT_DOUBLE_EQ(OsaRatio(a, b), ReferenceOsaRatio(a, b)) << iter;
    ASSERT_EQ(OsaDistance(a, b), ReferenceOsaDistance(a, b)) << iter;
  }
}

}  // namespace
}  // namespace chokepoint::match
