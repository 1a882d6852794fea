// The text pipeline's dictionaries, built once from the generated tables
// (legal_forms_table.inc, name_tables.inc; see tools/gen_text_tables.py) on
// first use and read-only afterwards.
//
// Keys are folded with text::Fold() (and Han keys converted to simplified
// characters) when the maps are built, so callers look up folded text.
//
// Thread safety: all functions are safe to call concurrently.

#ifndef CHOKEPOINT_TEXT_TABLES_H_
#define CHOKEPOINT_TEXT_TABLES_H_

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::text::internal {

struct TablePair {
  const char* a;
  const char* b;
};

enum class PhraseKind { kLegalForm, kOrgWord, kPlace, kTradeName };

struct PhraseEntry {
  PhraseKind kind;
  std::string canon;    // legal-form id, English canonical, or English name
  std::string english;  // the English rendering for the "translated" form
};

// Legal forms and company words keyed by folded alias (tokens joined by one
// space; Han aliases without spaces). nullptr if unknown.
const PhraseEntry* LookupOrgPhrase(std::string_view folded);
// The most tokens any non-Han alias has.
size_t MaxOrgPhraseTokens();
// True if some non-Han alias starts with this folded word (a cheap filter
// before trying phrases).
bool StartsOrgPhrase(std::string_view folded_word);

// The word of a Latin legal-form alias (7 or more letters a-z: limited,
// corporation, proprietary, obshchestvo ...) that `folded_word` is one
// typing slip from (a letter dropped, added, changed or swapped with the
// next), when it is exactly one such word and `folded_word` is no word of
// any alias itself; "" otherwise (CERPORATION: corporation).
std::string_view CorrectLegalWord(std::string_view folded_word);

// Han phrases (simplified): legal forms, company words, places, trade names.
const PhraseEntry* LookupHanPhrase(std::string_view simplified);
// The most code points any Han phrase has.
size_t MaxHanPhraseChars();

// True if `folded` (tokens joined by one space) is a person title.
bool IsTitlePhrase(std::string_view folded);
size_t MaxTitleTokens();

// Places of Ukraine that Ukrainian and Russian romanisation spell
// differently: {spelling, Russian spelling}, folded (Kharkiv: kharkov).
std::span<const TablePair> PlaceSpellings();

// The country an English country adjective names (iranian: iran), or "".
std::string_view CountryOfAdjective(std::string_view folded);

// Two-character Chinese surnames (simplified).
bool IsZhCompoundSurname(std::string_view simplified);
// Customary spelling of a Korean surname syllable, or "".
std::string_view KoreanSurname(std::string_view hangul);
// Usual English spelling of an Arabic name word (folded), or "".
std::string_view ArabicWord(std::string_view folded);
// Hepburn reading of a common Japanese name in kanji, or "".
std::string_view JapaneseName(std::string_view kanji);
// The longest prefix of `kanji` that is a known Japanese name (in bytes).
size_t JapaneseNamePrefix(std::string_view kanji);
// Whether `familiar` (a folded token text) is a familiar form of the given
// name whose VariantKey is `full_key`: Bill of William, Misha of Mikhail
// (any spelling: Mikhail, Mihail). Not symmetric, not transitive (Ted is a
// form of Edward and of Theodore).
bool IsFamiliarForm(std::string_view familiar, std::string_view full_key);
// A cheap first test of IsFamiliarForm for the scorer: one bit per full
// name (of 32; several share one). `as_full`: the bit of `key` when it is a
// full name with familiar forms; `as_familiar`: the bits of the full names
// `text` is a familiar form of. IsFamiliarForm(a.text, b.key) implies
// a.as_familiar & b.as_full != 0.
struct FamiliarBits {
  uint32_t as_full = 0;
  uint32_t as_familiar = 0;
};
FamiliarBits FamiliarFormBits(std::string_view text, std::string_view key);
// The VariantKeys of the given names `familiar` (a folded token text) is a
// familiar form of, or null.
const std::vector<std::string>* FamiliarFullKeys(std::string_view familiar);

// BGN spelling of a Russian given name, or of one of the few listed
// people's surnames, in its conventional Chinese form (simplified: 弗拉基米尔
// -> "vladimir", 普京 -> "putin"), or "".
std::string_view ZhRussianName(std::string_view simplified);

// The value in digits of a folded number word ("forty" -> "40", "first" ->
// "1", "первый" -> "1"), or "".
std::string_view NumberWordValue(std::string_view folded);

// The expansion of a folded abbreviation phrase ("u s a", "usa" -> "united
// states"), or "". Keys are words joined by one space.
std::string_view AbbreviationExpansion(std::string_view folded);
// The most words any abbreviation alias has.
size_t MaxAbbreviationTokens();

}  // namespace chokepoint::text::internal

#endif  // CHOKEPOINT_TEXT_TABLES_H_
