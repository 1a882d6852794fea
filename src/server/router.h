// The HTTP service's routes: requests, responses, roles and the route
// registry.
//
// Each group of routes lives in its own file and registers itself at
// static-initialisation time, like the CLI's commands:
//
//   // src/server/cases_routes.cc
//   #include "server/router.h"
//   namespace chokepoint::server {
//   namespace {
//   Response GetAlert(const Request& req, const Principal& who, ServiceContext& ctx) {
//     std::string id = req.Param("id");          // from "{id}" in the pattern
//     ...
//     return JsonResponse(200, body);            // or ErrorResponse(404, "not_found", "...")
//   }
//   }  // namespace
//   CHOKEPOINT_ROUTE(get_alert, {"GET", "/v1/alerts/{id}", Role::kViewer, &GetAlert});
//   }  // namespace chokepoint::server
//
// Route files must be named src/server/*_routes.cc: they are compiled into
// the `chokepoint` binary (not the static library, whose unreferenced
// objects the linker would drop along with their registrations), so they may
// use the CLI's helpers in src/cli/ too. Everything else in src/server/ is in
// the library.
//
// The server authenticates the bearer token before calling a handler and
// answers 401 (no or unknown token) or 403 (role below the route's
// `min_role`) itself; Role::kPublic routes need no token. A handler gets the
// request (with path parameters), the principal and the shared
// ServiceContext, and runs on one of the server's worker threads: handlers
// must be thread-safe. Handlers return Responses; they do not throw.
//
// Start-up hooks (CHOKEPOINT_SERVICE_INIT) run once in `chokepoint serve`
// after the context is filled in and before the first request, e.g. to open
// the casework store and keep it in the context with SetExtension().

#ifndef CHOKEPOINT_SERVER_ROUTER_H_
#define CHOKEPOINT_SERVER_ROUTER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chokepoint/screen.h"
#include "chokepoint/snapshot.h"
#include "chokepoint/status.h"

namespace chokepoint::server {

// --- requests and responses -------------------------------------------------

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: "/v1/lists/diff?from=a&to=b"
  std::string path;    // percent-decoded path without the query: "/v1/lists/diff"
  std::string query;   // raw query string without '?': "from=a&to=b"
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_addr;  // the peer's IP address
  // Path parameters from the matched pattern ("{id}" -> "id").
  std::map<std::string, std::string> params;

  // The first header with this (lower-case) name, or "".
  std::string_view Header(std::string_view lower_name) const;
  // A path parameter, or "".
  const std::string& Param(const std::string& name) const;
  // A query parameter (percent- and '+'-decoded), or nullopt.
  std::optional<std::string> QueryParam(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
};

// {"error": {"code": code, "message": message}} with the given status.
Response ErrorResponse(int status, std::string_view code, std::string_view message);
// A JSON body (already serialised) with the given status.
Response JsonResponse(int status, std::string body);
// Maps a Status to 400 (InvalidArgument/ParseError), 404 (NotFound) or 500.
Response StatusResponse(const Status& status);

// --- principals ---------------------------------------------------------------

enum class Role : uint8_t { kPublic = 0, kViewer = 1, kAnalyst = 2, kReviewer = 3, kAdmin = 4 };

std::string_view RoleName(Role role);  // "viewer", ...; "public" for kPublic
std::optional<Role> ParseRole(std::string_view name);

struct Principal {
  Role role = Role::kPublic;  // kPublic: no token given (public routes only)
  std::string user;           // the token's user name (for audit records)
  std::string token_id;       // short public id of the token (never the token)
};

// --- the shared service context ---------------------------------------------

class ScreenCache;  // server/screen_cache.h

class ServiceContext {
 public:
  // The current Screener (and through it the snapshot). Swapped atomically by
  // a list update; a request keeps the one it started with.
  std::shared_ptr<const Screener> screener() const { return std::atomic_load(&screener_); }
  void SetScreener(std::shared_ptr<const Screener> s);
  // Monotonic seconds-since-epoch of the current snapshot's activation.
  int64_t screener_since() const { return screener_since_.load(); }

  // Settings from the command line.
  std::string data_dir;       // --data: tokens.json, casework.sqlite, snapshots
  std::string db_url;         // --db: "" = sqlite in data_dir (casework store)
  std::string snapshot_path;  // --snapshot: "" = $CHOKEPOINT_HOME/current.snap or embedded
  std::string trade_store;    // --trade: "" = no trade routes
  std::string web_dir;        // --web: static files of the web app; "" = none
  // Answers of repeated screening questions (nullptr = no cache); cleared by
  // SetScreener().
  std::shared_ptr<ScreenCache> screen_cache;

  // Called after every successful /v1/screen, /v1/screen/batch item and
  // /match query (the casework routes record audit entries and alerts here).
  // Set once by a start-up hook; must be thread-safe.
  std::function<void(const Principal&, const ScreenQuery&, const ScreenResult&)> on_screen;
  // Called after a new Screener is swapped in (old, new): delta re-screening.
  std::vector<std::function<void(std::shared_ptr<const Screener>, std::shared_ptr<const Screener>)>>
      on_snapshot_swap;

  // Typed extension slots for route groups (e.g. "casework" -> the store).
  template <typename T>
  void SetExtension(const std::string& name, std::shared_ptr<T> value) {
    std::lock_guard<std::mutex> lock(ext_mu_);
    extensions_[name] = std::static_pointer_cast<void>(std::move(value));
  }
  template <typename T>
  std::shared_ptr<T> GetExtension(const std::string& name) const {
    std::lock_guard<std::mutex> lock(ext_mu_);
    auto it = extensions_.find(name);
    return it == extensions_.end() ? nullptr : std::static_pointer_cast<T>(it->second);
  }

 private:
  std::shared_ptr<const Screener> screener_;
  std::atomic<int64_t> screener_since_{0};
  mutable std::mutex ext_mu_;
  std::map<std::string, std::shared_ptr<void>> extensions_;
};

// --- routes -------------------------------------------------------------------

using Handler = Response (*)(const Request& req, const Principal& who, ServiceContext& ctx);

struct Route {
  std::string_view method;   // "GET", "POST", "PUT", "DELETE"
  std::string_view pattern;  // "/v1/alerts/{id}"; a segment "{name}" matches one segment
  Role min_role;             // Role::kPublic for no token
  Handler handler;
};

bool RegisterRoute(Route route);
const std::vector<Route>& Routes();

using ServiceInit = Status (*)(ServiceContext& ctx);
bool RegisterServiceInit(ServiceInit init);
const std::vector<ServiceInit>& ServiceInits();

// Matches `method` and `path` against `routes`. On a match returns the route
// and fills `params`; `path_matched` is set when some route has the path but
// not the method (405).
const Route* MatchRoute(const std::vector<Route>& routes, std::string_view method,
                        std::string_view path, std::map<std::string, std::string>* params,
                        bool* path_matched);

}  // namespace chokepoint::server

#define CHOKEPOINT_ROUTE(ident, ...) \
  static const bool ident##_route_registered = ::chokepoint::server::RegisterRoute(__VA_ARGS__)
#define CHOKEPOINT_SERVICE_INIT(ident, fn) \
  static const bool ident##_init_registered = ::chokepoint::server::RegisterServiceInit(fn)

#endif  // CHOKEPOINT_SERVER_ROUTER_H_
