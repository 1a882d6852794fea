// The service's own routes: health, metrics, the OpenAPI document,
// screening, comparison, goods classification, lists and entities.
// See docs/service.md for the contract of each.

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "chokepoint/goods.h"
#include "chokepoint/screen.h"
#include "chokepoint/snapshot.h"
#include "cli/json_views.h"
#include "io/file.h"
#include "io/json_writer.h"
#include "io/memory.h"
#include "io/strings.h"
#include "server/api_util.h"
#include "server/router.h"
#include "server/screen_cache.h"
#include "server/service.h"
#include "snapshot/entity_json.h"
#include "snapshot/update.h"

namespace chokepoint::server {
namespace {

// The OpenAPI document, embedded from src/server/openapi.json.
extern "C" const char chokepoint_openapi_start[];
extern "C" const char chokepoint_openapi_end[];
asm(".section .rodata\n"
    ".global chokepoint_openapi_start\n"
    ".global chokepoint_openapi_end\n"
    "chokepoint_openapi_start:\n"
    ".incbin \"" CHOKEPOINT_SERVER_OPENAPI
    "\"\n"
    "chokepoint_openapi_end:\n"
    ".byte 0\n"
    ".previous\n");

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// "YYYY-MM-DDTHH:MM:SSZ" as seconds since the epoch, or -1.
int64_t ParseUtc(const std::string& s) {
  std::tm tm{};
  if (s.size() < 19 || strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm) == nullptr) return -1;
  return static_cast<int64_t>(timegm(&tm));
}

Response Healthz(const Request&, const Principal&, ServiceContext& ctx) {
  auto s = ctx.screener();
  io::JsonWriter w;
  w.BeginObject();
  w.Field("status", s ? "ok" : "starting");
  w.Field("lists_version", s ? s->snapshot().version() : "");
  w.Key("entities");
  w.UInt(s ? s->snapshot().entities().size() : 0);
  w.EndObject();
  return JsonResponse(s ? 200 : 503, w.Take());
}

Response MetricsRoute(const Request&, const Principal&, ServiceContext& ctx) {
  Response r;
  r.content_type = "text/plain; version=0.0.4; charset=utf-8";
  if (Service* svc = Service::Current()) r.body = svc->metrics().Render();
  auto s = ctx.screener();
  if (s) {
    const Snapshot& snap = s->snapshot();
    int64_t created = ParseUtc(snap.created());
    r.body +=
        "# HELP chokepoint_snapshot_age_seconds Seconds since the served list snapshot was "
        "created.\n# TYPE chokepoint_snapshot_age_seconds gauge\n";
    r.body += "chokepoint_snapshot_age_seconds " +
              std::to_string(created < 0 ? 0 : NowSeconds() - created) + "\n";
    r.body +=
        "# HELP chokepoint_snapshot_entities Listed entities in the served snapshot.\n"
        "# TYPE chokepoint_snapshot_entities gauge\n";
    r.body += "chokepoint_snapshot_entities " + std::to_string(snap.entities().size()) + "\n";
    r.body +=
        "# HELP chokepoint_snapshot_served_seconds Seconds since the served snapshot was "
        "swapped in.\n# TYPE chokepoint_snapshot_served_seconds gauge\n";
    r.body += "chokepoint_snapshot_served_seconds " +
              std::to_string(NowSeconds() - ctx.screener_since()) + "\n";
    r.body +=
        "# HELP chokepoint_snapshot_info The served snapshot's version.\n"
        "# TYPE chokepoint_snapshot_info gauge\n";
    r.body += "chokepoint_snapshot_info{version=\"" + PromLabel(snap.version()) + "\"} 1\n";
  }
  return r;
}

Response OpenApi(const Request&, const Principal&, ServiceContext&) {
  Response r;
  r.body.assign(chokepoint_openapi_start,
                static_cast<size_t>(chokepoint_openapi_end - chokepoint_openapi_start));
  return r;
}

// Screens `q` with `screener`, or returns the cached answer to the same
// question; either way the on_screen hook sees it.
Result<std::shared_ptr<const CachedScreen>> ScreenOnce(ServiceContext& ctx, const Principal& who,
                                                       std::shared_ptr<const Screener> screener,
                                                       ScreenQuery q) {
  std::string key;
  if (ctx.screen_cache) {
    key = ScreenCache::Key(q);
    if (auto hit = ctx.screen_cache->Get(key, screener.get())) {
      if (ctx.on_screen) ctx.on_screen(who, hit->query, hit->result);
      return hit;
    }
  }
  CHOKEPOINT_ASSIGN_OR_RETURN(ScreenResult result, screener->Screen(q));
  auto entry = std::make_shared<CachedScreen>();
  io::JsonWriter w;
  cli::WriteScreenJson(w, q, result);
  entry->json = w.Take();
  entry->screener = std::move(screener);
  entry->query = std::move(q);
  entry->result = std::move(result);
  if (ctx.on_screen) ctx.on_screen(who, entry->query, entry->result);
  if (ctx.screen_cache) ctx.screen_cache->Put(key, entry);
  return std::shared_ptr<const CachedScreen>(std::move(entry));
}

Response Screen(const Request& req, const Principal& who, ServiceContext& ctx) {
  auto body = ParseJsonBody(req);
  if (!body.ok()) return StatusResponse(body.status());
  auto screener = ctx.screener();
  auto q = ParseScreenRequest(*body, screener->snapshot(), "");
  if (!q.ok()) return StatusResponse(q.status());
  auto answer = ScreenOnce(ctx, who, std::move(screener), std::move(*q));
  if (!answer.ok()) return StatusResponse(answer.status());
  return JsonResponse(200, (*answer)->json);
}

Response ScreenBatch(const Request& req, const Principal& who, ServiceContext& ctx) {
  auto body = ParseJsonBody(req);
  if (!body.ok()) return StatusResponse(body.status());
  auto it = body->find("queries");
  if (it == body->end() || !it->is_array()) {
    return ErrorResponse(400, "invalid_argument", "the body needs \"queries\": [ScreenRequest...]");
  }
  if (it->size() > kMaxBatch) {
    return ErrorResponse(413, "batch_too_large",
                         "a batch holds at most " + std::to_string(kMaxBatch) + " queries; got " +
                             std::to_string(it->size()));
  }
  if (it->empty()) return ErrorResponse(400, "invalid_argument", "\"queries\" is empty");
  auto screener = ctx.screener();
  std::vector<ScreenQuery> queries;
  queries.reserve(it->size());
  for (size_t i = 0; i < it->size(); ++i) {
    auto q =
        ParseScreenRequest((*it)[i], screener->snapshot(), "queries[" + std::to_string(i) + "]");
    if (!q.ok()) return StatusResponse(q.status());
    queries.push_back(std::move(*q));
  }
  io::JsonWriter w;
  w.BeginObject();
  w.Key("results");
  w.BeginArray();
  for (size_t i = 0; i < queries.size(); ++i) {
    auto answer = ScreenOnce(ctx, who, screener, std::move(queries[i]));
    if (!answer.ok()) {
      return StatusResponse(answer.status().WithContext("queries[" + std::to_string(i) + "]"));
    }
    w.Raw((*answer)->json);
  }
  w.EndArray();
  w.EndObject();
  return JsonResponse(200, w.Take());
}

Response Compare(const Request& req, const Principal&, ServiceContext&) {
  auto body = ParseJsonBody(req);
  if (!body.ok()) return StatusResponse(body.status());
  auto n1 = GetString(*body, "name1", "");
  auto n2 = GetString(*body, "name2", "");
  if (!n1.ok()) return StatusResponse(n1.status());
  if (!n2.ok()) return StatusResponse(n2.status());
  for (const auto& [name, field] : {std::pair{&*n1, "name1"}, std::pair{&*n2, "name2"}}) {
    if (io::Trim(*name).empty()) {
      return ErrorResponse(400, "invalid_argument", std::string(field) + " is required");
    }
    if (name->size() > kMaxNameBytes) {
      return ErrorResponse(400, "invalid_argument",
                           std::string(field) + " is longer than 1,024 bytes");
    }
  }
  auto schema = GetSchema(*body, "");
  if (!schema.ok()) return StatusResponse(schema.status());
  CompareResult r = CompareNames(*n1, *n2, *schema);
  io::JsonWriter w;
  cli::WriteCompareResultJson(w, *n1, *n2, *schema, r);
  return JsonResponse(200, w.Take());
}

Response Classify(const Request& req, const Principal&, ServiceContext&) {
  auto body = ParseJsonBody(req);
  if (!body.ok()) return StatusResponse(body.status());
  auto text = GetString(*body, "text", "");
  if (!text.ok()) return StatusResponse(text.status());
  if (io::Trim(*text).empty()) return ErrorResponse(400, "invalid_argument", "text is required");
  if (text->size() > 64 * 1024) {
    return ErrorResponse(413, "text_too_large", "text is longer than 65,536 bytes");
  }
  goods::ClassifyOptions options;
  if (auto top = body->find("top"); top != body->end()) {
    if (!top->is_number_integer() || top->get<int64_t>() < 1 || top->get<int64_t>() > 100) {
      return ErrorResponse(400, "invalid_argument", "top must be a whole number from 1 to 100");
    }
    options.top_k = static_cast<size_t>(top->get<int64_t>());
  }
  return JsonResponse(200, cli::CandidatesJson(*text, goods::ClassifyGoods(*text, options)));
}

Response ListsInfo(const Request&, const Principal&, ServiceContext& ctx) {
  io::JsonWriter w;
  cli::WriteSnapshotInfoJson(w, ctx.screener()->snapshot());
  return JsonResponse(200, w.Take());
}

std::string SnapshotsDir(const ServiceContext& ctx) { return ctx.data_dir + "/snapshots"; }

bool ValidVersionName(const std::string& v) {
  if (v.empty() || v.size() > 128) return false;
  for (char c : v) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) {
      return false;
    }
  }
  return v.find("..") == std::string::npos;
}

