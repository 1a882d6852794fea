// Reader for the US Consolidated Screening List (trade.gov): the CSV export
// (`consolidated.csv`, one row per listing, multi-values joined by "; ") and
// the JSON export (`consolidated.json`, {"results": [...]}, with addresses and
// ids as objects). Both are mapped onto one record type first, so the rules
// that turn a record into an entity exist once.
//
// Records are keyed by `entity_number` (Treasury lists) or `_id` (the hashed
// id of State and Commerce rows). Treasury parties on several of its lists
// (SDN and PLC, SSI and NS-MBS) appear once per list with the same entity
// number; such rows are merged into one entity carrying every list as a
// program, because (source, source_id) identifies an entity in a snapshot.

#include "lists/csl.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "io/csv.h"
#include "io/strings.h"
#include "lists/common.h"
#include "lists/readers.h"

namespace chokepoint::lists {

namespace {

// ---------------------------------------------------------------------------
// Name cells.

size_t FindCi(std::string_view s, std::string_view needle, size_t from = 0) {
  if (needle.empty() || s.size() < needle.size()) return std::string_view::npos;
  for (size_t i = from; i + needle.size() <= s.size(); ++i) {
    if (io::StartsWithIgnoreCaseAscii(s.substr(i), needle)) return i;
  }
  return std::string_view::npos;
}

bool EndsWithCi(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         io::EqualsIgnoreCaseAscii(s.substr(s.size() - suffix.size()), suffix);
}

// Trims white space and the list punctuation that separates clauses, and a
// leading "and " left over from "A; B; and C".
std::string CleanItem(std::string_view s) {
  std::string_view t = io::Trim(s);
  bool changed = true;
  while (changed && !t.empty()) {
    changed = false;
    while (!t.empty() && (t.back() == ';' || t.back() == ',' || t.back() == ':')) {
      t.remove_suffix(1);
      changed = true;
    }
    while (!t.empty() && (t.front() == ';' || t.front() == ',' || t.front() == ':')) {
      t.remove_prefix(1);
      changed = true;
    }
    if (io::StartsWithIgnoreCaseAscii(t, "and ")) {
      t.remove_prefix(4);
      changed = true;
    }
    if (EndsWithCi(t, " and")) {
      t.remove_suffix(4);
      changed = true;
    }
    t = io::Trim(t);
  }
  return io::CollapseWhitespace(t);
}

// Index of the bracket closing the one opened at `open`, or npos.
size_t MatchingClose(std::string_view s, size_t open) {
  char o = s[open];
  char c = o == '(' ? ')' : ']';
  int depth = 0;
  for (size_t i = open; i < s.size(); ++i) {
    if (s[i] == o) ++depth;
    if (s[i] == c && --depth == 0) return i;
  }
  return std::string_view::npos;
}

// Alias markers as they are spelled in the lists, longest first so that
// "a.k.a." wins over "a.k.a".
struct Marker {
  std::string_view text;
  NameKind kind;
};
constexpr Marker kMarkers[] = {
    {"formerly known as", NameKind::kFormerName},
    {"also known as", NameKind::kStrongAlias},
    {"a.k.a.", NameKind::kStrongAlias},
    {"f.k.a.", NameKind::kFormerName},
    {"d.b.a.", NameKind::kStrongAlias},
    {"a.k.a", NameKind::kStrongAlias},
    {"f.k.a", NameKind::kFormerName},
    {"d.b.a", NameKind::kStrongAlias},
    {"formerly", NameKind::kFormerName},
    {"aka", NameKind::kStrongAlias},
    {"fka", NameKind::kFormerName},
    {"dba", NameKind::kStrongAlias},
};

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

// If `s` starts with an alias marker (followed by a non-word character),
// returns its kind and sets `len` to the marker's length plus trailing ",: ".
bool StartsWithMarker(std::string_view s, NameKind& kind, size_t& len) {
  for (const auto& m : kMarkers) {
    if (!io::StartsWithIgnoreCaseAscii(s, m.text)) continue;
    size_t n = m.text.size();
    if (n < s.size() && IsWordChar(s[n]) && m.text.back() != '.') continue;
    if (n == s.size()) continue;  // a marker with nothing after it
    while (n < s.size() && (s[n] == ',' || s[n] == ':' || s[n] == ' ')) ++n;
    kind = m.kind;
    len = n;
    return true;
  }
  return false;
}

// Finds the first alias marker standing as a word in `s` at or after `from`;
// returns its position or npos.
size_t FindMarker(std::string_view s, size_t from, NameKind& kind, size_t& len) {
  for (size_t i = from; i < s.size(); ++i) {
    if (i > 0 && IsWordChar(s[i - 1])) continue;
    if (i > 0 && s[i - 1] == '.') continue;  // inside "a.k.a." itself
    if (StartsWithMarker(s.substr(i), kind, len)) return i;
  }
  return std::string_view::npos;
}

// A single token that is only a legal form ("Ltd.", "OOO", "Inc."): when a
// list of aliases is split at commas, it belongs to the piece before it.
bool IsBareLegalForm(std::string_view piece) {
  std::string_view t = io::Trim(piece);
  return !t.empty() && t.find(' ') == std::string_view::npos &&
         OrgSchemaFromName(t) == Schema::kCompany;
}

// Splits "A, aka B; C, D" into names; commas split only where the piece after
// them is more than a bare legal form.
void AddAliasList(std::string_view text, NameKind kind, CslNameParts& out) {
  std::vector<std::string> items;
  for (const auto& semi : io::SplitTrimmed(text, ";")) {
    std::vector<std::string> pieces;
    for (auto piece : io::Split(semi, ",")) {
      std::string p = std::string(io::Trim(piece));
      NameKind k;
      size_t len;
      if (StartsWithMarker(p, k, len)) p = p.substr(len);
      if (!pieces.empty() && (p.empty() || IsBareLegalForm(p))) {
        pieces.back() += ", " + p;
      } else {
        pieces.push_back(p);
      }
    }
    for (auto& p : pieces) items.push_back(std::move(p));
  }
  for (const auto& item : items) {
    std::string clean = CleanItem(item);
    if (!clean.empty()) out.names.emplace_back(std::move(clean), kind);
  }
}

// "-- A; -- B; and -- C." or "A; B; C".
void AddDashList(std::string_view text, NameKind kind, CslNameParts& out) {
  std::vector<std::string_view> items =
      text.find("--") != std::string_view::npos ? io::Split(text, "--") : io::Split(text, ";");
  for (auto item : items) {
    std::string clean = CleanItem(item);
    if (!clean.empty() && clean.back() == '.' && clean.size() > 1 &&
        !IsBareLegalForm(
            clean.substr(clean.rfind(' ') == std::string::npos ? 0 : clean.rfind(' ') + 1))) {
      clean.pop_back();  // the full stop that ends the list
    }
    clean = CleanItem(clean);
    if (!clean.empty()) out.names.emplace_back(std::move(clean), kind);
  }
}

// True for an acronym such as "NCRIEO", "CETC 29", "NSCC-CS".
bool IsAcronym(std::string_view s) {
  if (s.size() < 2 || s.size() > 16) return false;
  int upper = 0;
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') {
      ++upper;
    } else if (!((c >= '0' && c <= '9') || c == '-' || c == '&' || c == ' ' || c == '.')) {
      return false;
    }
  }
  return upper >= 2;
}

