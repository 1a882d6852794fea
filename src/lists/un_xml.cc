// Reader for the UN Security Council Consolidated List XML
// (https://scsanctions.un.org/resources/xml/en/consolidated.xml, schema
// https://www.un.org/sc/resources/sc-sanctions.xsd): <CONSOLIDATED_LIST
// dateGenerated="..."> with <INDIVIDUALS><INDIVIDUAL> and
// <ENTITIES><ENTITY> records keyed by REFERENCE_NUMBER ("QDi.001").
//
// The whole document is parsed before any entity is produced, so a truncated
// download fails with the position of the damage rather than yielding a
// silently shortened list.

#include <algorithm>
#include <pugixml.hpp>
#include <unordered_set>

#include "io/strings.h"
#include "lists/common.h"
#include "lists/readers.h"

namespace chokepoint::lists {

namespace {

std::string Text(const pugi::xml_node& parent, const char* child) {
  return io::CollapseWhitespace(parent.child(child).text().as_string());
}

// Maps byte offsets to 1-based lines and columns; built once per file so that
// naming a record's line costs a binary search, not a scan.
class LineIndex {
 public:
  explicit LineIndex(std::string_view data) {
    starts_.push_back(0);
    for (size_t i = 0; i < data.size(); ++i) {
      if (data[i] == '\n') starts_.push_back(i + 1);
    }
  }
  std::pair<int64_t, int64_t> At(ptrdiff_t offset) const {
    if (offset < 0) return {0, 0};
    auto it = std::upper_bound(starts_.begin(), starts_.end(), static_cast<size_t>(offset));
    size_t line = static_cast<size_t>(it - starts_.begin());
    return {static_cast<int64_t>(line), static_cast<int64_t>(offset - starts_[line - 1]) + 1};
  }

