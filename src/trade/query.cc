// Trade queries: HS groups, periods, shares and like-for-like surges.
//
// Every query is one pass over the columns. Filters on dictionary-encoded
// columns are resolved to code sets first (an HS group becomes one flag per
// distinct HS code), so the inner loop only compares small integers.

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "chokepoint/trade.h"
#include "goods/chpl.h"
#include "goods/hs_vintage.h"
#include "io/strings.h"

namespace chokepoint::trade {

namespace {

std::string Digits(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      out.push_back(c);
    } else if (c != '.' && c != ' ') {
      return "";
    }
  }
  return out;
}

Status AddTerm(std::string_view term, std::vector<std::string>& prefixes) {
  std::string t = io::ToLowerAscii(io::Trim(term));
  if (t.empty()) return Status::InvalidArgument("empty HS group term");
  if (t == "chpl" || t.rfind("chpl:", 0) == 0) {
    std::string tier = t.size() > 5 ? io::ToUpperAscii(t.substr(5)) : "";
    bool any = false;
    for (const auto& e : goods::ChplEntries()) {
      std::string et = e.tier;
      // "chpl:3" means tiers 3A and 3B.
      if (tier.empty() || et == tier || (tier.size() == 1 && et[0] == tier[0])) {
        prefixes.emplace_back(e.hs6);
        any = true;
      }
    }
    if (!any)
      return Status::InvalidArgument("unknown CHPL tier '" + tier + "' (1, 2, 3A, 3B, 4A, 4B)");
    return Status::Ok();
  }
  if (t == "total") {
    prefixes.push_back("TOTAL");
    return Status::Ok();
  }
  if (auto named = goods::NamedGroupPrefixes(t)) {
    prefixes.insert(prefixes.end(), named->begin(), named->end());
    return Status::Ok();
  }
  if (t.rfind("ch", 0) == 0) t = t.substr(2);
  if (size_t dash = t.find('-'); dash != std::string::npos) {
    std::string a = Digits(t.substr(0, dash)), b = Digits(t.substr(dash + 1));
    if (a.empty() || a.size() != b.size() || a.size() > 6 || a > b) {
      return Status::InvalidArgument("HS range '" + std::string(term) +
                                     "': expected two codes of equal length, e.g. 8456-8466");
    }
    long lo = std::stol(a), hi = std::stol(b);
    if (hi - lo > 10000)
      return Status::InvalidArgument("HS range '" + std::string(term) + "' too wide");
    for (long v = lo; v <= hi; ++v) {
      std::string s = std::to_string(v);
      prefixes.push_back(std::string(a.size() - s.size(), '0') + s);
    }
    return Status::Ok();
  }
  std::string d = Digits(t);
  if (d.size() < 2 || d.size() > 10) {
    std::string names;
    for (auto n : goods::NamedGroups())
      names += std::string(names.empty() ? "" : ", ") + std::string(n);
    return Status::InvalidArgument("HS group term '" + std::string(term) +
                                   "': expected an HS code (2-10 digits), a range, chplN or "
                                   "one of: chpl, " +
                                   names);
  }
  prefixes.push_back(d);
  return Status::Ok();
}

}  // namespace

bool HsGroup::Matches(std::string_view code) const {
  for (const auto& p : prefixes) {
    if (code.size() >= p.size() && code.compare(0, p.size(), p) == 0) return true;
  }
  return false;
}

bool HsGroup::MatchesAnyVintage(std::string_view code) const {
  if (Matches(code)) return true;
  if (code.size() < 6) return false;
  for (const auto& successor : goods::Hs2017To2022(code)) {
    if (successor != code.substr(0, 6) && Matches(successor)) return true;
  }
  return false;
}

Result<HsGroup> ParseHsGroup(std::string_view spec) {
  HsGroup g;
  g.spec = std::string(spec);
  for (auto part : io::Split(spec, "+")) {
    for (auto term : io::Split(part, ",")) CHOKEPOINT_RETURN_IF_ERROR(AddTerm(term, g.prefixes));
  }
  std::sort(g.prefixes.begin(), g.prefixes.end());
  g.prefixes.erase(std::unique(g.prefixes.begin(), g.prefixes.end()), g.prefixes.end());
  return g;
}

