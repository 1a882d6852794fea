// Fuzzes the UN Security Council consolidated XML reader (ReadUnXml); the
// invariants checked are in reader_fuzz.h.
#include "lists/readers.h"
#include "reader_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return chokepoint::fuzz::FuzzReader(&chokepoint::lists::ReadUnXml, data, size);
}
