#include "snapshot/update.h"

#include <curl/curl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>
#include <ostream>
#include <random>
#include <set>

#include "io/file.h"
#include "io/strings.h"

namespace chokepoint {

namespace {

// The publishers' official download locations (checked 2026-03; see
// docs/lists_update.md for where each is documented). OFAC's Sanctions List
// Service serves the legacy CSV files under their historic names; the
// consolidated (non-SDN) files carry the same layout with a "cons_" prefix.
constexpr std::string_view kDefaultConfig =
    "# Built-in sources for `chokepoint lists update` (see docs/lists_update.md).\n"
    "ofac_sdn: "
    "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV, "
    "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADD.CSV, "
    "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ALT.CSV, "
    "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
    "SDN_COMMENTS.CSV\n"
    "ofac_cons: "
    "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_PRIM.CSV, "
    "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_ADD.CSV, "
    "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONS_ALT.CSV, "
    "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
    "CONS_COMMENTS.CSV\n"
    "un: https://scsanctions.un.org/resources/xml/en/consolidated.xml\n"
    "ofsi: https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv\n"
    "csl: https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv\n";

bool IsHex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Sink {
  std::FILE* file = nullptr;
  uint64_t bytes = 0;
  uint64_t max_bytes = 0;
  bool too_large = false;
  bool write_failed = false;
};

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  size_t n = size * count;
  if (sink->bytes + n > sink->max_bytes) {
    sink->too_large = true;
    return 0;  // makes libcurl abort with CURLE_WRITE_ERROR
  }
  if (std::fwrite(data, 1, n, sink->file) != n) {
    sink->write_failed = true;
    return 0;
  }
  sink->bytes += n;
  return n;
}

std::string RandomSuffix() {
  std::random_device rd;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d-%08x", static_cast<int>(::getpid()), rd());
  return buf;
}

// Removes the download folder however the update ends.
class TempDir {
 public:
  explicit TempDir(std::string path) : path_(std::move(path)) {}
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

Status MakeDirs(const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) return Status::IoError(path + ": cannot create folder: " + ec.message());
  return Status::Ok();
}

}  // namespace

std::string_view DefaultUpdateConfigText() { return kDefaultConfig; }

Result<UpdateConfig> ParseUpdateConfig(std::string_view text, const std::string& name) {
  UpdateConfig config;
  config.name = name;
  std::set<std::string> ids;
  int line_no = 0;
  for (std::string_view raw : io::Split(text, "\n")) {
    ++line_no;
    std::string where = name + ":" + std::to_string(line_no) + ": ";
    if (size_t hash = raw.find('#'); hash != std::string_view::npos) {
      // '#' starts a comment at the start of a line or after a blank; a '#'
      // inside a URL (a fragment) is kept.
      if (hash == 0 || std::isspace(static_cast<unsigned char>(raw[hash - 1]))) {
        raw = raw.substr(0, hash);
      }
    }
    std::string_view line = io::Trim(raw);
    if (line.empty()) continue;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      return Status::InvalidArgument(where + "expected FORMAT[@SOURCE_ID]: URL[, URL...]");
    }
    std::string_view head = io::Trim(line.substr(0, colon));
    // Reuse the import spec parser for the format and source-id rules; the
    // placeholder path only satisfies its "at least one file" check.
    std::string probe(head);
    probe += ":x";
    auto spec = ParseSourceSpec(probe);
    if (!spec.ok()) return Status::InvalidArgument(where + spec.status().message());
    UpdateSource source;
    source.format = spec->format;
    source.source_id = spec->source_id;
    source.line = line_no;
    for (const auto& item : io::SplitTrimmed(line.substr(colon + 1), ",")) {
      UpdateUrl url;
      // "URL [sha256=HEX]"
      std::vector<std::string> words = io::SplitTrimmed(item, " ");
      for (size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (i == 0) {
          url.url = w;
        } else if (w.rfind("sha256=", 0) == 0 && IsHex64(w.substr(7))) {
          url.sha256 = Lower(w.substr(7));
        } else {
          return Status::InvalidArgument(where + "unexpected '" + w +
                                         "' after the URL (only sha256=HEX64 may follow)");
        }
      }
      if (url.url.find("://") == std::string::npos) {
        return Status::InvalidArgument(where + "'" + url.url +
                                       "' is not a URL (expected http://, https:// or file://)");
      }
      source.urls.push_back(std::move(url));
    }
    if (source.urls.empty()) return Status::InvalidArgument(where + "no URL given");
    if (!ids.insert(source.source_id).second) {
      return Status::InvalidArgument(where + "source id '" + source.source_id +
                                     "' is given twice; use FORMAT@OTHER_ID: for the second");
    }
    config.sources.push_back(std::move(source));
  }
  if (config.sources.empty()) return Status::InvalidArgument(name + ": no sources");
  return config;
}

