#include "server/service.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>

#include "io/file.h"

namespace chokepoint::server {
namespace {

std::atomic<Service*> g_current{nullptr};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// True when `path` has no "." or ".." segment and no backslash, so that it
// stays inside the web folder.
bool SafeRelativePath(std::string_view path) {
  if (path.find('\\') != std::string_view::npos) return false;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view seg = path.substr(i, j - i);
    if (seg == "." || seg == "..") return false;
    i = j + 1;
  }
  return true;
}

bool IsRegularFile(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string_view Bearer(const Request& r) {
  std::string_view h = r.Header("authorization");
  if (h.size() > 7 && (h.substr(0, 7) == "Bearer " || h.substr(0, 7) == "bearer ")) {
    h.remove_prefix(7);
    while (!h.empty() && h.front() == ' ') h.remove_prefix(1);
    while (!h.empty() && h.back() == ' ') h.remove_suffix(1);
    return h;
  }
  return {};
}

}  // namespace

std::string_view ContentTypeFor(std::string_view path) {
  struct {
    const char* ext;
    const char* type;
  } static const kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
      {".wasm", "application/wasm"},
  };
  for (const auto& t : kTypes) {
    if (EndsWith(path, t.ext)) return t.type;
  }
  return "application/octet-stream";
}

Service::Service(ServiceContext* ctx, int workers, std::FILE* log)
    : ctx_(ctx), tokens_(TokensPath(ctx->data_dir)), metrics_(workers + 1), log_(log) {}

Service* Service::Current() { return g_current.load(); }
void Service::SetCurrent(Service* service) { g_current.store(service); }

Response Service::ServeStatic(const Request& req) {
  if (ctx_->web_dir.empty()) return ErrorResponse(404, "not_found", "no such route");
  std::string rel = req.path.substr(1);
  if (rel.empty()) rel = "index.html";
  if (!SafeRelativePath(rel)) return ErrorResponse(404, "not_found", "no such file");
  std::string file = ctx_->web_dir + "/" + rel;
  if (!IsRegularFile(file)) {
    // The app's own paths (client-side routing) get index.html.
    bool app_path = rel == "app" || rel.rfind("app/", 0) == 0;
    if (!app_path || EndsWith(rel, ".js") || EndsWith(rel, ".css")) {
      return ErrorResponse(404, "not_found", "no such route or file");
    }
    file = ctx_->web_dir + "/index.html";
    rel = "index.html";
    if (!IsRegularFile(file)) return ErrorResponse(404, "not_found", "the web app is not built");
  }
  auto data = io::ReadFile(file);
  if (!data.ok()) return ErrorResponse(404, "not_found", "no such file");
  Response r;
  r.content_type = std::string(ContentTypeFor(rel));
  r.body = std::move(*data);
  r.headers.emplace_back("Cache-Control",
                         rel.rfind("assets/", 0) == 0 || rel.find("/assets/") != std::string::npos
                             ? "public, max-age=31536000, immutable"
                             : "no-cache");
  return r;
}

Response Service::Dispatch(Request& req, Principal* who, std::string* route_name) {
  bool path_matched = false;
  const Route* route = MatchRoute(Routes(), req.method, req.path, &req.params, &path_matched);
  if (route == nullptr) {
    if (path_matched) {
      *route_name = "unmatched";
      return ErrorResponse(405, "method_not_allowed",
                           "method " + req.method + " is not allowed on " + req.path);
    }
    if (req.method == "GET" || req.method == "HEAD") {
      *route_name = "static";
      return ServeStatic(req);
    }
    *route_name = "unmatched";
    return ErrorResponse(404, "not_found", "no such route");
  }
  *route_name = std::string(route->method) + " " + std::string(route->pattern);
  if (route->min_role != Role::kPublic) {
    std::string_view token = Bearer(req);
    if (token.empty()) {
      Response r = ErrorResponse(401, "unauthorized",
                                 "this route needs a token: Authorization: Bearer TOKEN");
      r.headers.emplace_back("WWW-Authenticate", "Bearer");
      return r;
    }
    auto p = tokens_.Authenticate(token);
    if (!p) {
      Response r = ErrorResponse(401, "unauthorized", "unknown or revoked token");
      r.headers.emplace_back("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      return r;
    }
    *who = *p;
    if (static_cast<int>(who->role) < static_cast<int>(route->min_role)) {
      return ErrorResponse(403, "forbidden",
                           "this route needs the " + std::string(RoleName(route->min_role)) +
                               " role; the token has " + std::string(RoleName(who->role)));
    }
  } else if (std::string_view token = Bearer(req); !token.empty()) {
    if (auto p = tokens_.Authenticate(token)) *who = *p;
  }
  return route->handler(req, *who, *ctx_);
}

Response Service::Handle(Request& req, int worker) {
  auto start = std::chrono::steady_clock::now();
  Principal who;
  std::string route_name;
  Response r = Dispatch(req, &who, &route_name);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.Record(worker, route_name, req.method, r.status, seconds);
  Log(req, r.status, r.body.size(), seconds, who);
  return r;
}

void Service::RecordReject(int status, const std::string& remote, int worker) {
  metrics_.Record(worker, "rejected", "-", status, 0);
  if (log_ == nullptr) return;
  Request req;
  req.method = "-";
  req.path = "-";
  req.remote_addr = remote;
  Log(req, status, 0, 0, Principal{});
}

void Service::Log(const Request& req, int status, size_t bytes, double seconds,
                  const Principal& who) {
  if (log_ == nullptr) return;
  const std::string when = io::NowUtc();
  // The path only: no query string (it may hold names) and no headers.
  std::string path = req.path.size() > 200 ? req.path.substr(0, 200) + "..." : req.path;
  for (char& c : path) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == ' ') c = '?';
  }
  char line[512];
  int n = std::snprintf(line, sizeof line, "%s %s %s %s %d %zuB %.2fms %s%s%s\n", when.c_str(),
                        req.remote_addr.c_str(), req.method.c_str(), path.c_str(), status, bytes,
                        seconds * 1000, std::string(RoleName(who.role)).c_str(),
                        who.user.empty() ? "" : ":", who.user.c_str());
  if (n > 0) {
    size_t len = std::min(static_cast<size_t>(n), sizeof line - 1);
    // One write() per line, so lines from different workers do not interleave.
    ssize_t ignored = ::write(fileno(log_), line, len);
    (void)ignored;
  }
}

}  // namespace chokepoint::server
