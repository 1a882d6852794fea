#include "chokepoint/entity.h"

#include <array>
#include <cstdio>

#include "io/strings.h"

namespace chokepoint {

namespace {

template <typename E, size_t N>
std::optional<E> ParseByName(std::string_view name, const std::array<std::string_view, N>& names) {
  for (size_t i = 0; i < N; ++i) {
    if (io::EqualsIgnoreCaseAscii(name, names[i])) return static_cast<E>(i);
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 6> kSchemaNames = {"Person", "Organization", "Company",
                                                          "Vessel", "Aircraft",     "LegalEntity"};
constexpr std::array<std::string_view, 4> kNameKindNames = {"primary", "strong_alias", "weak_alias",
                                                            "former_name"};
constexpr std::array<std::string_view, 17> kScriptNames = {
    "unknown",    "latin",  "cyrillic", "greek",   "armenian", "georgian",
    "hebrew",     "arabic", "han",      "hangul",  "kana",     "thai",
    "devanagari", "mixed",  "other",    "bengali", "myanmar"};
constexpr std::array<std::string_view, 21> kIdTypeNames = {"other",
                                                           "passport",
                                                           "national_id",
                                                           "inn",
                                                           "ogrn",
                                                           "kpp",
                                                           "okpo",
                                                           "uscc",
                                                           "imo",
                                                           "mmsi",
                                                           "bic",
                                                           "lei",
                                                           "tax_id",
                                                           "registration",
                                                           "isin",
                                                           "duns",
                                                           "driver_license",
                                                           "call_sign",
                                                           "aircraft_serial",
                                                           "tail_number",
                                                           "crypto_wallet"};
constexpr std::array<std::string_view, 6> kRelationNames = {
    "linked_to", "subsidiary_of", "owned_by", "associate_of", "family_of", "parent_of"};

Script ScriptOf(char32_t cp) {
  if (cp < 0x80) {
    return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? Script::kLatin : Script::kUnknown;
  }
  if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) return Script::kLatin;
  if (cp >= 0x1E00 && cp <= 0x1EFF) return Script::kLatin;
  if (cp >= 0xFF21 && cp <= 0xFF5A) return Script::kLatin;  // full-width Latin
  if (cp >= 0x370 && cp <= 0x3FF) return Script::kGreek;
  if (cp >= 0x1F00 && cp <= 0x1FFF) return Script::kGreek;
  if (cp >= 0x400 && cp <= 0x52F) return Script::kCyrillic;
  if (cp >= 0x530 && cp <= 0x58F) return Script::kArmenian;
  if (cp >= 0x590 && cp <= 0x5FF) return Script::kHebrew;
  if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) ||
      (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF)) {
    return cp == 0x640 ? Script::kUnknown : Script::kArabic;  // tatweel is not a letter
  }
  if (cp >= 0x900 && cp <= 0x97F) return Script::kDevanagari;
  if (cp >= 0x980 && cp <= 0x9FF) return Script::kBengali;
  if (cp >= 0x1000 && cp <= 0x109F) return Script::kMyanmar;
  if (cp >= 0xE00 && cp <= 0xE7F) return Script::kThai;
  if (cp >= 0x10A0 && cp <= 0x10FF) return Script::kGeorgian;
  if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F) ||
      (cp >= 0xAC00 && cp <= 0xD7AF)) {
    return Script::kHangul;
  }
  if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||
      (cp >= 0xFF66 && cp <= 0xFF9D)) {
    return cp == 0x30FB || cp == 0x30FC ? Script::kUnknown : Script::kKana;
  }
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F)) {
    return Script::kHan;
  }
  // Letters elsewhere count as "other"; symbols and punctuation as unknown.
  if (cp >= 0x2000 && cp <= 0x2BFF) return Script::kUnknown;
  if (cp >= 0x3000 && cp <= 0x303F) return Script::kUnknown;
  if (cp >= 0xFF00 && cp <= 0xFF20) return Script::kUnknown;
  if (cp == 0xFFFD || cp < 0xC0) return Script::kUnknown;
  return Script::kOther;
}

}  // namespace

