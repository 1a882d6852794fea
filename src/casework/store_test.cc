// Tests of the casework store on SQLite and on a throwaway PostgreSQL 15
// cluster the test starts itself (skipped with a message when the server
// binaries are missing).

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "casework/db.h"
#include "chokepoint/casework.h"
#include "chokepoint/lists.h"
#include "io/file.h"

namespace chokepoint {
namespace {

namespace fs = std::filesystem;

// --- fixtures: entities and stores -------------------------------------------

Entity MakeEntity(const std::string& id, Schema schema, const std::string& name,
                  std::vector<std::string> programs) {
  Entity e;
  e.source = "test_list";
  e.source_id = id;
  e.schema = schema;
  Name n;
  n.full = name;
  e.names.push_back(n);
  for (auto& p : programs) e.programs.push_back(Program{p, "", ""});
  return e;
}

std::shared_ptr<const Snapshot> MakeSnapshot(std::vector<Entity> entities,
                                             const std::string& list_date) {
  SourceInput in;
  in.spec.format = FindFormat("csv");
  in.spec.source_id = "test_list";
  in.output.entities = std::move(entities);
  in.output.meta.list_date = list_date;
  for (int i = 0; i < 30; ++i) {
    in.output.entities.push_back(MakeEntity("f" + std::to_string(i), Schema::kPerson,
                                            "Filler Person" + std::to_string(i) + " Example",
                                            {"SDGT"}));
  }
  std::vector<SourceInput> inputs;
  inputs.push_back(std::move(in));
  return Snapshot::Build(std::move(inputs), "2026-01-01T00:00:00Z");
}

StoredHit MakeHit(const Entity& e, double score) {
  StoredHit h;
  h.entity_id = EntityKey(e);
  h.entity_name = e.caption();
  h.matched_name = e.caption();
  h.score = score;
  h.entity_hash = EntityContentHash(e);
  h.explanation_json = "{\"score\":" + std::to_string(score) + "}";
  return h;
}

ScreeningInput MakeInput(const std::string& party, std::vector<StoredHit> hits) {
  ScreeningInput in;
  in.party = party;
  in.party_name = party;
  in.user = "tester";
  in.query_json = "{\"name\":\"" + party + "\"}";
  in.lists_version = "v1";
  in.hits = std::move(hits);
  return in;
}

// A backend under test: makes fresh, empty stores and raw connections.
struct Backend {
  std::string name;
  std::function<std::string()> fresh_url;  // a new empty database each call
  std::function<Result<std::unique_ptr<casework::Db>>(const std::string& url)> raw;
};

std::unique_ptr<CaseStore> OpenOrDie(const std::string& url, CaseworkOptions options = {}) {
  auto s = CaseStore::Open(url, options);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  if (!s.ok()) return nullptr;
  return std::move(s).value();
}

void RawExec(const Backend& b, const std::string& url, const std::string& sql) {
  auto db = b.raw(url);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto r = (*db)->Query(sql, {});
  ASSERT_TRUE(r.ok()) << sql << ": " << r.status().ToString();
}

// --- scenarios (run on every backend) ------------------------------------------

void Migrations(const Backend& b) {
  std::string url = b.fresh_url();
  {
    auto store = OpenOrDie(url);
    ASSERT_TRUE(store);
    EXPECT_EQ(*store->SchemaVersion(), CaseStore::LatestSchemaVersion());
    EXPECT_GE(CaseStore::LatestSchemaVersion(), 3);
  }
  // Undo the last migration by hand: reopening must apply it again.
  RawExec(b, url, "DROP INDEX alerts_status");
  RawExec(b, url, "DROP INDEX alerts_pair");
  RawExec(b, url, "DROP INDEX screenings_party");
  RawExec(b, url, "DROP INDEX decisions_alert");
  RawExec(b, url, "DELETE FROM schema_migrations WHERE version = 2");
  {
    auto store = OpenOrDie(url);
    ASSERT_TRUE(store);
    EXPECT_EQ(*store->SchemaVersion(), CaseStore::LatestSchemaVersion());
  }
  auto db = b.raw(url);
  ASSERT_TRUE(db.ok());
  auto rows = (*db)->Query("SELECT version FROM schema_migrations ORDER BY version", {});
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), static_cast<size_t>(CaseStore::LatestSchemaVersion()));
  for (size_t i = 0; i < rows->size(); ++i) EXPECT_EQ((*rows)[i].I(0), static_cast<int64_t>(i + 1));
  // The re-applied migration created its indexes again (dropping one works).
  EXPECT_TRUE((*db)->Query("DROP INDEX decisions_alert", {}).ok());
  EXPECT_FALSE((*db)->Query("DROP INDEX decisions_alert", {}).ok());
  // Reopening an up-to-date store changes nothing.
  auto again = OpenOrDie(url);
  ASSERT_TRUE(again);
  auto rows2 = (*db)->Query("SELECT COUNT(*) FROM schema_migrations", {});
  EXPECT_EQ((*rows2)[0].I(0), CaseStore::LatestSchemaVersion());
}

