// Screener (include/chokepoint/screen.h): prepared list names, the candidate
// index, the exact-identifier map and the entity-level features on top of the
// name score (scorer.h). docs/scoring.md documents the features and weights.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "chokepoint/screen.h"
#include "io/parallel.h"
#include "io/strings.h"
#include "lists/common.h"
#include "match/index.h"
#include "match/scorer.h"
#include "text/analyze.h"
#include "text/name_field.h"

namespace chokepoint {
namespace {

using match::CandidateIndex;
using match::PreparedName;
using match::PreparedQuery;

constexpr size_t kMaxQueryBytes = 1024;
// Candidates scored per query at the default limit of 10, by how many words
// (other than stopwords and legal forms) the query's first form has: one or
// two common words (Abu KHABAR, ali aadi) touch thousands of names that tie
// on the index overlap, so their weak fuzzy hits rank far down; four or more
// words are told apart by the overlap itself. With 200 / 100 / 50 the index
// found more of the exhaustive scan's top 10 on all three bench samples than
// with 100 for every query, for 5.5% more instructions per screen; 150 for
// short queries found fewer (docs/screening.md, bench/results round 41).
// Above limit 10, these times limit / 10.
constexpr size_t kShortQueryCandidates = 200;  // 1-2 words
constexpr size_t kThreeWordCandidates = 100;
constexpr size_t kLongQueryCandidates = 50;  // 4 or more
// A candidate's names scored first: those whose index overlap is at least
// this share of the entity's best name's (CandidateIndex::RetrieveNames),
// at thresholds of at least kNameShareThreshold; below it, every name the
// query touched. An entity that reaches the threshold on them is scored on
// all its names. At 0.70, shares 0.3 and 0.4 found every exhaustive hit the
// index found with all names on three bench samples, 0.5 lost some; at 0.50
// a share of 0.3 lost 15 of 4,082 hits of the bench dump and the touched
// names none (bench results, round 15).
constexpr float kNameShare = 0.3f;
constexpr double kNameShareThreshold = 0.7;
// Hits past a pass's limit that share the score of its last kept hit and
// are explained to decide which of them make the cut (Pass).
constexpr size_t kMaxTiedPastLimit = 100;
// Entity-level weights (docs/scoring.md).
constexpr double kWeakAliasFactor = 0.85;
constexpr double kFormerNameFactor = 0.95;
constexpr double kCountryMismatch = -0.1;
constexpr double kDobYearMismatch = -0.15;
// A full or year-month birth date that agrees is supporting evidence.
constexpr double kDobMatch = 0.02;
// So is an address written after the name that a listed address agrees
// with (same-named entities listed at other addresses stay below).
constexpr double kAddressMatch = 0.02;
constexpr double kDobDayMismatch = -0.06;
constexpr double kGenderMismatch = -0.1;
constexpr double kSchemaMismatch = -0.35;
constexpr double kIdentifierFloor = 0.95;

std::string Fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// What the name feature's detail adds when the names matched as two members
// of one series (token key "series": SOUTH HILL 2 / SOUTH HILL 5).
std::string SeriesNote(const std::vector<TokenMatch>& tokens) {
  for (const TokenMatch& t : tokens) {
    if (t.key == "series")
      return ", another member of the same series (x" + Fmt(t.similarity) + ")";
  }
  return "";
}

// An address's street written as a line of words: folded, letters and
// digits only, each word between spaces (" boezembolcht 23 "); " " for none.
std::string StreetLine(std::string_view street) {
  std::string line = " ";
  for (char ch : text::Fold(street)) {
    if (static_cast<unsigned char>(ch) >= 0x80 || std::isalnum(static_cast<unsigned char>(ch))) {
      line.push_back(ch);
    } else if (line.back() != ' ') {
      line.push_back(' ');
    }
  }
  if (line.back() != ' ') line.push_back(' ');
  return line;
}

// Upper case, letters and digits only: "AB 123-45" -> "AB12345".
std::string NormalizeId(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u))
      out.push_back(static_cast<char>(std::toupper(u)));
    else if (u >= 0x80)
      out.push_back(c);  // keep non-ASCII bytes as they are
  }
  return out;
}

// The feature's detail for identifiers cut out of a name field.
std::string IdentifierNote(const text::FieldWithoutIdentifiers& field) {
  std::string ids;
  for (const text::FieldIdentifier& id : field.identifiers) {
    if (!ids.empty()) ids += ", ";
    ids += "\"" + id.Written() + "\"";
  }
  return "read " + ids + " in the name field as " +
         (field.identifiers.size() > 1 ? "identifiers" : "an identifier") +
         ", the rest as the name \"" + field.name + "\"";
}

// How many candidates a query gets at limit 10 (kShortQueryCandidates).
size_t CandidatePool(const PreparedQuery& pq) {
  if (pq.name.forms.empty()) return kThreeWordCandidates;
  size_t words = 0;
  for (const match::PreparedToken& t : pq.name.forms.front().tokens) {
    words += t.kind != text::TokenKind::kStopword && t.kind != text::TokenKind::kLegalForm;
  }
  return words <= 2   ? kShortQueryCandidates
         : words == 3 ? kThreeWordCandidates
                      : kLongQueryCandidates;
}

// Person vs anything but Person/LegalEntity; vessels and aircraft vs
// organisations. Company, Organization and LegalEntity are compatible.
bool SchemasCompatible(Schema a, Schema b) {
  if (a == b || a == Schema::kLegalEntity || b == Schema::kLegalEntity) return true;
  auto org = [](Schema s) { return s == Schema::kCompany || s == Schema::kOrganization; };
  return org(a) && org(b);
}

double NameKindFactor(NameKind kind) {
  switch (kind) {
    case NameKind::kWeakAlias:
      return kWeakAliasFactor;
    case NameKind::kFormerName:
      return kFormerNameFactor;
    default:
      return 1.0;
  }
}

// What a query knows besides its name, normalised once.
struct QueryFacts {
  std::optional<Schema> schema;
  std::string country;  // ISO alpha-2 or ""
  std::optional<PartialDate> birth_date;
  std::string gender;
  std::vector<std::string> ids;  // normalised
  ScoringMode mode = ScoringMode::kCalibrated;
  std::vector<uint8_t> source_ok;  // per snapshot source: 1 = screened against
  // The places the query's trailing address names (match::QueryAddressPlaces,
  // per analysis pass): an entity listed at one of them gains address_match.
  match::AddressPlaces address;
  // When not empty, only the entities listed at a street that this address
  // (a StreetLine) writes are screened (Screener::Impl::StreetListedIn).
  std::string listed_street_in;
};

// Per thread: the calibrated name score of each unique list name against the
// current query, computed once (entities on several lists share names).
// entries[u].stamp == generation marks entries[u].score as valid for this
// query (the two side by side: one cache line to read per candidate name).
struct NameMemo {
  struct Entry {
    uint32_t stamp = 0;
    double score = 0;
  };
  uint32_t generation = 0;
  std::vector<Entry> entries;

  void Begin(size_t num_unique) {
    if (entries.size() < num_unique) entries.resize(num_unique);
    if (++generation == 0) {  // wrapped: forget every stamp
      for (Entry& e : entries) e.stamp = 0;
      generation = 1;
    }
  }
};

struct Scored {
  uint32_t entity = 0;
  int name_index = -1;
  double score = 0;
  // How many words before the query's address were read as the address's,
  // being a listed address's city, or at the end of a name cut before its
  // street address, words of a listed address's street
  // (match::AddressTail); 0 for none.
  int tail_words = 0;
  bool tail_street = false;  // ... the street's
  double tail_gain = 0;      // what reading them so added to the score
  // How many words of the matched list name the query left unmatched (set
  // once the hit is explained): of two hits of one score, the one whose
  // name the query holds more wholly comes first (BANK MELLI IRAN before
  // BANK MELLI IRAN ZAO, whose legal form costs nothing).
  int list_left = 0;
};

