// The candidate index: which listed entities a query could plausibly be.
//
// Built once per snapshot over every analysed form of every name (so every
// romanisation of a Cyrillic or Han name is indexed). These keys point at
// names:
//   - the token's canonical key (legal-form id, company-word canonical or the
//     text helper's VariantKey),
//   - its phonetic key (text::PhoneticKey),
//   - for a three-letter word, its three ordered letter pairs (acronyms one
//     letter apart: ICD and ITC share 'ic'),
//   - and five kinds of alternative keys, which do not count in the name's
//     key weight: a word's canonical key again when the form repeats it
//     (the second Hussein of "Hussein Mohammed Hussein"), which a query
//     repeating the word looks up; the phonetic key with each code deleted in turn
//     (ABTLRMN -> ABTRMN, so ABDELRAHMAN meets ABDURAKHMON), the joined
//     phonetic key of every two and three adjacent words ('Abd al-Rahman'
//     -> ABTLRMN, which a query ABDELRAHMAN looks up), and for a word of
//     4-7 letters a-z its sorted letters and each of those with one letter
//     deleted (WAFRA -> aafrw, afrw, aarw ...: words one substitution,
//     insertion, deletion or transposition apart share one, so WARFA meets
//     WAFRA and CNEC 'cce' meets CETC), and a 'w' key per word of the
//     vocabulary the name holds (below).
// The vocabulary is the lists' words and every two adjacent words (or
// numbers) written together (BELINVESTINZHINIRING for BELINVEST
// INZHINIRING, EX35011 for EX-35011). Each word has
// neighbour keys, its text and its text with one code point deleted (two
// for words of 6 to 12), hashed into one sorted table with the word's id;
// a word of 4 or more code points also files its starts there. A query
// word looks up its own neighbour keys (and, when it may be cut short, its
// text among the starts, and a word of eight or more its first six code
// points; a word of up to three letters also with the next token written
// after it: al + qaia, YV 2726), which gives the
// vocabulary's words within about
// two edits of it, and credits the names of each such word's 'w' key once,
// with the rarest it reaches (as sorted-letter keys do), the IDF capped at
// the query word's own; unlike a sorted-letter key's, that credit also
// goes to the names holding the word itself (a company word such as
// TEJARAT has a common word's canonical key, which kept none of its
// text's weight). This replaced the character 3-grams of each token,
// which found the same typos at about a fifth more instructions per query
// (bench/results, round 58).
// A query looks up its tokens' keys, its phonetic keys among the deletion
// and joined keys, its phonetic keys' deletions among the phonetic keys, its
// own joined keys among the phonetic keys, and (written in Latin script) the
// sorted-letter keys of its words of 3-8 letters; the alternative lookups do
// not count in the query's key weight either. A query word's sorted-letter
// keys credit a name once (the rarest key they share), and not at all when
// the name holds the word's canonical key (the word's own keys found that
// name already).
// Each key has an inverse document frequency over entities. A query collects
// its keys, ignores legal forms and keys held by more than a fixed share of
// all names (they select nothing), and adds key IDF x token weight per NAME
// into a dense accumulator. A name's overlap is then normalised Dice-style,
// overlap / (query key weight + kNameWeightShare x the name's key weight),
// where a name's key weight is the IDF sum of the keys of its lightest form
// (its romanisations index more keys, but the scorer compares form by form):
// the scorer charges for the list tokens a query leaves unmatched, so among
// names sharing the same keys the short ones score highest ('SIMA' finds the
// one-word SAMI, not the first 100 longer names with a token spelt SAMI).
// An entity's value is that of its best name (summing over aliases would
// favour entities with many aliases, whose unrelated aliases pile up
// partial matches), and the top `max_candidates` entities by that value are the
// candidates. RetrieveNames also gives each candidate the names worth
// scoring: those whose normalised overlap is at least a share of the entity's
// best name's (never a name the query did not touch). The index also counts
// canonical keys per name, which gives the token rarity used for weights
// (TokenStats).
//
// Thread safety: immutable after Finish(); RetrieveNames() is const and uses
// caller-owned scratch space.

#ifndef CHOKEPOINT_MATCH_INDEX_H_
#define CHOKEPOINT_MATCH_INDEX_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "match/scorer.h"
#include "text/analyze.h"
#include "text/recent_results.h"

