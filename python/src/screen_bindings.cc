// Snapshots, screening and name comparison for Python.
//
// A snapshot file is loaded and its Screener built once per process and path
// (the cache below), so every DataFrame partition a Dask worker screens
// reuses the same immutable engine. Batch screening takes the distinct
// queries only (the caller deduplicates), runs them on a pool of threads with
// the GIL released, and returns flat columns that pandas turns into a frame.

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bindings.h"
#include "chokepoint/screen.h"
#include "chokepoint/snapshot.h"

namespace chokepoint::python {

namespace {

// A loaded snapshot with the Screener built over it.
struct Engine {
  std::shared_ptr<const Snapshot> snapshot;
  std::shared_ptr<const Screener> screener;
};

std::mutex g_cache_mu;
std::map<std::string, std::shared_ptr<const Engine>>* g_cache =
    new std::map<std::string, std::shared_ptr<const Engine>>();  // never destroyed

// Loads `path` (or returns the cached engine). Loading runs without the GIL;
// two threads asking for the same new path may both load it, and the first
// one stored wins.
std::shared_ptr<const Engine> OpenEngine(const std::string& path) {
  {
    std::lock_guard<std::mutex> lock(g_cache_mu);
    auto it = g_cache->find(path);
    if (it != g_cache->end()) return it->second;
  }
  auto engine = std::make_shared<Engine>();
  {
    py::gil_scoped_release release;
    auto snap = Snapshot::Load(path);
    if (!snap.ok()) throw StatusError(snap.status());
    engine->snapshot = std::move(snap).value();
    engine->screener = Screener::Build(engine->snapshot);
  }
  std::lock_guard<std::mutex> lock(g_cache_mu);
  auto [it, inserted] = g_cache->emplace(path, std::move(engine));
  return it->second;
}

std::optional<Schema> SchemaArg(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto s = ParseSchemaFilter(*text);
  if (!s.ok()) throw StatusError(s.status());
  return *s;
}

std::optional<PartialDate> DobArg(const std::optional<std::string>& text) {
  if (!text || text->empty()) return std::nullopt;
  auto d = ParsePartialDate(*text);
  if (!d) {
    throw StatusError(
        Status::InvalidArgument("dob: bad date '" + *text + "' (use YYYY, YYYY-MM or YYYY-MM-DD)"));
  }
  return d;
}

void CheckSources(const Snapshot& snap, const std::vector<std::string>& sources) {
  Status st = snap.CheckSourceIds(sources);
  if (!st.ok()) throw StatusError(Status::InvalidArgument("source: " + st.message()));
}

py::list ExplanationList(const std::vector<FeatureContribution>& features,
                         const std::vector<TokenMatch>& tokens) {
  py::list out;
  for (const auto& f : features) {
    py::dict d;
    d["feature"] = f.feature;
    d["value"] = f.value;
    d["detail"] = f.detail;
    out.append(std::move(d));
  }
  for (const auto& t : tokens) {
    py::dict d;
    d["query_token"] = t.query_token;
    d["list_token"] = t.list_token;
    d["key"] = t.key;
    d["similarity"] = t.similarity;
    d["weight"] = t.weight;
    out.append(std::move(d));
  }
  return out;
}

// The same fields, in the same order, as `chokepoint screen --json`.
py::dict HitDict(const ScreenHit& hit) {
  const Entity& e = *hit.entity;
  py::dict d;
  d["source"] = e.source;
  d["source_id"] = e.source_id;
  d["schema"] = std::string(SchemaName(e.schema));
  d["name"] = e.caption();
  d["matched_name"] = hit.matched_name;
  if (hit.name_index >= 0 && static_cast<size_t>(hit.name_index) < e.names.size()) {
    d["name_kind"] = std::string(NameKindName(e.names[static_cast<size_t>(hit.name_index)].kind));
  }
  d["score"] = hit.score;
  d["ofac_score"] = hit.ofac_score;
  d["explanation"] = ExplanationList(hit.features, hit.tokens);
  py::list programs;
  for (const auto& p : e.programs) programs.append(p.code);
  d["programs"] = std::move(programs);
  return d;
}

py::dict EntityDict(const Entity& e) {
  py::dict d;
  d["source"] = e.source;
  d["source_id"] = e.source_id;
  d["schema"] = std::string(SchemaName(e.schema));
  d["caption"] = e.caption();
  py::list names;
  for (const auto& n : e.names) {
    py::dict nd;
    nd["full"] = n.full;
    nd["kind"] = std::string(NameKindName(n.kind));
    nd["script"] = std::string(ScriptName(n.script));
    nd["lang"] = n.lang;
    names.append(std::move(nd));
  }
  d["names"] = std::move(names);
  py::list programs;
  for (const auto& p : e.programs) programs.append(p.code);
  d["programs"] = std::move(programs);
  d["countries"] = e.countries;
  d["nationalities"] = e.nationalities;
  py::list dobs;
  for (const auto& b : e.birth_dates) dobs.append(b.ToString());
  d["birth_dates"] = std::move(dobs);
  py::list ids;
  for (const auto& id : e.identifiers) {
    py::dict idd;
    idd["type"] = std::string(IdTypeName(id.type));
    idd["value"] = id.value;
    idd["country"] = id.country;
    ids.append(std::move(idd));
  }
  d["identifiers"] = std::move(ids);
  d["remarks"] = e.remarks;
  return d;
}

void SplitIds(const std::string& text, std::vector<std::string>& out) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    std::string part = text.substr(start, end - start);
    size_t a = part.find_first_not_of(" \t");
    size_t b = part.find_last_not_of(" \t");
    if (a != std::string::npos) out.push_back(part.substr(a, b - a + 1));
    start = end + 1;
  }
}

