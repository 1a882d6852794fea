// How screening hits and name comparisons are shown: as JSON (for `--json`
// and programs) and as one plain-language line (for the text tables).
//
// The JSON shape is part of the CLI's contract (docs/cli_screening.md): a hit
// is {"source", "source_id", "schema", "name" (the entity's caption),
// "matched_name", "name_kind", "score", "ofac_score", "explanation",
// "programs"}, where "explanation" lists every feature contribution
// ({"feature", "value", "detail"}) and then every token alignment
// ({"query_token", "list_token", "key", "similarity", "weight"}).
//
// Used by the CLI, the HTTP service and the casework store, so that a hit
// looks the same everywhere.
//
// Thread safety: pure functions.

#ifndef CHOKEPOINT_MATCH_HIT_JSON_H_
#define CHOKEPOINT_MATCH_HIT_JSON_H_

#include <string>
#include <vector>

#include "chokepoint/screen.h"
#include "io/json_writer.h"

namespace chokepoint::match {

// Writes the explanation array: features first, then token matches.
void WriteExplanationJson(io::JsonWriter& w, const std::vector<FeatureContribution>& features,
                          const std::vector<TokenMatch>& tokens);

// Writes one hit as an object. REQUIRES: hit.entity != nullptr.
void WriteHitJson(io::JsonWriter& w, const ScreenHit& hit);

// Writes the query as an object (the fields that were set).
void WriteQueryJson(io::JsonWriter& w, const ScreenQuery& query);

// One line summarising why a pair scored as it did, e.g.
// "name 0.93 [wuhan=wuhan exact, global=global exact, ...]; country_match +0.02
// (CN matches)". Features with a zero value and no detail are left out.
std::string ExplanationText(const std::vector<FeatureContribution>& features,
                            const std::vector<TokenMatch>& tokens);

// "0.973" (three decimals; scores are shown the same way everywhere).
std::string FormatScore(double score);

}  // namespace chokepoint::match

#endif  // CHOKEPOINT_MATCH_HIT_JSON_H_
