// `chokepoint trade ingest|share|surge`: trade statistics into a columnar
// store, and the share and surge queries over it.

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "chokepoint/lists.h"
#include "chokepoint/trade.h"
#include "cli/command.h"
#include "cli/json_views.h"
#include "io/file.h"
#include "io/json_writer.h"
#include "io/strings.h"
#include "trade/ingest.h"

namespace chokepoint::cli {
namespace {

int RunIngest(const Args& args) {
  auto out = args.Get("--out");
  auto format = args.Get("--format");
  if (!out) return UsageError("trade ingest", "--out STORE is required");
  if (!format)
    return UsageError("trade ingest",
                      "--format is required (eurostat-long, comext, comtrade, imf-imts, csv)");
  if (args.positional().empty()) return UsageError("trade ingest", "name at least one FILE");
  trade::TradeReadOptions options;
  options.format = *format;
  options.mapping = args.GetOr("--mapping", "");
  options.default_flow = args.GetOr("--flow", "");
  options.default_reporter = args.GetOr("--reporter", "");
  bool quiet = args.Has("--quiet");
  auto start = std::chrono::steady_clock::now();
  std::vector<trade::TradeRecord> records;
  if (args.Has("--append") && io::FileExists(*out)) {
    auto old = trade::TradeStore::Open(*out);
    if (!old.ok()) return Fail(old.status());
    records.reserve((*old)->size());
    for (size_t i = 0; i < (*old)->size(); ++i) records.push_back((*old)->Row(i));
  }
  size_t problems = 0;
  std::string report;
  // Without --append, formats with a fast reader go straight to columns
  // (chunks), never through one TradeRecord per row.
  bool fast = !args.Has("--append") && trade::HasFastReader(options.format);
  std::vector<trade::TradeChunk> chunks;
  for (const auto& path : args.positional()) {
    auto file = LoadInputFile(path);
    if (!file.ok()) return Fail(file.status());
    std::vector<Problem> file_problems;
    size_t rows = 0;
    if (fast) {
      auto read =
          trade::ReadTradeChunks(path, file->data, options,
                                 trade::DefaultIngestThreads(file->data.size()), &file_problems);
      if (!read.ok()) return Fail(read.status());
      for (auto& c : *read) {
        rows += c.size();
        chunks.push_back(std::move(c));
      }
    } else {
      auto read = trade::ReadTradeFile(*file, options);
      if (!read.ok()) return Fail(read.status());
      file_problems = std::move(read->problems);
      rows = read->records.size();
      records.insert(records.end(), std::make_move_iterator(read->records.begin()),
                     std::make_move_iterator(read->records.end()));
    }
    problems += file_problems.size();
    for (const auto& p : file_problems) report += p.ToString() + "\n";
    if (!quiet) {
      std::cerr << path << ": " << rows << " records, " << file_problems.size() << " skipped\n";
    }
  }
  auto store = fast ? trade::BuildFromChunks(std::move(chunks)) : trade::TradeStore::Build(records);
  Status st = store->Write(*out);
  if (!st.ok()) return Fail(st);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!quiet) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "wrote %s: %zu rows in %.2f s (%.0f rows/s)\n", out->c_str(),
                  store->size(), secs, store->size() / std::max(secs, 1e-9));
    std::cerr << buf;
  }
  return 0;
}

CHOKEPOINT_COMMAND(
    trade_ingest_cmd,
    {"trade ingest",
     "--format FORMAT --out STORE [--append] [--mapping MAP] [--strict] FILE...",
     "Read trade statistics (eurostat-long, comext, comtrade, imf-imts, or csv with a column "
     "mapping) into a columnar store file, written atomically.",
     {{"--format", true, "FORMAT  eurostat-long, comext, comtrade, imf-imts or csv"},
      {"--out", true, "STORE  store file to write"},
      {"--append", false,
       "add to the records already in STORE (a new file replaces it atomically)"},
      {"--mapping", true,
       "MAP  for csv: FIELD=COLUMN,... with fields reporter, partner, flow, hs, period, value, "
       "currency, quantity, unit, shipper, consignee"},
      {"--flow", true, "FLOW  for csv without a flow column: import or export"},
      {"--reporter", true, "CC  for csv without a reporter column"},
      {"--strict", false, "fail on any bad row; STORE is left untouched"},
      {"--quarantine", true, "FILE  where to list skipped rows (default STORE.quarantine.txt)"},
      {"--quiet", false, "print nothing but errors"}},
     &RunIngest});

