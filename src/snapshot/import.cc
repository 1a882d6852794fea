#include <chrono>
#include <cstdio>
#include <future>
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

Loaded LoadOne(const SourceSpec& spec) {
  Loaded out;
  auto start = std::chrono::steady_clock::now();
  out.input.spec = spec;
  std::vector<InputFile> files;
  for (const auto& path : spec.paths) {
    auto f = LoadInputFile(path);
    if (!f.ok()) {
      out.status = f.status().WithContext(spec.source_id);
      return out;
    }
    SourceFileInfo info;
    info.path = path;
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
    out.status = r.status().WithContext(spec.source_id);
    return out;
  }
  out.input.output = std::move(r.value());
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace

Result<std::shared_ptr<const Snapshot>> ImportSources(const std::vector<std::string>& specs,
                                                      const ImportOptions& options,
                                                      std::ostream& log) {
  std::vector<SourceSpec> parsed;
  std::set<std::string> ids;
  for (const auto& s : specs) {
    CHOKEPOINT_ASSIGN_OR_RETURN(auto spec, ParseSourceSpec(s));
    if (!ids.insert(spec.source_id).second) {
      return Status::InvalidArgument("source id '" + spec.source_id +
                                     "' is given twice; use FORMAT@OTHER_ID:PATH for the second");
    }
    parsed.push_back(std::move(spec));
  }
  std::vector<std::future<Loaded>> futures;
  for (const auto& spec : parsed) {
    futures.push_back(std::async(std::launch::async, LoadOne, spec));
  }
  std::vector<SourceInput> inputs;
  std::vector<Problem> problems;
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
    problems.insert(problems.end(), out.problems.begin(), out.problems.end());
    inputs.push_back(std::move(l.input));
  }
  if (!first_error.ok()) return first_error;
  if (!problems.empty()) {
    if (options.strict) {
      std::string msg = std::to_string(problems.size()) +
                        " bad record(s), import refused (--strict); first: " +
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
