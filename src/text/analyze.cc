// AnalyzeName(): fold, recognise titles / legal forms / company words in the
// native script, romanise the rest, tokenise (see analyze.h and
// docs/text_pipeline.md).

#include "text/analyze.h"
#include "text/recent_results.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <string>
#include <vector>

#include "io/strings.h"
#include "text/romanize_internal.h"
#include "text/tables.h"
#include "text/wade_giles.h"

namespace chokepoint::text {
namespace {

using internal::PhraseEntry;
using internal::PhraseKind;
using internal::System;

// internal::RomanizeRun through the per-thread RecentResults for non-ASCII
// runs (the ICU transliterators dominate query analysis): AnalyzeName
// romanises a piece once per form, and a query without schema is analysed
// twice (as a legal entity, then as a person).
std::string RomanizeRunCached(std::string_view run, Script script, System system,
                              bool person_like) {
  bool ascii = true;
  for (char c : run) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    // Latin script (or none) has the one system kLatin, whatever is asked:
    // RomanizeRun would only clean the run.
    if (script == Script::kLatin || script == Script::kUnknown) return internal::CleanAscii(run);
    return internal::RomanizeRun(run, script, system, person_like);
  }
  thread_local internal::RecentResults<1024> recent;
  const uint32_t tag = static_cast<uint32_t>(script) << 16 | static_cast<uint32_t>(system) << 1 |
                       (person_like ? 1u : 0u);
  if (const std::string* hit = recent.Find(tag, run)) return *hit;
  std::string out = internal::RomanizeRun(run, script, system, person_like);
  recent.Put(tag, run, out);
  return out;
}

bool IsOrgSchema(Schema schema) {
  return schema == Schema::kCompany || schema == Schema::kOrganization ||
         schema == Schema::kLegalEntity;
}

// Cuts `s` to at most `max` bytes without splitting a UTF-8 sequence.
std::string_view CapBytes(std::string_view s, size_t max) {
  if (s.size() <= max) return s;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

// One recognised unit of a name, still in its native script.
struct Piece {
  enum Kind { kWords, kLegal, kOrg, kPlace, kTrade };
  Kind kind = kWords;
  std::string native;  // folded (Han: simplified), no spaces for Han pieces
  Script script = Script::kUnknown;
  const PhraseEntry* entry = nullptr;  // for kLegal/kOrg/kPlace/kTrade
};

Script ScriptOfText(std::string_view s) {
  Script found = Script::kUnknown;
  size_t pos = 0;
  while (pos < s.size()) {
    Script sc = ScriptOfCodePoint(io::DecodeUtf8(s, pos));
    if (sc == Script::kUnknown) continue;
    if (found == Script::kUnknown) {
      found = sc;
    } else if (found != sc) {
      if ((found == Script::kHan || found == Script::kKana) &&
          (sc == Script::kHan || sc == Script::kKana)) {
        found = Script::kKana;
      } else {
        return Script::kMixed;
      }
    }
  }
  return found;
}

Piece::Kind KindOf(PhraseKind k) {
  switch (k) {
    case PhraseKind::kLegalForm:
      return Piece::kLegal;
    case PhraseKind::kOrgWord:
      return Piece::kOrg;
    case PhraseKind::kPlace:
      return Piece::kPlace;
    case PhraseKind::kTradeName:
      return Piece::kTrade;
  }
  return Piece::kWords;
}

// 市 city, 省 province, 县 county, 区 district.
bool IsPlaceSuffix(std::string_view c) { return c == "市" || c == "省" || c == "县" || c == "区"; }

// Forward maximum matching of a Han (or Hangul) run against the phrase
// dictionary (the classic dictionary segmenter for Chinese; Wong & Chan
// 1996). Text between matches becomes kWords pieces (trade names we do not
// know). Pieces get `script`.
void SegmentHan(std::string_view run, Script script, std::vector<Piece>& out) {
  std::string simplified = internal::ToSimplified(run);
  std::vector<size_t> offsets;  // byte offset of each code point, plus the end
  size_t pos = 0;
  while (pos < simplified.size()) {
    offsets.push_back(pos);
    io::DecodeUtf8(simplified, pos);
  }
  offsets.push_back(simplified.size());
  const size_t n = offsets.size() - 1;
  const size_t max_chars = internal::MaxHanPhraseChars();
  std::string pending;
  auto flush = [&] {
    if (pending.empty()) return;
    Piece p;
    p.native = std::move(pending);
    p.script = script;
    out.push_back(std::move(p));
    pending.clear();
  };
  auto char_at = [&](size_t i) {
    return std::string_view(simplified.data() + offsets[i], offsets[i + 1] - offsets[i]);
  };
  const size_t first_piece = out.size();
  for (size_t i = 0; i < n;) {
    // An administrative suffix after a place (深圳市 "Shenzhen City", 黑龙江省
    // "Heilongjiang Province") is left out: English names of companies give
    // the place alone. At the start of a name, two characters before 市 or
    // 县 are taken as a place we do not know (义乌市 -> Yiwu); 市场 is "market".
    if (IsPlaceSuffix(char_at(i)) && i + 1 < n && char_at(i + 1) != "场") {
      const bool after_place =
          out.size() > first_piece && pending.empty() && out.back().kind == Piece::kPlace;
      const bool unknown_place = out.size() == first_piece && i == 2 &&
                                 pending.size() == offsets[2] && char_at(i) != "区" &&
                                 char_at(i) != "省";
      if (after_place || unknown_place) {
        flush();
        ++i;
        continue;
      }
    }
    size_t matched = 0;
    const PhraseEntry* entry = nullptr;
    for (size_t len = std::min(max_chars, n - i); len >= 1; --len) {
      std::string_view cand(simplified.data() + offsets[i], offsets[i + len] - offsets[i]);
      // A single character is only taken when it cannot start a longer
      // unknown word (厂 "factory" is fine at the end of a name).
      entry = internal::LookupHanPhrase(cand);
      if (entry != nullptr && (len > 1 || i + 1 == n || !pending.empty())) {
        matched = len;
        break;
      }
      entry = nullptr;
    }
    if (matched == 0) {
      pending.append(simplified, offsets[i], offsets[i + 1] - offsets[i]);
      ++i;
      continue;
    }
    flush();
    Piece p;
    p.kind = KindOf(entry->kind);
    p.native.assign(simplified, offsets[i], offsets[i + matched] - offsets[i]);
    p.script = script;
    p.entry = entry;
    out.push_back(std::move(p));
    i += matched;
  }
  flush();
}

// A Japanese company's name mixes kana and kanji (トヨタ自動車株式会社,
// カザン火薬工場): its kanji stretches are segmented as Chinese (company
// words and legal forms: 株式会社, 工場), its kana stretches are pieces in
// kana (the segmenter's pinyin would drop them). A code point of neither
// script (the prolonged-sound mark, digits) stays with the stretch it is in.
void SegmentKana(std::string_view run, std::vector<Piece>& out) {
  size_t start = 0;
  size_t pos = 0;
  bool han = false;
  bool seen = false;  // a kana or Han code point was read
  auto flush = [&](size_t end) {
    if (end <= start) return;
    const std::string_view part = run.substr(start, end - start);
    if (han) {
      SegmentHan(part, Script::kHan, out);
    } else {
      Piece p;
      p.native = std::string(part);
      p.script = Script::kKana;
      out.push_back(std::move(p));
    }
  };
  while (pos < run.size()) {
    const size_t at = pos;
    const Script sc = ScriptOfCodePoint(io::DecodeUtf8(run, pos));
    if (sc != Script::kHan && sc != Script::kKana) continue;
    const bool is_han = sc == Script::kHan;
    if (!seen) {
      han = is_han;
      seen = true;
    } else if (is_han != han) {
      flush(at);
      start = at;
      han = is_han;
    }
  }
  flush(run.size());
}

// The reading of a piece's unknown words in the translated form: the first
// system, except for Hangul, where the North Korean reading (organisations
// on the lists are North Korean: "Korea Paekho Trading Corporation"), and
// for an organisation's trade name written in transcription characters
// (卡拉什尼科夫 Kalashnikov, 图波列夫 Tupolev), its loanword reading with l
// (the translated form takes that form's place among the forms; the reading
// with r keeps its own).
System TranslationSystem(const Piece& p, const std::vector<System>& systems, bool org) {
  if (p.script == Script::kHangul) return System::kKoreanDprk;
  if (org && p.script == Script::kHan && p.kind == Piece::kWords &&
      std::find(systems.begin(), systems.end(), System::kLoanwordAlt) != systems.end()) {
    return System::kLoanwordAlt;
  }
  return systems.front();
}

// Whether `raw` holds a middle dot of the kind Chinese and Japanese write
// between the parts of a foreign name (弗拉基米尔·普京, ウラジーミル・プーチン):
// U+00B7, U+2022, U+2027, U+30FB, U+FF65.
bool ForeignNameDots(std::string_view raw) {
  for (std::string_view dot : {"\u00B7", "\u2022", "\u2027", "\u30FB", "\uFF65"}) {
    if (raw.find(dot) != std::string_view::npos) return true;
  }
  return false;
}

// A Han word we do not know as the words it most often is: a
// four-character one as two two-character words, any other as itself.
std::vector<std::string_view> HanWords(std::string_view han) {
  std::vector<size_t> starts;
  size_t pos = 0;
  while (pos < han.size()) {
    starts.push_back(pos);
    if (ScriptOfCodePoint(io::DecodeUtf8(han, pos)) != Script::kHan) return {han};
  }
  if (starts.size() != 4) return {han};
  return {han.substr(0, starts[2]), han.substr(starts[2])};
}

std::string Join(const std::vector<std::string_view>& words, size_t from, size_t to) {
  std::string s;
  for (size_t i = from; i < to; ++i) {
    if (i > from) s += ' ';
    s.append(words[i]);
  }
  return s;
}

// Join(words, from, to) as a view for a lookup: when the words lie in one
// text with single spaces between them (words split from a folded name) the
// joined text is already there; otherwise it is built into `buf`.
std::string_view JoinView(const std::vector<std::string_view>& words, size_t from, size_t to,
                          std::string& buf) {
  if (from >= to) return std::string_view();
  bool adjacent = true;
  for (size_t i = from + 1; i < to && adjacent; ++i) {
    adjacent = words[i].data() == words[i - 1].data() + words[i - 1].size() + 1 &&
               words[i - 1].data()[words[i - 1].size()] == ' ';
  }
  if (!adjacent) {
    buf = Join(words, from, to);
    return buf;
  }
  const char* begin = words[from].data();
  return std::string_view(begin,
                          static_cast<size_t>(words[to - 1].data() + words[to - 1].size() - begin));
}

bool HasScript(std::string_view word, Script script) {
  size_t pos = 0;
  while (pos < word.size()) {
    // An ASCII code point is Latin or of no script (kUnknown): for any
    // other script, no need to ask ICU.
    if (script != Script::kLatin && script != Script::kUnknown &&
        static_cast<unsigned char>(word[pos]) < 0x80) {
      ++pos;
      continue;
    }
    if (ScriptOfCodePoint(io::DecodeUtf8(word, pos)) == script) return true;
  }
  return false;
}

// Splits a folded name into pieces.
// A name this long may have been cut by a message field (35 characters a
// line; the scorer's truncated_min_chars).
constexpr size_t kMayBeCutChars = 30;

std::vector<Piece> MakePieces(std::string_view folded, bool org) {
  std::vector<std::string_view> words;
  for (std::string_view w : io::Split(folded, " ")) {
    if (!w.empty()) words.push_back(w);
  }
  // A word of a legal form with a typing slip (CERPORATION, CROPORACION) is
  // read as that word, so that the legal form is one
  // (internal::CorrectLegalWord). Not the last word of a long name, which a
  // message field may have cut (EMPRESAR of EMPRESARIALES, not EMPRESA).
  if (org) {
    const size_t n = words.size() - (folded.size() >= kMayBeCutChars && !words.empty() ? 1 : 0);
    for (size_t i = 0; i < n; ++i) {
      if (const std::string_view fixed = internal::CorrectLegalWord(words[i]); !fixed.empty()) {
        words[i] = fixed;
      }
    }
  }
  std::vector<Piece> pieces;
  std::string buf;
  const size_t max_tokens = internal::MaxOrgPhraseTokens();
  for (size_t i = 0; i < words.size();) {
    // Multi-word legal forms and company words (ООО, "limited liability
    // company", "научно производственное объединение"), longest first.
    if (org && internal::StartsOrgPhrase(words[i]) && !HasScript(words[i], Script::kHan)) {
      size_t matched = 0;
      const PhraseEntry* entry = nullptr;
      for (size_t len = std::min(max_tokens, words.size() - i); len >= 1; --len) {
        entry = internal::LookupOrgPhrase(JoinView(words, i, i + len, buf));
        if (entry != nullptr) {
          matched = len;
          break;
        }
      }
      if (matched > 0) {
        Piece p;
        p.kind = KindOf(entry->kind);
        p.native = Join(words, i, i + matched);
        p.script = ScriptOfText(p.native);
        p.entry = entry;
        pieces.push_back(std::move(p));
        i += matched;
        continue;
      }
    }
    // Two-word Arabic names written apart (عبد الله -> abdullah).
    if (i + 1 < words.size() && HasScript(words[i], Script::kArabic) &&
        !internal::ArabicWord(JoinView(words, i, i + 2, buf)).empty()) {
      Piece p;
      p.native = Join(words, i, i + 2);
      p.script = Script::kArabic;
      pieces.push_back(std::move(p));
      i += 2;
      continue;
    }
    for (const internal::Run& run : internal::SplitRuns(words[i])) {
      if (org && run.script == Script::kHan) {
        SegmentHan(run.text, Script::kHan, pieces);
        continue;
      }
      if (org && run.script == Script::kKana) {
        SegmentKana(run.text, pieces);
        continue;
      }
      if (org && run.script == Script::kHangul) {
        SegmentHan(run.text, Script::kHangul, pieces);
        continue;
      }
      Piece p;
      p.native = std::string(run.text);
      p.script = run.script;
      pieces.push_back(std::move(p));
    }
    ++i;
  }
  return pieces;
}

// Drops leading person titles (Mr, Dr, General, Sheikh ...) while something
// is left, or (keep_one false) all of them.
std::string StripTitles(std::string_view folded, bool keep_one = true) {
  std::vector<std::string_view> words;
  for (std::string_view w : io::Split(folded, " ")) {
    if (!w.empty()) words.push_back(w);
  }
  size_t start = 0;
  std::string buf;
  const size_t max = internal::MaxTitleTokens();
  bool again = true;
  while (again) {
    again = false;
    for (size_t len = std::min(max, words.size() - start); len >= 1; --len) {
      if (keep_one && start + len >= words.size()) continue;  // never strip everything
      if (internal::IsTitlePhrase(JoinView(words, start, start + len, buf))) {
        start += len;
        again = true;
        break;
      }
    }
  }
  return Join(words, start, words.size());
}

// The folded name of a person without its titles: the leading ones and, in
// "SURNAME, Title Given", those after the comma (AWEYS, Sheikh for the UK
// list's Sheikh AWEYS); none when the title before the comma is the surname
// (HE, Yi: He is a Chinese surname, H.E. His Excellency).
std::string PersonFolded(std::string_view raw, const std::string& folded) {
  const size_t comma = raw.find(',');
  if (comma == std::string_view::npos) return StripTitles(folded);
  const std::string before = io::CollapseWhitespace(Fold(raw.substr(0, comma)));
  if (!before.empty() && internal::IsTitlePhrase(before)) return folded;
  const std::string after = io::CollapseWhitespace(Fold(raw.substr(comma + 1)));
  // (Only when the two parts make up the folded name, which a name cut at
  // kMaxAnalyzedBytes does not.)
  if (before.empty() || after.empty() || io::CollapseWhitespace(folded) != before + " " + after) {
    return StripTitles(folded);
  }
  const std::string given = StripTitles(after, false);
  if (given == after) return StripTitles(folded);
  std::string out = StripTitles(before);
  if (!given.empty()) (out += ' ') += given;
  return out;
}

// Stopwords are recognised in the native spelling (и, ال) and, for Latin
// text, in the romanised one; a pinyin syllable such as "de" is no stopword.
TokenKind ClassifyWord(std::string_view text, std::string_view native, Script script) {
  if (io::IsDigits(text)) return TokenKind::kNumber;
  bool latin = script == Script::kLatin || script == Script::kUnknown;
  if (IsStopword(native) || (latin && IsStopword(text))) return TokenKind::kStopword;
  if (text.size() == 1) return TokenKind::kInitial;
  return TokenKind::kWord;
}

// "1st", "2nd", "23rd", "4th" -> the digits; "" for anything else.
std::string DigitOrdinal(std::string_view text) {
  size_t n = 0;
  while (n < text.size() && text[n] >= '0' && text[n] <= '9') ++n;
  if (n == 0 || n + 2 != text.size()) return "";
  std::string_view suffix = text.substr(n);
  if (suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return "";
  return std::string(text.substr(0, n));
}

// The digits a word spells ("forty", "first", "1st", Russian "первый"), or
// "". Cyrillic words are looked up in their native spelling, because each
// romanisation system spells the ending differently.
std::string NumberValue(std::string_view text, std::string_view native, Script script,
                        bool single_part) {
  if (std::string digits = DigitOrdinal(text); !digits.empty()) return digits;
  if (script == Script::kLatin || script == Script::kUnknown) {
    return std::string(internal::NumberWordValue(text));
  }
  if (script == Script::kCyrillic && single_part) {
    return std::string(internal::NumberWordValue(native));
  }
  return "";
}

// The Arabic article as other spellings write it: el- as Egyptian and
// Maghrebi names do (EL-OULABI, El-Sisi: AL-OLABI), and assimilated to the
// next word's first letter, as South Asian spellings keep it apart
// (Zia-ul-Haq, Zaki-ur-Rehman, Jamaat-ud-Dawa, ad-Din, ash-Shami).
bool ArabicArticleSpelling(std::string_view text) {
  return text == "el" || text == "ul" || text == "ur" || text == "ud" || text == "ad" ||
         text == "ar" || text == "ash";
}

void AddWords(std::string_view romanized, std::string_view native, Script script, bool org,
              std::vector<Token>& out) {
  const bool single_part = romanized.find(' ') == std::string_view::npos;
  for (std::string_view part : io::Split(romanized, " ")) {
    if (part.empty()) continue;
    Token t;
    t.text = std::string(part);
    t.kind = ClassifyWord(t.text, native, script);
    // The article that romanisation splits off an Arabic word (القنطار
    // "al qntar") is the stopword it is when written apart.
    if (script == Script::kArabic && !single_part && t.text == "al") t.kind = TokenKind::kStopword;
    // A letter of another script that is also a stopword (Russian в "in",
    // и "and") is an initial in a person's name (В.В. Путин, Иванов И.И.).
    // (Latin y and e stay the connectors of Spanish and Portuguese names.)
    if (!org && script != Script::kLatin && t.kind == TokenKind::kStopword && t.text.size() == 1) {
      t.kind = TokenKind::kInitial;
    }
    if (t.kind == TokenKind::kWord) {
      // The text keeps the word until MergeNumberWords() has joined "forty
      // four"; it then becomes the digits as well.
      if (std::string digits = NumberValue(t.text, native, script, single_part); !digits.empty()) {
        t.kind = TokenKind::kNumber;
        t.canon = std::move(digits);
      }
    }
    if (t.kind == TokenKind::kStopword && ArabicArticleSpelling(t.text)) t.canon = "al";
    if (t.kind == TokenKind::kStopword && script != Script::kLatin) {
      // A Russian connective pairs with its English translation ("банк
      // реконструкции и развития", "bank for reconstruction and development").
      if (native == "и" || native == "і") t.canon = "and";
      if (native == "для") t.canon = "for";
    }
    if (t.kind == TokenKind::kWord && org) {
      // A company word that was romanised before it could be recognised
      // (e.g. "tekhnologii" from a Cyrillic spelling the table lacks).
      if (const PhraseEntry* e = internal::LookupOrgPhrase(t.text)) {
        t.kind = e->kind == PhraseKind::kLegalForm ? TokenKind::kLegalForm : TokenKind::kOrgWord;
        t.canon = e->canon;
      }
    }
    if (t.canon.empty()) t.canon = t.kind == TokenKind::kWord ? VariantKey(t.text) : t.text;
    out.push_back(std::move(t));
  }
}

std::string NoSpaces(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

bool IsNumberMarker(std::string_view t) {
  return t == "no" || t == "nr" || t == "n" || t == "num" || t == "number";
}

// "No. 11", "Nr 5", "№ 3": the marker before a number carries nothing.
void DropNumberMarkers(std::vector<Token>& tokens) {
  std::vector<Token> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    bool marker = IsNumberMarker(tokens[i].text) && i + 1 < tokens.size() &&
                  tokens[i + 1].kind == TokenKind::kNumber;
    if (!marker) out.push_back(std::move(tokens[i]));
  }
  tokens.swap(out);
}

// Turkic names give the father's name followed by "son of" or "daughter of"
// as a separate word (Azerbaijani oglu / qizi, Kazakh uly / kyzy, Kyrgyz
// uulu, Uzbek o'g'li / qizi, in their Russian spellings ogly, gyzy, kyzy),
// where Russian documents write the patronymic (Famil Kamil Ogly SADYGOV =
// Famil Kamilovich Sadygov, Әлинә Марат кызы = Alina Maratovna). A person's
// "X ogly" becomes that patronymic, X + -ovich (X + -evich after a vowel:
// Ali -> Alievich), "X kyzy" X + -ovna / -evna, on both sides of every
// comparison. A marker that is the first word stays as it is.
bool TurkicSonMarker(std::string_view t) {
  return t == "oglu" || t == "ogly" || t == "ogli" || t == "ugli" || t == "ugly" || t == "uly" ||
         t == "ulu" || t == "uulu";
}
bool TurkicDaughterMarker(std::string_view t) {
  return t == "qizi" || t == "kizi" || t == "kyzy" || t == "gizi" || t == "gyzy" || t == "kyzi";
}
// (In place: the tokens kept move down over the markers merged; a name
// without markers is only read.)
void MergeTurkicPatronymics(std::vector<Token>& tokens) {
  size_t kept = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const bool son = TurkicSonMarker(tokens[i].text);
    if ((son || TurkicDaughterMarker(tokens[i].text)) && kept > 0 &&
        tokens[kept - 1].kind == TokenKind::kWord && tokens[kept - 1].text.size() >= 2) {
      Token& father = tokens[kept - 1];
      const char last = father.text.back();
      const bool vowel =
          last == 'a' || last == 'e' || last == 'i' || last == 'o' || last == 'u' || last == 'y';
      father.text += son ? (vowel ? "evich" : "ovich") : (vowel ? "evna" : "ovna");
      father.canon = VariantKey(father.text);
      continue;
    }
    if (kept != i) tokens[kept] = std::move(tokens[i]);
    ++kept;
  }
  tokens.resize(kept);
}

// Joins a spelled-out tens word and a following unit into one number
// ("forty four" and "forty 4" -> 44, "twenty first" -> 21, "двадцать первый"
// -> 21), then
// gives every number token its digits as text too.
void MergeNumberWords(std::vector<Token>& tokens) {
  std::vector<Token> out;
  for (size_t i = 0; i < tokens.size(); ++i) {
    Token& t = tokens[i];
    if (t.kind == TokenKind::kNumber && i + 1 < tokens.size() &&
        tokens[i + 1].kind == TokenKind::kNumber && !io::IsDigits(t.text) && t.canon.size() == 2 &&
        t.canon[1] == '0' && t.canon[0] >= '2' && tokens[i + 1].canon.size() == 1 &&
        tokens[i + 1].canon[0] != '0') {
      t.canon[1] = tokens[i + 1].canon[0];
      ++i;
    }
    if (t.kind == TokenKind::kNumber) t.text = t.canon;
    out.push_back(std::move(t));
  }
  tokens.swap(out);
}

// The value of a canonical Roman numeral of I, V and X (1..39), or 0. Only
// these letters: with L, C, D and M too, ordinary words (mix, liv, dim) would
// read as numbers.
int RomanValue(std::string_view s) {
  static constexpr const char* kUnits[] = {"",  "i",  "ii",  "iii",  "iv",
                                           "v", "vi", "vii", "viii", "ix"};
  size_t tens = 0;
  while (tens < s.size() && tens < 3 && s[tens] == 'x') ++tens;
  std::string_view rest = s.substr(tens);
  for (int u = 0; u < 10; ++u) {
    if (rest == kUnits[u]) {
      const int v = static_cast<int>(tens) * 10 + u;
      return v;
    }
  }
  return 0;
}

// Roman numerals become numbers after a number marker ("Plant No. IV").
// Elsewhere they stay words: "Fund VII" and "Fund VIII" are often listed as
// one fund family, and a bare "Xi" or "Vi" is a name.
void ConvertRomanNumerals(std::vector<Token>& tokens) {
  for (size_t i = 1; i < tokens.size(); ++i) {
    Token& t = tokens[i];
    if (t.kind != TokenKind::kWord && t.kind != TokenKind::kInitial) continue;
    if (!IsNumberMarker(tokens[i - 1].text)) continue;
    const int v = RomanValue(t.text);
    if (v == 0) continue;
    t.kind = TokenKind::kNumber;
    t.text = t.canon = std::to_string(v);
  }
}

// Rewrites abbreviations to their long form ("u s a" -> "united states"),
// longest match first, in the folded text of a non-person name.
std::string ExpandAbbreviations(std::string_view folded) {
  std::vector<std::string_view> words;
  for (std::string_view w : io::Split(folded, " ")) {
    if (!w.empty()) words.push_back(w);
  }
  const size_t max = internal::MaxAbbreviationTokens();
  std::vector<std::string_view> out;
  std::string buf;
  for (size_t i = 0; i < words.size();) {
    size_t matched = 0;
    std::string_view expansion;
    for (size_t len = std::min(max, words.size() - i); len >= 1; --len) {
      expansion = internal::AbbreviationExpansion(JoinView(words, i, i + len, buf));
      if (!expansion.empty()) {
        matched = len;
        break;
      }
    }
    if (matched == 0) {
      out.push_back(words[i]);
      ++i;
    } else {
      out.push_back(expansion);
      i += matched;
    }
  }
  return Join(out, 0, out.size());
}

}  // namespace

std::string_view TokenKindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::kWord:
      return "word";
    case TokenKind::kLegalForm:
      return "legal_form";
    case TokenKind::kOrgWord:
      return "org_word";
    case TokenKind::kStopword:
      return "stopword";
    case TokenKind::kNumber:
      return "number";
    case TokenKind::kInitial:
      return "initial";
  }
  return "word";
}

