// Golden screening cases: analyst-readable text files under
// tests/golden/screening/, each one a gtest case, run against the bundled
// lists.
//
// File format (one or more cases per file; '#' starts a comment line):
//
//   query: Wuhan Global Sensor Technology     starts a case; the name to screen
//   schema: company                           person|company|organization|vessel|aircraft|any
//   country: CN                               the party's country (code or name)
//   dob: 1971-05                              YYYY, YYYY-MM or YYYY-MM-DD
//   id: 1234567                               an identifier; repeatable
//   source: us_ofac_sdn                       restrict to a source; repeatable
//   threshold: 0.5                            default 0.70 (the CLI default)
//   limit: 10                                 default 10
//   expect: us_ofac_sdn 46633 score>=0.90 rank<=1 reason~exact
//       the entity must be among the hits; optional conditions:
//       score>=X, score<=X, rank<=N (1 = best), reason~TEXT (TEXT, case-
//       insensitive, appears in a feature name or detail or a token key),
//       name~TEXT (in the matched name)
//   expect-not: us_ofac_sdn 47368 [score>=X]
//       the entity must not be a hit (with score>=X: must not score that high)
//   expect-none:                              no hit at all
//   known-gap: TEXT
//       the case states what an analyst expects but the engine does not do
//       yet; it is run and reported, and does not fail the test. A known gap
//       that passes is reported so the marker can be removed.
//
// Expectations are the analyst's judgement of which listed entity a name is,
// taken from the list files themselves, never the engine's output.
//
// The snapshot: $CHOKEPOINT_GOLDEN_SNAPSHOT, else the build's default.snap
// when it exists, else the bundled lists imported here (the specs in
// scripts/bundled_specs.sh).

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "chokepoint/screen.h"
#include "chokepoint/snapshot.h"
#include "io/strings.h"

