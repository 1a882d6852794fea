// Properties of the name scorer (through the public CompareNames) and of the
// Screener on a small hand-built snapshot.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "chokepoint/lists.h"
#include "chokepoint/screen.h"
#include "chokepoint/snapshot.h"
#include "match/metrics_reference.h"
#include "match/scorer.h"
#include "text/analyze.h"

namespace chokepoint {
namespace {

double Score(const std::string& a, const std::string& b, std::optional<Schema> s = std::nullopt) {
  return CompareNames(a, b, s).score;
}

// fn() under the scorer parameters changed by change(params); the
// parameters in force before are restored afterwards.
template <typename Change, typename Fn>
auto WithParams(Change&& change, Fn&& fn) {
  const match::ScorerParams before = match::DefaultScorerParams();
  match::ScorerParams changed = before;
  change(changed);
  match::SetScorerParams(changed);
  auto out = fn();
  match::SetScorerParams(before);
  return out;
}

// fn() with the rule `rule` switched off.
template <typename Fn>
auto WithoutRule(bool match::ScorerParams::*rule, Fn&& fn) {
  return WithParams([rule](match::ScorerParams& p) { p.*rule = false; }, fn);
}

using NamePairs = std::vector<std::pair<std::string, std::string>>;

// The scores of `pairs` as `schema`, under the default parameters (first)
// and under those changed by change(params) (second).
template <typename Change>
std::pair<std::vector<double>, std::vector<double>> ScoresOnOff(const NamePairs& pairs,
                                                                Schema schema, Change&& change) {
  std::vector<double> on, off;
  for (const auto& [a, b] : pairs) on.push_back(Score(a, b, schema));
  WithParams(change, [&] {
    for (const auto& [a, b] : pairs) off.push_back(Score(a, b, schema));
    return 0;
  });
  return {on, off};
}

// Each pair of persons' names scores below 0.70, and at least 0.70 with
// `rule` off (the rule's reach).
void ExpectRuleRefuses(bool match::ScorerParams::*rule,
                       const std::vector<std::pair<std::string, std::string>>& pairs) {
  ASSERT_TRUE(match::DefaultScorerParams().*rule);
  for (const auto& [a, b] : pairs) {
    EXPECT_LT(Score(a, b, Schema::kPerson), 0.70) << a << " / " << b;
    EXPECT_GE(WithoutRule(rule, [&] { return Score(a, b, Schema::kPerson); }), 0.70)
        << a << " / " << b;
  }
}

TEST(ScorerTest, IdenticalNamesScoreOne) {
  EXPECT_DOUBLE_EQ(Score("Vladimir Putin", "Vladimir Putin", Schema::kPerson), 1.0);
  EXPECT_DOUBLE_EQ(Score("Rosneft Oil Company", "Rosneft Oil Company", Schema::kCompany), 1.0);
  EXPECT_DOUBLE_EQ(Score("Vladimir Putin", "VLADIMIR  putin", Schema::kPerson), 1.0);
}

TEST(ScorerTest, ReorderedPersonNamesScoreHigh) {
  EXPECT_GE(Score("PUTIN Vladimir", "Vladimir Putin", Schema::kPerson), 0.85);
  EXPECT_GE(Score("Putin, Vladimir Vladimirovich", "Vladimir Vladimirovich Putin", Schema::kPerson),
            0.85);
}

TEST(ScorerTest, NumbersMustMatch) {
  EXPECT_LT(Score("Plant No. 11", "Plant No. 12", Schema::kCompany), 0.70);
  EXPECT_GE(Score("Plant No. 11", "Plant No 11", Schema::kCompany), 0.95);
  // A number one name lacks is no split word: the joined texts do not
  // count ("bowneglobalsolutions" is 0.92 of "bowneglobalsolutions2").
  EXPECT_LT(
      Score("Bowne Global Solutions, Inc.", "Bowne Global Solutions 2, Inc.", Schema::kCompany),
      0.85);
  EXPECT_GE(
      Score("Bowne Global Solutions 2, Inc.", "BowneGlobal Solutions 2, Inc.", Schema::kCompany),
      0.90);
}

// Series marks: a securitisation's year and series, a vessel's closing hull
// number. Two members of one family score series_factor (every other word
// equal), where other numbers that differ are a number mismatch.
TEST(ScorerTest, SeriesMarksPairAtTheSeriesFactor) {
  const double f = match::DefaultScorerParams().series_factor;
  ASSERT_GE(f, 0.70);  // another member of the family is a hit to review
  ASSERT_LT(f, 0.95);
  const std::string trust = "Goldman Sachs Mortgage Loan Trust ";
  for (const char* other : {"2004-2", "2005-1", "2005-2"}) {
    EXPECT_NEAR(Score(trust + "2004-1", trust + other, Schema::kCompany), f, 1e-9) << other;
  }
  EXPECT_DOUBLE_EQ(Score(trust + "2004-1", trust + "2004-1", Schema::kCompany), 1.0);
  EXPECT_NEAR(Score("SNOW STORM 1", "SNOW STORM 2", Schema::kVessel), f, 1e-9);
  // A vessel's hull number is a series mark against any query's closing
  // number when the list name is a vessel's, as the screener scores it.
  EXPECT_NEAR(Score("ZU ZAG BONG 6", "ZU ZAG BONG 5", Schema::kVessel), f, 1e-9);

  // Not series marks: a company's closing number, an institute's number, a
  // year without a series after it.
  EXPECT_LT(Score("SNOW STORM 1", "SNOW STORM 2", Schema::kCompany), 0.70);
  EXPECT_LT(Score("Research Institute No. 11", "Research Institute No. 12", Schema::kCompany),
            0.70);
  EXPECT_LT(Score("Victory Fund 2004", "Victory Fund 2005", Schema::kCompany), 0.70);
  // The names must share a word besides the marks, and a vessel's IMO
  // number (seven digits) identifies it.
  EXPECT_LT(Score("VOISKOVAYA CHAST 52688", "MAIA 1", Schema::kVessel), 0.30);
  EXPECT_LT(Score("SNOW STORM 9123456", "SNOW STORM 9654321", Schema::kVessel), 0.70);

  // The explanation names the pair and the factor.
  const CompareResult r = CompareNames("SNOW STORM 1", "SNOW STORM 2", Schema::kVessel);
  bool named = false;
  for (const auto& t : r.tokens) {
    if (t.key == "series") {
      named = true;
      EXPECT_EQ(t.query_token, "1");
      EXPECT_EQ(t.list_token, "2");
      EXPECT_DOUBLE_EQ(t.similarity, f);
    }
  }
  EXPECT_TRUE(named);
  ASSERT_FALSE(r.features.empty());
  EXPECT_NE(r.features[0].detail.find("another member of the same series"), std::string::npos)
      << r.features[0].detail;
  EXPECT_EQ(CompareNames("SNOW STORM 1", "SNOW STORM 1", Schema::kVessel)
                .features[0]
                .detail.find("series"),
            std::string::npos);
}

// Company names coined from one stem are other companies: a Jaro-Winkler
// pair more than jw_max_edits_org edits apart is refused between
// organisations' names, while typos and people's transliterations pair.
TEST(ScorerTest, CompanyCoinagesOfOneStemDoNotPair) {
  const int max_edits = match::DefaultScorerParams().jw_max_edits_org;
  ASSERT_EQ(max_edits, 3);
  // Edit distances 4 and 5 (MetricsTest checks OsaDistance).
  EXPECT_LT(
      Score("Volkswerk Aktiengesellschaft", "Volkswagen Aktiengesellschaft", Schema::kCompany),
      0.70);
  EXPECT_LT(Score("BANK ROSTFINANCE", "BANK EVROFINANCE", Schema::kCompany), 0.70);
  EXPECT_LT(Score("PJSC SOVCOMFLOT", "PJSC SOVCOMBANK", Schema::kCompany), 0.70);
  // One to three edits still pair.
  EXPECT_GE(
      Score("Volkswagon Aktiengesellschaft", "Volkswagen Aktiengesellschaft", Schema::kCompany),
      0.85);
  EXPECT_GE(Score("BANK ROSTFINANSE", "BANK ROSTFINANCE", Schema::kCompany), 0.85);
  // People's names keep their transliterations (a Belarusian patronymic).
  EXPECT_GE(Score("Viktar Gienadzjevich KHRENIN", "Viktor Gennadevich KHRENIN", Schema::kPerson),
            0.70);
  // The explanation names the rule.
  const CompareResult r = CompareNames("Volkswerk Aktiengesellschaft",
                                       "Volkswagen Aktiengesellschaft", Schema::kCompany);
  bool named = false;
  for (const auto& t : r.tokens) {
    if (t.key == "unmatched:jw_max_edits_org") {
      named = true;
      EXPECT_EQ(t.list_token, "volkswagen");
    }
  }
  EXPECT_TRUE(named);
}

// The keys of a comparison's unmatched tokens, in explanation order.
std::vector<std::string> UnmatchedKeys(const std::string& a, const std::string& b, Schema schema) {
  std::vector<std::string> keys;
  for (const auto& t : CompareNames(a, b, schema).tokens) {
    if (t.key.rfind("unmatched", 0) == 0) keys.push_back(t.key);
  }
  return keys;
}

// Compound names of one ending (-uddin, -ullah) pair only when their stems
// do: Shams-ud-din is not Shahab-ud-din, while spellings of one name pair.
TEST(ScorerTest, CompoundNamesPairOnTheirStems) {
  ASSERT_TRUE(match::DefaultScorerParams().compound_stems);
  for (const auto& [a, b] : std::vector<std::pair<std::string, std::string>>{
           {"Mohammed Shamsuddin", "Mohammed Shahabuddin"},
           {"Hamidullah AKHUND", "Obaidullah AKHUND"},
           {"Sirajuddin HAQQANI", "Nasiruddin HAQQANI"},
           {"Habibullah SAFI", "Hibatullah SAFI"}}) {
    EXPECT_LT(Score(a, b, Schema::kPerson), 0.70) << a << " | " << b;
    const auto keys = UnmatchedKeys(a, b, Schema::kPerson);
    EXPECT_NE(std::find(keys.begin(), keys.end(), "unmatched:compound_stems"), keys.end()) << a;
  }
  // Stems that pair by key or spelling keep the pair.
  EXPECT_GE(Score("Norullah NOORI", "Nurullah NURI", Schema::kPerson), 0.70);
  EXPECT_GE(Score("Nasiruddin HAQQANI", "Nasreddine HAQQANI", Schema::kPerson), 0.85);
}

// A list word repeating another unmatched one (MOHAMMAD ... MOHAMMED) costs
// once when the list holds every query word, as if it were written once.
TEST(ScorerTest, UnmatchedRepeatCostsOnceWhenTheQueryIsHeld) {
  ASSERT_TRUE(match::DefaultScorerParams().unmatched_repeat_once);
  const double once = Score("AKHTAR MANSOUR", "AKHTAR MOHAMMAD MANSOUR SHAH", Schema::kPerson);
  EXPECT_DOUBLE_EQ(
      Score("AKHTAR MANSOUR", "AKHTAR MOHAMMAD MANSOUR SHAH MOHAMMED", Schema::kPerson), once);
  EXPECT_GE(once, 0.70);
  const auto keys =
      UnmatchedKeys("AKHTAR MANSOUR", "AKHTAR MOHAMMAD MANSOUR SHAH MOHAMMED", Schema::kPerson);
  EXPECT_EQ(std::count(keys.begin(), keys.end(), "unmatched_repeat"), 1);
  // A query word left over: the repeat costs as any word.
  EXPECT_LT(Score("AKHTAR MANSOUR KHAN", "AKHTAR MOHAMMAD MANSOUR SHAH MOHAMMED", Schema::kPerson),
            Score("AKHTAR MANSOUR KHAN", "AKHTAR MOHAMMAD MANSOUR SHAH", Schema::kPerson));
}

// A list name of three name parts held whole in the query, the query's
// first given name left over, is an alias without it; a two-part list name
// is not ("X Hassan AL-TIKRITI" names Hassan's child).
TEST(ScorerTest, LongListNameHeldWithoutTheQuerysFirstName) {
  ASSERT_EQ(match::DefaultScorerParams().contained_without_first_min, 3);
  EXPECT_GE(Score("ABDUL JALIL MOHAMMAD RASUL AYYUB", "MOHAMMAD RASUL AYYUB", Schema::kPerson),
            0.70);
  EXPECT_EQ(UnmatchedKeys("Emmanuel Ramazani SHADARI MULANDA", "Ramazani SHADARI MULANDA",
                          Schema::kPerson),
            std::vector<std::string>{"unmatched_added"});
  EXPECT_EQ(UnmatchedKeys("Ali Hassan AL-TIKRITI", "Hassan AL-TIKRITI", Schema::kPerson),
            std::vector<std::string>{"unmatched"});
}

// A vessel-type prefix (MV, M/T, SS, ...) costs nothing when either name is
// a vessel's, however the pipeline splits it; elsewhere it is a word.
TEST(ScorerTest, VesselPrefixesCostNothingBeforeAVesselsName) {
  for (const char* q : {"MV SOUTH HILL 5", "M/V SOUTH HILL 5", "M.V. SOUTH HILL 5",
                        "MT SOUTH HILL 5", "SS SOUTH HILL 5"}) {
    EXPECT_DOUBLE_EQ(Score(q, "SOUTH HILL 5", Schema::kVessel), 1.0) << q;
  }
  EXPECT_DOUBLE_EQ(Score("SOUTH HILL 5", "MV SOUTH HILL 5", Schema::kVessel), 1.0);
  // Not a vessel: the prefix is an unmatched word, as any other.
  const double company = Score("MV SOUTH HILL 5", "SOUTH HILL 5", Schema::kCompany);
  EXPECT_LT(company, 0.95);
  EXPECT_DOUBLE_EQ(company, Score("XQ SOUTH HILL 5", "SOUTH HILL 5", Schema::kCompany));
  // Only before a name: a vessel called MV alone, or the prefix elsewhere.
  EXPECT_LT(Score("SOUTH HILL MV", "SOUTH HILL", Schema::kVessel), 0.95);
}

TEST(ScorerTest, CrossScriptCompany) {
  EXPECT_GE(Score("ООО \"Ромашка\"", "OOO Romashka", Schema::kCompany), 0.85);
  EXPECT_LT(Score("ООО \"БАЙ\"", "ООО \"БАЙКАЛ\"", Schema::kCompany), 0.70);
}

TEST(ScorerTest, LegalFormMismatchIsSmallPenalty) {
  const double same = Score("Romashka LLC", "Romashka LLC", Schema::kCompany);
  const double other = Score("Romashka LLC", "Romashka JSC", Schema::kCompany);
  const double absent = Score("Romashka LLC", "Romashka", Schema::kCompany);
  EXPECT_LT(other, same);
  EXPECT_GE(other, 0.85);
  EXPECT_GE(absent, 0.85);
}

// ANO (автономная некоммерческая организация) is a legal form in every
// spelling the lists use, and a non-profit body's form against a company's
// names another kind of body: the score is multiplied by
// legal_kind_conflict_factor. Two companies' forms keep the small penalty.
TEST(ScorerTest, NonProfitAgainstCompanyIsAnotherBody) {
  EXPECT_DOUBLE_EQ(
      Score("ANO DIALOG", "AUTONOMOUS NON-PROFIT ORGANIZATION DIALOG", Schema::kCompany), 1.0);
  EXPECT_DOUBLE_EQ(
      Score("АНО Диалог", "AUTONOMOUS NONCOMMERCIAL ORGANIZATION DIALOG", Schema::kCompany), 1.0);
  const double factor = match::DefaultScorerParams().legal_kind_conflict_factor;
  ASSERT_LT(factor, 1.0);
  const NamePairs cases = {{"ANO Iskusstvo Krasoty", "LIMITED LIABILITY COMPANY ISKUSSTVO KRASOTY"},
                           {"ANO Dialog", "Dialog JSC"},
                           {"OOO Dialog", "AO Dialog"}};
  const auto [on, off] = ScoresOnOff(
      cases, Schema::kCompany, [](match::ScorerParams& p) { p.legal_kind_conflict_factor = 1.0; });
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_NEAR(on[i], off[i] * factor, 1e-9) << cases[i].first << " / " << cases[i].second;
    EXPECT_GE(off[i], 0.85) << cases[i].first << " / " << cases[i].second;
    EXPECT_LT(on[i], 0.70) << cases[i].first << " / " << cases[i].second;
  }
  EXPECT_DOUBLE_EQ(on[2], off[2]);
  EXPECT_GE(on[2], 0.85);
}

TEST(ScorerTest, DifferentPeopleScoreLow) {
  EXPECT_LT(Score("Anders Kristersson", "Ulf Kristersson", Schema::kPerson), 0.70);
  EXPECT_LT(Score("Angela Merkel", "Olaf Scholz", Schema::kPerson), 0.30);
}

TEST(ScorerTest, TyposScoreHigh) {
  EXPECT_GE(Score("Olaf Scholze", "Olaf Scholz", Schema::kPerson), 0.80);
  EXPECT_GE(Score("Benjamin Natanyahu", "Benjamin Netanyahu", Schema::kPerson), 0.80);
}

// A phonetic key drops vowels and merges consonant classes; between two
// Latin names it needs similar spellings too, while romanised Arabic (whose
// vowels are guessed) still matches on it.
TEST(ScorerTest, PhoneticKeyNeedsSimilarLatinSpelling) {
  EXPECT_LT(Score("Katie Ward", "Qado Waad", Schema::kPerson), 0.70);
  EXPECT_LT(Score("Aarna Kale", "Erhan Culha", Schema::kPerson), 0.70);
  EXPECT_GE(Score("Jon Smith", "John Smith", Schema::kPerson), 0.85);
  EXPECT_GE(Score("KIM SKO CHOL", "KIM SOK CHOL", Schema::kPerson), 0.85);  // transposed
  EXPECT_GE(Score("محمد علي", "Mohamed Ali", Schema::kPerson), 0.85);
}

// Pinyin syllables are characters: "ming" is not "ping". Korean syllables
// spelt by different systems keep their onset ("jeong" ~ "jong").
TEST(ScorerTest, SyllablesOfChineseAndKoreanNames) {
  EXPECT_LT(Score("明 晨 郭", "Chen Guo Ping", Schema::kPerson), 0.70);
  EXPECT_GE(Score("郭晨明", "Guo Chen Ming", Schema::kPerson), 0.95);
  EXPECT_LT(Score("영숙 김", "Kim Chong Sik", Schema::kPerson), 0.70);
  EXPECT_GE(Score("김정은", "Kim Jong Un", Schema::kPerson), 0.70);
  EXPECT_LT(Score("성호 김", "Kim Sang Ho", Schema::kPerson), 0.70);  // 성 is not 상
  EXPECT_GE(Score("광수 최", "Choe Kwang Su", Schema::kPerson), 0.85);
  // A syllable of the query left out (here the family name) costs more than
  // a Latin word would.
  EXPECT_LT(Score("斌 莉 徐", "Xu Bin", Schema::kPerson), 0.70);
  EXPECT_LT(Score("수빈 최", "Su Bin", Schema::kPerson), 0.70);
  // 오 is a family name, not an initial: leaving it out costs a whole word.
  EXPECT_LT(Score("수빈 오", "Su Bin", Schema::kPerson),
            Score("수빈", "Su Bin", Schema::kPerson) - 0.1);
}

// "X bin Y" is X, child of Y: swapping the two is another person; the same
// names in the same roles still match.
TEST(ScorerTest, SyllabicQueryMissingListSyllable) {
  // A two-syllable Chinese or Korean name against a Latin name with a third
  // syllable: the extra syllable is another given name.
  EXPECT_LT(Score("静 林", "Jing He Lin", Schema::kPerson), 0.70);
  EXPECT_LT(Score("김정", "Kim Jong Un", Schema::kPerson), 0.70);
  EXPECT_GE(Score("静 林", "Lin Jing", Schema::kPerson), 0.85);
  EXPECT_GE(Score("김정은", "Kim Jong Un", Schema::kPerson), 0.80);
  // Syllables of a given name in another order are another name; the family
  // name moved to the front or back (a rotation) is the same name.
  EXPECT_LT(Score("광수 김", "Su-Kwang KIM", Schema::kPerson), 0.70);
  EXPECT_GE(Score("광수 김", "Kwang-Su KIM", Schema::kPerson), 0.95);
  // North Korean names are listed in their own spelling (김여정 KIM Yo Jong,
  // 노광철 NO Kwang Chol); two names in Hangul are still compared in Hangul,
  // where 정 and 종 differ.
  EXPECT_GE(Score("김여정", "KIM Yo Jong", Schema::kPerson), 0.95);
  EXPECT_GE(Score("노광철", "NO Kwang Chol", Schema::kPerson), 0.95);
  EXPECT_GE(Score("리병철", "RI Pyong Chol", Schema::kPerson), 0.95);
  EXPECT_LT(Score("김정은", "김종은", Schema::kPerson), 0.70);
  // The North Korean reading's syllables match approximately only with the
  // same vowels: 재경 "jae kyong" ~ "Jae-gyong", but 준 "jun" is not "Jin".
  EXPECT_GE(Score("박재경", "PAK Jae-gyong", Schema::kPerson), 0.85);
  EXPECT_LT(Score("준혁 박", "PAK Jin Hyok", Schema::kPerson), 0.70);
  // A two-syllable given name alone or beside a surname gets the reading too.
  EXPECT_GE(Score("영식 박", "PAK YONG SIK", Schema::kPerson), 0.95);
  EXPECT_GE(Score("광수 김", "Kim Kwang Su", Schema::kPerson), 0.90);
}

TEST(ScorerTest, SchemaGuessNeedsAnOrganisationMarker) {
  using match::GuessSchema;
  // Legal forms and company words that cannot be a name syllable.
  EXPECT_EQ(GuessSchema("Acme LLC"), Schema::kCompany);
  EXPECT_EQ(GuessSchema("OOO Romashka"), Schema::kCompany);
  EXPECT_EQ(GuessSchema("Rosneft PAO"), Schema::kCompany);
  EXPECT_EQ(GuessSchema("Siemens AG"), Schema::kCompany);
  EXPECT_EQ(GuessSchema("Bank Melli Iran"), Schema::kCompany);
  EXPECT_EQ(GuessSchema("Vladimir Putin"), Schema::kPerson);
  // One consonant-vowel(-consonant) token that is also in a legal-form or
  // company-word table ("sem", one Han character romanised "yu") is as
  // likely a name part: on its own it does not make an organisation.
  EXPECT_EQ(GuessSchema("Tarak Sem"), Schema::kPerson);
  EXPECT_EQ(GuessSchema("秀英 余"), Schema::kPerson);
  EXPECT_EQ(GuessSchema("Kim Sa Rang"), Schema::kPerson);
  // Written as its letters apart, such a legal form is one: CREDISA S.A. is
  // on the SDN list (the syllable reading screened it as a person's name,
  // S and A initials). As one word it stays ambiguous.
  EXPECT_EQ(GuessSchema("CREDISA S.A."), Schema::kCompany);
  EXPECT_EQ(GuessSchema("Pacific Traders S. A. S."), Schema::kCompany);
  EXPECT_EQ(GuessSchema("Credisa SA"), Schema::kPerson);
  // A legal form among words that are all syllables of a Chinese name is
  // one of them: Yu Liang PAO (SDN: PAO, Yu Liang).
  EXPECT_EQ(GuessSchema("Yu Liang PAO"), Schema::kPerson);
  EXPECT_EQ(GuessSchema("Yu Liang P.A.O."), Schema::kCompany);
  EXPECT_EQ(GuessSchema("Sberbank PAO"), Schema::kCompany);
  // A country's name is no company word (the company analysis spells UK
  // out as "united kingdom"): PAE WON UK is a North Korean on the UN list.
  EXPECT_EQ(GuessSchema("PAE WON UK"), Schema::kPerson);
  EXPECT_EQ(GuessSchema("John Smith USA"), Schema::kPerson);
  EXPECT_EQ(GuessSchema("Acme UK Ltd"), Schema::kCompany);
  EXPECT_EQ(GuessSchema("United Trading"), Schema::kCompany);
}

// Without a schema, a known trade name alone (text::KnownTradeName) is
// compared as a company, as the screener scores it against a listed
// company; read as a person's name (two or four syllables) it matched
// nothing. A person's name that holds a trade name keeps its reading.
TEST(ScorerTest, CompareReadsAKnownTradeNameAsACompany) {
  EXPECT_EQ(Score("海康威视", "Hikvision"), Score("海康威视", "Hikvision", Schema::kCompany));
  EXPECT_GE(Score("海康威视", "Hikvision"), 0.95);
  EXPECT_LT(Score("海康威视", "Hikvision", Schema::kPerson), 0.70);
  EXPECT_GE(Score("Huawei", "华为"), 0.95);
  EXPECT_EQ(Score("李大华", "Li Dahua"), Score("李大华", "Li Dahua", Schema::kPerson));
  EXPECT_NE(CompareNames("海康威视", "Hikvision").features.front().detail.find("as Company"),
            std::string::npos);
}

// A word of three letters or fewer paired by its phonetic key with a word
// romanised from Arabic script also needs that word's first consonant when
// both begin with one: the key of such a word is one or two consonant
// classes (z = s, t = d). A first vowel is any vowel (Wikidata's ein / عين).
TEST(ScorerTest, ShortWordPhoneticPairWithAbjadNeedsFirstConsonant) {
  const NamePairs pairs = {{"ZTE", "سعيد سعيد"}, {"Vad", "فيض"}};
  const auto [on, off] = ScoresOnOff(pairs, Schema::kPerson,
                                     [](match::ScorerParams& p) { p.strict_phonetic_abjad = 0; });
  for (size_t i = 0; i < pairs.size(); ++i) {
    EXPECT_LT(on[i], 0.70) << pairs[i].first;
    EXPECT_GE(off[i], 0.70) << pairs[i].first;
  }
  EXPECT_GE(Score("ein", "عين", Schema::kPerson), 0.70);
  EXPECT_GE(Score("ous", "أوس", Schema::kPerson), 0.70);
}

// Two companies' names in Han are compared in Han, cut into their words
// (text::NativeOrgTokens): the place of registration, the company words and
// the legal form weigh as they do in Latin letters, and traditional
// characters meet simplified ones. Compared as whole strings, a name without
// its place (or in the other characters) met nothing, and one character
// changed in the trade name still scored high.
TEST(ScorerTest, HanCompanyNamesComparedByTheirWords) {
  EXPECT_GE(Score("百胜动力科技有限公司", "苏州百胜动力科技有限公司", Schema::kCompany), 0.85);
  EXPECT_GE(Score("恒邦微电子有限公司", "香港恒邦微電子有限公司", Schema::kCompany), 0.85);
  EXPECT_GE(Score("华为技术有限公司", "華為技術有限公司", Schema::kCompany), 0.99);
  // 华威 (huawei too) is another trade name.
  EXPECT_LT(Score("华为技术有限公司", "华威技术有限公司", Schema::kCompany), 0.70);
  // The trade name alone scores as its English name does against the
  // romanised Han name.
  EXPECT_DOUBLE_EQ(Score("华为", "深圳华为技术有限公司", Schema::kCompany),
                   Score("Huawei", "深圳华为技术有限公司", Schema::kCompany));
  // People's names are not cut: the family name and given name stay one word.
  EXPECT_LT(Score("王伟", "汪伟", Schema::kPerson), 0.70);
}

TEST(ScorerTest, LineageSwapIsAnotherPerson) {
  EXPECT_LT(Score("SALMAN BIN MUHAMMAD AL-RAWI", "MUHAMMAD BIN SALMAN AL-RAWI", Schema::kPerson),
            0.70);
  EXPECT_GE(Score("SALMAN BIN MUHAMMAD AL-RAWI", "Salman bin Muhammad al-Rawi", Schema::kPerson),
            0.95);
  EXPECT_GE(Score("Mohammed bin Salman", "Mohamed bin Salman", Schema::kPerson), 0.85);
  // A name of several words on one side of the connector.
  EXPECT_LT(
      Score("IBRAHIM BIN AL-DIN AL-MASRI", "SAIF-AL-DIN BIN IBRAHIM AL-MASRI", Schema::kPerson),
      0.70);
  // No swap: the family name moved to the front of the list's name (its
  // several connectors pair by position), a list naming fewer generations,
  // and a connector with no name before it (the Chinese given name Bin).
  EXPECT_GE(Score("Nabil Ben Mohamed Ben Ali BEN ATTIA", "BEN ATTIA, Nabil Ben Mohamed Ben Ali",
                  Schema::kPerson),
            0.95);
  EXPECT_GE(Score("Al-Habib ben Ahmad ben al-Tayib AL-LUBIRI", "HABIB BEN AHMED AL-LOUBIRI",
                  Schema::kPerson),
            0.75);
  EXPECT_GE(Score("Bin XU", "XU, Bin", Schema::kPerson), 0.95);
}

// Feminine and masculine forms of a name are different people.
TEST(ScorerTest, GenderedFormsAreNotTypos) {
  EXPECT_LT(Score("Maria Lopez Garcia", "Mario Lopez Garcia", Schema::kPerson),
            Score("Maria Lopez Garcia", "Marla Lopez Garcia", Schema::kPerson));
  EXPECT_LT(Score("Angela Merkel", "Angelo Merkel", Schema::kPerson), 0.70);
  // A woman's Slavic surname against a man's of a near stem: another
  // person, although the two spellings pair phonetically.
  EXPECT_LT(Score("Olga Barynova", "Oleg BARANOV", Schema::kPerson), 0.70);
  EXPECT_GE(WithoutRule(&match::ScorerParams::gendered_forms_differ,
                        [] { return Score("Olga Barynova", "Oleg BARANOV", Schema::kPerson); }),
            0.70);
  // Two spellings of one woman's (or one man's) surname still pair.
  EXPECT_GE(Score("Olga Barynova", "Olga Barinova", Schema::kPerson), 0.85);
  EXPECT_GE(Score("Ivan Semenov", "Ivan Semyonov", Schema::kPerson), 0.85);
}

// The transposition exception of the phonetic spelling check is one swap of
// neighbouring letters ("sko" / "sok"), not any rearrangement of the
// letters: "sima" / "sami" share a phonetic key and their letters, but not
// their spelling.
TEST(ScorerTest, PhoneticTranspositionIsOneSwap) {
  EXPECT_LT(Score("Sima", "Sami", Schema::kPerson), 0.70);
  EXPECT_LT(Score("Tarlo Nemi", "Tarlo Nime", Schema::kPerson),
            Score("Tarlo Nemi", "Tarlo Nemi", Schema::kPerson) - 0.2);
  EXPECT_GE(Score("Tarlo Nemi", "Tarlo Enmi", Schema::kPerson), 0.80);
}

// Jaro-Winkler rewards a shared prefix; between Latin names a pair also
// needs 60% of its letters kept (a swap of neighbours is one edit).
TEST(ScorerTest, JaroWinklerPairsNeedSharedSpelling) {
  // "martelly" rewrites half of "martinez" (JW 0.89).
  EXPECT_LT(Score("Orlen Martinez", "Orlen Martelly", Schema::kPerson), 0.70);
  EXPECT_LT(Score("Petropars Trading", "Petrokick Trading", Schema::kCompany), 0.70);
  // Swapped neighbours and one-letter typos keep their pair.
  EXPECT_GE(Score("Baid Kovalenko", "Abid Kovalenko", Schema::kPerson), 0.80);
  EXPECT_GE(Score("Orlen Martines", "Orlen Martinez", Schema::kPerson), 0.85);
}

// A Korean syllable paired through the variant table keeps its onset too:
// 정 (jeong, jung) is not 영 (yeong, young).
TEST(ScorerTest, KoreanVariantPairsKeepTheirOnset) {
  EXPECT_LT(Score("정남 김", "Young-Nam KIM", Schema::kPerson), 0.70);
  EXPECT_GE(Score("정남 김", "Jong-Nam KIM", Schema::kPerson), 0.85);
  EXPECT_GE(Score("영남 김", "Young-Nam KIM", Schema::kPerson), 0.85);
}

// Arabic script writes every consonant: a phonetic pair with a token
// romanised from it needs the same consonant skeleton, not only the same
// phonetic key (which merges a consonant repeated across a vowel).
TEST(ScorerTest, ArabicPhoneticPairsKeepTheirConsonants) {
  // مهدي (mahdi, m-h-d) is not Muhammad (m-h-m-d), though both key to MT.
  EXPECT_LT(Score("مهدي سليماني", "Muhammad Sulaymani", Schema::kPerson), 0.70);
  EXPECT_GE(Score("محمد سليماني", "Muhammad Sulaymani", Schema::kPerson), 0.85);
  EXPECT_GE(Score("مهدي سليماني", "Mehdi Sulaymani", Schema::kPerson), 0.70);
}

// A name made only of legal forms ("OOO AG") has nothing else to match on:
// its words count as words, so another bare legal form of the same kind
// ("GmbH", also a limited liability company) is not the same name.
TEST(ScorerTest, NameOfOnlyLegalFormsComparesItsWords) {
  for (const char* form : {"GmbH", "OOO", "AG"}) {
    const auto forms = text::AnalyzeName(form, Schema::kCompany);
    ASSERT_EQ(forms[0].tokens.size(), 1u) << form;
    ASSERT_EQ(forms[0].tokens[0].kind, text::TokenKind::kLegalForm) << form;
  }
  EXPECT_LT(Score("GmbH", "OOO AG", Schema::kCompany), 0.70);
  EXPECT_LT(Score("OOO AG", "GmbH", Schema::kCompany), 0.70);
  EXPECT_DOUBLE_EQ(Score("OOO AG", "OOO AG", Schema::kCompany), 1.0);
  // A bare legal form against a company that has a name of its own.
  EXPECT_LT(Score("GmbH", "OOO Zentrivax", Schema::kCompany), 0.70);
}

// Keys of the explanation of a comparison.
std::set<std::string> Keys(const std::string& a, const std::string& b,
                           Schema schema = Schema::kPerson) {
  std::set<std::string> keys;
  for (const TokenMatch& t : CompareNames(a, b, schema).tokens) keys.insert(t.key);
  return keys;
}

// Korean syllables ending in a consonant keep their final consonant: 김 (kim) is
// not 길 (kil), 현 (hyon) is not 혁 (hyok).
TEST(ScorerTest, KoreanSyllablesKeepTheirFinalConsonant) {
  EXPECT_LT(Score("도훈 김", "KIL, Do Hun", Schema::kPerson), 0.70);
  EXPECT_GE(Score("도훈 김", "KIM, Do Hun", Schema::kPerson), 0.85);
  EXPECT_LT(Score("도현 박", "PAK, To Hyok", Schema::kPerson), 0.70);
  EXPECT_GE(Score("도현 박", "PAK, To Hyon", Schema::kPerson), 0.85);
  EXPECT_TRUE(Keys("도훈 김", "KIL, Do Hun").count("unmatched:korean_syllables"));
}

// A familiar form and its given name pair (Bill / William, Misha / Mikhail,
// Sasha / any spelling of Aleksandr), one way only: Ted is a form of Edward
// and of Theodore, which stay two names.
TEST(ScorerTest, FamiliarFormsOfGivenNames) {
  EXPECT_GE(Score("Bill Gates", "William Gates", Schema::kPerson), 0.85);
  EXPECT_GE(Score("Misha Gusev", "Mikhail Gusev", Schema::kPerson), 0.85);
  EXPECT_GE(Score("Sasha Ivanov", "Alexander Ivanov", Schema::kPerson), 0.85);
  EXPECT_TRUE(Keys("Bill Gates", "William Gates").count("familiar_form"));
  EXPECT_GE(Score("Ted Doe", "Edward Doe", Schema::kPerson), 0.85);
  EXPECT_GE(Score("Ted Doe", "Theodore Doe", Schema::kPerson), 0.85);
  EXPECT_LT(Score("Edward Doe", "Theodore Doe", Schema::kPerson), 0.70);
  EXPECT_LT(Score("Bill Gates", "Robert Gates", Schema::kPerson), 0.70);
}

// Two spellings of one canonical key pair as a variant at sim_variant, or,
// in long words (variant_fuzzy_min_len), at their spellings' similarity when
// that is higher: a long word respelt in one letter is no less alike for
// also being a variant. Short words keep sim_variant.
TEST(ScorerTest, VariantPairScoresAtLeastItsSpelling) {
  const std::string a = "belspetsvneshtechnika", b = "belspetsvneshtekhnika";
  ASSERT_EQ(text::VariantKey(a), text::VariantKey(b));
  const double ratio =
      1.0 - static_cast<double>(match::reference::Levenshtein<char>(a, b)) / b.size();
  ASSERT_GT(ratio, match::DefaultScorerParams().sim_variant);
  const CompareResult r = CompareNames(a, b, Schema::kCompany);
  ASSERT_EQ(r.tokens.size(), 1u);
  EXPECT_EQ(r.tokens[0].key, "variant");
  EXPECT_GE(r.tokens[0].similarity, ratio - 1e-9);
  ASSERT_GE(a.size(), static_cast<size_t>(match::DefaultScorerParams().variant_fuzzy_min_len));
  // A short pair keeps sim_variant.
  const CompareResult s = CompareNames("Rostekh", "Rostec", Schema::kCompany);
  ASSERT_EQ(s.tokens.size(), 1u);
  EXPECT_EQ(s.tokens[0].key, "variant");
  EXPECT_DOUBLE_EQ(s.tokens[0].similarity, match::DefaultScorerParams().sim_variant);
}

// A Russian adjective of a place pairs with the place in an organisation's
// name (Казанский вертолетный завод is the Kazan Helicopter Plant), in
// every declension and spelling, and not in a person's name: Zhukovskiy is
// not Zhukov.
TEST(ScorerTest, PlaceAdjectivesPairWithThePlaceInOrganisationNames) {
  for (const char* adjective : {"Kazanskiy", "Kazanskaya", "Kazanskogo", "KAZANSKII", "Kazansky"}) {
    const CompareResult r =
        CompareNames(std::string(adjective) + " Tovarenko", "Kazan Tovarenko", Schema::kCompany);
    ASSERT_FALSE(r.tokens.empty()) << adjective;
    EXPECT_EQ(r.tokens[0].key, "place_adjective") << adjective;
    EXPECT_GE(r.score, 0.85) << adjective;
  }
  // The place's final -sk or vowel belongs to the place, not to the stem
  // (the company word pairs as a variant: 0.80).
  EXPECT_GE(Score("Izhevskiy Zavod", "Izhevsk Plant", Schema::kCompany), 0.75);
  EXPECT_GE(Score("Samarskiy Zavod", "Samara Plant", Schema::kCompany), 0.75);
  EXPECT_GE(Score("Чебоксарский завод", "Cheboksary Plant", Schema::kCompany), 0.75);
  // Another place, and a person's surname.
  EXPECT_LT(Score("Kazanskiy Zavod", "Kazakh Plant", Schema::kCompany), 0.70);
  EXPECT_LT(Score("Ivan Zhukovskiy", "Ivan Zhukov", Schema::kPerson), 0.70);
  EXPECT_FALSE(Keys("Ivan Zhukovskiy", "Ivan Zhukov").count("place_adjective"));
}

// An English country adjective pairs with the country in an organisation's
// name (IRANIAN / Iran, CHINA / Chinese), as a Russian place adjective
// does; another country's adjective does not, nor does a person's name.
TEST(ScorerTest, CountryAdjectivesPairWithTheCountryInOrganisationNames) {
  for (const auto& [a, b] : NamePairs{
           {"Iran Aviation Industries Organization", "IRANIAN AVIATION INDUSTRIES ORGANIZATION"},
           {"Chinese Academy of Sciences", "CHINA ACADEMY OF SCIENCES"},
           {"Syria Arab Airlines", "SYRIAN ARAB AIRLINES"}}) {
    EXPECT_GE(Score(a, b, Schema::kCompany), 0.85) << a << " / " << b;
    EXPECT_EQ(Keys(a, b, Schema::kCompany).count("place_adjective"), 1u) << a << " / " << b;
  }
  EXPECT_LT(Score("Iraqi Aviation Industries Organization", "IRAN AVIATION INDUSTRIES ORGANIZATION",
                  Schema::kCompany),
            Score("Iranian Aviation Industries Organization",
                  "IRAN AVIATION INDUSTRIES ORGANIZATION", Schema::kCompany));
  EXPECT_FALSE(Keys("Iraqi Aviation Industries", "IRAN AVIATION INDUSTRIES", Schema::kCompany)
                   .count("place_adjective"));
  EXPECT_FALSE(Keys("Ivan Russian", "Ivan Russia").count("place_adjective"));
}

// The names written together count only for words split or merged: two
// names that share whole words at their ends and differ between them are
// two names (SES / MKS INTERNATIONAL), unless what lies between is alike
// (PIR ABASSI / PIRABBASI) or one side's rest ends the other's (N.A. read
// as a legal form took the letters of NAZ).
TEST(ScorerTest, JoinedTextsNeedTheWordsBetweenTheEndsAlike) {
  ASSERT_TRUE(match::DefaultScorerParams().joined_ends_differ);
  const NamePairs refused = {{"SES INTERNATIONAL CORP", "MKS INTERNATIONAL"},
                             {"TIBA PETROCHEMICAL COMPANY DMCC", "ILAM PETROCHEMICAL COMPANY"}};
  const auto [on, off] = ScoresOnOff(refused, Schema::kCompany,
                                     [](match::ScorerParams& p) { p.joined_ends_differ = false; });
  for (size_t i = 0; i < refused.size(); ++i) {
    EXPECT_LT(on[i], 0.70) << refused[i].first;
    EXPECT_GE(off[i], 0.70) << refused[i].first;
  }
  const NamePairs kept = {{"Abbas PIR ABASSI", "Abbas PIRABBASI"},
                          {"N.A.Z. TECHNOLOGY", "NAZ TECHNOLOGY CORPORATION LTD"},
                          {"STROY TRANSGAZ", "STROYTRANSGAZ"}};
  const auto [kept_on, kept_off] = ScoresOnOff(
      kept, Schema::kCompany, [](match::ScorerParams& p) { p.joined_ends_differ = false; });
  for (size_t i = 0; i < kept.size(); ++i) {
    EXPECT_DOUBLE_EQ(kept_on[i], kept_off[i]) << kept[i].first;
    EXPECT_GE(kept_on[i], 0.70) << kept[i].first;
  }
}

// Two codes (words holding digits) pair approximately only when their
// digits agree: the aircraft YV2726 is not YV2762, but may be YW2726. A
// word with digits against one without (a slip: I9or / Igor) is not a code
// pair.
TEST(ScorerTest, CodesWithOtherDigitsDoNotPair) {
  ASSERT_TRUE(match::DefaultScorerParams().code_digits_differ);
  for (const auto& [a, b] : NamePairs{{"YV2726", "YV2762"}, {"YV2485", "YV2486"}}) {
    EXPECT_LT(Score(a, b, Schema::kAircraft), 0.70) << a << " / " << b;
    EXPECT_GE(WithoutRule(&match::ScorerParams::code_digits_differ,
                          [&] { return Score(a, b, Schema::kAircraft); }),
              0.70)
        << a << " / " << b;
  }
  // The same digits with another letter still pair.
  const double same_digits = Score("YV2726", "YW2726", Schema::kAircraft);
  EXPECT_GE(same_digits, 0.70);
  EXPECT_DOUBLE_EQ(same_digits, WithoutRule(&match::ScorerParams::code_digits_differ, [] {
                     return Score("YV2726", "YW2726", Schema::kAircraft);
                   }));
  EXPECT_GE(Score("I9or Sech1n", "Igor Sechin", Schema::kPerson), 0.70);
}

// An organisation's name that is one short word (an acronym) pairs with
// another only by the same text: ABB is not AAB (spelling variant: doubled
// letters), IBM not IIB (Jaro-Winkler), MTU not ASBL (both read as a
// non-profit association), and a Chinese name's translated trade name no
// more than a Latin one (大疆 "dji" / JI). A slip in a short word beside
// others still pairs (name_bench: CVC Health Corporation / CVS Health
// Corporation), and persons' short names keep their variants (Ri / Li).
TEST(ScorerTest, ShortOrganisationWordsPairOnlyExactly) {
  ASSERT_EQ(match::DefaultScorerParams().short_org_words, 3);
  const auto off = [](match::ScorerParams& p) { p.short_org_words = 0; };
  const NamePairs refused{{"ABB", "AAB"},  {"IBM", "IIB"},  {"SMP", "SSM"},
                          {"DJI", "JI"},   {"MTU", "ASBL"}, {"SBT S.A.", "SABITI"},
                          {"DOV", "DOVE"}, {"大疆", "JI"}};  // the translated form's "dji"
  const auto [on, without] = ScoresOnOff(refused, Schema::kOrganization, off);
  for (size_t i = 0; i < refused.size(); ++i) {
    EXPECT_LT(on[i], 0.70) << refused[i].first << " / " << refused[i].second;
    EXPECT_GE(without[i], 0.70) << refused[i].first << " / " << refused[i].second;
  }
  const NamePairs kept{{"CVC Health Corporation", "CVS Health Corporation"},
                       {"VTB", "VTB Bank"},
                       {"SMP OJSC", "SMP"}};
  const auto [k_on, k_without] = ScoresOnOff(kept, Schema::kCompany, off);
  EXPECT_EQ(k_on, k_without);
  EXPECT_GE(k_on[0], 0.70);
  const NamePairs persons{{"RI Yong", "LI Yong"}, {"Ali Abu", "Aly Abu"}};
  const auto [p_on, p_without] = ScoresOnOff(persons, Schema::kPerson, off);
  EXPECT_EQ(p_on, p_without);
}

// A code written apart is the code written together (a number left
// unmatched blocks the joined texts only when they differ): YV-2726 and YV
// 2726 are YV2726; "Bowne Global Solutions" is not "... Solutions 2".
TEST(ScorerTest, CodesWrittenApartMeetTheCode) {
  for (const char* q : {"YV-2726", "YV 2726"}) {
    EXPECT_GE(Score(q, "YV2726", Schema::kAircraft), 0.95) << q;
  }
  EXPECT_GE(Score("EX35011", "EX-35011", Schema::kAircraft), 0.95);
  EXPECT_LT(Score("YV-2726", "YV2762", Schema::kAircraft), 0.70);
  // (The joined texts' explanation key is "levenshtein".)
  EXPECT_TRUE(Keys("YV-2726", "YV2726", Schema::kAircraft).count("levenshtein"));
  EXPECT_FALSE(Keys("Bowne Global Solutions 2", "Bowne Global Solutions", Schema::kCompany)
                   .count("levenshtein"));
}

// Company words naming two lines of business, one left on each side of two
// organisations' names, conflict at business_word_conflict times an unmatched
// word's cost: China State Construction Equipment is not ... Engineering.
// A line of business against a word that is no company word (a Chinese
// trade name in pinyin against its translation), or on one side only, does
// not count.
TEST(ScorerTest, TwoLinesOfBusinessConflict) {
  ASSERT_GT(match::DefaultScorerParams().business_word_conflict, 0.0);
  const NamePairs conflicting = {
      {"China State Construction Equipment Corporation",
       "China State Construction Engineering Corporation"},
      {"IRANIAN COMMUNICATIONS REGULATORY AUTHORITY", "IRAN NUCLEAR REGULATORY AUTHORITY"},
      // Gas and oil (petroleum) are both lines of business.
      {"Caspian Gas Trading LLC", "Caspian Oil Trading LLC"}};
  const auto [on, off] = ScoresOnOff(conflicting, Schema::kCompany,
                                     [](match::ScorerParams& p) { p.business_word_conflict = 0; });
  for (size_t i = 0; i < conflicting.size(); ++i) {
    EXPECT_LT(on[i], off[i] - 0.05) << conflicting[i].first;
    EXPECT_LT(on[i], 0.70) << conflicting[i].first;
  }
  EXPECT_GE(off[0], 0.70);
  const NamePairs kept = {
      {"通用技术集团大连机床有限责任公司", "General Technology Group Dalian Machine Tool Co., Ltd"},
      {"IRAN ELECTRONICS INDUSTRIES", "IRAN ELECTRONICS"},
      {"Almaz Antey Air Defence Concern", "Almaz Antey Concern"}};
  const auto [kept_on, kept_off] = ScoresOnOff(
      kept, Schema::kCompany, [](match::ScorerParams& p) { p.business_word_conflict = 0; });
  for (size_t i = 0; i < kept.size(); ++i) {
    EXPECT_DOUBLE_EQ(kept_on[i], kept_off[i]) << kept[i].first;
  }
}

// A person's initials written together or in Cyrillic meet the given names.
TEST(ScorerTest, JoinedAndCyrillicInitialsMeetGivenNames) {
  const std::string putin = "Vladimir Vladimirovich Putin";
  for (const char* q : {"Putin VV", "VV Putin", "Путин ВВ", "Путин В.В.", "В. В. Путин"}) {
    EXPECT_GE(Score(q, putin, Schema::kPerson), 0.75) << q;
  }
  EXPECT_GE(Score("Иванов И.И.", "Ivan Ivanovich Ivanov", Schema::kPerson), 0.75);
  EXPECT_GE(Score("JC Juncker", "Jean-Claude Juncker", Schema::kPerson), 0.75);
  // Other initials stay apart.
  EXPECT_LT(Score("Putin AV", putin, Schema::kPerson), Score("Putin VV", putin, Schema::kPerson));
  EXPECT_LT(Score("Путин А.В.", putin, Schema::kPerson), 0.80);
}

// A place of Ukraine in its Ukrainian spelling pairs with its Russian
// spelling and the Russian adjective (Kharkiv, Kharkov, Харьковский), in an
// organisation's name; other places and persons' names stay apart.
TEST(ScorerTest, UkrainianAndRussianSpellingsOfOnePlacePair) {
  EXPECT_GE(Score("Харьковский тракторный завод", "Kharkiv Tractor Plant", Schema::kCompany), 0.75);
  EXPECT_GE(Score("Николаевский завод", "Mykolaiv Plant", Schema::kCompany), 0.75);
  EXPECT_GE(Score("Луганский экономический союз", "LUHANSK ECONOMIC UNION", Schema::kCompany),
            0.75);
  EXPECT_EQ(
      Keys("Запорожский завод", "Zaporizhzhia Plant", Schema::kCompany).count("place_adjective"),
      1u);
  EXPECT_EQ(Keys("Kyiv Plant", "Kiev Plant", Schema::kCompany).count("place_spelling"), 1u);
  EXPECT_EQ(Keys("Horlivka Mine", "Gorlovka Mine", Schema::kCompany).count("place_spelling"), 1u);
  EXPECT_LT(Score("Kharkiv Plant", "Kherson Plant", Schema::kCompany), 0.70);
  EXPECT_LT(Score("Kharkivskyi Zavod", "Kirovohrad Plant", Schema::kCompany), 0.70);
  EXPECT_FALSE(Keys("Ivan Kharkiv", "Ivan Kharkov").count("place_spelling"));
}

// The UK list's Belarusian and Russian spellings of one man (groups 15110,
// 14937 ...): -au / -eu for -ov / -ev, Dzianis for Denis, Stsiapanavich for
// Stepanovich, and a -ka surname against -ko, which is no woman's form in
// a name whose patronymic is a man's.
TEST(ScorerTest, BelarusianSurnamesAndAMansPatronymic) {
  EXPECT_GE(
      Score("Dzianis Aliaksandravich MIKUSHEU", "Denis Alexandrovich MIKUSHEV", Schema::kPerson),
      0.80);
  EXPECT_GE(
      Score("Uladzimir Stsiapanavich KARANIK", "Vladimir Stepanovich KARANIK", Schema::kPerson),
      0.85);
  EXPECT_GE(Score("Arciom Kanstantinavich DUNKA", "Artem Konstantinovich DUNKO", Schema::kPerson),
            0.80);
  EXPECT_GE(Score("Ivan BYKAU", "Ivan BYKOV", Schema::kPerson), 0.85);
  // Latvian adds -s to a man's name: Sergejs Lavrovs is Sergey Lavrov.
  EXPECT_GE(Score("Sergejs Lavrovs", "Sergey LAVROV", Schema::kPerson), 0.80);
  EXPECT_TRUE(Keys("Sergejs Lavrovs", "Sergey LAVROV").count("variant"));
  // (Not English -ins: Collins and Collin are no spelling variants.)
  EXPECT_FALSE(Keys("Collins", "Collin").count("variant"));
  // French -eau is no Belarusian ending.
  EXPECT_LT(Score("Pierre LEBEAU", "Pierre LEBOV", Schema::kPerson), 0.70);
  // A woman's surname stays apart from a man's.
  EXPECT_LT(Score("Natalia Ivanovna IVANOVA", "Nikolai Ivanovich IVANOV", Schema::kPerson), 0.70);
  EXPECT_LT(Score("Maria Lopez", "Mario Lopez", Schema::kPerson), 0.70);
}

// The same letters with a word boundary moved, as many words on each side
// (the yente "treated" UN positives: AREFULLAHA REF for AREFULLAH AREF),
// score as their joined texts; not when a differing word is shorter than
// three letters, as Chinese and Korean syllables are (Li Nan / Lin An).
TEST(ScorerTest, WordBoundaryMoved) {
  EXPECT_GE(
      Score("AREFULLAHA REF GHAZI MOHAMMAD", "AREFULLAH AREF GHAZI MOHAMMAD", Schema::kPerson),
      0.95);
  EXPECT_GE(Score("CHANG MYONGC-HIN", "CHANG MYONG-CHIN", Schema::kPerson), 0.95);
  EXPECT_LT(Score("Kim Jon Gil", "Kim Jong Il", Schema::kPerson), 0.95);
  EXPECT_LT(Score("Maria Lopez", "Mario Lopez", Schema::kPerson), 0.70);
}

// An organisation named after a person has the person's name in the
// genitive (завод имени Дегтярева): the final -a is no woman's form there,
// and "named after" with the person's initials weighs little, since
// translations drop them.
TEST(ScorerTest, OrganisationsNamedAfterAPerson) {
  EXPECT_GE(Score("Завод имени Дегтярева", "Degtyarev Plant", Schema::kCompany), 0.70);
  EXPECT_GE(Score("Научно-производственное объединение имени С.А. Лавочкина",
                  "Lavochkin Scientific Production Association", Schema::kCompany),
            0.70);
  // A person's name keeps the rule: Luisa is not Luis.
  EXPECT_LT(Score("Luisa Lopez", "Luis Lopez", Schema::kPerson), 0.70);
}

// The named-after clause in Latin letters: IM (elsewhere a Moldovan legal
// form), IMENI, NAMED AFTER, N.A. before initials, BY NAME; the initials
// after it, written together or not, weigh as little as the marker; the
// person's surname is read in the nominative (DEGTYAREVA ~ DEGTYAREV).
// A long query's last word may have been cut short by a message field: it
// pairs with a longer list word it begins, and only then.
TEST(ScorerTest, TruncatedLastWordOfALongName) {
  auto key_of = [](const std::string& a, const std::string& b, const std::string& token) {
    for (const TokenMatch& t : CompareNames(a, b, Schema::kCompany).tokens) {
      if (t.query_token == token) return t.key;
    }
    return std::string("(none)");
  };
  const std::string listed = "JOINT STOCK COMPANY CONCERN RADIOELECTRONIC TECHNOLOGIES";
  // 33 characters, as a 35-character field line keeps them.
  const std::string cut = "JOINT STOCK COMPANY CONCERN RADIO";
  EXPECT_EQ(key_of(cut, listed, "radio"), "truncated");
  EXPECT_GE(Score(cut, listed, Schema::kCompany), 0.70);
  // A short name was not cut by a field: RADIO stays a word of its own.
  EXPECT_EQ(key_of("CONCERN RADIO", "CONCERN RADIOELECTRONIC TECHNOLOGIES", "radio"), "unmatched");
  EXPECT_LT(Score("CONCERN RADIO", "CONCERN RADIOELECTRONIC TECHNOLOGIES", Schema::kCompany),
            Score(cut, listed, Schema::kCompany));
  // Three letters are too few to say which word they begin.
  EXPECT_NE(key_of("JOINT STOCK COMPANY CONCERN RAD", listed, "rad"), "truncated");
  // Only the last word, and only as the start of the list word.
  EXPECT_NE(key_of("JOINT STOCK COMPANY RADIO CONCERN", listed, "radio"), "truncated");
  EXPECT_NE(key_of("JOINT STOCK COMPANY CONCERN ADIOE", listed, "adioe"), "truncated");
  // A whole company word that a legal form begins with (GROUP: groupement
  // d'interet economique) is a word of the name, also in a name that fills
  // a 35-character field line.
  const std::string group = "LIMITED LIABILITY COMPANY INVEST GROUP";
  EXPECT_EQ(key_of(group, group, "group"), "exact");
  EXPECT_GE(Score(group, group, Schema::kCompany), 0.99);
  const std::string rsb = "LIMITED LIABILITY COMPANY RSB-GROUP";  // 35 characters
  EXPECT_EQ(key_of(rsb, rsb, "group"), "exact");
  EXPECT_GE(Score(rsb, rsb, Schema::kCompany), 0.99);
  // PRIVAT, a company word of its own and a spelling of PRIVATE, may have
  // been cut: the list words after PRIVATE cost as cut off.
  const std::string filled = "JOINT STOCK COMPANY SBERBANK PRIVAT";  // 35 characters
  const std::string fund = "JOINT STOCK COMPANY SBERBANK PRIVATE PENSION FUND";
  EXPECT_EQ(key_of(filled, fund, "privat"), "variant");
  EXPECT_GE(Score(filled, fund, Schema::kCompany), 0.85);
  EXPECT_GT(Score(filled, fund, Schema::kCompany),
            Score(filled, "JOINT STOCK COMPANY SBERBANK", Schema::kCompany));
  // Not so for a fuzzy pair.
  EXPECT_LT(Score("JOINT STOCK COMPANY SBERBANK PRIVOT", fund, Schema::kCompany),
            Score(filled, fund, Schema::kCompany));
}

// A quoted part of an organisation's name is its trade name: matched
// against the other name's whole forms at quoted_part_factor of the score,
// never against the other name's quoted parts (Crimean enterprises all
// quote 'REPUBLIC OF CRIMEA'), and not in OFAC parity.
TEST(ScorerTest, QuotedTradeName) {
  const Schema co = Schema::kCompany;
  const double factor = match::DefaultScorerParams().quoted_part_factor;
  const std::string crimea =
      "Государственное унитарное предприятие Республики Крым ‘Черноморнефтегаз'";
  EXPECT_NEAR(Score(crimea, "PJSC 'CHERNOMORNEFTEGAZ'", co), factor, 1e-9);
  EXPECT_NEAR(Score("CHERNOMORNEFTEGAZ", crimea, co), factor, 1e-9);
  EXPECT_LT(Score("STATE UNITARY ENTERPRISE OF THE 'REPUBLIC OF CRIMEA' 'MAGARACH'",
                  "STATE UNITARY ENTERPRISE OF THE 'REPUBLIC OF CRIMEA' 'CHERNOMORNEFTEGAZ'", co),
            0.70);
  // The name in full stays above its quoted part.
  EXPECT_GT(Score("JSC 'ZVEZDA'", "JSC ZVEZDA", co), Score("JSC 'NPP 'ZVEZDA''", "ZVEZDA", co));
  bool quoted_key = false;
  for (const TokenMatch& t : CompareNames(crimea, "PJSC 'CHERNOMORNEFTEGAZ'", co).tokens) {
    quoted_key |= t.key == "quoted_part";
  }
  EXPECT_TRUE(quoted_key);
  // Apostrophes inside words are no quotes.
  EXPECT_GE(Score("O'BRIEN TRADING LTD", "O'BRIEN TRADING LTD", co), 0.99);
}

// A city or country after the name proper, as an address appended to it,
// costs little against an organisation's name whose words are all matched
// on their spelling, and in full otherwise.
TEST(ScorerTest, AddressAppendedToAnOrganisationsName) {
  auto key_of = [](const std::string& a, const std::string& b, const std::string& token,
                   Schema schema) {
    for (const TokenMatch& t : CompareNames(a, b, schema).tokens) {
      if (t.query_token == token) return t.key;
    }
    return std::string("(none)");
  };
  const Schema co = Schema::kCompany;
  // (After a legal form the name before the address is compared too, and
  // wins: text::SplitAddress.)
  EXPECT_EQ(key_of("ROSOBORONEXPORT MOSCOW RUSSIA", "ROSOBORONEXPORT", "moscow", co),
            "unmatched_address");
  EXPECT_GE(Score("ROSOBORONEXPORT JSC MOSCOW RUSSIA", "ROSOBORONEXPORT", co), 0.75);
  EXPECT_GE(Score("HIKVISION HANGZHOU CHINA", "HIKVISION", co), 0.70);
  // The list name has a place of its own left over: a different body.
  EXPECT_EQ(key_of("Bank of China", "Bank of India", "china", co), "unmatched");
  EXPECT_LT(Score("Bank of China", "Bank of India", co), 0.5);
  // Not at the end: a word of the name.
  EXPECT_NE(key_of("MOSCOW ROSOBORONEXPORT", "ROSOBORONEXPORT", "moscow", co), "unmatched_address");
  // The name matched only approximately: no waiver.
  EXPECT_NE(key_of("NOVATEK MURMANSK", "NOVELKO", "murmansk", co), "unmatched_address");
  // The lists' inverted country names; but a word before a country is no
  // city of it (Jordan is also a surname), nor "UN, PAK" a country.
  EXPECT_EQ(key_of("LA EMPRESA CUBANA DE FLETES PYONGYANG KOREA, NORTH",
                   "LA EMPRESA CUBANA DE FLETES", "north", co),
            "unmatched_address");
  EXPECT_NE(key_of("Daniel Billy Jordan", "DANIEL", "jordan", co), "unmatched_address");
  EXPECT_NE(key_of("JI UN PAK", "JI", "pak", co), "unmatched_address");
  // A state or province code between a place and its country; not a
  // two-letter word without a place before it, nor one that ends the name.
  EXPECT_EQ(
      key_of("PRENSA LATINA CANADA MONTREAL PQ CANADA", "PRENSA LATINA CANADA LTD.", "pq", co),
      "unmatched_address");
  EXPECT_EQ(key_of("ACME TRADING NEW YORK NY USA", "ACME TRADING", "ny", co), "unmatched_address");
  EXPECT_NE(key_of("ACME TRADING KL USA", "ACME TRADING", "kl", co), "unmatched_address");
  EXPECT_NE(key_of("ACME TRADING MOSCOW KL", "ACME TRADING", "kl", co), "unmatched_address");
  // A person's name is not an organisation's.
  EXPECT_NE(
      key_of("Ivan Petrovich Sidorov Moscow", "Ivan Petrovich Sidorov", "moscow", Schema::kPerson),
      "unmatched_address");
}

// The words before an organisation's address that may be a town no table
// knows (the screener reads them as the address's for an entity listed at
// such a city), and the marking of them.
TEST(ScorerTest, WordsBeforeTheAddressMayBeATown) {
  using match::AddressTail;
  using match::PreparedName;
  using match::PreparedToken;
  using match::QueryCut;
  auto tail_of = [](const std::string& raw) {
    const QueryCut cut = match::InspectQueryName(raw, false);
    PreparedName name = match::PrepareName(cut.analysed, Schema::kCompany, nullptr);
    match::MarkQueryWords(cut, name);
    return std::make_pair(match::QueryAddressTail(name), name);
  };
  // One word: the two before RUSSIA would leave only the legal form.
  auto [tail, name] = tail_of("LIMITED LIABILITY COMPANY AGRISOVGAZ MALOYAROSLAVETS RUSSIA");
  EXPECT_EQ(tail.words[0], "maloyaroslavets");
  EXPECT_EQ(tail.words[1], "");
  match::MarkAddressTail(tail, 1, name);
  for (const PreparedToken& t : name.forms.front().tokens) {
    EXPECT_EQ(t.address, t.text == "maloyaroslavets" || t.text == "russia") << t.text;
  }
  // Two words, the kind of place (CITY) with the address already.
  const AddressTail two =
      tail_of("LIMITED LIABILITY COMPANY ANTELS VELIKIE LUKI CITY RUSSIA").first;
  EXPECT_EQ(two.words[0], "luki");
  EXPECT_EQ(two.words[1], "velikie luki");
  // No address, no words.
  EXPECT_TRUE(tail_of("LIMITED LIABILITY COMPANY AGRISOVGAZ MALOYAROSLAVETS").first.empty());
  // A name read as a person's has them too (it may be an organisation's
  // without a legal form: FENIKS GRYAZI RUSSIA).
  const QueryCut person_cut = match::InspectQueryName("FENIKS GRYAZI RUSSIA", true);
  PreparedName person = match::PrepareName(person_cut.analysed, Schema::kPerson, nullptr);
  match::MarkQueryWords(person_cut, person);
  EXPECT_EQ(match::QueryAddressTail(person).words[0], "gryazi");
}

// A name cut before its street address (text::SplitAddress) may end with the
// street's own name: its last words are a tail too, at the name's end, and
// only then; they are no place the address names.
TEST(ScorerTest, NameCutBeforeItsStreetMayEndWithTheStreetsName) {
  using match::PreparedName;
  using match::PreparedToken;
  PreparedName name = match::PrepareName("NIREF Boezembolcht", Schema::kCompany, nullptr);
  match::MarkQueryWords(match::QueryCut{"NIREF Boezembolcht"}, name);
  EXPECT_TRUE(match::QueryAddressTail(name).empty());
  const match::AddressTail tail = match::QueryAddressTail(name, true);
  EXPECT_TRUE(tail.at_end);
  EXPECT_EQ(tail.words[0], "boezembolcht");
  EXPECT_EQ(tail.words[1], "");  // (a word of the name stays before them)
  EXPECT_TRUE(match::QueryAddressPlaces(name, tail).empty());
  match::MarkAddressTail(tail, 1, name);
  for (const PreparedToken& t : name.forms.front().tokens) {
    EXPECT_EQ(t.address, t.text == "boezembolcht") << t.text;
  }
  // Two words of a street (VACI UT), a legal form before them.
  PreparedName bank = match::PrepareName("ACME BANK LLC Vaci ut", Schema::kCompany, nullptr);
  match::MarkQueryWords(match::QueryCut{"ACME BANK LLC Vaci ut"}, bank);
  const match::AddressTail two = match::QueryAddressTail(bank, true);
  EXPECT_EQ(two.words[0], "ut");
  EXPECT_EQ(two.words[1], "vaci ut");
  // A street's own name of several words (up to kMaxTailWords).
  PreparedName lab =
      match::PrepareName("BUSINESS LAB Maysat Square Al Rasafi Street", Schema::kCompany, nullptr);
  match::MarkQueryWords(match::QueryCut{"BUSINESS LAB Maysat Square Al Rasafi Street"}, lab);
  const match::AddressTail five = match::QueryAddressTail(lab, true);
  EXPECT_EQ(five.words[4], "maysat square al rasafi street");
}

// A person's name against an organisation's whose plain words it finds only
// approximately and in the other order scores less
// (org_words_reversed_factor); a person's name written surname first that
// keeps one of its words exactly does not (organisations named after a
// person), nor do two organisations' names (translations reorder words).
TEST(ScorerTest, PersonAgainstOrganisationWordsReversedLoosely) {
  auto score = [](const std::string& person, const std::string& org) {
    match::PreparedQuery pq;
    match::PrepareQuery(match::PrepareName(person, Schema::kPerson, nullptr), pq);
    const match::PreparedName list = match::PrepareName(org, Schema::kCompany, nullptr);
    match::ScratchSpace scratch;
    return match::ScoreName(pq, list, scratch, 0, nullptr);
  };
  const NamePairs loose = {{"María Olaya", "PLAYA MAR S.A. DE C.V."},
                           {"Hassan BABAEE", "BABBAR KHALSA"}};
  const NamePairs kept = {{"BIN LADEN, Osama", "USAMA BIN LADEN ORGANIZATION"},
                          {"Evgeniy POLYANIN", "POLYANIN EVGENII IGOREVICH IP"}};
  const double factor = match::DefaultScorerParams().org_words_reversed_factor;
  ASSERT_LT(factor, 1.0);
  auto neutral = [](match::ScorerParams& p) { p.org_words_reversed_factor = 1.0; };
  auto without = [&](const std::string& a, const std::string& b) {
    return WithParams(neutral, [&] { return score(a, b); });
  };
  for (const auto& [a, b] : loose) {
    const double off = without(a, b);
    EXPECT_GE(off, 0.70) << a << " / " << b;
    EXPECT_NEAR(score(a, b), off * factor, 1e-9) << a << " / " << b;
  }
  for (const auto& [a, b] : kept) {
    EXPECT_GE(score(a, b), 0.70) << a << " / " << b;
    EXPECT_DOUBLE_EQ(score(a, b), without(a, b)) << a << " / " << b;
  }
  // Two organisations' names: a translation's order.
  const auto [on, off] = ScoresOnOff({{"MAR PLAYA S.A. DE C.V.", "PLAYA MAR S.A. DE C.V."}},
                                     Schema::kCompany, neutral);
  EXPECT_DOUBLE_EQ(on[0], off[0]);
}

TEST(ScorerTest, NamedAfterClauseInLatinLetters) {
  auto keys = [](const std::string& a, const std::string& b) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const TokenMatch& t : CompareNames(a, b, Schema::kCompany).tokens) {
      out.emplace_back(t.query_token, t.key);
    }
    return out;
  };
  using KeyPair = std::pair<std::string, std::string>;
  // IM in the middle of the name pairs with "named after".
  const auto im = keys("AO NPP ISTOK IM. SHOKINA", "ISTOK NAMED AFTER A.I. SHOKIN");
  EXPECT_NE(std::find(im.begin(), im.end(), KeyPair("im", "variant")), im.end());
  // The genitive surname meets the nominative exactly.
  EXPECT_NE(std::find(im.begin(), im.end(), KeyPair("shokin", "exact")), im.end());
  EXPECT_GE(Score("OJSC PLANT IM VA DEGTYAREVA", "VA DEGTYAREV PLANT", Schema::kCompany), 0.85);
  EXPECT_GE(Score("AO TSNIRTI IM AKADEMIKA A I BERGA",
                  "JOINT STOCK COMPANY TSNIRTI NAMED AFTER ACADEMICIAN A I BERG", Schema::kCompany),
            0.85);
  EXPECT_GE(
      Score("TAGANROG AVIATION SCIENTIFIC-TECHNICAL COMPLEX N.A. G.M. BERIEV",
            "TAGANROG AVIATION SCIENTIFIC-TECHNICAL COMPLEX IMENI G.M. BERIEVA", Schema::kCompany),
      0.90);
  // A word ending in -a that names no person keeps its -a.
  const auto zvezda = keys("ZAVOD ZVEZDA", "ZAVOD ZVEZD");
  EXPECT_EQ(std::find(zvezda.begin(), zvezda.end(), KeyPair("zvezd", "exact")), zvezda.end());
  // IM at the start of a name is still the legal form (Întreprinderea
  // Municipală): it does not pair with "named after".
  const auto start = keys("IM APA CANAL CHISINAU", "NAMED AFTER APA CANAL CHISINAU");
  EXPECT_EQ(std::find(start.begin(), start.end(), KeyPair("im", "variant")), start.end());
}

