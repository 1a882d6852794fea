// Trade store macro benchmark: CSV ingest and grouped share queries, our
// engine against SQLite (and DuckDB, when a runner command is given) on the
// same generated file in the same run (absolute times drift on a shared
// machine; ratios do not).
//
// Workloads (N rows, default 100M; layout reporter,partner,flow,hs,period,value
// with CN8 codes and periods 2019-01..2023-12, written to --csv):
//
//   ingest/1t, ingest/Nt   IngestTradeData() of the mapped "csv" format from
//                          the file (mmap) into an in-memory store, on one
//                          thread and on all cores. Rows/s and rows per
//                          CPU-second (the per-core rate). Goal: >= 5M/s/core.
//   sqlite/ingest          the same rows through one prepared INSERT in one
//                          transaction (journal and sync off), fields split
//                          in place (the fastest SQLite load we found; the
//                          CLI's .import parses and binds the same way).
//   q1                     total by partner of CHPL goods (50 HS6 prefixes)
//                          in 2023.
//   q2                     total by reporter of HS 8541-8542 in 2023-Q4.
//   Each query: our Share() (median of 5 after a first run that builds the
//   store's HS row index, reported separately), SQLite without an index and with a
//   covering index on (period, hs, partner, reporter, value) (median of 3),
//   DuckDB (median of 5, via --duckdb). Goals: >= 10x faster than SQLite, no
//   slower than DuckDB.
//
// Every engine's per-key totals are checked against ours (relative 1e-9);
// a disagreement makes the run fail. HS codes are drawn from a pool without
// HS 2017 codes that our vintage harmonisation would map into a group, so
// that a plain prefix filter in SQL means the same as our HS group.
//
// Run: bench/run_trade_bench.sh (builds, runs, writes bench/results/).

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "chokepoint/trade.h"
#include "lists/common.h"
#include "trade/ingest.h"