namespace {

// fn(key) through a one-entry per-thread cache: a query without schema is
// analysed twice (as a legal entity, then as a person), and the second
// analysis takes the first one's fold and abbreviation expansion.
template <typename Fn>
std::string LastResult(internal::RecentResults<1>& last, std::string_view key, Fn&& fn) {
  if (const std::string* hit = last.Find(0, key)) return *hit;
  std::string out = fn(key);
  last.Put(0, key, out);
  return out;
}

// Fold(CapBytes(raw, kMaxAnalyzedBytes)).
std::string FoldCapped(std::string_view raw) {
  thread_local internal::RecentResults<1> last;
  return LastResult(last, CapBytes(raw, kMaxAnalyzedBytes),
                    [](std::string_view capped) { return Fold(capped); });
}

std::string ExpandAbbreviationsCached(const std::string& folded) {
  thread_local internal::RecentResults<1> last;
  return LastResult(last, folded, [](std::string_view f) { return ExpandAbbreviations(f); });
}

// A person's name of one Latin form: a Chinese name in Wade-Giles also gets
// its pinyin spelling.
void AddWadeGilesForm(std::vector<NameForm>& result) {
  if (result.size() != 1 || result[0].system != "latin") return;
  std::vector<std::string_view> words;
  for (const Token& t : result[0].tokens) words.push_back(t.text);
  const std::string pinyin = internal::WadeGilesToPinyin(words);
  if (!pinyin.empty()) {
    NameForm form;
    form.system = "wade_giles";
    form.person = true;
    AddWords(pinyin, pinyin, Script::kLatin, false, form.tokens);
    result.push_back(std::move(form));
  }
}

// Initials written together without dots, as Russian writes them after the
// surname (Putin VV, Путин ВВ) and English before it (JC Juncker): in a
// person's name, a word of two or three letters a-z none of which is a
// vowel (y included) is read as that many initials, beside a word of three
// letters or more. A Cyrillic name's romanisations, whose script writes no
// such word, are read so in place. A name in Latin letters gets a form with
// the initials besides its own (while there is room for one) when it is
// known to be a person's (schema Person, a listed person); a name only
// guessed to be one (SV KONSTANTIN, a vessel; PARS MCS, a company) only
// for a word written in capitals among lower-case letters (Putin VV; for
// a Cyrillic name, when it has such a word: Путин ВВ, not ИНТЕГРАЛ СПБ). Left
// as words: Ng (a Cantonese surname), Md and Mhd (Mohammed), Bn (bin), Mc,
// St and the titles and suffixes Dr, Mr, Mrs, Ms, Jr, Sr.
bool JoinedInitials(const Token& t) {
  if (t.kind != TokenKind::kWord || t.text.size() < 2 || t.text.size() > 3) return false;
  for (char c : t.text) {
    if (c < 'a' || c > 'z' || std::string_view("aeiouy").find(c) != std::string_view::npos) {
      return false;
    }
  }
  static constexpr std::string_view kWords[] = {"ng", "md",  "mhd", "bn", "mc", "st",  "dr",
                                                "mr", "mrs", "ms",  "jr", "sr", "jnr", "snr"};
  return std::find(std::begin(kWords), std::end(kWords), t.text) == std::end(kWords);
}

// The tokens with every JoinedInitials word for which split(token) holds as
// its letters (kInitial); false when there is none, or no other word of
// three letters or more.
template <typename Split>
bool SplitJoinedInitials(const std::vector<Token>& tokens, Split&& split, std::vector<Token>& out) {
  bool joined = false, other_word = false;
  out.clear();
  for (const Token& t : tokens) {
    if (!JoinedInitials(t) || !split(t)) {
      other_word |= t.kind == TokenKind::kWord && t.text.size() >= 3;
      out.push_back(t);
      continue;
    }
    joined = true;
    for (char c : t.text) {
      Token initial;
      initial.text = std::string(1, c);
      initial.canon = initial.text;
      initial.kind = TokenKind::kInitial;
      out.push_back(std::move(initial));
    }
  }
  // (Split, a name of kMaxTokens words has more tokens.)
  if (out.size() > kMaxTokens) out.resize(kMaxTokens);
  return joined && other_word;
}

void AddJoinedInitialsForm(std::string_view raw, bool known_person, std::vector<NameForm>& result) {
  if (std::none_of(result.begin(), result.end(), [](const NameForm& f) {
        return std::any_of(f.tokens.begin(), f.tokens.end(), JoinedInitials);
      })) {
    return;
  }
  // A name only guessed to be a person's: its words written in capitals,
  // when it also has lower-case letters (Latin ones folded as the tokens
  // are), and whether one of them is Cyrillic.
  std::vector<std::string> capitals;
  bool cyrillic_capitals = false;
  bool lower = false;
  for (size_t pos = 0; !known_person && pos < raw.size() && !lower;) {
    lower = u_islower(io::DecodeUtf8(raw, pos));
  }
  if (lower) {
    for (std::string_view w : io::Split(raw, " ")) {
      std::u32string cps = io::DecodeUtf8(w);
      while (!cps.empty() && !u_isalpha(cps.back())) cps.pop_back();
      if (cps.size() < 2 || cps.size() > 3 ||
          !std::all_of(cps.begin(), cps.end(), [](char32_t c) { return u_isupper(c); })) {
        continue;
      }
      if (cps[0] < 0x80) capitals.push_back(Fold(w));
      cyrillic_capitals |= ScriptOfCodePoint(cps[0]) == Script::kCyrillic;
    }
  }
  auto split = [&](const Token& t) {
    return known_person || std::find(capitals.begin(), capitals.end(), t.text) != capitals.end();
  };
  auto always = [](const Token&) { return true; };
  std::vector<Token> tokens;
  const size_t n = result.size();
  for (size_t i = 0; i < n; ++i) {
    const std::string& system = result[i].system;
    // A romanisation of Cyrillic (systems joined by '+' for a name of
    // several scripts); not the readings of scripts that leave vowels out:
    // Arabic طاها "th" is no pair of initials.
    bool cyrillic = system != "latin";
    for (std::string_view part : io::Split(system, "+")) {
      cyrillic &= part == "bgn" || part == "icao" || part == "scientific" || part == "polivanov" ||
                  part == "latin";
    }
    if (cyrillic) {
      if ((known_person || cyrillic_capitals) &&
          SplitJoinedInitials(result[i].tokens, always, tokens)) {
        result[i].tokens = std::move(tokens);
      }
    } else if (system == "latin" && result.size() < kMaxForms &&
               SplitJoinedInitials(result[i].tokens, split, tokens)) {
      NameForm form = result[i];
      form.tokens = std::move(tokens);
      result.push_back(std::move(form));
    }
  }
}

// Whether `raw` ends with a part in parentheses that only repeats words of
// the rest (a short name: "长光卫星技术股份有限公司 (长光卫星)", "TRANS
// SERVICE PLUS (TRANS SERVICE)"): then `rest` is the name without it, which
// loses nothing. (Words compared folded; a part without spaces, as Chinese
// writes, as a piece of the rest's text.)
bool RepeatsInParentheses(std::string_view raw, std::string& rest) {
  const std::string_view t = io::Trim(raw);
  if (t.size() < 4 || t.back() != ')') return false;
  const size_t open = t.rfind('(');
  if (open == std::string_view::npos || open == 0) return false;
  const std::string_view inner = io::Trim(t.substr(open + 1, t.size() - open - 2));
  const std::string_view before = io::Trim(t.substr(0, open));
  if (inner.empty() || before.empty() || inner.find_first_of("()") != std::string_view::npos) {
    return false;
  }
  const std::string folded_inner = Fold(inner);
  const std::string folded_before = Fold(before);
  if (folded_inner.empty()) return false;
  if (folded_inner.find(' ') == std::string::npos &&
      folded_before.find(folded_inner) != std::string::npos) {
    rest.assign(before);
    return true;
  }
  std::vector<std::string_view> words;
  for (std::string_view w : io::Split(folded_before, " ")) {
    if (!w.empty()) words.push_back(w);
  }
  for (std::string_view w : io::Split(folded_inner, " ")) {
    if (!w.empty() && std::find(words.begin(), words.end(), w) == words.end()) return false;
  }
  rest.assign(before);
  return true;
}

// Whether two forms have the same token texts (one of them is redundant).
bool SameTokens(const NameForm& a, const NameForm& b) {
  return a.tokens.size() == b.tokens.size() &&
         std::equal(a.tokens.begin(), a.tokens.end(), b.tokens.begin(),
                    [](const Token& x, const Token& y) { return x.text == y.text; });
}

std::vector<NameForm> AnalyzeNameWhole(std::string_view raw, Schema schema);
void AddQuotedForms(std::string_view raw, Schema schema, std::vector<NameForm>& result);
void AddUnbracketedForms(std::string_view raw, Schema schema, std::vector<NameForm>& result);
void AddDigraphForm(std::string_view raw, Schema schema, std::vector<NameForm>& result);

}  // namespace

