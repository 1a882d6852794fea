// screen_bench: the screening macro benchmark.
//
// Workload (deterministic, seeded): a mix of queries against a snapshot
// (normally all bundled lists), screened one at a time on one thread.
//
//   list      45%  names drawn from the snapshot itself (Latin-script names),
//                  perturbed: 1/5 unchanged, 1/5 a typo (substitution,
//                  deletion or transposition), 1/5 tokens rotated, 1/5 a
//                  token dropped (names of 3+ tokens), 1/5 lower-cased with a
//                  typo;
//   un        15%  yente's perturbed UN positives (--un-positives CSV);
//   negative  40%  yente's synthetic negatives (--negatives CSV or .csv.xz),
//                  or generated syllable names when the file is not given.
//
// Measured in one run, so that machine drift affects both alike (the
// LevelDB db_bench habit of a baseline in the same run):
//   - the indexed Screen(): queries per second on one thread, latency p50,
//     p95, p99 and max, candidates scored per query;
//   - the exhaustive ScreenExhaustive() on the first --exhaustive queries:
//     the same figures, as the baseline;
//   - index recall: of all hits scoring >= the threshold in the exhaustive
//     results (limit 1000), the share the index also returns; and at limit
//     10 (the timed configuration), the share of the exhaustive top 10 that
//     the index's top 10 holds (a tie in score at the cut counts as found);
//   - Screener build time and peak resident memory (getrusage).
//
// Usage: screen_bench --snapshot SNAP [--queries N] [--exhaustive M]
//        [--threshold T] [--seed S] [--threads N] [--un-positives CSV]
//        [--negatives CSV[.xz]] [--lost N] [--no-huge-pages] [--breakdown]
//        [--warm] [--dump OUT [--query-file TSV]]
//
// After the build the process's memory is moved onto 2 MB pages, as the
// service does (io::BackHeapWithHugePages); --no-huge-pages skips that, for
// the comparison.
//
// --breakdown adds the indexed run's latency by query kind, by word count
// and by the query's script (mean, and share of the total time): where the
// time goes by kind of query; and the ten slowest queries, with their
// latency and candidates, which the means hide.
//
// --warm adds a run of the same queries in which each is screened once,
// untimed, right before its timed screen: the data the query reads is then
// in the CPU caches, and so are its words' vocabulary neighbours and
// romanisations in the per-thread caches of recent results. The gap to the
// indexed run is the share of its time spent waiting for memory (and on
// the work those per-thread caches answer): what a layout of the list data
// that the CPU caches hold could win at most.
//
// --lost N lists at most N hits lost at limit 10 (default 40), each with the
// token alignment the exhaustive scan scored (query|list|how).
//
// --dump OUT writes every hit (source, id, name index, score and OFAC score
// to 17 digits, the token explanation and the features) of the generated
// queries and of the queries in --query-file (lines "schema<TAB>name";
// schema "any" or a schema name) at two thresholds, and exits: diffing two
// dumps shows whether a change to the engine changed any result.

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <latch>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "chokepoint/screen.h"
#include "chokepoint/snapshot.h"
#include "io/csv.h"
#include "io/file.h"
#include "io/memory.h"
#include "io/strings.h"

namespace chokepoint {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string snapshot;
  std::string un_positives;
  std::string negatives;
  size_t queries = 20000;
  size_t exhaustive = 300;
  double threshold = 0.70;
  uint64_t seed = 20260101;
  int threads = 0;  // 0 = skip the multi-thread run
  std::string dump;
  std::string query_file;
  size_t lost_shown = 40;  // lost hits listed at limit 10 (--lost N)
  bool huge_pages = true;  // --no-huge-pages clears it
  bool breakdown = false;  // --breakdown
  bool warm = false;       // --warm
};

struct Query {
  std::string kind;  // "list", "un", "negative"
  std::string name;
};

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// CPU time of the calling thread: on a shared machine, wall time includes
// the time other processes held the core; CPU time estimates a dedicated one.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// CPU time of the whole process (all threads), for the multi-threaded build.
double ProcessCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

long PeakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

std::vector<std::string> Tokens(const std::string& s) {
  std::vector<std::string> out;
  for (auto t : io::Split(s, " ")) {
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

// One random edit inside a random token of at least 4 ASCII letters.
std::string Typo(const std::string& name, std::mt19937_64& rng) {
  std::vector<std::string> tokens = Tokens(name);
  std::vector<size_t> candidates;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].size() >= 4) candidates.push_back(i);
  }
  if (candidates.empty()) return name;
  std::string& t = tokens[candidates[rng() % candidates.size()]];
  size_t pos = 1 + rng() % (t.size() - 2);
  switch (rng() % 3) {
    case 0:
      t[pos] = static_cast<char>('a' + rng() % 26);
      break;
    case 1:
      t.erase(pos, 1);
      break;
    default:
      std::swap(t[pos], t[pos + 1 < t.size() ? pos + 1 : pos - 1]);
  }
  return io::Join(tokens, " ");
}

bool IsAsciiName(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return s.size() >= 4;
}

std::vector<std::string> ReadColumn(const std::string& path, const std::string& column) {
  std::vector<std::string> out;
  if (path.empty()) return out;
  auto data = io::ReadFile(path);
  if (!data.ok()) {
    std::fprintf(stderr, "screen_bench: %s\n", data.status().ToString().c_str());
    std::exit(1);
  }
  std::string text = std::move(*data);
  if (path.size() > 3 && path.compare(path.size() - 3, 3, ".xz") == 0) {
    auto plain = io::DecompressXz(text, path);
    if (!plain.ok()) {
      std::fprintf(stderr, "screen_bench: %s\n", plain.status().ToString().c_str());
      std::exit(1);
    }
    text = std::move(*plain);
  }
  io::CsvReader reader(text);
  std::vector<std::string> fields;
  if (reader.Read(fields) != io::CsvReader::Next::kRecord) return out;
  io::CsvHeader header(fields);
  int col = header.Col(column);
  while (true) {
    auto next = reader.Read(fields);
    if (next == io::CsvReader::Next::kEnd) break;
    if (next == io::CsvReader::Next::kRecord && !io::Field(fields, col).empty()) {
      out.push_back(io::Field(fields, col));
    }
  }
  return out;
}

std::string SyllableName(std::mt19937_64& rng) {
  static const char* kSyl[] = {"ka",  "lo", "mi",  "ren", "tas", "vo",  "bel", "sun", "dri", "po",
                               "nek", "ul", "zar", "fe",  "gio", "han", "ost", "wil", "jun", "ry"};
  std::string name;
  int words = 2 + static_cast<int>(rng() % 2);
  for (int w = 0; w < words; ++w) {
    if (w) name += ' ';
    size_t start = name.size();
    int n = 2 + static_cast<int>(rng() % 2);
    for (int s = 0; s < n; ++s) name += kSyl[rng() % 20];
    name[start] = static_cast<char>(name[start] - 'a' + 'A');
  }
  return name;
}

std::vector<Query> MakeQueries(const Snapshot& snap, const Options& opt) {
  std::mt19937_64 rng(opt.seed);
  std::vector<std::string> list_names;
  for (const auto& e : snap.entities()) {
    for (const auto& n : e.names) {
      if (IsAsciiName(n.full)) list_names.push_back(n.full);
    }
  }
  std::vector<std::string> un = ReadColumn(opt.un_positives, "full_name");
  std::vector<std::string> neg = ReadColumn(opt.negatives, "full_name");
  std::vector<Query> out;
  out.reserve(opt.queries);
  for (size_t i = 0; i < opt.queries; ++i) {
    uint64_t r = rng() % 100;
    if (r < 45 || (r < 60 && un.empty())) {
      std::string name = list_names[rng() % list_names.size()];
      std::vector<std::string> t = Tokens(name);
      switch (rng() % 5) {
        case 0:
          break;
        case 1:
          name = Typo(name, rng);
          break;
        case 2:
          if (t.size() >= 2) {
            std::rotate(t.begin(), t.begin() + 1, t.end());
            name = io::Join(t, " ");
          }
          break;
        case 3:
          if (t.size() >= 3) {
            t.erase(t.begin() + static_cast<long>(rng() % t.size()));
            name = io::Join(t, " ");
          }
          break;
        default:
          name = io::ToLowerAscii(Typo(name, rng));
      }
      out.push_back({"list", name});
    } else if (r < 60) {
      out.push_back({"un", un[rng() % un.size()]});
    } else {
      out.push_back({"negative", neg.empty() ? SyllableName(rng) : neg[rng() % neg.size()]});
    }
  }
  return out;
}

