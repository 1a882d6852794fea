// `chokepoint serve`: the HTTP service (src/server/, docs/service.md).
//
// Loads the list snapshot and builds the Screener once, runs the start-up
// hooks of the route groups (e.g. the casework store), then serves until
// SIGTERM or SIGINT, on which it stops accepting, finishes the requests in
// hand and exits 0.

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "chokepoint/screen.h"
#include "cli/command.h"
#include "io/file.h"
#include "io/memory.h"
#include "io/strings.h"
#include "server/router.h"
#include "server/screen_cache.h"
#include "server/server.h"
#include "server/service.h"

namespace chokepoint::cli {
namespace {

constexpr std::string_view kCommand = "serve";

Result<int> IntOption(const Args& args, std::string_view name, int fallback, int lo, int hi) {
  auto v = args.Get(name);
  if (!v) return fallback;
  if (!io::IsDigits(*v) || v->size() > 9 || std::stoi(*v) < lo || std::stoi(*v) > hi) {
    return Status::InvalidArgument(std::string(name) + ": bad value '" + *v + "' (a number from " +
                                   std::to_string(lo) + " to " + std::to_string(hi) + ")");
  }
  return std::stoi(*v);
}

// The web app's files: --web DIR, else $CHOKEPOINT_WEB, else web/ next to the
// binary (a build folder), else ../web/dist from the binary (a build folder
// inside the source tree). "" when none exists.
std::string FindWebDir(const Args& args) {
  namespace fs = std::filesystem;
  if (auto w = args.Get("--web")) return *w;
  if (const char* env = std::getenv("CHOKEPOINT_WEB"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "";
  for (fs::path candidate : {exe.parent_path() / "web", exe.parent_path() / "web" / "dist",
                             exe.parent_path().parent_path() / "web" / "dist"}) {
    if (fs::is_regular_file(candidate / "index.html", ec)) return candidate.string();
  }
  return "";
}

int RunServe(const Args& args) {
  if (!args.positional().empty()) {
    return UsageError(kCommand, "unexpected argument '" + args.positional()[0] + "'");
  }
  auto port = IntOption(args, "--port", 8080, 0, 65535);
  if (!port.ok()) return UsageError(kCommand, port.status().message());
  unsigned hw = std::thread::hardware_concurrency();
  auto threads = IntOption(args, "--threads", hw == 0 ? 2 : static_cast<int>(hw), 1, 256);
  if (!threads.ok()) return UsageError(kCommand, threads.status().message());
  auto cache = IntOption(args, "--cache", 10000, 0, 10000000);
  if (!cache.ok()) return UsageError(kCommand, cache.status().message());
  auto max_body_mb = IntOption(args, "--max-body-mb", 16, 1, 1024);
  if (!max_body_mb.ok()) return UsageError(kCommand, max_body_mb.status().message());

  auto* ctx = new server::ServiceContext();  // lives until exit (background updates use it)
  ctx->data_dir = args.GetOr("--data", HomeDir());
  ctx->db_url = args.GetOr("--db", "");
  ctx->trade_store = args.GetOr("--trade", "");
  ctx->web_dir = FindWebDir(args);
  if (*cache > 0) ctx->screen_cache = std::make_shared<server::ScreenCache>(*cache);
  std::error_code ec;
  std::filesystem::create_directories(ctx->data_dir, ec);
  if (ec) {
    return Fail(
        Status::IoError("cannot create the data folder " + ctx->data_dir + ": " + ec.message()));
  }

  // The snapshot: --snapshot, else DATA/current.snap (written by a list
  // update), else the usual default (see OpenSnapshot).
  Result<std::shared_ptr<const Snapshot>> snap = Status::Internal("unset");
  if (auto s = args.Get("--snapshot")) {
    ctx->snapshot_path = *s;
    snap = Snapshot::Load(*s);
  } else if (io::FileExists(ctx->data_dir + "/current.snap")) {
    snap = Snapshot::Load(ctx->data_dir + "/current.snap");
  } else {
    snap = OpenSnapshot(args);
  }
  if (!snap.ok()) return Fail(snap.status());
  auto start = std::chrono::steady_clock::now();
  ctx->SetScreener(Screener::Build(*snap));
  double build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cerr << "serve: snapshot " << (*snap)->version() << ", " << (*snap)->entities().size()
            << " entities, screener built in " << static_cast<int>(build_s * 1000) << " ms\n";
  // A service screens for long: its memory goes onto huge pages (io/memory.h).
  const io::HugePageReport hp = io::BackHeapWithHugePages();
  std::cerr << "serve: " << (hp.collapsed >> 20) << " MB of memory moved onto 2 MB pages ("
            << static_cast<int>(hp.cpu_seconds * 1000) << " ms CPU)\n";

  for (auto init : server::ServiceInits()) {
    if (Status st = init(*ctx); !st.ok()) return Fail(st);
  }

  // Block the stop signals in every thread; this thread waits for them.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  server::ServerOptions options;
  options.host = args.GetOr("--host", "127.0.0.1");
  options.port = *port;
  options.threads = *threads;
  options.limits.max_body_bytes = static_cast<size_t>(*max_body_mb) << 20;
  // A worker's first queries in a script would otherwise wait for its
  // one-time set-up (Screener::WarmUpThread).
  options.on_worker_start = [ctx](int) {
    if (auto screener = ctx->screener()) screener->WarmUpThread();
  };
  server::Service service(ctx, options.threads, args.Has("--quiet") ? nullptr : stderr);
  server::Service::SetCurrent(&service);
  server::HttpServer http(
      options, [&service](server::Request& req, int worker) { return service.Handle(req, worker); },
      [&service](int status, const std::string& remote, int worker) {
        service.RecordReject(status, remote, worker);
      });
  if (Status st = http.Start(); !st.ok()) return Fail(st);
  std::string host =
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  std::cerr << "serve: listening on http://" << host << ":" << http.port() << "/ with "
            << options.threads << (options.threads == 1 ? " thread" : " threads") << ", data "
            << ctx->data_dir
            << (ctx->web_dir.empty() ? ", no web app" : ", web app " + ctx->web_dir) << "\n";
  int sig = 0;
  sigwait(&stop, &sig);
  std::cerr << "serve: " << (sig == SIGINT ? "SIGINT" : "SIGTERM") << ", stopping\n";
  http.Stop();
  server::Service::SetCurrent(nullptr);
  std::cerr << "serve: stopped\n";
  return 0;
}

CHOKEPOINT_COMMAND(
    serve_cmd,
    {"serve",
     "[--port P] [--host ADDR] [--data DIR] [--db URL] [--snapshot SNAP] [--threads N] "
     "[--web DIR] [--trade STORE] [--cache N] [--quiet]",
     "Run the HTTP/JSON service (screening, lists, casework, the web app) until SIGTERM or "
     "SIGINT. Binds 127.0.0.1 unless --host says otherwise; see docs/service.md.",
     {{"--port", true, "P  TCP port (default 8080; 0 = any free port)"},
      {"--host", true, "ADDR  address to bind (default 127.0.0.1)"},
      {"--data", true,
       "DIR  data folder: tokens, casework store, list snapshots (default $CHOKEPOINT_HOME, else "
       "~/.local/share/chokepoint)"},
      {"--db", true,
       "URL  casework store: sqlite:PATH or postgresql://... (default: DIR's SQLite)"},
      {"--snapshot", true,
       "SNAP  list snapshot (default: DIR/current.snap, else the embedded lists)"},
      {"--threads", true, "N  worker threads (default: all cores)"},
      {"--web", true, "DIR  the built web app to serve at / (default: the build's web app if any)"},
      {"--trade", true, "STORE  trade store for the /v1/trade routes"},
      {"--cache", true,
       "N  remember the answers to the last N distinct screening questions (default 10000; 0 = "
       "off)"},
      {"--max-body-mb", true, "MB  largest request body accepted (default 16)"},
      {"--quiet", false, "no access log on stderr"}},
     &RunServe});

}  // namespace
}  // namespace chokepoint::cli