namespace chokepoint::match {

class CandidateIndex : public TokenStats {
 public:
  // Counts the canonical keys of one name's forms (each key once per name).
  // Call for every name first (Rarity is then ready), then Add() every name,
  // then Finish() once.
  // `times`: how many listed names have these forms (the same as calling it
  // that many times).
  void CountName(const std::vector<text::NameForm>& forms, uint32_t times = 1);
  // Indexes the next prepared name, which belongs to `entity`. Entities are
  // added in increasing order.
  void Add(uint32_t entity, const PreparedName& name);
  // The keys Add() indexes for `name` (replaces `keys`); AddKeys(entity,
  // NameKeys(name)) is Add(entity, name), for callers that index the same
  // name several times or compute the keys on several threads.
  static void NameKeys(const PreparedName& name, std::vector<uint64_t>& keys);
  void AddKeys(uint32_t entity, const std::vector<uint64_t>& keys);
  void Finish(uint32_t num_entities);

  // TokenStats: rarity in [0, 1] from the canonical key's name frequency.
  double Rarity(const text::Token& token) const override;

  struct Scratch {
    std::vector<float> acc;         // per name
    std::vector<float> entity_acc;  // per entity
    std::vector<uint32_t> touched;  // names with acc != 0: the first num_touched
    size_t num_touched = 0;
    std::vector<uint32_t> entities;  // entities with entity_acc != 0 (buffer)
    std::vector<uint64_t> keys;
    struct WeightedKey {
      uint64_t key;
      float weight;
      bool in_query_weight;  // counts in the query's key weight
    };
    std::vector<WeightedKey> weighted;
    std::vector<uint64_t> ranked;         // selection keys
    std::vector<uint32_t> value_buckets;  // LowerBoundOfKth's histogram
    std::vector<uint32_t> reaching;       // RetrieveNames: the names above the floor
    // RetrieveNames skips the names that cannot reach the candidates (see
    // kPruneMinTouched); false: every touched name is merged (the reference
    // the tests compare it with).
    bool prune = true;
    size_t skipped = 0;  // names the last RetrieveNames did not merge
    // Collect's sorted-letter keys: walkable postings with their credit,
    // grouped by query word (group g ends at sorted_groups[g]).
    struct SortedPosting {
      uint32_t posting;
      float add;
    };
    std::vector<SortedPosting> sorted_postings;
    std::vector<size_t> sorted_groups;
    std::vector<std::string> sorted_seen;
    std::vector<uint32_t> stamp;          // per name: the last group that credited it
    std::vector<uint32_t> acronym_names;  // Collect: names met as acronyms
    // NeighbourGroup's buffers.
    std::vector<uint64_t> neighbour_keys;
    std::vector<uint32_t> neighbour_words;
    std::vector<size_t> cuts;
    std::string edit;
    // NeighbourGroup's recent results: what it appends for a word depends
    // only on the word, whether it may be cut and the index (the tag:
    // CandidateIndex::id_ and the flag), up to the query token's weight,
    // which multiplies every credit. Each is the walkable neighbours'
    // postings with their IDF capped at the word's own, in the order
    // NeighbourGroup appends them (empty: no group).
    using Postings = std::vector<std::pair<uint32_t, float>>;
    text::internal::RecentResults<2048, Postings> neighbour_results;
    Postings neighbour_postings;  // a word not kept
    uint32_t serial = 0;
    float query_weight = 0;  // Collect: the query's walked key weight
  };

  // A candidate entity and the range [names_begin, names_end) of the names
  // vector RetrieveNames filled: the candidate's names worth scoring, as
  // indexed-name ids (0, 1, ... in the order Add/AddKeys was called), in
  // increasing order.
  struct NamedCandidate {
    uint32_t entity;
    uint32_t names_begin;
    uint32_t names_end;
  };
  // Appends to `out` the (at most) max_candidates entities with the largest
  // normalised key overlap with `query` for which keep(entity) is true, and
  // to `names` the names of each whose normalised overlap is at least
  // name_share x that of the entity's best name and above zero: a name that
  // shares no walked key with the query (or only a small part of what its
  // entity's best name shares) is left out. An entity whose best overlap is
  // zero keeps all its names. Then, beyond max_candidates, each entity with
  // a name the query's acronym meets (PreparedName::initials, acronym_word)
  // with all its names (it may also be among the first).
  template <typename Keep>
  void RetrieveNames(const PreparedQuery& query, size_t max_candidates, float name_share,
                     Keep&& keep, Scratch& scratch, std::vector<NamedCandidate>& out,
                     std::vector<uint32_t>& names) const;