struct Timing {
  std::vector<double> latencies;  // seconds
  std::vector<uint64_t> per_query_candidates;
  double total = 0;
  double cpu = 0;  // thread CPU seconds
  uint64_t candidates = 0;
  uint64_t hits = 0;
  uint64_t errors = 0;
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t k = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(k, v.size() - 1)];
}

void PrintTiming(const char* label, const Timing& t) {
  size_t n = t.latencies.size();
  std::printf(
      "%-11s %7zu queries  %9.0f q/s wall  %9.0f q/s per CPU-second  p50 %8.3f ms  p95 %8.3f ms  "
      "p99 %8.3f ms  max %8.3f ms  "
      "%8.1f candidates/q  %5.2f hits/q  %llu errors\n",
      label, n, n / t.total, t.cpu > 0 ? n / t.cpu : 0.0, Percentile(t.latencies, 0.50) * 1e3,
      Percentile(t.latencies, 0.95) * 1e3, Percentile(t.latencies, 0.99) * 1e3,
      Percentile(t.latencies, 1.0) * 1e3, static_cast<double>(t.candidates) / n,
      static_cast<double>(t.hits) / n, static_cast<unsigned long long>(t.errors));
}

// Screens the first n queries one at a time and times each. `warm`: each
// query is screened once untimed right before its timed screen, so that the
// timed one finds the data it reads in the CPU caches (--warm); the CPU time
// is then that of the timed screens alone, plus about one read of the thread's
// CPU clock per query (a system call: ~0.5 us on the machine of the results,
// against ~100 us for a warm screen).
template <typename Fn>
Timing Run(const std::vector<Query>& queries, size_t n, const Options& opt, Fn&& screen,
           bool warm = false) {
  Timing t;
  t.latencies.reserve(n);
  double cpu_start = ThreadCpuSeconds();
  double cpu_untimed = 0;
  for (size_t i = 0; i < n; ++i) {
    ScreenQuery q;
    q.name = queries[i].name;
    q.threshold = opt.threshold;
    if (warm) {
      const double before = ThreadCpuSeconds();
      (void)screen(q);
      cpu_untimed += ThreadCpuSeconds() - before;
    }
    auto start = Clock::now();
    auto r = screen(q);
    double s = Seconds(Clock::now() - start);
    t.latencies.push_back(s);
    t.total += s;
    t.per_query_candidates.push_back(r.ok() ? r->candidates : 0);
    if (r.ok()) {
      t.candidates += r->candidates;
      t.hits += r->hits.size();
    } else {
      ++t.errors;
    }
  }
  t.cpu = ThreadCpuSeconds() - cpu_start - cpu_untimed;
  return t;
}