// Filters shared by share and surge.
Result<trade::TradeFilter> FilterFromArgs(const Args& args) {
  trade::TradeFilter f;
  auto hs = trade::ParseHsGroup(args.GetOr("--hs", "total"));
  if (!hs.ok()) return hs.status();
  f.hs = *hs;
  f.reporter = args.GetOr("--reporter", "");
  f.partner = args.GetOr("--partner", "");
  f.flow = args.GetOr("--flow", "");
  if (!f.flow.empty() && f.flow != "import" && f.flow != "export" && f.flow != "re-export" &&
      f.flow != "re-import") {
    return Status::InvalidArgument("--flow must be import, export, re-export or re-import");
  }
  return f;
}

std::string FormatValue(double v) {
  char buf[64];
  if (std::fabs(v) >= 1e9) {
    std::snprintf(buf, sizeof buf, "%.2f bn", v / 1e9);
  } else if (std::fabs(v) >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.2f m", v / 1e6);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  }
  return buf;
}

std::string MonthsText(const std::vector<int>& months) {
  std::string out;
  for (int m : months) out += (out.empty() ? "" : ",") + std::to_string(m);
  return out;
}

int RunShare(const Args& args) {
  auto path = args.Get("--store");
  if (!path) return UsageError("trade share", "--store STORE is required");
  auto period_text = args.Get("--period");
  if (!period_text) return UsageError("trade share", "--period YYYY[-Qn|-MM] is required");
  auto period = trade::ParsePeriod(*period_text);
  if (!period.ok()) return UsageError("trade share", period.status().message());
  auto filter = FilterFromArgs(args);
  if (!filter.ok()) return UsageError("trade share", filter.status().message());
  std::string by = args.GetOr("--by", "partner");
  if (by != "partner" && by != "reporter")
    return UsageError("trade share", "--by must be partner or reporter");
  auto store = trade::TradeStore::Open(*path);
  if (!store.ok()) return Fail(store.status());
  auto result = trade::Share(**store, *filter, *period, by == "partner");
  size_t top = static_cast<size_t>(std::stoul(args.GetOr("--top", "0")));
  if (top > 0 && result.rows.size() > top) result.rows.resize(top);
  if (args.Has("--json")) {
    io::JsonWriter w;
    WriteTradeShareJson(w, filter->hs.spec, period->label, by, result);
    std::cout << w.str() << "\n";
    return 0;
  }
  std::cout << "HS group " << filter->hs.spec << ", " << period->label << " (months "
            << MonthsText(result.months) << "): total " << FormatValue(result.total) << "\n";
  for (const auto& r : result.rows) {
    char buf[128];
    std::snprintf(buf, sizeof buf, "  %-4s %14s  %6.2f%%\n", r.key.c_str(),
                  FormatValue(r.value).c_str(), 100 * r.share);
    std::cout << buf;
  }
  return 0;
}

const std::vector<OptionSpec> kFilterOptions = {
    {"--store", true, "STORE  trade store file (from trade ingest)"},
    {"--hs", true,
     "GROUP  HS group: chpl, chpl:1..4B, microelectronics, machine-tools, optics, engines, uavs, "
     "nitrocellulose, chapters (85), ranges (8456-8466), codes (854231,854232), joined with +"},
    {"--reporter", true, "CC  only this reporter"},
    {"--partner", true, "CC  only this partner"},
    {"--flow", true, "FLOW  import, export, re-export or re-import"},
    {"--json", false, "print JSON"}};

std::vector<OptionSpec> WithFilters(std::vector<OptionSpec> extra) {
  std::vector<OptionSpec> out = kFilterOptions;
  out.insert(out.end(), extra.begin(), extra.end());
  return out;
}

CHOKEPOINT_COMMAND(
    trade_share_cmd,
    {"trade share",
     "--store STORE --hs GROUP --period YYYY[-Qn|-MM] [--by partner|reporter] [--json]",
     "Totals and shares of an HS group in a period, by partner or by reporter.",
     WithFilters({{"--period", true, "PERIOD  YYYY, YYYY-Qn or YYYY-MM"},
                  {"--by", true, "KEY  partner (default) or reporter"},
                  {"--top", true, "N  only the N largest rows"}}),
     &RunShare});

int RunSurge(const Args& args) {
  auto path = args.Get("--store");
  if (!path) return UsageError("trade surge", "--store STORE is required");
  auto baseline = args.Get("--baseline");
  auto period = args.Get("--period");
  if (!baseline || !period)
    return UsageError("trade surge", "--baseline YYYY and --period YYYY are required");
  auto b = trade::ParsePeriod(*baseline);
  auto p = trade::ParsePeriod(*period);
  if (!b.ok() || !p.ok() || b->label.size() != 4 || p->label.size() != 4) {
    return UsageError("trade surge", "--baseline and --period take a year (YYYY)");
  }
  auto filter = FilterFromArgs(args);
  if (!filter.ok()) return UsageError("trade surge", filter.status().message());
  auto store = trade::TradeStore::Open(*path);
  if (!store.ok()) return Fail(store.status());
  auto result = trade::Surge(**store, *filter, b->year, p->year);
  if (args.Has("--json")) {
    io::JsonWriter w;
    WriteTradeSurgeJson(w, filter->hs.spec, b->year, p->year, result);
    std::cout << w.str() << "\n";
    return 0;
  }
  std::cout << "HS group " << filter->hs.spec << ": " << p->year << " against " << b->year
            << ", like-for-like months " << MonthsText(result.months) << "\n";
  for (const auto& r : result.rows) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "  %-4s %14s -> %14s  x%s\n", r.partner.c_str(),
                  FormatValue(r.baseline).c_str(), FormatValue(r.period).c_str(),
                  std::isinf(r.ratio) ? "new" : std::to_string(r.ratio).substr(0, 6).c_str());
    std::cout << buf;
  }
  return 0;
}