std::string DownloadFileName(std::string_view url) {
  size_t scheme = url.find("://");
  std::string_view rest = scheme == std::string_view::npos ? url : url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("?#"));
  size_t slash = rest.rfind('/');
  // A bare host ("https://example.org") has no file name.
  std::string_view base = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
  std::string out;
  for (char c : Lower(base)) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    out.push_back(ok ? c : '_');
  }
  if (out.empty() || out == "." || out == "..") out = "download";
  return out;
}

Result<FetchResult> FetchUrl(const std::string& url, const std::string& path,
                             const FetchOptions& options) {
  InitCurlOnce();
  auto start = std::chrono::steady_clock::now();
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return Status::IoError(path + ": cannot create: " + std::strerror(errno));
  Sink sink;
  sink.file = file;
  sink.max_bytes = options.max_bytes;
  CURL* curl = curl_easy_init();
  if (curl == nullptr) {
    std::fclose(file);
    return Status::Internal("libcurl: cannot create a handle");
  }
  char error[CURL_ERROR_SIZE] = "";
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &WriteBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // safe in threads
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, static_cast<long>(options.max_redirects));
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https,file");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, options.connect_timeout_seconds);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, options.timeout_seconds);
  // A stalled transfer (under 1 KB/s for a minute) fails before the overall
  // timeout.
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1024L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes));
  curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // gzip etc., decoded by libcurl
  curl_easy_setopt(curl, CURLOPT_FILETIME, 1L);
  std::string agent = std::string("chokepoint/") + CHOKEPOINT_VERSION + " (lists update)";
  curl_easy_setopt(curl, CURLOPT_USERAGENT, agent.c_str());
  CURLcode rc = curl_easy_perform(curl);
  long http_code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &http_code);
  curl_off_t filetime = -1;
  curl_easy_getinfo(curl, CURLINFO_FILETIME_T, &filetime);
  curl_easy_cleanup(curl);
  bool closed = std::fclose(file) == 0;

  if (rc != CURLE_OK || !closed) {
    std::string reason;
    if (sink.too_large || rc == CURLE_FILESIZE_EXCEEDED) {
      reason = "larger than the limit of " + std::to_string(options.max_bytes) + " bytes";
    } else if (sink.write_failed || !closed) {
      return Status::IoError(path + ": write failed while downloading " + url);
    } else if (rc == CURLE_HTTP_RETURNED_ERROR && http_code >= 400) {
      reason = "HTTP " + std::to_string(http_code);
    } else if (rc == CURLE_OPERATION_TIMEDOUT) {
      reason = "timed out (" + std::string(error[0] ? error : curl_easy_strerror(rc)) + ")";
    } else {
      reason = error[0] ? error : curl_easy_strerror(rc);
    }
    return Status::Unavailable(url + ": " + reason);
  }
  FetchResult out;
  out.bytes = sink.bytes;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (filetime >= 0) {
    out.modified = io::FormatUtc(static_cast<time_t>(filetime));
    // Stamp the file with the publisher's time, so the import records it as
    // the file's modification time.
    struct timeval times[2];
    times[0].tv_sec = times[1].tv_sec = static_cast<time_t>(filetime);
    times[0].tv_usec = times[1].tv_usec = 0;
    ::utimes(path.c_str(), times);
  }
  return out;
}

