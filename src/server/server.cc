#include "server/server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <memory>
#include <thread>
#include <unordered_map>

namespace chokepoint::server {
namespace {

using Clock = std::chrono::steady_clock;

struct Connection {
  int fd = -1;
  std::string remote;
  std::string in;
  std::string out;
  size_t out_sent = 0;
  bool close_after_write = false;
  bool peer_closed = false;
  bool want_write = false;  // registered for EPOLLOUT (not EPOLLIN)
  Clock::time_point last_activity;
  Clock::time_point request_started;  // first byte of the pending request
};

std::string PeerAddress(const sockaddr_storage& addr) {
  char buf[INET6_ADDRSTRLEN] = {0};
  if (addr.ss_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(addr).sin_addr, buf, sizeof buf);
  } else if (addr.ss_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(addr).sin6_addr, buf, sizeof buf);
  }
  return buf;
}

Status Errno(const std::string& what) {
  return Status::IoError(what + ": " + std::strerror(errno));
}

}  // namespace

HttpServer::HttpServer(ServerOptions options, Handler handler, RejectHook on_reject)
    : options_(std::move(options)),
      handler_(std::move(handler)),
      on_reject_(std::move(on_reject)) {}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Start() {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* res = nullptr;
  std::string port = std::to_string(options_.port);
  int rc = getaddrinfo(options_.host.c_str(), port.c_str(), &hints, &res);
  if (rc != 0) {
    return Status::InvalidArgument("cannot resolve host '" + options_.host +
                                   "': " + gai_strerror(rc));
  }
  Status last = Status::IoError("no address to bind for '" + options_.host + "'");
  for (addrinfo* a = res; a != nullptr; a = a->ai_next) {
    int fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      last = Errno("socket");
      continue;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, a->ai_addr, a->ai_addrlen) != 0) {
      last = Errno("cannot bind " + options_.host + ":" + port);
      close(fd);
      continue;
    }
    if (listen(fd, 1024) != 0) {
      last = Errno("listen");
      close(fd);
      continue;
    }
    listen_fd_ = fd;
    break;
  }
  freeaddrinfo(res);
  if (listen_fd_ < 0) return last;
  sockaddr_storage bound{};
  socklen_t len = sizeof bound;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&bound), &len);
  port_ = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6&>(bound).sin6_port
                                            : reinterpret_cast<sockaddr_in&>(bound).sin_port);
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (wake_fd_ < 0) return Errno("eventfd");
  int threads = std::max(1, options_.threads);
  for (int i = 0; i < threads; ++i) workers_.emplace_back([this, i] { WorkerLoop(i); });
  return Status::Ok();
}

void HttpServer::Stop() {
  if (stopping_.exchange(true)) {
    for (auto& t : workers_) {
      if (t.joinable()) t.join();
    }
    return;
  }
  if (wake_fd_ >= 0) {
    uint64_t one = 1;
    ssize_t ignored = write(wake_fd_, &one, sizeof one);
    (void)ignored;
  }
  for (auto& t : workers_) {
    if (t.joinable()) t.join();
  }
  workers_.clear();
  if (listen_fd_ >= 0) close(listen_fd_);
  if (wake_fd_ >= 0) close(wake_fd_);
  listen_fd_ = wake_fd_ = -1;
}

