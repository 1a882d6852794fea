#include "text/name_field.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <vector>

#include "io/strings.h"
#include "text/analyze.h"

namespace chokepoint::text {

namespace {

// A marker, written in lower case (a space stands for any run of spaces),
// and whether the part after it is another party or a former name
// (NameFieldPart::other_party, former).
struct Marker {
  std::string_view text;
  bool other_party = false;
  bool contact = false;  // the other party is a person to attend to there
  bool former = false;
  // The marker may open the field (TO THE ORDER OF X, MESSRS X): what
  // follows is the party's own name. Other markers written as words need a
  // name before them (BareWord), but a contact's (ATTN X: the contact).
  bool opens = false;
};

// Longest first where one begins another ("a.k.a." before "a.k.a", "formerly
// known as" before "formerly").
constexpr Marker kMarkers[] = {
    // English and the lists' abbreviations.
    {.text = "formerly known as", .former = true},
    {.text = "previously known as", .former = true},
    {"also known as"},
    {"now known as"},
    {"doing business as"},
    {"trading as"},
    {"operating as"},
    {.text = "formerly", .former = true},
    {"a.k.a."},
    {.text = "f.k.a.", .former = true},
    {"n.k.a."},
    {"d.b.a."},
    {"a/k/a"},
    {.text = "f/k/a", .former = true},
    {"n/k/a"},
    {"d/b/a"},
    {"a.k.a"},
    {.text = "f.k.a", .former = true},
    {"n.k.a"},
    {"d.b.a"},
    {"alias"},
    {"aka"},
    {.text = "fka", .former = true},
    {"nka"},
    {"dba"},
    {"t/a"},
    // The party itself, as letters of credit and bills of lading write it:
    // "to the order of" a bank or a consignee, "Messrs." (M/S) a firm.
    {.text = "to the order of", .opens = true},
    {.text = "to order of", .opens = true},
    {.text = "messrs.", .opens = true},
    {.text = "messrs", .opens = true},
    {.text = "m/s", .opens = true},
    // A contact person at the party.
    {.text = "attention of", .other_party = true, .contact = true},
    {.text = "attn.", .other_party = true, .contact = true},
    {.text = "attn", .other_party = true, .contact = true},
    // Another party, the one the field's party is reached through.
    {.text = "for the account of", .other_party = true},
    {.text = "for the benefit of", .other_party = true},
    {.text = "for account of", .other_party = true},
    {.text = "on behalf of", .other_party = true},
    {.text = "care of", .other_party = true},
    {.text = "o/b/o", .other_party = true},
    {.text = "f/b/o", .other_party = true},
    {.text = "c/o", .other_party = true},
    // Russian: "he (she, it) is also", "formerly", "former".
    {"он же"},
    {"она же"},
    {"оно же"},
    {.text = "ранее", .former = true},
    {.text = "бывш.", .former = true},
    {.text = "бывшее", .former = true},
    {.text = "бывший", .former = true},
    // Chinese, in brackets as registers write them: former name, also
    // named, short name (公司（原名：...）).
    {.text = "（曾用名", .former = true},
    {.text = "(曾用名", .former = true},
    {.text = "（原名", .former = true},
    {.text = "(原名", .former = true},
    {"（又名"},
    {"(又名"},
    {"（简称"},
    {"(简称"},
    // Semicolons.
    {";"},
    {"；"}};

// The lower case of an ASCII or Cyrillic letter; other code points as they are.
char32_t Lower(char32_t c) {
  if (c >= U'A' && c <= U'Z') return c - U'A' + U'a';
  if (c >= 0x0410 && c <= 0x042F) return c + 0x20;  // А-Я
  if (c >= 0x0400 && c <= 0x040F) return c + 0x50;  // Ѐ-Џ (Ё)
  return c;
}

// A letter or digit of a word: ASCII, Cyrillic, or any other non-ASCII
// letter (every code point from U+00C0 that is no punctuation this file
// knows, nor U+FFFD, which stands for invalid UTF-8).
bool WordChar(char32_t c) {
  if (c < 0x80) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9');
  }
  return c >= 0xC0 && !(c >= 0x2000 && c <= 0x206F) && !(c >= 0x3000 && c <= 0x303F) &&
         !(c >= 0xFF00 && c <= 0xFF0F) && !(c >= 0xFF1A && c <= 0xFF20) && c < 0xFFF0;
}

// A letter or digit of the alphabets whose markers are words (Latin,
// Cyrillic): such a marker begins and ends a word. (Chinese writes no spaces:
// its markers begin with a bracket and end anywhere.)
bool Alphabetic(char32_t c) { return (c < 0x80 && WordChar(c)) || (c >= 0x0400 && c <= 0x04FF); }

bool Space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r'; }

// The code point before byte `at` of `s` (0 at the start).
char32_t Before(std::string_view s, size_t at) {
  size_t start = at;
  while (start > 0 && (static_cast<unsigned char>(s[start - 1]) & 0xC0) == 0x80) --start;
  if (start == 0) return 0;
  size_t pos = start - 1;
  return io::DecodeUtf8(s, pos);
}

// The length in bytes of `marker` at field[at...], in any case (a space in
// it any run of spaces), or 0 when it is not there. A marker that begins
// (ends) with a Latin or Cyrillic letter or digit begins (ends) a word: not
// after a letter, a digit, a stop or a slash (S.A., A/S). An identifier's
// label (`id_label`) may also follow a stop and be followed by a digit
// (INN7707083893.KPP770701001).
size_t MarkerAt(std::string_view field, size_t at, std::string_view marker, bool id_label = false) {
  // (Most positions differ in their first byte: an ASCII marker's, in
  // either case, or a non-ASCII marker's against an ASCII byte.)
  const unsigned char f = static_cast<unsigned char>(field[at]);
  const unsigned char m0 = static_cast<unsigned char>(marker[0]);
  if (m0 < 0x80 ? (m0 >= 'a' && m0 <= 'z' ? (f | 0x20) != m0 : f != m0) : f < 0x80) return 0;
  size_t i = at, k = 0;
  char32_t first = 0, last = 0;
  while (k < marker.size()) {
    const char32_t m = io::DecodeUtf8(marker, k);
    if (first == 0) first = m;
    last = m;
    if (m == U' ') {
      size_t j = i;
      if (j >= field.size() || !Space(io::DecodeUtf8(field, j))) return 0;
      while (i < field.size()) {
        j = i;
        if (!Space(io::DecodeUtf8(field, j))) break;
        i = j;
      }
      continue;
    }
    if (i >= field.size() || Lower(io::DecodeUtf8(field, i)) != m) return 0;
  }
  if (Alphabetic(first)) {
    const char32_t b = Before(field, at);
    if (WordChar(b) || (b == U'.' && !id_label) || b == U'/') return 0;
  }
  if (Alphabetic(last) && i < field.size()) {
    size_t j = i;
    const char32_t next = io::DecodeUtf8(field, j);
    if (WordChar(next) && !(id_label && next >= U'0' && next <= U'9')) return 0;
  }
  return i - at;
}

// Phrases in lower case (MarkerAt's), looked up by the byte they begin
// with in either case: at a position only those that may begin there are
// tried, in the order given (longest first where one begins another).
class PhraseIndex {
 public:
  explicit PhraseIndex(std::span<const std::string_view> phrases)
      : phrases_(phrases), second_(phrases.size(), 0) {
    for (size_t k = 0; k < phrases.size(); ++k) {
      // An ASCII second character other than a space (which matches any run
      // of spaces) must be the field's next byte, in either case.
      if (phrases[k].size() >= 2 && static_cast<unsigned char>(phrases[k][0]) < 0x80 &&
          static_cast<unsigned char>(phrases[k][1]) < 0x80 && phrases[k][1] != ' ') {
        second_[k] = static_cast<unsigned char>(phrases[k][1]);
      }
      const auto first = static_cast<unsigned char>(phrases[k][0]);
      if (first >= 'a' && first <= 'z') {
        buckets_[first].push_back(k);
        buckets_[first - 'a' + 'A'].push_back(k);
      } else if (first == 0xD0 || first == 0xD1) {
        // (A Cyrillic letter's case may change its first byte: р D1 80, Р D0 A0.)
        buckets_[0xD0].push_back(k);
        buckets_[0xD1].push_back(k);
      } else {
        buckets_[first].push_back(k);
      }
    }
  }
  // The first phrase at field[at...] (MarkerAt), or length 0.
  struct Match {
    size_t index = 0;
    size_t length = 0;
  };
  Match At(std::string_view field, size_t at, bool id_label = false) const {
    // (Most phrases of a bucket part from the field at their second byte:
    // that is compared before MarkerAt decodes anything.)
    const unsigned char next =
        at + 1 < field.size() ? static_cast<unsigned char>(field[at + 1]) : 0;
    for (size_t k : buckets_[static_cast<unsigned char>(field[at])]) {
      if (const unsigned char s = second_[k];
          s != 0 && (s >= 'a' && s <= 'z' ? (next | 0x20) : next) != s) {
        continue;
      }
      if (const size_t len = MarkerAt(field, at, phrases_[k], id_label); len > 0) return {k, len};
    }
    return {};
  }

