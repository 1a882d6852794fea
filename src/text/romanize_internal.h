// Internal pieces of the romaniser shared by romanize.cc and analyze.cc: the
// romanisation systems per script and the function that applies one system to
// one run of text in one script.
//
// Thread safety: every function is safe to call concurrently (ICU
// transliterators are cloned per thread; the OpenCC converter is guarded).

#ifndef CHOKEPOINT_TEXT_ROMANIZE_INTERNAL_H_
#define CHOKEPOINT_TEXT_ROMANIZE_INTERNAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/entity.h"

namespace chokepoint::text::internal {

enum class System {
  kLatin,              // ASCII folding only
  kBgn,                // BGN/PCGN (ICU Russian-Latin/BGN or Ukrainian-Latin/BGN)
  kIcao,               // ICAO Doc 9303 (Russian and Ukrainian passports)
  kScientific,         // scientific transliteration, ASCII digraphs (j for й)
  kPinyin,             // Hanyu pinyin, syllables joined per name part
  kPinyinSplit,        // Hanyu pinyin, one token per syllable
  kJapanese,           // Hepburn readings of common Japanese names, else pinyin
  kRevised,            // Korean Revised Romanization (surname split off)
  kKoreanPopular,      // customary Korean spellings: Kim Jong Un, Park, Lee
  kKoreanDprk,         // North Korean names as the lists write them: Kim Yo Jong
  kKoreanDprkSurname,  // the same with 이 임 유 양 노 as Ri, Rim, Ryu, Ryang, Ro
  kAnyLatin,           // ICU Any-Latin; Latin-ASCII
  kAnyLatinNoVowel,    // ICU Any-Latin after removing Arabic vowel marks
  kArabicCommon,       // usual English spellings of common Arabic name words
  // Foreign names written in kana, Hangul or Chinese transcription
  // characters, read back: inserted vowels dropped; kana and Han liquids as
  // r (kLoanword) or l (kLoanwordAlt); Hangul ㅍ/ㅂ as p/b or f/v.
  kLoanword,
  kLoanwordAlt,
  kHebrew,          // Hebrew letters, vowel letters read as vowels, ב/פ/כ soft inside words
  kHebrewHard,      // the same with ב/פ/כ always b/p/k
  kArabicForeign,   // foreign names in Arabic script: ب p, ج g
  kHebrewForeign,   // Hebrew with ב v inside a word but פ p and כ k
  kSinoKorean,      // a Korean name in hanja, read in Korean (金正恩 -> kim jeong eun)
  kSinoKoreanDprk,  // the same in the North Korean spelling (李炳哲 -> ri pyong chol)
  kPolivanov,       // a Japanese name in Cyrillic read as Hepburn (Итиро -> ichiro)
  kPalladius,       // a Chinese name in Cyrillic read as pinyin (Цзиньпин -> jinping)
  kHangulHepburn,   // a Japanese name in Hangul read as Hepburn (다나카 -> tanaka)
  kLoanwordDental,  // kana, older convention: チ ti, ツ tu, ジ di, initial ウ v (プーチン putin)
  kHindi,  // Devanagari as Hindi names are spelled: schwa deletion, श sh (सलमान salman)
  kHindiLong,  // the same with long ई ऊ as ee, oo inside a word (दाऊद daood, दीपक deepak)
  kBengali,  // Bengali by the Hindi rules with its letters' values: ফ f, ং ng (বাংলা bangla)
  kBengaliZ,     // the same with জ z, as names from Arabic and Persian (আজাদ azad)
  kBengaliSaid,  // the same with the inherent vowels inside a word said (বেনজীর benazir)
  kBurmese,  // Burmese as names are spelled, a word per syllable (မင်းအောင်လှိုင် min aung hlaing)
  kBurmeseAlt,  // the same with ို oe, ူ oo, ေ ay (စိုး soe)
};
std::string_view SystemName(System system);

// The systems used for `script`, default first (at most 4). `text` is the
// folded text in that script (Cyrillic: Ukrainian letters pick Ukrainian
// BGN; Han: a known Japanese name adds kJapanese). `whole_name`: `text` is
// the whole name, not one of its words (two Hangul syllables or Chinese
// transcription characters alone then read as a foreign name too; also
// each Hangul word of a name with a word that LooksForeignHangul).
// `dotted`: `text` is a part of a name written with the middle dot that
// Chinese writes between a foreign name's parts (弗拉基米尔·普京), so Han
// gets the loanword readings even with characters the transcription tables
// leave out as common surnames (普里戈任 Prigozhin, 基里延科 Kiriyenko).
std::vector<System> SystemsFor(Script script, std::string_view text, bool whole_name = false,
                               bool dotted = false);

// Whether a Hangul run reads as a transcribed foreign name rather than a
// Korean one (`whole_name`: the run is the whole name). Korean writes a
// foreign name's words apart (블라디미르 푸틴), so one such word makes the
// name's other Hangul words foreign too: the two-syllable 푸틴 would
// otherwise read as a Korean given name.
bool LooksForeignHangul(std::string_view run, bool whole_name);

// Whether a word of a name written in `script` is Hangul that reads as
// foreign on its own (LooksForeignHangul as a part of the name).
inline bool ForeignHangulWord(Script script, std::string_view text) {
  return script == Script::kHangul && LooksForeignHangul(text, false);
}

// Romanises one run of folded text written in `script` with `system`
// (falling back to the script's default when `system` does not apply).
// `person_like`: for Han and Hangul runs of 2-4 syllables, split the surname
// off and join the given name ("xi jinping"); otherwise syllables are joined
// per run ("wuhan"), or split under kPinyinSplit.
// Returns lower-case ASCII words separated by single spaces (maybe empty).
std::string RomanizeRun(std::string_view folded_run, Script script, System system,
                        bool person_like);

// Traditional -> simplified Chinese (OpenCC t2s); returns the input when
// OpenCC is unavailable.
std::string ToSimplified(std::string_view han);

// Keeps [a-z0-9], turns A-Z to lower case, drops apostrophe-like marks and
// turns everything else into single spaces (trimmed).
std::string CleanAscii(std::string_view s);

// Splits folded text into runs: maximal stretches of one script within a
// space-separated word; digits and other script-less characters join the run
// they touch. Spaces separate runs too (a run never contains a space).
struct Run {
  std::string_view text;
  Script script;
  bool word_start;  // the run begins a space-separated word
};
std::vector<Run> SplitRuns(std::string_view folded);

}  // namespace chokepoint::text::internal

#endif  // CHOKEPOINT_TEXT_ROMANIZE_INTERNAL_H_
