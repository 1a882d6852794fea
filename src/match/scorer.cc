#include "match/scorer.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <new>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "io/strings.h"
#include "lists/common.h"
#include "text/analyze.h"
#include "text/tables.h"
#include "text/wade_giles.h"

namespace chokepoint::match {
namespace {

using text::TokenKind;

ScorerParams& MutableParams() {
  static ScorerParams params;
  return params;
}

// How a token pair matched (index into kHowNames).
enum How : uint8_t {
  kNone,
  kExact,
  kVariant,
  kPhonetic,
  kJaroWinkler,
  kLevenshtein,
  kLegal,
  kInitialMatch,
  kTranscription,
  kFamiliar,
  kPlace,
  kTruncated,
  kPlaceSpelling,  // one place in two spellings (Kyiv, Kiev): PlacePair
  kSeries,         // two series marks of one family (SeriesMarks)
};
constexpr const char* kHowNames[] = {
    "none",           "exact",   "variant",       "phonetic",      "jaro_winkler",    "levenshtein",
    "legal_form",     "initial", "transcription", "familiar_form", "place_adjective", "truncated",
    "place_spelling", "series"};

double KindWeight(TokenKind kind, const ScorerParams& p) {
  switch (kind) {
    case TokenKind::kWord:
      return p.w_word;
    case TokenKind::kLegalForm:
      return p.w_legal_form;
    case TokenKind::kOrgWord:
      return p.w_org_word;
    case TokenKind::kStopword:
      return p.w_stopword;
    case TokenKind::kNumber:
      return p.w_number;
    case TokenKind::kInitial:
      return p.w_initial;
  }
  return p.w_word;
}

uint64_t CharSet(std::u32string_view s) {
  uint64_t set = 0;
  for (char32_t c : s) set |= uint64_t{1} << (c & 63);
  return set;
}
// Code points 0-3 of s in the 16-bit lanes 0-3 (0 past the end): a code
// point of the Basic Multilingual Plane as itself, any other as 0xffff (a
// noncharacter), so that lanes that differ hold different code points and
// equal lanes hold equal ones or two beyond that plane.
uint64_t CodePointHead(std::u32string_view s) {
  uint64_t head = 0;
  for (size_t k = 0; k < s.size() && k < 4; ++k) {
    const uint64_t lane = s[k] < 0x10000 ? s[k] : 0xffff;
    head |= lane << (16 * k);
  }
  return head;
}
void SetCharSets(PreparedToken& t) {
  t.text_set = CharSet(t.text_cp);
  t.canon_set = CharSet(t.canon_cp);
  t.text_head = CodePointHead(t.text_cp);
  t.canon_head = CodePointHead(t.canon_cp);
  t.canon_is_text = t.canon_cp == t.text_cp;
  t.text_len = static_cast<uint32_t>(t.text_cp.size());
  t.canon_len = static_cast<uint32_t>(t.canon_cp.size());
}

// PhoneticKey's consonant classes on VariantKey(token), but a consonant
// class repeated after a vowel or "h" is written again: the consonant
// skeleton ("mhmd", "muhammad" MMT; "mhdi", "mahdi" MT). Adjacent letters
// of one class count once ("mm": a doubled consonant), except in a token
// romanised from an abjad (`abjad`), where two adjacent letters are two
// consonants with an unwritten vowel between them (Hebrew האנן "hann",
// "hannan").
std::string StrictPhoneticKey(std::string_view token, bool abjad) {
  // The abjad's romanisation as it is: VariantKey would merge its doubled
  // letters.
  const std::string v = abjad ? std::string(token) : text::VariantKey(token);
  std::string out;
  char last = 0;  // class of the previous letter; 0 after a vowel or "h"
  auto emit = [&](char code) {
    if (code != last || abjad) out += code;
    last = code;
  };
  size_t i = 0;
  // A leading j stays J (as in PhoneticKey), though VariantKey may spell it
  // y or drop it ("jeong" -> "eong").
  const bool lead_j = !token.empty() && (token[0] == 'j' || token[0] == 'J');
  if (lead_j) {
    emit('J');
    if (!v.empty() && (v[0] == 'y' || v[0] == 'j')) ++i;
  }
  for (; i < v.size(); ++i) {
    const char c = v[i];
    switch (c) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
      case 'y':
        if (i == 0 && !lead_j) out += 'A';
        last = 0;
        break;
      case 'h':
        if (i == 0) out += 'H';
        last = 0;
        break;
      default: {
        if (c >= '0' && c <= '9') {
          emit(c);
          break;
        }
        const text::ConsonantCode cc = text::ConsonantAt(v, i);
        for (int k = 0; k < cc.n; ++k) emit(cc.codes[k]);
        i += static_cast<size_t>(cc.used - 1);
        break;
      }
    }
  }
  return out;
}

PreparedToken MakeToken(std::string text_value, std::string canon, TokenKind kind) {
  PreparedToken t;
  t.text = std::move(text_value);
  t.canon = canon.empty() ? t.text : std::move(canon);
  t.kind = kind;
  t.article = kind == TokenKind::kStopword && t.canon == "al";
  if (kind == TokenKind::kWord || kind == TokenKind::kStopword) {
    t.phonetic = text::PhoneticKey(t.text);
  }
  DecodeUtf8To(t.text, t.text_cp);
  if (t.canon == t.text) {
    t.canon_cp = t.text_cp;
  } else {
    DecodeUtf8To(t.canon, t.canon_cp);
  }
  SetCharSets(t);
  return t;
}

FormScript ClassifyForm(const std::string& system) {
  FormScript f;
  f.latin = system == "latin";
  f.pinyin = system.find("pinyin") != std::string::npos;
  f.korean =
      system.find("revised") != std::string::npos || system.find("korean_") != std::string::npos;
  f.syllabic = f.pinyin || f.korean || system.find("japanese") != std::string::npos;
  f.dprk = system.find("dprk") != std::string::npos;
  f.loanword = system.starts_with("loanword");
  f.wade_giles = system == "wade_giles";
  f.cyrillic = system == "bgn" || system == "icao" || system == "scientific";
  f.gendered = f.latin || f.cyrillic;
  f.translated = system == "translated";
  return f;
}

// The onset (initial consonant) of a romanised Korean syllable, with the
// consonants that the romanisation systems spell differently merged (g/k,
// d/t, b/p, j/ch, r/l); 0 when it starts with a vowel or a glide.
char KoreanOnset(const std::string& t) {
  if (t.empty()) return 0;
  switch (t[0]) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
    case 'w':
      return 0;
    case 'g':
    case 'k':
      return 'k';
    case 'd':
    case 't':
      return 't';
    case 'b':
    case 'p':
      return 'p';
    case 'j':
      return 'j';
    case 'c':
      return t.size() > 1 && t[1] == 'h' ? 'j' : 'k';
    case 'r':
    case 'l':
      return 'l';
    default:
      return t[0];
  }
}

// The vowel letters of a romanised syllable, in order ("kyong" -> "yo").
std::string Vowels(std::string_view t) {
  std::string v;
  for (char c : t) {
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'w') v += c;
  }
  return v;
}

// An ASCII consonant letter other than y (w counts).
bool IsAsciiConsonant(char32_t c) {
  return c >= U'a' && c <= U'z' && c != U'a' && c != U'e' && c != U'i' && c != U'o' && c != U'u' &&
         c != U'y';
}

// Whether two tokens are the feminine and masculine forms of one name in the
// languages that mark gender with a final -a (Maria / Mario, Martina /
// Martin, Ivanova / Ivanov, Aleksandra / Aleksandr): same stem of at least
// three letters, one ends in "a", the other in "o", "e" or nothing. Also a
// woman's and a man's Slavic surname of near stems (BARYNOVA / BARANOV,
// Semenova / Semyonov): -ova, -eva, -ina or -yna against -ov, -ev, -in or -yn;
// the pair is only ever approximate here, so the stems already look alike.
bool FeminineOf(std::u32string_view f, std::u32string_view m) {
  if (f.size() < 4 || f.back() != U'a') return false;
  const std::u32string_view stem = f.substr(0, f.size() - 1);
  if (m == stem) return true;
  if (f.size() >= 5 && m.size() >= 4) {
    const std::u32string_view suffix = stem.substr(stem.size() - 2);  // "ov" of "barynova"
    if ((suffix == U"ov" || suffix == U"ev" || suffix == U"in" || suffix == U"yn") &&
        m.substr(m.size() - 2) == suffix) {
      return true;
    }
  }
  return m.size() == f.size() && m.substr(0, stem.size()) == stem &&
         (m.back() == U'o' || m.back() == U'e');
}

// Connectors of Arabic-style lineage names ("X bin Y": X, child of Y).
bool IsLineageConnector(const std::string& t) {
  return t == "bin" || t == "ibn" || t == "ben" || t == "bint" || t == "binti" || t == "ould";
}

// Whether the names on the two sides of a lineage connector trade places:
// the query reads "A bin B" and the list "B bin A" (SALMAN BIN MUHAMMAD /
// MUHAMMAD BIN SALMAN, another person). For each connector inside the
// query whose neighbours A and B are aligned: the list keeps the relation
// when a list connector stands just after A's list token or just before
// B's (names of several words: IBRAHIM BIN AL-DIN), and swaps it when none
// keeps it and one stands just before A's with B's before it, or just
// after B's with A's after it (in a chain, A bin B bin C, a name is both
// a child and a parent; a list naming fewer generations keeps it). Asked of the
// names, not of which connector pairs with which: a name rotated whole
// (BEN ATTIA, Nabil Ben Mohamed Ben Ali against Nabil Ben Mohamed Ben Ali
// BEN ATTIA) pairs its several connectors by position and swaps nothing.
// A connector first or last (Bin XU, the Chinese given name) joins nothing.
bool LineageSwapped(const std::vector<QueryToken>& qtoks, const std::vector<PreparedToken>& ltoks,
                    const std::vector<TokenPair>& chosen, const std::vector<int>& q_match) {
  const int nq = static_cast<int>(qtoks.size());
  const int nl = static_cast<int>(ltoks.size());
  auto connector = [&](int j) { return j >= 0 && j < nl && ltoks[j].lineage; };
  for (int i = 1; i + 1 < nq; ++i) {
    if (!qtoks[i].token->lineage) continue;
    const int a = q_match[i - 1], b = q_match[i + 1];
    if (a < 0 || b < 0) continue;
    const int la = chosen[a].l, lb = chosen[b].l;
    if (connector(la + 1) || connector(lb - 1)) continue;  // kept
    if ((connector(la - 1) && lb < la - 1) || (connector(lb + 1) && la > lb + 1)) return true;
  }
  return false;
}

// Whether two tokens hold the same letters in another order (a transposition
// typo, "sko" / "sok", which Jaro-Winkler misses in short tokens).
bool SameLetters(std::u32string_view a, std::u32string_view b) {
  if (a.size() != b.size()) return false;
  std::u32string x(a), y(b);
  std::sort(x.begin(), x.end());
  std::sort(y.begin(), y.end());
  return x == y;
}

// Whether `b` is `a` with two neighbouring letters swapped ("sko" / "sok").
bool AdjacentTransposition(std::u32string_view a, std::u32string_view b) {
  if (a.size() != b.size() || a.size() < 2) return false;
  size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i + 1 >= a.size() || a[i] != b[i + 1] || a[i + 1] != b[i]) return false;
  return a.substr(i + 2) == b.substr(i + 2);
}

// Whether the first vowel of a romanised Korean syllable is a plain "a"
// (ㅏ, spelt "a" by every system; "ae" is ㅐ).
bool KoreanOpenA(const std::string& t) {
  for (size_t i = 0; i < t.size(); ++i) {
    const char c = t[i];
    if (c == 'e' || c == 'i' || c == 'o' || c == 'u') return false;
    if (c == 'a') return i + 1 >= t.size() || t[i + 1] != 'e';
  }
  return false;
}

bool IsApproximate(uint8_t how) {
  return how == kPhonetic || how == kJaroWinkler || how == kLevenshtein || how == kTranscription;
}

// The sound contrasts a script loses when it writes a foreign name, as
// merges of PhoneticKey classes (B F K S X J T L M N R P):
// - kLoanword: kana, Hangul and Chinese transcription characters: b/p
//   (Chinese 波 for both), r/l, the sibilants s/sh/ch/j;
// - kArabic: ب b/p, ج and غ j/g (K J);
// - kHebrew: ב b/v, פ p/f (B F P), ש s/sh (S X);
// - kAny: all of these at once (a cheap first test).
// kLoanwordLabial: a loanword reading of Hangul or kana (FormScript::
// labials_merged), which also merges f and v with b and p.
enum class Transcription { kLoanword, kLoanwordLabial, kArabic, kHebrew, kAny };

// A loanword reading's merges (of any of the loanword scripts).
bool IsLoanword(Transcription t) {
  return t == Transcription::kLoanword || t == Transcription::kLoanwordLabial;
}

char MergeClass(char c, Transcription t) {
  const bool labial = t == Transcription::kLoanwordLabial;
  const bool loan = IsLoanword(t) || t == Transcription::kAny;
  const bool arabic = t == Transcription::kArabic || t == Transcription::kAny;
  const bool hebrew = t == Transcription::kHebrew || t == Transcription::kAny;
  switch (c) {
    case 'B':
      return loan || arabic || hebrew ? 'P' : c;
    case 'F':
      return labial || hebrew ? 'P' : c;
    case 'R':
      return loan ? 'L' : c;
    case 'X':
      return loan || hebrew ? 'S' : c;
    case 'J':
      return loan ? 'S' : arabic ? 'K' : c;
    case 'K':
      return t == Transcription::kAny ? 'S' : c;
    default:
      return c;
  }
}

// Reads `phonetic` with the merges of `t` applied, the leading vowel (A)
// and h (H) dropped and repeats collapsed, one class at a time.
class TranscriptionKeyReader {
 public:
  TranscriptionKeyReader(std::string_view phonetic, Transcription t) : s_(phonetic), t_(t) {}
  // The next class, or 0 at the end.
  char Next() {
    while (pos_ < s_.size()) {
      const char c = s_[pos_++];
      if (c == 'A' || c == 'H') continue;
      const char m = MergeClass(c, t_);
      if (m == last_) continue;
      last_ = m;
      return m;
    }
    return 0;
  }

 private:
  std::string_view s_;
  Transcription t_;
  size_t pos_ = 0;
  char last_ = 0;
};

// Whether the two keys are equal and at least `min_len` classes long (a
// class-by-class comparison that stops at the first difference: most
// pairs differ in their first class).
bool SameTranscriptionKey(std::string_view a, std::string_view b, Transcription t, int min_len) {
  TranscriptionKeyReader ra(a, t), rb(b, t);
  int n = 0;
  while (true) {
    const char ca = ra.Next();
    if (ca != rb.Next()) return false;
    if (ca == 0) return n >= min_len;
    ++n;
  }
}

// The phonetic key read with every transcription merge (Transcription::kAny).
std::string MergedTranscriptionKey(std::string_view phonetic) {
  std::string merged;
  TranscriptionKeyReader reader(phonetic, Transcription::kAny);
  for (char c = reader.Next(); c != 0; c = reader.Next()) merged.push_back(c);
  return merged;
}

// Whether two tokens may pair by the transcription key: their phonetic
// keys differ (equal keys pair as phonetic) and the hashes of their merged
// keys agree (SameTranscriptionKey then decides; a hash collision only
// loosens the first pass).
[[gnu::always_inline]] inline bool TranscriptionCandidates(const PreparedToken& q,
                                                           const PreparedToken& l) {
  return q.transcription_hash != 0 && q.transcription_hash == l.transcription_hash &&
         q.phonetic != l.phonetic;
}

// Whether the respelling of `latin` as loanwords write it may pair with
// `loan`, a token of a loanword reading, by the transcription key
// (ScorerParams::loanword_respelling: the hash of the one agrees with the
// other's; the keys then decide).
[[gnu::always_inline]] inline bool LoanCandidates(const PreparedToken& latin,
                                                  const PreparedToken& loan,
                                                  const ScorerParams& p) {
  return loan.loanword_reading && p.loanword_respelling &&
         ((latin.loan_hash != 0 && latin.loan_hash == loan.transcription_hash) ||
          (latin.loan_l_hash != 0 && latin.loan_l_hash == loan.transcription_hash));
}

// Whether pairs(key) holds for a respelling of the Latin token `latin` as
// the loanword scripts write foreign names (text::LoanwordPhoneticKey), or
// for the respelling that keeps the l when that is another key
// (loan_l_hash).
template <typename Pairs>
bool AnyRespelling(const PreparedToken& latin, Pairs&& pairs) {
  const text::LoanwordKeys keys = text::LoanwordPhoneticKeys(latin.text);
  return pairs(keys.key) || (latin.loan_l_hash != 0 && pairs(keys.keep_l));
}

// TranscriptionCandidates or LoanCandidates either way round (the first
// pass's test; TokenSimilarity then checks the keys). Equal hashes are
// never a loanword pair (a loan_hash differs from its token's own), and
// most pairs have no loanword reading on either side.
[[gnu::always_inline]] inline bool AnyTranscriptionCandidates(const PreparedToken& q,
                                                              const PreparedToken& l,
                                                              const ScorerParams& p) {
  if (q.transcription_hash == l.transcription_hash) return TranscriptionCandidates(q, l);
  if (!(q.loanword_reading || l.loanword_reading)) return false;
  return LoanCandidates(q, l, p) || LoanCandidates(l, q, p);
}

// Whether the transcription keys of two tokens agree with every merge (the
// candidates' keys, not only their hashes): directly, or with either
// token's loanword respelling. (The keys are compared out of line.)
[[gnu::noinline]] bool TranscriptionKeysAgreeSlow(const PreparedToken& q, const PreparedToken& l,
                                                  const ScorerParams& p) {
  if (TranscriptionCandidates(q, l) &&
      SameTranscriptionKey(q.phonetic, l.phonetic, Transcription::kAny, 1)) {
    return true;
  }
  auto respelt = [](const PreparedToken& latin, const PreparedToken& loan) {
    return AnyRespelling(latin, [&loan](const std::string& key) {
      return SameTranscriptionKey(key, loan.phonetic, Transcription::kAny, 1);
    });
  };
  if (LoanCandidates(q, l, p) && respelt(q, l)) return true;
  return LoanCandidates(l, q, p) && respelt(l, q);
}
[[gnu::always_inline]] inline bool TranscriptionKeysAgree(const PreparedToken& q,
                                                          const PreparedToken& l,
                                                          const ScorerParams& p) {
  return AnyTranscriptionCandidates(q, l, p) && TranscriptionKeysAgreeSlow(q, l, p);
}

// Whether one token may be a familiar form of the other's given name (their
// bits agree; FamiliarPair then decides, and a shared bit only loosens the
// first pass).
bool FamiliarCandidates(const PreparedToken& q, const PreparedToken& l) {
  return ((q.familiar_bits & l.full_name_bit) | (l.familiar_bits & q.full_name_bit)) != 0;
}
bool FamiliarPair(const PreparedToken& q, const PreparedToken& l) {
  return FamiliarCandidates(q, l) && (text::internal::IsFamiliarForm(q.text, l.canon) ||
                                      text::internal::IsFamiliarForm(l.text, q.canon));
}

// A token's place key: for a Russian adjective formed from a place name
// with -sk- (kazanskiy, izhevskaya, samarskogo, uralskie) the stem before
// it, with `adjective` set; for any other word the stem a place name would
// give its adjective: without a final -sk (Izhevsk, Donetsk) or a final
// vowel (Samara, Cheboksary). Empty when the key would be shorter than
// three letters, or the word shorter than four.
struct PlaceKey {
  std::string_view key;
  bool adjective = false;
  bool respelt = false;  // the key of another spelling of the place (below)
};
PlaceKey SpeltPlaceKey(std::string_view t) {
  // Longest first: "skoye" is the ending "oye", not "y" after "skoy".
  static constexpr std::string_view kEndings[] = {
      "aya", "aia", "aja", "oye", "oje", "ogo", "ovo", "ikh", "ykh", "iye", "iy", "yy", "ii",
      "yi",  "ij",  "yj",  "oe",  "oy",  "oi",  "oj",  "ie",  "ye",  "y",   "i",  "o"};
  constexpr size_t kMinStem = 3;
  for (std::string_view e : kEndings) {
    const size_t cut = e.size() + 2;
    if (t.size() >= cut + kMinStem && t.ends_with(e) && t.substr(t.size() - cut, 2) == "sk") {
      return {t.substr(0, t.size() - cut), true};
    }
  }
  if (t.size() < 4) return {};
  if (t.ends_with("sk") && t.size() >= kMinStem + 2) return {t.substr(0, t.size() - 2), false};
  const char last = t.back();
  if (last == 'a' || last == 'y' || last == 'i' || last == 'e' || last == 'o') {
    return {t.substr(0, t.size() - 1), false};
  }
  return {t, false};
}

// An English country adjective keys as its country, as a Russian -sk-
// adjective does (IRANIAN AVIATION INDUSTRIES ORGANIZATION / Iran Aviation
// Industries Organization, CHINA / Chinese Academy of Sciences:
// text::internal::CountryOfAdjective); empty for any other word. (The
// company-word table files these adjectives as company words, for the
// Russian ones: иранский = iranian.)
PlaceKey CountryAdjectiveKey(std::string_view t) {
  const std::string_view country = text::internal::CountryOfAdjective(t);
  return country.empty() ? PlaceKey{} : PlaceKey{SpeltPlaceKey(country).key, true};
}

// The place key of `t`, where a place of Ukraine spelt otherwise in
// Ukrainian or older Russian romanisation (text::internal::PlaceSpellings)
// gets the key of its Russian spelling: Kharkiv, Харьковский (kharkovskiy)
// and Kharkov all key "kharkov", Luhansk and Луганский "lugan"; a
// country adjective its country's (CountryAdjectiveKey).
PlaceKey PlaceKeyOf(std::string_view t) {
  if (const PlaceKey k = CountryAdjectiveKey(t); !k.key.empty()) return k;
  // Each spelling's key -> the Russian spelling's, sorted (at first use).
  static const std::vector<std::pair<std::string, std::string>> respell = [] {
    std::vector<std::pair<std::string, std::string>> out;
    for (const text::internal::TablePair& p : text::internal::PlaceSpellings()) {
      const std::string_view from = SpeltPlaceKey(p.a).key, to = SpeltPlaceKey(p.b).key;
      if (!from.empty() && !to.empty() && from != to) out.emplace_back(from, to);
    }
    std::sort(out.begin(), out.end());
    return out;
  }();
  PlaceKey k = SpeltPlaceKey(t);
  if (k.key.empty()) return k;
  auto it = std::lower_bound(respell.begin(), respell.end(), k.key,
                             [](const auto& e, std::string_view key) { return e.first < key; });
  if (it != respell.end() && it->first == k.key) {
    k.key = it->second;
    k.respelt = true;
  }
  return k;
}

// Whether two tokens may be a place adjective and its place, or one place
// in two spellings (equal key hashes, one side an adjective or respelt;
// PlacePair then decides).
bool PlaceCandidates(const PreparedToken& q, const PreparedToken& l) {
  return q.place_hash != 0 && q.place_hash == l.place_hash &&
         (q.place_adjective || l.place_adjective || q.place_respelt || l.place_respelt);
}
bool PlacePair(const PreparedToken& q, const PreparedToken& l) {
  return PlaceCandidates(q, l) && PlaceKeyOf(q.text).key == PlaceKeyOf(l.text).key;
}

// Belarusian surnames end in -au, -ou (-аў, -оў) and -eu (-еў) where the
// Russian forms end in -ov and -ev: BYKAU = Bykov, MIKUSHEU = Mikushev,
// NAVUMAU is Naumov's Belarusian form. A token's key: the VariantKey of its
// stem before such an ending, with the ending's class ('v' for -au, -ou,
// -ov, -ow, -off; 'e' for -eu, -ev, -eff); empty when it has none. French
// -eau and -ieu are no such ending (Lebeau, Bourdieu), nor -ou in words of
// fewer than 8 letters (Mamadou, Satou); the Belarusian side needs 5.
struct SlavicEnding {
  std::string key;
  bool belarusian = false;
};
SlavicEnding SlavicEndingKey(std::string_view t) {
  auto keyed = [&](size_t cut, char cls, bool belarusian) {
    SlavicEnding out{text::VariantKey(t.substr(0, t.size() - cut)), belarusian};
    out.key.push_back('|');
    out.key.push_back(cls);
    return out;
  };
  if (t.size() >= 5 && !t.ends_with("eau") && !t.ends_with("ieu")) {
    if (t.ends_with("au") || (t.size() >= 8 && t.ends_with("ou"))) return keyed(2, 'v', true);
    if (t.ends_with("eu")) return keyed(2, 'e', true);
  }
  if (t.size() < 4) return {};
  if (t.ends_with("ov") || t.ends_with("ow")) return keyed(2, 'v', false);
  if (t.ends_with("ev")) return keyed(2, 'e', false);
  if (t.ends_with("off")) return keyed(3, 'v', false);
  if (t.ends_with("eff")) return keyed(3, 'e', false);
  return {};
}

// Whether two tokens may be a Belarusian and a Russian surname ending on
// one stem (equal key hashes, one side Belarusian; SlavicEndingPair then
// decides).
bool SlavicEndingCandidates(const PreparedToken& q, const PreparedToken& l) {
  return q.slavic_hash != 0 && q.slavic_hash == l.slavic_hash &&
         q.belarusian_ending != l.belarusian_ending;
}
bool SlavicEndingPair(const PreparedToken& q, const PreparedToken& l) {
  return SlavicEndingCandidates(q, l) && SlavicEndingKey(q.text).key == SlavicEndingKey(l.text).key;
}