// The person an organisation is named after, left out by the other name,
// costs half a word; two different people make two organisations.
TEST(ScorerTest, EponymLeftOutCostsLessAndDifferentEponymsConflict) {
  const std::string named =
      "AKTSIONERNOE OBSHCHESTVO KONSTRUKTORSKOE BYURO ARSENAL IMENI M.V. FRUNZE";
  const double score = Score(named, "AO KB ARSENAL", Schema::kCompany);
  const double score_without_rule =
      WithParams([](match::ScorerParams& q) { q.eponym_unmatched = 1.0; },
                 [&] { return Score(named, "AO KB ARSENAL", Schema::kCompany); });
  EXPECT_GT(score, score_without_rule);
  bool eponym_key = false;
  for (const TokenMatch& t : CompareNames(named, "AO KB ARSENAL", Schema::kCompany).tokens) {
    eponym_key |= t.key == "unmatched_eponym" && t.query_token == "frunze";
  }
  EXPECT_TRUE(eponym_key);
  // Institutes of one academy named after different academicians.
  const std::string ioffe =
      "PHYSICS AND TECHNOLOGY INSTITUTE NAMED AFTER A. F. IOFFE OF THE RUSSIAN ACADEMY OF SCIENCES";
  const std::string valiev =
      "PHYSICS AND TECHNOLOGY INSTITUTE NAMED AFTER K. A. VALIEVA OF THE RUSSIAN ACADEMY OF "
      "SCIENCES";
  EXPECT_LT(Score(ioffe, valiev, Schema::kCompany), 0.70);
  const double without_factor =
      WithParams([](match::ScorerParams& q) { q.eponym_mismatch_factor = 1.0; },
                 [&] { return Score(ioffe, valiev, Schema::kCompany); });
  EXPECT_GT(without_factor, Score(ioffe, valiev, Schema::kCompany));
  EXPECT_LT(Score("Завод имени Фрунзе", "ZAVOD IM VA DEGTIAREVA", Schema::kCompany), 0.50);
}

