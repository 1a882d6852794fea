// `chokepoint lists update`: fetch the current lists from their publishers
// and publish them as HOME/current.snap (see src/snapshot/update.h and
// docs/lists_update.md).

#include <cstdlib>
#include <iostream>

#include "chokepoint/snapshot.h"
#include "cli/command.h"
#include "io/file.h"
#include "io/json_writer.h"
#include "snapshot/update.h"

namespace chokepoint::cli {
namespace {

Result<UpdateConfig> LoadConfig(const Args& args) {
  if (auto path = args.Get("--config")) {
    CHOKEPOINT_ASSIGN_OR_RETURN(std::string text, io::ReadFile(*path));
    return ParseUpdateConfig(text, *path);
  }
  return ParseUpdateConfig(DefaultUpdateConfigText(), "<built-in config>");
}

Result<long> PositiveNumber(const Args& args, std::string_view name, long fallback) {
  auto v = args.Get(name);
  if (!v) return fallback;
  char* end = nullptr;
  long n = std::strtol(v->c_str(), &end, 10);
  if (v->empty() || *end != '\0' || n <= 0) {
    return Status::InvalidArgument(std::string(name) + " needs a positive whole number, not '" +
                                   *v + "'");
  }
  return n;
}

void PrintDryRun(const UpdateConfig& config, const std::string& home) {
  std::cout << "config " << config.name << "\nwould fetch into " << home << "/tmp/ and publish "
            << home << "/current.snap:\n";
  for (const auto& s : config.sources) {
    std::cout << s.source_id << " (" << s.format->name << ")\n";
    for (const auto& u : s.urls) {
      std::cout << "  " << u.url << "  -> " << DownloadFileName(u.url);
      if (!u.sha256.empty()) std::cout << "  sha256=" << u.sha256;
      std::cout << "\n";
    }
  }
}

int RunUpdate(const Args& args) {
  if (!args.positional().empty()) {
    return UsageError("lists update", "unexpected argument '" + args.positional()[0] + "'");
  }
  auto config = LoadConfig(args);
  if (!config.ok()) return Fail(config.status());
  std::string home = args.GetOr("--home", HomeDir());
  if (args.Has("--dry-run")) {
    PrintDryRun(*config, home);
    return 0;
  }
  UpdateOptions options;
  options.home = home;
  options.strict = args.Has("--strict");
  options.quiet = args.Has("--quiet");
  options.created = args.GetOr("--created", io::NowUtc());
  auto timeout = PositiveNumber(args, "--timeout", options.fetch.timeout_seconds);
  if (!timeout.ok()) return UsageError("lists update", timeout.status().message());
  options.fetch.timeout_seconds = *timeout;
  auto max_mb = PositiveNumber(args, "--max-mb", static_cast<long>(options.fetch.max_bytes >> 20));
  if (!max_mb.ok()) return UsageError("lists update", max_mb.status().message());
  options.fetch.max_bytes = static_cast<uint64_t>(*max_mb) << 20;

  auto result = UpdateLists(*config, options, std::cerr);
  if (!result.ok()) return Fail(result.status());
  if (args.Has("--json")) {
    const Snapshot& snap = *result->snapshot;
    io::JsonWriter w;
    w.BeginObject();
    w.Field("version", snap.version());
    w.Field("path", result->current_path);
    w.Field("snapshot", result->snapshot_path);
    w.Key("unchanged");
    w.Bool(result->unchanged);
    w.Key("entities");
    w.UInt(snap.entities().size());
    w.Key("sources");
    w.BeginArray();
    for (const auto& s : snap.sources()) {
      w.BeginObject();
      w.Field("source", s.source);
      w.Field("format", s.format);
      w.Field("list_date", s.list_date);
      w.Key("entities");
      w.UInt(s.entities);
      w.Key("problems");
      w.UInt(s.problems);
      w.Key("urls");
      w.BeginArray();
      for (const auto& f : s.files) w.String(f.path);
      w.EndArray();
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    std::cout << w.str() << "\n";
  }
  return 0;
}

CHOKEPOINT_COMMAND(
    update_cmd,
    {"lists update",
     "[--config FILE] [--home DIR] [--strict] [--dry-run] [--json]",
     "Download the current lists from their publishers, import them and publish "
     "HOME/current.snap atomically; on any failure the current snapshot is left as it was.",
     {{"--config", true,
       "FILE  sources, one 'FORMAT[@ID]: URL[, URL...]' per line (default: built-in official "
       "URLs)"},
      {"--home", true,
       "DIR  home folder (default $CHOKEPOINT_HOME, else ~/.local/share/chokepoint)"},
      {"--strict", false, "fail on any bad record"},
      {"--dry-run", false, "print what would be fetched, fetch nothing"},
      {"--timeout", true, "SECONDS  limit for each download (default 600)"},
      {"--max-mb", true, "MB  size limit for each download (default 1024)"},
      {"--created", true, "TIME  creation time to record (default: now, UTC)"},
      {"--quiet", false, "print nothing but errors"},
      {"--json", false, "print the result as JSON on stdout"}},
     &RunUpdate});

}  // namespace
}  // namespace chokepoint::cli