// Whether `s` is all letters a-z.
bool LowerLatin(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// The letters by which a Belarusian spelling of a Russian name differs, at
// t[i] (BelarusianKey undoes them, BelarusianMark looks for them):
// dz that is no part of dzh (дз, the soft d: DZIADKOVA = Dedkova);
bool BelarusianDz(std::string_view t, size_t i) {
  return t[i] == 'd' && i + 1 < t.size() && t[i + 1] == 'z' &&
         (i + 2 >= t.size() || t[i + 2] != 'h');
}
// an h that is no part of kh, sh, ch, zh, th, gh or ph (г: SIARHEENKA);
bool BelarusianH(std::string_view t, size_t i) {
  return t[i] == 'h' &&
         (i == 0 || std::string_view("kscztgp").find(t[i - 1]) == std::string_view::npos);
}
// i or y between a consonant and one of `vowels` that a consonant follows
// (я, е, ё after a consonant: NYAKRASAVA, FIODARAVA). Not at the end of a
// word, where -ia and -io are the endings of a woman's and a man's name.
constexpr std::string_view kVowelsAndY = "aeiouy";
bool LatinConsonant(char c) {
  return c >= 'a' && c <= 'z' && kVowelsAndY.find(c) == std::string_view::npos;
}
bool BelarusianSoftVowel(std::string_view t, size_t i, std::string_view vowels) {
  return (t[i] == 'i' || t[i] == 'y') && i > 0 && i + 2 < t.size() &&
         kVowelsAndY.find(t[i - 1]) == std::string_view::npos &&
         vowels.find(t[i + 1]) != std::string_view::npos &&
         kVowelsAndY.find(t[i + 2]) == std::string_view::npos;
}

// Belarusian spellings of Russian surnames write what is said: an
// unstressed o as a (akanye: KACHANAVA = Kochanova), an unstressed e after a
// consonant as ia or ya (NYAKRASAVA = Nekrasova), the soft d as dz
// (DZIADKOVA = Dedkova), г as h (SIARHEENKA = Sergeenko) and the в of -ов
// as ў (-au, -ou). A token's key undoes them on either spelling: dz -> d,
// such an h -> g, ia, ya, ie, io between consonants -> e, the y of ye after
// a vowel dropped (SERGEYENKO), a final au or ou -> ov and eu -> ev, every
// a -> o, then VariantKey. Empty for a token of fewer than 5 letters a-z.
std::string BelarusianKey(std::string_view t) {
  if (t.size() < 5 || !LowerLatin(t)) return {};
  std::string s;
  s.reserve(t.size() + 1);
  for (size_t i = 0; i < t.size(); ++i) {
    if (BelarusianDz(t, i)) {
      s += 'd';
      ++i;
    } else if (BelarusianH(t, i)) {
      s += 'g';
    } else if (BelarusianSoftVowel(t, i, "aeo")) {
      s += 'e';
      ++i;
    } else if (t[i] == 'y' && i > 0 && kVowelsAndY.find(t[i - 1]) != std::string_view::npos &&
               i + 1 < t.size() && t[i + 1] == 'e') {
      // (the y of ye after a vowel, е: dropped)
    } else {
      s += t[i];
    }
  }
  if (s.ends_with("au") || s.ends_with("ou")) {
    s.replace(s.size() - 2, 2, "ov");
  } else if (s.ends_with("eu")) {
    s.replace(s.size() - 2, 2, "ev");
  }
  for (char& c : s) c = c == 'a' ? 'o' : c;
  return text::VariantKey(s);
}

// Whether a token of 5 or more letters a-z is spelt as Belarusian: dz, an h
// BelarusianKey reads as g (not the first letter), ia or ya between
// consonants, or the endings -au, -eu, -ou, -ava, -ka (LUKASHENKA,
// KACHANAVA).
bool BelarusianMark(std::string_view t) {
  if (t.size() < 5 || !LowerLatin(t)) return false;
  if (t.ends_with("au") || t.ends_with("eu") || t.ends_with("ou") || t.ends_with("ava") ||
      t.ends_with("ka")) {
    return true;
  }
  for (size_t i = 0; i + 1 < t.size(); ++i) {
    if (BelarusianDz(t, i) || (i > 0 && BelarusianH(t, i)) || BelarusianSoftVowel(t, i, "a")) {
      return true;
    }
  }
  return false;
}

// Whether two tokens may be a Belarusian and a Russian spelling of one
// surname (equal key hashes, other texts, one side spelt as Belarusian;
// BelarusianPair then compares the keys).
[[gnu::always_inline]] inline bool BelarusianCandidates(const PreparedToken& q,
                                                        const PreparedToken& l) {
  return q.belarusian_hash != 0 && q.belarusian_hash == l.belarusian_hash &&
         q.text_hash != l.text_hash && (q.belarusian_mark || l.belarusian_mark);
}
bool BelarusianPair(const PreparedToken& q, const PreparedToken& l) {
  return BelarusianCandidates(q, l) && BelarusianKey(q.text) == BelarusianKey(l.text);
}

// The rime of a Korean name syllable with the onset ㅈ, spelt "j" or "ch"
// (ScorerParams::korean_j_variants: "ang" for "jang" and "chang"); "" for
// other tokens. Only the syllables names use (장 jang, 재 jae, 전 jon, 정
// jong, 주 ju, 준 jun, 지 ji, 진 jin, ...), so that European names (Jan,
// Jen, Jim) keep their own spelling.
std::string_view KoreanJRime(std::string_view t) {
  static constexpr std::string_view kRimes[] = {"a",  "ae", "ang", "e",  "i",   "ik", "il",
                                                "in", "o",  "ok",  "ol", "om",  "on", "ong",
                                                "u",  "uk", "ul",  "un", "ung", "wa"};
  const std::string_view rime = t.starts_with("ch")  ? t.substr(2)
                                : t.starts_with("j") ? t.substr(1)
                                                     : std::string_view();
  for (std::string_view r : kRimes) {
    if (rime == r) return rime;
  }
  return {};
}

// Whether `j` is a Korean name syllable with the onset ㅈ (KoreanJRime) and
// `y` the same rime after "y" (jang / yang, chun / yun): the variant rules
// read a Slavic j as y (Jakov / Yakov), but 장 and 양 are two surnames.
bool KoreanJAgainstY(std::string_view j, std::string_view y) {
  if (y.size() < 2 || y[0] != 'y') return false;
  const std::string_view rime = KoreanJRime(j);
  return !rime.empty() && rime == y.substr(1);
}

// Whether two tokens may be one Korean syllable spelt with "j" and with
// "ch" (equal rime hashes, different texts; KoreanJPair then decides).
[[gnu::always_inline]] inline bool KoreanJCandidates(const PreparedToken& q, const PreparedToken& l,
                                                     const ScorerParams& p) {
  return p.korean_j_variants && q.korean_j_hash != 0 && q.korean_j_hash == l.korean_j_hash &&
         q.text_hash != l.text_hash;
}
[[gnu::always_inline]] inline bool KoreanJPair(const PreparedToken& q, const PreparedToken& l,
                                               const ScorerParams& p) {
  return KoreanJCandidates(q, l, p) && KoreanJRime(q.text) == KoreanJRime(l.text);
}

// The final consonant of a romanised Korean syllable, with the spellings
// the systems and their popular forms use for it merged (k/g/ck, p/b,
// t/d/s, l/r/ll; "h" is silent): 'N' for "ng", 0 when it ends in a vowel.
char KoreanCoda(const std::string& t) {
  size_t e = t.size();
  while (e > 0 && t[e - 1] == 'h') --e;
  if (e == 0) return 0;
  switch (t[e - 1]) {
    case 'g':
      return e >= 2 && t[e - 2] == 'n' ? 'N' : 'k';
    case 'k':
    case 'c':
      return 'k';
    case 'p':
    case 'b':
      return 'p';
    case 't':
    case 'd':
    case 's':
      return 't';
    case 'l':
    case 'r':
      return 'l';
    case 'n':
    case 'm':
      return t[e - 1];
    default:
      return 0;
  }
}

// The glide and vowel of a romanised Korean syllable, after its onset
// consonants: `glide` the y or w before the vowel ("hyeon", "yong",
// "kwang"; 0 in "hun", "eun"); `plain_i` a vowel "i" alone (ㅣ: "sik",
// "jin"; not ㅢ "ui"); `back` a vowel o, u, eo or eu not followed by "i"
// (ㅗ, ㅜ, ㅓ, ㅡ: "suk", "song", "seok"; not ㅚ "oi", ㅟ "ui").
struct KoreanNucleus {
  char glide = 0;
  bool plain_i = false;
  bool back = false;
};
KoreanNucleus KoreanNucleusOf(const std::string& t) {
  KoreanNucleus n;
  size_t i = 0;
  while (i < t.size() && t[i] != 'w' && IsAsciiConsonant(static_cast<unsigned char>(t[i]))) ++i;
  if (i < t.size() && (t[i] == 'y' || t[i] == 'w')) n.glide = t[i++];
  if (i >= t.size()) return n;
  const char c = t[i];
  const char next = i + 1 < t.size() ? t[i + 1] : 0;
  if (c == 'i') {
    n.plain_i = true;
  } else if (c == 'o' || c == 'u') {
    n.back = next != 'i';
  } else if (c == 'e' && (next == 'o' || next == 'u')) {
    n.back = i + 2 >= t.size() || t[i + 2] != 'i';
  }
  return n;
}

// Korean syllables romanised differently keep their onset ("jeong" ~
// "chong", "eun" ~ "un"); a different onset is a different syllable
// ("yeong" is not "chong", "jung" is not "tong").
// Likewise a syllable with the vowel "a" is not one with "o", "eo" or
// "u" ("sang" is not "song", "yang" is not "yong"), and with korean_coda
// two closed syllables keep their final consonant.
// The rules are for single syllables: longer tokens are transcribed
// foreign names ("살쇼브" salsyobeu).
// `approximate`: a fuzzy or phonetic pair (not the variant table), which
// with korean_glide_vowel also keeps the glide and a plain "i".
bool KoreanSyllablesDiffer(const PreparedToken& qt, const PreparedToken& l, const FormScript& qs,
                           const FormScript& ls, bool approximate, const ScorerParams& p) {
  const bool korean_syllable = (qs.korean && qt.text_len <= p.pinyin_syllable_max) ||
                               (ls.korean && l.text_len <= p.pinyin_syllable_max);
  if (!korean_syllable) return false;
  if (KoreanOnset(qt.text) != KoreanOnset(l.text) || KoreanOpenA(qt.text) != KoreanOpenA(l.text)) {
    return true;
  }
  if (approximate && p.korean_glide_vowel) {
    const KoreanNucleus a = KoreanNucleusOf(qt.text), b = KoreanNucleusOf(l.text);
    if (a.glide != b.glide) return true;
    if ((a.plain_i && b.back) || (b.plain_i && a.back)) return true;
  }
  if (!p.korean_coda) return false;
  const char a = KoreanCoda(qt.text), b = KoreanCoda(l.text);
  return a != 0 && b != 0 && a != b;
}

// Whether token `a` (romanised from Arabic script) ends in a written long
// "i" after a consonant (the nisba suffix: "ahmdi" Ahmadi, "mhmdy"
// Mohammadi) and `b` ends in a consonant ("ahmad", "mohammad").
bool NisbaAgainstConsonant(const PreparedToken& a, const FormScript& as, const PreparedToken& b) {
  const std::u32string& t = a.text_cp;
  const std::u32string& u = b.text_cp;
  if (!as.arabic || t.size() < 3 || u.empty()) return false;
  return (t.back() == U'i' || t.back() == U'y') && IsAsciiConsonant(t[t.size() - 2]) &&
         IsAsciiConsonant(u.back());
}

// The length of the East Slavic patronymic ending of a romanised token
// (Ivanovich, Ivanovna, Ivanivna, Ilyinichna; -ovych / -evych in Ukrainian
// romanisation, -itch in older French-style spellings), or 0.
size_t PatronymicEnding(std::string_view t) {
  static constexpr std::string_view kEndings[] = {"ovich",  "evich", "ovych", "evych", "ovitch",
                                                  "evitch", "avich", "ovna",  "evna",  "ivna",
                                                  "ichna",  "auna",  "euna"};
  if (t.size() < 7) return 0;
  // A stem of two letters at least: Lev gives Lvovich and Lvovna.
  for (std::string_view e : kEndings) {
    if (t.size() >= e.size() + 2 && t.substr(t.size() - e.size()) == e) return e.size();
  }
  return 0;
}
bool IsPatronymic(std::string_view t) { return PatronymicEnding(t) > 0; }
// A man's patronymic (the endings in -h; a woman's end in -a).
bool IsMalePatronymic(std::string_view t) { return PatronymicEnding(t) > 0 && t.back() == 'h'; }

// Whether `a` is "Abu" (father of) and `b` an "Abd" (servant of) word.
bool AbuAgainstAbd(std::string_view a, std::string_view b) {
  return (a == "abu" || a == "abou" || a == "abo" || a == "aboo") && b.substr(0, 3) == "abd";
}

// Whether `b` is the family name built on the same stem as the patronymic
// `a`: Vladimirovna / Vladimirova, Petrovich / Petrov (the stem with its
// -ov / -ev, and the feminine -a).
bool SurnameOfPatronymic(std::string_view a, std::string_view b) {
  const size_t e = PatronymicEnding(a);
  if (e == 0 || a.substr(a.size() - e) == "ichna") return false;
  const std::string_view stem = a.substr(0, a.size() - e + 2);  // "vladimirov"
  return b == stem ||
         (b.size() == stem.size() + 1 && b.back() == 'a' && b.substr(0, stem.size()) == stem);
}

// Whether query token i is a patronymic that the list form lacks (it has
// none), in a person's name of three or more parts: it costs
// unmatched_query_patronymic instead of unmatched_query.
template <typename ListForm>
bool SparePatronymic(const QueryForm& qf, const ListForm& lf, int i, bool org,
                     const ScorerParams& p) {
  return p.unmatched_query_patronymic >= 0 && !org && qf.tokens.size() >= 3 &&
         qf.tokens[i].token->patronymic && !lf.patronymics;
}

// The first consonant of a token as a StrictPhoneticKey class, with the
// merges of Arabic script's transcriptions (b/p, j/g) and s/sh, after any
// vowels, h and the signs of ع and ء (ʿ ʾ '); 0 when it is a letter outside
// ASCII (ṭ, š) or j, y or w, which other languages read as a glide
// (Janosch / يانوش "yanwsh").
char FirstConsonantClass(std::string_view t) {
  size_t i = 0;
  while (i < t.size()) {
    const char c = t[i];
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'h' || c == '\'') {
      ++i;
    } else if (t.substr(i, 2) == "\u02bf" || t.substr(i, 2) == "\u02be") {  // ʿ ʾ
      i += 2;
    } else {
      break;
    }
  }
  // A letter outside ASCII (ṭ, ḥ, š): no class.
  if (i >= t.size() || t[i] == 'y' || t[i] == 'j' || t[i] == 'w' ||
      !IsAsciiConsonant(static_cast<unsigned char>(t[i]))) {
    return 0;
  }
  size_t end = i;
  while (end < t.size() && static_cast<unsigned char>(t[end]) < 0x80) ++end;
  for (char c : StrictPhoneticKey(t.substr(i, end - i), false)) {
    if (c == 'A' || c == 'H') continue;
    c = MergeClass(c, Transcription::kArabic);
    return c == 'X' ? 'S' : c;
  }
  return 0;
}

// Whether a fuzzy pair with a token romanised from Arabic script spells
// other consonants (ScorerParams::strict_fuzzy_abjad): when both names are
// written in Arabic script, any other consonant skeleton (either reading of
// doubled letters, as strict_phonetic_abjad); against another script,
// whose transcription may add or merge consonants ("mitchel" / ميتشل
// "mytshl"), another first consonant ("fsil" / "sial"; after the article
// of an Arabic token, "alfrahany" / Farahani, or before it).
bool FuzzyAbjadDiffers(const PreparedToken& q, const FormScript& qs, const PreparedToken& l,
                       const FormScript& ls) {
  if (qs.arabic && ls.arabic) {
    return StrictPhoneticKey(q.text, false) != StrictPhoneticKey(l.text, false) &&
           StrictPhoneticKey(q.text, true) != StrictPhoneticKey(l.text, true);
  }
  auto classes = [](const std::string& t, bool arabic, char out[2]) {
    out[0] = FirstConsonantClass(t);
    out[1] = arabic && t.size() >= 5 && t.starts_with("al")
                 ? FirstConsonantClass(std::string_view(t).substr(2))
                 : out[0];
  };
  char a[2], b[2];
  classes(q.text, qs.arabic, a);
  classes(l.text, ls.arabic, b);
  for (char x : a) {
    for (char y : b) {
      if (x == 0 || y == 0 || x == y) return false;
    }
  }
  return true;
}

// Whether a form is spelled with its vowels (Latin, or Devanagari and
// Bengali with ScorerParams::indic_spelled).
bool Spelled(const FormScript& s, const ScorerParams& p) {
  return s.latin || s.wade_giles || (p.indic_spelled && s.indic);
}

// Whether the transcription key pairs a token of a Latin name with one of a
// name in script `t` (`q_latin`: the query's token is the Latin one): their
// keys with that script's merges agree in at least transcription_min_key
// classes, or in one fewer when the spellings are also alike; for a
// loanword reading, also with the Latin token respelt as loanwords write it.
bool TranscriptionKeysPair(const QueryToken& q, const PreparedToken& l, Transcription t,
                           bool q_latin, const ScorerParams& p) {
  const PreparedToken& qt = *q.token;
  auto keys_pair = [&](std::string_view a, std::string_view b) {
    if (SameTranscriptionKey(a, b, t, p.transcription_min_key)) return true;
    return p.transcription_short_min_jw > 0 &&
           SameTranscriptionKey(a, b, t, p.transcription_min_key - 1) &&
           q.text.JaroWinkler(l.text_cp, 0) >= p.transcription_short_min_jw;
  };
  if (keys_pair(qt.phonetic, l.phonetic)) return true;
  const PreparedToken& latin = q_latin ? qt : l;
  const PreparedToken& other = q_latin ? l : qt;
  return IsLoanword(t) && LoanCandidates(latin, other, p) &&
         AnyRespelling(latin,
                       [&](const std::string& key) { return keys_pair(key, other.phonetic); });
}

// The compound ending of a Latin word: -uddin and its spellings (family 1)
// or -ullah and its spellings (family 2), after a stem of at least three
// letters; {family, stem length}, {0, 0} for neither.
std::pair<uint8_t, uint8_t> CompoundOf(std::string_view t) {
  static constexpr std::pair<std::string_view, uint8_t> kEndings[] = {
      {"uddin", 1}, {"udin", 1},    {"uddeen", 1}, {"udeen", 1}, {"eddine", 1},
      {"eddin", 1}, {"edine", 1},   {"edin", 1},   {"iddin", 1}, {"addin", 1},
      {"oddin", 1}, {"ouddine", 1}, {"oudine", 1}, {"oudin", 1}, {"ullah", 2},
      {"ulla", 2},  {"ollah", 2},   {"olah", 2},   {"allah", 2}, {"ullo", 2}};
  if (t.size() > 255) return {0, 0};
  for (const auto& [ending, family] : kEndings) {
    if (t.size() >= ending.size() + 3 && t.ends_with(ending)) {
      return {family, static_cast<uint8_t>(t.size() - ending.size())};
    }
  }
  return {0, 0};
}

// Whether two compound words of one ending have stems that do not pair
// (compound_stems).
bool CompoundStemsDiffer(const PreparedToken& a, const PreparedToken& b, const ScorerParams& p) {
  if (a.compound == 0 || a.compound != b.compound) return false;
  const std::string_view sa = std::string_view(a.text).substr(0, a.compound_stem);
  const std::string_view sb = std::string_view(b.text).substr(0, b.compound_stem);
  return JaroWinkler(sa, sb) < p.pair_floor && text::PhoneticKey(sa) != text::PhoneticKey(sb) &&
         text::VariantKey(sa) != text::VariantKey(sb);
}

// Whether two words that both hold digits (codes: tail numbers, hull
// numbers, registrations) hold other digits, in order (code_digits_differ).
bool CodeDigitsDiffer(std::string_view a, std::string_view b) {
  // Moves `i` to the next digit of `s`; false when there is none.
  auto next_digit = [](std::string_view s, size_t& i) {
    while (i < s.size() && (s[i] < '0' || s[i] > '9')) ++i;
    return i < s.size();
  };
  size_t i = 0, j = 0;
  for (bool first = true;; first = false) {
    const bool in_a = next_digit(a, i), in_b = next_digit(b, j);
    // No digit on one side: no code (first) or fewer digits.
    if (!in_a || !in_b) return !first && in_a != in_b;
    if (a[i++] != b[j++]) return true;
  }
}

// Why an approximate (fuzzy or phonetic) token match is not admissible given
// the scripts the two names were written in, whether they are scored as an
// organisation's (`org`) and what the tokens are: the
// ScorerParams member of the rule that refuses it, or nullptr when it is
// admissible.
const char* ApproximateMatchRefusal(const QueryToken& q, const PreparedToken& l, uint8_t how,
                                    const FormScript& qs, const FormScript& ls, bool org,
                                    const ScorerParams& p) {
  const PreparedToken& qt = *q.token;
  const bool spelled = Spelled(qs, p) && Spelled(ls, p);
  if (p.compound_stems && CompoundStemsDiffer(qt, l, p)) return "compound_stems";
  if (p.code_digits_differ && CodeDigitsDiffer(qt.text, l.text)) return "code_digits_differ";
  if (p.abjad_final_i_differs &&
      (NisbaAgainstConsonant(qt, qs, l) || NisbaAgainstConsonant(l, ls, qt))) {
    return "abjad_final_i_differs";
  }
  if (p.patronymic_not_surname &&
      (SurnameOfPatronymic(qt.text, l.text) || SurnameOfPatronymic(l.text, qt.text))) {
    return "patronymic_not_surname";
  }
  if (p.abu_not_abd && (AbuAgainstAbd(qt.text, l.text) || AbuAgainstAbd(l.text, qt.text))) {
    return "abu_not_abd";
  }
  // The transcription key: a loanword reading against a Latin name only.
  if (how == kTranscription) {
    // A transcribed name against a Latin one, with the merges of the
    // transcribing script.
    const FormScript& other = qs.latin ? ls : qs;
    if (!(qs.latin || ls.latin) || other.latin) return "transcription_scripts";
    Transcription t =
        other.labials_merged ? Transcription::kLoanwordLabial : Transcription::kLoanword;
    if (!other.loanword && !(qs.latin ? l.loanword_reading : qt.loanword_reading)) {
      if (p.transcription_abjad == 0 || !(other.arabic || other.hebrew)) {
        return "transcription_abjad";
      }
      t = other.arabic ? Transcription::kArabic : Transcription::kHebrew;
    }
    return TranscriptionKeysPair(q, l, t, qs.latin, p) ? nullptr : "transcription_min_key";
  }
  // A phonetic pair needs alike spellings where the scripts write their
  // vowels: phonetic_min_jw between spelled names (or a transposition
  // typo), the lower cyrillic_phonetic_min_jw between a name romanised from
  // Cyrillic and a Cyrillic or spelled one (Latin, Devanagari, Bengali).
  if (how == kPhonetic) {
    const bool cyrillic_pair = (qs.cyrillic || ls.cyrillic) && (qs.cyrillic || Spelled(qs, p)) &&
                               (ls.cyrillic || Spelled(ls, p));
    const double min_jw = spelled         ? p.phonetic_min_jw
                          : cyrillic_pair ? p.cyrillic_phonetic_min_jw
                                          : 0.0;
    if (min_jw > 0 && q.text.JaroWinkler(l.text_cp, 0) < min_jw &&
        !(spelled && (p.transposition_adjacent_only ? AdjacentTransposition(qt.text_cp, l.text_cp)
                                                    : SameLetters(qt.text_cp, l.text_cp)))) {
      return spelled ? "phonetic_min_jw" : "cyrillic_phonetic_min_jw";
    }
  }
  if ((how == kJaroWinkler || how == kLevenshtein) && p.strict_fuzzy_abjad &&
      (qs.arabic || ls.arabic) && FuzzyAbjadDiffers(qt, qs, l, ls)) {
    return "strict_fuzzy_abjad";
  }
  if (how == kPhonetic && p.strict_phonetic_abjad > 0) {
    const bool q_abjad = qs.arabic || (p.strict_phonetic_abjad > 1 && qs.hebrew);
    const bool l_abjad = ls.arabic || (p.strict_phonetic_abjad > 1 && ls.hebrew);
    // Either spelling of the skeleton may agree: the abjad's doubled letters
    // as two consonants, or as VariantKey reads them (one).
    if ((q_abjad || l_abjad) &&
        StrictPhoneticKey(qt.text, false) != StrictPhoneticKey(l.text, false) &&
        StrictPhoneticKey(qt.text, q_abjad) != StrictPhoneticKey(l.text, l_abjad)) {
      return "strict_phonetic_abjad";
    }
    // A word of three letters or fewer against an abjad's: its key is one
    // or two consonant classes, so when both begin with a consonant it also
    // needs the abjad word's first one (ZTE is not سعيد "said", VAD not فيض
    // "fyd"; a first vowel is any vowel: ein ~ عين).
    if (q_abjad != l_abjad) {
      const PreparedToken& spelled_side = q_abjad ? l : qt;
      const PreparedToken& abjad_side = q_abjad ? qt : l;
      auto consonant = [](const std::string& t) { return !t.empty() && LatinConsonant(t[0]); };
      if (spelled_side.text_len <= 3 && consonant(spelled_side.text) &&
          consonant(abjad_side.text) && spelled_side.text[0] != abjad_side.text[0]) {
        return "strict_phonetic_abjad";
      }
    }
  }
  // A Jaro-Winkler pair between spelled names needs its texts, or else its
  // canonical keys, close in edits: a ratio for every name, at most
  // jw_max_edits_org edits between organisations' (another company's name
  // with the same beginning). Each distance is computed once for both
  // rules, the canonical keys' only when the texts fail one.
  const bool max_edits = org && p.jw_max_edits_org > 0;
  if (how == kJaroWinkler && spelled && (p.jw_min_edit_ratio_latin > 0 || max_edits)) {
    const size_t text_edits = OsaDistance(qt.text_cp, l.text_cp);
    std::optional<size_t> canon_edits;
    auto canon = [&] {
      if (!canon_edits) canon_edits = OsaDistance(qt.canon_cp, l.canon_cp);
      return *canon_edits;
    };
    if (p.jw_min_edit_ratio_latin > 0 &&
        EditRatio(text_edits, qt.text_len, l.text_len) < p.jw_min_edit_ratio_latin &&
        EditRatio(canon(), qt.canon_len, l.canon_len) < p.jw_min_edit_ratio_latin) {
      return "jw_min_edit_ratio_latin";
    }
    const size_t most = static_cast<size_t>(std::max(p.jw_max_edits_org, 0));
    if (max_edits && text_edits > most && canon() > most) return "jw_max_edits_org";
  }
  // (Not for the name of a man, as his patronymic says: DUNKA is the
  // Belarusian spelling of DUNKO in Arciom Kanstantinavich DUNKA.)
  if (p.gendered_forms_differ && qs.gendered && ls.gendered &&
      ((!qs.male && FeminineOf(qt.text_cp, l.text_cp)) ||
       (!ls.male && FeminineOf(l.text_cp, qt.text_cp)))) {
    return "gendered_forms_differ";
  }
  if (p.pinyin_syllable_max > 0 && ((qs.pinyin && qt.text_len <= p.pinyin_syllable_max) ||
                                    (ls.pinyin && l.text_len <= p.pinyin_syllable_max))) {
    return "pinyin_syllable_max";
  }
  if (KoreanSyllablesDiffer(qt, l, qs, ls, true, p)) return "korean_syllables";
  const bool dprk_syllable = (qs.dprk && qt.text_len <= p.pinyin_syllable_max) ||
                             (ls.dprk && l.text_len <= p.pinyin_syllable_max);
  if (dprk_syllable && Vowels(qt.text) != Vowels(l.text)) return "korean_dprk_vowels";
  return nullptr;
}

int NameTokenCount(const PreparedForm& f);

// Whether a pair in an organisation's name holds a word of at most
// short_org_words letters between spelled or translated names
// (ScorerParams): two words, neither a company word, legal form, number nor
// initial, one of them its name's only token besides legal forms (CVC
// Health Corporation / CVS Health Corporation is a slip in one word of
// several).
bool ShortOrgWords(const PreparedToken& q, const PreparedToken& l, const FormScript& qs,
                   const FormScript& ls, const PreparedForm& qform, const PreparedForm& lform,
                   const ScorerParams& p) {
  if (q.kind != TokenKind::kWord || l.kind != TokenKind::kWord) return false;
  if (std::min(q.text_len, l.text_len) > static_cast<size_t>(p.short_org_words)) {
    return false;
  }
  if (!(Spelled(qs, p) || qs.translated) || !(Spelled(ls, p) || ls.translated)) return false;
  return NameTokenCount(qform) == 1 || NameTokenCount(lform) == 1;
}

// Why a token pair that clears the floor is not admissible: an approximate
// pair's rule (ApproximateMatchRefusal), or a variant-table pair of Korean
// syllables that differ (korean_onset_variants); nullptr when admissible.
const char* PairRefusal(const QueryToken& q, const PreparedToken& l, uint8_t how,
                        const FormScript& qs, const FormScript& ls, bool org,
                        const PreparedForm& qform, const PreparedForm& lform,
                        const ScorerParams& p) {
  if (org && p.short_org_words > 0 && (how == kVariant || IsApproximate(how)) &&
      ShortOrgWords(*q.token, l, qs, ls, qform, lform, p)) {
    return "short_org_words";
  }
  if (IsApproximate(how)) return ApproximateMatchRefusal(q, l, how, qs, ls, org, p);
  if (how == kVariant && p.korean_onset_variants &&
      KoreanSyllablesDiffer(*q.token, l, qs, ls, false, p)) {
    return "korean_onset_variants";
  }
  if (how == kVariant && p.korean_j_not_y &&
      (KoreanJAgainstY(q.token->text, l.text) || KoreanJAgainstY(l.text, q.token->text))) {
    return "korean_j_not_y";
  }
  return nullptr;
}

// Whether a pair under pair_floor still pairs: an initial of the query
// against the name part it abbreviates (ScorerParams::initials_pair;
// `query_has_word`: not for a query of initials only). The bounds pass
// true, which only loosens them.
bool InitialBelowFloorPairs(uint8_t how, const PreparedToken& qt, bool query_has_word,
                            const ScorerParams& p) {
  return how == kInitialMatch && p.initials_pair && query_has_word &&
         qt.kind == TokenKind::kInitial;
}

double Credit(double sim, const ScorerParams& p) {
  if (sim >= 1.0) return 1.0;
  const double x = (sim - p.credit_zero) / (1.0 - p.credit_zero);
  if (x <= 0) return 0;
  return std::pow(x, p.credit_gamma);
}

// Upper bounds of the Jaro-Winkler similarity (default parameters) and the
// Levenshtein ratio of two non-empty code point strings with character sets
// `set_a`, `set_b` (CharSet: code points mod 64, so collisions only raise the
// bounds). Every character of `a` outside set_b occurs at least once, so at
// most |a| - popcount(set_a & ~set_b) characters of `a` occur in `b`, and
// likewise for `b`. Jaro's common characters m are at most either count,
// Jaro <= (m/|a| + m/|b| + 1) / 3, the Winkler boost adds at most
// prefix * 0.1 * (1 - Jaro), and the edit distance is at least the number of
// characters of either string that the other lacks.
struct FuzzyBounds {
  double jw;
  double lev;
};
// Bits set in x (inline: the library call is slower without -mpopcnt;
// always, so that the POPCNT copies below compile it to the instruction).
[[gnu::always_inline]] inline size_t PopCount(uint64_t x) {
  x = x - ((x >> 1) & 0x5555555555555555ull);
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
  return static_cast<size_t>((x * 0x0101010101010101ull) >> 56);
}
// x86-64 with GCC: the out-of-line functions that inline Bounds (the first
// pass's pair bound, TokenSimilarity) are built twice, once for CPUs with
// the POPCNT instruction (GCC turns PopCount's arithmetic into it), chosen
// when the program loads; the same integer counts either way.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define CHOKEPOINT_POPCNT_CLONES [[gnu::target_clones("popcnt", "default")]]
#else
#define CHOKEPOINT_POPCNT_CLONES
#endif
// The strings are given by their lengths, code point sets and heads
// (PreparedToken::text_set, text_head): the Winkler prefix is the number of
// leading lanes the heads share, which counts a code point beyond the Basic
// Multilingual Plane as equal to any other such (a higher bound, never a
// lower one).
[[gnu::always_inline]] inline FuzzyBounds Bounds(size_t len_a, uint64_t set_a, uint64_t head_a,
                                                 size_t len_b, uint64_t set_b, uint64_t head_b) {
  const size_t miss_a = PopCount(set_a & ~set_b);
  const size_t miss_b = PopCount(set_b & ~set_a);
  const size_t ca = len_a - std::min(len_a, miss_a);
  const size_t cb = len_b - std::min(len_b, miss_b);
  const size_t m = std::min(ca, cb);
  const double na = static_cast<double>(len_a);
  const double nb = static_cast<double>(len_b);
  FuzzyBounds out;
  double jaro = 0;
  if (m > 0) {
    const double dm = static_cast<double>(m);
    jaro = std::min(1.0, (dm / na + dm / nb + 1.0) / 3.0);
  }
  // (Not std::min of a list: it stays a call in the POPCNT copies.)
  const size_t max_prefix = std::min(std::min(len_a, len_b), size_t{4});
  const uint64_t differ = head_a ^ head_b;
  const size_t same_lanes = differ == 0 ? 4 : static_cast<size_t>(__builtin_ctzll(differ)) / 16;
  const size_t prefix = std::min(same_lanes, max_prefix);
  out.jw = jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
  const size_t d = std::max(miss_a, miss_b);
  out.lev = 1.0 - static_cast<double>(d) / std::max(na, nb);
  return out;
}
// Bounds of two tokens' texts and of their canonical keys.
[[gnu::always_inline]] inline FuzzyBounds TextBounds(const PreparedToken& a,
                                                     const PreparedToken& b) {
  return Bounds(a.text_len, a.text_set, a.text_head, b.text_len, b.text_set, b.text_head);
}
[[gnu::always_inline]] inline FuzzyBounds CanonBounds(const PreparedToken& a,
                                                      const PreparedToken& b) {
  return Bounds(a.canon_len, a.canon_set, a.canon_head, b.canon_len, b.canon_set, b.canon_head);
}
// Margin for rounding between the bounds and the metrics' own arithmetic.
constexpr double kBoundSlack = 1e-9;