  uint32_t num_entities() const { return num_entities_; }

 private:
  void Collect(const PreparedQuery& query, Scratch& scratch) const;
  // Appends the candidate `e` (its best name's overlap `best`) to `out` and
  // its names to `names`; `acc` holds every name's overlap (0 for names the
  // query did not touch), normalised here as in RetrieveNames' merge (the
  // same float expression, so the same values).
  void EmitCandidate(uint32_t e, float best, float name_share, const float* acc, float query_weight,
                     std::vector<NamedCandidate>& out, std::vector<uint32_t>& names) const;
  // A value no more than the k-th largest of the entities' values
  // entity_acc[ents[i]], i < n (k <= n; every value >= 0) and within 1/16
  // of it, without a selection: the lower edge of the highest bucket of
  // the values' float bits (positive floats order as their bits) at which
  // k of them are reached. `buckets`: all zero before and after.
  static float LowerBoundOfKth(const uint32_t* ents, size_t n, const float* entity_acc, size_t k,
                               std::vector<uint32_t>& buckets);
  // Adds the canonical and phonetic keys of `token` to `keys`.
  static void TokenKeys(const PreparedToken& token, std::vector<uint64_t>& keys);
  // Keys for the ordered letter pairs of a three-letter word (acronyms that
  // differ in one letter or its place: ICD ~ ITC share 'ic').
  static void LetterPairKeys(const PreparedToken& token, std::vector<uint64_t>& keys);
  // Name side: the token's phonetic key with each letter deleted in turn.
  static void DeletionKeys(const PreparedToken& token, std::vector<uint64_t>& keys);
  // emit(key) for the keys of the given names `token` is a familiar form
  // of (Jim: JAMES), tagged `tag`: 'c' (the given names' canonical keys, a
  // query's lookups) or 'f' (a list name's familiar-form keys, which a
  // query's given name looks up).
  template <typename Emit>
  static void FamiliarKeys(const PreparedToken& token, char tag, Emit&& emit);
  // Whether `token` gets a transcription key (a word whose phonetic key has
  // at least kMinTranscriptionKey codes), and the key of a hash of its
  // phonetic key with the transcription merges (PreparedToken::
  // transcription_hash, which the scorer's transcription pairs share, or a
  // Latin token's loan_hash, which a loanword reading's transcription_hash
  // meets).
  static bool TranscriptionKeyed(const PreparedToken& token);
  static uint64_t TranscriptionKey(uint32_t hash);
  // The letters of a word (a-z, kWord or kOrgWord) of min_len..max_len
  // letters in alphabetical order into `sorted`; false for other tokens.
  static bool SortedLetters(const PreparedToken& token, size_t min_len, size_t max_len,
                            std::string& sorted);
  // emit(key) for the sorted letters and each of their one-letter deletions.
  template <typename Emit>
  static void SortedKeys(const std::string& sorted, Emit&& emit);
  // emit(key, weight) for the phonetic keys of the texts of tokens first,
  // first + 1 (and first + 2 ...) written together.
  template <typename Emit>
  static void JoinedKeys(const PreparedForm& form, size_t first, char tag, Emit&& emit);

  // Appends to `keys` the neighbour keys of `word` (of at least
  // kMinNeighbourWord code points): the hashes of its text and of its text
  // with one code point deleted, and with two for words of
  // kMinTwoDeletions..kMaxTwoDeletions code points. Two words share one
  // when they are at most two such deletions apart each (one or two
  // substitutions, insertions, deletions or transpositions for the long
  // words: WAFRA ~ WARFA, ABDURAKHMON ~ ABDURAKHMAN). `cuts`: the byte
  // offsets of the word's code points and its size after them; `buf`:
  // scratch.
  static void NeighbourKeys(std::string_view word, const std::vector<size_t>& cuts,
                            std::string& buf, std::vector<uint64_t>& keys);
  // How many keys NeighbourKeys appends for a word of `n` code points.
  static size_t NumNeighbourKeys(size_t n);
  // Collect: one sorted-posting group for the query word `word`, the 'w'
  // postings of its vocabulary neighbours (and of the words it begins when
  // it may be cut short), each crediting kNeighbourShare x its IDF (at most
  // the word's own) x `weight`.
  // Recent words' groups are kept in the scratch (neighbour_results).
  void NeighbourGroup(std::string_view word, float weight, bool may_be_cut, Scratch& scratch) const;
  // NeighbourGroup's work for a word not kept: replaces `out` with the
  // neighbours' walkable postings and their IDF capped at the word's own.
  void NeighbourPostings(std::string_view word, bool may_be_cut, Scratch& scratch,
                         Scratch::Postings& out) const;
  // Finish(): the vocabulary's neighbour table.
  void FinishVocabulary();

