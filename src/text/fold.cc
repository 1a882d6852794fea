// Fold(): the first step of the text pipeline (see analyze.h).
//
// ICU's NFKC_Casefold normaliser does NFKC, full case folding (ß -> ss) and
// removes default-ignorable code points (zero-width characters, bidi marks
// and isolates, soft hyphens). Then, code point by code point: diacritics are
// stripped from Latin, Cyrillic and Greek letters (by NFD decomposition,
// keeping the base), letters that do not decompose get a fixed ASCII-ish
// replacement (ł, ø, đ, æ ...), and punctuation becomes a space ("&" the
// word "and", or nothing inside AT&T). Marks on
// other scripts (Arabic vowels, Devanagari matras, Thai vowels) are kept:
// they are part of the spelling there and the romanisers use them.

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <string>

#include "io/strings.h"
#include "text/analyze.h"

namespace chokepoint::text {
namespace {

// Letters without a canonical decomposition, mapped as Latin-ASCII does.
const char* SpecialLatin(char32_t c) {
  switch (c) {
    case U'ł':
      return "l";
    case U'ø':
      return "o";
    case U'đ':
      return "d";
    case U'ħ':
      return "h";
    case U'ı':
      return "i";
    case U'æ':
      return "ae";
    case U'œ':
      return "oe";
    case U'þ':
      return "th";
    case U'ð':
      return "d";
    case U'ŀ':
      return "l";
    case U'ŧ':
      return "t";
    case U'ƒ':
      return "f";
    case U'ŋ':
      return "ng";
    case U'ſ':
      return "s";
    case U'ĸ':
      return "k";
    case U'ɨ':
      return "i";
    case U'ə':
      return "e";  // Azerbaijani schwa
    default:
      return nullptr;
  }
}

// The last letter of `s` takes a Hebrew geresh (ג ז צ ץ ת).
bool EndsWithGereshLetter(const std::string& s) {
  if (s.size() < 2) return false;
  const std::string_view tail = std::string_view(s).substr(s.size() - 2);
  return tail == "ג" || tail == "ז" || tail == "צ" || tail == "ץ" || tail == "ת";
}

bool IsApostrophe(char32_t c) {
  switch (c) {
    case U'\'':
    case U'`':
    case 0x00B4:  // acute accent
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x2032:  // prime
    case 0x02B9:  // modifier prime (Cyrillic soft sign in transliteration)
    case 0x02BA:
    case 0x02BB:
    case 0x02BC:
    case 0x02BE:  // ayin / hamza in transliterated Arabic
    case 0x02BF:
    case 0xFF07:
      return true;
    default:
      return false;
  }
}

// Whether diacritics on this letter are stripped.
bool StripsMarks(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(static_cast<UChar32>(c), &status);
  return sc == USCRIPT_LATIN || sc == USCRIPT_CYRILLIC || sc == USCRIPT_GREEK ||
         sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED;
}

bool IsLetterOrDigit(char32_t c) { return u_isalnum(static_cast<UChar32>(c)) != 0; }

// Whether Fold drops `c` without a trace: a control character other than
// white space, a format character, private use, a surrogate, an unassigned
// code point, the Arabic tatweel.
bool Invisible(UChar32 c) {
  const int8_t type = u_charType(c);
  return (type == U_CONTROL_CHAR && !u_isUWhiteSpace(c)) || type == U_FORMAT_CHAR ||
         type == U_PRIVATE_USE_CHAR || type == U_SURROGATE || type == U_UNASSIGNED || c == 0x0640;
}

// Removes the Invisible code points of `s`, in place. They go before
// normalising: one between a letter and its mark, or between two marks (ে,
// a NUL, া), would otherwise keep them from composing until a second Fold.
void DropInvisible(std::string& s) {
  size_t kept = 0, pos = 0;
  while (pos < s.size()) {
    const size_t at = pos;
    if (Invisible(static_cast<UChar32>(io::DecodeUtf8(s, pos)))) continue;
    if (kept != at) std::copy(s.begin() + at, s.begin() + pos, s.begin() + kept);
    kept += pos - at;
  }
  s.resize(kept);
}

// Fast path for printable ASCII, which most list names are.
// "&" is the word "and" (Hennes & Mauritz = Hennes and Mauritz), a word of
// its own; inside an acronym of short letter groups written without spaces
// (AT&T, H&M, S&P) it is dropped and the acronym stays one word ("att").
// `next_len`: letters and digits right after the "&".
void AppendAmpersand(std::string& out, size_t next_len) {
  const size_t space = out.rfind(' ');
  const size_t prev_len = out.size() - (space == std::string::npos ? 0 : space + 1);
  if (prev_len >= 1 && prev_len <= 2 && next_len >= 1 && next_len <= 2) return;
  if (!out.empty() && out.back() != ' ') out += ' ';
  out += "and ";
}

bool FoldAscii(std::string_view s, std::string& out) {
  out.clear();
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) return false;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c == '&') {
      size_t next = 0;
      while (i + 1 + next < s.size() && std::isalnum(static_cast<unsigned char>(s[i + 1 + next]))) {
        ++next;
      }
      AppendAmpersand(out, next);
    } else if (c == '\'' || c == '`') {
      bool joins = i > 0 && i + 1 < s.size() &&
                   std::isalnum(static_cast<unsigned char>(s[i - 1])) &&
                   std::isalnum(static_cast<unsigned char>(s[i + 1]));
      if (!joins && !out.empty() && out.back() != ' ') out += ' ';
    } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f') ||
               c == 0x7f) {
      // control character: dropped
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return true;
}

}  // namespace