CHOKEPOINT_COMMAND(
    trade_surge_cmd,
    {"trade surge",
     "--store STORE --hs GROUP --baseline YYYY --period YYYY [--reporter CC] [--flow F] [--json]",
     "Each partner's total in a year against a baseline year over the same (like-for-like) "
     "months, ranked by ratio: new flows and spikes.",
     WithFilters({{"--baseline", true, "YYYY  baseline year"},
                  {"--period", true, "YYYY  year compared"}}),
     &RunSurge});

int RunMirror(const Args& args) {
  auto path = args.Get("--store");
  auto exporter = args.Get("--exporter");
  auto importer = args.Get("--importer");
  auto period_text = args.Get("--period");
  if (!path || !exporter || !importer || !period_text) {
    return UsageError("trade mirror",
                      "--store, --exporter CC, --importer CC and --period are required");
  }
  auto period = trade::ParsePeriod(*period_text);
  if (!period.ok()) return UsageError("trade mirror", period.status().message());
  auto hs = trade::ParseHsGroup(args.GetOr("--hs", "total"));
  if (!hs.ok()) return UsageError("trade mirror", hs.status().message());
  double allowance = std::stod(args.GetOr("--allowance", "0.10"));
  auto store = trade::TradeStore::Open(*path);
  if (!store.ok()) return Fail(store.status());
  auto r = trade::Mirror(**store, *hs, *period, *exporter, *importer, allowance);
  if (args.Has("--json")) {
    io::JsonWriter w;
    w.BeginObject();
    w.Field("exporter", r.exporter);
    w.Field("importer", r.importer);
    w.Field("hs", hs->spec);
    w.Field("period", period->label);
    w.Key("exports");
    w.Double(r.exports, 2);
    w.Key("imports");
    w.Double(r.imports, 2);
    w.Key("gap");
    if (std::isinf(r.gap)) {
      w.Null();
    } else {
      w.Double(r.gap, 6);
    }
    w.Key("flagged");
    w.Bool(r.flagged);
    w.Field("note", r.note);
    w.EndObject();
    std::cout << w.str() << "\n";
    return 0;
  }
  std::cout << r.exporter << " exports to " << r.importer << ": " << FormatValue(r.exports) << "\n"
            << r.importer << " imports from " << r.exporter << ": " << FormatValue(r.imports)
            << "\n"
            << (r.flagged ? "FLAGGED: " : "") << r.note << "\n";
  return 0;
}

CHOKEPOINT_COMMAND(
    trade_mirror_cmd,
    {"trade mirror",
     "--store STORE --exporter CC --importer CC --hs GROUP --period PERIOD [--allowance F] "
     "[--json]",
     "Mirror comparison: the exporter's reported exports to the importer against the "
     "importer's reported imports from the exporter, with a CIF/FOB allowance.",
     {{"--store", true, "STORE  trade store file holding both sides"},
      {"--exporter", true, "CC  exporting country"},
      {"--importer", true, "CC  importing country"},
      {"--hs", true, "GROUP  HS group (default: total)"},
      {"--period", true, "PERIOD  YYYY, YYYY-Qn or YYYY-MM"},
      {"--allowance", true, "F  relative gap accepted as CIF/FOB difference (default 0.10)"},
      {"--json", false, "print JSON"}},
     &RunMirror});

