// CandidateIndex (index.h): which names a query retrieves. The expected
// candidates follow from the key rules, not from a run of the index: a name
// that shares a key with the query is reachable, and among names sharing the
// same keys the one the scorer can match best (the shortest) ranks first.
#include "match/index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "match/scorer.h"
#include "text/analyze.h"

namespace chokepoint::match {
namespace {

// Indexes `names` as the Screener does (name i belongs to entity_of[i],
// ascending): count every name, prepare it with the index's rarity, add it,
// finish.
void BuildEntities(const std::vector<std::string>& names, const std::vector<uint32_t>& entity_of,
                   uint32_t num_entities, Schema schema, CandidateIndex& index) {
  std::vector<std::vector<text::NameForm>> forms;
  for (const std::string& n : names) forms.push_back(text::AnalyzeName(n, schema));
  for (const auto& f : forms) index.CountName(f);
  for (size_t i = 0; i < forms.size(); ++i) {
    index.Add(entity_of[i], PrepareForms(forms[i], schema, &index));
  }
  index.Finish(num_entities);
}

// The same with entity i = names[i].
void Build(const std::vector<std::string>& names, Schema schema, CandidateIndex& index) {
  std::vector<uint32_t> entity_of(names.size());
  for (size_t i = 0; i < names.size(); ++i) entity_of[i] = static_cast<uint32_t>(i);
  BuildEntities(names, entity_of, static_cast<uint32_t>(names.size()), schema, index);
}

PreparedQuery Query(const CandidateIndex& index, const std::string& query, Schema schema) {
  PreparedQuery pq;
  PrepareQuery(PrepareForms(text::AnalyzeName(query, schema), schema, &index), pq);
  return pq;
}

// The candidate entities of `pq`, in the index's order.
std::vector<uint32_t> Entities(const CandidateIndex& index, const PreparedQuery& pq,
                               size_t max_candidates, CandidateIndex::Scratch& scratch) {
  std::vector<CandidateIndex::NamedCandidate> out;
  std::vector<uint32_t> names;
  index.RetrieveNames(
      pq, max_candidates, 0.0f, [](uint32_t) { return true; }, scratch, out, names);
  std::vector<uint32_t> entities;
  for (const auto& c : out) entities.push_back(c.entity);
  return entities;
}

std::vector<uint32_t> Candidates(const CandidateIndex& index, const std::string& query,
                                 Schema schema, size_t max_candidates) {
  CandidateIndex::Scratch scratch;
  return Entities(index, Query(index, query, schema), max_candidates, scratch);
}

bool Contains(const std::vector<uint32_t>& v, uint32_t x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// RetrieveNames(pq, max_candidates, share, keep): per entity, the names
// returned for it (empty for an entity that is not a candidate); `count`:
// the candidates.
template <typename Keep>
std::vector<std::vector<uint32_t>> NamesPerEntity(const CandidateIndex& index,
                                                  const PreparedQuery& pq, float share, Keep&& keep,
                                                  CandidateIndex::Scratch& scratch, size_t& count,
                                                  size_t max_candidates = 10) {
  std::vector<CandidateIndex::NamedCandidate> out;
  std::vector<uint32_t> got;
  index.RetrieveNames(pq, max_candidates, share, keep, scratch, out, got);
  std::vector<std::vector<uint32_t>> per_entity(index.num_entities());
  for (const auto& c : out) {
    per_entity.at(c.entity).assign(got.begin() + c.names_begin, got.begin() + c.names_end);
  }
  count = out.size();
  return per_entity;
}

// Whether `target`, indexed after `names`, is among the first `limit`
// candidates of `query`.
bool FoundAmongFirst(std::vector<std::string> names, const std::string& target,
                     const std::string& query, Schema schema, size_t limit) {
  names.push_back(target);
  CandidateIndex index;
  Build(names, schema, index);
  return Contains(Candidates(index, query, schema, limit), static_cast<uint32_t>(names.size() - 1));
}

// Indexes `name` beside "Zzzz Lmnop" (no letter in common with the queries
// of these tests) and checks that `query` retrieves the one and not the other.
void ExpectRetrievedNotTheUnrelated(const std::string& name, const std::string& query,
                                    Schema schema) {
  CandidateIndex index;
  Build({name, "Zzzz Lmnop"}, schema, index);
  const std::vector<uint32_t> got = Candidates(index, query, schema, 100);
  EXPECT_TRUE(Contains(got, 0));
  EXPECT_FALSE(Contains(got, 1));
}

// `count` words of `prefix` + `length` letters drawn from `letters`.
std::vector<std::string> RandomWords(uint32_t seed, const std::string& letters,
                                     const std::string& prefix, int length, int count) {
  std::mt19937 rng(seed);
  std::vector<std::string> words;
  for (int i = 0; i < count; ++i) {
    std::string w = prefix;
    for (int j = 0; j < length; ++j) w += letters[rng() % letters.size()];
    words.push_back(std::move(w));
  }
  return words;
}

}  // namespace

// Among names that share the same keys with the query, the one the scorer
// charges least for unmatched list tokens (the one-word name) ranks first,
// whatever its entity id: 'SIMA' and 'SAMI' share only the phonetic key, as
// do the 200 longer names that hold a token SAMI, all with lower ids.
TEST(CandidateIndexTest, ShortNameSharingTheKeyRanksFirst) {
  ASSERT_EQ(text::PhoneticKey("sima"), text::PhoneticKey("sami"));
  std::vector<std::string> names;
  const std::vector<std::string> words = RandomWords(7, "bdfgklnprtvz", "", 7, 400);
  for (int i = 0; i < 200; ++i) names.push_back("Sami " + words[2 * i] + " " + words[2 * i + 1]);
  names.push_back("Sami");
  const uint32_t short_name = static_cast<uint32_t>(names.size() - 1);
  CandidateIndex index;
  Build(names, Schema::kPerson, index);
  const std::vector<uint32_t> got = Candidates(index, "Sima", Schema::kPerson, 10);
  EXPECT_EQ(got.size(), 10u);
  EXPECT_TRUE(Contains(got, short_name));
}

// Every key kind still retrieves: with fewer names than max_candidates, a
// name sharing any key (here only a vocabulary neighbour: QWERTYXUV and
// QWZRTYXUV are one substitution apart, with different phonetic keys and too
// long for sorted-letter keys) with the query is returned, and a name
// sharing none is not.
TEST(CandidateIndexTest, AnySharedKeyRetrieves) {
  ASSERT_NE(text::PhoneticKey("qwertyxuv"), text::PhoneticKey("qwzrtyxuv"));
  ExpectRetrievedNotTheUnrelated("Qwertyxuv", "Qwzrtyxuv", Schema::kPerson);
}

// Vocabulary neighbours: a word of 6 to 12 letters files its deletions of
// one and two letters, so a query word two substitutions away (each side
// with the two letters deleted is the same) finds it, and one three
// substitutions away does not (the listed name shares no other key with
// the queries: their phonetic keys differ).
TEST(CandidateIndexTest, WordsTwoEditsApartAreNeighbours) {
  const std::string listed = "qwertyxuv";
  auto substitute = [&](std::initializer_list<size_t> at) {
    std::string w = listed;
    for (size_t i : at) w[i] = 'z';
    return w;
  };
  const std::string two = substitute({2, 6});
  const std::string three = substitute({2, 4, 6});
  for (const std::string& q : {two, three}) {
    ASSERT_NE(text::PhoneticKey(q), text::PhoneticKey(listed)) << q;
  }
  CandidateIndex index;
  Build({"Qwertyxuv", "Zzzz Lmnop"}, Schema::kPerson, index);
  EXPECT_TRUE(Contains(Candidates(index, two, Schema::kPerson, 100), 0));
  EXPECT_FALSE(Contains(Candidates(index, three, Schema::kPerson, 100), 0));
}

// A query word that may be cut short (PreparedToken::may_be_truncated, the
// last word of a name cut at a field's length) looks its text up among the
// starts of the vocabulary's words: QWERTYX begins QWERTYXUVAB, four letters
// short of it. Unmarked, the same query does not find it.
TEST(CandidateIndexTest, ACutWordFindsTheWordsItBegins) {
  CandidateIndex index;
  Build({"Qwertyxuvab", "Zzzz Lmnop"}, Schema::kPerson, index);
  PreparedQuery pq = Query(index, "Qwertyx", Schema::kPerson);
  CandidateIndex::Scratch scratch;
  EXPECT_FALSE(Contains(Entities(index, pq, 100, scratch), 0));
  for (PreparedForm& f : pq.name.forms) f.tokens.back().may_be_truncated = true;
  EXPECT_TRUE(Contains(Entities(index, pq, 100, scratch), 0));
}

// A query word of eight or more letters also looks up its first six among
// the starts of the vocabulary's words: QWERTYZZZZ finds QWERTYXUVAB (five
// substitutions and an insertion apart, sharing QWERTY); QWERTYZ, of seven,
// does not.
TEST(CandidateIndexTest, ALongWordFindsTheWordsBeginningAlike) {
  CandidateIndex index;
  Build({"Qwertyxuvab", "Zzzz Lmnop"}, Schema::kPerson, index);
  EXPECT_TRUE(Contains(Candidates(index, "Qwertyzzzz", Schema::kPerson, 100), 0));
  EXPECT_FALSE(Contains(Candidates(index, "Qwertyz", Schema::kPerson, 100), 0));
}

// Two adjacent words (or a word and a number) written together are a word
// of the vocabulary too: BELINVESTINZHINIRING finds BELINVEST INZHINIRING,
// EX35011 finds EX-35011; and a query's word of up to three letters is also
// looked up with the next token written after it: YV 2726 finds YV2726.
TEST(CandidateIndexTest, AdjacentWordsWrittenTogetherAreAWord) {
  ExpectRetrievedNotTheUnrelated("BELINVEST INZHINIRING", "BELINVESTINZHINIRING",
                                 Schema::kOrganization);
  ExpectRetrievedNotTheUnrelated("EX-35011", "EX35011", Schema::kAircraft);
  ExpectRetrievedNotTheUnrelated("YV2726", "YV 2726", Schema::kAircraft);
}

// Three-letter words index their ordered letter pairs: ICD {ic, id, cd}
// and ITC {it, ic, tc} share 'ic', though no whole-word or phonetic key
// (one deletion each from IC, they are vocabulary neighbours too); DCI
// {dc, di, ci} shares no pair and no deletion with ICD.
TEST(CandidateIndexTest, ThreeLetterWordsShareALetterPair) {
  for (const char* a : {"icd", "itc", "dci"}) {
    for (const char* b : {"icd", "itc", "dci"}) {
      if (std::string(a) != b) ASSERT_NE(text::PhoneticKey(a), text::PhoneticKey(b));
    }
  }
  CandidateIndex index;
  Build({"ITC", "DCI", "Zzzz Lmnop"}, Schema::kOrganization, index);
  const std::vector<uint32_t> got = Candidates(index, "ICD", Schema::kOrganization, 100);
  EXPECT_TRUE(Contains(got, 0));
  EXPECT_FALSE(Contains(got, 1));
  EXPECT_FALSE(Contains(got, 2));
}

// Names index their phonetic key with each letter deleted, and a query looks
// up its own phonetic key among those and its deletions among the names'
// phonetic keys: ABDURAKHMON (ABTRMN) and ABDELRAHMAN (ABTLRMN) differ by one
// letter of the key (and more than two letters of their text), and are
// found in both directions, above 2,000 fillers 'abd' + consonants, which
// share no phonetic key one letter away.
TEST(CandidateIndexTest, PhoneticKeysOneLetterApartRetrieve) {
  const std::string p_short = text::PhoneticKey("abdurakhmon");
  const std::string p_long = text::PhoneticKey("abdelrahman");
  ASSERT_EQ(p_short.size() + 1, p_long.size());
  bool one_deletion = false;
  for (size_t i = 0; i < p_long.size(); ++i) {
    std::string d = p_long;
    d.erase(i, 1);
    one_deletion = one_deletion || d == p_short;
  }
  ASSERT_TRUE(one_deletion);
  std::vector<std::string> names = RandomWords(5, "bfgkptvz", "abd", 5, 2000);
  names.push_back("Abdelrahman");
  names.push_back("Abdurakhmon");
  const uint32_t long_id = static_cast<uint32_t>(names.size() - 2);
  const uint32_t short_id = static_cast<uint32_t>(names.size() - 1);
  CandidateIndex index;
  Build(names, Schema::kPerson, index);
  // Queries one letter away from the other name only (not the same name).
  EXPECT_TRUE(Contains(Candidates(index, "Abdurakhmon", Schema::kPerson, 10), long_id));
  EXPECT_TRUE(Contains(Candidates(index, "Abdelrahman", Schema::kPerson, 10), short_id));
}

// A query's adjacent tokens written together are looked up as one word:
// 'Abd al Rahman' joined is 'abdalrahman', whose phonetic key is that of
// ABDELRAHMAN. The one-word name then ranks among the first 10 above 200
// names holding both 'Abd' and 'Rahman' beside two unrelated words (the
// scorer charges for those).
TEST(CandidateIndexTest, JoinedQueryTokensFindTheOneWordName) {
  ASSERT_EQ(text::PhoneticKey("abdalrahman"), text::PhoneticKey("abdelrahman"));
  std::vector<std::string> names;
  const std::vector<std::string> words = RandomWords(3, "bdfgklnprtvz", "", 7, 4400);
  for (int i = 0; i < 200; ++i)
    names.push_back("Abd " + words[2 * i] + " Rahman " + words[2 * i + 1]);
  for (int i = 200; i < 2200; ++i) names.push_back(words[2 * i] + " " + words[2 * i + 1]);
  EXPECT_TRUE(FoundAmongFirst(names, "Abdelrahman", "Abd al Rahman", Schema::kPerson, 10));
}

// Words of 4-7 letters index their letters in alphabetical order and each of
// those with one letter deleted, and a query word of 3-8 letters looks its
// own up: two words one substitution, insertion, deletion or transposition
// apart share one (CNEC 'ccen' and CETC 'ccet' share 'cce'). CNEC and CETC
// share no whole-word or phonetic key, and a name sharing no letter with the
// query is still not retrieved.
TEST(CandidateIndexTest, WordsOneLetterApartShareASortedLetterKey) {
  ASSERT_NE(text::PhoneticKey("cnec"), text::PhoneticKey("cetc"));
  ExpectRetrievedNotTheUnrelated("CETC", "CNEC", Schema::kOrganization);
}

// A transposition: WARFA and WAFRA have the same sorted letters ('aafrw')
// but different phonetic keys, beside 2,000 fillers 'wa' + five consonants
// (no r, no f: no phonetic key and no sorted-letter key of theirs is one of
// WARFA's). The name then ranks among the query's first 10.
TEST(CandidateIndexTest, TransposedLettersShareTheSortedLetterKey) {
  ASSERT_NE(text::PhoneticKey("warfa"), text::PhoneticKey("wafra"));
  EXPECT_TRUE(FoundAmongFirst(RandomWords(9, "bgkptvz", "wa", 5, 2000), "Wafra", "Warfa",
                              Schema::kPerson, 10));
}

// A loanword reading meets the Latin word its transcription key pairs with
// in the scorer: 图波列夫 reads tuboref / tubolef, which share with TUPOLEV
// no other key, beside 2,000 fillers 'tu' + three letters + 'ole' with no
// labial among the three (none has TUPOLEV's transcription key).
TEST(CandidateIndexTest, LoanwordReadingsLookUpTheTranscriptionKey) {
  std::vector<std::string> fillers = RandomWords(11, "gkmnsxz", "tu", 3, 2000);
  for (std::string& w : fillers) w += "ole";
  EXPECT_TRUE(FoundAmongFirst(fillers, "Tupolev", "图波列夫", Schema::kCompany, 10));
}

// ... and the transcription key of a Latin word respelt as loanwords write
// it: 马克尔 reads makr / makl, MARKEL respelt is makel; they share no
// other key, beside 2,000 fillers 'ma' + three of b, d, p, v (whose keys
// meet none of the query's: not its pinyin 'ma ke er', nor those joined).
TEST(CandidateIndexTest, LoanwordReadingsLookUpTheRespeltLatinWord) {
  EXPECT_TRUE(FoundAmongFirst(RandomWords(12, "bdpv", "ma", 3, 2000), "Markel", "马克尔",
                              Schema::kPerson, 10));
}

// A familiar form and its given name share no key of their own (Jim and
// James: no phonetic, sorted-letter or neighbour key in common); the query
// looks up the familiar-form keys both ways.
TEST(CandidateIndexTest, FamiliarFormsMeetTheirGivenNames) {
  ExpectRetrievedNotTheUnrelated("James Wong", "Jim", Schema::kPerson);
  ExpectRetrievedNotTheUnrelated("Jim Wong", "James", Schema::kPerson);
}

// RetrieveNames returns Retrieve's entities, each with the names worth
// scoring. Entity 0 has a name sharing every key with the query, one sharing
// only the query's second word, and one sharing no key at all (no letter in
// common); entity 1 only the one-word name. Normalised Dice-style, the full
// name's overlap W / (W + W/2) is above the one-word name's w / (W + w/2)
// for any w < W, so the full name is entity 0's best: with a share of 0
// both touched names are kept and the untouched one is not; with a share of
// 1 only the best is kept; an entity's only touched name is always kept.
TEST(CandidateIndexTest, RetrieveNamesKeepsTheTouchedNames) {
  CandidateIndex index;
  BuildEntities({"Vladimir Putin", "Putin", "Zzyzx Qwek", "Putin"}, {0, 0, 0, 1}, 2,
                Schema::kPerson, index);
  const PreparedQuery pq = Query(index, "Vladimir Putin", Schema::kPerson);
  CandidateIndex::Scratch scratch;
  auto named = [&](float share) {
    size_t count = 0;
    auto per_entity = NamesPerEntity(
        index, pq, share, [](uint32_t) { return true; }, scratch, count);
    EXPECT_EQ(count, 2u);
    return per_entity;
  };
  const auto all_touched = named(0.0f);
  EXPECT_EQ(all_touched[0], (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(all_touched[1], (std::vector<uint32_t>{3}));
  const auto best_only = named(1.0f);
  EXPECT_EQ(best_only[0], (std::vector<uint32_t>{0}));
  EXPECT_EQ(best_only[1], (std::vector<uint32_t>{3}));
  // The scratch is clean again: a retrieval after them gets the same two
  // entities.
  std::vector<uint32_t> plain = Entities(index, pq, 10, scratch);
  std::sort(plain.begin(), plain.end());
  EXPECT_EQ(plain, (std::vector<uint32_t>{0, 1}));
}

// An entity without names (a gap in the ids) and a keep() that refuses one
// entity: each candidate still gets exactly its own touched names. Entity 0
// has "Ivan Petrov" and "Zzyzx", entity 1 none, entity 2 "Petrov" and
// "Ivan Petrov", entity 3 "Ivan Petrov" (refused). With a share of 0 every
// touched name of a kept entity is returned and no name of another entity.
TEST(CandidateIndexTest, RetrieveNamesRangesWithAGapAndARefusedEntity) {
  CandidateIndex index;
  BuildEntities({"Ivan Petrov", "Zzyzx", "Petrov", "Ivan Petrov", "Ivan Petrov"}, {0, 0, 2, 2, 3},
                4, Schema::kPerson, index);
  const PreparedQuery pq = Query(index, "Ivan Petrov", Schema::kPerson);
  CandidateIndex::Scratch scratch;
  for (int round = 0; round < 2; ++round) {  // the second on the reused scratch
    size_t count = 0;
    const auto per_entity = NamesPerEntity(
        index, pq, 0.0f, [](uint32_t e) { return e != 3; }, scratch, count);
    ASSERT_EQ(count, 2u);
    EXPECT_EQ(per_entity[0], (std::vector<uint32_t>{0}));
    EXPECT_TRUE(per_entity[1].empty());
    EXPECT_EQ(per_entity[2], (std::vector<uint32_t>{2, 3}));
    EXPECT_TRUE(per_entity[3].empty());
  }
}

// A query that repeats a word (Hussein HUSSEIN) meets the names that repeat
// it through their 'r' keys: among many names holding the word once and
// shorter, the one that holds it twice is still a candidate.
TEST(CandidateIndexTest, RepeatedWordMeetsNamesRepeatingIt) {
  std::vector<std::string> names;
  for (int i = 0; i < 30; ++i) names.push_back("Hussein " + std::string(1, 'A' + i % 26) + "x");
  names.push_back("Hussein Mohammed Hussein Aljeithni");
  CandidateIndex index;
  Build(names, Schema::kPerson, index);
  const uint32_t twice = static_cast<uint32_t>(names.size() - 1);
  EXPECT_TRUE(Contains(Candidates(index, "Hussein HUSSEIN", Schema::kPerson, 5), twice));
  // A query naming the word once does not prefer it.
  EXPECT_FALSE(Contains(Candidates(index, "Hussein", Schema::kPerson, 5), twice));
}

// RetrieveNames merges only the touched names that can reach the best
// entities when many names are touched (Scratch::prune); the candidates and
// each candidate's names must be those of the merge of every touched name.
// Names of two or three six-letter words over four letters: each word has
// many vocabulary neighbours (words two substitutions away), so a query
// touches thousands of the 12,000 names.
TEST(CandidateIndexTest, PrunedMergeKeepsTheFullMergesCandidates) {
  std::mt19937 rng(20261203);
  const std::vector<std::string> words = RandomWords(7, "abde", "", 6, 600);
  std::vector<std::string> names;
  std::vector<uint32_t> entity_of;
  uint32_t entity = 0;
  for (int i = 0; i < 12000; ++i) {
    std::string name = words[rng() % words.size()] + " " + words[rng() % words.size()];
    if (rng() % 2 == 0) name += " " + words[rng() % words.size()];
    names.push_back(name);
    entity_of.push_back(entity);
    if (rng() % 3 != 0) ++entity;  // a third of the entities get another name
  }
  CandidateIndex index;
  BuildEntities(names, entity_of, entity + 1, Schema::kPerson, index);
  CandidateIndex::Scratch pruned, full;
  full.prune = false;
  int checked = 0;
  for (int q = 0; q < 60; ++q) {
    const std::string query = words[rng() % words.size()] + " " + words[rng() % words.size()] +
                              " " + words[rng() % words.size()].substr(0, 4);
    const PreparedQuery pq = Query(index, query, Schema::kPerson);
    for (size_t max_candidates : {10, 50, 200}) {
      for (float share : {0.0f, 0.3f}) {
        // Refuse every seventh entity, as a source filter would.
        auto keep = [](uint32_t e) { return e % 7 != 3; };
        size_t count_p = 0, count_f = 0;
        const auto names_p =
            NamesPerEntity(index, pq, share, keep, pruned, count_p, max_candidates);
        const auto names_f = NamesPerEntity(index, pq, share, keep, full, count_f, max_candidates);
        ASSERT_EQ(count_p, count_f) << query << " max_candidates " << max_candidates;
        ASSERT_EQ(names_p, names_f)
            << query << " max_candidates " << max_candidates << " share " << share;
        if (pruned.skipped > 0) ++checked;
      }
    }
  }
  // Most retrievals left names out (the case the comparison is for).
  EXPECT_GT(checked, 200);
}

// NeighbourGroup keeps its recent results in the scratch, which the screener
// shares between the screeners a thread serves (a list update builds a new
// one): a scratch that has seen other queries, and the same words on another
// index, must retrieve what a fresh scratch retrieves. Two indexes of names
// over one small alphabet, so that query words have many neighbours on
// both, each name's first word one of 20 common ones; the queries repeat
// those, at different weights: a word written in two ("ab deoa"), read
// joined as well, is weighted as its second part (no list word: rare), and
// whole as itself (common).
TEST(CandidateIndexTest, RecentNeighboursGiveWhatAFreshScratchGives) {
  const std::vector<std::string> words = RandomWords(11, "abdeo", "", 6, 300);
  CandidateIndex one, two;
  for (CandidateIndex* index : {&one, &two}) {
    std::mt19937 rng(index == &one ? 1 : 2);
    std::vector<std::string> names;
    for (int i = 0; i < 3000; ++i) {
      names.push_back(words[rng() % 20] + " " + words[rng() % words.size()]);
    }
    Build(names, Schema::kPerson, *index);
  }
  std::mt19937 rng(20261207);
  CandidateIndex::Scratch shared;
  int compared = 0;
  // Twenty queries on one index, then twenty on the other, and so on.
  for (int q = 0; q < 240; ++q) {
    const CandidateIndex& index = (q / 20) % 2 == 0 ? one : two;
    // A few words, often one seen before, the first now and then written
    // in two; now and then one cut short.
    const std::string& first = words[rng() % 20];
    std::string query = rng() % 2 == 0 ? first : first.substr(0, 2) + " " + first.substr(2);
    query += " " + words[rng() % words.size()];
    if (rng() % 3 == 0) query += " " + words[rng() % 20].substr(0, 5);
    const PreparedQuery pq = Query(index, query, Schema::kPerson);
    const size_t max_candidates = q % 2 == 0 ? 3 : 50;
    CandidateIndex::Scratch fresh;
    size_t count_s = 0, count_f = 0;
    auto keep = [](uint32_t) { return true; };
    const auto names_s = NamesPerEntity(index, pq, 0.3f, keep, shared, count_s, max_candidates);
    const auto names_f = NamesPerEntity(index, pq, 0.3f, keep, fresh, count_f, max_candidates);
    ASSERT_EQ(count_s, count_f) << query;
    ASSERT_EQ(names_s, names_f) << query << " max_candidates " << max_candidates;
    // The groups Collect walked (kept in the scratch until the next query),
    // credit for credit.
    ASSERT_EQ(shared.sorted_groups, fresh.sorted_groups) << query;
    ASSERT_EQ(shared.sorted_postings.size(), fresh.sorted_postings.size()) << query;
    for (size_t i = 0; i < fresh.sorted_postings.size(); ++i) {
      ASSERT_EQ(shared.sorted_postings[i].posting, fresh.sorted_postings[i].posting) << query;
      ASSERT_EQ(shared.sorted_postings[i].add, fresh.sorted_postings[i].add) << query;
    }
    compared += count_f > 0;
  }
  EXPECT_GT(compared, 200);
}

}  // namespace chokepoint::match