// The indexed run's latency by query kind, word count and script (--breakdown).
void PrintBreakdown(const std::vector<Query>& queries, const Timing& t) {
  struct Group {
    size_t n = 0;
    double seconds = 0;
  };
  // (Ordered maps: the rows print in a stable order.)
  std::map<std::string, Group> by_kind, by_words, by_script;
  for (size_t i = 0; i < t.latencies.size(); ++i) {
    const std::string& name = queries[i].name;
    const size_t words = Tokens(name).size();
    const std::string words_key = words >= 5 ? "5+" : std::to_string(words);
    for (auto* g : {&by_kind[queries[i].kind], &by_words[words_key],
                    &by_script[std::string(ScriptName(DetectScript(name)))]}) {
      ++g->n;
      g->seconds += t.latencies[i];
    }
  }
  auto print = [&](const char* what, const std::map<std::string, Group>& groups) {
    for (const auto& [key, g] : groups) {
      std::printf("  %-7s %-10s %6zu queries  mean %7.3f ms  %5.1f%% of the time\n", what,
                  key.c_str(), g.n, g.seconds / static_cast<double>(g.n) * 1e3,
                  t.total > 0 ? 100.0 * g.seconds / t.total : 0.0);
    }
  };
  std::printf("index latency by query (--breakdown):\n");
  print("kind", by_kind);
  print("words", by_words);
  print("script", by_script);
  // The slowest queries, which the means above hide.
  std::vector<size_t> order(t.latencies.size());
  std::iota(order.begin(), order.end(), size_t{0});
  const size_t shown = std::min<size_t>(10, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<long>(shown), order.end(),
                    [&](size_t a, size_t b) { return t.latencies[a] > t.latencies[b]; });
  std::printf("slowest queries:\n");
  for (size_t k = 0; k < shown; ++k) {
    const size_t i = order[k];
    std::printf("  %7.3f ms  %5llu candidates  %-8s '%s'\n", t.latencies[i] * 1e3,
                static_cast<unsigned long long>(t.per_query_candidates[i]), queries[i].kind.c_str(),
                queries[i].name.c_str());
  }
}

std::string MachineLine() {
  std::ifstream cpu("/proc/cpuinfo");
  std::string line, model = "unknown CPU";
  while (std::getline(cpu, line)) {
    if (line.rfind("model name", 0) == 0) {
      model = std::string(io::Trim(line.substr(line.find(':') + 1)));
      break;
    }
  }
  std::ifstream load("/proc/loadavg");
  std::string loadavg;
  std::getline(load, loadavg);
  return model + ", " + std::to_string(std::thread::hardware_concurrency()) +
         " hardware threads, load average " + loadavg;
}

// Writes the hits of every query (see --dump in the header comment).
int Dump(const Screener& screener, const std::vector<Query>& generated, const Options& opt) {
  std::vector<std::pair<std::string, std::string>> queries;  // schema, name
  for (const Query& q : generated) queries.push_back({"any", q.name});
  if (!opt.query_file.empty()) {
    auto data = io::ReadFile(opt.query_file);
    if (!data.ok()) {
      std::fprintf(stderr, "screen_bench: %s\n", data.status().ToString().c_str());
      return 1;
    }
    for (auto line : io::Split(*data, "\n")) {
      const size_t tab = line.find('\t');
      if (tab == std::string_view::npos) continue;
      queries.push_back({std::string(line.substr(0, tab)), std::string(line.substr(tab + 1))});
    }
  }
  std::FILE* out = std::fopen(opt.dump.c_str(), "w");
  if (out == nullptr) {
    std::fprintf(stderr, "screen_bench: cannot write %s\n", opt.dump.c_str());
    return 1;
  }
  const double cpu0 = ThreadCpuSeconds();
  for (const auto& [schema, name] : queries) {
    for (double threshold : {opt.threshold, 0.5}) {
      ScreenQuery q;
      q.name = name;
      q.threshold = threshold;
      q.limit = threshold < opt.threshold ? 25 : 10;
      if (schema != "any") q.schema = ParseSchema(schema);
      std::fprintf(out, "Q\t%s\t%.2f\t%s\n", schema.c_str(), threshold, name.c_str());
      auto r = screener.Screen(q);
      if (!r.ok()) {
        std::fprintf(out, "  error %s\n", r.status().ToString().c_str());
        continue;
      }
      for (const ScreenHit& h : r->hits) {
        std::fprintf(out, "  %s\t%s\t%d\t%.17g\t%.17g\t%s\n", h.entity->source.c_str(),
                     h.entity->source_id.c_str(), h.name_index, h.score, h.ofac_score,
                     h.matched_name.c_str());
        for (const TokenMatch& t : h.tokens) {
          std::fprintf(out, "    t %s|%s|%s|%.17g|%.17g\n", t.query_token.c_str(),
                       t.list_token.c_str(), t.key.c_str(), t.similarity, t.weight);
        }
        for (const FeatureContribution& f : h.features) {
          std::fprintf(out, "    f %s|%.17g|%s\n", f.feature.c_str(), f.value, f.detail.c_str());
        }
      }
    }
  }
  std::fclose(out);
  std::printf("dumped %zu queries x 2 thresholds to %s in %.2f CPU s\n", queries.size(),
              opt.dump.c_str(), ThreadCpuSeconds() - cpu0);
  return 0;
}

