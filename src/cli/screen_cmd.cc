// `chokepoint screen`: screen one name, or a CSV file of parties in batch,
// against a list snapshot.
//
// Batch mode reads the whole input, collapses rows that ask the same question
// (same name, schema, country, date of birth and identifiers) into one query,
// runs the unique queries on a thread pool over one shared, immutable
// Screener, and writes one output row per hit in input order. Rows that cannot
// be screened (an empty or over-long name) are written once without hits and
// reported on stderr with their line number; they do not stop the batch.

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "chokepoint/screen.h"
#include "chokepoint/snapshot.h"
#include "cli/command.h"
#include "cli/json_views.h"
#include "cli/progress.h"
#include "io/csv.h"
#include "io/file.h"
#include "io/json_writer.h"
#include "io/memory.h"
#include "io/strings.h"
#include "match/hit_json.h"

namespace chokepoint::cli {

using match::ExplanationText;
using match::FormatScore;
namespace {

constexpr std::string_view kCommand = "screen";
constexpr int kMaxLimit = 1000;
constexpr int kMaxWarnings = 10;

// The options shared by the single and the batch forms: sources, limit,
// threshold, scoring mode.
Status ApplyCommonOptions(const Args& args, ScreenQuery& q) {
  q.sources = args.GetAll("--source");
  if (auto v = args.Get("--limit")) {
    CHOKEPOINT_ASSIGN_OR_RETURN(q.limit, ParseIntOption("--limit", *v, 1, kMaxLimit));
  }
  if (auto v = args.Get("--threshold")) {
    CHOKEPOINT_ASSIGN_OR_RETURN(q.threshold, ParseDoubleOption("--threshold", *v, 0, 1));
  }
  if (args.Has("--ofac")) q.mode = ScoringMode::kOfacParity;
  return Status::Ok();
}

// Checks that every --source names a source of the snapshot.
Status CheckSources(const Snapshot& snap, const std::vector<std::string>& sources) {
  Status st = snap.CheckSourceIds(sources);
  if (!st.ok()) return Status::InvalidArgument("--source: " + st.message());
  return st;
}

std::string PadRight(std::string s, size_t width) {
  if (s.size() < width) s.resize(width, ' ');
  return s;
}

void PrintTextResult(const ScreenQuery& q, const ScreenResult& r) {
  std::cout << "screening \"" << io::SanitizeUtf8(q.name) << "\"";
  if (q.schema) std::cout << " as " << SchemaName(*q.schema);
  std::cout << " against snapshot " << r.snapshot_version << ": " << r.hits.size()
            << (r.hits.size() == 1 ? " hit" : " hits")
            << " at score >= " << FormatScore(q.threshold) << " (" << r.candidates
            << " candidates scored)\n";
  if (r.hits.empty()) return;
  size_t w_source = 6, w_id = 2, w_schema = 6;
  for (const auto& h : r.hits) {
    w_source = std::max(w_source, h.entity->source.size());
    w_id = std::max(w_id, h.entity->source_id.size());
    w_schema = std::max(w_schema, SchemaName(h.entity->schema).size());
  }
  std::cout << "\n"
            << PadRight("score", 7) << PadRight("source", w_source + 2) << PadRight("id", w_id + 2)
            << PadRight("schema", w_schema + 2) << "matched name\n";
  for (const auto& h : r.hits) {
    const Entity& e = *h.entity;
    std::string name = h.matched_name;
    if (name != e.caption()) name += "  (of " + e.caption() + ")";
    std::cout << PadRight(FormatScore(h.score), 7) << PadRight(e.source, w_source + 2)
              << PadRight(e.source_id, w_id + 2)
              << PadRight(std::string(SchemaName(e.schema)), w_schema + 2) << name << "\n";
    std::string why = ExplanationText(h.features, h.tokens);
    std::cout << "       " << (why.empty() ? "(no explanation)" : why);
    if (q.mode != ScoringMode::kOfacParity) std::cout << "; ofac " << FormatScore(h.ofac_score);
    std::cout << "\n";
  }
}

// A batch of at least this many distinct queries moves the screener onto huge
// pages before screening (io::BackHeapWithHugePages).
constexpr size_t kHugePageQueries = 20000;

// One `chokepoint screen` is one process: the screener it builds (several
// hundred thousand small allocations) and its snapshot are left to the
// operating system at exit instead of being freed one by one, which cost
// about 0.1 s of CPU. Deliberately leaked: the static pointer keeps them
// reachable, so leak checkers do not report them.
std::shared_ptr<const Screener> BuildKeptUntilExit(std::shared_ptr<const Snapshot> snapshot) {
  static auto* kept = new std::vector<std::shared_ptr<const Screener>>();
  kept->push_back(Screener::Build(std::move(snapshot)));
  return kept->back();
}

int RunSingle(const Args& args) {
  ScreenQuery q;
  q.name = io::Join(args.positional(), " ");
  if (io::Trim(q.name).empty()) return UsageError(kCommand, "give a NAME to screen (or --in FILE)");
  for (std::string_view batch_only : {"--name-column", "--schema-column", "--country-column",
                                      "--dob-column", "--id-column", "--out", "--threads"}) {
    if (args.Has(batch_only)) {
      return UsageError(kCommand, std::string(batch_only) + " needs --in FILE");
    }
  }
  if (auto v = args.Get("--schema")) {
    auto s = ParseSchemaFilter(*v);
    if (!s.ok()) return UsageError(kCommand, s.status().message());
    q.schema = *s;
  }
  q.country = std::string(io::Trim(args.GetOr("--country", "")));
  if (auto v = args.Get("--dob")) {
    q.birth_date = ParsePartialDate(io::Trim(*v));
    if (!q.birth_date) {
      return UsageError(kCommand, "--dob: bad date '" + *v + "' (use YYYY, YYYY-MM or YYYY-MM-DD)");
    }
  }
  for (const auto& id : args.GetAll("--id")) {
    if (!io::Trim(id).empty()) q.identifiers.emplace_back(io::Trim(id));
  }
  if (Status st = ApplyCommonOptions(args, q); !st.ok()) return UsageError(kCommand, st.message());

  auto snap = OpenSnapshot(args);
  if (!snap.ok()) return Fail(snap.status());
  if (Status st = CheckSources(**snap, q.sources); !st.ok()) return Fail(st);
  auto screener = BuildKeptUntilExit(*snap);
  auto result = screener->Screen(q);
  if (!result.ok()) return Fail(result.status());

  if (args.Has("--json")) {
    io::JsonWriter w(true);
    WriteScreenJson(w, q, *result);
    std::cout << w.str() << "\n";
  } else {
    PrintTextResult(q, *result);
  }
  return 0;
}

// --- batch mode ------------------------------------------------------------

struct BatchHit {
  const Entity* entity;
  std::string matched_name;
  double score;
};

struct BatchOutcome {
  std::vector<BatchHit> hits;
  std::string error;  // non-empty when the query could not be screened
};

struct BatchColumns {
  int name = -1, schema = -1, country = -1, dob = -1, id = -1;
};

Result<int> FindColumn(const io::CsvHeader& header, const std::string& file,
                       const std::string& option, const std::string& column) {
  int col = header.Col(column);
  if (col < 0) {
    return Status::InvalidArgument(file + ": no column '" + column + "' (named by " + option +
                                   "); the header has: " + io::Join(header.names(), ", "));
  }
  return col;
}

Result<std::string> ReadInput(const std::string& path) {
  CHOKEPOINT_ASSIGN_OR_RETURN(std::string data, io::ReadFile(path));
  if (path.size() > 3 && path.compare(path.size() - 3, 3, ".xz") == 0) {
    return io::DecompressXz(data, path);
  }
  return data;
}

int RunBatch(const Args& args) {
  const std::string in_path = *args.Get("--in");
  if (!args.positional().empty()) {
    return UsageError(kCommand, "give either NAME or --in FILE, not both");
  }
  auto name_column = args.Get("--name-column");
  if (!name_column) return UsageError(kCommand, "--in needs --name-column COL");
  auto out_path = args.Get("--out");
  if (!out_path) return UsageError(kCommand, "--in needs --out FILE (or --out - for stdout)");
  for (std::string_view single_only : {"--schema", "--country", "--dob", "--id", "--json"}) {
    if (args.Has(single_only)) {
      return UsageError(kCommand, std::string(single_only) +
                                      " is for one NAME; in batch mode use the *-column options");
    }
  }
  ScreenQuery common;
  if (Status st = ApplyCommonOptions(args, common); !st.ok()) {
    return UsageError(kCommand, st.message());
  }
  int threads = DefaultThreads();
  if (auto v = args.Get("--threads")) {
    auto t = ParseIntOption("--threads", *v, 1, 256);
    if (!t.ok()) return UsageError(kCommand, t.status().message());
    threads = *t;
  }
  const bool quiet = args.Has("--quiet");

  auto data = ReadInput(in_path);
  if (!data.ok()) return Fail(data.status().WithContext("--in"));
  io::CsvReader reader(*data);
  std::vector<std::string> fields;
  if (reader.Read(fields) != io::CsvReader::Next::kRecord) {
    return Fail(Status::ParseError(in_path + ": no header row"));
  }
  io::CsvHeader header(fields);
  BatchColumns cols;
  {
    auto c = FindColumn(header, in_path, "--name-column", *name_column);
    if (!c.ok()) return Fail(c.status());
    cols.name = *c;
    const std::pair<const char*, int*> optional_columns[] = {{"--schema-column", &cols.schema},
                                                             {"--country-column", &cols.country},
                                                             {"--dob-column", &cols.dob},
                                                             {"--id-column", &cols.id}};
    for (const auto& [option, slot] : optional_columns) {
      if (auto name = args.Get(option)) {
        auto oc = FindColumn(header, in_path, option, *name);
        if (!oc.ok()) return Fail(oc.status());
        *slot = *oc;
      }
    }
  }

  // Read every row; build the unique queries.
  std::vector<std::vector<std::string>> rows;
  std::vector<int64_t> row_lines;
  std::vector<size_t> row_query;  // row -> unique query index
  std::vector<ScreenQuery> queries;
  std::unordered_map<std::string, size_t> seen;
  int warnings = 0;
  uint64_t bad_rows = 0;
  auto warn = [&](int64_t line, const std::string& message) {
    ++bad_rows;
    if (quiet) return;
    if (warnings < kMaxWarnings) {
      std::cerr << in_path << ":" << line << ": " << message << "\n";
    } else if (warnings == kMaxWarnings) {
      std::cerr << in_path << ": more problems; not listing them\n";
    }
    ++warnings;
  };
  for (;;) {
    auto next = reader.Read(fields);
    if (next == io::CsvReader::Next::kEnd) break;
    if (next == io::CsvReader::Next::kError) {
      return Fail(Status::ParseError(in_path + ":" + std::to_string(reader.line()) + ": " +
                                     reader.error()));
    }
    ScreenQuery q = common;
    q.name = io::Field(fields, cols.name);
    std::string schema_text(io::Trim(io::Field(fields, cols.schema)));
    if (auto s = ParseSchemaFilter(schema_text); s.ok()) {
      q.schema = *s;
    } else {
      warn(reader.line(), "unknown schema '" + schema_text + "'; screening as any");
    }
    q.country = std::string(io::Trim(io::Field(fields, cols.country)));
    std::string dob_text(io::Trim(io::Field(fields, cols.dob)));
    if (!dob_text.empty()) {
      q.birth_date = ParsePartialDate(dob_text);
      if (!q.birth_date) warn(reader.line(), "date of birth '" + dob_text + "' ignored");
    }
    std::string id_text = io::Field(fields, cols.id);
    q.identifiers = io::SplitTrimmed(id_text, ";");
    std::string key = q.name + '\x1f' + (q.schema ? std::string(SchemaName(*q.schema)) : "") +
                      '\x1f' + q.country + '\x1f' + (q.birth_date ? q.birth_date->ToString() : "") +
                      '\x1f' + io::Join(q.identifiers, "\x1e");
    auto [it, inserted] = seen.emplace(std::move(key), queries.size());
    if (inserted) queries.push_back(std::move(q));
    row_query.push_back(it->second);
    row_lines.push_back(reader.line());
    rows.push_back(fields);
  }

  auto snap = OpenSnapshot(args);
  if (!snap.ok()) return Fail(snap.status());
  if (Status st = CheckSources(**snap, common.sources); !st.ok()) return Fail(st);
  if (!quiet) {
    std::cerr << "screen: " << rows.size() << " rows, " << queries.size()
              << " distinct queries, snapshot " << (*snap)->version() << ", " << threads
              << (threads == 1 ? " thread" : " threads") << "\n";
  }
  auto screener = BuildKeptUntilExit(*snap);
  // Enough queries to repay moving the screener onto huge pages (io/memory.h:
  // 0.4-0.7 s of CPU once, about 1/8 less per query after).
  if (queries.size() >= kHugePageQueries) {
    const io::HugePageReport hp = io::BackHeapWithHugePages();
    if (!quiet && hp.collapsed > 0) {
      std::cerr << "screen: " << (hp.collapsed >> 20) << " MB of memory moved onto 2 MB pages\n";
    }
  }

  std::vector<BatchOutcome> outcomes(queries.size());
  Progress progress("screen", "queries", queries.size(), !quiet);
  ParallelFor(
      queries.size(), threads,
      [&](uint64_t i) {
        auto r = screener->Screen(queries[i]);
        BatchOutcome& out = outcomes[i];
        if (!r.ok()) {
          out.error = r.status().message();
          return;
        }
        out.hits.reserve(r->hits.size());
        for (auto& h : r->hits) {
          out.hits.push_back({h.entity, std::move(h.matched_name), h.score});
        }
      },
      &progress);

  // Write in input order: one row per hit, or one empty row.
  std::string out;
  std::vector<std::string> out_header = header.names();
  for (const char* c : {"rank", "source", "source_id", "matched_name", "score"}) {
    out_header.push_back(c);
  }
  io::AppendCsvRow(out, out_header);
  uint64_t hit_rows = 0, rows_with_hits = 0;
  std::vector<std::string> values;
  for (size_t r = 0; r < rows.size(); ++r) {
    const BatchOutcome& o = outcomes[row_query[r]];
    if (!o.error.empty()) warn(row_lines[r], "not screened: " + o.error);
    values = rows[r];
    values.resize(header.size());  // short rows padded, long rows cut to the header
    if (o.hits.empty()) {
      values.insert(values.end(), 5, "");
      io::AppendCsvRow(out, values);
      continue;
    }
    ++rows_with_hits;
    for (size_t k = 0; k < o.hits.size(); ++k) {
      std::vector<std::string> v = values;
      const BatchHit& h = o.hits[k];
      v.push_back(std::to_string(k + 1));
      v.push_back(h.entity->source);
      v.push_back(h.entity->source_id);
      v.push_back(h.matched_name);
      v.push_back(FormatScore(h.score));
      io::AppendCsvRow(out, v);
      ++hit_rows;
    }
  }
  if (*out_path == "-") {
    std::cout << out;
    std::cout.flush();
  } else if (Status st = io::WriteFileAtomic(*out_path, out); !st.ok()) {
    return Fail(st);
  }
  if (!quiet) {
    std::cerr << "screen: " << rows_with_hits << " of " << rows.size() << " rows have hits ("
              << hit_rows << " hit rows)";
    if (bad_rows) std::cerr << "; " << bad_rows << " problems reported above";
    std::cerr << "; wrote " << (*out_path == "-" ? std::string("stdout") : *out_path) << "\n";
  }
  return 0;
}

int RunScreen(const Args& args) {
  if (args.Has("--in")) return RunBatch(args);
  return RunSingle(args);
}

CHOKEPOINT_COMMAND(
    screen_cmd,
    {"screen",
     "NAME [--schema S] [--country CC] [--dob DATE] [--id V]... [--source ID]... [--limit N] "
     "[--threshold T] [--ofac] [--json]\n"
     "       chokepoint screen --in FILE --name-column COL [--schema-column COL] "
     "[--country-column COL] [--dob-column COL] [--id-column COL] [--source ID]... [--limit N] "
     "[--threshold T] --out FILE [--threads N]",
     "Screen a name (any script) against the lists: the best-matching listed entities with a "
     "score in [0, 1] and the reasons. With --in, screen every row of a CSV file.",
     {{"--schema", true, "S  person, company, organization, vessel, aircraft or any (default)"},
      {"--country", true, "CC  the party's country (ISO code or name)"},
      {"--dob", true, "DATE  date of birth: YYYY, YYYY-MM or YYYY-MM-DD"},
      {"--id", true, "VALUE  an identifier (passport, INN, IMO, ...); repeatable"},
      {"--source", true, "ID  only this list source (e.g. us_ofac_sdn); repeatable"},
      {"--limit", true, "N  at most N hits per name (default 10)"},
      {"--threshold", true, "T  drop hits scoring below T (default 0.70)"},
      {"--ofac", false, "score as OFAC's Sanctions List Search does (name only)"},
      SnapshotOption(),
      {"--json", false, "print JSON"},
      {"--in", true, "FILE  batch mode: a CSV file with a header row (.csv or .csv.xz)"},
      {"--name-column", true, "COL  batch: the column holding the name"},
      {"--schema-column", true, "COL  batch: the column holding the schema"},
      {"--country-column", true, "COL  batch: the column holding the country"},
      {"--dob-column", true, "COL  batch: the column holding the date of birth"},
      {"--id-column", true, "COL  batch: the column holding identifiers (';'-separated)"},
      {"--out", true, "FILE  batch: where to write the hits CSV ('-' for stdout)"},
      {"--threads", true, "N  batch: worker threads (default: all cores)"},
      {"--quiet", false, "batch: no progress or summary on stderr"}},
     &RunScreen});

}  // namespace
}  // namespace chokepoint::cli
