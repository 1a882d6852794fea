#include "match/metrics.h"

#include <algorithm>
#include <bit>
#include <vector>

#include "io/strings.h"

namespace chokepoint::match {

template <typename CharT>
void PatternMasks::Assign(std::basic_string_view<CharT> s) {
  ascii_.fill(0);
  map_keys_.fill(0);
  map_masks_.fill(0);
  Set(s);
}

template <typename CharT>
void PatternMasks::Set(std::basic_string_view<CharT> s) {
  uint64_t bit = 1;
  for (CharT ch : s) {
    char32_t c = static_cast<char32_t>(static_cast<std::make_unsigned_t<CharT>>(ch));
    if (c < 256) {
      ascii_[c] |= bit;
    } else {
      size_t i = Slot(c);
      map_keys_[i] = c;
      map_masks_[i] |= bit;
    }
    bit <<= 1;
  }
}

template <typename CharT>
void PatternMasks::Clear(std::basic_string_view<CharT> s) {
  bool map_used = false;
  for (CharT ch : s) {
    char32_t c = static_cast<char32_t>(static_cast<std::make_unsigned_t<CharT>>(ch));
    if (c < 256) {
      ascii_[c] = 0;
    } else {
      map_used = true;
    }
  }
  // Emptying map slots one by one could cut the probe chain of a later
  // character: the whole map is cleared instead (rare: code points >= 256).
  if (map_used) {
    map_keys_.fill(0);
    map_masks_.fill(0);
  }
}

namespace {

template <typename CharT>
inline char32_t Code(CharT ch) {
  return static_cast<char32_t>(static_cast<std::make_unsigned_t<CharT>>(ch));
}

inline uint64_t LowBits(size_t k) { return k >= 64 ? ~uint64_t{0} : (uint64_t{1} << k) - 1; }

// Hyyrö's (2003) formulation of Myers' (1999) bit-vector algorithm: the
// vertical delta vectors VP/VN of the DP column over the pattern are advanced
// one text character at a time; the score tracks the last row. Stops early
// once the remaining text cannot bring the distance back under the limit.
template <typename CharT>
size_t MyersDistance(const PatternMasks& pm, size_t m, std::basic_string_view<CharT> t,
                     size_t max_distance) {
  const size_t n = t.size();
  if (m == 0) return n <= max_distance ? n : max_distance + 1;
  uint64_t vp = ~uint64_t{0};
  uint64_t vn = 0;
  const uint64_t last = uint64_t{1} << (m - 1);
  size_t dist = m;
  for (size_t j = 0; j < n; ++j) {
    const uint64_t x = pm.Get(Code(t[j]));
    const uint64_t d0 = (((x & vp) + vp) ^ vp) | x | vn;
    uint64_t hp = vn | ~(d0 | vp);
    uint64_t hn = d0 & vp;
    if (hp & last) ++dist;
    if (hn & last) --dist;
    // The final distance is at least dist - (characters left).
    const size_t left = n - j - 1;
    if (dist > left && dist - left > max_distance) return max_distance + 1;
    hp = (hp << 1) | 1;
    hn <<= 1;
    vp = hn | ~(d0 | hp);
    vn = hp & d0;
  }
  return dist <= max_distance ? dist : max_distance + 1;
}

// Two-row dynamic programme for patterns longer than 64 characters; stops
// when a whole row exceeds the limit (row minima never decrease).
template <typename CharT>
size_t DpDistance(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b,
                  size_t max_distance) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    size_t row_min = cur[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > max_distance) return max_distance + 1;
    std::swap(prev, cur);
  }
  const size_t d = prev[b.size()];
  return d <= max_distance ? d : max_distance + 1;
}

template <typename CharT>
size_t LevenshteinImpl(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b,
                       size_t max_distance) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > max_distance) return max_distance + 1;
  // Common affixes never change the distance.
  while (!a.empty() && a.front() == b.front()) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  if (a.empty()) return b.size() <= max_distance ? b.size() : max_distance + 1;
  if (max_distance == 0) return 1;  // not equal after stripping
  if (a.size() <= 64) {
    PatternMasks pm;  // zero-initialised
    pm.Set(a);
    return MyersDistance(pm, a.size(), b, max_distance);
  }
  return DpDistance(a, b, max_distance);
}