std::string_view SchemaName(Schema schema) { return kSchemaNames[static_cast<size_t>(schema)]; }

std::optional<Schema> ParseSchema(std::string_view name) {
  if (io::EqualsIgnoreCaseAscii(name, "Airplane")) return Schema::kAircraft;
  if (io::EqualsIgnoreCaseAscii(name, "organisation")) return Schema::kOrganization;
  if (io::EqualsIgnoreCaseAscii(name, "entity")) return Schema::kLegalEntity;
  return ParseByName<Schema>(name, kSchemaNames);
}

std::string_view NameKindName(NameKind kind) { return kNameKindNames[static_cast<size_t>(kind)]; }
std::optional<NameKind> ParseNameKind(std::string_view name) {
  return ParseByName<NameKind>(name, kNameKindNames);
}

std::string_view ScriptName(Script script) { return kScriptNames[static_cast<size_t>(script)]; }
std::optional<Script> ParseScript(std::string_view name) {
  return ParseByName<Script>(name, kScriptNames);
}

Script DetectScript(std::string_view utf8) {
  Script found = Script::kUnknown;
  bool has_kana = false, has_han = false;
  size_t pos = 0;
  while (pos < utf8.size()) {
    Script s = ScriptOf(io::DecodeUtf8(utf8, pos));
    if (s == Script::kUnknown) continue;
    if (s == Script::kKana) has_kana = true;
    if (s == Script::kHan) has_han = true;
    if (found == Script::kUnknown) {
      found = s;
    } else if (found != s) {
      if ((found == Script::kHan || found == Script::kKana) &&
          (s == Script::kHan || s == Script::kKana)) {
        continue;
      }
      found = Script::kMixed;
    }
  }
  if (found != Script::kMixed && has_kana && has_han) return Script::kKana;
  if (found == Script::kHan && has_kana) return Script::kKana;
  return found;
}

bool ContainsScript(std::string_view utf8, Script script) {
  size_t pos = 0;
  while (pos < utf8.size()) {
    if (ScriptOf(io::DecodeUtf8(utf8, pos)) == script) return true;
  }
  return false;
}

std::string_view IdTypeName(IdType type) { return kIdTypeNames[static_cast<size_t>(type)]; }
std::optional<IdType> ParseIdType(std::string_view name) {
  return ParseByName<IdType>(name, kIdTypeNames);
}

std::string_view RelationKindName(RelationKind kind) {
  return kRelationNames[static_cast<size_t>(kind)];
}
std::optional<RelationKind> ParseRelationKind(std::string_view name) {
  return ParseByName<RelationKind>(name, kRelationNames);
}

std::string PartialDate::ToString() const {
  if (year == 0) return "";
  char buf[32];
  if (month == 0) {
    std::snprintf(buf, sizeof buf, "%04d", year);
  } else if (day == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  }
  return buf;
}

std::optional<PartialDate> ParsePartialDate(std::string_view s) {
  auto num = [](std::string_view p) -> int {
    if (!io::IsDigits(p)) return -1;
    int v = 0;
    for (char c : p) v = v * 10 + (c - '0');
    return v;
  };
  PartialDate d;
  if (s.size() < 4) return std::nullopt;
  int y = num(s.substr(0, 4));
  if (y < 1000 || y > 2999) return std::nullopt;
  d.year = static_cast<int16_t>(y);
  if (s.size() == 4) return d;
  if (s.size() < 7 || s[4] != '-') return std::nullopt;
  int m = num(s.substr(5, 2));
  if (m < 1 || m > 12) return std::nullopt;
  d.month = static_cast<int8_t>(m);
  if (s.size() == 7) return d;
  if (s.size() != 10 || s[7] != '-') return std::nullopt;
  int dd = num(s.substr(8, 2));
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (dd < 1 || dd > kDays[m - 1]) return std::nullopt;
  d.day = static_cast<int8_t>(dd);
  return d;
}

const std::string& Entity::caption() const {
  static const std::string kEmpty;
  for (const auto& n : names) {
    if (n.kind == NameKind::kPrimary) return n.full;
  }
  return names.empty() ? kEmpty : names[0].full;
}

}  // namespace chokepoint