int RunDiversion(const Args& args) {
  auto path = args.Get("--store");
  if (!path) return UsageError("trade diversion", "--store STORE is required");
  auto store = trade::TradeStore::Open(*path);
  if (!store.ok()) return Fail(store.status());
  trade::DiversionOptions o;
  if (auto hubs = args.Get("--hubs")) o.hubs = io::SplitTrimmed(*hubs, ",");
  if (auto g = args.Get("--hs")) o.groups = io::SplitTrimmed(*g, ";");
  o.min_base = std::stod(args.GetOr("--min-base", "100000"));
  o.spike_ratio = std::stod(args.GetOr("--spike", "2"));
  o.reporter = args.GetOr("--reporter", "");
  o.flow = args.GetOr("--flow", "");
  auto result = trade::DetectDiversion(**store, o);
  if (args.Has("--json")) {
    io::JsonWriter w;
    WriteDiversionJson(w, result);
    std::cout << w.str() << "\n";
    return 0;
  }
  std::cout << result.findings.size() << " finding(s), post-invasion window of "
            << result.post_periods.size() << " month(s)\n";
  for (const auto& f : result.findings) {
    std::cout << "  " << f.hub << "  " << f.group << "  " << f.detail << "\n";
  }
  return 0;
}

CHOKEPOINT_COMMAND(
    trade_diversion_cmd,
    {"trade diversion",
     "--store STORE [--hubs CC,CC...] [--hs GROUP;GROUP...] [--min-base V] [--spike R] [--json]",
     "Diversion detection: each hub and goods group after 2022-02-24 against the same months "
     "of 2020-2021, with BIS's patterns (new flow, first CHPL codes, spike) and small-base "
     "suppression, ranked by absolute increase.",
     {{"--store", true, "STORE  trade store file"},
      {"--hubs", true, "LIST  partners to examine (default: the BIS/FinCEN hub list)"},
      {"--hs", true, "GROUPS  ';'-separated HS groups (default: CHPL tiers and named groups)"},
      {"--min-base", true, "V  small-base floor for the window (default 100000)"},
      {"--spike", true, "R  ratio that counts as a spike (default 2)"},
      {"--reporter", true, "CC  only this reporter"},
      {"--flow", true, "FLOW  import or export"},
      {"--json", false, "print JSON"}},
     &RunDiversion});

int RunReport(const Args& args) {
  auto path = args.Get("--store");
  auto out = args.Get("--out");
  if (!path || !out)
    return UsageError("trade report", "--store STORE and --out FILE.html are required");
  auto store = trade::TradeStore::Open(*path);
  if (!store.ok()) return Fail(store.status());
  trade::ReportOptions o;
  o.title = args.GetOr("--title", "Trade-flow report");
  o.baseline_year = std::stoi(args.GetOr("--baseline", "2021"));
  o.period_year = std::stoi(args.GetOr("--period", "2022"));
  o.target = args.GetOr("--target", "RU");
  o.hs = args.GetOr("--hs", "chpl");
  if (auto hubs = args.Get("--hubs")) o.hubs = io::SplitTrimmed(*hubs, ",");
  if (!trade::ParseHsGroup(o.hs).ok())
    return UsageError("trade report", trade::ParseHsGroup(o.hs).status().message());
  auto report = trade::BuildReport(**store, o);
  Status st = io::WriteFileAtomic(*out, report.html);
  if (!st.ok()) return Fail(st);
  std::string md = args.GetOr("--markdown", "");
  if (md.empty() && out->size() > 5 && out->substr(out->size() - 5) == ".html") {
    md = out->substr(0, out->size() - 5) + ".md";
  }
  if (!md.empty()) {
    st = io::WriteFileAtomic(md, report.markdown);
    if (!st.ok()) return Fail(st);
  }
  std::cerr << "wrote " << *out << (md.empty() ? "" : " and " + md) << "\n";
  return 0;
}

CHOKEPOINT_COMMAND(
    trade_report_cmd,
    {"trade report",
     "--store STORE --out FILE.html [--markdown FILE.md] [--baseline YYYY] [--period YYYY]",
     "Write a self-contained HTML report (and Markdown) with SVG charts: the diversion view, "
     "surge table, diversion findings, the dependency view of imports by origin, and method "
     "notes and caveats.",
     {{"--store", true, "STORE  trade store file"},
      {"--out", true, "FILE  HTML file to write"},
      {"--markdown", true, "FILE  Markdown file (default: FILE.md beside the HTML)"},
      {"--title", true, "TEXT  report title"},
      {"--baseline", true, "YYYY  baseline year for the surge table (default 2021)"},
      {"--period", true, "YYYY  year compared (default 2022)"},
      {"--target", true, "CC  the sanctioned destination (default RU)"},
      {"--hubs", true, "LIST  hub partners (default: BIS hubs present in the store)"},
      {"--hs", true, "GROUP  goods group for the diversion view (default chpl)"}},
     &RunReport});

}  // namespace
}  // namespace chokepoint::cli
