// Shared by the list-reader fuzz targets: runs a reader on the fuzz input as
// one file and aborts when the output breaks the entity model's invariants.
// Any input must either fail as a Status that names the file, or give
// entities with a record id, a primary name first, non-empty valid UTF-8
// names, ISO-shaped country codes, and problems that name the file.

#ifndef CHOKEPOINT_FUZZ_READER_FUZZ_H_
#define CHOKEPOINT_FUZZ_READER_FUZZ_H_

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "chokepoint/lists.h"
#include "io/strings.h"

namespace chokepoint::fuzz {

inline void Expect(bool ok) {
  if (!ok) std::abort();
}

inline void CheckCountry(const std::string& c) {
  Expect(c.empty() || (c.size() == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z'));
}

inline void CheckReadOutput(const Result<ReadOutput>& out, const std::string& file) {
  if (!out.ok()) {
    Expect(out.status().message().find(file) != std::string::npos);
    return;
  }
  for (const auto& e : out->entities) {
    Expect(e.source == "fuzz");
    Expect(!e.source_id.empty());
    Expect(!e.names.empty());
    Expect(e.names[0].kind == NameKind::kPrimary);
    for (const auto& n : e.names) {
      Expect(!n.full.empty());
      Expect(io::IsValidUtf8(n.full));
    }
    for (const auto* list : {&e.nationalities, &e.countries}) {
      for (const auto& c : *list) {
        Expect(!c.empty());
        CheckCountry(c);
      }
    }
    for (const auto& a : e.addresses) CheckCountry(a.country);
    for (const auto& i : e.identifiers) CheckCountry(i.country);
  }
  for (const auto& p : out->problems) {
    Expect(p.file == file);
    Expect(!p.reason.empty());
  }
}

// Runs `read` on the input as the single file "fuzz.input".
inline int FuzzReader(ReaderFn read, const uint8_t* data, size_t size) {
  std::vector<InputFile> files = {
      {"fuzz.input", std::string(reinterpret_cast<const char*>(data), size)}};
  ReadOptions options;
  options.source_id = "fuzz";
  CheckReadOutput(read(files, options), "fuzz.input");
  return 0;
}

}  // namespace chokepoint::fuzz

#endif  // CHOKEPOINT_FUZZ_READER_FUZZ_H_
