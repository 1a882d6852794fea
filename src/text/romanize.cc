// Romanisation: one run of folded text in one script -> lower-case ASCII, in
// one of several systems (romanize_internal.h), and the public Romanize().
//
// Why several systems: sanctions lists and customer data romanise the same
// Cyrillic name differently (BGN/PCGN "Arkadiy", ICAO passports "Arkadii",
// scientific "Arkadij"), Chinese names appear with pinyin syllables joined
// ("Xi Jinping") or split ("Xi Jin Ping"), and Korean names in Revised
// Romanization ("Gim Jeongeun") or customary spellings ("Kim Jong Un").
// VariantKey() then removes most remaining differences.
//
// ICU supplies BGN/PCGN (Russian-Latin/BGN, Ukrainian-Latin/BGN), pinyin
// (Han-Latin) and Any-Latin for the other scripts. ICAO Doc 9303 and the
// scientific system are small tables here; Korean is romanised algorithmically
// (Hangul syllables decompose arithmetically, Unicode ch. 3.12).

#include <opencc/opencc.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>
#include <mutex>

#include "io/strings.h"
#include "text/analyze.h"
#include "text/romanize_internal.h"
#include "text/tables.h"

namespace chokepoint::text::internal {
namespace {

// ---------------------------------------------------------------------------
// ICU transliterators: one prototype per id, built once; one clone per
// thread (a Transliterator instance must not be used concurrently).
enum TranslitId {
  kTrAnyLatin,
  kTrRussianBgn,
  kTrUkrainianBgn,
  kTrHanLatin,
  kTrLatinAscii,
  kTrCount,
};

constexpr const char* kTranslitIds[kTrCount] = {
    "Any-Latin; Latin-ASCII",
    "Russian-Latin/BGN; Any-Latin; Latin-ASCII",
    "Ukrainian-Latin/BGN; Any-Latin; Latin-ASCII",
    "Han-Latin; Latin-ASCII",
    "Latin-ASCII",
};

std::mutex& CloneMutex() {
  static std::mutex mu;
  return mu;
}

const icu::Transliterator* Prototype(TranslitId id) {
  static const std::array<icu::Transliterator*, kTrCount>* protos = [] {
    auto* arr = new std::array<icu::Transliterator*, kTrCount>();
    for (int i = 0; i < kTrCount; ++i) {
      UErrorCode status = U_ZERO_ERROR;
      icu::Transliterator* t = icu::Transliterator::createInstance(
          icu::UnicodeString::fromUTF8(kTranslitIds[i]), UTRANS_FORWARD, status);
      (*arr)[i] = U_SUCCESS(status) ? t : nullptr;
    }
    return arr;
  }();
  return (*protos)[id];
}

std::string Transliterate(TranslitId id, std::string_view s) {
  thread_local std::array<std::unique_ptr<icu::Transliterator>, kTrCount> clones;
  if (!clones[id]) {
    const icu::Transliterator* proto = Prototype(id);
    if (proto == nullptr) return std::string(s);
    std::lock_guard<std::mutex> lock(CloneMutex());
    clones[id].reset(proto->clone());
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  clones[id]->transliterate(u);
  std::string out;
  u.toUTF8String(out);
  return out;
}

// ---------------------------------------------------------------------------
// Cyrillic: ICAO Doc 9303 (used in Russian passports since 2013 and in
// Ukrainian ones) and a scientific transliteration written with ASCII
// digraphs. Letters not listed fall back to ICU Any-Latin.
struct CyrMap {
  char32_t c;
  const char* icao;
  const char* sci;
};
constexpr CyrMap kCyrillic[] = {
    {U'а', "a", "a"},
    {U'б', "b", "b"},
    {U'в', "v", "v"},
    {U'г', "g", "g"},
    {U'д', "d", "d"},
    {U'е', "e", "e"},
    {U'ё', "e", "jo"},
    {U'ж', "zh", "zh"},
    {U'з', "z", "z"},
    {U'и', "i", "i"},
    {U'й', "i", "j"},
    {U'к', "k", "k"},
    {U'л', "l", "l"},
    {U'м', "m", "m"},
    {U'н', "n", "n"},
    {U'о', "o", "o"},
    {U'п', "p", "p"},
    {U'р', "r", "r"},
    {U'с', "s", "s"},
    {U'т', "t", "t"},
    {U'у', "u", "u"},
    {U'ф', "f", "f"},
    {U'х', "kh", "h"},
    {U'ц', "ts", "c"},
    {U'ч', "ch", "ch"},
    {U'ш', "sh", "sh"},
    {U'щ', "shch", "shch"},
    {U'ъ', "ie", ""},
    {U'ы', "y", "y"},
    {U'ь', "", ""},
    {U'э', "e", "e"},
    {U'ю', "iu", "ju"},
    {U'я', "ia", "ja"},
    // Ukrainian (ICAO = the Ukrainian national system's passport form).
    {U'і', "i", "i"},
    {U'ї', "i", "ji"},
    {U'є', "ie", "je"},
    {U'ґ', "g", "g"},
    // Belarusian, Serbian, Macedonian.
    {U'ў', "u", "w"},
    {U'ј', "j", "j"},
    {U'љ', "lj", "lj"},
    {U'њ', "nj", "nj"},
    {U'ћ', "c", "c"},
    {U'ђ', "dj", "dj"},
    {U'џ', "dz", "dz"},
    {U'ѓ', "gj", "gj"},
    {U'ќ', "kj", "kj"},
    {U'ѕ', "dz", "dz"},
};

const char* CyrLookup(char32_t c, bool icao) {
  for (const CyrMap& m : kCyrillic) {
    if (m.c == c) return icao ? m.icao : m.sci;
  }
  return nullptr;
}

bool HasUkrainianLetters(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    char32_t c = io::DecodeUtf8(s, pos);
    if (c == U'і' || c == U'ї' || c == U'є' || c == U'ґ') return true;
  }
  return false;
}

std::string CyrillicTable(std::string_view run, bool icao, bool ukrainian) {
  std::string out;
  size_t pos = 0;
  while (pos < run.size()) {
    char32_t c = io::DecodeUtf8(run, pos);
    // Ukrainian г is h in both systems (Ігор -> Ihor).
    if (ukrainian && c == U'г') {
      out += 'h';
      continue;
    }
    if (const char* m = CyrLookup(c, icao)) {
      out += m;
    } else {
      std::string one;
      io::AppendUtf8(one, c);
      out += Transliterate(kTrAnyLatin, one);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Hangul. A precomposed syllable S decomposes as
//   L = (S - 0xAC00) / 588, V = (S - 0xAC00) % 588 / 28, T = (S - 0xAC00) % 28.
constexpr const char* kRrInitial[19] = {"g",  "kk", "n", "d",  "tt", "r", "m", "b", "pp", "s",
                                        "ss", "",   "j", "jj", "ch", "k", "t", "p", "h"};
constexpr const char* kRrVowel[21] = {"a",  "ae", "ya", "yae", "eo", "e",  "yeo",
                                      "ye", "o",  "wa", "wae", "oe", "yo", "u",
                                      "wo", "we", "wi", "yu",  "eu", "ui", "i"};
constexpr const char* kRrFinal[28] = {"",  "k",  "k", "k", "n", "n", "n", "t", "l", "k",
                                      "m", "l",  "l", "l", "p", "l", "m", "p", "p", "t",
                                      "t", "ng", "t", "t", "k", "t", "p", "t"};
// Customary (as names are written in passports and the press): ㄱ k, ㅈ j,
// vowels as in Revised Romanization. McCune-Reischauer without its breves
// would write ㅓ and ㅗ both "o" and ㅡ and ㅜ both "u", so 김정은 and 김종은
// (different people) would read the same; "jeong" still scores close to a
// list's "Jong".
constexpr const char* kPopInitial[19] = {"k",  "kk", "n", "d",  "tt", "r", "m", "b", "pp", "s",
                                         "ss", "",   "j", "jj", "ch", "k", "t", "p", "h"};
constexpr const char* kPopVowel[21] = {"a",  "ae", "ya", "yae", "eo", "e",  "yeo",
                                       "ye", "o",  "wa", "wae", "oe", "yo", "u",
                                       "wo", "we", "wi", "yu",  "eu", "ui", "i"};

bool IsHangulSyllable(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

std::string HangulSyllable(char32_t c, bool popular) {
  int s = static_cast<int>(c) - 0xAC00;
  int l = s / 588, v = (s % 588) / 28, t = s % 28;
  std::string out = popular ? kPopInitial[l] : kRrInitial[l];
  out += popular ? kPopVowel[v] : kRrVowel[v];
  out += kRrFinal[t];
  return out;
}

std::string RomanizeHangul(std::string_view run, bool popular, bool person_like) {
  std::vector<std::string> syllables;  // one per code point (non-syllables via ICU)
  std::vector<std::string> raw;
  size_t pos = 0;
  while (pos < run.size()) {
    size_t start = pos;
    char32_t c = io::DecodeUtf8(run, pos);
    raw.emplace_back(run.substr(start, pos - start));
    syllables.push_back(IsHangulSyllable(c) ? HangulSyllable(c, popular)
                                            : Transliterate(kTrAnyLatin, raw.back()));
  }
  if (syllables.empty()) return "";
  bool split = person_like && syllables.size() >= 2 && syllables.size() <= 4;
  std::string out;
  if (split) {
    std::string_view sur = popular ? KoreanSurname(raw[0]) : std::string_view();
    out = sur.empty() ? syllables[0] : std::string(sur);
    out += ' ';
    for (size_t i = 1; i < syllables.size(); ++i) {
      out += syllables[i];
      if (popular && i + 1 < syllables.size()) out += ' ';  // Kim Jong Un
    }
  } else {
    for (const std::string& s : syllables) out += s;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Han: traditional -> simplified (OpenCC), then pinyin (ICU Han-Latin), one
// syllable per character.
std::vector<std::string> PinyinSyllables(std::string_view han) {
  std::string latin = CleanAscii(Transliterate(kTrHanLatin, ToSimplified(han)));
  std::vector<std::string> out;
  for (std::string_view p : io::Split(latin, " ")) {
    if (!p.empty()) out.emplace_back(p);
  }
  return out;
}

size_t FirstCodePointBytes(std::string_view s, size_t count) {
  size_t pos = 0;
  for (size_t i = 0; i < count && pos < s.size(); ++i) io::DecodeUtf8(s, pos);
  return pos;
}

size_t CodePointCount(std::string_view s) {
  size_t n = 0, pos = 0;
  while (pos < s.size()) {
    io::DecodeUtf8(s, pos);
    ++n;
  }
  return n;
}

std::string JoinSyllables(const std::vector<std::string>& syl, size_t from, size_t to, bool split) {
  std::string out;
  for (size_t i = from; i < to && i < syl.size(); ++i) {
    if (split && !out.empty()) out += ' ';
    out += syl[i];
  }
  return out;
}

std::string RomanizeHan(std::string_view run, System system, bool person_like) {
  std::string simplified = ToSimplified(run);
  if (system == System::kJapanese) {
    // Greedy: known Japanese names, else pinyin for what is left.
    std::string out;
    std::string_view rest = run;
    while (!rest.empty()) {
      size_t n = JapaneseNamePrefix(rest);
      if (n == 0) n = FirstCodePointBytes(rest, 1);
      std::string_view piece = rest.substr(0, n);
      std::string_view reading = JapaneseName(piece);
      if (!out.empty()) out += ' ';
      out += reading.empty() ? JoinSyllables(PinyinSyllables(piece), 0, 99, false)
                             : std::string(reading);
      rest.remove_prefix(n);
    }
    return out;
  }
  std::vector<std::string> syl = PinyinSyllables(simplified);
  bool split = system == System::kPinyinSplit;
  size_t chars = CodePointCount(simplified);
  if (person_like && !split && chars >= 2 && chars <= 4 && syl.size() == chars) {
    size_t sur =
        IsZhCompoundSurname(simplified.substr(0, FirstCodePointBytes(simplified, 2))) && chars >= 3
            ? 2
            : 1;
    return JoinSyllables(syl, 0, sur, false) + " " + JoinSyllables(syl, sur, syl.size(), false);
  }
  return JoinSyllables(syl, 0, syl.size(), split);
}

// ---------------------------------------------------------------------------
// Arabic: the usual English spelling of common name words, else a consonant
// skeleton with long vowels (the script does not write short vowels).
bool IsArabicVowelMark(char32_t c) { return (c >= 0x064B && c <= 0x065F) || c == 0x0670; }

std::string StripArabicVowels(std::string_view s) {
  std::string out;
  size_t pos = 0;
  while (pos < s.size()) {
    char32_t c = io::DecodeUtf8(s, pos);
    if (!IsArabicVowelMark(c)) io::AppendUtf8(out, c);
  }
  return out;
}

const char* ArabicLetter(char32_t c, bool first) {
  switch (c) {
    case U'ا':
    case U'أ':
    case U'آ':
    case U'ى':
    case U'ة':
      return "a";
    case U'إ':
      return "i";
    case U'ب':
      return "b";
    case U'ت':
      return "t";
    case U'ث':
      return "th";
    case U'ج':
      return "j";
    case U'ح':
      return "h";
    case U'خ':
      return "kh";
    case U'د':
      return "d";
    case U'ذ':
      return "dh";
    case U'ر':
      return "r";
    case U'ز':
      return "z";
    case U'س':
      return "s";
    case U'ش':
      return "sh";
    case U'ص':
      return "s";
    case U'ض':
      return "d";
    case U'ط':
      return "t";
    case U'ظ':
      return "z";
    case U'ع':
      return first ? "a" : "";
    case U'غ':
      return "gh";
    case U'ف':
      return "f";
    case U'ق':
      return "q";
    case U'ك':
    case U'ک':
      return "k";
    case U'ل':
      return "l";
    case U'م':
      return "m";
    case U'ن':
      return "n";
    case U'ه':
      return "h";
    case U'و':
      return first ? "w" : "u";
    case U'ي':
    case U'ی':
      return first ? "y" : "i";
    case U'ؤ':
      return "u";
    case U'ئ':
      return "i";
    case U'ء':
      return "";
    case U'پ':
      return "p";
    case U'چ':
      return "ch";
    case U'ژ':
      return "zh";
    case U'گ':
      return "g";
    default:
      return nullptr;
  }
}

std::string ArabicCommonWord(std::string_view word) {
  std::string_view known = ArabicWord(word);
  if (!known.empty()) return std::string(known);
  // The article al- is written joined: الرشيد -> al rashid.
  if (word.size() > 4 && word.substr(0, 4) == "ال") {
    return "al " + ArabicCommonWord(word.substr(4));
  }
  std::string out;
  size_t pos = 0;
  bool first = true;
  while (pos < word.size()) {
    char32_t c = io::DecodeUtf8(word, pos);
    if (IsArabicVowelMark(c)) continue;
    const char* m = ArabicLetter(c, first);
    if (m != nullptr) {
      out += m;
    } else {
      std::string one;
      io::AppendUtf8(one, c);
      out += Transliterate(kTrAnyLatin, one);
    }
    first = false;
  }
  return out;
}

}  // namespace

std::string ToSimplified(std::string_view han) {
  struct Converter {
    opencc_t handle = reinterpret_cast<opencc_t>(-1);
    std::mutex mu;
  };
  static Converter* conv = [] {
    auto* c = new Converter;
    c->handle = opencc_open("/usr/share/opencc/t2s.json");
    return c;
  }();
  if (conv->handle == reinterpret_cast<opencc_t>(-1) || han.empty()) return std::string(han);
  bool ascii = true;
  for (char ch : han) ascii &= static_cast<unsigned char>(ch) < 0x80;
  if (ascii) return std::string(han);
  std::lock_guard<std::mutex> lock(conv->mu);
  char* out = opencc_convert_utf8(conv->handle, han.data(), han.size());
  if (out == nullptr) return std::string(han);
  std::string result(out);
  opencc_convert_utf8_free(out);
  return result;
}

std::string CleanAscii(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += static_cast<char>(c);
    } else if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (c == '\'' || c == '`' || c == '"' || c >= 0x80) {
      // apostrophes, BGN's soft/hard sign marks, leftover non-ASCII: dropped
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string_view SystemName(System system) {
  switch (system) {
    case System::kLatin:
      return "latin";
    case System::kBgn:
      return "bgn";
    case System::kIcao:
      return "icao";
    case System::kScientific:
      return "scientific";
    case System::kPinyin:
      return "pinyin";
    case System::kPinyinSplit:
      return "pinyin_split";
    case System::kJapanese:
      return "japanese";
    case System::kRevised:
      return "revised";
    case System::kKoreanPopular:
      return "korean_popular";
    case System::kAnyLatin:
      return "any_latin";
    case System::kAnyLatinNoVowel:
      return "any_latin_novowel";
    case System::kArabicCommon:
      return "arabic_common";
  }
  return "latin";
}

std::vector<System> SystemsFor(Script script, std::string_view text) {
  switch (script) {
    case Script::kLatin:
    case Script::kUnknown:
      return {System::kLatin};
    case Script::kCyrillic:
      return {System::kBgn, System::kIcao, System::kScientific};
    case Script::kHan: {
      std::vector<System> s = {System::kPinyin, System::kPinyinSplit};
      if (JapaneseNamePrefix(text) > 0) s.push_back(System::kJapanese);
      return s;
    }
    case Script::kHangul:
      return {System::kKoreanPopular, System::kRevised};
    case Script::kArabic:
      return {System::kArabicCommon, System::kAnyLatin, System::kAnyLatinNoVowel};
    default:
      return {System::kAnyLatin};
  }
}

std::string RomanizeRun(std::string_view run, Script script, System system, bool person_like) {
  std::vector<System> allowed = SystemsFor(script, run);
  bool ok = false;
  for (System s : allowed) ok |= s == system;
  if (!ok) system = allowed.front();
  std::string out;
  switch (system) {
    case System::kLatin: {
      bool ascii = true;
      for (char ch : run) ascii &= static_cast<unsigned char>(ch) < 0x80;
      out = ascii ? std::string(run) : Transliterate(kTrLatinAscii, run);
      break;
    }
    case System::kBgn:
      out = Transliterate(HasUkrainianLetters(run) ? kTrUkrainianBgn : kTrRussianBgn, run);
      break;
    case System::kIcao:
    case System::kScientific:
      out = CyrillicTable(run, system == System::kIcao, HasUkrainianLetters(run));
      break;
    case System::kPinyin:
    case System::kPinyinSplit:
    case System::kJapanese:
      out = RomanizeHan(run, system, person_like);
      break;
    case System::kRevised:
    case System::kKoreanPopular:
      out = RomanizeHangul(run, system == System::kKoreanPopular, person_like);
      break;
    case System::kAnyLatin:
      out = Transliterate(kTrAnyLatin, run);
      break;
    case System::kAnyLatinNoVowel:
      out = Transliterate(kTrAnyLatin, StripArabicVowels(run));
      break;
    case System::kArabicCommon:
      out = ArabicCommonWord(run);
      break;
  }
  return CleanAscii(out);
}

std::vector<Run> SplitRuns(std::string_view folded) {
  std::vector<Run> runs;
  size_t pos = 0;
  bool word_start = true;
  size_t run_start = 0;
  Script run_script = Script::kUnknown;
  auto flush = [&](size_t end) {
    if (end > run_start) {
      runs.push_back({folded.substr(run_start, end - run_start), run_script, word_start});
      word_start = false;
    }
  };
  while (pos < folded.size()) {
    size_t at = pos;
    char32_t c = io::DecodeUtf8(folded, pos);
    if (c == U' ') {
      flush(at);
      run_start = pos;
      run_script = Script::kUnknown;
      word_start = true;
      continue;
    }
    Script s = ScriptOfCodePoint(c);
    if (s == Script::kUnknown) continue;  // digits, marks: stay in the run
    if (run_script == Script::kUnknown) {
      run_script = s;
    } else if (s != run_script) {
      bool cjk = (s == Script::kHan || s == Script::kKana) &&
                 (run_script == Script::kHan || run_script == Script::kKana);
      if (cjk) {
        run_script = Script::kKana;
      } else {
        flush(at);
        run_start = at;
        run_script = s;
      }
    }
  }
  flush(folded.size());
  return runs;
}

}  // namespace chokepoint::text::internal

namespace chokepoint::text {

std::vector<std::string> Romanize(std::string_view folded, Script /*script*/) {
  using internal::System;
  std::vector<internal::Run> runs = internal::SplitRuns(folded);
  // Per run, its systems; form i uses each run's i-th system (or its last).
  std::vector<std::vector<System>> systems;
  size_t forms = 1;
  for (const internal::Run& r : runs) {
    systems.push_back(internal::SystemsFor(r.script, r.text));
    forms = std::max(forms, systems.back().size());
  }
  forms = std::min<size_t>(forms, 4);
  std::vector<std::string> out;
  for (size_t i = 0; i < forms; ++i) {
    std::string text;
    for (size_t r = 0; r < runs.size(); ++r) {
      const std::vector<System>& sys = systems[r];
      System s = sys[std::min(i, sys.size() - 1)];
      std::string part = internal::RomanizeRun(runs[r].text, runs[r].script, s, true);
      if (part.empty()) continue;
      if (!text.empty() && (runs[r].word_start || runs[r].script == Script::kHan ||
                            runs[r].script == Script::kHangul)) {
        text += ' ';
      }
      text += part;
    }
    bool dup = false;
    for (const std::string& o : out) dup |= o == text;
    if (!dup) out.push_back(std::move(text));
  }
  if (out.empty()) out.emplace_back();
  return out;
}

}  // namespace chokepoint::text
