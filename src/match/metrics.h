// String metrics for name matching: Levenshtein distance and Jaro /
// Jaro-Winkler similarity, fast enough to run millions of times per second.
//
// Both metrics are bit-parallel for a pattern of up to 64 characters:
//   - Levenshtein: Myers (1999) "A fast bit-vector algorithm for approximate
//     string matching based on dynamic programming", in the formulation of
//     Hyyrö (2002/2003) for edit distance between whole strings. Longer
//     patterns fall back to a banded two-row dynamic programme.
//   - Jaro: the match-window search done with bit masks, one text character
//     per step (the approach of rapidfuzz-cpp's jaro_similarity; written
//     anew). Longer patterns fall back to the textbook scan.
// Every function takes a cutoff and stops as soon as the result cannot reach
// it (cheap length bounds first), returning the "fails" value documented on
// the function.
//
// A "character" is a code unit of the string type: bytes for std::string_view
// (exact for ASCII keys), code points for std::u32string_view. Equality is
// exact; callers fold case and diacritics first.
//
// A Cached* object prepares one string (its pattern-match bit masks) and is
// compared against many others without allocating.
//
// Thread safety: free functions are pure; a Cached* object is immutable after
// construction and may be shared across threads.

#ifndef CHOKEPOINT_MATCH_METRICS_H_
#define CHOKEPOINT_MATCH_METRICS_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "io/strings.h"

namespace chokepoint::match {

inline constexpr size_t kNoLimit = std::numeric_limits<size_t>::max();

// Jaro-Winkler parameters. The common-prefix bonus (up to `max_prefix`
// characters, each worth `prefix_weight`) is applied only when the Jaro
// similarity exceeds `boost_threshold` (Winkler's 0.7; SimMetrics-style
// implementations such as OFAC's use 0, i.e. always).
struct JaroWinklerParams {
  double prefix_weight = 0.1;
  size_t max_prefix = 4;
  double boost_threshold = 0.7;
};

// For one pattern of code units: which positions hold each character.
// ASCII/bytes use a direct table; other code points a small open-addressing
// map (a pattern of <= 64 characters has at most 64 distinct ones).
class PatternMasks {
 public:
  PatternMasks() = default;
  // REQUIRES: s.size() <= 64.
  template <typename CharT>
  void Assign(std::basic_string_view<CharT> s);
  // Assign without clearing first. REQUIRES: s.size() <= 64, and every mask
  // is zero (a new PatternMasks, or one emptied by Clear).
  template <typename CharT>
  void Set(std::basic_string_view<CharT> s);
  // Zeroes every mask again, touching only what Set(s) filled. REQUIRES:
  // the masks hold exactly s (Set(s) or Assign(s)).
  template <typename CharT>
  void Clear(std::basic_string_view<CharT> s);

  uint64_t Get(char32_t c) const {
    if (c < 256) return ascii_[c];
    size_t i = Slot(c);
    return map_keys_[i] == c ? map_masks_[i] : 0;
  }

 private:
  size_t Slot(char32_t c) const {
    size_t i = (c * 2654435761u) & 127;
    while (map_masks_[i] != 0 && map_keys_[i] != c) i = (i + 1) & 127;
    return i;
  }
  std::array<uint64_t, 256> ascii_{};
  std::array<char32_t, 128> map_keys_{};
  std::array<uint64_t, 128> map_masks_{};
};

// Levenshtein distance (unit costs). Returns max_distance + 1 when the
// distance exceeds `max_distance`.
size_t Levenshtein(std::string_view a, std::string_view b, size_t max_distance = kNoLimit);
size_t Levenshtein(std::u32string_view a, std::u32string_view b, size_t max_distance = kNoLimit);

// 1 - distance / max(len): 1.0 for equal strings (also both empty). Returns 0
// when below `cutoff`.
double LevenshteinRatio(std::u32string_view a, std::u32string_view b, double cutoff = 0);

// The optimal-string-alignment distance: insertions, deletions,
// replacements and swaps of neighbouring letters, no substring edited twice.
size_t OsaDistance(std::u32string_view a, std::u32string_view b);

// 1 - d / max(len), with d the OsaDistance: 1.0 for equal strings (also
// both empty).
double OsaRatio(std::u32string_view a, std::u32string_view b);

// 1 - distance / max(len_a, len_b), 1.0 when both lengths are 0: the ratio
// of an edit distance already computed (OsaRatio, LevenshteinRatio).
inline double EditRatio(size_t distance, size_t len_a, size_t len_b) {
  const size_t longer = len_a > len_b ? len_a : len_b;
  if (longer == 0) return 1.0;
  return 1.0 - static_cast<double>(distance) / static_cast<double>(longer);
}

// Jaro similarity in [0, 1] (1 for two empty strings, 0 when exactly one is
// empty). Returns 0 when below `cutoff`.
double Jaro(std::string_view a, std::string_view b, double cutoff = 0);
double Jaro(std::u32string_view a, std::u32string_view b, double cutoff = 0);

// Jaro-Winkler similarity in [0, 1]. Returns 0 when below `cutoff`.
double JaroWinkler(std::string_view a, std::string_view b, double cutoff = 0,
                   const JaroWinklerParams& params = {});
double JaroWinkler(std::u32string_view a, std::u32string_view b, double cutoff = 0,
                   const JaroWinklerParams& params = {});

// One string prepared for comparison against many (rapidfuzz's Cached*
// scorers). The prepared string is copied.
template <typename CharT>
class CachedString {
 public:
  using View = std::basic_string_view<CharT>;
  CachedString() = default;
  explicit CachedString(View s) { Assign(s); }
  // Copies keep the masks; a moved-from string is left empty (with its
  // masks cleared), as Assign needs.
  CachedString(const CachedString&) = default;
  CachedString& operator=(const CachedString&) = default;
  CachedString(CachedString&& o) noexcept;
  CachedString& operator=(CachedString&& o) noexcept;
  // Clears only the masks of the previous string (not the whole 3.5 KB
  // tables), so that reusing a CachedString costs about its length.
  void Assign(View s);

  View str() const { return View(s_); }
  size_t size() const { return s_.size(); }

  // As the free functions above, with this string as the first argument.
  size_t Levenshtein(View other, size_t max_distance = kNoLimit) const;
  double LevenshteinRatio(View other, double cutoff = 0) const;
  double Jaro(View other, double cutoff = 0) const;
  double JaroWinkler(View other, double cutoff = 0, const JaroWinklerParams& params = {}) const;

 private:
  std::basic_string<CharT> s_;
  PatternMasks masks_;  // holds s_ when s_.size() <= 64, else all zero
};

using CachedAscii = CachedString<char>;
using CachedCodePoints = CachedString<char32_t>;

// Whole-string UTF-8 decoding (io/strings.h).
using io::DecodeUtf8;
using io::DecodeUtf8To;

}  // namespace chokepoint::match

#endif  // CHOKEPOINT_MATCH_METRICS_H_
