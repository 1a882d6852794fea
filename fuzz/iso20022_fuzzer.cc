// Fuzzes the ISO 20022 readers (ParsePacs008, ParsePain001); the invariants
// checked are in transaction_fuzz.h.
#include "chokepoint/check.h"
#include "transaction_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace chokepoint;
  std::string_view text = fuzz::AsText(data, size);
  fuzz::CheckReadResult(check::ParsePacs008(text, "fuzz.xml"), check::MessageKind::kPacs008,
                        "fuzz.xml");
  fuzz::CheckReadResult(check::ParsePain001(text, "fuzz.xml"), check::MessageKind::kPain001,
                        "fuzz.xml");
  return 0;
}
