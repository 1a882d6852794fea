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

namespace {
void Expect(bool ok) {
  if (!ok) std::abort();
}

void CheckCountry(const std::string& c) {
  Expect(c.empty() || (c.size() == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z'));
}
}  // namespace

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
  auto out = chokepoint::lists::ReadCsl(files, options);
  if (!out.ok()) {
    Expect(out.status().message().find("fuzz.input") != std::string::npos);
    return 0;
  }
  for (const auto& e : out->entities) {
    Expect(e.source == "fuzz");
    Expect(!e.source_id.empty());
    Expect(!e.names.empty());
    Expect(e.names[0].kind == chokepoint::NameKind::kPrimary);
    for (const auto& n : e.names) {
      Expect(!n.full.empty());
      Expect(chokepoint::io::IsValidUtf8(n.full));
    }
    for (const auto& c : e.nationalities) {
      Expect(!c.empty());
      CheckCountry(c);
    }
    for (const auto& c : e.countries) {
      Expect(!c.empty());
      CheckCountry(c);
    }
    for (const auto& a : e.addresses) CheckCountry(a.country);
    for (const auto& i : e.identifiers) CheckCountry(i.country);
  }
  for (const auto& p : out->problems) Expect(p.file == "fuzz.input");
  return 0;
}
