// Fuzzes the US Consolidated Screening List reader (ReadCsl, CSV and JSON) and its name-clause
// splitter. Any input must either fail as a Status or give entities that keep the model's
// invariants: a record id, a primary name first, valid UTF-8 names, ISO-shaped country codes and
// problems that name the file. A violation aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "chokepoint/lists.h"
#include "io/strings.h"
#include "lists/csl.h"
#include "lists/readers.h"
#include "reader_fuzz.h"

using chokepoint::fuzz::Expect;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  // The name splitter sees every cell of the list; give it the raw input too.
  if (size < 4096) {
    auto parts = chokepoint::lists::SplitCslName(input);
    for (const auto& [name, kind] : parts.names) Expect(!name.empty());
    chokepoint::lists::CslListCode(input);
  }
  std::vector<chokepoint::InputFile> files = {{"fuzz.input", input}};
  chokepoint::ReadOptions options;
  options.source_id = "fuzz";
  chokepoint::fuzz::CheckReadOutput(chokepoint::lists::ReadCsl(files, options), "fuzz.input");
  return 0;
}