// Whether hit a ranks before hit b: the higher score, then the fewer list
// words left, then the entity first in the snapshot.
bool RanksBefore(const Scored& a, const Scored& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.list_left != b.list_left) return a.list_left < b.list_left;
  return a.entity < b.entity;
}

// Keeps of hits[first, end) the best `limit`, best first, one per entity:
// of an entity found more than once the better hit, or on a tie the one
// found first (the sort is stable). The hits before `first` stay as they are.
void KeepBestPerEntity(std::vector<std::pair<Scored, ScreenHit>>& hits, size_t first,
                       size_t limit) {
  std::stable_sort(hits.begin() + first, hits.end(),
                   [](const auto& a, const auto& b) { return RanksBefore(a.first, b.first); });
  std::vector<uint32_t> seen;
  size_t kept = first;
  for (size_t i = first; i < hits.size() && kept - first < limit; ++i) {
    const uint32_t e = hits[i].first.entity;
    if (std::find(seen.begin(), seen.end(), e) != seen.end()) continue;
    seen.push_back(e);
    if (kept != i) hits[kept] = std::move(hits[i]);
    ++kept;
  }
  hits.resize(kept);
}

// Threads that build the screener, the caller's included: one per hardware
// thread up to this many. (Each keeps its own caches of romanisations and
// variant keys, so more threads cost memory for less and less time.)
constexpr unsigned kMaxBuildThreads = 8;

// Runs fn(i) for i in [0, n) on up to kMaxBuildThreads threads
// (io::ParallelFor), which take blocks of indices in order. fn must only
// write state owned by index i, so the result does not depend on which
// thread ran what.
template <typename Fn>
void ParallelFor(size_t n, Fn&& fn) {
  constexpr size_t kBlock = 256;
  const size_t blocks = (n + kBlock - 1) / kBlock;
  const size_t threads =
      std::min<size_t>(io::HardwareThreads(kMaxBuildThreads), std::max<size_t>(1, blocks / 2));
  io::ParallelFor(blocks, threads, [&](size_t b) {
    for (size_t i = b * kBlock; i < std::min(n, (b + 1) * kBlock); ++i) fn(i);
  });
}

}  // namespace

struct Screener::Impl {
  // Every distinct (name text, schema) analysed and prepared once; lists
  // repeat names heavily (one person on several lists, shared aliases).
  std::vector<PreparedName> unique_names;
  match::NameDigests digests;        // of unique_names
  std::vector<uint32_t> name_begin;  // per entity (+1 sentinel) into the flattened names
  // Per flattened name, what scoring a candidate reads of it, side by side:
  // one cache line per name where three arrays cost a miss each (the
  // factor and the offset were ScoreEntity's stalls, the unique index the
  // prefetch's).
  struct FlatName {
    double factor;          // NameKindFactor (no Entity access when scoring)
    uint32_t unique;        // its unique_names index
    uint32_t offset;        // its index among its entity's names
    uint32_t digest;        // its digest's first line (match::NameDigests)
    uint32_t digest_lines;  // ... and number of lines
  };
  std::vector<FlatName> flat_names;
  std::vector<uint16_t> entity_source;
  // Per entity (+1 sentinel) into city_names: the folded cities of its
  // addresses, each once (match::AddressTail).
  std::vector<uint32_t> city_begin;
  std::vector<std::string> city_names;
  // Per entity (+1 sentinel) into street_lines: the streets of its
  // addresses that hold a word of four letters or more (not " 5 "), as
  // StreetLines (" boezembolcht 23 "), each once.
  std::vector<uint32_t> street_begin;
  std::vector<std::string> street_lines;
  std::vector<std::string> sources;
  uint32_t num_tokens = 0;  // distinct list tokens (PreparedToken::id)
  CandidateIndex index;
  std::unordered_map<std::string, std::vector<uint32_t>> id_map;
  ScreenerOptions options;

  const PreparedName& list_name(uint32_t k) const { return unique_names[flat_names[k].unique]; }
  bool cities_empty() const { return city_names.empty(); }
  // Entity e's cities (city_names).
  std::span<const std::string> cities(uint32_t e) const {
    return {city_names.data() + city_begin[e], city_names.data() + city_begin[e + 1]};
  }
  std::span<const std::string> streets(uint32_t e) const {
    return {street_lines.data() + street_begin[e], street_lines.data() + street_begin[e + 1]};
  }
  // Whether one of entity e's streets stands word for word in `address`
  // (a StreetLine).
  bool StreetListedIn(uint32_t e, const std::string& address) const {
    for (const std::string& line : streets(e)) {
      if (address.find(line) != std::string::npos) return true;
    }
    return false;
  }

  Result<ScreenResult> Run(const Snapshot& snap, const ScreenQuery& q, bool exhaustive) const;
  // Screens one name of the query field (the whole field, or one of the
  // names it holds: text::SplitNameField) in one or two passes, and appends
  // its best hits (at most q.limit, one per entity, explained) to `hits`;
  // adds the number of candidates scored to `num_candidates`.
  // `address_cut`: the name is what the field held before a street
  // address (text::SplitAddress).
  void ScreenName(const Snapshot& snap, const ScreenQuery& q, const QueryFacts& facts,
                  std::string_view name, bool address_cut, bool exhaustive,
                  uint64_t& num_candidates, std::vector<std::pair<Scored, ScreenHit>>& hits) const;
  // Which entities a pass of Run scores: all, or the organisations
  // (IsOrgSchema).
  enum class Kinds { kAll, kOrganisations, kPersons };
  // One pass of Run: prepares `forms` (analysed as `schema`; `cut` read
  // from the raw `name` once per query) into `pq`, finds and scores the
  // candidates of kind `kinds`, and appends the pass's best hits (at most
  // q.limit, explained) to `hits`; adds the number of candidates scored to
  // `num_candidates`.
  void Pass(const Snapshot& snap, const ScreenQuery& q, const QueryFacts& facts,
            std::string_view name, const match::QueryCut& cut, bool address_cut,
            const std::vector<text::NameForm>& forms, Schema schema, Kinds kinds, bool exhaustive,
            PreparedQuery& pq, uint64_t& num_candidates,
            std::vector<std::pair<Scored, ScreenHit>>& hits) const;
  // Scores entity e on the names[0, num_names) (flattened name indices, in
  // increasing order) or, when names is null, on every name; with `memo`
  // null, without the memo of pq's name scores.
  void ScoreEntity(const Snapshot& snap, const PreparedQuery& pq, const QueryFacts& facts,
                   uint32_t e, const uint32_t* names, size_t num_names, double name_cutoff,
                   Scored& out, match::ScratchSpace& scratch, NameMemo* memo) const;
  // `tail`: the words read as the address's when s.tail_words > 0.
  void Explain(const Snapshot& snap, const PreparedQuery& pq, const QueryFacts& facts,
               const Scored& s, const match::AddressTail& tail, ScreenHit& hit,
               match::ScratchSpace& scratch) const;
  // How many words of `tail` (the most, up to AddressTail::kMaxTailWords)
  // name a city of entity e's addresses or, for a tail at the name's end,
  // are words of a street of them; 0 for none. `street`: whether the words
  // are a street's.
  int ListedTail(uint32_t e, const match::AddressTail& tail, bool& street) const;
  // Entity-level qualifiers (country, dates, gender, schema, the address in
  // the name) of entity e; appends contributions when `features` is
  // non-null.
  double Qualifiers(uint32_t e, const Entity& ent, const QueryFacts& facts,
                    std::vector<FeatureContribution>* features) const;
  // The first of the query's address places that entity e's addresses
  // hold (a country code or a folded city), or "".
  std::string ListedPlace(uint32_t e, const Entity& ent, const match::AddressPlaces& places) const;
  bool IdMatch(const Entity& ent, const QueryFacts& facts, std::string* which) const;
};

