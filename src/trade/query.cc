// Trade queries: HS groups, periods, shares and like-for-like surges.
//
// Filters on dictionary-encoded columns are resolved to code sets first (an
// HS group becomes one flag per distinct HS code), so the inner loop only
// compares small integers. A selective query visits only the rows of its
// (HS code, year) pairs from the store's row index (trade/query_index.h), in
// row order; a broad one is one pass over the columns.

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <mutex>

#include "chokepoint/trade.h"
#include "goods/chpl.h"
#include "goods/hs_vintage.h"
#include "io/strings.h"
#include "trade/query_index.h"

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

// HsGroup::Matches by binary search: a code matches when its first L bytes
// are one of the (sorted) prefixes, for some prefix length L.
class PrefixMatcher {
 public:
  explicit PrefixMatcher(const HsGroup& g) : prefixes_(g.prefixes) {
    std::sort(prefixes_.begin(), prefixes_.end());
    for (const auto& p : prefixes_) {
      if (std::find(lengths_.begin(), lengths_.end(), p.size()) == lengths_.end()) {
        lengths_.push_back(p.size());
      }
    }
  }
  bool Matches(std::string_view code) const {
    for (size_t len : lengths_) {
      if (code.size() >= len &&
          std::binary_search(prefixes_.begin(), prefixes_.end(), code.substr(0, len),
                             [](std::string_view a, std::string_view b) { return a < b; })) {
        return true;
      }
    }
    return false;
  }

 private:
  std::vector<std::string> prefixes_;
  std::vector<size_t> lengths_;
};

Compiled Compile(const TradeStore& store, const TradeFilter& f) {
  Compiled c;
  const auto& codes = store.hs_codes();
  const auto& successors = GetQueryIndex(store).successors;
  PrefixMatcher group(f.hs);
  c.hs_ok.resize(codes.size());
  for (size_t i = 0; i < codes.size(); ++i) {
    if (!store.hs_leaf()[i]) continue;
    // As f.hs.MatchesAnyVintage(codes[i]), with the successors looked up once
    // per store.
    bool ok = group.Matches(codes[i]);
    for (size_t k = 0; !ok && k < successors[i].size(); ++k) ok = group.Matches(successors[i][k]);
    c.hs_ok[i] = ok ? 1 : 0;
  }
  c.reporter = CountryCodeIndex(store, f.reporter);
  c.partner = CountryCodeIndex(store, f.partner);
  if (f.flow == "import") c.flow = static_cast<int>(Flow::kImport);
  if (f.flow == "export") c.flow = static_cast<int>(Flow::kExport);
  if (f.flow == "re-export") c.flow = static_cast<int>(Flow::kReExport);
  if (f.flow == "re-import") c.flow = static_cast<int>(Flow::kReImport);
  return c;
}

inline bool RowOk(const TradeStore& s, const Compiled& c, size_t i, bool hs_checked = false) {
  if (!hs_checked && !c.hs_ok[s.hs()[i]]) return false;
  if (c.reporter != -1 && s.reporter()[i] != c.reporter) return false;
  if (c.partner != -1 && s.partner()[i] != c.partner) return false;
  if (c.flow != -1 && s.flow()[i] != c.flow) return false;
  return true;
}

}  // namespace

const QueryIndex& GetQueryIndex(const TradeStore& store) {
  std::call_once(store.query_index_once_, [&store] {
    auto ix = std::make_unique<QueryIndex>();
    const size_t n = store.size();
    const int32_t* per = store.period();
    // Distinct periods: YYYYMM values fit a flag table; others (none from
    // the readers) go through a sort.
    constexpr int32_t kTable = 10000 * 100;
    std::vector<uint8_t> seen(kTable, 0);
    std::vector<int32_t> other;
    for (size_t i = 0; i < n; ++i) {
      int32_t p = per[i];
      if (p >= 0 && p < kTable) {
        seen[p] = 1;
      } else {
        other.push_back(p);
      }
    }
    for (int32_t p = 0; p < kTable; ++p) {
      if (seen[p]) other.push_back(p);
    }
    std::sort(other.begin(), other.end());
    other.erase(std::unique(other.begin(), other.end()), other.end());
    ix->periods = std::move(other);
    const auto& codes = store.hs_codes();
    ix->successors.resize(codes.size());
    for (size_t k = 0; k < codes.size(); ++k) {
      std::string_view code = codes[k];
      if (code.size() < 6) continue;
      for (auto& s : goods::Hs2017To2022(code)) {
        if (s != code.substr(0, 6)) ix->successors[k].push_back(std::move(s));
      }
    }
    for (int32_t p : ix->periods) {
      if (ix->years.empty() || ix->years.back() != p / 100) ix->years.push_back(p / 100);
    }
    std::sort(ix->years.begin(), ix->years.end());
    ix->years.erase(std::unique(ix->years.begin(), ix->years.end()), ix->years.end());
    const size_t ny = ix->years.size();
    if (n < (uint64_t{1} << 32) && ny > 0 && ny <= 1000 &&
        ix->years.back() - ix->years.front() < 100000) {
      // Year -> index through a table over the years' range.
      std::vector<uint32_t> year_index(ix->years.back() - ix->years.front() + 1, 0);
      for (size_t y = 0; y < ny; ++y) year_index[ix->years[y] - ix->years.front()] = y;
      const int32_t first_year = ix->years.front();
      auto bucket = [&](size_t i) {
        return store.hs()[i] * ny + year_index[per[i] / 100 - first_year];
      };
      ix->start.assign(store.hs_codes().size() * ny + 1, 0);
      for (size_t i = 0; i < n; ++i) ++ix->start[bucket(i) + 1];
      for (size_t b = 0; b + 1 < ix->start.size(); ++b) ix->start[b + 1] += ix->start[b];
      std::vector<uint64_t> next(ix->start.begin(), ix->start.end() - 1);
      ix->rows.resize(n);
      for (size_t i = 0; i < n; ++i) ix->rows[next[bucket(i)]++] = static_cast<uint32_t>(i);
    }
    store.query_index_ = std::move(ix);
  });
  return *store.query_index_;
}

