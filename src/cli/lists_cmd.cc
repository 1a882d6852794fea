// `chokepoint lists import|info|diff`: building, describing and comparing
// list snapshots.

#include <chrono>
#include <cstdio>
#include <future>
#include <iostream>
#include <sstream>

#include "chokepoint/lists.h"
#include "chokepoint/snapshot.h"
#include "cli/command.h"
#include "cli/json_views.h"
#include "io/file.h"
#include "io/json_writer.h"
#include "snapshot/entity_json.h"

namespace chokepoint::cli {
namespace {

int RunImport(const Args& args) {
  auto out = args.Get("--out");
  if (!out) return UsageError("lists import", "--out SNAP is required");
  if (args.positional().empty()) {
    return UsageError("lists import", "name at least one source as FORMAT[@ID]:PATH[,PATH...]");
  }
  ImportOptions options;
  options.strict = args.Has("--strict");
  options.quiet = args.Has("--quiet");
  options.created = args.GetOr("--created", io::NowUtc());
  options.quarantine_path = args.GetOr("--quarantine", *out + ".quarantine.txt");
  auto result = ImportSources(args.positional(), options, std::cerr);
  if (!result.ok()) return Fail(result.status());
  const auto& snap = *result.value();
  Status st = snap.Write(*out);
  if (!st.ok()) return Fail(st);
  if (!options.quiet) {
    std::cerr << "wrote " << *out << " (version " << snap.version() << ", "
              << snap.entities().size() << " entities)\n";
  }
  if (args.Has("--json")) {
    io::JsonWriter w;
    w.BeginObject();
    w.Field("path", *out);
    w.Field("version", snap.version());
    w.Key("entities");
    w.UInt(snap.entities().size());
    w.EndObject();
    std::cout << w.str() << "\n";
  }
  return 0;
}

CHOKEPOINT_COMMAND(
    import_cmd,
    {"lists import",
     "--out SNAP [--strict] [--quarantine FILE] FORMAT[@ID]:PATH[,PATH...]...",
     "Import list files into one immutable, versioned snapshot file (written atomically).",
     {{"--out", true, "SNAP  snapshot file to write"},
      {"--strict", false, "fail on any bad record; the existing SNAP is left untouched"},
      {"--quarantine", true, "FILE  where to list skipped records (default SNAP.quarantine.txt)"},
      {"--created", true, "TIME  creation time to record (default: now, UTC)"},
      {"--quiet", false, "print nothing but errors"},
      {"--json", false, "print the result as JSON on stdout"}},
     &RunImport});

int RunInfo(const Args& args) {
  auto snap = OpenSnapshot(args);
  if (!snap.ok()) return Fail(snap.status());
  const Snapshot& s = **snap;
  if (args.Has("--json")) {
    io::JsonWriter w(true);
    WriteSnapshotInfoJson(w, s);
    std::cout << w.str() << "\n";
    return 0;
  }
  std::cout << "snapshot " << s.version() << "  (created " << s.created() << ", "
            << s.entities().size() << " entities)\n\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-16s %-10s %10s %8s %8s  %s\n", "source", "list date",
                "entities", "names", "skipped", "schemas");
  std::cout << line;
  for (const auto& src : s.sources()) {
    std::string schemas;
    for (const auto& [k, v] : src.schemas) {
      schemas += (schemas.empty() ? "" : ", ") + k + " " + std::to_string(v);
    }
    std::snprintf(line, sizeof line, "%-16s %-10s %10llu %8llu %8llu  ", src.source.c_str(),
                  src.list_date.empty() ? "-" : src.list_date.c_str(),
                  static_cast<unsigned long long>(src.entities),
                  static_cast<unsigned long long>(src.names),
                  static_cast<unsigned long long>(src.problems));
    std::cout << line << schemas << "\n";
  }
  return 0;
}

CHOKEPOINT_COMMAND(info_cmd,
                   {"lists info",
                    "[--snapshot SNAP] [--json]",
                    "Describe a snapshot: its version, and per source the list date, counts "
                    "of entities, names and schemas, and the files it was built from.",
                    {SnapshotOption(), {"--json", false, "print JSON"}},
                    &RunInfo});

// A diff operand: a snapshot file, or a source spec imported on the fly.
Result<std::shared_ptr<const Snapshot>> OpenOperand(const std::string& arg) {
  if (io::FileExists(arg)) return Snapshot::Load(arg);
  ImportOptions options;
  options.quiet = true;
  options.created = "1970-01-01T00:00:00Z";
  std::ostringstream sink;
  return ImportSources({arg}, options, sink);
}

int RunDiff(const Args& args) {
  if (args.positional().size() != 2) {
    return UsageError("lists diff", "give two snapshots (or source specs): OLD NEW");
  }
  auto older = OpenOperand(args.positional()[0]);
  if (!older.ok()) return Fail(older.status());
  auto newer = OpenOperand(args.positional()[1]);
  if (!newer.ok()) return Fail(newer.status());
  SnapshotDiff diff = DiffSnapshots(**older, **newer);
  if (auto program = args.Get("--program")) {
    // Keep only entries that gained this program.
    auto keep = [&](std::vector<DiffEntry>& v) {
      std::erase_if(v, [&](const DiffEntry& e) {
        for (const auto& p : e.programs_added) {
          if (p == *program) return false;
        }
        return true;
      });
    };
    keep(diff.added);
    keep(diff.changed);
    diff.removed.clear();
  }
  if (args.Has("--json")) {
    io::JsonWriter w(true);
    WriteDiffJson(w, (*older)->version(), (*newer)->version(), diff);
    std::cout << w.str() << "\n";
    return 0;
  }
  std::cout << "old " << (*older)->version() << "\nnew " << (*newer)->version() << "\n"
            << diff.added.size() << " added, " << diff.removed.size() << " removed, "
            << diff.changed.size() << " changed\n";
  for (const auto& e : diff.added) {
    std::cout << "+ " << e.source << " " << e.source_id << "  " << e.name;
    if (!e.programs_added.empty()) {
      std::cout << "  [";
      for (size_t i = 0; i < e.programs_added.size(); ++i) {
        std::cout << (i ? ", " : "") << e.programs_added[i];
      }
      std::cout << "]";
    }
    std::cout << "\n";
  }
  for (const auto& e : diff.removed) {
    std::cout << "- " << e.source << " " << e.source_id << "  " << e.name << "\n";
  }
  for (const auto& e : diff.changed) {
    std::cout << "~ " << e.source << " " << e.source_id << "  " << e.name << "  (";
    for (size_t i = 0; i < e.fields.size(); ++i) std::cout << (i ? ", " : "") << e.fields[i];
    std::cout << ")\n";
  }
  return 0;
}

CHOKEPOINT_COMMAND(diff_cmd,
                   {"lists diff",
                    "OLD NEW [--json] [--program CODE]",
                    "Compare two snapshots: entities added, removed and changed. OLD and NEW "
                    "are snapshot files or source specs (FORMAT:PATH...) imported on the fly.",
                    {{"--json", false, "print JSON"},
                     {"--program", true,
                      "CODE  only entities that gained this program (e.g. RUSSIA-EO14024)"}},
                    &RunDiff});

void PrintEntityText(const Entity& e) {
  std::cout << e.caption() << "\n  " << e.source << " " << e.source_id << "  "
            << SchemaName(e.schema) << "\n";
  for (const auto& n : e.names) {
    std::cout << "  name      " << n.full << "  (" << NameKindName(n.kind) << ", "
              << ScriptName(n.script) << ")\n";
  }
  for (const auto& p : e.programs) std::cout << "  program   " << p.code << "\n";
  for (const auto& id : e.identifiers) {
    std::cout << "  id        " << IdTypeName(id.type) << " " << id.value
              << (id.country.empty() ? "" : " (" + id.country + ")") << "\n";
  }
  for (const auto& d : e.birth_dates) std::cout << "  born      " << d.ToString() << "\n";
  for (const auto& c : e.nationalities) std::cout << "  national  " << c << "\n";
  if (!e.incorporation_date.empty()) {
    std::cout << "  founded   " << e.incorporation_date.ToString() << "\n";
  }
  for (const auto& a : e.addresses) {
    std::cout << "  address   " << a.full << (a.country.empty() ? "" : " [" + a.country + "]")
              << "\n";
  }
  for (const auto& r : e.relations) {
    std::cout << "  relation  " << RelationKindName(r.kind) << " " << r.target_name << "\n";
  }
  for (const auto& r : e.sanctions_risks) std::cout << "  risk      " << r << "\n";
  for (const auto& d : e.listing_dates) std::cout << "  listed    " << d.ToString() << "\n";
  for (const auto& r : e.remarks) std::cout << "  remark    " << r << "\n";
  for (const auto& [key, value] : e.properties) {
    std::cout << "  property  " << key << ": " << value << "\n";
  }
}

int RunShow(const Args& args) {
  if (args.positional().size() != 2) {
    return UsageError("lists show", "give SOURCE and SOURCE_ID, e.g. us_ofac_sdn 46633");
  }
  auto snap = OpenSnapshot(args);
  if (!snap.ok()) return Fail(snap.status());
  int64_t i = (*snap)->Find(args.positional()[0], args.positional()[1]);
  if (i < 0) {
    return Fail(Status::NotFound("no entity " + args.positional()[1] + " in source " +
                                 args.positional()[0] + " of snapshot " + (*snap)->version()));
  }
  const Entity& e = (*snap)->entities()[static_cast<size_t>(i)];
  if (args.Has("--json")) {
    io::JsonWriter w(true);
    WriteEntityJson(w, e);
    std::cout << w.str() << "\n";
  } else {
    PrintEntityText(e);
  }
  return 0;
}

CHOKEPOINT_COMMAND(show_cmd,
                   {"lists show",
                    "SOURCE SOURCE_ID [--snapshot SNAP] [--json]",
                    "Print one listed entity with all its facts (names, identifiers, programs, "
                    "dates, addresses, relations).",
                    {SnapshotOption(), {"--json", false, "print JSON"}},
                    &RunShow});

}  // namespace
}  // namespace chokepoint::cli
