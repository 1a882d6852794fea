// The Remarks field of OFAC's legacy CSV files (sdn.csv, cons_prim.csv).
//
// OFAC packs every fact that has no column of its own into one free-text
// field, as clauses separated by "; ":
//
//   DOB 12 Apr 1975; POB Moscow, Russia; nationality Russia; Gender Male;
//   Passport 1234 (Russia) issued 01 Jan 2010; a.k.a. 'IVANOV, Ivan';
//   Linked To: SOME COMPANY LLC.; Tax ID No. 7744001497 (Russia).
//
// Each clause starts with a label; a clause repeated for a second value starts
// with "alt. ". The parser is table-driven: kClauseRules (ofac_remarks.cc)
// maps each label to what it means (birth date, identifier of some IdType,
// relation, sanctions risk, property, ...). Labels are matched
// case-sensitively as OFAC writes them, the longest label first, and must be
// followed by a space, a colon or the end of the clause. Identifier clauses
// read "LABEL VALUE [(Country)] [issued DATE] [expires DATE]". Russian tax and
// registration numbers are told apart by the issuing country and digit count
// (INN, OGRN). Clauses the table does not know are kept verbatim in
// Entity::remarks, after the full Remarks text, so nothing is lost.
//
// Splitting: "; " inside a quoted a.k.a. name does not end the clause when the
// clause does not yet end with its closing quote and the next piece does not
// begin with a known label. Apostrophes inside names ('ABU 'AMMAR') are
// common, so the name is taken from the first to the last quote of its clause.
//
// Thread safety: pure functions.

#ifndef CHOKEPOINT_LISTS_OFAC_REMARKS_H_
#define CHOKEPOINT_LISTS_OFAC_REMARKS_H_

#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/entity.h"

namespace chokepoint::lists {

// Splits a Remarks field into trimmed, non-empty clauses (see above).
std::vector<std::string> SplitOfacRemarks(std::string_view remarks);

// The name of an a.k.a./f.k.a./n.k.a. clause body (the text after the
// marker): the text between its first and last single quote, outer quotes
// stripped; without a closing quote (a truncated field), the rest after the
// opening quote; without quotes, the text less a final period.
std::string OfacAliasName(std::string_view body);

// Applies the facts of every clause of `remarks` to `entity`. Unparsed clauses
// are appended to entity.remarks. Does not add the full text itself. Aliases
// of a Person get family/given parts from "SURNAME, Given".
void ApplyOfacRemarks(std::string_view remarks, Entity& entity);

// Applies one clause (as SplitOfacRemarks returns it). Returns false, leaving
// the entity untouched, when the clause is not understood.
bool ApplyOfacRemarkClause(std::string_view clause, Entity& entity);

// Fills family/given from an OFAC person name "SURNAME, Given Names"; leaves
// the parts empty when there is no comma.
void SplitOfacPersonName(Name& name);

// Adds (key, value) to entity.properties; a second value for an existing key is
// appended to it after "; " so that each key appears once.
void AddOfacProperty(Entity& entity, std::string_view key, std::string_view value);

}  // namespace chokepoint::lists

#endif  // CHOKEPOINT_LISTS_OFAC_REMARKS_H_
