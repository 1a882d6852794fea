// Diversion detection (BIS's three patterns) over a trade store. See
// DetectDiversion in chokepoint/trade.h for the method.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <set>

#include "chokepoint/trade.h"
#include "goods/chpl.h"
#include "goods/hs_vintage.h"
#include "io/strings.h"

namespace chokepoint::trade {

namespace {

constexpr int32_t kInvasionMonth = 202203;  // first full month after 2022-02-24

std::string Money(double v) {
  char buf[64];
  if (std::fabs(v) >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.1fm", v / 1e6);
  } else if (std::fabs(v) >= 1e3) {
    std::snprintf(buf, sizeof buf, "%.0fk", v / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  }
  return buf;
}

}  // namespace

std::vector<std::string> DefaultHubs() {
  return {"AM", "BR", "CN", "GE", "IN", "IL", "KZ", "KG", "MX", "NI", "RS",
          "SG", "ZA", "TW", "TJ", "TR", "AE", "UZ", "HK", "MO", "CY"};
}

DiversionResult DetectDiversion(const TradeStore& store, const DiversionOptions& options) {
  DiversionResult out;
  const size_t n = store.size();
  const int32_t* per = store.period();
  // The post window: every month from March 2022 that the store has.
  std::set<int32_t> post_months;
  for (size_t i = 0; i < n; ++i) {
    if (per[i] >= kInvasionMonth && per[i] % 100 != 0) post_months.insert(per[i]);
  }
  out.post_periods.assign(post_months.begin(), post_months.end());
  if (post_months.empty()) return out;
  // How many times each calendar month appears in the post window: a
  // baseline month counts that many times (averaged over baseline years).
  std::vector<int> month_weight(13, 0);
  for (int32_t p : post_months) ++month_weight[p % 100];
  std::set<int> base_years(options.baseline_years.begin(), options.baseline_years.end());
  double years = static_cast<double>(std::max<size_t>(1, base_years.size()));

  std::vector<std::string> hubs = options.hubs.empty() ? DefaultHubs() : options.hubs;
  std::vector<std::string> groups = options.groups;
  if (groups.empty()) {
    groups = {"chpl:1", "chpl:2", "chpl:3A", "chpl:3B", "chpl:4A", "chpl:4B"};
    for (auto g : goods::NamedGroups()) groups.emplace_back(g);
  }
  // Country dictionary code -> hub index.
  std::vector<int> hub_of(store.countries().size(), -1);
  for (size_t h = 0; h < hubs.size(); ++h) {
    for (size_t c = 0; c < store.countries().size(); ++c) {
      if (store.countries()[c] == io::ToUpperAscii(hubs[h])) hub_of[c] = static_cast<int>(h);
    }
  }
  int reporter = -1;
  if (!options.reporter.empty()) {
    reporter = -2;
    for (size_t c = 0; c < store.countries().size(); ++c) {
      if (store.countries()[c] == options.reporter) reporter = static_cast<int>(c);
    }
  }
  int flow = -1;
  if (options.flow == "import") flow = static_cast<int>(Flow::kImport);
  if (options.flow == "export") flow = static_cast<int>(Flow::kExport);

  for (const auto& gspec : groups) {
    auto group = ParseHsGroup(gspec);
    if (!group.ok()) continue;
    std::vector<uint8_t> hs_ok(store.hs_codes().size());
    for (size_t k = 0; k < hs_ok.size(); ++k) {
      hs_ok[k] = store.hs_leaf()[k] && group->MatchesAnyVintage(store.hs_codes()[k]);
    }
    const bool chpl_group = gspec.rfind("chpl", 0) == 0;
    std::vector<double> base(hubs.size(), 0), post(hubs.size(), 0);
    std::vector<std::set<std::string>> base_codes(hubs.size()), post_codes(hubs.size());
    // Codes seen in the baseline years for any partner: a code the store
    // does not cover before 2022 (a data gap or an unmapped HS change) is
    // never called a first appearance.
    std::set<std::string> covered;
    for (size_t i = 0; i < n; ++i) {
      if (!hs_ok[store.hs()[i]] || !base_years.count(per[i] / 100) || store.value()[i] <= 0) {
        continue;
      }
      const std::string& code = store.hs_codes()[store.hs()[i]];
      if (code.size() >= 6) {
        for (auto& c : goods::Hs2017To2022(code)) covered.insert(std::move(c));
      }
    }
    for (size_t i = 0; i < n; ++i) {
      int h = hub_of[store.partner()[i]];
      if (h < 0 || !hs_ok[store.hs()[i]]) continue;
      if (reporter != -1 && store.reporter()[i] != reporter) continue;
      if (flow != -1 && store.flow()[i] != flow) continue;
      int32_t p = per[i];
      int year = p / 100, month = p % 100;
      double v = store.value()[i];
      if (month == 0) continue;  // annual figures cannot be windowed
      const std::string& code = store.hs_codes()[store.hs()[i]];
      if (base_years.count(year)) {
        // Baseline codes in HS 2022 terms, so a code renamed by the 2022
        // edition is not mistaken for a first appearance.
        if (v > 0 && code.size() >= 6) {
          for (auto& c : goods::Hs2017To2022(code)) base_codes[h].insert(std::move(c));
        }
        base[h] += v * month_weight[month] / years;
      } else if (post_months.count(p)) {
        if (v > 0 && code.size() >= 6) post_codes[h].insert(code.substr(0, 6));
        post[h] += v;
      }
    }
    for (size_t h = 0; h < hubs.size(); ++h) {
      if (base[h] == 0 && post[h] == 0) continue;
      DiversionFinding f;
      f.hub = hubs[h];
      f.group = gspec;
      f.baseline = base[h];
      f.post = post[h];
      f.ratio = base[h] > 0 ? post[h] / base[h] : std::numeric_limits<double>::infinity();
      char ratio[32];
      std::snprintf(ratio, sizeof ratio, "x%.1f", f.ratio);
      std::string figures = Money(f.baseline) + " -> " + Money(f.post);
      if (base[h] < options.min_base) {
        if (post[h] >= options.min_base) {
          f.pattern = "new_flow";
          f.detail = "new trade flow: " + figures + " (baseline below the small-base floor of " +
                     Money(options.min_base) + ")";
          out.findings.push_back(f);
        }
      } else if (f.ratio >= options.spike_ratio) {
        f.pattern = "spike";
        f.detail = std::string("spike ") + ratio + ": " + figures;
        out.findings.push_back(f);
      }
      if (chpl_group) {
        DiversionFinding c = f;
        for (const auto& code : post_codes[h]) {
          if (!base_codes[h].count(code) && covered.count(code) && goods::FindChpl(code)) {
            c.new_codes.push_back(code);
          }
        }
        if (!c.new_codes.empty()) {
          c.pattern = "new_codes";
          c.detail = "first appearance of CHPL code(s) " + io::Join(c.new_codes, ", ") +
                     " after 2022-02-24 (" + figures + " for the group)";
          out.findings.push_back(std::move(c));
        }
      }
    }
  }
  std::stable_sort(out.findings.begin(), out.findings.end(),
                   [](const DiversionFinding& a, const DiversionFinding& b) {
                     return (a.post - a.baseline) > (b.post - b.baseline);
                   });
  return out;
}

}  // namespace chokepoint::trade
