// `chokepoint check`: check shipments, payments or letters of credit as a
// whole (parties screened, goods classified, route and red-flag rules) and
// print one decision per transaction with the alerts that led to it.
//
// The whole file is read, then checked as one batch (identical parties are
// screened once) on a thread pool with a progress line on stderr. A snapshot
// whose newest list data is older than --max-list-age days never gives
// "clear" (the decision is cannot_clear); a note on stderr says why and how
// to change it.

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "chokepoint/check.h"
#include "chokepoint/screen.h"
#include "cli/command.h"
#include "cli/json_views.h"
#include "cli/progress.h"
#include "io/file.h"
#include "io/json_writer.h"
#include "io/strings.h"

namespace chokepoint::cli {
namespace {

using check::CheckResult;
using check::Decision;

constexpr std::string_view kCommand = "check";

struct InputSpec {
  const char* option;
  check::MessageKind kind;
};
constexpr InputSpec kInputs[] = {{"--shipments", check::MessageKind::kShipment},
                                 {"--pacs008", check::MessageKind::kPacs008},
                                 {"--pain001", check::MessageKind::kPain001},
                                 {"--mt103", check::MessageKind::kMt103},
                                 {"--mt700", check::MessageKind::kMt700}};

Result<check::ReadResult> ReadInput(check::MessageKind kind, const std::string& path,
                                    const check::ColumnMapping& mapping) {
  switch (kind) {
    case check::MessageKind::kShipment:
      return check::ReadShipmentsCsv(path, mapping);
    case check::MessageKind::kPacs008:
      return check::ReadPacs008(path);
    case check::MessageKind::kPain001:
      return check::ReadPain001(path);
    case check::MessageKind::kMt103:
      return check::ReadMt103(path);
    case check::MessageKind::kMt700:
      return check::ReadMt700(path);
  }
  return Status::InvalidArgument("unknown input kind");
}

std::string EvidenceText(const check::Alert& a, size_t max_items = 4) {
  std::string out;
  size_t n = 0;
  for (const auto& [k, v] : a.evidence) {
    if (n++ == max_items) {
      out += "; ...";
      break;
    }
    if (!out.empty()) out += "; ";
    std::string value = io::SanitizeUtf8(v);
    if (value.size() > 80) value = value.substr(0, 77) + "...";
    out += k + "=" + value;
  }
  return out;
}

std::string PadRight(std::string s, size_t width) {
  if (s.size() < width) s.resize(width, ' ');
  return s;
}

std::string TextReport(const check::RiskEngine& engine, const std::vector<CheckResult>& results,
                       int top, int alerts_per_item) {
  std::string out;
  std::map<std::string, int64_t> counts;
  for (const auto& r : results) counts[std::string(check::DecisionName(r.decision))]++;
  out += "checked " + std::to_string(results.size()) + " transactions against lists " +
         engine.lists_version() + " with rules " + engine.rules_version() + ": ";
  bool first = true;
  for (const char* d : {"block", "review", "cannot_clear", "clear"}) {
    if (!counts[d]) continue;
    out += (first ? "" : ", ") + std::to_string(counts[d]) + " " + d;
    first = false;
  }
  out += "\n";
  std::vector<size_t> order(results.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (top > 0) {
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return results[a].risk > results[b].risk; });
    if (order.size() > static_cast<size_t>(top)) order.resize(top);
    out += "the " + std::to_string(order.size()) + " riskiest:\n";
  }
  size_t w_ref = 3;
  for (size_t i : order) w_ref = std::max(w_ref, std::min<size_t>(results[i].ref.size(), 24));
  out += "\n" + PadRight("ref", w_ref + 2) + PadRight("decision", 14) + PadRight("risk", 6) +
         "alerts\n";
  for (size_t i : order) {
    const CheckResult& r = results[i];
    std::string ref = r.ref.size() > 24 ? r.ref.substr(0, 21) + "..." : r.ref;
    out += PadRight(io::SanitizeUtf8(ref), w_ref + 2) +
           PadRight(std::string(check::DecisionName(r.decision)), 14) +
           PadRight(std::to_string(r.risk), 6);
    if (r.alerts.empty()) {
      out += "-\n";
      continue;
    }
    out += std::to_string(r.alerts.size()) + "\n";
    int shown = 0;
    for (const auto& a : r.alerts) {
      if (shown++ == alerts_per_item) {
        out += std::string(w_ref + 22, ' ') + "(" +
               std::to_string(r.alerts.size() - alerts_per_item) + " more)\n";
        break;
      }
      out += std::string(w_ref + 22, ' ') + a.rule + " [" + std::to_string(a.severity) + "] " +
             a.title + " (" + a.source + ")\n";
      out += std::string(w_ref + 24, ' ') + EvidenceText(a) + "\n";
    }
  }
  return out;
}

int RunCheck(const Args& args) {
  if (!args.positional().empty()) {
    return UsageError(kCommand, "unexpected argument '" + args.positional()[0] + "'");
  }
  const InputSpec* input = nullptr;
  for (const auto& spec : kInputs) {
    if (!args.Has(spec.option)) continue;
    if (input) {
      return UsageError(kCommand, std::string("give one input: ") + input->option + " or " +
                                      spec.option + ", not both");
    }
    input = &spec;
  }
  if (!input) {
    return UsageError(kCommand,
                      "give an input: --shipments, --pacs008, --pain001, --mt103 or --mt700");
  }
  check::ColumnMapping mapping;
  if (auto spec = args.Get("--map")) {
    if (input->kind != check::MessageKind::kShipment) {
      return UsageError(kCommand, "--map is for --shipments");
    }
    auto m = check::ParseColumnMapping(*spec);
    if (!m.ok()) return UsageError(kCommand, "--map: " + m.status().message());
    mapping = *m;
  }
  check::RiskOptions ro;
  ro.rules_path = args.GetOr("--rules", "");
  if (auto v = args.Get("--max-list-age")) {
    auto d = ParseIntOption("--max-list-age", *v, 0, 100000);
    if (!d.ok()) return UsageError(kCommand, d.status().message());
    ro.max_snapshot_age_days = *d;
  }
  ro.today = args.GetOr("--today", "");
  if (auto v = args.Get("--threshold")) {
    char* end = nullptr;
    double t = std::strtod(v->c_str(), &end);
    if (v->empty() || *end != '\0' || !(t >= 0.5 && t <= 1.0)) {
      return UsageError(kCommand, "--threshold: bad value '" + *v + "' (a score from 0.5 to 1)");
    }
    ro.list_match_threshold = t;
  }
  int threads = DefaultThreads();
  if (auto v = args.Get("--threads")) {
    auto n = ParseIntOption("--threads", *v, 1, 256);
    if (!n.ok()) return UsageError(kCommand, n.status().message());
    threads = *n;
  }
  int top = 0;
  if (auto v = args.Get("--top")) {
    auto n = ParseIntOption("--top", *v, 1, 1000000);
    if (!n.ok()) return UsageError(kCommand, n.status().message());
    top = *n;
  }
  const bool quiet = args.Has("--quiet");

  const std::string path = *args.Get(input->option);
  auto read = ReadInput(input->kind, path, mapping);
  if (!read.ok()) return Fail(read.status());
  std::vector<Problem> problems = read->problems;
  if (auto h = args.Get("--history")) {
    auto hist = check::ReadShipmentsCsv(*h, mapping);
    if (!hist.ok()) return Fail(hist.status());
    ro.history = std::move(hist->transactions);
    problems.insert(problems.end(), hist->problems.begin(), hist->problems.end());
  }
  for (size_t i = 0; i < problems.size() && i < 10; ++i) {
    std::cerr << "chokepoint: skipped: " << problems[i].ToString() << "\n";
  }
  if (problems.size() > 10) {
    std::cerr << "chokepoint: ... and " << problems.size() - 10 << " more skipped records\n";
  }

  auto snap = OpenSnapshot(args);
  if (!snap.ok()) return Fail(snap.status());
  auto screener = Screener::Build(*snap);
  auto engine = check::RiskEngine::Create(screener, std::move(ro));
  if (!engine.ok()) return Fail(engine.status());

  std::map<std::string, std::unique_ptr<Progress>> bars;
  check::BatchOptions bo;
  bo.threads = threads;
  if (!quiet) {
    bo.progress = [&](std::string_view stage, uint64_t done, uint64_t total) {
      auto& bar = bars[std::string(stage)];
      if (!bar) {
        const char* unit = stage == "screening"     ? "parties"
                           : stage == "classifying" ? "goods lines"
                                                    : "transactions";
        bar = std::make_unique<Progress>(std::string(stage), unit, total);
      }
      if (done >= total) {
        bar->Finish(done);
      } else {
        bar->Update(done);
      }
    };
  }
  std::vector<CheckResult> results = (*engine)->CheckBatch(read->transactions, bo);

  std::string note;
  if ((*engine)->lists_stale()) {
    const auto& e = **engine;
    note =
        "note: the list snapshot's newest data is from " +
        (e.lists_date().empty() ? std::string("an unknown date") : e.lists_date()) +
        (e.lists_age_days() >= 0 ? ", " + std::to_string(e.lists_age_days()) + " days old," : "") +
        " older than the allowed " + std::to_string(e.max_snapshot_age_days()) +
        " days, so no transaction can be cleared: what the rules would clear or send to review "
        "is reported as cannot_clear (blocks stay blocks; \"assessed\" in --json keeps the rules' "
        "own decision). Update the lists (chokepoint lists update) or pass --max-list-age DAYS "
        "to accept older lists.\n";
  }
  std::string text;
  if (args.Has("--json")) {
    io::JsonWriter w(true);
    WriteCheckJson(w, **engine, read->transactions, results, problems);
    text = w.Take() + "\n";
    if (!note.empty()) std::cerr << note;
  } else {
    text = note + TextReport(**engine, results, top, 3);
  }
  if (auto out = args.Get("--out"); out && *out != "-") {
    if (Status st = io::WriteFileAtomic(*out, text); !st.ok()) return Fail(st);
  } else {
    std::cout << text;
  }
  return 0;
}

CHOKEPOINT_COMMAND(
    check_cmd,
    {"check",
     "--shipments FILE [--map SPEC] | --pacs008 FILE | --pain001 FILE | --mt103 FILE | --mt700 "
     "FILE [--json] [--out FILE] [--rules FILE] [--max-list-age DAYS] [--today YYYY-MM-DD] "
     "[--threshold T] [--history FILE] [--top N]",
     "Check shipments, payments or letters of credit: screen parties, classify goods, assess the "
     "route and red flags, decide clear/review/block/cannot_clear.",
     {{"--shipments", true, "FILE  shipment records (CSV; see docs/messages.md)"},
      {"--map", true, "SPEC  column mapping for --shipments: field=Header,field2=Header 2"},
      {"--pacs008", true, "FILE  ISO 20022 pacs.008 credit transfers (XML)"},
      {"--pain001", true, "FILE  ISO 20022 pain.001 payment initiations (XML)"},
      {"--mt103", true, "FILE  SWIFT MT103 messages"},
      {"--mt700", true, "FILE  SWIFT MT700 letters of credit"},
      {"--history", true,
       "FILE  earlier shipments (CSV) of the same customers, for the history rules"},
      {"--json", false,
       "print JSON: lists_version, rules_version, items with risk, decision, alerts"},
      {"--out", true, "FILE  write the output to FILE instead of stdout"},
      {"--rules", true, "FILE  rules file (default: the bundled data/rules/default_rules.json)"},
      {"--max-list-age", true, "DAYS  lists older than this cannot clear anything (default 7)"},
      {"--today", true, "YYYY-MM-DD  the date to measure list age against (default: today, UTC)"},
      {"--threshold", true,
       "T  list-match score that raises an alert (default: the rules file's, 0.85)"},
      {"--threads", true, "N  worker threads (default: all cores)"},
      {"--top", true, "N  text output: only the N riskiest transactions"},
      {"--quiet", false, "no progress on stderr"},
      SnapshotOption()},
     &RunCheck});

}  // namespace
}  // namespace chokepoint::cli