void ScreeningRaisesAlerts(const Backend& b) {
  auto store = OpenOrDie(b.fresh_url());
  ASSERT_TRUE(store);
  auto snap =
      MakeSnapshot({MakeEntity("1", Schema::kCompany, "Rosneft Oil Company", {"UKRAINE-EO13662"}),
                    MakeEntity("2", Schema::kPerson, "Ivan Petrovich Sidorov", {"RUSSIA-EO14024"})},
                   "2024-05-03");
  auto screener = Screener::Build(snap);
  ScreenQuery q;
  q.name = "Rosneft Oil Company";
  auto r = screener->Screen(q);
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->hits.empty());
  ScreeningInput in = MakeScreeningInput(q, *r);
  in.user = "alice";
  auto out = store->RecordScreening(in);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->alert_ids.size(), r->hits.size());
  auto alerts = store->ListAlerts("open", 100, 0);
  ASSERT_TRUE(alerts.ok());
  ASSERT_EQ(alerts->size(), r->hits.size());
  EXPECT_EQ(alerts->back().entity_id, "test_list:1");  // newest first
  EXPECT_EQ(alerts->back().lists_version, snap->version());
  auto detail = store->GetAlert(out->alert_ids[0]);
  ASSERT_TRUE(detail.ok());
  EXPECT_EQ(detail->alert.status, "open");
  EXPECT_EQ(detail->hits.size(), r->hits.size());
  EXPECT_NE(detail->alert.explanation_json.find("\"explanation\""), std::string::npos);
  ASSERT_EQ(detail->audit.size(), 1u);
  EXPECT_EQ(detail->audit[0].kind, "screening");
  EXPECT_NE(detail->audit[0].record_json.find(RulesVersion()), std::string::npos);
  // The same screening again does not duplicate the open alert.
  auto again = store->RecordScreening(in);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->alert_ids.empty());
  EXPECT_EQ(*store->CountAlerts("open"), static_cast<int64_t>(r->hits.size()));
  auto v = store->VerifyAudit();
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->ok) << v->message;
  EXPECT_EQ(v->records, 2);
}

