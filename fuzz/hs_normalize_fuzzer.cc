// Fuzzes the HS normaliser and the goods classifier on arbitrary bytes,
// checking what goods.h promises: an accepted code is a real code of the
// requested edition built from the input's own digits, errors are values,
// and the classifier returns at most top_k known codes, best first.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "chokepoint/goods.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

// Slow reference: the digits of the input in order.
std::string Digits(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') out.push_back(c);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace chokepoint::goods;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (HsVintage v : {HsVintage::k2022, HsVintage::k2017}) {
    auto r = NormalizeHs(input, v);
    if (!r.ok()) {
      Check(!r.status().message().empty());
      continue;
    }
    const HsLookup& h = r.value();
    Check(h.digits == Digits(input));
    Check(h.digits.size() == 4 || (h.digits.size() >= 6 && h.digits.size() <= 10));
    Check(HsExists(h.heading, v));
    if (h.is_heading) {
      Check(h.code.hs6.empty());
      for (const auto& s : h.subheadings) {
        Check(s.hs6.compare(0, 4, h.heading) == 0 && !s.chpl_tier.empty());
      }
    } else {
      Check(h.code.hs6 == h.digits.substr(0, 6) && HsExists(h.code.hs6, v));
      Check(!h.code.description.empty());
      Check(h.national_suffix == h.digits.substr(6));
    }
  }
  ClassifyOptions options;
  options.top_k = 3;
  auto cands = ClassifyGoods(input, options);
  Check(cands.size() <= 3);
  for (size_t i = 0; i < cands.size(); ++i) {
    Check(cands[i].score > 0 && HsExists(cands[i].code.hs6));
    if (i > 0) Check(cands[i - 1].score >= cands[i].score);
  }
  return 0;
}
