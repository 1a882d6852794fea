// The rules file of the risk engine: parsing and validating the versioned
// JSON (data/rules/default_rules.json is the bundled default) into typed
// parameters. Every error names the rule id and the field.
//
// Thread safety: a RuleSet is immutable after ParseRules().

#ifndef CHOKEPOINT_RISK_RULES_H_
#define CHOKEPOINT_RISK_RULES_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/status.h"

namespace chokepoint::check::risk {

// What every rule has.
struct RuleInfo {
  std::string id;
  std::string title;
  std::string source;
  int severity = 0;  // 0-100
  bool enabled = false;
};

// A keyword list, folded once (text::Fold) for matching.
struct KeywordList {
  std::vector<std::string> folded;
};

struct UnitNorm {
  std::string unit;
  std::string currency;
  double value = 0;
};

struct RuleSet {
  std::string version;
  std::string title;
  int review_risk = 40;
  int block_severity = 100;

  std::set<std::string> sanctioned, transshipment, gecc;
  std::string sanctioned_source, transshipment_source, gecc_source;

  std::map<std::string, RuleInfo> rules;  // every known id (disabled when absent)

  // LIST-MATCH
  double list_alert_score = 0.85;
  double list_block_score = 0.95;
  int list_hits_per_party = 3;
  // ROUTE-RU-BY-DESTINATION, ROUTE-RU-BY-ORIGIN, ROUTE-TRANSSHIPMENT
  int dest_chpl_severity = 100;
  std::vector<std::string> dest_fields, origin_fields, transship_fields;
  bool transship_require_chpl = true;
  // GOODS-CHPL
  std::map<std::string, int> tier_severity;
  bool chpl_only_non_gecc = true;
  double min_classifier_score = 1.0;
  // RF-CONSIGNEE-*
  std::vector<std::string> forwarder_roles, bank_roles, mail_roles;
  KeywordList forwarder_words, bank_words, mail_words;
  bool mail_check_address = true;
  // RF-LC-ISSUING-BANK
  KeywordList lc_phrases, lc_bank_words;
  // RF-NEW-COMPANY-NON-GECC
  int new_company_after = 0;  // day number
  int new_company_chpl_severity = 40;
  // RF-PHONE-COUNTRY
  std::vector<std::string> phone_roles;
  std::map<std::string, std::vector<std::string>> calling_codes;
  // RF-FREEMAIL
  std::set<std::string> free_mail_domains;
  // RF-UNIT-PRICE-HIGH / LOW
  double price_high_factor = 3.0, price_low_factor = 0.2;
  int price_high_min_peers = 20, price_low_min_peers = 20;
  std::map<std::string, UnitNorm> price_norms;  // hs6 ->
  // RF-FIRST-CHPL, RF-CHPL-SPIKE
  // The tiers that count as "the nine high-priority codes" for the history
  // rules, and whether only non-GECC buyers are followed.
  std::set<std::string> history_tiers = {"1", "2"};
  bool history_only_non_gecc = true;
  int first_chpl_cutoff = 0;  // day number
  int spike_cutoff = 0;
  double spike_factor = 3.0;
  int spike_window_days = 365;
  double spike_min_value = 10000;

  bool enabled(std::string_view id) const;
  const RuleInfo& info(std::string_view id) const;
};

// The rule ids the engine implements, in the order the documentation lists them.
const std::vector<std::string>& KnownRuleIds();

// Parses and validates a rules file. `name` is used in messages.
Result<RuleSet> ParseRules(std::string_view json_text, std::string_view name);

// Days since 1970-01-01 for a civil date (proleptic Gregorian).
int DayNumber(int year, int month, int day);
// "YYYY-MM-DD" -> day number; nullopt-like -1 when malformed.
int ParseDay(std::string_view iso);

}  // namespace chokepoint::check::risk

#endif  // CHOKEPOINT_RISK_RULES_H_
