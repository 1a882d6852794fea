// Slow, obviously correct reference implementations of the metrics in
// metrics.h, for tests and fuzzers only: the textbook Wagner-Fischer table
// for Levenshtein, and Jaro / Jaro-Winkler exactly as Winkler (1990)
// describes them (match window max(|a|,|b|)/2 - 1, at least 0; each character
// of `a` takes the first unmatched equal character of `b` in its window;
// transpositions = half the out-of-order matched characters, rounded down).
//
// Thread safety: pure functions.

#ifndef CHOKEPOINT_MATCH_METRICS_REFERENCE_H_
#define CHOKEPOINT_MATCH_METRICS_REFERENCE_H_

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

namespace chokepoint::match::reference {

template <typename CharT>
size_t Levenshtein(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
    }
  }
  return d[a.size()][b.size()];
}

template <typename CharT>
double Jaro(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const size_t longer = std::max(a.size(), b.size());
  const size_t window = longer / 2 >= 1 ? longer / 2 - 1 : 0;
  std::vector<bool> a_matched(a.size(), false), b_matched(b.size(), false);
  size_t matches = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    const size_t lo = i >= window ? i - window : 0;
    const size_t hi = std::min(b.size() - 1, i + window);
    for (size_t j = lo; j <= hi && j < b.size(); ++j) {
      if (!b_matched[j] && a[i] == b[j]) {
        a_matched[i] = true;
        b_matched[j] = true;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  size_t out_of_order = 0;
  size_t j = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!a_matched[i]) continue;
    while (!b_matched[j]) ++j;
    if (a[i] != b[j]) ++out_of_order;
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double t = static_cast<double>(out_of_order / 2);
  return (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) + (m - t) / m) /
         3.0;
}

template <typename CharT>
double JaroWinkler(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b,
                   double prefix_weight = 0.1, size_t max_prefix = 4,
                   double boost_threshold = 0.7) {
  const double sim = Jaro(a, b);
  if (sim <= boost_threshold) return sim;
  size_t prefix = 0;
  while (prefix < max_prefix && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) {
    ++prefix;
  }
  return sim + static_cast<double>(prefix) * prefix_weight * (1.0 - sim);
}

}  // namespace chokepoint::match::reference

#endif  // CHOKEPOINT_MATCH_METRICS_REFERENCE_H_