namespace chokepoint {
namespace {

using Totals = std::map<std::string, double>;

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
double CpuNow() {
  rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_utime.tv_usec * 1e-6 + u.ru_stime.tv_sec +
         u.ru_stime.tv_usec * 1e-6;
}
double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// splitmix64 (Steele, Lea, Flood 2014): a fast deterministic generator.
struct Rng {
  uint64_t s;
  uint64_t Next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t Below(uint64_t n) { return Next() % n; }
};

struct Query {
  std::string name, hs, period;
  bool by_partner;
  std::vector<std::string> sql_prefixes;  // the same set as SQL substr() lists
  std::string sql;
};

std::vector<std::string> Countries() {
  const char* iso =
      "AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD "
      "CF CG CH CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FR GA GB "
      "GD GE GH GM GN GQ GR GT GW GY HK HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI "
      "KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MO MR MT "
      "MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PT PW PY QA RO RS RU RW "
      "SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TW "
      "TZ UA UG US UY UZ VC VE VN VU WS YE ZA ZM ZW";
  std::vector<std::string> out;
  for (const char* p = iso; *p;) {
    std::string c(p, 2);
    if (lists::CountryCode(c) == c) out.push_back(c);  // only codes the readers accept
    p += p[2] ? 3 : 2;
  }
  return out;
}

// HS CN8 pool: every CHPL HS6 and all of 8541-8542 with several CN8
// subdivisions, and filler codes from other chapters.
std::vector<std::string> HsPool(const std::vector<trade::HsGroup>& groups) {
  std::set<std::string> pool;
  Rng rng{7};
  auto chpl = trade::ParseHsGroup("chpl").value();
  for (const auto& p : chpl.prefixes) {
    for (int k = 0; k < 4; ++k) pool.insert(p + std::to_string(10 + 20 * k));
  }
  for (int h = 854100; h <= 854299; ++h) {
    if (rng.Below(4) == 0) pool.insert(std::to_string(h) + "90");
  }
  while (pool.size() < 8000) {
    int ch = 1 + static_cast<int>(rng.Below(97));
    if (ch == 77) continue;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d%06d", ch, static_cast<int>(rng.Below(1000000)));
    pool.insert(buf);
  }
  std::vector<std::string> out;
  for (const auto& c : pool) {
    bool ambiguous = false;
    for (const auto& g : groups) ambiguous = ambiguous || g.Matches(c) != g.MatchesAnyVintage(c);
    if (!ambiguous) out.push_back(c);
  }
  return out;
}

// Writes N rows; reporters and partners skewed (a few large traders).
void Generate(const std::string& path, uint64_t rows, const std::vector<std::string>& countries,
              const std::vector<std::string>& hs) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) {
    std::perror(path.c_str());
    std::exit(1);
  }
  std::vector<char> buf;
  buf.reserve(1 << 22);
  std::fputs("reporter,partner,flow,hs,period,value\n", f);
  Rng rng{42};
  const size_t nc = countries.size();
  for (uint64_t i = 0; i < rows; ++i) {
    uint64_t r = rng.Next();
    // Skew: half the rows from the first 20 countries.
    size_t rep = (r & 1) ? (r >> 1) % 20 : (r >> 1) % nc;
    size_t par = (r >> 20) % nc;
    if (par == rep) par = (par + 1) % nc;
    const std::string& code = hs[(r >> 32) % hs.size()];
    uint64_t r2 = rng.Next();
    int month = static_cast<int>(r2 % 60);
    uint64_t cents = (r2 >> 8) % 100000000ull + 1;
    char line[96];
    int n = std::snprintf(line, sizeof line, "%s,%s,%s,%s,%04d-%02d,%llu.%02llu\n",
                          countries[rep].c_str(), countries[par].c_str(),
                          (r2 >> 60) & 1 ? "export" : "import", code.c_str(), 2019 + month / 12,
                          month % 12 + 1, static_cast<unsigned long long>(cents / 100),
                          static_cast<unsigned long long>(cents % 100));
    buf.insert(buf.end(), line, line + n);
    if (buf.size() > (1 << 22) - 128) {
      std::fwrite(buf.data(), 1, buf.size(), f);
      buf.clear();
    }
  }
  std::fwrite(buf.data(), 1, buf.size(), f);
  std::fclose(f);
}

struct Mapped {
  const char* data = nullptr;
  size_t size = 0;
};
Mapped MapFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    std::perror(path.c_str());
    std::exit(1);
  }
  Mapped m;
  m.size = static_cast<size_t>(st.st_size);
  void* p = ::mmap(nullptr, m.size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) {
    std::perror("mmap");
    std::exit(1);
  }
  madvise(p, m.size, MADV_SEQUENTIAL);
  m.data = static_cast<const char*>(p);
  return m;
}

void Check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::cerr << "sqlite " << what << ": " << sqlite3_errmsg(db) << "\n";
    std::exit(1);
  }
}
void Exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::cerr << "sqlite: " << sql << ": " << (err ? err : "?") << "\n";
    std::exit(1);
  }
}

Totals SqliteQuery(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* st;
  Check(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr), db, "prepare");
  Totals out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    out[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] = sqlite3_column_double(st, 1);
  }
  sqlite3_finalize(st);
  return out;
}

bool Agree(const Totals& ours, const Totals& other, const std::string& what) {
  bool ok = ours.size() == other.size();
  double worst = 0;
  for (const auto& [k, v] : ours) {
    auto it = other.find(k);
    if (it == other.end()) {
      ok = false;
      continue;
    }
    double rel = std::fabs(v - it->second) / std::max(1.0, std::fabs(v));
    worst = std::max(worst, rel);
    if (rel > 1e-9) ok = false;
  }
  std::printf("  check %-28s %s (%zu keys, max relative difference %.2g)\n", what.c_str(),
              ok ? "agree" : "DISAGREE", ours.size(), worst);
  return ok;
}

std::string Arg(int argc, char** argv, const std::string& name, const std::string& def) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (argv[i] == name) return argv[i + 1];
  }
  return def;
}