namespace chokepoint {
namespace {

namespace fs = std::filesystem;

const char kGoldenDir[] = CHOKEPOINT_SOURCE_DIR "/tests/golden/screening";

struct Expectation {
  int line = 0;
  bool negative = false;  // expect-not
  std::string source, source_id;
  double min_score = -1, max_score = 2;
  int max_rank = 0;  // 0 = any
  std::vector<std::string> reasons;
  std::vector<std::string> name_parts;
};

struct GoldenCase {
  std::string file;
  int line = 0;
  ScreenQuery query;
  std::vector<Expectation> expectations;
  bool expect_none = false;
  std::string known_gap;
};

std::string Lower(std::string_view s) { return io::ToLowerAscii(s); }

// Parses one expect/expect-not line: "SOURCE ID [cond]...".
bool ParseExpectation(std::string_view text, Expectation& e, std::string& error) {
  std::vector<std::string> words;
  std::istringstream in{std::string(text)};
  for (std::string w; in >> w;) words.push_back(w);
  if (words.size() < 2) {
    error = "expected SOURCE ID";
    return false;
  }
  e.source = words[0];
  e.source_id = words[1];
  for (size_t i = 2; i < words.size(); ++i) {
    const std::string& w = words[i];
    try {
      if (w.rfind("score>=", 0) == 0) {
        e.min_score = std::stod(w.substr(7));
      } else if (w.rfind("score<=", 0) == 0) {
        e.max_score = std::stod(w.substr(7));
      } else if (w.rfind("rank<=", 0) == 0) {
        e.max_rank = std::stoi(w.substr(6));
      } else if (w.rfind("reason~", 0) == 0) {
        e.reasons.push_back(Lower(w.substr(7)));
      } else if (w.rfind("name~", 0) == 0) {
        e.name_parts.push_back(Lower(w.substr(5)));
      } else {
        error = "unknown condition '" + w + "'";
        return false;
      }
    } catch (const std::exception&) {
      error = "bad number in '" + w + "'";
      return false;
    }
  }
  return true;
}

// Reads every case of one file; parse problems are returned as failures.
std::vector<GoldenCase> ParseGoldenFile(const std::string& path, std::vector<std::string>& errors) {
  std::vector<GoldenCase> cases;
  std::ifstream in(path);
  if (!in) {
    errors.push_back(path + ": cannot read");
    return cases;
  }
  std::string raw;
  int line_no = 0;
  const std::string file = fs::path(path).filename().string();
  while (std::getline(in, raw)) {
    ++line_no;
    std::string_view line = io::Trim(raw);
    if (line.empty() || line[0] == '#') continue;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      errors.push_back(file + ":" + std::to_string(line_no) + ": expected 'key: value'");
      continue;
    }
    std::string key(io::Trim(line.substr(0, colon)));
    std::string value(io::Trim(line.substr(colon + 1)));
    auto where = file + ":" + std::to_string(line_no) + ": ";
    if (key == "query") {
      GoldenCase c;
      c.file = file;
      c.line = line_no;
      c.query.name = value;
      cases.push_back(std::move(c));
      continue;
    }
    if (cases.empty()) {
      errors.push_back(where + "'" + key + ":' before the first 'query:'");
      continue;
    }
    GoldenCase& c = cases.back();
    if (key == "schema") {
      if (Lower(value) != "any") {
        c.query.schema = ParseSchema(value);
        if (!c.query.schema) errors.push_back(where + "unknown schema " + value);
      }
    } else if (key == "country") {
      c.query.country = value;
    } else if (key == "dob") {
      c.query.birth_date = ParsePartialDate(value);
      if (!c.query.birth_date) errors.push_back(where + "bad date " + value);
    } else if (key == "id") {
      c.query.identifiers.push_back(value);
    } else if (key == "source") {
      c.query.sources.push_back(value);
    } else if (key == "threshold") {
      c.query.threshold = std::atof(value.c_str());
    } else if (key == "limit") {
      c.query.limit = std::atoi(value.c_str());
    } else if (key == "expect" || key == "expect-not") {
      Expectation e;
      e.line = line_no;
      e.negative = key == "expect-not";
      std::string error;
      if (!ParseExpectation(value, e, error)) {
        errors.push_back(where + error);
      } else {
        c.expectations.push_back(std::move(e));
      }
    } else if (key == "expect-none") {
      c.expect_none = true;
    } else if (key == "known-gap") {
      c.known_gap = value.empty() ? "yes" : value;
    } else {
      errors.push_back(where + "unknown key '" + key + "'");
    }
  }
  return cases;
}

bool HitHasReason(const ScreenHit& h, const std::string& reason) {
  for (const auto& f : h.features) {
    if (Lower(f.feature).find(reason) != std::string::npos) return true;
    if (Lower(f.detail).find(reason) != std::string::npos) return true;
  }
  for (const auto& t : h.tokens) {
    if (Lower(t.key).find(reason) != std::string::npos) return true;
  }
  return false;
}

std::string DescribeHits(const ScreenResult& r) {
  std::ostringstream out;
  if (r.hits.empty()) return "      (no hits)\n";
  int rank = 0;
  for (const auto& h : r.hits) {
    out << "      " << ++rank << ". " << h.entity->source << " " << h.entity->source_id << " "
        << h.score << "  " << h.matched_name << "\n";
  }
  return out.str();
}

// Checks one case; returns the failures (empty when it passes).
std::vector<std::string> CheckCase(const GoldenCase& c, const ScreenResult& r) {
  std::vector<std::string> failures;
  if (c.expect_none && !r.hits.empty()) {
    failures.push_back("expected no hits, got " + std::to_string(r.hits.size()));
  }
  for (const auto& e : c.expectations) {
    std::string where = c.file + ":" + std::to_string(e.line) + ": ";
    int rank = 0;
    const ScreenHit* hit = nullptr;
    for (const auto& h : r.hits) {
      ++rank;
      if (h.entity->source == e.source && h.entity->source_id == e.source_id) {
        hit = &h;
        break;
      }
    }
    std::string who = e.source + " " + e.source_id;
    if (e.negative) {
      if (hit != nullptr && hit->score >= std::max(e.min_score, 0.0)) {
        failures.push_back(where + who + " should not be a hit (score " +
                           std::to_string(hit->score) + ")");
      }
      continue;
    }
    if (hit == nullptr) {
      failures.push_back(where + who + " not found");
      continue;
    }
    if (hit->score < e.min_score || hit->score > e.max_score) {
      failures.push_back(where + who + " scored " + std::to_string(hit->score) + ", outside [" +
                         std::to_string(std::max(e.min_score, 0.0)) + ", " +
                         std::to_string(std::min(e.max_score, 1.0)) + "]");
    }
    if (e.max_rank > 0 && rank > e.max_rank) {
      failures.push_back(where + who + " ranked " + std::to_string(rank) +
                         ", want <= " + std::to_string(e.max_rank));
    }
    for (const auto& reason : e.reasons) {
      if (!HitHasReason(*hit, reason)) {
        failures.push_back(where + who + ": no reason matching '" + reason + "'");
      }
    }
    for (const auto& part : e.name_parts) {
      if (Lower(hit->matched_name).find(part) == std::string::npos) {
        failures.push_back(where + who + ": matched name '" + hit->matched_name + "' lacks '" +
                           part + "'");
      }
    }
  }
  return failures;
}

// The bundled source specs, read from scripts/bundled_specs.sh (the file the
// lead keeps in step with cmake/BundledLists.cmake).
std::vector<std::string> BundledSpecs() {
  std::vector<std::string> specs;
  std::ifstream in(CHOKEPOINT_SOURCE_DIR "/scripts/bundled_specs.sh");
  const std::string dir = CHOKEPOINT_SOURCE_DIR "/data/lists";
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("BUNDLED_SPECS=\"", 0) == 0) line = line.substr(15);
    if (!line.empty() && line.back() == '"') line.pop_back();
    if (line.find(":$L/") == std::string::npos) continue;
    for (size_t p; (p = line.find("$L")) != std::string::npos;) line.replace(p, 2, dir);
    specs.push_back(line);
  }
  return specs;
}