 private:
  std::vector<size_t> starts_;
};

// Appends the text of every element under `node`, so that one UTF-8 check
// covers the whole record (pugixml passes bytes through unchecked).
// Depth is capped: records are shallow, and hostile input must not exhaust
// the stack.
void CollectText(const pugi::xml_node& node, std::string& out, int depth = 0) {
  if (depth > 32) return;
  for (auto child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      out += child.value();
      out += '\n';
    } else {
      CollectText(child, out, depth + 1);
    }
  }
  for (auto attr : node.attributes()) out += attr.value();
}

// The values of <TAG><VALUE>..</VALUE>...</TAG> children, for every TAG.
std::vector<std::string> Values(const pugi::xml_node& parent, const char* tag) {
  std::vector<std::string> out;
  for (auto node : parent.children(tag)) {
    for (auto v : node.children("VALUE")) {
      std::string s = io::CollapseWhitespace(v.text().as_string());
      if (!s.empty()) out.push_back(std::move(s));
    }
  }
  return out;
}

std::string JoinNonEmpty(std::initializer_list<std::string> parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

NameKind AliasKind(std::string_view quality) {
  std::string q = io::ToLowerAscii(io::Trim(quality));
  if (q == "low" || q == "bad") return NameKind::kWeakAlias;
  if (q == "f.k.a." || q == "fka") return NameKind::kFormerName;
  return NameKind::kStrongAlias;  // "Good", "a.k.a.", or unstated
}

void AddDate(std::vector<PartialDate>& dates, PartialDate d) {
  if (d.empty()) return;
  for (const auto& x : dates) {
    if (x == d) return;
  }
  dates.push_back(d);
}

PartialDate Year(int year, bool circa) {
  PartialDate d;
  if (year >= 1000 && year <= 2999) {
    d.year = static_cast<int16_t>(year);
    d.circa = circa;
  }
  return d;
}

// INDIVIDUAL_DATE_OF_BIRTH: EXACT (DATE or YEAR), APPROXIMATELY (YEAR, circa)
// or BETWEEN (FROM_YEAR..TO_YEAR: every year of the span, circa).
void AddBirthDate(Entity& e, const pugi::xml_node& node) {
  std::string type = io::ToUpperAscii(Text(node, "TYPE_OF_DATE"));
  bool circa = type == "APPROXIMATELY" || type == "BETWEEN";
  if (std::string date = Text(node, "DATE"); !date.empty()) {
    if (auto d = ParseListDate(date)) {
      d->circa = d->circa || circa;
      AddDate(e.birth_dates, *d);
    }
  }
  if (std::string year = Text(node, "YEAR"); !year.empty() && io::IsDigits(year)) {
    AddDate(e.birth_dates, Year(std::atoi(year.c_str()), circa));
  }
  std::string from = Text(node, "FROM_YEAR"), to = Text(node, "TO_YEAR");
  if (io::IsDigits(from) && from.size() == 4) {
    int a = std::atoi(from.c_str());
    int b = io::IsDigits(to) && to.size() == 4 ? std::atoi(to.c_str()) : a;
    if (b < a || b - a > 20) b = a;  // a span that wide says nothing
    for (int y = a; y <= b; ++y) AddDate(e.birth_dates, Year(y, true));
  }
}

IdType DocumentType(std::string_view label) {
  std::string low = io::ToLowerAscii(label);
  if (low.find("passport") != std::string::npos || low.find("passeport") != std::string::npos ||
      low.find("pasaporte") != std::string::npos) {
    return IdType::kPassport;
  }
  if (low.find("national identification") != std::string::npos ||
      low.find("national id") != std::string::npos) {
    return IdType::kNationalId;
  }
  if (low.find("tax") != std::string::npos) return IdType::kTaxId;
  if (low.find("driv") != std::string::npos) return IdType::kDriverLicense;
  return IdType::kOther;
}

void AddDocument(Entity& e, const pugi::xml_node& node) {
  Identifier id;
  id.value = Text(node, "NUMBER");
  if (id.value.empty()) return;
  id.label = JoinNonEmpty({Text(node, "TYPE_OF_DOCUMENT"), Text(node, "TYPE_OF_DOCUMENT2")}, "; ");
  id.type = DocumentType(id.label);
  std::string country = Text(node, "ISSUING_COUNTRY");
  if (country.empty()) country = Text(node, "COUNTRY_OF_ISSUE");
  id.country = CountryCode(country);
  std::string issued = Text(node, "DATE_OF_ISSUE");
  id.note = JoinNonEmpty({issued.empty() ? "" : "issued " + issued, Text(node, "CITY_OF_ISSUE"),
                          id.country.empty() ? country : "", Text(node, "NOTE")},
                         "; ");
  e.identifiers.push_back(std::move(id));
}

void AddAddress(Entity& e, const pugi::xml_node& node) {
  Address a;
  a.street = Text(node, "STREET");
  a.city = Text(node, "CITY");
  a.region = Text(node, "STATE_PROVINCE");
  a.postal_code = Text(node, "ZIP_CODE");
  std::string country = Text(node, "COUNTRY");
  a.country = CountryCode(country);
  a.full = JoinNonEmpty({a.street, a.city, a.region, a.postal_code, country}, ", ");
  if (a.full.empty()) return;
  if (std::string note = Text(node, "NOTE"); !note.empty()) a.full += " (" + note + ")";
  for (const auto& x : e.addresses) {
    if (x.full == a.full) return;
  }
  e.addresses.push_back(std::move(a));
}

// Facts that individuals and entities share.
void AddCommon(Entity& e, const pugi::xml_node& node) {
  if (std::string dataid = Text(node, "DATAID"); !dataid.empty()) {
    e.properties.emplace_back("un_dataid", dataid);
  }
  if (std::string list = Text(node, "UN_LIST_TYPE"); !list.empty()) {
    e.programs.push_back(Program{list, "", ""});
  }
  if (auto d = ParseListDate(Text(node, "LISTED_ON"))) AddDate(e.listing_dates, *d);
  if (std::string c = Text(node, "COMMENTS1"); !c.empty()) AddUnique(e.remarks, c);
  for (const auto& v : Values(node, "LAST_DAY_UPDATED")) e.properties.emplace_back("updated", v);
  for (auto n : node.children("NAME_ORIGINAL_SCRIPT")) {
    AddName(e, io::CollapseWhitespace(n.text().as_string()), NameKind::kStrongAlias);
  }
}

Entity ReadIndividual(const pugi::xml_node& node, const std::string& ref) {
  Entity e;
  e.source_id = ref;
  e.schema = Schema::kPerson;
  std::string parts[4] = {Text(node, "FIRST_NAME"), Text(node, "SECOND_NAME"),
                          Text(node, "THIRD_NAME"), Text(node, "FOURTH_NAME")};
  std::vector<std::string> present;
  for (const auto& p : parts) {
    if (!p.empty()) present.push_back(p);
  }
  if (Name* n = AddName(e, io::Join(present, " "), NameKind::kPrimary)) {
    // The UN gives names in order, given name first; only the first and last
    // parts can be labelled with some confidence.
    n->given = present.front();
    if (present.size() > 1) {
      n->family = present.back();
      std::vector<std::string> mid(present.begin() + 1, present.end() - 1);
      n->middle = io::Join(mid, " ");
    }
  }
  AddCommon(e, node);
  for (auto a : node.children("INDIVIDUAL_ALIAS")) {
    AddName(e, Text(a, "ALIAS_NAME"), AliasKind(Text(a, "QUALITY")));
  }
  for (auto d : node.children("INDIVIDUAL_DATE_OF_BIRTH")) AddBirthDate(e, d);
  for (auto p : node.children("INDIVIDUAL_PLACE_OF_BIRTH")) {
    AddUnique(e.birth_places, JoinNonEmpty({Text(p, "STREET"), Text(p, "CITY"),
                                            Text(p, "STATE_PROVINCE"), Text(p, "COUNTRY")},
                                           ", "));
  }
  for (const auto& v : Values(node, "NATIONALITY")) {
    std::string code = CountryCode(v);
    if (code.empty()) {
      e.properties.emplace_back("nationality", v);
    } else {
      AddUnique(e.nationalities, code);
    }
  }
  for (auto d : node.children("INDIVIDUAL_DOCUMENT")) AddDocument(e, d);
  for (auto a : node.children("INDIVIDUAL_ADDRESS")) AddAddress(e, a);
  for (const auto& v : Values(node, "TITLE")) AddUnique(e.titles, v);
  for (const auto& v : Values(node, "DESIGNATION")) AddUnique(e.titles, v);
  e.gender = NormalizeGender(Text(node, "GENDER"));
  return e;
}

Entity ReadEntity(const pugi::xml_node& node, const std::string& ref) {
  Entity e;
  e.source_id = ref;
  std::string name = Text(node, "FIRST_NAME");
  AddName(e, name, NameKind::kPrimary);
  e.schema = OrgSchemaFromName(name);
  AddCommon(e, node);
  for (auto a : node.children("ENTITY_ALIAS")) {
    AddName(e, Text(a, "ALIAS_NAME"), AliasKind(Text(a, "QUALITY")));
  }
  for (auto a : node.children("ENTITY_ADDRESS")) AddAddress(e, a);
  return e;
}

}  // namespace

Result<ReadOutput> ReadUnXml(std::span<const InputFile> files, const ReadOptions& options) {
  if (files.empty()) return Status::InvalidArgument("un: no input file");
  ReadOutput out;
  std::unordered_set<std::string> seen;
  for (const auto& file : files) {
    pugi::xml_document doc;
    pugi::xml_parse_result parsed = doc.load_buffer(file.data.data(), file.data.size(),
                                                    pugi::parse_default, pugi::encoding_auto);
    if (!parsed) {
      auto [line, column] = LineIndex(file.data).At(parsed.offset);
      return Status::ParseError(file.path + ":" + std::to_string(line) + ":" +
                                std::to_string(column) +
                                ": malformed XML: " + parsed.description());
    }
    pugi::xml_node root = doc.child("CONSOLIDATED_LIST");
    if (!root) {
      return Status::ParseError(file.path +
                                ": not a UN consolidated list: no <CONSOLIDATED_LIST> root");
    }
    if (out.meta.list_date.empty()) {
      std::string generated = root.attribute("dateGenerated").as_string();
      if (auto d = ParseListDate(generated); d && d->day != 0) out.meta.list_date = d->ToString();
    }
    LineIndex lines(file.data);
    auto read = [&](const pugi::xml_node& node, bool individual) {
      int64_t line = lines.At(node.offset_debug()).first;
      std::string ref = Text(node, "REFERENCE_NUMBER");
      if (ref.empty()) {
        out.problems.push_back(
            MakeProblem(file, line, Text(node, "DATAID"), "no REFERENCE_NUMBER"));
        return;
      }
      std::string text;
      CollectText(node, text);
      if (auto p = CheckUtf8(file, line, io::SanitizeUtf8(ref), text)) {
        out.problems.push_back(std::move(*p));
        return;
      }
      Entity e = individual ? ReadIndividual(node, ref) : ReadEntity(node, ref);
      if (e.names.empty() || e.names.front().kind != NameKind::kPrimary) {
        out.problems.push_back(MakeProblem(file, line, ref, "no name"));
        return;
      }
      if (!seen.insert(ref).second) {
        out.problems.push_back(MakeProblem(file, line, ref, "duplicate REFERENCE_NUMBER"));
        return;
      }
      e.source = options.source_id;
      out.entities.push_back(std::move(e));
    };
    for (auto node : root.child("INDIVIDUALS").children("INDIVIDUAL")) read(node, true);
    for (auto node : root.child("ENTITIES").children("ENTITY")) read(node, false);
  }
  return out;
}

}  // namespace chokepoint::lists