bool HasLower(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// "Foo Institute (FI)" also yields "Foo Institute" (strong) and "FI" (weak).
// Applied only to mixed-case names: in all-capital names a trailing group is
// as often a place ("VTB BANK (KIEV)") as an acronym.
void AddAcronymVariants(const std::string& name, CslNameParts& out) {
  if (name.empty() || name.back() != ')') return;
  size_t open = name.rfind('(');
  if (open == std::string::npos || open == 0) return;
  std::string_view inner = std::string_view(name).substr(open + 1, name.size() - open - 2);
  std::string base = CleanItem(std::string_view(name).substr(0, open));
  // A base that has a parenthetical of its own is a description ("Nuclear
  // reactors (including power plants) not under ... (IAEA)"), not a name.
  if (!IsAcronym(inner) || !HasLower(base) || base.find('(') != std::string::npos) return;
  out.names.emplace_back(base, NameKind::kStrongAlias);
  out.names.emplace_back(std::string(inner), NameKind::kWeakAlias);
}

// Removes "(... individual)" and "(Hong Kong Entity)"-style trailing notes.
void StripTrailingNotes(std::string& s, CslNameParts& out) {
  while (!s.empty() && s.back() == ')') {
    size_t open = s.rfind('(');
    if (open == std::string::npos) return;
    std::string_view inner = std::string_view(s).substr(open + 1, s.size() - open - 2);
    if (EndsWithCi(inner, "individual") || EndsWithCi(inner, "national")) {
      out.person = true;
    } else if (!(EndsWithCi(inner, " entity") && inner.find('.') == std::string_view::npos)) {
      return;
    }
    s = CleanItem(std::string_view(s).substr(0, open));
  }
}

}  // namespace