int Main(int argc, char** argv) {
  Options opt;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "screen_bench: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--snapshot") {
      opt.snapshot = value();
    } else if (a == "--queries") {
      opt.queries = std::strtoull(value().c_str(), nullptr, 10);
    } else if (a == "--exhaustive") {
      opt.exhaustive = std::strtoull(value().c_str(), nullptr, 10);
    } else if (a == "--threshold") {
      opt.threshold = std::atof(value().c_str());
    } else if (a == "--seed") {
      opt.seed = std::strtoull(value().c_str(), nullptr, 10);
    } else if (a == "--threads") {
      opt.threads = std::atoi(value().c_str());
    } else if (a == "--un-positives") {
      opt.un_positives = value();
    } else if (a == "--negatives") {
      opt.negatives = value();
    } else if (a == "--dump") {
      opt.dump = value();
    } else if (a == "--lost") {
      opt.lost_shown = std::strtoull(value().c_str(), nullptr, 10);
    } else if (a == "--query-file") {
      opt.query_file = value();
    } else if (a == "--no-huge-pages") {
      opt.huge_pages = false;
    } else if (a == "--breakdown") {
      opt.breakdown = true;
    } else if (a == "--warm") {
      opt.warm = true;
    } else {
      std::fprintf(stderr,
                   "usage: screen_bench --snapshot SNAP [--queries N] [--exhaustive M] "
                   "[--threshold T] [--seed S] [--threads N] [--un-positives CSV] "
                   "[--negatives CSV[.xz]] [--lost N] [--no-huge-pages] [--breakdown] [--warm] "
                   "[--dump OUT [--query-file TSV]]\n");
      return 2;
    }
  }
  if (opt.snapshot.empty() || opt.queries == 0) {
    std::fprintf(stderr, "screen_bench: --snapshot SNAP is required\n");
    return 2;
  }
  std::printf("machine: %s\n", MachineLine().c_str());
  auto snap = Snapshot::Load(opt.snapshot);
  if (!snap.ok()) {
    std::fprintf(stderr, "screen_bench: %s\n", snap.status().ToString().c_str());
    return 1;
  }
  size_t names = 0;
  for (const auto& e : (*snap)->entities()) names += e.names.size();
  std::printf("snapshot: %s  %zu entities, %zu names  (rss after load %ld MB)\n",
              (*snap)->version().c_str(), (*snap)->entities().size(), names, PeakRssKb() / 1024);

  auto t0 = Clock::now();
  const double cpu0 = ProcessCpuSeconds();
  auto screener = Screener::Build(*snap);
  double build = Seconds(Clock::now() - t0);
  const double build_cpu = ProcessCpuSeconds() - cpu0;
  std::printf("screener build: %.2f s wall, %.2f s CPU (all threads)  (peak rss %ld MB)\n", build,
              build_cpu, PeakRssKb() / 1024);
  if (opt.huge_pages) {
    const io::HugePageReport hp = io::BackHeapWithHugePages();
    std::printf("huge pages: %zu MB advised, %zu MB collapsed, %.2f s CPU\n", hp.advised >> 20,
                hp.collapsed >> 20, hp.cpu_seconds);
  } else {
    std::printf("huge pages: skipped (--no-huge-pages)\n");
  }

  std::vector<Query> queries = MakeQueries(**snap, opt);
  size_t kinds[3] = {0, 0, 0};
  for (const auto& q : queries) kinds[q.kind == "list" ? 0 : q.kind == "un" ? 1 : 2]++;
  std::printf(
      "queries: %zu (list names perturbed %zu, UN positives %zu, negatives %zu), "
      "threshold %.2f, limit 10, seed %llu\n\n",
      queries.size(), kinds[0], kinds[1], kinds[2], opt.threshold,
      static_cast<unsigned long long>(opt.seed));

  if (!opt.dump.empty()) return Dump(*screener, queries, opt);

  // The thread's one-time set-up, as each worker of `chokepoint serve` does
  // it when it starts; then caches and any lazily built tables.
  {
    const double cpu_start = ThreadCpuSeconds();
    screener->WarmUpThread();
    std::printf("thread warm-up (Screener::WarmUpThread): %.1f ms CPU\n",
                (ThreadCpuSeconds() - cpu_start) * 1e3);
  }
  auto screen_index = [&](const ScreenQuery& q) { return screener->Screen(q); };
  Run(queries, std::min<size_t>(200, queries.size()), opt, screen_index);

  Timing indexed = Run(queries, queries.size(), opt, screen_index);
  size_t ex_n = std::min(opt.exhaustive, queries.size());
  Timing exhaustive =
      Run(queries, ex_n, opt, [&](const ScreenQuery& q) { return screener->ScreenExhaustive(q); });
  PrintTiming("index", indexed);
  if (opt.breakdown) PrintBreakdown(queries, indexed);
  if (opt.warm) {
    const Timing warm = Run(queries, queries.size(), opt, screen_index, /*warm=*/true);
    PrintTiming("index warm", warm);
    if (indexed.total > 0 && warm.total > 0) {
      std::printf(
          "index warm (--warm): each query screened once untimed before its timed screen: %.2fx "
          "the indexed run's queries per second; %.0f%% of the indexed run's time was waiting "
          "for memory or work the per-thread caches of recent results answer\n",
          indexed.total / warm.total, 100.0 * (1.0 - warm.total / indexed.total));
    }
  }
  if (ex_n == 0) {
    std::printf("exhaustive: skipped (--exhaustive 0): no baseline and no recall\n");
  } else {
    PrintTiming("exhaustive", exhaustive);
    // The same first ex_n queries through the index, for a like-for-like ratio.
    const double indexed_head = std::accumulate(
        indexed.latencies.begin(), indexed.latencies.begin() + static_cast<long>(ex_n), 0.0);
    if (exhaustive.total > 0 && indexed_head > 0) {
      std::printf("speed-up of the index on the same %zu queries: %.1fx\n", ex_n,
                  exhaustive.total / indexed_head);
    }
  }

  // Index recall against the exhaustive baseline: every exhaustive hit at or
  // above the threshold, limit lifted so ranking ties cannot hide one.
  uint64_t expected = 0, found = 0, queries_with_loss = 0;
  uint64_t expected10 = 0, found10 = 0, queries_with_loss10 = 0;
  std::vector<std::string> lost, lost10;
  for (size_t i = 0; i < ex_n; ++i) {
    ScreenQuery q;
    q.name = queries[i].name;
    q.threshold = opt.threshold;
    q.limit = 1000;
    auto a = screener->ScreenExhaustive(q);
    auto b = screener->Screen(q);
    if (!a.ok() || !b.ok()) continue;
    std::set<const Entity*> got;
    for (const auto& h : b->hits) got.insert(h.entity);
    bool loss = false;
    for (const auto& h : a->hits) {
      ++expected;
      if (got.count(h.entity)) {
        ++found;
      } else {
        loss = true;
        if (lost.size() < 10) {
          lost.push_back("'" + q.name + "' -> " + h.entity->source + " " + h.entity->source_id +
                         " '" + h.matched_name + "' " + std::to_string(h.score));
        }
      }
    }
    queries_with_loss += loss;
    // The timed configuration (limit 10: 200, 100 or 50 candidates by the
    // query's words):
    // the exhaustive top 10 against the index's top 10; an exhaustive hit
    // counts as found when the index returns the entity or returns as many
    // hits with a score at least as high (a tie at the cut).
    q.limit = 10;
    auto a10 = screener->ScreenExhaustive(q);
    auto b10 = screener->Screen(q);
    if (!a10.ok() || !b10.ok()) continue;
    std::set<const Entity*> got10;
    for (const auto& h : b10->hits) got10.insert(h.entity);
    bool loss10 = false;
    for (size_t j = 0; j < a10->hits.size(); ++j) {
      const auto& h = a10->hits[j];
      ++expected10;
      const bool tie = b10->hits.size() > j && b10->hits[j].score >= h.score;
      if (got10.count(h.entity) || tie) {
        ++found10;
      } else {
        loss10 = true;
        if (lost10.size() < opt.lost_shown) {
          std::string how;
          for (const TokenMatch& t : h.tokens) {
            how += " " + t.query_token + "|" + t.list_token + "|" + t.key;
          }
          lost10.push_back("'" + q.name + "' -> " + h.entity->source + " " + h.entity->source_id +
                           " '" + h.matched_name + "' " + std::to_string(h.score) + " [" + how +
                           " ]");
        }
      }
    }
    queries_with_loss10 += loss10;
  }
  auto print_recall = [&](const char* what, uint64_t hits, uint64_t of, uint64_t losing,
                          const std::vector<std::string>& lost_hits, const char* lost_label) {
    std::printf(
        "index recall vs exhaustive%s over %zu queries): %llu / %llu = %.4f; "
        "queries losing a hit: %llu\n",
        what, ex_n, static_cast<unsigned long long>(hits), static_cast<unsigned long long>(of),
        of ? static_cast<double>(hits) / static_cast<double>(of) : 1.0,
        static_cast<unsigned long long>(losing));
    for (const auto& l : lost_hits) std::printf("  %s: %s\n", lost_label, l.c_str());
  };
  if (ex_n > 0) {
    char what[96];
    std::snprintf(what, sizeof what, " (hits >= %.2f", opt.threshold);
    print_recall(what, found, expected, queries_with_loss, lost, "lost");
    std::snprintf(what, sizeof what, " at limit 10 (top-10 hits >= %.2f", opt.threshold);
    print_recall(what, found10, expected10, queries_with_loss10, lost10, "lost at limit 10");
  }

  if (opt.threads > 1) {
    std::atomic<size_t> next{0};
    std::vector<std::thread> pool;
    // Each thread warms up as serve's workers do, then all start together.
    std::latch ready(opt.threads + 1);
    for (int t = 0; t < opt.threads; ++t) {
      pool.emplace_back([&] {
        screener->WarmUpThread();
        ready.arrive_and_wait();
        for (size_t i; (i = next.fetch_add(1)) < queries.size();) {
          ScreenQuery q;
          q.name = queries[i].name;
          q.threshold = opt.threshold;
          (void)screener->Screen(q);
        }
      });
    }
    ready.arrive_and_wait();
    auto start = Clock::now();
    for (auto& th : pool) th.join();
    double s = Seconds(Clock::now() - start);
    std::printf("%d threads: %.0f q/s aggregate (shared machine: cores may be busy)\n", opt.threads,
                static_cast<double>(queries.size()) / s);
  }
  std::printf("peak rss: %ld MB\n", PeakRssKb() / 1024);
  return 0;
}

}  // namespace
}  // namespace chokepoint

int main(int argc, char** argv) { return chokepoint::Main(argc, argv); }
