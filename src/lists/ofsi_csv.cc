// Reader for the UK OFSI consolidated list ("ConList") in its CSV layout.
//
// The file has one row per name variant, not per designated person: a person
// with five spellings and two dates of birth appears on several rows that
// share a "Group ID" and repeat the person's other facts. The reader therefore
// groups rows by Group ID first and builds one entity per group, merging the
// repeated facts without duplicates. Row 1 is "Last Updated,DD/MM/YYYY" (the
// list date, day first) and row 2 the header; files that start directly with
// the header are accepted too.
//
// Many cells hold several values numbered "(1) a (2) b"; those are split, and
// passport numbers are paired with their details by number. "Other
// Information" is kept whole as a remark and also mined for its labelled
// parts "(Label):value" (list reference, gender, phone, e-mail, website, IMO
// number, business registration numbers).

#include <algorithm>
#include <array>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/csv.h"
#include "io/strings.h"
#include "lists/common.h"
#include "lists/readers.h"

namespace chokepoint::lists {

namespace {

// The columns the reader uses; all must be present in the header.
enum Col : int {
  kName6,
  kName1,
  kName2,
  kName3,
  kName4,
  kName5,
  kTitle,
  kNonLatinName,
  kNonLatinType,
  kNonLatinLanguage,
  kDob,
  kTownOfBirth,
  kCountryOfBirth,
  kNationality,
  kPassportNumber,
  kPassportDetails,
  kNationalIdNumber,
  kNationalIdDetails,
  kPosition,
  kAddress1,
  kAddress2,
  kAddress3,
  kAddress4,
  kAddress5,
  kAddress6,
  kPostCode,
  kCountry,
  kOtherInformation,
  kGroupType,
  kAliasType,
  kAliasQuality,
  kRegime,
  kListedOn,
  kDateDesignated,
  kLastUpdated,
  kGroupId,
  kNumCols,
};

constexpr std::array<std::string_view, kNumCols> kColumnNames = {
    "Name 6",
    "Name 1",
    "Name 2",
    "Name 3",
    "Name 4",
    "Name 5",
    "Title",
    "Name Non-Latin Script",
    "Non-Latin Script Type",
    "Non-Latin Script Language",
    "DOB",
    "Town of Birth",
    "Country of Birth",
    "Nationality",
    "Passport Number",
    "Passport Details",
    "National Identification Number",
    "National Identification Details",
    "Position",
    "Address 1",
    "Address 2",
    "Address 3",
    "Address 4",
    "Address 5",
    "Address 6",
    "Post/Zip Code",
    "Country",
    "Other Information",
    "Group Type",
    "Alias Type",
    "Alias Quality",
    "Regime",
    "Listed On",
    "UK Sanctions List Date Designated",
    "Last Updated",
    "Group ID",
};

// One data row with its columns already looked up.
struct Row {
  size_t file = 0;  // index into the input files
  int64_t line = 0;
  std::array<std::string, kNumCols> f;
  const std::string& operator[](Col c) const { return f[c]; }
};

// Splits "(1) a (2) b. (3) c" into {"a", "b", "c"}; a cell without the
// numbering is one value. The markers must count up from 1, so a "(2)" inside
// free text before "(1)" does not split. Trailing '.' and ';' are dropped. A
// numbered piece that is empty or "-" stays as "" so that the pieces of two
// cells still pair up by number; an unnumbered empty cell gives no value.
std::vector<std::string> SplitNumbered(std::string_view cell) {
  std::vector<std::string> out;
  std::string_view s = io::Trim(cell);
  auto clean = [&](std::string_view piece) {
    piece = io::Trim(piece);
    while (!piece.empty() && (piece.back() == '.' || piece.back() == ';' || piece.back() == ',')) {
      piece = io::Trim(piece.substr(0, piece.size() - 1));
    }
    out.emplace_back(piece == "-" ? std::string_view() : piece);
  };
  if (!s.starts_with("(1)")) {
    if (!s.empty()) clean(s);
    return out;
  }
  size_t start = 3;
  for (int n = 2;; ++n) {
    std::string marker = "(" + std::to_string(n) + ")";
    size_t next = s.find(marker, start);
    if (next == std::string_view::npos) {
      clean(s.substr(start));
      break;
    }
    clean(s.substr(start, next - start));
    start = next + marker.size();
  }
  return out;
}

// Spellings in the ConList that the shared country table does not know:
// typos, demonyms and Soviet-era republics whose successor state is clear.
std::string OfsiCountryAlias(std::string_view text) {
  static const std::map<std::string, std::string, std::less<>> kAliases = {
      {"belrus", "BY"},
      {"britain", "GB"},
      {"former german democratic republic", "DE"},
      {"german", "DE"},
      {"guinea bissau", "GW"},
      {"kazakh ssr", "KZ"},
      {"kazakh soviet socialist republic", "KZ"},
      {"occupied palestinian territories", "PS"},
      {"palestinian territories", "PS"},
      {"repubic of moldova", "MD"},
      {"russian", "RU"},
      {"russian soviet federative socialist republic", "RU"},
      {"sundan", "SD"},
      {"ukrainian ssr", "UA"},
      {"uzbek ssr", "UZ"},
      {"uzbekhistan", "UZ"},
      {"yakut autonomous ssr", "RU"},
  };
  auto it = kAliases.find(io::ToLowerAscii(io::CollapseWhitespace(text)));
  return it == kAliases.end() ? "" : it->second;
}

// Country code for an OFSI country cell piece such as "Iraq (previous
// address)", "Russian Federation (as at November 2010)" or "Former USSR, now
// Ukraine": the whole text, then what follows "now"/"currently", then the
// text before a parenthesis or comma, then the text inside the parenthesis.
std::string OfsiCountry(std::string_view text, int depth = 0) {
  text = io::Trim(text);
  while (!text.empty() && (text.back() == '.' || text.back() == ',' || text.back() == ')')) {
    text = io::Trim(text.substr(0, text.size() - 1));
  }
  if (text.empty() || depth > 3) return "";
  std::string code = CountryCode(text);
  if (code.empty()) code = OfsiCountryAlias(text);
  if (!code.empty()) return code;
  std::string low = io::ToLowerAscii(text);
  for (std::string_view marker : {"now ", "currently "}) {
    size_t at = low.rfind(marker);
    if (at != std::string::npos && (at == 0 || low[at - 1] == ' ' || low[at - 1] == '(')) {
      code = OfsiCountry(text.substr(at + marker.size()), depth + 1);
      if (!code.empty()) return code;
    }
  }
  size_t cut = text.find_first_of("(,");
  if (cut != std::string_view::npos && cut > 0) {
    code = OfsiCountry(text.substr(0, cut), depth + 1);
    if (!code.empty()) return code;
    if (text[cut] == '(') return OfsiCountry(text.substr(cut + 1), depth + 1);
  }
  return "";
}

// All the countries of a cell: numbered pieces, each of which may also list
// several countries separated by ". " ("Germany. Russia").
std::vector<std::string> OfsiCountries(std::string_view cell) {
  std::vector<std::string> out;
  for (const std::string& piece : SplitNumbered(cell)) {
    std::string whole = OfsiCountry(piece);
    if (!whole.empty()) {
      out.push_back(whole);
      continue;
    }
    for (std::string_view part : io::Split(piece, ". ")) {
      if (std::string c = OfsiCountry(part); !c.empty()) out.push_back(c);
    }
  }
  return out;
}

// ISO 639-1 code for the language names OFSI uses; "" when unknown.
std::string LanguageCode(std::string_view name) {
  static const std::map<std::string, std::string, std::less<>> kLanguages = {
      {"arabic", "ar"},     {"armenian", "hy"},  {"azerbaijani", "az"}, {"belarusian", "be"},
      {"bosnian", "bs"},    {"bulgarian", "bg"}, {"burmese", "my"},     {"chinese", "zh"},
      {"farsi", "fa"},      {"georgian", "ka"},  {"greek", "el"},       {"hebrew", "he"},
      {"japanese", "ja"},   {"kazakh", "kk"},    {"korean", "ko"},      {"kyrgyz", "ky"},
      {"macedonian", "mk"}, {"pashto", "ps"},    {"persian", "fa"},     {"persian/farsi", "fa"},
      {"romanian", "ro"},   {"russia", "ru"},    {"russian", "ru"},     {"serbian", "sr"},
      {"spanish", "es"},    {"tajik", "tg"},     {"thai", "th"},        {"turkish", "tr"},
      {"ukraine", "uk"},    {"ukrainian", "uk"}, {"urdu", "ur"},        {"uzbek", "uz"},
  };
  auto it = kLanguages.find(io::ToLowerAscii(io::Trim(name)));
  return it == kLanguages.end() ? "" : it->second;
}

void AddProperty(Entity& e, std::string key, std::string_view value) {
  std::string v = io::CollapseWhitespace(value);
  if (v.empty()) return;
  for (const auto& [k, old] : e.properties) {
    if (k == key && old == v) return;
  }
  e.properties.emplace_back(std::move(key), std::move(v));
}

void AddIdentifier(Entity& e, IdType type, std::string_view value, std::string_view detail) {
  Identifier id;
  id.type = type;
  id.value = io::CollapseWhitespace(value);
  if (id.value.empty()) return;
  id.note = io::CollapseWhitespace(detail);
  id.country = OfsiCountry(detail);
  if (id.country.empty() && io::StartsWithIgnoreCaseAscii(id.note, "Issued in ")) {
    id.country = OfsiCountry(std::string_view(id.note).substr(10));
  }
  for (const auto& old : e.identifiers) {
    if (old.type == id.type && old.value == id.value) return;
  }
  e.identifiers.push_back(std::move(id));
}

// Adds numbered identifier values, pairing each with its numbered detail when
// the counts agree, or giving every value the one detail there is.
void AddIdentifiers(Entity& e, IdType type, std::string_view numbers, std::string_view details) {
  std::vector<std::string> values = SplitNumbered(numbers);
  std::vector<std::string> notes = SplitNumbered(details);
  for (size_t i = 0; i < values.size(); ++i) {
    std::string_view note;
    if (notes.size() == values.size()) {
      note = notes[i];
    } else if (notes.size() == 1) {
      note = notes[0];
    }
    AddIdentifier(e, type, values[i], note);
  }
}

void AddDate(std::vector<PartialDate>& list, const PartialDate& d) {
  if (std::find(list.begin(), list.end(), d) == list.end()) list.push_back(d);
}

// "Tax ID No. 9710007769 (Russia)", "OGRN: 1025403641900", "INN/TIN: ..."
// -> typed identifiers: the type comes from the label, the value is the
// longest token with a digit in it.
void AddBusinessRegNumbers(Entity& e, std::string_view text) {
  for (const std::string& piece : SplitNumbered(text)) {
    // Some cells list several labelled numbers separated by ". ".
    for (std::string_view part : io::Split(piece, ". ")) {
      std::string best;
      for (std::string_view tok : io::Split(part, " ")) {
        while (!tok.empty() && (tok.back() == '.' || tok.back() == ',' || tok.back() == ';' ||
                                tok.back() == ':' || tok.back() == ')')) {
          tok.remove_suffix(1);
        }
        while (!tok.empty() && (tok.front() == '(' || tok.front() == ':')) tok.remove_prefix(1);
        bool digit =
            std::any_of(tok.begin(), tok.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (digit && tok.size() > best.size()) best = std::string(tok);
      }
      if (best.size() < 4) continue;
      std::string up = io::ToUpperAscii(part);
      IdType type = IdType::kRegistration;
      if (up.find("OGRN") != std::string::npos) {
        type = IdType::kOgrn;
      } else if (up.find("INN") != std::string::npos) {
        type = IdType::kInn;
      } else if (up.find("KPP") != std::string::npos) {
        type = IdType::kKpp;
      } else if (up.find("OKPO") != std::string::npos) {
        type = IdType::kOkpo;
      } else if (up.find("TAX") != std::string::npos || up.find("TIN") != std::string::npos) {
        type = IdType::kTaxId;
      }
      AddIdentifier(e, type, best, "");
      e.identifiers.back().label = io::CollapseWhitespace(part);
    }
  }
}

// "uk_sanctions_list_ref" from "UK Sanctions List Ref".
std::string PropertyKey(std::string_view label) {
  std::string out;
  for (char c : label) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    } else if (!out.empty() && out.back() != '_') {
      out.push_back('_');
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

// Splits "Other Information" into its "(Label):value" parts. A label starts
// with a letter and holds no parentheses, so "(2022):" in free text is not
// one.
std::vector<std::pair<std::string, std::string>> LabelledParts(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  struct Mark {
    size_t start, value_start;
    std::string label;
  };
  std::vector<Mark> marks;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '(') continue;
    size_t close = text.find(')', i + 1);
    if (close == std::string_view::npos) break;
    if (close + 1 >= text.size() || text[close + 1] != ':') continue;
    std::string_view label = text.substr(i + 1, close - i - 1);
    if (label.empty() || label.size() > 40 || label.find('(') != std::string_view::npos) continue;
    char c = label[0];
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) continue;
    marks.push_back({i, close + 2, std::string(label)});
    i = close + 1;
  }
  for (size_t m = 0; m < marks.size(); ++m) {
    size_t end = m + 1 < marks.size() ? marks[m + 1].start : text.size();
    std::string_view value =
        io::Trim(text.substr(marks[m].value_start, end - marks[m].value_start));
    out.emplace_back(marks[m].label, std::string(value));
  }
  return out;
}

// The first word of "RUS0001. Financial sanctions..." without its full stop.
std::string FirstToken(std::string_view value) {
  std::string_view v = io::Trim(value);
  size_t end = v.find_first_of(" \t");
  std::string_view tok = v.substr(0, end);
  while (!tok.empty() && (tok.back() == '.' || tok.back() == ',')) tok.remove_suffix(1);
  return std::string(tok);
}

void AddOtherInformation(Entity& e, std::string_view text) {
  AddUnique(e.remarks, text);
  for (const auto& [label, value] : LabelledParts(text)) {
    std::string key = PropertyKey(label);
    if (key == "uk_sanctions_list_ref" || key == "un_ref") {
      AddProperty(e, key, FirstToken(value));
    } else if (key == "gender") {
      if (e.gender.empty()) e.gender = NormalizeGender(FirstToken(value));
    } else if (key == "phone_number" || key == "fax") {
      for (const auto& p : SplitNumbered(value)) {
        if (key == "fax") {
          AddProperty(e, key, p);
        } else {
          AddUnique(e.phones, p);
        }
      }
    } else if (key == "email_address") {
      for (const auto& p : SplitNumbered(value)) {
        for (std::string_view tok : io::Split(p, " ")) {
          while (!tok.empty() && (tok.back() == '.' || tok.back() == ',')) tok.remove_suffix(1);
          if (tok.find('@') != std::string_view::npos) AddUnique(e.emails, tok);
        }
      }
    } else if (key == "website") {
      for (const auto& p : SplitNumbered(value)) {
        for (std::string_view tok : io::Split(p, " ")) {
          while (!tok.empty() && (tok.back() == '.' || tok.back() == ',')) tok.remove_suffix(1);
          if (tok.find('.') != std::string_view::npos) AddUnique(e.websites, tok);
        }
      }
    } else if (key == "imo_number") {
      AddIdentifier(e, IdType::kImo, FirstToken(value), "");
    } else if (key == "business_reg_no") {
      AddBusinessRegNumbers(e, value);
    } else if (key == "flag_of_ship") {
      AddProperty(e, key, value);
      if (std::string c = OfsiCountry(value); !c.empty()) AddUnique(e.countries, c);
    } else if (key == "parent_company") {
      AddProperty(e, key, value);
      bool seen = false;
      for (const auto& r : e.relations) seen = seen || r.target_name == value;
      if (!seen && !value.empty()) {
        e.relations.push_back({RelationKind::kSubsidiaryOf, std::string(value), ""});
      }
    } else if (key != "uk_statement_of_reasons" && !key.empty()) {
      AddProperty(e, key, value);
    }
  }
}

// The person's or entity's name on a row: Name 1..5 then Name 6.
std::string FullName(const Row& r) {
  std::string out;
  for (Col c : {kName1, kName2, kName3, kName4, kName5, kName6}) {
    std::string_view part = io::Trim(r[c]);
    if (part.empty()) continue;
    if (!out.empty()) out.push_back(' ');
    out += part;
  }
  return out;
}

NameKind KindOf(const Row& r) {
  std::string type = io::ToLowerAscii(io::Trim(r[kAliasType]));
  std::string quality = io::ToLowerAscii(io::Trim(r[kAliasQuality]));
  if (type == "primary name") return NameKind::kPrimary;
  if (type == "fka" || type == "formerly known as") return NameKind::kFormerName;
  // A variation of the primary name is strong whatever its quality says.
  if (type == "primary name variation") return NameKind::kStrongAlias;
  if (quality.starts_with("low")) return NameKind::kWeakAlias;
  return NameKind::kStrongAlias;  // AKA of good or unstated quality
}

// Adds the Latin-script name of a row as `kind`, with its parts for persons.
void AddRowName(Entity& e, const Row& r, NameKind kind) {
  Name* n = AddName(e, FullName(r), kind);
  if (n == nullptr || e.schema != Schema::kPerson) return;
  n->given = io::CollapseWhitespace(r[kName1]);
  std::string middle;
  for (Col c : {kName2, kName3, kName4, kName5}) {
    std::string part = io::CollapseWhitespace(r[c]);
    if (part.empty()) continue;
    if (!middle.empty()) middle.push_back(' ');
    middle += part;
  }
  n->middle = std::move(middle);
  n->family = io::CollapseWhitespace(r[kName6]);
}

// Merges the facts of one row into the group's entity (names excepted).
void AddRowFacts(Entity& e, const Row& r) {
  if (!r[kNonLatinName].empty()) {
    if (Name* n = AddName(e, r[kNonLatinName], NameKind::kStrongAlias)) {
      n->lang = LanguageCode(r[kNonLatinLanguage]);
      if (n->lang.empty()) n->lang = LanguageCode(r[kNonLatinType]);
    }
  }
  for (const auto& t : SplitNumbered(r[kTitle])) AddUnique(e.titles, t);
  for (const auto& t : SplitNumbered(r[kPosition])) AddUnique(e.titles, t);
  if (auto d = ParseListDate(r[kDob])) {
    AddDate(e.birth_dates, *d);
  } else {
    AddProperty(e, "dob_text", r[kDob]);  // kept rather than lost
  }
  {
    std::vector<std::string> towns = SplitNumbered(r[kTownOfBirth]);
    std::vector<std::string> countries = SplitNumbered(r[kCountryOfBirth]);
    size_t n = std::max(towns.size(), countries.size());
    // Pair by number; a single town or country goes with every piece of the
    // other cell.
    auto pick = [n](const std::vector<std::string>& v, size_t i) {
      if (v.size() == n) return v[i];
      return v.size() == 1 ? v[0] : std::string();
    };
    for (size_t i = 0; i < n; ++i) {
      std::string town = pick(towns, i);
      std::string country = pick(countries, i);
      std::string place = town;
      if (!country.empty()) place += (place.empty() ? "" : ", ") + country;
      AddUnique(e.birth_places, place);
    }
  }
  for (const auto& c : OfsiCountries(r[kNationality])) AddUnique(e.nationalities, c);
  AddIdentifiers(e, IdType::kPassport, r[kPassportNumber], r[kPassportDetails]);
  AddIdentifiers(e, IdType::kNationalId, r[kNationalIdNumber], r[kNationalIdDetails]);

  Address a;
  std::vector<std::string> street;
  for (Col c : {kAddress1, kAddress2, kAddress3, kAddress4, kAddress5}) {
    std::string part = io::CollapseWhitespace(r[c]);
    if (!part.empty()) street.push_back(std::move(part));
  }
  a.street = io::Join(street, ", ");
  a.city = io::CollapseWhitespace(r[kAddress6]);
  a.postal_code = io::CollapseWhitespace(r[kPostCode]);
  a.country = OfsiCountry(r[kCountry]);
  std::vector<std::string> full = street;
  for (Col c : {kAddress6, kPostCode, kCountry}) {
    std::string part = io::CollapseWhitespace(r[c]);
    if (!part.empty()) full.push_back(std::move(part));
  }
  a.full = io::Join(full, ", ");
  if (!a.full.empty()) {
    bool seen = false;
    for (const auto& old : e.addresses) seen = seen || old.full == a.full;
    if (!seen) e.addresses.push_back(std::move(a));
  }
  for (const auto& c : OfsiCountries(r[kCountry])) AddUnique(e.countries, c);

  if (std::string regime = io::CollapseWhitespace(r[kRegime]); !regime.empty()) {
    bool seen = false;
    for (const auto& p : e.programs) seen = seen || p.code == regime;
    if (!seen) e.programs.push_back({regime, "", ""});
  }
  if (auto d = ParseListDate(r[kListedOn])) AddDate(e.listing_dates, *d);
  if (auto d = ParseListDate(r[kDateDesignated])) {
    AddProperty(e, "uk_sanctions_list_date_designated", d->ToString());
  }
  if (auto d = ParseListDate(r[kLastUpdated])) AddProperty(e, "last_updated", d->ToString());
  if (!r[kOtherInformation].empty()) AddOtherInformation(e, r[kOtherInformation]);
}

Schema SchemaOf(std::string_view group_type, std::string_view name) {
  std::string t = io::ToLowerAscii(io::Trim(group_type));
  if (t == "individual") return Schema::kPerson;
  if (t == "ship") return Schema::kVessel;
  return OrgSchemaFromName(name);
}

// Builds the entity of one group from its rows (in file order).
Entity BuildEntity(const std::string& source, const std::string& group_id,
                   const std::vector<Row>& rows) {
  Entity e;
  e.source = source;
  e.source_id = group_id;
  // The primary name goes first: the first "Primary name" row, or the first
  // row when a group has none. Later primary names that differ from it become
  // strong aliases, so that names[0] is the one primary.
  const Row* primary = &rows[0];
  for (const Row& r : rows) {
    if (KindOf(r) == NameKind::kPrimary) {
      primary = &r;
      break;
    }
  }
  e.schema = SchemaOf((*primary)[kGroupType], FullName(*primary));
  AddRowName(e, *primary, NameKind::kPrimary);
  for (const Row& r : rows) {
    if (&r == primary) continue;
    NameKind kind = KindOf(r);
    if (kind == NameKind::kPrimary) {
      if (!e.names.empty() && e.names[0].full == io::CollapseWhitespace(FullName(r))) continue;
      kind = NameKind::kStrongAlias;
    }
    AddRowName(e, r, kind);
  }
  for (const Row& r : rows) AddRowFacts(e, r);
  // A group whose primary row carries only a non-Latin name.
  if (!e.names.empty() && e.names[0].kind != NameKind::kPrimary) {
    e.names[0].kind = NameKind::kPrimary;
  }
  return e;
}

}  // namespace