CslNameParts SplitCslName(std::string_view cell, bool organisation) {
  CslNameParts out;
  std::string s = io::CollapseWhitespace(cell);

  // 1. Boilerplate that extends a listing to successors; it names nobody.
  size_t cut = std::string::npos;
  for (std::string_view m : {"and any successor", "and its sub-units and successors",
                             "and its successors", "and any sub-unit", "and all successors"}) {
    cut = std::min(cut, FindCi(s, m));
  }
  if (cut != std::string::npos) s = CleanItem(std::string_view(s).substr(0, cut));

  // 2. "(Russian individual)", "(Hong Kong Entity)".
  StripTrailingNotes(s, out);

  // 3. "X, a.k.a., the following three aliases: -- A; -- B; and -- C." and
  // "X, including the following subordinate institutions: -- A; -- B".
  if (size_t f = FindCi(s, "the following"); f != std::string::npos) {
    size_t colon = s.find(':', f);
    if (colon != std::string::npos) {
      std::string_view head = std::string_view(s).substr(0, f);
      std::string_view items = std::string_view(s).substr(colon + 1);
      NameKind kind = NameKind::kStrongAlias;
      // The last marker before "the following" says what the items are.
      size_t marker_at = std::string_view::npos;
      for (size_t pos = 0;;) {
        NameKind k;
        size_t len;
        size_t at = FindMarker(head, pos, k, len);
        if (at == std::string_view::npos) break;
        marker_at = at;
        kind = k;
        pos = at + 1;
      }
      size_t incl = FindCi(head, "including");
      if (marker_at != std::string_view::npos) {
        head = head.substr(0, marker_at);
      } else if (incl != std::string_view::npos) {
        head = head.substr(0, incl);
      }
      AddDashList(items, kind, out);
      s = CleanItem(head);
    }
  }

  // 4. Clauses naming parts of the listed party that the listing covers.
  struct Clause {
    std::string_view text;
    bool listed_is_tail;  // the tail, not the head, is the listed party
  };
  for (const Clause& c :
       {Clause{"and subordinate entity", true}, Clause{"Subordinate Institutions -", false},
        Clause{"Subordinate Institution -", false}, Clause{"Subordinate Institutions:", false},
        Clause{"Subordinate Institution:", false}, Clause{"Affiliated Entities:", false},
        Clause{"Affiliated Entity:", false}}) {
    size_t at = FindCi(s, c.text);
    if (at == std::string::npos) continue;
    std::string head = CleanItem(std::string_view(s).substr(0, at));
    std::string tail = CleanItem(std::string_view(s).substr(at + c.text.size()));
    if (!head.empty() && head.back() == '.') head = CleanItem(head.substr(0, head.size() - 1));
    if (c.listed_is_tail && !tail.empty()) {
      out.parents.push_back(head);
      s = tail;
    } else {
      AddDashList(tail, NameKind::kStrongAlias, out);
      s = head;
    }
    break;
  }

  // 5. ", including the Armed Forces of ...": a description, not a name.
  if (size_t at = FindCi(s, ", including "); at != std::string::npos) {
    out.note = CleanItem(std::string_view(s).substr(at + 1));
    s = CleanItem(std::string_view(s).substr(0, at));
  }

  // 6. "Department of Atomic Energy entity: Bhabha Atomic Research Center".
  if (size_t at = FindCi(s, " entity: "); at != std::string::npos) {
    out.parents.push_back(CleanItem(std::string_view(s).substr(0, at)));
    s = CleanItem(std::string_view(s).substr(at + 9));
  }

  // 7. Bracketed groups: "(Parent Organization: X)", "(a.k.a. X)", "[aka X,
  // aka Y]", "(f.k.a., X)".
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '(' && s[i] != '[') {
      ++i;
      continue;
    }
    size_t close = MatchingClose(s, i);
    if (close == std::string::npos) break;
    std::string_view inner = io::Trim(std::string_view(s).substr(i + 1, close - i - 1));
    NameKind kind;
    size_t len;
    bool parent = io::StartsWithIgnoreCaseAscii(inner, "parent organization:");
    if (parent) {
      out.parents.push_back(CleanItem(inner.substr(20)));
    } else if (StartsWithMarker(inner, kind, len)) {
      AddAliasList(inner.substr(len), kind, out);
    } else {
      i = close + 1;
      continue;
    }
    s = io::CollapseWhitespace(s.substr(0, i) + " " + s.substr(close + 1));
  }

  // 8. Unbracketed markers: "X, a.k.a. Y", "X aka Y, aka Z", "X d.b.a. Y".
  {
    NameKind kind;
    size_t len;
    size_t at = FindMarker(s, 1, kind, len);
    if (at != std::string::npos) {
      std::string_view rest = std::string_view(s).substr(at + len);
      // Further markers split the rest; each keeps its own kind.
      std::string head = CleanItem(std::string_view(s).substr(0, at));
      while (!rest.empty()) {
        NameKind next_kind;
        size_t next_len;
        size_t next = FindMarker(rest, 1, next_kind, next_len);
        AddAliasList(rest.substr(0, next), kind, out);
        if (next == std::string_view::npos) break;
        rest = rest.substr(next + next_len);
        kind = next_kind;
      }
      s = head;
    }
  }

  out.primary = CleanItem(s);
  if (organisation && !out.person) {
    size_t n = out.names.size();
    AddAcronymVariants(out.primary, out);
    for (size_t i = 0; i < n; ++i) {
      if (out.names[i].second == NameKind::kWeakAlias) continue;
      std::string copy = out.names[i].first;
      AddAcronymVariants(copy, out);
    }
  }
  return out;
}

std::string CslListCode(std::string_view source) {
  std::string_view s = io::Trim(source);
  size_t open = s.find('(');
  size_t dash = s.find(" - ");
  if (open != std::string_view::npos && (dash == std::string_view::npos || open < dash)) {
    size_t close = s.find(')', open);
    if (close != std::string_view::npos) {
      std::string code(io::Trim(s.substr(open + 1, close - open - 1)));
      if (EndsWithCi(code, " list")) code = std::string(io::Trim(code.substr(0, code.size() - 5)));
      if (!code.empty()) return code;
    }
  }
  return std::string(io::Trim(s.substr(0, dash)));
}

