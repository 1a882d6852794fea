// Transaction checks for Python: shipment records (CSV text, as a DataFrame
// writes it) read by the shipments reader and checked by the RiskEngine in
// one batch. A RiskEngine is created once per process for each distinct set
// of options and snapshot path, like the snapshot itself.
//
// Built only when the tree has the risk engine (CHOKEPOINT_PY_CHECK, set by
// python/CMakeLists.txt); otherwise `check_csv` says it is not available.

#include "bindings.h"

#if CHOKEPOINT_PY_CHECK

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "chokepoint/check.h"

namespace chokepoint::python {

namespace {

using EngineKey = std::tuple<std::string, std::string, std::string, int, double, bool>;

std::mutex g_risk_mu;
std::map<EngineKey, std::shared_ptr<const check::RiskEngine>>* g_risk =
    new std::map<EngineKey, std::shared_ptr<const check::RiskEngine>>();  // never destroyed

std::shared_ptr<const check::RiskEngine> RiskEngineFor(const std::string& snapshot,
                                                       const std::string& rules_path,
                                                       const std::string& today, int max_age_days,
                                                       std::optional<double> threshold) {
  EngineKey key{
      snapshot, rules_path, today, max_age_days, threshold.value_or(-1), threshold.has_value()};
  {
    std::lock_guard<std::mutex> lock(g_risk_mu);
    auto it = g_risk->find(key);
    if (it != g_risk->end()) return it->second;
  }
  auto screener = ScreenerFor(snapshot);
  check::RiskOptions options;
  options.rules_path = rules_path;
  options.today = today;
  options.max_snapshot_age_days = max_age_days;
  options.list_match_threshold = threshold;
  Result<std::shared_ptr<const check::RiskEngine>> r = Status::Internal("not run");
  {
    py::gil_scoped_release release;
    r = check::RiskEngine::Create(screener, options);
  }
  auto engine = ValueOrThrow(std::move(r));
  std::lock_guard<std::mutex> lock(g_risk_mu);
  return g_risk->emplace(key, std::move(engine)).first->second;
}

}  // namespace

void BindCheck(py::module_& m) {
  m.attr("HAVE_CHECK") = true;
  m.def(
      "check_csv",
      [](const std::string& data, const std::map<std::string, std::string>& mapping,
         const std::string& snapshot, const std::string& rules_path, const std::string& today,
         int max_age_days, std::optional<double> threshold, int threads, const std::string& name) {
        auto engine = RiskEngineFor(snapshot, rules_path, today, max_age_days, threshold);
        Result<check::ReadResult> read = Status::Internal("not run");
        std::vector<check::CheckResult> results;
        {
          py::gil_scoped_release release;
          read = check::ParseShipmentsCsv(data, mapping, name);
          if (read.ok()) {
            check::BatchOptions options;
            options.threads = threads > 0 ? threads : 1;
            results = engine->CheckBatch(read->transactions, options);
          }
        }
        const check::ReadResult& rr = ValueOrThrow(std::move(read));
        py::list out;
        for (size_t i = 0; i < results.size(); ++i) {
          const auto& r = results[i];
          py::dict d;
          d["ref"] = r.ref;
          d["line"] = rr.transactions[i].source_line;
          d["kind"] = std::string(check::MessageKindName(r.kind));
          d["risk"] = r.risk;
          d["decision"] = std::string(check::DecisionName(r.decision));
          d["assessed"] = std::string(check::DecisionName(r.assessed));
          py::list alerts;
          for (const auto& a : r.alerts) {
            py::dict ad;
            ad["rule"] = a.rule;
            ad["source"] = a.source;
            ad["title"] = a.title;
            ad["severity"] = a.severity;
            py::list ev;
            for (const auto& [field, value] : a.evidence) ev.append(py::make_tuple(field, value));
            ad["evidence"] = ev;
            alerts.append(std::move(ad));
          }
          d["alerts"] = alerts;
          out.append(std::move(d));
        }
        py::list problems;
        for (const auto& p : rr.problems) problems.append(py::make_tuple(p.line, p.reason));
        py::dict res;
        res["results"] = out;
        res["problems"] = problems;
        res["lists_version"] = engine->lists_version();
        res["rules_version"] = engine->rules_version();
        return res;
      },
      py::arg("data"), py::arg("mapping"), py::arg("snapshot"), py::arg("rules_path") = "",
      py::arg("today") = "", py::arg("max_age_days") = 7, py::arg("threshold") = py::none(),
      py::arg("threads") = 1, py::arg("name") = "<dataframe>");
}

}  // namespace chokepoint::python

#else  // !CHOKEPOINT_PY_CHECK

namespace chokepoint::python {

void BindCheck(py::module_& m) {
  m.attr("HAVE_CHECK") = false;
  m.def("check_csv", [](const py::args&, const py::kwargs&) -> py::object {
    throw StatusError(Status::FailedPrecondition(
        "transaction checks are not available: this build has no risk engine"));
  });
}

}  // namespace chokepoint::python

#endif  // CHOKEPOINT_PY_CHECK