Result<UpdateResult> UpdateLists(const UpdateConfig& config, const UpdateOptions& options,
                                 std::ostream& log) {
  if (options.home.empty()) return Status::InvalidArgument("no home folder given");
  std::string snapshots = options.home + "/snapshots";
  CHOKEPOINT_RETURN_IF_ERROR(MakeDirs(snapshots));
  CHOKEPOINT_RETURN_IF_ERROR(MakeDirs(options.home + "/tmp"));
  TempDir temp(options.home + "/tmp/update-" + RandomSuffix());
  CHOKEPOINT_RETURN_IF_ERROR(MakeDirs(temp.path()));

  // 1. Download everything; the first failure ends the update.
  std::vector<SourceSpec> specs;
  std::map<std::string, std::string> display;  // local path -> URL
  for (const auto& source : config.sources) {
    SourceSpec spec;
    spec.format = source.format;
    spec.source_id = source.source_id;
    for (size_t i = 0; i < source.urls.size(); ++i) {
      const UpdateUrl& u = source.urls[i];
      // One folder per file keeps the publisher's base name even when two
      // URLs end in the same name.
      std::string dir = temp.path() + "/" + source.source_id + "/" + std::to_string(i);
      CHOKEPOINT_RETURN_IF_ERROR(MakeDirs(dir));
      std::string local = dir + "/" + DownloadFileName(u.url);
      auto fetched = FetchUrl(u.url, local, options.fetch);
      if (!fetched.ok()) return fetched.status().WithContext(source.source_id);
      if (!u.sha256.empty()) {
        CHOKEPOINT_ASSIGN_OR_RETURN(std::string bytes, io::ReadFile(local));
        std::string got = io::Sha256Hex(bytes);
        if (got != u.sha256) {
          return Status::Unavailable(source.source_id + ": " + u.url +
                                     ": SHA-256 mismatch: expected " + u.sha256 + ", got " + got);
        }
      }
      if (!options.quiet) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "fetched %-16s %10llu bytes %6.2f s  ",
                      source.source_id.c_str(), static_cast<unsigned long long>(fetched->bytes),
                      fetched->seconds);
        log << buf << u.url << "\n";
      }
      display[local] = u.url;
      spec.paths.push_back(local);
    }
    specs.push_back(std::move(spec));
  }

  // 2. Import, exactly as `lists import` would.
  ImportOptions import;
  import.strict = options.strict;
  import.quiet = options.quiet;
  import.created = options.created.empty() ? io::NowUtc() : options.created;
  import.quarantine_path = options.home + "/last_update.quarantine.txt";
  CHOKEPOINT_ASSIGN_OR_RETURN(auto snap, ImportSourceSpecs(std::move(specs), import, log, display));

  // 3. Publish: the versioned file first, then current.snap, each atomically.
  UpdateResult result;
  result.snapshot = snap;
  result.snapshot_path = snapshots + "/" + snap->version() + ".snap";
  result.current_path = options.home + "/current.snap";
  if (io::FileExists(result.current_path)) {
    auto old = Snapshot::Load(result.current_path);
    result.unchanged = old.ok() && (*old)->content_sha256() == snap->content_sha256();
  }
  std::string bytes = snap->Serialize();
  CHOKEPOINT_RETURN_IF_ERROR(io::WriteFileAtomic(result.snapshot_path, bytes));
  CHOKEPOINT_RETURN_IF_ERROR(io::WriteFileAtomic(result.current_path, bytes));
  if (!options.quiet) {
    log << "published " << result.current_path << " (version " << snap->version() << ", "
        << snap->entities().size() << " entities" << (result.unchanged ? "; content unchanged" : "")
        << ")\n";
  }
  return result;
}

}  // namespace chokepoint
