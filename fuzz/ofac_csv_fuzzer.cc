// Fuzzes the OFAC legacy CSV reader and its Remarks parser: the input is read
// as a main sdn.csv alone, then split at a byte (chosen by the first byte)
// into a main file plus an alt file and a comments file, and finally parsed as
// one Remarks field. The reader must never crash or throw, and every entity
// it returns must carry a numeric source_id and a name.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "io/strings.h"
#include "lists/ofac_remarks.h"
#include "lists/readers.h"

namespace {

void Check(const chokepoint::Result<chokepoint::ReadOutput>& out) {
  if (!out.ok()) return;
  for (const auto& e : out->entities) {
    if (!chokepoint::io::IsDigits(e.source_id) || e.names.empty()) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using chokepoint::InputFile;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  chokepoint::ReadOptions options;
  options.source_id = "fuzz";

  std::vector<InputFile> one = {{"sdn.csv", bytes}};
  Check(chokepoint::lists::ReadOfacSdnCsv(one, options));

  if (size > 1) {
    size_t cut = 1 + static_cast<size_t>(data[0]) * (size - 1) / 256;
    std::string main = bytes.substr(1, cut - 1);
    std::string rest = bytes.substr(cut);
    std::vector<InputFile> split = {
        {"sdn_2024-05-03.csv", main}, {"alt.csv", rest}, {"sdn_comments.csv", rest}};
    Check(chokepoint::lists::ReadOfacSdnCsv(split, options));
    Check(chokepoint::lists::ReadOfacConsCsv(split, options));
  }

  chokepoint::Entity e;
  e.schema = chokepoint::Schema::kPerson;
  chokepoint::lists::ApplyOfacRemarks(bytes, e);
  return 0;
}
