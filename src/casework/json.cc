// JSON forms of casework records, shared by the CLI and the HTTP API.

#include "chokepoint/casework.h"
#include "io/json_writer.h"

namespace chokepoint {

std::string DefaultCaseworkUrl(const std::string& data_dir) {
  if (data_dir.empty()) return "casework.sqlite";
  return data_dir + (data_dir.back() == '/' ? "" : "/") + "casework.sqlite";
}

namespace {

void WriteAlert(io::JsonWriter& w, const Alert& a, bool explanation) {
  w.BeginObject();
  w.FieldInt("id", a.id);
  w.Field("party", a.party);
  w.Field("party_name", a.party_name);
  w.Key("counterparty_id");
  if (a.counterparty_id) {
    w.Int(a.counterparty_id);
  } else {
    w.Null();
  }
  w.FieldInt("screening_id", a.screening_id);
  w.Field("entity_id", a.entity_id);
  w.Field("entity_name", a.entity_name);
  w.Key("score");
  w.Double(a.score);
  w.Field("status", a.status);
  w.Field("resolution", a.resolution);
  w.Field("reason", a.reason);
  w.Field("entity_hash", a.entity_hash);
  w.Field("lists_version", a.lists_version);
  w.Field("created", a.created);
  w.Field("updated", a.updated);
  if (explanation) {
    w.Key("hit");
    w.Raw(a.explanation_json.empty() ? "null" : a.explanation_json);
  }
  w.EndObject();
}

void WriteDecision(io::JsonWriter& w, const Decision& d) {
  w.BeginObject();
  w.FieldInt("id", d.id);
  w.FieldInt("alert_id", d.alert_id);
  w.Field("decision", d.decision);
  w.Field("note", d.note);
  w.Field("user", d.user);
  w.Field("role", d.role);
  w.Field("time", d.created);
  w.FieldInt("audit_seq", d.audit_seq);
  w.EndObject();
}

void WriteAudit(io::JsonWriter& w, const AuditRecord& a) {
  w.BeginObject();
  w.FieldInt("seq", a.seq);
  w.Field("kind", a.kind);
  w.Field("time", a.created);
  w.Field("prev_hash", a.prev_hash);
  w.Field("hash", a.hash);
  w.Key("record");
  w.Raw(a.record_json.empty() ? "null" : a.record_json);
  w.EndObject();
}

void WriteParty(io::JsonWriter& w, const Counterparty& c) {
  w.BeginObject();
  w.FieldInt("id", c.id);
  w.Field("party", c.party);
  w.Field("name", c.name);
  w.Field("schema", c.schema);
  w.Field("country", c.country);
  w.Field("dob", c.dob);
  w.Key("identifiers");
  w.StringArray(c.identifiers);
  w.Field("created", c.created);
  w.EndObject();
}

}  // namespace

std::string AlertJson(const Alert& alert, bool explanation) {
  io::JsonWriter w;
  WriteAlert(w, alert, explanation);
  return w.Take();
}

std::string DecisionJson(const Decision& d) {
  io::JsonWriter w;
  WriteDecision(w, d);
  return w.Take();
}

std::string AuditRecordJson(const AuditRecord& a) {
  io::JsonWriter w;
  WriteAudit(w, a);
  return w.Take();
}

std::string CounterpartyJson(const Counterparty& c) {
  io::JsonWriter w;
  WriteParty(w, c);
  return w.Take();
}

std::string AlertDetailJson(const AlertDetail& d) {
  io::JsonWriter w;
  w.BeginObject();
  w.Key("alert");
  WriteAlert(w, d.alert, true);
  w.Key("party");
  if (d.counterparty) {
    WriteParty(w, *d.counterparty);
  } else {
    w.Null();
  }
  w.Key("hits");
  w.BeginArray();
  for (const auto& h : d.hits) w.Raw(h.explanation_json.empty() ? "null" : h.explanation_json);
  w.EndArray();
  w.Key("decisions");
  w.BeginArray();
  for (const auto& x : d.decisions) WriteDecision(w, x);
  w.EndArray();
  w.Key("audit");
  w.BeginArray();
  for (const auto& a : d.audit) WriteAudit(w, a);
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string AuditVerifyJson(const AuditVerifyResult& r) {
  io::JsonWriter w;
  w.BeginObject();
  w.Key("ok");
  w.Bool(r.ok);
  w.FieldInt("records", r.records);
  w.Key("first_bad");
  if (r.ok) {
    w.Null();
  } else {
    w.Int(r.first_bad);
  }
  w.Field("message", r.message);
  w.EndObject();
  return w.Take();
}

}  // namespace chokepoint
