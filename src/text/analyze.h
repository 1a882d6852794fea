// Text analysis for name screening: turns a name as published (any script,
// any punctuation, any legal form) into a few comparable token sequences.
//
// The pipeline, in order (docs/text_pipeline.md explains each step):
//   1. Fold: NFKC, case folding, diacritics stripped, invisible characters
//      (controls, bidi marks, zero-width) dropped, punctuation -> spaces.
//   2. Legal forms and company words are recognised in the NATIVE script
//      (ООО, 股份有限公司, GmbH, 科技, НИИ ...) before romanisation, because
//      romanised legal forms are ambiguous and Han text has no spaces.
//   3. The rest is romanised per run of script, in up to four systems
//      (lists mix BGN, passport and scientific Cyrillic; pinyin joined and
//      split per syllable; ICU Any-Latin for other scripts).
//   4. Tokens are classified (word, legal form, company word, stopword,
//      number, initial) and given a canonical key: the legal-form id, the
//      company word's English canonical, or VariantKey(text).
//
// Work is capped: AnalyzeName() looks at the first kMaxAnalyzedBytes bytes of
// its input (cut at a UTF-8 boundary) and returns at most kMaxForms forms of
// at most kMaxTokens tokens each. No input crashes: invalid UTF-8 is replaced
// with U+FFFD (then dropped as punctuation).
//
// Thread safety: every function here is safe to call concurrently. Heavy
// objects (ICU transliterators, the OpenCC converter, the dictionaries) are
// built once on first use and then only read; ICU transliterators, which are
// not safe for concurrent use, are cloned per thread.

#ifndef CHOKEPOINT_TEXT_ANALYZE_H_
#define CHOKEPOINT_TEXT_ANALYZE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/entity.h"

