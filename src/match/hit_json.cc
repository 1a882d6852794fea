#include "match/hit_json.h"

#include <cmath>
#include <cstdio>

namespace chokepoint::match {

std::string FormatScore(double score) {
  if (!std::isfinite(score)) return "nan";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", score);
  return buf;
}

void WriteExplanationJson(io::JsonWriter& w, const std::vector<FeatureContribution>& features,
                          const std::vector<TokenMatch>& tokens) {
  w.BeginArray();
  for (const auto& f : features) {
    w.BeginObject();
    w.Field("feature", f.feature);
    w.Key("value");
    w.Double(f.value);
    w.Field("detail", f.detail);
    w.EndObject();
  }
  for (const auto& t : tokens) {
    w.BeginObject();
    w.Field("query_token", t.query_token);
    w.Field("list_token", t.list_token);
    w.Field("key", t.key);
    w.Key("similarity");
    w.Double(t.similarity);
    w.Key("weight");
    w.Double(t.weight);
    w.EndObject();
  }
  w.EndArray();
}

void WriteHitJson(io::JsonWriter& w, const ScreenHit& hit) {
  const Entity& e = *hit.entity;
  w.BeginObject();
  w.Field("source", e.source);
  w.Field("source_id", e.source_id);
  w.Field("schema", SchemaName(e.schema));
  w.Field("name", e.caption());
  w.Field("matched_name", hit.matched_name);
  if (hit.name_index >= 0 && static_cast<size_t>(hit.name_index) < e.names.size()) {
    w.Field("name_kind", NameKindName(e.names[static_cast<size_t>(hit.name_index)].kind));
  }
  w.Key("score");
  w.Double(hit.score);
  w.Key("ofac_score");
  w.Double(hit.ofac_score);
  w.Key("explanation");
  WriteExplanationJson(w, hit.features, hit.tokens);
  w.Key("programs");
  w.BeginArray();
  for (const auto& p : e.programs) w.String(p.code);
  w.EndArray();
  w.EndObject();
}

void WriteQueryJson(io::JsonWriter& w, const ScreenQuery& q) {
  w.BeginObject();
  w.Field("name", q.name);
  w.Key("schema");
  if (q.schema) {
    w.String(SchemaName(*q.schema));
  } else {
    w.Null();
  }
  if (!q.country.empty()) w.Field("country", q.country);
  if (q.birth_date) w.Field("dob", q.birth_date->ToString());
  if (!q.identifiers.empty()) {
    w.Key("ids");
    w.StringArray(q.identifiers);
  }
  if (!q.sources.empty()) {
    w.Key("sources");
    w.StringArray(q.sources);
  }
  w.FieldInt("limit", q.limit);
  w.Key("threshold");
  w.Double(q.threshold);
  w.Field("mode", q.mode == ScoringMode::kOfacParity ? "ofac" : "calibrated");
  w.EndObject();
}

std::string ExplanationText(const std::vector<FeatureContribution>& features,
                            const std::vector<TokenMatch>& tokens) {
  std::string out;
  std::string token_text;
  for (const auto& t : tokens) {
    if (!token_text.empty()) token_text += ", ";
    token_text += t.query_token;
    token_text += t.similarity >= 0.9995 ? "=" : "~";
    token_text += t.list_token;
    token_text += " " + t.key;
    if (t.similarity < 0.9995) token_text += " " + FormatScore(t.similarity);
  }
  bool tokens_shown = false;
  for (const auto& f : features) {
    if (f.value == 0 && f.detail.empty()) continue;
    if (!out.empty()) out += "; ";
    char value[32];
    std::snprintf(value, sizeof value, f.feature == "name" ? "%.3f" : "%+.3f", f.value);
    out += f.feature + " " + value;
    if (!f.detail.empty()) out += " (" + f.detail + ")";
    if (f.feature == "name" && !token_text.empty()) {
      out += " [" + token_text + "]";
      tokens_shown = true;
    }
  }
  if (!tokens_shown && !token_text.empty()) {
    out += (out.empty() ? "" : "; ");
    out += "tokens [" + token_text + "]";
  }
  return out;
}

}  // namespace chokepoint::match