// One person in Belarusian and in Russian spelling (the UK list's group
// 13918 gives both): the surname's -enka is not a woman's form of -enko.
TEST(ScorerTest, BelarusianAndRussianSpellingsOfOnePerson) {
  // (Three variant pairs: 0.83.)
  EXPECT_GE(Score("Aliaksandr Ryhoravich LUKASHENKA", "Alexander Grigorievich LUKASHENKO",
                  Schema::kPerson),
            0.80);
  EXPECT_GE(
      Score("Alexander Ryhorovich LUKASHENKA", "Alexander Ryhorovich LUKASHENKO", Schema::kPerson),
      0.90);
}

// A pair of names in different scripts whose every form pair scores 0 still
// says what was compared: the query token against the list name's
// romanisation, unmatched, with the rule that refused the pair when one did.
TEST(ScorerTest, ZeroScoreStillExplainsTheComparedForms) {
  const CompareResult r = CompareNames("bucys", "бучис", Schema::kPerson);
  EXPECT_EQ(r.score, 0.0);
  ASSERT_EQ(r.tokens.size(), 2u);
  EXPECT_EQ(r.tokens[0].query_token, "bucys");
  EXPECT_EQ(r.tokens[0].key.rfind("unmatched", 0), 0u) << r.tokens[0].key;
  EXPECT_EQ(r.tokens[1].list_token, "buchis");  // BGN: ч -> ch
  EXPECT_EQ(r.tokens[1].key, "unmatched");
}

