// Helpers shared by the list readers: country names to ISO codes, the date
// spellings the publishers use, adding names with their script, and telling a
// company from another organisation by its legal form.
//
// Thread safety: pure functions.

#ifndef CHOKEPOINT_LISTS_COMMON_H_
#define CHOKEPOINT_LISTS_COMMON_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/entity.h"
#include "chokepoint/lists.h"

namespace chokepoint::lists {

// ISO 3166 alpha-2 for a country name, alpha-2 or alpha-3 code as lists spell
// them ("Russia", "Korea, North", "RUS", "ru"); "" when unknown.
std::string CountryCode(std::string_view name);
// The same for the names the table writes inverted ("Korea, North", "Congo,
// Democratic Republic of the", "Virgin Islands, British"), given as folded
// words between single spaces without the comma ("korea north"); "" for any
// other text. One hash lookup (address words of every screening query).
std::string_view InvertedCountryCode(std::string_view words);

// Parses the date spellings used by the lists into a PartialDate:
// "1975-04-12", "1975-04", "1975", "12 Apr 1975", "Apr 1975", "12/04/1975"
// (day first), "04/1975", "circa 1975", "c. 1975", "1975 to 1977" (first year,
// circa). Returns nullopt for anything else.
std::optional<PartialDate> ParseListDate(std::string_view text);

// The list date carried in a file name such as "sdn_2024-05-03.csv" or
// "add_2025-12.csv.xz": "YYYY-MM-DD" or "YYYY-MM", or "" when there is none.
// Readers use it when the format itself carries no publication date.
std::string DateFromFileName(std::string_view path);

// Adds a name unless it is empty or already present with the same kind;
// collapses white space and detects its script. Returns the added name or
// nullptr.
Name* AddName(Entity& e, std::string_view full, NameKind kind);

// Adds a value to a list of strings unless empty or already present.
void AddUnique(std::vector<std::string>& list, std::string_view value);

// Company if the name carries a commercial legal form (LLC, LTD, OOO, GmbH,
// 有限公司, ...), otherwise Organization.
Schema OrgSchemaFromName(std::string_view name);

// "male"/"female"/"" from M, F, Male, Female, ...
std::string NormalizeGender(std::string_view text);

// Returns a Problem for `file` at `line` with `reason`.
Problem MakeProblem(const InputFile& file, int64_t line, std::string record_id, std::string reason);

// A problem naming the first invalid UTF-8 byte of `text`, or nullopt when the
// text is valid.
std::optional<Problem> CheckUtf8(const InputFile& file, int64_t line, std::string_view record_id,
                                 std::string_view text);

}  // namespace chokepoint::lists

#endif  // CHOKEPOINT_LISTS_COMMON_H_
