#include "risk/rules.h"

#include <nlohmann/json.hpp>

#include "io/strings.h"
#include "text/analyze.h"

namespace chokepoint::check::risk {
namespace {

using nlohmann::json;

const RuleInfo kDisabled{};

// Builds errors that name where in the file the problem is.
class Ctx {
 public:
  Ctx(std::string_view file, std::string where, std::string prefix = "")
      : file_(file), where_(std::move(where)), prefix_(std::move(prefix)) {}
  Status Error(std::string_view field, std::string_view what) const {
    std::string msg = std::string(file_) + ": ";
    if (!where_.empty()) msg += where_ + ": ";
    std::string f = prefix_ + std::string(field);
    if (!f.empty() && f.back() == '.') f.pop_back();
    if (!f.empty()) msg += f + ": ";
    msg += std::string(what);
    return Status::InvalidArgument(msg);
  }
  Ctx Nested(std::string_view key) const {
    return Ctx(file_, where_, prefix_ + std::string(key) + ".");
  }

 private:
  std::string_view file_;
  std::string where_;
  std::string prefix_;
};

Result<const json*> Member(const json& obj, std::string_view key, const Ctx& ctx, bool required) {
  auto it = obj.find(std::string(key));
  if (it == obj.end()) {
    if (required) return ctx.Error(key, "missing");
    return static_cast<const json*>(nullptr);
  }
  return &*it;
}

Result<std::string> GetString(const json& obj, std::string_view key, const Ctx& ctx,
                              bool required = true) {
  CHOKEPOINT_ASSIGN_OR_RETURN(const json* v, Member(obj, key, ctx, required));
  if (!v) return std::string();
  if (!v->is_string()) return ctx.Error(key, "expected a string");
  std::string s = v->get<std::string>();
  if (required && io::Trim(s).empty()) return ctx.Error(key, "must not be empty");
  return s;
}

Result<double> GetNumber(const json& obj, std::string_view key, const Ctx& ctx, double fallback,
                         double lo, double hi) {
  CHOKEPOINT_ASSIGN_OR_RETURN(const json* v, Member(obj, key, ctx, false));
  if (!v) return fallback;
  if (!v->is_number()) return ctx.Error(key, "expected a number");
  double d = v->get<double>();
  if (!(d >= lo && d <= hi)) {
    return ctx.Error(key,
                     "out of range (" + std::to_string(lo) + " to " + std::to_string(hi) + ")");
  }
  return d;
}

Result<bool> GetBool(const json& obj, std::string_view key, const Ctx& ctx, bool fallback) {
  CHOKEPOINT_ASSIGN_OR_RETURN(const json* v, Member(obj, key, ctx, false));
  if (!v) return fallback;
  if (!v->is_boolean()) return ctx.Error(key, "expected true or false");
  return v->get<bool>();
}

Result<std::vector<std::string>> GetStrings(const json& obj, std::string_view key, const Ctx& ctx,
                                            std::vector<std::string> fallback) {
  CHOKEPOINT_ASSIGN_OR_RETURN(const json* v, Member(obj, key, ctx, false));
  if (!v) return fallback;
  if (!v->is_array()) return ctx.Error(key, "expected an array of strings");
  std::vector<std::string> out;
  for (const auto& e : *v) {
    if (!e.is_string() || io::Trim(e.get<std::string>()).empty()) {
      return ctx.Error(key, "expected an array of non-empty strings");
    }
    out.push_back(e.get<std::string>());
  }
  return out;
}

Result<int> GetDate(const json& obj, std::string_view key, const Ctx& ctx,
                    std::string_view fallback) {
  CHOKEPOINT_ASSIGN_OR_RETURN(std::string s, GetString(obj, key, ctx, false));
  if (s.empty()) s = std::string(fallback);
  int d = ParseDay(s);
  if (d < 0) return ctx.Error(key, "expected a date YYYY-MM-DD, got '" + s + "'");
  return d;
}

KeywordList Fold(const std::vector<std::string>& words) {
  KeywordList k;
  for (const auto& w : words) {
    std::string f = text::Fold(w);
    if (!f.empty()) k.folded.push_back(std::move(f));
  }
  return k;
}

Status CheckCountries(const std::vector<std::string>& codes, std::string_view field,
                      const Ctx& ctx) {
  for (const auto& c : codes) {
    if (c.size() != 2 || !std::isupper(static_cast<unsigned char>(c[0])) ||
        !std::isupper(static_cast<unsigned char>(c[1]))) {
      return ctx.Error(field, "'" + c + "' is not an ISO 3166 alpha-2 code");
    }
  }
  return Status::Ok();
}

Status CheckRoles(const std::vector<std::string>& roles, std::string_view field, const Ctx& ctx) {
  static const std::set<std::string> kRoles = {"declarant",
                                               "shipper",
                                               "consignee",
                                               "notify_party",
                                               "debtor",
                                               "creditor",
                                               "ultimate_debtor",
                                               "ultimate_creditor",
                                               "initiating_party",
                                               "debtor_agent",
                                               "creditor_agent",
                                               "intermediary_agent",
                                               "instructing_agent",
                                               "instructed_agent",
                                               "applicant",
                                               "beneficiary",
                                               "issuing_bank",
                                               "advising_bank"};
  for (const auto& r : roles) {
    if (!kRoles.count(r)) return ctx.Error(field, "unknown party role '" + r + "'");
  }
  return Status::Ok();
}

Status CheckFields(const std::vector<std::string>& fields, std::string_view name, const Ctx& ctx) {
  for (const auto& f : fields) {
    if (f == "origin" || f == "dispatch" || f == "destination" || f == "transit") continue;
    size_t dot = f.find('.');
    if (dot != std::string::npos && f.substr(dot) == ".country") {
      CHOKEPOINT_RETURN_IF_ERROR(CheckRoles({f.substr(0, dot)}, name, ctx));
      continue;
    }
    return ctx.Error(name, "unknown field '" + f +
                               "' (use origin, dispatch, destination, transit or ROLE.country)");
  }
  return Status::Ok();
}

// "tiers" and "only_non_gecc" of the two history rules (shared: the history
// is gathered once for both).
Status ParseHistoryScope(const json& p, RuleSet& rs, const Ctx& ctx) {
  CHOKEPOINT_ASSIGN_OR_RETURN(auto tiers, GetStrings(p, "tiers", ctx, {"1", "2"}));
  for (const auto& t : tiers) {
    if (t != "1" && t != "2" && t != "3A" && t != "3B" && t != "4A" && t != "4B") {
      return ctx.Error("tiers", "unknown CHPL tier '" + t + "' (1, 2, 3A, 3B, 4A, 4B)");
    }
  }
  rs.history_tiers = std::set<std::string>(tiers.begin(), tiers.end());
  CHOKEPOINT_ASSIGN_OR_RETURN(rs.history_only_non_gecc, GetBool(p, "only_non_gecc", ctx, true));
  return Status::Ok();
}

Status ParseParameters(const std::string& id, const json& p, RuleSet& rs, const Ctx& ctx) {
  if (id == "LIST-MATCH") {
    CHOKEPOINT_ASSIGN_OR_RETURN(rs.list_alert_score,
                                GetNumber(p, "alert_score", ctx, 0.85, 0.5, 1.0));
    CHOKEPOINT_ASSIGN_OR_RETURN(rs.list_block_score,
                                GetNumber(p, "block_score", ctx, 0.95, 0.5, 1.01));
    CHOKEPOINT_ASSIGN_OR_RETURN(double hits, GetNumber(p, "hits_per_party", ctx, 3, 1, 100));
    rs.list_hits_per_party = static_cast<int>(hits);
    if (rs.list_block_score < rs.list_alert_score) {
      return ctx.Error("block_score", "must not be below alert_score");
    }
  } else if (id == "ROUTE-RU-BY-DESTINATION") {
    CHOKEPOINT_ASSIGN_OR_RETURN(double s, GetNumber(p, "chpl_severity", ctx, 100, 0, 100));
    rs.dest_chpl_severity = static_cast<int>(s);
    CHOKEPOINT_ASSIGN_OR_RETURN(rs.dest_fields,
                                GetStrings(p, "fields", ctx, {"destination", "transit"}));
    CHOKEPOINT_RETURN_IF_ERROR(CheckFields(rs.dest_fields, "fields", ctx));
  } else if (id == "ROUTE-RU-BY-ORIGIN") {
    CHOKEPOINT_ASSIGN_OR_RETURN(rs.origin_fields,
                                GetStrings(p, "fields", ctx, {"origin", "dispatch"}));
    CHOKEPOINT_RETURN_IF_ERROR(CheckFields(rs.origin_fields, "fields", ctx));
  } else if (id == "ROUTE-TRANSSHIPMENT") {
    CHOKEPOINT_ASSIGN_OR_RETURN(rs.transship_require_chpl, GetBool(p, "require_chpl", ctx, true));
    CHOKEPOINT_ASSIGN_OR_RETURN(
        rs.transship_fields, GetStrings(p, "fields", ctx, {"dispatch", "transit", "destination"}));
    CHOKEPOINT_RETURN_IF_ERROR(CheckFields(rs.transship_fields, "fields", ctx));
  } else if (id == "GOODS-CHPL") {
    CHOKEPOINT_ASSIGN_OR_RETURN(rs.chpl_only_non_gecc,
                                GetBool(p, "only_non_gecc_destination", ctx, true));
    CHOKEPOINT_ASSIGN_OR_RETURN(rs.min_classifier_score,
                                GetNumber(p, "min_classifier_score", ctx, 1.0, 0, 1e9));
    CHOKEPOINT_ASSIGN_OR_RETURN(const json* tiers, Member(p, "tier_severity", ctx, true));
    if (!tiers->is_object()) return ctx.Error("tier_severity", "expected an object");
    Ctx tctx = ctx.Nested("tier_severity");
    for (const char* t : {"1", "2", "3A", "3B", "4A", "4B"}) {
      CHOKEPOINT_ASSIGN_OR_RETURN(double s, GetNumber(*tiers, t, tctx, -1, -1, 100));
      if (s < 0) return tctx.Error(t, "missing");
      rs.tier_severity[t] = static_cast<int>(s);
    }
  } else if (id == "RF-CONSIGNEE-FORWARDER" || id == "RF-CONSIGNEE-BANK" ||
             id == "RF-CONSIGNEE-MAILCENTRE") {
    CHOKEPOINT_ASSIGN_OR_RETURN(auto roles, GetStrings(p, "roles", ctx, {"consignee"}));
    CHOKEPOINT_RETURN_IF_ERROR(CheckRoles(roles, "roles", ctx));
    CHOKEPOINT_ASSIGN_OR_RETURN(auto words, GetStrings(p, "keywords", ctx, {}));
    if (words.empty()) return ctx.Error("keywords", "missing or empty");
    if (id == "RF-CONSIGNEE-FORWARDER") {
      rs.forwarder_roles = roles;
      rs.forwarder_words = Fold(words);
    } else if (id == "RF-CONSIGNEE-BANK") {
      rs.bank_roles = roles;
      rs.bank_words = Fold(words);
    } else {
      rs.mail_roles = roles;
      rs.mail_words = Fold(words);
      CHOKEPOINT_ASSIGN_OR_RETURN(rs.mail_check_address, GetBool(p, "check_address", ctx, true));
    }
  } else if (id == "RF-LC-ISSUING-BANK") {
    CHOKEPOINT_ASSIGN_OR_RETURN(auto phrases, GetStrings(p, "phrases", ctx, {}));
    CHOKEPOINT_ASSIGN_OR_RETURN(auto words, GetStrings(p, "bank_words", ctx, {}));
    if (phrases.empty()) return ctx.Error("phrases", "missing or empty");
    rs.lc_phrases = Fold(phrases);
    rs.lc_bank_words = Fold(words);
  } else if (id == "RF-NEW-COMPANY-NON-GECC") {
    CHOKEPOINT_ASSIGN_OR_RETURN(rs.new_company_after, GetDate(p, "after", ctx, "2022-02-24"));
    CHOKEPOINT_ASSIGN_OR_RETURN(double s, GetNumber(p, "chpl_severity", ctx, 40, 0, 100));
    rs.new_company_chpl_severity = static_cast<int>(s);
  } else if (id == "RF-PHONE-COUNTRY") {
    CHOKEPOINT_ASSIGN_OR_RETURN(rs.phone_roles, GetStrings(p, "roles", ctx, {"consignee"}));
    CHOKEPOINT_RETURN_IF_ERROR(CheckRoles(rs.phone_roles, "roles", ctx));
    CHOKEPOINT_ASSIGN_OR_RETURN(const json* codes, Member(p, "calling_codes", ctx, true));
    if (!codes->is_object()) return ctx.Error("calling_codes", "expected an object");
    for (const auto& [code, countries] : codes->items()) {
      std::string field = "calling_codes." + code;
      if (!io::IsDigits(code) || code.size() > 4) return ctx.Error(field, "key must be digits");
      if (!countries.is_array()) return ctx.Error(field, "expected an array of country codes");
      std::vector<std::string> list;
      for (const auto& c : countries) {
        if (!c.is_string()) return ctx.Error(field, "expected an array of country codes");
        list.push_back(c.get<std::string>());
      }
      CHOKEPOINT_RETURN_IF_ERROR(CheckCountries(list, field, ctx));
      rs.calling_codes[code] = std::move(list);
    }
  } else if (id == "RF-FREEMAIL") {
    CHOKEPOINT_ASSIGN_OR_RETURN(auto domains, GetStrings(p, "domains", ctx, {}));
    if (domains.empty()) return ctx.Error("domains", "missing or empty");
    for (auto& d : domains) rs.free_mail_domains.insert(io::ToLowerAscii(io::Trim(d)));
  } else if (id == "RF-UNIT-PRICE-HIGH") {
    CHOKEPOINT_ASSIGN_OR_RETURN(rs.price_high_factor, GetNumber(p, "factor", ctx, 3, 1, 1e6));
    CHOKEPOINT_ASSIGN_OR_RETURN(double peers, GetNumber(p, "peer_min_samples", ctx, 20, 1, 1e9));
    rs.price_high_min_peers = static_cast<int>(peers);
    CHOKEPOINT_ASSIGN_OR_RETURN(const json* norms, Member(p, "norms", ctx, false));
    if (norms) {
      if (!norms->is_object()) return ctx.Error("norms", "expected an object");
      for (const auto& [hs6, n] : norms->items()) {
        std::string field = "norms." + hs6;
        if (hs6.size() != 6 || !io::IsDigits(hs6)) return ctx.Error(field, "key must be an HS6");
        if (!n.is_object()) return ctx.Error(field, "expected an object");
        Ctx nctx = ctx.Nested(field);
        UnitNorm un;
        CHOKEPOINT_ASSIGN_OR_RETURN(un.unit, GetString(n, "unit", nctx));
        CHOKEPOINT_ASSIGN_OR_RETURN(un.currency, GetString(n, "currency", nctx));
        CHOKEPOINT_ASSIGN_OR_RETURN(un.value, GetNumber(n, "value", nctx, -1, 0, 1e12));
        if (un.value <= 0) return ctx.Error(field + ".value", "missing or not positive");
        rs.price_norms[hs6] = un;
      }
    }
  } else if (id == "RF-UNIT-PRICE-LOW") {
    CHOKEPOINT_ASSIGN_OR_RETURN(rs.price_low_factor, GetNumber(p, "factor", ctx, 0.2, 1e-9, 1));
    CHOKEPOINT_ASSIGN_OR_RETURN(double peers, GetNumber(p, "peer_min_samples", ctx, 20, 1, 1e9));
    rs.price_low_min_peers = static_cast<int>(peers);
  } else if (id == "RF-FIRST-CHPL") {
    CHOKEPOINT_ASSIGN_OR_RETURN(rs.first_chpl_cutoff, GetDate(p, "cutoff", ctx, "2022-02-24"));
    CHOKEPOINT_RETURN_IF_ERROR(ParseHistoryScope(p, rs, ctx));
  } else if (id == "RF-CHPL-SPIKE") {
    CHOKEPOINT_ASSIGN_OR_RETURN(rs.spike_cutoff, GetDate(p, "cutoff", ctx, "2022-02-24"));
    CHOKEPOINT_RETURN_IF_ERROR(ParseHistoryScope(p, rs, ctx));
    CHOKEPOINT_ASSIGN_OR_RETURN(rs.spike_factor, GetNumber(p, "factor", ctx, 3, 1, 1e6));
    CHOKEPOINT_ASSIGN_OR_RETURN(double w, GetNumber(p, "window_days", ctx, 365, 1, 36600));
    rs.spike_window_days = static_cast<int>(w);
    CHOKEPOINT_ASSIGN_OR_RETURN(rs.spike_min_value, GetNumber(p, "min_value", ctx, 0, 0, 1e15));
  }
  return Status::Ok();
}

}  // namespace

int DayNumber(int y, int m, int d) {
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

int ParseDay(std::string_view s) {
  s = io::Trim(s);
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return -1;
  if (!io::IsDigits(s.substr(0, 4)) || !io::IsDigits(s.substr(5, 2)) ||
      !io::IsDigits(s.substr(8, 2))) {
    return -1;
  }
  int y = std::stoi(std::string(s.substr(0, 4)));
  int m = std::stoi(std::string(s.substr(5, 2)));
  int d = std::stoi(std::string(s.substr(8, 2)));
  if (m < 1 || m > 12 || d < 1 || d > 31) return -1;
  return DayNumber(y, m, d);
}

const std::vector<std::string>& KnownRuleIds() {
  static const std::vector<std::string> kIds = {"LIST-MATCH",         "ROUTE-RU-BY-DESTINATION",
                                                "ROUTE-RU-BY-ORIGIN", "ROUTE-TRANSSHIPMENT",
                                                "GOODS-CHPL",         "RF-CONSIGNEE-FORWARDER",
                                                "RF-CONSIGNEE-BANK",  "RF-CONSIGNEE-MAILCENTRE",
                                                "RF-LC-ISSUING-BANK", "RF-NEW-COMPANY-NON-GECC",
                                                "RF-PHONE-COUNTRY",   "RF-FREEMAIL",
                                                "RF-UNIT-PRICE-HIGH", "RF-UNIT-PRICE-LOW",
                                                "RF-FIRST-CHPL",      "RF-CHPL-SPIKE"};
  return kIds;
}

bool RuleSet::enabled(std::string_view id) const {
  auto it = rules.find(std::string(id));
  return it != rules.end() && it->second.enabled;
}

const RuleInfo& RuleSet::info(std::string_view id) const {
  auto it = rules.find(std::string(id));
  return it == rules.end() ? kDisabled : it->second;
}

Result<RuleSet> ParseRules(std::string_view json_text, std::string_view name) {
  json doc = json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (doc.is_discarded()) {
    // Find where: parse again with exceptions off is not possible; use the SAX
    // error via a second parse that reports the byte offset.
    std::string where;
    try {
      [[maybe_unused]] const json reparsed = json::parse(json_text.begin(), json_text.end());
    } catch (const json::parse_error& e) {
      where = " at byte " + std::to_string(e.byte);
    }
    return Status::InvalidArgument(std::string(name) + ": not valid JSON" + where);
  }
  if (!doc.is_object()) return Status::InvalidArgument(std::string(name) + ": expected an object");
  Ctx top(name, "");
  RuleSet rs;
  CHOKEPOINT_ASSIGN_OR_RETURN(rs.version, GetString(doc, "version", top));
  CHOKEPOINT_ASSIGN_OR_RETURN(rs.title, GetString(doc, "title", top, false));
  if (auto it = doc.find("decision"); it != doc.end()) {
    if (!it->is_object()) return top.Error("decision", "expected an object");
    Ctx dctx(name, "decision");
    CHOKEPOINT_ASSIGN_OR_RETURN(double r, GetNumber(*it, "review_risk", dctx, 40, 0, 100));
    CHOKEPOINT_ASSIGN_OR_RETURN(double b, GetNumber(*it, "block_severity", dctx, 100, 1, 100));
    rs.review_risk = static_cast<int>(r);
    rs.block_severity = static_cast<int>(b);
  }
  CHOKEPOINT_ASSIGN_OR_RETURN(const json* countries, Member(doc, "countries", top, true));
  if (!countries->is_object()) return top.Error("countries", "expected an object");
  for (auto [key, set, src] :
       {std::tuple{"sanctioned", &rs.sanctioned, &rs.sanctioned_source},
        std::tuple{"transshipment", &rs.transshipment, &rs.transshipment_source},
        std::tuple{"gecc", &rs.gecc, &rs.gecc_source}}) {
    Ctx cctx(name, std::string("countries.") + key);
    CHOKEPOINT_ASSIGN_OR_RETURN(const json* c, Member(*countries, key, top, true));
    if (!c->is_object())
      return top.Error(std::string("countries.") + key, "expected an object with source and codes");
    CHOKEPOINT_ASSIGN_OR_RETURN(*src, GetString(*c, "source", cctx));
    CHOKEPOINT_ASSIGN_OR_RETURN(auto codes, GetStrings(*c, "codes", cctx, {}));
    CHOKEPOINT_RETURN_IF_ERROR(CheckCountries(codes, "codes", cctx));
    set->insert(codes.begin(), codes.end());
  }
  CHOKEPOINT_ASSIGN_OR_RETURN(const json* rules, Member(doc, "rules", top, true));
  if (!rules->is_array()) return top.Error("rules", "expected an array");
  const auto& known = KnownRuleIds();
  // Defaults for rules absent from the file (they stay disabled, but their
  // parameters must be usable).
  {
    json empty = json::object();
    for (const auto& id : known) {
      if (id == "GOODS-CHPL") {
        rs.tier_severity = {{"1", 30}, {"2", 25}, {"3A", 15}, {"3B", 15}, {"4A", 10}, {"4B", 10}};
        continue;
      }
      if (id == "RF-PHONE-COUNTRY") continue;
      (void)ParseParameters(id, empty, rs, Ctx(name, ""));
    }
    rs.dest_fields = {"destination", "transit"};
    rs.origin_fields = {"origin", "dispatch"};
    rs.transship_fields = {"dispatch", "transit", "destination"};
  }
  size_t index = 0;
  for (const auto& r : *rules) {
    Ctx rctx(name, "rules[" + std::to_string(index++) + "]");
    if (!r.is_object()) return rctx.Error("", "expected an object");
    RuleInfo info;
    CHOKEPOINT_ASSIGN_OR_RETURN(info.id, GetString(r, "id", rctx));
    Ctx ctx(name, "rule " + info.id);
    if (std::find(known.begin(), known.end(), info.id) == known.end()) {
      return ctx.Error("id", "unknown rule id (known: " + io::Join(known, ", ") + ")");
    }
    if (rs.rules.count(info.id)) return ctx.Error("id", "appears twice");
    CHOKEPOINT_ASSIGN_OR_RETURN(info.title, GetString(r, "title", ctx));
    CHOKEPOINT_ASSIGN_OR_RETURN(info.source, GetString(r, "source", ctx));
    CHOKEPOINT_ASSIGN_OR_RETURN(double sev, GetNumber(r, "severity", ctx, -1, -1, 100));
    if (sev < 0) return ctx.Error("severity", "missing (a number 0-100)");
    info.severity = static_cast<int>(sev);
    CHOKEPOINT_ASSIGN_OR_RETURN(const json* en, Member(r, "enabled", ctx, true));
    if (!en->is_boolean()) return ctx.Error("enabled", "expected true or false");
    info.enabled = en->get<bool>();
    json params = json::object();
    if (auto it = r.find("parameters"); it != r.end()) {
      if (!it->is_object()) return ctx.Error("parameters", "expected an object");
      params = *it;
    }
    Ctx pctx(name, "rule " + info.id, "parameters.");
    CHOKEPOINT_RETURN_IF_ERROR(ParseParameters(info.id, params, rs, pctx));
    rs.rules[info.id] = std::move(info);
  }
  return rs;
}

}  // namespace chokepoint::check::risk