void FourEyes(const Backend& b) {
  CaseworkOptions opt;
  opt.four_eyes_threshold = 0.90;
  auto store = OpenOrDie(b.fresh_url(), opt);
  ASSERT_TRUE(store);
  Entity strong = MakeEntity("1", Schema::kCompany, "Strong Match LLC", {"X"});
  Entity weak = MakeEntity("2", Schema::kCompany, "Weak Match LLC", {"X"});
  auto out =
      store->RecordScreening(MakeInput("party1", {MakeHit(strong, 0.95), MakeHit(weak, 0.80)}));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->alert_ids.size(), 2u);
  int64_t strong_id = out->alert_ids[0], weak_id = out->alert_ids[1];

  // A weak match is cleared by one analyst.
  auto d =
      store->Decide(weak_id, DecisionKind::kFalsePositive, "different company", "alice", "analyst");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->status, "closed");

  // A strong match needs a second, different reviewer.
  d = store->Decide(strong_id, DecisionKind::kFalsePositive, "not them", "alice", "analyst");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->status, "pending_second_review");
  auto same_user = store->Decide(strong_id, DecisionKind::kFalsePositive, "", "alice", "reviewer");
  ASSERT_FALSE(same_user.ok());
  EXPECT_EQ(same_user.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(same_user.status().message().find("different user"), std::string::npos);
  auto low_role = store->Decide(strong_id, DecisionKind::kFalsePositive, "", "bob", "analyst");
  ASSERT_FALSE(low_role.ok());
  EXPECT_NE(low_role.status().message().find("reviewer"), std::string::npos);
  EXPECT_EQ(store->GetAlert(strong_id)->alert.status, "pending_second_review");
  d = store->Decide(strong_id, DecisionKind::kFalsePositive, "confirmed", "carol", "reviewer");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->status, "closed");
  auto detail = store->GetAlert(strong_id);
  EXPECT_EQ(detail->alert.resolution, "false_positive");
  ASSERT_EQ(detail->decisions.size(), 2u);
  EXPECT_EQ(detail->decisions[0].user, "alice");
  EXPECT_EQ(detail->decisions[1].user, "carol");
  EXPECT_EQ(detail->audit.size(), 3u);  // screening + two decisions
  // A closed alert takes no more decisions.
  auto closed = store->Decide(strong_id, DecisionKind::kEscalate, "", "dave", "admin");
  EXPECT_EQ(closed.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store->Decide(9999, DecisionKind::kEscalate, "", "dave", "admin").status().code(),
            StatusCode::kNotFound);

  // Other decisions move the status without four-eyes.
  auto out2 = store->RecordScreening(MakeInput("party2", {MakeHit(strong, 0.99)}));
  int64_t id2 = out2->alert_ids.at(0);
  EXPECT_EQ(store->Decide(id2, DecisionKind::kNeedMoreInformation, "", "bob", "analyst")->status,
            "pending_information");
  EXPECT_EQ(store->Decide(id2, DecisionKind::kEscalate, "", "bob", "analyst")->status, "escalated");
  EXPECT_EQ(store->Decide(id2, DecisionKind::kTrueMatch, "it is them", "bob", "analyst")->status,
            "closed");
  EXPECT_EQ(store->GetAlert(id2)->alert.resolution, "true_match");
  EXPECT_EQ(*store->CountAlerts("open"), 0);
  EXPECT_EQ(*store->CountAlerts("closed"), 3);
  auto v = store->VerifyAudit();
  EXPECT_TRUE(v->ok) << v->message;
}

void AllowListReAlertsOnChange(const Backend& b) {
  auto store = OpenOrDie(b.fresh_url());
  ASSERT_TRUE(store);
  Entity e = MakeEntity("7", Schema::kCompany, "Acme Trading FZE", {"IRAN"});
  auto first = store->RecordScreening(MakeInput("cust-1", {MakeHit(e, 0.88)}));
  ASSERT_EQ(first->alert_ids.size(), 1u);
  ASSERT_TRUE(store
                  ->Decide(first->alert_ids[0], DecisionKind::kFalsePositive, "our customer",
                           "alice", "analyst")
                  .ok());
  ASSERT_TRUE(
      store->AllowListAdd("cust-1", EntityKey(e), EntityContentHash(e), "known", "carol").ok());
  EXPECT_EQ(**store->AllowListHash("cust-1", EntityKey(e)), EntityContentHash(e));

  // Unchanged entity: silenced.
  auto second = store->RecordScreening(MakeInput("cust-1", {MakeHit(e, 0.88)}));
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->alert_ids.empty());
  EXPECT_EQ(second->suppressed, 1);
  // Another party with the same entity is not silenced.
  auto other = store->RecordScreening(MakeInput("cust-2", {MakeHit(e, 0.88)}));
  EXPECT_EQ(other->alert_ids.size(), 1u);

  // The listed entity changes (a new program): the pair alerts again.
  Entity changed = e;
  changed.programs.push_back(Program{"RUSSIA-EO14024", "", ""});
  ASSERT_NE(EntityContentHash(changed), EntityContentHash(e));
  auto third = store->RecordScreening(MakeInput("cust-1", {MakeHit(changed, 0.88)}));
  ASSERT_TRUE(third.ok());
  ASSERT_EQ(third->alert_ids.size(), 1u);
  EXPECT_EQ(third->suppressed, 0);
  auto a = store->GetAlert(third->alert_ids[0]);
  EXPECT_NE(a->alert.reason.find("changed"), std::string::npos) << a->alert.reason;
  EXPECT_TRUE(store->VerifyAudit()->ok);
}