Response ListsVersions(const Request&, const Principal&, ServiceContext& ctx) {
  namespace fs = std::filesystem;
  const Snapshot& current = ctx.screener()->snapshot();
  struct Entry {
    std::string version, modified;
    uint64_t bytes;
  };
  std::vector<Entry> entries;
  std::error_code ec;
  for (const auto& de : fs::directory_iterator(SnapshotsDir(ctx), ec)) {
    if (!de.is_regular_file() || de.path().extension() != ".snap") continue;
    entries.push_back({de.path().stem().string(), io::FileModifiedUtc(de.path().string()),
                       static_cast<uint64_t>(de.file_size(ec))});
  }
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.modified > b.modified; });
  io::JsonWriter w;
  w.BeginObject();
  w.Field("current", current.version());
  w.Field("current_created", current.created());
  w.Key("versions");
  w.BeginArray();
  bool current_listed = false;
  for (const auto& e : entries) {
    w.BeginObject();
    w.Field("version", e.version);
    w.Field("modified", e.modified);
    w.Key("bytes");
    w.UInt(e.bytes);
    w.Key("current");
    w.Bool(e.version == current.version());
    current_listed |= e.version == current.version();
    w.EndObject();
  }
  if (!current_listed) {
    w.BeginObject();
    w.Field("version", current.version());
    w.Field("modified", current.created());
    w.Key("bytes");
    w.Null();
    w.Key("current");
    w.Bool(true);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return JsonResponse(200, w.Take());
}