std::shared_ptr<const Screener> Screener::Build(std::shared_ptr<const Snapshot> snapshot,
                                                ScreenerOptions options) {
  std::shared_ptr<Screener> s(new Screener());
  s->snapshot_ = std::move(snapshot);
  s->impl_ = std::make_unique<Impl>();
  Impl& impl = *s->impl_;
  impl.options = options;
  const auto& entities = s->snapshot_->entities();
  const uint32_t n = static_cast<uint32_t>(entities.size());

  // Pass 1: analyse every distinct (name, org) once, on several threads, and
  // count token frequencies (for weights). Lists repeat names heavily (the
  // same entity on several lists, aliases shared between entries), and
  // AnalyzeName dominates the build. Each thread writes only its own slots,
  // so the result does not depend on scheduling.
  struct Unique {
    std::string_view full;
    Schema schema;
  };
  std::vector<Unique> uniques;
  std::vector<uint32_t> name_unique;  // per flattened name: its unique_names index
  {
    std::unordered_map<std::string_view, uint32_t> seen[2];  // by org flag
    impl.name_begin.reserve(n + 1);
    for (const Entity& ent : entities) {
      impl.name_begin.push_back(static_cast<uint32_t>(name_unique.size()));
      const bool org = match::IsOrgSchema(ent.schema);
      for (const Name& name : ent.names) {
        // AnalyzeName depends on the schema only through person vs org, but
        // key on the schema itself so that it stays exact if that changes.
        auto [it, inserted] = seen[org].try_emplace(name.full, uniques.size());
        if (!inserted && uniques[it->second].schema != ent.schema) {
          inserted = true;  // same text, other org schema: analyse separately
          it->second = static_cast<uint32_t>(uniques.size());
        }
        if (inserted) uniques.push_back({name.full, ent.schema});
        name_unique.push_back(it->second);
      }
    }
    impl.name_begin.push_back(static_cast<uint32_t>(name_unique.size()));
  }
  std::vector<std::vector<text::NameForm>> analysed(uniques.size());
  text::PrepareQueryTables();
  // A LegalEntity (a list that does not say person or company) whose name
  // is shaped like a person's is analysed as a person's name
  // (match::PersonShapedName): its tokens are name parts, not legal forms;
  // it keeps its schema's costs and qualifiers.
  std::vector<uint8_t> as_person(uniques.size(), 0);
  ParallelFor(uniques.size(), [&](size_t i) {
    analysed[i] = text::AnalyzeName(uniques[i].full, uniques[i].schema);
    if (uniques[i].schema == Schema::kLegalEntity && match::PersonShapedName(analysed[i])) {
      analysed[i] = text::AnalyzeName(uniques[i].full, Schema::kPerson);
      as_person[i] = 1;
    }
  });
  {
    std::vector<uint32_t> times(uniques.size(), 0);
    for (uint32_t u : name_unique) ++times[u];
    for (size_t u = 0; u < uniques.size(); ++u) impl.index.CountName(analysed[u], times[u]);
  }

  // Pass 2: prepare each distinct name with weights and compute its index
  // keys (several threads again), stored once and shared by every occurrence;
  // index every occurrence, and map identifiers.
  std::vector<PreparedName> prepared(uniques.size());
  ParallelFor(uniques.size(), [&](size_t i) {
    prepared[i] = match::PrepareForms(analysed[i], uniques[i].schema, &impl.index);
    match::AddNativeForm(uniques[i].full, prepared[i]);
    prepared[i].read_as_person = as_person[i] != 0;
    analysed[i].clear();
  });
  impl.unique_names = std::move(prepared);
  impl.num_tokens = match::InternTokens(impl.unique_names);
  impl.digests.Layout(impl.unique_names);
  std::vector<std::vector<uint64_t>> unique_keys(uniques.size());
  ParallelFor(uniques.size(), [&](size_t i) {
    CandidateIndex::NameKeys(impl.unique_names[i], unique_keys[i]);
    impl.digests.Fill(impl.unique_names, static_cast<uint32_t>(i));
  });
  std::unordered_map<std::string, uint16_t> source_ids;
  impl.flat_names.reserve(name_unique.size());
  impl.entity_source.reserve(n);
  for (uint32_t e = 0; e < n; ++e) {
    const Entity& ent = entities[e];
    // Indexed in flattened order: the index's name ids are the flattened
    // name indices (RetrieveNames returns them).
    for (uint32_t k = impl.name_begin[e]; k < impl.name_begin[e + 1]; ++k) {
      impl.index.AddKeys(e, unique_keys[name_unique[k]]);
      const uint32_t offset = k - impl.name_begin[e];
      const uint32_t u = name_unique[k];
      impl.flat_names.push_back({NameKindFactor(ent.names[offset].kind), u, offset,
                                 impl.digests.first_line(u), impl.digests.num_lines(u)});
    }
    impl.city_begin.push_back(static_cast<uint32_t>(impl.city_names.size()));
    impl.street_begin.push_back(static_cast<uint32_t>(impl.street_lines.size()));
    const size_t first_city = impl.city_names.size();
    const size_t first_street = impl.street_lines.size();
    for (const Address& a : ent.addresses) {
      if (a.city.empty()) continue;
      // Each comma-separated part, without the words with digits and the
      // kinds of place: lists write the postal code and the region in the
      // city field (Maloyaroslavets 249092; Velikie Luki City, Pskov Region).
      for (std::string_view part : io::Split(a.city, ",")) {
        const std::string folded = text::Fold(part);
        std::string city;
        for (std::string_view w : io::Split(folded, " ")) {
          if (w.empty() || match::IsPlaceKindWord(w) ||
              std::any_of(w.begin(), w.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
            continue;
          }
          if (!city.empty()) city += ' ';
          city.append(w);
        }
        if (city.empty() || std::find(impl.city_names.begin() + first_city, impl.city_names.end(),
                                      city) != impl.city_names.end()) {
          continue;
        }
        impl.city_names.push_back(std::move(city));
      }
    }
    for (const Address& a : ent.addresses) {
      std::string line = StreetLine(a.street);
      size_t letters = 0, longest = 0;
      for (char ch : line) {
        letters = std::isalpha(static_cast<unsigned char>(ch)) ? letters + 1 : 0;
        longest = std::max(longest, letters);
      }
      if (longest >= 4 && std::find(impl.street_lines.begin() + first_street,
                                    impl.street_lines.end(), line) == impl.street_lines.end()) {
        impl.street_lines.push_back(std::move(line));
      }
    }
    auto [it, inserted] =
        source_ids.try_emplace(ent.source, static_cast<uint16_t>(impl.sources.size()));
    if (inserted) impl.sources.push_back(ent.source);
    impl.entity_source.push_back(it->second);
    for (const Identifier& id : ent.identifiers) {
      std::string key = NormalizeId(id.value);
      if (key.size() < 4) continue;  // too short to identify anything
      auto& v = impl.id_map[key];
      if (v.empty() || v.back() != e) v.push_back(e);
    }
  }
  impl.city_begin.push_back(static_cast<uint32_t>(impl.city_names.size()));
  impl.street_begin.push_back(static_cast<uint32_t>(impl.street_lines.size()));
  impl.index.Finish(n);
  return s;
}

Screener::~Screener() = default;

Result<ScreenResult> Screener::Screen(const ScreenQuery& query) const {
  return impl_->Run(*snapshot_, query, impl_->options.exhaustive);
}

void Screener::WarmUpThread() const {
  // One name per script with a romaniser of its own (text/romanize.cc), the
  // Han name in traditional characters (OpenCC), and a Latin one; as persons
  // and as companies, whose analyses differ (legal forms, translations).
  static constexpr std::string_view kNames[] = {
      "Ivan Petrov",
      "Иван Петров",
      "Олександр Шевченко",
      "Ιωάννης Παπαδόπουλος",
      "Արամ Պետրոսյան",
      "გიორგი ბერიძე",
      "משה כהן",
      "محمد علي",
      "王小明",
      "陳大文",
      "김정은",
      "くみ子 鈴木",
      "タナカ トレーディング",
      "สมชาย ใจดี",
      "राहुल शर्मा",
  };
  for (std::string_view name : kNames) {
    for (Schema schema : {Schema::kPerson, Schema::kCompany}) {
      ScreenQuery q;
      q.name = std::string(name);
      q.schema = schema;
      (void)Screen(q);
    }
  }
}

Result<ScreenResult> Screener::ScreenExhaustive(const ScreenQuery& query) const {
  return impl_->Run(*snapshot_, query, true);
}

bool Screener::Impl::IdMatch(const Entity& ent, const QueryFacts& facts, std::string* which) const {
  for (const std::string& qid : facts.ids) {
    for (const Identifier& id : ent.identifiers) {
      if (NormalizeId(id.value) == qid) {
        if (which != nullptr) *which = std::string(IdTypeName(id.type)) + " " + id.value;
        return true;
      }
    }
  }
  return false;
}

std::string Screener::Impl::ListedPlace(uint32_t e, const Entity& ent,
                                        const match::AddressPlaces& places) const {
  for (const std::string& city : cities(e)) {
    if (std::find(places.phrases.begin(), places.phrases.end(), city) != places.phrases.end()) {
      return city;
    }
  }
  for (const std::string& code : places.countries) {
    if (std::find(ent.countries.begin(), ent.countries.end(), code) != ent.countries.end()) {
      return code;
    }
    for (const Address& a : ent.addresses) {
      if (a.country == code) return code;
    }
  }
  return "";
}

double Screener::Impl::Qualifiers(uint32_t e, const Entity& ent, const QueryFacts& facts,
                                  std::vector<FeatureContribution>* features) const {
  double total = 0;
  auto add = [&](const char* name, double v, std::string detail) {
    total += v;
    if (features != nullptr) features->push_back({name, v, std::move(detail)});
  };
  if (facts.schema && !SchemasCompatible(*facts.schema, ent.schema)) {
    add("schema_mismatch", kSchemaMismatch,
        "query is a " + std::string(SchemaName(*facts.schema)) + ", the listed entity a " +
            std::string(SchemaName(ent.schema)));
  }
  if (!facts.country.empty()) {
    std::vector<std::string> countries = ent.nationalities;
    countries.insert(countries.end(), ent.countries.begin(), ent.countries.end());
    for (const Address& a : ent.addresses) {
      if (!a.country.empty()) countries.push_back(a.country);
    }
    if (!countries.empty() &&
        std::find(countries.begin(), countries.end(), facts.country) == countries.end()) {
      std::string listed;
      for (const auto& c : countries) {
        if (listed.find(c) == std::string::npos) listed += (listed.empty() ? "" : ", ") + c;
      }
      add("country_mismatch", kCountryMismatch,
          "query country " + facts.country + " is not among the listed countries (" + listed + ")");
    }
  }
  if (facts.birth_date && !facts.birth_date->empty() && !ent.birth_dates.empty()) {
    const PartialDate& qd = *facts.birth_date;
    bool year_ok = false, day_ok = false, flip = false;
    for (const PartialDate& d : ent.birth_dates) {
      if (d.empty()) continue;
      const int slack = (d.circa || qd.circa) ? 2 : 0;
      if (std::abs(d.year - qd.year) > slack) continue;
      year_ok = true;
      if (d.month == 0 || qd.month == 0 ||
          (d.month == qd.month && (d.day == 0 || qd.day == 0 || d.day == qd.day))) {
        day_ok = true;
      } else if (d.day != 0 && qd.day != 0 && d.month == qd.day && d.day == qd.month) {
        flip = true;
      }
    }
    bool any_dated = false;
    for (const PartialDate& d : ent.birth_dates) any_dated |= !d.empty();
    if (any_dated && year_ok && day_ok && (qd.month != 0 || !facts.birth_date->circa)) {
      add("dob_match", kDobMatch,
          "birth date " + qd.ToString() + " agrees with a listed birth date");
    } else if (any_dated && !year_ok) {
      add("dob_year_mismatch", kDobYearMismatch,
          "birth year " + std::to_string(qd.year) + " differs from every listed birth date");
    } else if (any_dated && !day_ok) {
      add("dob_day_mismatch", flip ? kDobDayMismatch / 2 : kDobDayMismatch,
          flip ? "birth date " + qd.ToString() + " matches a listed date with day and month swapped"
               : "birth date " + qd.ToString() + " has the listed year but another month or day");
    }
  }
  if (!facts.gender.empty() && !ent.gender.empty() && facts.gender != ent.gender) {
    add("gender_mismatch", kGenderMismatch,
        "query gender " + facts.gender + ", listed " + ent.gender);
  }
  if (!facts.address.empty()) {
    if (std::string place = ListedPlace(e, ent, facts.address); !place.empty()) {
      add("address_match", kAddressMatch,
          "the address after the name names " + place + ", where the entity is listed");
    }
  }
  return total;
}

void Screener::Impl::ScoreEntity(const Snapshot& snap, const PreparedQuery& pq,
                                 const QueryFacts& facts, uint32_t e, const uint32_t* names,
                                 size_t num_names, double name_cutoff, Scored& out,
                                 match::ScratchSpace& scratch, NameMemo* memo) const {
  const Entity& ent = snap.entities()[e];
  out.entity = e;
  out.score = 0;
  out.name_index = -1;
  out.tail_words = 0;
  out.tail_street = false;
  out.tail_gain = 0;
  double best = -1;
  const bool all = names == nullptr;
  const size_t count = all ? name_begin[e + 1] - name_begin[e] : num_names;
  for (size_t i = 0; i < count; ++i) {
    const uint32_t k = all ? name_begin[e] + static_cast<uint32_t>(i) : names[i];
    const FlatName& flat = flat_names[k];
    const double factor = flat.factor;
    const uint32_t u = flat.unique;
    double s;
    if (facts.mode == ScoringMode::kOfacParity) {
      s = match::OfacScore(pq, unique_names[u]);
    } else {
      if (memo == nullptr) {
        s = factor * match::ScoreName(pq, unique_names[u], scratch, name_cutoff, nullptr);
      } else {
        NameMemo::Entry& entry = memo->entries[u];
        if (entry.stamp != memo->generation) {
          entry.stamp = memo->generation;
          // Most names are ruled out by the first-pass bound on their digest,
          // without reading the PreparedName.
          const double bound =
              match::DigestBound(pq, digests.at(flat.digest), scratch, name_cutoff);
          entry.score = bound < name_cutoff
                            ? bound
                            : match::ScoreName(pq, unique_names[u], scratch, name_cutoff, nullptr);
        }
        s = factor * entry.score;
      }
    }
    if (s > best) {
      best = s;
      out.name_index = static_cast<int>(flat.offset);
    }
  }
  if (best < 0) best = 0;
  if (facts.mode == ScoringMode::kOfacParity) {
    out.score = best;
    return;
  }
  double score = best + Qualifiers(e, ent, facts, nullptr);
  if (!facts.ids.empty() && IdMatch(ent, facts, nullptr)) {
    score = std::max(score, kIdentifierFloor + (1.0 - kIdentifierFloor) * best);
  }
  out.score = std::clamp(score, 0.0, 1.0);
}

int Screener::Impl::ListedTail(uint32_t e, const match::AddressTail& tail, bool& street) const {
  street = false;
  const auto listed = cities(e);
  for (int k = match::AddressTail::kMaxTailWords; k >= 1; --k) {
    const std::string& words = tail.words[k - 1];
    if (words.empty()) continue;
    if (std::find(listed.begin(), listed.end(), words) != listed.end()) return k;
    if (!tail.at_end) continue;
    // (A tail's words are folded tokens, a street line's too: word for word.)
    const std::string needle = " " + words + " ";
    for (const std::string& line : streets(e)) {
      if (line.find(needle) != std::string::npos) {
        street = true;
        return k;
      }
    }
  }
  return 0;
}

void Screener::Impl::Explain(const Snapshot& snap, const PreparedQuery& pq, const QueryFacts& facts,
                             const Scored& s, const match::AddressTail& tail, ScreenHit& hit,
                             match::ScratchSpace& scratch) const {
  const Entity& ent = snap.entities()[s.entity];
  hit.entity = &ent;
  hit.score = s.score;
  hit.name_index = s.name_index;
  // The best OFAC-parity score of the entity's names, the matched name
  // first: a name that scores 1 (the most) ends the search.
  double ofac = 0;
  const uint32_t first = name_begin[s.entity];
  if (s.name_index >= 0) {
    ofac = match::OfacScore(pq, list_name(first + s.name_index), &scratch);
  }
  for (uint32_t k = first; k < name_begin[s.entity + 1] && ofac < 1.0; ++k) {
    if (static_cast<int>(k - first) == s.name_index) continue;
    ofac = std::max(ofac, match::OfacScore(pq, list_name(k), &scratch));
  }
  hit.ofac_score = ofac;
  if (s.name_index < 0) return;
  const Name& name = ent.names[s.name_index];
  hit.matched_name = name.full;
  const PreparedName& pn = list_name(name_begin[s.entity] + s.name_index);
  const double raw = match::ScoreName(pq, pn, scratch, 0, &hit.tokens);
  if (facts.mode == ScoringMode::kOfacParity) {
    hit.features.push_back(
        {"ofac_name", s.score, "OFAC-parity similarity of \"" + name.full + "\" (name only)"});
    return;
  }
  hit.features.push_back({"name", raw,
                          "name \"" + name.full + "\" (" + std::string(NameKindName(name.kind)) +
                              ") scored " + Fmt(raw) + SeriesNote(hit.tokens) +
                              (pn.read_as_person ? ", read as a person's name" : "")});
  if (s.tail_words > 0) {
    // (Its gain is inside the name's score: 0 here, the gain in the text.)
    hit.features.push_back({s.tail_street ? "address_street" : "address_city", 0.0,
                            "\"" + tail.words[s.tail_words - 1] + "\" read as the address, " +
                                (s.tail_street ? "words of a listed address's street"
                                               : "the city of a listed address") +
                                " (the name scored " + Fmt(s.tail_gain) + " more so)"});
  }
  const double factor = NameKindFactor(name.kind);
  if (factor != 1.0) {
    hit.features.push_back({name.kind == NameKind::kWeakAlias ? "weak_alias" : "former_name",
                            raw * factor - raw,
                            name.kind == NameKind::kWeakAlias
                                ? "matched a weak alias (low-quality a.k.a.), x" + Fmt(factor)
                                : "matched a former name (f.k.a.), x" + Fmt(factor)});
  }
  Qualifiers(s.entity, ent, facts, &hit.features);
  std::string which;
  if (!facts.ids.empty() && IdMatch(ent, facts, &which)) {
    const double before =
        std::clamp(raw * factor + Qualifiers(s.entity, ent, facts, nullptr), 0.0, 1.0);
    hit.features.push_back({"identifier_match", std::max(0.0, s.score - before),
                            "identifier " + which + " matches exactly"});
  }
}

Result<ScreenResult> Screener::Impl::Run(const Snapshot& snap, const ScreenQuery& q,
                                         bool exhaustive) const {
  const std::string clean = io::SanitizeUtf8(q.name);
  const std::string_view name = io::Trim(clean);
  if (name.empty()) return Status::InvalidArgument("query name is empty");
  if (name.size() > kMaxQueryBytes) {
    return Status::InvalidArgument("query name is longer than 1024 bytes");
  }
  if (q.limit < 1) return Status::InvalidArgument("limit must be at least 1");
  if (!(q.threshold >= 0.0 && q.threshold <= 1.0)) {
    return Status::InvalidArgument("threshold must be between 0 and 1");
  }
  QueryFacts facts;
  facts.source_ok.assign(sources.size(), q.sources.empty() ? 1 : 0);
  for (const std::string& src : q.sources) {
    auto it = std::find(sources.begin(), sources.end(), src);
    if (it != sources.end()) facts.source_ok[it - sources.begin()] = 1;
  }
  facts.schema = q.schema;
  if (!q.country.empty()) facts.country = lists::CountryCode(q.country);
  facts.birth_date = q.birth_date;
  facts.gender = q.gender;
  facts.mode = q.mode;
  // The query's identifiers, and those written into the name field
  // (ROSOBORONEXPORT INN 7718852163), which are screened as identifiers, the
  // rest of the field as the name; each once.
  auto add_id = [&facts](std::string_view raw) {
    std::string key = NormalizeId(raw);
    if (!key.empty() && std::find(facts.ids.begin(), facts.ids.end(), key) == facts.ids.end()) {
      facts.ids.push_back(std::move(key));
    }
  };
  for (const std::string& id : q.identifiers) add_id(id);
  const text::FieldWithoutIdentifiers field = text::CutIdentifiers(name);
  for (const text::FieldIdentifier& id : field.identifiers) {
    for (const std::string& number : id.Numbers()) add_id(number);
  }
  const std::string_view screened = field.name;

  ScreenResult result;
  result.snapshot_version = snap.version();
  std::vector<std::pair<Scored, ScreenHit>> hits;
  ScreenName(snap, q, facts, screened, false, exhaustive, result.candidates, hits);
  // Names screened besides the whole field, each with the feature its hits
  // carry: the names a field of several holds (a.k.a., t/a, c/o ...), and
  // the name before a street address the field writes after it. An entity
  // found more than once keeps its best hit (the whole field's on a tie),
  // which says through which name.
  struct Alone {
    std::string name;
    FeatureContribution feature;
    bool address_cut = false;      // the name before a street address
    std::string listed_street_in;  // QueryFacts::listed_street_in
  };
  std::vector<Alone> alone;
  for (text::NameFieldPart& part : text::SplitNameField(screened)) {
    std::string detail = "matched through \"" + part.name + "\", one of the names the field holds" +
                         (part.marker.empty() ? std::string() : " (after \"" + part.marker + "\")");
    alone.push_back({std::move(part.name), {"name_part", 0.0, std::move(detail)}, false, ""});
  }
  if (text::NameAndAddress na = text::SplitAddress(screened); !na.name.empty()) {
    for (std::string* n : {&na.name, &na.first}) {
      if (n->empty()) continue;
      std::string detail = "matched through \"" + *n +
                           "\", the field without the street address after it (\"" + na.address +
                           "\")";
      alone.push_back({std::move(*n), {"name_before_address", 0.0, std::move(detail)}, true, ""});
    }
  }
  // A single word before the address, which may be a surname, is screened
  // only for the entities listed at a street the rest of the field writes.
  if (text::WordAndAddress wa = text::WordBeforeAddress(screened); !wa.word.empty()) {
    std::string detail = "matched through \"" + wa.word +
                         "\", the field's first word, for an entity listed at a street the rest "
                         "of the field writes (\"" +
                         wa.address + "\")";
    alone.push_back({std::move(wa.word),
                     {"name_before_address", 0.0, std::move(detail)},
                     true,
                     StreetLine(wa.address)});
  }
  if (!alone.empty()) {
    for (const auto& [part, feature, address_cut, listed_street_in] : alone) {
      const size_t before = hits.size();
      if (listed_street_in.empty()) {
        ScreenName(snap, q, facts, part, address_cut, exhaustive, result.candidates, hits);
      } else {
        QueryFacts at_street = facts;
        at_street.listed_street_in = listed_street_in;
        ScreenName(snap, q, at_street, part, address_cut, exhaustive, result.candidates, hits);
      }
      for (size_t i = before; i < hits.size(); ++i) hits[i].second.features.push_back(feature);
    }
    KeepBestPerEntity(hits, 0, static_cast<size_t>(q.limit));
  }
  if (!field.identifiers.empty()) {
    const std::string note = IdentifierNote(field);
    for (auto& h : hits) h.second.features.push_back({"name_identifier", 0.0, note});
  }
  result.hits.reserve(hits.size());
  for (auto& h : hits) result.hits.push_back(std::move(h.second));
  return result;
}

void Screener::Impl::ScreenName(const Snapshot& snap, const ScreenQuery& q, const QueryFacts& facts,
                                std::string_view name, bool address_cut, bool exhaustive,
                                uint64_t& num_candidates,
                                std::vector<std::pair<Scored, ScreenHit>>& hits) const {
  // Without a schema, the name is analysed as a legal entity to guess one;
  // that analysis is the company analysis, so only persons need a second.
  // A name in Chinese characters, Hangul or kana guessed to be a person's
  // may still be a company's without its legal form (海康威视, the brand
  // Hikvision): the company analysis of such a name is segmented into
  // place, trade name and industry, and translated when it knows a part.
  // When it translated something, every entity is screened with the person
  // analysis, as before, and the organisations also with the company
  // analysis; an organisation found both ways keeps its better score.
  // (Without a translation the company analysis only romanises, and the
  // readings of people's names it adds found organisations by chance: the
  // false-positive rate of the yente negatives rose from 0.48% to 0.68%.)
  // (A long name cut inside its legal form by a message field is analysed
  // without it; a person's name has no legal form to cut. A name that a
  // street address followed ends where the address began, not cut short.)
  match::QueryCut cut;
  if (address_cut) {
    cut.analysed = std::string(name);
  } else {
    cut = match::InspectQueryName(name, q.schema == Schema::kPerson);
  }
  const std::string_view analysed = cut.analysed;
  Schema schema;
  std::vector<text::NameForm> forms;
  // The second analysis, when there is one, and what it screens.
  std::vector<text::NameForm> second_forms;
  Schema second_schema = Schema::kCompany;
  Kinds second_kinds = Kinds::kOrganisations;
  if (q.schema) {
    schema = *q.schema;
    forms = text::AnalyzeName(analysed, schema);
  } else {
    forms = text::AnalyzeName(analysed, Schema::kLegalEntity);
    bool country_word = false;
    schema = match::GuessSchemaFromForms(forms, &country_word);
    if (schema == Schema::kPerson) {
      // (Only names with Han or Hangul pieces get a translated form.) A
      // name whose only company word is a country's (PAE WON UK, BP UK) is
      // screened both ways too, and so is a name with a title, which the
      // person's analysis drops: vessels are named so (LADY LEILA, CAPTAIN
      // BEKLEMISHEV).
      // (Whether the person's analysis drops a title it says itself; the
      // legal entity's forms, which it may reuse, are then analysed again.)
      // A known trade name whose translation is its pinyin (华为 Huawei)
      // has no translated form of its own: it is screened both ways too.
      if (country_word ||
          std::any_of(forms.begin(), forms.end(),
                      [](const text::NameForm& f) { return f.system == "translated"; }) ||
          text::KnownTradeName(analysed)) {
        second_forms = forms;
      }
      bool titled = false;
      forms = text::AnalyzeNameAsPerson(analysed, std::move(forms), &titled);  // reuses them
      if (titled && second_forms.empty()) {
        second_forms = text::AnalyzeName(analysed, Schema::kLegalEntity);
      }
    } else if (schema != Schema::kCompany) {
      forms = text::AnalyzeName(analysed, schema);
    } else if (text::HasPersonTitle(analysed) || match::PersonShapedName(forms)) {
      // A person's title that is also a company word (General Nkunda,
      // NKUNDA, General; General Electric): the persons are screened with
      // the person's analysis too, which drops the title as the lists' do.
      // So is a name shaped like a person's, whose legal form stands inside
      // it (Agha Sia SAYEED: SIA the Latvian legal form), as a list's
      // LegalEntity of that shape is analysed as a person's.
      second_forms = text::AnalyzeName(analysed, Schema::kPerson);
      second_schema = Schema::kPerson;
      second_kinds = Kinds::kPersons;
    }
  }

  // Reused per thread: PrepareQuery refills its buffers and cached strings.
  thread_local PreparedQuery pq;
  // (This name's hits follow those of the names screened before it: they are
  // merged on their own.)
  const size_t first = hits.size();
  Pass(snap, q, facts, name, cut, address_cut, forms, schema, Kinds::kAll, exhaustive, pq,
       num_candidates, hits);
  if (!second_forms.empty()) {
    Pass(snap, q, facts, name, cut, address_cut, second_forms, second_schema, second_kinds,
         exhaustive, pq, num_candidates, hits);
    KeepBestPerEntity(hits, first, static_cast<size_t>(q.limit));
  }
}

void Screener::Impl::Pass(const Snapshot& snap, const ScreenQuery& q, const QueryFacts& query_facts,
                          std::string_view name, const match::QueryCut& cut, bool address_cut,
                          const std::vector<text::NameForm>& forms, Schema schema, Kinds kinds,
                          bool exhaustive, PreparedQuery& pq, uint64_t& num_candidates,
                          std::vector<std::pair<Scored, ScreenHit>>& hits) const {
  PreparedName qname = match::PrepareForms(forms, schema, &index);
  match::AddNativeForm(name, qname);
  match::MarkQueryWords(cut, qname);
  // Words before the address that no table knows as a place may be the
  // city of a listed address (LIMITED LIABILITY COMPANY AGRISOVGAZ
  // MALOYAROSLAVETS RUSSIA): an entity with an address in that city is
  // scored again with them read as the address's, and keeps the better
  // score. The queries for that are prepared when first needed.
  // A name cut before its street address may end with the street's own
  // name (NIREF Boezembolcht 23 Rotterdam): an entity with an address on
  // that street is scored again with them read as the address's too.
  const match::AddressTail tail =
      q.mode == ScoringMode::kCalibrated && (!cities_empty() || !street_lines.empty())
          ? match::QueryAddressTail(qname, address_cut)
          : match::AddressTail();
  // The places of the address after the name (copied facts only for a
  // query with an address).
  match::AddressPlaces places = q.mode == ScoringMode::kCalibrated
                                    ? match::QueryAddressPlaces(qname, tail)
                                    : match::AddressPlaces();
  QueryFacts with_address;
  if (!places.empty()) {
    with_address = query_facts;
    with_address.address = std::move(places);
  }
  const QueryFacts& facts = with_address.address.empty() ? query_facts : with_address;
  thread_local PreparedName tail_base;
  thread_local PreparedQuery tail_pq[match::AddressTail::kMaxTailWords];
  bool tail_ready[match::AddressTail::kMaxTailWords] = {};
  if (!tail.empty()) tail_base = qname;
  auto tail_query = [&](int k) -> const PreparedQuery& {
    if (!tail_ready[k - 1]) {
      PreparedName marked = tail_base;
      match::MarkAddressTail(tail, k, marked);
      match::PrepareQuery(std::move(marked), tail_pq[k - 1]);
      tail_ready[k - 1] = true;
    }
    return tail_pq[k - 1];
  };
  match::PrepareQuery(std::move(qname), pq);

  // An incompatible schema caps the score at 1 + kSchemaMismatch; when that
  // cannot reach the threshold those entities are skipped up front.
  const bool skip_incompatible =
      q.schema && 1.0 + kSchemaMismatch < q.threshold && q.mode == ScoringMode::kCalibrated;
  auto keep = [&](uint32_t e) {
    if (!facts.source_ok[entity_source[e]]) return false;
    if (!facts.listed_street_in.empty() && !StreetListedIn(e, facts.listed_street_in)) return false;
    if (skip_incompatible && !SchemasCompatible(*q.schema, snap.entities()[e].schema)) return false;
    if (kinds != Kinds::kAll &&
        match::IsOrgSchema(snap.entities()[e].schema) != (kinds == Kinds::kOrganisations)) {
      return false;
    }
    return true;
  };

  // Each candidate with the names to score first (names_begin == kAllNames:
  // every name).
  using Candidate = CandidateIndex::NamedCandidate;
  static constexpr uint32_t kAllNames = 0xffffffffu;
  thread_local std::vector<Candidate> candidates;
  thread_local std::vector<uint32_t> cand_names;
  thread_local CandidateIndex::Scratch index_scratch;
  thread_local match::ScratchSpace scratch;
  thread_local NameMemo memo;
  match::BeginQuery(pq, num_tokens, scratch);
  memo.Begin(unique_names.size());
  candidates.clear();
  cand_names.clear();
  const uint32_t n = static_cast<uint32_t>(snap.entities().size());
  if (exhaustive) {
    for (uint32_t e = 0; e < n; ++e) {
      if (keep(e)) candidates.push_back({e, kAllNames, kAllNames});
    }
  } else {
    const size_t pool = CandidatePool(pq);
    const size_t max_candidates = std::max(pool, pool * static_cast<size_t>(q.limit) / 10);
    const float name_share = q.threshold >= kNameShareThreshold - 1e-9 ? kNameShare : 0.0f;
    // With every source wanted and no schema skipped, keep() is always true:
    // a Retrieve without the per-entity test (same candidates, cheaper merge).
    const bool keep_all = !skip_incompatible && kinds == Kinds::kAll &&
                          facts.listed_street_in.empty() &&
                          std::all_of(facts.source_ok.begin(), facts.source_ok.end(),
                                      [](uint8_t ok) { return ok != 0; });
    if (keep_all) {
      index.RetrieveNames(
          pq, max_candidates, name_share, [](uint32_t) { return true; }, index_scratch, candidates,
          cand_names);
    } else {
      index.RetrieveNames(pq, max_candidates, name_share, keep, index_scratch, candidates,
                          cand_names);
    }
    // OFAC-parity mode scores names with another metric than the one the
    // share was measured for: there every name of a candidate is scored.
    if (q.mode != ScoringMode::kCalibrated) {
      for (Candidate& c : candidates) c.names_begin = c.names_end = kAllNames;
    }
    // An entity holding one of the query's identifiers is scored on every
    // name.
    for (const std::string& id : facts.ids) {
      auto it = id_map.find(id);
      if (it == id_map.end()) continue;
      for (uint32_t e : it->second) {
        if (keep(e)) candidates.push_back({e, kAllNames, kAllNames});
      }
    }
    // By entity, an entity found both ways first with every name.
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
      return a.entity != b.entity ? a.entity < b.entity : a.names_begin > b.names_begin;
    });
    candidates.erase(
        std::unique(candidates.begin(), candidates.end(),
                    [](const Candidate& a, const Candidate& b) { return a.entity == b.entity; }),
        candidates.end());
  }

  num_candidates += candidates.size();
  // Name scores below this cannot make an entity reach the threshold: the
  // name kind factor is at most 1 and the only positive qualifiers are a
  // matching birth date and a listed address that the address after the
  // name names; an identifier match lifts any name score, so then
  // every name is scored exactly. ScoreName may return any value below it
  // for such names.
  // (The margin covers rounding in the sum of name score and qualifiers.)
  double name_cutoff = q.threshold - 1e-9 - std::max(0.0, kCountryMismatch) -
                       std::max(0.0, kGenderMismatch) - std::max(0.0, kSchemaMismatch);
  if (facts.birth_date && !facts.birth_date->empty()) {
    name_cutoff -= std::max({0.0, kDobMatch, kDobYearMismatch, kDobDayMismatch});
  }
  if (!facts.address.empty()) name_cutoff -= kAddressMatch;
  if (!facts.ids.empty()) name_cutoff = 0;
  std::vector<Scored> kept;
  Scored s;
  // The names of the candidates after the one being scored are fetched into
  // the cache in stages: while candidate i is scored, stage s of candidate
  // i + ahead[s]. Stage 0 is each name's FlatName record, then
  // match::PrefetchDigest's stages (the name's memo entry with its digest's
  // block first). Before the digests, the same stages over the PreparedNames
  // themselves gave 1.35 to 1.45 times the queries per second (bench/results,
  // rounds 29 and 60); the digests' stages, round 64.
  auto prefetch_name = [&](uint32_t k, int stage) {
    if (stage == 0) {
      __builtin_prefetch(&flat_names[k]);
      return;
    }
    const FlatName& flat = flat_names[k];
    if (stage == 1) __builtin_prefetch(&memo.entries[flat.unique]);
    match::PrefetchDigest(digests, flat.digest, flat.digest_lines, stage - 1, scratch);
  };
  auto prefetch = [&](size_t i, int stage) {
    if (i >= candidates.size()) return;
    const Candidate& c = candidates[i];
    if (c.names_begin == kAllNames) {
      for (uint32_t k = name_begin[c.entity]; k < name_begin[c.entity + 1]; ++k) {
        prefetch_name(k, stage);
      }
    } else {
      for (uint32_t j = c.names_begin; j < c.names_end; ++j) prefetch_name(cand_names[j], stage);
    }
  };
  // How many candidates ahead each stage runs: two between the stamps and
  // the tokens they decide on, which one left waiting (round 64: 1.03 times
  // the queries per second of one step per stage).
  constexpr int kStages = 1 + match::kDigestPrefetchStages;
  constexpr int ahead[kStages] = {5, 4, 3, 1};
  // (The first candidates get the stages they would have had before.)
  for (int stage = 0; stage < kStages; ++stage) {
    for (int i = 0; i < ahead[stage]; ++i) prefetch(i, stage);
  }
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    for (int stage = 0; stage < kStages; ++stage) prefetch(i + ahead[stage], stage);
    const bool all = c.names_begin == kAllNames;
    ScoreEntity(snap, pq, facts, c.entity, all ? nullptr : cand_names.data() + c.names_begin,
                all ? 0 : c.names_end - c.names_begin, name_cutoff, s, scratch, &memo);
    // A hit on the names scored first is scored on all its names, so that
    // its score and matched name are the exhaustive scan's (the names
    // already scored come from the memo).
    if (!all && s.score >= q.threshold && s.score > 0 &&
        c.names_end - c.names_begin < name_begin[c.entity + 1] - name_begin[c.entity]) {
      ScoreEntity(snap, pq, facts, c.entity, nullptr, 0, name_cutoff, s, scratch, &memo);
    }
    if (!tail.empty()) {
      bool street = false;
      if (const int k = ListedTail(c.entity, tail, street); k > 0) {
        // (The scratch's token memo is the query's: begun again for each.)
        const PreparedQuery& tq = tail_query(k);
        Scored city;
        match::BeginQuery(tq, num_tokens, scratch);
        ScoreEntity(snap, tq, facts, c.entity, nullptr, 0, name_cutoff, city, scratch, nullptr);
        match::BeginQuery(pq, num_tokens, scratch);
        if (city.score > s.score) {
          const double gain = city.score - s.score;
          s = city;
          s.tail_words = k;
          s.tail_street = street;
          s.tail_gain = gain;
        }
      }
    }
    if (s.score >= q.threshold && s.score > 0) kept.push_back(s);
  }
  std::sort(kept.begin(), kept.end(), [](const Scored& a, const Scored& b) {
    return a.score != b.score ? a.score > b.score : a.entity < b.entity;
  });
  // The cut to `limit` keeps the hits of the score it falls on whole (up to
  // kMaxTiedPastLimit more): they are explained too, so that the fewer list
  // words left decides which of them make the cut (RanksBefore), not their
  // order in the snapshot.
  const size_t limit = static_cast<size_t>(q.limit);
  size_t num_kept = std::min(kept.size(), limit);
  if (num_kept > 0) {
    const double boundary = kept[num_kept - 1].score;
    while (num_kept < kept.size() && num_kept < limit + kMaxTiedPastLimit &&
           kept[num_kept].score == boundary) {
      ++num_kept;
    }
  }
  kept.resize(num_kept);
  const size_t first = hits.size();
  for (const Scored& k : kept) {
    hits.emplace_back(k, ScreenHit());
    if (k.tail_words > 0) {
      const PreparedQuery& tq = tail_query(k.tail_words);
      match::BeginQuery(tq, num_tokens, scratch);
      Explain(snap, tq, facts, k, tail, hits.back().second, scratch);
      match::BeginQuery(pq, num_tokens, scratch);
    } else {
      Explain(snap, pq, facts, k, tail, hits.back().second, scratch);
    }
    Scored& s = hits.back().first;
    for (const TokenMatch& t : hits.back().second.tokens) {
      s.list_left += t.query_token.empty() && !t.list_token.empty();
    }
  }
  // Only hits of one score change places (and most passes have none: the
  // sort would move every explained hit through a buffer).
  bool tied = false;
  for (size_t i = first + 1; i < hits.size() && !tied; ++i) {
    tied = hits[i].first.score == hits[i - 1].first.score;
  }
  if (tied) {
    std::stable_sort(hits.begin() + first, hits.end(),
                     [](const auto& a, const auto& b) { return RanksBefore(a.first, b.first); });
  }
  if (hits.size() - first > limit) hits.resize(first + limit);
}

