// Unit tests of the HTTP parser, the router, metrics, tokens, the screen
// cache and the server's worker start hook.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "io/file.h"
#include "server/http.h"
#include "server/metrics.h"
#include "server/router.h"
#include "server/screen_cache.h"
#include "server/server.h"
#include "server/tokens.h"

namespace chokepoint::server {
namespace {

ParseOutcome Parse(std::string_view data, Request* req, HttpLimits limits = {}) {
  return ParseRequest(data, limits, req);
}

TEST(HttpParser, ParsesGetWithHeadersAndQuery) {
  Request r;
  std::string data =
      "GET /v1/lists/diff?from=a%20b&to=c+d HTTP/1.1\r\nHost: x\r\nX-Thing:  v \r\n\r\n";
  auto o = Parse(data, &r);
  ASSERT_EQ(o.state, ParseOutcome::State::kComplete);
  EXPECT_EQ(o.consumed, data.size());
  EXPECT_TRUE(o.keep_alive);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.path, "/v1/lists/diff");
  EXPECT_EQ(r.query, "from=a%20b&to=c+d");
  EXPECT_EQ(r.Header("host"), "x");
  EXPECT_EQ(r.Header("x-thing"), "v");
  EXPECT_EQ(r.QueryParam("from").value(), "a b");
  EXPECT_EQ(r.QueryParam("to").value(), "c d");
  EXPECT_FALSE(r.QueryParam("nope").has_value());
}

TEST(HttpParser, BodyByContentLengthAndPipelining) {
  std::string first = "POST /x HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello";
  std::string second = "GET /y HTTP/1.1\r\nConnection: close\r\n\r\n";
  std::string data = first + second;
  Request r;
  auto o = Parse(data, &r);
  ASSERT_EQ(o.state, ParseOutcome::State::kComplete);
  EXPECT_EQ(o.consumed, first.size());
  EXPECT_EQ(r.body, "hello");
  Request r2;
  auto o2 = Parse(std::string_view(data).substr(o.consumed), &r2);
  ASSERT_EQ(o2.state, ParseOutcome::State::kComplete);
  EXPECT_EQ(r2.path, "/y");
  EXPECT_FALSE(o2.keep_alive);
}

TEST(HttpParser, IncompleteUntilTheWholeBodyArrives) {
  std::string data = "POST /x HTTP/1.1\r\nContent-Length: 10\r\n\r\n12345";
  Request r;
  EXPECT_EQ(Parse(data, &r).state, ParseOutcome::State::kIncomplete);
  EXPECT_EQ(Parse("GET / HTTP/1.1\r\nHost: x\r\n", &r).state, ParseOutcome::State::kIncomplete);
}

TEST(HttpParser, Http10ClosesUnlessKeepAlive) {
  Request r;
  EXPECT_FALSE(Parse("GET / HTTP/1.0\r\n\r\n", &r).keep_alive);
  EXPECT_TRUE(Parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", &r).keep_alive);
}

struct BadCase {
  std::string data;
  int status;
};

TEST(HttpParser, RejectsBadRequestsWithTheRightStatus) {
  HttpLimits limits;
  limits.max_header_bytes = 100;
  limits.max_body_bytes = 10;
  const BadCase cases[] = {
      {"GARBAGE\r\n\r\n", 400},
      {"GET x HTTP/1.1\r\n\r\n", 400},
      {"GET / HTTP/2.0\r\n\r\n", 505},
      {"GET / HTTP/1.1\r\nBad Header: x\r\n\r\n", 400},
      {"GET / HTTP/1.1\r\nX: a\r\n folded\r\n\r\n", 400},
      {"POST / HTTP/1.1\r\n\r\n", 411},
      {"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 411},
      {"POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\n", 413},
      {"POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n", 400},
      {"POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n", 400},
      {"GET /" + std::string(200, 'a') + " HTTP/1.1\r\n\r\n", 431},
      {"GET /" + std::string(200, 'a'), 431},  // no end of headers in sight
  };
  for (const auto& c : cases) {
    Request r;
    auto o = ParseRequest(c.data, limits, &r);
    EXPECT_EQ(o.state, ParseOutcome::State::kError) << c.data;
    EXPECT_EQ(o.error_status, c.status) << c.data;
    EXPECT_FALSE(o.error.empty());
  }
}

TEST(HttpParser, PercentDecode) {
  EXPECT_EQ(PercentDecode("a%2Fb%zz+c", false), "a/b%zz+c");
  EXPECT_EQ(PercentDecode("a+b%41", true), "a bA");
  EXPECT_EQ(PercentDecode("%4", true), "%4");
}

TEST(HttpResponse, WritesStatusLineHeadersAndBody) {
  Response r = JsonResponse(404, "{}");
  r.headers.emplace_back("X-A", "1");
  std::string out;
  AppendResponse(r, true, false, &out);
  EXPECT_EQ(out.rfind("HTTP/1.1 404 Not Found\r\n", 0), 0u);
  EXPECT_NE(out.find("Content-Length: 2\r\n"), std::string::npos);
  EXPECT_NE(out.find("Connection: keep-alive\r\n"), std::string::npos);
  EXPECT_NE(out.find("X-A: 1\r\n"), std::string::npos);
  EXPECT_EQ(out.substr(out.size() - 6), "\r\n\r\n{}");
  std::string head;
  AppendResponse(r, false, true, &head);
  EXPECT_EQ(head.substr(head.size() - 4), "\r\n\r\n");
  EXPECT_NE(head.find("Connection: close"), std::string::npos);
}

Response Dummy(const Request&, const Principal&, ServiceContext&) { return {}; }

TEST(Router, MatchesLiteralsBeforeParameters) {
  std::vector<Route> routes = {
      {"GET", "/v1/alerts/{id}", Role::kViewer, &Dummy},
      {"GET", "/v1/alerts/open", Role::kViewer, &Dummy},
      {"POST", "/v1/alerts/{id}/decisions", Role::kAnalyst, &Dummy},
      {"GET", "/healthz", Role::kPublic, &Dummy},
  };
  std::map<std::string, std::string> params;
  bool path_matched = false;
  const Route* r = MatchRoute(routes, "GET", "/v1/alerts/open", &params, &path_matched);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->pattern, "/v1/alerts/open");
  r = MatchRoute(routes, "GET", "/v1/alerts/42", &params, &path_matched);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->pattern, "/v1/alerts/{id}");
  EXPECT_EQ(params["id"], "42");
  r = MatchRoute(routes, "POST", "/v1/alerts/7/decisions", &params, &path_matched);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(params["id"], "7");
  EXPECT_EQ(MatchRoute(routes, "DELETE", "/healthz", &params, &path_matched), nullptr);
  EXPECT_TRUE(path_matched);
  EXPECT_EQ(MatchRoute(routes, "GET", "/nothing", &params, &path_matched), nullptr);
  EXPECT_FALSE(path_matched);
  EXPECT_EQ(MatchRoute(routes, "GET", "/v1/alerts", &params, &path_matched), nullptr);
  // HEAD is answered by the GET route.
  EXPECT_NE(MatchRoute(routes, "HEAD", "/healthz", &params, &path_matched), nullptr);
}

TEST(Router, RolesAreOrdered) {
  EXPECT_LT(static_cast<int>(Role::kViewer), static_cast<int>(Role::kAnalyst));
  EXPECT_LT(static_cast<int>(Role::kAnalyst), static_cast<int>(Role::kReviewer));
  EXPECT_LT(static_cast<int>(Role::kReviewer), static_cast<int>(Role::kAdmin));
  for (const char* name : {"viewer", "analyst", "reviewer", "admin"}) {
    ASSERT_TRUE(ParseRole(name).has_value());
    EXPECT_EQ(RoleName(*ParseRole(name)), name);
  }
  EXPECT_FALSE(ParseRole("root").has_value());
}

TEST(Router, ErrorResponseShape) {
  Response r = ErrorResponse(403, "forbidden", "say \"no\"");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.body, R"({"error":{"code":"forbidden","message":"say \"no\""}})");
}