 private:
  std::span<const std::string_view> phrases_;
  std::vector<unsigned char> second_;  // per phrase, 0: not compared
  std::array<std::vector<size_t>, 256> buckets_;
};

// The phrase index of a table of phrases, built on first use.
template <const auto& kTable>
const PhraseIndex& PhrasesOf() {
  static const PhraseIndex index(kTable);
  return index;
}

constexpr auto kMarkerTexts = [] {
  std::array<std::string_view, std::size(kMarkers)> texts{};
  for (size_t k = 0; k < texts.size(); ++k) texts[k] = kMarkers[k].text;
  return texts;
}();

constexpr auto& MarkerIndex = PhrasesOf<kMarkerTexts>;

// A marker written of letters alone (aka, alias, formerly, ранее) is also a
// word a name may hold: it joins two names only with one before it.
bool BareWord(std::string_view marker) {
  size_t k = 0;
  while (k < marker.size()) {
    const char32_t c = io::DecodeUtf8(marker, k);
    if (!WordChar(c) && c != U' ') return false;
  }
  return true;
}

// What is stripped from both ends of a part: spaces, commas, colons,
// semicolons, dashes and underscores, ASCII and full-width.
bool Trimmed(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U',' || c == U':' ||
         c == U'-' || c == U'_' || c == U';' || c == U'\uFF0C' || c == U'\uFF1A' ||
         c == U'\uFF1B' || c == U'\u3001';
}

// Brackets and quotes, each as its opening and closing character (the same
// for ASCII quotes).
struct Pair {
  char32_t open, close;
};
constexpr Pair kBrackets[] = {
    {U'(', U')'}, {U'[', U']'}, {U'\uFF08', U'\uFF09'}, {U'\u3010', U'\u3011'}};
constexpr Pair kQuotes[] = {{U'\'', U'\''},         {U'"', U'"'},           {U'`', U'`'},
                            {U'\u2018', U'\u2019'}, {U'\u201C', U'\u201D'}, {U'\u00AB', U'\u00BB'},
                            {U'\u300C', U'\u300D'}, {U'\u300E', U'\u300F'}};

// Strips the ends Trimmed names; a bracket or quote at an end that the
// split left without its partner (NEW NAME JSC ( / OLD NAME JSC)); and a
// pair of quotes around the whole part ('Johnny D'), but not the quotes of
// a name inside it (ООО «Ромашка»).
std::string CleanPart(std::string_view s) {
  // The code points and where each begins (a piece of `s` is returned, even
  // of invalid UTF-8).
  std::u32string t;
  std::vector<size_t> at;
  for (size_t pos = 0; pos < s.size();) {
    at.push_back(pos);
    t.push_back(io::DecodeUtf8(s, pos));
  }
  at.push_back(s.size());
  size_t b = 0, e = t.size();
  auto count = [&](char32_t c) { return std::count(t.begin() + b, t.begin() + e, c); };
  for (bool changed = true; changed && b < e;) {
    changed = false;
    while (b < e && Trimmed(t[b])) ++b, changed = true;
    while (b < e && Trimmed(t[e - 1])) --e, changed = true;
    if (b >= e) break;
    for (bool quote : {false, true}) {
      for (const Pair& p :
           quote ? std::span<const Pair>(kQuotes) : std::span<const Pair>(kBrackets)) {
        if (b >= e) break;
        const auto opened = count(p.open), closed = count(p.close);
        const bool same = p.open == p.close;
        if (quote && e - b >= 2 && t[b] == p.open && t[e - 1] == p.close &&
            (same ? opened == 2 : opened == 1 && closed == 1)) {
          ++b, --e, changed = true;  // around the whole part
        } else if (t[e - 1] == p.open && !same) {
          --e, changed = true;  // opened at the end: holds nothing
        } else if (t[b] == p.close && !same) {
          ++b, changed = true;
        } else if (t[e - 1] == p.close && (same ? opened % 2 == 1 : closed > opened)) {
          --e, changed = true;
        } else if (t[b] == p.open && (same ? opened % 2 == 1 : opened > closed)) {
          ++b, changed = true;
        }
      }
    }
  }
  return b < e ? std::string(s.substr(at[b], at[e] - at[b])) : std::string();
}

bool HasWord(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    if (WordChar(io::DecodeUtf8(s, pos))) return true;
  }
  return false;
}

}  // namespace

std::vector<NameFieldPart> SplitNameField(std::string_view field) {
  std::vector<NameFieldPart> parts;
  bool split = false;
  size_t start = 0;  // where the current part begins
  std::string_view marker_before;
  bool other_party = false, contact = false, former = false;  // of the marker before
  auto close = [&](size_t end) {
    std::string name = CleanPart(field.substr(start, end - start));
    if (HasWord(name)) {
      parts.push_back({.name = std::move(name),
                       .marker = std::string(marker_before),
                       .other_party = other_party,
                       .contact = contact,
                       .former = former});
    }
  };
  size_t i = 0;
  while (i < field.size() && parts.size() + 1 < kMaxNameFieldParts) {
    // Where a marker may begin (the bytes the markers begin with): a word's
    // first Latin or Cyrillic letter, a semicolon, an opening bracket, a
    // full-width character. Most positions are none of these.
    const unsigned char c = static_cast<unsigned char>(field[i]);
    const bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    const bool may_begin = letter || c == 0xD0 || c == 0xD1 ? i == 0 || !WordChar(Before(field, i))
                                                            : c == ';' || c == '(' || c == 0xEF;
    if (!may_begin) {
      ++i;
      while (i < field.size() && (static_cast<unsigned char>(field[i]) & 0xC0) == 0x80) ++i;
      continue;
    }
    const PhraseIndex::Match match = MarkerIndex().At(field, i);
    const size_t len = match.length;
    const Marker* marker = &kMarkers[match.index];
    // (A contact's marker may begin the field too, as an address line's
    // ATTN does: what follows is the contact.)
    if (len == 0 || (BareWord(marker->text) && !marker->opens && !marker->contact &&
                     !HasWord(field.substr(start, i - start)))) {
      io::DecodeUtf8(field, i);  // the next code point
      continue;
    }
    close(i);
    split = true;
    marker_before = field.substr(i, len);
    other_party = marker->other_party;
    contact = marker->contact;
    former = marker->former;
    start = i = i + len;
  }
  if (!split) return {};
  close(field.size());
  return parts;
}

