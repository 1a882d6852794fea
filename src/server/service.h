// The service behind the HTTP server: routing, authentication, static files
// of the web app, metrics and the access log.
//
// Handle() finds the route (404/405 otherwise, or a static file of the web
// app for GET), checks the bearer token against the route's role (401, 403),
// calls the handler, records metrics and writes one access-log line:
//   2026-11-29T03:40:00Z 127.0.0.1 POST /v1/screen 200 812B 0.9ms analyst:alice
// The line never holds a token, a query string or a body.
//
// Thread safety: Handle() is called concurrently by the server's workers.

#ifndef CHOKEPOINT_SERVER_SERVICE_H_
#define CHOKEPOINT_SERVER_SERVICE_H_

#include <cstdio>
#include <memory>
#include <string>

#include "server/metrics.h"
#include "server/router.h"
#include "server/tokens.h"

namespace chokepoint::server {

class Service {
 public:
  // `log` is where access-log lines go (nullptr: no access log).
  Service(ServiceContext* ctx, int workers, std::FILE* log);

  // Fills request.params from the matched route.
  Response Handle(Request& request, int worker);
  // Records a request the parser rejected.
  void RecordReject(int status, const std::string& remote, int worker);

  Metrics& metrics() { return metrics_; }
  // The process-wide service, for the /metrics handler (set by `serve`).
  static Service* Current();
  static void SetCurrent(Service* service);

 private:
  Response Dispatch(Request& request, Principal* who, std::string* route_name);
  Response ServeStatic(const Request& request);
  void Log(const Request& request, int status, size_t bytes, double seconds, const Principal& who);

  ServiceContext* ctx_;
  TokenStore tokens_;
  Metrics metrics_;
  std::FILE* log_;
};

// The Content-Type for a file name's extension.
std::string_view ContentTypeFor(std::string_view path);

}  // namespace chokepoint::server

#endif  // CHOKEPOINT_SERVER_SERVICE_H_