std::vector<NameForm> AnalyzeName(std::string_view raw, Schema schema) {
  std::string rest;
  const bool repeats = RepeatsInParentheses(raw.substr(0, kMaxAnalyzedBytes), rest);
  const std::string_view name = repeats ? std::string_view(rest) : raw;
  std::vector<NameForm> result = AnalyzeNameWhole(name, schema);
  if (schema != Schema::kPerson) {
    AddQuotedForms(name, schema, result);
    AddUnbracketedForms(name, schema, result);
  }
  return result;
}

std::vector<std::string_view> QuotedParts(std::string_view raw) {
  raw = CapBytes(raw, kMaxAnalyzedBytes);
  // Most names hold no quote: every quote below is ASCII or starts with
  // byte 0xC2 (« ») or 0xE2 (the others), and those are not decoded.
  if (raw.find_first_of("\"'`\xC2\xE2") == std::string_view::npos) return {};
  auto is_quote = [](char32_t c) {
    switch (c) {
      case U'"':
      case U'\'':
      case U'`':
      case U'\u00AB':  // «
      case U'\u00BB':  // »
      case U'\u2018':  // ‘
      case U'\u2019':  // ’
      case U'\u201A':  // ‚
      case U'\u201C':  // “
      case U'\u201D':  // ”
      case U'\u201E':  // „
      case U'\u2039':  // ‹
      case U'\u203A':  // ›
        return true;
      default:
        return false;
    }
  };
  // Code points with their byte offsets.
  std::vector<std::pair<char32_t, size_t>> cps;
  for (size_t pos = 0; pos < raw.size();) {
    const size_t at = pos;
    cps.emplace_back(io::DecodeUtf8(raw, pos), at);
  }
  auto alnum = [&](size_t i) {
    return i < cps.size() && u_isalnum(static_cast<UChar32>(cps[i].first));
  };
  std::vector<size_t> open;  // byte offsets after opening quotes
  std::vector<std::string_view> parts;
  for (size_t i = 0; i < cps.size(); ++i) {
    if (!is_quote(cps[i].first)) continue;
    const bool before_word = alnum(i + 1);
    // An apostrophe inside a word (O'BRIEN, SA'D) neither opens nor closes.
    if (before_word && i > 0 && alnum(i - 1)) continue;
    // A closing quote follows a word, or the quote closing an inner part (»»).
    const bool after_word = i > 0 && (alnum(i - 1) || cps[i - 1].first == U'.' ||
                                      cps[i - 1].first == U')' || is_quote(cps[i - 1].first));
    const size_t end = i + 1 < cps.size() ? cps[i + 1].second : raw.size();
    if (before_word) {
      open.push_back(end);
    } else if (after_word && !open.empty()) {
      const std::string_view part = io::Trim(raw.substr(open.back(), cps[i].second - open.back()));
      open.pop_back();
      if (!part.empty()) parts.push_back(part);
    }
  }
  return parts;
}