namespace {

// The labels of identifiers, in lower case (a space stands for any run of
// spaces); longest first where one begins another.
constexpr std::string_view kIdLabels[] = {"unified social credit code",
                                          "统一社会信用代码",
                                          "社会信用代码",
                                          "信用代码",
                                          "registration number",
                                          "registration no",
                                          "reg. no",
                                          "reg no",
                                          "company number",
                                          "company no",
                                          "passport number",
                                          "passport no",
                                          "passport",
                                          "паспорт",
                                          "tax id no",
                                          "tax id",
                                          "tax number",
                                          "tax no",
                                          "vat number",
                                          "vat no",
                                          "vat",
                                          "tin",
                                          "national id",
                                          "id no",
                                          "imo number",
                                          "imo no",
                                          "imo",
                                          "account number",
                                          "account no",
                                          "account",
                                          "acct no",
                                          "acct",
                                          "acc no",
                                          "acc",
                                          "a/c no",
                                          "a/c",
                                          "iban",
                                          "счет",
                                          "счёт",
                                          "р/сч",
                                          "р/с",
                                          "inn/kpp",
                                          "инн/кпп",
                                          "ogrnip",
                                          "огрнип",
                                          "ogrn",
                                          "огрн",
                                          "inn",
                                          "инн",
                                          "kpp",
                                          "кпп",
                                          "okpo",
                                          "окпо",
                                          "edrpou",
                                          "єдрпоу",
                                          "едрпоу",
                                          "unp",
                                          "унп",
                                          "bin",
                                          "бин",
                                          "iin",
                                          "иин",
                                          "uscc",
                                          "lei"};

constexpr auto& IdLabelIndex = PhrasesOf<kIdLabels>;

// Identifier values hold at least this many digits (and are at most
// kMaxIdValue bytes): a word of a name never does.
constexpr int kMinIdDigits = 5;
constexpr size_t kMaxIdValue = 40;

// Between a label and its value: spaces, a colon (ASCII or full-width), a
// stop, a number sign or №, or the closing bracket of a label in brackets
// ("(INN)7707083893").
bool IdSeparator(char32_t c) {
  return Space(c) || c == U':' || c == U'\uFF1A' || c == U'.' || c == U'#' || c == U'\u2116' ||
         c == U')';
}

// The length of the identifier value at field[at...] (ASCII letters and
// digits, with '-' and '/' inside), or 0 when there is none: at least
// kMinIdDigits digits, and no letter or digit of any script right after it.
size_t IdValueAt(std::string_view field, size_t at) {
  size_t i = at, end = at;
  int digits = 0;
  while (i < field.size()) {
    const char c = field[i];
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '/')) {
      break;
    }
    ++i;
    if (c != '-' && c != '/') end = i;
  }
  if (digits < kMinIdDigits || end - at > kMaxIdValue) return 0;
  size_t j = end;
  if (j < field.size() && (field[j] == '-' || field[j] == '/')) return 0;
  if (j < field.size() && WordChar(io::DecodeUtf8(field, j))) return 0;
  return end - at;
}

// The length of an account number written alone at field[at...], at the
// start of a word: kMinAccountDigits to kMaxAccount digits and nothing else,
// or an IBAN (two capital letters, two digits, then 10 to 30 capital letters
// and digits, at least kMinIbanDigits digits in all); 0 when there is none.
// No name holds such a word.
constexpr size_t kMinAccountDigits = 12;
constexpr size_t kMaxAccount = 34;
constexpr int kMinIbanDigits = 10;
size_t BareAccountAt(std::string_view field, size_t at) {
  if (at > 0 && WordChar(Before(field, at))) return 0;
  auto digit = [&](size_t k) { return k < field.size() && field[k] >= '0' && field[k] <= '9'; };
  auto capital = [&](size_t k) { return k < field.size() && field[k] >= 'A' && field[k] <= 'Z'; };
  size_t end = at;
  if (digit(at)) {
    while (digit(end)) ++end;
    if (end - at < kMinAccountDigits || end - at > kMaxAccount) return 0;
  } else if (capital(at) && capital(at + 1) && digit(at + 2) && digit(at + 3)) {
    end = at + 4;
    int digits = 2;
    while (digit(end) || capital(end)) digits += digit(end++);
    if (end - at < 14 || end - at > kMaxAccount || digits < kMinIbanDigits) return 0;
  } else {
    return 0;
  }
  size_t j = end;
  if (j < field.size() && WordChar(io::DecodeUtf8(field, j))) return 0;
  return end - at;
}

// Whether `field` holds kMinIdDigits ASCII digits: most names hold none, and
// are returned at once.
bool MayHoldIdentifier(std::string_view field) {
  int digits = 0;
  for (char c : field) digits += c >= '0' && c <= '9';
  return digits >= kMinIdDigits;
}

// Removes the brackets a cut left empty ("X (INN 7718852163)": "X ( )").
void DropEmptyBrackets(std::string& s) {
  for (const Pair& p : kBrackets) {
    std::string open, close;
    io::AppendUtf8(open, p.open);
    io::AppendUtf8(close, p.close);
    for (size_t at = s.find(open); at != std::string::npos; at = s.find(open, at)) {
      size_t j = at + open.size();
      while (j < s.size() && s[j] == ' ') ++j;
      if (s.compare(j, close.size(), close) == 0) {
        s.erase(at, j + close.size() - at);
      } else {
        at += open.size();
      }
    }
  }
}

}  // namespace

std::vector<std::string> FieldIdentifier::Numbers() const {
  std::vector<std::string> out = {value};
  if (value.find('/') == std::string::npos) return out;
  for (std::string_view part : io::Split(value, "/")) {
    if (part.size() >= 5) out.emplace_back(part);
  }
  return out;
}