Result<PeriodSpec> ParsePeriod(std::string_view text) {
  std::string_view s = io::Trim(text);
  PeriodSpec p;
  p.label = std::string(s);
  if (s.size() >= 4 && io::IsDigits(s.substr(0, 4))) {
    p.year = std::stoi(std::string(s.substr(0, 4)));
    if (s.size() == 4) return p;
    if (s.size() == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'q') && s[6] >= '1' &&
        s[6] <= '4') {
      int q = s[6] - '0';
      p.first_month = 3 * q - 2;
      p.last_month = 3 * q;
      return p;
    }
    if (s.size() == 7 && s[4] == '-' && io::IsDigits(s.substr(5))) {
      int m = std::stoi(std::string(s.substr(5)));
      if (m >= 1 && m <= 12) {
        p.first_month = p.last_month = m;
        return p;
      }
    }
  }
  return Status::InvalidArgument("period '" + std::string(text) +
                                 "': expected YYYY, YYYY-Qn or YYYY-MM");
}

namespace {

// Resolved filter: one flag per dictionary code.
struct Compiled {
  std::vector<uint8_t> hs_ok;
  int reporter = -1;  // dictionary code, -1 = any, -2 = matches nothing
  int partner = -1;
  int flow = -1;
};

int CountryCodeIndex(const TradeStore& store, const std::string& cc) {
  if (cc.empty()) return -1;
  const auto& c = store.countries();
  std::string up = io::ToUpperAscii(cc);
  for (size_t i = 0; i < c.size(); ++i) {
    if (c[i] == up) return static_cast<int>(i);
  }
  return -2;
}

Compiled Compile(const TradeStore& store, const TradeFilter& f) {
  Compiled c;
  const auto& codes = store.hs_codes();
  c.hs_ok.resize(codes.size());
  for (size_t i = 0; i < codes.size(); ++i) {
    c.hs_ok[i] = store.hs_leaf()[i] && f.hs.MatchesAnyVintage(codes[i]) ? 1 : 0;
  }
  c.reporter = CountryCodeIndex(store, f.reporter);
  c.partner = CountryCodeIndex(store, f.partner);
  if (f.flow == "import") c.flow = static_cast<int>(Flow::kImport);
  if (f.flow == "export") c.flow = static_cast<int>(Flow::kExport);
  if (f.flow == "re-export") c.flow = static_cast<int>(Flow::kReExport);
  if (f.flow == "re-import") c.flow = static_cast<int>(Flow::kReImport);
  return c;
}

inline bool RowOk(const TradeStore& s, const Compiled& c, size_t i) {
  if (!c.hs_ok[s.hs()[i]]) return false;
  if (c.reporter != -1 && s.reporter()[i] != c.reporter) return false;
  if (c.partner != -1 && s.partner()[i] != c.partner) return false;
  if (c.flow != -1 && s.flow()[i] != c.flow) return false;
  return true;
}

}  // namespace

ShareResult Share(const TradeStore& store, const TradeFilter& filter, const PeriodSpec& period,
                  bool by_partner) {
  ShareResult out;
  Compiled c = Compile(store, filter);
  std::vector<double> sums(store.countries().size(), 0.0);
  std::vector<uint8_t> seen_month(13, 0);
  const bool full_year = period.first_month == 1 && period.last_month == 12;
  const int32_t lo = period.year * 100 + period.first_month;
  const int32_t hi = period.year * 100 + period.last_month;
  const int32_t annual = period.year * 100;
  const size_t n = store.size();
  const int32_t* per = store.period();
  for (size_t i = 0; i < n; ++i) {
    int32_t p = per[i];
    bool in = (p >= lo && p <= hi) || (full_year && p == annual);
    if (!in || !RowOk(store, c, i)) continue;
    sums[by_partner ? store.partner()[i] : store.reporter()[i]] += store.value()[i];
    seen_month[p % 100] = 1;
  }
  for (size_t k = 0; k < sums.size(); ++k) {
    if (sums[k] == 0) continue;
    out.total += sums[k];
    out.rows.push_back({store.countries()[k], sums[k], 0});
  }
  for (auto& r : out.rows) r.share = out.total > 0 ? r.value / out.total : 0;
  std::sort(out.rows.begin(), out.rows.end(), [](const ShareRow& a, const ShareRow& b) {
    return a.value != b.value ? a.value > b.value : a.key < b.key;
  });
  for (int m = 1; m <= 12; ++m) {
    if (seen_month[m]) out.months.push_back(m);
  }
  return out;
}