namespace {

// CompareNames of two names (sanitised), each one name.
CompareResult CompareOne(const std::string& a, const std::string& b, std::optional<Schema> schema) {
  CompareResult out;
  Schema sa = schema ? *schema : match::GuessSchema(a);
  Schema sb = schema ? *schema : match::GuessSchema(b);
  // One looks like a company, or is a known trade name (海康威视 / Hikvision),
  // which read as a person's name has nothing to match: the screener scores
  // a name without schema against a listed company as a company.
  if (!schema && (sa != sb || text::KnownTradeName(a) || text::KnownTradeName(b))) {
    sa = sb = Schema::kCompany;
  }
  PreparedQuery pq;
  const match::QueryCut cut = match::InspectQueryName(io::Trim(a), sa == Schema::kPerson);
  PreparedName query = match::PrepareName(cut.analysed, sa, nullptr);
  match::MarkQueryWords(cut, query);
  match::PrepareQuery(std::move(query), pq);
  const PreparedName list = match::PrepareName(io::Trim(b), sb, nullptr);
  match::ScratchSpace scratch;
  out.score = match::ScoreName(pq, list, scratch, 0, &out.tokens);
  out.ofac_score = match::OfacScore(pq, list);
  out.features.push_back({"name", out.score,
                          "\"" + a + "\" vs \"" + b + "\" scored " + Fmt(out.score) + " as " +
                              std::string(SchemaName(sa)) + SeriesNote(out.tokens)});
  return out;
}

// The field itself, then the names it holds (text::SplitNameField) and the
// name before a street address after it (text::SplitAddress).
std::vector<std::string> FieldNames(const std::string& field) {
  std::vector<std::string> out = {field};
  for (text::NameFieldPart& part : text::SplitNameField(field)) out.push_back(std::move(part.name));
  if (text::NameAndAddress na = text::SplitAddress(field); !na.name.empty()) {
    out.push_back(std::move(na.name));
    if (!na.first.empty()) out.push_back(std::move(na.first));
  }
  return out;
}

// A field without the identifiers it writes beside the name
// (text::CutIdentifiers), and the note that says so in `notes`.
std::string WithoutIdentifiers(const std::string& field, std::vector<std::string>& notes) {
  text::FieldWithoutIdentifiers cut = text::CutIdentifiers(field);
  if (!cut.identifiers.empty()) notes.push_back(IdentifierNote(cut));
  return std::move(cut.name);
}

}  // namespace