struct BatchHit {
  uint32_t rank;
  const Entity* entity;
  std::string matched_name;
  double score;
  double ofac_score;
};

class PySnapshot {
 public:
  explicit PySnapshot(std::shared_ptr<const Engine> engine) : engine_(std::move(engine)) {}

  const Snapshot& snap() const { return *engine_->snapshot; }

  py::list Screen(const std::string& name, const std::optional<std::string>& schema,
                  const std::string& country, const std::optional<std::string>& dob,
                  const std::vector<std::string>& ids, const std::vector<std::string>& sources,
                  int limit, double threshold, bool ofac) const {
    ScreenQuery q = Common(sources, limit, threshold, ofac);
    q.name = name;
    q.schema = SchemaArg(schema);
    q.country = country;
    q.birth_date = DobArg(dob);
    for (const auto& id : ids) {
      if (!id.empty()) q.identifiers.push_back(id);
    }
    Result<ScreenResult> r = Status::Internal("not run");
    {
      py::gil_scoped_release release;
      r = engine_->screener->Screen(q);
    }
    ScreenResult result = ValueOrThrow(std::move(r));
    py::list out;
    for (const auto& h : result.hits) out.append(HitDict(h));
    return out;
  }

  // Screens distinct queries given as parallel columns (None/"" = not
  // given). Returns the columns of one row per hit: query index, rank,
  // source, source_id, schema, caption, matched name, score, ofac score;
  // and the queries that could not be screened with the engine's message.
  py::dict ScreenMany(const std::vector<std::string>& names,
                      const std::optional<std::vector<std::optional<std::string>>>& schemas,
                      const std::optional<std::vector<std::string>>& countries,
                      const std::optional<std::vector<std::optional<std::string>>>& dobs,
                      const std::optional<std::vector<std::string>>& ids,
                      const std::vector<std::string>& sources, int limit, double threshold,
                      bool ofac, int threads) const {
    const size_t n = names.size();
    auto check_len = [n](size_t size, const char* what) {
      if (size != n) {
        throw StatusError(Status::InvalidArgument(std::string(what) + ": " + std::to_string(size) +
                                                  " values for " + std::to_string(n) + " names"));
      }
    };
    if (schemas) check_len(schemas->size(), "schemas");
    if (countries) check_len(countries->size(), "countries");
    if (dobs) check_len(dobs->size(), "dobs");
    if (ids) check_len(ids->size(), "ids");
    ScreenQuery common = Common(sources, limit, threshold, ofac);
    std::vector<ScreenQuery> queries(n, common);
    // Schema and date texts repeat; parse each distinct one once.
    std::map<std::string, std::optional<Schema>> schema_cache;
    for (size_t i = 0; i < n; ++i) {
      ScreenQuery& q = queries[i];
      q.name = names[i];
      if (schemas && (*schemas)[i]) {
        auto it = schema_cache.find(*(*schemas)[i]);
        if (it == schema_cache.end()) {
          it = schema_cache.emplace(*(*schemas)[i], SchemaArg((*schemas)[i])).first;
        }
        q.schema = it->second;
      }
      if (countries) q.country = (*countries)[i];
      if (dobs) q.birth_date = DobArg((*dobs)[i]);
      if (ids) SplitIds((*ids)[i], q.identifiers);
    }

    std::vector<std::vector<BatchHit>> hits(n);
    std::vector<std::string> errors(n);
    {
      py::gil_scoped_release release;
      unsigned hw = std::thread::hardware_concurrency();
      int t = threads > 0 ? threads : static_cast<int>(hw == 0 ? 1 : hw);
      if (static_cast<size_t>(t) > n) t = static_cast<int>(n == 0 ? 1 : n);
      std::atomic<size_t> next{0};
      auto work = [&] {
        for (size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) {
          auto r = engine_->screener->Screen(queries[i]);
          if (!r.ok()) {
            errors[i] = r.status().message();
            continue;
          }
          auto& out = hits[i];
          out.reserve(r->hits.size());
          uint32_t rank = 0;
          for (auto& h : r->hits) {
            out.push_back({++rank, h.entity, std::move(h.matched_name), h.score, h.ofac_score});
          }
        }
      };
      std::vector<std::thread> pool;
      for (int k = 1; k < t; ++k) pool.emplace_back(work);
      work();
      for (auto& th : pool) th.join();
    }

    py::list q_col, rank_col, source_col, id_col, schema_col, caption_col, matched_col, score_col,
        ofac_col, err_q, err_msg;
    for (size_t i = 0; i < n; ++i) {
      if (!errors[i].empty()) {
        err_q.append(i);
        err_msg.append(errors[i]);
      }
      for (const auto& h : hits[i]) {
        q_col.append(i);
        rank_col.append(h.rank);
        source_col.append(h.entity->source);
        id_col.append(h.entity->source_id);
        schema_col.append(SchemaName(h.entity->schema));
        caption_col.append(h.entity->caption());
        matched_col.append(h.matched_name);
        score_col.append(h.score);
        ofac_col.append(h.ofac_score);
      }
    }
    py::dict out;
    out["query"] = q_col;
    out["rank"] = rank_col;
    out["source"] = source_col;
    out["source_id"] = id_col;
    out["schema"] = schema_col;
    out["name"] = caption_col;
    out["matched_name"] = matched_col;
    out["score"] = score_col;
    out["ofac_score"] = ofac_col;
    out["error_query"] = err_q;
    out["error"] = err_msg;
    return out;
  }