SurgeResult Surge(const TradeStore& store, const TradeFilter& filter, int baseline_year,
                  int period_year) {
  SurgeResult out;
  // Like-for-like: the months of the period year that the store has at all.
  std::vector<uint8_t> month_ok(13, 0);
  const size_t n = store.size();
  const int32_t* per = store.period();
  for (size_t i = 0; i < n; ++i) {
    if (per[i] / 100 == period_year) month_ok[per[i] % 100] = 1;
  }
  bool monthly = false;
  for (int m = 1; m <= 12; ++m) {
    if (month_ok[m]) {
      out.months.push_back(m);
      monthly = true;
    }
  }
  Compiled c = Compile(store, filter);
  std::vector<double> base(store.countries().size(), 0.0), cur(store.countries().size(), 0.0);
  for (size_t i = 0; i < n; ++i) {
    int32_t p = per[i];
    int year = p / 100, month = p % 100;
    if (year != baseline_year && year != period_year) continue;
    // Annual figures are comparable only when the period year is annual too.
    if (month == 0 ? monthly : !month_ok[month]) continue;
    if (!RowOk(store, c, i)) continue;
    (year == period_year ? cur : base)[store.partner()[i]] += store.value()[i];
  }
  for (size_t k = 0; k < base.size(); ++k) {
    if (base[k] == 0 && cur[k] == 0) continue;
    SurgeRow r{store.countries()[k], base[k], cur[k], 0};
    r.ratio = base[k] > 0 ? cur[k] / base[k] : std::numeric_limits<double>::infinity();
    out.rows.push_back(r);
  }
  std::sort(out.rows.begin(), out.rows.end(), [](const SurgeRow& a, const SurgeRow& b) {
    return a.ratio != b.ratio ? a.ratio > b.ratio : a.partner < b.partner;
  });
  return out;
}

}  // namespace chokepoint::trade

namespace chokepoint::trade {

MirrorResult Mirror(const TradeStore& store, const HsGroup& hs, const PeriodSpec& period,
                    const std::string& exporter, const std::string& importer,
                    double cif_fob_allowance) {
  MirrorResult out;
  out.exporter = io::ToUpperAscii(exporter);
  out.importer = io::ToUpperAscii(importer);
  TradeFilter f;
  f.hs = hs;
  // Side 1: the exporter reports exports to the importer.
  f.reporter = out.exporter;
  f.partner = out.importer;
  f.flow = "export";
  ShareResult x = Share(store, f, period, true);
  // Side 2: the importer reports imports from the exporter.
  f.reporter = out.importer;
  f.partner = out.exporter;
  f.flow = "import";
  ShareResult m = Share(store, f, period, true);
  out.exports = x.total;
  out.imports = m.total;
  std::vector<int> months = x.months;
  months.insert(months.end(), m.months.begin(), m.months.end());
  std::sort(months.begin(), months.end());
  months.erase(std::unique(months.begin(), months.end()), months.end());
  out.months = months;
  char buf[256];
  if (out.exports <= 0 && out.imports <= 0) {
    out.note = "no trade reported on either side";
    return out;
  }
  if (out.exports <= 0) {
    out.gap = std::numeric_limits<double>::infinity();
    out.flagged = true;
    out.note = out.importer + " reports imports from " + out.exporter + " that " + out.exporter +
               " does not report as exports";
    return out;
  }
  out.gap = out.imports / out.exports - 1;
  out.flagged = std::fabs(out.gap) > cif_fob_allowance;
  if (!out.flagged) {
    std::snprintf(buf, sizeof buf, "gap %+.1f%% is within the CIF/FOB allowance of %.0f%%",
                  100 * out.gap, 100 * cif_fob_allowance);
  } else if (out.gap > 0) {
    std::snprintf(buf, sizeof buf,
                  "%s reports %.1f%% more imports than %s reports exports (beyond the %.0f%% "
                  "CIF/FOB allowance): goods may be routed or re-exported through %s, or "
                  "declared differently",
                  out.importer.c_str(), 100 * out.gap, out.exporter.c_str(),
                  100 * cif_fob_allowance, out.exporter.c_str());
  } else {
    std::snprintf(buf, sizeof buf,
                  "%s reports %.1f%% less imports than %s reports exports (beyond the %.0f%% "
                  "CIF/FOB allowance): goods may continue to a third country, or be "
                  "under-declared on import",
                  out.importer.c_str(), -100 * out.gap, out.exporter.c_str(),
                  100 * cif_fob_allowance);
  }
  out.note = buf;
  return out;
}

}  // namespace chokepoint::trade