Script ScriptOfCodePoint(char32_t cp) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode sc = uscript_getScript(static_cast<UChar32>(cp), &status);
  if (U_FAILURE(status)) return Script::kUnknown;
  switch (sc) {
    case USCRIPT_LATIN:
      return Script::kLatin;
    case USCRIPT_CYRILLIC:
      return Script::kCyrillic;
    case USCRIPT_GREEK:
      return Script::kGreek;
    case USCRIPT_ARMENIAN:
      return Script::kArmenian;
    case USCRIPT_GEORGIAN:
      return Script::kGeorgian;
    case USCRIPT_HEBREW:
      return Script::kHebrew;
    case USCRIPT_ARABIC:
      return Script::kArabic;
    case USCRIPT_HAN:
      return Script::kHan;
    case USCRIPT_HANGUL:
      return Script::kHangul;
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_KATAKANA_OR_HIRAGANA:
      return Script::kKana;
    case USCRIPT_THAI:
      return Script::kThai;
    case USCRIPT_DEVANAGARI:
      return Script::kDevanagari;
    case USCRIPT_BENGALI:
      return Script::kBengali;
    case USCRIPT_MYANMAR:
      return Script::kMyanmar;
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
    case USCRIPT_UNKNOWN:
      return Script::kUnknown;
    default:
      return Script::kOther;
  }
}

namespace {

// The Cyrillic letter a folded Latin letter is mistaken for when typed
// into a Cyrillic word (capitals A B C E H I K M O P T X Y and small a c e
// i o p x y look the same in both scripts), or 0.
char32_t CyrillicTwin(char c) {
  switch (c) {
    case 'a':
      return U'а';
    case 'b':
      return U'в';
    case 'c':
      return U'с';
    case 'e':
      return U'е';
    case 'h':
      return U'н';
    case 'i':
      return U'і';
    case 'k':
      return U'к';
    case 'm':
      return U'м';
    case 'o':
      return U'о';
    case 'p':
      return U'р';
    case 't':
      return U'т';
    case 'x':
      return U'х';
    case 'y':
      return U'у';
    default:
      return 0;
  }
}

// The folded Latin letter a Cyrillic letter is mistaken for (the inverse
// of CyrillicTwin), or 0.
char LatinTwin(char32_t c) {
  for (char l = 'a'; l <= 'z'; ++l) {
    if (CyrillicTwin(l) == c) return l;
  }
  return 0;
}

// A word written in Cyrillic with a few Latin look-alikes typed in
// ("Cергій", "БАСУРIН", "Фëдoрoвич"): the look-alikes become the Cyrillic
// letters, so that the word is romanised as one Cyrillic word. Only when
// every Latin letter of the word has a twin and Cyrillic letters outnumber
// them, or the name's letters that have no twin are mostly Cyrillic ("AО
// МЕХАНИЧЕСКИЙ ЗАВОД", its A Latin: АО). The other way round, a word of
// look-alikes in a name whose letters without a twin are mostly Latin
// becomes Latin ("OOО Romashka": OOO). The letters without a twin are the
// same before and after, so a second Fold changes nothing.
void MixedScriptHomoglyphs(std::string& s) {
  bool cyrillic = false, latin = false;
  for (unsigned char c : s) {
    cyrillic |= c == 0xD0 || c == 0xD1 || c == 0xD2 || c == 0xD3;
    latin |= c >= 'a' && c <= 'z';
  }
  if (!cyrillic || !latin) return;
  // The name's letters that have no twin in the other script.
  int own_cyr = 0, own_lat = 0;
  for (size_t pos = 0; pos < s.size();) {
    const char32_t c = io::DecodeUtf8(s, pos);
    if (c >= 0x0400 && c <= 0x04FF && LatinTwin(c) == 0) ++own_cyr;
    if (c >= 'a' && c <= 'z' && CyrillicTwin(static_cast<char>(c)) == 0) ++own_lat;
  }
  std::string out;
  out.reserve(s.size() + 8);
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(' ', start);
    if (end == std::string::npos) end = s.size();
    const std::string_view word(s.data() + start, end - start);
    int n_cyr = 0, n_lat = 0;
    bool twins = true, latin_twins = true;
    size_t pos = 0;
    while (pos < word.size()) {
      const char32_t c = io::DecodeUtf8(word, pos);
      if (c >= 0x0400 && c <= 0x04FF) {
        ++n_cyr;
        latin_twins &= LatinTwin(c) != 0;
      }
      if (c >= 'a' && c <= 'z') {
        ++n_lat;
        twins &= CyrillicTwin(static_cast<char>(c)) != 0;
      }
    }
    if (!out.empty()) out += ' ';
    const bool mixed = n_cyr > 0 && n_lat > 0;
    if (mixed && twins && (n_cyr > n_lat || own_cyr > own_lat)) {
      for (char c : word) {
        if (c >= 'a' && c <= 'z') {
          io::AppendUtf8(out, CyrillicTwin(c));
        } else {
          out += c;
        }
      }
    } else if (mixed && latin_twins && own_lat > own_cyr) {
      for (size_t p = 0; p < word.size();) {
        const size_t at = p;
        const char32_t c = io::DecodeUtf8(word, p);
        const char l = c >= 0x0400 && c <= 0x04FF ? LatinTwin(c) : 0;
        if (l != 0) {
          out += l;
        } else {
          out.append(word.substr(at, p - at));
        }
      }
    } else {
      out.append(word);
    }
    if (end == s.size()) break;
    start = end + 1;
  }
  s.swap(out);
}

}  // namespace

