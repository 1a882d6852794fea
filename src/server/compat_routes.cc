// Compatibility routes, so that existing clients work unchanged:
//
// POST /match/{dataset}: the OpenSanctions yente matching API. The body is
//   {"queries": {"KEY": {"schema": "Person", "properties": {"name": [...],
//   "birthDate": [...], "nationality": [...], "idNumber": [...], ...}}}};
//   the answer is {"responses": {"KEY": {"status": 200, "results": [{"id",
//   "caption", "schema", "properties", "datasets", "score", "match",
//   "features", ...}], "total": {...}, "query": {...}}}, "limit": N}.
//   `dataset` is "default" (or "sanctions") for every source, or one source
//   id. Query parameters: limit (default 5), threshold (default 0.70: a
//   result "match"es at or above it) and cutoff (results below it are left
//   out; default the threshold).
//
// GET|POST /reconcile: the W3C Reconciliation Service API as OpenRefine
//   speaks it: without "queries" the service manifest; with a "queries"
//   form field (or a JSON body with "queries") a batch of {"query", "type",
//   "limit", "properties": [{"pid", "v"}]} answered with
//   {"KEY": {"result": [{"id", "name", "type", "score" (0-100), "match"}]}}.

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "chokepoint/screen.h"
#include "io/json_writer.h"
#include "io/strings.h"
#include "server/api_util.h"
#include "server/http.h"
#include "server/router.h"