// "current" (or the current version) is the served snapshot; any other
// version is DATA/snapshots/<version>.snap.
Result<std::shared_ptr<const Snapshot>> OpenVersion(const ServiceContext& ctx,
                                                    const std::string& version,
                                                    std::shared_ptr<const Screener> screener) {
  if (version == "current" || version == screener->snapshot().version()) {
    // Share the screener's snapshot: a Screener keeps it alive.
    return std::shared_ptr<const Snapshot>(screener, &screener->snapshot());
  }
  if (!ValidVersionName(version)) {
    return Status::InvalidArgument("bad snapshot version '" + version + "'");
  }
  std::string path = SnapshotsDir(ctx) + "/" + version + ".snap";
  if (!io::FileExists(path)) {
    return Status::NotFound("no snapshot version '" + version + "' (see /v1/lists/versions)");
  }
  return Snapshot::Load(path);
}

Response ListsDiff(const Request& req, const Principal&, ServiceContext& ctx) {
  auto from = req.QueryParam("from");
  auto to = req.QueryParam("to");
  if (!from || from->empty()) {
    return ErrorResponse(400, "invalid_argument", "give ?from=VERSION&to=VERSION");
  }
  std::string to_v = to && !to->empty() ? *to : "current";
  auto screener = ctx.screener();
  auto older = OpenVersion(ctx, *from, screener);
  if (!older.ok()) return StatusResponse(older.status());
  auto newer = OpenVersion(ctx, to_v, screener);
  if (!newer.ok()) return StatusResponse(newer.status());
  SnapshotDiff diff = DiffSnapshots(**older, **newer);
  io::JsonWriter w;
  cli::WriteDiffJson(w, (*older)->version(), (*newer)->version(), diff);
  return JsonResponse(200, w.Take());
}

