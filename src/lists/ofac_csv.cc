// OFAC legacy CSV readers: the SDN list (sdn.csv, add.csv, alt.csv,
// sdn_comments.csv) and the consolidated non-SDN list (cons_prim, cons_add,
// cons_alt, cons_comments). Both share one layout (OFAC's "legacy" data
// specification): no header, CRLF, "-0- " for null, a final 0x1A byte, files
// linked by ent_num.
//
//   main      ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
//             Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks
//   add       ent_num, Add_num, Address, City/State/Postal, Country, Add_remarks
//   alt       ent_num, alt_num, alt_type, alt_name, alt_remarks
//   comments  ent_num, remarks_extended
//
// Files are told apart by name (see RoleOf). The comments file carries the
// overflow of Remarks, which OFAC cuts at 1,000 characters: when the main
// Remarks has that length the overflow continues it directly (often mid-word);
// otherwise the two files are from different dates, the overflow's first,
// partial clause is dropped and its remaining clauses are read as further
// remarks. add/alt/comments rows whose ent_num is not in the main file are
// ignored without a problem, because OFAC publishes the files separately and
// copies of them often come from different days.
//
// Entities keep the order of the main file. Names: the primary name, then
// alt.csv aliases, then the a.k.a./f.k.a. clauses of Remarks; each distinct
// (name, kind) once (AddName).

#include <string>
#include <unordered_map>
#include <vector>

#include "io/csv.h"
#include "io/strings.h"
#include "lists/common.h"
#include "lists/ofac_remarks.h"
#include "lists/readers.h"

