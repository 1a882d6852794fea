// Fuzzes the name scorer on two names (the input split at its first '|';
// the first byte picks the schema): scores stay in [0, 1], ScoreName keeps
// its cutoff contract (a name at or above the cutoff gets its exact score,
// one below stays below), the explanation does not change the score, and
// ScoreNameUpperBound, which the screener prunes with, is never below the
// score. Every rule that raises a score (acronyms, transcription keys ...)
// must be mirrored in the bound.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "match/scorer.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace chokepoint;
  if (size < 2 || size > 600) return 0;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  constexpr Schema kSchemas[] = {Schema::kPerson, Schema::kCompany, Schema::kLegalEntity,
                                 Schema::kVessel};
  const Schema schema = kSchemas[static_cast<uint8_t>(input[0]) % 4];
  input.remove_prefix(1);
  const size_t bar = input.find('|');
  if (bar == std::string_view::npos) return 0;
  const std::string a(input.substr(0, bar));
  const std::string b(input.substr(bar + 1));

  match::PreparedQuery query;
  match::PrepareQuery(match::PrepareName(a, schema, nullptr), query);
  const match::PreparedName list = match::PrepareName(b, schema, nullptr);
  match::ScratchSpace scratch;
  match::BeginQuery(query, 0, scratch);
  const double full = match::ScoreName(query, list, scratch, 0, nullptr);
  Check(full >= 0 && full <= 1);
  std::vector<TokenMatch> explain;
  Check(match::ScoreName(query, list, scratch, 0, &explain) == full);
  Check(match::ScoreNameUpperBound(query, list) >= full - 1e-9);
  for (double cutoff : {0.5, 0.7, 0.9}) {
    const double pruned = match::ScoreName(query, list, scratch, cutoff, nullptr);
    Check(full >= cutoff ? pruned == full : pruned < cutoff);
  }
  return 0;
}