Result<ReadOutput> ReadOfsiCsv(std::span<const InputFile> files, const ReadOptions& options) {
  if (files.empty()) return Status::InvalidArgument("ofsi: no file given");
  ReadOutput out;
  // Groups in order of first appearance, across all files.
  std::vector<std::string> order;
  std::unordered_map<std::string, std::vector<Row>> groups;
  for (size_t file_index = 0; file_index < files.size(); ++file_index) {
    const InputFile& file = files[file_index];
    io::CsvReader reader(file.data);
    std::vector<std::string> rec;
    auto next = reader.Read(rec);
    if (next == io::CsvReader::Next::kRecord && !rec.empty() &&
        io::EqualsIgnoreCaseAscii(io::Trim(rec[0]), "Last Updated")) {
      if (rec.size() > 1) {
        if (auto d = ParseListDate(rec[1])) {
          std::string date = d->ToString();
          if (date > out.meta.list_date) out.meta.list_date = date;
        }
      }
      next = reader.Read(rec);
    }
    if (next != io::CsvReader::Next::kRecord) {
      return Status::ParseError(file.path + ": no header row (expected the OFSI ConList layout)");
    }
    io::CsvHeader header(rec);
    std::array<int, kNumCols> cols;
    for (int c = 0; c < kNumCols; ++c) {
      cols[c] = header.Col(kColumnNames[c]);
      if (cols[c] < 0) {
        return Status::ParseError(file.path + ":" + std::to_string(reader.line()) +
                                  ": missing column '" + std::string(kColumnNames[c]) +
                                  "' (not an OFSI ConList CSV?)");
      }
    }
    while (true) {
      next = reader.Read(rec);
      if (next == io::CsvReader::Next::kEnd) break;
      if (next == io::CsvReader::Next::kError) {
        out.problems.push_back(MakeProblem(file, reader.line(), "", reader.error()));
        continue;
      }
      int64_t line = reader.line();
      if (rec.size() != header.size()) {
        out.problems.push_back(MakeProblem(file, line, "",
                                           "expected " + std::to_string(header.size()) +
                                               " fields, found " + std::to_string(rec.size())));
        continue;
      }
      Row row;
      row.file = file_index;
      row.line = line;
      for (int c = 0; c < kNumCols; ++c) row.f[c] = std::move(rec[cols[c]]);
      std::string group_id(io::Trim(row[kGroupId]));
      bool bad_utf8 = false;
      for (int c = 0; c < kNumCols && !bad_utf8; ++c) {
        if (auto p = CheckUtf8(file, line, group_id, row.f[c])) {
          p->column = cols[c] + 1;
          p->reason = "column '" + std::string(kColumnNames[c]) + "': " + p->reason;
          out.problems.push_back(std::move(*p));
          bad_utf8 = true;
        }
      }
      if (bad_utf8) continue;
      if (group_id.empty()) {
        out.problems.push_back(MakeProblem(file, line, "", "column 'Group ID' is empty"));
        continue;
      }
      if (FullName(row).empty() && io::Trim(row[kNonLatinName]).empty()) {
        out.problems.push_back(MakeProblem(file, line, group_id, "row has no name"));
        continue;
      }
      auto [it, inserted] = groups.try_emplace(group_id);
      if (inserted) order.push_back(group_id);
      it->second.push_back(std::move(row));
    }
  }
  out.entities.reserve(order.size());
  for (const std::string& id : order) {
    const std::vector<Row>& rows = groups[id];
    Entity e = BuildEntity(options.source_id, id, rows);
    if (e.names.empty()) {  // names of nothing but control characters
      out.problems.push_back(
          MakeProblem(files[rows[0].file], rows[0].line, id, "group has no usable name"));
      continue;
    }
    out.entities.push_back(std::move(e));
  }
  return out;
}

}  // namespace chokepoint::lists
