// The JSON documents that both the CLI (`--json`) and the HTTP service
// (src/server/*_routes.cc) print, so that each shape is one piece of code:
// a screening result, a name comparison, goods classification candidates,
// snapshot info and a snapshot diff. Hits and explanations are written by
// match/hit_json.h.
//
// Thread safety: pure functions.

#ifndef CHOKEPOINT_CLI_JSON_VIEWS_H_
#define CHOKEPOINT_CLI_JSON_VIEWS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/check.h"
#include "chokepoint/goods.h"
#include "chokepoint/screen.h"
#include "chokepoint/snapshot.h"
#include "chokepoint/trade.h"
#include "io/json_writer.h"

namespace chokepoint::cli {

// {"query", "snapshot", "candidates", "results": [hit...]}: `screen --json`.
void WriteScreenJson(io::JsonWriter& w, const ScreenQuery& query, const ScreenResult& result);

// {"name1", "name2", "schema", "score", "ofac_score", "explanation"}: `compare --json`.
void WriteCompareResultJson(io::JsonWriter& w, const std::string& name1, const std::string& name2,
                            std::optional<Schema> schema, const CompareResult& result);

// {"hs6", "description", "chpl_tier", "fincen_high_priority"} (members only).
void WriteHsCodeJson(io::JsonWriter& w, const goods::HsCode& code);

// {"text", "candidates": [...]}: `classify --json` (compact, one line).
std::string CandidatesJson(std::string_view text, const std::vector<goods::GoodsCandidate>& cands);

// {"version", "created", "content_sha256", "entities", "sources"}: `lists info --json`.
void WriteSnapshotInfoJson(io::JsonWriter& w, const Snapshot& snapshot);

// {"old_version", "new_version", "added", "removed", "changed"}: `lists diff --json`.
void WriteDiffJson(io::JsonWriter& w, const std::string& old_version,
                   const std::string& new_version, const SnapshotDiff& diff);

// {"lists_version", "rules_version", ..., "summary", "items", "problems"}:
// `check --json`. txs[i] is the transaction of results[i].
void WriteCheckJson(io::JsonWriter& w, const check::RiskEngine& engine,
                    const std::vector<check::Transaction>& txs,
                    const std::vector<check::CheckResult>& results,
                    const std::vector<Problem>& problems);

// `trade share --json`: {"hs", "period", "months", "total", "rows": [{BY, "value", "share"}]}.
void WriteTradeShareJson(io::JsonWriter& w, const std::string& hs, const std::string& period,
                         const std::string& by, const trade::ShareResult& result);

// `trade surge --json`: {"hs", "baseline_year", "period_year", "months", "rows"}.
void WriteTradeSurgeJson(io::JsonWriter& w, const std::string& hs, int baseline_year,
                         int period_year, const trade::SurgeResult& result);

// `trade diversion --json`: {"post_periods", "findings"}.
void WriteDiversionJson(io::JsonWriter& w, const trade::DiversionResult& result);

}  // namespace chokepoint::cli

#endif  // CHOKEPOINT_CLI_JSON_VIEWS_H_
