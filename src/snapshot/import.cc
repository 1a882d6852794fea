#include <chrono>
#include <cstdio>
#include <future>
#include <map>
#include <ostream>
#include <set>

#include "chokepoint/snapshot.h"
#include "io/file.h"

namespace chokepoint {

namespace {

struct Loaded {
  Status status;
  SourceInput input;
  double seconds = 0;
};

using DisplayPaths = std::map<std::string, std::string>;

std::string Display(const DisplayPaths& display, const std::string& path) {
  auto it = display.find(path);
  return it == display.end() ? path : it->second;
}

// Replaces every local path that has a display name with that name, so that
// messages about downloaded files name the URL rather than a temporary file.
std::string Rewrite(const DisplayPaths& display, std::string text) {
  for (const auto& [path, shown] : display) {
    if (path.empty()) continue;
    for (size_t at = text.find(path); at != std::string::npos;
         at = text.find(path, at + shown.size())) {
      text.replace(at, path.size(), shown);
    }
  }
  return text;
}

Status RewriteStatus(const DisplayPaths& display, const Status& st) {
  if (display.empty() || st.ok()) return st;
  return Status(st.code(), Rewrite(display, st.message()));
}

Loaded LoadOne(const SourceSpec& spec, const DisplayPaths& display) {
  Loaded out;
  auto start = std::chrono::steady_clock::now();
  out.input.spec = spec;
  std::vector<InputFile> files;
  for (const auto& path : spec.paths) {
    auto f = LoadInputFile(path);
    if (!f.ok()) {
      out.status = RewriteStatus(display, f.status()).WithContext(spec.source_id);
      return out;
    }
    SourceFileInfo info;
    info.path = Display(display, path);
    info.sha256 = io::Sha256Hex(f->data);
    info.bytes = f->data.size();
    info.modified = io::FileModifiedUtc(path);
    out.input.files.push_back(std::move(info));
    files.push_back(std::move(f.value()));
  }
  ReadOptions ro;
  ro.source_id = spec.source_id;
  auto r = spec.format->read(files, ro);
  if (!r.ok()) {
    out.status = RewriteStatus(display, r.status()).WithContext(spec.source_id);
    return out;
  }
  out.input.output = std::move(r.value());
  // Problems name the file as the user knows it (the URL for a download).
  for (auto& p : out.input.output.problems) p.file = Display(display, p.file);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace

Result<std::shared_ptr<const Snapshot>> ImportSources(const std::vector<std::string>& specs,
                                                      const ImportOptions& options,
                                                      std::ostream& log) {
  std::vector<SourceSpec> parsed;
  for (const auto& s : specs) {
    CHOKEPOINT_ASSIGN_OR_RETURN(auto spec, ParseSourceSpec(s));
    parsed.push_back(std::move(spec));
  }
  return ImportSourceSpecs(std::move(parsed), options, log, {});
}

Result<std::shared_ptr<const Snapshot>> ImportSourceSpecs(
    std::vector<SourceSpec> parsed, const ImportOptions& options, std::ostream& log,
    const std::map<std::string, std::string>& display_paths) {
  std::set<std::string> ids;
  for (const auto& spec : parsed) {
    if (spec.format == nullptr) {
      return Status::InvalidArgument("source '" + spec.source_id + "' has no format");
    }
    if (!ids.insert(spec.source_id).second) {
      return Status::InvalidArgument("source id '" + spec.source_id +
                                     "' is given twice; use FORMAT@OTHER_ID:PATH for the second");
    }
  }
  std::vector<std::future<Loaded>> futures;
  for (const auto& spec : parsed) {
    futures.push_back(
        std::async(std::launch::async, LoadOne, std::cref(spec), std::cref(display_paths)));
  }
  std::vector<SourceInput> inputs;
  std::vector<Problem> problems;
  std::string first_problem_source;  // the source id of problems[0]
  Status first_error;
  for (auto& f : futures) {
    Loaded l = f.get();
    if (!l.status.ok()) {
      if (first_error.ok()) first_error = l.status;
      continue;
    }
    const auto& out = l.input.output;
    if (!options.quiet) {
      char buf[256];
      std::snprintf(buf, sizeof buf, "%-16s %7zu entities  %5zu skipped  %6.2f s\n",
                    l.input.spec.source_id.c_str(), out.entities.size(), out.problems.size(),
                    l.seconds);
      log << buf;
    }
    if (problems.empty() && !out.problems.empty()) first_problem_source = l.input.spec.source_id;
    problems.insert(problems.end(), out.problems.begin(), out.problems.end());
    inputs.push_back(std::move(l.input));
  }
  if (!first_error.ok()) return first_error;
  if (!problems.empty()) {
    if (options.strict) {
      std::string msg =
          std::to_string(problems.size()) +
          " bad record(s), import refused (--strict); first: " + first_problem_source + ": " +
          problems[0].ToString();
      return Status::ParseError(msg);
    }
    if (!options.quarantine_path.empty()) {
      std::string report;
      for (const auto& p : problems) report += p.ToString() + "\n";
      CHOKEPOINT_RETURN_IF_ERROR(io::WriteFileAtomic(options.quarantine_path, report));
    }
    log << problems.size() << " bad record(s) skipped";
    if (!options.quarantine_path.empty()) log << "; listed in " << options.quarantine_path;
    log << "\n";
  }
  return Snapshot::Build(std::move(inputs), options.created);
}

}  // namespace chokepoint
