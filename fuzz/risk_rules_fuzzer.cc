// Fuzzes the risk engine's rules-file parser (src/risk/rules.h) on arbitrary
// bytes: malformed input is an error value with a message, never a crash,
// and an accepted file has a version, severities and thresholds in range,
// and only ISO alpha-2 country codes.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "risk/rules.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

bool Alpha2(const std::string& c) {
  return c.size() == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z';
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace chokepoint::check::risk;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto r = ParseRules(input, "fuzz.json");
  if (!r.ok()) {
    Check(!r.status().message().empty());
    return 0;
  }
  const RuleSet& rs = r.value();
  Check(!rs.version.empty());
  Check(rs.review_risk >= 0 && rs.review_risk <= 100);
  Check(rs.block_severity >= 1 && rs.block_severity <= 100);
  Check(rs.list_alert_score <= rs.list_block_score);
  for (const auto& [id, info] : rs.rules) {
    Check(id == info.id);
    Check(info.severity >= 0 && info.severity <= 100);
    Check(!info.title.empty() && !info.source.empty());
  }
  for (const auto* set : {&rs.sanctioned, &rs.transshipment, &rs.gecc}) {
    for (const auto& c : *set) Check(Alpha2(c));
  }
  for (const auto& [code, countries] : rs.calling_codes) {
    for (const auto& c : countries) Check(Alpha2(c));
  }
  return 0;
}