Response GetEntity(const Request& req, const Principal&, ServiceContext& ctx) {
  const std::string& id = req.Param("id");
  size_t colon = id.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == id.size()) {
    return ErrorResponse(400, "invalid_argument",
                         "an entity id is SOURCE:SOURCE_ID, e.g. us_ofac_sdn:12345");
  }
  auto screener = ctx.screener();
  const Snapshot& snap = screener->snapshot();
  std::string source = id.substr(0, colon), source_id = id.substr(colon + 1);
  int64_t i = snap.Find(source, source_id);
  if (i < 0) return ErrorResponse(404, "not_found", "no entity '" + id + "' in the lists");
  const Entity& e = snap.entities()[static_cast<size_t>(i)];
  io::JsonWriter w;
  w.BeginObject();
  w.Field("id", id);
  w.Field("snapshot", snap.version());
  w.Key("entity");
  WriteEntityJson(w, e);
  // Relations resolved to listed entities of the same source where the
  // publisher gave the target's id.
  w.Key("related");
  w.BeginArray();
  for (const auto& rel : e.relations) {
    w.BeginObject();
    w.Field("relation", RelationKindName(rel.kind));
    w.Field("name", rel.target_name);
    int64_t t = rel.target_id.empty() ? -1 : snap.Find(source, rel.target_id);
    w.Key("id");
    if (t >= 0) {
      w.String(source + ":" + rel.target_id);
    } else {
      w.Null();
    }
    if (t >= 0) {
      const Entity& te = snap.entities()[static_cast<size_t>(t)];
      w.Field("caption", te.caption());
      w.Field("schema", SchemaName(te.schema));
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return JsonResponse(200, w.Take());
}

// --- list update in the background -------------------------------------------

struct UpdateJob {
  std::mutex mu;
  bool running = false;
  std::string state = "idle";  // idle, running, succeeded, failed
  std::string started, finished, message, version, mode;
};

UpdateJob& Job() {
  static UpdateJob* job = new UpdateJob();  // outlives detached threads
  return *job;
}

void WriteJob(io::JsonWriter& w, UpdateJob& job) {
  w.BeginObject();
  w.Field("state", job.state);
  w.Field("mode", job.mode);
  w.Field("started", job.started);
  w.Field("finished", job.finished);
  w.Field("message", job.message);
  w.Field("version", job.version);
  w.EndObject();
}

void Publish(ServiceContext& ctx, std::shared_ptr<const Snapshot> snap) {
  auto next = Screener::Build(std::move(snap));
  io::BackHeapWithHugePages();  // the new screener's memory (io/memory.h)
  auto old = ctx.screener();
  ctx.SetScreener(next);
  for (const auto& hook : ctx.on_snapshot_swap) hook(old, next);
}

Response ListsUpdate(const Request& req, const Principal&, ServiceContext& ctx) {
  nlohmann::json body = nlohmann::json::object();
  if (!io::Trim(req.body).empty()) {
    auto parsed = ParseJsonBody(req);
    if (!parsed.ok()) return StatusResponse(parsed.status());
    body = std::move(*parsed);
  }
  auto mode = GetString(body, "mode", "");
  if (!mode.ok()) return StatusResponse(mode.status());
  std::string m = mode->empty() ? "fetch" : *mode;
  if (m != "fetch" && m != "reload") {
    return ErrorResponse(400, "invalid_argument", "mode is \"fetch\" or \"reload\"");
  }
  auto config_text = GetString(body, "config", "");
  if (!config_text.ok()) return StatusResponse(config_text.status());
  UpdateConfig config;
  if (m == "fetch") {
    auto c = config_text->empty()
                 ? ParseUpdateConfig(DefaultUpdateConfigText(), "<built-in config>")
                 : ParseUpdateConfig(*config_text, "config");
    if (!c.ok()) return StatusResponse(c.status());
    config = std::move(*c);
  }
  UpdateJob& job = Job();
  {
    std::lock_guard<std::mutex> lock(job.mu);
    if (job.running) {
      io::JsonWriter w;
      WriteJob(w, job);
      Response r = ErrorResponse(409, "update_running", "a list update is already running");
      return r;
    }
    job.running = true;
    job.state = "running";
    job.mode = m;
    job.started = io::NowUtc();
    job.finished.clear();
    job.message.clear();
    job.version.clear();
  }
  ServiceContext* c = &ctx;
  std::thread([c, m, config = std::move(config)] {
    std::string message, version;
    bool ok = false;
    if (m == "reload") {
      std::string path =
          c->snapshot_path.empty() ? c->data_dir + "/current.snap" : c->snapshot_path;
      auto snap = Snapshot::Load(path);
      if (snap.ok()) {
        version = (*snap)->version();
        if (version == c->screener()->snapshot().version()) {
          message = "unchanged";
        } else {
          Publish(*c, *snap);
          message = "reloaded " + path;
        }
        ok = true;
      } else {
        message = snap.status().ToString();
      }
    } else {
      UpdateOptions options;
      options.home = c->data_dir;
      options.quiet = true;
      options.created = io::NowUtc();
      std::ostringstream log;
      auto result = UpdateLists(config, options, log);
      if (result.ok()) {
        version = result->snapshot->version();
        if (result->unchanged && version == c->screener()->snapshot().version()) {
          message = "unchanged";
        } else {
          Publish(*c, result->snapshot);
          message = "published " + version;
        }
        ok = true;
      } else {
        message = result.status().ToString();
      }
    }
    UpdateJob& j = Job();
    std::lock_guard<std::mutex> lock(j.mu);
    j.running = false;
    j.state = ok ? "succeeded" : "failed";
    j.finished = io::NowUtc();
    j.message = message;
    j.version = version;
  }).detach();
  io::JsonWriter w;
  {
    std::lock_guard<std::mutex> lock(job.mu);
    WriteJob(w, job);
  }
  return JsonResponse(202, w.Take());
}

Response ListsUpdateStatus(const Request&, const Principal&, ServiceContext&) {
  io::JsonWriter w;
  UpdateJob& job = Job();
  std::lock_guard<std::mutex> lock(job.mu);
  WriteJob(w, job);
  return JsonResponse(200, w.Take());
}

}  // namespace

