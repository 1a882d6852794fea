// Casework commands: `cases list|show|decide`, `counterparties add|list`,
// `allowlist add`, `audit verify|list` and `rescreen`.
//
// Every command opens the casework store given by --db URL (SQLite path or
// postgresql://...), else DIR/casework.sqlite for --data DIR, else the
// casework.sqlite in the home folder that `lists update` and `serve` use.

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "chokepoint/casework.h"
#include "chokepoint/screen.h"
#include "cli/command.h"
#include "io/csv.h"
#include "io/file.h"
#include "io/json_writer.h"
#include "io/strings.h"

namespace chokepoint::cli {
namespace {

OptionSpec DbOption() {
  return {"--db", true,
          "URL  casework store: an SQLite path or postgresql://... (default: "
          "DATA/casework.sqlite)"};
}
OptionSpec DataOption() {
  return {"--data", true, "DIR  data folder holding casework.sqlite (default: the home folder)"};
}
OptionSpec JsonOption() { return {"--json", false, "print JSON"}; }

std::string StoreUrl(const Args& args) {
  if (auto db = args.Get("--db")) return *db;
  return DefaultCaseworkUrl(args.GetOr("--data", HomeDir()));
}

Result<std::unique_ptr<CaseStore>> OpenStore(const Args& args) {
  CaseworkOptions options;
  if (auto t = args.Get("--four-eyes")) {
    char* end = nullptr;
    double v = std::strtod(t->c_str(), &end);
    if (t->empty() || *end != '\0' || !(v >= 0 && v <= 1.01)) {
      return Status::InvalidArgument("--four-eyes: bad threshold '" + *t + "'");
    }
    options.four_eyes_threshold = v;
  }
  return CaseStore::Open(StoreUrl(args), options);
}

std::string DefaultUser() {
  const char* u = std::getenv("USER");
  return u && *u ? u : "cli";
}

Result<int64_t> ParseId(const std::string& text, const std::string& what) {
  if (!io::IsDigits(text) || text.empty() || text.size() > 15) {
    return Status::InvalidArgument("bad " + what + " '" + text + "' (a whole number)");
  }
  return std::stoll(text);
}

std::string Score3(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", s);
  return buf;
}

// --- cases ---------------------------------------------------------------------

int RunCasesList(const Args& args) {
  std::string status = args.GetOr("--status", "open");
  int64_t limit = 100, offset = 0;
  if (auto v = args.Get("--limit")) {
    auto n = ParseId(*v, "--limit");
    if (!n.ok()) return UsageError("cases list", n.status().message());
    limit = *n;
  }
  if (auto v = args.Get("--offset")) {
    auto n = ParseId(*v, "--offset");
    if (!n.ok()) return UsageError("cases list", n.status().message());
    offset = *n;
  }
  auto store = OpenStore(args);
  if (!store.ok()) return Fail(store.status());
  auto alerts = (*store)->ListAlerts(status, limit, offset);
  if (!alerts.ok()) return Fail(alerts.status());
  auto total = (*store)->CountAlerts(status);
  if (!total.ok()) return Fail(total.status());
  if (args.Has("--json")) {
    io::JsonWriter w;
    w.BeginObject();
    w.FieldInt("total", *total);
    w.Key("alerts");
    w.BeginArray();
    for (const auto& a : *alerts) w.Raw(AlertJson(a, false));
    w.EndArray();
    w.EndObject();
    std::cout << w.str() << "\n";
    return 0;
  }
  std::cout << *total << " " << status << (*total == 1 ? " alert" : " alerts") << "\n";
  for (const auto& a : *alerts) {
    std::cout << "#" << a.id << "  " << Score3(a.score) << "  " << a.status << "  " << a.party_name
              << " -> " << a.entity_name << " (" << a.entity_id << ")\n      " << a.reason << "\n";
  }
  return 0;
}

int RunCasesShow(const Args& args) {
  if (args.positional().size() != 1) return UsageError("cases show", "give one alert ID");
  auto id = ParseId(args.positional()[0], "alert id");
  if (!id.ok()) return UsageError("cases show", id.status().message());
  auto store = OpenStore(args);
  if (!store.ok()) return Fail(store.status());
  auto d = (*store)->GetAlert(*id);
  if (!d.ok()) return Fail(d.status());
  if (args.Has("--json")) {
    std::cout << AlertDetailJson(*d) << "\n";
    return 0;
  }
  const Alert& a = d->alert;
  std::cout << "alert #" << a.id << ": " << a.status
            << (a.resolution.empty() ? "" : " (" + a.resolution + ")") << "\n"
            << "  party     " << a.party_name << " [" << a.party << "]\n"
            << "  entity    " << a.entity_name << " (" << a.entity_id << ")\n"
            << "  score     " << Score3(a.score) << "\n"
            << "  reason    " << a.reason << "\n"
            << "  lists     " << a.lists_version << "\n"
            << "  raised    " << a.created << "\n";
  for (const auto& x : d->decisions) {
    std::cout << "  decision  " << x.created << "  " << x.decision << " by " << x.user << " ("
              << x.role << ")" << (x.note.empty() ? "" : ": " + x.note) << "\n";
  }
  for (const auto& r : d->audit) {
    std::cout << "  audit     #" << r.seq << " " << r.kind << " " << r.created << " "
              << r.hash.substr(0, 16) << "\n";
  }
  return 0;
}

int RunCasesDecide(const Args& args) {
  constexpr std::string_view kCmd = "cases decide";
  if (args.positional().size() != 1) return UsageError(kCmd, "give one alert ID");
  auto id = ParseId(args.positional()[0], "alert id");
  if (!id.ok()) return UsageError(kCmd, id.status().message());
  auto text = args.Get("--decision");
  if (!text) {
    return UsageError(kCmd,
                      "--decision is required (true_match, false_positive, escalate or "
                      "need_more_information)");
  }
  auto kind = ParseDecision(*text);
  if (!kind) {
    return UsageError(kCmd, "--decision: unknown decision '" + *text +
                                "' (use true_match, false_positive, escalate or "
                                "need_more_information)");
  }
  std::string role = args.GetOr("--role", "analyst");
  if (role != "analyst" && role != "reviewer" && role != "admin") {
    return UsageError(kCmd, "--role: use analyst, reviewer or admin");
  }
  auto store = OpenStore(args);
  if (!store.ok()) return Fail(store.status());
  auto out = (*store)->Decide(*id, *kind, args.GetOr("--note", ""),
                              args.GetOr("--user", DefaultUser()), role);
  if (!out.ok()) return Fail(out.status());
  if (args.Has("--json")) {
    io::JsonWriter w;
    w.BeginObject();
    w.Key("decision");
    w.Raw(DecisionJson(out->decision));
    w.Field("status", out->status);
    w.EndObject();
    std::cout << w.str() << "\n";
  } else {
    std::cout << "alert #" << *id << ": " << out->decision.decision << " recorded (audit record "
              << out->decision.audit_seq << "); status " << out->status << "\n";
  }
  return 0;
}

// --- counterparties -----------------------------------------------------------

int RunCounterpartiesAdd(const Args& args) {
  constexpr std::string_view kCmd = "counterparties add";
  auto in = args.Get("--in");
  if (!in) return UsageError(kCmd, "--in FILE.csv is required");
  auto data = io::ReadFile(*in);
  if (!data.ok()) return Fail(data.status());
  io::CsvReader reader(*data);
  std::vector<std::string> fields;
  if (reader.Read(fields) != io::CsvReader::Next::kRecord) {
    return Fail(Status::ParseError(*in + ": no header row"));
  }
  io::CsvHeader header(fields);
  int c_name = header.Col("name");
  if (c_name < 0) {
    return Fail(Status::ParseError(
        *in + ": no 'name' column; the header has: " + io::Join(header.names(), ", ")));
  }
  int c_id = header.Col("id"), c_schema = header.Col("schema"), c_country = header.Col("country"),
      c_dob = header.Col("dob"), c_ids = header.Col("ids");
  std::vector<Counterparty> parties;
  for (;;) {
    auto next = reader.Read(fields);
    if (next == io::CsvReader::Next::kEnd) break;
    if (next == io::CsvReader::Next::kError) {
      return Fail(
          Status::ParseError(*in + ":" + std::to_string(reader.line()) + ": " + reader.error()));
    }
    Counterparty c;
    c.name = std::string(io::Trim(io::Field(fields, c_name)));
    if (c.name.empty()) {
      std::cerr << *in << ":" << reader.line() << ": empty name; row skipped\n";
      continue;
    }
    c.party = std::string(io::Trim(io::Field(fields, c_id)));
    std::string schema(io::Trim(io::Field(fields, c_schema)));
    if (!schema.empty()) {
      auto s = ParseSchema(schema);
      if (!s) {
        return Fail(Status::ParseError(*in + ":" + std::to_string(reader.line()) +
                                       ": unknown schema '" + schema + "'"));
      }
      c.schema = std::string(SchemaName(*s));
    }
    c.country = std::string(io::Trim(io::Field(fields, c_country)));
    c.dob = std::string(io::Trim(io::Field(fields, c_dob)));
    if (!c.dob.empty() && !ParsePartialDate(c.dob)) {
      return Fail(Status::ParseError(*in + ":" + std::to_string(reader.line()) +
                                     ": bad date of birth '" + c.dob + "'"));
    }
    c.identifiers = io::SplitTrimmed(io::Field(fields, c_ids), ";");
    parties.push_back(std::move(c));
  }
  auto store = OpenStore(args);
  if (!store.ok()) return Fail(store.status());
  const std::string user = args.GetOr("--user", DefaultUser());
  std::vector<Counterparty> stored;
  for (auto& c : parties) {
    auto s = (*store)->UpsertCounterparty(c, user);
    if (!s.ok()) return Fail(s.status());
    stored.push_back(*s);
  }
  // The baseline screening that later re-screenings compare with.
  int64_t alerts = 0, hits = 0;
  std::string version;
  if (!args.Has("--no-screen")) {
    auto snap = OpenSnapshot(args);
    if (!snap.ok()) return Fail(snap.status());
    version = (*snap)->version();
    auto screener = Screener::Build(*snap);
    std::vector<ScreeningInput> inputs;
    for (const auto& c : stored) {
      ScreenQuery q;
      q.name = c.name;
      if (!c.schema.empty()) q.schema = ParseSchema(c.schema);
      q.country = c.country;
      if (!c.dob.empty()) q.birth_date = ParsePartialDate(c.dob);
      q.identifiers = c.identifiers;
      auto r = screener->Screen(q);
      if (!r.ok()) {
        std::cerr << "counterparties: " << c.party << ": not screened: " << r.status().message()
                  << "\n";
        continue;
      }
      ScreeningInput si = MakeScreeningInput(q, *r);
      si.party = c.party;
      si.party_name = c.name;
      si.counterparty_id = c.id;
      si.user = user;
      si.purpose = "counterparty";
      hits += static_cast<int64_t>(si.hits.size());
      inputs.push_back(std::move(si));
    }
    auto out = (*store)->RecordScreenings(inputs);
    if (!out.ok()) return Fail(out.status());
    for (const auto& o : *out) alerts += static_cast<int64_t>(o.alert_ids.size());
  }
  if (args.Has("--json")) {
    io::JsonWriter w;
    w.BeginObject();
    w.FieldInt("counterparties", static_cast<int64_t>(stored.size()));
    w.Key("screened");
    w.Bool(!args.Has("--no-screen"));
    w.Field("lists_version", version);
    w.FieldInt("hits", hits);
    w.FieldInt("alerts_raised", alerts);
    w.EndObject();
    std::cout << w.str() << "\n";
  } else {
    std::cout << "counterparties: stored " << stored.size();
    if (!args.Has("--no-screen")) {
      std::cout << "; screened against " << version << ": " << hits << " hits, " << alerts
                << " alerts raised";
    }
    std::cout << "\n";
  }
  return 0;
}

int RunCounterpartiesList(const Args& args) {
  auto store = OpenStore(args);
  if (!store.ok()) return Fail(store.status());
  auto list = (*store)->ListCounterparties();
  if (!list.ok()) return Fail(list.status());
  if (args.Has("--json")) {
    io::JsonWriter w;
    w.BeginArray();
    for (const auto& c : *list) w.Raw(CounterpartyJson(c));
    w.EndArray();
    std::cout << w.str() << "\n";
    return 0;
  }
  for (const auto& c : *list) {
    std::cout << c.party << "\t" << c.name << (c.country.empty() ? "" : "\t" + c.country) << "\n";
  }
  return 0;
}

// --- allow-list -----------------------------------------------------------------

int RunAllowlistAdd(const Args& args) {
  constexpr std::string_view kCmd = "allowlist add";
  auto party = args.Get("--party");
  auto entity = args.Get("--entity");
  if (!party || !entity) return UsageError(kCmd, "--party and --entity are required");
  size_t colon = entity->find(':');
  if (colon == std::string::npos) {
    return UsageError(kCmd, "--entity: give SOURCE:ID, e.g. us_ofac_sdn:46633");
  }
  auto snap = OpenSnapshot(args);
  if (!snap.ok()) return Fail(snap.status());
  int64_t idx = (*snap)->Find(entity->substr(0, colon), entity->substr(colon + 1));
  if (idx < 0) {
    return Fail(Status::NotFound("snapshot " + (*snap)->version() + " has no entity " + *entity));
  }
  const Entity& e = (*snap)->entities()[static_cast<size_t>(idx)];
  auto store = OpenStore(args);
  if (!store.ok()) return Fail(store.status());
  Status st = (*store)->AllowListAdd(*party, *entity, EntityContentHash(e),
                                     args.GetOr("--note", ""), args.GetOr("--user", DefaultUser()));
  if (!st.ok()) return Fail(st);
  std::cout << "allow-listed " << *party << " / " << *entity << " (" << e.caption()
            << ") until the listed entity changes\n";
  return 0;
}

// --- audit ----------------------------------------------------------------------

int RunAuditVerify(const Args& args) {
  auto store = OpenStore(args);
  if (!store.ok()) return Fail(store.status());
  auto v = (*store)->VerifyAudit();
  if (!v.ok()) return Fail(v.status());
  if (args.Has("--json")) {
    std::cout << AuditVerifyJson(*v) << "\n";
  } else if (v->ok) {
    std::cout << "audit: " << v->records << " records, chain verified\n";
  } else {
    std::cout << "audit: FAILED at record " << v->first_bad << ": " << v->message << "\n";
  }
  return v->ok ? 0 : 1;
}

int RunAuditList(const Args& args) {
  int64_t after = 0, limit = 100;
  if (auto v = args.Get("--after")) {
    auto n = ParseId(*v, "--after");
    if (!n.ok()) return UsageError("audit list", n.status().message());
    after = *n;
  }
  if (auto v = args.Get("--limit")) {
    auto n = ParseId(*v, "--limit");
    if (!n.ok()) return UsageError("audit list", n.status().message());
    limit = *n;
  }
  auto store = OpenStore(args);
  if (!store.ok()) return Fail(store.status());
  auto records = (*store)->ListAudit(after, limit);
  if (!records.ok()) return Fail(records.status());
  for (const auto& r : *records) {
    if (args.Has("--json")) {
      std::cout << AuditRecordJson(r) << "\n";
    } else {
      std::cout << r.seq << "\t" << r.kind << "\t" << r.created << "\t" << r.hash << "\n";
    }
  }
  return 0;
}

// --- rescreen -------------------------------------------------------------------

int RunRescreen(const Args& args) {
  constexpr std::string_view kCmd = "rescreen";
  if (!args.Has("--snapshot")) return UsageError(kCmd, "--snapshot NEW is required");
  RescreenOptions options;
  options.user = args.GetOr("--user", DefaultUser());
  if (auto t = args.Get("--threshold")) {
    char* end = nullptr;
    double v = std::strtod(t->c_str(), &end);
    if (t->empty() || *end != '\0' || !(v >= 0 && v <= 1)) {
      return UsageError(kCmd, "--threshold: a number from 0 to 1");
    }
    options.threshold = v;
  }
  auto snap = OpenSnapshot(args);
  if (!snap.ok()) return Fail(snap.status());
  std::shared_ptr<const Snapshot> older;
  if (auto prev = args.Get("--previous")) {
    auto o = Snapshot::Load(*prev);
    if (!o.ok()) return Fail(o.status().WithContext("--previous"));
    older = *o;
  }
  auto store = OpenStore(args);
  if (!store.ok()) return Fail(store.status());
  auto screener = Screener::Build(*snap);
  auto report = Rescreen(**store, *screener, older.get(), options);
  if (!report.ok()) return Fail(report.status());
  if (args.Has("--json")) {
    std::cout << RescreenReportJson(*report, true) << "\n";
    return 0;
  }
  int64_t raised = 0;
  for (const auto& c : report->changes) raised += c.alert_id ? 1 : 0;
  std::cout << "rescreen: " << report->parties << " counterparties against "
            << report->lists_version << ": " << report->hits << " hits, " << report->unchanged
            << " unchanged, " << report->changes.size() << " new or changed, " << raised
            << " alerts raised, " << report->suppressed << " allow-listed\n";
  for (const auto& c : report->changes) {
    std::cout << "  " << c.party_name << " -> " << c.entity_name << " (" << c.entity_id << ") "
              << Score3(c.score) << ": " << c.reason;
    if (c.alert_id) std::cout << " [alert #" << c.alert_id << "]";
    std::cout << "\n";
  }
  return 0;
}

OptionSpec FourEyesOption() {
  return {"--four-eyes", true,
          "T  score from which clearing a match needs a second reviewer (default 0.90)"};
}

CHOKEPOINT_COMMAND(cases_list,
                   {"cases list",
                    "[--status open|closed|all|STATUS] [--limit N] [--offset N] [--json] "
                    "[--db URL] [--data DIR]",
                    "List alerts, newest first (default: the open ones).",
                    {{"--status", true,
                      "S  open (default), closed, all, escalated, pending_information or "
                      "pending_second_review"},
                     {"--limit", true, "N  at most N alerts (default 100)"},
                     {"--offset", true, "N  skip the first N"},
                     JsonOption(),
                     DbOption(),
                     DataOption()},
                    &RunCasesList});

CHOKEPOINT_COMMAND(cases_show, {"cases show",
                                "ID [--json] [--db URL] [--data DIR]",
                                "Show an alert with its party, hits, decisions and audit records.",
                                {JsonOption(), DbOption(), DataOption()},
                                &RunCasesShow});

CHOKEPOINT_COMMAND(
    cases_decide,
    {"cases decide",
     "ID --decision D [--note TEXT] [--user NAME] [--role ROLE] [--json] [--db URL] [--data DIR]",
     "Record a decision on an alert. Clearing a strong match (false_positive at score >= the "
     "four-eyes threshold) needs a second false_positive by a different user with the reviewer "
     "role.",
     {{"--decision", true, "D  true_match, false_positive, escalate or need_more_information"},
      {"--note", true, "TEXT  why"},
      {"--user", true, "NAME  who decides (default: $USER)"},
      {"--role", true, "ROLE  analyst (default), reviewer or admin"},
      FourEyesOption(),
      JsonOption(),
      DbOption(),
      DataOption()},
     &RunCasesDecide});

CHOKEPOINT_COMMAND(
    counterparties_add,
    {"counterparties add",
     "--in FILE.csv [--snapshot SNAP] [--no-screen] [--user NAME] [--json] [--db URL] "
     "[--data DIR]",
     "Store parties for re-screening (CSV columns: name, and optionally id, schema, country, "
     "dob, ids with ';' between identifiers) and screen them as the baseline; hits become "
     "alerts.",
     {{"--in", true, "FILE  the CSV file"},
      SnapshotOption(),
      {"--no-screen", false, "store only; the first rescreen makes the baseline"},
      {"--user", true, "NAME  recorded in the audit trail (default: $USER)"},
      JsonOption(),
      DbOption(),
      DataOption()},
     &RunCounterpartiesAdd});

CHOKEPOINT_COMMAND(counterparties_list, {"counterparties list",
                                         "[--json] [--db URL] [--data DIR]",
                                         "List the stored parties.",
                                         {JsonOption(), DbOption(), DataOption()},
                                         &RunCounterpartiesList});

CHOKEPOINT_COMMAND(allowlist_add,
                   {"allowlist add",
                    "--party P --entity SOURCE:ID [--note TEXT] [--user NAME] [--snapshot SNAP] "
                    "[--db URL] [--data DIR]",
                    "Silence alerts for a (party, listed entity) pair until the listed entity "
                    "changes (its content hash in the snapshot is stored).",
                    {{"--party", true, "P  the party key (counterparty id, or the name screened)"},
                     {"--entity", true, "SOURCE:ID  the listed entity, e.g. us_ofac_sdn:46633"},
                     {"--note", true, "TEXT  why"},
                     {"--user", true, "NAME  who (default: $USER)"},
                     SnapshotOption(),
                     DbOption(),
                     DataOption()},
                    &RunAllowlistAdd});

CHOKEPOINT_COMMAND(audit_verify,
                   {"audit verify",
                    "[--json] [--db URL] [--data DIR]",
                    "Recompute the audit hash chain and cross-check decisions, screenings and "
                    "alerts against it; exit 1 naming the first bad record.",
                    {JsonOption(), DbOption(), DataOption()},
                    &RunAuditVerify});

CHOKEPOINT_COMMAND(audit_list, {"audit list",
                                "[--after SEQ] [--limit N] [--json] [--db URL] [--data DIR]",
                                "Print audit records in order (JSON lines with --json).",
                                {{"--after", true, "SEQ  start after this record"},
                                 {"--limit", true, "N  at most N records (default 100)"},
                                 JsonOption(),
                                 DbOption(),
                                 DataOption()},
                                &RunAuditList});

CHOKEPOINT_COMMAND(
    rescreen_cmd,
    {"rescreen",
     "--snapshot NEW [--previous OLD] [--threshold T] [--user NAME] [--json] [--db URL] "
     "[--data DIR]",
     "Re-screen every stored counterparty against a new snapshot; only new hits, hits in a "
     "higher score band (0.85, 0.95) and hits whose listed entity changed become alerts, each "
     "with the reason.",
     {SnapshotOption(),
      {"--previous", true,
       "OLD  the snapshot of the previous screenings, for reasons from the list diff"},
      {"--threshold", true, "T  hits scoring below T are ignored (default 0.70)"},
      {"--user", true, "NAME  recorded in the audit trail (default: $USER)"},
      JsonOption(),
      DbOption(),
      DataOption()},
     &RunRescreen});

}  // namespace
}  // namespace chokepoint::cli
