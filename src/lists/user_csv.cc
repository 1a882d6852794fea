// Reader for a user's own list: a CSV file with a header row, e.g.
//
//   id,name,schema,aliases,country,birth_date,identifiers,program,notes
//   c1,Acme Trading LLC,company,Acme;ACME TR,AE,,lei:5493001KJTIIGC8Y1R12,internal,
//
// Column names are matched case-insensitively. Recognised columns:
//   id           the record id (optional: without the column, the record's
//                1-based data row number, counted across the files, is its id)
//   name         required: the primary name (a cell that holds several, as
//                ACME LLC A.K.A. ACME TRADING, gives its first as the primary
//                name and the others as aliases or former names: AddNames)
//   schema       person, company, organization, vessel, aircraft (default
//                LegalEntity: the kind is not known)
//   aliases      strong aliases separated by ';'
//   country      country names or codes separated by ';'
//   nationality  country names or codes separated by ';'
//   birth_date   YYYY, YYYY-MM or YYYY-MM-DD (';' for several)
//   identifiers  ';'-separated "type:value" (type as in IdTypeName, e.g.
//                passport, inn, imo, lei; another prefix becomes the label of
//                an "other" identifier) or plain values
//   program      program codes separated by ';'
//   notes        a remark
// Any other column is kept as a property named after the column.
//
// The user controls this file, so the reader is strict about each row: a row
// with a wrong field count, invalid UTF-8, no name, an unknown schema or
// country, a bad date or a duplicate id is skipped with a Problem naming the
// file, line, column and reason.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "io/csv.h"
#include "io/strings.h"
#include "lists/common.h"
#include "lists/readers.h"
#include "text/name_field.h"

