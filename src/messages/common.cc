#include "messages/common.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

#include "io/strings.h"
#include "lists/common.h"

namespace chokepoint::check {

std::string_view MessageKindName(MessageKind kind) {
  switch (kind) {
    case MessageKind::kShipment:
      return "shipment";
    case MessageKind::kPacs008:
      return "pacs008";
    case MessageKind::kPain001:
      return "pain001";
    case MessageKind::kMt103:
      return "mt103";
    case MessageKind::kMt700:
      return "mt700";
  }
  return "unknown";
}

std::string_view PartyRoleName(PartyRole role) {
  switch (role) {
    case PartyRole::kDeclarant:
      return "declarant";
    case PartyRole::kShipper:
      return "shipper";
    case PartyRole::kConsignee:
      return "consignee";
    case PartyRole::kNotifyParty:
      return "notify_party";
    case PartyRole::kDebtor:
      return "debtor";
    case PartyRole::kCreditor:
      return "creditor";
    case PartyRole::kUltimateDebtor:
      return "ultimate_debtor";
    case PartyRole::kUltimateCreditor:
      return "ultimate_creditor";
    case PartyRole::kInitiatingParty:
      return "initiating_party";
    case PartyRole::kDebtorAgent:
      return "debtor_agent";
    case PartyRole::kCreditorAgent:
      return "creditor_agent";
    case PartyRole::kIntermediaryAgent:
      return "intermediary_agent";
    case PartyRole::kInstructingAgent:
      return "instructing_agent";
    case PartyRole::kInstructedAgent:
      return "instructed_agent";
    case PartyRole::kApplicant:
      return "applicant";
    case PartyRole::kBeneficiary:
      return "beneficiary";
    case PartyRole::kIssuingBank:
      return "issuing_bank";
    case PartyRole::kAdvisingBank:
      return "advising_bank";
  }
  return "unknown";
}

namespace {

bool AllDigits(std::string_view s) { return !s.empty() && io::IsDigits(s); }

// Digits with an optional fractional part after `point`; the integer part
// may not be empty.
std::optional<double> PlainNumber(std::string_view s, char point) {
  size_t p = s.find(point);
  std::string_view whole = s.substr(0, p);
  std::string_view frac = p == std::string_view::npos ? std::string_view() : s.substr(p + 1);
  if (!AllDigits(whole)) return std::nullopt;
  if (p != std::string_view::npos && !frac.empty() && !AllDigits(frac)) return std::nullopt;
  if (whole.size() > 15) return std::nullopt;  // beyond a double's exact integers
  std::string text(whole);
  if (!frac.empty()) text += "." + std::string(frac.substr(0, 15));
  return std::strtod(text.c_str(), nullptr);
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::optional<PartialDate> MakeDate(int year, int month, int day) {
  if (year < 1800 || year > 2999) return std::nullopt;
  if (month < 0 || month > 12) return std::nullopt;
  if (month == 0 && day != 0) return std::nullopt;
  if (day < 0 || (month > 0 && day > DaysInMonth(year, month))) return std::nullopt;
  PartialDate d;
  d.year = static_cast<int16_t>(year);
  d.month = static_cast<int8_t>(month);
  d.day = static_cast<int8_t>(day);
  return d;
}

}  // namespace

std::optional<double> ParseDecimal(std::string_view text) {
  std::string_view s = io::Trim(text);
  if (s.empty()) return std::nullopt;
  // Spaces (and apostrophes, as in 1'234.50) as thousands separators.
  std::string compact;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ' ' || c == '\'') continue;
    compact += c;
  }
  std::string_view v = compact;
  size_t commas = std::count(v.begin(), v.end(), ',');
  size_t points = std::count(v.begin(), v.end(), '.');
  if (points > 1) return std::nullopt;
  if (commas == 0) return PlainNumber(v, '.');
  if (points == 0 && commas == 1) {
    size_t c = v.find(',');
    size_t after = v.size() - c - 1;
    if (after == 1 || after == 2) return PlainNumber(v, ',');  // decimal comma
  }
  // Comma-grouped thousands: d{1,3}(,ddd)+ before an optional point.
  size_t end = points == 1 ? v.find('.') : v.size();
  std::string_view whole = v.substr(0, end);
  std::vector<std::string_view> groups = io::Split(whole, ",");
  if (groups[0].empty() || groups[0].size() > 3 || !AllDigits(groups[0])) return std::nullopt;
  std::string joined(groups[0]);
  for (size_t i = 1; i < groups.size(); ++i) {
    if (groups[i].size() != 3 || !AllDigits(groups[i])) return std::nullopt;
    joined += groups[i];
  }
  if (end < v.size()) joined += v.substr(end);
  return PlainNumber(joined, '.');
}