namespace chokepoint::server {
namespace {

constexpr size_t kMaxCompatQueries = 1000;

// FtM schema names <-> ours.
std::optional<Schema> FtmSchema(std::string_view ftm) {
  if (ftm == "Person") return Schema::kPerson;
  if (ftm == "Company") return Schema::kCompany;
  if (ftm == "Organization") return Schema::kOrganization;
  if (ftm == "Vessel") return Schema::kVessel;
  if (ftm == "Airplane") return Schema::kAircraft;
  return std::nullopt;  // Thing, LegalEntity, ...: any
}

std::string FtmSchemaName(Schema s) {
  switch (s) {
    case Schema::kPerson:
      return "Person";
    case Schema::kCompany:
      return "Company";
    case Schema::kOrganization:
      return "Organization";
    case Schema::kVessel:
      return "Vessel";
    case Schema::kAircraft:
      return "Airplane";
    default:
      return "LegalEntity";
  }
}

std::string EntityId(const Entity& e) { return e.source + ":" + e.source_id; }

// Strings of a yente properties value (a string or an array of strings).
std::vector<std::string> PropValues(const nlohmann::json& props, const char* key) {
  std::vector<std::string> out;
  auto it = props.find(key);
  if (it == props.end()) return out;
  if (it->is_string()) {
    out.push_back(it->get<std::string>());
  } else if (it->is_array()) {
    for (const auto& v : *it) {
      if (v.is_string() && !io::Trim(v.get_ref<const std::string&>()).empty()) {
        out.push_back(v.get<std::string>());
      }
    }
  }
  return out;
}

struct Best {
  ScreenHit hit;
};

// Screens every name of a query and keeps each entity's best hit.
Result<std::vector<ScreenHit>> ScreenNames(const Screener& screener,
                                           const std::vector<std::string>& names,
                                           const ScreenQuery& base, size_t limit) {
  std::map<const Entity*, ScreenHit> best;
  for (const auto& name : names) {
    ScreenQuery q = base;
    q.name = name;
    CHOKEPOINT_ASSIGN_OR_RETURN(ScreenResult r, screener.Screen(q));
    for (auto& h : r.hits) {
      auto it = best.find(h.entity);
      if (it == best.end() || h.score > it->second.score) best[h.entity] = std::move(h);
    }
  }
  std::vector<ScreenHit> out;
  for (auto& [e, h] : best) out.push_back(std::move(h));
  std::sort(out.begin(), out.end(), [](const ScreenHit& a, const ScreenHit& b) {
    if (a.score != b.score) return a.score > b.score;
    return EntityId(*a.entity) < EntityId(*b.entity);
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

void WriteFtmEntity(io::JsonWriter& w, const Entity& e) {
  w.Field("id", EntityId(e));
  w.Field("caption", e.caption());
  w.Field("schema", FtmSchemaName(e.schema));
  w.Key("properties");
  w.BeginObject();
  auto list = [&w](const char* key, const std::vector<std::string>& values) {
    if (values.empty()) return;
    w.Key(key);
    w.StringArray(values);
  };
  std::vector<std::string> names, aliases, ids, dobs, programs;
  for (size_t i = 0; i < e.names.size(); ++i) {
    (i == 0 ? names : aliases).push_back(e.names[i].full);
  }
  for (const auto& id : e.identifiers) ids.push_back(id.value);
  for (const auto& d : e.birth_dates) dobs.push_back(d.ToString());
  for (const auto& p : e.programs) programs.push_back(p.code);
  list("name", names);
  list("alias", aliases);
  list(e.schema == Schema::kPerson ? "birthDate" : "incorporationDate", dobs);
  list("nationality", e.nationalities);
  list("country", e.countries);
  list("idNumber", ids);
  list("program", programs);
  list("topics", {"sanction"});
  w.EndObject();
  w.Key("datasets");
  w.BeginArray();
  w.String(e.source);
  w.EndArray();
  w.Key("referents");
  w.BeginArray();
  w.EndArray();
  w.Key("target");
  w.Bool(true);
}

Result<double> QueryNumber(const Request& req, const char* name, double fallback, double lo,
                           double hi) {
  auto v = req.QueryParam(name);
  if (!v || v->empty()) return fallback;
  char* end = nullptr;
  double d = std::strtod(v->c_str(), &end);
  if (*end != '\0' || !(d >= lo && d <= hi)) {
    return Status::InvalidArgument(std::string(name) + ": bad value '" + *v + "'");
  }
  return d;
}

Response Match(const Request& req, const Principal& who, ServiceContext& ctx) {
  auto screener = ctx.screener();
  const std::string& dataset = req.Param("dataset");
  std::vector<std::string> sources;
  if (dataset != "default" && dataset != "sanctions" && dataset != "all") {
    bool found = false;
    for (const auto& s : screener->snapshot().sources()) found |= s.source == dataset;
    if (!found) {
      return ErrorResponse(404, "not_found",
                           "no dataset '" + dataset + "' (use default or a source id)");
    }
    sources.push_back(dataset);
  }
  auto limit = QueryNumber(req, "limit", 5, 1, 500);
  auto threshold = QueryNumber(req, "threshold", 0.70, 0, 1);
  if (!limit.ok()) return StatusResponse(limit.status());
  if (!threshold.ok()) return StatusResponse(threshold.status());
  auto cutoff = QueryNumber(req, "cutoff", *threshold, 0, 1);
  if (!cutoff.ok()) return StatusResponse(cutoff.status());
  auto body = ParseJsonBody(req);
  if (!body.ok()) return StatusResponse(body.status());
  auto qs = body->find("queries");
  if (qs == body->end() || !qs->is_object()) {
    return ErrorResponse(400, "invalid_argument", "the body needs \"queries\": {KEY: {...}}");
  }
  if (qs->size() > kMaxCompatQueries) {
    return ErrorResponse(413, "batch_too_large",
                         "at most " + std::to_string(kMaxCompatQueries) + " queries per request");
  }
  io::JsonWriter w;
  w.BeginObject();
  w.Key("responses");
  w.BeginObject();
  for (const auto& [key, query] : qs->items()) {
    if (!query.is_object()) {
      return ErrorResponse(400, "invalid_argument", "queries." + key + " must be an object");
    }
    std::string schema = query.value("schema", "Thing");
    auto props_it = query.find("properties");
    if (props_it == query.end() || !props_it->is_object()) {
      return ErrorResponse(400, "invalid_argument", "queries." + key + " needs \"properties\"");
    }
    const nlohmann::json& props = *props_it;
    std::vector<std::string> names = PropValues(props, "name");
    for (const char* k : {"alias", "weakAlias", "previousName"}) {
      for (auto& v : PropValues(props, k)) names.push_back(std::move(v));
    }
    if (names.empty()) {
      return ErrorResponse(400, "invalid_argument",
                           "queries." + key + ".properties needs a \"name\"");
    }
    for (const auto& n : names) {
      if (n.size() > kMaxNameBytes) {
        return ErrorResponse(400, "invalid_argument", "queries." + key + ": a name is too long");
      }
    }
    ScreenQuery base;
    base.schema = FtmSchema(schema);
    base.sources = sources;
    base.limit = static_cast<int>(*limit);
    base.threshold = *cutoff;
    for (const char* k : {"nationality", "country", "citizenship", "jurisdiction"}) {
      auto v = PropValues(props, k);
      if (!v.empty() && base.country.empty()) base.country = v[0];
    }
    for (const char* k : {"birthDate", "incorporationDate"}) {
      auto v = PropValues(props, k);
      if (!v.empty() && !base.birth_date) base.birth_date = ParsePartialDate(io::Trim(v[0]));
    }
    for (const char* k : {"idNumber", "passportNumber", "innCode", "ogrnCode", "imoNumber",
                          "registrationNumber", "taxNumber", "swiftBic", "leiCode", "vatCode"}) {
      for (auto& v : PropValues(props, k)) base.identifiers.push_back(std::move(v));
    }
    auto gender = PropValues(props, "gender");
    if (!gender.empty() && (gender[0] == "male" || gender[0] == "female")) base.gender = gender[0];
    auto hits = ScreenNames(*screener, names, base, static_cast<size_t>(*limit));
    if (!hits.ok()) return StatusResponse(hits.status());
    if (ctx.on_screen) {
      ScreenResult r;
      r.snapshot_version = screener->snapshot().version();
      r.hits = *hits;
      ScreenQuery q = base;
      q.name = names[0];
      ctx.on_screen(who, q, r);
    }
    w.Key(key);
    w.BeginObject();
    w.Key("status");
    w.Int(200);
    w.Key("results");
    w.BeginArray();
    for (const auto& h : *hits) {
      w.BeginObject();
      WriteFtmEntity(w, *h.entity);
      w.Key("score");
      w.Double(h.score);
      w.Key("match");
      w.Bool(h.score >= *threshold);
      w.Key("features");
      w.BeginObject();
      for (const auto& f : h.features) {
        w.Key(f.feature);
        w.Double(f.value);
      }
      w.EndObject();
      w.Field("matched_name", h.matched_name);
      w.EndObject();
    }
    w.EndArray();
    w.Key("total");
    w.BeginObject();
    w.Key("value");
    w.UInt(hits->size());
    w.Field("relation", "eq");
    w.EndObject();
    w.Key("query");
    w.Raw(query.dump());
    w.EndObject();
  }
  w.EndObject();
  w.Key("matcher");
  w.BeginObject();
  w.Field("name", "chokepoint");
  w.Field("snapshot", screener->snapshot().version());
  w.EndObject();
  w.Key("limit");
  w.Int(static_cast<int64_t>(*limit));
  w.EndObject();
  return JsonResponse(200, w.Take());
}

// --- W3C Reconciliation API ---------------------------------------------------

const char* const kReconcileTypes[][2] = {
    {"Person", "Person"}, {"Company", "Company"},   {"Organization", "Organization"},
    {"Vessel", "Vessel"}, {"Airplane", "Aircraft"}, {"LegalEntity", "Any listed entity"}};

std::string BaseUrl(const Request& req) {
  std::string host(req.Header("host"));
  if (host.empty()) host = "127.0.0.1";
  return "http://" + host;
}

Response Manifest(const Request& req) {
  std::string base = BaseUrl(req);
  io::JsonWriter w;
  w.BeginObject();
  w.Key("versions");
  w.BeginArray();
  w.String("0.2");
  w.EndArray();
  w.Field("name", "Chokepoint sanctions screening");
  w.Field("identifierSpace", base + "/v1/entities/");
  w.Field("schemaSpace", base + "/schema/");
  w.Key("defaultTypes");
  w.BeginArray();
  for (const auto& t : kReconcileTypes) {
    w.BeginObject();
    w.Field("id", t[0]);
    w.Field("name", t[1]);
    w.EndObject();
  }
  w.EndArray();
  w.Key("view");
  w.BeginObject();
  w.Field("url", base + "/v1/entities/{{id}}");
  w.EndObject();
  w.EndObject();
  return JsonResponse(200, w.Take());
}

// The "queries" parameter: a form field of a POST, a query parameter, or a
// JSON body {"queries": {...}}.
std::optional<std::string> QueriesText(const Request& req) {
  if (auto q = req.QueryParam("queries")) return q;
  if (req.body.empty()) return std::nullopt;
  std::string_view ct = req.Header("content-type");
  if (ct.find("application/json") != std::string_view::npos) {
    auto j = nlohmann::json::parse(req.body, nullptr, false);
    if (j.is_object() && j.contains("queries")) return j["queries"].dump();
    return std::nullopt;
  }
  Request form;
  form.query = req.body;  // application/x-www-form-urlencoded
  return form.QueryParam("queries");
}

Response Reconcile(const Request& req, const Principal& who, ServiceContext& ctx) {
  auto text = QueriesText(req);
  if (!text) return Manifest(req);
  auto qs = nlohmann::json::parse(*text, nullptr, false);
  if (qs.is_discarded() || !qs.is_object()) {
    return ErrorResponse(400, "invalid_argument", "queries must be a JSON object");
  }
  if (qs.size() > kMaxCompatQueries) {
    return ErrorResponse(413, "batch_too_large",
                         "at most " + std::to_string(kMaxCompatQueries) + " queries per request");
  }
  auto screener = ctx.screener();
  io::JsonWriter w;
  w.BeginObject();
  for (const auto& [key, query] : qs.items()) {
    if (!query.is_object() || !query.contains("query") || !query["query"].is_string()) {
      return ErrorResponse(400, "invalid_argument", "queries." + key + " needs \"query\"");
    }
    std::string name = query["query"].get<std::string>();
    if (io::Trim(name).empty() || name.size() > kMaxNameBytes) {
      return ErrorResponse(400, "invalid_argument", "queries." + key + ": empty or long query");
    }
    ScreenQuery q;
    q.name = name;
    if (auto t = query.find("type"); t != query.end() && t->is_string()) {
      q.schema = FtmSchema(t->get<std::string>());
    }
    int limit = 5;
    if (auto l = query.find("limit"); l != query.end() && l->is_number_integer()) {
      limit = static_cast<int>(std::clamp<int64_t>(l->get<int64_t>(), 1, 100));
    }
    q.limit = limit;
    q.threshold = 0.5;
    if (auto p = query.find("properties"); p != query.end() && p->is_array()) {
      for (const auto& prop : *p) {
        if (!prop.is_object() || !prop.contains("v")) continue;
        std::string pid = prop.value("pid", prop.value("p", ""));
        std::string v = prop["v"].is_string() ? prop["v"].get<std::string>() : "";
        if (v.empty()) continue;
        if (pid == "country" || pid == "nationality") q.country = v;
        if (pid == "birthDate" || pid == "dob") q.birth_date = ParsePartialDate(io::Trim(v));
        if (pid == "idNumber" || pid == "id") q.identifiers.push_back(v);
      }
    }
    auto r = screener->Screen(q);
    if (!r.ok()) return StatusResponse(r.status());
    if (ctx.on_screen) ctx.on_screen(who, q, *r);
    w.Key(key);
    w.BeginObject();
    w.Key("result");
    w.BeginArray();
    for (size_t i = 0; i < r->hits.size(); ++i) {
      const ScreenHit& h = r->hits[i];
      w.BeginObject();
      w.Field("id", EntityId(*h.entity));
      w.Field("name", h.entity->caption());
      w.Key("type");
      w.BeginArray();
      w.BeginObject();
      w.Field("id", FtmSchemaName(h.entity->schema));
      w.Field("name", FtmSchemaName(h.entity->schema));
      w.EndObject();
      w.EndArray();
      w.Key("score");
      w.Double(h.score * 100, 1);
      // Only an unambiguous, strong best result is an automatic match.
      bool match =
          i == 0 && h.score >= 0.95 && (r->hits.size() == 1 || r->hits[1].score < h.score - 0.05);
      w.Key("match");
      w.Bool(match);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndObject();
  return JsonResponse(200, w.Take());
}

}  // namespace

CHOKEPOINT_ROUTE(match, {"POST", "/match/{dataset}", Role::kAnalyst, &Match});
CHOKEPOINT_ROUTE(reconcile_get, {"GET", "/reconcile", Role::kAnalyst, &Reconcile});
CHOKEPOINT_ROUTE(reconcile_post, {"POST", "/reconcile", Role::kAnalyst, &Reconcile});

}  // namespace chokepoint::server
