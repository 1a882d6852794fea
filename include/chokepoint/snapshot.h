// Snapshot: an immutable, versioned set of list entities.
//
// A snapshot is built once from any set of sources, written to one compressed
// file with a content hash, and loaded read-only. Its version is derived from
// the content hash, so the same inputs always give the same version. Every
// screening result and alert records the version it was computed against.
// The file layout is described in docs/snapshot_format.md.
//
// Writing is atomic: the file is written to a temporary name beside the
// target, fsynced and renamed, so a reader sees the old file or the new one,
// never half of one.
//
// Thread safety: a Snapshot is immutable after construction and may be shared
// across threads (std::shared_ptr<const Snapshot>).

#ifndef CHOKEPOINT_SNAPSHOT_H_
#define CHOKEPOINT_SNAPSHOT_H_

#include <cstdint>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "chokepoint/entity.h"
#include "chokepoint/lists.h"
#include "chokepoint/status.h"

namespace chokepoint {

struct SourceFileInfo {
  std::string path;      // as given at import (a local path or URL)
  std::string sha256;    // of the decompressed bytes, lower-case hex
  uint64_t bytes = 0;    // decompressed size
  std::string modified;  // file modification time, ISO 8601 UTC, or ""
};

struct SourceInfo {
  std::string source;     // e.g. "us_ofac_sdn"
  std::string format;     // e.g. "ofac_sdn"
  std::string list_date;  // YYYY-MM-DD, or ""
  std::vector<SourceFileInfo> files;
  uint64_t entities = 0;
  uint64_t names = 0;
  std::map<std::string, uint64_t> schemas;  // schema name -> count
  uint64_t problems = 0;                    // records quarantined at import
};

// What one source contributes when building a snapshot.
struct SourceInput {
  SourceSpec spec;
  std::vector<SourceFileInfo> files;
  ReadOutput output;
};

class Snapshot {
 public:
  // Builds a snapshot from the read sources. `created` is an ISO 8601 UTC time
  // recorded in the file (it does not enter the version).
  static std::shared_ptr<const Snapshot> Build(std::vector<SourceInput> inputs,
                                               std::string created);

  // Loads a snapshot file; verifies magic, format version and content hash.
  static Result<std::shared_ptr<const Snapshot>> Load(const std::string& path);
  // Parses snapshot bytes (as in a file).
  static Result<std::shared_ptr<const Snapshot>> Parse(std::string_view bytes,
                                                       const std::string& name);

  // The snapshot compiled into the binary (the bundled public lists).
  static Result<std::shared_ptr<const Snapshot>> LoadEmbedded();

  // Writes the snapshot atomically to `path`.
  Status Write(const std::string& path) const;
  // The file bytes (what Write() writes).
  std::string Serialize() const;

  // "2024-05-03.3f9c1a2b7d10": newest list date, then content hash prefix.
  const std::string& version() const { return version_; }
  const std::string& content_sha256() const { return content_sha256_; }
  const std::string& created() const { return created_; }
  const std::vector<SourceInfo>& sources() const { return sources_; }
  const std::vector<Entity>& entities() const { return entities_; }

  // Index of the entity with this (source, source_id), or -1.
  int64_t Find(std::string_view source, std::string_view source_id) const;

  // OK when every id names a source of this snapshot, so that a typo in a
  // source filter is an error rather than a silent "no hits"; otherwise
  // InvalidArgument "the snapshot has no source 'X' (it has: a, b)".
  Status CheckSourceIds(const std::vector<std::string>& ids) const;

 private:
  Snapshot() = default;
  void Finish();  // computes hash, version, per-source counts and the lookup

  std::string version_;
  std::string content_sha256_;
  std::string created_;
  std::vector<SourceInfo> sources_;
  std::vector<Entity> entities_;  // sorted by (source, source_id)
};

// One entity that differs between two snapshots.
struct DiffEntry {
  std::string source;
  std::string source_id;
  std::string name;                         // caption in the newer snapshot (older if removed)
  std::vector<std::string> fields;          // for changed: which fields changed
  std::vector<std::string> programs_added;  // for added/changed
};

struct SnapshotDiff {
  std::vector<DiffEntry> added;
  std::vector<DiffEntry> removed;
  std::vector<DiffEntry> changed;
};

// Entities in `newer` not in `older` (added), the reverse (removed), and those
// in both whose content differs (changed), each sorted by (source, source_id).
SnapshotDiff DiffSnapshots(const Snapshot& older, const Snapshot& newer);

struct ImportOptions {
  bool strict = false;  // any bad record fails the import
  bool quiet = false;   // no progress lines
  std::string created;  // recorded creation time (ISO 8601 UTC)
  // Where to write the quarantine report when records were skipped; "" = none.
  std::string quarantine_path;
};

// Reads every FORMAT[@ID]:PATH[,PATH...] spec (in parallel), and builds a
// snapshot. Progress and the quarantine summary go to `log`. In strict mode
// any bad record is an error that names it; otherwise bad records are skipped
// and listed in the quarantine report. Fails if two specs use one source id.
Result<std::shared_ptr<const Snapshot>> ImportSources(const std::vector<std::string>& specs,
                                                      const ImportOptions& options,
                                                      std::ostream& log);

// As ImportSources, for specs already parsed (e.g. from a sources config).
// `display_paths` maps a local path in a spec to the name recorded in the
// snapshot's SourceFileInfo::path and used in messages and the quarantine
// report (e.g. the URL a temporary file was downloaded from); paths not in
// the map are recorded as given. Readers still see the local path, so they
// can tell companion files apart by name.
Result<std::shared_ptr<const Snapshot>> ImportSourceSpecs(
    std::vector<SourceSpec> specs, const ImportOptions& options, std::ostream& log,
    const std::map<std::string, std::string>& display_paths = {});

}  // namespace chokepoint

#endif  // CHOKEPOINT_SNAPSHOT_H_
