// Fuzz target for the EU FSF XML reader: any bytes must yield either an error
// Status or entities plus problems, never a crash, and every entity must carry
// the publisher id and a name.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "chokepoint/lists.h"
#include "lists/readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  chokepoint::InputFile file{"fuzz.xml", std::string(reinterpret_cast<const char*>(data), size)};
  chokepoint::ReadOptions options;
  options.source_id = "eu_fsf";
  auto out =
      chokepoint::lists::ReadEuFsfXml(std::span<const chokepoint::InputFile>(&file, 1), options);
  if (out.ok()) {
    for (const auto& e : out->entities) {
      if (e.source_id.empty() || e.names.empty()) std::abort();
    }
  } else if (out.status().message().empty()) {
    std::abort();
  }
  return 0;
}