std::string Fold(std::string_view utf8) {
  std::string out;
  if (FoldAscii(utf8, out)) return out;

  std::string clean = io::SanitizeUtf8(utf8);
  DropInvisible(clean);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return out;
  icu::UnicodeString folded = nfkc_cf->normalize(icu::UnicodeString::fromUTF8(clean), status);
  if (U_FAILURE(status)) return out;

  out.clear();
  out.reserve(clean.size());
  bool prev_strips = true;  // whether marks after the previous letter are dropped
  const int32_t n = folded.length();
  auto space = [&out] {
    if (!out.empty() && out.back() != ' ') out += ' ';
  };
  icu::UnicodeString decomposition;
  for (int32_t i = 0; i < n;) {
    UChar32 c = folded.char32At(i);
    i += U16_LENGTH(c);
    int8_t type = u_charType(c);
    if (c == 0xFFFD) {
      space();
      continue;
    }
    if ((IsApostrophe(c) || c == 0x05F3) && EndsWithGereshLetter(out)) {
      // Hebrew geresh after ג ז צ ץ ת (ג׳ j, צ׳ ch): part of the letter.
      io::AppendUtf8(out, U'\u05F3');
      continue;
    }
    if (IsApostrophe(c)) {
      // Inside a word it joins (O'Brien -> obrien); elsewhere it separates.
      bool joins =
          !out.empty() && out.back() != ' ' && i < n && IsLetterOrDigit(folded.char32At(i));
      if (!joins) space();
      continue;
    }
    if (u_isUWhiteSpace(c)) {
      space();
      continue;
    }
    if (c == U'&') {
      size_t next = 0;
      for (int32_t j = i; j < n && IsLetterOrDigit(folded.char32At(j));
           j += U16_LENGTH(folded.char32At(j))) {
        ++next;
      }
      AppendAmpersand(out, next);
      continue;
    }
    // (NFKC writes a tatweel for some presentation forms: ﹱ is ـً.)
    if (Invisible(c)) continue;
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK ||
        type == U_COMBINING_SPACING_MARK) {
      // Only on a letter: a mark left after a separator ("ح﹠ؕ", the
      // ampersand now " and ") would be dropped by a second Fold.
      if (!prev_strips && !out.empty() && out.back() != ' ') {
        io::AppendUtf8(out, static_cast<char32_t>(c));
      }
      continue;
    }
    if (!IsLetterOrDigit(c)) {
      // Punctuation, symbols and the rest separate words. Modifier letters
      // (Lm) such as the Katakana prolonged sound mark are letters.
      if (type != U_MODIFIER_LETTER) {
        space();
        continue;
      }
    }
    if (const char* special = SpecialLatin(static_cast<char32_t>(c))) {
      out += special;
      prev_strips = true;
      continue;
    }
    prev_strips = StripsMarks(static_cast<char32_t>(c));
    // й and ї keep their marks: they are letters of their own in Russian
    // and Ukrainian (ё loses its diaeresis, as Russian writing often does).
    if (!prev_strips || c < 0x80 || c == U'й' || c == U'ї' || c == U'ў') {
      io::AppendUtf8(out, static_cast<char32_t>(c));
      continue;
    }
    if (nfd->getDecomposition(c, decomposition) && decomposition.length() > 0) {
      for (int32_t j = 0; j < decomposition.length();) {
        UChar32 d = decomposition.char32At(j);
        j += U16_LENGTH(d);
        int8_t dt = u_charType(d);
        if (dt == U_NON_SPACING_MARK || dt == U_ENCLOSING_MARK || dt == U_COMBINING_SPACING_MARK) {
          continue;
        }
        // ǿ decomposes to ø + acute: the base still needs its replacement.
        if (const char* special = SpecialLatin(static_cast<char32_t>(d))) {
          out += special;
        } else {
          io::AppendUtf8(out, static_cast<char32_t>(d));
        }
      }
    } else {
      io::AppendUtf8(out, static_cast<char32_t>(c));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  MixedScriptHomoglyphs(out);
  return out;
}

}  // namespace chokepoint::text