namespace chokepoint::text {

// AnalyzeName() reads at most this many bytes of a name.
inline constexpr size_t kMaxAnalyzedBytes = 1024;
// AnalyzeName() returns at most this many NameForms ...
inline constexpr size_t kMaxForms = 4;
// Forms of the quoted parts of an organisation's name, beyond kMaxForms.
inline constexpr size_t kMaxQuotedForms = 4;
// Forms of an organisation's name without its parts in parentheses, beyond
// those.
inline constexpr size_t kMaxUnbracketedForms = 2;
// ... of at most this many tokens each.
inline constexpr size_t kMaxTokens = 64;

// NFKC + full case folding + diacritics stripped (é->e, ł->l, ø->o, ß->ss,
// Cyrillic ё->е, but й stays й), apostrophes and quotes inside words removed
// (O'BRIEN -> obrien), other punctuation -> one space, spaces collapsed and
// trimmed; controls, bidi marks and zero-width characters removed; invalid
// UTF-8 replaced. Non-Latin letters stay in their script (lower case).
std::string Fold(std::string_view utf8);

// The script of one code point (kUnknown for digits, punctuation, marks).
Script ScriptOfCodePoint(char32_t cp);

// 1..4 distinct lower-case ASCII romanisations of `folded` (the output of
// Fold). Each run of script is romanised per its own detected script, so
// `script` (e.g. DetectScript(folded)) is only a hint and may be kMixed. Cyrillic: BGN/PCGN
// (Russian, or Ukrainian when і ї є ґ appear), ICAO passport style, scientific-ish. Han: pinyin
// joined per name part ("xi jinping") and split per syllable ("xi jin ping"). Other scripts: ICU
// Any-Latin (Arabic also without vowel marks). Latin: ASCII folding. Never empty: returns {""} when
// nothing romanisable is left.
std::vector<std::string> Romanize(std::string_view folded, Script script);

// Folds common spelling variants of one lower-case ASCII token to a single
// skeleton (ks/x, kh/h, zh/j, ts/c, sh/sch, ph/f, w/v, ou/u, final iy/yi/ii/y
// -> i, ov/off/ow, double letters, ...): two spellings of the same name
// should get the same key. Rules: tools/gen_text_tables.py.
std::string VariantKey(std::string_view latin_token);

// A Metaphone-like consonant skeleton of VariantKey(token) for candidate
// retrieval (coarser than VariantKey; vowels dropped after the first letter).
std::string PhoneticKey(std::string_view latin_token);

// PhoneticKey of a Latin token respelt as the loanword scripts (Chinese
// transcription characters, katakana, Hangul) write foreign names: doubled
// letters once, g before e/i/y as j (Giro 吉罗 ji-luo), th as s (Mathew 马修
// ma-xiu), m before b/p/f/v as n (Hambroek 亨布鲁克), a final -ng as n; then
// an r or l after a vowel dropped before a consonant, and an r also at the
// end (Markel 马克尔 ma-ke-er, Goldmark 戈德马克 ge-de-ma-ke, Maunder 蒙德
// meng-de). "" when the respelling changes nothing but doubled letters (the
// key is PhoneticKey's).
// With `keep_l`, the l after a vowel stays (only the r goes): kana, Hangul
// and often Chinese write it (Spielberg 斯皮尔伯格 "spilbog", Halford 핼퍼드,
// Thiselton 西塞尔顿), where others drop it (Goldsmith 戈德史密斯).
std::string LoanwordPhoneticKey(std::string_view latin_token, bool keep_l = false);
// Both respellings at once: `key` (LoanwordPhoneticKey) and, when an l
// after a vowel was dropped (`l_dropped`), `keep_l` (its keep_l key).
struct LoanwordKeys {
  std::string key;
  std::string keep_l;
  bool l_dropped = false;
};
LoanwordKeys LoanwordPhoneticKeys(std::string_view latin_token);

// PhoneticKey's class of the consonant at v[i] of a VariantKey spelling:
// `codes[0..n)` (x is K then S; none for a vowel, h or another character)
// and the letters it takes (2 for ch and sh, else 1).
struct ConsonantCode {
  char codes[2] = {0, 0};
  int n = 0;
  int used = 1;
};
ConsonantCode ConsonantAt(std::string_view v, size_t i);

enum class TokenKind : uint8_t {
  kWord,
  kLegalForm,  // LLC, ООО, GmbH, 有限公司 ...; canon is the legal-form id
  kOrgWord,    // Technology, 科技, НИИ ...; canon is the English canonical
  kStopword,   // of, the, de, al ...
  kNumber,     // digits only ("No. 11" -> "11"; "Forty-Four", "44th" -> "44";
               // "First", "первый" -> "1"; "No. IV" -> "4")
  kInitial,    // a single letter
};
std::string_view TokenKindName(TokenKind kind);  // "word", "legal_form", ...

struct Token {
  std::string text;   // romanised, folded, lower-case ASCII
  std::string canon;  // legal-form id / company-word canonical / VariantKey(text)
  TokenKind kind = TokenKind::kWord;
  // Read as the loanword scripts write a foreign word, in a form that is not
  // a loanword reading as a whole: a trade name in Chinese transcription
  // characters in a company's "translated" form (達仕恩 "dashien", Dason).
  bool loanword = false;
  // A place recognised in a company's name written in Han or Hangul (武汉
  // Wuhan, 香港 Hong Kong), in any of its forms: English names often leave
  // the place of registration out, or put another in.
  bool place = false;
  // A company word or legal form of several words written as one token
  // (научно-исследовательский институт "nauchnoissledovatelskiyinstitut"):
  // the romanised words, space-separated, whose initials an acronym takes
  // (NIIAR); empty otherwise.
  std::string words;
};

struct NameForm {
  std::vector<Token> tokens;
  // How the non-Latin parts were romanised: "translated" or the name of a
  // romanisation system (internal::SystemName, romanize.cc: "latin", "bgn",
  // "pinyin", "korean_dprk", "any_latin", "hindi", ...).
  std::string system;
  // Analysed as a person's name (titles stripped; no legal forms or company
  // words), also when the name's schema is not Person (AnalyzeNameAsPerson).
  bool person = false;
  // The analysis of a quoted part of an organisation's name, its trade name
  // (Государственное унитарное предприятие Республики Крым «Черноморнефтегаз»:
  // "chernomorneftegaz"), added after the whole name's forms.
  bool quoted = false;
  // The analysis of an organisation's name without its parts in
  // parentheses, added after the quoted parts' forms; `bracketed`: those
  // parts' words other than company words, legal forms and stopwords,
  // folded, one space between.
  bool unbracketed = false;
  std::string bracketed;
};

// Analyses one name: one NameForm per distinct romanisation (1..kMaxForms;
// for an empty or all-punctuation name, one form with no tokens), and for
// an organisation's name with quoted parts up to kMaxQuotedForms more: the
// forms of the part that closes last and of the parts inside it, its trade
// name (NameForm::quoted), when they hold other words than the whole name
// ('REPUBLIC OF CRIMEA' 'MAGARACH': "magarach"), and up to
// kMaxUnbracketedForms more for the name without its parts in parentheses
// (RUSSIAN RAILWAYS (RZD) JOINT STOCK COMPANY: "russian railways joint stock
// company"; an abbreviation, brand or code the other name often leaves
// out). For
// persons, titles and honorifics (Mr, Dr, General, Sheikh ...) are dropped;
// for legal entities, legal forms and company words are recognised in any
// script, and Chinese company names also get a "translated" form (place +
// trade-name translation + industry words + legal form).
std::vector<NameForm> AnalyzeName(std::string_view raw, Schema schema);

// AnalyzeName(raw, Schema::kPerson), given `legal_entity` =
// AnalyzeName(raw, Schema::kLegalEntity) (a name without schema is analysed
// as a legal entity first, to guess one): taken from it when nothing in the
// name reads differently for persons (no title, abbreviation, legal form,
// company word, Han, Hangul or kana), else analysed again. Same result.
// With `dropped_title`, also says whether the person's analysis dropped a
// title (HasPersonTitle(raw)), which it reads anyway.
std::vector<NameForm> AnalyzeNameAsPerson(std::string_view raw, std::vector<NameForm> legal_entity,
                                          bool* dropped_title = nullptr);

// Whether a name is a known company's trade name and nothing else but
// places: its Han or Hangul text segments (as an organisation's name) into
// trade names of the committed table (海康威视 Hikvision, 华为 Huawei) and
// place names only (武汉高德). Such a name has no legal form or company
// word, yet reads as a company, not as a person's name.
bool KnownTradeName(std::string_view raw);

// An organisation's name cut into the pieces its analysis reads (places,
// trade names, company words, legal forms, other words), each in its own
// script (Han simplified, with no spaces): 深圳华为技术有限公司 is 深圳
// (place), 华为, 技术 (company word "technology"), 有限公司 (legal form).
// Two names in Han, where words have no spaces between them, are compared
// by these.
std::vector<Token> NativeOrgTokens(std::string_view raw);

// Whether a person's analysis drops a title or honorific from the name (Mr,
// Dr, General, Lady, Captain, Sheikh): at its start, or after the comma of
// "SURNAME, Title Given" (AWEYS, Sheikh).
bool HasPersonTitle(std::string_view raw);

// The legal-form id ("llc", "jsc", "gmbh", ...) of a folded alias in any
// script ("ооо", "limited liability company", "有限公司"), or "" if none.
std::string_view LegalFormId(std::string_view folded_alias);

// The English canonical of a folded company word or abbreviation in any
// script ("tech", "科技", "технологии" -> "technology"), or "" if none.
std::string_view OrgWordCanon(std::string_view folded_word);
// Where a legal form that was cut short begins at the end of `raw`: the
// byte offset of its first word when the name's last words (Latin letters)
// are the start of a Latin legal-form alias, the last of them cut inside a
// word ("... COMMERCIAL COMPA", "... OPEN JOINT STOC", "OBSHCHESTVO S
// OGRANICHENNOI OTVETST"); raw.size() otherwise. A last word that is a
// whole word of some alias (STATE, OPEN, LIMITED) is not taken as cut,
// unless it is the start of a longer word of an alias of several words
// (LIMITED LIABILITY COMPAN, though the table holds "joint stock compan").
size_t CutLegalFormStart(std::string_view raw);
// A company word of several words cut short at the end of a name: the last
// words of `raw` (at least two, Latin letters, the last one cut inside a
// word) begin aliases of one company word only, aliases that end with the
// completed word ("IMPORT AND EXPOR": import and export; "DRUG TRAFFICKING
// ORGANI": drug trafficking organization; not "ISLAMIC REVOLUTION", whose
// last word is whole, for islamic revolutionary guard corps).
// `start` is the byte offset of the first of those words, `phrase` the
// shortest such alias (folded).
struct PhraseCompletion {
  size_t start = 0;
  std::string phrase;
};
std::optional<PhraseCompletion> CompleteOrgPhrase(std::string_view raw);

// Builds now the tables that only the analysis of queries reads (the sorted
// phrase vocabulary behind CutLegalFormStart and CompleteOrgPhrase, built
// once on first use, about 15 ms), so that the first query of 30 characters
// or more does not wait for it. Screener::Build calls it. Thread-safe.
void PrepareQueryTables();

// The quoted parts of a name, innermost ones included (ООО «Концерн
// «Алмаз-Антей»»: "Алмаз-Антей" and "Концерн «Алмаз-Антей»"), as
// slices of `raw`: text between an opening quote (' " « ‘ “ „ ...
// before a letter or digit) and the closing quote after it. An apostrophe
// between two letters (O'BRIEN) is no quote.
std::vector<std::string_view> QuotedParts(std::string_view raw);

// True for a folded stopword ("of", "the", "de", "al", ...).
bool IsStopword(std::string_view folded_word);

// Whether tokens[i] is a word of a country's name that a name's analysis
// as a legal entity spells out from its abbreviation (UK -> "united
// kingdom", USSR -> "soviet union"), wherever in the name it stands.
bool InCountryName(const std::vector<Token>& tokens, size_t i);

// Whether a folded phrase ("moscow", "hong kong", "rostov on don") is one of
// the cities an address appended to a name often names (the generator's
// CITY_NAMES).
bool IsCityName(std::string_view folded);

}  // namespace chokepoint::text

#endif  // CHOKEPOINT_TEXT_ANALYZE_H_
