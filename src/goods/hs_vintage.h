// HS 2017 -> HS 2022 correspondence for the codes whose change matters to
// the Common High Priority List: a CHPL code that exists only in HS 2022 has
// predecessors in HS 2017, so comparing years across the vintage change must
// map one onto the other. Facts from the WCO correlation tables between the
// 2017 and 2022 editions; each pair was checked against the HS 2017 and
// HS 2022 nomenclature files (a code present in one edition only).
//
// Thread safety: read-only static data.

#ifndef CHOKEPOINT_GOODS_HS_VINTAGE_H_
#define CHOKEPOINT_GOODS_HS_VINTAGE_H_

#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::goods {

// The HS 2022 codes an HS 2017 code's goods went to (one or more), or the
// code itself when it did not change. Input may be longer than 6 digits; the
// first six are used.
std::vector<std::string> Hs2017To2022(std::string_view hs2017);

// The HS 2017 predecessors of an HS 2022 code, or the code itself.
std::vector<std::string> Hs2022To2017(std::string_view hs2022);

}  // namespace chokepoint::goods

#endif  // CHOKEPOINT_GOODS_HS_VINTAGE_H_