TEST(Metrics, CountsAndCumulativeBuckets) {
  Metrics m(2);
  m.Record(0, "GET /healthz", "GET", 200, 0.0001);
  m.Record(1, "GET /healthz", "GET", 200, 0.003);
  m.Record(1, "GET /healthz", "GET", 404, 20);
  std::string text = m.Render();
  EXPECT_NE(text.find("chokepoint_http_requests_total{route=\"GET /healthz\",method=\"GET\","
                      "status=\"200\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("status=\"404\"} 1\n"), std::string::npos);
  // 0.0001 <= 0.0005; 0.003 <= 0.005; 20 only in +Inf.
  EXPECT_NE(text.find("le=\"0.0005\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("le=\"0.0025\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("le=\"0.005\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("le=\"10\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("le=\"+Inf\"} 3\n"), std::string::npos);
  EXPECT_NE(text.find("_count{route=\"GET /healthz\"} 3\n"), std::string::npos);
}

TEST(Tokens, CreateAuthenticateRevoke) {
  std::string dir =
      std::filesystem::temp_directory_path() / ("cp_tokens_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto created = CreateToken(dir, Role::kReviewer, "alice");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const auto& [record, token] = *created;
  EXPECT_EQ(token.rfind("cpt_", 0), 0u);
  EXPECT_EQ(token.size(), 44u);
  // Only the hash is stored.
  auto text = io::ReadFile(TokensPath(dir));
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->find(token), std::string::npos);
  EXPECT_NE(text->find(io::Sha256Hex(token)), std::string::npos);

  TokenStore store(TokensPath(dir));
  auto p = store.Authenticate(token);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->role, Role::kReviewer);
  EXPECT_EQ(p->user, "alice");
  EXPECT_EQ(p->token_id, record.id);
  EXPECT_FALSE(store.Authenticate(token + "x").has_value());
  EXPECT_FALSE(store.Authenticate("").has_value());

  ASSERT_TRUE(RevokeToken(dir, record.id).ok());
  EXPECT_FALSE(RevokeToken(dir, record.id).ok());
  auto left = LoadTokens(TokensPath(dir));
  ASSERT_TRUE(left.ok());
  EXPECT_TRUE(left->empty());
  std::filesystem::remove_all(dir);
}

