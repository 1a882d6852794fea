// Calibration on nomenklatura's name_bench cases (shared data): precision,
// recall and F1 of CompareNames at 0.70 / 0.85 / 0.95. The labels come from
// the CSV; the floor asserted here is well below what docs/scoring.md
// reports, so the test fails on a real regression, not on noise.
//
// DISABLED_TuneGrid is the tuning driver used to pick ScorerParams; run it
// with --gtest_also_run_disabled_tests --gtest_filter='*TuneGrid*'.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "chokepoint/screen.h"
#include "chokepoint/snapshot.h"
#include "io/csv.h"
#include "io/file.h"
#include "match/scorer.h"

namespace chokepoint::match {
namespace {

struct Case {
  std::string group;
  Schema schema;
  std::string a, b;
  bool match;
};

std::vector<Case> LoadCases() {
  const std::string path =
      std::string(CHOKEPOINT_SHARED_DIR) + "/data/matching/nomenklatura_name_bench_cases.csv";
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string data = ss.str();
  std::vector<Case> out;
  // Minimal RFC 4180 parsing (quoted fields with doubled quotes).
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, header = true;
  auto end_row = [&]() {
    row.push_back(field);
    field.clear();
    if (!header && row.size() >= 5) {
      auto schema = ParseSchema(row[1]);
      out.push_back(
          {row[0], schema ? *schema : Schema::kLegalEntity, row[2], row[3], row[4] == "true"});
    }
    header = false;
    row.clear();
  };
  for (size_t i = 0; i < data.size(); ++i) {
    const char c = data[i];
    if (quoted) {
      if (c == '"' && i + 1 < data.size() && data[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n') {
      end_row();
    } else if (c != '\r') {
      field.push_back(c);
    }
  }
  if (!field.empty() || !row.empty()) end_row();
  return out;
}

struct Prf {
  double p = 0, r = 0, f1 = 0;
  int tp = 0, fp = 0, fn = 0;
};

Prf Measure(const std::vector<Case>& cases, const std::vector<double>& scores, double t) {
  Prf m;
  for (size_t i = 0; i < cases.size(); ++i) {
    const bool hit = scores[i] >= t;
    if (hit && cases[i].match) ++m.tp;
    if (hit && !cases[i].match) ++m.fp;
    if (!hit && cases[i].match) ++m.fn;
  }
  m.p = m.tp + m.fp > 0 ? double(m.tp) / (m.tp + m.fp) : 1.0;
  m.r = m.tp + m.fn > 0 ? double(m.tp) / (m.tp + m.fn) : 1.0;
  m.f1 = m.p + m.r > 0 ? 2 * m.p * m.r / (m.p + m.r) : 0;
  return m;
}

std::vector<double> ScoreAll(const std::vector<Case>& cases) {
  std::vector<double> scores;
  for (const Case& c : cases) scores.push_back(CompareNames(c.a, c.b, c.schema).score);
  return scores;
}

// The fold of row i (0-based) in the two-fold checks: bit 31 of
// i * 2654435761 mod 2^32.
int FoldOf(size_t i) { return static_cast<int>((static_cast<uint32_t>(i) * 2654435761u) >> 31); }

TEST(CalibrationTest, NameBench) {
  const std::vector<Case> cases = LoadCases();
  ASSERT_GT(cases.size(), 500u);
  const std::vector<double> scores = ScoreAll(cases);
  for (double t : {0.70, 0.85, 0.95}) {
    const Prf m = Measure(cases, scores, t);
    std::printf("name_bench @%.2f: P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)\n", t, m.p, m.r, m.f1,
                m.tp, m.fp, m.fn);
  }
  if (std::getenv("CHOKEPOINT_CALIBRATION_DUMP") != nullptr) {
    for (size_t i = 0; i < cases.size(); ++i) {
      const bool hit = scores[i] >= 0.70;
      if (hit != cases[i].match) {
        std::printf("%s %.3f | %s | %s | %s\n", cases[i].match ? "FN" : "FP", scores[i],
                    cases[i].a.c_str(), cases[i].b.c_str(),
                    std::string(SchemaName(cases[i].schema)).c_str());
      }
    }
  }
  // OpenSanctions logic-v2 reaches F1 0.79 on the full bench at 0.70.
  EXPECT_GE(Measure(cases, scores, 0.70).f1, 0.80);
}

// The two-fold check used when a scorer feature is added (docs/scoring.md,
// "How the scorer was tuned"): the rows are split into two halves by a
// multiplicative hash of the row index (fold = bit 31 of i * 2654435761 mod
// 2^32, easy to reproduce outside C++), and a change is kept only when it
// does not lower F1 on either half. Both halves must stay well above
// OpenSanctions' 0.79.
TEST(CalibrationTest, TwoFoldSplit) {
  const std::vector<Case> all = LoadCases();
  ASSERT_GT(all.size(), 500u);
  std::vector<Case> folds[2];
  for (size_t i = 0; i < all.size(); ++i) folds[FoldOf(i)].push_back(all[i]);
  for (int f = 0; f < 2; ++f) {
    ASSERT_GT(folds[f].size(), all.size() / 3);
    const Prf m = Measure(folds[f], ScoreAll(folds[f]), 0.70);
    std::printf("fold %c (%zu rows) @0.70: P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)\n", "AB"[f],
                folds[f].size(), m.p, m.r, m.f1, m.tp, m.fp, m.fn);
    EXPECT_GE(m.f1, 0.80);
  }
}

// The false-positive driver used when a scorer rule is added
// (docs/scoring.md, "How the scorer was tuned"): screens every yente
// synthetic negative by name alone (as scripts/eval-screening does) against
// the snapshot in CHOKEPOINT_NEG_SNAPSHOT (e.g. the bundled.snap that
// `scripts/eval-screening --work DIR` keeps), and prints the rows with a hit
// at 0.70 per half (FoldOf the data row index) and the name_bench F1 per
// half. With CHOKEPOINT_CALIBRATION_DUMP set it prints every hit with its
// token alignment. Run with --gtest_also_run_disabled_tests
// --gtest_filter='*Negatives*'.
TEST(CalibrationTest, DISABLED_Negatives) {
  const char* snap_path = std::getenv("CHOKEPOINT_NEG_SNAPSHOT");
  if (snap_path == nullptr) GTEST_SKIP() << "set CHOKEPOINT_NEG_SNAPSHOT";
  auto snap = Snapshot::Load(snap_path);
  ASSERT_TRUE(snap.ok()) << snap.status().message();
  auto screener = Screener::Build(*snap);
  const std::string path =
      std::string(CHOKEPOINT_SHARED_DIR) + "/data/matching/yente_negatives_global.csv.xz";
  auto raw = io::ReadFile(path);
  ASSERT_TRUE(raw.ok()) << path;
  auto text = io::DecompressXz(*raw, path);
  ASSERT_TRUE(text.ok());
  io::CsvReader reader(*text);
  std::vector<std::string> rec;
  std::vector<std::string> names;
  int name_col = -1;
  while (reader.Read(rec) == io::CsvReader::Next::kRecord) {
    if (name_col < 0) {
      name_col = io::CsvHeader(rec).Col("full_name");
      ASSERT_GE(name_col, 0);
      continue;
    }
    names.push_back(rec[name_col]);
  }
  ASSERT_GT(names.size(), 30000u);
  std::vector<std::string> lines(names.size());
  std::vector<uint8_t> hit(names.size(), 0);
  const bool dump = std::getenv("CHOKEPOINT_CALIBRATION_DUMP") != nullptr;
  std::atomic<size_t> next{0};
  auto work = [&]() {
    for (size_t i = next++; i < names.size(); i = next++) {
      ScreenQuery q;
      q.name = names[i];
      q.limit = 1;
      q.threshold = 0.70;
      auto r = screener->Screen(q);
      if (!r.ok() || r->hits.empty()) continue;
      hit[i] = 1;
      if (!dump) continue;
      const ScreenHit& h = r->hits[0];
      char head[64];
      std::snprintf(head, sizeof(head), "FP%c %.3f ", "AB"[FoldOf(i)], h.score);
      std::string line = std::string(head) + q.name + " | " + h.matched_name + " | " +
                         std::string(SchemaName(h.entity->schema)) + " |";
      for (const TokenMatch& t : h.tokens) {
        char sim[32];
        std::snprintf(sim, sizeof(sim), " %.2f/%.2f", t.similarity, t.weight);
        line += " [" + t.query_token + "~" + t.list_token + " " + t.key + sim + "]";
      }
      lines[i] = line;
    }
  };
  std::thread t1(work), t2(work);
  t1.join();
  t2.join();
  int fp[2] = {0, 0}, n[2] = {0, 0};
  for (size_t i = 0; i < names.size(); ++i) {
    ++n[FoldOf(i)];
    fp[FoldOf(i)] += hit[i];
    if (hit[i] && dump) std::printf("%s\n", lines[i].c_str());
  }
  std::printf(
      "negatives: %d / %zu rows with a hit (%.2f%%); half A %d / %d (%.2f%%), half B %d / "
      "%d (%.2f%%)\n",
      fp[0] + fp[1], names.size(), 100.0 * (fp[0] + fp[1]) / names.size(), fp[0], n[0],
      100.0 * fp[0] / n[0], fp[1], n[1], 100.0 * fp[1] / n[1]);
  const std::vector<Case> all = LoadCases();
  std::vector<Case> folds[2];
  for (size_t i = 0; i < all.size(); ++i) folds[FoldOf(i)].push_back(all[i]);
  const Prf m = Measure(all, ScoreAll(all), 0.70);
  std::printf("name_bench F1 %.4f (P %.3f R %.3f)", m.f1, m.p, m.r);
  for (int f = 0; f < 2; ++f) {
    const Prf mf = Measure(folds[f], ScoreAll(folds[f]), 0.70);
    std::printf("; fold %c F1 %.4f", "AB"[f], mf.f1);
  }
  std::printf("\n");
}

// Random search around the current parameters; prints improvements. Uses a
// fixed half of the rows for fitting and reports the other half, so a
// parameter set that only memorises rows shows up as a gap.
TEST(CalibrationTest, DISABLED_TuneGrid) {
  const std::vector<Case> all = LoadCases();
  std::vector<Case> fit, hold;
  for (size_t i = 0; i < all.size(); ++i) (i % 2 == 0 ? fit : hold).push_back(all[i]);
  ScorerParams best = DefaultScorerParams();
  auto eval = [&](const std::vector<Case>& cs) { return Measure(cs, ScoreAll(cs), 0.70).f1; };
  double best_f1 = eval(fit);
  setvbuf(stdout, nullptr, _IONBF, 0);
  std::printf("start fit F1 %.4f hold F1 %.4f\n", best_f1, eval(hold));
  std::mt19937 rng(7);
  const int iters = std::getenv("TUNE_ITERS") ? std::atoi(std::getenv("TUNE_ITERS")) : 200;
  for (int it = 0; it < iters; ++it) {
    ScorerParams p = best;
    std::normal_distribution<double> nd(0.0, 1.0);
    auto jig = [&](double& v, double scale, double lo, double hi) {
      if (rng() % 3 == 0) v = std::clamp(v + scale * nd(rng), lo, hi);
    };
    jig(p.w_org_word, 0.1, 0.1, 1.0);
    jig(p.w_stopword, 0.1, 0.05, 1.0);
    jig(p.w_initial, 0.1, 0.1, 1.0);
    jig(p.credit_zero, 0.05, 0.3, 0.9);
    jig(p.credit_gamma, 0.2, 0.5, 3.0);
    jig(p.pair_floor, 0.03, 0.5, 0.9);
    jig(p.sim_variant, 0.02, 0.8, 1.0);
    jig(p.sim_phonetic, 0.03, 0.6, 0.98);
    jig(p.sim_initial, 0.05, 0.5, 1.0);
    jig(p.pair_miss_cost, 0.2, 0.0, 3.0);
    jig(p.unmatched_query, 0.1, 0.3, 2.0);
    jig(p.unmatched_list_person, 0.05, 0.0, 1.0);
    jig(p.unmatched_list_org, 0.1, 0.0, 1.5);
    jig(p.conflict_cost, 0.2, 0.0, 3.0);
    jig(p.joined_min, 0.02, 0.8, 1.0);
    jig(p.order_penalty, 0.05, 0.0, 0.6);
    jig(p.length_penalty, 0.1, 0.0, 1.0);
    jig(p.rotation_penalty, 0.03, 0.0, 0.3);
    jig(p.legal_form_mismatch, 0.03, 0.0, 0.3);
    SetScorerParams(p);
    const double f = eval(fit);
    if (f > best_f1) {
      best_f1 = f;
      best = p;
      std::printf(
          "it %d fit %.4f hold %.4f | org %.2f stop %.2f init %.2f cz %.3f cg %.2f floor %.3f "
          "var %.3f ph %.3f si %.2f miss %.2f uq %.2f ulp %.2f ulo %.2f conf %.2f jm %.3f ord %.3f "
          "rot %.3f lfm %.3f lp %.3f\n",
          it, f, eval(hold), p.w_org_word, p.w_stopword, p.w_initial, p.credit_zero, p.credit_gamma,
          p.pair_floor, p.sim_variant, p.sim_phonetic, p.sim_initial, p.pair_miss_cost,
          p.unmatched_query, p.unmatched_list_person, p.unmatched_list_org, p.conflict_cost,
          p.joined_min, p.order_penalty, p.rotation_penalty, p.legal_form_mismatch,
          p.length_penalty);
    }
  }
  SetScorerParams(best);
}

}  // namespace
}  // namespace chokepoint::match