// The Arabic article that romanisation splits off a word (القنطار "al
// qntar") is a stopword, as "al" written apart is: a Latin name without
// it still meets the Arabic one.
TEST(ScorerTest, ArabicArticleSplitOffIsAStopword) {
  const CompareResult r = CompareNames("Samir Kuntar", "سمير القنطار", Schema::kPerson);
  EXPECT_GE(r.score, 0.70);
  for (const TokenMatch& t : r.tokens) {
    if (t.list_token == "al") EXPECT_LT(t.weight, 0.6);
  }
}

// Devanagari writes its vowels: its romanisation is held to the spelling
// checks of Latin names ("mahato" and "muhammad" share only a phonetic key).
TEST(ScorerTest, DevanagariNamesAreSpelled) {
  EXPECT_LT(Score("किशोर महतो", "Kishor Muhammad", Schema::kPerson), 0.70);
  EXPECT_TRUE(Keys("किशोर महतो", "Kishor Muhammad").count("unmatched:phonetic_min_jw"));
  EXPECT_GE(Score("किशोर महतो", "Kishor Mahato", Schema::kPerson), 0.85);
}

// Cyrillic writes its vowels: a phonetic pair with a name romanised from it
// needs some likeness of spelling (fedotov is not vakhitov), less than two
// Latin names need, since Russian respells foreign names (шарлин Charlene).
TEST(ScorerTest, CyrillicPhoneticPairsNeedSomeLikeness) {
  EXPECT_LT(Score("Дарья Федотов", "Aryat VAKHITOV", Schema::kPerson), 0.70);
  EXPECT_TRUE(Keys("Дарья Федотов", "Aryat VAKHITOV").count("unmatched:cyrillic_phonetic_min_jw"));
  EXPECT_GE(WithParams([](match::ScorerParams& p) { p.cyrillic_phonetic_min_jw = 0; },
                       [] { return Score("Дарья Федотов", "Aryat VAKHITOV", Schema::kPerson); }),
            0.70);
  EXPECT_TRUE(Keys("Гани Кьоров", "Gani Grif").count("unmatched:cyrillic_phonetic_min_jw"));
  EXPECT_GE(Score("Шарлин", "Charlene", Schema::kPerson), 0.70);
  EXPECT_GE(Score("Клод", "Claude", Schema::kPerson), 0.70);
  EXPECT_GE(Score("Валентина Колич", "Valentina Kulik", Schema::kPerson), 0.85);
  // Against Devanagari, which is spelled as Latin is: dhruv is not tatriyev.
  EXPECT_TRUE(Keys("ध्रुव मुस्लीम", "Муслим Татриев").count("unmatched:cyrillic_phonetic_min_jw"));
  EXPECT_GE(WithParams([](match::ScorerParams& p) { p.cyrillic_phonetic_min_jw = 0; },
                       [] { return Score("ध्रुव मुस्लीम", "Муслим Татриев", Schema::kPerson); }),
            0.70);
}

// A written final long "i" of an Arabic-script name (the nisba: Karimi, "of
// Karim") makes another name than the one ending in a consonant.
TEST(ScorerTest, ArabicNisbaIsAnotherName) {
  EXPECT_LT(Score("علی کریمی", "Ali Karim", Schema::kPerson), 0.70);
  EXPECT_TRUE(Keys("علی کریمی", "Ali Karim").count("unmatched:abjad_final_i_differs"));
  EXPECT_GE(Score("علی کریمی", "Ali Karimi", Schema::kPerson), 0.85);
}

// A patronymic the list name lacks costs less than another name part; a
// patronymic is not the family name built on its stem.
TEST(ScorerTest, Patronymics) {
  const double lacks = Score("Oleg Petrovich Tarasenko", "TARASENKO, Oleg", Schema::kPerson);
  EXPECT_GE(lacks, 0.80);
  EXPECT_TRUE(Keys("Oleg Petrovich Tarasenko", "TARASENKO, Oleg").count("unmatched_patronymic"));
  // The list has a patronymic of its own: another father.
  EXPECT_LT(Score("Oleg Petrovich Tarasenko", "TARASENKO, Oleg Ivanovich", Schema::kPerson), lacks);
  // A two-part query keeps the full cost.
  EXPECT_LT(Score("Petrovich Tarasenko", "Tarasenko", Schema::kPerson), 0.70);
  EXPECT_LT(Score("Anna Petrovna", "Anna Petrova", Schema::kPerson), 0.70);
  EXPECT_TRUE(Keys("Anna Petrovna", "Anna Petrova").count("unmatched:patronymic_not_surname"));
  EXPECT_GE(Score("Oleg Petrovich", "Oleg Petrovitch", Schema::kPerson), 0.85);
  // A two-letter stem: Lev's son is Lvovich (the UK list: Georgiy L'Vovich
  // MURADOV, alias Georgy MURADOV).
  EXPECT_TRUE(Keys("Georgiy Lvovich Muradov", "MURADOV, Georgy").count("unmatched_patronymic"));
}

// "Abu" (father of) is not an "Abd" word (servant of), one letter apart.
TEST(ScorerTest, AbuIsNotAbd) {
  EXPECT_LT(Score("Abu Ahmad", "AL-'ABD, Ahmad", Schema::kPerson), 0.70);
  EXPECT_TRUE(Keys("Abu Ahmad", "AL-'ABD, Ahmad").count("unmatched:abu_not_abd"));
  EXPECT_LT(Score("Abu BASHIR", "'Abd AL-BASIR", Schema::kPerson), 0.70);
  EXPECT_LT(Score("Abdul Bashir", "Abu Bashir", Schema::kPerson), 0.70);
  // Their own spellings still pair.
  EXPECT_GE(Score("Abou Bashir", "Abu Bashir", Schema::kPerson), 0.85);
  EXPECT_GE(Score("Abdel Basir", "Abdul Basir", Schema::kPerson), 0.85);
}

// A query holding a person's whole list name, its own first name first,
// with parts added (a father's and grandfather's names): the added parts
// cost as extra list parts do. Without corpus weights every word weighs 1
// and exact pairs earn full credit, so the score is
// matched / (matched + cost x added).
TEST(ScorerTest, ListNameContainedInTheQuery) {
  const match::ScorerParams& p = match::DefaultScorerParams();
  const double contained = 2.0 / (2.0 + 2.0 * p.unmatched_query_contained);
  const double plain = 2.0 / (2.0 + 2.0 * p.unmatched_query);
  EXPECT_NEAR(Score("JANAN MOHAMMAD AHMED AGHA", "JANAN AGHA", Schema::kPerson), contained, 1e-3);
  EXPECT_NEAR(Score("FAZL RABI ABDUL HAMID", "FAZL RABI", Schema::kPerson), contained, 1e-3);
  EXPECT_GE(contained, 0.70);
  EXPECT_LT(plain, 0.70);
  EXPECT_TRUE(Keys("JANAN MOHAMMAD AHMED AGHA", "JANAN AGHA").count("unmatched_added"));
  EXPECT_FALSE(Keys("Brenda John Lee", "John Lee").count("unmatched_added"));
  // Off, the added parts cost as any unmatched query part.
  const double score_without_rule =
      WithParams([](match::ScorerParams& q) { q.unmatched_query_contained = -1; },
                 [] { return Score("JANAN MOHAMMAD AHMED AGHA", "JANAN AGHA", Schema::kPerson); });
  EXPECT_NEAR(score_without_rule, plain, 1e-3);
  // Not when the query's own first name is the part left over ("Brenda
  // John Lee" is not John Lee), when a list part is left over (a repeated
  // CHANG stands for the query's SU), for a one-part list name, or for
  // organisations.
  EXPECT_NEAR(Score("Brenda John Lee", "John Lee", Schema::kPerson),
              2.0 / (2.0 + p.unmatched_query), 1e-3);
  EXPECT_LT(Score("CHANG SU HA", "CHANG CHANG HA", Schema::kPerson), 0.80);
  EXPECT_LT(Score("Patek Abdullah Anshori", "Patek", Schema::kPerson), 0.70);
  EXPECT_LT(Score("Janan Mohammad Ahmed Trading", "Janan Trading", Schema::kCompany), contained);
}

// Latin spellings of Arabic names often drop the article (Kuntar for
// القنطار "al qntar"): left unmatched it costs half a stopword's weight.
// The rest of the name still has to match: Kantari is another name.
TEST(ScorerTest, ArabicArticleLeftOutCostsLittle) {
  for (const auto& [latin, arabic] : std::vector<std::pair<std::string, std::string>>{
           {"Kuntar", "القنطار"}, {"Fehri", "الفهري"}}) {
    EXPECT_GE(Score(latin, arabic, Schema::kPerson), 0.70) << latin;
    const double full_cost = WithParams([](match::ScorerParams& q) { q.unmatched_article = 1.0; },
                                        [&] { return Score(latin, arabic, Schema::kPerson); });
    EXPECT_LT(full_cost, 0.70) << latin;
  }
  EXPECT_LT(Score("Hamdi", "القنطار", Schema::kPerson), 0.70);
  // Egyptian and Maghrebi spellings write the article el- (the UK list:
  // Adel Anouar EL-OULABI, alias Adel Anwar AL-OLABI).
  EXPECT_TRUE(Keys("Adel Anouar EL-OULABI", "Adel Anwar AL-OLABI").count("variant"));
  EXPECT_GE(Score("Adel Anouar EL-OULABI", "Adel Anwar AL-OLABI", Schema::kPerson), 0.75);
  // South Asian spellings write it assimilated and apart (Zaki-ur-Rehman,
  // Jamaat-ud-Dawa): the article al of the Arabic-script name.
  EXPECT_TRUE(Keys("ذکی الرحمن", "ZAKI-UR-REHMAN").count("variant"));
  EXPECT_TRUE(Keys("Jamaat al Dawa", "JAMAAT-UD-DAWA").count("variant"));
  EXPECT_FALSE(Keys("Jamaat al Dawa", "JAMAAT-UD-DAWA").count("unmatched"));
}

// A place in a Chinese company's name that its English name leaves out (or
// replaces) costs half as much as another word, and is no conflict.
TEST(ScorerTest, PlacesOfChineseCompaniesCostLess) {
  const double score =
      Score("香港科源世紀發展有限公司", "CoYuan Century Development Co. Ltd.", Schema::kCompany);
  EXPECT_GE(score, 0.70);
  const double score_without_rule =
      WithParams([](match::ScorerParams& q) { q.place_unmatched = 1.0; },
                 [] {
                   return Score("香港科源世紀發展有限公司", "CoYuan Century Development Co. Ltd.",
                                Schema::kCompany);
                 });
  EXPECT_LT(score_without_rule, 0.70);
  bool place_key = false;
  for (const TokenMatch& t : CompareNames("香港科源世紀發展有限公司",
                                          "CoYuan Century Development Co. Ltd.", Schema::kCompany)
                                 .tokens) {
    place_key |= t.key == "unmatched_place";
  }
  EXPECT_TRUE(place_key);
  // Another trade name stays another company, whatever the place.
  EXPECT_LT(Score("香港科源世紀發展有限公司", "Hong Kong Qisu Electronic Technology Co. Ltd.",
                  Schema::kCompany),
            0.50);
}

// A query's initial pairs with the name part it abbreviates; a different
// initial is a substituted name part. A list initial does not pair with any
// query name of that letter, and initials alone identify nobody.
TEST(ScorerTest, QueryInitials) {
  EXPECT_GE(Score("Karl J Brandtner", "Karl Johann Brandtner", Schema::kPerson), 0.85);
  EXPECT_TRUE(Keys("Karl J Brandtner", "Karl Johann Brandtner").count("initial"));
  EXPECT_LT(Score("Karl O Brandtner", "Karl Johann Brandtner", Schema::kPerson), 0.70);
  EXPECT_LT(Score("Daniel Yostra", "Daniel Y.", Schema::kPerson), 0.70);
  EXPECT_LT(Score("N.N.", "Nikolai Nemtsov", Schema::kPerson), 0.70);
}

// In a Han, Hangul or kana person's name a repeated syllable is another
// syllable (성호 성훈 is Seong-ho Seong-hun), not a free repeat: three of five
// syllables matched, the other two at full cost, is 3 / 5. A Latin name's
// repeated part stays free.
TEST(ScorerTest, SyllabicRepeatsCost) {
  EXPECT_NEAR(Score("성호 성훈 김", "Song Hun KIM", Schema::kPerson), 0.6, 1e-9);
  EXPECT_GE(Score("Sergey Sergey Shoigu", "Sergey Shoigu", Schema::kPerson), 0.95);
}

