// The cutoff contract of match::ScoreName (scorer.h): with a cutoff, a name
// scoring at or above it gets exactly the score it gets without one, and a
// name below it gets some value below it. The Screener relies on this to
// skip the full alignment of names that cannot reach the threshold.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "io/csv.h"
#include "io/file.h"
#include "match/scorer.h"
#include "text/analyze.h"

namespace chokepoint::match {
namespace {

struct Case {
  Schema schema;
  std::string a, b;
};

// name1 / name2 of the shared name_bench cases, and each name1 against the
// next case's name2 (mostly non-matches).
std::vector<Case> BenchCases() {
  const std::string path =
      std::string(CHOKEPOINT_SHARED_DIR) + "/data/matching/nomenklatura_name_bench_cases.csv";
  auto data = io::ReadFile(path);
  std::vector<Case> out;
  if (!data.ok()) return out;
  io::CsvReader reader(*data);
  std::vector<std::string> rec;
  std::vector<std::string> header;
  std::vector<Case> rows;
  while (true) {
    auto n = reader.Read(rec);
    if (n != io::CsvReader::Next::kRecord) break;
    if (header.empty()) {
      header = rec;
      continue;
    }
    if (rec.size() < 4) continue;
    const auto schema = ParseSchema(rec[1]);
    rows.push_back({schema ? *schema : Schema::kPerson, rec[2], rec[3]});
  }
  for (size_t i = 0; i < rows.size(); ++i) {
    out.push_back(rows[i]);
    const Case& next = rows[(i + 1) % rows.size()];
    out.push_back({rows[i].schema, rows[i].a, next.b});
  }
  return out;
}

// A query's name as the Screener and CompareNames prepare it: a cut legal
// form left out, its last word possibly cut short, its trailing address
// marked.
PreparedName QueryName(const std::string& raw, Schema schema, const TokenStats* stats) {
  const QueryCut cut = InspectQueryName(raw, schema == Schema::kPerson);
  PreparedName name = PrepareName(cut.analysed, schema, stats);
  MarkQueryWords(cut, name);
  return name;
}

// The contract for one pruned score: the full score when that reaches the
// cutoff, some value below the cutoff otherwise. True on the first side.
bool ExpectCutoffContract(double pruned, double full, double cutoff, const std::string& pair) {
  if (full >= cutoff) {
    EXPECT_EQ(pruned, full) << pair << " cutoff " << cutoff;
    return true;
  }
  EXPECT_LT(pruned, cutoff) << pair << " cutoff " << cutoff;
  return false;
}

TEST(PruneTest, ScoreNameCutoffContract) {
  const std::vector<Case> cases = BenchCases();
  if (cases.empty()) GTEST_SKIP() << "shared matching data not found";
  ScratchSpace scratch;
  int exact = 0, below = 0;
  for (const Case& c : cases) {
    PreparedQuery query;
    PrepareQuery(QueryName(c.a, c.schema, nullptr), query);
    const PreparedName list = PrepareName(c.b, c.schema, nullptr);
    BeginQuery(query, 0, scratch);
    const double full = ScoreName(query, list, scratch, 0, nullptr);
    std::vector<TokenMatch> explain;
    EXPECT_EQ(ScoreName(query, list, scratch, 0, &explain), full) << c.a << " | " << c.b;
    for (double cutoff : {0.3, 0.5, 0.7, 0.85, 0.95}) {
      const double pruned = ScoreName(query, list, scratch, cutoff, nullptr);
      ++(ExpectCutoffContract(pruned, full, cutoff, c.a + " | " + c.b) ? exact : below);
    }
  }
  // Both sides of the contract were exercised.
  EXPECT_GT(exact, 100);
  EXPECT_GT(below, 100);
}

// The cutoff contract again, with the caches a query shares across all the
// names it is scored against (token pairs repeat across names, and a pair's
// cached values must serve every later name): each pruned score against a
// query's cache equals the score computed alone, or stays below the cutoff.
// The queries include initials (a query initial pairs below the floor) and
// the list names share tokens, also across scripts: the Latin name GEDMAK
// and the loanword reading "gedmak" of 戈德马克 pair differently with
// GOLDMARK (only the reading by the transcription key); WORTMANN pairs
// with the reading "wotman" of 沃特曼 above its Jaro-Winkler value, and
// with the Latin WOTMAN at it.
struct SharedCacheCases {
  std::vector<std::pair<Schema, std::string>> queries;
  std::vector<std::string> list_raw;
};
SharedCacheCases SharedCacheQueries(const std::vector<Case>& cases) {
  std::vector<std::pair<Schema, std::string>> queries = {
      {Schema::kCompany, "CONTINENTE S.A. NUEVO"},
      {Schema::kPerson, "V. Putin"},
      {Schema::kPerson, "Hans J Friedrich"},
      {Schema::kPerson, "Андрей Вечиславович ПЛОТНИЦКИЙ"},
      {Schema::kPerson, "コーキンズ"},
      {Schema::kPerson, "弗羅布萊夫斯基"},
      {Schema::kPerson, "Goldmark"},
      {Schema::kPerson, "戈德马克"},
      {Schema::kPerson, "Wortmann"},
      {Schema::kPerson, "沃特曼"},
      // A last word cut short (InspectQueryName, MarkQueryWords).
      {Schema::kCompany, "JOINT STOCK COMPANY CONCERN RADIO"},
      // Cut just after a word: a company word completed, a cut legal form
      // left out (QueryCut::ends_cut()).
      {Schema::kCompany, "JSC V. TIKHOMIROV SCIENTIFIC RESEAR"},
      {Schema::kCompany, "MAIN DIRECTORATE FOR COMBATING ORGA"},
      // An address appended (MarkQueryWords).
      {Schema::kCompany, "ROSOBORONEXPORT JSC MOSCOW RUSSIA"},
      {Schema::kCompany, "Bank of China Beijing"}};
  std::vector<std::string> list_raw = {"AERO CONTINENTE (USA) INC.",
                                       "AERO CONTINENTE, INC.",
                                       "NUEVO CONTINENTE S.A.",
                                       "PLOTNITSKIY, Andrey",
                                       "Calkins",
                                       "Wróblewski",
                                       "Wroblewski Adam",
                                       "Gedmak",
                                       "戈德马克",
                                       "Goldmark",
                                       "Wotman",
                                       "沃特曼",
                                       "Wortmann",
                                       "JOINT STOCK COMPANY CONCERN RADIOELECTRONIC TECHNOLOGIES",
                                       "RADIOTECHNICAL PLANT CONCERN",
                                       "JSC V. TIKHOMIROV SCIENTIFIC RESEARCH INSTITUTE OF "
                                       "INSTRUMENT DESIGN",
                                       "TIKHOMIROV SCIENTIFIC RESEARCH INSTITUTE",
                                       "MAIN DIRECTORATE FOR COMBATING ORGANIZED CRIME AND "
                                       "CORRUPTION OF THE MVD OF THE REPUBLIC OF BELARUS",
                                       "MAIN DIRECTORATE OF INTERNAL AFFAIRS",
                                       "ROSOBORONEXPORT",
                                       "ROSOBORONEKSPORT OAO",
                                       "ROSOBORONEXPORT MOSCOW",
                                       "Bank of China",
                                       "Bank of India",
                                       "China Beijing Bank"};
  for (size_t i = 0; i < cases.size(); i += 2) {  // the labelled pairs only
    if (queries.size() < 60 && i % 8 == 0) queries.push_back({cases[i].schema, cases[i].a});
    list_raw.push_back(cases[i].b);
  }
  return {std::move(queries), std::move(list_raw)};
}

// One list name scored against one query whose cache it shares with the
// names before it (ForEachSharedCachePair).
struct SharedCachePair {
  const PreparedQuery& query;
  const PreparedName& interned;  // the list name, its tokens interned
  const NameDigest& digest;      // its digest
  double full;                   // its score computed alone, without a cutoff
  double cutoff;
  ScratchSpace& shared;  // the query's cache, shared across the names
  std::string pair;      // "query | list name", for messages
};

// Runs `check` on every query of SharedCacheQueries against each of its list
// names in turn, at each cutoff, the query's cache shared across the names.
template <typename Check>
void ForEachSharedCachePair(std::initializer_list<double> cutoffs, Check&& check) {
  const std::vector<Case> cases = BenchCases();
  if (cases.empty()) GTEST_SKIP() << "shared matching data not found";
  const auto [queries, list_raw] = SharedCacheQueries(cases);
  for (const auto& [schema, raw] : queries) {
    std::vector<PreparedName> names;
    for (const std::string& b : list_raw) names.push_back(PrepareName(b, schema, nullptr));
    std::vector<PreparedName> interned = names;
    InternTokens(interned);  // as the Screener does
    NameDigests digests;
    digests.Build(interned);
    PreparedQuery query;
    PrepareQuery(QueryName(raw, schema, nullptr), query);
    for (double cutoff : cutoffs) {
      ScratchSpace shared;
      BeginQuery(query, 1u << 20, shared);
      for (size_t k = 0; k < names.size(); ++k) {
        ScratchSpace alone;
        BeginQuery(query, 0, alone);
        const double full = ScoreName(query, names[k], alone, 0, nullptr);
        const NameDigest& digest = digests.at(digests.first_line(static_cast<uint32_t>(k)));
        check(SharedCachePair{query, interned[k], digest, full, cutoff, shared,
                              raw + " | " + list_raw[k]});
      }
    }
  }
}

TEST(PruneTest, CutoffContractWithSharedCache) {
  ForEachSharedCachePair({0.5, 0.7}, [](const SharedCachePair& c) {
    const double pruned = ScoreName(c.query, c.interned, c.shared, c.cutoff, nullptr);
    ExpectCutoffContract(pruned, c.full, c.cutoff, c.pair);
  });
}

// The bound a screener takes from a list name's digest (DigestBound), in
// the screener's order: each name bounded against the query's shared cache
// first and scored only when the bound reaches the cutoff. A name ruled out
// by its digest scores below the cutoff when scored alone, and a name scored
// keeps the cutoff contract; most mismatched names are ruled out.
TEST(PruneTest, DigestBoundRulesOutOnlyNamesBelowTheCutoff) {
  int ruled_out = 0, scored = 0;
  ForEachSharedCachePair({0.5, 0.7, 0.85}, [&](const SharedCachePair& c) {
    const double bound = DigestBound(c.query, c.digest, c.shared, c.cutoff);
    if (bound < c.cutoff) {
      EXPECT_LT(c.full, c.cutoff) << c.pair << " cutoff " << c.cutoff << " bound " << bound;
      ++ruled_out;
    } else {
      ExpectCutoffContract(ScoreName(c.query, c.interned, c.shared, c.cutoff, nullptr), c.full,
                           c.cutoff, c.pair);
      ++scored;
    }
  });
  if (IsSkipped()) return;  // (no shared data)
  EXPECT_GT(ruled_out, 4 * scored) << ruled_out << " ruled out, " << scored << " scored";
}

// A deterministic rarity in [0, 1] per token text, so that the weights vary
// as they do against the lists (the index's TokenStats).
class HashRarity : public TokenStats {
 public:
  double Rarity(const text::Token& token) const override {
    uint32_t h = 2166136261u;
    for (char c : token.text) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return static_cast<double>(h % 1001) / 1000.0;
  }
};

// ScoreName's first pass (ScoreNameUpperBound, computed without similarity
// metrics) is never below the full score, which is computed independently by
// ScoreName without a cutoff; and it is tight enough to rule out most of the
// mismatched pairs at 0.7.
TEST(PruneTest, FirstPassBoundIsAnUpperBound) {
  std::vector<Case> cases = BenchCases();
  if (cases.empty()) GTEST_SKIP() << "shared matching data not found";
  // Queries whose costs the bound takes at their least: a last word cut
  // short (the list words after its pair) and an address appended.
  const std::string radio = "JOINT STOCK COMPANY CONCERN RADIOELECTRONIC TECHNOLOGIES";
  for (const auto& [a, b] : std::vector<std::pair<std::string, std::string>>{
           {"JOINT STOCK COMPANY CONCERN RADIO", radio},
           {"JOINT STOCK COMPANY CONCERN RADIOE", radio},
           {"CONCERN RADIOELECTRONIC TECHNOLOGI", radio},
           {"JOINT STOCK COMPANY CONCERN RADIO", "CONCERN RADIO TECHNOLOGIES PLANT"},
           {"JSC V. TIKHOMIROV SCIENTIFIC RESEAR",
            "JSC V. TIKHOMIROV SCIENTIFIC RESEARCH INSTITUTE OF INSTRUMENT DESIGN"},
           {"JSC V. TIKHOMIROV SCIENTIFIC RESEAR", "TIKHOMIROV RESEARCH INSTITUTE OF DESIGN"},
           {"MAIN DIRECTORATE FOR COMBATING ORGA",
            "MAIN DIRECTORATE FOR COMBATING ORGANIZED CRIME AND CORRUPTION OF THE MVD"},
           {"MAIN DIRECTORATE FOR COMBATING ORGA", "DIRECTORATE FOR COMBATING CRIME MAIN"},
           {"ROSOBORONEXPORT JSC MOSCOW RUSSIA", "ROSOBORONEXPORT"},
           {"ROSOBORONEXPORT JSC MOSCOW RUSSIA", "ROSOBORONEXPORT KAZAN"},
           {"HIKVISION HANGZHOU CHINA", "HIKVISION"},
           {"MORTGAGE LOAN TRUST 2004-1", "MORTGAGE LOAN TRUST 2005-2 LLC"}}) {
    cases.push_back({Schema::kCompany, a, b});
  }
  // Series marks, which pair only after the alignment (a vessel's closing
  // number against another's).
  cases.push_back({Schema::kVessel, "SOUTH HILL 3", "SOUTH HILL 5"});
  cases.push_back({Schema::kVessel, "SOUTH HILL 3", "NORTH HILL 5"});
  // Vessel-type prefixes, which cost nothing before a vessel's name.
  // (Names without a closing number, whose form pairs the bounds would
  // leave to a full score as series marks.)
  cases.push_back({Schema::kVessel, "MV HELLENIC SPIRIT", "HELLENIC SPIRIT"});
  cases.push_back({Schema::kVessel, "HELLENIC SPIRIT", "M/T HELLENIC SPIRIT"});
  cases.push_back({Schema::kVessel, "M T HELLENIC SPIRIT", "HELLENIC SPIRIT"});
  // A long list name held without the query's first name, a repeated
  // unmatched list word that costs once, compounds that differ in the stem.
  cases.push_back(
      {Schema::kPerson, "Emmanuel Ramazani SHADARI MULANDA", "Ramazani SHADARI MULANDA"});
  cases.push_back({Schema::kPerson, "Naim Tala Mustafa TLASS", "Tala Mustafa TLASS"});
  cases.push_back({Schema::kPerson, "KHAN AKHTAR", "AKHTAR MOHAMMAD MANSOUR MOHAMMED KHAN"});
  cases.push_back({Schema::kPerson, "Hamidullah AKHUND", "Obaidullah AKHUND"});
  // A query word or initial that could pair with a list word another
  // takes, left unpaired at the contained name's lower cost: the bounds
  // charge such a token the least of a pair's missing credit and its
  // unpaired cost (PairedTokenExtra).
  cases.push_back({Schema::kPerson, "John Jahn Lee", "John Lee"});
  cases.push_back({Schema::kPerson, "John J Lee", "John Lee"});
  cases.push_back({Schema::kPerson, "Maria M Lopez Garcia", "Maria Lopez Garcia"});
  cases.push_back({Schema::kPerson, "Ivan Ivar Petrov", "Ivan Petrov"});
  // Han characters beyond the Basic Multilingual Plane (the bounds' code
  // point heads hold each as 0xffff, PreparedToken::text_head): the same
  // one, another one, and one against a character of that plane.
  cases.push_back({Schema::kPerson, "𠮷田 太郎", "𠮷田 次郎"});
  cases.push_back({Schema::kPerson, "𠮷田太郎", "𠮟田太郎"});
  cases.push_back({Schema::kPerson, "𠮷野 一郎", "吉野 一郎"});
  cases.push_back({Schema::kCompany, "𠀋𡈽 TRADING LIMITED", "𠀋𡈽 TRADING LTD"});
  const HashRarity rarity;
  ScratchSpace scratch;
  int checked = 0, ruled_out = 0, below = 0;
  for (const TokenStats* stats :
       {static_cast<const TokenStats*>(nullptr), static_cast<const TokenStats*>(&rarity)}) {
    for (const Case& c : cases) {
      PreparedQuery query;
      PrepareQuery(QueryName(c.a, c.schema, stats), query);
      const PreparedName list = PrepareName(c.b, c.schema, stats);
      BeginQuery(query, 0, scratch);
      const double full = ScoreName(query, list, scratch, 0, nullptr);
      const double bound = ScoreNameUpperBound(query, list);
      EXPECT_GE(bound, full) << c.a << " | " << c.b;
      ++checked;
      if (full < 0.7) {
        ++below;
        if (bound < 0.7) ++ruled_out;
      }
    }
  }
  EXPECT_GT(checked, 2000);
  // Most pairs scoring below 0.7 are ruled out by the first pass alone.
  EXPECT_GT(ruled_out, below / 2) << ruled_out << " of " << below;
}

// Names that match only as joined texts (split or merged words, a legal
// form written inside a word, words rotated, legal forms shared or not):
// the bounds limit that comparison by the joined texts' code point counts
// (PreparedForm::joined_counts), so each such pair checks that limit against
// the score the comparison gives. The pairs must really be scored through
// it, or the check would prove nothing.
TEST(PruneTest, FirstPassBoundHoldsForJoinedTexts) {
  const std::vector<Case> cases = {
      {Schema::kCompany, "SiemensAG", "Siemens AG"},
      {Schema::kCompany, "OOO Romashka", "ROMA SHKA LLC"},
      {Schema::kCompany, "Rosoboron Export", "ROSOBORONEXPORT"},
      {Schema::kCompany, "ROSOBORONEXPORT JSC", "ROSOBORON EXPORT OAO"},
      {Schema::kCompany, "Hik Vision Digital Technology Co Ltd",
       "HIKVISION DIGITAL TECHNOLOGY CO., LTD."},
      {Schema::kCompany, "joynt stock company Almaz Antey", "joint stock company Almaz-Antey"},
      {Schema::kCompany, "Tactical Missiles Corporation JSC", "TACTICALMISSILES CORPORATION"},
      {Schema::kPerson, "Abdulrahman Ali", "ALI, Abdul Rahman"},
      {Schema::kPerson, "Alghamdi Saad", "Saad AL-GHAMDI"},
      {Schema::kPerson, "Abd al Rahman Mustafa", "ABDELRAHMAN MUSTAFA"},
      {Schema::kPerson, "Nasrallah Hassan", "Nasr Allah HASSAN"},
      {Schema::kPerson, "Kim Jongun", "KIM JONG UN"},
  };
  ScratchSpace scratch;
  int joined = 0;
  for (const Case& c : cases) {
    PreparedQuery query;
    PrepareQuery(QueryName(c.a, c.schema, nullptr), query);
    const PreparedName list = PrepareName(c.b, c.schema, nullptr);
    BeginQuery(query, 0, scratch);
    std::vector<TokenMatch> explain;
    const double full = ScoreName(query, list, scratch, 0, &explain);
    for (const TokenMatch& m : explain) {
      if (m.key == "levenshtein" || m.key == "joined_rotated") {
        ++joined;
        break;
      }
    }
    EXPECT_GE(ScoreNameUpperBound(query, list), full) << c.a << " | " << c.b;
    for (double cutoff : {0.7, 0.85, 0.95}) {
      ExpectCutoffContract(ScoreName(query, list, scratch, cutoff, nullptr), full, cutoff,
                           c.a + " | " + c.b);
    }
  }
  EXPECT_GE(joined, 6) << "pairs scored through their joined texts";
}

}  // namespace
}  // namespace chokepoint::match
