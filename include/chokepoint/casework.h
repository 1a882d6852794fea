// Casework: stored parties, alerts, decisions, four-eyes review, the
// allow-list, a hash-chained audit trail and delta re-screening.
//
// A CaseStore keeps everything a compliance team must be able to show years
// later. It has two backends behind one interface: SQLite (the default, one
// file, no set-up; WAL journal with synchronous=FULL so that a write that
// returned OK survives a crash or kill -9) and PostgreSQL (libpq), chosen by
// the URL given to Open():
//
//   "" or a path or "sqlite:PATH"      SQLite file (created when missing)
//   "postgresql://..." or "postgres://..."   PostgreSQL
//
// The schema is versioned: numbered migrations run in order at Open(), each
// in its own transaction, and are recorded in `schema_migrations`.
//
// Every screening (query, hits, list and rules versions) and every decision
// is appended to the audit trail in the same transaction as the row itself.
// Each audit record stores SHA-256(previous hash + canonical record JSON);
// VerifyAudit() recomputes the chain and cross-checks the decisions and
// screenings tables against it, and names the first record that does not
// verify. docs/casework.md describes the schema and the record format.
//
// Thread safety: a CaseStore may be shared across threads; calls are
// serialised on one connection. Writes are serialised across processes by
// the database (SQLite's write lock, a PostgreSQL advisory lock).

#ifndef CHOKEPOINT_CASEWORK_H_
#define CHOKEPOINT_CASEWORK_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chokepoint/entity.h"
#include "chokepoint/screen.h"
#include "chokepoint/snapshot.h"
#include "chokepoint/status.h"