inline size_t JaroBound(size_t m, size_t n) {
  const size_t longer = std::max(m, n);
  return longer / 2 >= 1 ? longer / 2 - 1 : 0;
}

inline double JaroFromCounts(size_t m, size_t n, size_t common, size_t transpositions) {
  if (common == 0) return 0;
  const double c = static_cast<double>(common);
  return (c / static_cast<double>(m) + c / static_cast<double>(n) +
          (c - static_cast<double>(transpositions / 2)) / c) /
         3.0;
}

// The best Jaro similarity possible with lengths m and n (all of the shorter
// string matched, no transpositions).
inline double JaroUpperBound(size_t m, size_t n) { return JaroFromCounts(m, n, std::min(m, n), 0); }

// Bit-parallel Jaro (the match-window search of rapidfuzz-cpp's jaro, done
// from scratch): for each text character the window of pattern positions is a
// bit mask; the lowest unmatched pattern position holding that character is
// taken with x & -x. The matched text characters are remembered in order, so
// transpositions are a walk over the pattern's match bits.
// REQUIRES: 0 < p.size() <= 64, pm = masks of p, t non-empty.
template <typename CharP, typename CharT>
double JaroBitParallel(const PatternMasks& pm, std::basic_string_view<CharP> p,
                       std::basic_string_view<CharT> t, double cutoff) {
  const size_t m = p.size();
  const size_t n = t.size();
  const size_t bound = JaroBound(m, n);
  uint64_t p_flag = 0;
  char32_t matched_t[64];
  size_t common = 0;
  for (size_t j = 0; j < n; ++j) {
    if (j > bound && j - bound >= m) break;  // window entirely past the pattern
    const size_t lo = j > bound ? j - bound : 0;
    const uint64_t window = LowBits(j + bound + 1) & ~LowBits(lo);
    const uint64_t cand = pm.Get(Code(t[j])) & window & ~p_flag;
    if (cand != 0) {
      p_flag |= cand & (~cand + 1);
      matched_t[common++] = Code(t[j]);
    }
  }
  if (common == 0) return 0;
  if (JaroFromCounts(m, n, common, 0) < cutoff) return 0;
  size_t mismatches = 0;
  size_t k = 0;
  for (uint64_t f = p_flag; f != 0; f &= f - 1) {
    const size_t i = static_cast<size_t>(std::countr_zero(f));
    if (Code(p[i]) != matched_t[k]) ++mismatches;
    ++k;
  }
  const double sim = JaroFromCounts(m, n, common, mismatches);
  return sim >= cutoff ? sim : 0;
}

// The textbook scan, for patterns longer than 64 characters.
template <typename CharP, typename CharT>
double JaroScan(std::basic_string_view<CharP> p, std::basic_string_view<CharT> t, double cutoff) {
  const size_t m = p.size();
  const size_t n = t.size();
  const size_t bound = JaroBound(m, n);
  std::vector<char> p_used(m, 0), t_used(n, 0);
  size_t common = 0;
  for (size_t j = 0; j < n; ++j) {
    const size_t lo = j > bound ? j - bound : 0;
    const size_t hi = std::min(m, j + bound + 1);
    for (size_t i = lo; i < hi; ++i) {
      if (!p_used[i] && Code(p[i]) == Code(t[j])) {
        p_used[i] = 1;
        t_used[j] = 1;
        ++common;
        break;
      }
    }
  }
  if (common == 0) return 0;
  if (JaroFromCounts(m, n, common, 0) < cutoff) return 0;
  size_t mismatches = 0;
  size_t j = 0;
  for (size_t i = 0; i < m; ++i) {
    if (!p_used[i]) continue;
    while (!t_used[j]) ++j;
    if (Code(p[i]) != Code(t[j])) ++mismatches;
    ++j;
  }
  const double sim = JaroFromCounts(m, n, common, mismatches);
  return sim >= cutoff ? sim : 0;
}

