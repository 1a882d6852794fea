// Helpers shared by the transaction readers (shipment CSV, ISO 20022, SWIFT
// MT): amounts, dates, countries and currencies as the formats write them,
// problems that name the field, and the last check every reader makes on a
// Transaction before returning it (all strings valid UTF-8).
//
// Thread safety: pure functions.

#ifndef CHOKEPOINT_MESSAGES_COMMON_H_
#define CHOKEPOINT_MESSAGES_COMMON_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/check.h"

namespace chokepoint::check {

// A non-negative decimal number: "1234.56", "1,234.56" (comma-grouped
// thousands, groups of three), "1 234.56", "1234,56" (one decimal comma with
// one or two digits after it, no point). nullopt for anything else.
std::optional<double> ParseDecimal(std::string_view text);

// A SWIFT amount: digits with a decimal comma, "1250,00" or "1250," or
// "1250". nullopt for anything else.
std::optional<double> ParseSwiftAmount(std::string_view text);

// A transaction date: "YYYY-MM-DD", "YYYY-MM", ISO date-time
// ("2026-03-02T10:15:00Z": the date part), "YYYYMMDD", "DD.MM.YYYY",
// "DD/MM/YYYY" (day first). The day is checked against the month.
std::optional<PartialDate> ParseTransactionDate(std::string_view text);

// SWIFT "YYMMDD" (years 00-79 are 20xx, 80-99 are 19xx).
std::optional<PartialDate> ParseSwiftDate(std::string_view text);

// ISO 3166 alpha-2 for a country code or name; "" when unknown.
std::string CountryOf(std::string_view text);

// True for three ASCII upper-case letters.
bool IsCurrencyCode(std::string_view text);

// True for an 8 or 11 character BIC shape: 4 letters (bank), 2 letters
// (country), 2 alphanumerics (location), optionally 3 alphanumerics (branch).
bool IsBic(std::string_view text);

// The HS codes written in free text as "HS 8542.31", "HS code: 854231",
// "HS8542", "H.S. 8542 31 00" (4 to 10 digits after the marker), in order.
std::vector<std::string> FindHsCodes(std::string_view text);

// The name of the first string field of `t` that is not valid UTF-8
// ("parties[1].name", "goods[0].description", "ref"), or "" when all are.
std::string FirstInvalidUtf8Field(const Transaction& t);

// A problem at `line` of `file` about `record_id` (may be empty).
Problem MessageProblem(std::string_view file, int64_t line, std::string record_id,
                       std::string reason);

// Appends `part` to `out` with ", " between non-empty parts.
void AppendJoined(std::string& out, std::string_view part, std::string_view sep = ", ");

}  // namespace chokepoint::check

#endif  // CHOKEPOINT_MESSAGES_COMMON_H_