// Korean ㅈ is "j" in the Revised and North Korean romanisations and "ch" in
// McCune-Reischauer: the UK list gives Jo Yong Won also as CHO Yong-won.
// A name syllable spelt either way pairs as a variant; a European name
// that only starts alike (Jan / Chan) does not.
TEST(ScorerTest, KoreanJOrCh) {
  const match::ScorerParams defaults = match::DefaultScorerParams();
  ASSERT_TRUE(defaults.korean_j_variants);
  const double jo = Score("JO Yong Won", "CHO Yong-won", Schema::kPerson);
  const double jang = Score("JANG Song Thaek", "CHANG Song-taek", Schema::kPerson);
  EXPECT_GE(jo, 0.90);
  EXPECT_GE(jang, 0.85);
  EXPECT_LT(Score("Jan Novak", "Chan Novak", Schema::kPerson), 0.5);
  // 장 Jang and 양 Yang are two surnames, though the variant rules read a
  // Slavic j as y (Jakov / Yakov still pair).
  EXPECT_LT(Score("YANG Song Chol", "JANG SONG CHOL", Schema::kPerson), 0.70);
  EXPECT_GE(Score("Yakov Ivanov", "Jakov Ivanov", Schema::kPerson), 0.90);
  WithParams([](match::ScorerParams& p) { p.korean_j_variants = false; },
             [&] {
               EXPECT_LT(Score("JO Yong Won", "CHO Yong-won", Schema::kPerson), 0.5);
               EXPECT_LT(Score("JANG Song Thaek", "CHANG Song-taek", Schema::kPerson), 0.5);
               return 0;
             });
}

// A Latin name's Wade-Giles syllables read as pinyin (CHENG "zheng") meet
// the pinyin spelling of the same name, but are spelled as the Latin name
// is: a phonetic pair needs alike spellings there too ("zheng" and "young"
// share the key JNK).
TEST(ScorerTest, WadeGilesReadingIsSpelled) {
  EXPECT_GE(Score("CHENG Hung", "ZHENG Hong", Schema::kPerson), 0.95);
  EXPECT_LT(Score("CHENG, Hung", "YOUNG YONG", Schema::kPerson), 0.5);
}

// An organisation's name whose only extra words, on one side, say what kind
// of body it is (the, company, centre) costs less for them; a word naming a
// line of business (systems, trust, bank) keeps its cost: it sets apart
// the companies of one group.
TEST(ScorerTest, TypeWordsExtra) {
  const match::ScorerParams defaults = match::DefaultScorerParams();
  ASSERT_LT(defaults.type_words_extra, 1.0);
  const NamePairs cases = {
      {"ПЛАНАР", "THE PLANAR COMPANY"},
      {"Центр Катехон", "KATEHON"},
      {"OKB SUKHOI", "SUKHOI"},
      {"CRYSTALORD SYSTEMS LIMITED", "CRYSTALORD LTD"},
      {"Deutsche Bank Trust Company", "Deutsche Bank"},
      {"Zenit Bank", "Zenit Leasing"},  // extra words on both sides
  };
  const auto [on, off] = ScoresOnOff(cases, Schema::kCompany,
                                     [](match::ScorerParams& p) { p.type_words_extra = 1.0; });
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_GE(on[i], 0.70) << cases[i].first;
    EXPECT_LT(off[i], 0.70) << cases[i].first;
  }
  for (size_t i = 3; i < cases.size(); ++i) {
    EXPECT_DOUBLE_EQ(on[i], off[i]) << cases[i].first;
    EXPECT_LT(on[i], 0.70) << cases[i].first;
  }
}

// In an organisation's name a word that spells the initials of a run of the
// name's other words restates the name: left unmatched it costs nothing, so
// the name scores as it would without it. A word that spells no such run
// (RFK) costs as any word, and so does an acronym in a person's name; in
// parentheses it costs the share the name without them keeps
// (unbracketed_factor).
TEST(ScorerTest, RestatedInitialsAreFree) {
  const std::string latin = "RUSSIAN VENTURE COMPANY";
  const double plain = Score("Российская венчурная компания", latin, Schema::kCompany);
  EXPECT_NEAR(Score("Российская венчурная компания (РВК)", latin, Schema::kCompany), plain, 1e-9);
  EXPECT_LT(Score("Российская венчурная компания РФК", latin, Schema::kCompany), plain - 0.05);
  EXPECT_NEAR(Score("Российская венчурная компания (РФК)", latin, Schema::kCompany),
              match::DefaultScorerParams().unbracketed_factor * plain, 1e-9);
  // Across a stopword, and on the list's side.
  const double riar_plain = Score("Research Institute of Atomic Reactors",
                                  "RESEARCH INSTITUTE OF ATOMIC REACTORS", Schema::kCompany);
  EXPECT_NEAR(Score("Research Institute of Atomic Reactors",
                    "RESEARCH INSTITUTE OF ATOMIC REACTORS (RIAR)", Schema::kCompany),
              riar_plain, 1e-9);
  WithParams([](match::ScorerParams& p) { p.restated_initials_free = false; },
             [&] {
               EXPECT_LT(Score("Российская венчурная компания (РВК)", latin, Schema::kCompany),
                         plain - 0.04);
               return 0;
             });
  EXPECT_LT(Score("Ivan Vasilyevich Kuzmin IVK", "Ivan Vasilyevich Kuzmin", Schema::kPerson), 0.99);
}

// A name whose every word pairs only by its phonetic key, the spellings
// unlike (Martha / مرتضی "mrtdi", Morris / میرزایی "mirzaii"), is multiplied by
// phonetic_only_factor; phonetic pairs of like spellings (Fo'ad / Fu'ad,
// Farias / Firas) keep their score.
TEST(ScorerTest, PhoneticOnlyMatch) {
  const match::ScorerParams defaults = match::DefaultScorerParams();
  ASSERT_LT(defaults.phonetic_only_factor, 1.0);
  const NamePairs cases = {
      {"Martha Morris", "مرتضی میرزایی"},
      {"Fo'ad HAMMOUDE", "Fu'ad HAMMOUDAH"},
      {"Maysa Farias", "MUSA, Firas"},
  };
  const auto [on, off] = ScoresOnOff(cases, Schema::kPerson,
                                     [](match::ScorerParams& p) { p.phonetic_only_factor = 1.0; });
  EXPECT_NEAR(on[0], off[0] * defaults.phonetic_only_factor, 1e-9);
  EXPECT_LT(on[0], 0.70);
  EXPECT_GE(off[0], 0.70);
  for (size_t i = 1; i < cases.size(); ++i) {
    EXPECT_DOUBLE_EQ(on[i], off[i]) << cases[i].first << " / " << cases[i].second;
    EXPECT_GE(on[i], 0.70) << cases[i].first << " / " << cases[i].second;
  }
}

// A repeat of a matched name costs nothing on its own ("Sergey Sergey
// Shoigu"), but against a name with an unmatched word of its own it stands in
// that word's place: it costs as the substituted name would. A repeat in
// another spelling of the same name (QASIM after Qassem) may be that word
// itself and stays free.
TEST(ScorerTest, RepeatFillsAnotherNamesPlace) {
  ExpectRuleRefuses(&match::ScorerParams::repeats_fill_place,
                    {{"ABDUL KABIR ABDUL JAN", "ABDUL KABIR MOHAMMAD JAN"},
                     {"ABDULLAHI MOHAMED MOHAMED CADDOW", "ABDULLAHI OSMAN MOHAMED CADDOW"},
                     {"CHANG SU HA", "CHANG CHANG HA"}});
  EXPECT_NEAR(Score("ABDUL KABIR ABDUL JAN", "ABDUL KABIR MOHAMMAD JAN", Schema::kPerson),
              Score("ABDUL KABIR AHMAD JAN", "ABDUL KABIR MOHAMMAD JAN", Schema::kPerson), 1e-9);
  const NamePairs kept = {{"Sergey Sergey Shoigu", "Sergey Shoigu"},
                          {"Sergey Shoigu", "Sergey Sergey Shoigu"},
                          {"Mustafa Qassem AL KASM", "Mustafa Qassem AL QASIM"}};
  const auto [on, off] = ScoresOnOff(kept, Schema::kPerson,
                                     [](match::ScorerParams& p) { p.repeats_fill_place = false; });
  for (size_t i = 0; i < kept.size(); ++i) {
    EXPECT_DOUBLE_EQ(on[i], off[i]) << kept[i].first << " / " << kept[i].second;
    EXPECT_GE(on[i], 0.70) << kept[i].first << " / " << kept[i].second;
  }
  EXPECT_GE(on[0], 0.95);
}

// A lineage connector between two names ("bin", "ben", "ould") that the other
// name leaves out costs unmatched_lineage of its weight; last it may be a
// name itself (KO TAE BIN) and costs in full, as it does first (Bin XU).
TEST(ScorerTest, UnmatchedLineageConnectorCostsLess) {
  ASSERT_LT(match::DefaultScorerParams().unmatched_lineage, 1.0);
  const NamePairs cases = {{"Othman Ahmed Othman", "Othman bin Ahmed bin Othman"},
                           {"Hamid Abdallah Ahmad Al-Ali", "Hamed bin Abdallah Al-Ali"},
                           {"KO TAE BIN", "KO TAE HUN"},
                           {"Bin XU", "XU"}};
  const auto [on, off] = ScoresOnOff(cases, Schema::kPerson,
                                     [](match::ScorerParams& p) { p.unmatched_lineage = 1.0; });
  EXPECT_GT(on[0], off[0]);
  EXPECT_GE(on[0], 0.85);
  EXPECT_GT(on[1], off[1]);
  EXPECT_GE(on[1], 0.70);
  EXPECT_DOUBLE_EQ(on[2], off[2]);
  EXPECT_LT(on[2], 0.70);
  EXPECT_DOUBLE_EQ(on[3], off[3]);
}

// A query that agrees with only part of a longer listed name and there only
// approximately carries two doubts: its score is multiplied by
// approx_partial_factor. An exact partial match, an approximate full match,
// a listed name longer only by a patronymic or an ancestor after "bin" and a
// query with a word of its own (a substituted name part) keep their score.
TEST(ScorerTest, ApproximatePartialMatch) {
  const match::ScorerParams defaults = match::DefaultScorerParams();
  ASSERT_LT(defaults.approx_partial_factor, 1.0);
  const NamePairs cases = {
      {"Jaimie Torvello", "GARZETTI TORVELLO, Jaime"},      // approximate and partial
      {"Jaime Torvello", "GARZETTI TORVELLO, Jaime"},       // exact, partial
      {"Jaimie Torvello", "TORVELLO, Jaime"},               // approximate, full
      {"Jaimie Torvello", "TORVELLO, Jaime Olegovich"},     // longer by a patronymic
      {"Jaimie Torvello", "Jaime bin Garzetti Torvello"},   // longer by an ancestor
      {"Jaimie Orlo Torvello", "GARZETTI TORVELLO, Jaime"}  // a query word of its own
  };
  const auto [on, off] = ScoresOnOff(cases, Schema::kPerson,
                                     [](match::ScorerParams& p) { p.approx_partial_factor = 1.0; });
  EXPECT_NEAR(on[0], off[0] * defaults.approx_partial_factor, 1e-9);
  EXPECT_LT(on[0], 0.70);
  EXPECT_GE(off[0], 0.70);
  for (size_t i = 1; i < cases.size(); ++i) {
    EXPECT_DOUBLE_EQ(on[i], off[i]) << cases[i].first << " / " << cases[i].second;
  }
  EXPECT_GE(on[1], 0.70);
  EXPECT_GE(on[2], 0.70);
  EXPECT_GE(on[3], 0.70);
}

// Korean syllables paired approximately keep their glide and a plain "i":
// every romanisation writes the y of 현 (hyeon, hyon, hyun) and the i of 식
// (sik, shik), so 현 is not 훈 "hun" and 숙 "suk" is not 식 "sik".
TEST(ScorerTest, KoreanSyllablesKeepTheirGlideAndVowelI) {
  ExpectRuleRefuses(&match::ScorerParams::korean_glide_vowel,
                    {
                        {"승현 김", "KIM, Song Hun"},  // 현 hyeon / hun: a glide on one side only
                        {"정숙 김", "KIM JONG SIK"},   // 숙 suk / sik
                        {"광수 김", "Kang Su KIM"},    // 광 kwang / kang
                    });
  // The same glide and vowel in other spellings still pair.
  EXPECT_GE(Score("현 김", "KIM Hyun", Schema::kPerson), 0.80);        // hyeon / hyun
  EXPECT_GE(Score("경수 김", "KIM Kyong Su", Schema::kPerson), 0.90);  // kyeong / kyong
  EXPECT_GE(Score("광수 김", "Kwang Su KIM", Schema::kPerson), 0.95);
}

// A fuzzy pair with a token romanised from Arabic script keeps its
// consonants: between two Arabic-script names the whole skeleton (حمیدی
// Hamidi is not احمدی Ahmadi), against another script the first consonant
// (فصيل "fsil" is not SIAL), after the article or a glide.
TEST(ScorerTest, ArabicFuzzyPairsKeepTheirConsonants) {
  ExpectRuleRefuses(&match::ScorerParams::strict_fuzzy_abjad,
                    {{"محمد حمیدی", "محمد احمدی"}, {"صامد فصيل", "Samad SIAL"}});
  EXPECT_GE(Score("علي شمشیری", "Ali SHAMSHIRI", Schema::kPerson), 0.85);  // same consonants
  // Not refused: "mytshl" (tsh for tch), the first consonant after the
  // article ("alfrahany"), a glide read as j ("yanush").
  for (const auto& [a, b] : std::vector<std::pair<std::string, std::string>>{
           {"mitchel", "ميتشل"}, {"farahani", "الفراهاني"}, {"janosch", "يانوش"}}) {
    const double on = Score(a, b, Schema::kPerson);
    EXPECT_EQ(on, WithoutRule(&match::ScorerParams::strict_fuzzy_abjad,
                              [&] { return Score(a, b, Schema::kPerson); }))
        << a << " / " << b;
    EXPECT_GE(on, 0.6) << a << " / " << b;
  }
}

// A Han, Hangul or kana person's name has no legal forms: one syllable that
// the tables read as one (유 "yu", 欧 "ou") is a name part, so the name is a
// person's and the syllable costs as a name part when left unmatched.
TEST(ScorerTest, SyllablesAreNotLegalForms) {
  EXPECT_EQ(match::GuessSchema("鑫 欧"), Schema::kPerson);
  EXPECT_EQ(match::GuessSchema("欣 沙"), Schema::kPerson);
  EXPECT_EQ(match::GuessSchema("深圳市比广贸易有限公司"), Schema::kCompany);
  EXPECT_LT(Score("은정 유", "CHOE, Unjong", Schema::kPerson), 0.70);  // 유 left out
  EXPECT_LT(Score("鑫 欧", "XIN HONG", Schema::kPerson), 0.70);
  EXPECT_GE(Score("芳 余", "Fang Yu", Schema::kPerson), 0.95);
  EXPECT_GE(Score("은정 유", "YU Un Jong", Schema::kPerson), 0.90);
}

// The joined-string comparison of a Han, Hangul or kana person's name needs
// the same syllables (Korean spellings of one consonant merged) and a list
// name of two or more parts.
TEST(ScorerTest, SyllabicJoinedNamesNeedTheSameSyllables) {
  ExpectRuleRefuses(&match::ScorerParams::syllabic_joined_exact,
                    {
                        {"志强 王", "ZHIQING, Wang"},  // qiang / qing
                        {"军 翟", "JUNDI"},            // one word for a name and family name
                    });
  EXPECT_GE(Score("玉华 石", "YUHUA, Shi", Schema::kPerson), 0.95);
  EXPECT_GE(Score("리용주", "LI Yong-ju", Schema::kPerson), 0.80);  // ri / li
}

TEST(ScorerTest, PersonShapedLegalEntity) {
  auto shaped = [](const std::string& name) {
    return match::PersonShapedName(text::AnalyzeName(name, Schema::kLegalEntity));
  };
  EXPECT_TRUE(shaped("Boris Tarasenko"));
  EXPECT_TRUE(shaped("JOHN B. TARASENKO"));
  EXPECT_TRUE(shaped("KIM SONG II"));  // a Roman numeral after a name
  EXPECT_FALSE(shaped("Tarasenko"));
  EXPECT_FALSE(shaped("Tarasenko Trading LLC"));
  EXPECT_FALSE(shaped("OOO Tarasenko"));
  EXPECT_FALSE(shaped("Boris Tarasenko Ivan Oleg Petrov"));
}

// `native` and `latin` score at least 0.70, with a token pair by the
// transcription key.
void ExpectTranscriptionPair(const std::string& native, const std::string& latin,
                             Schema schema = Schema::kPerson) {
  const CompareResult r = CompareNames(native, latin, schema);
  EXPECT_GE(r.score, 0.70) << native << " / " << latin;
  bool transcription = false;
  for (const TokenMatch& t : r.tokens) transcription |= t.key == "transcription";
  EXPECT_TRUE(transcription) << native << " / " << latin;
}

// A foreign name transcribed into Chinese characters or katakana keeps its
// consonants but not the b/p, l/r and sibilant contrasts: Xinhua's 弗羅布萊
// 夫斯基 is f-r-b-l-f-s-k (Wróblewski v-r-b-l-v-s-k), コーキンズ is
// ko-(r)-ki-n-z (Calkins k-l-k-n-s). Two Latin names with those consonants
// are not paired by the rule.
TEST(ScorerTest, TranscribedNamesKeepTheirConsonants) {
  ExpectTranscriptionPair("弗羅布萊夫斯基", "Wróblewski");
  ExpectTranscriptionPair("コーキンズ", "Calkins");
  // Arabic writes p with ب (Spielberg سبيلبرغ s-b-l-b-r-g), Hebrew b and v
  // both with ב (Feigenbaum פייגנבאום f-g-n-b/v-m).
  for (const auto& [native, latin] : std::vector<std::pair<std::string, std::string>>{
           {"سبيلبرغ", "Spielberg"}, {"פייגנבאום", "Feigenbaum"}}) {
    const CompareResult r = CompareNames(native, latin, Schema::kPerson);
    EXPECT_GE(r.score, 0.70) << native << " / " << latin;
  }
  EXPECT_LT(Score("Baldera", "Plotir", Schema::kPerson), 0.70);
  // Three classes count when the spellings are alike too: 巴希尔 ba-si-r
  // (Bachir), シュミット sh-mi-t (Szmidt).
  EXPECT_GE(Score("巴希尔", "Bachir", Schema::kPerson), 0.70);
  EXPECT_GE(Score("シュミット", "Szmidt", Schema::kPerson), 0.70);
  // Fewer than four consonant classes and unlike spellings are too common
  // to count.
  EXPECT_LT(Score("コーダ", "Coleite", Schema::kPerson), 0.70);
}

// Hangul and kana write a foreign v and f with the letters of b and p
// (베토벤 be-to-ben is Beethoven, サベリエフ sa-be-ri-e-fu Savelev); the
// transcription key merges them for those scripts only: Chinese keeps f
// apart (弗 fu), so 巴比安 ba-bi-an stays another name than Favian.
TEST(ScorerTest, HangulAndKanaWriteVAndFWithBAndP) {
  ExpectTranscriptionPair("베토벤", "Beethoven");
  ExpectTranscriptionPair("サベリエフ", "Savelev");
  ExpectTranscriptionPair("ブコブラトビッチ", "Vukobratovic");
  EXPECT_LT(Score("巴比安", "Favian", Schema::kPerson), 0.70);
  EXPECT_LT(Score("Bethoben", "Beethoven", Schema::kPerson), 0.70);
}

// The loanword scripts drop an r or l after a vowel before a consonant
// (Markel 马克尔 ma-ke-er, Goldmark 戈德马克 ge-de-ma-ke), and a final r:
// the Latin name respelt that way pairs by the transcription key
// (ScorerParams::loanword_respelling), and not without it. Other
// consonants still count: Markus is not 马克尔, Goldman not 戈德马克.
TEST(ScorerTest, LoanwordsDropTheRAfterAVowel) {
  for (const auto& [native, latin] : std::vector<std::pair<std::string, std::string>>{
           {"马克尔", "Markel"}, {"戈德马克", "Goldmark"}}) {
    ExpectTranscriptionPair(native, latin);
    const double score_without_rule = WithoutRule(&match::ScorerParams::loanword_respelling, [&] {
      return Score(native, latin, Schema::kPerson);
    });
    EXPECT_LT(score_without_rule, 0.70) << native << " / " << latin;
  }
  EXPECT_LT(Score("马克尔", "Markus", Schema::kPerson), 0.70);
  EXPECT_LT(Score("戈德马克", "Goldman", Schema::kPerson), 0.70);
  // Some write the l after a vowel (Spielberg 斯皮尔伯格 si-pi-er-bo-ge,
  // Halford 핼퍼드 haelpeodeu) and drop only the r: the respelling that keeps
  // the l pairs too.
  ExpectTranscriptionPair("斯皮尔伯格", "Spielberg");
  ExpectTranscriptionPair("핼퍼드", "Halford");
  // A fuzzy pair that the key also makes counts at the key's value:
  // WORTMANN / "wotman" (沃特曼) has Jaro-Winkler 0.83 (under 0.70 as a
  // name), the key 0.88 (over it); two Latin names keep the fuzzy value.
  ExpectTranscriptionPair("沃特曼", "Wortmann");
  EXPECT_LT(Score("Wotman", "Wortmann", Schema::kPerson), 0.70);
}

// An unknown trade name in a Chinese company's name is often a foreign or
// made-up word written with Chinese syllables: 達仕恩 da-shi-en is the
// Dason of "Dason HK Technology" (the EU list gives both), by the
// transcription key; a trade name with other consonants is not.
TEST(ScorerTest, ChineseTradeNamesAsTranscriptions) {
  ExpectTranscriptionPair("達仕恩(香港)科技有限公司", "Dason HK Technology Co., Ltd.",
                          Schema::kCompany);
  EXPECT_LT(Score("達仕恩(香港)科技有限公司", "Dalton HK Technology Co., Ltd.", Schema::kCompany),
            0.70);
}