std::shared_ptr<const Screener> GoldenScreener(std::string* error) {
  static std::once_flag once;
  static std::shared_ptr<const Screener> screener;
  static std::string load_error;
  std::call_once(once, [] {
    Result<std::shared_ptr<const Snapshot>> snap = Status::NotFound("no snapshot");
    std::string path;
    if (const char* env = std::getenv("CHOKEPOINT_GOLDEN_SNAPSHOT"); env && *env) path = env;
    if (path.empty() && fs::exists(CHOKEPOINT_DEFAULT_SNAPSHOT)) path = CHOKEPOINT_DEFAULT_SNAPSHOT;
    if (!path.empty()) {
      snap = Snapshot::Load(path);
    } else {
      ImportOptions options;
      options.quiet = true;
      options.created = "2026-01-01T00:00:00Z";
      std::ostringstream log;
      snap = ImportSources(BundledSpecs(), options, log);
    }
    if (!snap.ok()) {
      load_error = snap.status().ToString();
      return;
    }
    screener = Screener::Build(*snap);
  });
  *error = load_error;
  return screener;
}

std::vector<std::string> GoldenFiles() {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(kGoldenDir, ec)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class GoldenScreening : public testing::TestWithParam<std::string> {};

TEST_P(GoldenScreening, Cases) {
  std::vector<std::string> errors;
  std::vector<GoldenCase> cases = ParseGoldenFile(GetParam(), errors);
  for (const auto& e : errors) ADD_FAILURE() << e;
  ASSERT_FALSE(cases.empty()) << GetParam() << ": no cases";
  std::string load_error;
  auto screener = GoldenScreener(&load_error);
  ASSERT_TRUE(screener) << load_error;
  for (const auto& c : cases) {
    auto r = screener->Screen(c.query);
    std::string head = c.file + ":" + std::to_string(c.line) + " '" + c.query.name + "'";
    if (!r.ok()) {
      if (c.known_gap.empty()) ADD_FAILURE() << head << ": " << r.status().ToString();
      continue;
    }
    std::vector<std::string> failures = CheckCase(c, *r);
    std::string detail;
    for (const auto& f : failures) detail += "    " + f + "\n";
    if (!c.known_gap.empty()) {
      std::cout << (failures.empty() ? "[ known gap now passes ] " : "[ known gap ] ") << head
                << " (" << c.known_gap << ")\n"
                << detail;
      continue;
    }
    if (!failures.empty()) {
      ADD_FAILURE() << head << "\n" << detail << "    hits:\n" << DescribeHits(*r);
    }
  }
}

std::string TestName(const testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem().string();
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, GoldenScreening, testing::ValuesIn(GoldenFiles()), TestName);

// The runner itself must be able to fail: a wrong expectation is caught.
TEST(GoldenScreeningRunner, DetectsWrongExpectations) {
  std::string load_error;
  auto screener = GoldenScreener(&load_error);
  ASSERT_TRUE(screener) << load_error;
  GoldenCase c;
  c.file = "self-test";
  c.query.name = screener->snapshot().entities().front().caption();
  auto r = screener->Screen(c.query);
  ASSERT_TRUE(r.ok());
  Expectation missing;
  missing.source = "no_such_source";
  missing.source_id = "0";
  c.expectations = {missing};
  EXPECT_EQ(CheckCase(c, *r).size(), 1u);
  c.expectations.clear();
  c.expect_none = true;
  EXPECT_EQ(CheckCase(c, *r).size(), r->hits.empty() ? 0u : 1u);
}

}  // namespace
}  // namespace chokepoint
