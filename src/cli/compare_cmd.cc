// `chokepoint compare`: score two names against each other (no lists), or
// every pair of a CSV file; the tool behind the name-matching benchmarks.

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "chokepoint/screen.h"
#include "cli/command.h"
#include "cli/json_views.h"
#include "cli/progress.h"
#include "io/csv.h"
#include "io/file.h"
#include "io/json_writer.h"
#include "io/strings.h"
#include "match/hit_json.h"

namespace chokepoint::cli {

using match::FormatScore;
namespace {

constexpr std::string_view kCommand = "compare";
// The same bound Screener::Screen() puts on a query name: longer input is
// not a name, and comparing it would only cost time.
constexpr size_t kMaxNameBytes = 1024;
constexpr double kDefaultThreshold = 0.70;

// Empty or over-long names are refused rather than scored.
Status CheckName(std::string_view name, std::string_view which) {
  std::string_view t = io::Trim(name);
  if (t.empty()) return Status::InvalidArgument(std::string(which) + " is empty");
  if (t.size() > kMaxNameBytes) {
    return Status::InvalidArgument(std::string(which) + " is longer than " +
                                   std::to_string(kMaxNameBytes) + " bytes");
  }
  return Status::Ok();
}

int RunSingle(const Args& args) {
  if (args.positional().size() != 2) {
    return UsageError(kCommand, "give two names: NAME1 NAME2 (or --pairs FILE)");
  }
  const std::string& a = args.positional()[0];
  const std::string& b = args.positional()[1];
  for (auto [name, which] : {std::pair{&a, "NAME1"}, std::pair{&b, "NAME2"}}) {
    if (Status st = CheckName(*name, which); !st.ok()) return Fail(st);
  }
  std::optional<Schema> schema;
  if (auto v = args.Get("--schema")) {
    auto s = ParseSchemaFilter(*v);
    if (!s.ok()) return UsageError(kCommand, s.status().message());
    schema = *s;
  }
  CompareResult r = CompareNames(a, b, schema);
  if (args.Has("--json")) {
    io::JsonWriter w(true);
    WriteCompareResultJson(w, a, b, schema, r);
    std::cout << w.str() << "\n";
    return 0;
  }
  std::cout << "score       " << FormatScore(r.score) << "\nofac score  "
            << FormatScore(r.ofac_score) << "\n";
  if (!r.features.empty()) std::cout << "\nfeatures:\n";
  for (const auto& f : r.features) {
    char value[32];
    std::snprintf(value, sizeof value, f.feature == "name" ? "%.3f" : "%+.3f", f.value);
    std::cout << "  " << f.feature << " " << value;
    if (!f.detail.empty()) std::cout << "  " << f.detail;
    std::cout << "\n";
  }
  if (!r.tokens.empty()) std::cout << "\ntokens (query -> other, key, similarity, weight):\n";
  for (const auto& t : r.tokens) {
    std::cout << "  " << t.query_token << " -> " << t.list_token << "  " << t.key << "  "
              << FormatScore(t.similarity) << "  " << FormatScore(t.weight) << "\n";
  }
  return 0;
}

int RunPairs(const Args& args) {
  const std::string in_path = *args.Get("--pairs");
  if (!args.positional().empty()) {
    return UsageError(kCommand, "give either NAME1 NAME2 or --pairs FILE, not both");
  }
  auto out_path = args.Get("--out");
  if (!out_path) return UsageError(kCommand, "--pairs needs --out FILE (or --out - for stdout)");
  double threshold = kDefaultThreshold;
  if (auto v = args.Get("--threshold")) {
    auto t = ParseDoubleOption("--threshold", *v, 0, 1);
    if (!t.ok()) return UsageError(kCommand, t.status().message());
    threshold = *t;
  }
  std::optional<Schema> default_schema;
  if (auto v = args.Get("--schema")) {
    auto s = ParseSchemaFilter(*v);
    if (!s.ok()) return UsageError(kCommand, s.status().message());
    default_schema = *s;
  }
  int threads = DefaultThreads();
  if (auto v = args.Get("--threads")) {
    if (!io::IsDigits(*v) || v->size() > 3 || std::stoi(*v) < 1) {
      return UsageError(kCommand, "--threads: bad value '" + *v + "'");
    }
    threads = std::stoi(*v);
  }
  const bool use_ofac = args.Has("--ofac");
  const bool quiet = args.Has("--quiet");

  auto data = io::ReadFile(in_path);
  if (!data.ok()) return Fail(data.status().WithContext("--pairs"));
  io::CsvReader reader(*data);
  std::vector<std::string> fields;
  if (reader.Read(fields) != io::CsvReader::Next::kRecord) {
    return Fail(Status::ParseError(in_path + ": no header row"));
  }
  io::CsvHeader header(fields);
  int c1 = header.Col("name1"), c2 = header.Col("name2"), cs = header.Col("schema");
  if (c1 < 0 || c2 < 0) {
    return Fail(Status::InvalidArgument(in_path + ": no column '" +
                                        std::string(c1 < 0 ? "name1" : "name2") +
                                        "'; the header needs name1,name2 (and may have schema); "
                                        "it has: " +
                                        io::Join(header.names(), ", ")));
  }
  struct Pair {
    std::vector<std::string> row;
    int64_t line;
    std::optional<Schema> schema;
    std::string error;
    double score = 0;
  };
  std::vector<Pair> pairs;
  for (;;) {
    auto next = reader.Read(fields);
    if (next == io::CsvReader::Next::kEnd) break;
    if (next == io::CsvReader::Next::kError) {
      return Fail(Status::ParseError(in_path + ":" + std::to_string(reader.line()) + ": " +
                                     reader.error()));
    }
    Pair p{fields, reader.line(), default_schema, "", 0};
    if (cs >= 0 && !io::Trim(io::Field(fields, cs)).empty()) {
      auto s = ParseSchemaFilter(io::Field(fields, cs));
      if (s.ok()) {
        p.schema = *s;
      } else {
        p.error = s.status().message();
      }
    }
    if (p.error.empty()) {
      Status st = CheckName(io::Field(fields, c1), "name1");
      if (st.ok()) st = CheckName(io::Field(fields, c2), "name2");
      if (!st.ok()) p.error = st.message();
    }
    pairs.push_back(std::move(p));
  }

  Progress progress("compare", "pairs", pairs.size(), !quiet && pairs.size() >= 1000);
  ParallelFor(
      pairs.size(), threads,
      [&](uint64_t i) {
        Pair& p = pairs[i];
        if (!p.error.empty()) return;
        CompareResult r = CompareNames(io::Field(p.row, c1), io::Field(p.row, c2), p.schema);
        p.score = use_ofac ? r.ofac_score : r.score;
      },
      &progress);

  std::string out;
  std::vector<std::string> h = header.names();
  h.push_back("score");
  h.push_back("match");
  io::AppendCsvRow(out, h);
  int problems = 0;
  uint64_t matches = 0;
  for (auto& p : pairs) {
    p.row.resize(header.size());
    if (!p.error.empty()) {
      if (!quiet && problems < 10) {
        std::cerr << in_path << ":" << p.line << ": not compared: " << p.error << "\n";
      }
      ++problems;
      p.row.push_back("");
      p.row.push_back("false");
    } else {
      bool match = p.score >= threshold;
      matches += match;
      p.row.push_back(FormatScore(p.score));
      p.row.push_back(match ? "true" : "false");
    }
    io::AppendCsvRow(out, p.row);
  }
  if (*out_path == "-") {
    std::cout << out;
  } else if (Status st = io::WriteFileAtomic(*out_path, out); !st.ok()) {
    return Fail(st);
  }
  if (!quiet) {
    std::cerr << "compare: " << pairs.size() << " pairs, " << matches
              << " at score >= " << FormatScore(threshold);
    if (problems) std::cerr << ", " << problems << " not compared";
    std::cerr << "\n";
  }
  return 0;
}

int RunCompare(const Args& args) {
  if (args.Has("--pairs")) return RunPairs(args);
  for (std::string_view pairs_only : {"--out", "--threshold", "--threads", "--ofac"}) {
    if (args.Has(pairs_only)) {
      return UsageError(kCommand, std::string(pairs_only) + " needs --pairs FILE");
    }
  }
  return RunSingle(args);
}

CHOKEPOINT_COMMAND(
    compare_cmd,
    {"compare",
     "NAME1 NAME2 [--schema S] [--json]\n"
     "       chokepoint compare --pairs IN.csv --out OUT.csv [--threshold T] [--schema S]",
     "Score two names against each other (any scripts): the calibrated score, the OFAC-parity "
     "score and why. With --pairs, score every name1,name2 row of a CSV file.",
     {{"--schema", true,
       "S  person, company, organization, vessel, aircraft or any (default: guess); with "
       "--pairs, the default for rows without a schema column value"},
      {"--json", false, "print JSON"},
      {"--pairs", true, "FILE  a CSV file with a header naming name1, name2 (and optional schema)"},
      {"--out", true, "FILE  pairs: where to write the scored CSV ('-' for stdout)"},
      {"--threshold", true, "T  pairs: the score at which 'match' is true (default 0.70)"},
      {"--ofac", false, "pairs: write the OFAC-parity score instead of the calibrated one"},
      {"--threads", true, "N  pairs: worker threads (default: all cores)"},
      {"--quiet", false, "pairs: nothing on stderr but errors"}},
     &RunCompare});

}  // namespace
}  // namespace chokepoint::cli