namespace chokepoint::lists {

namespace {

enum Col : int {
  kId,
  kName,
  kSchema,
  kAliases,
  kCountry,
  kNationality,
  kBirthDate,
  kIdentifiers,
  kProgram,
  kNotes,
  kNumCols,
};

constexpr std::array<std::string_view, kNumCols> kColumnNames = {
    "id",          "name",       "schema",      "aliases", "country",
    "nationality", "birth_date", "identifiers", "program", "notes"};

// Why a row was rejected: the column (index into the record) and the reason.
struct RowError {
  int column = -1;
  std::string reason;
};

// Adds an identifier a name cell writes beside the name (text::
// CutIdentifiers) to `e`: of the type its label names (INN, OGRN, USCC,
// IMO, passport ...; another label is kept as the identifier's), one per
// number it stands for (INN/KPP 7707083893/770701001: the value and each).
void AddCellIdentifier(Entity& e, const text::FieldIdentifier& id) {
  const std::optional<IdType> type = ParseIdType(io::ToLowerAscii(id.label));
  for (std::string& v : id.Numbers()) {
    Identifier out;
    out.type = type.value_or(IdType::kOther);
    if (!type) out.label = id.label.empty() ? "account" : id.label;
    out.value = std::move(v);
    e.identifiers.push_back(std::move(out));
  }
}

// Adds the names of a name cell to `e`. Identifiers the cell writes beside
// the name (ACME LLC INN 7707083893) become the entity's identifiers, and a
// street address after it (ACME LLC, 12 HARBOUR ROAD, HONG KONG) its
// address. A cell that holds several names (ACME LLC A.K.A. ACME TRADING,
// NEW NAME JSC (FORMERLY OLD NAME JSC), IVAN PETROV C/O ROSOBORONEXPORT;
// text::SplitNameField) gives its first name as the primary name, the names
// after an alias or trade-name marker as strong aliases and those after a
// former-name marker as former names; a party the cell names the entity
// through (c/o, on behalf of) is not one of its names and is kept as the
// property "care_of", a person to attend to there (attn) as the property
// "contact". When the cell held more than its name, the cell as
// written is kept as the property "name_as_written". False when no name is
// added.
bool AddNames(Entity& e, std::string_view cell) {
  const text::FieldWithoutIdentifiers cut = text::CutIdentifiers(cell);
  for (const text::FieldIdentifier& id : cut.identifiers) AddCellIdentifier(e, id);
  std::string names = cut.name;
  if (text::NameAndAddress na = text::SplitAddress(names); !na.name.empty()) {
    Address a;
    a.full = std::move(na.address);
    e.addresses.push_back(std::move(a));
    names = std::move(na.name);
  }
  const bool more = names != cell;
  const std::vector<text::NameFieldPart> parts = text::SplitNameField(names);
  const bool split = !parts.empty() && !parts[0].other_party;
  bool primary = true;
  if (!split) {
    primary = AddName(e, names, NameKind::kPrimary) == nullptr;
  } else {
    for (const text::NameFieldPart& part : parts) {
      if (part.other_party) {
        e.properties.emplace_back(part.contact ? "contact" : "care_of", part.name);
        continue;
      }
      const NameKind kind = primary       ? NameKind::kPrimary
                            : part.former ? NameKind::kFormerName
                                          : NameKind::kStrongAlias;
      if (AddName(e, part.name, kind) != nullptr) primary = false;
    }
  }
  if (primary) return false;
  if (more || split) {
    e.properties.emplace_back("name_as_written", io::CollapseWhitespace(cell));
  }
  return true;
}

// Fills `e` from one record. Returns the first error, or a reason-less value
// when the row is good.
RowError FillEntity(Entity& e, const std::vector<std::string>& rec,
                    const std::array<int, kNumCols>& cols,
                    const std::vector<std::string>& header_names) {
  auto field = [&](Col c) { return io::Trim(io::Field(rec, cols[c])); };
  auto fail = [&](Col c, std::string reason) {
    return RowError{cols[c], "column '" + std::string(kColumnNames[c]) + "': " + reason};
  };
  std::string_view name = field(kName);
  if (name.empty()) return fail(kName, "missing name");
  if (std::string_view s = field(kSchema); !s.empty()) {
    auto schema = ParseSchema(s);
    if (!schema) {
      return fail(kSchema, "unknown schema '" + std::string(s) +
                               "' (expected person, company, organization, vessel or aircraft)");
    }
    e.schema = *schema;
  }
  if (!AddNames(e, name)) return fail(kName, "missing name");
  for (const auto& a : io::SplitTrimmed(field(kAliases), ";")) {
    AddName(e, a, NameKind::kStrongAlias);
  }
  for (Col c : {kCountry, kNationality}) {
    for (const auto& v : io::SplitTrimmed(field(c), ";")) {
      std::string code = CountryCode(v);
      if (code.empty()) return fail(c, "unknown country '" + v + "'");
      AddUnique(c == kCountry ? e.countries : e.nationalities, code);
    }
  }
  for (const auto& v : io::SplitTrimmed(field(kBirthDate), ";")) {
    auto d = ParsePartialDate(v);
    if (!d) return fail(kBirthDate, "unknown date format '" + v + "' (expected YYYY[-MM[-DD]])");
    e.birth_dates.push_back(*d);
  }
  for (const auto& v : io::SplitTrimmed(field(kIdentifiers), ";")) {
    Identifier id;
    size_t colon = v.find(':');
    std::string_view prefix = colon == std::string::npos
                                  ? std::string_view()
                                  : io::Trim(std::string_view(v).substr(0, colon));
    if (!prefix.empty()) {
      id.value = io::CollapseWhitespace(std::string_view(v).substr(colon + 1));
      if (auto type = ParseIdType(prefix)) {
        id.type = *type;
      } else {
        id.label = std::string(prefix);
      }
    } else {
      id.value = io::CollapseWhitespace(v);
    }
    if (id.value.empty()) return fail(kIdentifiers, "identifier '" + v + "' has no value");
    e.identifiers.push_back(std::move(id));
  }
  for (const auto& v : io::SplitTrimmed(field(kProgram), ";")) {
    bool seen = false;
    for (const auto& p : e.programs) seen = seen || p.code == v;
    if (!seen) e.programs.push_back({v, "", ""});
  }
  AddUnique(e.remarks, field(kNotes));
  // Unknown columns become properties.
  for (size_t i = 0; i < header_names.size() && i < rec.size(); ++i) {
    bool known = false;
    for (int c : cols) known = known || c == static_cast<int>(i);
    if (known || header_names[i].empty()) continue;
    std::string v = io::CollapseWhitespace(rec[i]);
    if (!v.empty()) e.properties.emplace_back(header_names[i], std::move(v));
  }
  return {};
}

}  // namespace

Result<ReadOutput> ReadUserCsv(std::span<const InputFile> files, const ReadOptions& options) {
  if (files.empty()) return Status::InvalidArgument("csv: no file given");
  ReadOutput out;
  std::unordered_set<std::string> seen_ids;
  int64_t row_number = 0;  // data rows across all files: the id when there is no id column
  for (const InputFile& file : files) {
    io::CsvReader reader(file.data);
    std::vector<std::string> rec;
    if (reader.Read(rec) != io::CsvReader::Next::kRecord) {
      return Status::ParseError(file.path + ": no header row (a user list needs a header with " +
                                "at least a 'name' column)");
    }
    if (!io::IsValidUtf8(io::Join(rec, ","))) {
      return Status::ParseError(file.path + ":" + std::to_string(reader.line()) +
                                ": header is not valid UTF-8");
    }
    std::vector<std::string> names;
    for (const auto& h : rec) names.push_back(io::ToLowerAscii(io::Trim(h)));
    std::array<int, kNumCols> cols;
    for (int c = 0; c < kNumCols; ++c) {
      cols[c] = -1;
      for (size_t i = 0; i < names.size(); ++i) {
        if (names[i] == kColumnNames[c]) {
          cols[c] = static_cast<int>(i);
          break;
        }
      }
    }
    if (cols[kName] < 0) {
      return Status::ParseError(file.path + ":" + std::to_string(reader.line()) +
                                ": header has no 'name' column");
    }
    const size_t width = rec.size();
    while (true) {
      auto next = reader.Read(rec);
      if (next == io::CsvReader::Next::kEnd) break;
      ++row_number;
      int64_t line = reader.line();
      if (next == io::CsvReader::Next::kError) {
        out.problems.push_back(MakeProblem(file, line, "", reader.error()));
        continue;
      }
      std::string id = cols[kId] >= 0 ? std::string(io::Trim(io::Field(rec, cols[kId])))
                                      : std::to_string(row_number);
      if (rec.size() != width) {
        out.problems.push_back(MakeProblem(
            file, line, id,
            "expected " + std::to_string(width) + " fields, found " + std::to_string(rec.size())));
        continue;
      }
      bool bad = false;
      for (size_t i = 0; i < rec.size() && !bad; ++i) {
        if (auto p = CheckUtf8(file, line, "", rec[i])) {
          p->column = static_cast<int64_t>(i) + 1;
          p->reason = "column '" + names[i] + "': " + p->reason;
          out.problems.push_back(std::move(*p));
          bad = true;
        }
      }
      if (bad) continue;
      if (id.empty()) {
        Problem p = MakeProblem(file, line, "", "column 'id': missing id");
        p.column = cols[kId] + 1;
        out.problems.push_back(std::move(p));
        continue;
      }
      Entity e;
      e.source = options.source_id;
      e.source_id = id;
      RowError err = FillEntity(e, rec, cols, names);
      if (!err.reason.empty()) {
        Problem p = MakeProblem(file, line, id, std::move(err.reason));
        p.column = err.column + 1;
        out.problems.push_back(std::move(p));
        continue;
      }
      if (!seen_ids.insert(id).second) {
        Problem p = MakeProblem(file, line, id, "column 'id': duplicate id");
        p.column = cols[kId] + 1;
        out.problems.push_back(std::move(p));
        continue;
      }
      out.entities.push_back(std::move(e));
    }
  }
  out.meta.list_date = DateFromFileName(files[0].path);
  return out;
}

}  // namespace chokepoint::lists