// Builds a store with a few records of each kind; returns its URL.
std::string PopulatedStore(const Backend& b) {
  std::string url = b.fresh_url();
  auto store = OpenOrDie(url);
  Entity e1 = MakeEntity("1", Schema::kCompany, "One Ltd", {"X"});
  Entity e2 = MakeEntity("2", Schema::kCompany, "Two Ltd", {"X"});
  auto s1 = store->RecordScreening(MakeInput("p1", {MakeHit(e1, 0.97)}));  // seq 1
  auto s2 = store->RecordScreening(MakeInput("p2", {MakeHit(e2, 0.75)}));  // seq 2
  EXPECT_TRUE(
      store->Decide(s1->alert_ids.at(0), DecisionKind::kEscalate, "look closer", "alice",
                    "analyst")
          .ok());  // seq 3
  EXPECT_TRUE(
      store->Decide(s2->alert_ids.at(0), DecisionKind::kFalsePositive, "no", "bob",
                    "analyst")
          .ok());                                                                // seq 4
  EXPECT_TRUE(store->AllowListAdd("p2", EntityKey(e2), "h", "", "carol").ok());  // seq 5
  EXPECT_TRUE(store->AppendAudit("note", "{\"x\":1}").ok());                     // seq 6
  auto v = store->VerifyAudit();
  EXPECT_TRUE(v.ok() && v->ok) << v->message;
  EXPECT_EQ(v->records, 6);
  return url;
}

void ExpectBad(const Backend& b, const std::string& url, int64_t first_bad,
               const std::string& what) {
  auto store = OpenOrDie(url);
  ASSERT_TRUE(store);
  auto v = store->VerifyAudit();
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_FALSE(v->ok) << what;
  EXPECT_EQ(v->first_bad, first_bad) << what << ": " << v->message;
  EXPECT_FALSE(v->message.empty());
}

void AuditTamperDetection(const Backend& b) {
  std::string url = PopulatedStore(b);
  // Edit a record's content.
  RawExec(b, url,
          "UPDATE audit_log SET record_json = replace(record_json, 'look closer', 'looks fine') "
          "WHERE seq = 3");
  ExpectBad(b, url, 3, "edited audit record");

  url = PopulatedStore(b);
  // Edit a record and recompute its own hash: the next record's link breaks.
  {
    auto db = b.raw(url);
    auto rows = (*db)->Query("SELECT prev_hash, record_json FROM audit_log WHERE seq = 2", {});
    std::string rec = (*rows)[0].S(1);
    size_t pos = rec.find("p2");
    rec.replace(pos, 2, "pX");
    std::string hash = io::Sha256Hex((*rows)[0].S(0) + rec);
    ASSERT_TRUE(
        (*db)
            ->Query("UPDATE audit_log SET record_json = $1, hash = $2 WHERE seq = 2", {rec, hash})
            .ok());
  }
  ExpectBad(b, url, 2, "re-hashed audit record");

  url = PopulatedStore(b);
  RawExec(b, url, "DELETE FROM audit_log WHERE seq = 2");
  ExpectBad(b, url, 2, "deleted audit record");

  url = PopulatedStore(b);
  RawExec(b, url, "DELETE FROM audit_log WHERE seq = 6");
  ExpectBad(b, url, 6, "deleted last audit record");

  url = PopulatedStore(b);
  // Reorder: swap the sequence numbers of records 3 and 4.
  RawExec(b, url, "UPDATE audit_log SET seq = -3 WHERE seq = 3");
  RawExec(b, url, "UPDATE audit_log SET seq = 3 WHERE seq = 4");
  RawExec(b, url, "UPDATE audit_log SET seq = 4 WHERE seq = -3");
  ExpectBad(b, url, 3, "reordered audit records");

  url = PopulatedStore(b);
  // Edit the decision row itself, leaving the audit trail alone.
  RawExec(b, url, "UPDATE decisions SET note = 'nothing to see' WHERE audit_seq = 3");
  ExpectBad(b, url, 3, "edited decision row");

  url = PopulatedStore(b);
  RawExec(b, url, "DELETE FROM decisions WHERE audit_seq = 4");
  ExpectBad(b, url, 4, "deleted decision row");

  url = PopulatedStore(b);
  RawExec(b, url, "UPDATE alerts SET status = 'closed' WHERE party = 'p1'");
  ExpectBad(b, url, 3, "alert status changed outside the store");

  url = PopulatedStore(b);
  RawExec(b, url, "UPDATE screenings SET lists_version = 'v0' WHERE party = 'p1'");
  ExpectBad(b, url, 1, "edited screening row");
}