  // The posting index of `key`, or kNoPosting.
  uint32_t FindPosting(uint64_t key) const;
  static constexpr uint32_t kNoPosting = 0xffffffffu;
  // NameKeys puts this between the keys of two forms (an alternative key
  // whose hash FNV-1a would give with probability 2^-62).
  static constexpr uint64_t kFormBreak = 2;
  // How much of a name's key weight enters the normalisation (1 = Dice).
  // With the sorted-letter keys, 0.6 to 0.8 found 2 to 3 more exhaustive
  // hits at limit 10 than 0.5 on the second bench sample and as many on
  // the other two; 1 found fewer on the third (round 14 of the results
  // file).
  static constexpr float kNameWeightShare = 0.7f;
  // The vocabulary's neighbours: words of at least kMinNeighbourWord code
  // points have neighbour keys, with two deletions for words of
  // kMinTwoDeletions..kMaxTwoDeletions; a list word's starts of at least
  // kMinPrefix code points are found by a query word that may be cut short.
  // A neighbour credits kNeighbourShare x its IDF x the word's weight: at
  // 0.75 (the sorted-letter keys' share) a Persian query of four words lost
  // its own entry (شرکت ملی نفت ایران, NATIONAL IRANIAN OIL COMPANY, met
  // through translations) among names holding neighbours of its words; 0.3
  // keeps it and finds as many of the exhaustive scan's hits (bench/results,
  // round 58).
  static constexpr size_t kMinNeighbourWord = 3;
  static constexpr size_t kMinTwoDeletions = 6;
  static constexpr size_t kMaxTwoDeletions = 12;
  static constexpr size_t kMinPrefix = 4;
  static constexpr float kNeighbourShare = 0.3f;
  // A query word of at least kMinLongWord code points (not cut short) also
  // looks up its first kLongWordStart among the starts: on two bench samples
  // the top-10 recall against the exhaustive scan rose from 0.9949 to
  // 0.9954 and stayed 0.9973, the accuracy evaluation's figures unchanged
  // (bench/results, round 58).
  static constexpr size_t kMinLongWord = 8;
  static constexpr size_t kLongWordStart = 6;
  // The neighbour table's entries: a key's hash above these bits, the
  // vocabulary word's id in them (at most 2^24 words; more are left out).
  static constexpr uint64_t kNeighbourWordMask = (uint64_t{1} << 24) - 1;
  // A name's phonetic keys of at least kMinDeletionKey + 1 codes index
  // their one-code deletions; a query's keys of at least kMinDeletionKey
  // codes look those up (and their own deletions among the phonetic keys).
  // 4 and 6 found the same exhaustive hits on both bench samples (round 11
  // of the results file).
  static constexpr size_t kMinDeletionKey = 5;
  // Joined keys cover up to this many adjacent tokens ('Abd al Rahman');
  // pairs only found 2 fewer exhaustive hits on each bench sample.
  static constexpr size_t kMaxJoined = 3;
  // Sorted-letter keys: list words of kMinSortedName..kMaxSortedName
  // letters index them, query words of one letter more or less look them
  // up; a shared key credits kSortedShare x the key's IDF x the word weight.
  static constexpr size_t kMinSortedName = 4;
  static constexpr size_t kMaxSortedName = 7;
  static constexpr size_t kMinSortedQuery = kMinSortedName - 1;
  static constexpr size_t kMaxSortedQuery = kMaxSortedName + 1;
  static constexpr float kSortedShare = 0.75f;
  // RetrieveNames merges the first 1/kPruneSample of the touched names into
  // their entities, and of the rest only those that can reach the values of
  // the best entities so far, when at least kPruneMinTouched names were
  // touched.
  static constexpr size_t kPruneSample = 8;
  static constexpr size_t kPruneMinTouched = 1024;
  // LowerBoundOfKth buckets values by their float bits above this one: the
  // exponent and four bits of the mantissa.
  static constexpr int kValueBucketShift = 19;
  // Transcription keys: for words whose phonetic key has this many codes.
  static constexpr size_t kMinTranscriptionKey = 3;
  static constexpr float kTranscriptionShare = 2.0f;
  // While building: per name, its keys' postings in AddKeys order with
  // kNoPosting between forms (build_name_begin_ indexes them by name).
  std::vector<uint32_t> build_name_keys_;
  std::vector<uint32_t> build_name_begin_;

