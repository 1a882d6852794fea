// The transaction-check macro benchmark (a plain timed driver; run
// bench/run_check_bench.sh).
//
// Reads a shipments CSV made by tools/gen_transactions.py (1M rows by
// default in the script), checks every record in one batch with parties
// and goods lines deduplicated, and prints shipments checked per second per
// core with the share of time in screening, classification and rules. The
// baseline, measured in the same run: the first --baseline-rows records
// checked without deduplication (every party screened, every goods line
// classified), and the same records with deduplication, like for like.
//
// Usage: check_bench --snapshot SNAP --csv FILE [--baseline-rows N] [--threads N]

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "chokepoint/check.h"
#include "chokepoint/screen.h"
#include "chokepoint/snapshot.h"

namespace {

using Clock = std::chrono::steady_clock;
using chokepoint::check::BatchOptions;
using chokepoint::check::BatchStats;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

double CpuSeconds() {
  std::ifstream f("/proc/self/stat");
  std::string field;
  for (int i = 0; i < 13 && f >> field; ++i) {
  }
  long utime = 0, stime = 0;
  f >> utime >> stime;
  return static_cast<double>(utime + stime) / 100.0;  // USER_HZ
}

long PeakRssMb() {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6) / 1024;
  }
  return 0;
}

void Report(const char* label, size_t n, const BatchStats& s, int threads, double cpu) {
  double total =
      s.prepare_seconds + s.screening_seconds + s.classification_seconds + s.rules_seconds;
  std::printf(
      "%-26s %8zu shipments %10.0f shipments/s wall (%d thread%s) %10.0f shipments per "
      "CPU-second\n",
      label, n, n / total, threads, threads == 1 ? "" : "s", cpu > 0 ? n / cpu : 0.0);
  std::printf("%-26s parties %llu, screened %llu; goods lines %llu, classified %llu\n", "",
              static_cast<unsigned long long>(s.parties),
              static_cast<unsigned long long>(s.parties_screened),
              static_cast<unsigned long long>(s.goods_lines),
              static_cast<unsigned long long>(s.goods_classified));
  std::printf(
      "%-26s time: collect %.2f s (%.1f%%), screening %.2f s (%.1f%%), classification %.2f s "
      "(%.1f%%), rules %.2f s (%.1f%%)\n",
      "", s.prepare_seconds, 100 * s.prepare_seconds / total, s.screening_seconds,
      100 * s.screening_seconds / total, s.classification_seconds,
      100 * s.classification_seconds / total, s.rules_seconds, 100 * s.rules_seconds / total);
}

}  // namespace

int main(int argc, char** argv) {
  std::string snap_path, csv_path;
  size_t baseline_rows = 20000;
  int threads = 1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "check_bench: " << a << " needs a value\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--snapshot") {
      snap_path = next();
    } else if (a == "--csv") {
      csv_path = next();
    } else if (a == "--baseline-rows") {
      baseline_rows = std::stoul(next());
    } else if (a == "--threads") {
      threads = std::stoi(next());
    } else {
      std::cerr << "usage: check_bench --snapshot SNAP --csv FILE [--baseline-rows N] "
                   "[--threads N]\n";
      return 2;
    }
  }
  if (snap_path.empty() || csv_path.empty()) {
    std::cerr << "check_bench: --snapshot and --csv are required\n";
    return 2;
  }
  auto t0 = Clock::now();
  auto snap = chokepoint::Snapshot::Load(snap_path);
  if (!snap.ok()) {
    std::cerr << snap.status().ToString() << "\n";
    return 1;
  }
  auto screener = chokepoint::Screener::Build(*snap);
  auto t1 = Clock::now();
  auto read = chokepoint::check::ReadShipmentsCsv(csv_path);
  if (!read.ok()) {
    std::cerr << read.status().ToString() << "\n";
    return 1;
  }
  auto t2 = Clock::now();
  chokepoint::check::RiskOptions ro;
  ro.today = "2026-11-29";
  ro.max_snapshot_age_days = 100000;
  auto engine = chokepoint::check::RiskEngine::Create(screener, ro);
  if (!engine.ok()) {
    std::cerr << engine.status().ToString() << "\n";
    return 1;
  }
  const auto& txs = read->transactions;
  std::printf("snapshot %s: %zu entities; screener build %.2f s wall\n", (*snap)->version().c_str(),
              (*snap)->entities().size(), Seconds(t0, t1));
  std::printf("input %s: %zu shipments read in %.2f s (%zu skipped records); rules %s\n",
              csv_path.c_str(), txs.size(), Seconds(t1, t2), read->problems.size(),
              (*engine)->rules_version().c_str());

  // Baseline first (cold caches for the engine are not an issue: it keeps none
  // between batches), on the first baseline_rows records.
  std::vector<chokepoint::check::Transaction> subset(
      txs.begin(), txs.begin() + std::min(baseline_rows, txs.size()));
  BatchOptions plain;
  plain.threads = threads;
  plain.deduplicate = false;
  BatchStats sb;
  double c0 = CpuSeconds();
  auto rb = (*engine)->CheckBatch(subset, plain, &sb);
  double c1 = CpuSeconds();
  BatchOptions dedup;
  dedup.threads = threads;
  BatchStats sd;
  auto rd = (*engine)->CheckBatch(subset, dedup, &sd);
  double c2 = CpuSeconds();
  BatchStats sa;
  auto ra = (*engine)->CheckBatch(txs, dedup, &sa);
  double c3 = CpuSeconds();

  size_t alerts = 0, review = 0, block = 0;
  for (const auto& r : ra) {
    alerts += !r.alerts.empty();
    review += r.assessed == chokepoint::check::Decision::kReview;
    block += r.assessed == chokepoint::check::Decision::kBlock;
  }
  std::printf("\n");
  Report("all, deduplicated", txs.size(), sa, threads, c3 - c2);
  Report("baseline: subset, no dedup", subset.size(), sb, threads, c1 - c0);
  Report("subset, deduplicated", subset.size(), sd, threads, c2 - c1);
  double all_total =
      sa.prepare_seconds + sa.screening_seconds + sa.classification_seconds + sa.rules_seconds;
  double base_total =
      sb.prepare_seconds + sb.screening_seconds + sb.classification_seconds + sb.rules_seconds;
  std::printf("\nspeed-up of deduplication (all vs baseline, shipments/s): %.1fx\n",
              (txs.size() / all_total) / (subset.size() / base_total));
  std::printf("results (all): %zu with alerts, %zu review, %zu block\n", alerts, review, block);
  std::printf("peak rss: %ld MB\n", PeakRssMb());
  return 0;
}