void DeltaRescreen(const Backend& b) {
  auto store = OpenOrDie(b.fresh_url());
  ASSERT_TRUE(store);
  Entity rosneft = MakeEntity("1", Schema::kCompany, "Rosneft Oil Company", {"UKRAINE-EO13662"});
  Entity sidorov = MakeEntity("2", Schema::kPerson, "Ivan Petrovich Sidorov", {"SDGT"});
  auto old_snap = MakeSnapshot({rosneft, sidorov}, "2022-02-03");
  for (const char* name : {"Rosneft Oil Company", "Ivan Petrovich Sidorov", "Sertal Trading OOO"}) {
    Counterparty c;
    c.party = std::string("cp-") + name;
    c.name = name;
    ASSERT_TRUE(store->UpsertCounterparty(c, "tester").ok());
  }
  auto parties = store->ListCounterparties();
  ASSERT_EQ(parties->size(), 3u);

  // First run: every hit is new.
  auto r1 = Rescreen(*store, *Screener::Build(old_snap), nullptr, {});
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  EXPECT_EQ(r1->parties, 3);
  std::set<std::pair<std::string, std::string>> first;
  for (const auto& c : r1->changes) {
    EXPECT_EQ(c.kind, "new_hit");
    first.insert({c.party, c.entity_id});
  }
  EXPECT_TRUE(first.count({"cp-Rosneft Oil Company", "test_list:1"}));
  EXPECT_TRUE(first.count({"cp-Ivan Petrovich Sidorov", "test_list:2"}));

  // Same snapshot again: nothing changed.
  auto r2 = Rescreen(*store, *Screener::Build(old_snap), nullptr, {});
  ASSERT_TRUE(r2.ok());
  EXPECT_TRUE(r2->changes.empty());
  EXPECT_EQ(r2->unchanged, r1->hits);

  // New snapshot: Sidorov gains a program, Sertal is newly listed.
  Entity sidorov2 = sidorov;
  sidorov2.programs.push_back(Program{"RUSSIA-EO14024", "", ""});
  Entity sertal = MakeEntity("3", Schema::kCompany, "OOO Sertal Trading", {"RUSSIA-EO14024"});
  sertal.listing_dates.push_back(PartialDate{2024, 5, 1});
  auto new_snap = MakeSnapshot({rosneft, sidorov2, sertal}, "2024-05-03");
  auto r3 = Rescreen(*store, *Screener::Build(new_snap), old_snap.get(), {});
  ASSERT_TRUE(r3.ok());
  std::map<std::pair<std::string, std::string>, RescreenChange> got;
  for (const auto& c : r3->changes) got[{c.party, c.entity_id}] = c;
  auto s = got.find({"cp-Ivan Petrovich Sidorov", "test_list:2"});
  ASSERT_NE(s, got.end());
  EXPECT_EQ(s->second.kind, "entity_changed");
  EXPECT_NE(s->second.reason.find("added to RUSSIA-EO14024 on 2024-05-03"), std::string::npos)
      << s->second.reason;
  EXPECT_NE(s->second.alert_id, 0);
  auto n = got.find({"cp-Sertal Trading OOO", "test_list:3"});
  ASSERT_NE(n, got.end());
  EXPECT_EQ(n->second.kind, "new_hit");
  EXPECT_NE(n->second.reason.find("added to RUSSIA-EO14024 on 2024-05-01"), std::string::npos)
      << n->second.reason;
  EXPECT_FALSE(got.count({"cp-Rosneft Oil Company", "test_list:1"}));
  EXPECT_TRUE(store->VerifyAudit()->ok);
}