// One letter added in front ("invidia" / "nvidia"): the edit ratio
// 1 - 1 / longer length, without the length factor (Jaro-Winkler, which
// rewards a shared prefix, misses it); 0 otherwise or when the shorter has
// fewer than leading_letter_min_len letters.
[[gnu::noinline]] double LeadingLetterSimSlow(const std::u32string& x, const std::u32string& y,
                                              const ScorerParams& p) {
  const bool x_longer = x.size() > y.size();
  const std::u32string& lo = x_longer ? x : y;
  const std::u32string& sh = x_longer ? y : x;
  if (p.leading_letter_min_len <= 0 || lo.size() != sh.size() + 1 ||
      sh.size() < static_cast<size_t>(p.leading_letter_min_len) || lo[1] != sh[0] ||
      !std::equal(sh.begin(), sh.end(), lo.begin() + 1)) {
    return 0;
  }
  return 1.0 - 1.0 / static_cast<double>(lo.size());
}
// LeadingLetterSimSlow behind tests that read no code point, inline: most
// pairs differ in length by other than one letter, and of the rest most
// hold a letter the other lacks (their code point sets, mod 64, show it
// without a read of the texts, which are often not in the cache yet).
[[gnu::always_inline]] inline double LeadingLetterSim(const PreparedToken& x,
                                                      const PreparedToken& y,
                                                      const ScorerParams& p) {
  const size_t a = x.text_len, b = y.text_len;
  // (A negative leading_letter_min_len is a huge size_t: 0 either way.)
  if ((a + 1 != b && b + 1 != a) ||
      std::min(a, b) < static_cast<size_t>(p.leading_letter_min_len)) {
    return 0;
  }
  // The shorter's letters are all the longer's (a set of 0: not computed).
  const uint64_t longer = a > b ? x.text_set : y.text_set;
  const uint64_t shorter = a > b ? y.text_set : x.text_set;
  if (longer != 0 && shorter != 0 && (shorter & ~longer) != 0) return 0;
  return LeadingLetterSimSlow(x.text_cp, y.text_cp, p);
}

// The factor a fuzzy similarity of strings of a and b code points is
// scaled by: lengths far apart cost (length_penalty). Always inlined:
// TokenSimilarity calls it per new token pair.
[[gnu::always_inline]] inline double LengthFactor(size_t a, size_t b, const ScorerParams& p) {
  const double x = static_cast<double>(a), y = static_cast<double>(b);
  return 1.0 - (1.0 - std::min(x, y) / std::max(x, y)) * p.length_penalty;
}

// Whether query token q, a word that may have been cut short
// (may_be_truncated), begins the longer list word l.
inline bool TruncatedPair(const PreparedToken& q, const PreparedToken& l) {
  return q.may_be_truncated && (l.kind == TokenKind::kWord || l.kind == TokenKind::kOrgWord) &&
         l.text.size() > q.text.size() && l.text.compare(0, q.text.size(), q.text) == 0;
}

// Similarity of one query token and one list token (neither a legal form).
CHOKEPOINT_POPCNT_CLONES std::pair<double, How> TokenSimilarity(const QueryToken& q,
                                                                const PreparedToken& l,
                                                                const ScorerParams& p) {
  const PreparedToken& qt = *q.token;
  const bool q_num = qt.kind == TokenKind::kNumber;
  const bool l_num = l.kind == TokenKind::kNumber;
  if (q_num || l_num) {
    if (q_num && l_num && qt.canon_hash == l.canon_hash && qt.canon == l.canon) {
      return {1.0, kExact};
    }
    return {0.0, kNone};
  }
  // (Unequal hashes (FinishForm) rule the string comparisons out.)
  if (qt.text_hash == l.text_hash && qt.text == l.text) return {1.0, kExact};
  // Spellings of one canonical key (a variant pair) score sim_variant, or,
  // in words of variant_fuzzy_min_len letters or more, their spellings'
  // fuzzy similarity (times the length factor) when that is higher: a long
  // word respelt in one letter (BELSPETSVNESHTECHNIKA / -TEKHNIKA, 0.976)
  // is no less alike for also being a variant. Not in shorter words:
  // Jaro-Winkler's prefix bonus would lift the common short variants
  // (Mohammed / Mohammad 0.95), and with them weak hits on Arabic names
  // (round 33 of docs/scoring.md).
  if (qt.canon_hash == l.canon_hash && qt.canon == l.canon) {
    const size_t min_len = std::min(qt.text_len, l.text_len);
    if (p.variant_fuzzy_min_len <= 0 || min_len < static_cast<size_t>(p.variant_fuzzy_min_len)) {
      return {p.sim_variant, kVariant};
    }
    const double factor = LengthFactor(qt.text_len, l.text_len, p);
    const double cutoff = p.sim_variant / factor;
    double fuzzy = 0;
    if (cutoff < 1.0) {
      fuzzy = std::max(q.text.JaroWinkler(l.text_cp, cutoff),
                       q.text.LevenshteinRatio(l.text_cp, cutoff));
    }
    return {std::max(p.sim_variant, fuzzy * factor), kVariant};
  }
  const bool q_init = qt.kind == TokenKind::kInitial || qt.text_len == 1;
  const bool l_init = l.kind == TokenKind::kInitial || l.text_len == 1;
  if (q_init || l_init) {
    if (!qt.text_cp.empty() && !l.text_cp.empty() && qt.text_cp[0] == l.text_cp[0]) {
      return {p.sim_initial, kInitialMatch};
    }
    return {0.0, kNone};
  }
  double best = 0;
  How how = kNone;
  // The fuzzy similarity is scaled by a length factor and only counts at or
  // above pair_floor (ScoreForms drops weaker pairs), so the metrics need
  // only reach pair_floor / factor: pass that as their cutoff, and skip them
  // when even identical strings could not reach it. Scores of pairs that
  // clear the floor are unchanged; weaker pairs come back as 0 (ignored).
  const double factor = LengthFactor(qt.text_len, l.text_len, p);
  const double floor = p.pair_floor / factor - 1e-12;
  if (floor <= 1.0) {
    // Each metric returns 0 below its cutoff; a metric whose upper bound
    // (Bounds) is below the cutoff is not run, with the same result.
    // (A zero set: not computed for that token.)
    FuzzyBounds text_ub{1.0, 1.0}, canon_ub{1.0, 1.0};
    if (qt.text_set != 0 && l.text_set != 0) {
      text_ub = TextBounds(qt, l);
    }
    // When both canonical keys equal the texts, the canonical Jaro-Winkler
    // equals the one just computed and cannot raise `best`: skipped.
    const bool same_as_text = qt.canon_is_text && l.canon_is_text;
    if (same_as_text) {
      canon_ub.jw = -1.0;
    } else if (qt.canon_set != 0 && l.canon_set != 0) {
      canon_ub = CanonBounds(qt, l);
    }
    double jw = text_ub.jw + kBoundSlack < floor ? 0 : q.text.JaroWinkler(l.text_cp, floor);
    if (jw > best) best = jw, how = kJaroWinkler;
    const double canon_cutoff = std::max(floor, best);
    jw = canon_ub.jw + kBoundSlack < canon_cutoff ? 0
                                                  : q.canon.JaroWinkler(l.canon_cp, canon_cutoff);
    if (jw > best) best = jw, how = kJaroWinkler;
    const double lev_cutoff = std::max(floor, best);
    const double lev =
        text_ub.lev + kBoundSlack < lev_cutoff ? 0 : q.text.LevenshteinRatio(l.text_cp, lev_cutoff);
    if (lev > best) best = lev, how = kLevenshtein;
    if (best > 0) best *= factor;
  }
  if (p.sim_familiar > best && FamiliarPair(qt, l)) return {p.sim_familiar, kFamiliar};
  if (p.sim_place > best && PlacePair(qt, l)) {
    return {p.sim_place, qt.place_adjective || l.place_adjective ? kPlace : kPlaceSpelling};
  }
  if (p.sim_truncated > best && TruncatedPair(qt, l)) return {p.sim_truncated, kTruncated};
  if (p.sim_variant > best && SlavicEndingPair(qt, l)) return {p.sim_variant, kVariant};
  if (p.sim_variant > best && BelarusianPair(qt, l)) return {p.sim_variant, kVariant};
  if (p.sim_variant > best && KoreanJPair(qt, l, p)) return {p.sim_variant, kVariant};
  if (best < p.pair_floor) {
    if (const double lead = LeadingLetterSim(qt, l, p); lead > 0) {
      best = lead, how = kLevenshtein;
    }
  }
  if (!qt.phonetic.empty() && qt.phonetic.size() >= 2 && qt.phonetic_hash == l.phonetic_hash &&
      qt.phonetic == l.phonetic && p.sim_phonetic > best) {
    best = p.sim_phonetic, how = kPhonetic;
  }
  // Only when nothing else pairs the tokens; ApproximateMatchRefusal admits
  // it for a transcribed name against a Latin one, with that script's
  // merges and at least transcription_min_key classes.
  if (best < p.pair_floor && p.sim_transcription > 0 && TranscriptionKeysAgree(qt, l, p)) {
    best = p.sim_transcription, how = kTranscription;
  }
  return {best, how};
}

// Whether a fuzzy pair may count as a transcription pair instead (the
// first pass's bound and the similarity cache's bound allow for it): a
// fuzzy similarity under sim_transcription whose tokens' transcription
// hashes agree.
bool MayBecomeTranscription(const PreparedToken& q, const PreparedToken& l, double sim, uint8_t how,
                            const ScorerParams& p) {
  return (how == kJaroWinkler || how == kLevenshtein) && sim < p.sim_transcription &&
         AnyTranscriptionCandidates(q, l, p);
}

// A fuzzy pair of a token of a loanword reading and one of a Latin name
// (`q_latin`: the query's is the Latin one) that the transcription key also
// pairs, as ApproximateMatchRefusal admits it, takes the key's value when
// that is higher (Wortmann / 沃特曼 "wotman": Jaro-Winkler 0.83, the key
// 0.88). TokenSimilarity tries the key only below pair_floor, as its cached
// value serves the token pair in forms of any script.
[[gnu::noinline]] void FuzzyLoanwordPair(const QueryToken& q, const PreparedToken& l, bool q_latin,
                                         double& sim, uint8_t& how, const ScorerParams& p) {
  if (MayBecomeTranscription(*q.token, l, sim, how, p) && TranscriptionKeysAgree(*q.token, l, p) &&
      TranscriptionKeysPair(q, l, Transcription::kLoanword, q_latin, p)) {
    sim = p.sim_transcription;
    how = kTranscription;
  }
}

using Pair = TokenPair;

// Row offsets of list tokens in the per-query cache that are not rows:
// kUncached (not interned) and kLegalRow (a legal form, compared
// separately); the only values >= kLegalRow.
constexpr size_t kUncached = static_cast<size_t>(-1);
constexpr size_t kLegalRow = static_cast<size_t>(-2);
// ScratchSpace::memo_bound before the pair's first-pass value is computed:
// above every value (-1 or at most 1), so that the first pass's common case,
// a pair known not to pair (-1), takes one comparison.
constexpr double kBoundUnknown = std::numeric_limits<double>::infinity();

// NewMemoRow's rare case, out of line so that NewMemoRow stays small: the
// cache arrays grow (doubling).
[[gnu::noinline, gnu::cold]] void GrowMemo(size_t need, ScratchSpace& scratch) {
  const size_t size = std::max(need, 2 * scratch.memo_sim.size());
  scratch.memo_sim.resize(size);
  scratch.memo_how.resize(size);
  scratch.memo_bound.resize(size);
}

// The row of interned list token `id` in the per-query similarity cache,
// allocated (every similarity "not yet computed", -1) on first use in this
// query; inlined into ScoreForms' row loop (no call per new row: ~400 per
// query), with GrowMemo out of line. The arrays only grow (doubling); rows
// are handed out from memo_rows.
// REQUIRES: id < scratch.memo_stamp.size(), scratch.num_distinct > 0.
[[gnu::always_inline]] inline uint32_t NewMemoRow(uint32_t id, ScratchSpace& scratch) {
  const uint32_t nd = scratch.num_distinct;
  const uint32_t row = scratch.memo_rows++;
  scratch.memo_stamp[id] = scratch.generation;
  scratch.memo_row[id] = row;
  const size_t begin = static_cast<size_t>(row) * nd;
  if (scratch.memo_sim.size() < begin + nd) GrowMemo(begin + nd, scratch);
  // memo_how is read only after its similarity has been computed.
  double* const sim = scratch.memo_sim.data() + begin;
  double* const bound = scratch.memo_bound.data() + begin;
  for (uint32_t k = 0; k < nd; ++k) {
    sim[k] = -1.0;
    bound[k] = kBoundUnknown;
  }
  return row;
}

bool IsLegal(TokenKind k) { return k == TokenKind::kLegalForm; }

// A 64-bit FNV-1a hash of a form's joined text (QueryForm::joined_hash,
// DigestForm::joined_hash).
uint64_t JoinedHash(std::u32string_view joined) {
  uint64_t h = 1469598103934665603ull;
  for (char32_t c : joined) {
    h ^= static_cast<uint64_t>(c);
    h *= 1099511628211ull;
  }
  return h;
}

// Per list token of a form (PreparedTokens or DigestTokens), the offset of
// its row in the similarity cache (kUncached: not interned, kLegalRow: a
// legal form, compared separately), each row allocated here, before the
// pair loops, so that they read the cache through plain pointers.
template <typename Tokens>
[[gnu::always_inline]] inline void MemoRows(const Tokens& ltoks, ScratchSpace& scratch,
                                            size_t* row_out) {
  const uint32_t nd = scratch.num_distinct;
  // (NewMemoRow writes into memo_stamp and memo_row but never resizes them.)
  const uint32_t* const stamp = scratch.memo_stamp.data();
  const uint32_t* const row_of_id = scratch.memo_row.data();
  const uint32_t generation = scratch.generation;
  const size_t num_ids = nd == 0 ? 0 : scratch.memo_stamp.size();
  const size_t nl = ltoks.size();
  for (size_t j = 0; j < nl; ++j) {
    const auto& l = ltoks[j];
    if (IsLegal(l.kind)) {
      row_out[j] = kLegalRow;
      continue;
    }
    if (l.id >= num_ids) {  // (kNoTokenId is above every id)
      row_out[j] = kUncached;
    } else {
      const uint32_t row = stamp[l.id] == generation ? row_of_id[l.id] : NewMemoRow(l.id, scratch);
      row_out[j] = static_cast<size_t>(row) * nd;
    }
  }
}

// The weight an unmatched token costs as (a place in an organisation's name
// and the Arabic article less: ScorerParams::place_unmatched,
// unmatched_article). Always inlined: the first-pass loops call these per
// unpaired token.
// (An address word's is its least cost, when every list word is matched;
// ScoreForms adds the rest otherwise, so that the first-pass bounds, which
// use this, stay above the score.)
[[gnu::always_inline]] inline double WordUnmatchedWeight(const PreparedToken& t,
                                                         const ScorerParams& p) {
  if (t.article) return p.unmatched_article * t.weight;
  if (t.lineage_inside) return p.unmatched_lineage * t.weight;
  if (t.eponym) return p.eponym_unmatched * t.weight;
  return t.place ? p.place_unmatched * t.weight : t.weight;
}
[[gnu::always_inline]] inline double UnmatchedWeight(const PreparedToken& t,
                                                     const ScorerParams& p) {
  return t.address ? p.address_unmatched * t.address_share * t.weight : WordUnmatchedWeight(t, p);
}
// (A digest keeps its token's value.)
[[gnu::always_inline]] inline double UnmatchedWeight(const DigestToken& t, const ScorerParams&) {
  return t.unmatched_weight;
}

// Whether an unmatched token counts in the conflict term: words and
// numbers, not places in organisations' names nor lineage connectors (nor
// an address, unless
// ScoreForms adds it back).
[[gnu::always_inline]] inline bool WordConflictKind(const PreparedToken& t) {
  return (t.kind == TokenKind::kWord || t.kind == TokenKind::kNumber) && !t.place &&
         !t.lineage_inside;
}
[[gnu::always_inline]] inline bool ConflictKind(const PreparedToken& t) {
  return !t.address && WordConflictKind(t);
}
[[gnu::always_inline]] inline bool ConflictKind(const DigestToken& t) { return t.conflict; }
// The list token itself, for a pair's first computation.
[[gnu::always_inline]] inline const PreparedToken& ListToken(const PreparedToken& t) { return t; }
[[gnu::always_inline]] inline const PreparedToken& ListToken(const DigestToken& t) {
  return *t.token;
}
// Whether an unmatched token of an organisation's name is a company word
// that names a line of business (nuclear, communications, mining, bank),
// not what kind of body it is (company, authority, society: type_word)
// nor a place (business_word_conflict).
[[gnu::always_inline]] inline bool BusinessWord(const PreparedToken& t) {
  return t.kind == TokenKind::kOrgWord && !t.type_word && !t.place && !t.address;
}

// Whether token i of `form`, unmatched, repeats a matched token (ScoreForms):
// kSpelled when a paired token of its side (`paired`) is spelled as it is,
// kCanon when one has its canonical key or it restates the form's
// initials, else kNone.
enum class Repeat { kNone, kCanon, kSpelled };
template <typename PairedToken>
Repeat RepeatOf(int i, const PreparedForm& form, const PreparedToken& t,
                const std::vector<TokenPair>& chosen, PairedToken&& paired) {
  if (i < 64 && ((form.repeat_mask >> i) & 1) == 0) return Repeat::kNone;
  bool repeat = i < 64 && ((form.restated_mask >> i) & 1) != 0, spelled = false;
  for (const TokenPair& pr : chosen) {
    const PreparedToken& o = paired(pr);
    repeat |= o.canon == t.canon;
    spelled |= o.text == t.text;
  }
  return !repeat ? Repeat::kNone : spelled ? Repeat::kSpelled : Repeat::kCanon;
}

// Whether list token j, unmatched, repeats an earlier unmatched token of
// its form (the same canonical key; unmatched_repeat_once).
bool RepeatsUnmatched(int j, const std::vector<PreparedToken>& ltoks,
                      const std::vector<int>& l_match) {
  for (int k = 0; k < j; ++k) {
    if (l_match[k] < 0 && ltoks[k].canon == ltoks[j].canon) return true;
  }
  return false;
}

// What a name's spelled repeats (Repeat::kSpelled) would cost as unmatched
// tokens, and their conflict weight: added when the other name has an
// unmatched word (repeats_fill_place).
struct RepeatCost {
  double cost = 0;
  double conflict = 0;
  void Add(const PreparedToken& t, const ScorerParams& p) {
    cost += UnmatchedWeight(t, p);
    if (ConflictKind(t)) conflict += t.weight;
  }
  void AddTo(double& unmatched, double& unmatched_conflict) const {
    unmatched += cost;
    unmatched_conflict += conflict;
  }
};

// The unmatched address words' cost beyond their least (UnmatchedWeight)
// and their conflict weight: what ScoreForms adds back unless it waives
// them, and what the bounds add back when a waiver is impossible.
struct AddressRest {
  double cost = 0;
  double conflict = 0;
  void Add(const PreparedToken& t, const ScorerParams& p) {
    if (!t.address) return;
    cost += WordUnmatchedWeight(t, p) - UnmatchedWeight(t, p);
    if (WordConflictKind(t)) conflict += t.weight;
  }
};

// The bounds' side of the address waiver: it needs an organisation's name
// with no list word left over. A list word without any possible pair (`ul`
// counts them; with a word cut short that may pair they cost little and
// are not asked) rules it out, and then the address words cost in full.
void AddBackAddress(const AddressRest& address, bool org, double ul, bool cut_possible, double& uq,
                    double& uq_conf) {
  if (org && (ul == 0 || cut_possible)) return;
  uq += address.cost;
  uq_conf += address.conflict;
}

// Whether `t` only says what kind of body the name is: a stopword or a
// company word of the plain kinds (company, corporation, centre, ...), not
// one that names a line of business (bank, systems, trading), which sets
// apart the companies of one group (ScorerParams::type_words_extra).
bool IsTypeWord(const PreparedToken& t) {
  if (t.kind == TokenKind::kStopword) return true;
  if (t.kind != TokenKind::kOrgWord) return false;
  static constexpr std::string_view kTypes[] = {"company", "corporation", "enterprise",
                                                "center",  "association", "society",
                                                "concern", "org",         "design bureau"};
  for (std::string_view k : kTypes) {
    if (t.canon == k) return true;
  }
  return false;
}

// The tokens of a form that are not legal forms.
int NameTokenCount(const PreparedForm& f) {
  int n = 0;
  for (const PreparedToken& t : f.tokens) n += IsLegal(t.kind) ? 0 : 1;
  return n;
}
int NameTokenCount(const DigestForm& f) { return f.name_tokens; }

// Whether unmatched_query_contained may apply to the form pair: a person's
// name, not written in syllables, whose list form has at least two tokens
// besides legal forms (ScoreForms checks the pairs).
template <typename ListForm>
bool ContainedPossible(const QueryForm& qf, const ListForm& lf, bool org, bool syllabic_person,
                       const ScorerParams& p) {
  if (p.unmatched_query_contained < 0 || org || syllabic_person) return false;
  if (qf.tokens.size() < 3) return false;  // nothing left over beside two pairs
  return NameTokenCount(lf) >= 2;
}

// Whether the list name is long enough to be held whole without the
// query's first token: it has contained_without_first_min name parts
// (words, not counting the Arabic article or a lineage connector: Hassan
// AL-TIKRITI has two, and "X Hassan AL-TIKRITI" names his child).
template <typename ListForm>
bool ContainedWithoutFirst(const ListForm& lf, const ScorerParams& p) {
  return p.contained_without_first_min > 0 && lf.name_parts >= p.contained_without_first_min;
}

// The query form's first token that is not a legal form, or -1.
int FirstNameToken(const QueryForm& qf) {
  for (size_t i = 0; i < qf.tokens.size(); ++i) {
    if (!IsLegal(qf.tokens[i].token->kind)) return static_cast<int>(i);
  }
  return -1;
}

// The cost of `ul` weight of unmatched list tokens; `syllabic_person`: the
// query is a person's name in Han, Hangul or kana (SyllabicPerson).
double UnmatchedListCost(double ul, bool org, bool syllabic_person, const ScorerParams& p) {
  if (syllabic_person) return p.unmatched_list_syllabic * ul;
  return (org ? p.unmatched_list_org : p.unmatched_list_person) * ul;
}

// Whether the syllabic person rules apply to a query form against a list
// form: the query is written in Han, Hangul or kana and scored as a
// person, or is a person's name and the list name has no legal form or
// company word either (ScorerParams::syllabic_rules_by_name).
template <typename ListForm>
bool SyllabicPerson(const QueryForm& qf, const ListForm& lf, bool org, bool query_org,
                    const ScorerParams& p) {
  if (!qf.form->script.syllabic) return false;
  return !org || (p.syllabic_rules_by_name && !query_org && !lf.org_tokens);
}

// Whether the joined texts leave the token out: the word "and"
// (joined_without_and; "&" is "and" between words, nothing inside an
// acronym, so "AT&T" and "AT and T" are both "att").
bool LeftOutOfJoined(const PreparedToken& t, const ScorerParams& p) {
  return p.joined_without_and && t.text == "and";
}

// A token's place in the joined texts when the legal forms that both forms
// have (the same symbol) are left out and the others kept as words
// (joined_shared_legal).
bool InSharedLegalJoined(const PreparedToken& t, const PreparedForm& other) {
  if (t.kind != TokenKind::kLegalForm) return !LeftOutOfJoined(t, MutableParams());
  for (const PreparedToken& o : other.tokens) {
    if (o.kind == TokenKind::kLegalForm && o.canon_hash == t.canon_hash && o.canon == t.canon) {
      return false;
    }
  }
  return true;
}

// The length of SharedLegalJoined(f, other), without building it.
size_t SharedLegalJoinedSize(const PreparedForm& f, const PreparedForm& other) {
  size_t n = f.joined.size();
  for (const PreparedToken& t : f.tokens) {
    if (t.kind == TokenKind::kLegalForm && !InSharedLegalJoined(t, other)) n -= t.text_len;
  }
  return n;
}

// The joined text of `f` without the legal forms it shares with `other`.
std::u32string SharedLegalJoined(const PreparedForm& f, const PreparedForm& other) {
  std::u32string out;
  for (const PreparedToken& t : f.tokens) {
    if (InSharedLegalJoined(t, other)) out += t.text_cp;
  }
  return out;
}

// The ratio of `core`, the joined text of a form without its legal forms,
// to the same length of `other` (the other form's whole joined text) at the
// end where `core` sits in `whole`; 1 when the legal forms are not all at
// one end (joined_core_at_end).
double CoreAtEndRatio(std::u32string_view core, std::u32string_view whole,
                      std::u32string_view other) {
  if (core.empty() || core.size() >= whole.size()) return 1.0;
  const size_t n = std::min(core.size(), other.size());
  if (whole.starts_with(core)) return LevenshteinRatio(core, other.substr(0, n));
  if (whole.ends_with(core)) return LevenshteinRatio(core, other.substr(other.size() - n));
  return 1.0;
}

// Whether two forms with as many tokens hold the same letters: the
// necessary condition of ShiftedBoundary, all that the bounds test.
bool MaybeShiftedBoundary(const QueryForm& qf, const PreparedForm& lf, const ScorerParams& p) {
  return p.shifted_boundary_min_len > 0 && qf.tokens.size() == lf.tokens.size() &&
         qf.joined.str() == lf.joined;
}
// The same from a digest, by the joined texts' lengths and hashes: true
// whenever the texts are equal (and, rarely, otherwise: a looser bound).
bool MaybeShiftedBoundary(const QueryForm& qf, const DigestForm& lf, const ScorerParams& p) {
  return p.shifted_boundary_min_len > 0 && qf.tokens.size() == lf.tokens.size() &&
         qf.joined.str().size() == lf.joined_size && qf.joined_hash == lf.joined_hash;
}
// Whether they hold them with a word boundary moved: every token that
// differs from the other form's token at its position has at least
// ScorerParams::shifted_boundary_min_len letters on both sides.
bool ShiftedBoundary(const QueryForm& qf, const PreparedForm& lf, const ScorerParams& p) {
  if (!MaybeShiftedBoundary(qf, lf, p)) return false;
  const size_t n = static_cast<size_t>(p.shifted_boundary_min_len);
  for (size_t i = 0; i < qf.tokens.size(); ++i) {
    const std::u32string& a = qf.tokens[i].token->text_cp;
    const std::u32string& b = lf.tokens[i].text_cp;
    if (a != b && (a.size() < n || b.size() < n)) return false;
  }
  return true;
}

// Split or merged tokens: the Levenshtein ratio of the two forms' joined
// texts, and when either form has a legal form also of their texts without
// legal forms; the higher counts. Both are needed: "SiemensAG" holds its
// legal form inside a word, and a misspelled legal form ("joynt stock
// company") stays words on one side only, while a company name translated
// word by word ("Shandong OreeLaser Technology Co., Ltd" and its Chinese
// name) only agrees without them. When only one form has legal forms, the
// whole-text ratio is bounded by CoreAtEndRatio (joined_core_at_end). 0
// below `cutoff`. `core`, when given, is set when the texts without legal
// forms gave the result.
double JoinedRatio(const QueryForm& qf, const PreparedForm& lf, double cutoff, bool* core = nullptr,
                   bool* shared_legal = nullptr) {
  if (core != nullptr) *core = false;
  if (shared_legal != nullptr) *shared_legal = false;
  double r = 0;
  const bool q_core = !qf.joined_core.str().empty(), l_core = !lf.joined_core.empty();
  if (!qf.joined.str().empty() && !lf.joined.empty() &&
      !(q_core && l_core && MutableParams().joined_core_at_end)) {
    r = qf.joined.LevenshteinRatio(lf.joined, cutoff);
    if (r > 0 && MutableParams().joined_core_at_end && q_core != l_core) {
      const double end = qf.joined_core.str().empty()
                             ? CoreAtEndRatio(lf.joined_core, lf.joined, qf.joined.str())
                             : CoreAtEndRatio(qf.joined_core.str(), qf.joined.str(), lf.joined);
      if (end < r) r = end < cutoff ? 0 : end;
    }
  }
  if (qf.joined_core.str().empty() && lf.joined_core.empty()) return r;
  const std::u32string& l = lf.joined_core.empty() ? lf.joined : lf.joined_core;
  const CachedCodePoints& q = qf.joined_core.str().empty() ? qf.joined : qf.joined_core;
  if (q.str().empty() || l.empty()) return r;
  double r_core = q.LevenshteinRatio(l, std::max(cutoff, r));
  if (r_core <= r) {
    r_core = r;
  } else if (core != nullptr) {
    *core = true;
  }
  // Both forms have legal forms: also without only the ones they share
  // ("OJSC ... CORPORATION" / "... CORPORATION JOINT STOCK COMPANY", where
  // the second "corporation" is part of a company-word phrase).
  if (MutableParams().joined_shared_legal && !qf.joined_core.str().empty() &&
      !lf.joined_core.empty() && qf.form != nullptr) {
    const double best = std::max(cutoff, r_core);
    const size_t qn = SharedLegalJoinedSize(*qf.form, lf), ln = SharedLegalJoinedSize(lf, *qf.form);
    const size_t lo = std::min(qn, ln), hi = std::max(qn, ln);
    // (Equal to the core or whole texts when no legal form, or every one,
    // is shared: nothing new.)
    const bool differs = (qn != qf.joined.size() || ln != lf.joined.size()) &&
                         (qn != qf.joined_core.size() || ln != lf.joined_core.size());
    if (differs && lo > 0 && static_cast<double>(lo) / static_cast<double>(hi) > best) {
      const double r_shared =
          LevenshteinRatio(SharedLegalJoined(*qf.form, lf), SharedLegalJoined(lf, *qf.form), best);
      if (r_shared > r_core) {
        if (core != nullptr) *core = false;
        if (shared_legal != nullptr) *shared_legal = true;
        return r_shared;
      }
    }
  }
  return r_core;
}