namespace {

// The words of a form other than its legal forms, as one string.
std::string NameWords(const NameForm& f) {
  std::string out;
  for (const Token& t : f.tokens) {
    if (t.kind == TokenKind::kLegalForm) continue;
    out += t.text;
    out += ' ';
  }
  return out;
}

// NameWords of each of `forms`.
std::vector<std::string> FormWords(const std::vector<NameForm>& forms) {
  std::vector<std::string> out;
  for (const NameForm& f : forms) out.push_back(NameWords(f));
  return out;
}

// Appends to `result` the forms of `text` that hold words and other words
// than the forms in `seen` (which it extends), at most `max`, each marked by
// mark(form); returns how many.
template <typename Mark>
size_t AppendNewForms(std::string_view text, Schema schema, size_t max,
                      std::vector<std::string>& seen, std::vector<NameForm>& result, Mark&& mark) {
  size_t added = 0;
  for (NameForm& f : AnalyzeNameWhole(text, schema)) {
    if (added == max) break;
    std::string words = NameWords(f);
    if (words.empty() || std::find(seen.begin(), seen.end(), words) != seen.end()) continue;
    seen.push_back(std::move(words));
    mark(f);
    result.push_back(std::move(f));
    ++added;
  }
  return added;
}

void AddQuotedForms(std::string_view raw, Schema schema, std::vector<NameForm>& result) {
  if (result.empty()) return;
  std::vector<std::string_view> parts = QuotedParts(raw);
  if (parts.empty()) return;
  // The trade name is the part that closes last, with the parts inside it:
  // an earlier one says where or what (STATE UNITARY ENTERPRISE OF THE
  // 'REPUBLIC OF CRIMEA' 'MAGARACH').
  const std::string_view last = parts.back();
  std::erase_if(parts, [&](std::string_view p) {
    return p.data() < last.data() || p.data() + p.size() > last.data() + last.size();
  });
  // The innermost (shortest) first: «Концерн ВКО «Алмаз — Антей»».
  std::stable_sort(parts.begin(), parts.end(),
                   [](std::string_view a, std::string_view b) { return a.size() < b.size(); });
  std::vector<std::string> seen = FormWords(result);
  size_t added = 0;
  for (std::string_view part : parts) {
    added += AppendNewForms(part, schema, kMaxQuotedForms - added, seen, result,
                            [](NameForm& f) { f.quoted = true; });
    if (added == kMaxQuotedForms) return;
  }
}

// The forms of an organisation's name without its parts in ASCII
// parentheses (not nested), when they hold words and other words than the
// forms before, and a part is more than company words, legal forms and
// stopwords or a city (CCB INTERNATIONAL (HOLDINGS) LIMITED keeps its
// holdings). The parts' other words go with each form (NameForm::
// bracketed), for the scorer to tell a country.
void AddUnbracketedForms(std::string_view raw, Schema schema, std::vector<NameForm>& result) {
  raw = CapBytes(raw, kMaxAnalyzedBytes);
  if (result.empty() || raw.find('(') == std::string_view::npos) return;
  std::string rest, part, bracketed;
  bool named = false;  // a part that is more than type words
  int depth = 0;
  for (char c : raw) {
    if (c == '(') {
      ++depth;
    } else if (c == ')' && depth > 0) {
      if (--depth > 0) continue;
      rest += ' ';
      const std::string folded = Fold(part);
      part.clear();
      bool type_words = true;
      for (std::string_view w : io::Split(folded, " ")) {
        if (w.empty() || !OrgWordCanon(w).empty() || !LegalFormId(w).empty() || IsStopword(w)) {
          continue;
        }
        type_words = false;
        if (!bracketed.empty()) bracketed += ' ';
        bracketed += w;
      }
      named |= !type_words && !IsCityName(folded);
    } else if (depth == 0) {
      rest += c;
    } else {
      part += c;
    }
  }
  if (depth != 0 || !named) return;
  std::vector<std::string> seen = FormWords(result);
  AppendNewForms(rest, schema, kMaxUnbracketedForms, seen, result, [&bracketed](NameForm& f) {
    f.unbracketed = true;
    f.bracketed = bracketed;
  });
}

// Kazakh ТОО (товарищество с ограниченной ответственностью, an LLP) as the
// lists write it in Latin letters, TOO TAUKZ, is the legal form of the
// table's ТОО only where such names put it: first, before another word.
// Elsewhere "too" is the English word ("Me Too Foundation").
void LeadingLatinLegalForm(std::vector<Token>& tokens) {
  if (tokens.size() < 2 || tokens[0].text != "too" || tokens[1].kind != TokenKind::kWord) return;
  if (tokens[0].kind != TokenKind::kWord && tokens[0].kind != TokenKind::kStopword) return;
  const std::string_view id = LegalFormId("тоо");
  if (id.empty()) return;
  tokens[0].kind = TokenKind::kLegalForm;
  tokens[0].canon = std::string(id);
}

std::vector<NameForm> AnalyzeNameWhole(std::string_view raw, Schema schema) {
  const bool org = IsOrgSchema(schema);
  const bool person = schema == Schema::kPerson;
  std::string folded = FoldCapped(raw);
  if (person) {
    folded = PersonFolded(raw, folded);
  } else {
    folded = ExpandAbbreviationsCached(folded);
  }
  std::vector<Piece> pieces = MakePieces(folded, org);
  const bool dotted = ForeignNameDots(raw);

  // Systems per piece; form i uses each piece's i-th system (or its last).
  std::vector<std::vector<System>> systems;
  size_t forms = 1;
  bool translatable = false;
  // A person's Hangul words are each a whole foreign name part when one of
  // them reads as such (internal::LooksForeignHangul).
  const bool foreign_hangul = !org && std::any_of(pieces.begin(), pieces.end(), [](const Piece& p) {
    return internal::ForeignHangulWord(p.script, p.native);
  });
  for (const Piece& p : pieces) {
    Script s = p.script == Script::kMixed ? Script::kUnknown : p.script;
    // The parts of a dotted Han name are each a whole foreign name part.
    const bool whole = pieces.size() == 1 || (dotted && s == Script::kHan) ||
                       (foreign_hangul && s == Script::kHangul);
    systems.push_back(internal::SystemsFor(s, p.native, whole, dotted && !org));
    forms = std::max(forms, systems.back().size());
    const bool known = p.kind == Piece::kTrade || p.kind == Piece::kOrg;
    translatable |= (p.script == Script::kHan && known) ||
                    (p.script == Script::kHangul && (known || p.kind == Piece::kPlace));
  }
  forms = std::min(forms, kMaxForms);
  size_t translated_index = kMaxForms;  // none
  if (translatable) {
    translated_index = std::min(forms, kMaxForms - 1);
    forms = translated_index + 1;
  }

  std::vector<NameForm> result;
  for (size_t f = 0; f < forms; ++f) {
    const bool translated = f == translated_index;
    NameForm form;
    form.person = person;
    std::vector<std::string_view> names;
    for (size_t k = 0; k < pieces.size(); ++k) {
      const Piece& p = pieces[k];
      const std::vector<System>& sys = systems[k];
      System s = sys[std::min(f, sys.size() - 1)];
      if (translated) s = TranslationSystem(p, sys, org);
      if (p.script != Script::kLatin && p.script != Script::kUnknown) {
        std::string_view name =
            translated ? std::string_view("translated") : internal::SystemName(s);
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
      }
      const bool person_like = !org && (p.script == Script::kHan || p.script == Script::kHangul);
      if (p.kind == Piece::kLegal || p.kind == Piece::kOrg) {
        Token t;
        t.kind = p.kind == Piece::kLegal ? TokenKind::kLegalForm : TokenKind::kOrgWord;
        t.canon = p.entry->canon;
        if (translated && p.kind == Piece::kOrg) {
          t.text = NoSpaces(p.entry->english);
        } else {
          std::string romanised = RomanizeRunCached(p.native, p.script, s, false);
          t.text = NoSpaces(romanised);
          if (t.text.size() != romanised.size()) t.words = std::move(romanised);
        }
        if (t.text.empty()) t.text = NoSpaces(t.canon);
        form.tokens.push_back(std::move(t));
        continue;
      }
      if (translated && org && p.script == Script::kHan && p.kind == Piece::kWords &&
          s != System::kLoanwordAlt) {
        // A four-character trade name we do not know is most often two
        // two-character words, and English names write them apart (友邦仕达
        // "Youbang Shida"); the pinyin form keeps them joined. (Not a
        // transcription: it spells one foreign word.)
        const std::vector<std::string_view> words = HanWords(p.native);
        if (words.size() == 2) {
          for (std::string_view part : words) {
            AddWords(RomanizeRunCached(part, p.script, s, false), part, p.script, org, form.tokens);
          }
          continue;
        }
      }
      const size_t first = form.tokens.size();
      if ((p.kind == Piece::kTrade || p.kind == Piece::kPlace) && translated) {
        AddWords(p.entry->english, p.native, Script::kLatin, org, form.tokens);
      } else {
        AddWords(RomanizeRunCached(p.native, p.script, s, person_like), p.native, p.script, org,
                 form.tokens);
      }
      // A trade name we do not know, in a company's translated form, is as
      // often a foreign or made-up word written with Chinese syllables
      // (達仕恩 da-shi-en, Dason) as Chinese words.
      if (translated && org && p.script == Script::kHan && p.kind == Piece::kWords) {
        for (size_t i = first; i < form.tokens.size(); ++i) form.tokens[i].loanword = true;
      }
      if (p.kind == Piece::kPlace) {
        for (size_t i = first; i < form.tokens.size(); ++i) form.tokens[i].place = true;
      }
    }
    if (!org) MergeTurkicPatronymics(form.tokens);
    MergeNumberWords(form.tokens);
    ConvertRomanNumerals(form.tokens);
    DropNumberMarkers(form.tokens);
    if (org && !pieces.empty() && pieces[0].script == Script::kLatin) {
      LeadingLatinLegalForm(form.tokens);
    }
    if (form.tokens.size() > kMaxTokens) form.tokens.resize(kMaxTokens);
    if (names.empty()) {
      form.system = "latin";
    } else {
      for (std::string_view n : names) {
        if (!form.system.empty()) form.system += '+';
        form.system.append(n);
      }
    }
    const bool dup = std::any_of(result.begin(), result.end(),
                                 [&](const NameForm& other) { return SameTokens(other, form); });
    if (!dup) result.push_back(std::move(form));
  }
  if (result.empty()) {
    NameForm none;
    none.system = "latin";
    none.person = person;
    result.push_back(std::move(none));
  }
  if (person) AddWadeGilesForm(result);
  if (person) AddJoinedInitialsForm(raw, true, result);
  AddDigraphForm(raw, schema, result);
  return result;
}

// Czech, Slovak, Croatian, Serbian Latin, Slovenian, Latvian and Lithuanian
// š ž č (and Czech ř) lose their hacek when folded (Šarić -> saric), while
// Cyrillic spellings of the same names write the sound (Шарић "sharic",
// шарич "sharich", Řepík ржепик "rzhepik"): a Latin name with them also
// gets the form spelled with the digraphs sh, zh, ch and rzh. (Lists that
// drop the hacek, SARIC, keep meeting the folded form.)
// The digraph of a hacek letter, after `prev` (the last byte written) for a
// combining caron (decomposed input); nullptr for any other code point.
const char* HacekDigraph(char32_t c, char prev) {
  switch (c) {
    case U'š':
    case U'Š':
      return "sh";
    case U'ž':
    case U'Ž':
      return "zh";
    case U'č':
    case U'Č':
      return "ch";
    case U'ř':
    case U'Ř':
      return "rzh";
    case 0x030C:  // a combining caron after its letter
      if (std::string_view("sSzZcC").find(prev) != std::string_view::npos) return "h";
      if (prev == 'r' || prev == 'R') return "zh";
      return nullptr;
    default:
      return nullptr;
  }
}

void AddDigraphForm(std::string_view raw, Schema schema, std::vector<NameForm>& result) {
  if (result.empty() || result.size() >= kMaxForms || result[0].system != "latin") return;
  const std::string_view capped = CapBytes(raw, kMaxAnalyzedBytes);
  // Every letter above is written with a lead byte 0xC4, 0xC5 or 0xCC: most
  // names have none and are not decoded.
  if (capped.find_first_of("\xC4\xC5\xCC") == std::string_view::npos) return;
  std::string respelled;
  bool any = false;
  size_t pos = 0;
  while (pos < capped.size()) {
    const char32_t c = io::DecodeUtf8(capped, pos);
    const char* digraph = HacekDigraph(c, respelled.empty() ? '\0' : respelled.back());
    if (digraph != nullptr) {
      respelled += digraph;
      any = true;
    } else {
      io::AppendUtf8(respelled, c);
    }
  }
  if (!any) return;
  std::vector<NameForm> alt = AnalyzeNameWhole(respelled, schema);
  if (alt.empty() || alt[0].system != "latin") return;
  if (std::any_of(result.begin(), result.end(),
                  [&](const NameForm& f) { return SameTokens(f, alt[0]); })) {
    return;
  }
  result.push_back(std::move(alt[0]));
}

}  // namespace

