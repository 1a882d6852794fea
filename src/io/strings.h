// Small string helpers used across the stages: trimming, splitting, ASCII case
// and UTF-8 validity. Unicode-aware normalisation lives in src/text.
//
// Thread safety: pure functions.

#ifndef CHOKEPOINT_IO_STRINGS_H_
#define CHOKEPOINT_IO_STRINGS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::io {

// Removes ASCII white space (and NBSP U+00A0) from both ends.
std::string_view Trim(std::string_view s);

// Splits on every occurrence of `sep` (which must be non-empty); keeps empty
// pieces.
std::vector<std::string_view> Split(std::string_view s, std::string_view sep);

// Splits on `sep`, trims each piece and drops empty ones.
std::vector<std::string> SplitTrimmed(std::string_view s, std::string_view sep);

// The 32-bit FNV-1a hash of the bytes of `s` (for cheap first tests of
// string equality: equal strings have equal hashes).
inline uint32_t Fnv1a32(std::string_view s) {
  uint32_t h = 2166136261u;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

// 64-bit FNV-1a: the standard offset basis; the state after one more byte;
// the hash of the bytes of `s` from the state `h`.
constexpr uint64_t kFnv1a64Basis = 14695981039346656037ull;
// The basis with its last digit left out, which the index keys and the
// transliteration cache were first hashed from; they keep it, so that
// their hashes stay as they were.
constexpr uint64_t kFnv1a64ShortBasis = 1469598103934665603ull;
constexpr uint64_t Fnv1a64Byte(uint64_t h, unsigned char c) { return (h ^ c) * 1099511628211ull; }
inline uint64_t Fnv1a64(std::string_view s, uint64_t h = kFnv1a64Basis) {
  for (char c : s) h = Fnv1a64Byte(h, static_cast<unsigned char>(c));
  return h;
}

std::string ToLowerAscii(std::string_view s);
std::string ToUpperAscii(std::string_view s);
bool EqualsIgnoreCaseAscii(std::string_view a, std::string_view b);
bool StartsWithIgnoreCaseAscii(std::string_view s, std::string_view prefix);

// Replaces runs of white space (ASCII, NBSP, and control characters) with one
// space and trims the ends.
std::string CollapseWhitespace(std::string_view s);

// Byte offset of the first invalid UTF-8 sequence, or npos when valid.
// Overlong forms, surrogates and code points above U+10FFFF are invalid.
size_t FindInvalidUtf8(std::string_view s);
inline bool IsValidUtf8(std::string_view s) { return FindInvalidUtf8(s) == std::string_view::npos; }

// Decodes one code point at `pos` and advances it. Invalid bytes decode as
// U+FFFD and advance by one byte.
char32_t DecodeUtf8(std::string_view s, size_t& pos);
// Decodes all of `s` into code points the same way (`out` is cleared first).
void DecodeUtf8To(std::string_view s, std::u32string& out);
std::u32string DecodeUtf8(std::string_view s);
// The number of code points DecodeUtf8 reads from `s`.
size_t CountCodePoints(std::string_view s);
void AppendUtf8(std::string& out, char32_t cp);

// Replaces every invalid sequence with U+FFFD.
std::string SanitizeUtf8(std::string_view s);

// True when `s` is all ASCII digits (and non-empty).
bool IsDigits(std::string_view s);
// True when `s` holds an ASCII digit.
bool HasDigit(std::string_view s);

// Joins with a separator.
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

}  // namespace chokepoint::io

#endif  // CHOKEPOINT_IO_STRINGS_H_