CHOKEPOINT_ROUTE(healthz, {"GET", "/healthz", Role::kPublic, &Healthz});
CHOKEPOINT_ROUTE(metrics, {"GET", "/metrics", Role::kViewer, &MetricsRoute});
CHOKEPOINT_ROUTE(openapi, {"GET", "/openapi.json", Role::kPublic, &OpenApi});
CHOKEPOINT_ROUTE(screen, {"POST", "/v1/screen", Role::kAnalyst, &Screen});
CHOKEPOINT_ROUTE(screen_batch, {"POST", "/v1/screen/batch", Role::kAnalyst, &ScreenBatch});
CHOKEPOINT_ROUTE(compare, {"POST", "/v1/compare", Role::kAnalyst, &Compare});
CHOKEPOINT_ROUTE(classify, {"POST", "/v1/classify", Role::kAnalyst, &Classify});
CHOKEPOINT_ROUTE(lists, {"GET", "/v1/lists", Role::kViewer, &ListsInfo});
CHOKEPOINT_ROUTE(lists_versions, {"GET", "/v1/lists/versions", Role::kViewer, &ListsVersions});
CHOKEPOINT_ROUTE(lists_diff, {"GET", "/v1/lists/diff", Role::kViewer, &ListsDiff});
CHOKEPOINT_ROUTE(lists_update, {"POST", "/v1/lists/update", Role::kAdmin, &ListsUpdate});
CHOKEPOINT_ROUTE(lists_update_status,
                 {"GET", "/v1/lists/update", Role::kViewer, &ListsUpdateStatus});
CHOKEPOINT_ROUTE(entity, {"GET", "/v1/entities/{id}", Role::kViewer, &GetEntity});

}  // namespace chokepoint::server