namespace {

// Calls fn(i, hs_checked), in ascending order, for every row whose HS code
// the filter selects and whose year is in `years`, and possibly for other
// rows (fn applies the whole filter; hs_checked says the HS code is known to
// be selected). When those (code, year) pairs hold at most an eighth of the
// rows, only their rows are visited (from the index, through a bitmap that
// restores row order); otherwise every row is.
template <typename Fn>
void ForEachCandidate(const TradeStore& store, const Compiled& c, std::vector<int32_t> years,
                      Fn&& fn) {
  const size_t n = store.size();
  const QueryIndex& ix = GetQueryIndex(store);
  const size_t ny = ix.years.size();
  std::vector<size_t> ys;  // indexes of the wanted years in ix.years
  for (size_t y = 0; y < ny; ++y) {
    if (std::find(years.begin(), years.end(), ix.years[y]) != years.end()) ys.push_back(y);
  }
  uint64_t selected = 0;
  if (!ix.start.empty()) {
    for (size_t k = 0; k < c.hs_ok.size(); ++k) {
      if (!c.hs_ok[k]) continue;
      for (size_t y : ys) selected += ix.start[k * ny + y + 1] - ix.start[k * ny + y];
    }
  }
  if (ix.start.empty() || selected > n / 8) {
    for (size_t i = 0; i < n; ++i) fn(i, false);
    return;
  }
  if (selected == 0) return;
  std::vector<uint64_t> bits((n + 63) / 64, 0);
  for (size_t k = 0; k < c.hs_ok.size(); ++k) {
    if (!c.hs_ok[k]) continue;
    for (size_t y : ys) {
      for (uint64_t j = ix.start[k * ny + y]; j < ix.start[k * ny + y + 1]; ++j) {
        uint32_t r = ix.rows[j];
        bits[r >> 6] |= uint64_t{1} << (r & 63);
      }
    }
  }
  for (size_t w = 0; w < bits.size(); ++w) {
    for (uint64_t word = bits[w]; word != 0; word &= word - 1) {
      fn(w * 64 + static_cast<size_t>(__builtin_ctzll(word)), true);
    }
  }
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
  const int32_t* per = store.period();
  const uint16_t* key = by_partner ? store.partner() : store.reporter();
  const double* value = store.value();
  ForEachCandidate(store, c, {period.year}, [&](size_t i, bool hs_checked) {
    int32_t p = per[i];
    bool in = (p >= lo && p <= hi) || (full_year && p == annual);
    if (!in || !RowOk(store, c, i, hs_checked)) return;
    sums[key[i]] += value[i];
    seen_month[p % 100] = 1;
  });
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
  for (int32_t p : GetQueryIndex(store).periods) {
    if (p / 100 == period_year) month_ok[p % 100] = 1;
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
  const int32_t* per = store.period();
  ForEachCandidate(store, c, {baseline_year, period_year}, [&](size_t i, bool hs_checked) {
    int32_t p = per[i];
    int year = p / 100, month = p % 100;
    if (year != baseline_year && year != period_year) return;
    // Annual figures are comparable only when the period year is annual too.
    if (month == 0 ? monthly : !month_ok[month]) return;
    if (!RowOk(store, c, i, hs_checked)) return;
    (year == period_year ? cur : base)[store.partner()[i]] += store.value()[i];
  });
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