// A Russian institute's name against the English translation the lists
// give it, word for word; another science in the same frame is not it.
TEST(ScorerTest, RussianScienceWordsTranslate) {
  EXPECT_GE(Score("Институт прикладной физики", "INSTITUTE OF APPLIED PHYSICS", Schema::kCompany),
            0.70);
  EXPECT_GE(Score("Национальный расчетный депозитарий", "NATIONAL SETTLEMENT DEPOSITORY",
                  Schema::kCompany),
            0.70);
  EXPECT_LT(Score("Институт прикладной физики", "INSTITUTE OF APPLIED CHEMISTRY", Schema::kCompany),
            0.70);
}

// A Russian name against the UK list's Ukrainian name of the same
// enterprise in Latin letters (the national romanisation): Ukrainian's
// company words and legal forms meet their Russian counterparts; the same
// words around another trade name do not make it the same enterprise.
TEST(ScorerTest, UkrainianLatinNamesMeetRussianOnes) {
  EXPECT_GE(Score("АКЦИОНЕРНОЕ ОБЩЕСТВО \"НАУЧНО-ПРОИЗВОДСТВЕННОЕ ПРЕДПРИЯТИЕ \"САЛЮТ\"",
                  "AKTSIONERNE TOVARYSTVO \"NAUKOVO-VYROBNYCHE PIDPRYIEMSTVO \"SALIUT\"",
                  Schema::kCompany),
            0.85);
  EXPECT_GE(Score("Федеральное казенное предприятие \"Государственный научно исследовательский "
                  "институт химических продуктов\"",
                  "FEDERALNE KAZENNE PIDPRYIEMSTVO \"DERZHAVNYI NAUKOVO-DOSLIDNYI INSTYTUT "
                  "KHIMICHNYKH PRODUKTIV\"",
                  Schema::kCompany),
            0.80);
  EXPECT_LT(Score("АКЦИОНЕРНОЕ ОБЩЕСТВО \"НАУЧНО-ПРОИЗВОДСТВЕННОЕ ПРЕДПРИЯТИЕ \"ЗВЕЗДА\"",
                  "AKTSIONERNE TOVARYSTVO \"NAUKOVO-VYROBNYCHE PIDPRYIEMSTVO \"SALIUT\"",
                  Schema::kCompany),
            0.70);
}

// Names of research and defence bodies in Russian, in Cyrillic or in Latin
// letters, against their English translations: each word has its
// translation (головное = lead, комплекс = complex, войсковая часть =
// military unit), and the unit's number still decides.
TEST(ScorerTest, RussianResearchNamesMeetTheirTranslations) {
  EXPECT_GE(Score("GOLOVNOYE SISTEMNOYE KONSTRUKTORSKOYE BYURO", "LEAD SYSTEMS DESIGN BUREAU",
                  Schema::kCompany),
            0.80);
  EXPECT_GE(Score("TAGANROGSKI AVIATSIONNY NAUCHNO-TEKHNICHESKI KOMPLEKS",
                  "TAGANROG AVIATION SCIENTIFIC TECHNICAL COMPLEX", Schema::kCompany),
            0.80);
  EXPECT_GE(Score("Сибирское отделение Российской академии наук",
                  "SIBERIAN BRANCH OF THE RUSSIAN ACADEMY OF SCIENCES", Schema::kCompany),
            0.70);
  EXPECT_GE(Score("Войсковая Часть 52688", "MILITARY UNIT NUMBER 52688", Schema::kCompany), 0.85);
  EXPECT_LT(Score("Войсковая Часть 52688", "MILITARY UNIT 52689", Schema::kCompany), 0.70);
  EXPECT_GE(Score("Авиакомпания Сибирь", "JSC SIBERIA AIRLINES", Schema::kCompany), 0.70);
}

// One person's aliases in the UK list, the given name spelt the Persian and
// the Arabic way: Esmail / Ismael, Mohsin / Muhsen, Yahia / Yehya.
TEST(ScorerTest, ArabicGivenNamesInPersianSpelling) {
  EXPECT_GE(Score("Esmail AHMADI-MOGHADAM", "Ismael AHMADI-MOGHADAM", Schema::kPerson), 0.90);
  EXPECT_GE(Score("Mohsin Abdul-Karim ALI", "Muhsen Abd Al-Karim ALI", Schema::kPerson), 0.85);
  EXPECT_GE(Score("Mohammed Yahia MAALA", "Mohammed Yehya MALA", Schema::kPerson), 0.85);
  EXPECT_LT(Score("Qasem SOLEIMANI", "Hashem SOLEIMANI", Schema::kPerson), 0.70);
}

// Belarusian and Russian spellings of one surname, as the UK list gives both
// for one person: akanye (NYAKRASAVA, KACHANAVA), dz for the soft d
// (DZIADKOVA), h for г (SIARHEENKA). Other names stay apart, and -ia / -io
// at the end are a woman's and a man's name (Maria, Mario).
TEST(ScorerTest, BelarusianSurnamesMeetRussianOnes) {
  EXPECT_GE(Score("Natalia Anatolievna DEDKOVA", "Natallia Anatolievna DZIADKOVA", Schema::kPerson),
            0.85);
  EXPECT_GE(Score("Elena Timofeevna NEKRASOVA", "Alena Tsimafeeuna NYAKRASAVA", Schema::kPerson),
            0.80);
  EXPECT_GE(Score("Natalia Ivanovna KOCHANOVA", "Natallia Ivanauna KACHANAVA", Schema::kPerson),
            0.75);
  EXPECT_GE(Score("Igor Petrovich SERGEYENKO", "Ihar Piatrovich SIARHEENKA", Schema::kPerson),
            0.80);
  EXPECT_LT(Score("Ivan Ivanovich DEDKOV", "Ivan Ivanovich DZIADKIN", Schema::kPerson), 0.70);
  EXPECT_LT(Score("Maria RIOS", "Mario RIOS", Schema::kPerson), 0.70);
}

// Foreign names in katakana with a small vowel kana (クヴィ kvi, ドゥ du):
// the syllable is one, and the name one word.
TEST(ScorerTest, KatakanaNamesWithSmallVowels) {
  EXPECT_GE(Score("quidde", "クヴィデ", Schema::kPerson), 0.85);
  EXPECT_GE(Score("douchine", "ドゥーシン", Schema::kPerson), 0.75);
  EXPECT_GE(Score("woerth", "ヴェルト", Schema::kPerson), 0.75);
  EXPECT_LT(Score("quidde", "ドゥーシン", Schema::kPerson), 0.70);
}

// One gunpowder works under its English, Russian and Japanese names (the UK
// list gives all three): завод is a plant or a factory, 火薬 and пороховой
// are "(gun)powder"; another works of the same city is not it.
TEST(ScorerTest, OneWorksInThreeLanguages) {
  EXPECT_GE(Score("カザン火薬工場", "KAZAN GUNPOWDER FACTORY", Schema::kCompany), 0.85);
  EXPECT_GE(Score("Казанский пороховой завод", "KAZAN GUNPOWDER FACTORY", Schema::kCompany), 0.75);
  EXPECT_GE(Score("KAZAN POWDER PLANT", "KAZAN GUNPOWDER FACTORY", Schema::kCompany), 0.75);
  EXPECT_LT(Score("Казанский вертолетный завод", "KAZAN GUNPOWDER FACTORY", Schema::kCompany),
            0.70);
}

// The source table reads SAVINGS BANK as one word, a bank; Сберегательный
// Банк is read so too (it left "savings" unmatched: 0.62). A commercial
// bank's English and Russian names pair word for word, though the table
// filed "commercial" and "коммерческий" under two symbols; a фонд is a
// fund or a foundation.
TEST(ScorerTest, BanksAndFundsInTwoLanguages) {
  EXPECT_GE(
      Score("Индустриальный Сберегательный Банк", "INDUSTRIAL SAVINGS BANK", Schema::kCompany),
      0.80);
  EXPECT_GE(Score("Российский национальный коммерческий банк", "RUSSIAN NATIONAL COMMERCIAL BANK",
                  Schema::kCompany),
            0.80);
  EXPECT_GE(Score("Коммерческий Финансовый Союз", "COMMERCE FINANCE UNION", Schema::kCompany),
            0.80);
  EXPECT_LT(
      Score("Индустриальный Сберегательный Банк", "INDUSTRIAL DEVELOPMENT BANK", Schema::kCompany),
      0.70);
}

// An abbreviation or brand in parentheses that the other name leaves out
// costs nothing (RUSSIAN RAILWAYS (RZD) JOINT STOCK COMPANY); a country in
// parentheses says which branch, and two names that each leave out their
// own part are not compared without them.
TEST(ScorerTest, PartsInParentheses) {
  EXPECT_GE(
      Score("Russian Railways JSC", "RUSSIAN RAILWAYS (RZD) JOINT STOCK COMPANY", Schema::kCompany),
      0.90);
  EXPECT_LT(Score("Bank of China (Hong Kong) Limited", "Bank of China (Australia) Limited",
                  Schema::kCompany),
            0.70);
  EXPECT_LT(Score("AL-HARAMAIN (AFGHANISTAN BRANCH)", "AL-HARAMAIN (ALBANIA BRANCH)",
                  Schema::kOrganization),
            0.70);
  EXPECT_LT(Score("Kaveh Trading (KTC) Limited", "Kaveh Trading (KMC) Limited", Schema::kCompany),
            Score("Kaveh Trading (KTC) Limited", "Kaveh Trading Limited", Schema::kCompany));
}

// A country after "of" at the end of an organisation's name says where
// (SBERBANK OF RUSSIA is Сбербанк); left out, it costs as a place does.
// Not after type words only (BANK OF RUSSIA is no bank's name), and two
// countries left out, one on each side, are two places.
TEST(ScorerTest, CountryAfterOfIsAPlace) {
  EXPECT_GE(Score("Сбербанк", "SBERBANK OF RUSSIA", Schema::kCompany), 0.70);
  EXPECT_GE(Score("Melli Bank", "BANK MELLI OF IRAN", Schema::kCompany), 0.75);
  EXPECT_GE(Score("Rosneft Oil Company", "ROSNEFT OIL COMPANY OF THE RUSSIAN FEDERATION",
                  Schema::kCompany),
            0.70);
  EXPECT_LT(Score("Bank", "BANK OF RUSSIA", Schema::kCompany), 0.70);
  // The same tail, one country against another: as without the rule. And
  // the discount is the rule's: without it, SBERBANK OF RUSSIA pays for
  // both words (the last pair).
  const auto [on, off] = ScoresOnOff(
      {{"Election Commission of Belarus", "ELECTION COMMISSION OF RUSSIA"},
       {"Ministry of Defence of Belarus", "MINISTRY OF DEFENCE OF THE RUSSIAN FEDERATION"},
       {"Сбербанк", "SBERBANK OF RUSSIA"}},
      Schema::kCompany, [](match::ScorerParams& p) { p.country_tail_place = false; });
  for (size_t i = 0; i + 1 < on.size(); ++i) EXPECT_NEAR(on[i], off[i], 1e-9) << i;
  EXPECT_LT(off.back(), 0.70);
  // The explanation says which places cost less: a country one name left
  // out, not two countries left out one on each side.
  EXPECT_TRUE(Keys("Сбербанк", "SBERBANK OF RUSSIA", Schema::kCompany).count("unmatched_place"));
  EXPECT_FALSE(
      Keys("Election Commission of Belarus", "ELECTION COMMISSION OF RUSSIA", Schema::kCompany)
          .count("unmatched_place"));
}

// Russian and Ukrainian names of listed enterprises against the UK list's
// English translations of them: НПП is a "scientific and production
// enterprise" (a private one; rigour reads the English words as a state
// one), ГосНИИ a "state research institute" word by word, машиностроения
// "mechanical engineering" as well as "machine building", электроаппаратный
// "electrical equipment", трубная "pipe", исследований "research".
TEST(ScorerTest, RussianEnterpriseWordsTranslate) {
  EXPECT_GE(Score("АКЦИОНЕРНОЕ ОБЩЕСТВО \"НАУЧНО-ПРОИЗВОДСТВЕННОЕ ПРЕДПРИЯТИЕ \"САЛЮТ\"",
                  "JOINT-STOCK COMPANY \"SCIENTIFIC AND PRODUCTION ENTERPRISE \"SALYUT\"",
                  Schema::kCompany),
            0.85);
  EXPECT_GE(
      Score("Акціонерне товариство \"Науково-виробниче підприємство \"Салют\"",
            "JOINT-STOCK COMPANY SCIENTIFIC AND PRODUCTION ENTERPRISE SALYUT", Schema::kCompany),
      0.85);
  EXPECT_GE(Score("Федеральное казенное предприятие \"Государственный научно исследовательский "
                  "институт химических продуктов\"",
                  "FEDERAL STATE ENTERPRISE \"STATE RESEARCH INSTITUTE OF CHEMICAL PRODUCTS\"",
                  Schema::kCompany),
            0.75);
  EXPECT_GE(Score("АО Центральный научно-исследовательский институт машиностроения",
                  "JSC CENTRAL RESEARCH INSTITUTE OF MECHANICAL ENGINEERING", Schema::kCompany),
            0.75);
  EXPECT_GE(Score("Чебоксарский электроаппаратный завод", "CHEBOKSARY ELECTRICAL EQUIPMENT PLANT",
                  Schema::kCompany),
            0.75);
  EXPECT_GE(Score("ПАО Трубная металлургическая компания", "PIPE METALLURGICAL CO. OJSC",
                  Schema::kCompany),
            0.80);
  EXPECT_GE(Score("Агентство Интернет Исследований", "INTERNET RESEARCH AGENCY", Schema::kCompany),
            0.80);
  // English words in Cyrillic letters (трейдинг, трейд) and a Russian
  // phrase of rigour's (промышленность и торговля = industry and trade).
  EXPECT_GE(
      Score("ОБЩЕСТВО С ОГРАНИЧЕННОЙ ОТВЕТСТВЕННОСТЬЮ СМАРТ ТРЕЙДИНГ ТРАНСПОРТНАЯ "
            "ПРОМЫШЛЕННОСТЬ И ТОРГОВЛЯ",
            "SMART TRADING TRANSPORTATION INDUSTRY AND TRADE LIMITED COMPANY", Schema::kCompany),
      0.85);
  EXPECT_GE(Score("ООО ГРАНТ-ТРЕЙД", "LLC GRANT-TRADE", Schema::kCompany), 0.85);
  EXPECT_GE(Score("Группа Компаний Структура", "COMPANY GROUP STRUKTURA LLC", Schema::kCompany),
            0.85);
  // НПК, a design office, открытых "open"; Открытие (a bank) is no "open".
  EXPECT_GE(Score("ОАО «Научно-производственная корпорация «УралВагонЗавод»",
                  "JSC RESEARCH AND PRODUCTION CORPORATION URALVAGONZAVOD", Schema::kCompany),
            0.85);
  EXPECT_GE(
      Score("ААТ Канструктарскае бюро Дысплей", "DISPLAY DESIGN OFFICE JSC", Schema::kCompany),
      0.75);
  EXPECT_GE(
      Score("ООО \"ТЕХНОЛОГИЯ РАЗВИТИЯ ОТКРЫТЫХ СИСТЕМ\"",
            "LIMITED LIABILITY COMPANY OPEN SYSTEMS DEVELOPMENT TECHNOLOGY", Schema::kCompany),
      0.75);
  EXPECT_EQ(Keys("Банк Открытие", "OTKRITIE BANK").count("variant"), 0u);
  // научно-исследовательский before an adjective is "scientific research",
  // in Cyrillic and in Latin letters; "technological" is "technology".
  EXPECT_GE(Score("Научно-исследовательский технологический институт имени А. П. Александрова",
                  "ALEKSANDROV SCIENTIFIC RESEARCH TECHNOLOGICAL INSTITUTE", Schema::kCompany),
            0.75);
  EXPECT_GE(Score("Научно-исследовательский технологический институт",
                  "NAUCHNO ISSLEDOVATELSKII TEKHNOLOGICHESKII INSTITUT", Schema::kCompany),
            0.85);
  // Another enterprise's words are not these.
  EXPECT_LT(Score("ПАО Трубная металлургическая компания", "JSC UNITED METALLURGICAL COMPANY",
                  Schema::kCompany),
            0.70);
  EXPECT_LT(Score("АО НПП Салют", "SCIENTIFIC AND PRODUCTION ASSOCIATION SALYUT", Schema::kCompany),
            Score("АО НПП Салют", "SCIENTIFIC AND PRODUCTION ENTERPRISE SALYUT", Schema::kCompany));
}

// North Korean organisations are listed in English translation: 전람
// "exhibition", 건설 "construction", 대외 "external" (조선국제전람사 = Korea
// International Exhibition Corporation); a trading corporation is not it.
TEST(ScorerTest, KoreanOrganisationWordsTranslate) {
  EXPECT_GE(Score("조선국제전람사", "Korea International Exhibition Corporation", Schema::kCompany),
            0.90);
  EXPECT_LT(Score("조선국제무역사", "Korea International Exhibition Corporation", Schema::kCompany),
            0.70);
  EXPECT_GE(Score("조선인민군", "Korean People’s Army", Schema::kCompany), 0.80);
  // 연구소 is a research institute or a (scientific) research centre.
  EXPECT_GE(
      Score("영변 원자력 연구소", "Yongbyon Nuclear Scientific Research Centre", Schema::kCompany),
      0.85);
}

// Brands of Chinese drone makers are not romanisations: 道通 is Autel
// (Autel Robotics, on the UK list), 机器人 "robotics"; another trade name
// with the same industry word is not Autel.
TEST(ScorerTest, ChineseDroneMakerBrands) {
  EXPECT_GE(Score("道通机器人有限公司", "AUTEL ROBOTICS CO., LTD.", Schema::kCompany), 0.90);
  EXPECT_LT(Score("大通机器人有限公司", "AUTEL ROBOTICS CO., LTD.", Schema::kCompany), 0.70);
}

// Turkic names give the father's name with "son of" / "daughter of" as a
// word (oglu, ogly, uly; qizi, gizi, kyzy), where Russian writes the
// patronymic: the UK and US lists give both for one person (Famil Kamil Ogly
// SADYGOV; Әлинә Марат кызы Кабаева = Alina Maratovna KABAEVA).
TEST(ScorerTest, TurkicPatronymics) {
  EXPECT_GE(Score("Famil Kamilovich Sadygov", "SADYGOV, Famil Kamil Ogly", Schema::kPerson), 0.95);
  EXPECT_GE(Score("Әлинә Марат кызы Кабаева", "KABAEVA, Alina Maratovna", Schema::kPerson), 0.95);
  EXPECT_GE(Score("Nailya Vagifovna Asker-Zade", "Nailya Vagif Gizi ASKER-ZADE", Schema::kPerson),
            0.95);
  // A word that only looks like the marker in a company's name is left.
  EXPECT_LT(Score("Famil Kamilovich Sadygov", "Famil Kamil Ulu Trading LLC", Schema::kCompany),
            0.70);
}

TEST(ScorerTest, MergedTokens) {
  EXPECT_GE(Score("JSC ARGUMENT", "JSCARGUMENT", Schema::kCompany), 0.85);
  // Without its legal form the joined text is the same ("zentrivaxoptilab"),
  // with it the ratio is 16/20 = 0.80, under the 0.843 a joined match needs.
  EXPECT_GE(Score("Zentrivax Opti Lab GmbH", "ZentrivaxOptiLab", Schema::kCompany), 0.9);
  EXPECT_GE(Score("ZentrivaxOptiLab", "Zentrivax Opti Lab GmbH", Schema::kCompany), 0.9);
}

TEST(ScorerTest, LeadingLetterAdded) {
  // "invidia" is "nvidia" with one letter in front: edit ratio 1 - 1/7.
  const match::ScorerParams& p = match::DefaultScorerParams();
  const CompareResult r =
      CompareNames("Invidia Corporation", "NVIDIA Corporation", Schema::kCompany);
  bool paired = false;
  for (const TokenMatch& t : r.tokens) {
    if (t.query_token == "invidia" && t.list_token == "nvidia") {
      paired = true;
      EXPECT_NEAR(t.similarity, 1.0 - 1.0 / 7.0, 1e-9);
    }
  }
  EXPECT_TRUE(paired);
  EXPECT_GE(r.score, 0.70);
  // The rule is off for shorter tokens than leading_letter_min_len (5),
  // letters added elsewhere and two letters in front: those pairs score
  // the same with the rule switched off.
  const std::vector<std::pair<std::string, std::string>> others = {
      {"Elena Marsh", "Lena Marsh"},    // 4 letters
      {"Nvidiax Corp", "Nvidia Corp"},  // added at the end
      {"Xxnvidia Corp", "Nvidia Corp"}  // two letters in front
  };
  std::vector<double> on;
  for (const auto& [a, b] : others) on.push_back(Score(a, b, Schema::kCompany));
  const double invidia_on = r.score;
  std::vector<double> without;
  const double invidia_off =
      WithParams([](match::ScorerParams& q) { q.leading_letter_min_len = 0; },
                 [&] {
                   for (const auto& [a, b] : others) {
                     without.push_back(Score(a, b, Schema::kCompany));
                   }
                   return Score("Invidia Corporation", "NVIDIA Corporation", Schema::kCompany);
                 });
  for (size_t i = 0; i < others.size(); ++i) EXPECT_EQ(on[i], without[i]) << others[i].first;
  EXPECT_LT(invidia_off, 0.70);
  EXPECT_GT(invidia_on, invidia_off);
}

