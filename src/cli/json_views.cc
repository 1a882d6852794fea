#include "cli/json_views.h"

#include <cmath>
#include <map>

#include "io/strings.h"
#include "match/hit_json.h"

namespace chokepoint::cli {

using match::WriteExplanationJson;
using match::WriteHitJson;
using match::WriteQueryJson;
namespace {

void WriteSourceJson(io::JsonWriter& w, const SourceInfo& s) {
  w.BeginObject();
  w.Field("source", s.source);
  w.Field("format", s.format);
  w.Key("entities");
  w.UInt(s.entities);
  w.Key("names");
  w.UInt(s.names);
  w.Key("schemas");
  w.BeginObject();
  for (const auto& [k, v] : s.schemas) {
    w.Key(k);
    w.UInt(v);
  }
  w.EndObject();
  w.Field("list_date", s.list_date);
  w.Key("problems");
  w.UInt(s.problems);
  w.Key("files");
  w.BeginArray();
  for (const auto& f : s.files) {
    w.BeginObject();
    w.Field("path", f.path);
    w.Field("sha256", f.sha256);
    w.Key("bytes");
    w.UInt(f.bytes);
    w.Field("modified", f.modified);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void WriteDiffEntries(io::JsonWriter& w, const std::vector<DiffEntry>& entries, bool fields) {
  w.BeginArray();
  for (const auto& e : entries) {
    w.BeginObject();
    w.Field("source", e.source);
    w.Field("source_id", e.source_id);
    w.Field("name", e.name);
    if (fields) {
      w.Key("fields");
      w.StringArray(e.fields);
    }
    if (!e.programs_added.empty()) {
      w.Key("programs_added");
      w.StringArray(e.programs_added);
    }
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace

void WriteHsCodeJson(io::JsonWriter& w, const goods::HsCode& c) {
  w.Field("hs6", c.hs6);
  w.Field("description", c.description);
  w.Key("chpl_tier");
  if (c.chpl_tier.empty()) {
    w.Null();
  } else {
    w.String(c.chpl_tier);
  }
  w.Key("fincen_high_priority");
  w.Bool(c.fincen_high_priority);
}

void WriteScreenJson(io::JsonWriter& w, const ScreenQuery& query, const ScreenResult& result) {
  w.BeginObject();
  w.Key("query");
  WriteQueryJson(w, query);
  w.Field("snapshot", result.snapshot_version);
  w.Key("candidates");
  w.UInt(result.candidates);
  w.Key("results");
  w.BeginArray();
  for (const auto& h : result.hits) WriteHitJson(w, h);
  w.EndArray();
  w.EndObject();
}

void WriteCompareResultJson(io::JsonWriter& w, const std::string& name1, const std::string& name2,
                            std::optional<Schema> schema, const CompareResult& r) {
  w.BeginObject();
  w.Field("name1", name1);
  w.Field("name2", name2);
  w.Key("schema");
  if (schema) {
    w.String(SchemaName(*schema));
  } else {
    w.Null();
  }
  w.Key("score");
  w.Double(r.score);
  w.Key("ofac_score");
  w.Double(r.ofac_score);
  w.Key("explanation");
  WriteExplanationJson(w, r.features, r.tokens);
  w.EndObject();
}

std::string CandidatesJson(std::string_view text, const std::vector<goods::GoodsCandidate>& cands) {
  io::JsonWriter w;
  w.BeginObject();
  w.Field("text", io::SanitizeUtf8(text));
  w.Key("candidates");
  w.BeginArray();
  for (const auto& c : cands) {
    w.BeginObject();
    WriteHsCodeJson(w, c.code);
    w.Key("score");
    w.Double(c.score, 3);
    w.Key("evidence");
    w.StringArray(c.evidence);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

void WriteSnapshotInfoJson(io::JsonWriter& w, const Snapshot& s) {
  w.BeginObject();
  w.Field("version", s.version());
  w.Field("created", s.created());
  w.Field("content_sha256", s.content_sha256());
  w.Key("entities");
  w.UInt(s.entities().size());
  w.Key("sources");
  w.BeginArray();
  for (const auto& src : s.sources()) WriteSourceJson(w, src);
  w.EndArray();
  w.EndObject();
}

void WriteDiffJson(io::JsonWriter& w, const std::string& old_version,
                   const std::string& new_version, const SnapshotDiff& diff) {
  w.BeginObject();
  w.Field("old_version", old_version);
  w.Field("new_version", new_version);
  w.Key("added");
  WriteDiffEntries(w, diff.added, false);
  w.Key("removed");
  WriteDiffEntries(w, diff.removed, false);
  w.Key("changed");
  WriteDiffEntries(w, diff.changed, true);
  w.EndObject();
}

void WriteCheckJson(io::JsonWriter& w, const check::RiskEngine& engine,
                    const std::vector<check::Transaction>& txs,
                    const std::vector<check::CheckResult>& results,
                    const std::vector<Problem>& problems) {
  w.BeginObject();
  w.Field("lists_version", engine.lists_version());
  w.Field("rules_version", engine.rules_version());
  w.Field("lists_date", engine.lists_date());
  w.FieldInt("lists_age_days", engine.lists_age_days());
  w.FieldInt("max_list_age_days", engine.max_snapshot_age_days());
  w.Key("lists_stale");
  w.Bool(engine.lists_stale());
  std::map<std::string, int64_t> counts;
  for (const auto& r : results) counts[std::string(check::DecisionName(r.decision))]++;
  w.Key("summary");
  w.BeginObject();
  w.FieldInt("items", static_cast<int64_t>(results.size()));
  for (const char* d : {"clear", "review", "block", "cannot_clear"}) w.FieldInt(d, counts[d]);
  w.EndObject();
  w.Key("items");
  w.BeginArray();
  for (size_t i = 0; i < results.size(); ++i) {
    const check::CheckResult& r = results[i];
    w.BeginObject();
    w.Field("ref", r.ref);
    w.Field("kind", check::MessageKindName(r.kind));
    w.FieldInt("source_line", txs[i].source_line);
    w.FieldInt("risk", r.risk);
    w.Field("decision", check::DecisionName(r.decision));
    w.Field("assessed", check::DecisionName(r.assessed));
    w.Key("alerts");
    w.BeginArray();
    for (const auto& a : r.alerts) {
      w.BeginObject();
      w.Field("rule", a.rule);
      w.Field("source", a.source);
      w.Field("title", a.title);
      w.FieldInt("severity", a.severity);
      w.Key("evidence");
      w.BeginObject();
      for (const auto& [k, v] : a.evidence) w.Field(k, v);
      w.EndObject();
      w.EndObject();
    }
    w.EndArray();
    w.Key("goods");
    w.BeginArray();
    for (const auto& g : r.goods) {
      w.BeginObject();
      w.FieldInt("index", static_cast<int64_t>(g.goods_index));
      w.Field("hs6", g.hs6);
      w.Key("chpl_tier");
      if (g.chpl_tier.empty()) {
        w.Null();
      } else {
        w.String(g.chpl_tier);
      }
      w.Field("evidence", g.evidence);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("problems");
  w.BeginArray();
  for (const auto& p : problems) w.String(p.ToString());
  w.EndArray();
  w.EndObject();
}

void WriteTradeShareJson(io::JsonWriter& w, const std::string& hs, const std::string& period,
                         const std::string& by, const trade::ShareResult& result) {
  w.BeginObject();
  w.Field("hs", hs);
  w.Field("period", period);
  w.Key("months");
  w.BeginArray();
  for (int m : result.months) w.Int(m);
  w.EndArray();
  w.Key("total");
  w.Double(result.total, 2);
  w.Key("rows");
  w.BeginArray();
  for (const auto& r : result.rows) {
    w.BeginObject();
    w.Field(by, r.key);
    w.Key("value");
    w.Double(r.value, 2);
    w.Key("share");
    w.Double(r.share, 6);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void WriteTradeSurgeJson(io::JsonWriter& w, const std::string& hs, int baseline_year,
                         int period_year, const trade::SurgeResult& result) {
  w.BeginObject();
  w.Field("hs", hs);
  w.Key("baseline_year");
  w.Int(baseline_year);
  w.Key("period_year");
  w.Int(period_year);
  w.Key("months");
  w.BeginArray();
  for (int m : result.months) w.Int(m);
  w.EndArray();
  w.Key("rows");
  w.BeginArray();
  for (const auto& r : result.rows) {
    w.BeginObject();
    w.Field("partner", r.partner);
    w.Key("baseline");
    w.Double(r.baseline, 2);
    w.Key("period");
    w.Double(r.period, 2);
    w.Key("ratio");
    if (std::isinf(r.ratio)) {
      w.Null();
    } else {
      w.Double(r.ratio, 6);
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void WriteDiversionJson(io::JsonWriter& w, const trade::DiversionResult& result) {
  w.BeginObject();
  w.Key("post_periods");
  w.BeginArray();
  for (int p : result.post_periods) w.Int(p);
  w.EndArray();
  w.Key("findings");
  w.BeginArray();
  for (const auto& f : result.findings) {
    w.BeginObject();
    w.Field("hub", f.hub);
    w.Field("group", f.group);
    w.Field("pattern", f.pattern);
    w.Key("baseline");
    w.Double(f.baseline, 2);
    w.Key("post");
    w.Double(f.post, 2);
    w.Key("ratio");
    if (std::isinf(f.ratio)) {
      w.Null();
    } else {
      w.Double(f.ratio, 6);
    }
    w.Key("new_codes");
    w.StringArray(f.new_codes);
    w.Field("detail", f.detail);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

}  // namespace chokepoint::cli
