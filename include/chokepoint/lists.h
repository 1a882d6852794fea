// Reading sanctions and export-control lists into entities.
//
// A source is named on the command line as FORMAT[@SOURCE_ID]:PATH[,PATH...],
// for example `ofac_sdn:sdn.csv,add.csv,alt.csv,sdn_comments.csv`,
// `un:consolidated.xml` or `csv@my_blocklist:blocklist.csv`. Files may be
// xz-compressed (".xz"). Each format has a reader that turns the bytes of its
// files into Entity values plus a list of problems (bad records) it skipped.
//
// Readers never crash and never throw on bad input: a file that cannot be read
// at all yields an error Status naming the file, line and reason; a single bad
// record becomes a Problem and the rest of the file is still read. In strict
// mode the caller treats any Problem as fatal.
//
// Thread safety: readers are pure functions of their input and may run
// concurrently.

#ifndef CHOKEPOINT_LISTS_H_
#define CHOKEPOINT_LISTS_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/entity.h"
#include "chokepoint/status.h"

namespace chokepoint {

// One input file of a source, already read and decompressed.
struct InputFile {
  std::string path;  // as given by the user (for messages)
  std::string data;  // the bytes, decompressed
};

// A bad record that a reader skipped.
struct Problem {
  std::string file;       // path as given
  int64_t line = 0;       // 1-based line, 0 when unknown
  int64_t column = 0;     // 1-based byte column or field number, 0 when unknown
  std::string record_id;  // publisher id of the record, when known
  std::string reason;

  // "sdn.csv:12: record 306: expected 12 fields, found 11"
  std::string ToString() const;
};

// What a reader learned about its source besides the entities.
struct SourceMeta {
  std::string list_date;  // YYYY-MM-DD publication date, or "" when unknown
};

struct ReadOutput {
  std::vector<Entity> entities;
  std::vector<Problem> problems;
  SourceMeta meta;
};

struct ReadOptions {
  std::string source_id;  // the id to stamp on entities (already defaulted)
};

// Reads the files of one source. Returns an error when the input as a whole is
// unusable (truncated XML, missing main file, wrong layout).
using ReaderFn = Result<ReadOutput> (*)(std::span<const InputFile> files,
                                        const ReadOptions& options);

struct FormatInfo {
  std::string_view name;               // e.g. "ofac_sdn"
  std::string_view default_source_id;  // e.g. "us_ofac_sdn"; "" = must be given
  std::string_view description;        // one line for --help
  ReaderFn read;
};

// All formats, in a stable order.
std::span<const FormatInfo> Formats();
// The format with this name, or nullptr.
const FormatInfo* FindFormat(std::string_view name);

// A parsed FORMAT[@SOURCE_ID]:PATH[,PATH...] argument.
struct SourceSpec {
  const FormatInfo* format = nullptr;
  std::string source_id;           // defaulted from the format when absent
  std::vector<std::string> paths;  // local paths or URLs
};
Result<SourceSpec> ParseSourceSpec(std::string_view spec);

// Reads a file from disk, decompressing ".xz" files. Error names the path.
Result<InputFile> LoadInputFile(const std::string& path);

// Loads the files of `spec` and runs its reader.
Result<ReadOutput> ReadSource(const SourceSpec& spec);

}  // namespace chokepoint

#endif  // CHOKEPOINT_LISTS_H_