namespace {

// ---------------------------------------------------------------------------
// Records.

struct RawId {
  std::string type, number, country;
  std::vector<std::string> notes;  // issue and expiry dates, extra pieces
};

struct RawAddress {
  std::string full, street, city, region, postal_code, country;
};

// One CSL listing, as either export spells it.
struct Record {
  std::string id, entity_number, source, type, name, title, federal_register_notice, start_date,
      end_date, standard_order, license_requirement, license_policy, call_sign, vessel_type,
      gross_tonnage, gross_registered_tonnage, vessel_flag, vessel_owner, remarks,
      source_information_url;
  std::vector<std::string> programs, alt_names, citizenships, dates_of_birth, nationalities,
      places_of_birth;
  std::vector<RawAddress> addresses;
  std::vector<RawId> ids;
};

// "29, Bolshaya Morskaya str., St. Petersburg, 190000, RU": the country code
// is last, a postal code may precede it, the city comes before that.
RawAddress ParseCsvAddress(std::string_view text) {
  RawAddress a;
  a.full = io::CollapseWhitespace(text);
  std::vector<std::string> parts = io::SplitTrimmed(a.full, ",");
  if (!parts.empty() && parts.back().size() == 2 && !CountryCode(parts.back()).empty()) {
    a.country = CountryCode(parts.back());
    parts.pop_back();
    // "Xian, China, CN": drop a country name repeating the code.
    if (!parts.empty() && CountryCode(parts.back()) == a.country) parts.pop_back();
  }
  auto looks_postal = [](const std::string& p) {
    if (p.size() < 3 || p.size() > 10) return false;
    int digits = 0;
    for (char c : p) {
      if (c >= '0' && c <= '9') {
        ++digits;
      } else if (!((c >= 'A' && c <= 'Z') || c == '-' || c == ' ')) {
        return false;
      }
    }
    return digits >= 3;
  };
  if (parts.size() >= 2 && looks_postal(parts.back())) {
    a.postal_code = parts.back();
    parts.pop_back();
  }
  if (parts.size() >= 2 || (parts.size() == 1 && !a.country.empty())) {
    a.city = parts.back();
    parts.pop_back();
  }
  a.street = io::Join(parts, ", ");
  return a;
}

// "Passport, 0310857, ER, 21 Aug 2006, 20 Aug 2008".
RawId ParseCsvId(std::string_view text) {
  RawId id;
  std::vector<std::string_view> parts = io::Split(text, ", ");
  id.type = std::string(io::Trim(parts[0]));
  if (parts.size() == 1) return id;
  // Labels ending in ':' or '-' carry free text with commas ("Secondary
  // sanctions risk:, Ukraine-/Russia-Related Sanctions Regulations, ...").
  std::string rest(io::Trim(text.substr(parts[0].size() + 2)));
  if (!id.type.empty() && (id.type.back() == ':' || id.type.back() == '-')) {
    id.number = rest;
    return id;
  }
  id.number = std::string(io::Trim(parts[1]));
  size_t i = 2;
  if (i < parts.size()) {
    std::string_view c = io::Trim(parts[i]);
    if (c.size() == 2 && !CountryCode(c).empty()) {
      id.country = CountryCode(c);
      ++i;
    }
  }
  for (; i < parts.size(); ++i) id.notes.emplace_back(io::Trim(parts[i]));
  return id;
}

std::vector<std::string> SplitMulti(std::string_view text) { return io::SplitTrimmed(text, "; "); }

// ---------------------------------------------------------------------------
// Entities.

struct IdRule {
  std::string_view label;  // lower-case prefix of the publisher's label
  IdType type;
};
constexpr IdRule kIdRules[] = {
    {"passport", IdType::kPassport},
    {"national id", IdType::kNationalId},
    {"cedula", IdType::kNationalId},
    {"identification number", IdType::kNationalId},
    {"personal id", IdType::kNationalId},
    {"tax id", IdType::kTaxId},
    {"v.a.t.", IdType::kTaxId},
    {"nit #", IdType::kTaxId},
    {"ruc #", IdType::kTaxId},
    {"rfc", IdType::kTaxId},
    {"registration id", IdType::kRegistration},
    {"registration number", IdType::kRegistration},
    {"business registration", IdType::kRegistration},
    {"company number", IdType::kRegistration},
    {"commercial registry", IdType::kRegistration},
    {"chamber of commerce", IdType::kRegistration},
    {"swift/bic", IdType::kBic},
    {"legal entity number", IdType::kLei},
    {"unified social credit code", IdType::kUscc},
    {"isin", IdType::kIsin},
    {"vessel registration identification", IdType::kImo},
    {"imo", IdType::kImo},
    {"mmsi", IdType::kMmsi},
    {"d-u-n-s", IdType::kDuns},
    {"driver", IdType::kDriverLicense},
    {"aircraft manufacturer", IdType::kAircraftSerial},
    {"aircraft tail", IdType::kTailNumber},
    {"digital currency address", IdType::kCryptoWallet},
    {"call sign", IdType::kCallSign},
};

IdType MapIdType(std::string_view label, std::string_view country) {
  std::string low = io::ToLowerAscii(label);
  // OFAC's "Government Gazette Number" for Russian firms is the OKPO code.
  if (low.starts_with("government gazette") && country == "RU") return IdType::kOkpo;
  for (const auto& r : kIdRules) {
    if (low.starts_with(r.label)) return r.type;
  }
  return IdType::kOther;
}

// Labels in the ids column that are facts about the party, not identifiers.
bool IsFactLabel(std::string_view label) {
  std::string low = io::ToLowerAscii(label);
  for (std::string_view p : {"executive order",
                             "listing date",
                             "effective date",
                             "target type",
                             "transactions prohibited",
                             "issuer name",
                             "equity ticker",
                             "purchase/sales",
                             "additional sanctions information",
                             "ifca determination",
                             "caatsa",
                             "related to",
                             "other vessel",
                             "vessel year of build",
                             "vessel flag",
                             "vessel type",
                             "aircraft",
                             "organization type",
                             "title",
                             "citizen",
                             "nationality",
                             "location",
                             "place of birth",
                             "date of birth",
                             "alt."}) {
    if (low.starts_with(p) && !(p == "aircraft" && MapIdType(label, "") != IdType::kOther)) {
      return true;
    }
  }
  return false;
}

void AddId(Entity& e, const RawId& raw) {
  std::string label = io::CollapseWhitespace(raw.type);
  std::string value = io::CollapseWhitespace(raw.number);
  std::string low = io::ToLowerAscii(label);
  if (label.empty() && value.empty()) return;
  if (low == "gender") {
    if (e.gender.empty()) e.gender = NormalizeGender(value);
    return;
  }
  if (low.starts_with("secondary sanctions risk")) {
    AddUnique(e.sanctions_risks, value);
    return;
  }
  if (low == "website") {
    AddUnique(e.websites, value);
    return;
  }
  if (low.starts_with("email")) {
    AddUnique(e.emails, value);
    return;
  }
  if (low.starts_with("phone") || low.starts_with("telephone") || low == "fax") {
    AddUnique(e.phones, value);
    return;
  }
  if (low == "organization established date") {
    if (auto d = ParseListDate(value); d && e.incorporation_date.empty()) {
      e.incorporation_date = *d;
    }
    return;
  }
  if (low == "nationality of registration") {
    AddUnique(e.countries, CountryCode(value));
    return;
  }
  if (value.empty() || IsFactLabel(label)) {
    std::string v = value;
    for (const auto& n : raw.notes) v += ", " + n;
    e.properties.emplace_back(label, v);
    return;
  }
  Identifier id;
  id.country = CountryCode(raw.country);
  id.type = MapIdType(label, id.country);
  id.value = value;
  if (id.type == IdType::kImo && io::StartsWithIgnoreCaseAscii(id.value, "IMO ")) {
    id.value = std::string(io::Trim(std::string_view(id.value).substr(4)));
  }
  id.label = label;
  if (!raw.notes.empty()) id.note = io::Join(raw.notes, ", ");
  for (const auto& x : e.identifiers) {
    if (x.type == id.type && x.value == id.value && x.country == id.country) return;
  }
  e.identifiers.push_back(std::move(id));
}

void AddNames(Entity& e, const CslNameParts& parts, NameKind primary_kind) {
  if (Name* n = AddName(e, parts.primary, primary_kind); n && e.schema == Schema::kPerson) {
    // Treasury rows spell persons "FAMILY, Given".
    size_t comma = n->full.find(", ");
    if (comma != std::string::npos && n->full.find(", ", comma + 1) == std::string::npos) {
      n->family = n->full.substr(0, comma);
      n->given = n->full.substr(comma + 2);
    }
  }
  for (const auto& [name, kind] : parts.names) AddName(e, name, kind);
  for (const auto& parent : parts.parents) {
    if (parent.empty()) continue;
    Relation r;
    r.kind = RelationKind::kSubsidiaryOf;
    r.target_name = parent;
    e.relations.push_back(std::move(r));
  }
  if (!parts.note.empty()) AddUnique(e.remarks, parts.note);
}

Schema SchemaFor(std::string_view type, const CslNameParts& parts) {
  std::string low = io::ToLowerAscii(io::Trim(type));
  if (low == "individual") return Schema::kPerson;
  if (low == "vessel") return Schema::kVessel;
  if (low == "aircraft") return Schema::kAircraft;
  if (low == "entity") return OrgSchemaFromName(parts.primary);
  // State and Commerce rows carry no type.
  if (parts.person) return Schema::kPerson;
  return OrgSchemaFromName(parts.primary) == Schema::kCompany ? Schema::kCompany
                                                              : Schema::kLegalEntity;
}

// "(Linked To: SURGUTNEFTEGAS)" in Treasury remarks.
void AddLinks(Entity& e, std::string_view remarks) {
  for (size_t at = FindCi(remarks, "(Linked To: "); at != std::string_view::npos;
       at = FindCi(remarks, "(Linked To: ", at + 1)) {
    size_t close = remarks.find(')', at);
    if (close == std::string_view::npos) break;
    Relation r;
    r.kind = RelationKind::kLinkedTo;
    r.target_name = io::CollapseWhitespace(remarks.substr(at + 12, close - at - 12));
    if (!r.target_name.empty()) e.relations.push_back(std::move(r));
  }
}

void AddProperty(Entity& e, std::string key, std::string_view value) {
  std::string v = io::CollapseWhitespace(value);
  if (v.empty()) return;
  for (const auto& [k, x] : e.properties) {
    if (k == key && x == v) return;
  }
  e.properties.emplace_back(std::move(key), std::move(v));
}

// Fills (or, for a repeated entity number, extends) `e` from `r`.
void ApplyRecord(const Record& r, Entity& e, bool merge) {
  bool person_type = io::EqualsIgnoreCaseAscii(io::Trim(r.type), "individual");
  CslNameParts parts = SplitCslName(r.name, !person_type);
  if (!merge) {
    e.schema = SchemaFor(r.type, parts);
  } else if (e.schema == Schema::kLegalEntity) {
    e.schema = SchemaFor(r.type, parts);
  }
  AddNames(e, parts, merge ? NameKind::kStrongAlias : NameKind::kPrimary);
  if (parts.primary != io::CollapseWhitespace(r.name)) AddProperty(e, "csl_name", r.name);
  for (const auto& alt : r.alt_names) {
    AddNames(e, SplitCslName(alt, e.schema != Schema::kPerson), NameKind::kStrongAlias);
  }

  AddProperty(e, "csl_list", r.source);
  Program list;
  list.code = CslListCode(r.source);
  list.license_requirement = io::CollapseWhitespace(r.license_requirement);
  list.license_policy = io::CollapseWhitespace(r.license_policy);
  if (!list.code.empty()) e.programs.push_back(std::move(list));
  for (const auto& p : r.programs) {
    std::string code = io::CollapseWhitespace(p);
    if (code.empty()) continue;
    bool seen = std::any_of(e.programs.begin(), e.programs.end(),
                            [&](const Program& x) { return x.code == code; });
    if (!seen) e.programs.push_back(Program{code, "", ""});
  }

  for (const auto& t : SplitMulti(r.title)) AddUnique(e.titles, t);
  for (const auto& a : r.addresses) {
    Address addr;
    addr.full = a.full;
    addr.street = a.street;
    addr.city = a.city;
    addr.region = a.region;
    addr.postal_code = a.postal_code;
    addr.country = CountryCode(a.country);
    if (addr.full.empty()) {
      std::vector<std::string> pieces;
      for (const auto* p : {&a.street, &a.city, &a.region, &a.postal_code, &a.country}) {
        if (!p->empty()) pieces.push_back(*p);
      }
      addr.full = io::Join(pieces, ", ");
    }
    if (addr.full.empty()) continue;
    bool seen = std::any_of(e.addresses.begin(), e.addresses.end(),
                            [&](const Address& x) { return x.full == addr.full; });
    if (!seen) e.addresses.push_back(std::move(addr));
  }
  for (const auto& d : r.dates_of_birth) {
    if (auto pd = ParseListDate(d)) {
      if (std::find(e.birth_dates.begin(), e.birth_dates.end(), *pd) == e.birth_dates.end()) {
        e.birth_dates.push_back(*pd);
      }
    }
  }
  for (const auto& p : r.places_of_birth) AddUnique(e.birth_places, p);
  for (const auto* list : {&r.citizenships, &r.nationalities}) {
    for (const auto& c : *list) AddUnique(e.nationalities, CountryCode(c));
  }
  for (const auto& id : r.ids) AddId(e, id);
  if (!r.call_sign.empty()) AddId(e, RawId{"Call Sign", r.call_sign, "", {}});
  for (const auto& d : SplitMulti(r.start_date)) {
    if (auto pd = ParseListDate(d)) {
      if (std::find(e.listing_dates.begin(), e.listing_dates.end(), *pd) == e.listing_dates.end()) {
        e.listing_dates.push_back(*pd);
      }
    }
  }
  if (!r.remarks.empty()) {
    AddUnique(e.remarks, r.remarks);
    AddLinks(e, r.remarks);
  }
  if (!r.vessel_flag.empty()) {
    AddProperty(e, "vessel_flag", r.vessel_flag);
    AddUnique(e.countries, CountryCode(r.vessel_flag));
  }
  if (!io::CollapseWhitespace(r.vessel_owner).empty()) {
    AddProperty(e, "vessel_owner", r.vessel_owner);
    Relation rel;
    rel.kind = RelationKind::kOwnedBy;
    rel.target_name = io::CollapseWhitespace(r.vessel_owner);
    e.relations.push_back(std::move(rel));
  }
  AddProperty(e, "vessel_type", r.vessel_type);
  AddProperty(e, "gross_tonnage", r.gross_tonnage);
  AddProperty(e, "gross_registered_tonnage", r.gross_registered_tonnage);
  AddProperty(e, "federal_register_notice", r.federal_register_notice);
  AddProperty(e, "end_date", r.end_date);
  AddProperty(e, "standard_order", r.standard_order);
  AddProperty(e, "source_information_url", r.source_information_url);
  if (!r.id.empty() && r.id != e.source_id) AddProperty(e, "csl_id", r.id);
}

// A name listed twice with different strengths ("PTI" as a weak acronym and
// as a published alias) keeps only its strongest kind; a former name stays
// beside an alias, since both are facts.
void DropWeakerDuplicates(Entity& e) {
  auto rank = [](NameKind k) {
    switch (k) {
      case NameKind::kPrimary:
        return 0;
      case NameKind::kStrongAlias:
        return 1;
      case NameKind::kWeakAlias:
        return 2;
      case NameKind::kFormerName:
        return 3;
    }
    return 3;
  };
  std::vector<bool> drop(e.names.size(), false);
  for (size_t i = 0; i < e.names.size(); ++i) {
    const Name& n = e.names[i];
    if (n.kind != NameKind::kWeakAlias && n.kind != NameKind::kStrongAlias) continue;
    for (const auto& m : e.names) {
      if (&m == &n || m.full != n.full) continue;
      if (rank(m.kind) < rank(n.kind)) drop[i] = true;
    }
  }
  std::vector<Name> kept;
  for (size_t i = 0; i < e.names.size(); ++i) {
    if (!drop[i]) kept.push_back(std::move(e.names[i]));
  }
  e.names = std::move(kept);
}

// Collects records into entities, merging repeated source ids.
class Builder {
 public:
  explicit Builder(std::string source) : source_(std::move(source)) {}

