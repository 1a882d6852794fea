// The casework store: schema migrations, counterparties, screenings, alerts,
// decisions with four-eyes review, the allow-list and the audit chain.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <mutex>
#include <set>

#include "casework/db.h"
#include "chokepoint/casework.h"
#include "io/file.h"
#include "io/json_writer.h"
#include "io/strings.h"
#include "match/hit_json.h"
#include "snapshot/entity_json.h"

namespace chokepoint {

using casework::Db;
using casework::Param;
using casework::Row;

namespace {

const std::string kZeroHash(64, '0');

// --- migrations -----------------------------------------------------------

struct Migration {
  int version;
  const char* name;
  const char* sql;  // "{ID}" becomes the backend's auto-increment key
};

const Migration kMigrations[] = {
    {1, "initial schema", R"sql(
CREATE TABLE counterparties (
  id {ID},
  party TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  schema_name TEXT NOT NULL DEFAULT '',
  country TEXT NOT NULL DEFAULT '',
  dob TEXT NOT NULL DEFAULT '',
  identifiers TEXT NOT NULL DEFAULT '',
  created TEXT NOT NULL,
  updated TEXT NOT NULL
);
CREATE TABLE screenings (
  id {ID},
  party TEXT NOT NULL,
  party_name TEXT NOT NULL,
  counterparty_id BIGINT NOT NULL DEFAULT 0,
  purpose TEXT NOT NULL,
  username TEXT NOT NULL,
  query_json TEXT NOT NULL,
  results_json TEXT NOT NULL,
  lists_version TEXT NOT NULL,
  rules_version TEXT NOT NULL,
  created TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE screening_hits (
  screening_id BIGINT NOT NULL,
  rank INTEGER NOT NULL,
  entity_id TEXT NOT NULL,
  entity_name TEXT NOT NULL,
  matched_name TEXT NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  entity_hash TEXT NOT NULL,
  programs TEXT NOT NULL,
  explanation_json TEXT NOT NULL,
  PRIMARY KEY (screening_id, rank)
);
CREATE TABLE alerts (
  id {ID},
  party TEXT NOT NULL,
  party_name TEXT NOT NULL,
  counterparty_id BIGINT NOT NULL DEFAULT 0,
  screening_id BIGINT NOT NULL,
  entity_id TEXT NOT NULL,
  entity_name TEXT NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  status TEXT NOT NULL,
  resolution TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL,
  explanation_json TEXT NOT NULL,
  entity_hash TEXT NOT NULL,
  lists_version TEXT NOT NULL,
  created TEXT NOT NULL,
  updated TEXT NOT NULL
);
CREATE TABLE decisions (
  id {ID},
  alert_id BIGINT NOT NULL,
  decision TEXT NOT NULL,
  note TEXT NOT NULL,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  status_after TEXT NOT NULL,
  created TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE allowlist (
  id {ID},
  party TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  entity_hash TEXT NOT NULL,
  note TEXT NOT NULL,
  username TEXT NOT NULL,
  created TEXT NOT NULL,
  audit_seq BIGINT NOT NULL DEFAULT 0,
  UNIQUE (party, entity_id)
);
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  kind TEXT NOT NULL,
  created TEXT NOT NULL,
  record_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY,
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
)sql"},
    {2, "indexes for the alert queue and re-screening", R"sql(
CREATE INDEX alerts_status ON alerts (status, id);
CREATE INDEX alerts_pair ON alerts (party, entity_id);
CREATE INDEX screenings_party ON screenings (party, id);
CREATE INDEX decisions_alert ON decisions (alert_id, id);
)sql"},
    {3, "indexes from table rows to their audit records (verification)", R"sql(
CREATE INDEX decisions_audit ON decisions (audit_seq);
CREATE INDEX screenings_audit ON screenings (audit_seq);
)sql"},
};

std::string Replace(std::string s, std::string_view from, std::string_view to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) {
    s.replace(pos, from.size(), to);
  }
  return s;
}

std::string JoinStrings(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

std::vector<std::string> SplitStrings(const std::string& s, char sep) {
  std::vector<std::string> out;
  if (s.empty()) return out;
  size_t start = 0;
  for (;;) {
    size_t end = s.find(sep, start);
    out.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

// The canonical audit record: compact JSON with a fixed key order.
std::string AuditRecordJson(int64_t seq, std::string_view kind, std::string_view time,
                            std::string_view data_json) {
  io::JsonWriter w;
  w.BeginObject();
  w.FieldInt("seq", seq);
  w.Field("kind", kind);
  w.Field("time", time);
  w.Key("data");
  w.Raw(data_json);
  w.EndObject();
  return w.Take();
}

std::string ChainHash(std::string_view prev_hash, std::string_view record_json) {
  std::string buf;
  buf.reserve(prev_hash.size() + record_json.size());
  buf.append(prev_hash);
  buf.append(record_json);
  return io::Sha256Hex(buf);
}

// Audit data of a screening, rebuilt from its table rows for verification.
std::string ScreeningData(int64_t id, const std::string& party, const std::string& party_name,
                          int64_t counterparty_id, const std::string& purpose,
                          const std::string& user, const std::string& lists_version,
                          const std::string& rules_version, const std::string& query_json,
                          const std::string& results_json, const std::vector<int64_t>& alerts) {
  io::JsonWriter w;
  w.BeginObject();
  w.FieldInt("screening_id", id);
  w.Field("party", party);
  w.Field("party_name", party_name);
  w.FieldInt("counterparty_id", counterparty_id);
  w.Field("purpose", purpose);
  w.Field("user", user);
  w.Field("lists_version", lists_version);
  w.Field("rules_version", rules_version);
  w.Key("query");
  w.Raw(query_json);
  w.Key("results");
  w.Raw(results_json);
  w.Key("alerts");
  w.BeginArray();
  for (int64_t a : alerts) w.Int(a);
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string DecisionData(const Decision& d, const std::string& status_after) {
  io::JsonWriter w;
  w.BeginObject();
  w.FieldInt("decision_id", d.id);
  w.FieldInt("alert_id", d.alert_id);
  w.Field("decision", d.decision);
  w.Field("note", d.note);
  w.Field("user", d.user);
  w.Field("role", d.role);
  w.Field("status_after", status_after);
  w.EndObject();
  return w.Take();
}

std::string AllowListData(int64_t id, const std::string& party, const std::string& entity_id,
                          const std::string& entity_hash, const std::string& note,
                          const std::string& user) {
  io::JsonWriter w;
  w.BeginObject();
  w.FieldInt("allowlist_id", id);
  w.Field("party", party);
  w.Field("entity_id", entity_id);
  w.Field("entity_hash", entity_hash);
  w.Field("note", note);
  w.Field("user", user);
  w.EndObject();
  return w.Take();
}

std::string QueryJson(const ScreenQuery& q) {
  io::JsonWriter w;
  match::WriteQueryJson(w, q);
  return w.Take();
}

std::string ResultsJson(const std::vector<StoredHit>& hits) {
  std::string out = "[";
  for (size_t i = 0; i < hits.size(); ++i) {
    if (i) out += ',';
    out += hits[i].explanation_json;
  }
  out += ']';
  return out;
}

std::string ScoreText(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", score);
  return buf;
}

bool IsReviewerRole(const std::string& role) { return role == "reviewer" || role == "admin"; }

}  // namespace

// --- free functions ---------------------------------------------------------

std::string RulesVersion() { return std::string("chokepoint-") + CHOKEPOINT_VERSION; }

std::string EntityContentHash(const Entity& entity) {
  io::JsonWriter w;
  WriteEntityJson(w, entity);
  return io::Sha256Hex(w.str());
}

std::string EntityKey(const Entity& entity) { return entity.source + ":" + entity.source_id; }

std::string_view DecisionName(DecisionKind kind) {
  switch (kind) {
    case DecisionKind::kTrueMatch:
      return "true_match";
    case DecisionKind::kFalsePositive:
      return "false_positive";
    case DecisionKind::kEscalate:
      return "escalate";
    case DecisionKind::kNeedMoreInformation:
      return "need_more_information";
  }
  return "";
}

std::optional<DecisionKind> ParseDecision(std::string_view name) {
  for (auto k : {DecisionKind::kTrueMatch, DecisionKind::kFalsePositive, DecisionKind::kEscalate,
                 DecisionKind::kNeedMoreInformation}) {
    if (DecisionName(k) == name) return k;
  }
  return std::nullopt;
}

int ScoreBand(double score) { return score >= 0.95 ? 2 : score >= 0.85 ? 1 : 0; }

namespace {

// A screening as the store records it. Hits scoring `full_from` or more
// carry everything an alert needs (the entity's content hash, programs and
// the whole explained hit); the others only who matched and how well.
ScreeningInput BuildScreeningInput(const ScreenQuery& query, const ScreenResult& result,
                                   double full_from, bool store_hits) {
  ScreeningInput in;
  in.party = query.name;
  in.party_name = query.name;
  in.query_json = QueryJson(query);
  in.lists_version = result.snapshot_version;
  in.store_hits = store_hits;
  in.hits.reserve(result.hits.size());
  for (const auto& h : result.hits) {
    StoredHit s;
    s.entity_id = EntityKey(*h.entity);
    s.entity_name = h.entity->caption();
    s.matched_name = h.matched_name;
    s.score = h.score;
    io::JsonWriter w;
    if (h.score >= full_from) {
      s.entity_hash = EntityContentHash(*h.entity);
      for (const auto& p : h.entity->programs) s.programs.push_back(p.code);
      match::WriteHitJson(w, h);
    } else {
      w.BeginObject();
      w.Field("source", h.entity->source);
      w.Field("source_id", h.entity->source_id);
      w.Field("name", h.entity->caption());
      w.Field("matched_name", h.matched_name);
      w.Key("score");
      w.Double(h.score);
      w.EndObject();
    }
    s.explanation_json = w.Take();
    in.hits.push_back(std::move(s));
  }
  return in;
}

}  // namespace

ScreeningInput MakeScreeningInput(const ScreenQuery& query, const ScreenResult& result) {
  return BuildScreeningInput(query, result, -std::numeric_limits<double>::infinity(),
                             /*store_hits=*/true);
}

ScreeningInput MakeCompactScreeningInput(const ScreenQuery& query, const ScreenResult& result,
                                         double alert_threshold) {
  return BuildScreeningInput(query, result, alert_threshold, /*store_hits=*/false);
}

// --- the store ---------------------------------------------------------------

struct CaseStore::Impl {
  std::unique_ptr<Db> db;
  std::string backend;
  CaseworkOptions options;
  std::mutex mu;

  Result<std::vector<Row>> Q(const std::string& sql, const std::vector<Param>& params = {}) {
    return db->Query(sql, params);
  }

  // Runs `fn` in a write transaction; rolls back on error.
  template <typename Fn>
  Status InWrite(Fn&& fn) {
    CHOKEPOINT_RETURN_IF_ERROR(db->BeginWrite());
    head_loaded = head_dirty = false;
    Status st = fn();
    if (st.ok()) st = FlushHead();
    if (!st.ok()) {
      db->Rollback();
      head_loaded = head_dirty = false;
      return st;
    }
    st = db->Commit();
    if (!st.ok()) db->Rollback();
    head_loaded = head_dirty = false;
    return st;
  }

  bool head_loaded = false, head_dirty = false;
  int64_t head_seq = 0;
  std::string head_hash;

  Status Migrate() {
    CHOKEPOINT_RETURN_IF_ERROR(
        db->ExecScript("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                       "name TEXT NOT NULL, applied TEXT NOT NULL)"));
    const char* id_type =
        backend == "sqlite" ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY";
    for (const Migration& m : kMigrations) {
      Status st = InWrite([&]() -> Status {
        auto have = Q("SELECT version FROM schema_migrations WHERE version = $1", {m.version});
        if (!have.ok()) return have.status();
        if (!have->empty()) return Status::Ok();
        CHOKEPOINT_RETURN_IF_ERROR(db->ExecScript(Replace(m.sql, "{ID}", id_type)));
        auto ins = Q("INSERT INTO schema_migrations (version, name, applied) VALUES ($1, $2, $3)",
                     {m.version, m.name, io::NowUtc()});
        return ins.status();
      });
      if (!st.ok()) {
        return st.WithContext("migration " + std::to_string(m.version) + " (" + m.name + ")");
      }
    }
    return Status::Ok();
  }

  // Appends one audit record; REQUIRES: inside a write transaction.
  // The chain head as of this write transaction, read once per transaction.
  Status LoadHead() {
    if (head_loaded) return Status::Ok();
    CHOKEPOINT_ASSIGN_OR_RETURN(auto head, Q("SELECT seq, hash FROM audit_head WHERE id = 1"));
    head_seq = head.empty() ? 0 : head[0].I(0);
    head_hash = head.empty() ? kZeroHash : head[0].S(1);
    head_loaded = true;
    return Status::Ok();
  }

  // The seq the next Append() will use; REQUIRES: inside a write transaction.
  Result<int64_t> NextSeq() {
    CHOKEPOINT_RETURN_IF_ERROR(LoadHead());
    return head_seq + 1;
  }

  // Appends one audit record; REQUIRES: inside a write transaction. The head
  // row is written once, when the transaction's work is done.
  Result<int64_t> Append(const std::string& kind, const std::string& time,
                         const std::string& data_json) {
    CHOKEPOINT_RETURN_IF_ERROR(LoadHead());
    int64_t seq = head_seq + 1;
    std::string record = AuditRecordJson(seq, kind, time, data_json);
    std::string hash = ChainHash(head_hash, record);
    CHOKEPOINT_RETURN_IF_ERROR(
        Q("INSERT INTO audit_log (seq, kind, created, record_json, prev_hash, hash) "
          "VALUES ($1, $2, $3, $4, $5, $6)",
          {seq, kind, time, record, head_hash, hash})
            .status());
    head_seq = seq;
    head_hash = std::move(hash);
    head_dirty = true;
    return seq;
  }

  Status FlushHead() {
    if (!head_dirty) return Status::Ok();
    return Q("INSERT INTO audit_head (id, seq, hash) VALUES (1, $1, $2) "
             "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
             {head_seq, head_hash})
        .status();
  }

  static Alert AlertFromRow(const Row& r) {
    Alert a;
    a.id = r.I(0);
    a.party = r.S(1);
    a.party_name = r.S(2);
    a.counterparty_id = r.I(3);
    a.screening_id = r.I(4);
    a.entity_id = r.S(5);
    a.entity_name = r.S(6);
    a.score = r.D(7);
    a.status = r.S(8);
    a.resolution = r.S(9);
    a.reason = r.S(10);
    a.explanation_json = r.S(11);
    a.entity_hash = r.S(12);
    a.lists_version = r.S(13);
    a.created = r.S(14);
    a.updated = r.S(15);
    return a;
  }
  static constexpr const char* kAlertCols =
      "id, party, party_name, counterparty_id, screening_id, entity_id, entity_name, score, "
      "status, resolution, reason, explanation_json, entity_hash, lists_version, created, updated";

  static Counterparty PartyFromRow(const Row& r) {
    Counterparty c;
    c.id = r.I(0);
    c.party = r.S(1);
    c.name = r.S(2);
    c.schema = r.S(3);
    c.country = r.S(4);
    c.dob = r.S(5);
    c.identifiers = SplitStrings(r.S(6), ';');
    c.created = r.S(7);
    return c;
  }
  static constexpr const char* kPartyCols =
      "id, party, name, schema_name, country, dob, identifiers, created";

  static Decision DecisionFromRow(const Row& r) {
    Decision d;
    d.id = r.I(0);
    d.alert_id = r.I(1);
    d.decision = r.S(2);
    d.note = r.S(3);
    d.user = r.S(4);
    d.role = r.S(5);
    d.created = r.S(7);
    d.audit_seq = r.I(8);
    return d;
  }
  static constexpr const char* kDecisionCols =
      "id, alert_id, decision, note, username, role, status_after, created, audit_seq";

  static AuditRecord AuditFromRow(const Row& r) {
    AuditRecord a;
    a.seq = r.I(0);
    a.kind = r.S(1);
    a.created = r.S(2);
    a.record_json = r.S(3);
    a.prev_hash = r.S(4);
    a.hash = r.S(5);
    return a;
  }
  static constexpr const char* kAuditCols = "seq, kind, created, record_json, prev_hash, hash";

  // One screening; REQUIRES: inside a write transaction.
  Result<ScreeningOutcome> Record(const ScreeningInput& in) {
    ScreeningOutcome out;
    const std::string now = io::NowUtc();
    const std::string party = in.party.empty() ? in.party_name : in.party;
    const std::string results = ResultsJson(in.hits);
    const std::string rules = RulesVersion();
    CHOKEPOINT_ASSIGN_OR_RETURN(const int64_t seq, NextSeq());
    CHOKEPOINT_ASSIGN_OR_RETURN(
        auto ins,
        Q("INSERT INTO screenings (party, party_name, counterparty_id, purpose, username, "
          "query_json, results_json, lists_version, rules_version, created, audit_seq) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
          {party, in.party_name, in.counterparty_id, in.purpose, in.user, in.query_json, results,
           in.lists_version, rules, now, seq}));
    out.screening_id = ins.at(0).I(0);
    for (size_t i = 0; in.store_hits && i < in.hits.size(); ++i) {
      const StoredHit& h = in.hits[i];
      CHOKEPOINT_RETURN_IF_ERROR(
          Q("INSERT INTO screening_hits (screening_id, rank, entity_id, entity_name, "
            "matched_name, score, entity_hash, programs, explanation_json) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            {out.screening_id, static_cast<int64_t>(i + 1), h.entity_id, h.entity_name,
             h.matched_name, h.score, h.entity_hash, JoinStrings(h.programs, ";"),
             h.explanation_json})
              .status());
    }
    out.hit_alerts.assign(in.hits.size(), 0);
    if (in.raise_alerts) {
      for (size_t i = 0; i < in.hits.size(); ++i) {
        const StoredHit& h = in.hits[i];
        if (h.entity_hash.empty()) continue;  // a compact hit below the alert threshold
        std::string reason;
        if (!in.alert_reasons.empty()) {
          if (i >= in.alert_reasons.size() || in.alert_reasons[i].empty()) continue;
          reason = in.alert_reasons[i];
        } else {
          reason = "screening hit: " + h.matched_name + " scored " + ScoreText(h.score);
        }
        CHOKEPOINT_ASSIGN_OR_RETURN(
            auto allow, Q("SELECT entity_hash, created FROM allowlist WHERE party = $1 AND "
                          "entity_id = $2",
                          {party, h.entity_id}));
        if (!allow.empty()) {
          if (allow[0].S(0) == h.entity_hash) {
            ++out.suppressed;
            continue;
          }
          reason +=
              "; allow-listed on " + allow[0].S(1) + " but the listed entity has changed since";
        }
        // One open alert per (party, entity, entity content) is enough.
        CHOKEPOINT_ASSIGN_OR_RETURN(
            auto open, Q("SELECT id FROM alerts WHERE party = $1 AND entity_id = $2 AND "
                         "entity_hash = $3 AND status <> 'closed'",
                         {party, h.entity_id, h.entity_hash}));
        if (!open.empty()) continue;
        CHOKEPOINT_ASSIGN_OR_RETURN(
            auto a, Q("INSERT INTO alerts (party, party_name, counterparty_id, screening_id, "
                      "entity_id, entity_name, score, status, reason, explanation_json, "
                      "entity_hash, lists_version, created, updated) VALUES ($1, $2, $3, $4, "
                      "$5, $6, $7, 'open', $8, $9, $10, $11, $12, $12) RETURNING id",
                      {party, in.party_name, in.counterparty_id, out.screening_id, h.entity_id,
                       h.entity_name, h.score, reason, h.explanation_json, h.entity_hash,
                       in.lists_version, now}));
        out.alert_ids.push_back(a.at(0).I(0));
        out.hit_alerts[i] = out.alert_ids.back();
      }
    }
    std::string data =
        ScreeningData(out.screening_id, party, in.party_name, in.counterparty_id, in.purpose,
                      in.user, in.lists_version, rules, in.query_json, results, out.alert_ids);
    CHOKEPOINT_ASSIGN_OR_RETURN(out.audit_seq, Append("screening", now, data));
    if (out.audit_seq != seq) return Status::Internal("audit sequence moved during a screening");
    return out;
  }

  Result<AuditVerifyResult> Verify();
};

CaseStore::CaseStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CaseStore::~CaseStore() = default;

Result<std::unique_ptr<CaseStore>> CaseStore::Open(const std::string& url,
                                                   CaseworkOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    CHOKEPOINT_ASSIGN_OR_RETURN(impl->db, casework::OpenPostgres(url));
  } else {
    std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
    if (path.empty()) return Status::InvalidArgument("casework store: no database path given");
    CHOKEPOINT_ASSIGN_OR_RETURN(impl->db, casework::OpenSqlite(path));
  }
  impl->backend = std::string(impl->db->backend());
  CHOKEPOINT_RETURN_IF_ERROR(impl->Migrate());
  return std::unique_ptr<CaseStore>(new CaseStore(std::move(impl)));
}

const std::string& CaseStore::backend() const { return impl_->backend; }
const CaseworkOptions& CaseStore::options() const { return impl_->options; }

int CaseStore::LatestSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

Result<int> CaseStore::SchemaVersion() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  CHOKEPOINT_ASSIGN_OR_RETURN(auto rows, impl_->Q("SELECT MAX(version) FROM schema_migrations"));
  return rows.empty() ? 0 : static_cast<int>(rows[0].I(0));
}

Result<Counterparty> CaseStore::UpsertCounterparty(Counterparty c, const std::string& user) {
  if (io::Trim(c.name).empty()) return Status::InvalidArgument("counterparty: empty name");
  if (c.party.empty()) c.party = c.name;
  std::lock_guard<std::mutex> lock(impl_->mu);
  const std::string now = io::NowUtc();
  Status st = impl_->InWrite([&]() -> Status {
    CHOKEPOINT_ASSIGN_OR_RETURN(
        auto rows,
        impl_->Q(
            "INSERT INTO counterparties (party, name, schema_name, country, dob, "
            "identifiers, created, updated) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) "
            "ON CONFLICT (party) DO UPDATE SET name = excluded.name, schema_name = "
            "excluded.schema_name, country = excluded.country, dob = excluded.dob, "
            "identifiers = excluded.identifiers, updated = excluded.updated "
            "RETURNING id, created",
            {c.party, c.name, c.schema, c.country, c.dob, JoinStrings(c.identifiers, ";"), now}));
    c.id = rows.at(0).I(0);
    c.created = rows.at(0).S(1);
    io::JsonWriter w;
    w.BeginObject();
    w.FieldInt("counterparty_id", c.id);
    w.Field("party", c.party);
    w.Field("name", c.name);
    w.Field("schema", c.schema);
    w.Field("country", c.country);
    w.Field("dob", c.dob);
    w.Key("identifiers");
    w.StringArray(c.identifiers);
    w.Field("user", user);
    w.EndObject();
    return impl_->Append("counterparty", now, w.str()).status();
  });
  if (!st.ok()) return st;
  return c;
}

Result<std::vector<Counterparty>> CaseStore::ListCounterparties() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  CHOKEPOINT_ASSIGN_OR_RETURN(auto rows, impl_->Q(std::string("SELECT ") + Impl::kPartyCols +
                                                  " FROM counterparties ORDER BY id"));
  std::vector<Counterparty> out;
  for (const auto& r : rows) out.push_back(Impl::PartyFromRow(r));
  return out;
}

Result<ScreeningOutcome> CaseStore::RecordScreening(const ScreeningInput& input) {
  CHOKEPOINT_ASSIGN_OR_RETURN(auto v, RecordScreenings({input}));
  return v.at(0);
}

Result<std::vector<ScreeningOutcome>> CaseStore::RecordScreenings(
    const std::vector<ScreeningInput>& inputs) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  std::vector<ScreeningOutcome> out;
  Status st = impl_->InWrite([&]() -> Status {
    out.clear();
    for (const auto& in : inputs) {
      CHOKEPOINT_ASSIGN_OR_RETURN(auto o, impl_->Record(in));
      out.push_back(std::move(o));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return out;
}

Result<std::vector<StoredHit>> CaseStore::LatestHits(const std::string& party,
                                                     int64_t* screening_id) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (screening_id) *screening_id = 0;
  CHOKEPOINT_ASSIGN_OR_RETURN(
      auto s, impl_->Q("SELECT id FROM screenings WHERE party = $1 AND purpose IN ('counterparty', "
                       "'rescreen') ORDER BY id DESC LIMIT 1",
                       {party}));
  std::vector<StoredHit> out;
  if (s.empty()) return out;
  int64_t sid = s[0].I(0);
  if (screening_id) *screening_id = sid;
  CHOKEPOINT_ASSIGN_OR_RETURN(
      auto rows, impl_->Q("SELECT entity_id, entity_name, matched_name, score, entity_hash, "
                          "programs, explanation_json FROM screening_hits WHERE screening_id = "
                          "$1 ORDER BY rank",
                          {sid}));
  for (const auto& r : rows) {
    StoredHit h;
    h.entity_id = r.S(0);
    h.entity_name = r.S(1);
    h.matched_name = r.S(2);
    h.score = r.D(3);
    h.entity_hash = r.S(4);
    h.programs = SplitStrings(r.S(5), ';');
    h.explanation_json = r.S(6);
    out.push_back(std::move(h));
  }
  return out;
}

namespace {
Result<std::string> StatusFilter(const std::string& status) {
  if (status == "open" || status.empty()) return std::string(" WHERE status <> 'closed'");
  if (status == "closed") return std::string(" WHERE status = 'closed'");
  if (status == "all") return std::string();
  for (const char* s : {"escalated", "pending_information", "pending_second_review"}) {
    if (status == s) return " WHERE status = '" + status + "'";
  }
  return Status::InvalidArgument("unknown alert status '" + status +
                                 "' (use open, closed, all, escalated, pending_information or "
                                 "pending_second_review)");
}
}  // namespace

Result<std::vector<Alert>> CaseStore::ListAlerts(const std::string& status, int64_t limit,
                                                 int64_t offset) {
  CHOKEPOINT_ASSIGN_OR_RETURN(std::string where, StatusFilter(status));
  std::lock_guard<std::mutex> lock(impl_->mu);
  CHOKEPOINT_ASSIGN_OR_RETURN(
      auto rows, impl_->Q(std::string("SELECT ") + Impl::kAlertCols + " FROM alerts" + where +
                              " ORDER BY id DESC LIMIT $1 OFFSET $2",
                          {limit, offset}));
  std::vector<Alert> out;
  for (const auto& r : rows) out.push_back(Impl::AlertFromRow(r));
  return out;
}

Result<int64_t> CaseStore::CountAlerts(const std::string& status) {
  CHOKEPOINT_ASSIGN_OR_RETURN(std::string where, StatusFilter(status));
  std::lock_guard<std::mutex> lock(impl_->mu);
  CHOKEPOINT_ASSIGN_OR_RETURN(auto rows, impl_->Q("SELECT COUNT(*) FROM alerts" + where));
  return rows.empty() ? 0 : rows[0].I(0);
}

Result<AlertDetail> CaseStore::GetAlert(int64_t id) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  AlertDetail d;
  CHOKEPOINT_ASSIGN_OR_RETURN(
      auto rows,
      impl_->Q(std::string("SELECT ") + Impl::kAlertCols + " FROM alerts WHERE id = $1", {id}));
  if (rows.empty()) return Status::NotFound("no alert " + std::to_string(id));
  d.alert = Impl::AlertFromRow(rows[0]);
  if (d.alert.counterparty_id) {
    CHOKEPOINT_ASSIGN_OR_RETURN(auto p, impl_->Q(std::string("SELECT ") + Impl::kPartyCols +
                                                     " FROM counterparties WHERE id = $1",
                                                 {d.alert.counterparty_id}));
    if (!p.empty()) d.counterparty = Impl::PartyFromRow(p[0]);
  }
  CHOKEPOINT_ASSIGN_OR_RETURN(
      auto hits, impl_->Q("SELECT entity_id, entity_name, matched_name, score, entity_hash, "
                          "programs, explanation_json FROM screening_hits WHERE screening_id = "
                          "$1 ORDER BY rank",
                          {d.alert.screening_id}));
  for (const auto& r : hits) {
    StoredHit h;
    h.entity_id = r.S(0);
    h.entity_name = r.S(1);
    h.matched_name = r.S(2);
    h.score = r.D(3);
    h.entity_hash = r.S(4);
    h.programs = SplitStrings(r.S(5), ';');
    h.explanation_json = r.S(6);
    d.hits.push_back(std::move(h));
  }
  if (d.hits.empty()) {  // an ad-hoc screening stores no per-hit rows
    StoredHit h;
    h.entity_id = d.alert.entity_id;
    h.entity_name = d.alert.entity_name;
    h.score = d.alert.score;
    h.entity_hash = d.alert.entity_hash;
    h.explanation_json = d.alert.explanation_json;
    d.hits.push_back(std::move(h));
  }
  CHOKEPOINT_ASSIGN_OR_RETURN(auto decs,
                              impl_->Q(std::string("SELECT ") + Impl::kDecisionCols +
                                           " FROM decisions WHERE alert_id = $1 ORDER BY id",
                                       {id}));
  std::vector<int64_t> seqs;
  for (const auto& r : decs) {
    d.decisions.push_back(Impl::DecisionFromRow(r));
    seqs.push_back(d.decisions.back().audit_seq);
  }
  CHOKEPOINT_ASSIGN_OR_RETURN(
      auto s, impl_->Q("SELECT audit_seq FROM screenings WHERE id = $1", {d.alert.screening_id}));
  if (!s.empty()) seqs.insert(seqs.begin(), s[0].I(0));
  for (int64_t seq : seqs) {
    CHOKEPOINT_ASSIGN_OR_RETURN(auto a, impl_->Q(std::string("SELECT ") + Impl::kAuditCols +
                                                     " FROM audit_log WHERE seq = $1",
                                                 {seq}));
    if (!a.empty()) d.audit.push_back(Impl::AuditFromRow(a[0]));
  }
  return d;
}

Result<DecideOutcome> CaseStore::Decide(int64_t alert_id, DecisionKind kind,
                                        const std::string& note, const std::string& user,
                                        const std::string& role) {
  if (io::Trim(user).empty()) return Status::InvalidArgument("a decision needs a user name");
  std::lock_guard<std::mutex> lock(impl_->mu);
  DecideOutcome out;
  Status st = impl_->InWrite([&]() -> Status {
    CHOKEPOINT_ASSIGN_OR_RETURN(
        auto rows,
        impl_->Q("SELECT status, score, resolution FROM alerts WHERE id = $1", {alert_id}));
    if (rows.empty()) return Status::NotFound("no alert " + std::to_string(alert_id));
    const std::string status = rows[0].S(0);
    const double score = rows[0].D(1);
    if (status == "closed") {
      return Status::FailedPrecondition("alert " + std::to_string(alert_id) + " is closed (" +
                                        rows[0].S(2) + ")");
    }
    std::string next, resolution;
    switch (kind) {
      case DecisionKind::kTrueMatch:
        next = "closed";
        resolution = "true_match";
        break;
      case DecisionKind::kEscalate:
        next = "escalated";
        break;
      case DecisionKind::kNeedMoreInformation:
        next = "pending_information";
        break;
      case DecisionKind::kFalsePositive:
        if (score < impl_->options.four_eyes_threshold) {
          next = "closed";
          resolution = "false_positive";
        } else if (status != "pending_second_review") {
          next = "pending_second_review";
        } else {
          CHOKEPOINT_ASSIGN_OR_RETURN(
              auto first, impl_->Q("SELECT username FROM decisions WHERE alert_id = $1 AND "
                                   "decision = 'false_positive' ORDER BY id DESC LIMIT 1",
                                   {alert_id}));
          std::string first_user = first.empty() ? "" : first[0].S(0);
          if (first_user == user) {
            return Status::FailedPrecondition(
                "four-eyes: alert " + std::to_string(alert_id) + " scores " + ScoreText(score) +
                " (>= " + ScoreText(impl_->options.four_eyes_threshold) +
                "); clearing it must be confirmed by a second, different user (" + user +
                " made the first decision)");
          }
          if (!IsReviewerRole(role)) {
            return Status::FailedPrecondition(
                "four-eyes: confirming that alert " + std::to_string(alert_id) +
                " is a false positive needs the reviewer role (" + user + " is " + role + ")");
          }
          next = "closed";
          resolution = "false_positive";
        }
        break;
    }
    const std::string now = io::NowUtc();
    Decision& d = out.decision;
    d.alert_id = alert_id;
    d.decision = std::string(DecisionName(kind));
    d.note = note;
    d.user = user;
    d.role = role;
    d.created = now;
    CHOKEPOINT_ASSIGN_OR_RETURN(
        auto ins, impl_->Q("INSERT INTO decisions (alert_id, decision, note, username, role, "
                           "status_after, created) VALUES ($1, $2, $3, $4, $5, $6, $7) "
                           "RETURNING id",
                           {alert_id, d.decision, note, user, role, next, now}));
    d.id = ins.at(0).I(0);
    CHOKEPOINT_ASSIGN_OR_RETURN(d.audit_seq, impl_->Append("decision", now, DecisionData(d, next)));
    CHOKEPOINT_RETURN_IF_ERROR(
        impl_->Q("UPDATE decisions SET audit_seq = $1 WHERE id = $2", {d.audit_seq, d.id})
            .status());
    CHOKEPOINT_RETURN_IF_ERROR(
        impl_
            ->Q("UPDATE alerts SET status = $1, resolution = $2, updated = $3 WHERE id = $4",
                {next, resolution, now, alert_id})
            .status());
    out.status = next;
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return out;
}

Status CaseStore::AllowListAdd(const std::string& party, const std::string& entity_id,
                               const std::string& entity_hash, const std::string& note,
                               const std::string& user) {
  if (party.empty() || entity_id.empty()) {
    return Status::InvalidArgument("allow-list: party and entity id are required");
  }
  std::lock_guard<std::mutex> lock(impl_->mu);
  const std::string now = io::NowUtc();
  return impl_->InWrite([&]() -> Status {
    CHOKEPOINT_ASSIGN_OR_RETURN(
        auto rows,
        impl_->Q("INSERT INTO allowlist (party, entity_id, entity_hash, note, username, created) "
                 "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (party, entity_id) DO UPDATE SET "
                 "entity_hash = excluded.entity_hash, note = excluded.note, username = "
                 "excluded.username, created = excluded.created RETURNING id",
                 {party, entity_id, entity_hash, note, user, now}));
    int64_t id = rows.at(0).I(0);
    CHOKEPOINT_ASSIGN_OR_RETURN(
        int64_t seq, impl_->Append("allowlist", now,
                                   AllowListData(id, party, entity_id, entity_hash, note, user)));
    return impl_->Q("UPDATE allowlist SET audit_seq = $1 WHERE id = $2", {seq, id}).status();
  });
}

Result<std::optional<std::string>> CaseStore::AllowListHash(const std::string& party,
                                                            const std::string& entity_id) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  CHOKEPOINT_ASSIGN_OR_RETURN(
      auto rows, impl_->Q("SELECT entity_hash FROM allowlist WHERE party = $1 AND entity_id = $2",
                          {party, entity_id}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].S(0));
}

Result<int64_t> CaseStore::AppendAudit(const std::string& kind, const std::string& data_json) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  int64_t seq = 0;
  Status st = impl_->InWrite([&]() -> Status {
    CHOKEPOINT_ASSIGN_OR_RETURN(seq, impl_->Append(kind, io::NowUtc(), data_json));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return seq;
}

Result<std::vector<AuditRecord>> CaseStore::ListAudit(int64_t after, int64_t limit) {
  std::lock_guard<std::mutex> lock(impl_->mu);
  CHOKEPOINT_ASSIGN_OR_RETURN(auto rows,
                              impl_->Q(std::string("SELECT ") + Impl::kAuditCols +
                                           " FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
                                       {after, limit}));
  std::vector<AuditRecord> out;
  for (const auto& r : rows) out.push_back(Impl::AuditFromRow(r));
  return out;
}

Result<AuditVerifyResult> CaseStore::VerifyAudit() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->Verify();
}

Result<AuditVerifyResult> CaseStore::Impl::Verify() {
  AuditVerifyResult res;
  // The earliest failure wins; several checks may find different ones.
  auto fail = [&res](int64_t seq, std::string message) {
    if (res.ok || seq < res.first_bad) {
      res.ok = false;
      res.first_bad = seq;
      res.message = std::move(message);
    }
  };
  // Read in one read transaction so that concurrent writers do not show a
  // half-written state. Tables are read in pages, so memory stays small
  // however long the trail is.
  constexpr int64_t kPage = 5000;
  CHOKEPOINT_RETURN_IF_ERROR(db->ExecScript(
      backend == "sqlite" ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  struct Closer {
    Db* db;
    ~Closer() { db->Rollback(); }
  } closer{db.get()};

  // 1. The chain itself.
  int64_t last = 0;
  std::string last_hash;
  {
    std::string prev = kZeroHash;
    int64_t expect = 1;
    for (int64_t after = INT64_MIN;;) {
      CHOKEPOINT_ASSIGN_OR_RETURN(auto rows,
                                  Q(std::string("SELECT ") + kAuditCols +
                                        " FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
                                    {after, kPage}));
      for (const auto& r : rows) {
        AuditRecord a = AuditFromRow(r);
        std::string where = "audit record " + std::to_string(a.seq);
        if (a.seq != expect) {
          fail(expect, "audit record " + std::to_string(expect) +
                           " is missing (the next record is " + std::to_string(a.seq) + ")");
        } else if (a.prev_hash != prev) {
          fail(a.seq, where + ": its previous-hash does not match record " +
                          std::to_string(a.seq - 1) +
                          " (a record was deleted, inserted or reordered)");
        } else if (ChainHash(a.prev_hash, a.record_json) != a.hash) {
          fail(a.seq, where + ": its hash does not match its content (the record was edited)");
        } else {
          auto j = nlohmann::json::parse(a.record_json, nullptr, false);
          if (j.is_discarded() || !j.is_object() || !j.contains("seq") || j["seq"] != a.seq ||
              !j.contains("kind") || j["kind"] != a.kind || !j.contains("time") ||
              j["time"] != a.created) {
            fail(a.seq, where +
                            ": its sequence number, kind or time differ from its content "
                            "(the record was moved or edited)");
          }
        }
        prev = a.hash;
        expect = a.seq + 1;
        ++res.records;
        last = a.seq;
        last_hash = a.hash;
      }
      if (static_cast<int64_t>(rows.size()) < kPage) break;
      after = last;
    }
    CHOKEPOINT_ASSIGN_OR_RETURN(auto head, Q("SELECT seq, hash FROM audit_head WHERE id = 1"));
    int64_t head_seq = head.empty() ? 0 : head[0].I(0);
    std::string head_hash = head.empty() ? kZeroHash : head[0].S(1);
    if (head_seq > last) {
      fail(last + 1, "audit record " + std::to_string(last + 1) +
                         " is missing: the chain head is record " + std::to_string(head_seq) +
                         " (records at the end were deleted)");
    } else if (head_seq < last || (last > 0 && last_hash != head_hash)) {
      int64_t bad = head_seq + 1 <= last ? head_seq + 1 : last;
      fail(bad, "audit record " + std::to_string(bad) +
                    " does not match the chain head (records were appended or edited outside "
                    "the store)");
    }
  }

  // 2. Each row against the audit record it points to (columns: the row's,
  // then the record's kind, time and JSON from a LEFT JOIN).
  auto check_row = [&](int64_t seq, const Row& r, size_t k, const std::string& kind,
                       const std::string& what, const std::string& data) {
    if (r.IsNull(k)) {
      fail(seq, what + " refers to audit record " + std::to_string(seq) + ", which is missing");
      return;
    }
    if (r.S(k) != kind || r.S(k + 2) != AuditRecordJson(seq, kind, r.S(k + 1), data)) {
      fail(seq,
           what + " differs from audit record " + std::to_string(seq) + " (the row was edited)");
    }
  };
  // Pages through `select` ("... WHERE x.id > $1 ORDER BY x.id LIMIT $2"),
  // whose first column is the row id.
  auto pages = [&](const std::string& select, auto&& fn) -> Status {
    for (int64_t after = INT64_MIN;;) {
      CHOKEPOINT_ASSIGN_OR_RETURN(auto rows, Q(select, {after, kPage}));
      for (const auto& r : rows) fn(r);
      if (static_cast<int64_t>(rows.size()) < kPage) return Status::Ok();
      after = rows.back().I(0);
    }
  };

  // Decisions, and the alert status they leave behind.
  std::map<int64_t, std::pair<std::string, int64_t>> last_decision;  // alert -> (status, seq)
  CHOKEPOINT_RETURN_IF_ERROR(
      pages("SELECT d.id, d.alert_id, d.decision, d.note, d.username, d.role, d.status_after, "
            "d.created, d.audit_seq, a.kind, a.created, a.record_json FROM decisions d LEFT JOIN "
            "audit_log a ON a.seq = d.audit_seq WHERE d.id > $1 ORDER BY d.id LIMIT $2",
            [&](const Row& r) {
              Decision d = DecisionFromRow(r);
              check_row(d.audit_seq, r, 9, "decision", "decision " + std::to_string(d.id),
                        DecisionData(d, r.S(6)));
              last_decision[d.alert_id] = {r.S(6), d.audit_seq};
            }));

  // Alerts: their status, and which screening raised them.
  std::map<int64_t, std::vector<int64_t>> alerts_of;
  int64_t status_bad_seq = 0;
  std::string status_bad;
  CHOKEPOINT_RETURN_IF_ERROR(pages(
      "SELECT l.id, l.screening_id, l.status, s.audit_seq FROM alerts l LEFT JOIN screenings s "
      "ON s.id = l.screening_id WHERE l.id > $1 ORDER BY l.id LIMIT $2",
      [&](const Row& r) {
        alerts_of[r.I(1)].push_back(r.I(0));
        auto it = last_decision.find(r.I(0));
        std::string want = it == last_decision.end() ? "open" : it->second.first;
        if (r.S(2) != want) {
          // Without decisions the alert belongs to its screening's record.
          int64_t seq = it == last_decision.end() ? r.I(3) : it->second.second;
          // Reported only when nothing more specific is wrong (a deleted
          // decision row also leaves a status behind).
          if (!status_bad_seq || seq < status_bad_seq) {
            status_bad_seq = seq;
            status_bad = "alert " + std::to_string(r.I(0)) + " has status '" + r.S(2) +
                         "' but its audit trail says '" + want + "'";
          }
        }
      }));

  CHOKEPOINT_RETURN_IF_ERROR(pages(
      "SELECT s.id, s.party, s.party_name, s.counterparty_id, s.purpose, s.username, "
      "s.lists_version, s.rules_version, s.query_json, s.results_json, s.audit_seq, a.kind, "
      "a.created, a.record_json FROM screenings s LEFT JOIN audit_log a ON a.seq = s.audit_seq "
      "WHERE s.id > $1 ORDER BY s.id LIMIT $2",
      [&](const Row& r) {
        int64_t id = r.I(0), seq = r.I(10);
        auto it = alerts_of.find(id);
        static const std::vector<int64_t> kNone;
        check_row(seq, r, 11, "screening", "screening " + std::to_string(id),
                  ScreeningData(id, r.S(1), r.S(2), r.I(3), r.S(4), r.S(5), r.S(6), r.S(7), r.S(8),
                                r.S(9), it == alerts_of.end() ? kNone : it->second));
      }));

  CHOKEPOINT_RETURN_IF_ERROR(
      pages("SELECT l.id, l.party, l.entity_id, l.entity_hash, l.note, l.username, l.audit_seq, "
            "a.kind, a.created, a.record_json FROM allowlist l LEFT JOIN audit_log a ON a.seq = "
            "l.audit_seq WHERE l.id > $1 ORDER BY l.id LIMIT $2",
            [&](const Row& r) {
              check_row(r.I(6), r, 7, "allowlist", "allow-list entry " + std::to_string(r.I(0)),
                        AllowListData(r.I(0), r.S(1), r.S(2), r.S(3), r.S(4), r.S(5)));
            }));

  // 3. A decision or screening row deleted while its audit record remains.
  CHOKEPOINT_ASSIGN_OR_RETURN(
      auto orphans,
      Q("SELECT a.seq, a.kind FROM audit_log a WHERE (a.kind = 'decision' AND NOT EXISTS "
        "(SELECT 1 FROM decisions d WHERE d.audit_seq = a.seq)) OR (a.kind = 'screening' AND "
        "NOT EXISTS (SELECT 1 FROM screenings s WHERE s.audit_seq = a.seq)) ORDER BY a.seq "
        "LIMIT 1"));
  for (const auto& r : orphans) {
    fail(r.I(0), "the " + r.S(1) + " of audit record " + std::to_string(r.I(0)) +
                     " is missing from its table (the row was deleted)");
  }
  if (res.ok && status_bad_seq) fail(status_bad_seq, status_bad);
  return res;
}

}  // namespace chokepoint