CompareResult CompareNames(const std::string& name1, const std::string& name2,
                           std::optional<Schema> schema) {
  // A field that holds several names (a.k.a., t/a, c/o ...) is compared
  // whole and by each of its names, as the screener screens it: the best
  // pair is the result (the whole fields' on a tie), with the best
  // OFAC-parity score of any pair.
  // Identifiers written beside a name are left out (the comparison is of
  // names).
  std::vector<std::string> notes;
  const std::vector<std::string> as =
      FieldNames(WithoutIdentifiers(io::SanitizeUtf8(name1), notes));
  const std::vector<std::string> bs =
      FieldNames(WithoutIdentifiers(io::SanitizeUtf8(name2), notes));
  CompareResult out;
  double ofac = 0;
  size_t best_a = 0, best_b = 0;
  for (size_t i = 0; i < as.size(); ++i) {
    for (size_t j = 0; j < bs.size(); ++j) {
      CompareResult r = CompareOne(as[i], bs[j], schema);
      ofac = std::max(ofac, r.ofac_score);
      if ((i == 0 && j == 0) || r.score > out.score) {
        out = std::move(r);
        best_a = i;
        best_b = j;
      }
    }
  }
  out.ofac_score = ofac;
  if (best_a != 0 || best_b != 0) {
    // Which name of which field, the whole field's name untold.
    std::string detail = "compared through ";
    if (best_a != 0) detail += "\"" + as[best_a] + "\", a name the first field holds";
    if (best_a != 0 && best_b != 0) detail += ", and ";
    if (best_b != 0) detail += "\"" + bs[best_b] + "\", a name the second field holds";
    out.features.push_back({"name_part", 0.0, std::move(detail)});
  }
  for (std::string& note : notes) out.features.push_back({"name_identifier", 0.0, std::move(note)});
  return out;
}

Result<std::optional<Schema>> ParseSchemaFilter(std::string_view text) {
  std::string_view t = io::Trim(text);
  if (t.empty() || io::EqualsIgnoreCaseAscii(t, "any")) return std::optional<Schema>();
  auto s = ParseSchema(t);
  if (!s) {
    return Status::InvalidArgument("unknown schema '" + std::string(t) +
                                   "' (use person, company, organization, vessel, aircraft "
                                   "or any)");
  }
  return std::optional<Schema>(*s);
}

}  // namespace chokepoint