void HttpServer::WorkerLoop(int worker) {
  if (options_.on_worker_start) options_.on_worker_start(worker);
  int ep = epoll_create1(EPOLL_CLOEXEC);
  if (ep < 0) return;
  // Tags: the listening socket and the wake-up fd are told apart from
  // connections by their data.ptr (nullptr and &wake_fd_).
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLEXCLUSIVE;
  ev.data.ptr = nullptr;
  epoll_ctl(ep, EPOLL_CTL_ADD, listen_fd_, &ev);
  ev.events = EPOLLIN;
  ev.data.ptr = &wake_fd_;
  epoll_ctl(ep, EPOLL_CTL_ADD, wake_fd_, &ev);

  std::unordered_map<int, std::unique_ptr<Connection>> conns;
  const HttpLimits limits = options_.limits;

  auto close_conn = [&](Connection* c) {
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, nullptr);
    close(c->fd);
    conns.erase(c->fd);  // destroys *c
  };
  auto set_interest = [&](Connection* c, bool write) {
    if (c->want_write == write) return;
    c->want_write = write;
    epoll_event e{};
    e.events = write ? EPOLLOUT : EPOLLIN;
    e.data.ptr = c;
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &e);
  };
  // Writes pending output; returns false when the connection was closed.
  auto flush = [&](Connection* c) -> bool {
    while (c->out_sent < c->out.size()) {
      ssize_t n =
          send(c->fd, c->out.data() + c->out_sent, c->out.size() - c->out_sent, MSG_NOSIGNAL);
      if (n > 0) {
        c->out_sent += static_cast<size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        set_interest(c, true);
        return true;
      }
      close_conn(c);
      return false;
    }
    c->out.clear();
    c->out_sent = 0;
    if (c->close_after_write || c->peer_closed) {
      close_conn(c);
      return false;
    }
    set_interest(c, false);
    return true;
  };
  // Parses and answers every complete request in the input buffer.
  auto process = [&](Connection* c) {
    size_t used = 0;
    while (!c->close_after_write && used < c->in.size()) {
      Request req;
      std::string_view data(c->in.data() + used, c->in.size() - used);
      ParseOutcome o = ParseRequest(data, limits, &req);
      if (o.state == ParseOutcome::State::kIncomplete) break;
      if (o.state == ParseOutcome::State::kError) {
        Response r = ErrorResponse(o.error_status, "bad_request", o.error);
        AppendResponse(r, false, false, &c->out);
        c->close_after_write = true;
        used = c->in.size();
        if (on_reject_) on_reject_(o.error_status, c->remote, worker);
        break;
      }
      used += o.consumed;
      req.remote_addr = c->remote;
      Response r = handler_(req, worker);
      if (!o.keep_alive || stopping_.load(std::memory_order_relaxed)) c->close_after_write = true;
      AppendResponse(r, !c->close_after_write, req.method == "HEAD", &c->out);
    }
    if (used > 0) {
      c->in.erase(0, used);
      if (!c->in.empty()) c->request_started = Clock::now();  // the next request began
    }
  };
  auto on_readable = [&](Connection* c) {
    char buf[65536];
    bool had_input = !c->in.empty();
    for (;;) {
      ssize_t n = recv(c->fd, buf, sizeof buf, 0);
      if (n > 0) {
        c->in.append(buf, static_cast<size_t>(n));
        if (static_cast<size_t>(n) < sizeof buf) break;
        // Stop reading a runaway request; the parser rejects it below.
        if (c->in.size() > limits.max_header_bytes + limits.max_body_bytes + 65536) break;
        continue;
      }
      if (n == 0) {
        c->peer_closed = true;
        break;
      }
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      close_conn(c);
      return;
    }
    c->last_activity = Clock::now();
    if (!had_input && !c->in.empty()) c->request_started = c->last_activity;
    process(c);
    if (!c->out.empty()) {
      flush(c);
      return;
    }
    if (c->peer_closed) close_conn(c);
  };

  std::vector<epoll_event> events(256);
  auto last_sweep = Clock::now();
  bool running = true;
  while (running) {
    int n = epoll_wait(ep, events.data(), static_cast<int>(events.size()), 1000);
    if (n < 0 && errno != EINTR) break;
    for (int i = 0; i < n; ++i) {
      void* tag = events[i].data.ptr;
      if (tag == &wake_fd_) {
        running = false;
        continue;
      }
      if (tag == nullptr) {
        for (;;) {
          sockaddr_storage addr{};
          socklen_t alen = sizeof addr;
          int fd = accept4(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &alen,
                           SOCK_NONBLOCK | SOCK_CLOEXEC);
          if (fd < 0) {
            // Out of file descriptors: back off instead of spinning on the
            // still-readable listening socket.
            if (errno == EMFILE || errno == ENFILE) {
              std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
            break;
          }
          if (static_cast<int>(conns.size()) >= options_.max_connections_per_worker) {
            close(fd);
            continue;
          }
          int one = 1;
          setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          auto c = std::make_unique<Connection>();
          c->fd = fd;
          c->remote = PeerAddress(addr);
          c->last_activity = Clock::now();
          epoll_event e{};
          e.events = EPOLLIN;
          e.data.ptr = c.get();
          if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e) != 0) {
            close(fd);
            continue;
          }
          conns.emplace(fd, std::move(c));
        }
        continue;
      }
      auto* c = static_cast<Connection*>(tag);
      uint32_t e = events[i].events;
      if (c->want_write) {
        if (e & (EPOLLOUT | EPOLLERR | EPOLLHUP)) {
          c->last_activity = Clock::now();
          if (flush(c) && !c->in.empty()) {
            // Requests that arrived while we were writing.
            process(c);
            if (!c->out.empty()) flush(c);
          }
        }
        continue;
      }
      if (e & (EPOLLIN | EPOLLERR | EPOLLHUP)) on_readable(c);
    }
    auto now = Clock::now();
    if (now - last_sweep >= std::chrono::seconds(1)) {
      last_sweep = now;
      std::vector<Connection*> expired, slow;
      for (auto& [fd, c] : conns) {
        if (c->want_write) {
          if (now - c->last_activity > std::chrono::seconds(options_.read_timeout_seconds)) {
            expired.push_back(c.get());
          }
        } else if (!c->in.empty()) {
          if (now - c->request_started > std::chrono::seconds(options_.read_timeout_seconds)) {
            slow.push_back(c.get());
          }
        } else if (now - c->last_activity > std::chrono::seconds(options_.idle_timeout_seconds)) {
          expired.push_back(c.get());
        }
      }
      for (Connection* c : expired) close_conn(c);
      for (Connection* c : slow) {
        Response r = ErrorResponse(408, "request_timeout", "the request did not arrive in time");
        c->out.clear();
        c->out_sent = 0;
        AppendResponse(r, false, false, &c->out);
        c->close_after_write = true;
        c->in.clear();
        if (on_reject_) on_reject_(408, c->remote, worker);
        flush(c);
      }
    }
  }
  // Shutting down: one last attempt to send what is pending, then close.
  for (auto& [fd, c] : conns) {
    if (c->out_sent < c->out.size()) {
      ssize_t ignored =
          send(fd, c->out.data() + c->out_sent, c->out.size() - c->out_sent, MSG_NOSIGNAL);
      (void)ignored;
    }
    close(fd);
  }
  conns.clear();
  close(ep);
}

}  // namespace chokepoint::server
