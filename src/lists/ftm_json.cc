// Reader for OpenSanctions' FollowTheMoney exports ("entities.ftm.json"): one
// JSON object per line, {"id", "schema", "properties": {prop: [values]}, ...}.
//
// The reader makes two passes. The first keeps the entities of the schemata
// that the screening model knows (Person, Organization, Company, LegalEntity,
// Vessel, Airplane) and remembers the others. The second attaches what the
// other schemata say about the kept ones: Address entities referenced by
// "addressEntity", Sanction entities (programs, listing dates) and the link
// schemata (Ownership, Directorship, Family, Associate, UnknownLink), which
// become Relations on the entities they connect when those are in the file.
// Other schemata are skipped silently. Property values are lists of strings;
// entity references may also be nested objects with an "id" (nested exports).
//
// Countries in FtM are lower-case ISO codes ("ru"); they are upper-cased.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/strings.h"
#include "lists/common.h"
#include "lists/readers.h"

namespace chokepoint::lists {

namespace {

using nlohmann::json;

// One parsed line that the reader keeps until the second pass.
struct Record {
  int64_t line = 0;
  std::string id;
  std::string schema;
  std::string caption;
  json properties;
};

// The string values of property `key` (references as their ids).
std::vector<std::string> Values(const json& props, const char* key) {
  std::vector<std::string> out;
  auto it = props.find(key);
  if (it == props.end()) return out;
  auto add = [&](const json& v) {
    if (v.is_string()) {
      out.push_back(v.get<std::string>());
    } else if (v.is_object()) {
      auto id = v.find("id");
      if (id != v.end() && id->is_string()) out.push_back(id->get<std::string>());
    } else if (v.is_number()) {
      out.push_back(v.dump());
    }
  };
  if (it->is_array()) {
    for (const auto& v : *it) add(v);
  } else {
    add(*it);
  }
  return out;
}

std::optional<Schema> EntitySchema(std::string_view name) {
  if (name == "Person") return Schema::kPerson;
  if (name == "Organization") return Schema::kOrganization;
  if (name == "Company") return Schema::kCompany;
  if (name == "LegalEntity") return Schema::kLegalEntity;
  if (name == "Vessel") return Schema::kVessel;
  if (name == "Airplane") return Schema::kAircraft;
  return std::nullopt;
}

// "ru" -> "RU"; codes that are not ISO 3166 ("zz", "suhh") give "".
std::string Country(std::string_view code) { return CountryCode(code); }

void AddDate(std::vector<PartialDate>& list, std::string_view text) {
  auto d = ParseListDate(text);
  if (!d) return;
  for (const auto& old : list) {
    if (old == *d) return;
  }
  list.push_back(*d);
}

void AddProperty(Entity& e, const std::string& key, std::string_view value) {
  std::string v = io::CollapseWhitespace(value);
  if (v.empty()) return;
  for (const auto& [k, old] : e.properties) {
    if (k == key && old == v) return;
  }
  e.properties.emplace_back(key, std::move(v));
}

void AddProgram(Entity& e, std::string_view code) {
  std::string c = io::CollapseWhitespace(code);
  if (c.empty()) return;
  for (const auto& p : e.programs) {
    if (p.code == c) return;
  }
  e.programs.push_back({std::move(c), "", ""});
}

void AddRelation(Entity& e, RelationKind kind, std::string target_name, std::string target_id) {
  for (const auto& r : e.relations) {
    if (r.kind == kind && r.target_id == target_id) return;
  }
  e.relations.push_back({kind, std::move(target_name), std::move(target_id)});
}

// FtM identifier properties and their types.
struct IdProp {
  const char* key;
  IdType type;
};
constexpr IdProp kIdProps[] = {
    {"passportNumber", IdType::kPassport},
    {"idNumber", IdType::kOther},
    {"innCode", IdType::kInn},
    {"ogrnCode", IdType::kOgrn},
    {"kppCode", IdType::kKpp},
    {"okpoCode", IdType::kOkpo},
    {"leiCode", IdType::kLei},
    {"swiftBic", IdType::kBic},
    {"bikCode", IdType::kBic},
    {"taxNumber", IdType::kTaxId},
    {"vatCode", IdType::kTaxId},
    {"registrationNumber", IdType::kRegistration},
    {"uscCode", IdType::kUscc},
    {"isinCode", IdType::kIsin},
    {"dunsCode", IdType::kDuns},
    {"imoNumber", IdType::kImo},
    {"mmsi", IdType::kMmsi},
    {"callSign", IdType::kCallSign},
    {"serialNumber", IdType::kAircraftSerial},
};

// Properties that become typed fields; the rest go to `properties`.
bool IsMapped(std::string_view key) {
  static const char* kMapped[] = {
      "name",       "alias",        "weakAlias", "previousName", "firstName",   "lastName",
      "fatherName", "middleName",   "birthDate", "birthPlace",   "nationality", "citizenship",
      "country",    "jurisdiction", "gender",    "address",      "flag",        "incorporationDate",
      "program",    "programId",    "notes",     "summary",      "description", "website",
      "email",      "phone",        "title",     "position",     "createdAt",   "addressEntity"};
  for (const char* m : kMapped) {
    if (key == m) return true;
  }
  for (const auto& p : kIdProps) {
    if (key == p.key) return true;
  }
  return false;
}

// Picks the name part among `values` that occurs in `full`, or "" when none
// or more than one does (the parts of a multi-script record are not tied to
// a particular name).
std::string PartIn(const std::vector<std::string>& values, std::string_view full) {
  std::string found;
  for (const auto& v : values) {
    std::string c = io::CollapseWhitespace(v);
    if (c.empty() || full.find(c) == std::string_view::npos) continue;
    if (!found.empty() && found != c) return "";
    found = c;
  }
  return found;
}

Entity BuildEntity(const std::string& source, const Record& rec, Schema schema) {
  const json& p = rec.properties;
  Entity e;
  e.source = source;
  e.source_id = rec.id;
  e.schema = schema;
  // names: the caption (when it is one of the names) is primary.
  std::vector<std::string> names = Values(p, "name");
  std::string caption = io::CollapseWhitespace(rec.caption);
  std::string primary;
  for (const auto& n : names) {
    if (io::CollapseWhitespace(n) == caption) primary = caption;
  }
  if (primary.empty() && !names.empty()) primary = names[0];
  if (Name* n = AddName(e, primary, NameKind::kPrimary);
      n != nullptr && schema == Schema::kPerson) {
    n->given = PartIn(Values(p, "firstName"), n->full);
    n->family = PartIn(Values(p, "lastName"), n->full);
    n->middle = PartIn(Values(p, "middleName"), n->full);
    n->patronymic = PartIn(Values(p, "fatherName"), n->full);
  }
  for (const auto& n : names) {
    if (io::CollapseWhitespace(n) != e.caption()) AddName(e, n, NameKind::kStrongAlias);
  }
  for (const auto& n : Values(p, "alias")) AddName(e, n, NameKind::kStrongAlias);
  for (const auto& n : Values(p, "weakAlias")) AddName(e, n, NameKind::kWeakAlias);
  for (const auto& n : Values(p, "previousName")) AddName(e, n, NameKind::kFormerName);
  // Without a usable "name", the first alias stands in as the primary name.
  if (!e.names.empty()) e.names[0].kind = NameKind::kPrimary;

  for (const auto& d : Values(p, "birthDate")) AddDate(e.birth_dates, d);
  for (const auto& v : Values(p, "birthPlace")) AddUnique(e.birth_places, v);
  for (const char* key : {"nationality", "citizenship"}) {
    for (const auto& v : Values(p, key)) AddUnique(e.nationalities, Country(v));
  }
  for (const char* key : {"country", "jurisdiction", "flag"}) {
    for (const auto& v : Values(p, key)) AddUnique(e.countries, Country(v));
  }
  for (const auto& v : Values(p, "gender")) {
    if (e.gender.empty()) e.gender = NormalizeGender(v);
  }
  for (const auto& v : Values(p, "address")) {
    std::string full = io::CollapseWhitespace(v);
    if (full.empty()) continue;
    bool seen = false;
    for (const auto& a : e.addresses) seen = seen || a.full == full;
    if (!seen) e.addresses.push_back(Address{full, "", "", "", "", ""});
  }
  for (const auto& id : kIdProps) {
    for (const auto& v : Values(p, id.key)) {
      Identifier ident;
      ident.type = id.type;
      ident.value = io::CollapseWhitespace(v);
      ident.label = id.key;
      if (ident.value.empty()) continue;
      bool seen = false;
      for (const auto& old : e.identifiers) {
        seen = seen || (old.type == ident.type && old.value == ident.value);
      }
      if (!seen) e.identifiers.push_back(std::move(ident));
    }
  }
  for (const auto& v : Values(p, "incorporationDate")) {
    if (auto d = ParseListDate(v); d && e.incorporation_date.empty()) e.incorporation_date = *d;
  }
  for (const char* key : {"program", "programId"}) {
    for (const auto& v : Values(p, key)) AddProgram(e, v);
  }
  for (const auto& v : Values(p, "createdAt")) AddDate(e.listing_dates, v);
  for (const char* key : {"notes", "summary", "description"}) {
    for (const auto& v : Values(p, key)) AddUnique(e.remarks, v);
  }
  for (const auto& v : Values(p, "website")) AddUnique(e.websites, v);
  for (const auto& v : Values(p, "email")) AddUnique(e.emails, v);
  for (const auto& v : Values(p, "phone")) AddUnique(e.phones, v);
  for (const char* key : {"title", "position"}) {
    for (const auto& v : Values(p, key)) AddUnique(e.titles, v);
  }
  if (p.is_object()) {
    for (auto it = p.begin(); it != p.end(); ++it) {
      if (IsMapped(it.key())) continue;
      for (const auto& v : Values(p, it.key().c_str())) AddProperty(e, it.key(), v);
    }
  }
  return e;
}

// How the link schemata connect their two ends: the property naming each end
// and the relation each end gets.
struct LinkSchema {
  const char* schema;
  const char* from;
  const char* to;
  RelationKind from_kind;  // on `from`, pointing at `to`
  RelationKind to_kind;    // on `to`, pointing at `from`
};
constexpr LinkSchema kLinks[] = {
    {"Ownership", "asset", "owner", RelationKind::kOwnedBy, RelationKind::kParentOf},
    {"Directorship", "organization", "director", RelationKind::kLinkedTo, RelationKind::kLinkedTo},
    {"UnknownLink", "subject", "object", RelationKind::kLinkedTo, RelationKind::kLinkedTo},
    {"Family", "person", "relative", RelationKind::kFamilyOf, RelationKind::kFamilyOf},
    {"Associate", "person", "associate", RelationKind::kAssociateOf, RelationKind::kAssociateOf},
};

}  // namespace

Result<ReadOutput> ReadFtmJson(std::span<const InputFile> files, const ReadOptions& options) {
  if (files.empty()) return Status::InvalidArgument("ftm: no file given");
  ReadOutput out;
  std::vector<Record> others;                     // records of the schemata that are not entities
  std::unordered_map<std::string, size_t> index;  // id -> position in out.entities
  std::string last_seen;
  for (const InputFile& file : files) {
    std::string_view data = file.data;
    int64_t line_no = 0;
    size_t pos = 0;
    while (pos < data.size()) {
      size_t end = data.find('\n', pos);
      if (end == std::string_view::npos) end = data.size();
      std::string_view line = io::Trim(data.substr(pos, end - pos));
      pos = end + 1;
      ++line_no;
      if (line.empty()) continue;
      if (auto p = CheckUtf8(file, line_no, "", line)) {
        out.problems.push_back(std::move(*p));
        continue;
      }
      json doc = json::parse(line, nullptr, false);
      if (doc.is_discarded()) {
        out.problems.push_back(MakeProblem(file, line_no, "", "malformed JSON"));
        continue;
      }
      if (!doc.is_object()) {
        out.problems.push_back(MakeProblem(file, line_no, "", "expected a JSON object"));
        continue;
      }
      auto id = doc.find("id");
      auto schema = doc.find("schema");
      if (id == doc.end() || !id->is_string() || id->get<std::string>().empty()) {
        out.problems.push_back(MakeProblem(file, line_no, "", "missing or non-string \"id\""));
        continue;
      }
      std::string rid = id->get<std::string>();
      if (schema == doc.end() || !schema->is_string()) {
        out.problems.push_back(MakeProblem(file, line_no, rid, "missing or non-string \"schema\""));
        continue;
      }
      Record rec;
      rec.line = line_no;
      rec.id = rid;
      rec.schema = schema->get<std::string>();
      if (auto c = doc.find("caption"); c != doc.end() && c->is_string()) {
        rec.caption = c->get<std::string>();
      }
      if (auto p = doc.find("properties"); p != doc.end()) {
        if (!p->is_object()) {
          out.problems.push_back(
              MakeProblem(file, line_no, rid, "\"properties\" is not an object"));
          continue;
        }
        rec.properties = std::move(*p);
      } else {
        rec.properties = json::object();
      }
      auto kept = EntitySchema(rec.schema);
      if (!kept) {
        others.push_back(std::move(rec));
        continue;
      }
      if (index.count(rid) > 0) {
        out.problems.push_back(MakeProblem(file, line_no, rid, "duplicate id"));
        continue;
      }
      Entity e = BuildEntity(options.source_id, rec, *kept);
      if (e.names.empty()) {
        out.problems.push_back(MakeProblem(file, line_no, rid, "entity has no name"));
        continue;
      }
      for (const char* key : {"datasets", "referents"}) {
        auto it = doc.find(key);
        if (it == doc.end() || !it->is_array()) continue;
        std::string prop = key;
        prop.pop_back();  // "dataset", "referent"
        for (const auto& v : *it) {
          if (v.is_string()) AddProperty(e, prop, v.get<std::string>());
        }
      }
      for (const char* key : {"first_seen", "last_seen"}) {
        auto it = doc.find(key);
        if (it == doc.end() || !it->is_string()) continue;
        AddProperty(e, key, it->get<std::string>());
        if (std::string_view(key) == "last_seen") {
          std::string d = it->get<std::string>().substr(0, 10);
          if (ParsePartialDate(d) && d > last_seen) last_seen = d;
        }
      }
      index.emplace(rid, out.entities.size());
      out.entities.push_back(std::move(e));
      // Keep the addressEntity references for the second pass.
      if (rec.properties.contains("addressEntity")) others.push_back(std::move(rec));
    }
  }

  // Second pass: addresses, sanctions and links.
  std::unordered_map<std::string, const Record*> addresses;
  for (const Record& r : others) {
    if (r.schema == "Address") addresses.emplace(r.id, &r);
  }
  auto find = [&](const std::string& id) -> Entity* {
    auto it = index.find(id);
    return it == index.end() ? nullptr : &out.entities[it->second];
  };
  for (const Record& r : others) {
    const json& p = r.properties;
    if (Entity* e = find(r.id)) {  // a kept entity's address references
      for (const auto& ref : Values(p, "addressEntity")) {
        auto a = addresses.find(ref);
        if (a == addresses.end()) continue;
        const json& ap = a->second->properties;
        Address addr;
        auto first = [&](const char* key) {
          auto v = Values(ap, key);
          return v.empty() ? std::string() : io::CollapseWhitespace(v[0]);
        };
        addr.full = first("full");
        if (addr.full.empty()) addr.full = io::CollapseWhitespace(a->second->caption);
        addr.street = first("street");
        addr.city = first("city");
        addr.region = first("region");
        addr.postal_code = first("postalCode");
        addr.country = Country(first("country"));
        if (addr.full.empty()) continue;
        bool seen = false;
        for (const auto& old : e->addresses) seen = seen || old.full == addr.full;
        if (!seen) e->addresses.push_back(std::move(addr));
      }
      continue;
    }
    if (r.schema == "Sanction") {
      for (const auto& target : Values(p, "entity")) {
        Entity* e = find(target);
        if (e == nullptr) continue;
        for (const char* key : {"program", "programId"}) {
          for (const auto& v : Values(p, key)) AddProgram(*e, v);
        }
        for (const char* key : {"listingDate", "startDate"}) {
          for (const auto& v : Values(p, key)) AddDate(e->listing_dates, v);
        }
      }
      continue;
    }
    for (const LinkSchema& link : kLinks) {
      if (r.schema != link.schema) continue;
      for (const auto& from_id : Values(p, link.from)) {
        for (const auto& to_id : Values(p, link.to)) {
          Entity* from = find(from_id);
          Entity* to = find(to_id);
          if (from != nullptr) {
            AddRelation(*from, link.from_kind, to ? to->caption() : to_id, to_id);
          }
          if (to != nullptr) {
            AddRelation(*to, link.to_kind, from ? from->caption() : from_id, from_id);
          }
        }
      }
    }
  }
  out.meta.list_date = DateFromFileName(files[0].path);
  if (out.meta.list_date.empty()) out.meta.list_date = last_seen;
  return out;
}

}  // namespace chokepoint::lists
