#include "goods/hs_vintage.h"

namespace chokepoint::goods {

namespace {

struct Pair {
  const char* hs2017;
  const char* hs2022;
};

// HS 2017 code -> HS 2022 code, one row per pair (a split is several rows).
constexpr Pair kPairs[] = {
    {"854140", "854141"},  // photosensitive devices and LEDs, split in 2022
    {"854140", "854142"}, {"854140", "854143"}, {"854140", "854149"},
    {"854150", "854151"},  // other semiconductor devices: transducers now 8541.51
    {"854150", "854159"}, {"852580", "852581"},  // television and digital cameras
    {"852580", "852582"}, {"852580", "852583"}, {"852580", "852589"},
    {"880310", "880710"},  // parts of aircraft moved from 8803 to 8807
    {"880320", "880720"}, {"880330", "880730"}, {"880390", "880790"},
    {"854810", "854910"},  // waste batteries moved to 8549; 8548 is one subheading
    {"854890", "854800"},
};

}  // namespace

std::vector<std::string> Hs2017To2022(std::string_view code) {
  std::string_view six = code.substr(0, 6);
  std::vector<std::string> out;
  for (const auto& p : kPairs) {
    if (six == p.hs2017) out.emplace_back(p.hs2022);
  }
  if (out.empty()) out.emplace_back(six);
  return out;
}

std::vector<std::string> Hs2022To2017(std::string_view code) {
  std::string_view six = code.substr(0, 6);
  std::vector<std::string> out;
  for (const auto& p : kPairs) {
    if (six == p.hs2022) out.emplace_back(p.hs2017);
  }
  if (out.empty()) out.emplace_back(six);
  return out;
}

}  // namespace chokepoint::goods