  std::vector<uint32_t> name_entity_;  // per indexed name
  // Per entity e, its names [entity_names_[e], entity_names_[e + 1]) (an
  // entity's names are consecutive: entities are added in order).
  std::vector<uint32_t> entity_names_;
  // Per indexed name: kNameWeightShare x the IDF sum of the keys of its
  // lightest form (the Dice denominator's name part), and its entity again
  // (the merge reads both: one cache line instead of two).
  struct NameInfo {
    float weight;
    uint32_t entity;
  };
  std::vector<NameInfo> name_info_;
  // While building: per posting, how many names hold it and the last name
  // added to it; and every (posting << 32 | name) in AddKeys order, which
  // Finish() sorts into the flat postings by counting (names ascend within
  // a posting because names are added in order). Keys find their posting
  // through the open-addressing table below from the start.
  std::vector<uint32_t> build_count_;
  std::vector<uint32_t> build_last_name_;
  std::vector<uint64_t> build_entries_;
  // The table slot of `key`, inserting a new posting for an unseen key.
  uint32_t InternKey(uint64_t key);
  std::vector<uint64_t> posting_key_;  // per posting
  // Flat postings: posting p holds names [post_begin_[p], post_begin_[p+1])
  // of post_names_; post_idf_[p] its IDF, 0 when the key is too frequent to
  // walk (capped keys over max_capped_df_ names).
  std::vector<uint32_t> post_begin_;
  std::vector<uint32_t> post_names_;
  std::vector<float> post_idf_;
  std::vector<uint8_t> post_walk_;  // 1 = walked at query time
  // Open-addressing table key -> posting (power-of-two size, linear
  // probing), each key beside its posting: a lookup reads one cache line.
  struct TableEntry {
    uint64_t key = 0;
    uint32_t posting = kNoPosting;
  };
  std::vector<TableEntry> table_;
  uint64_t table_mask_ = 0;
  std::unordered_map<std::string, uint32_t> canon_df_;  // names holding the key
  // The vocabulary: the texts of the lists' words (retrievable tokens other
  // than numbers and initials) and of every two adjacent words written
  // together, each with a 'w' posting of the names holding it (an
  // alternative key). While building, the texts (CountName); then per word
  // its posting, and the neighbour table: every (neighbour key's hash |
  // word id), sorted, with a directory by the top bits (neighbour_dir_[b]
  // is where the keys whose top bits are b begin).
  std::unordered_set<std::string> build_vocabulary_;
  std::vector<uint32_t> vocab_posting_;
  std::vector<uint64_t> neighbour_keys_;
  std::vector<uint32_t> neighbour_dir_;
  int neighbour_shift_ = 63;
  // Distinct per finished index (tags Scratch::neighbour_results).
  uint64_t id_ = 0;
  uint64_t num_names_ = 0;
  uint32_t num_entities_ = 0;
  uint32_t max_capped_df_ = 0;  // capped keys held by more names are skipped at query time
  uint32_t max_sorted_df_ = 0;  // the same for sorted-letter keys
  double log_names_ = 1;
};

inline void CandidateIndex::EmitCandidate(uint32_t e, float best, float name_share,
                                          const float* acc, float query_weight,
                                          std::vector<NamedCandidate>& out,
                                          std::vector<uint32_t>& names) const {
  const uint32_t begin = static_cast<uint32_t>(names.size());
  const float cut = name_share * best;
  const NameInfo* const info = name_info_.data();
  for (uint32_t n = entity_names_[e], end = entity_names_[e + 1]; n < end; ++n) {
    // A name the query did not touch has the value 0 (and 0 / 0 is NaN).
    const float value = acc[n] == 0 ? 0.0f : acc[n] / (query_weight + info[n].weight);
    if (value >= cut && (value > 0 || best == 0)) names.push_back(n);
  }
  out.push_back({e, begin, static_cast<uint32_t>(names.size())});
}

template <typename Keep>
void CandidateIndex::RetrieveNames(const PreparedQuery& query, size_t max_candidates,
                                   float name_share, Keep&& keep, Scratch& scratch,
                                   std::vector<NamedCandidate>& out,
                                   std::vector<uint32_t>& names) const {
  Collect(query, scratch);
  // Per entity, the best of its names.
  if (scratch.entity_acc.size() < num_entities_) scratch.entity_acc.assign(num_entities_, 0.0f);
  std::vector<uint32_t>& ents = scratch.entities;
  // Each touched name adds at most one entity (raw writes, no capacity check;
  // one slot more for the unconditional write below).
  if (ents.size() < scratch.num_touched + 1) ents.resize(scratch.num_touched + 1);
  uint32_t* const ent_out = ents.data();
  size_t num_ents = 0;
  float* const acc = scratch.acc.data();
  float* const entity_acc = scratch.entity_acc.data();
  const NameInfo* const info = name_info_.data();
  const float query_weight = scratch.query_weight;
  const uint32_t* const touched = scratch.touched.data();
  const size_t num_touched = scratch.num_touched;
  // (Always inlined: called per touched name, and out of line it cost a
  // tenth of the query.)
  auto merge = [&](uint32_t name) __attribute__((always_inline)) {
    const float a = acc[name];
    const NameInfo& ni = info[name];
    const float v = a / (query_weight + ni.weight);
    // The overlaps are kept until the candidates' names are chosen
    // (EmitCandidate normalises them again), then cleared.
    const uint32_t e = ni.entity;
    float& best = entity_acc[e];
    uint32_t best_bits;  // best == 0 on the bits (+0 until first set, never -0)
    std::memcpy(&best_bits, &best, sizeof best_bits);
    // The entity is appended on its first touch without a branch (the slot
    // is overwritten otherwise); keep() is asked on the first touch only,
    // and a refused entity stays at 0 (asked again on its next name).
    const bool first = best_bits == 0;
    ent_out[num_ents] = e;
    num_ents += first;
    if (first && !keep(e)) {
      --num_ents;
      return;
    }
    // One unconditional store of the larger (no NaN: both are >= 0), which
    // compiles to maxss instead of a branch with a store on each side.
    best = v > best ? v : best;
  };
  auto merge_range = [&](size_t begin, size_t end) __attribute__((always_inline)) {
    size_t t = begin;
    for (; t + 4 <= end; t += 4) {
      merge(touched[t]);
      merge(touched[t + 1]);
      merge(touched[t + 2]);
      merge(touched[t + 3]);
    }
    for (; t < end; ++t) merge(touched[t]);
  };
  // Only the max_candidates best entities are wanted, and a name's value
  // a / (query_weight + w) is at most a / query_weight (w >= 0). The first
  // 1/kPruneSample of the touched names are merged; the max_candidates-th
  // best value among their entities is no more than the final one (an
  // entity's value there is a maximum over fewer names), so a later name
  // whose overlap keeps it below that value cannot make or change a
  // candidate, and is not merged. The candidates are those of the full
  // merge (index_test.cc compares the two).
  size_t merged = 0;
  scratch.skipped = 0;
  float rank_edge = 0;  // no more than the max_candidates-th value
  if (scratch.prune && max_candidates > 0 && query_weight > 0 && num_touched >= kPruneMinTouched &&
      num_touched / kPruneSample > max_candidates) {
    merged = num_touched / kPruneSample;
    merge_range(0, merged);
  }
  if (merged > 0 && num_ents > max_candidates) {
    rank_edge =
        LowerBoundOfKth(ent_out, num_ents, entity_acc, max_candidates, scratch.value_buckets);
    // (The margin covers the rounding of the product and of the values.)
    const float floor = rank_edge * query_weight * (1.0f - 1e-5f);
    // The names that reach it, gathered without a branch (about two in
    // five pass on the bench's queries, which a branch mispredicts often),
    // then merged: 1.5% more instructions than a branch per name, and
    // faster (bench/results, round 44).
    std::vector<uint32_t>& reaching = scratch.reaching;
    if (reaching.size() < num_touched - merged) reaching.resize(num_touched - merged);
    uint32_t* const passed = reaching.data();
    size_t kept = 0;
    for (size_t t = merged; t < num_touched; ++t) {
      const uint32_t name = touched[t];
      passed[kept] = name;
      kept += acc[name] >= floor;
    }
    for (size_t i = 0; i < kept; ++i) merge(passed[i]);
    scratch.skipped = num_touched - merged - kept;
  } else {
    merge_range(merged, num_touched);
  }
  scratch.num_touched = 0;
  if (num_ents <= max_candidates) {
    for (size_t i = 0; i < num_ents; ++i) {
      EmitCandidate(ent_out[i], entity_acc[ent_out[i]], name_share, acc, query_weight, out, names);
      entity_acc[ent_out[i]] = 0;
    }
  } else {
    // The max_candidates best entities, ties to the lower id: one sort key
    // per entity, the overlap's bits (positive floats order as their bits)
    // above the complemented id, so that the selection compares plain
    // integers.
    // (The buffer only grows: a resize per query would zero what is
    // overwritten next.)
    // Only the entities at or above the sample's edge (below the final
    // max_candidates-th value, see above; 0 without a sample) are ranked,
    // each appended without a branch: the others cannot be candidates.
    std::vector<uint64_t>& ranked = scratch.ranked;
    if (ranked.size() < num_ents) ranked.resize(num_ents);
    uint64_t* const rank = ranked.data();
    uint32_t edge_bits;
    std::memcpy(&edge_bits, &rank_edge, sizeof edge_bits);
    size_t num_ranked = 0;
    auto rank_key = [&](size_t i) {
      const uint32_t e = ent_out[i];
      uint32_t bits;
      std::memcpy(&bits, &entity_acc[e], sizeof bits);
      rank[num_ranked] = (static_cast<uint64_t>(bits) << 32) | (0xffffffffu - e);
      num_ranked += bits >= edge_bits;
      entity_acc[e] = 0;
    };
    size_t i = 0;
    for (; i + 4 <= num_ents; i += 4) {
      rank_key(i);
      rank_key(i + 1);
      rank_key(i + 2);
      rank_key(i + 3);
    }
    for (; i < num_ents; ++i) rank_key(i);
    std::nth_element(rank, rank + max_candidates, rank + num_ranked, std::greater<uint64_t>());
    for (size_t i = 0; i < max_candidates; ++i) {
      const uint32_t bits = static_cast<uint32_t>(rank[i] >> 32);
      float best;
      std::memcpy(&best, &bits, sizeof best);
      EmitCandidate(0xffffffffu - static_cast<uint32_t>(rank[i] & 0xffffffffu), best, name_share,
                    acc, query_weight, out, names);
    }
  }
  // Entities with a name met as an acronym (Collect), with every name.
  uint32_t last_entity = 0xffffffffu;
  for (uint32_t name : scratch.acronym_names) {
    const uint32_t e = info[name].entity;
    if (e == last_entity || !keep(e)) continue;
    last_entity = e;
    const uint32_t begin = static_cast<uint32_t>(names.size());
    for (uint32_t k = entity_names_[e]; k < entity_names_[e + 1]; ++k) names.push_back(k);
    out.push_back({e, begin, static_cast<uint32_t>(names.size())});
  }
  // Eight at a time: the loop's own instructions were half of it.
  size_t t = 0;
  for (; t + 8 <= num_touched; t += 8) {
    acc[touched[t]] = 0;
    acc[touched[t + 1]] = 0;
    acc[touched[t + 2]] = 0;
    acc[touched[t + 3]] = 0;
    acc[touched[t + 4]] = 0;
    acc[touched[t + 5]] = 0;
    acc[touched[t + 6]] = 0;
    acc[touched[t + 7]] = 0;
  }
  for (; t < num_touched; ++t) acc[touched[t]] = 0;
}

}  // namespace chokepoint::match

#endif  // CHOKEPOINT_MATCH_INDEX_H_
