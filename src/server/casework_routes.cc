// Casework routes of `chokepoint serve`: alerts, decisions (four-eyes), the
// allow-list, counterparties, delta re-screening and the audit trail.
//
// A start-up hook opens the casework store (--db URL, else
// DATA/casework.sqlite), keeps it in the service context as "casework",
// records every API screening in the audit trail (through a background
// writer that commits them in batches, so screening requests do not wait
// for a disk flush each) and re-screens the stored counterparties when a
// list update swaps in a new snapshot. Decisions are written synchronously:
// a 200 answer means the decision is on disk.

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <iostream>
#include <mutex>
#include <thread>

#include "chokepoint/casework.h"
#include "io/json_writer.h"
#include "io/strings.h"
#include "server/api_util.h"
#include "server/router.h"

namespace chokepoint::server {
namespace {

constexpr size_t kMaxNoteBytes = 10000;
constexpr size_t kMaxParties = 10000;
constexpr size_t kMaxQueue = 50000;
// Ad-hoc API screenings raise alerts for hits scoring at least this (the
// band docs/scoring.md calibrates as a near-certain match); every screening
// is audited whatever its scores.
constexpr double kApiAlertThreshold = 0.95;

// Writes API screenings to the store in batches on its own thread.
class ScreeningRecorder {
 public:
  explicit ScreeningRecorder(std::shared_ptr<CaseStore> store) : store_(std::move(store)) {
    std::thread([this] { Loop(); }).detach();
  }

  // Waits (at most `seconds`) until every queued screening is written.
  void Drain(int seconds) {
    std::unique_lock<std::mutex> lock(mu_);
    idle_.wait_for(lock, std::chrono::seconds(seconds),
                   [this] { return queue_.empty() && !writing_; });
  }

  void Add(ScreeningInput in) {
    std::unique_lock<std::mutex> lock(mu_);
    space_.wait(lock, [this] { return queue_.size() < kMaxQueue; });
    queue_.push_back(std::move(in));
    ready_.notify_one();
  }

 private:
  void Loop() {
    for (;;) {
      std::vector<ScreeningInput> batch;
      {
        std::unique_lock<std::mutex> lock(mu_);
        writing_ = false;
        idle_.notify_all();
        ready_.wait(lock, [this] { return !queue_.empty(); });
        writing_ = true;
        size_t n = std::min<size_t>(queue_.size(), 2000);
        batch.assign(std::make_move_iterator(queue_.begin()),
                     std::make_move_iterator(queue_.begin() + static_cast<long>(n)));
        queue_.erase(queue_.begin(), queue_.begin() + static_cast<long>(n));
        space_.notify_all();
      }
      auto out = store_->RecordScreenings(batch);
      if (!out.ok()) {
        std::cerr << "serve: casework: recording " << batch.size()
                  << " screenings failed: " << out.status().ToString() << "\n";
      }
    }
  }

