// Screening: find the listed entities a name (and what else is known about a
// party) may be, in any script, and say why.
//
// A Screener is built once from a Snapshot: it analyses every listed name
// (normalisation, romanisation keys, legal forms, token weights) and builds a
// candidate index. It is then immutable and shared across threads; a list
// update builds a new Screener and swaps the shared_ptr.
//
// A query is prepared once (its name analysed) and compared against the
// bounded candidate set the index returns. Each hit carries a calibrated score
// in [0, 1] and an explanation: which query tokens matched which list tokens
// under which key, and each feature's contribution. docs/scoring.md describes
// the model and what 0.70, 0.85 and 0.95 mean in measured precision.
//
// Thread safety: Screener is immutable after Build(); Screen() and Compare()
// are const and safe to call concurrently.

#ifndef CHOKEPOINT_SCREEN_H_
#define CHOKEPOINT_SCREEN_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/entity.h"
#include "chokepoint/snapshot.h"
#include "chokepoint/status.h"

namespace chokepoint {

enum class ScoringMode : uint8_t {
  kCalibrated,  // Chokepoint's own model (default)
  kOfacParity,  // scores as OFAC's Sanctions List Search does (name only, 0-1)
};

struct ScreenQuery {
  std::string name;              // required, UTF-8, any script
  std::optional<Schema> schema;  // nullopt = any
  std::string country;           // ISO alpha-2 or a country name; "" = unknown
  std::optional<PartialDate> birth_date;
  std::string gender;                    // "male", "female" or ""
  std::vector<std::string> identifiers;  // raw values (INN, IMO, passport, ...)
  std::vector<std::string> sources;      // restrict to these source ids; empty = all
  int limit = 10;                        // at most this many hits, best first
  double threshold = 0.70;               // hits scoring below are dropped
  ScoringMode mode = ScoringMode::kCalibrated;
};

// One query token aligned with one list token.
struct TokenMatch {
  std::string query_token;  // as analysed (romanised, folded)
  std::string list_token;
  std::string key;        // how they matched: "exact", "romanized:bgn", "variant",
                          // "phonetic", "jaro_winkler", "levenshtein", "legal_form",
                          // "abbreviation", "translation", "initial",
                          // "transcription", "familiar_form" (Bill / William),
                          // "place_adjective" (Kazanskiy / Kazan), "place_spelling"
                          // (Kyiv / Kiev), "acronym" (one side's words against
                          // the other's one word: Russian Direct Investment
                          // Fund / RDIF), "quoted_part" (the name matched
                          // through its quoted trade name; the similarity is
                          // the share of the score kept)
  double similarity = 0;  // 0-1
  double weight = 0;      // the token's weight in the name score
};

// One feature's contribution to the final score.
struct FeatureContribution {
  std::string feature;  // e.g. "name", "identifier_match", "country_mismatch",
                        // "dob_year_mismatch", "weak_alias", "schema_mismatch"
  double value = 0;     // signed contribution to the score
  std::string detail;   // plain language, e.g. "passport 1234 matches"
};

struct ScreenHit {
  const Entity* entity = nullptr;  // points into the Screener's snapshot
  int name_index = -1;             // which of entity->names matched best
  std::string matched_name;        // entity->names[name_index].full
  double score = 0;
  double ofac_score = 0;  // OFAC-parity score of the same name pair (0-1)
  std::vector<TokenMatch> tokens;
  std::vector<FeatureContribution> features;
};

struct ScreenResult {
  std::vector<ScreenHit> hits;  // best first, at most limit, score >= threshold
  uint64_t candidates = 0;      // how many entities were scored
  std::string snapshot_version;
};

// The outcome of comparing two names directly (no lists involved).
struct CompareResult {
  double score = 0;
  double ofac_score = 0;
  std::vector<TokenMatch> tokens;
  std::vector<FeatureContribution> features;
};

struct ScreenerOptions {
  // When true, Screen() scores every entity instead of using the index (the
  // exhaustive baseline for recall measurements).
  bool exhaustive = false;
};

class Screener {
 public:
  // Analyses every name of `snapshot` and builds the index.
  static std::shared_ptr<const Screener> Build(std::shared_ptr<const Snapshot> snapshot,
                                               ScreenerOptions options = {});

  // REQUIRES: query.name is valid UTF-8 (invalid bytes are replaced).
  // Returns InvalidArgument for an empty name or one longer than 1,024 bytes
  // after trimming.
  Result<ScreenResult> Screen(const ScreenQuery& query) const;

  // Same as Screen() with the index bypassed (every entity scored).
  Result<ScreenResult> ScreenExhaustive(const ScreenQuery& query) const;

  // Screens a name in each script the analysis romanises, and discards the
  // results, so that the calling thread's one-time work is done before its
  // first real query: ICU builds a thread's transliterator for a script the
  // first time the thread meets it (a few milliseconds each), and the
  // thread's scoring buffers are sized on its first query. A service calls
  // it on each worker thread as it starts.
  void WarmUpThread() const;

  const Snapshot& snapshot() const { return *snapshot_; }

  ~Screener();

 private:
  Screener() = default;
  struct Impl;
  std::shared_ptr<const Snapshot> snapshot_;
  std::unique_ptr<Impl> impl_;
};

// Parses a schema filter as people type it: a schema name (see
// ParseSchema), or "any" or blank for no restriction (nullopt). Anything else
// is InvalidArgument "unknown schema 'X' (use person, company, ...)".
Result<std::optional<Schema>> ParseSchemaFilter(std::string_view text);

// Compares two names under the calibrated model (and OFAC parity). Schema
// applies to both; nullopt = guess from the names.
CompareResult CompareNames(const std::string& name1, const std::string& name2,
                           std::optional<Schema> schema = std::nullopt);

}  // namespace chokepoint

#endif  // CHOKEPOINT_SCREEN_H_
