// OFAC SDN Advanced XML (SDN_ADVANCED.XML, cons_advanced.xml): the "Advanced
// Sanctions Data Model" that OFAC publishes beside its legacy CSV files.
//
// The format is fully normalised. <ReferenceValueSets> holds every code list
// (alias types, countries, feature types, document types, ...) as elements
// <X ID="n">text</X> inside <XValues>; everything else refers to them by ID.
// A <DistinctParty FixedRef> (FixedRef is the legacy ent_num) has one
// <Profile> whose <Identity> carries the <Alias>es (each a <DocumentedName>
// built from <NamePartValue>s typed through <NamePartGroups>) and whose
// <Feature>s carry dates (<DatePeriod>), places (<VersionLocation> pointing
// into <Locations>) and free text or coded details (<VersionDetail>).
// Identity documents live apart in <IDRegDocuments>, keyed by IdentityID;
// programmes and listing dates in <SanctionsEntries>, keyed by ProfileID;
// links between parties in <ProfileRelationships>.
//
// Facts about the structure come from OFAC's published schema
// (sdn_advanced.xsd, namespace http://www.un.org/sanctions/1.0, later
// https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML)
// and its explanatory notes (sdn_advanced_notes.pdf). Names are matched by
// local name so that either namespace, or a prefixed re-serialisation, reads.

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/strings.h"
#include "lists/common.h"
#include "lists/pugi_support.h"
#include "lists/readers.h"

namespace chokepoint::lists {

namespace {

// All reference value sets, by element name ("AliasType", "Country", ...)
// and then by ID.
class RefValues {
 public:
  explicit RefValues(const pugi::xml_node& sets) {
    for (pugi::xml_node set = sets.first_child(); set; set = set.next_sibling()) {
      if (set.type() != pugi::node_element) continue;
      for (pugi::xml_node v = set.first_child(); v; v = v.next_sibling()) {
        if (v.type() != pugi::node_element) continue;
        const char* id = v.attribute("ID").value();
        if (*id == '\0') continue;
        values_[std::string(LocalName(v))][id] = v;
      }
    }
  }

  pugi::xml_node Find(const std::string& type, const std::string& id) const {
    auto it = values_.find(type);
    if (it == values_.end()) return pugi::xml_node();
    auto jt = it->second.find(id);
    return jt == it->second.end() ? pugi::xml_node() : jt->second;
  }
  std::string Text(const std::string& type, const std::string& id) const {
    pugi::xml_node n = Find(type, id);
    return n ? io::CollapseWhitespace(n.text().get()) : std::string();
  }
  // ISO alpha-2 of a Country reference: its ISO2 attribute, else its name.
  std::string Country(const std::string& id) const {
    pugi::xml_node n = Find("Country", id);
    if (!n) return "";
    std::string code = CountryCode(Attr(n, "ISO2"));
    return code.empty() ? CountryCode(NodeText(n)) : code;
  }

