// HS normaliser, goods lists (FinCEN nine, EO 14114 categories) and the
// user's controlled-goods lists. See include/chokepoint/goods.h.

#include <algorithm>
#include <cctype>

#include "chokepoint/goods.h"
#include "goods/chpl.h"
#include "goods/hs_table.h"
#include "goods/hs_vintage.h"
#include "io/csv.h"
#include "io/file.h"
#include "io/strings.h"

namespace chokepoint::goods {

namespace {

int Year(HsVintage v) { return static_cast<int>(v); }

std::string JoinCodes(const std::vector<HsCode>& codes) {
  std::string out;
  for (const auto& c : codes) {
    if (!out.empty()) out += ", ";
    out += c.hs6;
  }
  return out;
}

// Input shown in messages: at most 40 bytes, invalid UTF-8 replaced.
std::string Shown(std::string_view input) {
  std::string s = io::SanitizeUtf8(io::Trim(input.substr(0, 40)));
  if (input.size() > 40) s += "...";
  return s;
}

}  // namespace

HsCode MakeHsCode(std::string_view hs6, HsVintage vintage) {
  HsCode c;
  c.hs6 = std::string(hs6);
  if (const HsRow* row = HsNomenclature::Get(vintage).Find(hs6)) {
    c.description = std::string(row->description);
  }
  // The CHPL and the FinCEN nine are HS 2022 lists; an HS 2017 code carries
  // the tier of the HS 2022 code(s) its goods went to.
  std::vector<std::string> in2022 =
      vintage == HsVintage::k2017 ? Hs2017To2022(hs6) : std::vector<std::string>{std::string(hs6)};
  const auto& nine = FincenHighPriorityCodes();
  for (const auto& code : in2022) {
    if (const ChplEntry* e = FindChpl(code); e && c.chpl_tier.empty()) c.chpl_tier = e->tier;
    if (std::find(nine.begin(), nine.end(), code) != nine.end()) c.fincen_high_priority = true;
  }
  return c;
}

Result<HsLookup> NormalizeHs(std::string_view input, HsVintage vintage) {
  const std::string shown = Shown(input);
  auto fail = [&](std::string why) {
    return Status::InvalidArgument(shown + ": " + std::move(why));
  };
  if (input.size() > 64) return fail("too long for an HS code");
  std::string_view s = io::Trim(input);
  // Optional "HS"/"HTS" prefix ("HS 8542.31", "HS:854231").
  for (std::string_view prefix : {"hts", "hs"}) {
    if (io::StartsWithIgnoreCaseAscii(s, prefix) && s.size() > prefix.size() &&
        !std::isalpha(static_cast<unsigned char>(s[prefix.size()]))) {
      s.remove_prefix(prefix.size());
      if (!s.empty() && s[0] == ':') s.remove_prefix(1);
      break;
    }
  }
  std::string digits;
  for (char ch : s) {
    unsigned char u = static_cast<unsigned char>(ch);
    if (std::isdigit(u)) {
      digits.push_back(ch);
    } else if (ch == ' ' || ch == '.' || ch == '-' || ch == '/' || ch == '\t') {
      continue;
    } else if (u >= 0x80) {
      return fail("not an HS code: unexpected non-ASCII character");
    } else if (std::isprint(u)) {
      return fail(std::string("not an HS code: unexpected character '") + ch + "'");
    } else {
      return fail("not an HS code: unexpected control character");
    }
  }
  const std::string year = std::to_string(Year(vintage));
  const HsNomenclature& table = HsNomenclature::Get(vintage);
  const size_t n = digits.size();
  if (n == 0) return fail("not an HS code: no digits");
  if (n == 2) {
    return fail("a chapter, not a subheading; give 4 digits (a heading) or 6 (a subheading)");
  }
  if (n < 4) return fail(std::to_string(n) + " digits: too short (give 4-10 digits)");
  if (n > 10) return fail(std::to_string(n) + " digits: too long for one HS code (at most 10)");
  if (n == 5) {
    std::string why = "5 digits is ambiguous (a heading and one more digit";
    if (table.Find("0" + digits)) why += ", or " + digits + " without its leading zero: 0" + digits;
    why += "); give 4 or 6 digits";
    return fail(why);
  }

  HsLookup out;
  out.input = std::string(input);
  out.digits = digits;
  out.vintage = vintage;
  out.heading = digits.substr(0, 4);
  const HsRow* heading = table.Find(out.heading);
  if (heading) out.heading_description = std::string(heading->description);

  if (n == 4) {
    if (!heading) return fail("not an HS " + year + " heading");
    out.is_heading = true;
    for (const HsRow* row : table.Under(out.heading, 6)) {
      HsCode c = MakeHsCode(row->code, vintage);
      if (!c.chpl_tier.empty()) out.subheadings.push_back(std::move(c));
    }
    out.note = out.heading + ": a heading, not a subheading; ";
    out.note += out.subheadings.empty()
                    ? "no CHPL subheadings inside it"
                    : "CHPL subheadings inside it: " + JoinCodes(out.subheadings);
    return out;
  }

  const std::string hs6 = digits.substr(0, 6);
  if (!table.Find(hs6)) {
    std::string why = "not an HS " + year + " code";
    if (n > 6) why = hs6 + " (its first six digits) is not an HS " + year + " subheading";
    HsVintage other = vintage == HsVintage::k2022 ? HsVintage::k2017 : HsVintage::k2022;
    if (HsNomenclature::Get(other).Find(hs6)) {
      why += " (it is an HS " + std::to_string(Year(other)) + " code";
      if (other == HsVintage::k2017) {
        auto mapped = Hs2017To2022(hs6);
        if (mapped.size() > 1 || mapped[0] != hs6) why += "; in HS 2022: " + io::Join(mapped, ", ");
      }
      why += ")";
    } else if (heading) {
      auto subs = table.Under(out.heading, 6);
      std::vector<std::string> codes;
      for (const HsRow* r : subs) codes.emplace_back(r->code);
      if (codes.size() > 12) {
        codes.resize(12);
        codes.emplace_back("...");
      }
      why += "; subheadings of " + out.heading + ": " + io::Join(codes, ", ");
    }
    return fail(why);
  }
  out.code = MakeHsCode(hs6, vintage);
  out.national_suffix = digits.substr(6);
  return out;
}

std::string HsDescription(std::string_view code, HsVintage vintage) {
  const HsRow* row = HsNomenclature::Get(vintage).Find(code);
  return row ? std::string(row->description) : std::string();
}

bool HsExists(std::string_view code, HsVintage vintage) {
  return HsNomenclature::Get(vintage).Find(code) != nullptr;
}

std::vector<std::string> HsSubheadings(HsVintage vintage) {
  std::vector<std::string> out;
  for (const auto& row : HsNomenclature::Get(vintage).rows()) {
    if (row.code.size() == 6) out.emplace_back(row.code);
  }
  return out;
}

const std::vector<std::string>& FincenHighPriorityCodes() {
  // FIN-2023-Alert004 (2023-05-19), table of nine HS codes; the same nine
  // are CHPL tiers 1 and 2.
  static const std::vector<std::string> kNine = {"854231", "854232", "854233", "854239", "851762",
                                                 "852691", "853221", "853224", "854800"};
  return kNine;
}

const std::vector<CriticalItemCategory>& Eo14114CriticalItemCategories() {
  // Categories per OFAC FAQ 1148 (critical-items determination of
  // 2023-12-22). related_hs is our pointer to overlapping HS headings; the
  // determination's own HS annex is not included (not retrievable).
  static const std::vector<CriticalItemCategory> kCategories = {
      {"machine-tools",
       "Machine tools and manufacturing equipment, incl. semiconductor manufacturing equipment",
       "8456,8457,8458,8459,8460,8461,8466,8486"},
      {"semiconductor-materials",
       "Manufacturing materials for semiconductors and related electronics", ""},
      {"electronic-test-equipment", "Electronic test equipment (e.g. pulse and signal generators)",
       "854320,9030"},
      {"propellants-explosives", "Propellants, chemical precursors for propellants, and explosives",
       "391220,3601,3602"},
      {"lubricants", "Lubricants and lubricant additives", ""},
      {"bearings", "Bearings", "8482"},
      {"optical-systems", "Advanced optical systems", "9013"},
      {"navigation-instruments", "Navigation instruments", "9014"},
  };
  return kCategories;
}

Result<ControlledGoodsList> ControlledGoodsList::Load(const std::string& path,
                                                      std::vector<Problem>* problems) {
  CHOKEPOINT_ASSIGN_OR_RETURN(std::string data, io::ReadFile(path));
  return Parse(data, path, problems);
}

Result<ControlledGoodsList> ControlledGoodsList::Parse(std::string_view csv_text,
                                                       const std::string& name,
                                                       std::vector<Problem>* problems) {
  io::CsvReader reader(csv_text);
  std::vector<std::string> rec;
  auto first = reader.Read(rec);
  if (first != io::CsvReader::Next::kRecord) {
    return Status::ParseError(name + ": empty file or unreadable header");
  }
  io::CsvHeader header(rec);
  int hs_col = header.Col("hs"), label_col = header.Col("label");
  if (hs_col < 0 || label_col < 0) {
    return Status::ParseError(name + ":1: expected columns hs,label");
  }
  auto problem = [&](int64_t line, std::string reason) {
    if (!problems) return;
    Problem p;
    p.file = name;
    p.line = line;
    p.reason = std::move(reason);
    problems->push_back(std::move(p));
  };
  ControlledGoodsList list;
  for (;;) {
    auto next = reader.Read(rec);
    if (next == io::CsvReader::Next::kEnd) break;
    if (next == io::CsvReader::Next::kError) {
      problem(reader.line(), reader.error());
      continue;
    }
    const std::string& raw = io::Field(rec, hs_col);
    auto lookup = NormalizeHs(raw);
    if (!lookup.ok()) {
      problem(reader.line(), lookup.status().message());
      continue;
    }
    ControlledItem item;
    item.hs = lookup->digits;
    item.label = std::string(io::Trim(io::Field(rec, label_col)));
    list.items_.push_back(std::move(item));
  }
  return list;
}

std::vector<const ControlledItem*> ControlledGoodsList::Match(std::string_view hs_code) const {
  std::vector<const ControlledItem*> out;
  for (const auto& item : items_) {
    if (hs_code.substr(0, item.hs.size()) == item.hs && hs_code.size() >= item.hs.size()) {
      out.push_back(&item);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const ControlledItem* a, const ControlledItem* b) {
    return a->hs.size() > b->hs.size();
  });
  return out;
}

}  // namespace chokepoint::goods