const std::vector<std::pair<const char*, void (*)(const Backend&)>> kScenarios = {
    {"Migrations", &Migrations},
    {"ScreeningRaisesAlerts", &ScreeningRaisesAlerts},
    {"FourEyes", &FourEyes},
    {"AllowListReAlertsOnChange", &AllowListReAlertsOnChange},
    {"AuditTamperDetection", &AuditTamperDetection},
    {"DeltaRescreen", &DeltaRescreen},
};

// --- SQLite --------------------------------------------------------------------

class SqliteBackend {
 public:
  SqliteBackend() {
    char tmpl[] = "/tmp/chokepoint-casework-XXXXXX";
    dir_ = mkdtemp(tmpl);
    backend_.name = "sqlite";
    backend_.fresh_url = [this] { return dir_ + "/cw" + std::to_string(++n_) + ".sqlite"; };
    backend_.raw = [](const std::string& url) { return casework::OpenSqlite(url); };
  }
  ~SqliteBackend() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  const Backend& backend() const { return backend_; }

 private:
  std::string dir_;
  int n_ = 0;
  Backend backend_;
};

TEST(CaseworkSqlite, Migrations) { Migrations(SqliteBackend().backend()); }
TEST(CaseworkSqlite, ScreeningRaisesAlerts) { ScreeningRaisesAlerts(SqliteBackend().backend()); }
TEST(CaseworkSqlite, FourEyes) { FourEyes(SqliteBackend().backend()); }
TEST(CaseworkSqlite, AllowListReAlertsOnChange) {
  AllowListReAlertsOnChange(SqliteBackend().backend());
}
TEST(CaseworkSqlite, AuditTamperDetection) { AuditTamperDetection(SqliteBackend().backend()); }
TEST(CaseworkSqlite, DeltaRescreen) { DeltaRescreen(SqliteBackend().backend()); }

TEST(CaseworkSqlite, DurableSettings) {
  SqliteBackend sb;
  std::string url = sb.backend().fresh_url();
  auto store = OpenOrDie(url);
  auto db = casework::OpenSqlite(url);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ((*(*db)->Query("PRAGMA journal_mode", {}))[0].S(0), "wal");
  EXPECT_EQ((*(*db)->Query("PRAGMA synchronous", {}))[0].I(0), 2);  // FULL
}

TEST(CaseworkSqlite, CompactApiScreenings) {
  SqliteBackend sb;
  auto store = OpenOrDie(sb.backend().fresh_url());
  ASSERT_TRUE(store);
  auto snap = MakeSnapshot({MakeEntity("1", Schema::kCompany, "Rosneft Oil Company", {"X"}),
                            MakeEntity("2", Schema::kCompany, "Rosneft Trading SA", {"X"})},
                           "2024-05-03");
  auto screener = Screener::Build(snap);
  ScreenQuery q;
  q.name = "Rosneft Oil Company";
  q.threshold = 0.1;
  auto r = screener->Screen(q);
  ASSERT_TRUE(r.ok());
  ASSERT_GE(r->hits.size(), 2u);
  ASSERT_GE(r->hits[0].score, 0.95);
  ASSERT_LT(r->hits[1].score, 0.95);
  ScreeningInput in = MakeCompactScreeningInput(q, *r, 0.95);
  in.purpose = "api";
  auto out = store->RecordScreening(in);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->alert_ids.size(), 1u);  // only the strong hit
  auto d = store->GetAlert(out->alert_ids[0]);
  ASSERT_EQ(d->hits.size(), 1u);
  EXPECT_NE(d->hits[0].explanation_json.find("\"explanation\""), std::string::npos);
  // Ad-hoc screenings are not a party's baseline for re-screening.
  int64_t sid = -1;
  EXPECT_TRUE(store->LatestHits(q.name, &sid)->empty());
  EXPECT_EQ(sid, 0);
  auto audit = store->ListAudit(0, 10);
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_NE((*audit)[0].record_json.find("Rosneft Trading SA"), std::string::npos);
  EXPECT_TRUE(store->VerifyAudit()->ok);
}

TEST(Casework, DecisionNamesAndBands) {
  for (auto k : {DecisionKind::kTrueMatch, DecisionKind::kFalsePositive, DecisionKind::kEscalate,
                 DecisionKind::kNeedMoreInformation}) {
    EXPECT_EQ(ParseDecision(DecisionName(k)), k);
  }
  EXPECT_FALSE(ParseDecision("maybe"));
  EXPECT_EQ(ScoreBand(0.70), 0);
  EXPECT_EQ(ScoreBand(0.86), 1);
  EXPECT_EQ(ScoreBand(0.95), 2);
}