  void Add(const Record& r) {
    std::string sid = !r.entity_number.empty() ? r.entity_number : r.id;
    auto [it, fresh] = index_.try_emplace(sid, entities_.size());
    if (fresh) {
      entities_.emplace_back();
      entities_.back().source = source_;
      entities_.back().source_id = sid;
    }
    ApplyRecord(r, entities_[it->second], !fresh);
  }

  std::vector<Entity> Take() {
    for (auto& e : entities_) DropWeakerDuplicates(e);
    return std::move(entities_);
  }

 private:
  std::string source_;
  std::vector<Entity> entities_;
  std::unordered_map<std::string, size_t> index_;
};

// Shared checks before a record becomes an entity; returns the reason it is
// unusable, or "".
std::string Validate(const Record& r) {
  if (r.entity_number.empty() && r.id.empty()) return "no entity_number and no _id";
  if (io::Trim(r.name).empty()) return "no name";
  if (SplitCslName(r.name).primary.empty()) return "name has no usable text";
  return "";
}

// ---------------------------------------------------------------------------
// CSV.

Status ReadCsv(const InputFile& file, Builder& builder, ReadOutput& out) {
  io::CsvReader reader(file.data);
  std::vector<std::string> rec;
  io::CsvReader::Next n = reader.Read(rec);
  if (n != io::CsvReader::Next::kRecord) {
    return Status::ParseError(file.path + ": no header row" +
                              (n == io::CsvReader::Next::kError ? ": " + reader.error() : ""));
  }
  std::vector<std::string> header_row = rec;
  for (auto& h : header_row) h = std::string(io::Trim(h));
  io::CsvHeader header(header_row);
  const int c_name = header.Col("name"), c_source = header.Col("source");
  const int c_id = header.Col("_id"), c_number = header.Col("entity_number");
  if (c_name < 0 || c_source < 0 || (c_id < 0 && c_number < 0)) {
    return Status::ParseError(file.path + ":1: not a CSL CSV: the header needs name, source and " +
                              "_id or entity_number columns");
  }
  auto col = [&](std::string_view name) { return header.Col(name); };
  const int c_type = col("type"), c_programs = col("programs"), c_title = col("title"),
            c_addresses = col("addresses"), c_frn = col("federal_register_notice"),
            c_start = col("start_date"), c_end = col("end_date"), c_order = col("standard_order"),
            c_lreq = col("license_requirement"), c_lpol = col("license_policy"),
            c_call = col("call_sign"), c_vtype = col("vessel_type"), c_gt = col("gross_tonnage"),
            c_grt = col("gross_registered_tonnage"), c_flag = col("vessel_flag"),
            c_owner = col("vessel_owner"), c_remarks = col("remarks"), c_alt = col("alt_names"),
            c_cit = col("citizenships"), c_dob = col("dates_of_birth"),
            c_nat = col("nationalities"), c_pob = col("places_of_birth"),
            c_info = col("source_information_url"), c_ids = col("ids");
  while (true) {
    n = reader.Read(rec);
    if (n == io::CsvReader::Next::kEnd) break;
    if (n == io::CsvReader::Next::kError) {
      out.problems.push_back(MakeProblem(file, reader.line(), "", reader.error()));
      continue;
    }
    const int64_t line = reader.line();
    std::string rid = io::Field(rec, c_number);
    if (rid.empty()) rid = io::Field(rec, c_id);
    if (rid.size() > 80) rid.resize(80);
    // The watchman sample repeats the header on line 2.
    if (rec.size() == header_row.size() &&
        std::equal(rec.begin(), rec.end(), header_row.begin(),
                   [](const std::string& a, const std::string& b) { return io::Trim(a) == b; })) {
      continue;
    }
    if (rec.size() != header.size()) {
      out.problems.push_back(MakeProblem(file, line, io::SanitizeUtf8(rid),
                                         "expected " + std::to_string(header.size()) +
                                             " fields, found " + std::to_string(rec.size())));
      continue;
    }
    bool bad_utf8 = false;
    for (size_t i = 0; i < rec.size() && !bad_utf8; ++i) {
      if (auto p = CheckUtf8(file, line, io::SanitizeUtf8(rid), rec[i])) {
        p->column = static_cast<int64_t>(i) + 1;
        p->reason = "field " + header.names()[i] + ": " + p->reason;
        out.problems.push_back(std::move(*p));
        bad_utf8 = true;
      }
    }
    if (bad_utf8) continue;

    Record r;
    r.id = io::Trim(io::Field(rec, c_id));
    r.entity_number = io::Trim(io::Field(rec, c_number));
    r.source = io::Field(rec, c_source);
    r.type = io::Field(rec, c_type);
    r.name = io::Field(rec, c_name);
    r.title = io::Field(rec, c_title);
    r.federal_register_notice = io::Field(rec, c_frn);
    r.start_date = io::Field(rec, c_start);
    r.end_date = io::Field(rec, c_end);
    r.standard_order = io::Field(rec, c_order);
    r.license_requirement = io::Field(rec, c_lreq);
    r.license_policy = io::Field(rec, c_lpol);
    r.call_sign = io::Trim(io::Field(rec, c_call));
    r.vessel_type = io::Field(rec, c_vtype);
    r.gross_tonnage = io::Field(rec, c_gt);
    r.gross_registered_tonnage = io::Field(rec, c_grt);
    r.vessel_flag = io::Field(rec, c_flag);
    r.vessel_owner = io::Field(rec, c_owner);
    r.remarks = io::CollapseWhitespace(io::Field(rec, c_remarks));
    r.source_information_url = io::Field(rec, c_info);
    r.programs = SplitMulti(io::Field(rec, c_programs));
    r.alt_names = SplitMulti(io::Field(rec, c_alt));
    r.citizenships = SplitMulti(io::Field(rec, c_cit));
    r.dates_of_birth = SplitMulti(io::Field(rec, c_dob));
    r.nationalities = SplitMulti(io::Field(rec, c_nat));
    r.places_of_birth = SplitMulti(io::Field(rec, c_pob));
    for (const auto& a : SplitMulti(io::Field(rec, c_addresses))) {
      r.addresses.push_back(ParseCsvAddress(a));
    }
    for (const auto& id : SplitMulti(io::Field(rec, c_ids))) r.ids.push_back(ParseCsvId(id));
    if (std::string why = Validate(r); !why.empty()) {
      out.problems.push_back(MakeProblem(file, line, rid, why));
      continue;
    }
    builder.Add(r);
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------
// JSON.

using Json = nlohmann::json;

// Records where a parse failed; nlohmann's SAX interface reports the byte
// position that the DOM parser (with exceptions off) does not.
class ErrorFinder : public nlohmann::json_sax<Json> {
 public:
  size_t position = 0;
  std::string message;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t pos, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    position = pos;
    message = ex.what();
    return false;
  }
};

std::string JsonText(const Json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number_unsigned()) return std::to_string(v.get<uint64_t>());
  if (v.is_number_float()) return v.dump();
  return "";
}

std::string JsonStr(const Json& obj, std::string_view key) {
  auto it = obj.find(key);
  return it == obj.end() ? "" : JsonText(*it);
}

// A field that is an array of strings in the JSON export, or a "; "-joined
// string in older dumps.
std::vector<std::string> JsonList(const Json& obj, std::string_view key) {
  std::vector<std::string> out;
  auto it = obj.find(key);
  if (it == obj.end()) return out;
  if (it->is_array()) {
    for (const auto& v : *it) {
      std::string s(io::Trim(JsonText(v)));
      if (!s.empty()) out.push_back(std::move(s));
    }
  } else {
    out = SplitMulti(JsonText(*it));
  }
  return out;
}

// Builds the records of the JSON export. Returns an error for a file that is
// not the CSL JSON layout at all.
Status ReadJson(const InputFile& file, Builder& builder, ReadOutput& out) {
  Json root = Json::parse(file.data, nullptr, false);
  if (root.is_discarded()) {
    ErrorFinder finder;
    Json::sax_parse(file.data, &finder);
    int64_t line = 1, column = 1;
    for (size_t i = 0; i < finder.position && i < file.data.size(); ++i) {
      if (file.data[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    return Status::ParseError(file.path + ":" + std::to_string(line) + ":" +
                              std::to_string(column) + ": invalid JSON: " + finder.message);
  }
  const Json* results = nullptr;
  if (root.is_array()) {
    results = &root;
  } else if (root.is_object() && root.contains("results") && root["results"].is_array()) {
    results = &root["results"];
  } else {
    return Status::ParseError(file.path + ": not a CSL JSON file: expected {\"results\": [...]}");
  }
  int64_t index = -1;
  for (const auto& item : *results) {
    ++index;
    std::string where = "results[" + std::to_string(index) + "]";
    if (!item.is_object()) {
      out.problems.push_back(MakeProblem(file, 0, "", where + ": not an object"));
      continue;
    }
    Record r;
    r.id = std::string(io::Trim(JsonStr(item, "_id")));
    if (r.id.empty()) r.id = std::string(io::Trim(JsonStr(item, "id")));
    r.entity_number = std::string(io::Trim(JsonStr(item, "entity_number")));
    r.source = JsonStr(item, "source");
    r.type = JsonStr(item, "type");
    r.name = JsonStr(item, "name");
    r.title = JsonStr(item, "title");
    r.federal_register_notice = JsonStr(item, "federal_register_notice");
    r.start_date = JsonStr(item, "start_date");
    r.end_date = JsonStr(item, "end_date");
    r.standard_order = JsonStr(item, "standard_order");
    r.license_requirement = JsonStr(item, "license_requirement");
    r.license_policy = JsonStr(item, "license_policy");
    r.call_sign = std::string(io::Trim(JsonStr(item, "call_sign")));
    r.vessel_type = JsonStr(item, "vessel_type");
    r.gross_tonnage = JsonStr(item, "gross_tonnage");
    r.gross_registered_tonnage = JsonStr(item, "gross_registered_tonnage");
    r.vessel_flag = JsonStr(item, "vessel_flag");
    r.vessel_owner = JsonStr(item, "vessel_owner");
    r.remarks = io::CollapseWhitespace(JsonStr(item, "remarks"));
    r.source_information_url = JsonStr(item, "source_information_url");
    r.programs = JsonList(item, "programs");
    r.alt_names = JsonList(item, "alt_names");
    r.citizenships = JsonList(item, "citizenships");
    r.dates_of_birth = JsonList(item, "dates_of_birth");
    r.nationalities = JsonList(item, "nationalities");
    r.places_of_birth = JsonList(item, "places_of_birth");
    if (auto it = item.find("addresses"); it != item.end()) {
      if (it->is_string()) {
        for (const auto& a : SplitMulti(JsonText(*it))) r.addresses.push_back(ParseCsvAddress(a));
      } else if (it->is_array()) {
        for (const auto& a : *it) {
          if (a.is_string()) {
            r.addresses.push_back(ParseCsvAddress(JsonText(a)));
            continue;
          }
          if (!a.is_object()) continue;
          RawAddress ra;
          ra.street = io::CollapseWhitespace(JsonStr(a, "address"));
          ra.city = io::CollapseWhitespace(JsonStr(a, "city"));
          ra.region = io::CollapseWhitespace(JsonStr(a, "state"));
          ra.postal_code = io::CollapseWhitespace(JsonStr(a, "postal_code"));
          ra.country = io::CollapseWhitespace(JsonStr(a, "country"));
          r.addresses.push_back(std::move(ra));
        }
      }
    }
    if (auto it = item.find("ids"); it != item.end()) {
      if (it->is_string()) {
        for (const auto& id : SplitMulti(JsonText(*it))) r.ids.push_back(ParseCsvId(id));
      } else if (it->is_array()) {
        for (const auto& v : *it) {
          if (v.is_string()) {
            r.ids.push_back(ParseCsvId(JsonText(v)));
            continue;
          }
          if (!v.is_object()) continue;
          RawId id;
          id.type = JsonStr(v, "type");
          id.number = JsonStr(v, "number");
          id.country = std::string(io::Trim(JsonStr(v, "country")));
          if (std::string d = JsonStr(v, "issue_date"); !d.empty()) {
            id.notes.push_back("issued " + d);
          }
          if (std::string d = JsonStr(v, "expiration_date"); !d.empty()) {
            id.notes.push_back("expires " + d);
          }
          r.ids.push_back(std::move(id));
        }
      }
    }
    std::string rid = !r.entity_number.empty() ? r.entity_number : r.id;
    if (std::string why = Validate(r); !why.empty()) {
      Problem p = MakeProblem(file, 0, rid, where + ": " + why);
      p.column = index + 1;
      out.problems.push_back(std::move(p));
      continue;
    }
    builder.Add(r);
  }
  return Status::Ok();
}

bool LooksLikeJson(std::string_view data) {
  std::string_view t = data;
  if (t.starts_with("\xEF\xBB\xBF")) t.remove_prefix(3);
  t = io::Trim(t);
  return !t.empty() && (t.front() == '{' || t.front() == '[');
}

}  // namespace

Result<ReadOutput> ReadCsl(std::span<const InputFile> files, const ReadOptions& options) {
  if (files.empty()) return Status::InvalidArgument("csl: no input file");
  ReadOutput out;
  Builder builder(options.source_id);
  for (const auto& file : files) {
    Status st =
        LooksLikeJson(file.data) ? ReadJson(file, builder, out) : ReadCsv(file, builder, out);
    CHOKEPOINT_RETURN_IF_ERROR(st);
  }
  out.entities = builder.Take();
  // The newest start_date is only the newest listing, not the publication
  // date; the file name is the one reliable source.
  out.meta.list_date = DateFromFileName(files.front().path);
  return out;
}

}  // namespace chokepoint::lists
