#include "text/name_field.h"

#include <algorithm>
#include <array>
#include <cstddef>

namespace chokepoint::text {

namespace {

// Longest first where one begins another ("a.k.a." before "a.k.a", "formerly
// known as" before "formerly").
constexpr std::array<std::string_view, 36> kMarkers = {
    "formerly known as",
    "previously known as",
    "also known as",
    "now known as",
    "doing business as",
    "for the account of",
    "for the benefit of",
    "for account of",
    "on behalf of",
    "trading as",
    "operating as",
    "care of",
    "formerly",
    "a.k.a.",
    "f.k.a.",
    "n.k.a.",
    "d.b.a.",
    "a/k/a",
    "f/k/a",
    "n/k/a",
    "d/b/a",
    "o/b/o",
    "f/b/o",
    "a.k.a",
    "f.k.a",
    "n.k.a",
    "d.b.a",
    "alias",
    "aka",
    "fka",
    "nka",
    "dba",
    "t/a",
    "c/o",
    ";",
    "；",
};

bool AsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// A byte of a word: an ASCII letter or digit, or any byte of a non-ASCII
// character (the letters of other scripts).
bool WordByte(char c) { return AsciiAlnum(c) || static_cast<unsigned char>(c) >= 0x80; }

bool Space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// A marker written of letters alone (aka, alias, formerly) is also a word a
// name may hold: it joins two names only with one before it.
bool BareWord(std::string_view marker) {
  return std::all_of(marker.begin(), marker.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || c == ' '; });
}

// The length of `marker` at field[at...] (its spaces any run of spaces),
// or 0 when it is not there as a whole word.
size_t MarkerAt(std::string_view field, size_t at, std::string_view marker) {
  size_t i = at;
  for (size_t k = 0; k < marker.size(); ++k) {
    if (marker[k] == ' ') {
      if (i >= field.size() || !Space(field[i])) return 0;
      while (i < field.size() && Space(field[i])) ++i;
    } else {
      if (i >= field.size() || Lower(field[i]) != marker[k]) return 0;
      ++i;
    }
  }
  // A marker of letters ends its word; one ending in a stop or a slash ends
  // where it ends (A.K.A.'X').
  if (AsciiAlnum(marker.back()) && i < field.size() && WordByte(field[i])) return 0;
  return i - at;
}

bool Trimmed(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':' || c == '-' ||
         c == '\'' || c == '"' || c == '`' || c == '_';
}

// Strips spaces, quotes, commas and dashes from both ends, typographic quotes
// («», ‘’, “”) and brackets left open or closed by the split.
std::string CleanPart(std::string_view s) {
  static constexpr std::string_view kQuotes[] = {"\u2018", "\u2019", "\u201C",
                                                 "\u201D", "\u00AB", "\u00BB"};
  for (bool changed = true; changed && !s.empty();) {
    changed = false;
    while (!s.empty() && Trimmed(static_cast<unsigned char>(s.front()))) {
      s.remove_prefix(1);
      changed = true;
    }
    while (!s.empty() && Trimmed(static_cast<unsigned char>(s.back()))) {
      s.remove_suffix(1);
      changed = true;
    }
    for (std::string_view q : kQuotes) {
      if (s.starts_with(q)) {
        s.remove_prefix(q.size());
        changed = true;
      }
      if (s.ends_with(q)) {
        s.remove_suffix(q.size());
        changed = true;
      }
    }
    if (s.empty()) break;
    const auto opened = std::count(s.begin(), s.end(), '(') + std::count(s.begin(), s.end(), '[');
    const auto closed = std::count(s.begin(), s.end(), ')') + std::count(s.begin(), s.end(), ']');
    if ((s.front() == '(' || s.front() == '[') && opened > closed) {
      s.remove_prefix(1);
      changed = true;
    } else if ((s.back() == ')' || s.back() == ']') && closed > opened) {
      s.remove_suffix(1);
      changed = true;
    } else if ((s.back() == '(' || s.back() == '[') || (s.front() == ')' || s.front() == ']')) {
      // (A bracket opened at the end or closed at the start holds nothing.)
      if (s.back() == '(' || s.back() == '[') s.remove_suffix(1);
      if (!s.empty() && (s.front() == ')' || s.front() == ']')) s.remove_prefix(1);
      changed = true;
    }
  }
  return std::string(s);
}

bool HasWord(std::string_view s) { return std::any_of(s.begin(), s.end(), WordByte); }

}  // namespace

std::vector<NameFieldPart> SplitNameField(std::string_view field) {
  std::vector<NameFieldPart> parts;
  bool split = false;
  size_t start = 0;  // where the current part begins
  std::string_view marker_before;
  auto close = [&](size_t end) {
    std::string name = CleanPart(field.substr(start, end - start));
    if (HasWord(name)) parts.push_back({std::move(name), std::string(marker_before)});
  };
  for (size_t i = 0; i < field.size(); ++i) {
    // A marker begins a word: not after a letter, a digit, a stop or a
    // slash (S.A., A/S); the semicolons anywhere.
    if (field[i] != ';' && field[i] != '\xEF' && i > 0 &&
        (WordByte(field[i - 1]) || field[i - 1] == '.' || field[i - 1] == '/')) {
      continue;
    }
    for (std::string_view m : kMarkers) {
      const size_t len = MarkerAt(field, i, m);
      if (len == 0) continue;
      if (BareWord(m) && !HasWord(field.substr(start, i - start))) break;
      close(i);
      split = true;
      marker_before = field.substr(i, len);
      start = i + len;
      i = start - 1;
      break;
    }
  }
  if (!split) return {};
  close(field.size());
  return parts;
}

}  // namespace chokepoint::text
