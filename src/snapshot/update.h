// Updating the lists from their publishers: download, import, publish.
//
// An update reads a sources config (one FORMAT[@SOURCE_ID]: URL[, URL...]
// line per source, see docs/lists_update.md), downloads every URL into a
// fresh temporary folder under the home folder, imports the files into a
// snapshot exactly as `lists import` would, and only when all of that
// succeeded publishes the result: HOME/snapshots/<version>.snap, then
// HOME/current.snap, each written to a temporary name and renamed over the
// target. Any failure (a refused connection, HTTP 404, a checksum mismatch,
// a file the reader rejects, a bad record under --strict) leaves
// HOME/current.snap as it was, and the error names the source id, the URL
// and the reason. The temporary folder is removed in every case.
//
// Downloads use libcurl with connect and transfer timeouts, follow at most a
// few redirects (http and https only), treat HTTP status >= 400 as an error
// and stop at a size limit, so a misbehaving server cannot hang or fill the
// disk. The CLI (`chokepoint lists update`) and the HTTP service share this
// code.
//
// Thread safety: the functions are reentrant; two updates running at once
// in one home folder each publish a complete snapshot (the last rename
// wins).

#ifndef CHOKEPOINT_SNAPSHOT_UPDATE_H_
#define CHOKEPOINT_SNAPSHOT_UPDATE_H_

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/lists.h"
#include "chokepoint/snapshot.h"
#include "chokepoint/status.h"

namespace chokepoint {

// One URL of a source, with the SHA-256 its bytes must have (as published,
// before any decompression), or "" to accept any.
struct UpdateUrl {
  std::string url;
  std::string sha256;  // lower-case hex, or ""
};

// One line of a sources config.
struct UpdateSource {
  const FormatInfo* format = nullptr;
  std::string source_id;  // defaulted from the format when absent
  std::vector<UpdateUrl> urls;
  int line = 0;  // 1-based line in the config, 0 for the built-in one
};

struct UpdateConfig {
  std::string name;  // the config file, or "<built-in>"
  std::vector<UpdateSource> sources;
};

// The built-in config: the publishers' official download URLs.
std::string_view DefaultUpdateConfigText();

// Parses a sources config. Errors name `name`, the line and the reason;
// a source id given twice is an error.
Result<UpdateConfig> ParseUpdateConfig(std::string_view text, const std::string& name);

struct FetchOptions {
  long connect_timeout_seconds = 30;
  long timeout_seconds = 600;       // whole transfer
  uint64_t max_bytes = 1ull << 30;  // per file
  int max_redirects = 5;
};

struct FetchResult {
  uint64_t bytes = 0;
  double seconds = 0;
  std::string modified;  // the server's Last-Modified, ISO 8601 UTC, or ""
};

// Downloads `url` into the file `path` (created or truncated). Fails with
// kUnavailable naming the URL and the reason ("HTTP 404", "connection
// refused", "larger than 1048576 bytes", ...); a partial file may remain at
// `path` on failure. Accepts http, https and file URLs.
Result<FetchResult> FetchUrl(const std::string& url, const std::string& path,
                             const FetchOptions& options);

// The local file name a download of `url` is stored under: the last path
// segment without query or fragment, lower-cased ("SDN_COMMENTS.CSV" ->
// "sdn_comments.csv"), so that readers recognising companion files by name
// see the same names as for local files; "download" when the URL has none.
std::string DownloadFileName(std::string_view url);

struct UpdateOptions {
  std::string home;     // the home folder (created when missing)
  bool strict = false;  // any bad record fails the update
  bool quiet = false;   // no progress lines
  std::string created;  // recorded creation time (ISO 8601 UTC)
  FetchOptions fetch;
};

struct UpdateResult {
  std::shared_ptr<const Snapshot> snapshot;
  std::string snapshot_path;  // HOME/snapshots/<version>.snap
  std::string current_path;   // HOME/current.snap
  bool unchanged = false;     // current.snap already had this content
};

// Downloads, imports and publishes as described at the top of this file.
// Progress (per file: bytes and seconds; per source: counts) goes to `log`.
Result<UpdateResult> UpdateLists(const UpdateConfig& config, const UpdateOptions& options,
                                 std::ostream& log);

}  // namespace chokepoint

#endif  // CHOKEPOINT_SNAPSHOT_UPDATE_H_