namespace chokepoint {

// The version of the matching rules recorded with every screening.
std::string RulesVersion();

// SHA-256 (hex) of an entity's canonical JSON: changes when any published
// fact of the entity changes.
std::string EntityContentHash(const Entity& entity);

// "source:source_id", the id of a listed entity in alerts and the allow-list.
std::string EntityKey(const Entity& entity);

enum class DecisionKind : uint8_t { kTrueMatch, kFalsePositive, kEscalate, kNeedMoreInformation };
std::string_view DecisionName(DecisionKind kind);  // "true_match", "false_positive", ...
std::optional<DecisionKind> ParseDecision(std::string_view name);

// Alert statuses: "open", "escalated", "pending_information",
// "pending_second_review", "closed". Every status but "closed" is open work.
struct CaseworkOptions {
  // Clearing (false_positive) an alert scoring at least this needs a second,
  // different user with the reviewer (or admin) role.
  double four_eyes_threshold = 0.90;
};

struct Counterparty {
  int64_t id = 0;
  std::string party;  // the caller's own id of the party (unique); the name when none given
  std::string name;
  std::string schema;   // "Person", "Company", ... or ""
  std::string country;  // as given
  std::string dob;      // YYYY[-MM[-DD]] or ""
  std::vector<std::string> identifiers;
  std::string created;
};

// One hit as stored with a screening.
struct StoredHit {
  std::string entity_id;  // "source:source_id"
  std::string entity_name;
  std::string matched_name;
  double score = 0;
  std::string entity_hash;
  std::vector<std::string> programs;
  std::string explanation_json;  // the hit as `chokepoint screen --json` writes it
};

struct Alert {
  int64_t id = 0;
  std::string party;
  std::string party_name;
  int64_t counterparty_id = 0;  // 0 when the party is not a stored counterparty
  int64_t screening_id = 0;
  std::string entity_id;
  std::string entity_name;
  double score = 0;
  std::string status;
  std::string resolution;  // "true_match"/"false_positive" once closed, else ""
  std::string reason;      // why it was raised (plain language)
  std::string explanation_json;
  std::string entity_hash;
  std::string lists_version;
  std::string created;
  std::string updated;
};

struct Decision {
  int64_t id = 0;
  int64_t alert_id = 0;
  std::string decision;  // DecisionName()
  std::string note;
  std::string user;
  std::string role;
  std::string created;
  int64_t audit_seq = 0;
};

struct AuditRecord {
  int64_t seq = 0;
  std::string kind;  // "screening", "decision", "allowlist", "counterparty", "rescreen"
  std::string created;
  std::string record_json;  // the canonical JSON that is hashed
  std::string prev_hash;
  std::string hash;
};

struct AlertDetail {
  Alert alert;
  std::optional<Counterparty> counterparty;
  std::vector<StoredHit> hits;  // of the screening that raised the alert
  std::vector<Decision> decisions;
  std::vector<AuditRecord> audit;  // records about this alert and its screening
};

struct AuditVerifyResult {
  bool ok = true;
  int64_t records = 0;
  int64_t first_bad = 0;  // seq of the first record that fails, 0 when ok
  std::string message;    // what is wrong with it
};

// What is screened and why, for RecordScreening(). Build it with
// MakeScreeningInput() while the Screener (whose entities the hits point
// into) is alive; the input itself owns all its data.
struct ScreeningInput {
  std::string party;               // the party key ("" = the query name)
  std::string party_name;          // the name screened
  int64_t counterparty_id = 0;     // 0 = not a stored counterparty
  std::string user;                // who asked (token user, CLI user)
  std::string purpose = "screen";  // "screen", "counterparty", "rescreen"
  bool raise_alerts = true;        // hits become alerts (allow-list applied)
  bool store_hits = true;          // per-hit rows (used by re-screening and case views)
  std::string query_json;
  std::string lists_version;
  std::vector<StoredHit> hits;
  // When non-empty (same size as hits), only hits with a non-empty reason
  // become alerts, with that reason (delta re-screening). Otherwise every hit
  // becomes an alert with a reason naming its score.
  std::vector<std::string> alert_reasons;
};

// The query and hits as stored: query JSON, hit JSON with explanation,
// entity content hashes, the snapshot version.
ScreeningInput MakeScreeningInput(const ScreenQuery& query, const ScreenResult& result);

// The compact form for ad-hoc (API) screenings, cheap enough for every
// request: hits are recorded as {source, source_id, name, matched_name,
// score} (the explanation is reproducible from the query and the recorded
// list and rules versions) and no per-hit rows are stored. Only hits scoring
// at least `alert_threshold` carry the entity hash and full explanation and
// may become alerts.
ScreeningInput MakeCompactScreeningInput(const ScreenQuery& query, const ScreenResult& result,
                                         double alert_threshold);

struct ScreeningOutcome {
  int64_t screening_id = 0;
  int64_t audit_seq = 0;
  std::vector<int64_t> alert_ids;   // alerts raised
  std::vector<int64_t> hit_alerts;  // per hit: the alert raised for it, or 0
  int suppressed = 0;               // hits silenced by the allow-list
};

struct DecideOutcome {
  Decision decision;
  std::string status;  // the alert's status afterwards
};

class CaseStore {
 public:
  // Opens (creating when needed) and migrates the store at `url`.
  static Result<std::unique_ptr<CaseStore>> Open(const std::string& url,
                                                 CaseworkOptions options = {});
  virtual ~CaseStore();

  const std::string& backend() const;  // "sqlite" or "postgresql"
  const CaseworkOptions& options() const;
  // The highest migration applied, and the number the binary knows.
  Result<int> SchemaVersion();
  static int LatestSchemaVersion();

  // Adds a party, or updates the one with the same `party` key.
  Result<Counterparty> UpsertCounterparty(Counterparty party, const std::string& user);
  Result<std::vector<Counterparty>> ListCounterparties();

  // Stores a screening with its hits, appends its audit record and raises
  // alerts (unless allow-listed), all in one transaction.
  Result<ScreeningOutcome> RecordScreening(const ScreeningInput& input);
  // Several screenings in one transaction (one disk flush), in order.
  Result<std::vector<ScreeningOutcome>> RecordScreenings(const std::vector<ScreeningInput>& inputs);
  // Hits of the latest screening of a party, or empty when never screened.
  Result<std::vector<StoredHit>> LatestHits(const std::string& party, int64_t* screening_id);

  // status: "open" (not closed), "closed" or "all".
  Result<std::vector<Alert>> ListAlerts(const std::string& status, int64_t limit, int64_t offset);
  Result<int64_t> CountAlerts(const std::string& status);
  Result<AlertDetail> GetAlert(int64_t id);