// Whether the joined texts of two forms agree only in whole words at their
// ends (joined_ends_differ): with the words that both forms begin or end
// with taken off (words left out of the joined texts skipped, and legal
// forms when the texts compared were without them: `core`), what is left
// on both sides is less alike than joined_rest_min
// (a Levenshtein ratio). The
// joined comparison is for words split or merged ("STROY TRANSGAZ" /
// STROYTRANSGAZ); a shared long word would otherwise carry a short one that
// differs: "SES INTERNATIONAL CORP" / "MKS INTERNATIONAL", joined 0.85.
bool JoinedEndsDiffer(const QueryForm& qf, const PreparedForm& lf, bool core,
                      const ScorerParams& p) {
  thread_local std::vector<const PreparedToken*> q, l;
  q.clear();
  l.clear();
  auto kept = [&](const PreparedToken& t) {
    return !(core && IsLegal(t.kind)) && !LeftOutOfJoined(t, p);
  };
  for (const QueryToken& t : qf.tokens) {
    if (kept(*t.token)) q.push_back(t.token);
  }
  for (const PreparedToken& t : lf.tokens) {
    if (kept(t)) l.push_back(&t);
  }
  size_t b = 0, qe = q.size(), le = l.size();
  while (b < qe && b < le && q[b]->text == l[b]->text) ++b;
  while (qe > b && le > b && q[qe - 1]->text == l[le - 1]->text) --qe, --le;
  if (b == 0 && qe == q.size()) return false;  // no shared word at either end
  if (qe == b || le == b) return false;        // one side has nothing left
  thread_local std::u32string qr, lr;
  qr.clear();
  lr.clear();
  for (size_t i = b; i < qe; ++i) qr += q[i]->text_cp;
  for (size_t i = b; i < le; ++i) lr += l[i]->text_cp;
  // One side's rest at an end of the other's is a word split where a
  // neighbour took its letters ("N.A.Z. TECHNOLOGY", N.A. read as a legal
  // form, / NAZ TECHNOLOGY CORPORATION LTD: "z" / "naz").
  const std::u32string_view shorter = qr.size() <= lr.size() ? qr : lr;
  const std::u32string_view longer = qr.size() <= lr.size() ? lr : qr;
  if (longer.starts_with(shorter) || longer.ends_with(shorter)) return false;
  return LevenshteinRatio(qr, lr, p.joined_rest_min) < p.joined_rest_min;
}

// The Levenshtein ratio of the query's joined text against the list's with
// its words rotated (the list's words from the k-th on, then the first k;
// `rotated_at` is set to k), the best over k; 0 below `cutoff`. A name
// written surname first with a compound written apart on one side and
// together on the other: "Abdulrahman Ali" / "ALI, Abdul Rahman",
// "Alghamdi Saad" / "Saad AL-GHAMDI". Forms without legal forms only.
double RotatedJoinedRatio(const QueryForm& qf, const PreparedForm& lf, double cutoff,
                          int* rotated_at) {
  *rotated_at = 0;
  if (!qf.joined_core.str().empty() || !lf.joined_core.empty() || lf.tokens.size() < 2 ||
      qf.joined.str().empty() || lf.joined.empty()) {
    return 0;
  }
  const std::u32string_view q = qf.joined.str();
  const size_t lo = std::min(q.size(), lf.joined.size()), hi = std::max(q.size(), lf.joined.size());
  if (static_cast<double>(lo) < cutoff * static_cast<double>(hi)) return 0;  // ratio <= lo / hi
  thread_local std::u32string rotated;
  double best = 0;
  size_t offset = 0;
  for (size_t k = 0; k + 1 < lf.tokens.size(); ++k) {
    const PreparedToken& t = lf.tokens[k];
    if (!LeftOutOfJoined(t, MutableParams())) offset += t.text_len;
    if (offset == 0 || offset >= lf.joined.size()) continue;
    // The rotated text begins or ends as the query's does (a rotation that
    // agrees at neither end is not tried: the joined comparison is for
    // split and merged words, not for typos at both ends).
    if (lf.joined[offset] != q.front() && lf.joined[offset - 1] != q.back()) continue;
    rotated.assign(lf.joined, offset);
    rotated.append(lf.joined, 0, offset);
    const double r = qf.joined.LevenshteinRatio(rotated, std::max(cutoff, best));
    if (r > best) {
      best = r;
      *rotated_at = static_cast<int>(k) + 1;
    }
  }
  return best;
}

// The kinds of body a form's legal forms name: kNonProfit (ANO, the
// autonomous non-profit organisation; rigour's "NGO" also holds forms of
// other bodies), kCommercial (LLC, JSC, Inc, Corp, LP), both or neither.
constexpr int kNonProfit = 1, kCommercial = 2;
template <typename Tokens, typename TokenOf>
int LegalKinds(const Tokens& tokens, TokenOf&& token_of) {
  int kinds = 0;
  for (const auto& t : tokens) {
    const PreparedToken& pt = *token_of(t);
    if (pt.kind != TokenKind::kLegalForm) continue;
    const std::string& c = pt.canon;
    if (c == "ano") {
      kinds |= kNonProfit;
    } else if (c == "llc" || c == "jsc" || c == "inc" || c == "corp" || c == "lp") {
      kinds |= kCommercial;
    }
  }
  return kinds;
}

// The shorter length over the longer (0 when one is 0).
inline double LengthRatio(size_t a, size_t b) {
  if (a == 0 || b == 0) return 0.0;
  return static_cast<double>(std::min(a, b)) / static_cast<double>(std::max(a, b));
}
// A joined text of a form (its whole joined text or joined_core): its
// length and code point counts.
struct JoinedText {
  size_t size;
  const std::array<uint8_t, 32>& counts;
};
inline JoinedText WholeJoined(const PreparedForm& f) { return {f.joined.size(), f.joined_counts}; }
inline JoinedText WholeJoined(const DigestForm& f) { return {f.joined_size, f.joined_counts}; }
// Whether the form has a joined_core (it has legal forms).
inline bool HasJoinedCore(const PreparedForm& f) { return !f.joined_core.empty(); }
inline bool HasJoinedCore(const DigestForm& f) { return f.joined_core_size != 0; }
// joined_core, or the whole text when the form has no legal form.
inline JoinedText CoreJoined(const PreparedForm& f) {
  if (!HasJoinedCore(f)) return WholeJoined(f);
  return {f.joined_core.size(), f.joined_core_counts};
}
inline JoinedText CoreJoined(const DigestForm& f) {
  if (!HasJoinedCore(f)) return WholeJoined(f);
  return {f.joined_core_size, f.joined_core_counts};
}
// An upper bound of the Levenshtein ratio of two joined texts (and of any
// rotation of their words): their length ratio, and from their code point
// counts, since an edit distance is at least the number of code points one
// text holds beyond the other's, class by class (classes merged and counts
// capped at 255 only lower that number).
[[gnu::always_inline]] inline double JoinedTextRatio(const JoinedText& a, const JoinedText& b) {
  const double r = LengthRatio(a.size, b.size);
  if (r < MutableParams().joined_min) return r;
  unsigned more_a = 0, more_b = 0;
  for (size_t k = 0; k < a.counts.size(); ++k) {
    const int d = static_cast<int>(a.counts[k]) - static_cast<int>(b.counts[k]);
    more_a += static_cast<unsigned>(std::max(d, 0));
    more_b += static_cast<unsigned>(std::max(-d, 0));
  }
  const size_t longer = std::max(a.size, b.size);
  return std::min(
      r, 1.0 - static_cast<double>(std::max(more_a, more_b)) / static_cast<double>(longer));
}
// The ratio of the joined texts without only the legal forms both forms
// share (their lengths, exactly), where JoinedRatio compares those: when
// they are neither the whole nor the core texts; 0 when it does not.
double SharedLegalRatio(const QueryForm& qf, const PreparedForm& lf) {
  const size_t qn = SharedLegalJoinedSize(*qf.form, lf), ln = SharedLegalJoinedSize(lf, *qf.form);
  if ((qn != qf.joined.size() || ln != lf.joined.size()) &&
      (qn != qf.joined_core.size() || ln != lf.joined_core.size())) {
    return LengthRatio(qn, ln);
  }
  return 0;
}
// The same from a digest, which does not spell the legal forms: the most
// the lengths allow, each between its core's and its whole text's.
double SharedLegalRatio(const QueryForm& qf, const DigestForm& lf) {
  const size_t q_lo = qf.joined_core.str().size(), q_hi = qf.joined.str().size();
  const size_t l_lo = lf.joined_core_size, l_hi = lf.joined_size;
  if (q_hi < l_lo) return LengthRatio(q_hi, l_lo);
  return l_hi < q_lo ? LengthRatio(l_hi, q_lo) : 1.0;
}
// JoinedLengthRatio when a form has legal forms (joined_core), out of line.
template <typename ListForm>
[[gnu::noinline]] double JoinedLengthRatioCore(const QueryForm& qf, const ListForm& lf) {
  double r = JoinedTextRatio(WholeJoined(*qf.form), WholeJoined(lf));
  r = std::max(r, JoinedTextRatio(CoreJoined(*qf.form), CoreJoined(lf)));
  if (MutableParams().joined_shared_legal && !qf.joined_core.str().empty() && HasJoinedCore(lf)) {
    r = std::max(r, SharedLegalRatio(qf, lf));
  }
  return r;
}
// An upper bound of JoinedRatio (and of RotatedJoinedRatio, which rotates
// the words of one text): of every text it compares, JoinedTextRatio (from a
// digest, the shared legal forms' texts bounded by their lengths alone). The
// common case, neither form with legal forms, inline: there JoinedRatio
// compares the whole joined texts only.
template <typename ListForm>
[[gnu::always_inline]] inline double JoinedLengthRatio(const QueryForm& qf, const ListForm& lf) {
  if (qf.joined_core.str().empty() && !HasJoinedCore(lf)) {
    return JoinedTextRatio(WholeJoined(*qf.form), WholeJoined(lf));
  }
  return JoinedLengthRatioCore(qf, lf);
}

// The tokens of two forms that may pair as series marks (series_factor):
// each form's year-series marks, and its closing number when either name is
// a vessel's. Both zero unless both forms have some.
struct SeriesMarks {
  uint64_t q = 0, l = 0;
};
[[gnu::always_inline]] inline SeriesMarks SeriesMarksOf(const PreparedForm& qf,
                                                        const PreparedForm& lf) {
  if ((lf.series_mask | lf.tail_number) == 0) return {};  // (most list forms)
  const bool vessel = qf.vessel || lf.vessel;
  const uint64_t q = qf.series_mask | (vessel ? qf.tail_number : 0);
  const uint64_t l = lf.series_mask | (vessel ? lf.tail_number : 0);
  if (q == 0 || l == 0) return {};
  return {q, l};
}

// The bits of the tokens of form f that spell a vessel-type prefix (MV,
// M/T, ...) and cost nothing against `other`: when either name is a
// vessel's.
template <typename Form, typename Other>
inline uint64_t FreeVesselPrefix(const Form& f, const Other& other) {
  return f.vessel || other.vessel ? (uint64_t{1} << f.vessel_prefix) - 1 : 0;
}

// For the bounds: the tokens of each form that may cost nothing when left
// unpaired (bit j, below 64): a repeat of another token's canonical key
// (which might be matched), and a vessel-type prefix before a vessel's name.
struct FreeMasks {
  uint64_t q, l;
};
template <typename ListForm>
[[gnu::always_inline]] inline FreeMasks FreeWhenUnpaired(const PreparedForm& qf,
                                                         const ListForm& lf) {
  return {qf.repeat_mask | FreeVesselPrefix(qf, lf), lf.repeat_mask | FreeVesselPrefix(lf, qf)};
}

// The least that a query token which may pair adds to ScoreForms'
// denominator beyond its part of the numerator, whichever way the alignment
// goes: paired at credit c <= `credit` and pair weight >= pw_min, the pair
// adds pw (1 + pair_miss_cost (1 - c)) to the denominator and pw c to the
// numerator, so (1 + pair_miss_cost)(1 - credit) pw_min beyond it; left
// unpaired, it adds nothing to the numerator and costs at least its least
// unmatched cost, which is 0 for a token that may be free (a repeat, a
// vessel-type prefix: `free`) or a spare patronymic. The bounds add these to
// their denominators (the numerator counts the credit at the largest pair
// weight, as before): a bound that charged nothing for them let two fuzzy
// pairs at credit 0.85 reach 1.0.
[[gnu::always_inline]] inline double PairedTokenExtra(const PreparedToken& t, double credit,
                                                      double l_min_w, bool free, bool org,
                                                      bool syllabic_person, const ScorerParams& p) {
  if (credit >= 1.0 || free || t.patronymic) return 0.0;
  // (A token with a pair has a list token other than a legal form, so l_min_w
  // is finite.)
  const double paired = (1.0 + p.pair_miss_cost) * (1.0 - credit) * 0.5 * (t.weight + l_min_w);
  const double q_cost = std::min(syllabic_person ? p.unmatched_query_syllabic : p.unmatched_query,
                                 p.unmatched_query_contained);
  const double type_factor = org && t.type_word ? std::min(1.0, p.type_words_extra) : 1.0;
  return std::min(paired, type_factor * q_cost * UnmatchedWeight(t, p));
}

// An upper bound of ScoreForms' result from the best similarity each query
// token has over the floor (scratch.q_best / q_best_init, -1 = none) and which list tokens have any
// pair (scratch.l_paired): the alignment part is num / den with num at most the sum of the best
// credits times the largest pair weight, and den at least num plus the costs of tokens that cannot
// be paired; the later steps only lower it (BoundHolds), except the joined-string comparison,
// bounded by the length difference of the joined strings.
double ScoreUpperBound(const QueryForm& qf, const PreparedForm& lf, bool org, bool syllabic_person,
                       bool legal_match, const ScratchSpace& scratch, const ScorerParams& p) {
  const auto& qtoks = qf.tokens;
  const auto& ltoks = lf.tokens;
  const double l_max_w = lf.max_weight, l_min_w = lf.min_weight, l_legal_w = lf.legal_weight;
  const int nq = static_cast<int>(qtoks.size());
  const int nl = static_cast<int>(ltoks.size());
  const double q_legal_w = qf.form->legal_weight;
  double num = 0, uq = 0, uq_conf = 0, ul = 0, ul_conf = 0, u_patronymic = 0;
  double paired_extra = 0;    // PairedTokenExtra of the tokens with a pair
  bool cut_possible = false;  // a word cut short has a pair (truncated_tail_unmatched)
  AddressRest address;
  bool types_only = true;  // the unpaired tokens may all be type words
  const auto [q_free, l_free] = FreeWhenUnpaired(*qf.form, lf);
  for (int i = 0; i < nq; ++i) {
    const PreparedToken& t = *qtoks[i].token;
    if (IsLegal(t.kind)) continue;
    const double best = scratch.q_best[i];
    if (best >= 0) {
      const double init = scratch.q_best_init[i];
      const double credit = std::max(best > 0 ? Credit(best, p) : 0.0, init);
      num += 0.5 * (t.weight + l_max_w) * credit;
      paired_extra += PairedTokenExtra(t, credit, l_min_w, i >= 64 || ((q_free >> i) & 1), org,
                                       syllabic_person, p);
      cut_possible |= t.may_be_truncated || t.ends_cut;
      continue;
    }
    // Unpaired; free only as FreeWhenUnpaired says.
    if (i >= 64 || (q_free >> i) & 1) continue;
    if (SparePatronymic(qf, lf, i, org, p)) {
      u_patronymic += t.weight;
      continue;
    }
    uq += UnmatchedWeight(t, p);
    address.Add(t, p);
    types_only &= t.type_word;
    if (ConflictKind(t)) uq_conf += t.weight;
  }
  for (int j = 0; j < nl; ++j) {
    const PreparedToken& t = ltoks[j];
    if (IsLegal(t.kind) || scratch.l_paired[j]) continue;
    if (j >= 64 || (l_free >> j) & 1) continue;
    // (A word cut short that may pair: any of them may follow the cut, at
    // the least cost.)
    ul += (cut_possible ? p.truncated_tail_unmatched : 1.0) * UnmatchedWeight(t, p);
    types_only &= t.type_word;
    if (ConflictKind(t) && !cut_possible) ul_conf += t.weight;
  }
  AddBackAddress(address, org, ul, cut_possible, uq, uq_conf);
  if (legal_match) num += 0.5 * (q_legal_w + l_legal_w);
  double q_cost = syllabic_person ? p.unmatched_query_syllabic : p.unmatched_query;
  // (The contained rule needs every list token paired, and the query's first
  // one unless the list name is long: ContainedWithoutFirst.)
  const int first = FirstNameToken(qf);
  if (ul == 0 && first >= 0 && (scratch.q_best[first] >= 0 || ContainedWithoutFirst(lf, p)) &&
      ContainedPossible(qf, lf, org, syllabic_person, p)) {
    q_cost = std::min(q_cost, p.unmatched_query_contained);
  }
  const double type_factor = org && types_only ? std::min(1.0, p.type_words_extra) : 1.0;
  const double extra =
      type_factor * (q_cost * uq + UnmatchedListCost(ul, org, syllabic_person, p)) +
      p.conflict_cost * std::min(uq_conf, ul_conf) + p.unmatched_query_patronymic * u_patronymic +
      paired_extra;
  double bound = num + extra > 0 ? num / (num + extra) : 0;
  if (nq != nl) {
    const double r = JoinedLengthRatio(qf, lf);  // >= JoinedRatio
    if (r >= p.joined_min) {
      bound = std::max(bound, r * p.joined_factor * std::max(1.0, p.number_mismatch_factor));
    }
  } else if (MaybeShiftedBoundary(qf, lf, p)) {
    bound = std::max(bound, p.joined_factor * std::max(1.0, p.number_mismatch_factor));
  }
  return std::min(bound, 1.0);
}

// True when the parameters keep every step after the token alignment from
// raising the score (non-negative costs and penalties, factors <= 1), which
// the upper bound in ScoreForms relies on.
bool BoundHolds(const ScorerParams& p) {
  return p.pair_miss_cost >= 0 && p.unmatched_query >= 0 && p.unmatched_list_person >= 0 &&
         p.unmatched_list_org >= 0 && p.conflict_cost >= 0 && p.business_word_conflict >= 0 &&
         p.legal_form_mismatch >= 0 && p.number_mismatch_factor <= 1 &&
         p.number_mismatch_factor >= 0 && p.order_penalty >= 0 && p.rotation_penalty >= 0 &&
         p.order_penalty <= 1 && p.rotation_penalty <= 1 && p.joined_factor >= 0 &&
         p.credit_zero < 1 && p.pair_floor > 0 && p.unmatched_query_syllabic >= 0 &&
         p.unmatched_list_syllabic >= 0 && p.place_unmatched >= 0 && p.unmatched_article >= 0 &&
         p.patronym_swap_factor >= 0 && p.eponym_unmatched >= 0 && p.eponym_mismatch_factor >= 0 &&
         p.eponym_mismatch_factor <= 1 && p.order_penalty_syllabic >= 0 &&
         p.order_penalty_syllabic <= 1 && p.org_words_reversed_factor >= 0 &&
         p.org_words_reversed_factor <= 1 && p.approx_partial_factor >= 0 &&
         p.approx_partial_factor <= 1 && p.phonetic_only_factor >= 0 &&
         p.phonetic_only_factor <= 1 && p.type_words_extra >= 0 && p.series_factor >= 0 &&
         p.series_factor <= 1;
}

// (Inlined, as MutableFirstPassTables: ScoreForms asks for both per form pair.)
[[gnu::always_inline]] inline bool& BoundHoldsFlag() {
  static bool holds = BoundHolds(MutableParams());
  return holds;
}

// ScoreName's first pass: an upper bound of ScoreForms' result computed
// without any similarity metric, from per-token data prepared once (length,
// 64-bit character sets, hashes of the keys), so that most candidate forms
// are ruled out before the token similarities are computed and cached.
//
// Per token pair, FirstPassSim bounds TokenSimilarity: an exact, variant or
// phonetic match needs equal key hashes; an initial match the same first
// letter; a fuzzy one a length ratio and character sets (Bounds) that let the
// metrics reach pair_floor. FirstPassBound then assembles the bound as
// ScoreUpperBound does from the true similarities (each query token's best
// credit at the largest pair weight, against the cost of the tokens without
// any possible pair); every step only raises it, so it is never below the
// true score (src/match/prune_test.cc checks this on name_bench pairs).
struct FirstPassTables {
  // credit[k] >= Credit(x) for every x <= k / kSteps (Credit is
  // non-decreasing; the slack covers pow's rounding).
  static constexpr int kSteps = 1024;
  double credit[kSteps + 1];
  // Lengths below kMaxLen: len_factor[a][b] is TokenSimilarity's length
  // factor and jw_max[a][b] the largest Jaro-Winkler of strings of lengths
  // a and b (Jaro's common characters at most the shorter length, a full
  // prefix), both for a <= b.
  static constexpr int kMaxLen = 40;
  double len_factor[kMaxLen][kMaxLen];
  double jw_max[kMaxLen][kMaxLen];
};

double JaroWinklerMax(size_t a, size_t b) {
  const size_t mn = std::min(a, b), mx = std::max(a, b);
  if (mn == 0) return 0;
  const double jaro =
      std::min(1.0, (2.0 + static_cast<double>(mn) / static_cast<double>(mx)) / 3.0);
  return jaro + static_cast<double>(std::min<size_t>(4, mn)) * 0.1 * (1.0 - jaro);
}

void FillFirstPassTables(const ScorerParams& p, FirstPassTables& t) {
  for (int k = 0; k <= FirstPassTables::kSteps; ++k) {
    t.credit[k] = k == FirstPassTables::kSteps
                      ? 1.0
                      : Credit(static_cast<double>(k) / FirstPassTables::kSteps, p) + 1e-12;
  }
  for (int a = 0; a < FirstPassTables::kMaxLen; ++a) {
    for (int b = 0; b < FirstPassTables::kMaxLen; ++b) {
      t.len_factor[a][b] = a == 0 || b == 0 ? 0.0 : LengthFactor(a, b, p);
      t.jw_max[a][b] = JaroWinklerMax(a, b);
    }
  }
}

[[gnu::always_inline]] inline FirstPassTables& MutableFirstPassTables() {
  static FirstPassTables* tables = [] {
    auto* t = new FirstPassTables;
    FillFirstPassTables(MutableParams(), *t);
    return t;
  }();
  return *tables;
}

// An upper bound of Credit(x) for x in [0, 1].
inline double CreditBound(double x, const FirstPassTables& t) {
  if (x >= 1.0) return 1.0;
  if (!(x > 0)) return t.credit[0];
  const int k = static_cast<int>(std::ceil(x * FirstPassTables::kSteps));
  return t.credit[std::min(k, FirstPassTables::kSteps)];
}

// Upper bounds of TokenSimilarity(q, l) for a pair of non-legal-form tokens:
// `sim` for the similarities that enter as Credit (exact, variant, phonetic,
// fuzzy), `init` for an initial match. Values below pair_floor mean no pair.
struct SimBound {
  double sim;
  double init;
};
[[gnu::always_inline]] inline SimBound FirstPassSim(const PreparedToken& q, const PreparedToken& l,
                                                    const FirstPassTables& tabs,
                                                    const ScorerParams& p) {
  const bool q_num = q.kind == TokenKind::kNumber;
  const bool l_num = l.kind == TokenKind::kNumber;
  if (q_num || l_num) return {q_num && l_num && q.canon_hash == l.canon_hash ? 1.0 : 0.0, 0.0};
  if (q.text_hash == l.text_hash) return {1.0, 0.0};
  SimBound out{q.canon_hash == l.canon_hash ? p.sim_variant : 0.0, 0.0};
  if (FamiliarCandidates(q, l)) out.sim = std::max(out.sim, p.sim_familiar);
  if (PlaceCandidates(q, l)) out.sim = std::max(out.sim, p.sim_place);
  if (TruncatedPair(q, l)) out.sim = std::max(out.sim, p.sim_truncated);
  if (SlavicEndingCandidates(q, l)) out.sim = std::max(out.sim, p.sim_variant);
  if (BelarusianCandidates(q, l)) out.sim = std::max(out.sim, p.sim_variant);
  if (KoreanJCandidates(q, l, p)) out.sim = std::max(out.sim, p.sim_variant);
  const size_t a = q.text_len, b = l.text_len;
  const bool q_init = q.kind == TokenKind::kInitial || a == 1;
  const bool l_init = l.kind == TokenKind::kInitial || b == 1;
  if (q_init || l_init) {
    // (The heads' first lanes: equal for two code points beyond the Basic
    // Multilingual Plane, a higher bound.)
    if (a != 0 && b != 0 && ((q.text_head ^ l.text_head) & 0xffff) == 0) out.init = p.sim_initial;
    return out;
  }
  if (q.phonetic_hash != 0 && q.phonetic_hash == l.phonetic_hash) {
    out.sim = std::max(out.sim, p.sim_phonetic);
  }
  // The transcription key (TokenSimilarity's last resort).
  if (p.sim_transcription > out.sim && AnyTranscriptionCandidates(q, l, p)) {
    out.sim = p.sim_transcription;
  }
  if (a == 0 || b == 0) return out;
  // One letter added in front (TokenSimilarity's check).
  if (const double lead = LeadingLetterSim(q, l, p); lead > 0) {
    out.sim = std::max(out.sim, lead + kBoundSlack);
  }
  // Fuzzy: the length factor times the best metric, which the lengths alone
  // bound first (canonical keys may differ in length from the texts).
  const bool same_as_text = q.canon_is_text && l.canon_is_text;
  const size_t ca = q.canon_len, cb = l.canon_len;
  constexpr size_t kMax = FirstPassTables::kMaxLen;
  double factor, jw_len;
  if (a < kMax && b < kMax && ca < kMax && cb < kMax) {
    factor = tabs.len_factor[a][b];
    jw_len = std::max(tabs.jw_max[a][b], same_as_text ? 0.0 : tabs.jw_max[ca][cb]);
  } else {
    factor = LengthFactor(a, b, p);
    jw_len = std::max(JaroWinklerMax(a, b), same_as_text ? 0.0 : JaroWinklerMax(ca, cb));
  }
  const double fuzzy_len = factor * std::min(1.0, jw_len + kBoundSlack) + kBoundSlack;
  // Nothing to gain when the lengths alone keep it below the floor or below
  // a key match's value.
  if (fuzzy_len < p.pair_floor || fuzzy_len <= out.sim) return out;
  FuzzyBounds tb{1.0, 1.0}, cbnd{1.0, 1.0};
  if (q.text_set != 0 && l.text_set != 0) tb = TextBounds(q, l);
  const double canon_len = ca < kMax && cb < kMax ? tabs.jw_max[ca][cb] : JaroWinklerMax(ca, cb);
  if (same_as_text || canon_len + kBoundSlack <= std::max(tb.jw, tb.lev)) {
    cbnd.jw = 0;  // cannot raise the text's bound
  } else if (q.canon_set != 0 && l.canon_set != 0 && ca != 0 && cb != 0) {
    cbnd = CanonBounds(q, l);
  }
  const double fuzzy = factor * std::min(1.0, std::max({tb.jw, tb.lev, cbnd.jw}) + kBoundSlack);
  out.sim = std::max(out.sim, std::min(fuzzy + kBoundSlack, fuzzy_len));
  return out;
}

// A token pair's part of the first-pass bound: -1 when the pair cannot
// reach pair_floor, else at least the credit its similarity can bring
// (ScoreUpperBound: max(Credit(sim), initial-match similarity)).
[[gnu::always_inline]] inline double FirstPassPair(const PreparedToken& q, const PreparedToken& l,
                                                   const FirstPassTables& tabs,
                                                   const ScorerParams& p) {
  const SimBound b = FirstPassSim(q, l, tabs, p);
  const bool sim_ok = b.sim >= p.pair_floor;
  const bool init_ok =
      b.init >= p.pair_floor || (b.init > 0 && InitialBelowFloorPairs(kInitialMatch, q, true, p));
  if (!sim_ok && !init_ok) return -1.0;
  return std::max(sim_ok ? CreditBound(b.sim, tabs) : 0.0, init_ok ? b.init : 0.0);
}

