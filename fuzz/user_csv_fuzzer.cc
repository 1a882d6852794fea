// Fuzzes the user CSV list reader (ReadUserCsv). Any input must either fail as a
// Status or give entities that keep the model's invariants: a record id, at
// least one name, valid UTF-8 names, ISO-shaped country codes and problems
// that name the file. A violation aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "chokepoint/lists.h"
#include "io/strings.h"
#include "lists/readers.h"

namespace {
void Expect(bool ok) {
  if (!ok) std::abort();
}

void CheckCountries(const std::vector<std::string>& codes) {
  for (const auto& c : codes) {
    Expect(c.size() == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z');
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<chokepoint::InputFile> files = {
      {"fuzz.input", std::string(reinterpret_cast<const char*>(data), size)}};
  chokepoint::ReadOptions options;
  options.source_id = "fuzz";
  auto out = chokepoint::lists::ReadUserCsv(files, options);
  if (!out.ok()) return 0;
  for (const auto& e : out->entities) {
    Expect(e.source == "fuzz");
    Expect(!e.source_id.empty());
    Expect(!e.names.empty());
    Expect(e.names[0].kind == chokepoint::NameKind::kPrimary);
    for (const auto& n : e.names) {
      Expect(!n.full.empty());
      Expect(chokepoint::io::IsValidUtf8(n.full));
    }
    CheckCountries(e.countries);
    CheckCountries(e.nationalities);
  }
  for (const auto& p : out->problems) {
    Expect(p.file == "fuzz.input");
    Expect(!p.reason.empty());
  }
  return 0;
}
