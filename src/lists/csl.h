// Internals of the US Consolidated Screening List reader (csl.cc), exposed so
// that tests can exercise them directly.
//
// The CSL's `name` column is free text on the State and Commerce lists: the
// Entity List and the Nonproliferation list pack aliases, former names, parent
// organisations, subordinate institutions and boilerplate ("and any successor,
// sub-unit, or subsidiary thereof") into one cell. SplitCslName turns such a
// cell into a primary name plus typed extra names, so that screening matches
// the names the listing actually covers rather than the boilerplate.
//
// Thread safety: pure functions.

#ifndef CHOKEPOINT_LISTS_CSL_H_
#define CHOKEPOINT_LISTS_CSL_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chokepoint/entity.h"

namespace chokepoint::lists {

struct CslNameParts {
  std::string primary;  // the listed party's own name; "" when nothing is left
  // Further names with their kinds (aliases, former names, subordinate
  // institutions and affiliated entities, which the listing also covers).
  std::vector<std::pair<std::string, NameKind>> names;
  // Parent organisations named in the cell ("Parent Organization: X",
  // "X entity: Y", "X, and subordinate entity Y").
  std::vector<std::string> parents;
  // Descriptive text cut from the cell ("including the Armed Forces of ...").
  std::string note;
  bool person = false;  // the cell says "(Russian individual)" and the like
};

// Splits one CSL name cell into names. `organisation` enables the trailing
// acronym rule ("Foo Institute (FI)" also yields "Foo Institute" and a weak
// alias "FI"); callers pass false for persons.
CslNameParts SplitCslName(std::string_view cell, bool organisation = true);

// The list abbreviation in a CSL `source` value: "Entity List (EL) - Bureau of
// Industry and Security" -> "EL", "Non-SDN Menu-Based Sanctions List (NS-MBS
// List) - Treasury Department" -> "NS-MBS"; the text before " - " when there
// are no parentheses.
std::string CslListCode(std::string_view source);

}  // namespace chokepoint::lists

#endif  // CHOKEPOINT_LISTS_CSL_H_