// FirstPassPair out of line, for the first computation of a cached pair: the
// loop over cached pairs stays small. (FirstPassSim is inlined here only.)
CHOKEPOINT_POPCNT_CLONES [[gnu::noinline]] double FirstPassPairOutOfLine(
    const PreparedToken& q, const PreparedToken& l, const FirstPassTables& tabs,
    const ScorerParams& p) {
  return FirstPassPair(q, l, tabs, p);
}

// The first-pass bound of ScoreForms(qf, lf, ...) (see FirstPassTables);
// 2 when it cannot be computed (no pruning). `rows`: per list token its row
// offset in the per-query cache (ScoreForms), whose memo_bound keeps each
// pair's FirstPassPair; null: nothing cached. With a
// `cutoff` > 0 it may stop early with a looser bound that is still below
// the cutoff: once the query tokens without any pair cost so much that even
// full credit for every other token stays below it.
// Inlined into ScoreForms, where it rules out most form pairs: no call, and
// the compiler shares their setup.
template <typename ListForm>
[[gnu::always_inline]] inline double FirstPassBound(
    const QueryForm& qf, const ListForm& lf, bool org, bool syllabic_person, const size_t* rows,
    double cutoff, ScratchSpace& scratch, const FirstPassTables& tabs, const ScorerParams& p) {
  const auto& qtoks = qf.tokens;
  const auto& ltoks = lf.tokens;
  const double l_max_w = lf.max_weight, l_min_w = lf.min_weight, l_legal_w = lf.legal_weight;
  const double q_legal_w = qf.form->legal_weight;
  const int nq = static_cast<int>(qtoks.size());
  const int nl = static_cast<int>(ltoks.size());
  if (nq > 64 || nl > 64) return 2.0;
  const uint32_t nd = scratch.num_distinct;
  double* const memo_bound = scratch.memo_bound.data();
  const double q_cost_plain = syllabic_person ? p.unmatched_query_syllabic : p.unmatched_query;
  // Unmatched query tokens may cost unmatched_query_contained instead,
  // until the query's first token (unless ContainedWithoutFirst) or a list
  // token is found without a pair.
  const int first = FirstNameToken(qf);
  double q_cost = first >= 0 && ContainedPossible(qf, lf, org, syllabic_person, p)
                      ? std::min(q_cost_plain, p.unmatched_query_contained)
                      : q_cost_plain;
  const bool contained_without_first = ContainedWithoutFirst(lf, p);
  // The joined-string comparison's bound, from the lengths alone.
  double joined = 0;
  if (nq != nl) {
    const double r = JoinedLengthRatio(qf, lf);  // >= JoinedRatio
    if (r >= p.joined_min) joined = r * p.joined_factor * std::max(1.0, p.number_mismatch_factor);
  } else if (MaybeShiftedBoundary(qf, lf, p)) {
    joined = p.joined_factor * std::max(1.0, p.number_mismatch_factor);
  }
  // The most that the query tokens not yet seen can add to the numerator
  // (full credit at the largest pair weight; legal forms at theirs).
  // (From the query form's sums: rounding differs from the sum of the
  // tokens' pair weights by far less than the early stop's margin.)
  double potential = 0;
  if (cutoff > 0 && joined < cutoff) {
    potential = qf.half_weight + 0.5 * qf.num_plain * l_max_w + 0.5 * (q_legal_w + l_legal_w);
  } else {
    cutoff = 0;  // no early stop
  }
  uint64_t l_paired = 0;
  bool legal_match = false;
  double num = 0, uq = 0, uq_conf = 0, ul = 0, ul_conf = 0, u_patronymic = 0;
  double paired_extra = 0;    // PairedTokenExtra of the tokens with a pair
  bool cut_possible = false;  // a word cut short has a pair (truncated_tail_unmatched)
  AddressRest address;
  // Whether the unpaired tokens so far may all be type words
  // (type_words_extra, which then lowers their cost).
  const double type_factor = org ? std::min(1.0, p.type_words_extra) : 1.0;
  bool types_only = true;
  const auto [q_free, l_free] = FreeWhenUnpaired(*qf.form, lf);
  // (Every step below adds to sums or sets flags, in any order; the early
  // stop only needs the costs seen so far.)
  const uint8_t* const order = qf.bound_order.data();
  for (int k = 0; k < nq; ++k) {
    const int i = order[k];
    const QueryToken& q = qtoks[i];
    const PreparedToken& t = *q.token;
    if (IsLegal(t.kind)) {
      for (int j = 0; j < nl; ++j) {
        if (IsLegal(ltoks[j].kind) && ltoks[j].canon_hash == t.canon_hash) legal_match = true;
      }
      continue;
    }
    const double pair_w = 0.5 * (t.weight + l_max_w);
    double best = -1;
    if (rows != nullptr && q.qid < nd) {
      const size_t qid = q.qid;
      for (int j = 0; j < nl; ++j) {
        const size_t row = rows[j];
        double c;
        if (row < kLegalRow) {
          double& slot = memo_bound[row + qid];
          c = slot;
          if (c < 0) continue;  // no pair
          if (c == kBoundUnknown)
            c = slot = FirstPassPairOutOfLine(t, ListToken(ltoks[j]), tabs, p);
        } else if (row == kLegalRow) {
          continue;
        } else {
          c = FirstPassPairOutOfLine(t, ListToken(ltoks[j]), tabs, p);
        }
        if (c >= 0) {
          best = std::max(best, c);
          l_paired |= uint64_t{1} << j;
        }
      }
    } else {
      for (int j = 0; j < nl; ++j) {
        const auto& l = ltoks[j];
        if (IsLegal(l.kind)) continue;
        const double c = FirstPassPairOutOfLine(t, ListToken(l), tabs, p);
        if (c >= 0) {
          best = std::max(best, c);
          l_paired |= uint64_t{1} << j;
        }
      }
    }
    potential -= pair_w;
    if (best >= 0) {
      num += pair_w * best;
      paired_extra +=
          PairedTokenExtra(t, best, l_min_w, (q_free >> i) & 1, org, syllabic_person, p);
      cut_possible |= t.may_be_truncated || t.ends_cut;
      continue;
    }
    if (i == first && !contained_without_first) q_cost = q_cost_plain;
    if ((q_free >> i) & 1) continue;
    // (SparePatronymic needs a patronymic: tested here first, no call.)
    if (t.patronymic && SparePatronymic(qf, lf, i, org, p)) {  // unmatched_query_patronymic
      u_patronymic += t.weight;
      continue;
    }
    uq += UnmatchedWeight(t, p);
    address.Add(t, p);
    types_only &= t.type_word;
    if (ConflictKind(t)) uq_conf += t.weight;
    if (cutoff > 0) {
      // Every later token at full credit, no further cost.
      const double most = num + std::max(0.0, potential);
      const double cost = (types_only ? type_factor : 1.0) * q_cost * uq +
                          p.unmatched_query_patronymic * u_patronymic + paired_extra;
      const double early = (most + cost > 0 ? most / (most + cost) : 0) + 1e-9;
      if (early < cutoff) return std::max(early, joined + 1e-12);
    }
  }
  for (int j = 0; j < nl; ++j) {
    const auto& t = ltoks[j];
    if (IsLegal(t.kind) || ((l_paired >> j) & 1)) continue;
    if ((l_free >> j) & 1) continue;
    // (A word cut short that may pair: any of them may follow the cut, at
    // the least cost.)
    ul += (cut_possible ? p.truncated_tail_unmatched : 1.0) * UnmatchedWeight(t, p);
    types_only &= t.type_word;
    if (ConflictKind(t) && !cut_possible) ul_conf += t.weight;
  }
  AddBackAddress(address, org, ul, cut_possible, uq, uq_conf);
  if (ul > 0) q_cost = q_cost_plain;
  if (legal_match) num += 0.5 * (q_legal_w + l_legal_w);
  const double extra = (types_only ? type_factor : 1.0) *
                           (q_cost * uq + UnmatchedListCost(ul, org, syllabic_person, p)) +
                       p.conflict_cost * std::min(uq_conf, ul_conf) +
                       p.unmatched_query_patronymic * u_patronymic + paired_extra;
  double bound = num + extra > 0 ? num / (num + extra) : 0;
  bound = std::max(bound, joined);
  return std::min(bound, 1.0) + 1e-12;
}

// Whether list token j is a name part of its own: not a patronymic, not a
// lineage connector and not the ancestor's name after one ("bin Muhammad"),
// which a query often leaves out (approx_partial_factor).
bool PlainNamePart(const std::vector<PreparedToken>& ltoks, int j) {
  return !ltoks[j].patronymic && !ltoks[j].lineage && (j == 0 || !ltoks[j - 1].lineage);
}

// Whether `pr` pairs two words, neither a place, only approximately
// (org_words_reversed_factor).
bool LoosePlainPair(const std::vector<QueryToken>& qtoks, const std::vector<PreparedToken>& ltoks,
                    const Pair& pr) {
  const PreparedToken& q = *qtoks[pr.q].token;
  const PreparedToken& l = ltoks[pr.l];
  return IsApproximate(pr.how) && q.kind == TokenKind::kWord && !q.place &&
         l.kind == TokenKind::kWord && !l.place;
}

// Whether a pair of words in `chosen` is approximate (approx_partial_factor).
bool ApproximateWordPair(const std::vector<QueryToken>& qtoks, const std::vector<Pair>& chosen) {
  for (const Pair& pr : chosen) {
    if (IsApproximate(pr.how) && qtoks[pr.q].token->kind == TokenKind::kWord) return true;
  }
  return false;
}

// Whether two joined romanisations of a Korean name are the same once the
// consonants the systems spell differently are merged (r/l, g/k, d/t, b/p:
// "riyongju" / "liyongju"; syllabic_joined_exact).
bool KoreanJoinedEqual(std::u32string_view a, std::u32string_view b) {
  if (a.size() != b.size()) return false;
  auto merge = [](char32_t c) -> char32_t {
    switch (c) {
      case U'r':
        return U'l';
      case U'g':
        return U'k';
      case U'd':
        return U't';
      case U'b':
        return U'p';
      default:
        return c;
    }
  };
  for (size_t i = 0; i < a.size(); ++i) {
    if (merge(a[i]) != merge(b[i])) return false;
  }
  return true;
}

// Scores one query form against one list form. `cutoff`: when the score is
// provably below it, returns early with an upper bound of the score (still
// below the cutoff) instead of the exact value.
double ScoreForms(const QueryForm& qf, const PreparedForm& lf, bool org, bool query_org,
                  ScratchSpace& scratch, double cutoff, std::vector<TokenMatch>* explain) {
  const ScorerParams& p = MutableParams();
  const auto& qtoks = qf.tokens;
  const auto& ltoks = lf.tokens;
  const int nq = static_cast<int>(qtoks.size());
  const int nl = static_cast<int>(ltoks.size());
  if (nq == 0 || nl == 0) return 0;
  const bool syllabic_person = SyllabicPerson(qf, lf, org, query_org, p);

  // The query form's largest legal-form weight (its PreparedForm::legal_weight)
  // is taken again by the pair loop below, which visits the legal forms anyway:
  // reading the form's value instead cost this function 3-4 M more
  // instructions over the bench's 800 screens (bench/results, round 49 review).
  double q_legal_w = 0;
  const double l_legal_w = lf.legal_weight;
  bool legal_match = false;
  int legal_q = -1, legal_l = -1;
  // Per list token, the offset of its row in the similarity cache (kUncached:
  // not interned, kLegalRow: a legal form, compared separately). Every row is
  // allocated here, before the pair loops, so that they read the cache
  // through plain pointers.
  const uint32_t nd = scratch.num_distinct;
  std::vector<size_t>& rows = scratch.l_rows;
  rows.resize(nl);
  MemoRows(ltoks, scratch, rows.data());
  // (Series marks pair after the alignment, which the bounds do not
  // foresee: such rare form pairs are scored in full.)
  const SeriesMarks series = SeriesMarksOf(*qf.form, lf);
  const bool bound_holds = cutoff > 0 && BoundHoldsFlag() && series.q == 0;
  const FirstPassTables& first_pass_tables = MutableFirstPassTables();
  if (bound_holds) {
    const double first = FirstPassBound(qf, lf, org, syllabic_person, rows.data(), cutoff, scratch,
                                        first_pass_tables, p);
    if (first < cutoff) return first;
  }

  // All token pairs that clear the floor, best first.
  std::vector<Pair>& pairs = scratch.pairs;
  pairs.clear();
  std::vector<double>& q_best_v = scratch.q_best;
  q_best_v.assign(nq, -1.0);  // -1: no pair clears the floor
  std::vector<double>& q_best_init_v = scratch.q_best_init;
  q_best_init_v.resize(nq);
  std::vector<uint8_t>& l_paired = scratch.l_paired;
  l_paired.assign(nl, 0);
  const FormScript& q_script = qf.form->script;
  const FormScript& l_script = lf.script;
  // One form in Latin script and one not: a loanword reading's token may
  // pair with a Latin one (FuzzyLoanwordPair).
  const bool loan_latin = q_script.latin != l_script.latin;
  const double pair_floor = p.pair_floor;
  double* memo_bound = scratch.memo_bound.data();
  bool query_has_word = false;  // InitialBelowFloorPairs: not for "N.N."
  for (const QueryToken& q : qtoks) query_has_word |= q.token->kind == TokenKind::kWord;
  double* memo_sim = scratch.memo_sim.data();
  uint8_t* memo_how = scratch.memo_how.data();
  for (int i = 0; i < nq; ++i) {
    const QueryToken& q = qtoks[i];
    const PreparedToken& qt = *q.token;
    if (IsLegal(qt.kind)) {
      q_legal_w = std::max(q_legal_w, static_cast<double>(qt.weight));
      for (int j = 0; j < nl; ++j) {
        if (IsLegal(ltoks[j].kind) && ltoks[j].canon == qt.canon) {
          legal_match = true;
          legal_q = i;
          legal_l = j;
        }
      }
      continue;
    }
    const bool q_cached = q.qid < nd;
    const size_t qid = q.qid;
    const size_t* const row_of = rows.data();
    double q_best = 0, q_best_init = 0;
    for (int j = 0; j < nl; ++j) {
      const size_t row = row_of[j];
      double sim;
      uint8_t how;
      // (kLegalRow and kUncached are the only values >= kLegalRow.)
      if (q_cached && row < kLegalRow) {
        const size_t idx = row + qid;
        if (memo_sim[idx] < 0) {
          const auto r = TokenSimilarity(q, ltoks[j], p);
          memo_sim[idx] = r.first;
          memo_how[idx] = r.second;
          // The true similarity bounds the pair's credit more tightly than
          // the first pass could (later form pairs with this pair use it).
          // (A fuzzy pair that FuzzyLoanwordPair may raise: the raised value.)
          const bool floor_ok =
              r.first >= pair_floor || InitialBelowFloorPairs(r.second, qt, true, p);
          const double bound_sim = MayBecomeTranscription(qt, ltoks[j], r.first, r.second, p)
                                       ? p.sim_transcription
                                       : r.first;
          memo_bound[idx] = !floor_ok                   ? -1.0
                            : r.second == kInitialMatch ? r.first
                                                        : CreditBound(bound_sim, first_pass_tables);
        }
        sim = memo_sim[idx];
        how = memo_how[idx];
      } else if (row == kLegalRow) {
        continue;
      } else {
        const auto r = TokenSimilarity(q, ltoks[j], p);
        sim = r.first;
        how = r.second;
      }
      if (loan_latin && (q_script.latin ? ltoks[j].loanword_reading : qt.loanword_reading)) {
        FuzzyLoanwordPair(q, ltoks[j], q_script.latin, sim, how, p);
      }
      if ((sim >= pair_floor || InitialBelowFloorPairs(how, qt, query_has_word, p)) &&
          PairRefusal(q, ltoks[j], how, q_script, l_script, org, *qf.form, lf, p) == nullptr) {
        pairs.push_back({i, j, sim, how});
        if (how == kInitialMatch) {
          q_best_init = std::max(q_best_init, sim);
        } else {
          q_best = std::max(q_best, sim);
        }
        l_paired[j] = 1;
      }
    }
    if (q_best > 0 || q_best_init > 0) {
      q_best_v[i] = q_best;
      q_best_init_v[i] = q_best_init;
    }
  }
  if (bound_holds) {
    const double bound = ScoreUpperBound(qf, lf, org, syllabic_person, legal_match, scratch, p);
    if (bound < cutoff) return bound;
  }
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
    if (a.sim != b.sim) return a.sim > b.sim;
    return std::abs(a.q - a.l) < std::abs(b.q - b.l);
  });
  auto& q_match = scratch.q_match;
  auto& l_match = scratch.l_match;
  q_match.assign(nq, -1);
  l_match.assign(nl, -1);
  std::vector<Pair>& chosen = scratch.chosen;
  chosen.clear();
  for (const Pair& pr : pairs) {
    if (q_match[pr.q] >= 0 || l_match[pr.l] >= 0) continue;
    q_match[pr.q] = static_cast<int>(chosen.size());
    l_match[pr.l] = static_cast<int>(chosen.size());
    chosen.push_back(pr);
  }
  // Series marks left unmatched on both sides pair in order, at full credit
  // (series_factor below), when the names share a word: the family's name
  // (VOISKOVAYA CHAST 52688 is no sister of the vessel MAIA-1).
  bool series_paired = false;
  if (series.q != 0 && std::any_of(chosen.begin(), chosen.end(), [&](const Pair& pr) {
        return qtoks[pr.q].token->kind != TokenKind::kNumber;
      })) {
    int j = 0;
    for (int i = 0; i < nq && i < 64; ++i) {
      if (q_match[i] >= 0 || !((series.q >> i) & 1)) continue;
      while (j < nl && j < 64 && (l_match[j] >= 0 || !((series.l >> j) & 1))) ++j;
      if (j >= nl || j >= 64) break;
      q_match[i] = static_cast<int>(chosen.size());
      l_match[j] = static_cast<int>(chosen.size());
      chosen.push_back({i, j, 1.0, kSeries});
      series_paired = true;
    }
  }

  double num = 0, den = 0;
  for (const Pair& pr : chosen) {
    const double pw = 0.5 * (qtoks[pr.q].token->weight + ltoks[pr.l].weight);
    const double c = pr.how == kInitialMatch ? pr.sim : Credit(pr.sim, p);
    num += pw * c;
    den += pw * (1.0 + p.pair_miss_cost * (1.0 - c));
  }
  // Unmatched tokens; a repeat of a matched token ("Sergey Sergey Shoigu")
  // costs nothing, unless it fills another word's place (below).
  // (A token whose canonical key no other token of its form has cannot.)
  const bool repeats_free = !syllabic_person || !p.syllabic_repeats_cost;
  auto repeat_q = [&](int i) {
    return RepeatOf(i, *qf.form, *qtoks[i].token, chosen,
                    [&](const Pair& pr) -> const PreparedToken& { return *qtoks[pr.q].token; });
  };
  auto repeat_l = [&](int j) {
    return RepeatOf(j, lf, ltoks[j], chosen,
                    [&](const Pair& pr) -> const PreparedToken& { return ltoks[pr.l]; });
  };
  double uq = 0, ul = 0, uq_conf = 0, ul_conf = 0, u_patronymic = 0;
  // Unmatched business words per side (business_word_conflict).
  double uq_business = 0, ul_business = 0;
  AddressRest address;  // address words' cost beyond their least
  // The list word a cut-short query word pairs with, as the start of it
  // (under whichever key scored the pair higher: ADMINISTRATIVO ~
  // ADMINISTRATIVOS on its spelling) or, in an organisation's name, as a
  // shorter spelling of the same canonical (PRIVAT, a spelling of
  // PRIVATE): the words after it were cut off (truncated_tail_unmatched).
  // (A person's last word that pairs otherwise is more often a word the
  // list writes elsewhere in the name: AL-'ANZI; and a fuzzy pair is no
  // cut: CARBON ~ CARIBBEAN SHOWPLACE.)
  // A name that the field cut right after a word (ends_cut: a cut legal
  // form left out, a company word completed) is cut after that word's pair
  // when it is not approximate and a plain word of the name has a pair: a
  // name of nothing but company words (JOINT STOCK COMPANY RESEARCH INSTIT)
  // would meet every listed name that begins with them.
  int cut_l = nl;
  if (qf.has_truncated) {
    int end_l = nl;
    bool plain_paired = false;
    for (const Pair& pr : chosen) {
      const PreparedToken& qt = *qtoks[pr.q].token;
      const std::string& lt = ltoks[pr.l].text;
      const bool longer = qt.may_be_truncated && lt.size() > qt.text.size();
      plain_paired |= qt.kind == TokenKind::kWord && !qt.type_word;
      if (qt.ends_cut) {
        if (!IsApproximate(pr.how)) end_l = pr.l;
      } else if (pr.how == kTruncated ||
                 (longer &&
                  ((org && pr.how == kVariant) || lt.compare(0, qt.text.size(), qt.text) == 0))) {
        cut_l = std::min(cut_l, pr.l);
      }
    }
    // (After a legal form left out, the list word after the pair must be a
    // legal form or begin as that form did.)
    const std::string_view next(qf.cut_next.data());
    if (plain_paired && end_l + 1 < nl && !next.empty()) {
      const PreparedToken& after = ltoks[end_l + 1];
      if (!IsLegal(after.kind) && after.text.compare(0, next.size(), next) != 0) end_l = nl;
    }
    if (plain_paired) cut_l = std::min(cut_l, end_l);
  }
  bool types_left = true;  // every token counted in uq and ul a type word
  // Unmatched list words that count in ul (bit j; from 64 on, checked
  // here): whether one is a plain name part is asked only when
  // approx_partial_factor applies (string tests).
  uint64_t ul_words = 0;
  bool ul_plain = false;
  // Repeats left out of uq and ul, which cost after all when the other name
  // has an unmatched word (below). Only a repeat spelled as its paired word:
  // one of another spelling with the same canonical may be the other name's
  // unmatched word (Mustafa Qassem AL KASM / Mustafa Qassem AL QASIM).
  RepeatCost q_rep, l_rep;
  // Unmatched places' cost beyond their discount, and their weight as
  // conflicting words, per side, and whether a side left a place or an
  // address word out: places left out on both sides are two places, which
  // conflict (places_both_sides_conflict).
  struct PlacesLeft {
    double rest = 0, conf = 0;
    bool any = false;
  } q_places, l_places;
  auto add_place = [&p](const PreparedToken& t, PlacesLeft& left) {
    left.any |= t.place || t.address;
    if (!t.place) return;
    // What the place's share left out (an address word's rest beyond that
    // share is AddressRest's).
    left.rest += t.weight - WordUnmatchedWeight(t, p);
    if (t.kind == TokenKind::kWord) left.conf += t.weight;
  };
  // A vessel-type prefix left over (MV SOUTH HILL 5 / SOUTH HILL 5) costs
  // nothing.
  const uint64_t q_prefix = FreeVesselPrefix(*qf.form, lf);
  const uint64_t l_prefix = FreeVesselPrefix(lf, *qf.form);
  for (int i = 0; i < nq; ++i) {
    const PreparedToken& t = *qtoks[i].token;
    if (q_match[i] >= 0 || IsLegal(t.kind) || (i < 64 && ((q_prefix >> i) & 1))) continue;
    if (const Repeat r = repeats_free ? repeat_q(i) : Repeat::kNone; r != Repeat::kNone) {
      if (r == Repeat::kSpelled) q_rep.Add(t, p);
      continue;
    }
    if (SparePatronymic(qf, lf, i, org, p)) {
      u_patronymic += t.weight;
      continue;
    }
    uq += UnmatchedWeight(t, p);
    add_place(t, q_places);
    address.Add(t, p);  // the rest of its cost, unless it is waived (below)
    types_left &= t.type_word;
    if (ConflictKind(t) || (p.conflict_initials && !org && t.kind == TokenKind::kInitial)) {
      uq_conf += t.weight;
    } else if (org && BusinessWord(t)) {
      uq_business += t.weight;
    }
  }
  // An unmatched list word repeating an earlier one costs once
  // (unmatched_repeat_once; bits of l_once).
  const bool repeat_once = p.unmatched_repeat_once && !org && uq == 0;
  uint64_t l_once = 0;
  for (int j = 0; j < nl; ++j) {
    const PreparedToken& t = ltoks[j];
    if (l_match[j] >= 0 || IsLegal(t.kind) || (j < 64 && ((l_prefix >> j) & 1))) continue;
    if (const Repeat r = repeats_free ? repeat_l(j) : Repeat::kNone; r != Repeat::kNone) {
      if (r == Repeat::kSpelled) l_rep.Add(t, p);
      continue;
    }
    if (repeat_once && j < 64 && ((lf.repeat_mask >> j) & 1) &&
        RepeatsUnmatched(j, ltoks, l_match)) {
      l_once |= uint64_t{1} << j;
      continue;
    }
    if (j > cut_l) {  // cut off with the query's last word
      ul += p.truncated_tail_unmatched * UnmatchedWeight(t, p);
      types_left &= t.type_word;
      continue;
    }
    ul += UnmatchedWeight(t, p);
    add_place(t, l_places);
    types_left &= t.type_word;
    if (t.kind == TokenKind::kWord && t.weight > 0) {
      if (j < 64) {
        ul_words |= uint64_t{1} << j;
      } else {
        ul_plain |= PlainNamePart(ltoks, j);
      }
    }
    if (ConflictKind(t) || (p.conflict_initials && !org && t.kind == TokenKind::kInitial)) {
      ul_conf += t.weight;
    } else if (org && BusinessWord(t)) {
      ul_business += t.weight;
    }
  }
  const bool places_conflict = p.places_both_sides_conflict && q_places.any && l_places.any;
  if (places_conflict) {
    uq += q_places.rest;
    ul += l_places.rest;
    uq_conf += q_places.conf;
    ul_conf += l_places.conf;
  }
  // A repeat stands in the place of the other name's unmatched word
  // (ABDUL KABIR ABDUL JAN / ABDUL KABIR MOHAMMAD JAN, CHANG SU HA / CHANG
  // CHANG HA): a substitution, which costs like one (repeats_fill_place).
  if (p.repeats_fill_place) {
    const bool q_open = uq_conf > 0, l_open = ul_conf > 0;
    if (l_open) q_rep.AddTo(uq, uq_conf);
    if (q_open) l_rep.AddTo(ul, ul_conf);
  }
  // An address appended to the query costs little only against an
  // organisation's name whose every word is matched, and on its spelling
  // (contained_min_sim): NOVATEK MURMANSK is not NOVELKO (address_unmatched).
  const bool address_waived = org && ul == 0 && address.cost > 0 &&
                              std::all_of(chosen.begin(), chosen.end(), [&p](const Pair& pr) {
                                return pr.sim >= p.contained_min_sim;
                              });
  if (!address_waived) {
    uq += address.cost;
    uq_conf += address.conflict;
  }
  double q_cost = syllabic_person ? p.unmatched_query_syllabic : p.unmatched_query;
  bool contained = false;  // the explanation names the query's added parts
  if (uq > 0 && ul == 0 && ContainedPossible(qf, lf, org, syllabic_person, p)) {
    // The list name held whole: every list token strongly paired (at least
    // two, ContainedPossible; a repeated list token left over, as in "CHANG
    // CHANG HA" against "CHANG SU HA", is no containment), no weaker pair,
    // and the query's first token paired unless the list name is long
    // (ContainedWithoutFirst).
    const bool all_strong = std::all_of(chosen.begin(), chosen.end(), [&p](const Pair& pr) {
      return pr.sim >= p.contained_min_sim;
    });
    const int first = FirstNameToken(qf);
    if (all_strong && static_cast<int>(chosen.size()) == NameTokenCount(lf) && first >= 0 &&
        (q_match[first] >= 0 || ContainedWithoutFirst(lf, p))) {
      q_cost = std::min(q_cost, p.unmatched_query_contained);
      contained = true;
    }
  }
  // Only type words left over, on one side, and every word paired on its
  // spelling (type_words_extra).
  double extra_factor = 1.0;
  if (org && types_left && p.type_words_extra < 1.0 && (uq > 0) != (ul > 0)) {
    bool distinctive = false, spelled = true;
    for (const Pair& pr : chosen) {
      spelled &= pr.sim >= p.sim_variant;
      distinctive |= qtoks[pr.q].token->kind == TokenKind::kWord;
    }
    if (distinctive && spelled) extra_factor = p.type_words_extra;
  }
  den += extra_factor * (q_cost * uq + UnmatchedListCost(ul, org, syllabic_person, p)) +
         p.conflict_cost * (std::min(uq_conf, ul_conf) +
                            p.business_word_conflict * std::min(uq_business, ul_business)) +
         p.unmatched_query_patronymic * u_patronymic;
  if (legal_match) {
    const double w = 0.5 * (q_legal_w + l_legal_w);
    num += w;
    den += w;
  }
  double score = den > 0 ? num / den : 0;
  bool kind_conflict = false;  // also for the joined texts (below)
  if (q_legal_w > 0 && l_legal_w > 0 && !legal_match) {
    score -= p.legal_form_mismatch;
    // A non-profit body's legal form against a company's: another kind of
    // body (ANO ISKUSSTVO KRASOTY is not LIMITED LIABILITY COMPANY ISKUSSTVO
    // KRASOTY).
    if (p.legal_kind_conflict_factor < 1.0) {
      const int q_kinds = LegalKinds(qtoks, [](const QueryToken& t) { return t.token; });
      const int l_kinds = LegalKinds(ltoks, [](const PreparedToken& t) { return &t; });
      if ((q_kinds == kNonProfit && l_kinds == kCommercial) ||
          (q_kinds == kCommercial && l_kinds == kNonProfit)) {
        score *= p.legal_kind_conflict_factor;
        kind_conflict = true;
      }
    }
  }
  // Tokens that identify: numbers and the person an organisation is named
  // after. Both names hold some of a kind and none is matched: the score is
  // multiplied by the kind's factor (Research Institute No. 11 / No. 12;
  // institutes named after A.F. IOFFE and K.A. VALIEV). number_unmatched: a
  // number either name holds that the other does not match (Bowne Global
  // Solutions / Bowne Global Solutions 2).
  bool q_has_number = false, l_has_number = false, number_matched = false;
  bool number_unmatched = false;
  bool q_eponym = false, l_eponym = false, eponym_matched = false;
  for (int i = 0; i < nq; ++i) {
    const PreparedToken& t = *qtoks[i].token;
    const bool matched = q_match[i] >= 0;
    if (t.eponym) {
      q_eponym = true;
      eponym_matched |= matched;
    }
    if (t.kind != TokenKind::kNumber) continue;
    q_has_number = true;
    number_matched |= matched;
    number_unmatched |= !matched;
  }
  for (int j = 0; j < nl; ++j) {
    const bool matched = l_match[j] >= 0;
    if (ltoks[j].eponym) {
      l_eponym = true;
      eponym_matched |= matched;
    }
    if (ltoks[j].kind != TokenKind::kNumber) continue;
    l_has_number = true;
    number_unmatched |= !matched;
  }
  const bool number_mismatch = q_has_number && l_has_number && !number_matched;
  if (number_mismatch) score *= p.number_mismatch_factor;
  if (series_paired) score *= p.series_factor;
  if (q_eponym && l_eponym && !eponym_matched) score *= p.eponym_mismatch_factor;

  if (p.patronym_swap_factor < 1.0 && LineageSwapped(qtoks, ltoks, chosen, q_match)) {
    score *= p.patronym_swap_factor;
  }
  if (p.approx_partial_factor < 1.0 &&
      (!org || (p.approx_partial_by_name && !query_org && !lf.org_tokens)) &&
      (ul_words != 0 || ul_plain) && uq_conf == 0 && ApproximateWordPair(qtoks, chosen)) {
    for (int j = 0; j < 64 && !ul_plain; ++j) {
      if ((ul_words >> j) & 1) ul_plain = PlainNamePart(ltoks, j);
    }
    if (ul_plain) score *= p.approx_partial_factor;
  }

  if (p.phonetic_only_factor < 1.0 && chosen.size() >= 2 &&
      std::all_of(chosen.begin(), chosen.end(), [&](const Pair& pr) {
        return pr.how == kPhonetic &&
               qtoks[pr.q].text.JaroWinkler(ltoks[pr.l].text_cp, 0) < p.phonetic_min_jw;
      })) {
    score *= p.phonetic_only_factor;
  }

  // Order: fraction of aligned pairs whose order is reversed.
  if (chosen.size() >= 2) {
    // A person's name against an organisation's, two of whose plain words
    // it finds only approximately and in the other order (PLAYA MAR for
    // María Olaya, JANE SHANG for Sobhan Jahani), with no word of it paired
    // exactly: two likenesses by chance are more likely than a person's
    // name written surname first, which keeps its words (BIN LADEN, Osama
    // for USAMA BIN LADEN ORGANIZATION). (Between two organisations' names
    // translation reorders words: Нити имени Александрова, ALEKSANDROV ...
    // INSTITUTE NITI.)
    const bool person_vs_org = org && !query_org && p.org_words_reversed_factor < 1.0;
    bool loose_reversed = false;
    int inversions = 0, total = 0;
    for (size_t a = 0; a < chosen.size(); ++a) {
      for (size_t b = a + 1; b < chosen.size(); ++b) {
        ++total;
        if ((chosen[a].q < chosen[b].q) != (chosen[a].l < chosen[b].l)) {
          ++inversions;
          loose_reversed |= person_vs_org && LoosePlainPair(qtoks, ltoks, chosen[a]) &&
                            LoosePlainPair(qtoks, ltoks, chosen[b]);
        }
      }
    }
    if (inversions > 0) {
      // A rotation ("PUTIN Vladimir", "AL BEN ALI, Isa") keeps every run in
      // order: in query order, the list positions descend at most once.
      std::vector<std::pair<int, int>>& by_q = scratch.by_q;
      by_q.clear();
      for (const Pair& pr : chosen) by_q.push_back({pr.q, pr.l});
      std::sort(by_q.begin(), by_q.end());
      int descents = 0;
      for (size_t a = 1; a < by_q.size(); ++a) descents += by_q[a].second < by_q[a - 1].second;
      const bool rotation = descents == 1 && by_q.back().second < by_q.front().second;
      const double order_penalty = syllabic_person ? p.order_penalty_syllabic : p.order_penalty;
      score *= 1.0 - (rotation ? p.rotation_penalty : order_penalty * inversions / total);
      if (loose_reversed && std::all_of(chosen.begin(), chosen.end(), [&](const Pair& pr) {
            return qtoks[pr.q].token->kind != TokenKind::kWord || IsApproximate(pr.how);
          })) {
        score *= p.org_words_reversed_factor;
      }
    }
  }

  // Split or merged tokens: the joined strings nearly equal.
  bool joined_used = false;
  bool joined_core = false;
  bool joined_shared = false;  // without the shared legal forms
  int joined_rotated_at = 0;   // the list's words from this one on first
  // Under the syllabic person rules: the same syllables, and a list name of
  // two or more parts (syllabic_joined_exact).
  const bool joined_exact = syllabic_person && p.syllabic_joined_exact;
  // The score of joined texts at ratio r: the name-level factors apply too.
  auto joined_score = [&](double r) {
    return r * p.joined_factor * (number_mismatch ? p.number_mismatch_factor : 1.0) *
           (kind_conflict ? p.legal_kind_conflict_factor : 1.0);
  };
  if (score < p.joined_factor && qtoks.size() != ltoks.size() && !(joined_exact && nl < 2) &&
      !series_paired) {
    // A number left unmatched is no split word, unless the joined texts are
    // the same: a code written apart (YV-2726, YV 2726 / YV2726).
    const bool number_left = p.joined_keeps_numbers && number_unmatched;
    double r = JoinedRatio(qf, lf, p.joined_min, &joined_core, &joined_shared);
    if (number_left && r < 1.0) r = 0;
    if (r >= p.joined_min && p.joined_ends_differ &&
        JoinedEndsDiffer(qf, lf, joined_core || joined_shared, p)) {
      r = 0;
    }
    if (joined_exact && r < 1.0 && r >= p.joined_min &&
        !(q_script.korean && KoreanJoinedEqual(qf.joined.str(), lf.joined))) {
      r = 0;
    }
    // The list's words rotated, at the cost of a rotation (joined_rotations).
    if (p.joined_rotations && !joined_exact && !number_left && r < 1.0) {
      const double keep = 1.0 - p.rotation_penalty;
      int at = 0;
      const double rotated = RotatedJoinedRatio(qf, lf, std::max(p.joined_min, r) / keep, &at);
      if (rotated * keep > r && rotated * keep >= p.joined_min) {
        r = rotated * keep;
        joined_rotated_at = at;
        joined_core = joined_shared = false;
      }
    }
    const double joined = joined_score(r);
    if (r >= p.joined_min && joined > score) {
      score = joined;
      joined_used = true;
    }
  } else if (score < p.joined_factor && !series_paired && ShiftedBoundary(qf, lf, p)) {
    // A word boundary moved ("AREFULLAHA REF" / "AREFULLAH AREF").
    const double joined = joined_score(1.0);
    if (joined > score) {
      score = joined;
      joined_used = true;
    }
  }
  score = std::clamp(score, 0.0, 1.0);

  if (explain != nullptr) {
    explain->clear();
    if (joined_used) {
      std::string qj, lj;
      const auto in_joined = [&](const PreparedToken& t, const PreparedForm& other) {
        if (joined_shared) return InSharedLegalJoined(t, other);
        return (!joined_core || !IsLegal(t.kind)) && !LeftOutOfJoined(t, p);
      };
      for (const auto& t : qtoks) {
        if (in_joined(*t.token, lf)) qj += t.token->text;
      }
      for (int j = 0; j < nl; ++j) {
        const PreparedToken& t = ltoks[(j + joined_rotated_at) % nl];
        if (in_joined(t, *qf.form)) lj += t.text;
      }
      explain->push_back(
          {qj, lj, joined_rotated_at > 0 ? "joined_rotated" : "levenshtein", score, 1.0});
    } else {
      const bool romanized = lf.system != "latin" || qf.form->system != "latin";
      const std::string& sys = lf.system != "latin" ? lf.system : qf.form->system;
      for (int i = 0; i < nq; ++i) {
        const PreparedToken& qt = *qtoks[i].token;
        TokenMatch tm;
        tm.query_token = qt.text;
        tm.weight = qt.weight;
        if (IsLegal(qt.kind)) {
          if (i == legal_q) {
            tm.list_token = ltoks[legal_l].text;
            tm.key = "legal_form";
            tm.similarity = 1.0;
          } else {
            tm.key = "unmatched";
          }
        } else if (q_match[i] >= 0) {
          const Pair& pr = chosen[q_match[i]];
          tm.list_token = ltoks[pr.l].text;
          tm.similarity = pr.how == kSeries ? p.series_factor : pr.sim;
          tm.key = (pr.how == kExact && romanized && !sys.empty()) ? "romanized:" + sys
                                                                   : kHowNames[pr.how];
          tm.weight = 0.5 * (qt.weight + ltoks[pr.l].weight);
        } else if (i < 64 && ((q_prefix >> i) & 1)) {
          tm.key = "unmatched_vessel_prefix";
        } else if (SparePatronymic(qf, lf, i, org, p)) {
          tm.key = "unmatched_patronymic";
        } else if (contained) {
          tm.key = "unmatched_added";  // the list name is held whole
        } else if (i < 64 && ((qf.form->restated_mask >> i) & 1) != 0) {
          tm.key = "unmatched_restated";
        } else if (qt.address && address_waived) {
          tm.key = "unmatched_address";
        } else if (qt.place && !places_conflict) {
          tm.key = "unmatched_place";
        } else if (qt.eponym) {
          tm.key = "unmatched_eponym";
        } else {
          tm.key = "unmatched";
          // A pair over the floor that a rule refused: name the rule.
          for (int j = 0; j < nl; ++j) {
            if (l_match[j] >= 0 || IsLegal(ltoks[j].kind)) continue;
            const auto r = TokenSimilarity(qtoks[i], ltoks[j], p);
            if (r.first < p.pair_floor) continue;
            const char* rule =
                PairRefusal(qtoks[i], ltoks[j], r.second, q_script, l_script, org, *qf.form, lf, p);
            if (rule != nullptr) {
              tm.key = std::string("unmatched:") + rule;
              tm.list_token = ltoks[j].text;
              break;
            }
          }
        }
        explain->push_back(std::move(tm));
      }
      for (int j = 0; j < nl; ++j) {
        if (l_match[j] >= 0 || j == legal_l) continue;
        TokenMatch tm;
        tm.list_token = ltoks[j].text;
        tm.key = j < 64 && ((l_prefix >> j) & 1) != 0           ? "unmatched_vessel_prefix"
                 : j < 64 && ((l_once >> j) & 1) != 0           ? "unmatched_repeat"
                 : j < 64 && ((lf.restated_mask >> j) & 1) != 0 ? "unmatched_restated"
                 : j > cut_l                                    ? "unmatched_cut_off"
                 : ltoks[j].place && !places_conflict           ? "unmatched_place"
                 : ltoks[j].eponym                              ? "unmatched_eponym"
                                                                : "unmatched";
        tm.weight = ltoks[j].weight;
        explain->push_back(std::move(tm));
      }
    }
  }
  return score;
}