FieldWithoutIdentifiers CutIdentifiers(std::string_view field) {
  FieldWithoutIdentifiers out;
  if (!MayHoldIdentifier(field)) {
    out.name = std::string(field);
    return out;
  }
  // The pieces of the field between the identifiers.
  std::vector<std::string_view> pieces;
  size_t start = 0, i = 0;
  while (i < field.size()) {
    if (const size_t label = IdLabelIndex().At(field, i, /*id_label=*/true).length; label > 0) {
      size_t v = i + label;
      while (v < field.size()) {
        size_t j = v;
        if (!IdSeparator(io::DecodeUtf8(field, j))) break;
        v = j;
      }
      if (const size_t len = IdValueAt(field, v); len > 0) {
        out.identifiers.push_back(
            {std::string(field.substr(i, label)), std::string(field.substr(v, len))});
        pieces.push_back(field.substr(start, i - start));
        start = i = v + len;
        continue;
      }
    } else if (const size_t len = BareAccountAt(field, i); len > 0) {
      out.identifiers.push_back({"", std::string(field.substr(i, len))});
      pieces.push_back(field.substr(start, i - start));
      start = i = i + len;
      continue;
    }
    io::DecodeUtf8(field, i);  // the next code point
  }
  if (out.identifiers.empty()) {
    out.name = std::string(field);
    return out;
  }
  pieces.push_back(field.substr(start));
  // Each piece loses its spaces where an identifier was cut, and a piece
  // after one its leading commas too ("X, INN 7718852163, MOSCOW": "X,"
  // and "MOSCOW"); the ends of the whole are trimmed as a part's are.
  std::string name;
  for (size_t k = 0; k < pieces.size(); ++k) {
    std::string_view p = pieces[k];
    size_t b = 0, e = p.size();
    while (k > 0 && b < e && Trimmed(static_cast<unsigned char>(p[b]))) ++b;
    while (k + 1 < pieces.size() && e > b && Space(static_cast<unsigned char>(p[e - 1]))) --e;
    if (!HasWord(p.substr(b, e - b))) continue;  // punctuation between identifiers
    if (!name.empty()) name += ' ';
    name.append(p.substr(b, e - b));
  }
  DropEmptyBrackets(name);
  name = CleanPart(name);
  out.name = HasWord(name) ? std::move(name) : std::string(field);
  return out;
}