TEST(ScorerTest, JoinedTextsWithoutSharedLegalForms) {
  // OJSC and "joint stock company" are one legal form on both sides and
  // are left out; the query's "corporation" (a legal form there) is kept,
  // as the list side holds it inside the company-word phrase "tactical
  // missiles corporation". The joined texts "tacticalmissivescorporation"
  // and "tacticalmissilescorporation" differ in one of 27 letters.
  const char* q = "OJSC TACTICAL MISSIVES CORPORATION";
  const char* l = "TACTICAL MISSILES CORPORATION JOINT STOCK COMPANY";
  const match::ScorerParams defaults = match::DefaultScorerParams();
  EXPECT_NEAR(Score(q, l, Schema::kCompany), defaults.joined_factor * 26.0 / 27.0, 1e-9);
  const double off = WithoutRule(&match::ScorerParams::joined_shared_legal,
                                 [&] { return Score(q, l, Schema::kCompany); });
  EXPECT_LT(off, 0.70);
}

TEST(ScorerTest, JoinedTextsNeedTheNameBesideAMisspelledLegalForm) {
  // "otvetsvennostu" keeps the query's legal form from being read, so its
  // joined text is the whole name; the list's legal form is all in front
  // of its name "kourf". The whole texts agree in the long legal form
  // only; the query's last five letters ("grupp") against "kourf" bound
  // the joined comparison.
  const char* q = "obshchestvo s ogranichennoi otvetsvennostu ekogrupp";
  const char* l = "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU KOURF";
  const auto [off, same_off] = WithoutRule(&match::ScorerParams::joined_core_at_end, [&] {
    return std::make_pair(
        Score(q, l, Schema::kCompany),
        Score("obshchestvo s ogranichennoi otvetsvennostu kourf", l, Schema::kCompany));
  });
  EXPECT_GE(off, 0.70);
  EXPECT_LT(Score(q, l, Schema::kCompany), 0.70);
  // The same name beside the misspelled legal form: unchanged.
  EXPECT_GE(same_off, 0.70);
  EXPECT_DOUBLE_EQ(Score("obshchestvo s ogranichennoi otvetsvennostu kourf", l, Schema::kCompany),
                   same_off);
  // A legal form held inside a word ("SiemensAG"): the list's name
  // "siemens" is the query's first seven letters, so nothing changes.
  EXPECT_GE(Score("SiemensAG", "Siemens AG", Schema::kCompany), 0.90);
}

TEST(ScorerTest, TokensHoldTheirCodePointCounts) {
  // The first pass reads a token's code point counts (text_len, canon_len)
  // in place of its strings: each must be the number of code points of
  // the token's UTF-8 text, counted here from the bytes that begin one.
  auto code_points = [](const std::string& utf8) {
    return static_cast<uint32_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
  };
  const std::vector<std::string> names = {"Владимир Владимирович Путин",
                                          "ООО «Ромашка»",
                                          "武汉高德红外股份有限公司",
                                          "محمد علي الحسن",
                                          "김정은",
                                          "くみ子 鈴木",
                                          "Ömer Çelik GmbH & Co. KG",
                                          "Plant No. 11",
                                          "Αλέξανδρος Παπαδόπουλος",
                                          "S.M.G.",
                                          "Ağrı Dağı",
                                          "יוסף כהן"};
  size_t tokens = 0;
  for (const std::string& raw : names) {
    for (const Schema schema : {Schema::kPerson, Schema::kCompany}) {
      const match::PreparedName name = match::PrepareName(raw, schema, nullptr);
      std::vector<const match::PreparedForm*> forms;
      for (const match::PreparedForm& f : name.forms) forms.push_back(&f);
      forms.push_back(&name.native);
      for (const match::PreparedForm* f : forms) {
        for (const match::PreparedToken& t : f->tokens) {
          EXPECT_EQ(t.text_len, code_points(t.text)) << raw << ": " << t.text;
          EXPECT_EQ(t.canon_len, code_points(t.canon)) << raw << ": " << t.canon;
          ++tokens;
        }
      }
    }
  }
  EXPECT_GT(tokens, 50u);
}

TEST(ScorerTest, InitialsAlsoReadAsAnAcronym) {
  // "S.M.G." read as a person's three initials also has the form "smg",
  // the one an organisation's acronym has, so it equals the word "SMG".
  const match::PreparedName name = match::PrepareName("S.M.G.", Schema::kPerson, nullptr);
  bool acronym = false;
  for (const match::PreparedForm& f : name.forms) {
    acronym |= f.tokens.size() == 1 && f.tokens[0].text == "smg";
  }
  EXPECT_TRUE(acronym);
  EXPECT_DOUBLE_EQ(Score("S.M.G.", "SMG", Schema::kPerson), 1.0);
  const match::ScorerParams defaults = match::DefaultScorerParams();
  const double off = WithoutRule(&match::ScorerParams::initials_acronym_form,
                                 [] { return Score("S.M.G.", "SMG", Schema::kPerson); });
  // Without that form only the joined texts agree ("smg" both), which
  // count joined_factor.
  EXPECT_NEAR(off, defaults.joined_factor, 1e-9);
  // One initial is not an acronym; nor are initials beside a name.
  EXPECT_EQ(match::PrepareName("S.", Schema::kPerson, nullptr).forms.size(),
            match::PrepareName("T.", Schema::kPerson, nullptr).forms.size());
  EXPECT_LT(Score("J. S. Bach", "JS", Schema::kPerson), 0.70);
}

TEST(ScorerTest, OrganisationAcronyms) {
  const match::ScorerParams p = match::DefaultScorerParams();
  ASSERT_GT(p.sim_acronym, 0);
  // The acronym's value: sim_acronym for three letters, sim_acronym_long
  // for more, whichever name is the query; with sim_acronym at 0 the
  // names share nothing.
  const std::vector<std::tuple<std::string, std::string, double>> pairs = {
      {"Russian Direct Investment Fund", "RDIF", p.sim_acronym_long},
      {"Ural Bank for Reconstruction and Development", "UBRD", p.sim_acronym_long},
      // Cyrillic initials, romanised with the word (Ч "ch").
      {"Челябинский металлургический комбинат", "CHMK", p.sim_acronym_long},
      {"Каменск-Уральский Металлургический Завод", "КУМЗ", p.sim_acronym_long},
      {"ЗАО Русская медная компания", "RMK", p.sim_acronym},
      // A company word of several words gives each its initial (НИИ).
      {"Научно-исследовательский институт атомных реакторов", "NIIAR", p.sim_acronym_long},
      // Numbers agree.
      {"558 Авиационный ремонтный завод", "JSC 558 ARZ", p.sim_acronym},
  };
  for (const auto& [words, acronym, expected] : pairs) {
    EXPECT_NEAR(Score(words, acronym, Schema::kCompany), expected, 1e-9) << words;
    EXPECT_NEAR(Score(acronym, words, Schema::kCompany), expected, 1e-9) << words;
    const double off = WithParams([](match::ScorerParams& q) { q.sim_acronym = 0; },
                                  [&] { return Score(words, acronym, Schema::kCompany); });
    EXPECT_LT(off, 0.5) << words;
  }
  // The explanation names the key and both sides.
  const CompareResult r = CompareNames("Russian Direct Investment Fund", "RDIF", Schema::kCompany);
  ASSERT_EQ(r.tokens.size(), 1u);
  EXPECT_EQ(r.tokens[0].key, "acronym");
  EXPECT_EQ(r.tokens[0].query_token, "russian direct investment fund");
  EXPECT_EQ(r.tokens[0].list_token, "rdif");
  // Not: other numbers, two words, another letter, a person's name, or a
  // person's one word written in small letters.
  EXPECT_LT(Score("558 Авиационный ремонтный завод", "711 ARZ", Schema::kCompany), 0.5);
  EXPECT_LT(Score("Direct Investment", "DI", Schema::kCompany), 0.5);
  EXPECT_LT(Score("Russian Direct Investment Fund", "RDIX", Schema::kCompany), 0.5);
  EXPECT_LT(Score("Anna Maria Smith", "AMS", Schema::kPerson), 0.5);
  const match::PreparedName lower = match::PrepareName("Rdif", Schema::kPerson, nullptr);
  const match::PreparedName upper = match::PrepareName("RDIF", Schema::kPerson, nullptr);
  EXPECT_EQ(lower.acronym_word[0], 0u);
  EXPECT_NE(upper.acronym_word[0], 0u);
}

TEST(ScorerTest, JoinedTextsLeaveOutAnd) {
  // "&" inside an acronym is dropped ("att"), between words it is "and":
  // without "and" both joined texts are "att", a ratio of 1.0, so the
  // joined comparison gives joined_factor (0.97).
  const double f = match::DefaultScorerParams().joined_factor;
  EXPECT_NEAR(Score("AT&T", "AT and T", Schema::kCompany), f, 1e-9);
  EXPECT_NEAR(Score("QX&Z Holding", "QX and Z Holding", Schema::kCompany), f, 1e-9);
  // Only the word "and" goes: "at or t" keeps "or" ("atort" / "att",
  // 3/5 = 0.6 < joined_min) and stays apart.
  EXPECT_LT(Score("AT&T", "AT or T", Schema::kCompany), 0.70);
  const double off = WithoutRule(&match::ScorerParams::joined_without_and,
                                 [] { return Score("AT&T", "AT and T", Schema::kCompany); });
  EXPECT_LT(off, 0.70);
}

// A name written surname first, with a compound written apart on one side
// and together on the other: the joined texts agree once the list's words
// are rotated, at the cost of a rotation. A ratio of 1.0 gives joined_factor
// x (1 - rotation_penalty); with a substituted given name the rotated texts
// differ in 2 of 19 letters.
TEST(ScorerTest, JoinedTextsOfARotatedName) {
  const match::ScorerParams p = match::DefaultScorerParams();
  const double full = p.joined_factor * (1.0 - p.rotation_penalty);
  const NamePairs cases = {{"Abdulrahman Ali", "ALI, Abdul Rahman"},
                           {"Alghamdi Saad", "Saad AL-GHAMDI"},
                           {"Abdelaziz Bouteflika", "BOUTEFLIKA, Abdel Aziz"},
                           {"Mojtaba Haji Hosseini", "HAJIHOSSEINI, Mostafa"}};
  const auto [on, off] = ScoresOnOff(cases, Schema::kPerson,
                                     [](match::ScorerParams& q) { q.joined_rotations = false; });
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(on[i], full, 1e-9) << cases[i].first << " / " << cases[i].second;
    EXPECT_LT(off[i], 0.70) << cases[i].first << " / " << cases[i].second;
  }
  // "mojtabahajihosseini" / "mostafahajihosseini": 2 substitutions in 19.
  EXPECT_NEAR(on[3], (1.0 - 2.0 / 19.0) * full, 1e-9);
  // In order, no rotation and no rotation's cost.
  EXPECT_NEAR(Score("Abdulrahman Ali", "Abdul Rahman Ali", Schema::kPerson), p.joined_factor, 1e-9);
  // Another given name rotated into place is still another name.
  EXPECT_LT(Score("Abdulrahman Ali", "ALI, Abdul Karim", Schema::kPerson), 0.70);
  // The explanation shows the list's words as read: from ALI on.
  const CompareResult r = CompareNames("Ali Abdulrahman", "Abdul Rahman ALI", Schema::kPerson);
  ASSERT_EQ(r.tokens.size(), 1u);
  EXPECT_EQ(r.tokens[0].key, "joined_rotated");
  EXPECT_EQ(r.tokens[0].query_token, "aliabdulrahman");
  EXPECT_EQ(r.tokens[0].list_token, "aliabdulrahman");
}

TEST(ScorerTest, ExplanationsNameTheKeys) {
  const CompareResult r = CompareNames("Vladimir Putin", "Wladimir Putin", Schema::kPerson);
  ASSERT_FALSE(r.tokens.empty());
  ASSERT_FALSE(r.features.empty());
  std::set<std::string> keys;
  for (const TokenMatch& t : r.tokens) {
    EXPECT_FALSE(t.key.empty());
    keys.insert(t.key);
  }
  EXPECT_TRUE(keys.count("exact")) << "putin should match exactly";
  EXPECT_FALSE(r.features[0].detail.empty());
  EXPECT_GT(r.ofac_score, 0.8);
}

// --- Screener on a hand-built snapshot --------------------------------------

Entity MakeEntity(const std::string& source, const std::string& id, Schema schema,
                  std::vector<std::string> names) {
  Entity e;
  e.source = source;
  e.source_id = id;
  e.schema = schema;
  for (size_t i = 0; i < names.size(); ++i) {
    Name n;
    n.full = names[i];
    n.kind = i == 0 ? NameKind::kPrimary : NameKind::kStrongAlias;
    n.script = DetectScript(names[i]);
    e.names.push_back(n);
  }
  return e;
}

// A screener over one list, "list_a", holding `entities`.
std::shared_ptr<const Screener> OneListScreener(std::vector<Entity> entities) {
  std::vector<SourceInput> inputs(1);
  inputs[0].spec.format = FindFormat("csv");
  inputs[0].spec.source_id = "list_a";
  inputs[0].output.entities = std::move(entities);
  return Screener::Build(Snapshot::Build(std::move(inputs), "2026-01-01T00:00:00Z"));
}

// Screens `q` through the index and exhaustively, expects the same hits in
// the same order (entity, score, matched name), and returns the index's.
std::vector<ScreenHit> SameHitsBothWays(const Screener& screener, const ScreenQuery& q) {
  auto fast = screener.Screen(q);
  auto full = screener.ScreenExhaustive(q);
  EXPECT_TRUE(fast.ok() && full.ok()) << q.name;
  if (!fast.ok() || !full.ok()) return {};
  EXPECT_EQ(fast->hits.size(), full->hits.size()) << q.name;
  for (size_t i = 0; i < std::min(fast->hits.size(), full->hits.size()); ++i) {
    EXPECT_EQ(fast->hits[i].entity, full->hits[i].entity) << q.name;
    EXPECT_EQ(fast->hits[i].score, full->hits[i].score) << q.name;
    EXPECT_EQ(fast->hits[i].matched_name, full->hits[i].matched_name) << q.name;
  }
  return fast->hits;
}

std::shared_ptr<const Snapshot> SmallSnapshot() {
  std::vector<SourceInput> inputs;
  for (const char* src : {"list_a", "list_b"}) {
    SourceInput in;
    in.spec.format = FindFormat("csv");
    in.spec.source_id = src;
    inputs.push_back(std::move(in));
  }
  auto& a = inputs[0].output.entities;
  auto& b = inputs[1].output.entities;
  a.push_back(MakeEntity("list_a", "1", Schema::kPerson, {"Vladimir Vladimirovich Putin"}));
  a.back().nationalities = {"RU"};
  a.back().birth_dates = {PartialDate{1952, 10, 7}};
  a.back().gender = "male";
  a.push_back(
      MakeEntity("list_a", "2", Schema::kCompany, {"Rosneft Oil Company", "ПАО НК Роснефть"}));
  a.back().identifiers.push_back({IdType::kInn, "7706107510", "RU", "", ""});
  a.push_back(MakeEntity("list_a", "3", Schema::kCompany, {"Plant No. 11"}));
  a.push_back(MakeEntity("list_a", "4", Schema::kPerson, {"Olaf Scholz"}));
  b.push_back(MakeEntity("list_b", "1", Schema::kPerson, {"Vladimir Putin"}));
  b.push_back(MakeEntity("list_b", "2", Schema::kCompany, {"OOO Romashka"}));
  b.push_back(MakeEntity("list_b", "3", Schema::kCompany, {"Putin Trading LLC"}));
  for (int i = 0; i < 40; ++i) {
    b.push_back(MakeEntity("list_b", "x" + std::to_string(i), Schema::kPerson,
                           {"Person Number" + std::to_string(i) + " Filler"}));
  }
  return Snapshot::Build(std::move(inputs), "2026-01-01T00:00:00Z");
}

std::set<std::string> HitIds(const ScreenResult& r) {
  std::set<std::string> out;
  for (const auto& h : r.hits) out.insert(h.entity->source + "/" + h.entity->source_id);
  return out;
}

// The candidate pool at limit 10 follows the query's word count: 200
// entities for one or two words, 100 for three, 50 for four or more, and
// that times limit / 10 above limit 10 (screener.cc, CandidatePool).
TEST(ScreenerTest, CandidatePoolByQueryWords) {
  // 400 persons named Ali and 400 named Omar, each with a surname of its
  // own: a query "Ali <unknown surname...>" ties on Ali with 400 entities.
  const char* syllables[] = {"ka",  "lo",  "mi",  "ru",  "te",  "zo",  "ban", "dul", "fer", "gin",
                             "hos", "jar", "kem", "lus", "mor", "nad", "pel", "ris", "sul", "tav"};
  std::vector<Entity> ents;
  for (int i = 0; i < 800; ++i) {
    std::string surname = std::string(syllables[i % 20]) + syllables[(i / 20) % 20] + "ov";
    surname[0] = static_cast<char>(surname[0] - 'a' + 'A');
    ents.push_back(MakeEntity("list_a", std::to_string(i), Schema::kPerson,
                              {std::string(i < 400 ? "Ali " : "Omar ") + surname}));
  }
  auto screener = OneListScreener(std::move(ents));
  auto candidates = [&](const std::string& name, int limit) -> uint64_t {
    ScreenQuery q;
    q.name = name;
    q.schema = Schema::kPerson;
    q.limit = limit;
    auto r = screener->Screen(q);
    EXPECT_TRUE(r.ok()) << name;
    return r.ok() ? r->candidates : 0;
  };
  EXPECT_EQ(candidates("Ali Qwyxz", 10), 200u);
  EXPECT_EQ(candidates("Ali", 10), 200u);
  EXPECT_EQ(candidates("Ali Qwyxz Brunvek", 10), 100u);
  EXPECT_EQ(candidates("Ali Qwyxz Brunvek Tsoffel", 10), 50u);
  EXPECT_EQ(candidates("Ali Qwyxz Brunvek Tsoffel Vlamp", 10), 50u);
  EXPECT_EQ(candidates("Ali Qwyxz Brunvek", 20), 200u);
  EXPECT_EQ(candidates("Ali Qwyxz Brunvek", 15), 150u);
  EXPECT_EQ(candidates("Ali Qwyxz Brunvek", 1), 100u);
  EXPECT_EQ(candidates("Ali Qwyxz Brunvek Tsoffel", 30), 150u);
  // More than the entities the query touches: all 400 Ali.
  EXPECT_EQ(candidates("Ali Qwyxz", 20), 400u);
}

// The detail of the `name_part` feature among `features` ("" without one).
std::string NamePartNote(const std::vector<FeatureContribution>& features) {
  for (const FeatureContribution& f : features) {
    if (f.feature == "name_part") return f.detail;
  }
  return "";
}

// A field that holds several names (text::SplitNameField): each listed
// name it holds is found as it is when screened alone, and the hit says
// through which part; a field of one name gets no such note.
TEST(ScreenerTest, ScreensEachNameAFieldHolds) {
  auto screener = Screener::Build(SmallSnapshot());
  auto screen = [&](const std::string& name) {
    ScreenQuery q;
    q.name = name;
    auto r = screener->Screen(q);
    EXPECT_TRUE(r.ok()) << name;
    return r.ok() ? *r : ScreenResult();
  };
  auto find = [](const ScreenResult& r, const std::string& id) -> const ScreenHit* {
    for (const ScreenHit& h : r.hits) {
      if (h.entity->source + "/" + h.entity->source_id == id) return &h;
    }
    return nullptr;
  };
  const ScreenResult alone = screen("OOO Romashka");
  const ScreenHit* want = find(alone, "list_b/2");
  ASSERT_NE(want, nullptr);
  EXPECT_EQ(NamePartNote(want->features), "");
  for (const std::string field :
       {"Ivan Qwertyuiop a.k.a. OOO Romashka", "Ivan Qwertyuiop C/O OOO Romashka",
        "IVAN QWERTYUIOP (T/A 'OOO Romashka')"}) {
    const ScreenResult r = screen(field);
    const ScreenHit* got = find(r, "list_b/2");
    ASSERT_NE(got, nullptr) << field;
    EXPECT_DOUBLE_EQ(got->score, want->score) << field;
    EXPECT_EQ(got->matched_name, want->matched_name) << field;
    EXPECT_NE(NamePartNote(got->features).find("\"OOO Romashka\""), std::string::npos)
        << NamePartNote(got->features);
  }
  // Both parties of one field, each once.
  const ScreenResult both = screen("Vladimir Putin c/o OOO Romashka");
  EXPECT_NE(find(both, "list_b/2"), nullptr);
  EXPECT_NE(find(both, "list_b/1"), nullptr);
  std::set<const Entity*> seen;
  for (const ScreenHit& h : both.hits) EXPECT_TRUE(seen.insert(h.entity).second);
  for (size_t i = 1; i < both.hits.size(); ++i) {
    EXPECT_GE(both.hits[i - 1].score, both.hits[i].score);
  }
}

// compare reads a field of several names as the screener does: the best
// of the whole fields and each name they hold.
TEST(ScreenerTest, ComparesEachNameAFieldHolds) {
  const CompareResult alone = CompareNames("OOO Romashka", "Romashka LLC", std::nullopt);
  EXPECT_EQ(NamePartNote(alone.features), "");
  const CompareResult first =
      CompareNames("Ivan Qwertyuiop t/a OOO Romashka", "Romashka LLC", std::nullopt);
  EXPECT_DOUBLE_EQ(first.score, alone.score);
  EXPECT_NE(NamePartNote(first.features).find("\"OOO Romashka\", a name the first field holds"),
            std::string::npos)
      << NamePartNote(first.features);
  const CompareResult second =
      CompareNames("Romashka LLC", "Petr Asdfghjkl; OOO Romashka", std::nullopt);
  EXPECT_DOUBLE_EQ(second.score, CompareNames("Romashka LLC", "OOO Romashka", std::nullopt).score);
  EXPECT_NE(NamePartNote(second.features).find("the second field holds"), std::string::npos);
  // Scored as one name each, the fields are far apart.
  EXPECT_LT(CompareNames("Ivan Qwertyuiop OOO Romashka", "Romashka LLC", std::nullopt).score,
            first.score);
}