  py::object Entity(const std::string& source, const std::string& source_id) const {
    int64_t i = snap().Find(source, source_id);
    if (i < 0) {
      throw StatusError(Status::NotFound("no entity " + source + " " + source_id + " in snapshot " +
                                         snap().version()));
    }
    return EntityDict(snap().entities()[static_cast<size_t>(i)]);
  }

  py::list Sources() const {
    py::list out;
    for (const auto& s : snap().sources()) {
      py::dict d;
      d["source"] = s.source;
      d["format"] = s.format;
      d["list_date"] = s.list_date;
      d["entities"] = s.entities;
      d["names"] = s.names;
      d["problems"] = s.problems;
      out.append(std::move(d));
    }
    return out;
  }

 private:
  ScreenQuery Common(const std::vector<std::string>& sources, int limit, double threshold,
                     bool ofac) const {
    if (limit < 1 || limit > 1000) {
      throw StatusError(
          Status::InvalidArgument("limit: " + std::to_string(limit) + " is out of range 1..1000"));
    }
    if (!(threshold >= 0 && threshold <= 1)) {
      throw StatusError(Status::InvalidArgument("threshold: " + std::to_string(threshold) +
                                                " is not a number from 0 to 1"));
    }
    CheckSources(snap(), sources);
    ScreenQuery q;
    q.sources = sources;
    q.limit = limit;
    q.threshold = threshold;
    q.mode = ofac ? ScoringMode::kOfacParity : ScoringMode::kCalibrated;
    return q;
  }

