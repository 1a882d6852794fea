// EU Financial Sanctions Files (FSF) consolidated list, XML schema
// "xmlFullSanctionsList_1_1" (namespace http://eu.europa.ec/fpi/fsd/export).
//
// The root <export generationDate> holds one <sanctionEntity logicalId ...>
// per listed person or entity. Nearly everything is in attributes:
// <subjectType code="person|enterprise">, <nameAlias wholeName firstName
// middleName lastName gender function title nameLanguage strong>,
// <citizenship countryIso2Code>, <birthdate birthdate year monthOfYear
// dayOfMonth circa city place region countryIso2Code>, <identification
// identificationTypeCode number latinNumber countryIso2Code ...>,
// <address street city zipCode poBox region place countryIso2Code> (with
// <contactInfo key value> children) and <regulation programme
// publicationDate>. Free text sits in <remark> children. Unknown countries are
// written as countryIso2Code="00" / countryDescription="UNKNOWN".
//
// source_id is the entity's logicalId; the EU reference number (EU.27.28) is
// kept as a property.

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "io/strings.h"
#include "lists/common.h"
#include "lists/pugi_support.h"
#include "lists/readers.h"

namespace chokepoint::lists {

namespace {

std::string EuCountry(const pugi::xml_node& node) {
  std::string iso = Attr(node, "countryIso2Code");
  if (iso == "00") return "";
  std::string code = CountryCode(iso);
  if (code.empty()) {
    std::string desc = Attr(node, "countryDescription");
    if (!io::EqualsIgnoreCaseAscii(desc, "UNKNOWN")) code = CountryCode(desc);
  }
  return code;
}

std::string EuCountryName(const pugi::xml_node& node) {
  std::string desc = Attr(node, "countryDescription");
  return io::EqualsIgnoreCaseAscii(desc, "UNKNOWN") ? std::string() : desc;
}

bool IsTrue(const std::string& v) { return v == "true" || v == "1"; }

IdType EuIdType(const std::string& code, const std::string& country, const std::string& number) {
  std::string c = io::ToLowerAscii(code);
  if (c == "passport") return IdType::kPassport;
  if (c == "id" || c == "ssn" || c == "nrn" || c == "nationcert") return IdType::kNationalId;
  if (c == "fiscalcode" || c == "tax" || c == "taxid" || c == "inn") {
    return country == "RU" ? IdType::kInn : IdType::kTaxId;
  }
  if (c == "regnumber") {
    // OGRN, Russia's state registration number: 13 digits (15 for sole traders).
    if (country == "RU" && io::IsDigits(number) && (number.size() == 13 || number.size() == 15)) {
      return IdType::kOgrn;
    }
    return IdType::kRegistration;
  }
  if (c == "swiftbic") return IdType::kBic;
  if (c == "imo") return IdType::kImo;
  if (c == "drivinglicence") return IdType::kDriverLicense;
  if (c == "lei") return IdType::kLei;
  return IdType::kOther;
}

// birthdate="1960-04-10", or the parts year / monthOfYear / dayOfMonth.
// Returns an error text for a malformed date; nullopt with no error when the
// element gives only a place.
std::optional<PartialDate> EuBirthDate(const pugi::xml_node& b, std::string& error) {
  std::string full = Attr(b, "birthdate"), y = Attr(b, "year"), m = Attr(b, "monthOfYear"),
              d = Attr(b, "dayOfMonth");
  std::optional<PartialDate> date;
  if (!full.empty()) {
    date = ParsePartialDate(full);
    if (!date) error = "invalid birthdate '" + full + "'";
  } else if (!y.empty()) {
    std::string iso = y;
    auto two = [](const std::string& s) { return s.size() == 1 ? "0" + s : s; };
    if (!m.empty()) iso += "-" + two(m);
    if (!m.empty() && !d.empty()) iso += "-" + two(d);
    date = ParsePartialDate(iso);
    if (!date)
      error = "invalid birth date year='" + y + "' monthOfYear='" + m + "' dayOfMonth='" + d + "'";
  } else if (!m.empty() || !d.empty()) {
    // A day or month without a year cannot be compared with anything.
    return std::nullopt;
  }
  if (date) date->circa = IsTrue(Attr(b, "circa"));
  return date;
}

bool AddDate(std::vector<PartialDate>& list, const PartialDate& d) {
  if (std::find(list.begin(), list.end(), d) != list.end()) return false;
  list.push_back(d);
  return true;
}

std::string ReadEntity(const pugi::xml_node& se, Entity& e) {
  pugi::xml_node subject = Child(se, "subjectType");
  std::string code = io::ToLowerAscii(Attr(subject, "code"));
  std::string cls = Attr(subject, "classificationCode");
  bool is_org = false;
  if (code == "person" || cls == "P") {
    e.schema = Schema::kPerson;
  } else if (code == "enterprise" || cls == "E") {
    is_org = true;
  } else {
    e.schema = Schema::kLegalEntity;
  }

  for (const auto& r : Children(se, "remark")) AddUnique(e.remarks, NodeText(r));
  if (std::string v = Attr(se, "euReferenceNumber"); !v.empty()) {
    e.properties.emplace_back("eu_reference", v);
  }
  if (std::string v = Attr(se, "unitedNationId"); !v.empty()) e.properties.emplace_back("un_id", v);
  if (std::string v = Attr(se, "designationDetails"); !v.empty()) AddUnique(e.remarks, v);

  // Names. The primary is the first strong alias in Latin script (the EU
  // lists the English form first but not always); then the first strong one.
  std::vector<Name> names;
  for (const auto& na : Children(se, "nameAlias")) {
    Name n;
    n.given = io::CollapseWhitespace(Attr(na, "firstName"));
    n.middle = io::CollapseWhitespace(Attr(na, "middleName"));
    n.family = io::CollapseWhitespace(Attr(na, "lastName"));
    n.full = io::CollapseWhitespace(Attr(na, "wholeName"));
    if (n.full.empty()) {
      std::vector<std::string> parts;
      for (const auto* p : {&n.given, &n.middle, &n.family}) {
        if (!p->empty()) parts.push_back(*p);
      }
      n.full = io::Join(parts, " ");
    }
    if (n.full.empty()) continue;
    n.lang = io::ToLowerAscii(Attr(na, "nameLanguage"));
    n.script = DetectScript(n.full);
    std::string strong = Attr(na, "strong");
    bool weak = io::EqualsIgnoreCaseAscii(strong, "false");
    for (const auto& r : Children(na, "remark")) {
      std::string low = io::ToLowerAscii(NodeText(r));
      if (low.find("low quality") != std::string::npos) weak = true;
    }
    n.kind = weak ? NameKind::kWeakAlias : NameKind::kStrongAlias;
    names.push_back(std::move(n));
    if (std::string g = NormalizeGender(Attr(na, "gender")); !g.empty() && e.gender.empty()) {
      e.gender = g;
    }
    AddUnique(e.titles, Attr(na, "title"));
    AddUnique(e.titles, Attr(na, "function"));
  }
  size_t primary = names.size();
  for (size_t i = 0; i < names.size() && primary == names.size(); ++i) {
    if (names[i].kind == NameKind::kStrongAlias && names[i].script == Script::kLatin) primary = i;
  }
  for (size_t i = 0; i < names.size() && primary == names.size(); ++i) {
    if (names[i].kind == NameKind::kStrongAlias) primary = i;
  }
  if (primary == names.size() && !names.empty()) primary = 0;
  if (primary < names.size()) {
    names[primary].kind = NameKind::kPrimary;
    std::rotate(names.begin(), names.begin() + primary, names.begin() + primary + 1);
  }
  for (auto& n : names) {
    bool dup = false;
    for (const auto& m : e.names) dup = dup || (m.full == n.full && m.kind == n.kind);
    if (!dup) e.names.push_back(std::move(n));
  }
  if (e.names.empty()) return "entity has no name";
  if (is_org) e.schema = OrgSchemaFromName(e.caption());

  for (const auto& c : Children(se, "citizenship")) AddUnique(e.nationalities, EuCountry(c));

  for (const auto& b : Children(se, "birthdate")) {
    std::string error;
    auto date = EuBirthDate(b, error);
    if (!error.empty()) return error;
    if (date) AddDate(e.birth_dates, *date);
    std::vector<std::string> place;
    for (const char* a : {"city", "place", "region"}) {
      std::string v = io::CollapseWhitespace(Attr(b, a));
      if (!v.empty()) place.push_back(v);
    }
    if (!place.empty()) {
      std::string country = EuCountryName(b);
      if (!country.empty()) place.push_back(country);
      AddUnique(e.birth_places, io::Join(place, ", "));
    }
    // The country of birth is a country link, not a nationality.
    AddUnique(e.countries, EuCountry(b));
  }

  for (const auto& idn : Children(se, "identification")) {
    Identifier id;
    id.value = io::CollapseWhitespace(Attr(idn, "number"));
    std::string latin = io::CollapseWhitespace(Attr(idn, "latinNumber"));
    if (id.value.empty()) id.value = latin;
    if (id.value.empty()) continue;
    std::string code = Attr(idn, "identificationTypeCode");
    id.country = EuCountry(idn);
    id.type = EuIdType(code, id.country, id.value);
    id.label = Attr(idn, "identificationTypeDescription");
    if (id.label.empty()) id.label = code;
    std::vector<std::string> notes;
    if (std::string v = Attr(idn, "issuedBy"); !v.empty()) notes.push_back("issued by " + v);
    if (std::string v = Attr(idn, "issueDate"); !v.empty()) notes.push_back("issued " + v);
    if (std::string v = Attr(idn, "validTo"); !v.empty()) notes.push_back("valid to " + v);
    if (std::string v = Attr(idn, "nameOnDocument"); !v.empty())
      notes.push_back("name on document " + v);
    if (IsTrue(Attr(idn, "diplomatic"))) notes.push_back("diplomatic");
    if (IsTrue(Attr(idn, "knownFalse"))) notes.push_back("known false");
    if (IsTrue(Attr(idn, "knownExpired"))) notes.push_back("known expired");
    if (IsTrue(Attr(idn, "reportedLost"))) notes.push_back("reported lost");
    if (IsTrue(Attr(idn, "revokedByIssuer"))) notes.push_back("revoked by issuer");
    for (const auto& r : Children(idn, "remark")) notes.push_back(NodeText(r));
    if (!latin.empty() && latin != id.value) notes.push_back("latin " + latin);
    id.note = io::Join(notes, "; ");
    if (e.schema == Schema::kOrganization &&
        (id.type == IdType::kRegistration || id.type == IdType::kTaxId || id.type == IdType::kInn ||
         id.type == IdType::kOgrn)) {
      // A commercial registration number marks a company even when the name
      // carries no legal form.
      e.schema = Schema::kCompany;
    }
    bool dup = false;
    for (const auto& x : e.identifiers) dup = dup || (x.type == id.type && x.value == id.value);
    if (!dup) e.identifiers.push_back(std::move(id));
  }

  for (const auto& ad : Children(se, "address")) {
    Address a;
    a.street = io::CollapseWhitespace(Attr(ad, "street"));
    a.city = io::CollapseWhitespace(Attr(ad, "city"));
    a.postal_code = io::CollapseWhitespace(Attr(ad, "zipCode"));
    a.region = io::CollapseWhitespace(Attr(ad, "region"));
    a.country = EuCountry(ad);
    std::vector<std::string> full;
    std::string po_box = io::CollapseWhitespace(Attr(ad, "poBox"));
    std::string place = io::CollapseWhitespace(Attr(ad, "place"));
    for (const std::string* p : {&a.street, &po_box, &a.city, &a.postal_code, &a.region, &place}) {
      if (!p->empty()) full.push_back(*p);
    }
    std::string country_name = EuCountryName(ad);
    if (!country_name.empty()) full.push_back(country_name);
    a.full = io::Join(full, ", ");
    if (!a.full.empty()) e.addresses.push_back(std::move(a));
    for (const auto& ci : Children(ad, "contactInfo")) {
      std::string key = io::ToUpperAscii(Attr(ci, "key"));
      std::string value = Attr(ci, "value");
      if (key == "EMAIL") {
        AddUnique(e.emails, value);
      } else if (key == "WEB") {
        AddUnique(e.websites, value);
      } else if (key == "PHONE" || key == "FAX") {
        AddUnique(e.phones, value);
      }
    }
    for (const auto& r : Children(ad, "remark")) AddUnique(e.remarks, NodeText(r));
  }

  // Listing date: the designation date, else the earliest regulation.
  std::string designated = Attr(se, "designationDate");
  if (!designated.empty()) {
    auto d = ParseListDate(designated);
    if (!d) return "invalid designationDate '" + designated + "'";
    AddDate(e.listing_dates, *d);
  }
  std::optional<PartialDate> earliest;
  for (const auto& reg : Children(se, "regulation")) {
    std::string programme = io::CollapseWhitespace(Attr(reg, "programme"));
    if (!programme.empty()) {
      bool dup = false;
      for (const auto& p : e.programs) dup = dup || p.code == programme;
      if (!dup) e.programs.push_back(Program{programme, "", ""});
    }
    std::string published = Attr(reg, "publicationDate");
    if (published.empty()) continue;
    auto d = ParseListDate(published);
    if (!d) return "invalid regulation publicationDate '" + published + "'";
    if (!earliest || d->ToString() < earliest->ToString()) earliest = d;
  }
  if (e.listing_dates.empty() && earliest) e.listing_dates.push_back(*earliest);
  return "";
}

Status ReadOneFile(const InputFile& file, const ReadOptions& options, ReadOutput& out) {
  pugi::xml_document doc;
  CHOKEPOINT_RETURN_IF_ERROR(LoadXml(file, doc));
  pugi::xml_node root = doc.document_element();
  LineIndex lines(file.data);
  if (LocalName(root) != "export") {
    return Status::ParseError(file.path + ": not an EU FSF XML file (root element <" +
                              std::string(root.name()) + ">, expected <export>)");
  }
  if (auto d = ParseListDate(Attr(root, "generationDate")); d && d->day > 0) {
    out.meta.list_date = std::max(out.meta.list_date, d->ToString());
  }
  std::vector<pugi::xml_node> records = Children(root, "sanctionEntity");

  // Invalid UTF-8 costs the entity that holds it; elsewhere it is fatal.
  auto bad_in_record = InvalidUtf8ByRecord(file, records, file.data.size(), "entity");
  if (!bad_in_record.ok()) return bad_in_record.status();

  std::unordered_set<std::string> seen;
  for (size_t i = 0; i < records.size(); ++i) {
    const pugi::xml_node& se = records[i];
    int64_t line = lines.At(static_cast<size_t>(se.offset_debug())).line;
    std::string logical_id = Attr(se, "logicalId");
    if ((*bad_in_record)[i] != std::string::npos) {
      LineColumn lc = lines.At((*bad_in_record)[i]);
      Problem p = MakeProblem(file, lc.line, logical_id, "invalid UTF-8");
      p.column = lc.column;
      out.problems.push_back(std::move(p));
      continue;
    }
    if (logical_id.empty()) {
      out.problems.push_back(MakeProblem(file, line, "", "sanctionEntity without logicalId"));
      continue;
    }
    if (seen.count(logical_id) > 0) {
      out.problems.push_back(MakeProblem(file, line, logical_id, "duplicate logicalId"));
      continue;
    }
    Entity e;
    e.source = options.source_id;
    e.source_id = logical_id;
    std::string error = ReadEntity(se, e);
    if (!error.empty()) {
      out.problems.push_back(MakeProblem(file, line, logical_id, error));
      continue;
    }
    seen.insert(logical_id);
    out.entities.push_back(std::move(e));
  }
  if (out.meta.list_date.empty()) out.meta.list_date = DateFromFileName(file.path);
  return Status::Ok();
}

}  // namespace

Result<ReadOutput> ReadEuFsfXml(std::span<const InputFile> files, const ReadOptions& options) {
  if (files.empty()) return Status::InvalidArgument("eu_fsf: no file given");
  ReadOutput out;
  for (const auto& f : files) CHOKEPOINT_RETURN_IF_ERROR(ReadOneFile(f, options, out));
  return out;
}

}  // namespace chokepoint::lists
