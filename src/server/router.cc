#include "server/router.h"

#include <chrono>

#include "io/json_writer.h"
#include "server/http.h"
#include "server/screen_cache.h"

namespace chokepoint::server {

std::string_view Request::Header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return {};
}

const std::string& Request::Param(const std::string& name) const {
  static const std::string kEmpty;
  auto it = params.find(name);
  return it == params.end() ? kEmpty : it->second;
}

std::optional<std::string> Request::QueryParam(std::string_view name) const {
  std::string_view q = query;
  while (!q.empty()) {
    size_t amp = q.find('&');
    std::string_view pair = q.substr(0, amp);
    q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
    size_t eq = pair.find('=');
    std::string key = PercentDecode(pair.substr(0, eq), true);
    if (key != name) continue;
    if (eq == std::string_view::npos) return std::string();
    return PercentDecode(pair.substr(eq + 1), true);
  }
  return std::nullopt;
}

Response ErrorResponse(int status, std::string_view code, std::string_view message) {
  io::JsonWriter w;
  w.BeginObject();
  w.Key("error");
  w.BeginObject();
  w.Field("code", code);
  w.Field("message", message);
  w.EndObject();
  w.EndObject();
  Response r;
  r.status = status;
  r.body = w.Take();
  return r;
}

Response JsonResponse(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response StatusResponse(const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kParseError:
      return ErrorResponse(400, "invalid_argument", status.message());
    case StatusCode::kNotFound:
      return ErrorResponse(404, "not_found", status.message());
    case StatusCode::kFailedPrecondition:
      return ErrorResponse(409, "conflict", status.message());
    default:
      return ErrorResponse(500, "internal", status.message());
  }
}

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kPublic:
      return "public";
    case Role::kViewer:
      return "viewer";
    case Role::kAnalyst:
      return "analyst";
    case Role::kReviewer:
      return "reviewer";
    case Role::kAdmin:
      return "admin";
  }
  return "public";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kViewer, Role::kAnalyst, Role::kReviewer, Role::kAdmin}) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

void ServiceContext::SetScreener(std::shared_ptr<const Screener> s) {
  std::atomic_store(&screener_, std::move(s));
  if (screen_cache) screen_cache->Clear();
  screener_since_.store(std::chrono::duration_cast<std::chrono::seconds>(
                            std::chrono::system_clock::now().time_since_epoch())
                            .count());
}

namespace {

std::vector<Route>& RouteRegistry() {
  static std::vector<Route> routes;
  return routes;
}

std::vector<ServiceInit>& InitRegistry() {
  static std::vector<ServiceInit> inits;
  return inits;
}

// Splits "/a/b/c" into {"a", "b", "c"}; "/" into {}.
std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool MatchPattern(std::string_view pattern, std::string_view path,
                  std::map<std::string, std::string>* params) {
  auto ps = Segments(pattern);
  auto xs = Segments(path);
  if (ps.size() != xs.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < ps.size(); ++i) {
    std::string_view p = ps[i];
    if (p.size() >= 2 && p.front() == '{' && p.back() == '}') {
      if (xs[i].empty()) return false;
      found[std::string(p.substr(1, p.size() - 2))] = std::string(xs[i]);
    } else if (p != xs[i]) {
      return false;
    }
  }
  if (params) *params = std::move(found);
  return true;
}

}  // namespace

bool RegisterRoute(Route route) {
  RouteRegistry().push_back(route);
  return true;
}

const std::vector<Route>& Routes() { return RouteRegistry(); }

bool RegisterServiceInit(ServiceInit init) {
  InitRegistry().push_back(init);
  return true;
}

const std::vector<ServiceInit>& ServiceInits() { return InitRegistry(); }

const Route* MatchRoute(const std::vector<Route>& routes, std::string_view method,
                        std::string_view path, std::map<std::string, std::string>* params,
                        bool* path_matched) {
  if (path_matched) *path_matched = false;
  // Literal segments win over parameters: try routes without parameters
  // first, then the rest in registration order.
  for (int pass = 0; pass < 2; ++pass) {
    for (const Route& r : routes) {
      bool has_param = r.pattern.find('{') != std::string_view::npos;
      if (has_param != (pass == 1)) continue;
      if (!MatchPattern(r.pattern, path, params)) continue;
      if (r.method == method || (method == "HEAD" && r.method == "GET")) return &r;
      if (path_matched) *path_matched = true;
    }
  }
  return nullptr;
}

}  // namespace chokepoint::server