// A field that writes a street address after the name: the name before it
// is screened (and compared) alone too, and its hits say so.
TEST(ScreenerTest, ScreensTheNameBeforeAStreetAddress) {
  auto screener = OneListScreener(
      {MakeEntity("list_a", "1", Schema::kCompany, {"Zorvanik Marine Trading LLC"})});
  ScreenQuery q;
  q.name = "Zorvanik Marine Trading LLC, Building 12, Harbour Road, Wan Chai, Hong Kong";
  auto r = screener->Screen(q);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_GE(r->hits[0].score, 0.95);
  bool noted = false;
  for (const auto& f : r->hits[0].features) noted |= f.feature == "name_before_address";
  EXPECT_TRUE(noted);
  const CompareResult c = CompareNames(q.name, "Zorvanik Marine Trading LLC", std::nullopt);
  EXPECT_GE(c.score, 0.95);
}

// compare leaves out the identifiers a field writes beside the name, and
// says so.
TEST(ScreenerTest, CompareLeavesOutIdentifiersInTheName) {
  const CompareResult alone = CompareNames("OOO Romashka", "Romashka LLC", std::nullopt);
  const CompareResult with_id =
      CompareNames("OOO Romashka, ИНН 7707083893", "Romashka LLC", std::nullopt);
  EXPECT_DOUBLE_EQ(with_id.score, alone.score);
  bool noted = false;
  for (const auto& f : with_id.features) noted |= f.feature == "name_identifier";
  EXPECT_TRUE(noted);
  EXPECT_LT(CompareNames("OOO Romashka 7707083893", "Romashka LLC", std::nullopt).score,
            alone.score);
}

// Of two hits of one score, the one whose name the query holds more wholly
// ranks first: a legal form the query leaves out costs nothing, so BANK
// MELLI IRAN ZAO scores as BANK MELLI IRAN does, but the name screened is
// the second.
TEST(ScreenerTest, TiesRankTheWholerNameFirst) {
  auto screener =
      OneListScreener({MakeEntity("list_a", "1", Schema::kCompany, {"Bank Zorvanik Tehran ZAO"}),
                       MakeEntity("list_a", "2", Schema::kCompany, {"Bank Zorvanik Tehran"})});
  ScreenQuery q;
  q.name = "Bank Zorvanik Tehran";
  q.schema = Schema::kCompany;
  auto r = screener->Screen(q);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 2u);
  EXPECT_DOUBLE_EQ(r->hits[0].score, r->hits[1].score);
  EXPECT_EQ(r->hits[0].entity->source_id, "2");
  EXPECT_EQ(r->hits[1].entity->source_id, "1");

  // When the limit cuts between them, the wholer name makes the cut
  // although the other comes first in the snapshot.
  q.limit = 1;
  r = screener->Screen(q);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_EQ(r->hits[0].entity->source_id, "2");
}

TEST(ScreenerTest, FindsAndFilters) {
  auto screener = Screener::Build(SmallSnapshot());
  ScreenQuery q;
  q.name = "Vladimir Putin";
  q.schema = Schema::kPerson;
  auto r = screener->Screen(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto ids = HitIds(*r);
  EXPECT_TRUE(ids.count("list_a/1"));
  EXPECT_TRUE(ids.count("list_b/1"));
  ASSERT_FALSE(r->hits.empty());
  EXPECT_EQ(r->hits[0].entity->source_id, "1");
  EXPECT_DOUBLE_EQ(r->hits[0].score, 1.0);
  EXPECT_FALSE(r->hits[0].tokens.empty());
  EXPECT_FALSE(r->hits[0].features.empty());
  EXPECT_EQ(r->snapshot_version, screener->snapshot().version());
  for (size_t i = 1; i < r->hits.size(); ++i) EXPECT_GE(r->hits[i - 1].score, r->hits[i].score);

  q.sources = {"list_a"};
  r = screener->Screen(q);
  ASSERT_TRUE(r.ok());
  for (const auto& h : r->hits) EXPECT_EQ(h.entity->source, "list_a");
  EXPECT_TRUE(HitIds(*r).count("list_a/1"));

  q.sources.clear();
  q.limit = 1;
  r = screener->Screen(q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->hits.size(), 1u);

  q.limit = 10;
  q.threshold = 0.0;
  r = screener->Screen(q);
  ASSERT_TRUE(r.ok());
  for (const auto& h : r->hits) EXPECT_GE(h.score, 0.0);
  q.threshold = 0.99;
  r = screener->Screen(q);
  ASSERT_TRUE(r.ok());
  for (const auto& h : r->hits) EXPECT_GE(h.score, 0.99);
}

// A thread that warms up answers as one that does not: the warm-up leaves
// nothing in the thread's caches that a later query would read wrongly.
TEST(ScreenerTest, WarmUpThreadLeavesAnswersAlone) {
  auto screener = Screener::Build(SmallSnapshot());
  const std::vector<std::string> names = {"Vladimir Putin", "Путин Владимир",       "Роснефть",
                                          "Rosneft",        "Plant No. 12",         "Olaf Scholtz",
                                          "Romashka OOO",   "Person Number7 Filler"};
  auto answers = [&](bool warm) {
    std::vector<std::string> out;
    std::thread([&] {
      if (warm) screener->WarmUpThread();
      for (const std::string& name : names) {
        ScreenQuery q;
        q.name = name;
        q.threshold = 0.5;
        auto r = screener->Screen(q);
        ASSERT_TRUE(r.ok()) << name;
        std::string line = name + ":";
        for (const ScreenHit& h : r->hits) {
          line += " " + h.entity->source_id + "=" + std::to_string(h.score) + "/" + h.matched_name;
          for (const TokenMatch& t : h.tokens) line += " " + t.query_token + "|" + t.list_token;
        }
        out.push_back(line);
      }
    }).join();
    return out;
  };
  const std::vector<std::string> cold = answers(false);
  ASSERT_EQ(cold.size(), names.size());
  EXPECT_NE(cold[0].find(" 1="), std::string::npos) << cold[0];  // Putin found
  EXPECT_EQ(answers(true), cold);
}

TEST(ScreenerTest, QualifiersAndIdentifiers) {
  auto screener = Screener::Build(SmallSnapshot());
  ScreenQuery q;
  q.name = "Vladimir Putin";
  q.schema = Schema::kPerson;
  q.sources = {"list_a"};
  q.threshold = 0.3;
  q.country = "DE";
  q.birth_date = PartialDate{1960, 1, 1};
  auto r = screener->Screen(q);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->hits.empty());
  std::set<std::string> features;
  for (const auto& f : r->hits[0].features) features.insert(f.feature);
  EXPECT_TRUE(features.count("country_mismatch"));
  EXPECT_TRUE(features.count("dob_year_mismatch"));
  EXPECT_LT(r->hits[0].score, 0.8);

  // An exact identifier dominates a weak name.
  ScreenQuery idq;
  idq.name = "Rosneft Trading";
  idq.identifiers = {"77061 07510"};
  r = screener->Screen(idq);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->hits.empty());
  EXPECT_EQ(r->hits[0].entity->source_id, "2");
  EXPECT_GE(r->hits[0].score, 0.95);

  // The same identifier written into the name field, as payment messages
  // write it, is read as an identifier: the name is screened without it.
  for (const char* field : {"Rosneft Trading INN 7706107510", "ИНН 7706107510 Rosneft Trading",
                            "Rosneft Trading (ИНН/КПП 7706107510/770601001)"}) {
    ScreenQuery fq;
    fq.name = field;
    r = screener->Screen(fq);
    ASSERT_TRUE(r.ok());
    ASSERT_FALSE(r->hits.empty()) << field;
    EXPECT_EQ(r->hits[0].entity->source_id, "2") << field;
    EXPECT_GE(r->hits[0].score, 0.95) << field;
    std::set<std::string> fs;
    for (const auto& f : r->hits[0].features) fs.insert(f.feature);
    EXPECT_TRUE(fs.count("identifier_match")) << field;
    EXPECT_TRUE(fs.count("name_identifier")) << field;
  }
  // Without its identifier the name alone has no such hit, and another
  // number after the label matches nothing.
  ScreenQuery other;
  other.name = "Rosneft Trading INN 7706107511";
  r = screener->Screen(other);
  ASSERT_TRUE(r.ok());
  for (const auto& h : r->hits) EXPECT_LT(h.score, 0.95) << h.entity->source_id;

  // Person vs Company is penalised.
  ScreenQuery cq;
  cq.name = "Olaf Scholz";
  cq.schema = Schema::kCompany;
  cq.threshold = 0.0;
  r = screener->Screen(cq);
  ASSERT_TRUE(r.ok());
  for (const auto& h : r->hits) {
    if (h.entity->source_id == "4") EXPECT_LE(h.score, 0.70);
  }
}

TEST(ScreenerTest, RejectsBadQueries) {
  auto screener = Screener::Build(SmallSnapshot());
  ScreenQuery q;
  q.name = "   ";
  EXPECT_FALSE(screener->Screen(q).ok());
  q.name = std::string(2000, 'a');
  EXPECT_FALSE(screener->Screen(q).ok());
  q.name = "Putin \xff\xfe";
  EXPECT_TRUE(screener->Screen(q).ok());
}

TEST(ScreenerTest, IndexRecallMatchesExhaustive) {
  auto screener = Screener::Build(SmallSnapshot());
  for (const char* name : {"Vladimir Putin", "Rosneft", "OOO Romashka", "Plant No 11",
                           "Olaf Scholze", "Роснефть", "Putin Trading", "Filler Number7"}) {
    ScreenQuery q;
    q.name = name;
    q.threshold = 0.5;
    auto fast = screener->Screen(q);
    auto full = screener->ScreenExhaustive(q);
    ASSERT_TRUE(fast.ok() && full.ok());
    EXPECT_EQ(HitIds(*fast), HitIds(*full)) << name;
    EXPECT_LE(fast->candidates, full->candidates);
  }
}

// One name shared by entities on two lists (scored once per query through
// the Screener's per-name memo) must score the same for each, and a weak
// alias of it 0.85 times that; a name without schema scores as it does with
// the schema the Screener guesses (the guessing analysis is reused).
// A Han or Hangul person's name keeps the syllabic rules against a list
// name that has no company word, whatever the listed entity's schema: a
// LegalEntity or vessel called "Min Jun" is compared name to name.
TEST(ScreenerTest, SyllabicRulesFollowTheName) {
  std::vector<Entity> ents;
  ents.push_back(MakeEntity("list_a", "1", Schema::kPerson, {"Min Jun"}));
  ents.push_back(MakeEntity("list_a", "2", Schema::kLegalEntity, {"Min Jun"}));
  ents.push_back(MakeEntity("list_a", "3", Schema::kVessel, {"Min Jun"}));
  ents.push_back(MakeEntity("list_a", "4", Schema::kPerson, {"Olaf Scholz"}));
  auto screener = OneListScreener(std::move(ents));
  ScreenQuery q;
  q.name = "민준 박";  // Park Min-jun: the list names lack the family name
  q.threshold = 0.1;
  auto r = screener->Screen(q);
  ASSERT_TRUE(r.ok());
  std::map<std::string, double> by_id;
  for (const auto& h : r->hits) by_id[h.entity->source_id] = h.score;
  ASSERT_TRUE(by_id.count("1") && by_id.count("2") && by_id.count("3"));
  EXPECT_LT(by_id.at("1"), 0.70);
  EXPECT_EQ(by_id.at("2"), by_id.at("1"));
  EXPECT_EQ(by_id.at("3"), by_id.at("1"));
}

// A name in Chinese characters without a legal form and without a schema is
// guessed to be a person's; organisations are also screened with the company
// analysis, which translates a known trade name (海康威视 = Hikvision), and an
// organisation that both analyses find is one hit with the better score.
TEST(ScreenerTest, HanNameWithoutSchemaAlsoScreensOrganisationsAsCompanies) {
  std::vector<Entity> ents;
  ents.push_back(MakeEntity("list_a", "1", Schema::kCompany, {"HIKVISION"}));
  ents.push_back(MakeEntity("list_a", "2", Schema::kCompany, {"HAI KANGWEISHI"}));
  ents.push_back(MakeEntity("list_a", "3", Schema::kPerson, {"HIKVISION"}));
  auto screener = OneListScreener(std::move(ents));
  ScreenQuery q;
  q.name = "海康威视";
  q.threshold = 0.7;
  auto any = screener->Screen(q);
  auto full = screener->ScreenExhaustive(q);
  ASSERT_TRUE(any.ok() && full.ok());
  std::map<std::string, int> count;
  for (const auto& h : any->hits) ++count[h.entity->source_id];
  EXPECT_EQ(count["1"], 1);
  EXPECT_EQ(count["2"], 1);  // the person analysis's pinyin; once
  EXPECT_EQ(count["3"], 0);  // a person is not read as a company
  EXPECT_EQ(HitIds(*any), HitIds(*full));
  q.schema = Schema::kPerson;
  auto person = screener->Screen(q);
  ASSERT_TRUE(person.ok());
  for (const auto& h : person->hits) EXPECT_NE(h.entity->source_id, "1");
}

// approx_partial_factor follows the name: a LegalEntity or vessel whose name
// is a person's (no legal form or company word) is charged like a Person
// when a person's name finds all its words in it, one approximately.
TEST(ScreenerTest, ApproximatePartialFollowsTheName) {
  std::vector<Entity> ents;
  ents.push_back(MakeEntity("list_a", "1", Schema::kLegalEntity, {"JAIME GARZETTI TORVELLO"}));
  ents.push_back(MakeEntity("list_a", "2", Schema::kLegalEntity, {"JAIME TORVELLO"}));
  ents.push_back(MakeEntity("list_a", "3", Schema::kCompany, {"Jaime Garzetti Torvello LLC"}));
  ents.push_back(MakeEntity("list_a", "4", Schema::kPerson, {"Olaf Scholz"}));
  auto screener = OneListScreener(std::move(ents));
  auto scores = [&]() {
    ScreenQuery q;
    q.name = "Jaimie Torvello";
    q.threshold = 0.1;
    auto r = screener->Screen(q);
    EXPECT_TRUE(r.ok());
    std::map<std::string, double> out;
    if (r.ok()) {
      for (const auto& h : r->hits) out[h.entity->source_id] = h.score;
    }
    return out;
  };
  const match::ScorerParams defaults = match::DefaultScorerParams();
  ASSERT_TRUE(defaults.approx_partial_by_name);
  const auto on = scores();
  const auto off = WithoutRule(&match::ScorerParams::approx_partial_by_name, scores);
  ASSERT_TRUE(on.count("1") && on.count("2") && on.count("3"));
  ASSERT_TRUE(off.count("1") && off.count("2") && off.count("3"));
  EXPECT_NEAR(on.at("1"), off.at("1") * defaults.approx_partial_factor, 1e-9);
  EXPECT_EQ(on.at("2"), off.at("2"));  // nothing left over
  EXPECT_EQ(on.at("3"), off.at("3"));  // an organisation's name
}

// The index picks which names of a candidate are scored first (those with
// at least a share of the entity's best key overlap, never one that shares
// no key); an entity that reaches the threshold on them is scored on every
// name. So each hit's score and matched name are the exhaustive scan's:
// for an entity listed under many spellings, and for one whose best alias
// 'Cetc' shares no key with the query 'Cnec' while its long alias 'Cnec Ltd
// Holding Group' shares all of them but scores about 0.53 (at 0.3 and 0.5
// the entity is a hit on the long alias first, then matched on 'Cetc').
TEST(ScreenerTest, FindsAcronymsBeyondTheCandidates) {
  // An entity known only by its acronym, and one only by its words, among
  // 150 companies that share more keys with the queries than the acronym
  // does: the index adds the entities an acronym meets to its candidates.
  std::vector<Entity> ents;
  ents.push_back(MakeEntity("list_a", "kumz", Schema::kCompany, {"KUMZ"}));
  ents.push_back(
      MakeEntity("list_a", "rdif", Schema::kCompany, {"Russian Direct Investment Fund"}));
  for (int i = 0; i < 150; ++i) {
    ents.push_back(MakeEntity("list_a", "f" + std::to_string(i), Schema::kCompany,
                              {"Kamensk Uralskiy Zavod Filler" + std::to_string(i),
                               "Russian Direct Filler" + std::to_string(i)}));
  }
  auto screener = OneListScreener(std::move(ents));
  for (const auto& [query, id] : std::vector<std::pair<std::string, std::string>>{
           {"Каменск-Уральский Металлургический Завод", "kumz"}, {"RDIF", "rdif"}}) {
    ScreenQuery q;
    q.name = query;
    q.limit = 200;
    bool found = false;
    for (const ScreenHit& h : SameHitsBothWays(*screener, q)) found |= h.entity->source_id == id;
    EXPECT_TRUE(found) << query;
  }
}

TEST(ScreenerTest, HitsScoreAllTheirNames) {
  std::vector<Entity> ents;
  ents.push_back(MakeEntity(
      "list_a", "1", Schema::kPerson,
      {"Muammar Muhammad Abu Minyar al-Qadhafi", "Moammar Gadhafi", "Muammar Gaddafi",
       "Muammar al-Qaddafi", "Mu'ammar Kaddafi", "Moamar Khadafi", "Muammar Qathafi",
       "Muammar Gheddafi", "Muammar el-Qaddafi", "QADHAFI, Muammar", "GADDAFI, Muhammad"}));
  ents.push_back(MakeEntity("list_a", "2", Schema::kCompany,
                            {"Cnec Ltd Holding Group", "Cetc", "Abab Kovalenko Sidorenko"}));
  std::vector<std::string> others = {"Vladimir Putin"};
  for (const char* w : {"Zyx", "Wyk", "Xoq", "Vyz", "Jyw", "Kyx", "Zoq", "Wox", "Qyz", "Xyw"}) {
    others.push_back(std::string(w) + " " + w + "son");
  }
  ents.push_back(MakeEntity("list_a", "3", Schema::kPerson, others));
  for (int i = 0; i < 30; ++i) {
    ents.push_back(MakeEntity("list_a", "f" + std::to_string(i), Schema::kPerson,
                              {"Filler Person" + std::to_string(i)}));
  }
  auto screener = OneListScreener(std::move(ents));
  size_t hits = 0;
  bool cetc = false;
  for (const char* name : {"AL-QADHAFI, Muammra", "Muamar Gadafi", "Khadafy Moamer", "Qadhafi",
                           "Gaddafi Muhammad", "Muammar Abu Minyar", "Mohammed Gheddafi",
                           "Vladimir Putin", "Putin Vladimir", "Abab", "Cnec"}) {
    for (double threshold : {0.3, 0.5, 0.7}) {
      // Not kept: at 0.7 'Cnec' reaches the threshold on 'Cetc' only, which
      // is never scored first (docs/screening.md, "Names scored").
      if (std::string(name) == "Cnec" && threshold == 0.7) continue;
      ScreenQuery q;
      q.name = name;
      q.threshold = threshold;
      for (const ScreenHit& h : SameHitsBothWays(*screener, q)) {
        cetc = cetc || h.matched_name == "Cetc";
        ++hits;
      }
    }
  }
  EXPECT_GT(hits, 10u);
  EXPECT_TRUE(cetc);
}

TEST(ScreenerTest, SharedNamesAndGuessedSchema) {
  std::vector<SourceInput> inputs;
  for (const char* src : {"list_a", "list_b"}) {
    SourceInput in;
    in.spec.format = FindFormat("csv");
    in.spec.source_id = src;
    inputs.push_back(std::move(in));
  }
  inputs[0].output.entities.push_back(
      MakeEntity("list_a", "1", Schema::kCompany, {"Wuhan Tongsheng Technology Co Ltd"}));
  inputs[0].output.entities.push_back(
      MakeEntity("list_a", "2", Schema::kPerson, {"Ivan Petrovich Sidorov"}));
  inputs[1].output.entities.push_back(
      MakeEntity("list_b", "1", Schema::kCompany, {"Wuhan Tongsheng Technology Co Ltd"}));
  inputs[1].output.entities.push_back(
      MakeEntity("list_b", "2", Schema::kCompany,
                 {"Tongsheng Holdings", "Wuhan Tongsheng Technology Co Ltd"}));
  inputs[1].output.entities.back().names[1].kind = NameKind::kWeakAlias;
  inputs[1].output.entities.push_back(
      MakeEntity("list_b", "3", Schema::kPerson, {"Ivan Petrovich Sidorov"}));
  auto screener = Screener::Build(Snapshot::Build(std::move(inputs), "2026-01-01T00:00:00Z"));

  auto scores = [&](const char* name, std::optional<Schema> schema) {
    ScreenQuery q;
    q.name = name;
    q.schema = schema;
    q.threshold = 0.3;
    auto r = screener->Screen(q);
    EXPECT_TRUE(r.ok());
    std::map<std::string, double> out;
    if (r.ok()) {
      for (const auto& h : r->hits) out[h.entity->source + "/" + h.entity->source_id] = h.score;
    }
    return out;
  };
  const auto company = scores("Wuhan Tongsheng Tech Co., Ltd.", std::nullopt);
  ASSERT_TRUE(company.count("list_a/1") && company.count("list_b/1") && company.count("list_b/2"));
  EXPECT_EQ(company.at("list_a/1"), company.at("list_b/1"));
  EXPECT_NEAR(company.at("list_b/2"), 0.85 * company.at("list_a/1"), 1e-12);
  EXPECT_EQ(company, scores("Wuhan Tongsheng Tech Co., Ltd.", Schema::kCompany));

  const auto person = scores("Sidorov Ivan", std::nullopt);
  ASSERT_TRUE(person.count("list_a/2") && person.count("list_b/3"));
  EXPECT_EQ(person.at("list_a/2"), person.at("list_b/3"));
  EXPECT_EQ(person, scores("Sidorov Ivan", Schema::kPerson));
}

}  // namespace
}  // namespace chokepoint