// --- PostgreSQL ------------------------------------------------------------------

int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

std::string PgBinDir() {
  if (const char* env = std::getenv("CHOKEPOINT_PG_BIN")) return env;
  return "/usr/lib/postgresql/15/bin";
}

// A PostgreSQL cluster in a temporary folder, listening on 127.0.0.1 only.
class PgCluster {
 public:
  PgCluster() {
    std::string bin = PgBinDir();
    if (!fs::exists(bin + "/initdb") || !fs::exists(bin + "/pg_ctl")) {
      skip_ = "PostgreSQL server binaries not found in " + bin +
              " (install postgresql-15, or set CHOKEPOINT_PG_BIN)";
      return;
    }
    char tmpl[] = "/tmp/chokepoint-pg-XXXXXX";
    dir_ = mkdtemp(tmpl);
    // The server refuses to run as root: run it as the postgres user then.
    if (geteuid() == 0) {
      passwd* pw = getpwnam("postgres");
      if (pw == nullptr) {
        skip_ = "running as root and there is no 'postgres' user to run the server as";
        return;
      }
      if (chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
        skip_ = "cannot hand " + dir_ + " to the postgres user";
        return;
      }
      as_ = "runuser -u postgres -- ";
    }
    port_ = FreePort();
    std::string data = dir_ + "/data";
    std::string log = dir_ + "/log.txt";
    std::string init = as_ + bin + "/initdb -D " + data +
                       " -U postgres --auth=trust -E UTF8 --no-locale > " + log + " 2>&1";
    if (std::system(init.c_str()) != 0) {
      error_ = "initdb failed; see " + log;
      return;
    }
    std::string start = as_ + bin + "/pg_ctl -D " + data + " -l " + dir_ +
                        "/server.log -w -t 60 -o \"-p " + std::to_string(port_) + " -k " + dir_ +
                        " -c listen_addresses=127.0.0.1 -c fsync=on\" start >> " + log + " 2>&1";
    if (std::system(start.c_str()) != 0) {
      error_ = "pg_ctl start failed; see " + dir_ + "/server.log";
      return;
    }
    started_ = true;
  }
  ~PgCluster() {
    if (started_) {
      std::string stop =
          as_ + PgBinDir() + "/pg_ctl -D " + dir_ + "/data -m fast -w stop > /dev/null 2>&1";
      (void)std::system(stop.c_str());
    }
    if (!dir_.empty()) {
      std::error_code ec;
      fs::remove_all(dir_, ec);
    }
  }
  const std::string& skip() const { return skip_; }
  const std::string& error() const { return error_; }
  std::string Url(const std::string& db) const {
    return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + db;
  }
  // Creates a new empty database and returns its URL.
  std::string FreshDatabase() {
    std::string name = "cw" + std::to_string(++n_);
    auto admin = casework::OpenPostgres(Url("postgres"));
    EXPECT_TRUE(admin.ok()) << admin.status().ToString();
    if (admin.ok()) EXPECT_TRUE((*admin)->ExecScript("CREATE DATABASE " + name).ok());
    return Url(name);
  }

 private:
  std::string dir_, as_, skip_, error_;
  int port_ = 0;
  int n_ = 0;
  bool started_ = false;
};

TEST(CaseworkPostgres, AllScenarios) {
  PgCluster pg;
  if (!pg.skip().empty()) GTEST_SKIP() << pg.skip();
  ASSERT_TRUE(pg.error().empty()) << pg.error();
  Backend b;
  b.name = "postgresql";
  b.fresh_url = [&pg] { return pg.FreshDatabase(); };
  b.raw = [](const std::string& url) { return casework::OpenPostgres(url); };
  {
    auto store = OpenOrDie(b.fresh_url());
    ASSERT_TRUE(store);
    EXPECT_EQ(store->backend(), "postgresql");
  }
  for (const auto& [name, fn] : kScenarios) {
    SCOPED_TRACE(name);
    fn(b);
  }
}

}  // namespace
}  // namespace chokepoint