bool KnownTradeName(std::string_view raw) {
  // (The table's trade names are Han and Hangul: a name without either,
  // most queries, is not segmented at all.)
  if (!HasScript(raw, Script::kHan) && !HasScript(raw, Script::kHangul)) return false;
  const std::vector<Piece> pieces = MakePieces(FoldCapped(raw), /*org=*/true);
  bool trade = false;
  for (const Piece& p : pieces) {
    if (p.kind == Piece::kTrade) {
      trade = true;
    } else if (p.kind != Piece::kPlace) {
      return false;
    }
  }
  return trade;
}

std::vector<Token> NativeOrgTokens(std::string_view raw) {
  std::vector<Token> out;
  for (const Piece& p : MakePieces(FoldCapped(raw), /*org=*/true)) {
    Token t;
    if (p.kind == Piece::kLegal || p.kind == Piece::kOrg) {
      t.kind = p.kind == Piece::kLegal ? TokenKind::kLegalForm : TokenKind::kOrgWord;
      t.canon = p.entry->canon;
    }
    t.place = p.kind == Piece::kPlace;
    // A trade name we do not know as the translated form writes it (百胜动力
    // as 百胜 动力).
    const std::vector<std::string_view> words = p.kind == Piece::kWords && p.script == Script::kHan
                                                    ? HanWords(p.native)
                                                    : std::vector<std::string_view>{p.native};
    for (std::string_view w : words) {
      out.push_back(t);
      out.back().text = std::string(w);
    }
  }
  return out;
}

