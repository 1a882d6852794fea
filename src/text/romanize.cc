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

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "io/strings.h"
#include "text/analyze.h"
#include "text/recent_results.h"
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

std::string TransliterateUncached(TranslitId id, std::string_view s);

std::string Transliterate(TranslitId id, std::string_view s) {
  thread_local RecentResults<1024> recent;
  if (const std::string* hit = recent.Find(id, s)) return *hit;
  std::string out = TransliterateUncached(id, s);
  recent.Put(id, s, out);
  return out;
}

std::string TransliterateUncached(TranslitId id, std::string_view s) {
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

// One code point a script table does not cover, through ICU Any-Latin.
std::string AnyLatinChar(char32_t c) {
  std::string one;
  io::AppendUtf8(one, c);
  return Transliterate(kTrAnyLatin, one);
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

// Whether `s` holds one of `letters`.
bool HasAnyOf(std::string_view s, std::u32string_view letters) {
  size_t pos = 0;
  while (pos < s.size()) {
    if (letters.find(io::DecodeUtf8(s, pos)) != std::u32string_view::npos) return true;
  }
  return false;
}
// Letters of Ukrainian that Russian lacks.
constexpr std::u32string_view kUkrainianLetters = U"іїєґ";
// Letters only Serbian and Macedonian Cyrillic have.
constexpr std::u32string_view kSouthSlavicLetters = U"јљњћђџѓќѕ";

// The scientific transliteration of Serbian and Macedonian writes ш ж ч х
// as š ž č h, which the lists write without their marks (Вучић VUCIC,
// Тешић TESIC, Жељка ZELJKA): `south_slavic` gives those (the caller sets
// it for the scientific form only).
std::string CyrillicTable(std::string_view run, bool icao, bool ukrainian,
                          bool south_slavic = false) {
  std::string out;
  size_t pos = 0;
  while (pos < run.size()) {
    char32_t c = io::DecodeUtf8(run, pos);
    // Ukrainian г is h in both systems (Ігор -> Ihor).
    if (ukrainian && c == U'г') {
      out += 'h';
      continue;
    }
    if (south_slavic) {
      const char* gaj = c == U'ш' ? "s" : c == U'ж' ? "z" : c == U'ч' ? "c" : nullptr;
      if (gaj != nullptr) {
        out += gaj;
        continue;
      }
    }
    if (const char* m = CyrLookup(c, icao)) {
      out += m;
    } else {
      out += AnyLatinChar(c);
    }
  }
  return out;
}

// Japanese names written in Cyrillic (Polivanov's system, the usual one in
// Russian: し си, ち ти, じ дзи, つ цу, しゃ ся, ちゅ тю, ん н) read back as
// Hepburn, the spelling of the same names in Latin script (Итиро -> ichiro,
// Ёсимицу -> yoshimitsu). Only a word made entirely of Japanese syllables
// (consonant + vowel, a moraic н, a doubled consonant, й closing a
// diphthong) gets this reading; "" otherwise. Fold has turned ё into е, so
// an е at the start of the word or after a vowel is read yo (Polivanov
// writes e as э there: Тоёхи, Миёси).
bool IsCyrVowel(char32_t c) {
  return c == U'а' || c == U'и' || c == U'у' || c == U'э' || c == U'о' || c == U'е' || c == U'я' ||
         c == U'ю';
}

std::string PolivanovToHepburn(std::string_view run) {
  const std::u32string w = io::DecodeUtf8(run);
  std::string out;
  size_t i = 0;
  bool distinct = false;  // a syllable whose Hepburn spelling differs from BGN's
  auto vowel = [](char32_t c) -> const char* {
    switch (c) {
      case U'а':
        return "a";
      case U'и':
        return "i";
      case U'у':
        return "u";
      case U'э':
      case U'е':
        return "e";
      case U'о':
        return "o";
      case U'я':
        return "ya";
      case U'ю':
        return "yu";
      default:
        return nullptr;
    }
  };
  while (i < w.size()) {
    const char32_t c = w[i];
    if (IsCyrVowel(c)) {
      if (c == U'е' && (i == 0 || IsCyrVowel(w[i - 1]))) {
        out += "yo";
        distinct = true;
      } else {
        out += vowel(c);
      }
      ++i;
      continue;
    }
    if (c == U'й') {  // the i of a diphthong (ай, эй, ой, уй)
      if (i == 0 || !IsCyrVowel(w[i - 1])) return "";
      out += 'i';
      ++i;
      continue;
    }
    if (c == U'ъ') {  // separates a moraic н from a vowel (Синъити)
      ++i;
      continue;
    }
    // The consonant of a syllable.
    std::string cons;
    size_t len = 1;
    switch (c) {
      case U'к':
        cons = "k";
        break;
      case U'г':
        cons = "g";
        break;
      case U'с':
        cons = "s";
        break;
      case U'д':
        if (i + 1 < w.size() && w[i + 1] == U'з') {
          cons = "z";
          len = 2;
        } else {
          cons = "d";
        }
        break;
      case U'т':
        cons = "t";
        break;
      case U'ц':
        cons = "ts";
        break;
      case U'н':
        cons = "n";
        break;
      case U'х':
        cons = "h";
        break;
      case U'ф':
        cons = "f";
        break;
      case U'м':
        cons = "m";
        break;
      case U'р':
        cons = "r";
        break;
      case U'б':
        cons = "b";
        break;
      case U'п':
        cons = "p";
        break;
      case U'в':
        cons = "w";
        break;
      default:
        return "";  // a letter Polivanov's system does not use (л, ш, ж, ы ...)
    }
    const size_t at = i + len;
    if (at >= w.size() || !IsCyrVowel(w[at])) {
      // A moraic н (м before б, п, м), or the first of a doubled consonant.
      if (c == U'н' ||
          (c == U'м' && at < w.size() && (w[at] == U'б' || w[at] == U'п' || w[at] == U'м'))) {
        out += c == U'н' ? 'n' : 'm';
        i = at;
        continue;
      }
      if (len == 1 && at < w.size() && w[at] == c && c != U'н') {
        // っ: doubled; Hepburn writes っち tch.
        const bool tch = c == U'т' && at + 1 < w.size() &&
                         (w[at + 1] == U'и' || w[at + 1] == U'я' || w[at + 1] == U'ю');
        out += tch ? 't' : cons[0];
        i = at;
        continue;
      }
      return "";
    }
    const char32_t v = w[at];
    std::string vs = vowel(v);
    const bool y = v == U'я' || v == U'ю';
    if (c == U'в' && v != U'а') return "";  // only ва (wa)
    if (cons == "s" && (v == U'и' || y)) {
      cons = "sh";  // си shi, ся sha, сю shu
      if (y) vs.erase(0, 1);
      distinct = true;
    } else if (cons == "t" && (v == U'и' || y)) {
      cons = "ch";  // ти chi, тя cha, тю chu
      if (y) vs.erase(0, 1);
      distinct = true;
    } else if (cons == "z" && (v == U'и' || y)) {
      cons = "j";  // дзи ji, дзя ja, дзю ju
      if (y) vs.erase(0, 1);
      distinct = true;
    } else if (cons == "z" || cons == "ts") {
      distinct = true;
    }
    out += cons;
    out += vs;
    i = at + 1;
  }
  return distinct ? out : "";
}

// Chinese names written in Cyrillic (Palladius' system: 习近平 Си Цзиньпин,
// 小军 Сяоцзюнь, 成龙 Чэн Лун) read back as pinyin, the spelling of the same
// names in Latin script. A word is read only when it splits entirely into
// Palladius syllables and has one of the system's marks that Russian words
// lack (цз, чж, юй, э after a consonant, ао, оу, a final нь); "" otherwise.
struct PalladiusSyllable {
  std::u32string cyr;
  std::string pinyin;
};

const std::vector<PalladiusSyllable>& PalladiusTable() {
  static const std::vector<PalladiusSyllable>* table = [] {
    auto* t = new std::vector<PalladiusSyllable>;
    auto add = [t](std::u32string_view c, std::string_view p) {
      t->push_back({std::u32string(c), std::string(p)});
    };
    // Syllables without an initial.
    const std::pair<const char32_t*, const char*> kZero[] = {
        {U"а", "a"},      {U"о", "o"},     {U"э", "e"},      {U"ай", "ai"},     {U"эй", "ei"},
        {U"ао", "ao"},    {U"оу", "ou"},   {U"ань", "an"},   {U"энь", "en"},    {U"ан", "ang"},
        {U"эн", "eng"},   {U"эр", "er"},   {U"и", "yi"},     {U"я", "ya"},      {U"е", "ye"},
        {U"яо", "yao"},   {U"ю", "you"},   {U"янь", "yan"},  {U"инь", "yin"},   {U"ян", "yang"},
        {U"ин", "ying"},  {U"юн", "yong"}, {U"у", "wu"},     {U"ва", "wa"},     {U"во", "wo"},
        {U"вай", "wai"},  {U"вэй", "wei"}, {U"вань", "wan"}, {U"вэнь", "wen"},  {U"ван", "wang"},
        {U"вэн", "weng"}, {U"юй", "yu"},   {U"юэ", "yue"},   {U"юань", "yuan"}, {U"юнь", "yun"},
    };
    for (const auto& [c, p] : kZero) add(c, p);
    // Initials; `palatal` = j, q, x (written цз, ц, с before и, я, ю, е).
    struct Initial {
      const char32_t* cyr;
      const char* pinyin;
      int kind;  // 0 plain, 1 z/c/s (ы), 2 zh/ch/sh/r (и), 3 palatal j/q/x
    };
    const Initial kInitials[] = {
        {U"б", "b", 0},  {U"п", "p", 0},  {U"м", "m", 0}, {U"ф", "f", 0},  {U"д", "d", 0},
        {U"т", "t", 0},  {U"н", "n", 0},  {U"л", "l", 0}, {U"г", "g", 0},  {U"к", "k", 0},
        {U"х", "h", 0},  {U"цз", "z", 1}, {U"ц", "c", 1}, {U"с", "s", 1},  {U"чж", "zh", 2},
        {U"ч", "ch", 2}, {U"ш", "sh", 2}, {U"ж", "r", 2}, {U"цз", "j", 3}, {U"ц", "q", 3},
        {U"с", "x", 3},
    };
    // Finals after a non-palatal initial.
    const std::pair<const char32_t*, const char*> kFinals[] = {
        {U"а", "a"},      {U"о", "o"},     {U"э", "e"},    {U"у", "u"},      {U"ай", "ai"},
        {U"эй", "ei"},    {U"ао", "ao"},   {U"оу", "ou"},  {U"ань", "an"},   {U"энь", "en"},
        {U"ан", "ang"},   {U"эн", "eng"},  {U"ун", "ong"}, {U"уа", "ua"},    {U"о", "uo"},
        {U"уай", "uai"},  {U"уй", "ui"},   {U"уэй", "ui"}, {U"уань", "uan"}, {U"унь", "un"},
        {U"уан", "uang"}, {U"и", "i"},     {U"е", "ie"},   {U"я", "ia"},     {U"яо", "iao"},
        {U"ю", "iu"},     {U"янь", "ian"}, {U"инь", "in"}, {U"ян", "iang"},  {U"ин", "ing"},
        {U"юй", "u"},     {U"юэ", "ue"},
    };
    // Finals after j, q, x.
    const std::pair<const char32_t*, const char*> kPalatal[] = {
        {U"и", "i"},     {U"я", "ia"},   {U"е", "ie"},     {U"яо", "iao"}, {U"ю", "iu"},
        {U"янь", "ian"}, {U"инь", "in"}, {U"ян", "iang"},  {U"ин", "ing"}, {U"юн", "iong"},
        {U"юй", "u"},    {U"юэ", "ue"},  {U"юань", "uan"}, {U"юнь", "un"},
    };
    for (const Initial& in : kInitials) {
      if (in.kind == 3) {
        for (const auto& [c, p] : kPalatal)
          add(std::u32string(in.cyr) + c, std::string(in.pinyin) + p);
        continue;
      }
      for (const auto& [c, p] : kFinals) {
        const std::u32string_view fin(c);
        // z/c/s and zh/ch/sh/r take no i-finals (their i is ы or и).
        const bool i_final = fin[0] == U'и' || fin[0] == U'е' || fin[0] == U'я' || fin[0] == U'ю';
        if (in.kind != 0 && i_final) continue;
        add(std::u32string(in.cyr) + c, std::string(in.pinyin) + p);
      }
      if (in.kind == 1) add(std::u32string(in.cyr) + U"ы", std::string(in.pinyin) + "i");
      if (in.kind == 2) add(std::u32string(in.cyr) + U"и", std::string(in.pinyin) + "i");
    }
    return t;
  }();
  return *table;
}

std::string PalladiusToPinyin(std::string_view run) {
  const std::u32string w = io::DecodeUtf8(run);
  bool marked = false;
  for (size_t i = 0; i < w.size(); ++i) {
    const char32_t c = w[i];
    const char32_t next = i + 1 < w.size() ? w[i + 1] : 0;
    if ((c == U'ц' && next == U'з') || (c == U'ч' && next == U'ж') || (c == U'ю' && next == U'й') ||
        (c == U'а' && next == U'о') || (c == U'о' && next == U'у') ||
        (c == U'э' && i > 0 && !IsCyrVowel(w[i - 1])) ||
        (c == U'н' && next == U'ь' && i + 2 == w.size())) {
      marked = true;
    }
  }
  if (!marked || w.size() > 40) return "";
  // Fewest syllables covering the word (dynamic programming).
  const std::vector<PalladiusSyllable>& table = PalladiusTable();
  const size_t n = w.size();
  std::vector<int> best(n + 1, 1 << 20), from(n + 1, -1), via(n + 1, -1);
  best[0] = 0;
  for (size_t i = 0; i < n; ++i) {
    if (best[i] >= (1 << 20)) continue;
    for (size_t k = 0; k < table.size(); ++k) {
      const std::u32string& c = table[k].cyr;
      if (c.size() > n - i || w.compare(i, c.size(), c) != 0) continue;
      const size_t j = i + c.size();
      if (best[i] + 1 < best[j]) {
        best[j] = best[i] + 1;
        from[j] = static_cast<int>(i);
        via[j] = static_cast<int>(k);
      }
    }
  }
  if (best[n] >= (1 << 20)) return "";
  std::vector<const std::string*> parts;
  for (size_t j = n; j > 0; j = static_cast<size_t>(from[j]))
    parts.push_back(&table[via[j]].pinyin);
  std::string out;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) out += **it;
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

// As North Korean names are written in the sanctions lists (KIM Yo Jong,
// JANG Song Thaek, RI Pyong Chol, CHOE Ryong Hae): McCune-Reischauer without
// its breves, the way the DPRK's own romanisation writes them, every syllable
// read as if word-initial (ㄱ k, ㄷ t, ㅂ p; aspirates kh, th, ph; ㄹ r) and
// ㅓ/ㅗ both "o", ㅡ/ㅜ both "u". It merges vowels the other readings keep
// apart because the lists' spellings do; two Hangul names are compared in
// Hangul, never through this reading.
constexpr const char* kDprkInitial[19] = {"k",  "kk", "n", "t",  "tt", "r",  "m",  "p",  "pp", "s",
                                          "ss", "",   "j", "jj", "ch", "kh", "th", "ph", "h"};
constexpr const char* kDprkVowel[21] = {"a",  "ae", "ya", "yae", "o",  "e",  "yo",
                                        "ye", "o",  "wa", "wae", "oe", "yo", "u",
                                        "wo", "we", "wi", "yu",  "u",  "ui", "i"};

// The North Korean spelling of surnames that South Korean spelling drops the
// initial ㄹ or ㄴ from (the "initial sound rule"): 이 is 리 Ri, 임 림 Rim,
// 유 류 Ryu, 양 량 Ryang, 노 로 Ro.
std::string_view DprkSurname(char32_t c) {
  switch (c) {
    case U'이':
      return "ri";
    case U'임':
      return "rim";
    case U'유':
      return "ryu";
    case U'양':
      return "ryang";
    case U'노':
      return "ro";
    default:
      return {};
  }
}

// kDprkSurname is kDprk with the surnames above spelled the North Korean way
// (a separate reading: the lists write both "RI" and "NO KWANG CHOL").
enum class HangulStyle { kRevised, kPopular, kDprk, kDprkSurname };

bool IsHangulSyllable(char32_t c) { return c >= 0xAC00 && c <= 0xD7A3; }

// The indices of a precomposed syllable's initial, vowel and final jamo
// (the tables above).
struct Jamo {
  int l, v, t;
};
Jamo SplitHangul(char32_t syllable) {
  const int s = static_cast<int>(syllable) - 0xAC00;
  return {s / 588, (s % 588) / 28, s % 28};
}

std::string HangulSyllable(char32_t c, HangulStyle style) {
  const auto [l, v, t] = SplitHangul(c);
  std::string out;
  switch (style) {
    case HangulStyle::kRevised:
      out = kRrInitial[l];
      out += kRrVowel[v];
      break;
    case HangulStyle::kPopular:
      out = kPopInitial[l];
      out += kPopVowel[v];
      break;
    case HangulStyle::kDprk:
    case HangulStyle::kDprkSurname:
      out = kDprkInitial[l];
      out += kDprkVowel[v];
      break;
  }
  out += kRrFinal[t];
  return out;
}

std::string RomanizeHangul(std::string_view run, HangulStyle style, bool person_like) {
  std::vector<std::string> syllables;  // one per code point (non-syllables via ICU)
  std::vector<std::string> raw;
  char32_t first = 0;
  size_t pos = 0;
  while (pos < run.size()) {
    size_t start = pos;
    char32_t c = io::DecodeUtf8(run, pos);
    if (start == 0) first = c;
    raw.emplace_back(run.substr(start, pos - start));
    syllables.push_back(IsHangulSyllable(c) ? HangulSyllable(c, style)
                                            : Transliterate(kTrAnyLatin, raw.back()));
  }
  if (syllables.empty()) return "";
  if (style == HangulStyle::kDprkSurname && syllables.size() == 1 && !DprkSurname(first).empty()) {
    return std::string(DprkSurname(first));  // a surname written apart
  }
  bool split = person_like && syllables.size() >= 2 && syllables.size() <= 4;
  std::string out;
  if (split) {
    std::string_view sur;
    if (style == HangulStyle::kPopular) sur = KoreanSurname(raw[0]);
    if (style == HangulStyle::kDprkSurname) sur = DprkSurname(first);
    out = sur.empty() ? syllables[0] : std::string(sur);
    out += ' ';
    const bool spaced = style != HangulStyle::kRevised;  // Kim Jong Un
    for (size_t i = 1; i < syllables.size(); ++i) {
      out += syllables[i];
      if (spaced && i + 1 < syllables.size()) out += ' ';
    }
  } else {
    for (const std::string& s : syllables) out += s;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Han: traditional -> simplified (OpenCC), then pinyin (ICU Han-Latin), one
// syllable per character.
// Characters of two readings for which ICU gives the one names rarely
// have: 长 chang (长沙 Changsha, 长城 Great Wall; zhang "grow", "head"), 拓
// tuo (开拓 "pioneer", 新拓 Xintuo; ta "rubbing").
struct PinyinOverride {
  std::string_view han;
  std::string_view pinyin;
};
constexpr PinyinOverride kPinyinOverrides[] = {{"长", "chang"}, {"拓", "tuo"}};

std::vector<std::string> PinyinSyllables(std::string_view han) {
  const std::string simplified = ToSimplified(han);
  std::string latin = CleanAscii(Transliterate(kTrHanLatin, simplified));
  std::vector<std::string> out;
  for (std::string_view p : io::Split(latin, " ")) {
    if (!p.empty()) out.emplace_back(p);
  }
  // The overrides by position, when there is one syllable per character
  // (most names hold no such character: nothing to walk).
  if (std::none_of(
          std::begin(kPinyinOverrides), std::end(kPinyinOverrides),
          [&](const PinyinOverride& o) { return simplified.find(o.han) != std::string::npos; }) ||
      io::CountCodePoints(simplified) != out.size()) {
    return out;
  }
  size_t i = 0;
  for (size_t pos = 0; pos < simplified.size(); ++i) {
    const size_t start = pos;
    io::DecodeUtf8(simplified, pos);
    const std::string_view ch = std::string_view(simplified).substr(start, pos - start);
    for (const PinyinOverride& o : kPinyinOverrides) {
      if (ch == o.han) out[i] = o.pinyin;
    }
  }
  return out;
}

size_t FirstCodePointBytes(std::string_view s, size_t count) {
  size_t pos = 0;
  for (size_t i = 0; i < count && pos < s.size(); ++i) io::DecodeUtf8(s, pos);
  return pos;
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
  size_t chars = io::CountCodePoints(simplified);
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
// Korean names written in hanja (金正恩): each character's Sino-Korean
// reading (hanja_table.inc, from libhangul's hanja dictionary), then the
// Hangul romanisation. Only for three characters (a Korean full name; two
// are as often a given name alone) starting with a common Korean surname,
// read as the surname (金 is 김 as a surname, 금 otherwise; South
// Korean readings, 李 이 and 林 임).
#include "text/hanja_table.inc"

struct SurnameHanja {
  char32_t han;
  char32_t hangul;
};
constexpr SurnameHanja kKoreanSurnameHanja[] = {
    {U'金', U'김'}, {U'李', U'이'}, {U'朴', U'박'}, {U'崔', U'최'}, {U'鄭', U'정'}, {U'姜', U'강'},
    {U'趙', U'조'}, {U'尹', U'윤'}, {U'張', U'장'}, {U'林', U'임'}, {U'韓', U'한'}, {U'吳', U'오'},
    {U'徐', U'서'}, {U'申', U'신'}, {U'權', U'권'}, {U'黃', U'황'}, {U'安', U'안'}, {U'宋', U'송'},
    {U'柳', U'유'}, {U'全', U'전'}, {U'洪', U'홍'}, {U'高', U'고'}, {U'文', U'문'}, {U'梁', U'양'},
    {U'孫', U'손'}, {U'裵', U'배'}, {U'白', U'백'}, {U'許', U'허'}, {U'劉', U'유'}, {U'南', U'남'},
    {U'沈', U'심'}, {U'盧', U'노'}, {U'河', U'하'}, {U'丁', U'정'}, {U'成', U'성'}, {U'車', U'차'},
    {U'具', U'구'}, {U'郭', U'곽'}, {U'禹', U'우'}, {U'朱', U'주'}, {U'任', U'임'}, {U'羅', U'나'},
    {U'辛', U'신'}, {U'閔', U'민'}, {U'陳', U'진'}, {U'池', U'지'}, {U'嚴', U'엄'}, {U'元', U'원'},
    {U'蔡', U'채'}, {U'千', U'천'}, {U'方', U'방'}, {U'玄', U'현'}, {U'孔', U'공'}, {U'康', U'강'},
    {U'咸', U'함'}, {U'卞', U'변'}, {U'廉', U'염'}, {U'楊', U'양'}, {U'邊', U'변'}, {U'呂', U'여'},
    {U'秋', U'추'}, {U'魯', U'노'}, {U'都', U'도'}, {U'蘇', U'소'}, {U'愼', U'신'}, {U'石', U'석'},
    {U'宣', U'선'}, {U'薛', U'설'}, {U'馬', U'마'}, {U'吉', U'길'}, {U'周', U'주'}, {U'延', U'연'},
    {U'魏', U'위'}, {U'表', U'표'}, {U'奇', U'기'}, {U'潘', U'반'}, {U'王', U'왕'}, {U'琴', U'금'},
    {U'玉', U'옥'}, {U'陸', U'육'}, {U'印', U'인'}, {U'孟', U'맹'}, {U'卓', U'탁'}, {U'秦', U'진'},
    {U'裴', U'배'},
};

// The hanja a simplified character stands for (铁 -> 鐵), or `c` itself.
char32_t TraditionalHanja(char32_t c) {
  const auto* end = std::end(kSimplifiedHanja);
  const auto* it =
      std::lower_bound(std::begin(kSimplifiedHanja), end, c,
                       [](const SimplifiedHanja& r, char32_t x) { return r.simplified < x; });
  return it != end && it->simplified == c ? it->han : c;
}

char32_t ReadHanja(char32_t c) {
  const auto* end = std::end(kHanjaReadings);
  const auto* it = std::lower_bound(std::begin(kHanjaReadings), end, c,
                                    [](const HanjaReading& r, char32_t x) { return r.han < x; });
  return it != end && it->han == c ? it->hangul : 0;
}

// The Hangul reading of a three-character Korean name in hanja, or "".
// Simplified characters are read as the hanja they simplify (金铁三 as
// 金鐵三).
std::string HanjaNameToHangul(std::string_view han) {
  std::u32string cps = io::DecodeUtf8(han);
  if (cps.size() != 3) return "";
  for (char32_t& c : cps) c = TraditionalHanja(c);
  std::string out;
  for (size_t i = 0; i < cps.size(); ++i) {
    char32_t r = 0;
    if (i == 0) {
      for (const SurnameHanja& s : kKoreanSurnameHanja) {
        if (s.han == cps[0]) r = s.hangul;
      }
    } else {
      r = ReadHanja(cps[i]);
    }
    if (r == 0) return "";
    io::AppendUtf8(out, r);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Foreign names written in Japanese kana, Korean Hangul and Chinese
// characters ("loanword" readings). These scripts write a foreign name with
// the syllables of the language: consonant clusters and final consonants get
// an extra vowel (Brunfels -> ブルンフェルス burunferusu), l and r are one
// sound, and the Chinese transcription characters stand for a syllable of the
// foreign name (布 b(u), 斯 s, 尔 r/l). A loanword reading undoes the
// regular parts of that: it drops the inserted vowels and writes the liquid
// as l or r (one system each), so the skeleton of consonants matches the
// Latin spelling.

// Kana: one unit per syllable, as consonant + vowel (Hepburn).
struct KanaUnit {
  std::string cons;
  std::string vowel;
  bool geminate = false;    // after small tsu
  bool long_vowel = false;  // followed by the long-vowel mark
  bool liquid = false;      // the r of the ra-row
  bool moraic_n = false;
  bool modified = false;  // its vowel is a small vowel kana (トゥ tu)
};

// Hepburn romaji of the katakana U+30A1..U+30FA (hiragana are mapped to
// katakana first); "" for the small kana handled in KanaUnits.
constexpr const char* kKatakana[] = {
    "a",  "a",  "i",   "i",  "u",  "u",   "e",  "e",  "o",  "o",   // 30A1-30AA
    "ka", "ga", "ki",  "gi", "ku", "gu",  "ke", "ge", "ko", "go",  // 30AB-30B4
    "sa", "za", "shi", "ji", "su", "zu",  "se", "ze", "so", "zo",  // 30B5-30BE
    "ta", "da", "chi", "ji", "",   "tsu", "zu", "te", "de", "to",  // 30BF-30C8
    "do", "na", "ni",  "nu", "ne", "no",                           // 30C9-30CE
    "ha", "ba", "pa",  "hi", "bi", "pi",  "fu", "bu", "pu",        // 30CF-30D7
    "he", "be", "pe",  "ho", "bo", "po",                           // 30D8-30DD
    "ma", "mi", "mu",  "me", "mo",                                 // 30DE-30E2
    "ya", "ya", "yu",  "yu", "yo", "yo",                           // 30E3-30E8
    "ra", "ri", "ru",  "re", "ro",                                 // 30E9-30ED
    "wa", "wa", "i",   "e",  "o",  "n",   "vu", "ka", "ke",        // 30EE-30F6
    "va", "vi", "ve",  "vo",                                       // 30F7-30FA
};
static_assert(std::size(kKatakana) == 0x30FA - 0x30A1 + 1);

bool IsSmallVowel(char32_t c) {
  return c == U'ァ' || c == U'ィ' || c == U'ゥ' || c == U'ェ' || c == U'ォ';
}
bool IsSmallY(char32_t c) { return c == U'ャ' || c == U'ュ' || c == U'ョ'; }

bool IsVowelLetter(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

std::vector<KanaUnit> KanaUnits(std::string_view run) {
  std::vector<KanaUnit> units;
  bool geminate = false;
  size_t pos = 0;
  while (pos < run.size()) {
    size_t start = pos;
    char32_t c = io::DecodeUtf8(run, pos);
    if (c >= 0x3041 && c <= 0x3096) c += 0x60;  // hiragana -> katakana
    if (c == U'ッ') {
      geminate = true;
      continue;
    }
    if (c == U'ー') {
      if (!units.empty()) units.back().long_vowel = true;
      continue;
    }
    if ((IsSmallVowel(c) || IsSmallY(c)) && !units.empty() && !units.back().vowel.empty()) {
      KanaUnit& u = units.back();
      std::string v = kKatakana[c - 0x30A1];  // "a", "ya", ...
      if (IsSmallY(c)) {
        // キャ kya, シャ sha, チュ chu, ジョ jo.
        if (u.cons == "sh" || u.cons == "ch" || u.cons == "j") v.erase(0, 1);
        if (u.cons.empty() && u.vowel == "i") v.erase(0, 1), u.cons = "y";
      } else if (u.cons.empty()) {
        // ウィ wi, イェ ye.
        u.cons = u.vowel == "u" ? "w" : u.vowel == "i" ? "y" : "";
      }
      u.vowel = v;
      u.modified = IsSmallVowel(c);
      continue;
    }
    KanaUnit u;
    u.geminate = geminate;
    geminate = false;
    if (c >= 0x30A1 && c <= 0x30FA) {
      std::string r = kKatakana[c - 0x30A1];
      if (r == "n") {
        u.cons = "n";
        u.moraic_n = true;
      } else {
        size_t v = r.size();
        while (v > 0 && IsVowelLetter(r[v - 1])) --v;
        u.cons = r.substr(0, v);
        u.vowel = r.substr(v);
        u.liquid = u.cons == "r";
      }
    } else {
      u.cons = Transliterate(kTrAnyLatin, run.substr(start, pos - start));
    }
    units.push_back(std::move(u));
  }
  return units;
}

// Whether `run` is made of hiragana and katakana only (with the long-vowel
// mark and small kana), no kanji or other letters.
bool AllKana(std::string_view run) {
  size_t pos = 0;
  while (pos < run.size()) {
    const char32_t c = io::DecodeUtf8(run, pos);
    const bool kana = (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) || c == U'ー';
    if (!kana) return false;
  }
  return !run.empty();
}

// Whether unit `i` reads otherwise in RomanizeKana's `dental` convention:
// a plain チ or ジ (not チャ, ジュ: those are ch and j; nor ッチ, ッジ), ツ, or a first ウ
// before a consonant in a word of four syllables or more.
bool KanaDental(const std::vector<KanaUnit>& units, size_t i) {
  const KanaUnit& u = units[i];
  if (u.modified || u.moraic_n) return false;
  if (u.cons.empty()) {
    // (Four syllables at least: ウラル is Ural.)
    if (i != 0 || units.size() < 4 || u.vowel != "u" || u.long_vowel) return false;
    const KanaUnit& next = units[1];
    return !next.cons.empty() && !next.moraic_n && !next.geminate && next.cons != "y" &&
           next.cons != "w";
  }
  if (u.cons == "ts") return u.vowel == "u";
  // (ッチ, ッジ are the -tch and -dge of English names.)
  return (u.cons == "ch" || u.cons == "j") && u.vowel == "i" && !u.geminate;
}

// `loan`: the loanword reading (inserted vowels dropped, ra-row as `liquid`;
// with liquid 'r' the r of English ar, or is restored after a long vowel).
// `dental`: also the older convention that Japanese keeps for Russian names,
// which has no ti, tu, di or initial v: チ ti, ツ tu (its vowel a real one),
// ジ and ヂ di, and ウ v at the start before a consonant (ウラジーミル・プーチン
// Vladimir Putin, ウラジオストク Vladivostok, ツポレフ Tupolev, ロスネフチ
// Rosneft).
std::string RomanizeKana(std::string_view run, bool loan, char liquid, bool dental = false) {
  std::vector<KanaUnit> units = KanaUnits(run);
  std::string out;
  for (size_t i = 0; i < units.size(); ++i) {
    const KanaUnit& u = units[i];
    std::string cons = u.cons;
    std::string vowel = u.vowel;
    bool real_vowel = u.modified;
    if (loan && dental && KanaDental(units, i)) {
      if (cons.empty()) {
        out += 'v';
        continue;
      }
      real_vowel = cons == "ts";
      cons = cons == "j" ? "d" : "t";
    }
    if (u.moraic_n) {
      // The r loanword reading writes m before b, p and m, as traditional
      // Hepburn does (ハンブルク Hamburg); ン writes a foreign n and m
      // alike, and the l reading keeps n (カルテンブルンナー Kaltenbrunner,
      // -enberg), as does the plain reading (revised Hepburn and ICU's
      // Katakana-Latin: レンベリ renberi).
      const std::string next = i + 1 < units.size() ? units[i + 1].cons : "";
      const bool keep_n = !loan || liquid == 'l';
      out += !keep_n && !next.empty() && (next[0] == 'b' || next[0] == 'p' || next[0] == 'm') ? "m"
                                                                                              : "n";
      continue;
    }
    if (loan) {
      const bool last = i + 1 == units.size();
      // A vowel before a doubled consonant (ブッシュ bu-sh) is a real one.
      const bool before_consonant = !last && !units[i + 1].cons.empty() &&
                                    units[i + 1].cons != "y" && units[i + 1].cons != "w" &&
                                    !units[i + 1].geminate;
      // The vowel added after a consonant of the foreign name: u after most
      // consonants (ス s, ク k, ブ b, ル l), o after t and d (ト t, ド d), i
      // after the ch and j of -tch and -dge (ッチ, ッジ).
      const bool epenthetic =
          !u.long_vowel && !real_vowel && (last || before_consonant) &&
          ((vowel == "u" && cons != "y" && cons != "w" && cons != "") ||
           (vowel == "o" && (cons == "t" || cons == "d")) ||
           (vowel == "i" && last && u.geminate && (cons == "ch" || cons == "j")));
      if (epenthetic) {
        vowel.clear();
        if (u.liquid) cons = "l";  // a final or preconsonantal liquid is l
      } else if (u.liquid) {
        cons = std::string(1, liquid);
      }
      // Japanese has no si: シ writes the si of a foreign name (シャ, シュ
      // still sh).
      if (cons == "sh" && vowel == "i") cons = "s";
      // English ar, or, er are written with the long-vowel mark (カーター
      // Carter): the r comes back after a and o.
      // At the end of the name a long a is mostly the -er of English and
      // German names (ミラー Miller, リヒター Richter), as in English
      // pronunciation.
      if (u.long_vowel && last && !vowel.empty() && vowel.back() == 'a') {
        vowel.back() = 'e';
        vowel += 'r';
      } else if (u.long_vowel && (vowel == "a" || vowel == "o") && liquid == 'r') {
        // (The l reading keeps the long vowel as it is: ローリー Lawrie,
        // モーズリー Moseley, バーバラ Barbara are written the same way.)
        vowel += 'r';
      }
      // Doubling only before a vowel that is kept (ベッド bed, not bedd).
      if (u.geminate && !cons.empty() && !vowel.empty()) {
        cons.insert(0, 1, cons[0] == 'c' ? 't' : cons[0]);
      }
    } else if (u.geminate && !cons.empty()) {
      cons.insert(0, 1, cons[0] == 'c' ? 't' : cons[0]);
    }
    out += cons;
    out += vowel;
  }
  return out;
}

// Hangul loanword reading, after the Korean rules for writing foreign words
// (외래어 표기법): a consonant alone is written with the vowel ㅡ (스 s, 트 t,
// 크 k; 즈 z, 츠 ts), l between vowels as ㄹㄹ (클로 -> kl-o), r as an initial
// ㄹ, sh as ㅅ with a y-vowel (슈 shu, 쇼 sho); a final ㅅ is t (로봇 robot).
// ㅍ is p or f and ㅂ is b or v; `fricative` picks f and v. Finals are read
// as in Revised Romanization (kRrFinal).
constexpr const char* kLoanInitial[19] = {"g", "k", "n", "d",  "t",  "r", "m", "b", "p", "s",
                                          "s", "",  "j", "ch", "ch", "k", "t", "p", "h"};
constexpr const char* kLoanVowel[21] = {"a",  "a",  "ya", "ya", "e",  "e",  "ye",
                                        "ye", "o",  "wa", "wa", "we", "yo", "u",
                                        "wo", "we", "wi", "yu", "",   "i",  "i"};

std::string RomanizeHangulLoan(std::string_view run, bool fricative) {
  const std::u32string cps = io::DecodeUtf8(run);
  std::string out;
  int prev_final = -1;
  for (size_t i = 0; i < cps.size(); ++i) {
    const char32_t c = cps[i];
    if (!IsHangulSyllable(c)) {
      out += AnyLatinChar(c);
      prev_final = -1;
      continue;
    }
    const auto [l, v, t] = SplitHangul(c);
    std::string init = kLoanInitial[l];
    std::string vowel = kLoanVowel[v];
    if (l == 5 && prev_final == 8) init.clear();  // ㄹ + ㄹ: one l
    if (l == 11 && v == 18) vowel = "e";          // 으 standing alone
    const bool y_vowel = v == 2 || v == 3 || v == 6 || v == 7 || v == 12 || v == 17;
    if (l == 9 && y_vowel) {
      init = "sh";  // 샤 sha, 셰 she, 쇼 sho, 슈 shu
      vowel.erase(0, 1);
    } else if ((l == 12 || l == 14) && y_vowel) {
      vowel.erase(0, 1);  // 쥬 ju, 챠 cha
    }
    if (v == 18) {
      if (l == 12) init = "z";   // 즈 z
      if (l == 14) init = "ts";  // 츠 ts
    }
    // A final English -er is written ㅓ (피터 Peter, 헌터 Hunter).
    if (v == 4 && t == 0 && i + 1 == cps.size() && i > 0) vowel = "er";
    if (fricative) {
      if (l == 17) init = "f";           // ㅍ
      if (l == 7) init = "v";            // ㅂ
      if (l == 5 && i == 0) init = "l";  // a word-initial ㄹ is l or r
    }
    // A final ch (the ć, č of -ić, -vič) is written 치 (벤치 bench,
    // 밀로셰비치 Milošević).
    if (l == 14 && v == 20 && t == 0 && i + 1 == cps.size() && i > 0) vowel.clear();
    out += init;
    out += vowel;
    out += kRrFinal[t];  // finals read as in Revised Romanization
    prev_final = t;
  }
  return out;
}

// Japanese names written in Hangul (the Korean rules for Japanese: a
// voiceless k, t, ch at the start of a word written ㄱ, ㄷ, ㅈ, inside it
// ㅋ, ㅌ, ㅊ; つ 쓰, ず 즈, す 스, っ a final ㅅ, ん a final ㄴ, long vowels
// not written) read back as Hepburn: 다나카 -> tanaka, 쓰나시게 ->
// tsunashige, 핫토리 -> hattori. "" when a syllable is not one of
// Japanese's (another vowel, another final).
std::string HangulHepburn(std::string_view run) {
  const std::u32string cps = io::DecodeUtf8(run);
  std::string out;
  bool geminate = false;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (!IsHangulSyllable(cps[i])) return "";
    const auto [l, v, t] = SplitHangul(cps[i]);
    const bool first = i == 0;
    std::string cons;
    switch (l) {
      case 0:  // ㄱ
        cons = first ? "k" : "g";
        break;
      case 2:
        cons = "n";
        break;
      case 3:  // ㄷ
        cons = first ? "t" : "d";
        break;
      case 5:
        cons = "r";
        break;
      case 6:
        cons = "m";
        break;
      case 7:
        cons = "b";
        break;
      case 9:
        cons = "s";
        break;
      case 10:  // ㅆ: only in 쓰 tsu
        if (v != 18) return "";
        cons = "ts";
        break;
      case 11:
        break;
      case 12:  // ㅈ: chi at the start (지바 Chiba), else j
        cons = first && v == 20 ? "ch" : "j";
        break;
      case 14:
        cons = v == 18 ? "ts" : "ch";  // 츠 tsu (older spelling)
        break;
      case 15:
        cons = "k";
        break;
      case 16:
        cons = "t";
        break;
      case 17:
        cons = "p";
        break;
      case 18:
        cons = v == 13 ? "f" : "h";  // 후 fu
        break;
      default:
        return "";
    }
    std::string vowel;
    switch (v) {
      case 0:
        vowel = "a";
        break;
      case 1:
      case 5:
        vowel = "e";
        break;
      case 2:
        vowel = "ya";
        break;
      case 4:
      case 8:
        vowel = "o";
        break;
      case 9:
        if (l != 11) return "";
        vowel = "wa";
        break;
      case 12:
        vowel = "yo";
        break;
      case 13:
        vowel = "u";
        break;
      case 17:
        vowel = "yu";
        break;
      case 18:  // ㅡ: the u of す, ず, つ
        if (l != 9 && l != 10 && l != 12 && l != 14) return "";
        vowel = "u";
        if (l == 12) cons = "z";
        break;
      case 20:
        vowel = "i";
        if (cons == "s") cons = "sh";
        break;
      default:
        return "";
    }
    if (vowel[0] == 'y' && (cons == "s" || cons == "sh" || cons == "j" || cons == "ch")) {
      if (cons == "s") cons = "sh";
      vowel.erase(0, 1);
    }
    if (geminate && !cons.empty()) out += cons == "ch" ? 't' : cons[0];
    out += cons;
    out += vowel;
    geminate = false;
    if (t == 4) {
      out += 'n';
    } else if (t == 19) {
      geminate = true;
    } else if (t != 0) {
      return "";
    }
  }
  return geminate ? "" : out;
}

}  // namespace

// A Hangul run that reads like a transcribed foreign name rather than a
// Korean one (Korean names are a one-syllable surname and a one- or
// two-syllable given name): a consonant written alone with ㅡ and no final
// (스, 트, 드, 크: Korean names hardly use them), four or more syllables, or
// three (two when they are the whole name) that do not start with a Korean
// surname.
bool LooksForeignHangul(std::string_view run, bool whole_name) {
  std::vector<std::string_view> syllables;
  size_t pos = 0;
  while (pos < run.size()) {
    const size_t start = pos;
    const char32_t c = io::DecodeUtf8(run, pos);
    if (!IsHangulSyllable(c)) continue;
    const Jamo j = SplitHangul(c);
    if (j.v == 18 && j.t == 0 && j.l != 11) return true;
    syllables.push_back(run.substr(start, pos - start));
  }
  if (syllables.size() >= 4) return true;
  // Two syllables alone are a foreign name unless they start with a
  // surname; next to other words they may be a Korean given name.
  const size_t min = whole_name ? 2 : 3;
  return syllables.size() >= min && KoreanSurname(syllables[0]).empty();
}

namespace {

// Han: transcription characters (transcription_chars.inc) read as the
// syllables of a foreign name, from their pinyin: zh -> j, q -> ch, x -> s,
// c -> ts; the "empty" i of zi/ci/si/zhi/chi/shi/ri dropped; the
// diphthongs the transcription tables use for one vowel (luo, lou, lao -> lo;
// fei, lei -> fe; lie -> le); -ng -> -n; yi, wu -> i, u; er -> the liquid.
// The characters that stand for a consonant alone (布 b, 德 d, 斯 s, 姆 m
// ...) lose their vowel before a consonant and at the end.
#include "text/transcription_chars.inc"

bool IsTranscriptionChar(std::string_view ch) {
  return std::string_view(kHanTranscriptionChars).find(ch) != std::string_view::npos;
}

// `han` (simplified) is at least `min_chars` transcription characters (two
// are as often a Chinese given name, 宗翰, unless they are the whole name).
bool IsTranscription(std::string_view han, size_t min_chars) {
  size_t pos = 0, n = 0;
  while (pos < han.size()) {
    size_t start = pos;
    io::DecodeUtf8(han, pos);
    if (!IsTranscriptionChar(han.substr(start, pos - start))) return false;
    ++n;
  }
  return n >= min_chars;
}

bool IsBareConsonantChar(std::string_view ch) {
  return std::string_view(kHanBareConsonantChars).find(ch) != std::string_view::npos;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string LoanPinyin(std::string syl, char liquid) {
  struct Rewrite {
    const char* from;
    const char* to;
  };
  // Whole-syllable forms first.
  static constexpr Rewrite kWhole[] = {
      {"er", ""},    {"yi", "i"},   {"yin", "in"}, {"ying", "in"}, {"wu", "u"},
      {"you", "yu"}, {"yue", "yo"}, {"yao", "yo"}, {"wei", "wi"},  {"weng", "won"},
  };
  for (const Rewrite& w : kWhole) {
    if (syl == w.from) {
      syl = w.to;
      if (std::string_view(w.from) == "er") syl = std::string(1, liquid);
      return syl;
    }
  }
  std::string init, fin;
  static constexpr Rewrite kInitials[] = {{"zh", "j"}, {"ch", "ch"}, {"sh", "sh"}, {"q", "ch"},
                                          {"x", "s"},  {"c", "ts"},  {"l", "l"}};
  bool found = false;
  for (const Rewrite& r : kInitials) {
    if (StartsWith(syl, r.from)) {
      init = r.to;
      fin = syl.substr(std::string_view(r.from).size());
      found = true;
      break;
    }
  }
  if (!found) {
    size_t v = 0;
    while (v < syl.size() && !IsVowelLetter(syl[v])) ++v;
    init = syl.substr(0, v);
    fin = syl.substr(v);
  }
  // The tables write the foreign l and r with the l-series (拉 la, 里 li,
  // 罗 luo); the r-series (日 ri, 热 re, 茹 ru, 任 ren) writes the zh of
  // Russian and the j of French (普里戈任 Prigozhin, 让 Jean). The l reading
  // reads them so; the r reading keeps a liquid (瑞安 Ryan).
  if (init == "r" && liquid == 'l') {
    init = "j";
  } else if (init == "l" || init == "r") {
    init = std::string(1, liquid);
  }
  const bool sibilant = init == "z" || init == "ts" || init == "s" || init == "j" || init == "ch" ||
                        init == "sh" || init == std::string(1, liquid);
  if (fin == "i" && sibilant && syl[0] != 'l' && syl[0] != 'j' && syl[0] != 'q' && syl[0] != 'x') {
    fin.clear();  // zi, ci, si, zhi, chi, shi, ri
  }
  static constexpr Rewrite kFinals[] = {
      {"iang", "ian"}, {"uang", "uan"}, {"iong", "ion"}, {"ang", "an"}, {"eng", "en"},
      {"ing", "in"},   {"ong", "on"},   {"iao", "io"},   {"uo", "o"},   {"ou", "o"},
      {"ao", "o"},     {"ei", "e"},     {"ie", "e"},     {"ue", "ue"},
  };
  for (const Rewrite& r : kFinals) {
    if (fin == r.from) {
      fin = r.to;
      break;
    }
  }
  return init + fin;
}

std::string RomanizeHanLoan(std::string_view han, char liquid) {
  // A Russian name in its conventional form reads as the name (ZhRussianName).
  if (const std::string_view name = ZhRussianName(han); !name.empty()) return std::string(name);
  std::vector<std::string> chars;
  size_t pos = 0;
  while (pos < han.size()) {
    size_t start = pos;
    io::DecodeUtf8(han, pos);
    chars.emplace_back(han.substr(start, pos - start));
  }
  std::vector<std::string> syl;
  for (const std::string& ch : chars) {
    const char* fixed = nullptr;
    for (const HanReading& r : kHanTranscriptionReadings) {
      if (ch == r.han) fixed = r.latin;
    }
    if (fixed != nullptr) {
      syl.emplace_back(fixed);
      continue;
    }
    std::vector<std::string> p = PinyinSyllables(ch);
    syl.push_back(p.empty() ? std::string() : LoanPinyin(p[0], liquid));
  }
  std::string out;
  for (size_t i = 0; i < syl.size(); ++i) {
    std::string s = syl[i];
    if (IsBareConsonantChar(chars[i]) &&
        (i + 1 == syl.size() || (!syl[i + 1].empty() && !IsVowelLetter(syl[i + 1][0])))) {
      size_t v = 0;
      while (v < s.size() && !IsVowelLetter(s[v])) ++v;
      if (v > 0) s.resize(v);
    }
    out += s;
  }
  return out;
}

// Devanagari as Hindi names are spelled in English (kHindi). ICU's
// Devanagari-Latin writes every consonant's inherent vowel, which Hindi
// does not say at the end of a word nor, mostly, between a vowel and a
// consonant followed by another vowel (schwa deletion): सलमान खान reads
// "salamana khana" there and is spelled Salman Khan. Here: the consonants
// and vowels by the customary English spelling (श and ष sh, ऋ ri, च ch, छ
// chh, फ़ f, ज़ z, ड़ r), the inherent vowel kept after a cluster at the end
// of a word (मित्र mitra, कृष्ण krishna) and in a word of one syllable, the
// anusvara as the nasal of the next consonant (m before p b m, ng before h
// as in सिंह Singh, else n). Right to left, an inherent vowel between a vowel
// and a consonant that is followed by a vowel is dropped (मनमोहन manmohan,
// केजरीवाल kejrival; Ohala's rule). ज्ञ is gy (प्रज्ञा Pragya). kHindiLong
// writes a long ई or ऊ inside a word ee or oo, as many names are spelled
// (दाऊद Dawood, दीपक Deepak). Other characters are copied.
//
// Bengali's block follows Devanagari's layout letter for letter (both keep
// ISCII's order, 0x80 apart), so the same reader serves it (kBengali) with
// the values Bengali names are spelled with in English: ফ f (তোফায়েল
// Tofayel), the anusvara ng (বাংলা Bangla), ঔ ow (চৌধুরী Chowdhury), য j at the
// start of a word and ৎ t, ব after another consonant w (বিশ্বাস Biswas),
// and ও or ো before য় and a vowel w (আনোয়ার Anowar, ওয়াহিদ Wahid).
// kBengaliZ reads জ z, as names from Arabic and Persian are spelled
// (আজাদ Azad, নজরুল Nazrul); kBengaliSaid also says the inherent vowels
// inside a word, which Bengali keeps more often than Hindi (বেনজীর Benazir,
// আহমেদ Ahamed).
struct IndicReading {
  bool bengali = false;      // Bengali letter values (the run is Bengali)
  bool long_vowels = false;  // a long ई ऊ inside a word as ee, oo
  bool z = false;            // Bengali জ as z
  bool medial = true;        // inherent vowels dropped inside a word (Ohala)
};

IndicReading IndicReadingOf(System system) {
  switch (system) {
    case System::kHindiLong:
      return {.long_vowels = true};
    case System::kBengali:
      return {.bengali = true};
    case System::kBengaliZ:
      return {.bengali = true, .z = true};
    case System::kBengaliSaid:
      return {.bengali = true, .z = true, .medial = false};
    default:
      return {};
  }
}

struct IndicPhone {
  enum Kind : uint8_t { kConsonant, kVowel, kInherent, kNasal, kVisarga } kind;
  std::string text;         // kConsonant, kVowel (a long ई or ऊ: "i", "u")
  char32_t letter = 0;      // kConsonant: its Devanagari letter without a nukta
  bool long_vowel = false;  // kVowel: ई or ऊ
};

// The consonants U+0915 क .. U+0939 ह, in order.
constexpr const char* kIndicConsonants[37] = {
    "k",  "kh", "g", "gh", "n", "ch", "chh", "j",  "jh", "n",  "t", "th", "d",
    "dh", "n",  "t", "th", "d", "dh", "n",   "n",  "p",  "ph", "b", "bh", "m",
    "y",  "r",  "r", "l",  "l", "l",  "v",   "sh", "sh", "s",  "h"};

// A consonant's spelling with a nukta (क़ q, ख़ kh, ग़ gh, ज़ z, ड़ r, ढ़ rh,
// फ़ f, य़ y); the plain spelling for the others.
std::string_view IndicNukta(char32_t c, std::string_view plain) {
  switch (c) {
    case U'क':
      return "q";
    case U'ज':
      return "z";
    case U'ड':
      return "r";
    case U'ढ':
      return "rh";
    case U'फ':
      return "f";
    case U'य':
      return "y";
    default:
      return plain;
  }
}

// An independent vowel or a vowel sign (Devanagari); nullptr for neither.
const char* IndicVowel(char32_t c, const IndicReading& r) {
  switch (c) {
    case U'अ':
    case U'आ':
    case U'ा':
    case U'ॲ':
      return "a";
    case U'इ':
    case U'ई':
    case U'ि':
    case U'ी':
      return "i";
    case U'उ':
    case U'ऊ':
    case U'ु':
    case U'ू':
      return "u";
    case U'ऋ':
    case U'ॠ':
    case U'ृ':
    case U'ॄ':
      return "ri";
    case U'ऌ':
    case U'ॢ':
      return "li";
    case U'ए':
    case U'ऍ':
    case U'ऎ':
    case U'े':
    case U'ॅ':
    case U'ॆ':
      return "e";
    case U'ऐ':
    case U'ै':
      return "ai";
    case U'ओ':
    case U'ऑ':
    case U'ऒ':
    case U'ो':
    case U'ॉ':
    case U'ॊ':
      return "o";
    case U'औ':
    case U'ौ':
      return r.bengali ? "ow" : "au";
    default:
      return nullptr;
  }
}

// One word's phones, spelled (IndicPhone above); a long vowel doubled with
// `r.long_vowels`, except at the end of the word (Gandhi, Nehru).
std::string SpellIndicWord(const std::vector<IndicPhone>& w, const IndicReading& r) {
  auto sounded = [&w](int i) {  // a vowel that is still said
    return i >= 0 && i < static_cast<int>(w.size()) &&
           (w[i].kind == IndicPhone::kVowel || w[i].kind == IndicPhone::kInherent);
  };
  auto consonant = [&w](int i) {
    return i >= 0 && i < static_cast<int>(w.size()) && w[i].kind == IndicPhone::kConsonant;
  };
  const int n = static_cast<int>(w.size());
  int syllables = 0;
  for (int i = 0; i < n; ++i) syllables += sounded(i);
  std::vector<bool> dropped(w.size(), false);
  // The end of the word: not after a cluster, not the only syllable.
  if (n >= 2 && w[n - 1].kind == IndicPhone::kInherent && syllables > 1 &&
      !(consonant(n - 2) && consonant(n - 3))) {
    dropped[n - 1] = true;
  }
  // Inside it, right to left: V C _ C V.
  auto said = [&](int i) { return sounded(i) && !dropped[i]; };
  for (int i = n - 2; r.medial && i >= 2; --i) {
    if (w[i].kind != IndicPhone::kInherent) continue;
    if (consonant(i - 1) && said(i - 2) && consonant(i + 1) && said(i + 2)) dropped[i] = true;
  }
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (dropped[i]) continue;
    switch (w[i].kind) {
      case IndicPhone::kInherent:
        out += 'a';
        break;
      case IndicPhone::kNasal: {
        int next = i + 1;
        while (next < n && dropped[next]) ++next;
        const std::string_view c = consonant(next) ? std::string_view(w[next].text) : "";
        out += c == "p" || c == "ph" || c == "b" || c == "bh" || c == "m" ? "m"
               : c == "h"                                                 ? "ng"
                                                                          : "n";
        break;
      }
      case IndicPhone::kVisarga:
        out += 'h';
        break;
      default:
        if (r.long_vowels && w[i].long_vowel && i + 1 < n) {
          out += w[i].text == "i" ? "ee" : "oo";
        } else {
          out += w[i].text;
        }
    }
  }
  return out;
}

// Devanagari or Bengali, read with `r` (the comment above).
std::string RomanizeIndic(std::string_view run, const IndicReading& r) {
  std::string out;
  std::vector<IndicPhone> word;
  auto flush = [&] {
    if (!word.empty()) out += SpellIndicWord(word, r);
    word.clear();
  };
  // The consonant the last phone but one is (its inherent vowel last), or
  // nullptr.
  auto last_consonant = [&word]() -> IndicPhone* {
    if (word.size() < 2 || word[word.size() - 2].kind != IndicPhone::kConsonant) return nullptr;
    return &word[word.size() - 2];
  };
  // A nukta on the last consonant; in Bengali ও or ো before য় is "ow" and
  // the য় a w (an initial ও then only the w: ওয়াহিদ Wahid).
  auto nukta = [&] {
    IndicPhone* consonant = last_consonant();
    if (consonant == nullptr) return;
    consonant->text = IndicNukta(consonant->letter, consonant->text);
    const size_t at = word.size() - 2;
    if (r.bengali && consonant->letter == U'य' && at >= 1 &&
        word[at - 1].kind == IndicPhone::kVowel && word[at - 1].text == "o") {
      consonant->text = "w";
      if (at == 1) word.erase(word.begin());
    }
  };
  size_t pos = 0;
  while (pos < run.size()) {
    const size_t start = pos;
    char32_t c = io::DecodeUtf8(run, pos);
    if (r.bengali && c >= 0x0980 && c <= 0x09FF) {
      if (c == 0x09CE) {  // ৎ: t without a vowel
        word.push_back({IndicPhone::kConsonant, "t", U'त'});
        continue;
      }
      if (c == 0x09D7) continue;  // the length mark of ৌ, as NFKC has left it
      c = c == 0x09F0 ? U'र' : c == 0x09F1 ? U'व' : c - 0x80;  // (Assamese ৰ ৱ)
    }
    if ((c >= U'क' && c <= U'ह') || (c >= 0x0958 && c <= 0x095F)) {
      // (The precomposed consonants with a nukta: क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़.)
      static constexpr char32_t kNuktaBase[8] = {U'क', U'ख', U'ग', U'ज', U'ड', U'ढ', U'फ', U'य'};
      const char32_t letter = c <= U'ह' ? c : kNuktaBase[c - 0x0958];
      std::string text = kIndicConsonants[letter - U'क'];
      // A consonant right after a virama, the vowel killed (a conjunct).
      const bool joined = !word.empty() && word.back().kind == IndicPhone::kConsonant;
      if (r.bengali) {
        if (letter == U'फ') text = "f";
        if (letter == U'ज' && r.z) text = "z";
        if (letter == U'व') text = "w";
        if (letter == U'य' && word.empty()) text = "j";
        if (letter == U'ब' && joined && word.back().letter != U'म' && word.back().letter != U'ब') {
          text = "w";
        }
      }
      // ज्ञ is said and spelled gy (ज्ञान Gyan, प्रज्ञा Pragya).
      if (letter == U'ञ' && joined && word.back().letter == U'ज') {
        word.back().text = "g";
        text = "y";
      }
      word.push_back({IndicPhone::kConsonant, std::move(text), letter});
      word.push_back({IndicPhone::kInherent, {}});
      if (c > U'ह') nukta();
    } else if (c == 0x093C) {  // a nukta after a consonant
      nukta();
    } else if (c == 0x094D) {  // virama: no vowel after the consonant
      if (!word.empty() && word.back().kind == IndicPhone::kInherent) word.pop_back();
    } else if (const char* v = IndicVowel(c, r)) {
      const bool sign = (c >= 0x093A && c <= 0x094F) || c == 0x0962 || c == 0x0963;
      if (sign && !word.empty() && word.back().kind == IndicPhone::kInherent) word.pop_back();
      const bool long_vowel = c == U'ई' || c == U'ी' || c == U'ऊ' || c == U'ू';
      word.push_back({IndicPhone::kVowel, v, 0, long_vowel});
    } else if (c == 0x0902 && r.bengali) {  // ং is ng before any letter
      word.push_back({IndicPhone::kConsonant, "ng", 0});
    } else if (c == 0x0901 || c == 0x0902) {  // candrabindu, anusvara
      word.push_back({IndicPhone::kNasal, {}});
    } else if (c == 0x0903) {
      word.push_back({IndicPhone::kVisarga, {}});
    } else if (c >= 0x0966 && c <= 0x096F) {
      flush();
      out += static_cast<char>('0' + (c - 0x0966));
    } else if (c == 0x0950) {  // om
      flush();
      out += "om";
    } else {  // (Fold has dropped dandas and joiners; an avagraha ends a word.)
      flush();
      out.append(run.substr(start, pos - start));
    }
  }
  flush();
  return out;
}

// Burmese (Myanmar script) as Burmese names are spelled in English, one
// Latin word per syllable (မင်းအောင်လှိုင် Min Aung Hlaing), where ICU's
// Myanmar-Latin spells every sign and joins the syllables. A syllable is
// an initial (a consonant, or an independent vowel), its medials (ျ and ြ
// y, ွ w, ှ h), vowel signs and a final consonant (with the asat ်, or
// stacked under the next by the virama ္); the tone marks are not written.
// The initial is spelled as names do (သ th, ထ ht, ဆ s, ည ny, ရ y), with
// the medials: ကျ ky, ချ ch, လှ hl, ရှ sh; the vowel with the final as a
// rime (ောင် aung, ိုင် aing, ိန် ein, ွန် un, ော် aw, ို o, ေ e), a creaky
// nasal final with t (မြင့် Myint). kBurmeseAlt writes ို oe, ူ oo and ေ ay,
// as many names do (Soe, Oo, Htay).
namespace burmese {

// The consonants U+1000 က .. U+1021 အ as initials.
constexpr const char* kInitials[34] = {
    "k",  "kh", "g", "g", "ng", "s",  "s", "z", "z", "ny", "ny", "t", "ht", "d",  "d", "n", "t",
    "ht", "d",  "d", "n", "p",  "ph", "b", "b", "m", "y",  "y",  "l", "w",  "th", "h", "l", ""};

struct Syllable {
  char32_t initial = 0;                     // a consonant or an independent vowel
  bool ya = false, wa = false, ha = false;  // medials
  bool i = false, u = false, e = false, a = false, ai = false, long_u = false;
  bool anusvara = false, creaky = false;
  char32_t final = 0;
};

bool Consonant(char32_t c) { return c >= 0x1000 && c <= 0x1021; }

std::string Onset(const Syllable& s) {
  if (!Consonant(s.initial)) return "";  // an independent vowel
  std::string base = kInitials[s.initial - 0x1000];
  if (s.ha) {
    if (s.initial == U'ရ' || s.initial == U'ယ') {
      base = "sh";
    } else if (s.initial == U'လ' || s.initial == U'မ' || s.initial == U'န' || s.initial == U'င' ||
               s.initial == U'ည' || s.initial == U'ဝ') {
      base = "h" + base;
    }
  }
  if (s.ya) {
    if (s.initial == U'က') {
      base = "ky";
    } else if (s.initial == U'ခ') {
      base = "ch";
    } else if (s.initial == U'ဂ') {
      base = "gy";
    } else if (s.initial != U'ရ' && s.initial != U'ယ') {
      base += 'y';
    }
  }
  return base;
}

std::string Rime(const Syllable& s, bool alt) {
  const char32_t f = s.final;
  const bool o = s.i && s.u;   // ို
  const bool aw = s.e && s.a;  // ော
  const bool nasal = f == U'င' || f == U'ဉ' || f == U'န' || f == U'မ' || f == U'ဏ';
  // ွ before these finals is the vowel u of the rime (ထွန်း Htun), else w.
  const bool wa_rime = f == U'န' || f == U'မ' || f == U'တ' || f == U'ပ' || f == U'ဋ' || f == U'ဏ';
  std::string w = s.wa && !wa_rime ? "w" : "";
  std::string r;
  if (f == 0) {
    if (o) {
      r = alt ? "oe" : "o";
    } else if (aw) {
      r = "aw";
    } else if (s.i) {
      r = s.anusvara ? "ein" : "i";
    } else if (s.u) {
      r = s.anusvara ? "on" : (alt && s.long_u ? "oo" : "u");
    } else if (s.e) {
      r = alt ? "ay" : "e";
    } else if (s.ai) {
      r = "e";
    } else {
      r = s.anusvara ? "an" : "a";
    }
  } else if (f == U'က') {
    r = o ? "aik" : aw ? "auk" : "et";
  } else if (f == U'င' || f == U'ဉ') {
    r = o ? "aing" : aw ? "aung" : "in";
  } else if (f == U'စ') {
    r = "it";
  } else if (f == U'ည') {
    r = "i";
  } else if (f == U'တ' || f == U'ပ' || f == U'ဋ') {
    r = s.wa ? "ut" : o || s.u ? "ok" : s.i ? "eik" : "at";
  } else if (f == U'န' || f == U'မ' || f == U'ဏ') {
    r = s.wa ? "un" : o || s.u ? "on" : s.i ? "ein" : "an";
  } else if (f == U'ယ') {
    r = "e";
  } else if (f == U'လ') {
    r = o ? "o" : "an";
  } else {
    r = "a";
  }
  if (nasal && s.creaky) r += 't';
  return w + r;
}

}  // namespace burmese

std::string RomanizeBurmese(std::string_view run, bool alt) {
  using burmese::Syllable;
  std::vector<char32_t> cps;
  for (size_t pos = 0; pos < run.size();) cps.push_back(io::DecodeUtf8(run, pos));
  // Whether the consonant at k closes the syllable before it: an asat
  // follows (after a dot below), or a virama stacks the next consonant.
  auto closes = [&cps](size_t k) {
    size_t j = k + 1;
    while (j < cps.size() && cps[j] == 0x1037) ++j;
    return j < cps.size() && (cps[j] == 0x103A || cps[j] == 0x1039);
  };
  std::string out;
  Syllable s;
  bool open = false;
  auto flush = [&] {
    if (!open) return;
    if (!out.empty() && out.back() != ' ') out += ' ';
    out += burmese::Onset(s) + burmese::Rime(s, alt);
    s = Syllable();
    open = false;
  };
  for (size_t k = 0; k < cps.size(); ++k) {
    const char32_t c = cps[k];
    if (burmese::Consonant(c) && open && closes(k)) {
      s.final = c;
    } else if (burmese::Consonant(c)) {
      flush();
      s.initial = c;
      open = true;
    } else if (c >= 0x1023 && c <= 0x102A) {  // independent vowels
      flush();
      open = true;
      s.initial = c;
      if (c == 0x1023 || c == 0x1024) s.i = true;
      if (c == 0x1025 || c == 0x1026) s.u = s.long_u = true;
      if (c == 0x1027) s.e = true;
      if (c == 0x1029 || c == 0x102A) s.e = s.a = true;
    } else if (c == 0x103B || c == 0x103C) {
      s.ya = true;
    } else if (c == 0x103D) {
      s.wa = true;
    } else if (c == 0x103E) {
      s.ha = true;
    } else if (c == 0x102B || c == 0x102C) {
      s.a = true;
    } else if (c == 0x102D || c == 0x102E) {
      s.i = true;
    } else if (c == 0x102F || c == 0x1030) {
      s.u = true;
      s.long_u |= c == 0x1030;
    } else if (c == 0x1031) {
      s.e = true;
    } else if (c == 0x1032) {
      s.ai = true;
    } else if (c == 0x1036) {
      s.anusvara = true;
    } else if (c == 0x1037) {
      s.creaky = true;
    } else if (c == 0x1038 || c == 0x103A || c == 0x1039) {
      // visarga (a tone), the asat and the virama (read with the final)
    } else if (c >= 0x1040 && c <= 0x1049) {
      flush();
      out += static_cast<char>('0' + (c - 0x1040));
    } else {
      flush();
      io::AppendUtf8(out, c);
    }
  }
  flush();
  return out;
}

// Hebrew without vowel points: the consonants, with the letters that also
// write vowels (matres lectionis) read as vowels inside a word — ו o (וו v),
// י i (יי y), א and ע a, final ה a — and as consonants at its start (ו v,
// י y). Inside a word ב is v and כ ch (begadkefat without dagesh), and פ is
// f; `hard` keeps them b, p, k; `foreign` reads ב v but פ p and כ k, as
// foreign names mostly use them (-ova, -pa-, -ka-). Niqqud (vowel points)
// is dropped.
// The Hebrew letters (U+05D0 א to U+05EA ת) whose reading does not depend
// on their place in the word; nullptr for those that do (ב ה ו י כ ך פ).
constexpr const char* kHebrewFixed[27] = {
    "a",     nullptr, "g",     "d",  nullptr, nullptr, "z", "h",  "t",
    nullptr, nullptr, nullptr, "l",  "m",     "m",     "n", "n",  "s",
    "a",     "f",     nullptr, "ts", "ts",    "k",     "r", "sh", "t"};

std::string RomanizeHebrew(std::string_view run, bool hard, bool foreign) {
  std::vector<char32_t> cps;
  size_t pos = 0;
  while (pos < run.size()) {
    char32_t c = io::DecodeUtf8(run, pos);
    if (c >= 0x0591 && c <= 0x05C7) continue;  // points and cantillation marks
    cps.push_back(c);
  }
  std::string out;
  for (size_t i = 0; i < cps.size(); ++i) {
    const char32_t c = cps[i];
    const bool first = i == 0;
    const bool last = i + 1 == cps.size();
    const char32_t next = last ? 0 : cps[i + 1];
    const bool soft = !first && !hard;
    // Geresh (Fold keeps it after these letters): the sounds Hebrew lacks,
    // ג׳ j, ז׳ zh, צ׳ ch, ת׳ th.
    if (next == 0x05F3) {
      const char* g = nullptr;
      if (c == U'ג') g = "j";
      if (c == U'ז') g = "zh";
      if (c == U'צ' || c == U'ץ') g = "ch";
      if (c == U'ת') g = "th";
      if (g != nullptr) {
        out += g;
        ++i;
        continue;
      }
    }
    if (c == 0x05F3) continue;
    // A word-initial א carries the vowel written after it: או o/u, אי i
    // (אוסטין Austin, איבנוב Ivanov); before וו (a v) it stays a.
    if (c == U'א' && first && i + 1 < cps.size() && (next == U'ו' || next == U'י') &&
        (i + 2 >= cps.size() || cps[i + 2] != next)) {
      continue;
    }
    // Foreign names: the German st, sp (Stein, Spiegel) are written שט, שפ.
    if (c == U'ש' && foreign && (next == U'ט' || next == U'פ')) {
      out += 's';
      continue;
    }
    switch (c) {
      case U'ב':
        out += soft || (foreign && !first) ? "v" : "b";
        break;
      case U'ה':
        out += last && !first ? "a" : "h";
        break;
      case U'ו':
        if (next == U'ו') {
          out += "v";
          ++i;
        } else {
          // ו writes o and u alike; the foreign reading takes u, but o in
          // the Slavic -ov, -ova, -ovich (-וב, -ובה, -וביץ').
          out += first ? "v" : foreign && next != U'ב' ? "u" : "o";
        }
        break;
      case U'י':
        if (next == U'י') {
          out += "y";
          ++i;
        } else {
          out += first ? "y" : "i";
        }
        break;
      case U'כ':
      case U'ך':
        out += soft ? "ch" : "k";
        break;
      case U'פ':
        // A foreign name's initial f or ph is פ too: the soft reading takes f.
        out += hard ? "p" : "f";
        break;
      default: {
        const char* fixed = c >= 0x05D0 && c <= 0x05EA ? kHebrewFixed[c - 0x05D0] : nullptr;
        out += fixed != nullptr ? std::string(fixed) : AnyLatinChar(c);
      }
    }
  }
  return out;
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

// The Latin letters of an Arabic-script letter (`first`: at the start of the
// word); nullptr for a letter this table does not read. `persian`: as Persian
// pronounces ث s and ذ ض z (رضایی Rezaei, ذوالفقاری Zolfaghari), not th, dh, d.
const char* ArabicLetter(char32_t c, bool first, bool persian = false) {
  if (persian && c == U'ث') return "s";
  if (persian && (c == U'ذ' || c == U'ض')) return "z";
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

// Foreign names in Arabic script: Arabic has no p, ch and (outside Egypt)
// no hard g, so ب also writes p (بيتر Peter), تش the ch, and ج or غ the g
// (جورج George, -نغ -ng); the foreign reading takes p, ch and g.
std::string ArabicForeignWord(std::string_view word) {
  std::string out;
  size_t pos = 0;
  bool first = true;
  while (pos < word.size()) {
    char32_t c = io::DecodeUtf8(word, pos);
    if (IsArabicVowelMark(c)) continue;
    const char* m = c == U'ب' ? "p" : c == U'ج' || c == U'غ' ? "g" : ArabicLetter(c, first);
    // تش writes the ch Arabic lacks (ريتشارد Richard, -يتش -ić).
    if (c == U'ت' && word.substr(pos).starts_with("ش")) {
      m = "ch";
      pos += std::string_view("ش").size();
    }
    if (m != nullptr) {
      out += m;
    } else {
      out += AnyLatinChar(c);
    }
    first = false;
  }
  return out;
}

// A letter Persian writes and Arabic does not (ی ک گ پ چ ژ).
bool IsPersianLetter(char32_t c) {
  return c == U'ی' || c == U'ک' || c == U'گ' || c == U'پ' || c == U'چ' || c == U'ژ';
}

// A word that may be a foreign name: none of the letters for sounds
// European languages lack (ح خ ع ق ص ض ط ظ ث ذ), no feminine ة, no
// hamza inside the word, no Persian letters (ی ک گ پ چ ژ: a Persian name),
// and not a common Arabic name word.
bool LooksForeignArabic(std::string_view word) {
  if (!ArabicWord(word).empty()) return false;
  size_t pos = 0;
  bool first = true;
  while (pos < word.size()) {
    const char32_t c = io::DecodeUtf8(word, pos);
    if (IsPersianLetter(c)) return false;
    switch (c) {
      case U'ح':
      case U'خ':
      case U'ع':
      case U'ق':
      case U'ص':
      case U'ض':
      case U'ط':
      case U'ظ':
      case U'ث':
      case U'ذ':
      case U'ة':
      case U'ء':
      case U'ؤ':
      case U'ئ':
        return false;
      case U'أ':
      case U'إ':
        if (!first) return false;
        break;
      default:
        break;
    }
    first = false;
  }
  return true;
}

// Whether a word has a letter only Persian writes (IsPersianLetter).
bool HasPersianLetter(std::string_view word) {
  size_t pos = 0;
  while (pos < word.size()) {
    if (IsPersianLetter(io::DecodeUtf8(word, pos))) return true;
  }
  return false;
}

// Whether an Arabic-script word ends as Russian surnames do there: وف -ov,
// يف or یف -ev, and their feminine forms with ا, after at least three
// letters.
bool RussianSurnameInArabic(std::string_view word) {
  for (std::string_view end : {"وف", "يف", "یف", "وفا", "يفا", "یفا"}) {
    if (word.size() >= end.size() + 6 && word.ends_with(end)) return true;
  }
  return false;
}

std::string ArabicCommonWord(std::string_view word) {
  std::string_view known = ArabicWord(word);
  if (!known.empty()) return std::string(known);
  // The article al- is written joined: الرشيد -> al rashid.
  if (word.size() > 4 && word.substr(0, 4) == "ال") {
    return "al " + ArabicCommonWord(word.substr(4));
  }
  // A word with a letter only Persian writes reads its letters as Persian
  // does, and so does a Russian surname (-ov, -ev, -ova, -eva: عثمانوف
  // Usmanov, where ث writes the s of a Turkic name).
  const bool persian = HasPersianLetter(word) || RussianSurnameInArabic(word);
  std::string out;
  size_t pos = 0;
  bool first = true;
  while (pos < word.size()) {
    char32_t c = io::DecodeUtf8(word, pos);
    if (IsArabicVowelMark(c)) continue;
    const char* m = ArabicLetter(c, first, persian);
    // و before a final Persian ی is the v of a Persian or Urdu nisba (علوی
    // Alvi, لکھوی Lakhvi), not a vowel. (Not before Arabic ي: Maghrebi
    // names spell it -oui, يحياوي Yahyaoui.)
    if (c == U'و' && !first && word.substr(pos) == "ی") m = "v";
    if (m != nullptr) {
      out += m;
    } else {
      out += AnyLatinChar(c);
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
  // OpenCC reads a multi-byte sequence whole from its lead byte: one cut
  // short at the end of invalid UTF-8 would be read past the buffer.
  if (!io::IsValidUtf8(han)) return std::string(han);
  thread_local RecentResults<1024> recent;
  if (const std::string* hit = recent.Find(0, han)) return *hit;
  std::string result;
  {
    std::lock_guard<std::mutex> lock(conv->mu);
    char* out = opencc_convert_utf8(conv->handle, han.data(), han.size());
    if (out == nullptr) return std::string(han);
    result = out;
    opencc_convert_utf8_free(out);
  }
  recent.Put(0, han, result);
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
    case System::kKoreanDprk:
      return "korean_dprk";
    case System::kKoreanDprkSurname:
      return "korean_dprk_surname";
    case System::kAnyLatin:
      return "any_latin";
    case System::kAnyLatinNoVowel:
      return "any_latin_novowel";
    case System::kArabicCommon:
      return "arabic_common";
    case System::kLoanword:
      return "loanword";
    case System::kLoanwordAlt:
      return "loanword_alt";
    case System::kHebrew:
      return "hebrew";
    case System::kHebrewHard:
      return "hebrew_hard";
    case System::kArabicForeign:
      return "arabic_foreign";
    case System::kSinoKorean:
      return "sino_korean";
    case System::kSinoKoreanDprk:
      return "sino_korean_dprk";
    case System::kHebrewForeign:
      return "hebrew_foreign";
    case System::kPolivanov:
      return "polivanov";
    case System::kPalladius:
      return "palladius";
    case System::kHangulHepburn:
      return "hangul_hepburn";
    case System::kHindi:
      return "hindi";
    case System::kHindiLong:
      return "hindi_long";
    case System::kBengali:
      return "bengali";
    case System::kBengaliZ:
      return "bengali_z";
    case System::kBengaliSaid:
      return "bengali_said";
    case System::kBurmese:
      return "burmese";
    case System::kBurmeseAlt:
      return "burmese_alt";
    case System::kLoanwordDental:
      return "loanword_dental";
  }
  return "latin";
}

// `run` with each letter of `map` written as its pair, kept in `buffer`;
// `run` itself, not copied, when it has none of them.
std::string_view Respell(std::string_view run, std::string& buffer,
                         std::span<const std::pair<char32_t, char32_t>> map) {
  auto pair_of = [&map](char32_t c) -> char32_t {
    for (const auto& [from, to] : map) {
      if (c == from) return to;
    }
    return 0;
  };
  size_t pos = 0;
  while (pos < run.size()) {
    const size_t at = pos;
    const char32_t to = pair_of(io::DecodeUtf8(run, pos));
    if (to == 0) continue;
    buffer.assign(run.substr(0, at));
    io::AppendUtf8(buffer, to);
    while (pos < run.size()) {
      const char32_t c = io::DecodeUtf8(run, pos);
      const char32_t respelt = pair_of(c);
      io::AppendUtf8(buffer, respelt != 0 ? respelt : c);
    }
    return buffer;
  }
  return run;
}

// The letters Kazakh, Tatar, Bashkir and Kyrgyz add to the Cyrillic
// alphabet, as the nearest Russian letter (ә а, ғ г, қ к, ң н, ө о, ұ у,
// ү у, һ х, җ ж, ҙ з, ҫ с): names from those languages reach the Russian
// tables and ICU's Russian-Latin/BGN whole (Әлинә -> Алина, alina, the
// Alina of the same person's Russian name) instead of losing the letters
// that have no ASCII spelling.
std::string_view WithRussianLetters(std::string_view run, std::string& buffer) {
  static constexpr std::pair<char32_t, char32_t> kMap[] = {
      {U'ә', U'а'}, {U'ғ', U'г'}, {U'қ', U'к'}, {U'ң', U'н'}, {U'ө', U'о'}, {U'ұ', U'у'},
      {U'ү', U'у'}, {U'һ', U'х'}, {U'җ', U'ж'}, {U'ҙ', U'з'}, {U'ҫ', U'с'}};
  return Respell(run, buffer, kMap);
}

// The letters Urdu and Pashto add to the Arabic alphabet, as the nearest
// Arabic or Persian letter: the retroflex ٹ ڈ ڑ (Pashto ټ ډ ړ) as ت د ر,
// Urdu's two hehs ہ and ھ (which after a consonant aspirates it: کھ kh,
// بھ bh) as ه, ے ۓ (Pashto ې ۍ) as ی, ں ڼ as ن, ۃ as ة, Pashto ږ ښ ګ ځ څ
// as ژ ش گ ز س. ICU's Arabic-Latin left them out of the ASCII readings
// (اظہر "azr" for Azhar, لکھوی "lkui" for Lakhvi, ڈار "ar" for Dar).
std::string_view WithArabicLetters(std::string_view run, std::string& buffer) {
  static constexpr std::pair<char32_t, char32_t> kMap[] = {
      {U'ٹ', U'ت'}, {U'ټ', U'ت'}, {U'ڈ', U'د'}, {U'ډ', U'د'}, {U'ڑ', U'ر'}, {U'ړ', U'ر'},
      {U'ہ', U'ه'}, {U'ۂ', U'ه'}, {U'ھ', U'ه'}, {U'ۃ', U'ة'}, {U'ے', U'ی'}, {U'ۓ', U'ی'},
      {U'ې', U'ی'}, {U'ۍ', U'ی'}, {U'ں', U'ن'}, {U'ڼ', U'ن'}, {U'ږ', U'ژ'}, {U'ښ', U'ش'},
      {U'ګ', U'گ'}, {U'ځ', U'ز'}, {U'څ', U'س'}};
  return Respell(run, buffer, kMap);
}

std::vector<System> SystemsFor(Script script, std::string_view text, bool whole_name, bool dotted) {
  switch (script) {
    case Script::kLatin:
    case Script::kUnknown:
      return {System::kLatin};
    case Script::kCyrillic:
      if (!PolivanovToHepburn(text).empty()) {
        return {System::kBgn, System::kIcao, System::kScientific, System::kPolivanov};
      }
      if (!PalladiusToPinyin(text).empty()) {
        return {System::kBgn, System::kIcao, System::kScientific, System::kPalladius};
      }
      return {System::kBgn, System::kIcao, System::kScientific};
    case Script::kHan: {
      std::vector<System> s = {System::kPinyin, System::kPinyinSplit};
      if (JapaneseNamePrefix(text) > 0) s.push_back(System::kJapanese);
      const std::string simplified = ToSimplified(text);
      if (dotted || IsTranscription(simplified, whole_name ? 2 : 3) ||
          !ZhRussianName(simplified).empty()) {
        s.push_back(System::kLoanword);
        if (s.size() < 4) s.push_back(System::kLoanwordAlt);
      } else if (s.size() < 4 && !HanjaNameToHangul(text).empty()) {
        s.push_back(System::kSinoKorean);
        if (s.size() < 4) s.push_back(System::kSinoKoreanDprk);
      }
      return s;
    }
    case Script::kHangul: {
      std::vector<System> s = {System::kKoreanPopular, System::kRevised};
      if (!LooksForeignHangul(text, whole_name)) {
        s.push_back(System::kKoreanDprk);
        // The surname spelling only where the run starts with the surname:
        // a whole name (이병철) or a surname alone (이 병철, 병철 이); in
        // "유진 류" the first run is a given name.
        size_t pos = 0;
        const char32_t first = text.empty() ? 0 : io::DecodeUtf8(text, pos);
        if (!DprkSurname(first).empty() && (whole_name || pos == text.size())) {
          s.push_back(System::kKoreanDprkSurname);
        }
        // A whole name that reads as Korean (LooksForeignHangul: one
        // syllable, or two or three that start with a surname) is often a
        // foreign name as well (로디 Roddy, 차녹 Charnock, 로마나 Lomana): also its loanword
        // reading, where the forms leave room (not with a North Korean
        // surname spelling).
        if (whole_name && s.size() < kMaxForms) {
          s.push_back(System::kLoanword);
        }
        return s;
      }
      // A Japanese name in Hangul: its Hepburn reading instead of Revised
      // Romanization (which adds little to the customary one here).
      if (!HangulHepburn(text).empty()) s[1] = System::kHangulHepburn;
      s.push_back(System::kLoanword);
      // The second loanword reading (f, v, initial l) only where it differs.
      bool alt = false;
      size_t pos = 0;
      for (bool first = true; pos < text.size() && !alt; first = false) {
        char32_t c = io::DecodeUtf8(text, pos);
        const int l = IsHangulSyllable(c) ? SplitHangul(c).l : -1;
        alt = l == 7 || l == 17 || (first && l == 5);
      }
      if (alt) s.push_back(System::kLoanwordAlt);
      return s;
    }
    case Script::kKana: {
      // Foreign names are written in katakana; Japanese names in hiragana
      // or with kanji get no loanword reading.
      bool native = false;
      size_t pos = 0;
      while (pos < text.size() && !native) {
        const char32_t c = io::DecodeUtf8(text, pos);
        native = ScriptOfCodePoint(c) == Script::kHan || (c >= 0x3041 && c <= 0x309F);
      }
      if (native) return {System::kAnyLatin};
      const std::vector<KanaUnit> units = KanaUnits(text);
      for (size_t i = 0; i < units.size(); ++i) {
        if (KanaDental(units, i)) {
          return {System::kAnyLatin, System::kLoanword, System::kLoanwordAlt,
                  System::kLoanwordDental};
        }
      }
      return {System::kAnyLatin, System::kLoanword, System::kLoanwordAlt};
    }
    case Script::kHebrew:
      return {System::kAnyLatin, System::kHebrew, System::kHebrewHard, System::kHebrewForeign};
    case Script::kDevanagari:
      return {System::kHindi, System::kHindiLong};
    case Script::kBengali:
      return {System::kBengali, System::kBengaliZ, System::kBengaliSaid};
    case Script::kMyanmar:
      return {System::kBurmese, System::kBurmeseAlt};
    case Script::kArabic: {
      std::string buffer;
      if (!LooksForeignArabic(WithArabicLetters(text, buffer))) {
        return {System::kArabicCommon, System::kAnyLatin, System::kAnyLatinNoVowel};
      }
      return {System::kArabicCommon, System::kAnyLatin, System::kAnyLatinNoVowel,
              System::kArabicForeign};
    }
    default:
      return {System::kAnyLatin};
  }
}

std::string RomanizeRun(std::string_view run, Script script, System system, bool person_like) {
  std::string arabic_buffer;
  if (script == Script::kArabic) run = WithArabicLetters(run, arabic_buffer);
  // A system used for this run as a whole name, as a part or as a part of a
  // dotted name; else the default.
  static constexpr std::pair<bool, bool> kUses[] = {{true, false}, {false, false}, {true, true}};
  bool ok = false;
  for (const auto& [whole, dotted] : kUses) {
    for (System s : SystemsFor(script, run, whole, dotted)) ok |= s == system;
    if (ok) break;
  }
  if (!ok) system = SystemsFor(script, run, true).front();
  std::string out;
  switch (system) {
    case System::kLatin: {
      bool ascii = true;
      for (char ch : run) ascii &= static_cast<unsigned char>(ch) < 0x80;
      out = ascii ? std::string(run) : Transliterate(kTrLatinAscii, run);
      break;
    }
    case System::kBgn:
    case System::kIcao:
    case System::kScientific: {
      std::string buffer;
      const std::string_view russian = WithRussianLetters(run, buffer);
      const bool ukrainian = HasAnyOf(russian, kUkrainianLetters);
      out = system == System::kBgn
                ? Transliterate(ukrainian ? kTrUkrainianBgn : kTrRussianBgn, russian)
                : CyrillicTable(
                      russian, system == System::kIcao, ukrainian,
                      system == System::kScientific && HasAnyOf(russian, kSouthSlavicLetters));
      break;
    }
    case System::kPinyin:
    case System::kPinyinSplit:
    case System::kJapanese:
      out = RomanizeHan(run, system, person_like);
      break;
    case System::kRevised:
      out = RomanizeHangul(run, HangulStyle::kRevised, person_like);
      break;
    case System::kKoreanPopular:
      out = RomanizeHangul(run, HangulStyle::kPopular, person_like);
      break;
    case System::kKoreanDprk:
      out = RomanizeHangul(run, HangulStyle::kDprk, person_like);
      break;
    case System::kKoreanDprkSurname:
      out = RomanizeHangul(run, HangulStyle::kDprkSurname, person_like);
      break;
    case System::kAnyLatin:
      // A run of kana alone: Hepburn from the kana units, which read a small
      // vowel kana with the kana before it (トゥ tu, ウィ wi, デュ dyu), where
      // ICU's Katakana-Latin splits the word there ("to usharu").
      out = script == Script::kKana && AllKana(run) ? RomanizeKana(run, false, 'r')
                                                    : Transliterate(kTrAnyLatin, run);
      break;
    case System::kAnyLatinNoVowel:
      out = Transliterate(kTrAnyLatin, StripArabicVowels(run));
      break;
    case System::kArabicCommon:
      out = ArabicCommonWord(run);
      break;
    case System::kLoanword:
    case System::kLoanwordAlt: {
      const bool alt = system == System::kLoanwordAlt;
      if (script == Script::kHangul) {
        out = RomanizeHangulLoan(run, alt);
      } else if (script == Script::kKana) {
        out = RomanizeKana(run, true, alt ? 'l' : 'r');
      } else {
        out = RomanizeHanLoan(ToSimplified(run), alt ? 'l' : 'r');
      }
      break;
    }
    case System::kHebrew:
    case System::kHebrewHard:
    case System::kHebrewForeign:
      out = RomanizeHebrew(run, system != System::kHebrew, system == System::kHebrewForeign);
      break;
    case System::kArabicForeign:
      out = ArabicForeignWord(run);
      break;
    case System::kPolivanov:
      out = PolivanovToHepburn(run);
      break;
    case System::kPalladius:
      out = PalladiusToPinyin(run);
      break;
    case System::kHangulHepburn:
      out = HangulHepburn(run);
      break;
    case System::kHindi:
    case System::kHindiLong:
    case System::kBengali:
    case System::kBengaliZ:
    case System::kBengaliSaid:
      out = RomanizeIndic(run, IndicReadingOf(system));
      break;
    case System::kBurmese:
    case System::kBurmeseAlt:
      out = RomanizeBurmese(run, system == System::kBurmeseAlt);
      break;
    case System::kLoanwordDental:
      out = RomanizeKana(run, true, 'l', true);
      break;
    case System::kSinoKorean:
      out = RomanizeHangul(HanjaNameToHangul(run), HangulStyle::kPopular, person_like);
      break;
    case System::kSinoKoreanDprk:
      out = RomanizeHangul(HanjaNameToHangul(run), HangulStyle::kDprkSurname, person_like);
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
  // A word of a foreign name transcribed into Hangul makes the name's other
  // Hangul words read as such too (internal::LooksForeignHangul).
  const bool foreign_hangul = std::any_of(runs.begin(), runs.end(), [](const internal::Run& r) {
    return internal::ForeignHangulWord(r.script, r.text);
  });
  std::vector<std::vector<System>> systems;
  size_t forms = 1;
  for (const internal::Run& r : runs) {
    const bool whole = runs.size() == 1 || (foreign_hangul && r.script == Script::kHangul);
    systems.push_back(internal::SystemsFor(r.script, r.text, whole));
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
