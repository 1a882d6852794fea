// GET /v1/trade/share, /v1/trade/surge, /v1/trade/diversion: the trade
// queries of `chokepoint trade ... --json` over the store given with
// `serve --trade STORE` (opened once, memory-mapped). Without a store they
// answer 404. Query parameters have the CLI options' names and meanings
// (hs, period, by, baseline, reporter, partner, flow, hubs, min_base, spike).

#include <cmath>
#include <cstdlib>
#include <mutex>

#include "chokepoint/trade.h"
#include "cli/json_views.h"
#include "io/json_writer.h"
#include "io/strings.h"
#include "server/router.h"

namespace chokepoint::server {
namespace {

Result<std::shared_ptr<const trade::TradeStore>> Store(const ServiceContext& ctx) {
  static std::mutex mu;
  static std::shared_ptr<const trade::TradeStore>* store =
      new std::shared_ptr<const trade::TradeStore>();
  if (ctx.trade_store.empty()) {
    return Status::NotFound("no trade store: start the server with --trade STORE");
  }
  std::lock_guard<std::mutex> lock(mu);
  if (!*store) {
    CHOKEPOINT_ASSIGN_OR_RETURN(*store, trade::TradeStore::Open(ctx.trade_store));
  }
  return *store;
}

std::string Param(const Request& req, const char* name, const char* fallback = "") {
  auto v = req.QueryParam(name);
  return v && !v->empty() ? *v : std::string(fallback);
}

Result<trade::TradeFilter> Filter(const Request& req) {
  trade::TradeFilter f;
  CHOKEPOINT_ASSIGN_OR_RETURN(f.hs, trade::ParseHsGroup(Param(req, "hs", "total")));
  f.reporter = Param(req, "reporter");
  f.partner = Param(req, "partner");
  f.flow = Param(req, "flow");
  if (!f.flow.empty() && f.flow != "import" && f.flow != "export" && f.flow != "re-export" &&
      f.flow != "re-import") {
    return Status::InvalidArgument("flow must be import, export, re-export or re-import");
  }
  return f;
}

Result<double> Number(const Request& req, const char* name, double fallback) {
  std::string v = Param(req, name);
  if (v.empty()) return fallback;
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  if (*end != '\0' || !std::isfinite(d) || d < 0) {
    return Status::InvalidArgument(std::string(name) + ": bad number '" + v + "'");
  }
  return d;
}

Response Share(const Request& req, const Principal&, ServiceContext& ctx) {
  auto store = Store(ctx);
  if (!store.ok()) return StatusResponse(store.status());
  auto period = trade::ParsePeriod(Param(req, "period"));
  if (!period.ok())
    return ErrorResponse(400, "invalid_argument", "period: " + period.status().message());
  auto filter = Filter(req);
  if (!filter.ok()) return StatusResponse(filter.status());
  std::string by = Param(req, "by", "partner");
  if (by != "partner" && by != "reporter") {
    return ErrorResponse(400, "invalid_argument", "by must be partner or reporter");
  }
  auto result = trade::Share(**store, *filter, *period, by == "partner");
  io::JsonWriter w;
  cli::WriteTradeShareJson(w, filter->hs.spec, period->label, by, result);
  return JsonResponse(200, w.Take());
}

Response Surge(const Request& req, const Principal&, ServiceContext& ctx) {
  auto store = Store(ctx);
  if (!store.ok()) return StatusResponse(store.status());
  auto b = trade::ParsePeriod(Param(req, "baseline"));
  auto p = trade::ParsePeriod(Param(req, "period"));
  if (!b.ok() || !p.ok() || b->label.size() != 4 || p->label.size() != 4) {
    return ErrorResponse(400, "invalid_argument", "baseline and period take a year (YYYY)");
  }
  auto filter = Filter(req);
  if (!filter.ok()) return StatusResponse(filter.status());
  auto result = trade::Surge(**store, *filter, b->year, p->year);
  io::JsonWriter w;
  cli::WriteTradeSurgeJson(w, filter->hs.spec, b->year, p->year, result);
  return JsonResponse(200, w.Take());
}

Response Diversion(const Request& req, const Principal&, ServiceContext& ctx) {
  auto store = Store(ctx);
  if (!store.ok()) return StatusResponse(store.status());
  trade::DiversionOptions o;
  if (auto hubs = Param(req, "hubs"); !hubs.empty()) o.hubs = io::SplitTrimmed(hubs, ",");
  if (auto g = Param(req, "hs"); !g.empty()) o.groups = io::SplitTrimmed(g, ";");
  auto min_base = Number(req, "min_base", 100000);
  auto spike = Number(req, "spike", 2);
  if (!min_base.ok()) return StatusResponse(min_base.status());
  if (!spike.ok()) return StatusResponse(spike.status());
  o.min_base = *min_base;
  o.spike_ratio = *spike;
  o.reporter = Param(req, "reporter");
  o.flow = Param(req, "flow");
  auto result = trade::DetectDiversion(**store, o);
  io::JsonWriter w;
  cli::WriteDiversionJson(w, result);
  return JsonResponse(200, w.Take());
}

}  // namespace

CHOKEPOINT_ROUTE(trade_share, {"GET", "/v1/trade/share", Role::kViewer, &Share});
CHOKEPOINT_ROUTE(trade_surge, {"GET", "/v1/trade/surge", Role::kViewer, &Surge});
CHOKEPOINT_ROUTE(trade_diversion, {"GET", "/v1/trade/diversion", Role::kViewer, &Diversion});

}  // namespace chokepoint::server
