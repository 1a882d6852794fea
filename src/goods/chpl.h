// The Common High Priority List (CHPL) of battlefield goods and the named
// goods groups of the founding assessment, as HS code prefixes.
//
// The CHPL is the EU/US/UK/Japan list of 50 HS6 codes in tiers 1, 2, 3A, 3B,
// 4A and 4B (version of February 2024; generated table, see
// tools/gen_chpl.py). Named groups: microelectronics (8541-8542), machine
// tools (8456-8466), optics (9001-9013), engines (8407, 8408, 8411), UAVs
// (8806) and nitrocellulose (3912.20).
//
// Thread safety: read-only static data.

#ifndef CHOKEPOINT_GOODS_CHPL_H_
#define CHOKEPOINT_GOODS_CHPL_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::goods {

struct ChplEntry {
  const char* hs6;
  const char* tier;  // "1", "2", "3A", "3B", "4A", "4B"
  const char* description;
};

std::span<const ChplEntry> ChplEntries();

// The CHPL entry for an HS code of 6 or more digits, or nullptr.
const ChplEntry* FindChpl(std::string_view hs_code);

// HS prefixes of a named group ("microelectronics", "machine-tools",
// "optics", "engines", "uavs", "nitrocellulose"), or nullopt.
std::optional<std::vector<std::string>> NamedGroupPrefixes(std::string_view name);
std::vector<std::string_view> NamedGroups();

}  // namespace chokepoint::goods

#endif  // CHOKEPOINT_GOODS_CHPL_H_