int Main(int argc, char** argv) {
  const uint64_t rows = std::stoull(Arg(argc, argv, "--rows", "100000000"));
  const std::string csv = Arg(argc, argv, "--csv", "/tmp/trade_bench.csv");
  const std::string db_path = Arg(argc, argv, "--db", "/tmp/trade_bench.sqlite");
  const std::string duckdb = Arg(argc, argv, "--duckdb", "");
  const int threads = std::max(1u, std::thread::hardware_concurrency());
  bool all_ok = true;

  std::vector<Query> queries = {{"q1", "chpl", "2023", true, {}, ""},
                                {"q2", "8541-8542", "2023-Q4", false, {}, ""}};
  std::vector<trade::HsGroup> groups;
  for (auto& q : queries) {
    groups.push_back(trade::ParseHsGroup(q.hs).value());
    auto period = trade::ParsePeriod(q.period).value();
    std::string in;
    std::set<size_t> lengths;
    for (const auto& p : groups.back().prefixes) lengths.insert(p.size());
    if (lengths.size() != 1) {
      std::cerr << "benchmark groups need prefixes of one length\n";
      return 1;
    }
    for (const auto& p : groups.back().prefixes) in += (in.empty() ? "'" : ",'") + p + "'";
    char lo[16], hi[16];
    std::snprintf(lo, sizeof lo, "%04d-%02d", period.year, period.first_month);
    std::snprintf(hi, sizeof hi, "%04d-%02d", period.year, period.last_month);
    std::string key = q.by_partner ? "partner" : "reporter";
    q.sql = "SELECT " + key + ", SUM(value) FROM trade WHERE period BETWEEN '" + lo + "' AND '" +
            hi + "' AND substr(hs, 1, " + std::to_string(*lengths.begin()) + ") IN (" + in +
            ") GROUP BY " + key;
  }

  std::printf("## data: %llu rows -> %s\n", static_cast<unsigned long long>(rows), csv.c_str());
  double t = Now();
  Generate(csv, rows, Countries(), HsPool(groups));
  Mapped file = MapFile(csv);
  std::printf("  generated %.2f GB in %.1f s\n", file.size / 1e9, Now() - t);

  // --- our ingest ---
  trade::TradeReadOptions options;
  options.format = "csv";
  options.mapping = "reporter=reporter,partner=partner,flow=flow,hs=hs,period=period,value=value";
  std::shared_ptr<const trade::TradeStore> store;
  std::printf("\n## ingest (CSV file -> in-memory store)\n");
  for (int th : {1, threads}) {
    store.reset();
    std::vector<Problem> problems;
    double w = Now(), c = CpuNow();
    auto built =
        trade::IngestTradeData(csv, std::string_view(file.data, file.size), options, th, &problems);
    double wall = Now() - w, cpu = CpuNow() - c;
    if (!built.ok() || !problems.empty() || (*built)->size() != rows) {
      std::cerr << "ingest failed: " << (built.ok() ? "row count" : built.status().ToString())
                << "\n";
      return 1;
    }
    store = *built;
    std::printf(
        "  ours, %d thread%s  %8.2f s wall %8.2f s cpu  %6.2f M rows/s  %6.2f M rows/s "
        "per core (rows per cpu-second)\n",
        th, th == 1 ? ": " : "s:", wall, cpu, rows / wall / 1e6, rows / cpu / 1e6);
  }

  // --- our queries ---
  std::vector<Totals> expected;
  std::map<std::string, double> ours_ms;
  std::printf("\n## queries, ours (median of 5, after the first)\n");
  for (size_t k = 0; k < queries.size(); ++k) {
    const auto& q = queries[k];
    trade::TradeFilter filter;
    filter.hs = groups[k];
    auto period = trade::ParsePeriod(q.period).value();
    std::vector<double> times;
    trade::ShareResult res;
    double first = 0;
    for (int r = 0; r < 6; ++r) {
      double w = Now();
      res = trade::Share(*store, filter, period, q.by_partner);
      // The first query on a store also builds its HS row index.
      if (r == 0) {
        first = Now() - w;
      } else {
        times.push_back(Now() - w);
      }
    }
    if (k == 0) {
      std::printf("  first query on the store (includes building the HS row index): %.1f ms\n",
                  first * 1e3);
    }
    Totals tot;
    for (const auto& row : res.rows) tot[row.key] = row.value;
    expected.push_back(tot);
    ours_ms[q.name] = Median(times) * 1e3;
    std::printf("  %s  %-10s %-8s by %-8s %9.1f ms  (%zu keys, total %.6g)\n", q.name.c_str(),
                q.hs.c_str(), q.period.c_str(), q.by_partner ? "partner" : "reporter",
                ours_ms[q.name], tot.size(), res.total);
  }
  store.reset();
  if (Arg(argc, argv, "--ours-only", "0") == "1") {
    munmap(const_cast<char*>(file.data), file.size);
    if (Arg(argc, argv, "--keep-csv", "0") != "1") std::remove(csv.c_str());
    return 0;
  }

  // --- SQLite ---
  std::printf("\n## SQLite %s (file %s)\n", sqlite3_libversion(), db_path.c_str());
  std::remove(db_path.c_str());
  sqlite3* db;
  Check(sqlite3_open(db_path.c_str(), &db), db, "open");
  Exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000;");
  Exec(db,
       "CREATE TABLE trade(reporter TEXT, partner TEXT, flow TEXT, hs TEXT, period TEXT, "
       "value REAL)");
  {
    double w = Now(), c = CpuNow();
    Exec(db, "BEGIN");
    sqlite3_stmt* ins;
    Check(sqlite3_prepare_v2(db, "INSERT INTO trade VALUES(?,?,?,?,?,?)", -1, &ins, nullptr), db,
          "prepare");
    const char* p = static_cast<const char*>(std::memchr(file.data, '\n', file.size)) + 1;
    const char* end = file.data + file.size;
    uint64_t n = 0;
    while (p < end) {
      const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
      if (!nl) nl = end;
      const char* f = p;
      for (int col = 0; col < 6; ++col) {
        const char* e = col < 5 ? static_cast<const char*>(std::memchr(f, ',', nl - f)) : nl;
        if (col < 5) {
          sqlite3_bind_text(ins, col + 1, f, static_cast<int>(e - f), SQLITE_STATIC);
        } else {
          sqlite3_bind_double(ins, 6, std::strtod(std::string(f, e).c_str(), nullptr));
        }
        f = e + 1;
      }
      Check(sqlite3_step(ins), db, "insert");
      sqlite3_reset(ins);
      ++n;
      p = nl + 1;
    }
    sqlite3_finalize(ins);
    Exec(db, "COMMIT");
    double wall = Now() - w, cpu = CpuNow() - c;
    std::printf("  ingest  %8.2f s wall %8.2f s cpu  %6.2f M rows/s  (%llu rows)\n", wall, cpu,
                n / wall / 1e6, static_cast<unsigned long long>(n));
  }
  std::map<std::string, double> sqlite_noidx, sqlite_idx;
  auto run_sqlite = [&](std::map<std::string, double>& into, const char* label) {
    for (size_t k = 0; k < queries.size(); ++k) {
      std::vector<double> times;
      Totals tot;
      for (int r = 0; r < 3; ++r) {
        double w = Now();
        tot = SqliteQuery(db, queries[k].sql);
        times.push_back(Now() - w);
      }
      into[queries[k].name] = Median(times) * 1e3;
      std::printf("  %s %-14s %9.1f ms  (median of 3)\n", queries[k].name.c_str(), label,
                  into[queries[k].name]);
      all_ok =
          Agree(expected[k], tot, "sqlite " + std::string(label) + " " + queries[k].name) && all_ok;
    }
  };
  run_sqlite(sqlite_noidx, "no index");
  {
    double w = Now();
    Exec(db, "CREATE INDEX trade_cover ON trade(period, hs, partner, reporter, value)");
    std::printf("  CREATE INDEX (period, hs, partner, reporter, value): %.1f s\n", Now() - w);
  }
  run_sqlite(sqlite_idx, "covering index");
  std::printf("  query plan q1: ");
  {
    sqlite3_stmt* st;
    std::string sql = "EXPLAIN QUERY PLAN " + queries[0].sql;
    sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) {
      std::printf("%s; ", reinterpret_cast<const char*>(sqlite3_column_text(st, 3)));
    }
    sqlite3_finalize(st);
    std::printf("\n");
  }
  sqlite3_close(db);
  std::remove(db_path.c_str());

  // --- DuckDB (an external runner: bench/trade_bench_duckdb.mjs) ---
  std::map<std::string, double> duck_ms;
  if (!duckdb.empty()) {
    std::printf("\n## DuckDB\n");
    std::string spec_path = csv + ".duckdb.json";
    nlohmann::json spec;
    spec["csv"] = csv;
    spec["runs"] = 5;
    for (const auto& q : queries) spec["queries"].push_back({{"name", q.name}, {"sql", q.sql}});
    std::ofstream(spec_path) << spec.dump();
    std::string cmd = duckdb + " " + spec_path;
    FILE* pipe = popen(cmd.c_str(), "r");
    std::string text;
    char buf[4096];
    size_t got;
    while (pipe && (got = std::fread(buf, 1, sizeof buf, pipe)) > 0) text.append(buf, got);
    int rc = pipe ? pclose(pipe) : -1;
    std::remove(spec_path.c_str());
    auto res = nlohmann::json::parse(text, nullptr, false);
    if (rc != 0 || res.is_discarded()) {
      std::printf("  DuckDB runner failed (exit %d): %s\n", rc, text.substr(0, 400).c_str());
    } else {
      std::printf("  DuckDB %s, %s threads\n", res["version"].get<std::string>().c_str(),
                  res["threads"].get<std::string>().c_str());
      double ingest = res["ingest_s"].get<double>();
      std::printf("  ingest  %8.2f s wall  %6.2f M rows/s  (read_csv into an in-memory table)\n",
                  ingest, rows / ingest / 1e6);
      for (size_t k = 0; k < queries.size(); ++k) {
        const auto& r = res["queries"][k];
        duck_ms[queries[k].name] = r["median_ms"].get<double>();
        Totals tot;
        for (const auto& row : r["rows"]) tot[row[0].get<std::string>()] = row[1].get<double>();
        std::printf("  %s %9.1f ms  (median of 5)\n", queries[k].name.c_str(),
                    duck_ms[queries[k].name]);
        all_ok = Agree(expected[k], tot, "duckdb " + queries[k].name) && all_ok;
      }
    }
  }

  std::printf("\n## summary (ratio = other engine's time / ours; > 1 means we are faster)\n");
  for (const auto& q : queries) {
    double o = ours_ms[q.name];
    std::printf(
        "  %s ours %8.1f ms | sqlite no index %9.1f ms (%6.1fx) | sqlite index %9.1f ms "
        "(%6.1fx)",
        q.name.c_str(), o, sqlite_noidx[q.name], sqlite_noidx[q.name] / o, sqlite_idx[q.name],
        sqlite_idx[q.name] / o);
    if (duck_ms.count(q.name)) {
      std::printf(" | duckdb %8.1f ms (%5.2fx)", duck_ms[q.name], duck_ms[q.name] / o);
    }
    std::printf("\n");
  }
  std::printf("  results agree across engines: %s\n", all_ok ? "yes" : "NO");
  munmap(const_cast<char*>(file.data), file.size);
  if (Arg(argc, argv, "--keep-csv", "0") != "1") std::remove(csv.c_str());
  return all_ok ? 0 : 1;
}

}  // namespace
}  // namespace chokepoint

int main(int argc, char** argv) { return chokepoint::Main(argc, argv); }
