// VariantKey's rule table, exposed for its tests (a slow reference
// implementation applies the same rules by plain string replacement).

#ifndef CHOKEPOINT_TEXT_VARIANT_RULES_H_
#define CHOKEPOINT_TEXT_VARIANT_RULES_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::text::internal {

enum class Anchor : uint8_t {
  kAny,    // every non-overlapping occurrence, left to right
  kStart,  // only at the start of the token
  kEnd,    // only at its end
};

struct VariantRule {
  const char* from;
  const char* to;
  Anchor anchor;
  uint8_t min_len;  // applies only to a key at least this long (when its turn comes)
};

// The rules in application order.
std::vector<VariantRule> VariantRules();
// The rules applied to `token` (lower-case ASCII), without the whole-token
// equivalences.
std::string ApplyVariantRules(std::string_view token);
// The whole-token equivalence of a rules-applied key, or `key` itself.
std::string_view VariantEquivalent(std::string_view key);
// VariantKey() without its per-thread cache of recent results.
std::string VariantKeyUncached(std::string_view latin_token);

}  // namespace chokepoint::text::internal

#endif  // CHOKEPOINT_TEXT_VARIANT_RULES_H_