 private:
  std::unordered_map<std::string, std::unordered_map<std::string, pugi::xml_node>> values_;
};

struct Ymd {
  int y = 0, m = 0, d = 0;
  friend bool operator==(const Ymd&, const Ymd&) = default;
};

bool ParseUint(const std::string& s, int& out) {
  if (!io::IsDigits(s) || s.size() > 4) return false;
  out = std::atoi(s.c_str());
  return true;
}

// A <Date>, <From> or <To> element with <Year>, <Month>, <Day> children.
// Month and day may be absent (treated as unknown).
std::optional<PartialDate> ReadDatePoint(const pugi::xml_node& node, std::string& error) {
  std::string ys = ChildText(node, "Year"), ms = ChildText(node, "Month"),
              ds = ChildText(node, "Day");
  int y = 0, m = 0, d = 0;
  if (!ParseUint(ys, y) || (!ms.empty() && !ParseUint(ms, m)) ||
      (!ds.empty() && !ParseUint(ds, d))) {
    error = "invalid date '" + ys + "-" + ms + "-" + ds + "'";
    return std::nullopt;
  }
  char buf[16];
  if (m == 0) {
    std::snprintf(buf, sizeof buf, "%04d", y);
  } else if (d == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  }
  auto date = ParsePartialDate(buf);
  if (!date) error = "invalid date '" + std::string(buf) + "'";
  return date;
}

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[(m - 1) % 12];
}

// A <DatePeriod>. OFAC writes an exact date as Start and End with equal From
// and To points, and an imprecise one as a range: a whole year (Jan 1 to Dec
// 31) means "the year is known", a whole month likewise; any other range is
// kept as its first year, marked circa. Returns nullopt with `error` empty
// when the period carries no date at all.
std::optional<PartialDate> ReadDatePeriod(const pugi::xml_node& period, std::string& error) {
  pugi::xml_node start = Child(period, "Start"), end = Child(period, "End");
  pugi::xml_node from_node = Child(start, "From");
  if (!from_node) from_node = Child(start, "To");
  pugi::xml_node to_node = Child(end, "To");
  if (!to_node) to_node = Child(end, "From");
  if (!to_node) to_node = Child(start, "To");
  if (!from_node) from_node = to_node;
  if (!to_node) to_node = from_node;
  if (!from_node) return std::nullopt;
  auto from = ReadDatePoint(from_node, error);
  if (!from) return std::nullopt;
  auto to = ReadDatePoint(to_node, error);
  if (!to) return std::nullopt;
  bool approximate = Attr(start, "Approximate") == "true" || Attr(end, "Approximate") == "true";
  PartialDate out = *from;
  if (*from == *to) {
    // exact (to whatever precision the points carry)
  } else if (from->year == to->year && from->month <= 1 && from->day <= 1 &&
             (to->month == 0 || to->month == 12) && (to->day == 0 || to->day == 31)) {
    out.month = 0;
    out.day = 0;
  } else if (from->year == to->year && from->month == to->month && from->month > 0 &&
             from->day <= 1 && (to->day == 0 || to->day == DaysInMonth(to->year, to->month))) {
    out.day = 0;
  } else {
    out.month = 0;
    out.day = 0;
    approximate = true;
  }
  out.circa = approximate;
  return out;
}

// The FeatureType names are OFAC's; some carry a trailing ':' or ' -'.
std::string FeatureKey(std::string_view name) {
  std::string key = io::ToLowerAscii(io::Trim(name));
  while (!key.empty() && (key.back() == ':' || key.back() == '-' || key.back() == ' ')) {
    key.pop_back();
  }
  return key;
}

// A location as an address, with its country resolved.
Address ReadLocation(const pugi::xml_node& loc, const RefValues& refs) {
  Address a;
  std::string country_name;
  for (const auto& lc : Children(loc, "LocationCountry")) {
    std::string id = Attr(lc, "CountryID");
    a.country = refs.Country(id);
    country_name = refs.Text("Country", id);
    if (!a.country.empty()) break;
  }
  if (a.country.empty()) {
    for (const auto& ac : Children(loc, "LocationAreaCode")) {
      pugi::xml_node area = refs.Find("AreaCode", Attr(ac, "AreaCodeID"));
      if (!area) continue;
      a.country = refs.Country(Attr(area, "CountryID"));
      if (a.country.empty()) a.country = CountryCode(Attr(area, "Description"));
      if (!a.country.empty()) break;
    }
  }
  std::vector<std::string> street, unknown;
  for (const auto& part : Children(loc, "LocationPart")) {
    std::string type = io::ToUpperAscii(refs.Text("LocPartType", Attr(part, "LocPartTypeID")));
    // The primary value when several are given (e.g. transliterations).
    std::string value;
    for (const auto& v : Children(part, "LocationPartValue")) {
      std::string text = io::CollapseWhitespace(ChildText(v, "Value"));
      if (text.empty()) continue;
      if (value.empty() || Attr(v, "Primary") == "true") value = text;
    }
    if (value.empty()) continue;
    if (type.rfind("ADDRESS", 0) == 0) {
      street.push_back(value);
    } else if (type == "CITY") {
      a.city = value;
    } else if (type == "POSTAL CODE") {
      a.postal_code = value;
    } else if (type == "REGION" || type == "STATE/PROVINCE") {
      a.region = a.region.empty() ? value : a.region + ", " + value;
    } else {
      unknown.push_back(value);
    }
  }
  a.street = io::Join(street, ", ");
  std::vector<std::string> full;
  for (const std::string* p : {&a.street, &a.city, &a.region, &a.postal_code}) {
    if (!p->empty()) full.push_back(*p);
  }
  for (auto& u : unknown) full.push_back(u);
  if (a.country.empty() && !unknown.empty()) a.country = CountryCode(unknown.back());
  if (!country_name.empty() && (full.empty() || full.back() != country_name)) {
    full.push_back(country_name);
  }
  a.full = io::Join(full, ", ");
  return a;
}

IdType DocIdType(const std::string& label, const std::string& country, const std::string& number) {
  std::string t = io::ToLowerAscii(label);
  auto has = [&](std::string_view s) { return t.find(s) != std::string::npos; };
  if (has("passport")) return IdType::kPassport;
  if (has("unified social credit code") || t == "uscc") return IdType::kUscc;
  if (has("swift") || t == "bic") return IdType::kBic;
  if (has("legal entity number") || t == "lei") return IdType::kLei;
  if (has("mmsi")) return IdType::kMmsi;
  if (has("vessel registration identification") || t == "imo" || has("imo number")) {
    return IdType::kImo;
  }
  if (has("d-u-n-s") || has("duns")) return IdType::kDuns;
  if (has("isin")) return IdType::kIsin;
  if (has("driver")) return IdType::kDriverLicense;
  if (t == "kpp" || has("(kpp)")) return IdType::kKpp;
  if (t == "okpo" || has("(okpo)")) return IdType::kOkpo;
  if (t == "ogrn" || has("(ogrn)")) return IdType::kOgrn;
  if (has("tax id") || has("taxpayer") || t == "inn") {
    return country == "RU" ? IdType::kInn : IdType::kTaxId;
  }
  if (has("registration") || has("company number") || has("registry number") ||
      has("business number") || has("gazette")) {
    // OGRN, Russia's state registration number, has 13 digits (15 for sole
    // traders); OFAC files it as a plain "Registration Number".
    if (country == "RU" && io::IsDigits(number) && (number.size() == 13 || number.size() == 15)) {
      return IdType::kOgrn;
    }
    return IdType::kRegistration;
  }
  if (has("national id") || has("identification number") || has("id card") || has("cedula") ||
      has("personal id") || t == "ssn") {
    return IdType::kNationalId;
  }
  return IdType::kOther;
}

std::string CleanImo(std::string_view v) {
  std::string_view s = io::Trim(v);
  if (io::StartsWithIgnoreCaseAscii(s, "IMO")) s = io::Trim(s.substr(3));
  return std::string(s);
}

void AddIdentifier(Entity& e, Identifier id) {
  if (id.value.empty()) return;
  for (const auto& x : e.identifiers) {
    if (x.type == id.type && x.value == id.value) return;
  }
  e.identifiers.push_back(std::move(id));
}

// One Feature's value(s) applied to the entity. Returns an error text for a
// malformed feature (the party is then skipped).
std::string ApplyFeature(Entity& e, const pugi::xml_node& feature, const RefValues& refs,
                         const std::unordered_map<std::string, pugi::xml_node>& locations) {
  std::string type_id = Attr(feature, "FeatureTypeID");
  pugi::xml_node type_node = refs.Find("FeatureType", type_id);
  if (!type_node) return "unknown FeatureTypeID '" + type_id + "'";
  std::string label = io::CollapseWhitespace(type_node.text().get());
  std::string key = FeatureKey(label);
  for (const auto& version : Children(feature, "FeatureVersion")) {
    std::optional<PartialDate> date;
    for (const auto& period : Children(version, "DatePeriod")) {
      std::string error;
      date = ReadDatePeriod(period, error);
      if (!error.empty()) return label + ": " + error;
      if (date) break;
    }
    std::vector<Address> places;
    for (const auto& vl : Children(version, "VersionLocation")) {
      auto it = locations.find(Attr(vl, "LocationID"));
      if (it == locations.end())
        return label + ": unknown LocationID '" + Attr(vl, "LocationID") + "'";
      places.push_back(ReadLocation(it->second, refs));
    }
    std::vector<std::string> details;
    for (const auto& vd : Children(version, "VersionDetail")) {
      std::string ref_id = Attr(vd, "DetailReferenceID");
      std::string text = ref_id.empty() ? io::CollapseWhitespace(vd.text().get())
                                        : refs.Text("DetailReference", ref_id);
      if (!text.empty()) details.push_back(text);
    }
    std::string first_detail = details.empty() ? "" : details.front();

    if (key == "birthdate" || key == "date of birth") {
      if (date &&
          std::find(e.birth_dates.begin(), e.birth_dates.end(), *date) == e.birth_dates.end()) {
        e.birth_dates.push_back(*date);
      }
    } else if (key == "organization established date") {
      if (date) e.incorporation_date = *date;
    } else if (key == "place of birth") {
      for (const auto& p : places) AddUnique(e.birth_places, p.full);
      for (const auto& d : details) AddUnique(e.birth_places, d);
    } else if (key == "nationality country" || key == "citizenship country" ||
               key == "nationality") {
      for (const auto& p : places) AddUnique(e.nationalities, p.country);
      for (const auto& d : details) AddUnique(e.nationalities, CountryCode(d));
    } else if (key == "location" || key == "address") {
      for (auto& p : places) {
        if (!p.full.empty() || !p.country.empty()) e.addresses.push_back(std::move(p));
      }
    } else if (key == "gender") {
      if (e.gender.empty()) e.gender = NormalizeGender(first_detail);
    } else if (key == "website") {
      for (const auto& d : details) AddUnique(e.websites, d);
    } else if (key == "email address") {
      for (const auto& d : details) AddUnique(e.emails, d);
    } else if (key == "phone number") {
      for (const auto& d : details) AddUnique(e.phones, d);
    } else if (key == "title") {
      for (const auto& d : details) AddUnique(e.titles, d);
    } else if (key == "secondary sanctions risk") {
      for (const auto& d : details) AddUnique(e.sanctions_risks, d);
    } else if (key == "additional sanctions information") {
      for (const auto& d : details) AddUnique(e.remarks, d);
    } else if (key == "vessel call sign") {
      for (const auto& d : details) AddIdentifier(e, {IdType::kCallSign, d, "", label, ""});
    } else if (key == "vessel flag" || key == "nationality of registration") {
      for (const auto& p : places) AddUnique(e.countries, p.country);
      for (const auto& d : details) {
        AddUnique(e.countries, CountryCode(d));
        e.properties.emplace_back("vessel_flag", d);
      }
    } else if (key.rfind("digital currency address", 0) == 0) {
      std::string currency;
      if (size_t dash = label.rfind(" - "); dash != std::string::npos) {
        currency = label.substr(dash + 3);
      }
      for (const auto& d : details) {
        AddIdentifier(e, {IdType::kCryptoWallet, d, "", label, currency});
      }
    } else if (key.find("serial number") != std::string::npos && key.rfind("aircraft", 0) == 0) {
      for (const auto& d : details) AddIdentifier(e, {IdType::kAircraftSerial, d, "", label, ""});
    } else if (key == "aircraft tail number") {
      for (const auto& d : details) AddIdentifier(e, {IdType::kTailNumber, d, "", label, ""});
    } else {
      // Anything else (vessel type, tonnage, aircraft model, directive
      // information, ...) is kept under OFAC's own label.
      for (const auto& d : details) e.properties.emplace_back(label, d);
      if (date) e.properties.emplace_back(label, date->ToString());
      for (const auto& p : places) e.properties.emplace_back(label, p.full);
    }
  }
  return "";
}

// Orders typed name parts as a person's name is said: given names first.
std::string ComposeName(const std::vector<std::pair<std::string, std::string>>& parts, Name& n) {
  static const std::vector<std::string> kOrder = {"first name", "middle name", "patronymic",
                                                  "matronymic", "last name"};
  std::vector<std::string> out;
  std::vector<bool> used(parts.size(), false);
  for (const auto& type : kOrder) {
    for (size_t i = 0; i < parts.size(); ++i) {
      if (parts[i].first != type) continue;
      out.push_back(parts[i].second);
      used[i] = true;
      std::string* field = type == "first name"    ? &n.given
                           : type == "middle name" ? &n.middle
                           : type == "last name"   ? &n.family
                           : type == "patronymic"  ? &n.patronymic
                                                   : nullptr;
      if (field != nullptr)
        *field = field->empty() ? parts[i].second : *field + " " + parts[i].second;
    }
  }
  for (size_t i = 0; i < parts.size(); ++i) {
    if (!used[i]) out.push_back(parts[i].second);
  }
  return io::Join(out, " ");
}

struct PartyIndex {
  std::unordered_map<std::string, pugi::xml_node> locations;  // by ID
  std::unordered_map<std::string, std::vector<pugi::xml_node>> docs_by_identity;
  std::unordered_map<std::string, std::vector<pugi::xml_node>> entries_by_profile;
};

// Reads one DistinctParty. Returns an error text when the record is malformed.
std::string ReadParty(const pugi::xml_node& party, const RefValues& refs, const PartyIndex& idx,
                      Entity& e, std::string& profile_id) {
  pugi::xml_node profile = Child(party, "Profile");
  if (!profile) return "DistinctParty has no Profile";
  profile_id = Attr(profile, "ID");
  std::string sub_id = Attr(profile, "PartySubTypeID");
  pugi::xml_node sub = refs.Find("PartySubType", sub_id);
  if (!sub) return "unknown PartySubTypeID '" + sub_id + "'";
  std::string sub_type = io::ToLowerAscii(NodeText(sub));
  if (sub_type.empty() || sub_type == "unknown") {
    sub_type = io::ToLowerAscii(refs.Text("PartyType", Attr(sub, "PartyTypeID")));
  }
  bool is_org = false;
  if (sub_type == "individual") {
    e.schema = Schema::kPerson;
  } else if (sub_type == "vessel") {
    e.schema = Schema::kVessel;
  } else if (sub_type == "aircraft") {
    e.schema = Schema::kAircraft;
  } else if (sub_type == "entity") {
    is_org = true;
  } else {
    e.schema = Schema::kLegalEntity;
  }

  for (const auto& c : Children(party, "Comment")) AddUnique(e.remarks, NodeText(c));
  for (const auto& c : Children(profile, "Comment")) AddUnique(e.remarks, NodeText(c));

  // Names: the primary alias first so that names[0] is the primary name.
  std::vector<Name> names;
  std::vector<std::string> identity_ids;
  for (const auto& identity : Children(profile, "Identity")) {
    identity_ids.push_back(Attr(identity, "ID"));
    std::unordered_map<std::string, std::string> group_type;  // NamePartGroup ID -> type
    for (const auto& master : Children(Child(identity, "NamePartGroups"), "MasterNamePartGroup")) {
      for (const auto& g : Children(master, "NamePartGroup")) {
        group_type[Attr(g, "ID")] =
            io::ToLowerAscii(refs.Text("NamePartType", Attr(g, "NamePartTypeID")));
      }
    }
    for (const auto& alias : Children(identity, "Alias")) {
      std::string type_id = Attr(alias, "AliasTypeID");
      pugi::xml_node type = refs.Find("AliasType", type_id);
      if (!type) return "unknown AliasTypeID '" + type_id + "'";
      std::string alias_type = io::ToUpperAscii(NodeText(type));
      NameKind kind = NameKind::kStrongAlias;
      if (Attr(alias, "Primary") == "true") {
        kind = NameKind::kPrimary;
      } else if (alias_type == "F.K.A.") {
        kind = NameKind::kFormerName;
      } else if (Attr(alias, "LowQuality") == "true") {
        kind = NameKind::kWeakAlias;
      }
      bool first_doc = true;
      for (const auto& dn : Children(alias, "DocumentedName")) {
        std::vector<std::pair<std::string, std::string>> parts;
        for (const auto& dp : Children(dn, "DocumentedNamePart")) {
          pugi::xml_node v = Child(dp, "NamePartValue");
          std::string text = io::CollapseWhitespace(v.text().get());
          if (text.empty()) continue;
          auto it = group_type.find(Attr(v, "NamePartGroupID"));
          parts.emplace_back(it == group_type.end() ? "" : it->second, text);
        }
        Name n;
        n.full = io::CollapseWhitespace(ComposeName(parts, n));
        if (n.full.empty()) continue;
        // A primary alias may be documented in several scripts; the first is
        // the primary name, the others are strong aliases of it.
        n.kind = (kind == NameKind::kPrimary && !first_doc) ? NameKind::kStrongAlias : kind;
        n.script = DetectScript(n.full);
        first_doc = false;
        names.push_back(std::move(n));
      }
    }
  }
  std::stable_partition(names.begin(), names.end(),
                        [](const Name& n) { return n.kind == NameKind::kPrimary; });
  for (auto& n : names) {
    bool dup = false;
    for (const auto& m : e.names) dup = dup || (m.full == n.full && m.kind == n.kind);
    if (!dup) e.names.push_back(std::move(n));
  }
  if (e.names.empty()) return "party has no name";
  if (is_org) e.schema = OrgSchemaFromName(e.caption());

  for (const auto& feature : Children(profile, "Feature")) {
    std::string error = ApplyFeature(e, feature, refs, idx.locations);
    if (!error.empty()) return error;
  }

  for (const auto& identity_id : identity_ids) {
    auto it = idx.docs_by_identity.find(identity_id);
    if (it == idx.docs_by_identity.end()) continue;
    for (const auto& doc : it->second) {
      Identifier id;
      id.label = refs.Text("IDRegDocType", Attr(doc, "IDRegDocTypeID"));
      id.value = io::CollapseWhitespace(ChildText(doc, "IDRegistrationNo"));
      id.country = refs.Country(Attr(doc, "IssuedBy-CountryID"));
      id.type = DocIdType(id.label, id.country, id.value);
      if (id.type == IdType::kImo) id.value = CleanImo(id.value);
      std::vector<std::string> notes;
      std::string authority = ChildText(doc, "IssuingAuthority");
      if (!authority.empty()) notes.push_back("issued by " + authority);
      for (const auto& dd : Children(doc, "DocumentDate")) {
        std::string error;
        auto date = ReadDatePeriod(Child(dd, "DatePeriod"), error);
        if (!error.empty()) return id.label + ": " + error;
        if (!date) continue;
        std::string what =
            io::ToLowerAscii(refs.Text("IDRegDocDateType", Attr(dd, "IDRegDocDateTypeID")));
        notes.push_back((what.empty() ? std::string("date") : what) + " " + date->ToString());
      }
      std::string comment = ChildText(doc, "Comment");
      if (!comment.empty()) notes.push_back(io::CollapseWhitespace(comment));
      id.note = io::Join(notes, "; ");
      if (e.schema == Schema::kOrganization &&
          (id.type == IdType::kRegistration || id.type == IdType::kTaxId ||
           id.type == IdType::kInn || id.type == IdType::kOgrn || id.type == IdType::kUscc)) {
        // A commercial registration number marks a company even when the
        // name carries no legal form.
        e.schema = Schema::kCompany;
      }
      AddIdentifier(e, std::move(id));
    }
  }

  auto entries = idx.entries_by_profile.find(profile_id);
  if (entries != idx.entries_by_profile.end()) {
    for (const auto& entry : entries->second) {
      std::string list = refs.Text("List", Attr(entry, "ListID"));
      if (!list.empty()) e.properties.emplace_back("list", list);
      for (const auto& ev : Children(entry, "EntryEvent")) {
        pugi::xml_node date_node = Child(ev, "Date");
        if (!date_node) continue;
        std::string error;
        auto date = ReadDatePoint(date_node, error);
        if (!date) return "EntryEvent: " + error;
        if (std::find(e.listing_dates.begin(), e.listing_dates.end(), *date) ==
            e.listing_dates.end()) {
          e.listing_dates.push_back(*date);
        }
      }
      for (const auto& m : Children(entry, "SanctionsMeasure")) {
        std::string type = refs.Text("SanctionsType", Attr(m, "SanctionsTypeID"));
        if (!io::EqualsIgnoreCaseAscii(type, "Program")) continue;
        std::string code = io::CollapseWhitespace(ChildText(m, "Comment"));
        if (code.empty()) continue;
        bool dup = false;
        for (const auto& p : e.programs) dup = dup || p.code == code;
        if (!dup) e.programs.push_back(Program{code, "", ""});
      }
    }
  }
  return "";
}

RelationKind RelationKindFor(const std::string& type) {
  std::string t = io::ToLowerAscii(type);
  auto has = [&](std::string_view s) { return t.find(s) != std::string::npos; };
  if (has("owned") || has("controlled by")) return RelationKind::kOwnedBy;
  if (has("subsidiary")) return RelationKind::kSubsidiaryOf;
  if (has("associate")) return RelationKind::kAssociateOf;
  if (has("family") || has("relative")) return RelationKind::kFamilyOf;
  return RelationKind::kLinkedTo;
}

Status ReadOneFile(const InputFile& file, const ReadOptions& options, ReadOutput& out) {
  pugi::xml_document doc;
  CHOKEPOINT_RETURN_IF_ERROR(LoadXml(file, doc));
  pugi::xml_node root = doc.document_element();
  LineIndex lines(file.data);
  if (LocalName(root) != "Sanctions") {
    return Status::ParseError(file.path + ": not an OFAC Advanced XML file (root element <" +
                              std::string(root.name()) + ">, expected <Sanctions>)");
  }
  RefValues refs(Child(root, "ReferenceValueSets"));

  if (pugi::xml_node issued = Child(root, "DateOfIssue")) {
    std::string error;
    if (auto d = ReadDatePoint(issued, error); d && d->day > 0) {
      out.meta.list_date = std::max(out.meta.list_date, d->ToString());
    }
  }

  PartyIndex idx;
  for (const auto& loc : Children(Child(root, "Locations"), "Location")) {
    idx.locations[Attr(loc, "ID")] = loc;
  }
  for (const auto& d : Children(Child(root, "IDRegDocuments"), "IDRegDocument")) {
    idx.docs_by_identity[Attr(d, "IdentityID")].push_back(d);
  }
  for (const auto& s : Children(Child(root, "SanctionsEntries"), "SanctionsEntry")) {
    idx.entries_by_profile[Attr(s, "ProfileID")].push_back(s);
  }

  pugi::xml_node parties_node = Child(root, "DistinctParties");
  std::vector<pugi::xml_node> parties = Children(parties_node, "DistinctParty");

  // Invalid UTF-8 costs the party that holds it; anywhere else (the code
  // lists, locations, documents) it would corrupt many parties, so it is fatal.
  pugi::xml_node after = parties_node.next_sibling();
  while (after && after.type() != pugi::node_element) after = after.next_sibling();
  size_t parties_end = after ? static_cast<size_t>(after.offset_debug()) : file.data.size();
  auto bad_in_party = InvalidUtf8ByRecord(file, parties, parties_end, "party");
  if (!bad_in_party.ok()) return bad_in_party.status();

  std::unordered_map<std::string, size_t> by_profile;  // profile ID -> index in out
  std::unordered_map<std::string, bool> seen_refs;
  for (size_t i = 0; i < parties.size(); ++i) {
    const pugi::xml_node& party = parties[i];
    int64_t line = lines.At(static_cast<size_t>(party.offset_debug())).line;
    std::string fixed_ref = Attr(party, "FixedRef");
    if ((*bad_in_party)[i] != std::string::npos) {
      LineColumn lc = lines.At((*bad_in_party)[i]);
      Problem p = MakeProblem(file, lc.line, fixed_ref, "invalid UTF-8");
      p.column = lc.column;
      out.problems.push_back(std::move(p));
      continue;
    }
    if (fixed_ref.empty()) {
      out.problems.push_back(MakeProblem(file, line, "", "DistinctParty without FixedRef"));
      continue;
    }
    if (seen_refs[fixed_ref]) {
      out.problems.push_back(MakeProblem(file, line, fixed_ref, "duplicate FixedRef"));
      continue;
    }
    Entity e;
    e.source = options.source_id;
    e.source_id = fixed_ref;
    std::string profile_id;
    std::string error = ReadParty(party, refs, idx, e, profile_id);
    if (!error.empty()) {
      out.problems.push_back(MakeProblem(file, line, fixed_ref, error));
      continue;
    }
    seen_refs[fixed_ref] = true;
    if (!profile_id.empty()) by_profile[profile_id] = out.entities.size();
    out.entities.push_back(std::move(e));
  }

  for (const auto& rel : Children(Child(root, "ProfileRelationships"), "ProfileRelationship")) {
    // A former relationship no longer holds; screening should not follow it.
    if (Attr(rel, "Former") == "true") continue;
    auto from = by_profile.find(Attr(rel, "From-ProfileID"));
    auto to = by_profile.find(Attr(rel, "To-ProfileID"));
    if (from == by_profile.end() || to == by_profile.end()) {
      int64_t line = lines.At(static_cast<size_t>(rel.offset_debug())).line;
      out.problems.push_back(MakeProblem(file, line, Attr(rel, "ID"),
                                         "ProfileRelationship refers to an unknown profile"));
      continue;
    }
    Entity& a = out.entities[from->second];
    Entity& b = out.entities[to->second];
    RelationKind kind = RelationKindFor(refs.Text("RelationType", Attr(rel, "RelationTypeID")));
    a.relations.push_back(Relation{kind, b.caption(), b.source_id});
    RelationKind back = (kind == RelationKind::kOwnedBy || kind == RelationKind::kSubsidiaryOf)
                            ? RelationKind::kParentOf
                            : kind;
    b.relations.push_back(Relation{back, a.caption(), a.source_id});
  }
  if (out.meta.list_date.empty()) out.meta.list_date = DateFromFileName(file.path);
  return Status::Ok();
}

}  // namespace

Result<ReadOutput> ReadOfacAdvancedXml(std::span<const InputFile> files,
                                       const ReadOptions& options) {
  if (files.empty()) return Status::InvalidArgument("ofac_xml: no file given");
  ReadOutput out;
  for (const auto& f : files) CHOKEPOINT_RETURN_IF_ERROR(ReadOneFile(f, options, out));
  return out;
}

}  // namespace chokepoint::lists