template <typename CharP, typename CharT>
double JaroPrepared(const PatternMasks* pm, std::basic_string_view<CharP> p,
                    std::basic_string_view<CharT> t, double cutoff) {
  if (p.empty() && t.empty()) return cutoff <= 1.0 ? 1.0 : 0;
  if (p.empty() || t.empty()) return 0;
  if (JaroUpperBound(p.size(), t.size()) < cutoff) return 0;
  if (pm != nullptr) return JaroBitParallel(*pm, p, t, cutoff);
  return JaroScan(p, t, cutoff);
}

template <typename CharT>
double JaroImpl(std::basic_string_view<CharT> a, std::basic_string_view<CharT> b, double cutoff) {
  if (a.empty() || b.empty()) return JaroPrepared<CharT, CharT>(nullptr, a, b, cutoff);
  if (JaroUpperBound(a.size(), b.size()) < cutoff) return 0;
  // Jaro is symmetric; use the shorter string as the bit-parallel pattern.
  if (a.size() > b.size()) std::swap(a, b);
  if (a.size() <= 64) {
    PatternMasks pm;  // zero-initialised
    pm.Set(a);
    return JaroBitParallel(pm, a, b, cutoff);
  }
  return JaroScan(a, b, cutoff);
}

template <typename CharP, typename CharT>
size_t CommonPrefix(std::basic_string_view<CharP> a, std::basic_string_view<CharT> b,
                    size_t limit) {
  size_t k = 0;
  const size_t n = std::min({a.size(), b.size(), limit});
  while (k < n && Code(a[k]) == Code(b[k])) ++k;
  return k;
}

// Winkler's boost: sim + prefix * weight * (1 - sim) when sim > threshold.
// The Jaro cutoff is derived from the Jaro-Winkler one: with a common prefix
// of l, JW >= c needs Jaro >= (c - lp) / (1 - lp) (and the boost needs Jaro
// above the threshold).
template <typename JaroFn>
double WinklerBoost(size_t prefix, double cutoff, const JaroWinklerParams& params, JaroFn&& jaro) {
  const double lp = static_cast<double>(prefix) * params.prefix_weight;
  double jaro_cutoff = cutoff;
  if (lp > 0 && lp < 1 && cutoff > params.boost_threshold) {
    jaro_cutoff = std::max(params.boost_threshold, (cutoff - lp) / (1.0 - lp));
    // Floating-point slack: never prune something that might reach cutoff.
    jaro_cutoff = std::max(0.0, jaro_cutoff - 1e-9);
  }
  double sim = jaro(std::min(jaro_cutoff, cutoff));
  if (sim > params.boost_threshold) sim += lp * (1.0 - sim);
  if (sim > 1.0) sim = 1.0;
  return sim >= cutoff ? sim : 0;
}

}  // namespace

size_t Levenshtein(std::string_view a, std::string_view b, size_t max_distance) {
  return LevenshteinImpl(a, b, max_distance);
}
size_t Levenshtein(std::u32string_view a, std::u32string_view b, size_t max_distance) {
  return LevenshteinImpl(a, b, max_distance);
}

size_t OsaDistance(std::u32string_view a, std::u32string_view b) {
  const size_t n = a.size(), m = b.size();
  if (n == 0 || m == 0) return std::max(n, m);
  // Three rows from one buffer reused per thread (no allocation per call).
  // Every entry is written before it is read: cur left to right, prev2 only
  // from the third row on, when it holds the row two back.
  thread_local std::vector<size_t> rows;
  if (rows.size() < 3 * (m + 1)) rows.resize(3 * (m + 1));
  size_t* prev2 = rows.data();
  size_t* prev = prev2 + (m + 1);
  size_t* cur = prev + (m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
    }
    size_t* const oldest = prev2;
    prev2 = prev;
    prev = cur;
    cur = oldest;
  }
  return prev[m];
}

double OsaRatio(std::u32string_view a, std::u32string_view b) {
  return EditRatio(OsaDistance(a, b), a.size(), b.size());
}

double LevenshteinRatio(std::u32string_view a, std::u32string_view b, double cutoff) {
  const size_t longer = std::max(a.size(), b.size());
  if (longer == 0) return 1.0;
  // ratio >= cutoff  <=>  d <= (1 - cutoff) * longer
  const double budget = (1.0 - cutoff) * static_cast<double>(longer) + 1e-9;
  if (budget < 0) return 0;
  const size_t max_d = static_cast<size_t>(budget);
  const size_t d = Levenshtein(a, b, max_d);
  if (d > max_d) return 0;
  const double r = EditRatio(d, a.size(), b.size());
  return r >= cutoff ? r : 0;
}

