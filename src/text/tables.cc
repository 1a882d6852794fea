#include "text/tables.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "io/strings.h"
#include "text/analyze.h"
#include "text/romanize_internal.h"

namespace chokepoint::text::internal {
namespace {

#include "text/legal_forms_table.inc"
#include "text/name_tables.inc"

// Han or Hangul: scripts that write company words without spaces, so their
// phrases go to the dictionary segmenter's table.
bool HasHanOrHangul(std::string_view s) {
  size_t pos = 0;
  while (pos < s.size()) {
    // ASCII is neither (most keys are Latin: the script lookup is ICU's).
    if (static_cast<unsigned char>(s[pos]) < 0x80) {
      ++pos;
      continue;
    }
    const Script script = ScriptOfCodePoint(io::DecodeUtf8(s, pos));
    if (script == Script::kHan || script == Script::kHangul) return true;
  }
  return false;
}

// Letters a-z only (a folded Latin word without digits or marks).
bool AllLowerLatin(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

size_t CountTokens(std::string_view s) {
  return s.empty() ? 0 : static_cast<size_t>(std::count(s.begin(), s.end(), ' ')) + 1;
}

// Hash and equality that accept std::string_view as well (heterogeneous
// lookup): the lookups below take views and need no temporary std::string.
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
template <typename V>
using ViewMap = std::unordered_map<std::string, V, ViewHash, std::equal_to<>>;
using ViewSet = std::unordered_set<std::string, ViewHash, std::equal_to<>>;

struct OrgTables {
  ViewMap<PhraseEntry> latin;  // any non-Han script
  ViewMap<PhraseEntry> han;
  ViewSet first_words;  // first word of each latin alias
  size_t max_tokens = 1;
  size_t max_han_chars = 1;

  void Add(std::string_view alias, PhraseKind kind, std::string_view canon,
           std::string_view english) {
    std::string key = Fold(alias);
    if (key.empty()) return;
    PhraseEntry entry{kind, std::string(canon), std::string(english)};
    if (HasHanOrHangul(key)) {
      key = ToSimplified(key);
      key.erase(std::remove(key.begin(), key.end(), ' '), key.end());
      max_han_chars = std::max(max_han_chars, io::CountCodePoints(key));
      han.emplace(std::move(key), std::move(entry));
    } else {
      max_tokens = std::max(max_tokens, CountTokens(key));
      first_words.insert(key.substr(0, key.find(' ')));
      latin.emplace(std::move(key), std::move(entry));
    }
  }

  // Every legal form written as 3 to 5 Latin letters also with a dot after
  // each letter, as lists and payments write them ("O.O.O.", "Z.A.O.",
  // "P.J.S.C."), unless the table spells it so already ("d.o.o."). Fold
  // reads the dots as spaces: the key is the letters apart. (Not two
  // letters: a person's initials in an organisation's name, "named after
  // A.E. Nudelman", "P.P. Shirshov", would read as legal forms.)
  void AddDottedLegalForms() {
    std::vector<std::pair<std::string, PhraseEntry>> dotted;
    for (const auto& [key, entry] : latin) {
      if (entry.kind != PhraseKind::kLegalForm || key.size() < 3 || key.size() > 5) continue;
      if (!AllLowerLatin(key)) continue;
      std::string apart;
      for (char c : key) apart.append(1, c).append(1, ' ');
      apart.pop_back();
      if (latin.find(apart) == latin.end()) dotted.emplace_back(std::move(apart), entry);
    }
    for (auto& [key, entry] : dotted) {
      max_tokens = std::max(max_tokens, CountTokens(key));
      first_words.insert(key.substr(0, 1));
      latin.emplace(std::move(key), std::move(entry));
    }
  }
};

const OrgTables& Org() {
  static const OrgTables* tables = [] {
    auto* t = new OrgTables;
    // Legal forms first: an alias that is both (e.g. "company") is a legal
    // form only if the legal-form table lists it.
    for (const TablePair& p : kLegalForms) t->Add(p.a, PhraseKind::kLegalForm, p.b, p.b);
    t->AddDottedLegalForms();
    for (const TablePair& p : kOrgWords) t->Add(p.a, PhraseKind::kOrgWord, p.b, p.b);
    // Russian adjectives of company words in Latin letters: each stem with
    // every ending (metallurgicheskiy, metallurgicheskaya ...).
    std::string word;
    for (const TablePair& p : kLatinAdjectiveStems) {
      for (const char* ending : kLatinAdjectiveEndings) {
        word.assign(p.a).append(ending);
        t->Add(word, PhraseKind::kOrgWord, p.b, p.b);
      }
    }
    // Trade names before places: 中山 is a city but 中山大学 is not looked up
    // here; longest match decides between overlapping phrases.
    for (const TablePair& p : kZhTradeNames) t->Add(p.a, PhraseKind::kTradeName, p.b, p.b);
    for (const TablePair& p : kZhPlaces) t->Add(p.a, PhraseKind::kPlace, p.b, p.b);
    for (const TablePair& p : kKoPlaces) t->Add(p.a, PhraseKind::kPlace, p.b, p.b);
    t->max_tokens = std::min<size_t>(t->max_tokens, 8);
    t->max_han_chars = std::min<size_t>(t->max_han_chars, 12);
    return t;
  }();
  return *tables;
}

struct WordSets {
  ViewSet stopwords;
  ViewSet titles;
  size_t max_title_tokens = 1;
  ViewSet zh_compound;
  ViewMap<std::string> ko_surnames;
  ViewMap<std::string> ar_words;
  ViewMap<std::string> ja_names;
  ViewMap<std::string> zh_russian_names;
  ViewMap<std::string> number_words;
  ViewMap<std::string> abbreviations;
  size_t max_abbreviation_tokens = 1;
};

const WordSets& Words() {
  static const WordSets* sets = [] {
    auto* w = new WordSets;
    for (const char* s : kStopwords) {
      std::string f = Fold(s);
      if (!f.empty()) w->stopwords.insert(f);
    }
    for (const char* s : kPersonTitles) {
      std::string f = Fold(s);
      if (f.empty()) continue;
      w->max_title_tokens = std::max(w->max_title_tokens, CountTokens(f));
      w->titles.insert(std::move(f));
    }
    for (const char* s : kZhCompoundSurnames) w->zh_compound.insert(s);
    for (const TablePair& p : kKoSurnames) w->ko_surnames.emplace(p.a, p.b);
    for (const TablePair& p : kArWords) w->ar_words.emplace(Fold(p.a), p.b);
    for (const TablePair& p : kJaNames) w->ja_names.emplace(p.a, p.b);
    for (const TablePair& p : kZhRussianNames) w->zh_russian_names.emplace(p.a, p.b);
    for (const TablePair& p : kNumberWords) w->number_words.emplace(Fold(p.a), p.b);
    for (const TablePair& p : kAbbreviations) {
      std::string f = Fold(p.a);
      if (f.empty()) continue;
      w->max_abbreviation_tokens = std::max(w->max_abbreviation_tokens, CountTokens(f));
      w->abbreviations.emplace(std::move(f), p.b);
    }
    return w;
  }();
  return *sets;
}

template <typename Map>
const typename Map::mapped_type* Find(const Map& map, std::string_view key) {
  auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

}  // namespace

const PhraseEntry* LookupOrgPhrase(std::string_view folded) { return Find(Org().latin, folded); }
size_t MaxOrgPhraseTokens() { return Org().max_tokens; }
bool StartsOrgPhrase(std::string_view folded_word) {
  return Org().first_words.count(folded_word) > 0;
}

namespace {

constexpr size_t kMinCorrectedLetters = 7;

// Whether a and b are one slip apart: one letter changed, dropped or added,
// or two neighbours swapped.
bool OneSlipApart(std::string_view a, std::string_view b) {
  if (a.size() < b.size()) std::swap(a, b);
  if (a.size() > b.size() + 1) return false;
  size_t i = 0;
  while (i < b.size() && a[i] == b[i]) ++i;
  if (i == b.size()) return a.size() == b.size() + 1;  // (equal: no slip)
  if (a.size() == b.size()) {
    if (a.substr(i + 1) == b.substr(i + 1)) return true;  // changed
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           a.substr(i + 2) == b.substr(i + 2);  // swapped
  }
  return a.substr(i + 1) == b.substr(i);  // dropped from a
}

// A Bloom filter of CorrectLegalWord's deletion keys: two bits per key,
// kKeyFilterBits each, from the low and the high half of its 64-bit FNV-1a
// hash (128 kB). A word none of whose keys passes it has no legal word one
// slip away, and most words are ruled out so without a lookup in the table.
constexpr unsigned kKeyFilterBits = 20;
// Words of this many bytes or more are looked up without the filter.
constexpr size_t kMaxFilteredWord = 63;

struct LegalWords {
  ViewSet words;  // every word of every Latin legal-form alias
  // Each word of 7 or more letters a-z, and each of its one-letter
  // deletions, to those words.
  ViewMap<std::vector<std::string_view>> by_deletion;
  // The by_deletion keys' filter (kKeyFilterBits).
  std::vector<uint64_t> key_filter = std::vector<uint64_t>((size_t{1} << kKeyFilterBits) / 64);
  static std::pair<uint64_t, uint64_t> FilterBits(uint64_t hash) {
    constexpr uint64_t kMask = (uint64_t{1} << kKeyFilterBits) - 1;
    return {hash & kMask, (hash >> 32) & kMask};
  }
  void AddKey(std::string_view key) {
    const auto [a, b] = FilterBits(io::Fnv1a64(key));
    key_filter[a / 64] |= uint64_t{1} << (a % 64);
    key_filter[b / 64] |= uint64_t{1} << (b % 64);
  }
  bool MayHaveKey(uint64_t hash) const {
    const auto [a, b] = FilterBits(hash);
    return ((key_filter[a / 64] >> (a % 64)) & (key_filter[b / 64] >> (b % 64)) & 1) != 0;
  }
  // Whether some key of `word` (the word or one of its one-letter
  // deletions) may be in by_deletion; false: none is. The deletions'
  // hashes go on from the word's prefix hashes, without building them.
  bool MayHaveKeyOf(std::string_view word) const {
    const size_t n = word.size();
    if (n >= kMaxFilteredWord) return true;
    uint64_t prefix[kMaxFilteredWord + 1];  // the hash state after word[0, i)
    prefix[0] = io::kFnv1a64Basis;
    for (size_t i = 0; i < n; ++i) {
      prefix[i + 1] = io::Fnv1a64Byte(prefix[i], static_cast<unsigned char>(word[i]));
    }
    if (MayHaveKey(prefix[n])) return true;
    for (size_t i = 0; i < n; ++i) {
      if (MayHaveKey(io::Fnv1a64(word.substr(i + 1), prefix[i]))) return true;
    }
    return false;
  }
};

const LegalWords& Legal() {
  static const LegalWords* table = [] {
    auto* t = new LegalWords;
    for (const auto& [key, entry] : Org().latin) {
      if (entry.kind != PhraseKind::kLegalForm) continue;
      for (std::string_view w : io::Split(key, " ")) {
        if (!w.empty()) t->words.emplace(w);
      }
    }
    for (const std::string& w : t->words) {
      if (w.size() < kMinCorrectedLetters || !AllLowerLatin(w)) continue;
      auto add = [&](std::string key) {
        std::vector<std::string_view>& v = t->by_deletion[std::move(key)];
        if (std::find(v.begin(), v.end(), w) == v.end()) v.push_back(w);
      };
      add(w);
      for (size_t i = 0; i < w.size(); ++i) add(std::string(w).erase(i, 1));
    }
    for (const auto& [key, words] : t->by_deletion) t->AddKey(key);
    return t;
  }();
  return *table;
}

}  // namespace

std::string_view CorrectLegalWord(std::string_view folded_word) {
  if (folded_word.size() + 1 < kMinCorrectedLetters || !AllLowerLatin(folded_word)) return {};
  const LegalWords& legal = Legal();
  if (!legal.MayHaveKeyOf(folded_word)) return {};
  if (legal.words.count(folded_word) > 0 || StartsOrgPhrase(folded_word) ||
      LookupOrgPhrase(folded_word) != nullptr) {
    return {};
  }
  std::string_view found;
  auto consider = [&](std::string_view key) {
    auto it = legal.by_deletion.find(key);
    if (it == legal.by_deletion.end()) return true;
    for (std::string_view w : it->second) {
      if (w == found || !OneSlipApart(folded_word, w)) continue;
      if (!found.empty()) return false;  // two words: no correction
      found = w;
    }
    return true;
  };
  if (!consider(folded_word)) return {};
  std::string key;
  for (size_t i = 0; i < folded_word.size(); ++i) {
    key.assign(folded_word).erase(i, 1);
    if (!consider(key)) return {};
  }
  return found;
}
const PhraseEntry* LookupHanPhrase(std::string_view simplified) {
  return Find(Org().han, simplified);
}
size_t MaxHanPhraseChars() { return Org().max_han_chars; }

bool IsTitlePhrase(std::string_view folded) { return Words().titles.count(folded) > 0; }
size_t MaxTitleTokens() { return Words().max_title_tokens; }

bool IsZhCompoundSurname(std::string_view simplified) {
  return Words().zh_compound.count(simplified) > 0;
}
std::string_view KoreanSurname(std::string_view hangul) {
  const std::string* s = Find(Words().ko_surnames, hangul);
  return s ? std::string_view(*s) : std::string_view();
}
std::string_view ArabicWord(std::string_view folded) {
  const std::string* s = Find(Words().ar_words, folded);
  return s ? std::string_view(*s) : std::string_view();
}
std::string_view JapaneseName(std::string_view kanji) {
  const std::string* s = Find(Words().ja_names, kanji);
  return s ? std::string_view(*s) : std::string_view();
}
namespace {

struct FamiliarForms {
  struct Familiar {
    std::vector<std::string> full_keys;  // VariantKeys of its full names
    uint32_t bits = 0;                   // their FullNameBit, or-ed
  };
  ViewMap<Familiar> familiar;  // by the familiar form's folded text
  ViewMap<uint32_t> full_bit;  // full name VariantKey -> its bit
};

uint32_t FullNameBit(std::string_view key) { return uint32_t{1} << (io::Fnv1a32(key) & 31); }

const FamiliarForms& Familiar() {
  static const FamiliarForms* forms = [] {
    auto* f = new FamiliarForms;
    for (const TablePair& p : kNicknames) {
      std::string key = VariantKey(p.b);
      const uint32_t bit = FullNameBit(key);
      f->full_bit.emplace(key, bit);
      FamiliarForms::Familiar& entry = f->familiar[Fold(p.a)];
      entry.full_keys.push_back(std::move(key));
      entry.bits |= bit;
    }
    return f;
  }();
  return *forms;
}

}  // namespace

const std::vector<std::string>* FamiliarFullKeys(std::string_view familiar) {
  const FamiliarForms::Familiar* entry = Find(Familiar().familiar, familiar);
  return entry != nullptr ? &entry->full_keys : nullptr;
}

bool IsFamiliarForm(std::string_view familiar, std::string_view full_key) {
  const std::vector<std::string>* keys = FamiliarFullKeys(familiar);
  return keys != nullptr && std::find(keys->begin(), keys->end(), full_key) != keys->end();
}

FamiliarBits FamiliarFormBits(std::string_view text, std::string_view key) {
  FamiliarBits bits;
  if (const uint32_t* b = Find(Familiar().full_bit, key)) bits.as_full = *b;
  if (const FamiliarForms::Familiar* entry = Find(Familiar().familiar, text)) {
    bits.as_familiar = entry->bits;
  }
  return bits;
}

std::string_view ZhRussianName(std::string_view simplified) {
  const std::string* s = Find(Words().zh_russian_names, simplified);
  return s ? std::string_view(*s) : std::string_view();
}
size_t JapaneseNamePrefix(std::string_view kanji) {
  // Names are at most 3 characters (9 bytes in UTF-8); try longest first.
  std::vector<size_t> ends;
  size_t pos = 0;
  while (pos < kanji.size() && ends.size() < 3) {
    io::DecodeUtf8(kanji, pos);
    ends.push_back(pos);
  }
  for (auto it = ends.rbegin(); it != ends.rend(); ++it) {
    if (!JapaneseName(kanji.substr(0, *it)).empty()) return *it;
  }
  return 0;
}

std::string_view NumberWordValue(std::string_view folded) {
  const std::string* s = Find(Words().number_words, folded);
  return s ? std::string_view(*s) : std::string_view();
}
std::string_view AbbreviationExpansion(std::string_view folded) {
  const std::string* s = Find(Words().abbreviations, folded);
  return s ? std::string_view(*s) : std::string_view();
}
size_t MaxAbbreviationTokens() { return Words().max_abbreviation_tokens; }

std::span<const TablePair> PlaceSpellings() { return kPlaceSpellings; }

std::string_view CountryOfAdjective(std::string_view folded) {
  const auto* end = std::end(kCountryAdjectives);
  const auto* it = std::lower_bound(
      std::begin(kCountryAdjectives), end, folded,
      [](const TablePair& p, std::string_view t) { return std::string_view(p.a) < t; });
  return it != end && std::string_view(it->a) == folded ? std::string_view(it->b)
                                                        : std::string_view();
}

}  // namespace chokepoint::text::internal

namespace chokepoint::text {

namespace {

// The Latin legal-form aliases (folded) and their distinct words, and the
// Latin company-word aliases of more than one word, sorted: views of the
// phrase table's keys (its nodes do not move), so that the sort moves no
// strings (about 36,000 aliases; built at the first call, about 50 million
// instructions).
struct PhraseVocabulary {
  std::vector<std::string_view> phrases;
  std::vector<std::string_view> words;
  std::vector<std::string_view> org_phrases;
};

const PhraseVocabulary& Vocabulary() {
  static const PhraseVocabulary* v = [] {
    auto* out = new PhraseVocabulary;
    std::unordered_set<std::string_view> words;
    for (const auto& [key, entry] : internal::Org().latin) {
      const std::string_view phrase = key;
      if (entry.kind == internal::PhraseKind::kOrgWord &&
          phrase.find(' ') != std::string_view::npos) {
        out->org_phrases.push_back(phrase);
      }
      if (entry.kind != internal::PhraseKind::kLegalForm) continue;
      out->phrases.push_back(phrase);
      // (Words between single spaces, as Fold writes them; no vector per key.)
      for (size_t begin = 0; begin <= phrase.size();) {
        const size_t end = std::min(phrase.find(' ', begin), phrase.size());
        words.insert(phrase.substr(begin, end - begin));
        begin = end + 1;
      }
    }
    out->words.assign(words.begin(), words.end());
    std::sort(out->phrases.begin(), out->phrases.end());
    std::sort(out->words.begin(), out->words.end());
    std::sort(out->org_phrases.begin(), out->org_phrases.end());
    return out;
  }();
  return *v;
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The last words of a name (runs of ASCII letters and digits, at most
// kMaxWords, the name ending inside the last one), lower-cased, for the
// phrase lookups at its end.
struct LastWords {
  static constexpr size_t kMaxWords = 6;
  std::vector<std::pair<size_t, size_t>> spans;  // [begin, end) in raw, last word first
  std::string text;                              // raw from the earliest span on, lower-cased

  explicit LastWords(std::string_view raw) {
    size_t end = raw.size();
    if (end == 0 || !IsAsciiAlnum(raw[end - 1])) return;
    while (end > 0 && spans.size() < kMaxWords) {
      size_t begin = end;
      // (An apostrophe between letters is inside the word, as Fold reads
      // it: KA'BI, which then is no alias's start.)
      while (begin > 0 && (IsAsciiAlnum(raw[begin - 1]) ||
                           (raw[begin - 1] == '\'' && begin >= 2 && IsAsciiAlnum(raw[begin - 2]) &&
                            begin < raw.size() && IsAsciiAlnum(raw[begin])))) {
        --begin;
      }
      if (begin == end) break;
      spans.emplace_back(begin, end);
      size_t gap = begin;
      while (gap > 0 && !IsAsciiAlnum(raw[gap - 1]) &&
             static_cast<unsigned char>(raw[gap - 1]) < 0x80) {
        --gap;
      }
      if (gap == begin || gap == 0) break;  // a non-ASCII letter, or the start
      end = gap;
    }
    if (!spans.empty()) text = io::ToLowerAscii(raw.substr(spans.back().first));
  }

  // The last k words joined with single spaces, as the phrase tables write
  // their aliases.
  void Phrase(size_t k, std::string& out) const {
    const size_t from = spans.back().first;
    out.clear();
    for (size_t i = k; i-- > 0;) {
      if (!out.empty()) out += ' ';
      out.append(text, spans[i].first - from, spans[i].second - spans[i].first);
    }
  }
};

// Which longer aliases LongerAliases looks for: any, or only those that
// end by completing the phrase's last word (LIMITED LIABILITY COMPAN:
// limited liability company; not PRIVATE COMPAN: private company with
// limited liability, nor ISLAMIC REVOLUTION: islamic revolutionary guard
// corps, whose last word may be whole).
enum class Longer { kAny, kEndingWord };

// Whether `sorted` holds an alias longer than `phrase` that begins with it,
// of the kind `longer`. Calls found(alias) for each such alias until it
// returns false.
template <typename Found>
bool LongerAliases(const std::vector<std::string_view>& sorted, std::string_view phrase,
                   Longer longer, Found&& found) {
  bool any = false;
  for (auto it = std::lower_bound(sorted.begin(), sorted.end(), phrase);
       it != sorted.end() && it->compare(0, phrase.size(), phrase) == 0; ++it) {
    if (it->size() == phrase.size()) continue;
    if (longer == Longer::kEndingWord && it->find(' ', phrase.size()) != std::string_view::npos) {
      continue;
    }
    any = true;
    if (!found(*it)) break;
  }
  return any;
}

}  // namespace

void PrepareQueryTables() { Vocabulary(); }

size_t CutLegalFormStart(std::string_view raw) {
  const LastWords words(raw);
  if (words.spans.empty()) return raw.size();
  const PhraseVocabulary& vocabulary = Vocabulary();
  const std::string_view last(words.text.data() + (words.spans[0].first - words.spans.back().first),
                              words.spans[0].second - words.spans[0].first);
  // A last word that is a whole word of some alias (STATE, OPEN, LIMITED)
  // is taken as cut only inside an alias of several words that continues
  // that very word (LIMITED LIABILITY COMPAN: the table holds "joint stock
  // compan" as it holds "limited liability company").
  // (Not a word of under four letters: GMBH AND CO. KG and P J S C end
  // whole, though aliases continue CO and C.)
  const bool whole = std::binary_search(vocabulary.words.begin(), vocabulary.words.end(), last);
  if (whole && last.size() < 4) return raw.size();
  std::string phrase;
  for (size_t k = words.spans.size(); k >= 1; --k) {
    if (whole && k == 1) break;
    words.Phrase(k, phrase);
    if (LongerAliases(vocabulary.phrases, phrase, whole ? Longer::kEndingWord : Longer::kAny,
                      [](std::string_view) { return false; })) {
      return words.spans[k - 1].first;
    }
  }
  return raw.size();
}

std::optional<PhraseCompletion> CompleteOrgPhrase(std::string_view raw) {
  const LastWords words(raw);
  if (words.spans.size() < 2) return std::nullopt;
  const PhraseVocabulary& vocabulary = Vocabulary();
  std::string phrase;
  for (size_t k = words.spans.size(); k >= 2; --k) {
    words.Phrase(k, phrase);
    // The name ends with a whole company word: nothing was cut.
    if (internal::LookupOrgPhrase(phrase) != nullptr) return std::nullopt;
    // One company word, however many of its aliases begin so (SCIENCE AND
    // TECHNO: science and technology, science and technologies), read as
    // its shortest such alias.
    const internal::PhraseEntry* entry = nullptr;
    std::string_view shortest;
    bool one = true;
    const bool any = LongerAliases(
        vocabulary.org_phrases, phrase, Longer::kEndingWord, [&](std::string_view alias) {
          const internal::PhraseEntry* e = internal::LookupOrgPhrase(alias);
          if (entry != nullptr && e->canon != entry->canon) return one = false;
          entry = e;
          if (shortest.empty() || alias.size() < shortest.size()) shortest = alias;
          return true;
        });
    if (!any) continue;
    if (!one) return std::nullopt;
    return PhraseCompletion{words.spans[k - 1].first, std::string(shortest)};
  }
  return std::nullopt;
}

std::string_view LegalFormId(std::string_view folded_alias) {
  const internal::PhraseEntry* e = internal::LookupOrgPhrase(folded_alias);
  if (e == nullptr) {
    std::string han = internal::ToSimplified(folded_alias);
    e = internal::LookupHanPhrase(han);
  }
  return e != nullptr && e->kind == internal::PhraseKind::kLegalForm ? std::string_view(e->canon)
                                                                     : std::string_view();
}

std::string_view OrgWordCanon(std::string_view folded_word) {
  const internal::PhraseEntry* e = internal::LookupOrgPhrase(folded_word);
  if (e == nullptr) {
    std::string han = internal::ToSimplified(folded_word);
    e = internal::LookupHanPhrase(han);
  }
  return e != nullptr && e->kind == internal::PhraseKind::kOrgWord ? std::string_view(e->canon)
                                                                   : std::string_view();
}

bool IsCityName(std::string_view folded) {
  // kCityNames is sorted (the generator writes it so).
  return std::binary_search(std::begin(internal::kCityNames), std::end(internal::kCityNames),
                            folded, [](std::string_view a, std::string_view b) { return a < b; });
}

bool InCountryName(const std::vector<Token>& tokens, size_t i) {
  // Each country's name as its words (at first use).
  static const std::vector<std::vector<std::string>>* names = [] {
    auto* out = new std::vector<std::vector<std::string>>;
    for (const char* name : internal::kCountryNames) {
      out->emplace_back();
      for (std::string_view w : io::Split(name, " ")) out->back().emplace_back(w);
    }
    return out;
  }();
  for (const std::vector<std::string>& words : *names) {
    for (size_t k = 0; k < words.size(); ++k) {
      // tokens[i] as the name's k-th word: the name starts at i - k.
      if (k > i || i - k + words.size() > tokens.size()) continue;
      bool all = true;
      for (size_t w = 0; w < words.size() && all; ++w) all = tokens[i - k + w].text == words[w];
      if (all) return true;
    }
  }
  return false;
}

bool IsStopword(std::string_view folded_word) {
  return internal::Words().stopwords.count(folded_word) > 0;
}

}  // namespace chokepoint::text