void SetRepeatMask(PreparedForm& f) {
  uint64_t mask = 0;
  const size_t n = f.tokens.size();
  for (size_t j = 0; j < n; ++j) {
    bool repeat = j >= 64;
    for (size_t k = 0; k < n && !repeat; ++k)
      repeat = k != j && f.tokens[k].canon == f.tokens[j].canon;
    if (repeat && j < 64) mask |= uint64_t{1} << j;
  }
  f.repeat_mask = mask;  // tokens from 64 on are checked by index
}

// How many first `tokens` spell a vessel-type prefix before a ship's name
// (motor vessel, motor tanker, motor ship, steamship, motor yacht, fishing
// and research vessel; MV, M/V and M.V. are all "mv" here): 1, or 2 for "M
// T" as a person's analysis splits M/T; 0 for none or nothing after it.
uint8_t VesselPrefixTokens(const std::vector<PreparedToken>& tokens) {
  static constexpr std::string_view kPrefixes[] = {"mv", "mt", "ms", "ss", "my", "fv", "rv"};
  auto is_prefix = [](std::string_view t) {
    return std::find(std::begin(kPrefixes), std::end(kPrefixes), t) != std::end(kPrefixes);
  };
  if (tokens.size() >= 2 && is_prefix(tokens[0].text)) return 1;
  if (tokens.size() >= 3 && tokens[0].text.size() == 1 && tokens[1].text.size() == 1 &&
      is_prefix(tokens[0].text + tokens[1].text)) {
    return 2;
  }
  return 0;
}

// A year of a securitisation's series: four digits, 1900-2099.
bool SeriesYear(const PreparedToken& t) {
  const std::string& s = t.text;
  return t.kind == TokenKind::kNumber && s.size() == 4 && io::IsDigits(s) &&
         (s.compare(0, 2, "19") == 0 || s.compare(0, 2, "20") == 0);
}

// PreparedForm::series_mask and tail_number.
void SetSeriesMasks(PreparedForm& f) {
  f.series_mask = 0;
  f.tail_number = 0;
  const size_t n = std::min<size_t>(f.tokens.size(), 64);
  for (size_t j = 0; j + 1 < n; ++j) {
    const std::string& next = f.tokens[j + 1].text;
    if (SeriesYear(f.tokens[j]) && !IsLegal(f.tokens[j + 1].kind) &&
        std::any_of(next.begin(), next.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      f.series_mask |= uint64_t{3} << j;
    }
  }
  // (A hull number in a series has at most four digits; seven are an IMO
  // number, which identifies the ship.)
  for (size_t j = n; j-- > 0;) {
    if (IsLegal(f.tokens[j].kind)) continue;
    if (f.tokens[j].kind == TokenKind::kNumber && f.tokens[j].text.size() <= 4) {
      f.tail_number = uint64_t{1} << j;
    }
    break;
  }
}

// A nonzero 16-bit hash (PreparedToken::place_hash).
uint16_t Hash16(std::string_view s) {
  const uint32_t h = io::Fnv1a32(s);
  return static_cast<uint16_t>(std::max<uint32_t>(1, (h ^ (h >> 16)) & 0xffff));
}

// The tokens' hashes for the first-pass bound (PreparedToken::text_hash).
void SetBoundKeys(PreparedForm& f) {
  for (PreparedToken& t : f.tokens) {
    t.text_hash = io::Fnv1a32(t.text);
    t.canon_hash = io::Fnv1a32(t.canon);
    t.phonetic_hash = 0;
    if (t.phonetic.size() >= 2) t.phonetic_hash = std::max<uint32_t>(1, io::Fnv1a32(t.phonetic));
    const std::string merged = MergedTranscriptionKey(t.phonetic);
    t.transcription_hash = merged.empty() ? 0 : std::max<uint32_t>(1, io::Fnv1a32(merged));
    t.loan_hash = 0;
    t.loan_l_hash = 0;
    t.loanword_reading = t.loanword_reading || f.script.loanword;
    if (f.script.latin && t.kind == TokenKind::kWord) {
      const text::LoanwordKeys keys = text::LoanwordPhoneticKeys(t.text);
      const std::string loan = MergedTranscriptionKey(keys.key);
      if (!loan.empty() && loan != merged) t.loan_hash = std::max<uint32_t>(1, io::Fnv1a32(loan));
      const std::string loan_l = keys.l_dropped ? MergedTranscriptionKey(keys.keep_l) : "";
      if (!loan_l.empty() && loan_l != merged && loan_l != loan) {
        t.loan_l_hash = std::max<uint32_t>(1, io::Fnv1a32(loan_l));
      }
    }
    const text::internal::FamiliarBits bits = text::internal::FamiliarFormBits(t.text, t.canon);
    t.full_name_bit = bits.as_full;
    t.familiar_bits = bits.as_familiar;
    const PlaceKey place = t.kind == TokenKind::kWord      ? PlaceKeyOf(t.text)
                           : t.kind == TokenKind::kOrgWord ? CountryAdjectiveKey(t.text)
                                                           : PlaceKey{};
    t.place_hash = place.key.empty() ? 0 : Hash16(place.key);
    t.place_adjective = place.adjective;
    t.place_respelt = place.respelt;
    const SlavicEnding slavic =
        t.kind == TokenKind::kWord ? SlavicEndingKey(t.text) : SlavicEnding{};
    t.slavic_hash = slavic.key.empty() ? 0 : Hash16(slavic.key);
    t.belarusian_ending = slavic.belarusian;
    if (t.kind == TokenKind::kWord) {
      const std::string belarusian = BelarusianKey(t.text);
      t.belarusian_hash = belarusian.empty() ? 0 : Hash16(belarusian);
      t.belarusian_mark = BelarusianMark(t.text);
    }
    t.type_word = IsTypeWord(t);
    const std::string_view rime = t.kind == TokenKind::kWord ? KoreanJRime(t.text) : "";
    t.korean_j_hash = rime.empty() ? 0 : Hash16(rime);
  }
}

// Fills what a form's tokens and system determine: the joined texts, the
// script facts, the organisation and patronymic flags, the repeat mask and
// the tokens' hashes for the first pass.
void FinishForm(PreparedForm& f) {
  f.joined.clear();
  f.joined_core.clear();
  bool legal = false;
  f.org_tokens = false;
  f.patronymics = false;
  f.name_parts = 0;
  bool male = false;
  const size_t n_tokens = f.tokens.size();
  for (size_t i = 0; i < n_tokens; ++i) {
    PreparedToken& t = f.tokens[i];
    // "&" is the word "and" between words but nothing inside an acronym
    // (AT&T is "att"), so the joined texts leave "and" out: "AT and T" is
    // "att" too (joined_without_and).
    const bool skip_and = LeftOutOfJoined(t, MutableParams());
    if (!skip_and) f.joined += t.text_cp;
    if (t.kind == TokenKind::kLegalForm) {
      legal = true;
    } else if (!skip_and) {
      f.joined_core += t.text_cp;
    }
    f.org_tokens |= t.kind == TokenKind::kLegalForm || t.kind == TokenKind::kOrgWord;
    t.patronymic = IsPatronymic(t.text);
    std::tie(t.compound, t.compound_stem) = CompoundOf(t.text);
    t.lineage = IsLineageConnector(t.text);
    if (t.kind == TokenKind::kWord && !t.article && !t.lineage && f.name_parts < 255) {
      ++f.name_parts;
    }
    // Between two names; first or last it may be a name itself (Bin XU, the
    // Chinese given name; KO TAE BIN).
    t.lineage_inside = t.lineage && i > 0 && i + 1 < n_tokens;
    f.patronymics |= t.patronymic;
    male |= t.patronymic && IsMalePatronymic(t.text);
  }
  if (!legal) f.joined_core.clear();
  auto count = [](const std::u32string& text, std::array<uint8_t, 32>& counts) {
    counts.fill(0);
    for (char32_t c : text) {
      uint8_t& n = counts[c & 31];
      if (n < 255) ++n;
    }
  };
  count(f.joined, f.joined_counts);
  count(f.joined_core, f.joined_core_counts);
  f.max_weight = 0;
  f.min_weight = std::numeric_limits<float>::infinity();
  f.legal_weight = 0;
  for (const PreparedToken& t : f.tokens) {
    if (IsLegal(t.kind)) {
      f.legal_weight = std::max(f.legal_weight, t.weight);
    } else {
      f.max_weight = std::max(f.max_weight, t.weight);
      f.min_weight = std::min(f.min_weight, t.weight);
    }
  }
  SetSeriesMasks(f);
  f.vessel_prefix = VesselPrefixTokens(f.tokens);
  f.script = ClassifyForm(f.system);
  f.script.male = male;
  SetRepeatMask(f);
  SetBoundKeys(f);
}

// Soundex (Russell/Odell, as in the US census rules) of a lower-case ASCII
// token, its four characters packed into one integer (the first in the low
// byte; equal codes, equal integers); 0 when it has no letter. No string is
// built: OfacScore asks for it per query part and list token.
uint32_t SoundexCode(std::string_view s) {
  static const char* kCodes = "01230120022455012623010202";  // a..z
  uint32_t out = 0;
  int len = 0;
  char last = 0;
  for (char c : s) {
    if (c < 'a' || c > 'z') continue;
    const char code = kCodes[c - 'a'];
    if (len == 0) {
      out = static_cast<uint32_t>(c - 'a' + 'A');
      len = 1;
      last = code;
      continue;
    }
    if (c == 'h' || c == 'w') continue;  // do not separate equal codes
    if (code != '0' && code != last) out |= static_cast<uint32_t>(code) << (8 * len++);
    last = code;
    if (len == 4) break;
  }
  if (len == 0) return 0;
  for (; len < 4; ++len) out |= static_cast<uint32_t>('0') << (8 * len);
  return out;
}

}  // namespace

const ScorerParams& DefaultScorerParams() { return MutableParams(); }
void SetScorerParams(const ScorerParams& params) {
  MutableParams() = params;
  BoundHoldsFlag() = BoundHolds(params);
  FillFirstPassTables(params, MutableFirstPassTables());
}

bool IsOrgSchema(Schema schema) { return schema != Schema::kPerson; }

namespace {

// A name made of nothing but legal forms ("OOO MTU", where MTU is an Estonian
// legal form too; "Cia"): those words are all the name has, so they are
// compared, weighed and indexed as words. As legal forms they would match any
// name with a legal form of the same kind and cost nothing when unmatched.
bool OnlyLegalForms(const std::vector<text::Token>& tokens) {
  bool legal = false;
  for (const text::Token& t : tokens) {
    if (t.kind == TokenKind::kLegalForm) {
      legal = true;
    } else if (t.kind != TokenKind::kStopword) {
      return false;
    }
  }
  return legal;
}

}  // namespace

namespace {

// Whether a token of a Han, Hangul or kana name's romanisation is a legal
// form or company word of one syllable (letters only, one run of vowels,
// at most pinyin_syllable_max letters: 유 "yu", 欧 "ou", 沙 "sha"; not
// 公司 "gongsi" or 회사 "hoesa"), which ScorerParams::syllabic_no_legal_forms
// reads as a name part.
bool SyllableReadAsLegal(const text::Token& t) {
  if (t.kind != TokenKind::kLegalForm && t.kind != TokenKind::kOrgWord) return false;
  if (t.text.empty() || t.text.size() > static_cast<size_t>(MutableParams().pinyin_syllable_max)) {
    return false;
  }
  int runs = 0;
  bool in_vowels = false;
  for (char c : t.text) {
    if (c < 'a' || c > 'z') return false;
    const bool v = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
    if (v && !in_vowels) ++runs;
    in_vowels = v;
  }
  return runs == 1;
}

}  // namespace

