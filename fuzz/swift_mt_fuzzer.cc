// Fuzzes the SWIFT MT readers (ParseMt103, ParseMt700); the invariants
// checked are in transaction_fuzz.h.
#include "chokepoint/check.h"
#include "transaction_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace chokepoint;
  std::string_view text = fuzz::AsText(data, size);
  fuzz::CheckReadResult(check::ParseMt103(text, "fuzz.fin"), check::MessageKind::kMt103,
                        "fuzz.fin");
  fuzz::CheckReadResult(check::ParseMt700(text, "fuzz.fin"), check::MessageKind::kMt700,
                        "fuzz.fin");
  return 0;
}