bool HasPersonTitle(std::string_view raw) {
  const std::string folded = FoldCapped(raw);
  return PersonFolded(raw, folded) != io::CollapseWhitespace(folded);
}

std::vector<NameForm> AnalyzeNameAsPerson(std::string_view raw, std::vector<NameForm> legal_entity,
                                          bool* dropped_title) {
  const std::string folded = FoldCapped(raw);
  const std::string stripped = PersonFolded(raw, folded);
  if (dropped_title != nullptr) *dropped_title = stripped != io::CollapseWhitespace(folded);
  std::string rest;
  if (RepeatsInParentheses(raw.substr(0, kMaxAnalyzedBytes), rest)) {
    return AnalyzeNameWhole(rest, Schema::kPerson);  // AnalyzeName(raw, kPerson)
  }
  // The two analyses differ only in: titles stripped (person) or
  // abbreviations expanded (legal entity); multi-word legal forms and company
  // words, which a legal entity's pieces start with a word of; Han, Hangul
  // and kana (segmented for legal entities, person_like romanisation for
  // persons, the translated form); single words read as legal forms or
  // company words (legal entity); the Wade-Giles form (person). Without any
  // of these, the person's forms are the legal entity's plus the Wade-Giles
  // form. (And a Turkic patronymic's marker, Gabdulla Ogly, which only a
  // person's analysis merges into the father's name; and a letter that is
  // also a stopword, Russian В or И, which only a person's analysis reads
  // as an initial.)
  for (const NameForm& f : legal_entity) {
    for (const Token& t : f.tokens) {
      if (t.kind == TokenKind::kLegalForm || t.kind == TokenKind::kOrgWord ||
          TurkicSonMarker(t.text) || TurkicDaughterMarker(t.text) ||
          (t.kind == TokenKind::kStopword && t.text.size() == 1 && f.system != "latin")) {
        return AnalyzeName(raw, Schema::kPerson);
      }
    }
  }
  if (stripped != ExpandAbbreviationsCached(folded)) return AnalyzeName(raw, Schema::kPerson);
  size_t pos = 0;
  while (pos < stripped.size()) {
    const Script sc = ScriptOfCodePoint(io::DecodeUtf8(stripped, pos));
    if (sc == Script::kHan || sc == Script::kHangul || sc == Script::kKana) {
      return AnalyzeName(raw, Schema::kPerson);
    }
  }
  for (std::string_view w : io::Split(stripped, " ")) {
    if (!w.empty() && internal::StartsOrgPhrase(w)) return AnalyzeName(raw, Schema::kPerson);
  }
  // A quoted part is an organisation's trade name, not a person's name; and
  // a person's name keeps its parts in parentheses, as AnalyzeName reads it.
  std::erase_if(legal_entity, [](const NameForm& f) { return f.quoted || f.unbracketed; });
  for (NameForm& f : legal_entity) f.person = true;
  AddWadeGilesForm(legal_entity);
  AddJoinedInitialsForm(raw, false, legal_entity);
  return legal_entity;
}

}  // namespace chokepoint::text