TEST(ScreenCache, KeysDistinguishEveryField) {
  ScreenQuery a;
  a.name = "Ivan Petrov";
  ScreenQuery b = a;
  EXPECT_EQ(ScreenCache::Key(a), ScreenCache::Key(b));
  b.country = "RU";
  EXPECT_NE(ScreenCache::Key(a), ScreenCache::Key(b));
  b = a;
  b.threshold = 0.71;
  EXPECT_NE(ScreenCache::Key(a), ScreenCache::Key(b));
  b = a;
  b.identifiers = {"1", "2"};
  ScreenQuery c = a;
  c.identifiers = {"12"};
  EXPECT_NE(ScreenCache::Key(b), ScreenCache::Key(c));
  // Field boundaries cannot be shifted: ("ab", "") differs from ("a", "b").
  ScreenQuery d = a, e = a;
  d.name = "ab";
  e.name = "a";
  e.country = "b";
  EXPECT_NE(ScreenCache::Key(d), ScreenCache::Key(e));
}

TEST(ScreenCache, LruPerScreenerAndClear) {
  ScreenCache cache(16);  // one entry per shard
  auto entry = [](const std::string& json) {
    auto e = std::make_shared<CachedScreen>();
    e->json = json;
    return e;
  };
  cache.Put("k1", entry("v1"));
  ASSERT_NE(cache.Get("k1", nullptr), nullptr);
  EXPECT_EQ(cache.Get("k1", nullptr)->json, "v1");
  // An answer from another Screener is never returned.
  EXPECT_EQ(cache.Get("k1", reinterpret_cast<const Screener*>(&cache)), nullptr);
  EXPECT_EQ(cache.Get("k1", nullptr), nullptr);  // and was dropped
  // Bounded: 1,000 distinct keys leave at most 16 entries.
  for (int i = 0; i < 1000; ++i) cache.Put("key" + std::to_string(i), entry("x"));
  int kept = 0;
  for (int i = 0; i < 1000; ++i) kept += cache.Get("key" + std::to_string(i), nullptr) != nullptr;
  EXPECT_LE(kept, 16);
  EXPECT_GE(kept, 1);
  cache.Clear();
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(cache.Get("key" + std::to_string(i), nullptr), nullptr);
  ScreenCache off(0);
  off.Put("k", entry("v"));
  EXPECT_EQ(off.Get("k", nullptr), nullptr);
}

// One HTTP/1.0 GET of `path` from 127.0.0.1:port; the whole response.
std::string GetLocal(int port, const std::string& path) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string out;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    const std::string request = "GET " + path + " HTTP/1.0\r\n\r\n";
    if (write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size())) {
      char buf[4096];
      for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
    }
  }
  close(fd);
  return out;
}

// Each worker runs on_worker_start once, with its own index, before it
// answers a request (serve warms its screener's per-thread state there).
TEST(HttpServer, WorkersRunTheirStartHookBeforeTakingConnections) {
  constexpr int kWorkers = 3;
  std::array<std::atomic<int>, kWorkers> started{};
  ServerOptions options;
  options.port = 0;
  options.threads = kWorkers;
  options.on_worker_start = [&](int worker) {
    // Slow enough that a request reaching a worker early would see 0.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    started[worker].fetch_add(1);
  };
  HttpServer server(options, [&](Request&, int worker) {
    Response r;
    r.content_type = "text/plain";
    r.body =
        "worker " + std::to_string(worker) + " started " + std::to_string(started[worker].load());
    return r;
  });
  ASSERT_TRUE(server.Start().ok());
  for (int i = 0; i < 6; ++i) {
    const std::string response = GetLocal(server.port(), "/");
    EXPECT_NE(response.find(" started 1"), std::string::npos) << response;
  }
  server.Stop();
  for (int w = 0; w < kWorkers; ++w) EXPECT_EQ(started[w].load(), 1) << "worker " << w;
}

}  // namespace
}  // namespace chokepoint::server