std::optional<double> ParseSwiftAmount(std::string_view text) {
  std::string_view s = io::Trim(text);
  if (s.empty() || s.find('.') != std::string_view::npos) return std::nullopt;
  if (std::count(s.begin(), s.end(), ',') > 1) return std::nullopt;
  return PlainNumber(s, ',');
}

std::optional<PartialDate> ParseTransactionDate(std::string_view text) {
  std::string_view s = io::Trim(text);
  if (s.size() > 10 && (s[10] == 'T' || s[10] == ' ')) s = s.substr(0, 10);
  if (s.size() == 10 && s[4] == '-' && s[7] == '-' && AllDigits(s.substr(0, 4)) &&
      AllDigits(s.substr(5, 2)) && AllDigits(s.substr(8, 2))) {
    auto d = MakeDate(ToInt(s.substr(0, 4)), ToInt(s.substr(5, 2)), ToInt(s.substr(8, 2)));
    if (d && d->month > 0 && d->day > 0) return d;
    return std::nullopt;
  }
  if (s.size() == 7 && s[4] == '-' && AllDigits(s.substr(0, 4)) && AllDigits(s.substr(5, 2))) {
    auto d = MakeDate(ToInt(s.substr(0, 4)), ToInt(s.substr(5, 2)), 0);
    if (d && d->month > 0) return d;
    return std::nullopt;
  }
  if (s.size() == 8 && AllDigits(s)) {
    auto d = MakeDate(ToInt(s.substr(0, 4)), ToInt(s.substr(4, 2)), ToInt(s.substr(6, 2)));
    if (d && d->month > 0 && d->day > 0) return d;
    return std::nullopt;
  }
  if (s.size() == 10 && (s[2] == '.' || s[2] == '/') && s[5] == s[2] && AllDigits(s.substr(0, 2)) &&
      AllDigits(s.substr(3, 2)) && AllDigits(s.substr(6, 4))) {
    auto d = MakeDate(ToInt(s.substr(6, 4)), ToInt(s.substr(3, 2)), ToInt(s.substr(0, 2)));
    if (d && d->month > 0 && d->day > 0) return d;
  }
  return std::nullopt;
}

std::optional<PartialDate> ParseSwiftDate(std::string_view text) {
  std::string_view s = io::Trim(text);
  if (s.size() != 6 || !AllDigits(s)) return std::nullopt;
  int yy = ToInt(s.substr(0, 2));
  auto d = MakeDate(yy < 80 ? 2000 + yy : 1900 + yy, ToInt(s.substr(2, 2)), ToInt(s.substr(4, 2)));
  if (d && d->month > 0 && d->day > 0) return d;
  return std::nullopt;
}

std::string CountryOf(std::string_view text) { return lists::CountryCode(text); }

bool IsCurrencyCode(std::string_view text) {
  return text.size() == 3 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

bool IsBic(std::string_view s) {
  if (s.size() != 8 && s.size() != 11) return false;
  auto alpha = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto alnum = [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); };
  for (size_t i = 0; i < s.size(); ++i) {
    if (i < 6 ? !alpha(s[i]) : !alnum(s[i])) return false;
  }
  return true;
}