  std::shared_ptr<const Engine> engine_;
};

}  // namespace

std::shared_ptr<const Screener> ScreenerFor(const std::string& path) {
  return OpenEngine(path)->screener;
}

void BindScreening(py::module_& m) {
  py::class_<PySnapshot>(m, "Snapshot",
                         "A loaded list snapshot with its screening index (immutable, shared).")
      .def_property_readonly("version", [](const PySnapshot& s) { return s.snap().version(); })
      .def_property_readonly("created", [](const PySnapshot& s) { return s.snap().created(); })
      .def_property_readonly("content_sha256",
                             [](const PySnapshot& s) { return s.snap().content_sha256(); })
      .def_property_readonly("sources", &PySnapshot::Sources)
      .def("__len__", [](const PySnapshot& s) { return s.snap().entities().size(); })
      .def("entity", &PySnapshot::Entity, py::arg("source"), py::arg("source_id"))
      .def("screen", &PySnapshot::Screen, py::arg("name"), py::arg("schema") = py::none(),
           py::arg("country") = "", py::arg("dob") = py::none(),
           py::arg("ids") = std::vector<std::string>(),
           py::arg("sources") = std::vector<std::string>(), py::arg("limit") = 10,
           py::arg("threshold") = 0.70, py::arg("ofac") = false)
      .def("screen_many", &PySnapshot::ScreenMany, py::arg("names"),
           py::arg("schemas") = py::none(), py::arg("countries") = py::none(),
           py::arg("dobs") = py::none(), py::arg("ids") = py::none(),
           py::arg("sources") = std::vector<std::string>(), py::arg("limit") = 10,
           py::arg("threshold") = 0.70, py::arg("ofac") = false, py::arg("threads") = 0);

  m.def(
      "open_snapshot", [](const std::string& path) { return PySnapshot(OpenEngine(path)); },
      py::arg("path"),
      "Loads a snapshot file and builds its screening index, once per process and path.");
  m.def("cached_snapshots", [] {
    std::lock_guard<std::mutex> lock(g_cache_mu);
    std::vector<std::string> paths;
    for (const auto& [path, engine] : *g_cache) paths.push_back(path);
    return paths;
  });

  m.def(
      "compare",
      [](const std::string& name1, const std::string& name2,
         const std::optional<std::string>& schema) {
        for (auto [name, which] : {std::pair{&name1, "name1"}, std::pair{&name2, "name2"}}) {
          // The CLI's bounds: empty or over-long (after trimming) is refused.
          size_t a = name->find_first_not_of(" \t\r\n");
          if (a == std::string::npos) {
            throw StatusError(Status::InvalidArgument(std::string(which) + " is empty"));
          }
          size_t b = name->find_last_not_of(" \t\r\n");
          if (b - a + 1 > 1024) {
            throw StatusError(
                Status::InvalidArgument(std::string(which) + " is longer than 1024 bytes"));
          }
        }
        std::optional<Schema> s = SchemaArg(schema);
        CompareResult r;
        {
          py::gil_scoped_release release;
          r = CompareNames(name1, name2, s);
        }
        py::dict d;
        d["score"] = r.score;
        d["ofac_score"] = r.ofac_score;
        d["explanation"] = ExplanationList(r.features, r.tokens);
        return d;
      },
      py::arg("name1"), py::arg("name2"), py::arg("schema") = py::none());
}

}  // namespace chokepoint::python
