// A small HTTP/1.1 server on epoll.
//
// One listening socket; N worker threads, each with its own epoll instance
// that watches the listening socket (EPOLLEXCLUSIVE, so one worker wakes per
// new connection) and the connections it accepted. A worker reads without
// blocking, parses complete requests (pipelining and keep-alive), calls the
// handler on its own thread and writes the response; while a response is
// still being written the connection is not read (back-pressure).
//
// Timeouts: a request must arrive completely within `read_timeout_seconds`
// of its first byte (else 408 and close); an idle keep-alive connection is
// closed after `idle_timeout_seconds`. Malformed requests get the parser's
// 4xx answer (see http.h) and the connection is closed.
//
// Stop() wakes every worker; each finishes the request it is handling,
// flushes what it can and closes its connections.
//
// Thread safety: Start() and Stop() from one controlling thread; the handler
// is called concurrently from the workers.

#ifndef CHOKEPOINT_SERVER_SERVER_H_
#define CHOKEPOINT_SERVER_SERVER_H_

#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "chokepoint/status.h"
#include "server/http.h"
#include "server/router.h"

namespace chokepoint::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port (see HttpServer::port())
  int threads = 2;
  HttpLimits limits;
  int read_timeout_seconds = 30;
  int idle_timeout_seconds = 60;
  int max_connections_per_worker = 10000;
  // Run by each worker thread as it starts, before it takes connections
  // (its argument the worker's index); null for none.
  std::function<void(int worker)> on_worker_start;
};

class HttpServer {
 public:
  // `worker` is the index of the calling worker thread (0..threads-1).
  using Handler = std::function<Response(Request& request, int worker)>;
  // Called for a request the parser rejected (status 4xx), for logging and
  // metrics.
  using RejectHook = std::function<void(int status, const std::string& remote, int worker)>;

  HttpServer(ServerOptions options, Handler handler, RejectHook on_reject = nullptr);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds, listens and starts the workers.
  Status Start();
  // Stops the workers and closes every socket. Idempotent.
  void Stop();

  int port() const { return port_; }

 private:
  void WorkerLoop(int worker);

  ServerOptions options_;
  Handler handler_;
  RejectHook on_reject_;
  int listen_fd_ = -1;
  int wake_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> workers_;
};

}  // namespace chokepoint::server

#endif  // CHOKEPOINT_SERVER_SERVER_H_