  std::shared_ptr<CaseStore> store_;
  std::mutex mu_;
  std::condition_variable ready_, space_, idle_;
  bool writing_ = false;
  std::deque<ScreeningInput> queue_;
};

std::shared_ptr<CaseStore> Store(ServiceContext& ctx) {
  return ctx.GetExtension<CaseStore>("casework");
}

Response CaseworkError(const Status& st) {
  switch (st.code()) {
    case StatusCode::kNotFound:
      return ErrorResponse(404, "not_found", st.message());
    case StatusCode::kInvalidArgument:
    case StatusCode::kParseError:
      return ErrorResponse(400, "invalid_argument", st.message());
    case StatusCode::kFailedPrecondition:
      return ErrorResponse(409, st.message().rfind("four-eyes", 0) == 0 ? "four_eyes" : "conflict",
                           st.message());
    default:
      return ErrorResponse(500, "internal", st.message());
  }
}

Response NoStore() { return ErrorResponse(503, "unavailable", "the casework store is not open"); }

// A non-negative integer query parameter, or `fallback`.
Result<int64_t> IntParam(const Request& req, const char* name, int64_t fallback, int64_t max) {
  auto v = req.QueryParam(name);
  if (!v || v->empty()) return fallback;
  if (!io::IsDigits(*v) || v->size() > 15) {
    return Status::InvalidArgument(std::string(name) + ": a whole number, not '" + *v + "'");
  }
  int64_t n = std::stoll(*v);
  if (n > max)
    return Status::InvalidArgument(std::string(name) + ": at most " + std::to_string(max));
  return n;
}

Result<int64_t> PathId(const Request& req) {
  const std::string& id = req.Param("id");
  if (!io::IsDigits(id) || id.empty() || id.size() > 15) {
    return Status::InvalidArgument("alert id '" + id + "' is not a number");
  }
  return std::stoll(id);
}

Response ListAlerts(const Request& req, const Principal&, ServiceContext& ctx) {
  auto store = Store(ctx);
  if (!store) return NoStore();
  std::string status = req.QueryParam("status").value_or("open");
  auto limit = IntParam(req, "limit", 100, 1000);
  if (!limit.ok()) return CaseworkError(limit.status());
  auto offset = IntParam(req, "offset", 0, int64_t{1} << 40);
  if (!offset.ok()) return CaseworkError(offset.status());
  auto alerts = store->ListAlerts(status, *limit, *offset);
  if (!alerts.ok()) return CaseworkError(alerts.status());
  auto total = store->CountAlerts(status);
  if (!total.ok()) return CaseworkError(total.status());
  io::JsonWriter w;
  w.BeginObject();
  w.FieldInt("total", *total);
  w.FieldInt("limit", *limit);
  w.FieldInt("offset", *offset);
  w.Key("alerts");
  w.BeginArray();
  for (const auto& a : *alerts) w.Raw(AlertJson(a, false));
  w.EndArray();
  w.EndObject();
  return JsonResponse(200, w.Take());
}

Response GetAlert(const Request& req, const Principal&, ServiceContext& ctx) {
  auto store = Store(ctx);
  if (!store) return NoStore();
  auto id = PathId(req);
  if (!id.ok()) return CaseworkError(id.status());
  auto d = store->GetAlert(*id);
  if (!d.ok()) return CaseworkError(d.status());
  return JsonResponse(200, AlertDetailJson(*d));
}

Response Decide(const Request& req, const Principal& who, ServiceContext& ctx) {
  auto store = Store(ctx);
  if (!store) return NoStore();
  auto id = PathId(req);
  if (!id.ok()) return CaseworkError(id.status());
  auto body = ParseJsonBody(req);
  if (!body.ok()) return CaseworkError(body.status());
  auto text = GetString(*body, "decision", "");
  if (!text.ok()) return CaseworkError(text.status());
  auto kind = ParseDecision(*text);
  if (!kind) {
    return ErrorResponse(400, "invalid_argument",
                         "decision: use true_match, false_positive, escalate or "
                         "need_more_information");
  }
  auto note = GetString(*body, "note", "");
  if (!note.ok()) return CaseworkError(note.status());
  if (note->size() > kMaxNoteBytes) {
    return ErrorResponse(400, "invalid_argument", "note: at most 10000 bytes");
  }
  auto out = store->Decide(*id, *kind, *note, who.user.empty() ? who.token_id : who.user,
                           std::string(RoleName(who.role)));
  if (!out.ok()) return CaseworkError(out.status());
  io::JsonWriter w;
  w.BeginObject();
  w.Key("decision");
  w.Raw(DecisionJson(out->decision));
  w.Field("status", out->status);
  w.EndObject();
  return JsonResponse(200, w.Take());
}

Response AllowList(const Request& req, const Principal& who, ServiceContext& ctx) {
  auto store = Store(ctx);
  if (!store) return NoStore();
  auto body = ParseJsonBody(req);
  if (!body.ok()) return CaseworkError(body.status());
  auto party = GetString(*body, "party", "");
  if (!party.ok()) return CaseworkError(party.status());
  auto entity_id = GetString(*body, "entity_id", "");
  if (!entity_id.ok()) return CaseworkError(entity_id.status());
  auto note = GetString(*body, "note", "");
  if (!note.ok()) return CaseworkError(note.status());
  if (party->empty() || entity_id->empty()) {
    return ErrorResponse(400, "invalid_argument", "party and entity_id are required");
  }
  size_t colon = entity_id->find(':');
  if (colon == std::string::npos) {
    return ErrorResponse(400, "invalid_argument",
                         "entity_id is SOURCE:SOURCE_ID, e.g. us_ofac_sdn:12345");
  }
  auto screener = ctx.screener();
  const Snapshot& snap = screener->snapshot();
  int64_t i = snap.Find(entity_id->substr(0, colon), entity_id->substr(colon + 1));
  if (i < 0) return ErrorResponse(404, "not_found", "no entity '" + *entity_id + "' in the lists");
  std::string hash = EntityContentHash(snap.entities()[static_cast<size_t>(i)]);
  Status st = store->AllowListAdd(*party, *entity_id, hash, *note, who.user);
  if (!st.ok()) return CaseworkError(st);
  io::JsonWriter w;
  w.BeginObject();
  w.Field("party", *party);
  w.Field("entity_id", *entity_id);
  w.Field("entity_hash", hash);
  w.Field("lists_version", snap.version());
  w.EndObject();
  return JsonResponse(200, w.Take());
}

Response ListAudit(const Request& req, const Principal&, ServiceContext& ctx) {
  auto store = Store(ctx);
  if (!store) return NoStore();
  auto limit = IntParam(req, "limit", 100, 1000);
  if (!limit.ok()) return CaseworkError(limit.status());
  auto after = IntParam(req, "after", 0, int64_t{1} << 60);
  if (!after.ok()) return CaseworkError(after.status());
  auto records = store->ListAudit(*after, *limit);
  if (!records.ok()) return CaseworkError(records.status());
  io::JsonWriter w;
  w.BeginObject();
  w.Key("records");
  w.BeginArray();
  for (const auto& r : *records) w.Raw(AuditRecordJson(r));
  w.EndArray();
  w.FieldInt("next_after", records->empty() ? *after : records->back().seq);
  w.EndObject();
  return JsonResponse(200, w.Take());
}

Response VerifyAudit(const Request&, const Principal&, ServiceContext& ctx) {
  auto store = Store(ctx);
  if (!store) return NoStore();
  auto v = store->VerifyAudit();
  if (!v.ok()) return CaseworkError(v.status());
  return JsonResponse(200, AuditVerifyJson(*v));
}

Result<Counterparty> ParseParty(const nlohmann::json& j, size_t index) {
  std::string where = "parties[" + std::to_string(index) + "]";
  if (!j.is_object()) return Status::InvalidArgument(where + ": an object");
  Counterparty c;
  CHOKEPOINT_ASSIGN_OR_RETURN(c.name, GetString(j, "name", ""));
  if (io::Trim(c.name).empty()) return Status::InvalidArgument(where + ".name is required");
  CHOKEPOINT_ASSIGN_OR_RETURN(c.party, GetString(j, "id", ""));
  CHOKEPOINT_ASSIGN_OR_RETURN(auto schema, GetSchema(j, where + ".schema"));
  if (schema) c.schema = std::string(SchemaName(*schema));
  CHOKEPOINT_ASSIGN_OR_RETURN(c.country, GetString(j, "country", ""));
  CHOKEPOINT_ASSIGN_OR_RETURN(c.dob, GetString(j, "dob", ""));
  if (!c.dob.empty() && !ParsePartialDate(c.dob)) {
    return Status::InvalidArgument(where + ".dob: use YYYY, YYYY-MM or YYYY-MM-DD");
  }
  if (j.contains("ids")) {
    if (!j["ids"].is_array()) return Status::InvalidArgument(where + ".ids: an array of strings");
    for (const auto& v : j["ids"]) {
      if (!v.is_string()) return Status::InvalidArgument(where + ".ids: an array of strings");
      c.identifiers.push_back(v.get<std::string>());
    }
  }
  return c;
}

Response AddCounterparties(const Request& req, const Principal& who, ServiceContext& ctx) {
  auto store = Store(ctx);
  if (!store) return NoStore();
  auto body = ParseJsonBody(req);
  if (!body.ok()) return CaseworkError(body.status());
  std::vector<Counterparty> parties;
  if (body->contains("parties")) {
    const auto& list = (*body)["parties"];
    if (!list.is_array()) return ErrorResponse(400, "invalid_argument", "parties: an array");
    if (list.size() > kMaxParties) {
      return ErrorResponse(413, "too_large", "at most 10000 parties per request");
    }
    for (size_t i = 0; i < list.size(); ++i) {
      auto c = ParseParty(list[i], i);
      if (!c.ok()) return CaseworkError(c.status());
      parties.push_back(std::move(*c));
    }
  } else {
    auto c = ParseParty(*body, 0);
    if (!c.ok()) return CaseworkError(c.status());
    parties.push_back(std::move(*c));
  }
  auto screener = ctx.screener();
  std::vector<ScreeningInput> inputs;
  io::JsonWriter w;
  w.BeginObject();
  w.Key("counterparties");
  w.BeginArray();
  for (auto& c : parties) {
    auto stored = store->UpsertCounterparty(c, who.user);
    if (!stored.ok()) return CaseworkError(stored.status());
    w.Raw(CounterpartyJson(*stored));
    ScreenQuery q;
    q.name = stored->name;
    if (!stored->schema.empty()) q.schema = ParseSchema(stored->schema);
    q.country = stored->country;
    if (!stored->dob.empty()) q.birth_date = ParsePartialDate(stored->dob);
    q.identifiers = stored->identifiers;
    auto r = screener->Screen(q);
    if (!r.ok()) continue;
    ScreeningInput in = MakeScreeningInput(q, *r);
    in.party = stored->party;
    in.party_name = stored->name;
    in.counterparty_id = stored->id;
    in.user = who.user;
    in.purpose = "counterparty";
    inputs.push_back(std::move(in));
  }
  w.EndArray();
  auto out = store->RecordScreenings(inputs);
  if (!out.ok()) return CaseworkError(out.status());
  int64_t alerts = 0;
  for (const auto& o : *out) alerts += static_cast<int64_t>(o.alert_ids.size());
  w.Field("lists_version", screener->snapshot().version());
  w.FieldInt("alerts_raised", alerts);
  w.EndObject();
  return JsonResponse(200, w.Take());
}

Response ListCounterparties(const Request&, const Principal&, ServiceContext& ctx) {
  auto store = Store(ctx);
  if (!store) return NoStore();
  auto list = store->ListCounterparties();
  if (!list.ok()) return CaseworkError(list.status());
  io::JsonWriter w;
  w.BeginObject();
  w.Key("counterparties");
  w.BeginArray();
  for (const auto& c : *list) w.Raw(CounterpartyJson(c));
  w.EndArray();
  w.EndObject();
  return JsonResponse(200, w.Take());
}

Response RunRescreen(const Request&, const Principal& who, ServiceContext& ctx) {
  auto store = Store(ctx);
  if (!store) return NoStore();
  RescreenOptions options;
  options.user = who.user;
  auto screener = ctx.screener();
  auto report = Rescreen(*store, *screener, nullptr, options);
  if (!report.ok()) return CaseworkError(report.status());
  return JsonResponse(200, RescreenReportJson(*report, false));
}

Status OpenCasework(ServiceContext& ctx) {
  std::string url = ctx.db_url.empty() ? DefaultCaseworkUrl(ctx.data_dir) : ctx.db_url;
  auto opened = CaseStore::Open(url);
  if (!opened.ok()) return opened.status().WithContext("casework store");
  std::shared_ptr<CaseStore> store(std::move(*opened));
  ctx.SetExtension("casework", store);
  static ScreeningRecorder* recorder = nullptr;
  recorder = new ScreeningRecorder(store);  // lives until exit with its thread
  // `serve` returns from its command on SIGTERM/SIGINT: write what is queued.
  std::atexit([] { recorder->Drain(120); });
  ctx.on_screen = [](const Principal& who, const ScreenQuery& q, const ScreenResult& r) {
    ScreeningInput in = MakeCompactScreeningInput(q, r, kApiAlertThreshold);
    in.user = who.user;
    in.purpose = "api";
    recorder->Add(std::move(in));
  };
  ctx.on_snapshot_swap.push_back([store](std::shared_ptr<const Screener> old,
                                         std::shared_ptr<const Screener> next) {
    // Re-screen in the background; the old Screener (and its snapshot)
    // is kept alive by the captured pointer.
    std::thread([store, old, next] {
      RescreenOptions options;
      options.user = "list-update";
      auto report = Rescreen(*store, *next, old ? &old->snapshot() : nullptr, options);
      if (!report.ok()) {
        std::cerr << "serve: casework: re-screening failed: " << report.status().ToString() << "\n";
      } else {
        std::cerr << "serve: casework: re-screened " << report->parties
                  << " counterparties against " << report->lists_version << ": "
                  << report->changes.size() << " new or changed hits\n";
      }
    }).detach();
  });
  std::cerr << "serve: casework store " << store->backend() << " ("
            << (ctx.db_url.empty() ? url : std::string("--db")) << ")\n";
  return Status::Ok();
}

}  // namespace

CHOKEPOINT_SERVICE_INIT(casework, &OpenCasework);
CHOKEPOINT_ROUTE(alerts_list, {"GET", "/v1/alerts", Role::kViewer, &ListAlerts});
CHOKEPOINT_ROUTE(alerts_get, {"GET", "/v1/alerts/{id}", Role::kViewer, &GetAlert});
CHOKEPOINT_ROUTE(alerts_decide, {"POST", "/v1/alerts/{id}/decisions", Role::kAnalyst, &Decide});
CHOKEPOINT_ROUTE(allowlist_add, {"POST", "/v1/allowlist", Role::kReviewer, &AllowList});
CHOKEPOINT_ROUTE(audit_list, {"GET", "/v1/audit", Role::kViewer, &ListAudit});
CHOKEPOINT_ROUTE(audit_verify, {"GET", "/v1/audit/verify", Role::kViewer, &VerifyAudit});
CHOKEPOINT_ROUTE(counterparties_add,
                 {"POST", "/v1/counterparties", Role::kAnalyst, &AddCounterparties});
CHOKEPOINT_ROUTE(counterparties_list,
                 {"GET", "/v1/counterparties", Role::kViewer, &ListCounterparties});
CHOKEPOINT_ROUTE(rescreen, {"POST", "/v1/rescreen", Role::kAdmin, &RunRescreen});

}  // namespace chokepoint::server
