#include "lists/ofac_remarks.h"

#include <algorithm>
#include <array>
#include <optional>

#include "io/strings.h"
#include "lists/common.h"

namespace chokepoint::lists {

namespace {

// What a clause means, by its label.
enum class Action : uint8_t {
  kBirthDate,
  kBirthPlace,
  kNationality,  // nationality, citizen
  kCountry,      // other country links
  kGender,
  kAlias,  // a.k.a., f.k.a., n.k.a.; `kind` says which
  kLinkedTo,
  kSecondaryRisk,  // "Secondary sanctions risk: DETAIL"
  kRiskClause,     // a restriction kept whole as a sanctions risk
  kIncorporation,
  kListingDate,
  kDateProperty,  // "LABEL [(QUALIFIER)][:] DATE" into properties[key]
  kProperty,      // the rest of the clause into properties[key]
  kWebsite,
  kEmail,
  kPhone,
  kIdentifier,  // "LABEL VALUE [(Country)] [issued D] [expires D]"
  kCrypto,      // "Digital Currency Address - XBT ADDRESS"
  kIgnore,      // boilerplate that carries no fact
};

// How an identifier's type depends on its country and shape.
enum class IdRule : uint8_t {
  kPlain,
  kRussianTax,           // kTaxId, but INN when issued by Russia
  kRussianRegistration,  // kRegistration, but OGRN(IP) for 13/15 Russian digits
};

struct ClauseRule {
  std::string_view label;
  Action action;
  IdType id_type = IdType::kOther;
  IdRule id_rule = IdRule::kPlain;
  NameKind name_kind = NameKind::kWeakAlias;
  std::string_view key = {};  // property key
};

constexpr ClauseRule Act(std::string_view label, Action action) { return {label, action}; }
constexpr ClauseRule Id(std::string_view label, IdType type, IdRule rule = IdRule::kPlain) {
  return {label, Action::kIdentifier, type, rule};
}
constexpr ClauseRule Alias(std::string_view label, NameKind kind) {
  return {label, Action::kAlias, IdType::kOther, IdRule::kPlain, kind};
}
constexpr ClauseRule Prop(std::string_view label, std::string_view key,
                          Action action = Action::kProperty) {
  return {label, action, IdType::kOther, IdRule::kPlain, NameKind::kWeakAlias, key};
}

// The labels OFAC uses in Remarks, from the legacy files of 2022-2025. Matched
// case-insensitively; the longest matching label wins, so "Registration
// Number" and "Business Registration Number" can coexist.
constexpr ClauseRule kClauseRules[] = {
    // Persons.
    Act("DOB", Action::kBirthDate),
    Act("POB", Action::kBirthPlace),
    Act("nationality", Action::kNationality),
    Act("citizen", Action::kNationality),
    Act("Gender", Action::kGender),
    Prop("arrested", "arrested", Action::kDateProperty),
    // Names and links.
    Alias("a.k.a.", NameKind::kWeakAlias),
    Alias("f.k.a.", NameKind::kFormerName),
    Alias("n.k.a.", NameKind::kStrongAlias),
    Act("Linked To:", Action::kLinkedTo),
    // Sanctions information.
    Act("Secondary sanctions risk:", Action::kSecondaryRisk),
    Act("Additional Sanctions Information -", Action::kRiskClause),
    Act("Transactions Prohibited For Persons Owned or Controlled By U.S. Financial "
        "Institutions:",
        Action::kRiskClause),
    Act("Executive Order", Action::kRiskClause),
    Act("CAATSA Section", Action::kRiskClause),
    Act("IFCA Determination -", Action::kRiskClause),
    Act("Listing Date", Action::kListingDate),
    Prop("Effective Date", "effective_date", Action::kDateProperty),
    Prop("Purchase/Sales For Divestment Date", "divestment_date", Action::kDateProperty),
    Act("For more information", Action::kIgnore),
    // Organisations.
    Act("Organization Established Date", Action::kIncorporation),
    Prop("Organization Type:", "organization_type"),
    Prop("Target Type", "target_type"),
    Prop("Issuer Name", "issuer_name"),
    Act("Nationality of Registration", Action::kCountry),
    // Contact.
    Act("Website", Action::kWebsite),
    Act("Email Address", Action::kEmail),
    Act("Email", Action::kEmail),
    Act("Phone Number", Action::kPhone),
    Act("Telephone", Action::kPhone),
    Act("Phone", Action::kPhone),
    Prop("Fax", "fax"),
    Prop("TELEX", "telex"),
    // Vessels and aircraft.
    Id("Vessel Registration Identification", IdType::kImo),
    Id("MMSI", IdType::kMmsi),
    Id("Other Vessel Call Sign", IdType::kCallSign),
    Prop("Vessel Year of Build", "vessel_year_of_build"),
    Prop("Former Vessel Flag", "vessel_former_flag"),
    Prop("Other Vessel Flag", "vessel_other_flag"),
    Prop("Other Vessel Type", "vessel_other_type"),
    Id("Aircraft Manufacturer's Serial Number (MSN)", IdType::kAircraftSerial),
    Id("Aircraft Construction Number (also called L/N or S/N or F/N)", IdType::kAircraftSerial),
    Id("Aircraft Serial Identification", IdType::kAircraftSerial),
    Id("Aircraft Tail Number", IdType::kTailNumber),
    Id("Previous Aircraft Tail Number", IdType::kTailNumber),
    Id("Aircraft Mode S Transponder Code", IdType::kOther),
    Prop("Aircraft Model", "aircraft_model"),
    Prop("Aircraft Operator", "aircraft_operator"),
    Prop("Aircraft Manufacture Date", "aircraft_manufacture_date", Action::kDateProperty),
    Prop("Chinese Commercial Code", "chinese_commercial_code"),
    // Identity documents.
    Id("Passport", IdType::kPassport),
    Id("Diplomatic Passport", IdType::kPassport),
    Id("Stateless Person Passport", IdType::kPassport),
    Id("British National Overseas Passport", IdType::kPassport),
    Id("U.S.A. Passport", IdType::kPassport),
    Id("Travel Document Number", IdType::kPassport),
    Id("Numero de Identidad", IdType::kNationalId),
    Id("Credencial electoral", IdType::kNationalId),
    Id("I.F.E.", IdType::kNationalId),
    Id("C.U.I.P.", IdType::kNationalId),
    Id("N.I.E.", IdType::kNationalId),
    Id("C.I.N.", IdType::kNationalId),
    Id("CNP (Personal Numerical Code)", IdType::kNationalId),
    Id("UAE Identification", IdType::kNationalId),
    Id("Turkish Identification Number", IdType::kNationalId),
    Id("Kenyan ID No.", IdType::kNationalId),
    Id("Tazkira National ID Card", IdType::kNationalId),
    Id("Cartilla de Servicio Militar Nacional", IdType::kOther),
    Id("VisaNumberID", IdType::kOther),
    Id("Seafarer's Identification Document", IdType::kOther),
    Id("National ID No.", IdType::kNationalId),
    Id("National Foreign ID Number", IdType::kNationalId),
    Id("Personal ID Card", IdType::kNationalId),
    Id("Identification Number", IdType::kNationalId),
    Id("Cedula No.", IdType::kNationalId),
    Id("D.N.I.", IdType::kNationalId),
    Id("C.U.I.", IdType::kNationalId),
    Id("C.U.R.P.", IdType::kNationalId),
    Id("SSN", IdType::kNationalId),
    Id("Driver's License No.", IdType::kDriverLicense),
    // Tax numbers.
    Id("Tax ID No.", IdType::kTaxId, IdRule::kRussianTax),
    Id("NIT #", IdType::kTaxId),
    Id("RUC #", IdType::kTaxId),
    Id("RIF #", IdType::kTaxId),
    Id("V.A.T. Number", IdType::kTaxId),
    Id("US FEIN", IdType::kTaxId),
    Id("CUIT", IdType::kTaxId),
    Id("R.F.C.", IdType::kTaxId),
    Id("RFC", IdType::kTaxId),
    Id("C.U.I.T.", IdType::kTaxId),
    Id("RTN", IdType::kTaxId),
    Id("N.I.F.", IdType::kTaxId),
    Id("C.I.F.", IdType::kTaxId),
    Id("Italian Fiscal Code", IdType::kTaxId),
    Id("Romanian Tax Registration", IdType::kTaxId),
    // Company registers.
    Id("Registration Number", IdType::kRegistration, IdRule::kRussianRegistration),
    Id("Business Registration Number", IdType::kRegistration, IdRule::kRussianRegistration),
    Id("Registration ID", IdType::kRegistration, IdRule::kRussianRegistration),
    Id("Government Gazette Number", IdType::kOkpo),
    Id("Unified Social Credit Code (USCC)", IdType::kUscc),
    Id("Company Number", IdType::kRegistration),
    Id("UK Company Number", IdType::kRegistration),
    Id("Commercial Registry Number", IdType::kRegistration),
    Id("Chamber of Commerce Number", IdType::kRegistration),
    Id("Trade License No.", IdType::kRegistration),
    Id("C.R. No.", IdType::kRegistration),
    Id("Folio Mercantil No.", IdType::kRegistration),
    Id("Matricula Mercantil No", IdType::kRegistration),
    Id("Business Registration Document #", IdType::kRegistration),
    Id("Public Registration Number", IdType::kRegistration),
    Id("Central Registration System Number", IdType::kRegistration),
    Id("Enterprise Number", IdType::kRegistration),
    Id("Business Number", IdType::kRegistration),
    Id("Economic Register Number (CBLS)", IdType::kRegistration),
    Id("Istanbul Chamber of Comm. No.", IdType::kRegistration),
    Id("Dubai Chamber of Commerce Membership No.", IdType::kRegistration),
    Id("Certificate of Incorporation Number", IdType::kRegistration),
    Id("Registration Certificate Number (Dubai)", IdType::kRegistration),
    Id("Romanian C.R.", IdType::kRegistration),
    Id("License", IdType::kRegistration),
    Id("United Social Credit Code Certificate (USCCC)", IdType::kUscc),
    Id("Russian State Individual Business Registration Number Pattern (OGRNIP)", IdType::kOgrn),
    // Finance.
    Id("SWIFT/BIC", IdType::kBic),
    Id("Legal Entity Number", IdType::kLei),
    Id("ISIN", IdType::kIsin),
    Id("D-U-N-S Number", IdType::kDuns),
    Id("Equity Ticker", IdType::kOther),
    Id("BIK (RU)", IdType::kOther),
    Act("Digital Currency Address -", Action::kCrypto),
    Act("DigitalCurrency Address -", Action::kCrypto),
};

// Last words of a label that make an unknown "LABEL VALUE" clause an
// identifier ("Kenyan ID No. 123").
constexpr std::array<std::string_view, 9> kIdLabelEnds = {"no.",  "no",   "number", "#",      "id",
                                                          "code", "card", "no.:",   "number:"};

// Words after which a final period belongs to the name ("CO.", "LTD.").
constexpr std::array<std::string_view, 8> kAbbreviations = {"CO.",  "LTD.", "INC.", "CORP.",
                                                            "JSC.", "LLC.", "BHD.", "PTE."};

bool IsLabelBoundary(std::string_view clause, std::string_view label) {
  if (clause.size() == label.size()) return true;
  char last = label.back();
  if (last == ':' || last == '-') return true;
  char next = clause[label.size()];
  return next == ' ' || next == ':' || next == '\t';
}

const ClauseRule* FindRule(std::string_view clause) {
  const ClauseRule* best = nullptr;
  for (const ClauseRule& rule : kClauseRules) {
    if (rule.label.size() > clause.size()) continue;
    if (best != nullptr && rule.label.size() <= best->label.size()) continue;
    if (io::StartsWithIgnoreCaseAscii(clause, rule.label) && IsLabelBoundary(clause, rule.label)) {
      best = &rule;
    }
  }
  return best;
}

// Strips "alt. " (the marker of a second value) from the front.
std::string_view StripAlt(std::string_view clause) {
  if (io::StartsWithIgnoreCaseAscii(clause, "alt. ")) return io::Trim(clause.substr(5));
  return clause;
}

// Removes one final period: it ends the Remarks field or a sentence.
std::string_view StripFinalDot(std::string_view s) {
  s = io::Trim(s);
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  return io::Trim(s);
}

// Removes a final period unless it ends an abbreviation that is part of the
// text ("S.A.", "n.e.c.", "CO.", "LTD.").
std::string_view StripSentenceDot(std::string_view s) {
  s = io::Trim(s);
  if (s.empty() || s.back() != '.') return s;
  size_t space = s.find_last_of(' ');
  std::string_view word = space == std::string_view::npos ? s : s.substr(space + 1);
  if (word.substr(0, word.size() - 1).find('.') != std::string_view::npos) return s;
  std::string up = io::ToUpperAscii(word);
  for (auto a : kAbbreviations) {
    if (up == a) return s;
  }
  return StripFinalDot(s);
}

// The text after the label, less a separating colon and spaces.
std::string_view Body(std::string_view clause, const ClauseRule& rule) {
  std::string_view rest = io::Trim(clause.substr(rule.label.size()));
  if (!rest.empty() && rest.front() == ':') rest = io::Trim(rest.substr(1));
  return rest;
}

// ParseListDate plus OFAC's ranges "01 Jan 1973 to 31 Dec 1973" (the year
// 1973) and "Mar 1962 to Feb 1963" (circa, from the start of the range).
std::optional<PartialDate> ParseOfacDate(std::string_view text) {
  text = StripFinalDot(text);
  size_t to = text.find(" to ");
  if (to == std::string_view::npos) return ParseListDate(text);
  auto from = ParseListDate(text.substr(0, to));
  if (!from || from->circa) return ParseListDate(text);  // "1975 to 1977"
  auto until = ParseListDate(text.substr(to + 4));
  PartialDate out = *from;
  if (until && until->year == from->year && from->day <= 1) {
    if (from->month <= 1 && (until->month == 12 || until->month == 0) &&
        (until->day == 31 || until->day == 0)) {
      out.month = 0;
      out.day = 0;
      return out;
    }
    if (from->month != 0 && until->month == from->month) {
      out.day = 0;
      return out;
    }
  }
  out.circa = true;
  return out;
}

bool AddDate(std::vector<PartialDate>& list, std::string_view text) {
  auto date = ParseOfacDate(text);
  if (!date) return false;
  if (std::find(list.begin(), list.end(), *date) == list.end()) list.push_back(*date);
  return true;
}

// "(EO 14024 Directive 3): 24 Feb 2022" -> qualifier and date text.
void SplitQualifier(std::string_view body, std::string_view& qualifier, std::string_view& date) {
  qualifier = {};
  date = body;
  if (!body.empty() && body.front() == '(') {
    size_t close = body.find(')');
    if (close != std::string_view::npos) {
      qualifier = body.substr(1, close - 1);
      date = io::Trim(body.substr(close + 1));
    }
  }
  if (!date.empty() && date.front() == ':') date = io::Trim(date.substr(1));
}

struct IdParts {
  std::string value;
  std::string country;
  std::string note;
};

// Parses "VALUE [(Country)] [issued DATE] [expires DATE]".
std::optional<IdParts> ParseIdBody(std::string_view body) {
  std::string_view s = StripFinalDot(body);
  IdParts out;
  size_t note_at = std::string_view::npos;
  for (std::string_view word : {" issued ", " expires ", " Issued ", " Expires "}) {
    size_t at = s.find(word);
    if (at != std::string_view::npos && at < note_at) note_at = at;
  }
  if (note_at != std::string_view::npos) {
    out.note = io::CollapseWhitespace(s.substr(note_at));
    s = io::Trim(s.substr(0, note_at));
  }
  if (!s.empty() && s.back() == ')') {
    size_t open = s.rfind('(');
    if (open != std::string_view::npos && open > 0) {
      std::string code = CountryCode(s.substr(open + 1, s.size() - open - 2));
      if (!code.empty()) {
        out.country = std::move(code);
        s = io::Trim(s.substr(0, open));
      }
    }
  }
  out.value = io::CollapseWhitespace(s);
  if (out.value.empty()) return std::nullopt;
  return out;
}

void AddIdentifier(Entity& e, Identifier id) {
  for (const auto& have : e.identifiers) {
    if (have.type == id.type && have.value == id.value && have.country == id.country) return;
  }
  e.identifiers.push_back(std::move(id));
}

bool ApplyIdentifier(std::string_view label, std::string_view body, IdType type, IdRule rule,
                     Entity& e) {
  auto parts = ParseIdBody(body);
  if (!parts) return false;
  Identifier id;
  id.type = type;
  id.label = std::string(label);
  id.country = std::move(parts->country);
  id.note = std::move(parts->note);
  std::string value = std::move(parts->value);
  // "Identification Number IMO 5342883", "Company Number IMO 5055293".
  if (io::StartsWithIgnoreCaseAscii(value, "IMO ") && io::IsDigits(value.substr(4))) {
    value = value.substr(4);
    id.type = IdType::kImo;
  }
  if (rule == IdRule::kRussianTax && id.country == "RU") id.type = IdType::kInn;
  if (rule == IdRule::kRussianRegistration && id.country == "RU" && io::IsDigits(value) &&
      (value.size() == 13 || value.size() == 15)) {
    id.type = IdType::kOgrn;
  }
  id.value = std::move(value);
  AddIdentifier(e, std::move(id));
  return true;
}

// An unknown "LABEL VALUE" clause whose label ends like an identifier label.
bool ApplyGenericIdentifier(std::string_view clause, Entity& e) {
  std::vector<std::string_view> words = io::Split(clause, " ");
  size_t value_at = 0;
  for (size_t i = 1; i < words.size(); ++i) {
    if (words[i].find_first_of("0123456789") != std::string_view::npos) {
      value_at = i;
      break;
    }
  }
  if (value_at == 0 || value_at > 6) return false;
  std::string last = io::ToLowerAscii(words[value_at - 1]);
  if (std::find(kIdLabelEnds.begin(), kIdLabelEnds.end(), last) == kIdLabelEnds.end()) {
    return false;
  }
  size_t label_len = static_cast<size_t>(words[value_at].data() - clause.data());
  std::string_view label = io::Trim(clause.substr(0, label_len));
  if (!label.empty() && label.back() == ':') label.remove_suffix(1);
  return ApplyIdentifier(label, clause.substr(label_len), IdType::kOther, IdRule::kPlain, e);
}

// "secondary sanctions risk: section 11 of Executive Order 14024" where the
// detail cites a section of an order; otherwise the detail as published.
std::string SecondaryRisk(std::string_view detail) {
  detail = StripSentenceDot(detail);
  std::string low = io::ToLowerAscii(detail);
  for (size_t at = low.find("section "); at != std::string::npos;
       at = low.find("section ", at + 1)) {
    size_t num_start = at + 8;
    size_t num_end = low.find(' ', num_start);
    if (num_end == std::string::npos) break;
    std::string_view of_eo = " of executive order ";
    if (low.compare(num_end, of_eo.size(), of_eo) != 0) continue;
    size_t eo_start = num_end + of_eo.size();
    size_t eo_end = eo_start;
    while (eo_end < low.size() && low[eo_end] >= '0' && low[eo_end] <= '9') ++eo_end;
    if (eo_end == eo_start) continue;
    return "secondary sanctions risk: section " +
           std::string(detail.substr(num_start, num_end - num_start)) + " of Executive Order " +
           std::string(detail.substr(eo_start, eo_end - eo_start));
  }
  return "secondary sanctions risk: " + std::string(detail);
}

bool ApplyRule(const ClauseRule& rule, std::string_view clause, Entity& e) {
  std::string_view body = Body(clause, rule);
  switch (rule.action) {
    case Action::kBirthDate:
      return AddDate(e.birth_dates, body);
    case Action::kBirthPlace: {
      std::string_view place = StripSentenceDot(body);
      if (place.empty()) return false;
      AddUnique(e.birth_places, place);
      return true;
    }
    case Action::kNationality:
    case Action::kCountry: {
      std::string_view country = StripFinalDot(body);
      std::string code = CountryCode(country);
      // "North Macedonia, The Republic of": the short name before the comma.
      if (code.empty() && country.find(',') != std::string_view::npos) {
        code = CountryCode(country.substr(0, country.find(',')));
      }
      if (code.empty()) return false;
      AddUnique(rule.action == Action::kNationality ? e.nationalities : e.countries, code);
      return true;
    }
    case Action::kGender: {
      std::string g = NormalizeGender(StripFinalDot(body));
      if (g.empty()) return false;
      e.gender = g;
      return true;
    }
    case Action::kAlias: {
      std::string name = OfacAliasName(body);
      if (name.empty()) return false;
      if (Name* n = AddName(e, name, rule.name_kind); n && e.schema == Schema::kPerson) {
        SplitOfacPersonName(*n);
      }
      return true;
    }
    case Action::kLinkedTo: {
      std::string target = io::CollapseWhitespace(StripSentenceDot(body));
      if (target.empty()) return false;
      for (const auto& r : e.relations) {
        if (r.kind == RelationKind::kLinkedTo && r.target_name == target) return true;
      }
      Relation rel;
      rel.kind = RelationKind::kLinkedTo;
      rel.target_name = std::move(target);
      e.relations.push_back(std::move(rel));
      return true;
    }
    case Action::kSecondaryRisk:
      if (body.empty()) return false;
      AddUnique(e.sanctions_risks, SecondaryRisk(body));
      return true;
    case Action::kRiskClause:
      AddUnique(e.sanctions_risks, StripSentenceDot(clause));
      return true;
    case Action::kIncorporation: {
      auto date = ParseOfacDate(body);
      if (!date) return false;
      if (e.incorporation_date.empty()) {
        e.incorporation_date = *date;
      } else if (!(e.incorporation_date == *date)) {
        AddOfacProperty(e, "organization_established_date", date->ToString());
      }
      return true;
    }
    case Action::kListingDate:
    case Action::kDateProperty: {
      std::string_view qualifier, date_text;
      SplitQualifier(body, qualifier, date_text);
      auto date = ParseOfacDate(date_text);
      if (!date) return false;
      std::string value = date->ToString();
      if (!qualifier.empty()) value = std::string(qualifier) + ": " + value;
      if (rule.action == Action::kListingDate) {
        if (std::find(e.listing_dates.begin(), e.listing_dates.end(), *date) ==
            e.listing_dates.end()) {
          e.listing_dates.push_back(*date);
        }
        AddOfacProperty(e, "listing_date", value);
      } else {
        AddOfacProperty(e, rule.key, value);
      }
      return true;
    }
    case Action::kProperty: {
      std::string_view value = StripSentenceDot(body);
      if (value.empty()) return false;
      AddOfacProperty(e, rule.key, value);
      return true;
    }
    case Action::kWebsite:
    case Action::kEmail:
    case Action::kPhone: {
      std::string_view value = StripFinalDot(body);
      if (value.empty()) return false;
      auto& list = rule.action == Action::kWebsite ? e.websites
                   : rule.action == Action::kEmail ? e.emails
                                                   : e.phones;
      AddUnique(list, value);
      return true;
    }
    case Action::kIdentifier:
      return ApplyIdentifier(io::Trim(rule.label), body, rule.id_type, rule.id_rule, e);
    case Action::kCrypto: {
      // "XBT 1Kuf2...": the currency code is part of the label.
      size_t space = body.find(' ');
      if (space == std::string_view::npos) return false;
      std::string label = "Digital Currency Address - " + std::string(body.substr(0, space));
      return ApplyIdentifier(label, body.substr(space + 1), IdType::kCryptoWallet, IdRule::kPlain,
                             e);
    }
    case Action::kIgnore:
      return true;
  }
  return false;
}

bool IsAliasClause(std::string_view clause) {
  clause = StripAlt(clause);
  for (std::string_view marker : {"a.k.a. '", "f.k.a. '", "n.k.a. '"}) {
    if (io::StartsWithIgnoreCaseAscii(clause, marker)) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> SplitOfacRemarks(std::string_view remarks) {
  std::vector<std::string> out;
  bool open_alias = false;  // the last clause is an a.k.a. still missing its closing quote
  for (std::string_view piece : io::Split(remarks, "; ")) {
    piece = io::Trim(piece);
    if (piece.empty()) continue;
    if (open_alias && FindRule(StripAlt(piece)) == nullptr) {
      out.back() += "; ";
      out.back() += piece;
    } else {
      out.emplace_back(piece);
    }
    const std::string& last = out.back();
    std::string_view closed = StripFinalDot(last);
    open_alias = IsAliasClause(last) && (closed.empty() || closed.back() != '\'');
  }
  return out;
}

std::string OfacAliasName(std::string_view body) {
  std::string_view s = io::Trim(body);
  if (!s.empty() && s.front() == '\'') {
    size_t last = s.rfind('\'');
    s = last > 0 ? s.substr(1, last - 1) : s.substr(1);
    s = io::Trim(s);
    while (s.size() >= 2 && s.front() == '\'' && s.back() == '\'') {
      s = io::Trim(s.substr(1, s.size() - 2));
    }
  } else {
    s = StripFinalDot(s);
  }
  return io::CollapseWhitespace(s);
}

void SplitOfacPersonName(Name& name) {
  size_t comma = name.full.find(',');
  if (comma == std::string::npos) return;
  std::string_view full = name.full;
  name.family = std::string(io::Trim(full.substr(0, comma)));
  name.given = std::string(io::Trim(full.substr(comma + 1)));
}

void AddOfacProperty(Entity& entity, std::string_view key, std::string_view value) {
  std::string v = io::CollapseWhitespace(value);
  if (v.empty()) return;
  for (auto& [k, have] : entity.properties) {
    if (k != key) continue;
    for (std::string_view part : io::Split(have, "; ")) {
      if (part == v) return;
    }
    have += "; " + v;
    return;
  }
  entity.properties.emplace_back(std::string(key), std::move(v));
}

bool ApplyOfacRemarkClause(std::string_view clause, Entity& entity) {
  std::string_view c = StripAlt(io::Trim(clause));
  if (c.empty()) return false;
  if (const ClauseRule* rule = FindRule(c)) return ApplyRule(*rule, c, entity);
  return ApplyGenericIdentifier(c, entity);
}

void ApplyOfacRemarks(std::string_view remarks, Entity& entity) {
  for (const std::string& clause : SplitOfacRemarks(remarks)) {
    if (!ApplyOfacRemarkClause(clause, entity)) AddUnique(entity.remarks, clause);
  }
}

}  // namespace chokepoint::lists