namespace {

// Words of a street address (whole words, in lower case; a space: any run
// of spaces): in a piece after a comma they mark the address. (Not the
// words a person's given names after "SURNAME," may be: Lane, Rue, Dom, an
// initial D.) Some say more (their `kinds`):
// - kOpens: no name holds them (none of the bundled lists' names has one as
//   a word), so without a comma before them they begin the address too:
//   Russian (ul., prospekt, per., pl., nab. and the other short forms, a
//   building's korp., etazh, pom.), Turkish (mah., cad., sok.), Indonesian
//   (jl.) and boulevards;
// - kThoroughfare: they name a thoroughfare, not a building, a block or a
//   zone, which organisations' names hold (MACHINE BUILDING PLANT, FREE
//   TRADE ZONE): in a field without a number, the name before such a
//   street's own name is an organisation's (NameEndBeforeStreet);
// - kBeforeName: they are written before the street's own name (Calle
//   Soledad, Via principal, ul. Lenina, P.O. Box 873); the others follow it
//   (Kirova St., Langare Street, Trabolsi Bldg).
enum StreetWordKind : unsigned { kOpens = 1, kThoroughfare = 2, kBeforeName = 4 };
struct StreetWord {
  std::string_view text;
  unsigned kinds;
};
constexpr StreetWord kStreetWords[] = {
    {"street", kThoroughfare},
    {"st.", kThoroughfare},
    {"str.", kOpens | kThoroughfare},
    {"strasse", kThoroughfare},
    {"straße", kThoroughfare},
    {"road", kThoroughfare},
    {"rd", kThoroughfare},
    {"rd.", kThoroughfare},
    {"avenue", kThoroughfare},
    {"ave", kThoroughfare},
    {"ave.", kThoroughfare},
    {"av.", kThoroughfare | kBeforeName},
    {"avenida", kOpens | kThoroughfare | kBeforeName},
    {"calle", kThoroughfare | kBeforeName},
    {"via", kThoroughfare | kBeforeName},
    {"boulevard", kThoroughfare},
    {"blvd", kOpens | kThoroughfare},
    {"blvd.", kOpens | kThoroughfare},
    {"blv.", kOpens | kThoroughfare | kBeforeName},
    {"bulvar", kOpens | kThoroughfare},
    {"highway", kThoroughfare},
    {"building", 0},
    {"bldg", 0},
    {"bldg.", 0},
    {"floor", 0},
    {"fl.", 0},
    {"room", 0},
    {"office", 0},
    {"ofis", 0},
    {"suite", 0},
    {"unit", 0},
    {"block", 0},
    {"blk", 0},
    {"tower", 0},
    {"district", 0},
    {"zone", 0},
    {"colonia", 0},
    {"guyok", 0},
    {"p.o. box", kOpens | kBeforeName},
    {"po box", kOpens | kBeforeName},
    {"p.o.box", kOpens | kBeforeName},
    {"p. o. box", kOpens | kBeforeName},
    {"ul.", kOpens | kBeforeName},
    {"ulitsa", kOpens | kThoroughfare | kBeforeName},
    {"ulica", kThoroughfare | kBeforeName},
    {"vul.", kBeforeName},
    {"vulytsya", 0},
    {"prospekt", kOpens | kThoroughfare | kBeforeName},
    {"pr-t", kOpens | kBeforeName},
    {"pr-kt", kOpens | kBeforeName},
    {"per.", kOpens | kBeforeName},
    {"pereulok", kOpens | kThoroughfare | kBeforeName},
    {"pl.", kOpens | kBeforeName},
    {"shosse", kOpens | kThoroughfare},
    {"nab.", kOpens | kBeforeName},
    {"naberezhnaya", 0},
    {"ploshchad", 0},
    {"village", 0},
    {"edificio", kBeforeName},
    {"proezd", kThoroughfare | kBeforeName},
    {"bul.", kOpens | kBeforeName},
    {"mah.", kOpens},
    {"mahallesi", kOpens},
    {"sok.", kOpens},
    {"sk.", 0},
    {"sokak", kOpens | kThoroughfare},
    {"cad.", kOpens},
    {"caddesi", kOpens | kThoroughfare},
    {"jl.", kOpens | kBeforeName},
    {"jalan", kOpens | kThoroughfare | kBeforeName},
    {"korp.", kOpens},
    {"korpus", 0},
    {"etazh", kOpens},
    {"pom.", kOpens},
    {"kom.", 0},
    {"mkr.", kOpens},
    {"улица", kOpens | kThoroughfare},
    {"ул.", kOpens},
    {"проспект", kOpens | kThoroughfare},
    {"пр-т", kOpens},
    {"пр-кт", kOpens},
    {"переулок", kOpens | kThoroughfare},
    {"пер.", 0},
    {"шоссе", kOpens | kThoroughfare},
    {"наб.", 0},
    {"набережная", 0},
    {"площадь", 0},
    {"корп.", kOpens},
    {"стр.", 0},
    {"этаж", kOpens},
    {"пом.", 0},
    {"комн.", 0},
    {"офис", 0},
    {"оф.", 0},
    {"мкр.", kOpens},
};

// The texts of the street words of a kind (all for 0), in the table's order,
// as a PhraseIndex reads them.
constexpr size_t NumStreetWords(unsigned kind) {
  size_t n = 0;
  for (const StreetWord& w : kStreetWords) n += kind == 0 || (w.kinds & kind) != 0;
  return n;
}
template <unsigned kKind>
constexpr auto StreetWordTexts() {
  std::array<std::string_view, NumStreetWords(kKind)> texts{};
  size_t n = 0;
  for (const StreetWord& w : kStreetWords) {
    if (kKind == 0 || (w.kinds & kKind) != 0) texts[n++] = w.text;
  }
  return texts;
}
constexpr auto kStreetWordTexts = StreetWordTexts<0>();
constexpr auto kStreetOpeners = StreetWordTexts<kOpens>();
constexpr auto kThoroughfareWords = StreetWordTexts<kThoroughfare>();
constexpr auto kStreetWordsBeforeName = StreetWordTexts<kBeforeName>();

// The words that say what a number written without commas is ("No. 5",
// "# 5", "d. 5", "Office No 1124", "Suite 10"): they open the address with
// it (NumberedAddressAt).
constexpr std::string_view kNumberMarks[] = {
    "no.",  "no",  "no:",    "nr.",      "nr",    "number", "#",     "№",
    "d.",   "д.",  "office", "ofis",     "room",  "rm",     "suite", "floor",
    "flat", "apt", "unit",   "building", "bldg.", "bldg",   "house"};

// The words a number after them names (MILITARY UNIT 74268, PLANT 9,
// DESIGN BUREAU 1): such a number is the name's, not an address's.
constexpr std::string_view kNumberedNameWords[] = {
    "unit",     "plant",   "factory",    "zavod",    "works",      "institute", "bureau",
    "regiment", "brigade", "battalion",  "division", "detachment", "squadron",  "arsenal",
    "shipyard", "base",    "department", "school",   "branch"};

constexpr auto& StreetWordIndex = PhrasesOf<kStreetWordTexts>;
constexpr auto& StreetOpenerIndex = PhrasesOf<kStreetOpeners>;
constexpr auto& NumberMarkIndex = PhrasesOf<kNumberMarks>;
constexpr auto& ThoroughfareWordIndex = PhrasesOf<kThoroughfareWords>;
constexpr auto& StreetWordBeforeNameIndex = PhrasesOf<kStreetWordsBeforeName>;
constexpr auto& NumberedNameWordIndex = PhrasesOf<kNumberedNameWords>;

// Whether a word is an ordinal written with digits (1st, 2nd, 702ND).
bool IsOrdinal(std::string_view w) {
  if (w.size() < 3 || w[0] < '0' || w[0] > '9') return false;
  const std::string end = io::ToLowerAscii(w.substr(w.size() - 2));
  return end == "st" || end == "nd" || end == "rd" || end == "th";
}

// Characters of a Chinese address (road, street, number, lane, floor, room).
constexpr std::string_view kHanAddressChars[] = {"路", "街", "号", "號", "弄",
                                                 "巷", "楼", "樓", "室"};

// How a piece of a field (between commas) reads: kStreet with a street word
// or a character of a Chinese address, kNumber with a digit (a house
// number, a postcode; also a birth year after a person's name, so it marks
// the address only with another piece after it), else kNone; `leading`
// when the piece begins with it (its first word a street word or holding a
// digit, or the piece Chinese), not after words that may be the name's
// (SMITH, John 12 Main Street: the given name).
enum class Piece { kNone, kNumber, kStreet };
struct PieceReading {
  Piece kind = Piece::kNone;
  bool leading = false;
};
PieceReading AddressPiece(std::string_view piece) {
  for (std::string_view h : kHanAddressChars) {
    if (piece.find(h) != std::string_view::npos) return {Piece::kStreet, true};
  }
  size_t first = 0;
  while (first < piece.size() && piece[first] == ' ') ++first;
  size_t first_end = first;
  while (first_end < piece.size() && piece[first_end] != ' ') ++first_end;
  const bool first_digit = io::HasDigit(piece.substr(first, first_end - first));
  // (Street words begin words: only word starts are tried.)
  bool word_start = true;
  for (size_t i = 0; i < piece.size();) {
    if (word_start && StreetWordIndex().At(piece, i).length > 0) {
      return {Piece::kStreet, i == first || first_digit};
    }
    word_start = !WordChar(io::DecodeUtf8(piece, i));
  }
  for (char c : piece) {
    if (c >= '0' && c <= '9') return {Piece::kNumber, first_digit};
  }
  return {};
}

// The words of a field, [begin, end) of each, as spaces part them.
using FieldWords = std::vector<std::pair<size_t, size_t>>;
FieldWords SpacedWords(std::string_view field) {
  FieldWords words;
  for (size_t i = 0; i < field.size();) {
    while (i < field.size() && field[i] == ' ') ++i;
    const size_t begin = i;
    while (i < field.size() && field[i] != ' ') ++i;
    if (i > begin) words.emplace_back(begin, i);
  }
  return words;
}

// Word k of a field.
std::string_view WordOf(std::string_view field, const FieldWords& words, size_t k) {
  return field.substr(words[k].first, words[k].second - words[k].first);
}

// Words from..to of a field, lower case, stops and commas dropped, as the
// phrase tables write legal forms ("" when one holds a letter outside
// ASCII).
std::string FoldedWords(std::string_view field, const FieldWords& words, size_t from, size_t to) {
  std::string f;
  for (size_t w = from; w <= to; ++w) {
    if (!f.empty()) f += ' ';
    for (size_t i = words[w].first; i < words[w].second; ++i) {
      const char c = field[i];
      if (static_cast<unsigned char>(c) >= 0x80) return std::string();
      if (c != '.' && c != ',') f += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return f;
}

// Whether words folded so (FoldedWords) are a legal form.
bool IsLegalForm(const std::string& folded) {
  return !folded.empty() && !LegalFormId(folded).empty();
}

// Whether a name goes on after this folded word, a connective (... REPUBLIC
// OF IRAN ..., ... ESTABLISHMENT FOR IMPORT ...).
bool NameGoesOnAfter(std::string_view folded) {
  static constexpr std::string_view kConnectives[] = {"for", "of", "and", "&",  "de", "del",
                                                      "da",  "do", "des", "du", "y",  "et"};
  return std::find(std::begin(kConnectives), std::end(kConnectives), folded) !=
         std::end(kConnectives);
}

// Whether words [from, to) can be the own name of the street or building
// whose street word follows them: one to three words, none a company word,
// a legal form or a connective, and no comma (MACHINE of RADUGA STATE
// MACHINE BUILDING DESIGN BUREAU is the name's; Fakhani of POLO TRADING
// Fakhani Building the building's).
bool StreetsOwnName(std::string_view field, const FieldWords& words, size_t from, size_t to) {
  constexpr size_t kMaxOwnNameWords = 3;
  if (from >= to || to - from > kMaxOwnNameWords) return false;
  for (size_t k = from; k < to; ++k) {
    if (WordOf(field, words, k).find(',') != std::string_view::npos) return false;
    const std::string w = FoldedWords(field, words, k, k);
    if (w.empty() || IsLegalForm(w) || !OrgWordCanon(w).empty() || NameGoesOnAfter(w)) return false;
  }
  return true;
}

// Where the name ends when its legal form or company word stands before
// street words and the address's number at word `open` (ELEVENTH OCEAN
// ADMINISTRATION GMBH Schottweg 5: after GMBH), or npos. Not the word just
// before the number (then the name ends there), nor a legal form the field
// begins with (JOINT STOCK COMPANY AGAT 1 ...: the name follows it). Latin
// words only. With `any_company_word`, any company word that is no street
// word and no city (JSC MOSCOW ...) ends it too when the words between it
// and the street word can be the street's own name (POLO TRADING Fakhani
// Building ...: after TRADING; not RADUGA STATE MACHINE BUILDING DESIGN
// BUREAU ...), else only "company".
size_t LegalFormEnd(std::string_view field, const FieldWords& words, size_t open,
                    bool any_company_word) {
  auto folded = [&](size_t from, size_t to) { return FoldedWords(field, words, from, to); };
  for (size_t j = open - 1; j-- > 1;) {
    // The longest legal form ending at word j, or its company word alone.
    size_t from = j + 1;
    for (size_t k = 0; k <= j && from > j; ++k) {
      if (IsLegalForm(folded(k, j))) from = k;
    }
    // (A legal form the table has only with its dots: S.A.L., S.A.C.)
    if (const std::string_view raw = WordOf(field, words, j);
        from > j && raw.find('.') != std::string_view::npos && IsLegalForm(Fold(raw))) {
      from = j;
    }
    if (const std::string w = folded(j, j); from > j && !w.empty()) {
      const std::string_view canon = OrgWordCanon(w);
      if (canon == "company" || (any_company_word && !canon.empty() && !IsCityName(w) &&
                                 StreetWordIndex().At(WordOf(field, words, j), 0).length == 0 &&
                                 StreetsOwnName(field, words, j + 1, open))) {
        from = j;
      }
    }
    if (from <= j) return from > 0 ? words[j].second : std::string_view::npos;
  }
  return std::string_view::npos;
}

// Whether a folded word ends with one of `ends` after at least two other
// characters.
bool EndsAfterAWord(std::string_view w, std::initializer_list<std::string_view> ends) {
  for (std::string_view end : ends) {
    if (w.size() > end.size() + 1 && w.ends_with(end)) return true;
  }
  return false;
}

// Whether a folded word is a Korean quarter, district or county, or a
// Japanese ward, as lists write them, joined by a hyphen (Kinmaul-dong,
// Moranbong-guyok, Minato-ku).
bool KoreanPlaceWord(std::string_view w) {
  return EndsAfterAWord(w, {"-dong", "-guyok", "-kuyok", "-gu", "-ku", "-kun", "-ri"});
}

// Whether a folded word is a Korean quarter or district as the lists write
// them, joined by a hyphen (Tongan-dong, Chung-guyok): KoreanPlaceWord's
// endings that are no syllable of a person's name.
bool KoreanQuarterWord(std::string_view w) {
  return EndsAfterAWord(w, {"-dong", "-guyok", "-kuyok"});
}

// Whether a folded word is a numbered Korean quarter (1-dong, 2-dong),
// written after the quarter's name (Chilgol 2-dong).
bool NumberedQuarterWord(std::string_view w) {
  constexpr std::string_view kEnd = "-dong";
  return w.ends_with(kEnd) && io::IsDigits(w.substr(0, w.size() - kEnd.size()));
}

// Whether word w of a field, folded so (FoldedWords), is a city of the city
// table, alone or with the word after it (Dubai, Hong Kong).
bool CityAt(std::string_view field, const FieldWords& words, size_t w, const std::string& folded) {
  return IsCityName(folded) ||
         (w + 1 < words.size() && IsCityName(FoldedWords(field, words, w, w + 1)));
}

// The first word after the legal form that ends a name when an address
// follows it that no other rule finds (AMIGO SUPERMARKET LIMITED 1023
// Adetokunbo Ademola Crescent Wuse II Abuja; KOREA ZUZAGBONG MARITIME LTD
// Kinmaul-dong Moranbong-guyok Pyongyang): the first legal form, the longest
// there, that follows a word of the name (not one the field begins with),
// with at least two words after it that read as an address and not as the
// name going on (below); npos when there is none, or when the field holds
// several names. A legal form of one or two letters, or ShA, counts only
// written with a dot (S.A., not SA, AG or AS, which may be words of a
// person's name, nor the pinyin SHA).
size_t LegalFormEndsName(std::string_view field, const FieldWords& words) {
  constexpr size_t kMaxLegalFormWords = 6;
  const size_t n = words.size();
  // The longest legal form of words k.. (up to `last`), as one past its last
  // word, or k when none begins there.
  auto legal_form_at = [&](size_t k, size_t last) {
    for (size_t j = std::min(last, k + kMaxLegalFormWords - 1) + 1; j-- > k;) {
      const std::string phrase = FoldedWords(field, words, k, j);
      if (!IsLegalForm(phrase)) continue;
      const size_t letters = phrase.size() - std::count(phrase.begin(), phrase.end(), ' ');
      const std::string_view raw = field.substr(words[k].first, words[j].second - words[k].first);
      if ((letters <= 2 || phrase == "sha") && raw.find('.') == std::string_view::npos) continue;
      return j + 1;
    }
    return k;
  };
  // The company words that name a part of the party after its legal form.
  static constexpr std::string_view kPartWords[] = {
      "branch", "academy", "research institute", "division", "department",
      "plant",  "factory", "design bureau"};
  if (n < 4) return std::string_view::npos;
  // The address must hold a number, a street word, a Korean quarter or
  // district (Kinmaul-dong, Moranbong-guyok) or a city (Dubai, Pyongyang):
  // not TECHNOLOGII KREDITOVANIYA LIMITED LIABILITY COMUANY. (Most names
  // hold none of these: looked for first, from the third word on.)
  size_t last_address_word = 0;
  for (size_t w = n; w-- > 2 && last_address_word == 0;) {
    const std::string_view word = WordOf(field, words, w);
    if (io::HasDigit(word) || StreetWordIndex().At(word, 0).length > 0) {
      last_address_word = w;
      continue;
    }
    const std::string folded = FoldedWords(field, words, w, w);
    if (KoreanPlaceWord(folded) || CityAt(field, words, w, folded)) last_address_word = w;
  }
  if (last_address_word == 0) return std::string_view::npos;
  const size_t lead = legal_form_at(0, n - 1);
  for (size_t k = lead + 1; k + 2 < n && k < last_address_word; ++k) {
    const size_t end = legal_form_at(k, n - 1);
    if (end == k) continue;
    if (end + 2 > n || end > last_address_word) return std::string_view::npos;
    // What follows is the name's own when it goes on with a stopword, a
    // bracket or quote, an ordinal or the words that say what a number is
    // (... CORPORATION (CASC) 8th Academy, ... GROUP CORPORATION No. 12
    // Research Institute), names a part of the party (... CO LTD SHENZHEN
    // BRANCH) or holds another legal form (the pinyin after ShA, CHANG SHA
    // YI KONG JIAN ... YOU XIAN GONG SI).
    const std::string after = FoldedWords(field, words, end, end);
    const std::string_view after_raw = WordOf(field, words, end);
    if (after.empty() || after[0] == '(' || after[0] == '"' || after[0] == '\'' ||
        IsOrdinal(after) || NumberMarkIndex().At(after_raw, 0).length == after_raw.size() ||
        NameGoesOnAfter(after)) {
      return std::string_view::npos;
    }
    for (size_t w = end; w < n; ++w) {
      const std::string folded = FoldedWords(field, words, w, w);
      if (std::find(std::begin(kPartWords), std::end(kPartWords), OrgWordCanon(folded)) !=
              std::end(kPartWords) ||
          legal_form_at(w, n - 1) != w) {
        return std::string_view::npos;
      }
    }
    // (Nor in a field of several names: ACME TRADING LLC AKA ACME GENERAL
    // TRADING.)
    if (!SplitNameField(field).empty()) return std::string_view::npos;
    return end;
  }
  return std::string_view::npos;
}

// Where an address written without commas begins (ACME TRADING LLC 12
// HARBOUR ROAD WAN CHAI HONG KONG): the word `open` of `words`, at the first
// word holding a digit that follows at least kNameWordsBefore words and is
// followed by at least kAddressWordsAfter more, when a street word stands
// before it or another number or a street word after it (a house number,
// then the street and the town: a number that ends a name, PLANT NO. 11, or
// stands in it, STOCK COMPANY 60 ARSENAL JOINT, is none); or at the words
// before it that say what it is (No., #, Office, Suite ...). A number the
// name gives itself (MILITARY UNIT 74268, ACME PLANT 9: after a word that
// a number names, or after such words that leave fewer than
// kNameWordsBefore of the name before them) stays in the name, and the
// address may begin after it (`after_name_number`). `open` is npos when
// there is none.
constexpr size_t kNameWordsBefore = 2;
constexpr size_t kAddressWordsAfter = 2;
struct NumberedAddress {
  size_t open = std::string_view::npos;
  bool after_name_number = false;
};
NumberedAddress NumberedAddressAt(std::string_view field, const FieldWords& words) {
  // (Most names hold no digit.)
  if (!io::HasDigit(field)) {
    return {};
  }
  auto word = [&](size_t k) { return WordOf(field, words, k); };
  // A number, not an ordinal (1st, 2nd, 5th: the 1st Academy, the 2nd
  // Department of a name).
  auto has_digit = [&](size_t k) { return io::HasDigit(word(k)) && !IsOrdinal(word(k)); };
  auto street = [&](size_t k) { return StreetWordIndex().At(word(k), 0).length > 0; };
  auto whole = [&](const PhraseIndex& index, size_t k) {
    return index.At(word(k), 0).length == word(k).size();
  };
  // Another number (a postcode) or a street word after word k.
  auto address_after = [&](size_t k) {
    for (size_t j = k + 1; j < words.size(); ++j) {
      if (has_digit(j) || street(j)) return true;
    }
    return false;
  };
  // A city (or a Korean quarter) after word k, when the words that say what
  // the number is stand before it (... GROUP Sh Varshavskoe D. 42 Moscow
  // Russia; ... Office No. 19 Verdun Beirut), with no stopword between
  // (DETENTION CENTER NO 1 IN SIMFEROPOL): a number without them may be
  // the name's, with its city after it (LLC GROUP 99 MOSCOW RUSSIA,
  // INMOBILIARIA ESTADO 29 S.A. DE C.V. TIJUANA MEXICO).
  auto city_after = [&](size_t k) {
    for (size_t j = k + 1; j < words.size(); ++j) {
      const std::string folded = FoldedWords(field, words, j, j);
      // (Not after a stopword: DETENTION CENTER NO 1 IN SIMFEROPOL.)
      if (IsStopword(folded)) return false;
      if (KoreanQuarterWord(folded) || CityAt(field, words, j, folded)) return true;
    }
    return false;
  };
  for (size_t k = kNameWordsBefore; k + kAddressWordsAfter < words.size(); ++k) {
    if (!has_digit(k)) continue;
    // The words that say what the number is open the address with it.
    size_t open = k;
    while (open > 0 && whole(NumberMarkIndex(), open - 1)) --open;
    if (open < kNameWordsBefore || whole(NumberedNameWordIndex(), open - 1)) {
      // Unless the street's own name and a thoroughfare word written after
      // it follow the bare number: a house number (PROLETARSKY ZAVOD 3
      // Dudko St., PLASTMASS PLANT 52 Pobedy Ave.).
      if (open == k && open >= kNameWordsBefore && k + 2 < words.size() &&
          whole(ThoroughfareWordIndex(), k + 2) && !whole(StreetWordBeforeNameIndex(), k + 2)) {
        return {k, false};
      }
      if (address_after(k)) return {k + 1, true};
      continue;
    }
    // Nor is a number after a legal form the field begins with: the name
    // goes on (JOINT STOCK COMPANY 163 ARMORED REPAIR PLANT).
    if (IsLegalForm(FoldedWords(field, words, 0, open - 1))) continue;
    // What stands around it reads as an address too. (A name may hold a
    // number: STOCK COMPANY 60 ARSENAL.)
    bool address = address_after(k) || (open < k && city_after(k));
    for (size_t j = kNameWordsBefore; j < open && !address; ++j) address = street(j);
    if (!address) return {};
    return {open, false};
  }
  return {};
}

// Whether a piece of a field begins with a legal form (its first words,
// up to four).
bool BeginsWithLegalForm(std::string_view piece) {
  const FieldWords words = SpacedWords(piece);
  for (size_t j = 0; j < std::min<size_t>(words.size(), 4); ++j) {
    if (IsLegalForm(FoldedWords(piece, words, 0, j))) return true;
  }
  return false;
}

// Whether a text holds more than one word (a surname alone is no name to
// screen).
bool SeveralWords(std::string_view text) { return CleanPart(text).find(' ') != std::string::npos; }

// The first street word of `index` in a field written without commas that
// follows at least kNameWordsBefore words of the name and a word of the
// street's own name, or npos.
size_t FirstStreetWord(std::string_view field, const FieldWords& words, const PhraseIndex& index) {
  for (size_t k = kNameWordsBefore + 1; k < words.size(); ++k) {
    if (index.At(WordOf(field, words, k), 0).length > 0) return k;
  }
  return std::string_view::npos;
}

// Where the name ends before the street word at word `street`: before the
// street's own name, taken as the one word before a street word that
// follows it (JSC ROSGEOLOGIA Khersonskaya st. 43/3), or right before a
// street word that precedes it (... Calle Soledad 113). Only an
// organisation's name, one with a legal form or a company word (a person's
// last word is as likely the surname as a street's name), of at least
// kNameWordsBefore words; else npos.
size_t NameEndBeforeStreet(std::string_view field, const FieldWords& words, size_t street) {
  const std::string_view w = WordOf(field, words, street);
  const bool before_name = StreetWordBeforeNameIndex().At(w, 0).length == w.size();
  if (street < kNameWordsBefore + (before_name ? 0 : 1)) return std::string_view::npos;
  const size_t name_words = before_name ? street : street - 1;
  for (size_t k = 0; k < name_words; ++k) {
    const std::string folded = FoldedWords(field, words, k, k);
    if (IsLegalForm(folded) || (!folded.empty() && !OrgWordCanon(folded).empty())) {
      return words[name_words - 1].second;
    }
  }
  return std::string_view::npos;
}

}  // namespace

NameAndAddress SplitAddress(std::string_view field) {
  // The first comma whose piece reads as an address, and the first street
  // word no name holds.
  size_t comma = std::string_view::npos, comma_resume = 0, first_comma = std::string_view::npos;
  size_t opener = std::string_view::npos;
  bool comma_settles = false;
  bool word_start = true;
  for (size_t i = 0; i < field.size() && opener == std::string_view::npos;) {
    const size_t here = i;
    const char32_t c = io::DecodeUtf8(field, i);
    const bool at_word_start = word_start;
    word_start = !WordChar(c);
    if (c == U',' || c == U'\uFF0C') {
      if (first_comma == std::string_view::npos) first_comma = here;
      if (comma != std::string_view::npos) continue;
      size_t end = i;
      while (end < field.size() && field[end] != ',' && field.compare(end, 3, "\uFF0C") != 0) {
        ++end;
      }
      // (A piece that begins with a legal form is the name's: ACME, S.A. DE
      // C.V. Pegaso 3261 Colonia La Calma.)
      const std::string_view text = field.substr(i, end - i);
      const PieceReading piece = AddressPiece(text);
      if ((piece.kind == Piece::kStreet || (piece.kind == Piece::kNumber && end < field.size())) &&
          !BeginsWithLegalForm(text)) {
        // (A piece the field's commas go on after is one of the address's
        // pieces, ACME LLC, Sh. Varshavskoe D. 26, Moscow; but not after one
        // word, which may be a surname: SMITH, John 12 Main Street, London.)
        comma = here, comma_resume = i;
        comma_settles =
            piece.leading || (end < field.size() && SeveralWords(field.substr(0, here)));
        if (comma_settles) break;
      }
    } else if (at_word_start && StreetOpenerIndex().At(field, here).length > 0) {
      opener = here;
    }
  }
  // The address begins after that comma when its piece begins with the
  // address or more pieces follow it, or at the street word no name holds
  // before it.
  size_t cut = std::string_view::npos, resume = 0;
  size_t short_end = std::string_view::npos;  // of a shorter name, "first"
  if (comma_settles && comma < opener) {
    cut = comma, resume = comma_resume;
  } else {
    // Else an address written without commas (in a field without any, after
    // a name that holds one: ACME, S.A. DE C.V. Pegaso 3261 Colonia La
    // Calma, or after a given name: SMITH, John 12 Main Street) begins at
    // that street word or at its number, whichever comes first; failing
    // both, after the comma whose piece holds a street word further in
    // (ACME LLC, Usovo Village, Odintsovo), unless one word stands before
    // it (SMITH, John Rosehall Main Road: a surname alone is no name).
    // (A field of three words or fewer holds no address these rules find
    // but at such a street word: the number rule needs five words, the legal
    // form before a street word four.)
    if (std::count(field.begin(), field.end(), ' ') < 3) {
      if (opener != std::string_view::npos) cut = resume = opener;
    } else {
      const FieldWords words = SpacedWords(field);
      const NumberedAddress numbered = NumberedAddressAt(field, words);
      size_t open = numbered.open;
      if (opener != std::string_view::npos) {
        size_t w = 0;
        while (w < words.size() && words[w].second <= opener) ++w;
        if (w < open) {
          open = w;
          cut = resume = opener;
        }
      }
      if (open != std::string_view::npos) {
        if (cut == std::string_view::npos) cut = resume = words[open].first;
        if (open >= kNameWordsBefore && !(open == numbered.open && numbered.after_name_number)) {
          short_end = LegalFormEnd(field, words, open, false);
          // Else, with a street word just before the number (or its marks),
          // the name before the street's own name (OOO VOLGA GROUP Begovaya
          // St. Dom 3: OOO VOLGA GROUP).
          for (size_t s = open; short_end == std::string_view::npos && s-- > open - 2;) {
            if (StreetWordIndex().At(WordOf(field, words, s), 0).length > 0) {
              short_end = NameEndBeforeStreet(field, words, s);
            }
          }
        }
      } else {
        // No number, no street word no name holds: the name ends at its legal
        // form or company word when a street word follows after the street's
        // name (TAMAS COMPANY Shahid Chamran Building North Kargar Street),
        // else before the own name of a thoroughfare (AEROSPACE INDUSTRIES
        // ORGANIZATION Langare Street Nobonyad Square; not of a building or a
        // zone, which organisations' names hold).
        size_t end = std::string_view::npos;
        // (Every thoroughfare word is a street word: without a street word
        // there is no thoroughfare either.)
        if (const size_t street = FirstStreetWord(field, words, StreetWordIndex());
            street != std::string_view::npos) {
          end = LegalFormEnd(field, words, street, false);
          // Failing that, at any company word before the own name of a
          // building or district that comes before the thoroughfare's (POLO
          // TRADING Fakhani Building Korniche Mazraa Street ...), when the
          // address goes on for two words after its street word (not QUDS
          // FORCE (IRGC-QF) UNIT 190); else before the thoroughfare's own
          // name, and only then at such a company word.
          const size_t road = end == std::string_view::npos
                                  ? FirstStreetWord(field, words, ThoroughfareWordIndex())
                                  : std::string_view::npos;
          const bool any_word = street + 2 < words.size();
          const bool building_first = road == std::string_view::npos || street + 1 < road;
          if (end == std::string_view::npos && any_word && building_first) {
            end = LegalFormEnd(field, words, street, true);
          }
          if (end == std::string_view::npos && road != std::string_view::npos) {
            end = NameEndBeforeStreet(field, words, road);
          }
          if (end == std::string_view::npos && any_word && !building_first) {
            end = LegalFormEnd(field, words, street, true);
          }
        }
        if (end != std::string_view::npos) cut = resume = end;
      }
      if (cut == std::string_view::npos) {
        if (const size_t next = LegalFormEndsName(field, words); next != std::string_view::npos) {
          cut = words[next - 1].second, resume = words[next].first;
        }
      }
      // Failing those, at a Korean quarter or district written with its
      // hyphen after two words of the name (AMROGGANG DEVELOPMENT BANK
      // Tongan-dong Pyongyang; KOREA SAMILPO SHIPPING CO Tonghung-dong
      // Chung-guyok), which no listed name holds there; a numbered quarter
      // with its name before it (KOREA MYONGDOK SHIPPING CO Chilgol 2-dong).
      if (cut == std::string_view::npos) {
        for (size_t w = kNameWordsBefore; w < words.size(); ++w) {
          // (Both are written with a hyphen; most words have none.)
          if (WordOf(field, words, w).find('-') == std::string_view::npos) continue;
          const std::string folded = FoldedWords(field, words, w, w);
          if (NumberedQuarterWord(folded) && w > kNameWordsBefore) {
            cut = resume = words[w - 1].first;
            break;
          }
          if (KoreanQuarterWord(folded)) {
            cut = resume = words[w].first;
            break;
          }
        }
      }
    }
    if (cut == std::string_view::npos && comma != std::string_view::npos &&
        SeveralWords(field.substr(0, comma))) {
      cut = comma, resume = comma_resume;
    }
  }
  if (cut == std::string_view::npos) return {};
  std::string name = CleanPart(field.substr(0, cut));
  std::string address = CleanPart(field.substr(resume));
  if (!HasWord(name) || !HasWord(address)) return {};
  // The name up to its legal form or before the street's name; or the text
  // before the first comma when the address begins after a second one,
  // unless that is one word (SMITH, John, 12 Main Street: a surname alone is
  // no name to screen).
  std::string first;
  if (short_end < cut) {
    first = CleanPart(field.substr(0, short_end));
  } else if (first_comma < cut) {
    if (SeveralWords(field.substr(0, first_comma))) first = CleanPart(field.substr(0, first_comma));
  }
  if (!HasWord(first) || first == name) first.clear();
  return {std::move(name), std::move(address), std::move(first)};
}

WordAndAddress WordBeforeAddress(std::string_view field) {
  const size_t comma = field.find(',');
  const size_t space = field.find(' ');
  size_t end = std::string_view::npos, rest = 0;
  if (comma != std::string_view::npos && field.find(',', comma + 1) != std::string_view::npos) {
    end = comma, rest = comma + 1;
  } else if (comma == std::string_view::npos && space != std::string_view::npos) {
    const size_t next_space = field.find(' ', space + 1);
    if (next_space != std::string_view::npos &&
        io::HasDigit(field.substr(space + 1, next_space - space - 1))) {
      end = space, rest = space + 1;
    }
  }
  if (end == std::string_view::npos) return {};
  const std::string_view word = io::Trim(field.substr(0, end));
  if (word.size() < 2 || word.find(' ') != std::string_view::npos) return {};
  return {std::string(word), std::string(io::Trim(field.substr(rest)))};
}

}  // namespace chokepoint::text