namespace {
// The initials tokens[begin, end) written together as one word ("C.B.A." ->
// "cba"), weighted as a word.
PreparedToken AcronymToken(const std::vector<text::Token>& tokens, size_t begin, size_t end,
                           const ScorerParams& p) {
  std::string acronym;
  for (size_t i = begin; i < end; ++i) acronym += tokens[i].text;
  PreparedToken pt = MakeToken(acronym, text::VariantKey(acronym), TokenKind::kWord);
  pt.weight = static_cast<float>(p.w_word);
  return pt;
}

// A word an organisation's acronym takes a letter of: not a legal form,
// stopword or number.
bool AcronymPart(const PreparedToken& t) {
  return !IsLegal(t.kind) && t.kind != TokenKind::kStopword && t.kind != TokenKind::kNumber &&
         !t.text.empty();
}

// The letters of a romanised word that may stand for its first letter in an
// acronym written in the original script (Ч "ch", Щ "shch", Я "ya").
size_t InitialLength(std::string_view word) {
  if (word.starts_with("shch")) return 4;
  static constexpr std::string_view kDigraphs[] = {"ch", "sh", "zh", "kh", "ts",
                                                   "ya", "yu", "ye", "yo"};
  for (std::string_view d : kDigraphs) {
    if (word.starts_with(d)) return d.size();
  }
  return 1;
}

// Whether `t` is a word (TokenKind::kWord) of min_len..max_len letters a-z.
bool LetterWord(const PreparedToken& t, size_t min_len, size_t max_len) {
  return t.kind == TokenKind::kWord && t.text.size() >= min_len && t.text.size() <= max_len &&
         LowerLatin(t.text);
}

// The one word of `form` that may be an acronym (3..8 letters a-z, the
// form's only word besides legal forms, stopwords and numbers), or null.
const PreparedToken* AcronymWord(const PreparedForm& form) {
  const PreparedToken* word = nullptr;
  for (const PreparedToken& t : form.tokens) {
    if (!AcronymPart(t)) continue;
    if (word != nullptr) return nullptr;
    word = &t;
  }
  return word != nullptr && LetterWord(*word, 3, 8) ? word : nullptr;
}

// Calls f(token, word) for each word of `form` an acronym takes a letter
// of, in order (AcronymPart tokens; with `token_words`, per token null or
// text::Token::words, a company word of several words gives each of its
// words: научно-исследовательский институт "nii").
template <typename F>
void ForEachAcronymUnit(const PreparedForm& form,
                        const std::vector<const std::string*>* token_words, F&& f) {
  for (size_t k = 0; k < form.tokens.size(); ++k) {
    const PreparedToken& t = form.tokens[k];
    if (!AcronymPart(t)) continue;
    const std::string* parts =
        token_words != nullptr && k < token_words->size() ? (*token_words)[k] : nullptr;
    if (parts == nullptr || parts->empty()) {
      f(k, std::string_view(t.text));
      continue;
    }
    for (std::string_view part : io::Split(*parts, " ")) {
      if (!part.empty()) f(k, part);
    }
  }
}

// The initials of `form`'s words (ForEachAcronymUnit: first letters, or
// with `digraphs` the letters InitialLength gives), or "" unless it has
// 3..8 words.
std::string FormInitials(const PreparedForm& form, bool digraphs,
                         const std::vector<const std::string*>* token_words = nullptr) {
  std::string out;
  size_t words = 0;
  ForEachAcronymUnit(form, token_words, [&](size_t, std::string_view word) {
    ++words;
    out.append(word, 0, digraphs ? InitialLength(word) : 1);
  });
  return words >= 3 && words <= 8 ? out : std::string();
}

// Adds `h` to the 0-terminated `set` (unless it is full).
template <size_t N>
void AddHash(std::array<uint32_t, N>& set, uint32_t h) {
  for (uint32_t& x : set) {
    if (x == 0) x = h;
    if (x == h) return;
  }
}

// The hash of an acronym with `form`'s numbers, which must agree too
// (558 ARZ is not 711 ARZ).
uint32_t AcronymHash(std::string acronym, const PreparedForm& form) {
  for (const PreparedToken& t : form.tokens) {
    if (t.kind == TokenKind::kNumber) (acronym += '#') += t.canon;
  }
  return std::max<uint32_t>(1, io::Fnv1a32(acronym));
}

// Notes `form`'s acronym word and (for an organisation) initials in `name`
// (`token_words` as for FormInitials).
void NoteAcronyms(const PreparedForm& form, bool org,
                  const std::vector<const std::string*>& token_words, PreparedName& name) {
  if (const PreparedToken* w = AcronymWord(form)) {
    AddHash(name.acronym_word, AcronymHash(w->text, form));
    name.acronym_len = static_cast<uint8_t>(w->text.size());
  }
  if (!org) return;
  for (bool digraphs : {false, true}) {
    std::string initials = FormInitials(form, digraphs, &token_words);
    if (!initials.empty()) AddHash(name.initials, AcronymHash(std::move(initials), form));
  }
}

// A word an acronym takes a letter of (ForEachAcronymUnit) and the token
// it comes from.
struct AcronymUnit {
  size_t token;
  std::string_view word;
};

// Whether `word` is the initials of a run of two or more of `units`
// starting at `first`, leaving out the units of token `skip`, each unit
// giving its first letter or the letters InitialLength gives.
bool SpellsRun(std::string_view word, const std::vector<AcronymUnit>& units, size_t skip,
               size_t first) {
  size_t pos = 0, taken = 0;
  for (size_t u = first; u < units.size(); ++u) {
    if (units[u].token == skip) continue;
    const std::string_view unit = units[u].word;
    const size_t digraph = InitialLength(unit);
    if (digraph > 1 && word.substr(pos, digraph) == unit.substr(0, digraph)) {
      pos += digraph;
    } else if (word[pos] == unit[0]) {
      ++pos;
    } else {
      return false;
    }
    if (++taken >= 2 && pos == word.size()) return true;
    if (pos >= word.size()) return false;
  }
  return false;
}

// Sets `form.restated_mask` (and those bits of repeat_mask): the words of 3
// to 6 letters a-z that spell the initials of a run of two or more of the
// form's other words (ForEachAcronymUnit): "RVK" in Российская венчурная
// компания (РВК), "RIAR" in Research Institute of Atomic Reactors (RIAR).
void SetRestatedMask(PreparedForm& form, const std::vector<const std::string*>& token_words) {
  form.restated_mask = 0;
  std::vector<AcronymUnit> units;  // filled at the first word to test
  const size_t n = std::min<size_t>(form.tokens.size(), 64);
  for (size_t j = 0; j < n; ++j) {
    if (!LetterWord(form.tokens[j], 3, 6)) continue;
    const std::string& w = form.tokens[j].text;
    if (units.empty()) {
      ForEachAcronymUnit(form, &token_words, [&units](size_t k, std::string_view word) {
        units.push_back({k, word});
      });
    }
    for (size_t first = 0; first < units.size(); ++first) {
      if (units[first].token != j && SpellsRun(w, units, j, first)) {
        form.restated_mask |= uint64_t{1} << j;
        break;
      }
    }
  }
  form.repeat_mask |= form.restated_mask;
}

// The parts of an organisation's name that say whom it is named after
// (завод имени В.А. Дегтярева, ZAVOD IM. V.A. DEGTYAREVA, PLANT NAMED AFTER
// V.A. DEGTYAREV, COMPLEX N.A. G.M. BERIEV, BUREAU BY NAME I.I. TOROPOV).
enum class NamedAfterRole : uint8_t { kNone, kMarker, kClause, kInitial, kEponym };

bool NamedAfterTitle(std::string_view t) {
  static constexpr std::string_view kTitles[] = {
      "academician", "academic", "acad",     "akademika", "akademik",  "akad",       "академика",
      "академик",    "акад",     "general",  "generala",  "генерала",  "marshal",    "marshala",
      "маршала",     "admiral",  "admirala", "адмирала",  "professor", "professora", "профессора"};
  return std::find(std::begin(kTitles), std::end(kTitles), t) != std::end(kTitles);
}

// Per token of an organisation's name: "named after" is kMarker, what
// follows it up to the person's name (a preposition, titles, initials,
// initials written together: IM AS POPOVA) kClause, or kInitial for one or
// two letters that are no company word (AS, also a legal form; И., also the
// stopword и), and the first word after them kEponym. The marker is a
// token whose canonical is "named" (имени, imeni, named after, им.), or in
// the middle of the name Latin IM (read as a Moldovan legal form otherwise;
// in the lists it is imeni), N.A. (at the end of a name a US bank's legal
// form) before initials, and BY NAME.
// Empty when no token has a role.
std::vector<NamedAfterRole> NamedAfterRoles(const std::vector<text::Token>& toks) {
  const size_t n = toks.size();
  std::vector<NamedAfterRole> roles;
  auto initial_like = [&](size_t j) {
    if (toks[j].kind == TokenKind::kInitial) return true;
    // One or two letters before the person's name: initials, read as
    // something else (И. as the stopword и) or written together (AS).
    if (j + 1 >= n || io::CountCodePoints(toks[j].text) > 2) return false;
    return std::none_of(toks[j].text.begin(), toks[j].text.end(),
                        [](char c) { return c >= '0' && c <= '9'; });
  };
  for (size_t i = 0; i < n; ++i) {
    const text::Token& t = toks[i];
    size_t j = i + 1;  // past the marker
    if (t.canon == "named") {
      // "named by", "named for": the preposition belongs to it.
      if (j < n && (toks[j].text == "by" || toks[j].text == "after" || toks[j].text == "for")) ++j;
    } else if (t.text == "by" && j + 1 < n && toks[j].text == "name") {
      ++j;
    } else {
      const bool im = t.text == "im" && i > 0 && j < n;
      const bool na = t.text == "na" && i > 0 && j + 1 < n && toks[j].kind == TokenKind::kInitial;
      if (!im && !na) continue;
    }
    if (roles.empty()) roles.assign(n, NamedAfterRole::kNone);
    roles[i] = NamedAfterRole::kMarker;
    for (size_t k = i + 1; k < j; ++k) roles[k] = NamedAfterRole::kClause;
    while (j < n &&
           (NamedAfterTitle(toks[j].text) || toks[j].canon == "named" || initial_like(j))) {
      roles[j++] = NamedAfterRole::kClause;
    }
    for (size_t k = i + 1; k < j; ++k) {
      if (toks[k].kind != TokenKind::kOrgWord && io::CountCodePoints(toks[k].text) <= 2) {
        roles[k] = NamedAfterRole::kInitial;
      }
    }
    if (j < n && toks[j].kind == TokenKind::kWord) roles[j++] = NamedAfterRole::kEponym;
    i = j - 1;
  }
  return roles;
}

// A Russian surname in the genitive, as organisations named after a person
// write it (IMENI V.A. DEGTYAREVA, IM. M.V. FRUNZE), in the nominative that
// English names use (DEGTYAREV PLANT): a final -a after a consonant is
// dropped (Degtyareva, Stelmakha), -lya is -l (Milya), -skogo / -tskogo is
// -skiy (Dzerzhinskogo), another -ogo is -oy (Sukhogo). Latin letters only;
// other words are returned as they are.
std::string NominativeEponym(std::string_view w) {
  auto ends = [&w](std::string_view e) { return w.size() > e.size() + 2 && w.ends_with(e); };
  if (!LowerLatin(w)) return std::string(w);
  if (ends("skogo")) return std::string(w.substr(0, w.size() - 3)) + "iy";
  if (ends("ogo")) return std::string(w.substr(0, w.size() - 3)) + "oy";
  if (ends("lya")) return std::string(w.substr(0, w.size() - 2));
  if (ends("a") && LatinConsonant(w[w.size() - 2])) return std::string(w.substr(0, w.size() - 1));
  return std::string(w);
}

// The slot of the one of `words` that is one of `initials` (both
// 0-terminated sets), or -1.
int AcronymSlot(const std::array<uint32_t, 2>& words, const std::array<uint32_t, 4>& initials) {
  for (size_t k = 0; k < words.size() && words[k] != 0; ++k) {
    for (uint32_t i : initials) {
      if (i == 0) break;
      if (i == words[k]) return static_cast<int>(k);
    }
  }
  return -1;
}

// Whether the words in parentheses of a name (text::NameForm::bracketed)
// are a country's name or code, dotted or not (HONG KONG, U.K., THE
// NETHERLANDS BRANCH: "netherlands").
bool BracketedCountry(const std::string& words) {
  if (words.empty()) return false;
  if (!lists::CountryCode(words).empty()) return true;
  std::string letters = words;
  std::erase(letters, ' ');
  return letters.size() <= 3 && letters.size() < words.size() &&
         !lists::CountryCode(letters).empty();
}

// An organisation's name that ends "of" and a country after a word of its
// own (SBERBANK OF RUSSIA, BANK MELLI OF IRAN): the country says where,
// as a place in a Han name does, and the other name often leaves it out
// (Сбербанк). Its words, "of" included, become places (PreparedToken::
// place). Not a name that is "of" and the country after type words only
// (BANK OF RUSSIA, the central bank, is not any bank).
void MarkCountryTail(PreparedForm& f) {
  auto& toks = f.tokens;
  const size_t n = toks.size();
  std::string phrase;
  for (size_t k = 1; k <= 4 && k + 2 <= n; ++k) {
    const size_t of = n - k - 1;
    if (toks[of].text != "of") continue;
    phrase.clear();
    bool words = true;
    // (OF THE RUSSIAN FEDERATION: the country's name without "the".)
    for (size_t i = of + 1 + (toks[of + 1].text == "the" && of + 2 < n ? 1 : 0); i < n; ++i) {
      words &= toks[i].kind == TokenKind::kWord || toks[i].kind == TokenKind::kStopword ||
               toks[i].kind == TokenKind::kOrgWord;
      if (!phrase.empty()) phrase += ' ';
      phrase += toks[i].text;
    }
    if (!words || phrase.size() < 4 || lists::CountryCode(phrase).empty()) continue;
    const bool named =
        std::any_of(toks.begin(), toks.begin() + static_cast<std::ptrdiff_t>(of),
                    [](const PreparedToken& t) { return t.kind == TokenKind::kWord; });
    if (!named) return;
    for (size_t i = of; i < n; ++i) toks[i].place = true;
    return;
  }
}

}  // namespace

PreparedName PrepareForms(const std::vector<text::NameForm>& forms, Schema schema,
                          const TokenStats* stats) {
  const ScorerParams& p = MutableParams();
  const bool org = IsOrgSchema(schema);
  PreparedName out;
  out.org = org;
  out.vessel = schema == Schema::kVessel;
  out.forms.reserve(forms.size());
  for (const text::NameForm& nf : forms) {
    // A name whose part in parentheses is a country says which branch
    // (BANK OF CHINA (HONG KONG) LIMITED): no form leaves it out.
    if (nf.unbracketed && BracketedCountry(nf.bracketed)) continue;
    PreparedForm pf;
    pf.tokens.reserve(nf.tokens.size());
    pf.system = nf.system;
    pf.quoted = nf.quoted;
    pf.unbracketed = nf.unbracketed;
    pf.vessel = out.vessel;
    pf.script = ClassifyForm(nf.system);
    const bool syllabic = pf.script.syllabic;
    const bool only_legal = OnlyLegalForms(nf.tokens);
    const std::vector<NamedAfterRole> roles =
        org ? NamedAfterRoles(nf.tokens) : std::vector<NamedAfterRole>();
    auto role_of = [&roles](size_t i) { return roles.empty() ? NamedAfterRole::kNone : roles[i]; };
    std::vector<const std::string*> token_words;  // per token (NoteAcronyms)
    for (size_t i = 0; i < nf.tokens.size(); ++i) {
      const text::Token& t = nf.tokens[i];
      const NamedAfterRole role = role_of(i);
      const bool in_named_after = role == NamedAfterRole::kMarker ||
                                  role == NamedAfterRole::kClause ||
                                  role == NamedAfterRole::kInitial;
      // Organisation acronyms written with dots or spaces ("C.B.A.") are one
      // token, so that their letters keep their order; not a person's
      // initials after "named after" (имени С.А. Лавочкина).
      if (org && !in_named_after && t.kind == TokenKind::kInitial && i + 1 < nf.tokens.size() &&
          nf.tokens[i + 1].kind == TokenKind::kInitial && role_of(i + 1) == NamedAfterRole::kNone) {
        size_t end = i;
        while (end < nf.tokens.size() && nf.tokens[end].kind == TokenKind::kInitial) ++end;
        pf.tokens.push_back(AcronymToken(nf.tokens, i, end, p));
        token_words.push_back(nullptr);
        i = end - 1;
        continue;
      }
      // Han, Hangul and kana have no initials: a one-letter romanised token
      // there is a whole name (Korean 이 "i", 오 "o") and weighs as one.
      TokenKind kind = t.kind == TokenKind::kInitial && syllabic ? TokenKind::kWord : t.kind;
      if (only_legal && kind == TokenKind::kLegalForm) kind = TokenKind::kWord;
      // Nor legal forms in a person's name: one syllable read as a legal
      // form or company word (유 "yu", 欧 "ou") is a name part.
      if (syllabic && !org && p.syllabic_no_legal_forms && SyllableReadAsLegal(t)) {
        kind = TokenKind::kWord;
      }
      // The marker is "named" (IM, N.A. are legal forms' aliases too), the
      // initials are initials, and the person's name is read in the
      // nominative.
      std::string text = t.text;
      std::string canon = t.canon;
      if (role == NamedAfterRole::kMarker) {
        kind = TokenKind::kOrgWord;
        canon = "named";
      } else if (role == NamedAfterRole::kInitial) {
        kind = TokenKind::kInitial;
        canon = t.text;
      } else if (role == NamedAfterRole::kEponym) {
        text = NominativeEponym(t.text);
        if (text != t.text) canon = text::VariantKey(text);
      }
      PreparedToken pt = MakeToken(std::move(text), std::move(canon), kind);
      pt.loanword_reading = t.loanword;  // (FinishForm adds the form's reading)
      pt.place = org && t.place;
      pt.eponym = role == NamedAfterRole::kEponym;
      double w = KindWeight(kind, p);
      if (stats != nullptr && kind != TokenKind::kLegalForm) {
        w *= p.rarity_floor + (1.0 - p.rarity_floor) * stats->Rarity(t);
      }
      if (in_named_after) w = p.w_named_after;
      pt.weight = static_cast<float>(w);
      pf.tokens.push_back(std::move(pt));
      token_words.push_back(&t.words);
    }
    if (org && !nf.person && pf.script.latin && p.country_tail_place) MarkCountryTail(pf);
    FinishForm(pf);
    // In an organisation's name a final -a is the genitive of the person it
    // is named after (завод имени Дегтярева, the Degtyarev Plant), not a
    // woman's form; a LegalEntity's name analysed as a person's keeps it.
    if (org && !nf.person) pf.script.gendered = false;
    // Drop forms that repeat an earlier one token for token.
    bool dup = false;
    for (const auto& other : out.forms) {
      if (other.tokens.size() != pf.tokens.size()) continue;
      bool same = true;
      for (size_t k = 0; k < pf.tokens.size() && same; ++k) {
        same = other.tokens[k].text == pf.tokens[k].text;
      }
      if (same) dup = true;
    }
    NoteAcronyms(pf, org && !nf.person, token_words, out);
    if (org && !nf.person && p.restated_initials_free) SetRestatedMask(pf, token_words);
    if (!dup) out.forms.push_back(std::move(pf));
    // A name of initials only ("S.M.G.") that is not read as an
    // organisation's may still be one's acronym: it also gets the form
    // of the letters written together, as an organisation's name has it.
    if (!org && !syllabic && p.initials_acronym_form && nf.tokens.size() >= 2 &&
        std::all_of(nf.tokens.begin(), nf.tokens.end(),
                    [](const text::Token& t) { return t.kind == TokenKind::kInitial; })) {
      PreparedForm af;
      af.system = nf.system;
      af.script = ClassifyForm(nf.system);
      af.tokens.push_back(AcronymToken(nf.tokens, 0, nf.tokens.size(), p));
      FinishForm(af);
      out.forms.push_back(std::move(af));
    }
  }
  return out;
}

PreparedName PrepareName(std::string_view raw, Schema schema, const TokenStats* stats) {
  PreparedName out = PrepareForms(text::AnalyzeName(raw, schema), schema, stats);
  AddNativeForm(raw, out);
  return out;
}

namespace {
// Fills `qf` for `pf`. `qf` may hold an earlier query's form: its cached
// strings and vectors are reused (CachedString::Assign clears only what the
// earlier string set), so a reused PreparedQuery neither allocates nor
// zeroes the 3.5 KB pattern tables of each cached string again.
void PrepareQueryForm(const PreparedForm& pf, QueryForm& qf) {
  qf.form = &pf;
  qf.joined.Assign(pf.joined);
  qf.joined_hash = JoinedHash(pf.joined);
  qf.joined_core.Assign(pf.joined_core);
  thread_local std::u32string spaced;
  spaced.clear();
  qf.soundex.clear();
  for (const PreparedToken& t : pf.tokens) {
    if (!spaced.empty()) spaced.push_back(U' ');
    spaced += t.text_cp;
    qf.soundex.push_back(SoundexCode(t.text));
  }
  qf.spaced.Assign(spaced);
  qf.tokens.resize(pf.tokens.size());
  qf.half_weight = 0;
  qf.num_plain = 0;
  qf.has_truncated = false;
  for (size_t k = 0; k < pf.tokens.size(); ++k) {
    const PreparedToken& t = pf.tokens[k];
    if (!IsLegal(t.kind)) {
      qf.half_weight += 0.5 * t.weight;
      ++qf.num_plain;
    }
    qf.has_truncated |= t.may_be_truncated || t.ends_cut;
    QueryToken& qt = qf.tokens[k];
    qt.token = &t;
    qt.qid = 0;
    qt.text.Assign(t.text_cp);
    qt.canon.Assign(t.canon_cp);
  }
  // (Equal weights keep their order; beyond 64 tokens there is no first
  // pass.)
  qf.bound_order.resize(std::min<size_t>(pf.tokens.size(), 64));
  for (size_t k = 0; k < qf.bound_order.size(); ++k) qf.bound_order[k] = static_cast<uint8_t>(k);
  std::stable_sort(qf.bound_order.begin(), qf.bound_order.end(), [&pf](uint8_t a, uint8_t b) {
    return pf.tokens[a].weight > pf.tokens[b].weight;
  });
}
}  // namespace

static bool LossyScript(Script s) {
  return s == Script::kHan || s == Script::kHangul || s == Script::kKana || s == Script::kThai ||
         s == Script::kOther || s == Script::kMyanmar;
}

namespace {
bool HasLowercase(std::string_view raw) {
  for (size_t pos = 0; pos < raw.size();) {
    if (u_islower(static_cast<UChar32>(io::DecodeUtf8(raw, pos)))) return true;
  }
  return false;
}

// The first address word of a Latin form (its size when there is none).
size_t AddressStart(const PreparedForm& f) {
  size_t a = f.tokens.size();
  while (a > 0 && f.tokens[a - 1].address) --a;
  return a;
}
// Whether the `k` tokens before `a` are words and stopwords (DE LA), a
// word among them, with a word of the name before them; `a` may be the
// form's end only `at_end` (AddressTail::at_end).
bool TailWords(const PreparedForm& f, size_t a, size_t k, bool at_end) {
  if ((a == f.tokens.size() && !at_end) || a <= k) return false;
  bool word = false;
  for (size_t i = a - k; i < a; ++i) {
    const PreparedToken& t = f.tokens[i];
    if ((t.kind != TokenKind::kWord && t.kind != TokenKind::kStopword) || t.may_be_truncated) {
      return false;
    }
    word |= t.kind == TokenKind::kWord;
  }
  if (!word) return false;
  for (size_t i = 0; i < a - k; ++i) {
    const TokenKind kind = f.tokens[i].kind;
    if (kind == TokenKind::kWord || kind == TokenKind::kOrgWord) return true;
  }
  return false;
}
// The texts of the `k` tokens before `a`, one space between.
std::string TailText(const PreparedForm& f, size_t a, size_t k) {
  std::string out;
  for (size_t i = a - k; i < a; ++i) {
    if (!out.empty()) out += ' ';
    out += f.tokens[i].text;
  }
  return out;
}
// Marks the tokens from `from` on as the address, sharing its cost
// (ScorerParams::address_max_words).
void MarkAddressFrom(PreparedForm& f, size_t from, const ScorerParams& p) {
  const size_t words = f.tokens.size() - from;
  const size_t max_words = static_cast<size_t>(std::max(1, p.address_max_words));
  const float share =
      words > max_words ? static_cast<float>(max_words) / static_cast<float>(words) : 1.0f;
  for (size_t i = from; i < f.tokens.size(); ++i) {
    f.tokens[i].address = true;
    f.tokens[i].address_share = share;
  }
}

// The query's trailing cities and countries after the name proper
// (PreparedToken::address), in every form.
void MarkAddressWords(PreparedName& name) {
  const ScorerParams& p = MutableParams();
  // Countries that are also common given names or surnames stay words.
  static constexpr std::string_view kNotPlaces[] = {"jordan", "chad", "georgia", "israel"};
  // Three-letter abbreviations of a country that are no word or name.
  static constexpr std::string_view kCountryAbbreviations[] = {"usa", "uae"};
  auto is_place = [](const std::string& phrase) {
    if (text::IsCityName(phrase)) return true;
    if (std::find(std::begin(kCountryAbbreviations), std::end(kCountryAbbreviations), phrase) !=
        std::end(kCountryAbbreviations)) {
      return true;
    }
    if (phrase.size() < 4 ||
        std::find(std::begin(kNotPlaces), std::end(kNotPlaces), phrase) != std::end(kNotPlaces)) {
      return false;  // (3 letters: ISO alpha-3 codes, AND, ARE, CAN ...)
    }
    return !lists::CountryCode(phrase).empty();
  };
  auto may_be_place = [](const PreparedToken& t) {
    return t.kind == TokenKind::kWord || t.kind == TokenKind::kStopword ||
           t.kind == TokenKind::kOrgWord;
  };
  std::string phrase;
  for (PreparedForm& f : name.forms) {
    auto& toks = f.tokens;
    // How many words (1 to 5) before `end` name a place; 0 if none do.
    auto place_before = [&](size_t end) -> size_t {
      for (size_t k = std::min<size_t>(5, end); k >= 1; --k) {
        bool ok = true;
        for (size_t i = end - k; i < end; ++i) ok &= may_be_place(toks[i]);
        if (!ok) continue;
        phrase.clear();
        for (size_t i = end - k; i < end; ++i) {
          if (!phrase.empty()) phrase += ' ';
          phrase += toks[i].text;
        }
        if (k <= 3 && is_place(phrase)) return k;
        // The lists' inverted forms: KOREA, NORTH; VIRGIN ISLANDS, BRITISH;
        // CONGO, DEMOCRATIC REPUBLIC OF THE.
        if (k >= 2 && !lists::InvertedCountryCode(phrase).empty()) return k;
      }
      return 0;
    };
    size_t end = toks.size();
    while (end > 0) {
      size_t took = place_before(end);
      // A two-letter state or province code between a place and the
      // country after it (MIAMI FL USA, MONTREAL PQ CANADA), with the place.
      if (took == 0 && end >= 2 && end < toks.size()) {
        const std::string& t = toks[end - 1].text;
        if (t.size() == 2 && std::isalpha(static_cast<unsigned char>(t[0])) &&
            std::isalpha(static_cast<unsigned char>(t[1]))) {
          if (const size_t place = place_before(end - 1); place > 0) took = 1 + place;
        }
      }
      if (took == 0) break;
      end -= took;
    }
    // A word that says what kind of place comes before it (MUROM CITY
    // RUSSIA, DONETSK REGION UKRAINE, KANDAHAR DISTRICT AFGHANISTAN) is the
    // address's too, after a word (not after a legal form or company word:
    // PUBLICHNOE AKTSIONERNOE OBSCHESTVO CITY is a company's name).
    if (end < toks.size() && end >= 2 && IsPlaceKindWord(toks[end - 1].text) &&
        toks[end - 2].kind == TokenKind::kWord) {
      --end;
    }
    // The name proper: a word or company word before the address.
    auto named = [&](size_t before) {
      return std::any_of(toks.begin(), toks.begin() + static_cast<std::ptrdiff_t>(before),
                         [](const PreparedToken& t) {
                           return t.kind == TokenKind::kWord || t.kind == TokenKind::kOrgWord;
                         });
    };
    // A company's name ends with its legal form: up to three words between
    // a legal form and the places found after it are the address's too, a
    // street or a town no table knows (ARIZONA S.A. CARTAGO COLOMBIA,
    // YOULI ... CO., LTD. HUIZHOU CITY CHINA), and so is a country that is
    // also a name after them (... LTD AMMAN JORDAN). (Not after a legal
    // form with no word before it, which is a word of the name: LIMITED
    // LIABILITY COMPANY AB OPTIKS, RT-; but GAMES UNLIMITED OOD SOFIA.)
    const bool name_country = end == toks.size() && end >= 3 &&
                              std::find(std::begin(kNotPlaces), std::end(kNotPlaces),
                                        toks[end - 1].text) != std::end(kNotPlaces);
    if (end < toks.size() || name_country) {
      const size_t places = name_country ? end - 1 : end;
      size_t start = places;
      while (start > 0 && places - start < 3 &&
             (toks[start - 1].kind == TokenKind::kWord ||
              toks[start - 1].kind == TokenKind::kStopword ||
              toks[start - 1].kind == TokenKind::kOrgWord)) {
        --start;
      }
      if (start >= 2 && toks[start - 1].kind == TokenKind::kLegalForm && named(start - 1)) {
        end = start;
      }
    }
    if (!named(end)) continue;
    MarkAddressFrom(f, end, p);
  }
}
}  // namespace

QueryCut InspectQueryName(std::string_view raw, bool person) {
  const ScorerParams& p = MutableParams();
  QueryCut out;
  out.analysed = std::string(raw);
  const size_t chars = io::CountCodePoints(raw);
  if (p.sim_truncated <= 0 || chars < static_cast<size_t>(std::max(0, p.truncated_min_chars))) {
    return out;
  }
  const size_t cut = text::CutLegalFormStart(raw);
  // A whole company word that a legal form starts with (GROUP: groupement
  // d'interet economique; PRIVAT: private limited company) is read as a
  // word that may be cut, not as a legal form cut, even in a name that fills
  // a message field's line of 35 characters: LIMITED LIABILITY COMPANY
  // RSB-GROUP, as the list writes it, scored 0.83 against itself, and JOINT
  // STOCK COMPANY SBERBANK PRIVAT lost the PRIVATE PENSION FUND.
  const bool whole_word =
      cut < raw.size() && !text::OrgWordCanon(text::Fold(raw.substr(cut))).empty();
  // The last word as the Latin forms spell it: the folded name's last
  // space-separated part, if it is all letters a-z.
  const std::string folded = text::Fold(raw);
  const std::string_view last = std::string_view(folded).substr(folded.rfind(' ') + 1);
  const bool may_be_cut =
      last.size() >= static_cast<size_t>(std::max(1, p.truncated_min_letters)) && LowerLatin(last);
  // A company word of several words cut inside its last word (... IMPORT
  // AND EXPOR, ... DRUG TRAFFICKING ORGANI) is read whole: the lists' names
  // hold it as one company word, which its words apart would meet only as
  // unmatched words. It goes before a legal form cut that starts later
  // (ORGANI also starts legal forms: organizacion ...).
  if (!person && may_be_cut) {
    const std::optional<text::PhraseCompletion> whole = text::CompleteOrgPhrase(raw);
    if (whole && (cut >= raw.size() || whole_word || whole->start <= cut)) {
      out.analysed = std::string(raw.substr(0, whole->start)) + whole->phrase;
      out.completed = true;
      return out;
    }
  }
  if (cut < raw.size() && !whole_word) {
    // Cut inside its legal form (... COMMERCIAL COMPA; OBSHCHESTVO S
    // OGRANICHENNOI OTVETST): the words before it are whole, and the start
    // of a legal-form word would pair only with lists' misspelt legal forms.
    const std::string_view kept = io::Trim(raw.substr(0, cut));
    const bool has_alnum = std::any_of(kept.begin(), kept.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
    });
    if (!person && has_alnum) {
      out.analysed = kept;
      const std::string rest = text::Fold(raw.substr(cut));
      out.cut_next = rest.substr(0, rest.find(' '));
    }  // else nothing but the cut form
    return out;
  }
  if (may_be_cut) out.last_word = std::string(last);
  return out;
}

void MarkQueryWords(const QueryCut& cut, PreparedName& name) {
  name.cut_next.fill('\0');
  cut.cut_next.copy(name.cut_next.data(), std::min(cut.cut_next.size(), name.cut_next.size() - 1));
  if (cut.ends_cut()) {
    for (PreparedForm& f : name.forms) {
      if (!f.script.latin) continue;
      for (size_t i = f.tokens.size(); i-- > 0;) {
        PreparedToken& t = f.tokens[i];
        if (IsLegal(t.kind)) continue;
        t.ends_cut = true;
        // A completed company word may be the start of a longer one
        // (SCIENTIFIC RESEAR: scientific research, which begins scientific
        // research institute).
        if (cut.completed && (t.kind == TokenKind::kWord || t.kind == TokenKind::kOrgWord)) {
          t.may_be_truncated = true;
        }
        break;
      }
    }
  }
  if (!cut.last_word.empty()) {
    for (PreparedForm& f : name.forms) {
      if (!f.script.latin) continue;
      for (PreparedToken& t : f.tokens) {
        if ((t.kind == TokenKind::kWord || t.kind == TokenKind::kOrgWord) &&
            t.text == cut.last_word) {
          t.may_be_truncated = true;
        }
      }
    }
  }
  MarkAddressWords(name);
}

bool IsPlaceKindWord(std::string_view folded) {
  static constexpr std::string_view kPlaceKinds[] = {
      "city",     "region", "oblast",   "krai",        "kray",     "raion",     "rayon",
      "district", "county", "province", "governorate", "township", "prefecture"};
  return std::find(std::begin(kPlaceKinds), std::end(kPlaceKinds), folded) != std::end(kPlaceKinds);
}

namespace {
// The name's first form written in Latin script, or null.
const PreparedForm* FirstLatinForm(const PreparedName& name) {
  for (const PreparedForm& f : name.forms) {
    if (f.script.latin) return &f;
  }
  return nullptr;
}
}  // namespace

AddressTail QueryAddressTail(const PreparedName& name, bool address_cut) {
  AddressTail out;
  // (Any query: a name guessed to be a person's may be an organisation's.)
  const PreparedForm* f = FirstLatinForm(name);
  if (f == nullptr) return out;
  const size_t a = AddressStart(*f);
  out.at_end = address_cut && a == f->tokens.size();
  for (size_t k = 1; k <= AddressTail::kMaxTailWords; ++k) {
    if (!TailWords(*f, a, k, out.at_end)) break;
    out.words[k - 1] = TailText(*f, a, k);
  }
  return out;
}

AddressPlaces QueryAddressPlaces(const PreparedName& name, const AddressTail& tail) {
  AddressPlaces out;
  const PreparedForm* f = FirstLatinForm(name);
  if (f == nullptr) return out;
  for (size_t i = AddressStart(*f); i < f->tokens.size(); ++i) {
    std::string phrase;
    for (size_t j = i; j < f->tokens.size() && j < i + 5; ++j) {
      if (j > i) phrase += ' ';
      phrase += f->tokens[j].text;
      out.phrases.push_back(phrase);
      std::string code = lists::CountryCode(phrase);
      if (!code.empty() &&
          std::find(out.countries.begin(), out.countries.end(), code) == out.countries.end()) {
        out.countries.push_back(std::move(code));
      }
    }
  }
  // (A tail needs an address after it: without one there are no places.
  // One at the name's end may be a street's name, no place.)
  for (const std::string& w : tail.words) {
    if (!w.empty() && !tail.at_end) out.phrases.push_back(w);
  }
  return out;
}