namespace chokepoint::lists {

namespace {

enum class FileRole { kMain, kAddresses, kAliases, kComments };

constexpr size_t kMainFields = 12;
constexpr size_t kAddFields = 6;
constexpr size_t kAltFields = 5;
constexpr size_t kCommentFields = 2;
// OFAC cuts Remarks at this many characters and continues in the comments file.
constexpr size_t kRemarksLimit = 1000;

// The role of a file from its name: the lower-case base name without ".xz"
// and ".csv", split on '_', '-' and '.'; a token "comments" marks the
// overflow file, "alt" the aliases, "add" the addresses; anything else is the
// main file (sdn.csv, cons_prim.csv).
FileRole RoleOf(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  std::string base =
      io::ToLowerAscii(slash == std::string_view::npos ? path : path.substr(slash + 1));
  for (std::string_view ext : {".xz", ".csv", ".txt"}) {
    if (base.size() > ext.size() && base.ends_with(ext)) base.resize(base.size() - ext.size());
  }
  bool alt = false, add = false;
  std::string token;
  for (size_t i = 0; i <= base.size(); ++i) {
    char c = i < base.size() ? base[i] : '_';
    if (c == '_' || c == '-' || c == '.') {
      if (token == "comments") return FileRole::kComments;
      alt = alt || token == "alt";
      add = add || token == "add";
      token.clear();
    } else {
      token.push_back(c);
    }
  }
  if (alt) return FileRole::kAliases;
  if (add) return FileRole::kAddresses;
  return FileRole::kMain;
}

// A field with OFAC's null ("-0- ") mapped to "" and white space trimmed.
std::string_view Value(const std::vector<std::string>& rec, size_t i) {
  if (i >= rec.size()) return {};
  std::string_view v = io::Trim(rec[i]);
  return v == "-0-" ? std::string_view() : v;
}

// Reads the records of one file, turning malformed ones into problems.
// `on_record` gets (fields, line, ent_num) for each well-formed record.
template <typename Fn>
void ForEachRecord(const InputFile& file, size_t want_fields, std::vector<Problem>& problems,
                   Fn&& on_record) {
  io::CsvReader reader(file.data);
  std::vector<std::string> rec;
  std::string joined;
  while (true) {
    io::CsvReader::Next next = reader.Read(rec);
    if (next == io::CsvReader::Next::kEnd) break;
    if (next == io::CsvReader::Next::kError) {
      problems.push_back(MakeProblem(file, reader.line(), "", reader.error()));
      continue;
    }
    std::string id(io::Trim(rec.empty() ? std::string_view() : std::string_view(rec[0])));
    if (!io::IsValidUtf8(id) || id.size() > 32) id.clear();
    if (rec.size() != want_fields) {
      problems.push_back(MakeProblem(file, reader.line(), id,
                                     "expected " + std::to_string(want_fields) + " fields, found " +
                                         std::to_string(rec.size())));
      continue;
    }
    joined.clear();
    for (const auto& f : rec) {
      joined += f;
      joined += ',';
    }
    if (auto bad = CheckUtf8(file, reader.line(), id, joined)) {
      problems.push_back(std::move(*bad));
      continue;
    }
    if (!io::IsDigits(id)) {
      problems.push_back(
          MakeProblem(file, reader.line(), "",
                      "ent_num '" + std::string(io::Trim(rec[0])) + "' is not a number"));
      continue;
    }
    on_record(rec, reader.line(), id);
  }
}

void AddPrograms(Entity& e, std::string_view field) {
  // "SDGT] [IFSR" (OFAC writes the inner brackets of a list) or "[SDGT] [IRGC]".
  std::string cur;
  auto flush = [&] {
    std::string code = io::CollapseWhitespace(cur);
    cur.clear();
    if (code.empty()) return;
    for (const auto& p : e.programs) {
      if (p.code == code) return;
    }
    Program p;
    p.code = std::move(code);
    e.programs.push_back(std::move(p));
  };
  for (char c : field) {
    if (c == '[' || c == ']') {
      flush();
    } else {
      cur.push_back(c);
    }
  }
  flush();
}

Schema SchemaOf(std::string_view type, std::string_view name) {
  std::string t = io::ToLowerAscii(type);
  if (t == "individual") return Schema::kPerson;
  if (t == "vessel") return Schema::kVessel;
  if (t == "aircraft") return Schema::kAircraft;
  return OrgSchemaFromName(name);
}

Entity EntityFromMain(const std::vector<std::string>& rec, const std::string& ent_num,
                      const std::string& source) {
  Entity e;
  e.source = source;
  e.source_id = ent_num;
  std::string_view name = Value(rec, 1);
  e.schema = SchemaOf(Value(rec, 2), name);
  if (Name* n = AddName(e, name, NameKind::kPrimary); n && e.schema == Schema::kPerson) {
    SplitOfacPersonName(*n);
  }
  AddPrograms(e, Value(rec, 3));
  AddUnique(e.titles, Value(rec, 4));
  std::string_view flag = Value(rec, 9);
  if (std::string_view call_sign = Value(rec, 5); !call_sign.empty()) {
    Identifier id;
    id.type = IdType::kCallSign;
    id.value = io::CollapseWhitespace(call_sign);
    id.country = CountryCode(flag);
    id.label = "Call Sign";
    e.identifiers.push_back(std::move(id));
  }
  AddOfacProperty(e, "vessel_type", Value(rec, 6));
  AddOfacProperty(e, "vessel_tonnage", Value(rec, 7));
  AddOfacProperty(e, "vessel_grt", Value(rec, 8));
  AddOfacProperty(e, "vessel_flag", flag);
  AddOfacProperty(e, "vessel_owner", Value(rec, 10));
  return e;
}

void AddAddress(Entity& e, const std::vector<std::string>& rec) {
  Address a;
  a.street = io::CollapseWhitespace(Value(rec, 2));
  a.city = io::CollapseWhitespace(Value(rec, 3));
  std::string_view country = Value(rec, 4);
  a.country = CountryCode(country);
  std::vector<std::string> parts;
  for (std::string_view p : {std::string_view(a.street), std::string_view(a.city), country}) {
    if (!p.empty()) parts.emplace_back(io::CollapseWhitespace(p));
  }
  a.full = io::Join(parts, ", ");
  if (std::string_view note = Value(rec, 5); !note.empty()) {
    a.full += (a.full.empty() ? "(" : " (") + io::CollapseWhitespace(note) + ")";
  }
  if (a.full.empty()) return;
  for (const auto& have : e.addresses) {
    if (have.full == a.full) return;
  }
  e.addresses.push_back(std::move(a));
}

NameKind AliasKind(std::string_view type, std::string_view remarks) {
  std::string t = io::ToLowerAscii(type);
  std::string r = io::ToLowerAscii(remarks);
  if (t.find("weak") != std::string::npos || r.find("low quality") != std::string::npos) {
    return NameKind::kWeakAlias;
  }
  if (t == "fka") return NameKind::kFormerName;
  return NameKind::kStrongAlias;  // aka, nka
}

std::string RoleList(std::span<const InputFile> files) {
  std::string out;
  for (const auto& f : files) out += (out.empty() ? "" : ", ") + f.path;
  return out;
}

Result<ReadOutput> ReadOfacCsv(std::span<const InputFile> files, const ReadOptions& options,
                               std::string_view format, std::string_view main_name) {
  const InputFile* main = nullptr;
  std::vector<const InputFile*> adds, alts, comments;
  for (const auto& f : files) {
    switch (RoleOf(f.path)) {
      case FileRole::kMain:
        if (main != nullptr) {
          return Status::InvalidArgument(std::string(format) + ": two main files, " + main->path +
                                         " and " + f.path + "; name the others add, alt or " +
                                         "comments files (e.g. add.csv, alt.csv)");
        }
        main = &f;
        break;
      case FileRole::kAddresses:
        adds.push_back(&f);
        break;
      case FileRole::kAliases:
        alts.push_back(&f);
        break;
      case FileRole::kComments:
        comments.push_back(&f);
        break;
    }
  }
  if (main == nullptr) {
    return Status::InvalidArgument(std::string(format) + ": no main file (" +
                                   std::string(main_name) + ") among: " + RoleList(files));
  }

  ReadOutput out;
  out.meta.list_date = DateFromFileName(main->path);
  std::unordered_map<std::string, size_t> index;  // ent_num -> entity
  std::unordered_map<std::string, int64_t> first_line;
  std::vector<std::string> remarks;  // raw Remarks per entity
  bool any_record = false;
  ForEachRecord(*main, kMainFields, out.problems,
                [&](const std::vector<std::string>& rec, int64_t line, const std::string& id) {
                  any_record = true;
                  if (auto it = first_line.find(id); it != first_line.end()) {
                    out.problems.push_back(MakeProblem(*main, line, id,
                                                       "duplicate ent_num (first on line " +
                                                           std::to_string(it->second) +
                                                           "); the first record is kept"));
                    return;
                  }
                  if (io::CollapseWhitespace(Value(rec, 1)).empty()) {
                    out.problems.push_back(MakeProblem(*main, line, id, "empty SDN_Name"));
                    return;
                  }
                  first_line.emplace(id, line);
                  index.emplace(id, out.entities.size());
                  out.entities.push_back(EntityFromMain(rec, id, options.source_id));
                  remarks.emplace_back(Value(rec, 11));
                });
  if (!any_record && out.problems.empty()) {
    return Status::ParseError(main->path + ": no records (empty " + std::string(main_name) +
                              " file)");
  }

  // Remarks overflow, then the full text first in remarks, then its facts.
  std::vector<std::string> orphans(out.entities.size());
  for (const InputFile* f : comments) {
    ForEachRecord(*f, kCommentFields, out.problems,
                  [&](const std::vector<std::string>& rec, int64_t, const std::string& id) {
                    auto it = index.find(id);
                    std::string_view more = Value(rec, 1);
                    if (it == index.end() || more.empty()) return;
                    std::string& main_remarks = remarks[it->second];
                    if (io::CountCodePoints(main_remarks) >= kRemarksLimit) {
                      main_remarks += more;
                    } else if (size_t cut = more.find("; "); cut != std::string_view::npos) {
                      std::string& o = orphans[it->second];
                      o += (o.empty() ? "" : "; ") + std::string(more.substr(cut + 2));
                    }
                  });
  }
  for (const InputFile* f : alts) {
    ForEachRecord(*f, kAltFields, out.problems,
                  [&](const std::vector<std::string>& rec, int64_t line, const std::string& id) {
                    auto it = index.find(id);
                    if (it == index.end()) return;
                    std::string_view name = Value(rec, 3);
                    if (io::CollapseWhitespace(name).empty()) {
                      out.problems.push_back(MakeProblem(*f, line, id, "empty alt_name"));
                      return;
                    }
                    Entity& e = out.entities[it->second];
                    Name* n = AddName(e, name, AliasKind(Value(rec, 2), Value(rec, 4)));
                    if (n && e.schema == Schema::kPerson) SplitOfacPersonName(*n);
                  });
  }
  for (const InputFile* f : adds) {
    ForEachRecord(*f, kAddFields, out.problems,
                  [&](const std::vector<std::string>& rec, int64_t, const std::string& id) {
                    auto it = index.find(id);
                    if (it != index.end()) AddAddress(out.entities[it->second], rec);
                  });
  }
  for (size_t i = 0; i < out.entities.size(); ++i) {
    Entity& e = out.entities[i];
    std::string text = remarks[i];
    if (!orphans[i].empty()) text += (text.empty() ? "" : "; ") + orphans[i];
    if (text.empty()) continue;
    AddUnique(e.remarks, remarks[i]);
    ApplyOfacRemarks(text, e);
  }
  return out;
}

}  // namespace

Result<ReadOutput> ReadOfacSdnCsv(std::span<const InputFile> files, const ReadOptions& options) {
  return ReadOfacCsv(files, options, "ofac_sdn", "sdn.csv");
}

Result<ReadOutput> ReadOfacConsCsv(std::span<const InputFile> files, const ReadOptions& options) {
  return ReadOfacCsv(files, options, "ofac_cons", "cons_prim.csv");
}

}  // namespace chokepoint::lists
