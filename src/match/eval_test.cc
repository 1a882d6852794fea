// Evaluation drivers over real lists (disabled by default; they need a
// snapshot file and take seconds to minutes):
//
//   CHOKEPOINT_EVAL_SNAPSHOT=/tmp/un.snap chokepoint_tests \
//     --gtest_also_run_disabled_tests --gtest_filter='EvalTest.*'
//
// UnPositivesNegatives: recall@5 of the yente UN positives (perturbed names of
// UN-listed persons) and the false-positive rate of the yente synthetic
// negatives at 0.70. SpeedAndRecall: name queries per second through the
// index and through the exhaustive scan, and the share of the exhaustive
// scan's hits above 0.70 that the index also finds.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include "chokepoint/screen.h"
#include "chokepoint/snapshot.h"
#include "io/csv.h"
#include "io/file.h"

namespace chokepoint {
namespace {

std::vector<std::vector<std::string>> ReadCsv(const std::string& path) {
  auto data = io::ReadFile(path);
  EXPECT_TRUE(data.ok()) << path;
  std::string text = data.ok() ? *data : "";
  if (path.size() > 3 && path.substr(path.size() - 3) == ".xz") {
    auto d = io::DecompressXz(text, path);
    text = d.ok() ? *d : "";
  }
  io::CsvReader reader(text);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> rec;
  while (true) {
    auto n = reader.Read(rec);
    if (n == io::CsvReader::Next::kEnd) break;
    if (n == io::CsvReader::Next::kRecord) rows.push_back(rec);
  }
  return rows;
}

std::shared_ptr<const Snapshot> EvalSnapshot() {
  const char* path = std::getenv("CHOKEPOINT_EVAL_SNAPSHOT");
  if (path == nullptr) return nullptr;
  auto s = Snapshot::Load(path);
  return s.ok() ? *s : nullptr;
}

const std::string kMatching = std::string(CHOKEPOINT_SHARED_DIR) + "/data/matching/";

TEST(EvalTest, DISABLED_UnPositivesNegatives) {
  auto snap = EvalSnapshot();
  if (snap == nullptr) GTEST_SKIP() << "set CHOKEPOINT_EVAL_SNAPSHOT";
  auto screener = Screener::Build(snap);
  auto untreated = ReadCsv(kMatching + "yente_positives_un_untreated.csv");
  auto treated = ReadCsv(kMatching + "yente_positives_un_treated.csv");
  // Ground truth: the listed entity the untreated (clean) name hits best.
  int total = 0, found = 0, truth_missing = 0;
  for (size_t i = 1; i < treated.size() && i < untreated.size(); ++i) {
    ScreenQuery clean;
    clean.name = untreated[i][0];
    clean.schema = Schema::kPerson;
    clean.limit = 1;
    clean.threshold = 0.95;
    auto truth = screener->Screen(clean);
    if (!truth.ok() || truth->hits.empty()) {
      ++truth_missing;
      continue;
    }
    const Entity* want = truth->hits[0].entity;
    ScreenQuery q;
    q.name = treated[i][0];
    q.schema = Schema::kPerson;
    q.limit = 5;
    q.threshold = 0.70;
    auto r = screener->Screen(q);
    ++total;
    bool ok = false;
    if (r.ok()) {
      for (const auto& h : r->hits) ok |= h.entity == want;
    }
    found += ok;
    if (!ok && std::getenv("EVAL_DUMP")) {
      std::printf("MISS %s -> %s\n", q.name.c_str(), want->caption().c_str());
    }
  }
  std::printf("UN positives: recall@5 %.3f (%d/%d; %d clean names without an exact hit)\n",
              total ? double(found) / total : 0.0, found, total, truth_missing);

  auto neg = ReadCsv(kMatching + "yente_negatives_global.csv.xz");
  int n = 0, fp = 0;
  for (size_t i = 1; i < neg.size(); ++i) {
    ScreenQuery q;
    q.name = neg[i][0];
    q.schema = Schema::kPerson;
    q.limit = 1;
    q.threshold = 0.70;
    auto r = screener->Screen(q);
    ++n;
    if (r.ok() && !r->hits.empty()) {
      ++fp;
      if (std::getenv("EVAL_DUMP") && fp < 60) {
        std::printf("FP %.3f %s -> %s\n", r->hits[0].score, q.name.c_str(),
                    r->hits[0].matched_name.c_str());
      }
    }
  }
  std::printf("negatives: %d/%d with a hit at 0.70 (FP rate %.4f)\n", fp, n,
              n ? double(fp) / n : 0.0);
}

TEST(EvalTest, DISABLED_SpeedAndRecall) {
  auto snap = EvalSnapshot();
  if (snap == nullptr) GTEST_SKIP() << "set CHOKEPOINT_EVAL_SNAPSHOT";
  auto t0 = std::chrono::steady_clock::now();
  auto screener = Screener::Build(snap);
  auto t1 = std::chrono::steady_clock::now();
  std::printf("build: %zu entities in %.2f s\n", snap->entities().size(),
              std::chrono::duration<double>(t1 - t0).count());
  // Queries: perturbed UN names plus negatives (a realistic mix: most
  // screened parties hit nothing).
  std::vector<std::string> names;
  for (const auto& r : ReadCsv(kMatching + "yente_positives_un_treated.csv")) names.push_back(r[0]);
  auto neg = ReadCsv(kMatching + "yente_negatives_global.csv.xz");
  for (size_t i = 1; i < neg.size() && i < 2001; ++i) names.push_back(neg[i][0]);
  names.erase(names.begin());  // header
  const int limit_env = std::getenv("EVAL_QUERIES") ? std::atoi(std::getenv("EVAL_QUERIES")) : 0;
  if (limit_env > 0 && names.size() > static_cast<size_t>(limit_env)) names.resize(limit_env);

  auto run = [&](bool exhaustive, std::vector<std::set<const Entity*>>& hits) {
    auto start = std::chrono::steady_clock::now();
    uint64_t candidates = 0;
    for (const auto& name : names) {
      ScreenQuery q;
      q.name = name;
      q.threshold = 0.70;
      auto r = exhaustive ? screener->ScreenExhaustive(q) : screener->Screen(q);
      std::set<const Entity*> s;
      if (r.ok()) {
        candidates += r->candidates;
        for (const auto& h : r->hits) s.insert(h.entity);
      }
      hits.push_back(std::move(s));
    }
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s: %zu queries in %.2f s = %.0f queries/s (mean %.0f candidates)\n",
                exhaustive ? "exhaustive" : "index", names.size(), secs, names.size() / secs,
                double(candidates) / names.size());
  };
  std::vector<std::set<const Entity*>> fast, full;
  run(false, fast);
  run(true, full);
  size_t both = 0, want = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    want += full[i].size();
    for (const Entity* e : full[i]) both += fast[i].count(e);
  }
  std::printf("index recall vs exhaustive at 0.70: %.4f (%zu/%zu)\n",
              want ? double(both) / want : 1.0, both, want);
}

}  // namespace
}  // namespace chokepoint