void MarkAddressTail(const AddressTail& tail, int k, PreparedName& name) {
  const ScorerParams& p = MutableParams();
  const std::string& words = tail.words[k - 1];
  for (PreparedForm& f : name.forms) {
    if (!f.script.latin) continue;
    const size_t a = AddressStart(f);
    const size_t n = static_cast<size_t>(k);
    if (TailWords(f, a, n, tail.at_end) && TailText(f, a, n) == words) {
      MarkAddressFrom(f, a - n, p);
    }
  }
}

void AddNativeForm(std::string_view raw, PreparedName& name) {
  name.script = DetectScript(raw);
  // Outside organisations' names, one word is an acronym only in capitals.
  if (!name.org && name.acronym_word[0] != 0 && HasLowercase(raw)) name.acronym_word = {};
  for (PreparedForm& f : name.forms) {
    if (f.script.latin) continue;
    f.script.arabic = name.script == Script::kArabic;
    f.script.hebrew = name.script == Script::kHebrew;
    f.script.indic = name.script == Script::kDevanagari || name.script == Script::kBengali;
    f.script.labials_merged = name.script == Script::kHangul || name.script == Script::kKana;
  }
  name.native = PreparedForm();
  name.native.vessel = name.vessel;
  if (!LossyScript(name.script)) return;
  name.native.system = "native";
  // Han, Hangul and kana write no spaces between words: an organisation's
  // name is cut as its analysis reads it, and its pieces weigh as their
  // kinds. Other names are split at spaces, each word weighing 1.
  auto add = [&name](std::string text, std::string canon, TokenKind kind, bool place,
                     double weight) {
    PreparedToken t = MakeToken(std::move(text), std::move(canon), kind);
    t.phonetic.clear();
    t.place = place;
    t.weight = static_cast<float>(weight);
    name.native.tokens.push_back(std::move(t));
  };
  if (name.org && (name.script == Script::kHan || name.script == Script::kHangul ||
                   name.script == Script::kKana)) {
    const ScorerParams& p = MutableParams();
    for (text::Token& w : text::NativeOrgTokens(raw)) {
      add(std::move(w.text), std::move(w.canon), w.kind, w.place, KindWeight(w.kind, p));
    }
  } else {
    const std::string folded = text::Fold(raw);
    for (size_t start = 0; start < folded.size();) {
      size_t end = folded.find(' ', start);
      if (end == std::string::npos) end = folded.size();
      if (end > start) add(folded.substr(start, end - start), "", TokenKind::kWord, false, 1.0);
      start = end + 1;
    }
  }
  FinishForm(name.native);
}

bool SameCachedToken(const PreparedToken& a, const PreparedToken& b) {
  return a.kind == b.kind && a.text == b.text && a.canon == b.canon && a.phonetic == b.phonetic &&
         a.loan_hash == b.loan_hash && a.loan_l_hash == b.loan_l_hash &&
         a.loanword_reading == b.loanword_reading;
}

uint32_t InternTokens(std::vector<PreparedName>& names) {
  // The map keys point at the tokens (their strings are not modified while
  // interning), so no key string is built per token.
  struct Hash {
    size_t operator()(const PreparedToken* t) const {
      std::hash<std::string_view> h;
      size_t v = h(t->text);
      v = v * 31 + h(t->canon);
      v = v * 31 + h(t->phonetic);
      return (v * 31 + static_cast<size_t>(t->kind)) * 31 + t->loan_hash + t->loanword_reading;
    }
  };
  struct Equal {
    bool operator()(const PreparedToken* a, const PreparedToken* b) const {
      return SameCachedToken(*a, *b);
    }
  };
  // Most tokens repeat: reserve for about one distinct token in four.
  size_t total = 0;
  for (const PreparedName& name : names) {
    for (const PreparedForm& f : name.forms) total += f.tokens.size();
  }
  std::unordered_map<const PreparedToken*, uint32_t, Hash, Equal> ids;
  ids.reserve(total / 4 + 16);
  auto intern = [&](PreparedToken& t) {
    t.id = ids.try_emplace(&t, static_cast<uint32_t>(ids.size())).first->second;
  };
  for (PreparedName& name : names) {
    for (PreparedForm& f : name.forms) {
      for (PreparedToken& t : f.tokens) intern(t);
    }
    for (PreparedToken& t : name.native.tokens) intern(t);
  }
  return static_cast<uint32_t>(ids.size());
}

// Gives each query token the index of its distinct token (SameCachedToken)
// among all of the query's tokens.
void AssignQueryIds(PreparedQuery& query) {
  std::vector<const PreparedToken*> distinct;
  auto assign = [&](QueryToken& qt) {
    const PreparedToken& t = *qt.token;
    for (size_t k = 0; k < distinct.size(); ++k) {
      if (SameCachedToken(*distinct[k], t)) {
        qt.qid = static_cast<uint32_t>(k);
        return;
      }
    }
    qt.qid = static_cast<uint32_t>(distinct.size());
    distinct.push_back(&t);
  };
  for (QueryForm& qf : query.forms) {
    for (QueryToken& qt : qf.tokens) assign(qt);
  }
  for (QueryToken& qt : query.native.tokens) assign(qt);
  query.num_distinct = static_cast<uint32_t>(distinct.size());
}

void BeginQuery(const PreparedQuery& query, uint32_t num_list_tokens, ScratchSpace& scratch) {
  if (scratch.memo_stamp.size() < num_list_tokens) {
    scratch.memo_stamp.resize(num_list_tokens, 0);
    scratch.memo_row.resize(num_list_tokens, 0);
  }
  if (++scratch.generation == 0) {  // wrapped: forget every stamp
    std::fill(scratch.memo_stamp.begin(), scratch.memo_stamp.end(), 0);
    std::fill(scratch.ofac_row_stamp.begin(), scratch.ofac_row_stamp.end(), 0);
    scratch.generation = 1;
  }
  scratch.num_distinct = query.num_distinct;
  scratch.memo_rows = 0;
}

void PrepareQuery(PreparedName name, PreparedQuery& query) {
  query.name = std::move(name);
  // Place adjectives pair with places only in organisations' names
  // (Zhukovskiy is not Zhukov); the list side keeps its keys, so a list
  // token's cached similarity is the same in every name it appears in.
  if (!query.name.org) {
    auto no_places = [](PreparedForm& f) {
      for (PreparedToken& t : f.tokens) t.place_hash = 0;
    };
    no_places(query.name.native);
    for (PreparedForm& f : query.name.forms) no_places(f);
  }
  // The QueryForms of an earlier query are refilled in place (PrepareQueryForm;
  // a new QueryForm would clear its cached strings' tables again), the native
  // one too when the name has none: it is then empty, and no form.
  PrepareQueryForm(query.name.native, query.native);
  if (query.name.native.tokens.empty()) query.native.form = nullptr;
  query.forms.resize(query.name.forms.size());
  for (size_t k = 0; k < query.name.forms.size(); ++k) {
    PrepareQueryForm(query.name.forms[k], query.forms[k]);
    query.forms[k].cut_next = query.name.cut_next;
  }
  query.native.cut_next = query.name.cut_next;
  AssignQueryIds(query);
}

namespace {

// A form of part of the name: a quoted part's, or the name's without its
// parts in parentheses (neither is scored in OFAC parity).
bool PartForm(const PreparedForm& f) { return f.quoted || f.unbracketed; }

// Two quoted parts are not compared with each other: the names of Crimean
// enterprises quote 'REPUBLIC OF CRIMEA' as well as their trade names. Nor
// two names without their parts in parentheses: what both leave out may
// differ (a subsidiary's country).
template <typename ListForm>
bool QuotedPair(const QueryForm& q, const ListForm& l) {
  return (q.form->quoted && l.quoted) || (q.form->unbracketed && l.unbracketed);
}
// The share of a form pair's score the name keeps (quoted_part_factor when
// either form is a quoted part's, unbracketed_factor when either is a name
// without its parts in parentheses).
template <typename ListForm>
double QuotedFactor(const QueryForm& q, const ListForm& l) {
  const ScorerParams& p = MutableParams();
  if (q.form->quoted || l.quoted) return p.quoted_part_factor;
  return q.form->unbracketed || l.unbracketed ? p.unbracketed_factor : 1.0;
}

// The explanation of a name pair whose every form pair scored 0 (no token
// pair cleared the floor or a rule refused each): the form pair whose
// explanation names the most refusal rules ("unmatched:<rule>"), else the
// first form pair, so that a zero score still says what was compared and
// which rule, if any, kept the tokens apart.
void ExplainZeroScore(const PreparedQuery& query, const PreparedName& list, bool org,
                      ScratchSpace& scratch, std::vector<TokenMatch>& explain) {
  auto refusals = [](const std::vector<TokenMatch>& tms) {
    size_t n = 0;
    for (const TokenMatch& tm : tms) n += tm.key.rfind("unmatched:", 0) == 0 ? 1 : 0;
    return n;
  };
  std::vector<TokenMatch> candidate;
  size_t best = 0;
  for (const QueryForm& qf : query.forms) {
    for (const PreparedForm& lf : list.forms) {
      if (QuotedPair(qf, lf)) continue;
      candidate.clear();
      ScoreForms(qf, lf, org, query.name.org, scratch, 0.0, &candidate);
      const size_t n = refusals(candidate);
      if (explain.empty() || n > best) {
        explain.swap(candidate);
        best = n;
      }
    }
  }
}

// An acronym between two names: the name whose one word spells the other's
// initials (null: none), the word's hash and its length.
struct AcronymMatch {
  const PreparedName* word_side = nullptr;
  uint32_t hash = 0;
  size_t len = 0;
};
// Which name's one word spells the other's initials: 1 the query's, 2 the
// list name's (a PreparedName or its NameDigest), 0 neither; `k` the word's
// slot.
template <typename List>
int AcronymSide(const PreparedName& query, const List& list, int& k) {
  if (k = AcronymSlot(query.acronym_word, list.initials); k >= 0) return 1;
  if (k = AcronymSlot(list.acronym_word, query.initials); k >= 0) return 2;
  return 0;
}
AcronymMatch FindAcronym(const PreparedName& query, const PreparedName& list) {
  int k = -1;
  switch (AcronymSide(query, list, k)) {
    case 1:
      return {&query, query.acronym_word[k], query.acronym_len};
    case 2:
      return {&list, list.acronym_word[k], list.acronym_len};
    default:
      return {};
  }
}

// The name score an acronym whose word has `len` letters gives
// (ScorerParams::sim_acronym), or 0.
double AcronymScoreOfLength(size_t len, const ScorerParams& p) {
  if (p.sim_acronym <= 0) return 0;
  return len > 3 ? p.sim_acronym_long : p.sim_acronym;
}
double AcronymScore(const AcronymMatch& m, const ScorerParams& p) {
  return m.word_side == nullptr ? 0 : AcronymScoreOfLength(m.len, p);
}

// The explanation of an acronym's score: the word against the form whose
// initials it spells.
void ExplainAcronym(const PreparedName& query, const PreparedName& list, const AcronymMatch& m,
                    double score, std::vector<TokenMatch>& explain) {
  const bool query_word = m.word_side == &query;
  const PreparedName& words_side = query_word ? list : query;
  // The words and numbers of a form.
  auto words = [](const PreparedForm& form) {
    std::string out;
    for (const PreparedToken& t : form.tokens) {
      if (!AcronymPart(t) && t.kind != TokenKind::kNumber) continue;
      if (!out.empty()) out += ' ';
      out += t.text;
    }
    return out;
  };
  const PreparedForm* word_form = nullptr;
  for (const PreparedForm& f : m.word_side->forms) {
    const PreparedToken* w = AcronymWord(f);
    if (w != nullptr && AcronymHash(w->text, f) == m.hash) {
      word_form = &f;
      break;
    }
  }
  if (word_form == nullptr || words_side.forms.empty()) return;
  // The form whose initials the word spells; else (initials of a company
  // word's several words, which the prepared form no longer shows) the
  // first form.
  const PreparedForm* spelt = &words_side.forms[0];
  for (const PreparedForm& f : words_side.forms) {
    if (AcronymHash(FormInitials(f, false), f) == m.hash ||
        AcronymHash(FormInitials(f, true), f) == m.hash) {
      spelt = &f;
      break;
    }
  }
  TokenMatch tm;
  tm.key = "acronym";
  tm.similarity = score;
  tm.weight = 1.0;
  (query_word ? tm.query_token : tm.list_token) = words(*word_form);
  (query_word ? tm.list_token : tm.query_token) = words(*spelt);
  explain.push_back(std::move(tm));
}

}  // namespace

double ScoreName(const PreparedQuery& query, const PreparedName& list, ScratchSpace& scratch,
                 double cutoff, std::vector<TokenMatch>* explain) {
  double best = 0;
  const QueryForm* best_q = nullptr;
  const PreparedForm* best_l = nullptr;
  const bool org = query.name.org || list.org;
  if (query.name.script == list.script && !query.name.native.tokens.empty() &&
      !list.native.tokens.empty()) {
    best = ScoreForms(query.native, list.native, org, query.name.org, scratch,
                      explain ? 0.0 : cutoff, explain);
    return best;
  }
  for (const QueryForm& qf : query.forms) {
    for (const PreparedForm& lf : list.forms) {
      if (QuotedPair(qf, lf)) continue;
      const double factor = QuotedFactor(qf, lf);
      const double s =
          factor * ScoreForms(qf, lf, org, query.name.org, scratch, cutoff / factor, nullptr);
      if (s > best) {
        best = s;
        best_q = &qf;
        best_l = &lf;
      }
      if (best >= 1.0) break;
    }
    if (best >= 1.0) break;
  }
  const AcronymMatch acronym = FindAcronym(query.name, list);
  if (const double a = AcronymScore(acronym, MutableParams()); a > best) {
    if (explain != nullptr) {
      explain->clear();
      ExplainAcronym(query.name, list, acronym, a, *explain);
    }
    return a;
  }
  if (explain != nullptr) {
    explain->clear();
    if (best_q != nullptr) {
      ScoreForms(*best_q, *best_l, org, query.name.org, scratch, 0.0, explain);
      if (PartForm(*best_q->form) || PartForm(*best_l)) {
        // Which side's quoted part, or name without its parts in
        // parentheses, and the share of the score it keeps.
        TokenMatch tm;
        tm.key = best_q->form->quoted || best_l->quoted ? "quoted_part" : "unbracketed";
        tm.similarity = QuotedFactor(*best_q, *best_l);
        auto words = [](const PreparedForm& f) {
          std::string out;
          for (const PreparedToken& t : f.tokens) out += (out.empty() ? "" : " ") + t.text;
          return out;
        };
        if (PartForm(*best_q->form)) tm.query_token = words(*best_q->form);
        if (PartForm(*best_l)) tm.list_token = words(*best_l);
        explain->push_back(std::move(tm));
      }
    } else {
      ExplainZeroScore(query, list, org, scratch, *explain);
    }
  }
  return best;
}

double ScoreNameUpperBound(const PreparedQuery& query, const PreparedName& list) {
  const ScorerParams& p = MutableParams();
  if (!BoundHoldsFlag()) return 2.0;
  ScratchSpace scratch;  // nothing cached: FirstPassBound gets no rows
  const bool org = query.name.org || list.org;
  auto form_bound = [&](const QueryForm& qf, const PreparedForm& lf) {
    if (qf.tokens.empty() || lf.tokens.empty()) return 0.0;
    if (SeriesMarksOf(*qf.form, lf).q != 0) return 1.0;  // (as ScoreForms)
    return FirstPassBound(qf, lf, org, SyllabicPerson(qf, lf, org, query.name.org, p), nullptr, 0.0,
                          scratch, MutableFirstPassTables(), p);
  };
  if (query.name.script == list.script && !query.name.native.tokens.empty() &&
      !list.native.tokens.empty()) {
    return form_bound(query.native, list.native);
  }
  double best = AcronymScore(FindAcronym(query.name, list), p);
  for (const QueryForm& qf : query.forms) {
    for (const PreparedForm& lf : list.forms) {
      if (!QuotedPair(qf, lf)) best = std::max(best, QuotedFactor(qf, lf) * form_bound(qf, lf));
    }
  }
  return best;
}

double DigestBound(const PreparedQuery& query, const NameDigest& list, ScratchSpace& scratch,
                   double cutoff) {
  const ScorerParams& p = MutableParams();
  if (!(cutoff > 0) || !BoundHoldsFlag()) return 2.0;
  // (ScoreName's other paths, which the digest leaves out.)
  if (list.has_native && query.name.script == list.script && !query.name.native.tokens.empty()) {
    return 2.0;
  }
  const bool org = query.name.org || list.org;
  const FirstPassTables& tabs = MutableFirstPassTables();
  int slot = -1;
  const int side = AcronymSide(query.name, list, slot);
  double best =
      side == 0 ? 0
                : AcronymScoreOfLength(side == 1 ? query.name.acronym_len : list.acronym_len, p);
  if (best >= cutoff) return best;
  std::vector<size_t>& rows = scratch.l_rows;
  for (const QueryForm& qf : query.forms) {
    for (const DigestForm& lf : list.forms) {
      if (QuotedPair(qf, lf)) continue;
      if (qf.tokens.empty() || lf.tokens.empty()) continue;  // (ScoreForms: 0)
      if (lf.series) return 2.0;  // (ScoreForms scores series marks in full)
      const double factor = QuotedFactor(qf, lf);
      rows.resize(lf.tokens.size());
      MemoRows(lf.tokens, scratch, rows.data());
      const bool syllabic_person = SyllabicPerson(qf, lf, org, query.name.org, p);
      best = std::max(best, factor * FirstPassBound(qf, lf, org, syllabic_person, rows.data(),
                                                    cutoff / factor, scratch, tabs, p));
      if (best >= cutoff) return best;
    }
  }
  return best;
}

void NameDigests::Build(const std::vector<PreparedName>& names) {
  Layout(names);
  for (size_t u = 0; u < names.size(); ++u) Fill(names, static_cast<uint32_t>(u));
}

void NameDigests::Layout(const std::vector<PreparedName>& names) {
  auto lines_of = [](const PreparedName& n) {
    size_t tokens = 0;
    for (const PreparedForm& f : n.forms) tokens += f.tokens.size();
    const size_t bytes =
        sizeof(NameDigest) + n.forms.size() * sizeof(DigestForm) + tokens * sizeof(DigestToken);
    return (bytes + sizeof(Line) - 1) / sizeof(Line);
  };
  begin_.assign(1, 0);
  begin_.reserve(names.size() + 1);
  for (const PreparedName& n : names) begin_.push_back(begin_.back() + lines_of(n));
  arena_.assign(begin_.back(), Line{});
}

void NameDigests::Fill(const std::vector<PreparedName>& names, uint32_t u) {
  const ScorerParams& p = MutableParams();
  const PreparedName& n = names[u];
  unsigned char* at = arena_[begin_[u]].bytes;
  auto* d = new (at) NameDigest;
  auto* forms = reinterpret_cast<DigestForm*>(at + sizeof(NameDigest));
  auto* tokens =
      reinterpret_cast<DigestToken*>(at + sizeof(NameDigest) + n.forms.size() * sizeof(DigestForm));
  for (size_t i = 0; i < n.forms.size(); ++i) {
    const PreparedForm& f = n.forms[i];
    DigestToken* first = tokens;
    for (const PreparedToken& t : f.tokens) {
      DigestToken* dt = new (tokens++) DigestToken;
      dt->token = &t;
      dt->unmatched_weight = UnmatchedWeight(t, p);
      dt->id = t.id;
      dt->canon_hash = t.canon_hash;
      dt->weight = t.weight;
      dt->kind = t.kind;
      dt->type_word = t.type_word;
      dt->conflict = ConflictKind(t);
    }
    DigestForm* df = new (forms + i) DigestForm;
    df->tokens = std::span<const DigestToken>(first, f.tokens.size());
    df->max_weight = f.max_weight;
    df->min_weight = f.min_weight;
    df->legal_weight = f.legal_weight;
    df->repeat_mask = f.repeat_mask;
    df->joined_counts = f.joined_counts;
    df->joined_core_counts = f.joined_core_counts;
    df->joined_size = static_cast<uint32_t>(f.joined.size());
    df->joined_core_size = static_cast<uint32_t>(f.joined_core.size());
    df->joined_hash = JoinedHash(f.joined);
    df->vessel_prefix = f.vessel_prefix;
    df->name_parts = f.name_parts;
    df->name_tokens = static_cast<uint8_t>(std::min(NameTokenCount(f), 255));
    df->vessel = f.vessel;
    df->patronymics = f.patronymics;
    df->org_tokens = f.org_tokens;
    df->quoted = f.quoted;
    df->unbracketed = f.unbracketed;
    df->series = (f.series_mask | f.tail_number) != 0;
  }
  d->forms = std::span<const DigestForm>(forms, n.forms.size());
  d->initials = n.initials;
  d->acronym_word = n.acronym_word;
  d->acronym_len = n.acronym_len;
  d->org = n.org;
  d->has_native = !n.native.tokens.empty();
  d->script = n.script;
}

namespace {
// The slot of query token `qid` against list token `id` in OfacScore's
// per-query cache (ScratchSpace::ofac_part), or null when the list token has
// no row in the similarity cache of this query.
double* OfacSlot(ScratchSpace& scratch, uint32_t id, uint32_t qid) {
  const uint32_t nd = scratch.num_distinct;
  if (qid >= nd || id >= scratch.memo_stamp.size() ||
      scratch.memo_stamp[id] != scratch.generation) {
    return nullptr;
  }
  const uint32_t row = scratch.memo_row[id];
  if (scratch.ofac_row_stamp.size() <= row) {
    scratch.ofac_row_stamp.resize(std::max<size_t>(row + 1, 2 * scratch.ofac_row_stamp.size()), 0);
  }
  const size_t begin = static_cast<size_t>(row) * nd;
  if (scratch.ofac_part.size() < begin + nd) {
    scratch.ofac_part.resize(std::max(begin + nd, 2 * scratch.ofac_part.size()));
  }
  double* const part = scratch.ofac_part.data() + begin;
  if (scratch.ofac_row_stamp[row] != scratch.generation) {
    scratch.ofac_row_stamp[row] = scratch.generation;
    std::fill(part, part + nd, -1.0);
  }
  return part + qid;
}
}  // namespace

double OfacScore(const PreparedQuery& query, const PreparedName& list, ScratchSpace* scratch) {
  // See docs/scoring.md, "OFAC parity": the higher of a whole-string
  // Jaro-Winkler (SimMetrics style: prefix bonus always applied) gated on the
  // first letter, and the mean over query name parts longer than two
  // characters of each part's best Jaro-Winkler against the list name's
  // parts (parts below 0.5 count 0). A part whose Soundex code equals a list
  // part's Soundex code scores at least 0.9 (OFAC's documented use of
  // Soundex). Scored on the romanised forms; the best form pair wins.
  const JaroWinklerParams sm{0.1, 4, 0.0};
  double best = 0;
  if (query.forms.empty()) return 0;
  // Per list form its spaced text, and per list token its Soundex code
  // (kSoundexUnknown until asked), each made once per call instead of once
  // per query form (and query part); reused buffers: no allocation per call.
  constexpr uint32_t kSoundexUnknown = 0xffffffffu;  // never a code (letters, digits)
  thread_local std::vector<std::u32string> l_spaced;
  thread_local std::vector<uint32_t> l_soundex;
  if (l_spaced.size() < list.forms.size()) l_spaced.resize(list.forms.size());
  size_t num_list_tokens = 0;
  for (size_t f = 0; f < list.forms.size(); ++f) {
    std::u32string& spaced = l_spaced[f];
    spaced.clear();
    for (const auto& t : list.forms[f].tokens) {
      if (!spaced.empty()) spaced.push_back(U' ');
      spaced += t.text_cp;
    }
    num_list_tokens += list.forms[f].tokens.size();
  }
  l_soundex.assign(num_list_tokens, kSoundexUnknown);
  for (const QueryForm& qf : query.forms) {
    // OFAC's search knows no trade names, nor names without their parts
    // in parentheses.
    if (PartForm(*qf.form)) continue;
    std::u32string_view q_spaced = qf.spaced.str();
    uint32_t* next_soundex = l_soundex.data();
    for (size_t f = 0; f < list.forms.size(); ++f) {
      const PreparedForm& lf = list.forms[f];
      uint32_t* const lf_soundex = next_soundex;
      next_soundex += lf.tokens.size();
      if (PartForm(lf)) continue;
      const std::u32string& spaced = l_spaced[f];
      double whole = 0;
      if (!q_spaced.empty() && !spaced.empty() && q_spaced[0] == spaced[0]) {
        whole = qf.spaced.JaroWinkler(spaced, 0, sm);
      }
      double sum = 0;
      int parts = 0;
      for (size_t k = 0; k < qf.tokens.size(); ++k) {
        const QueryToken& qt = qf.tokens[k];
        if (qt.token->text_len <= 2) continue;
        ++parts;
        const uint32_t q_sx = qf.soundex[k];
        double part_best = 0;
        for (size_t j = 0; j < lf.tokens.size(); ++j) {
          const PreparedToken& lt = lf.tokens[j];
          // (A function of the two texts: the cached value of the same
          // texts, when there is one.)
          double* const slot = scratch != nullptr ? OfacSlot(*scratch, lt.id, qt.qid) : nullptr;
          double s;
          if (slot != nullptr && *slot >= 0) {
            s = *slot;
          } else {
            s = qt.text.JaroWinkler(lt.text_cp, 0, sm);
            if (s < 0.9 && q_sx != 0 && lt.text_len > 2) {
              uint32_t& l_sx = lf_soundex[j];
              if (l_sx == kSoundexUnknown) l_sx = SoundexCode(lt.text);
              if (l_sx == q_sx) s = 0.9;
            }
            if (slot != nullptr) *slot = s;
          }
          part_best = std::max(part_best, s);
        }
        sum += part_best >= 0.5 ? part_best : 0;
      }
      const double per_part = parts > 0 ? sum / parts : 0;
      best = std::max({best, whole, per_part});
      // The score is capped at 1: no later form pair can raise it.
      if (best >= 1.0) return 1.0;
    }
  }
  return std::min(best, 1.0);
}

Schema GuessSchema(std::string_view raw) {
  return GuessSchemaFromForms(text::AnalyzeName(raw, Schema::kLegalEntity));
}

namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// A legal form or company word spelled like a one-syllable name part: two or
// three letters, consonant then vowel, optionally a final consonant ("sem",
// "na", "yu" from one Han character). Such a token is as likely a given or
// family name as an organisation marker, so on its own it does not make a
// name an organisation.
bool NameLikeSyllable(std::string_view t) {
  if (t.size() < 2 || t.size() > 3) return false;
  for (char c : t) {
    if (c < 'a' || c > 'z') return false;
  }
  if (IsVowel(t[0]) || !IsVowel(t[1])) return false;
  return t.size() == 2 || !IsVowel(t[2]);
}

// A name of 2-4 words, each one syllable of a Chinese name (Yu Liang PAO,
// whose PAO is also the Russian legal form).
bool ChineseSyllablesOnly(const std::vector<text::Token>& tokens) {
  if (tokens.size() < 2 || tokens.size() > 4) return false;
  return std::all_of(tokens.begin(), tokens.end(), [](const text::Token& t) {
    return text::internal::IsWadeGilesSyllable(t.text);
  });
}

}  // namespace

bool PersonShapedName(const std::vector<text::NameForm>& legal_entity_forms) {
  if (legal_entity_forms.empty()) return false;
  const std::vector<text::Token>& tokens = legal_entity_forms.front().tokens;
  if (tokens.size() < 2 || tokens.size() > 4) return false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const text::Token& t = tokens[i];
    if (t.kind == TokenKind::kWord || t.kind == TokenKind::kInitial ||
        t.kind == TokenKind::kStopword || NameLikeSyllable(t.text)) {
      continue;
    }
    // A legal form is written before or after the name; one inside it is
    // a name part. (Roman numerals, "KIM SONG II", are words: the
    // legal-form table leaves them out.)
    if (t.kind == TokenKind::kLegalForm && i > 0 && i + 1 < tokens.size()) continue;
    return false;
  }
  return true;
}

Schema GuessSchemaFromForms(const std::vector<text::NameForm>& legal_entity_forms,
                            bool* country_word) {
  const ScorerParams& p = MutableParams();
  if (country_word != nullptr) *country_word = false;
  for (const text::NameForm& nf : legal_entity_forms) {
    const bool syllabic = ClassifyForm(nf.system).syllabic;
    for (size_t i = 0; i < nf.tokens.size(); ++i) {
      const text::Token& t = nf.tokens[i];
      if (t.kind != TokenKind::kLegalForm && t.kind != TokenKind::kOrgWord) continue;
      // A syllable of a name (Kim Sa Rang), or a legal form in a name of
      // 2-4 words that are all syllables of a Chinese name (PAO in Yu Liang
      // PAO), unless written as its letters apart (S.A., S.A.S.): a legal
      // form.
      if (t.words.empty() && (NameLikeSyllable(t.text) || ChineseSyllablesOnly(nf.tokens))) {
        continue;
      }
      if (text::InCountryName(nf.tokens, i)) {
        if (country_word != nullptr) *country_word = true;
        continue;
      }
      // One syllable of a Han, Hangul or kana name (syllabic_no_legal_forms).
      if (syllabic && p.syllabic_no_legal_forms && SyllableReadAsLegal(t)) continue;
      return Schema::kCompany;
    }
  }
  return Schema::kPerson;
}

}  // namespace chokepoint::match
