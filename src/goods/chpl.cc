#include "goods/chpl.h"

namespace chokepoint::goods {

namespace {
#include "goods/chpl_table.inc"

struct NamedGroup {
  std::string_view name;
  int first;  // HS4 range, inclusive
  int last;
  std::string_view extra;  // an explicit prefix instead of a range
};

constexpr NamedGroup kGroups[] = {
    {"microelectronics", 8541, 8542, ""},
    {"machine-tools", 8456, 8466, ""},
    {"optics", 9001, 9013, ""},
    {"engines", 0, 0, "8407,8408,8411"},
    {"uavs", 8806, 8806, ""},
    {"nitrocellulose", 0, 0, "391220"},
};
}  // namespace

std::span<const ChplEntry> ChplEntries() { return kChpl; }

const ChplEntry* FindChpl(std::string_view hs_code) {
  if (hs_code.size() < 6) return nullptr;
  for (const auto& e : kChpl) {
    if (hs_code.substr(0, 6) == e.hs6) return &e;
  }
  return nullptr;
}

std::optional<std::vector<std::string>> NamedGroupPrefixes(std::string_view name) {
  for (const auto& g : kGroups) {
    if (g.name != name) continue;
    std::vector<std::string> out;
    if (!g.extra.empty()) {
      size_t start = 0;
      while (start <= g.extra.size()) {
        size_t comma = g.extra.find(',', start);
        if (comma == std::string_view::npos) comma = g.extra.size();
        out.emplace_back(g.extra.substr(start, comma - start));
        start = comma + 1;
      }
    } else {
      for (int h = g.first; h <= g.last; ++h) out.push_back(std::to_string(h));
    }
    return out;
  }
  return std::nullopt;
}

std::vector<std::string_view> NamedGroups() {
  std::vector<std::string_view> out;
  for (const auto& g : kGroups) out.push_back(g.name);
  return out;
}

}  // namespace chokepoint::goods