  // Records a decision. `role` is the user's role ("analyst", "reviewer",
  // "admin"). Four-eyes: false_positive on an alert scoring at least the
  // threshold first moves it to "pending_second_review"; a false_positive
  // by a different user with role reviewer or admin then closes it. The
  // same user confirming, or a lower role, is FailedPrecondition.
  Result<DecideOutcome> Decide(int64_t alert_id, DecisionKind kind, const std::string& note,
                               const std::string& user, const std::string& role);

  // Silences (party, entity) while the entity's content hash stays the same.
  Status AllowListAdd(const std::string& party, const std::string& entity_id,
                      const std::string& entity_hash, const std::string& note,
                      const std::string& user);
  // The stored hash when allow-listed, else nullopt.
  Result<std::optional<std::string>> AllowListHash(const std::string& party,
                                                   const std::string& entity_id);

  // Appends a free-form audit record (e.g. a re-screening run summary).
  Result<int64_t> AppendAudit(const std::string& kind, const std::string& data_json);
  // Records with seq > after, in order, at most limit.
  Result<std::vector<AuditRecord>> ListAudit(int64_t after, int64_t limit);
  Result<AuditVerifyResult> VerifyAudit();

  struct Impl;

 private:
  explicit CaseStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Where the store lives when no --db URL is given: DATA_DIR/casework.sqlite.
std::string DefaultCaseworkUrl(const std::string& data_dir);

// --- JSON forms shared by the CLI and the HTTP API ---------------------------

// {"id", "party", "party_name", "counterparty_id", "screening_id", "entity_id",
//  "entity_name", "score", "status", "resolution", "reason", "lists_version",
//  "created", "updated"}; with `explanation`, also "hit" (the stored hit JSON).
std::string AlertJson(const Alert& alert, bool explanation);
// {"alert", "party" (counterparty or null), "hits", "decisions", "audit"}.
std::string AlertDetailJson(const AlertDetail& detail);
std::string DecisionJson(const Decision& decision);
// {"seq", "kind", "time", "prev_hash", "hash", "record"}.
std::string AuditRecordJson(const AuditRecord& record);
// {"ok", "records", "first_bad" (seq or null), "message"}.
std::string AuditVerifyJson(const AuditVerifyResult& result);
std::string CounterpartyJson(const Counterparty& party);

// --- delta re-screening ----------------------------------------------------

struct RescreenChange {
  std::string party;
  std::string party_name;
  std::string entity_id;
  std::string entity_name;
  double score = 0;
  double previous_score = -1;  // -1 when the entity was not a hit before
  std::string kind;            // "new_hit", "higher_band", "entity_changed"
  std::string reason;          // e.g. "added to RUSSIA-EO14024 on 2024-05-03"
  int64_t alert_id = 0;        // 0 when suppressed by the allow-list
};

struct RescreenReport {
  std::string lists_version;
  std::string previous_lists_version;  // of the older snapshot when given
  int64_t parties = 0;
  int64_t hits = 0;
  int64_t unchanged = 0;   // hits already seen at the same band and content
  int64_t suppressed = 0;  // allow-listed and unchanged
  std::vector<RescreenChange> changes;
  int64_t audit_seq = 0;
};

struct RescreenOptions {
  int limit = 10;
  double threshold = 0.70;
  std::string user = "system";
};

// Score bands: 0 below 0.85, 1 below 0.95, 2 from 0.95.
int ScoreBand(double score);

// Re-screens every stored counterparty against `screener`'s snapshot; raises
// alerts only for new hits, hits in a higher score band, or hits whose
// entity's content changed since the party's previous screening. `older`
// (may be null) is the snapshot the previous screenings used; when given,
// the reasons use the snapshot diff (programs added, fields changed).
Result<RescreenReport> Rescreen(CaseStore& store, const Screener& screener, const Snapshot* older,
                                const RescreenOptions& options);

// The report as JSON.
std::string RescreenReportJson(const RescreenReport& report, bool pretty);

}  // namespace chokepoint

#endif  // CHOKEPOINT_CASEWORK_H_