double Jaro(std::string_view a, std::string_view b, double cutoff) {
  return JaroImpl(a, b, cutoff);
}
double Jaro(std::u32string_view a, std::u32string_view b, double cutoff) {
  return JaroImpl(a, b, cutoff);
}

double JaroWinkler(std::string_view a, std::string_view b, double cutoff,
                   const JaroWinklerParams& params) {
  const size_t prefix = CommonPrefix(a, b, params.max_prefix);
  return WinklerBoost(prefix, cutoff, params, [&](double c) { return JaroImpl(a, b, c); });
}
double JaroWinkler(std::u32string_view a, std::u32string_view b, double cutoff,
                   const JaroWinklerParams& params) {
  const size_t prefix = CommonPrefix(a, b, params.max_prefix);
  return WinklerBoost(prefix, cutoff, params, [&](double c) { return JaroImpl(a, b, c); });
}

template <typename CharT>
CachedString<CharT>::CachedString(CachedString&& o) noexcept
    : s_(std::move(o.s_)), masks_(o.masks_) {
  if (s_.size() <= 64) o.masks_.Clear(View(s_));
  o.s_.clear();
}

template <typename CharT>
CachedString<CharT>& CachedString<CharT>::operator=(CachedString&& o) noexcept {
  if (this == &o) return *this;
  if (s_.size() <= 64) masks_.Clear(View(s_));
  s_ = std::move(o.s_);
  masks_ = o.masks_;
  if (s_.size() <= 64) o.masks_.Clear(View(s_));
  o.s_.clear();
  return *this;
}

template <typename CharT>
void CachedString<CharT>::Assign(View s) {
  if (s_.size() <= 64) masks_.Clear(View(s_));
  s_.assign(s.begin(), s.end());
  if (s_.size() <= 64) masks_.Set(View(s_));
}

template <typename CharT>
size_t CachedString<CharT>::Levenshtein(View other, size_t max_distance) const {
  const size_t m = s_.size();
  const size_t n = other.size();
  const size_t diff = m > n ? m - n : n - m;
  if (diff > max_distance) return max_distance + 1;
  if (m <= 64) return MyersDistance(masks_, m, other, max_distance);
  return LevenshteinImpl(View(s_), other, max_distance);
}

template <typename CharT>
double CachedString<CharT>::LevenshteinRatio(View other, double cutoff) const {
  const size_t longer = std::max(s_.size(), other.size());
  if (longer == 0) return 1.0;
  const double budget = (1.0 - cutoff) * static_cast<double>(longer) + 1e-9;
  if (budget < 0) return 0;
  const size_t max_d = static_cast<size_t>(budget);
  const size_t d = Levenshtein(other, max_d);
  if (d > max_d) return 0;
  const double r = 1.0 - static_cast<double>(d) / static_cast<double>(longer);
  return r >= cutoff ? r : 0;
}

template <typename CharT>
double CachedString<CharT>::Jaro(View other, double cutoff) const {
  return JaroPrepared(s_.size() <= 64 ? &masks_ : nullptr, View(s_), other, cutoff);
}

template <typename CharT>
double CachedString<CharT>::JaroWinkler(View other, double cutoff,
                                        const JaroWinklerParams& params) const {
  const size_t prefix = CommonPrefix(View(s_), other, params.max_prefix);
  return WinklerBoost(prefix, cutoff, params, [&](double c) { return Jaro(other, c); });
}

template class CachedString<char>;
template class CachedString<char32_t>;
template void PatternMasks::Assign<char>(std::string_view);
template void PatternMasks::Assign<char32_t>(std::u32string_view);
template void PatternMasks::Set<char>(std::string_view);
template void PatternMasks::Set<char32_t>(std::u32string_view);
template void PatternMasks::Clear<char>(std::string_view);
template void PatternMasks::Clear<char32_t>(std::u32string_view);

}  // namespace chokepoint::match
