// The entity model shared by every list source.
//
// Every reader (OFAC, the US Consolidated Screening List, UN, UK, EU,
// OpenSanctions, a user's own CSV) turns its records into Entity values. The
// model follows the spirit of FollowTheMoney: a schema, many names of different
// kinds and scripts, and typed facts (addresses, identifiers, dates, programs,
// relations). Facts a source has that do not fit a typed field are kept in
// `properties` as (key, value) pairs rather than lost.
//
// Invariants: `source` and `source_id` identify an entity within a snapshot;
// `source_id` is always the publisher's own record id. Countries are ISO 3166
// alpha-2 codes in upper case, or empty when unknown.
//
// Thread safety: plain values.

#ifndef CHOKEPOINT_ENTITY_H_
#define CHOKEPOINT_ENTITY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chokepoint {

enum class Schema : uint8_t {
  kPerson,
  kOrganization,
  kCompany,
  kVessel,
  kAircraft,
  kLegalEntity,  // a legal person whose kind the source does not say
};

// "Person", "Organization", "Company", "Vessel", "Aircraft", "LegalEntity".
std::string_view SchemaName(Schema schema);
// Parses a schema name (case-insensitive; also accepts FollowTheMoney's
// "Airplane" and the lower-case CLI forms "person", "company", ...).
std::optional<Schema> ParseSchema(std::string_view name);

enum class NameKind : uint8_t {
  kPrimary,
  kStrongAlias,  // a.k.a. of good quality
  kWeakAlias,    // low-quality a.k.a., nickname, partial name
  kFormerName,   // f.k.a.
};
std::string_view NameKindName(NameKind kind);  // "primary", "strong_alias", ...
std::optional<NameKind> ParseNameKind(std::string_view name);

// Writing system of a name, detected from its code points.
enum class Script : uint8_t {
  kUnknown,
  kLatin,
  kCyrillic,
  kGreek,
  kArmenian,
  kGeorgian,
  kHebrew,
  kArabic,
  kHan,
  kHangul,
  kKana,  // Japanese hiragana or katakana (possibly mixed with Han)
  kThai,
  kDevanagari,
  kMixed,  // letters of more than one script
  kOther,
  kBengali,  // (after kOther: snapshots store the value)
  kMyanmar,
};
std::string_view ScriptName(Script script);
std::optional<Script> ParseScript(std::string_view name);
// Detects the script of UTF-8 text from its letters; digits and punctuation
// are ignored. Han mixed with kana is kKana.
Script DetectScript(std::string_view utf8);
// True when any character of UTF-8 text is of `script`.
bool ContainsScript(std::string_view utf8, Script script);

struct Name {
  std::string full;  // as published, whitespace collapsed
  NameKind kind = NameKind::kPrimary;
  Script script = Script::kUnknown;
  std::string lang;  // ISO 639 code where the source says, e.g. "ru"
  // Parts, where the source gives them (persons); may be empty.
  std::string given;
  std::string middle;
  std::string family;
  std::string patronymic;
};

struct Address {
  std::string full;  // one line, as published
  std::string street;
  std::string city;
  std::string region;
  std::string postal_code;
  std::string country;  // ISO alpha-2, or empty
};

enum class IdType : uint8_t {
  kOther,
  kPassport,
  kNationalId,
  kInn,   // Russian taxpayer number
  kOgrn,  // Russian primary state registration number
  kKpp,
  kOkpo,
  kUscc,  // Chinese unified social credit code
  kImo,
  kMmsi,
  kBic,  // SWIFT/BIC
  kLei,
  kTaxId,
  kRegistration,  // company registration number
  kIsin,
  kDuns,
  kDriverLicense,
  kCallSign,
  kAircraftSerial,
  kTailNumber,
  kCryptoWallet,
};
std::string_view IdTypeName(IdType type);  // "passport", "inn", "uscc", ...
std::optional<IdType> ParseIdType(std::string_view name);

struct Identifier {
  IdType type = IdType::kOther;
  std::string value;
  std::string country;  // issuing country, ISO alpha-2, or empty
  std::string label;    // the publisher's own label, e.g. "Tax ID No."
  std::string note;     // e.g. "issued 2010-01-01"
};

// A date that may be known only to the year or month. year == 0 means unknown.
struct PartialDate {
  int16_t year = 0;
  int8_t month = 0;  // 1-12, or 0 when unknown
  int8_t day = 0;    // 1-31, or 0 when unknown
  bool circa = false;

  bool empty() const { return year == 0; }
  // "1975", "1975-04", "1975-04-12" (no circa marker).
  std::string ToString() const;
  friend bool operator==(const PartialDate&, const PartialDate&) = default;
};
// Parses "YYYY", "YYYY-MM", "YYYY-MM-DD". Returns nullopt on anything else.
std::optional<PartialDate> ParsePartialDate(std::string_view iso);

struct Program {
  std::string code;                 // e.g. "RUSSIA-EO14024", "ENTITY LIST", "CMIC-EO13959"
  std::string license_requirement;  // export-control lists
  std::string license_policy;
};

enum class RelationKind : uint8_t {
  kLinkedTo,
  kSubsidiaryOf,
  kOwnedBy,
  kAssociateOf,
  kFamilyOf,
  kParentOf,  // the other side owns or controls nothing; this one is the parent
};
std::string_view RelationKindName(RelationKind kind);
std::optional<RelationKind> ParseRelationKind(std::string_view name);

struct Relation {
  RelationKind kind = RelationKind::kLinkedTo;
  std::string target_name;  // as published
  std::string target_id;    // publisher id of the target where known
};

struct Entity {
  std::string source;     // source list id, e.g. "us_ofac_sdn"
  std::string source_id;  // the publisher's own record id
  Schema schema = Schema::kLegalEntity;

  std::vector<Name> names;  // names[0] is the primary name when there is one
  std::vector<Address> addresses;
  std::vector<Identifier> identifiers;
  std::vector<PartialDate> birth_dates;  // persons: birth; organisations: none
  std::vector<std::string> birth_places;
  std::vector<std::string> nationalities;  // ISO alpha-2 (citizenship too)
  std::vector<std::string> countries;      // other country links (jurisdiction...)
  std::string gender;                      // "male", "female" or empty
  std::vector<std::string> titles;         // titles and positions
  std::vector<Program> programs;
  std::vector<PartialDate> listing_dates;
  PartialDate incorporation_date;  // "Organization Established Date"
  std::vector<std::string> remarks;
  std::vector<Relation> relations;
  std::vector<std::string> websites;
  std::vector<std::string> emails;
  std::vector<std::string> phones;
  std::vector<std::string> sanctions_risks;  // e.g. "secondary sanctions risk"
  std::vector<std::pair<std::string, std::string>> properties;

  // The primary name, or the first name, or "" when there is none.
  const std::string& caption() const;
};

}  // namespace chokepoint

#endif  // CHOKEPOINT_ENTITY_H_
