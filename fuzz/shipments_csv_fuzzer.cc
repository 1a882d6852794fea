// Fuzzes the shipment CSV reader (ParseShipmentsCsv) with the logical headers
// and with a column mapping; the invariants checked are in
// transaction_fuzz.h.
#include "chokepoint/check.h"
#include "transaction_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace chokepoint;
  std::string_view text = fuzz::AsText(data, size);
  fuzz::CheckReadResult(check::ParseShipmentsCsv(text, {}, "fuzz.csv"),
                        check::MessageKind::kShipment, "fuzz.csv");
  static const check::ColumnMapping kMapping = {
      {"ref", "Invoice No"}, {"consignee", "Importer"}, {"value", "Invoice Value"}};
  fuzz::CheckReadResult(check::ParseShipmentsCsv(text, kMapping, "fuzz.csv"),
                        check::MessageKind::kShipment, "fuzz.csv");
  // The mapping spec parser on the same bytes.
  (void)check::ParseColumnMapping(text);
  return 0;
}