std::vector<std::string> FindHsCodes(std::string_view text) {
  std::vector<std::string> out;
  std::string upper = io::ToUpperAscii(text);
  size_t pos = 0;
  while (pos < upper.size()) {
    size_t at = std::string::npos;
    size_t marker_len = 0;
    for (std::string_view marker : {"H.S.", "HS"}) {
      size_t f = upper.find(marker, pos);
      if (f != std::string::npos && (f < at || (f == at && marker.size() > marker_len))) {
        at = f;
        marker_len = marker.size();
      }
    }
    if (at == std::string::npos) break;
    pos = at + marker_len;
    // The marker must start a word ("HS" inside "CHIPS" does not count) and
    // not run into a letter other than the optional "CODE"/"NO".
    bool word_start = at == 0 || !std::isalnum(static_cast<unsigned char>(upper[at - 1]));
    if (!word_start) continue;
    size_t i = pos;
    auto skip_spaces = [&] {
      while (i < upper.size() && (upper[i] == ' ' || upper[i] == ':' || upper[i] == '#' ||
                                  upper[i] == '-' || upper[i] == '.')) {
        ++i;
      }
    };
    skip_spaces();
    for (std::string_view word : {"CODE", "NO", "HEADING"}) {
      if (upper.compare(i, word.size(), word) == 0) {
        i += word.size();
        skip_spaces();
        break;
      }
    }
    if (i >= upper.size() || !std::isdigit(static_cast<unsigned char>(upper[i]))) continue;
    if (i == pos && pos < upper.size() && std::isalpha(static_cast<unsigned char>(upper[pos]))) {
      continue;
    }
    // Digits with single '.', ' ' separators between digit groups.
    std::string code;
    size_t digits = 0;
    size_t j = i;
    while (j < upper.size()) {
      char c = upper[j];
      if (std::isdigit(static_cast<unsigned char>(c))) {
        code += text[j];
        ++digits;
        ++j;
      } else if ((c == '.' || c == ' ') && j + 1 < upper.size() &&
                 std::isdigit(static_cast<unsigned char>(upper[j + 1])) && digits < 10) {
        code += c;
        ++j;
      } else {
        break;
      }
    }
    if (digits >= 4 && digits <= 10) out.push_back(std::string(io::Trim(code)));
    pos = j;
  }
  return out;
}

std::string FirstInvalidUtf8Field(const Transaction& t) {
  auto bad = [](const std::string& s) { return !io::IsValidUtf8(s); };
  if (bad(t.ref)) return "ref";
  if (bad(t.currency)) return "currency";
  if (bad(t.remittance)) return "remittance";
  for (size_t i = 0; i < t.parties.size(); ++i) {
    const Party& p = t.parties[i];
    std::string at = "parties[" + std::to_string(i) + "].";
    for (auto [name, value] : {std::pair{"field", &p.field},
                               {"name", &p.name},
                               {"address", &p.address},
                               {"country", &p.country},
                               {"bic", &p.bic},
                               {"account", &p.account},
                               {"phone", &p.phone},
                               {"email", &p.email},
                               {"registration_id", &p.registration_id}}) {
      if (bad(*value)) return at + name;
    }
  }
  for (size_t i = 0; i < t.goods.size(); ++i) {
    const GoodsLine& g = t.goods[i];
    std::string at = "goods[" + std::to_string(i) + "].";
    for (auto [name, value] : {std::pair{"field", &g.field},
                               {"hs_code", &g.hs_code},
                               {"description", &g.description},
                               {"currency", &g.currency},
                               {"unit", &g.unit}}) {
      if (bad(*value)) return at + name;
    }
  }
  const Route& r = t.route;
  if (bad(r.origin)) return "route.origin";
  if (bad(r.dispatch)) return "route.dispatch";
  if (bad(r.destination)) return "route.destination";
  for (const auto& c : r.transit) {
    if (bad(c)) return "route.transit";
  }
  for (const auto& [k, v] : r.places) {
    if (bad(k) || bad(v)) return "route.places";
  }
  for (const auto& [k, v] : t.terms) {
    if (bad(k) || bad(v)) return "terms[" + io::SanitizeUtf8(k) + "]";
  }
  for (size_t i = 0; i < t.documents.size(); ++i) {
    if (bad(t.documents[i])) return "documents[" + std::to_string(i) + "]";
  }
  return "";
}

Problem MessageProblem(std::string_view file, int64_t line, std::string record_id,
                       std::string reason) {
  Problem p;
  p.file = std::string(file);
  p.line = line;
  p.record_id = std::move(record_id);
  p.reason = std::move(reason);
  return p;
}

void AppendJoined(std::string& out, std::string_view part, std::string_view sep) {
  if (part.empty()) return;
  if (!out.empty()) out += sep;
  out += part;
}

}  // namespace chokepoint::check
