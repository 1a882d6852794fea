// The trade-flow report: a self-contained HTML page with inline SVG charts
// (and the same tables as Markdown). Sections: the diversion view (exports to
// the sanctioned destination against the hubs), the surge table, diversion
// findings, the dependency view (shares of a reporter's imports by origin),
// and method notes and caveats.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "chokepoint/trade.h"
#include "goods/chpl.h"
#include "io/strings.h"

namespace chokepoint::trade {

namespace {

std::string Esc(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string Num(double v, int prec = 1) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", prec, v);
  return buf;
}

std::string Money(double v) {
  char buf[64];
  if (std::fabs(v) >= 1e9) {
    std::snprintf(buf, sizeof buf, "%.2f bn", v / 1e9);
  } else if (std::fabs(v) >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.1f m", v / 1e6);
  } else if (std::fabs(v) >= 1e3) {
    std::snprintf(buf, sizeof buf, "%.0f k", v / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  }
  return buf;
}

const char* kPalette[] = {"#c0392b", "#2471a3", "#229954", "#d68910", "#7d3c98",
                          "#17a589", "#a04000", "#5d6d7e", "#2e4053", "#b7950b"};

struct Series {
  std::string name;
  std::vector<double> values;  // one per x label
};

// A line chart with a y axis from 0 to the maximum value.
std::string LineChart(const std::string& title, const std::vector<std::string>& xlabels,
                      const std::vector<Series>& series, const std::string& unit) {
  const double w = 760, h = 300, left = 70, right = 130, top = 30, bottom = 40;
  double maxv = 0;
  for (const auto& s : series) {
    for (double v : s.values) maxv = std::max(maxv, v);
  }
  if (maxv <= 0) maxv = 1;
  std::ostringstream o;
  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << w << " " << h << "\" width=\""
    << w << "\" height=\"" << h << "\" role=\"img\">";
  o << "<text x=\"" << left << "\" y=\"18\" font-size=\"14\" font-weight=\"bold\">" << Esc(title)
    << "</text>";
  double pw = w - left - right, ph = h - top - bottom;
  for (int k = 0; k <= 4; ++k) {
    double y = top + ph - ph * k / 4;
    o << "<line x1=\"" << left << "\" x2=\"" << left + pw << "\" y1=\"" << y << "\" y2=\"" << y
      << "\" stroke=\"#ddd\"/>";
    o << "<text x=\"" << left - 6 << "\" y=\"" << y + 4
      << "\" font-size=\"10\" text-anchor=\"end\">" << Esc(Money(maxv * k / 4)) << "</text>";
  }
  size_t nx = xlabels.size();
  auto xpos = [&](size_t i) { return left + (nx <= 1 ? pw / 2 : pw * i / (nx - 1)); };
  size_t step = std::max<size_t>(1, (nx + 7) / 8);  // at most ~8 labels
  for (size_t i = 0; i < nx; i += step) {
    o << "<text x=\"" << xpos(i) << "\" y=\"" << h - bottom + 14
      << "\" font-size=\"9\" text-anchor=\"middle\">" << Esc(xlabels[i]) << "</text>";
  }
  for (size_t s = 0; s < series.size(); ++s) {
    const char* color = kPalette[s % 10];
    o << "<polyline fill=\"none\" stroke=\"" << color << "\" stroke-width=\"2\" points=\"";
    for (size_t i = 0; i < series[s].values.size(); ++i) {
      o << xpos(i) << "," << top + ph - ph * series[s].values[i] / maxv << " ";
    }
    o << "\"/>";
    o << "<rect x=\"" << left + pw + 12 << "\" y=\"" << top + 14 * s << "\" width=\"10\" "
      << "height=\"10\" fill=\"" << color << "\"/><text x=\"" << left + pw + 26 << "\" y=\""
      << top + 9 + 14 * s << "\" font-size=\"11\">" << Esc(series[s].name) << "</text>";
  }
  o << "<text x=\"12\" y=\"" << top + ph / 2 << "\" font-size=\"10\" transform=\"rotate(-90 12 "
    << top + ph / 2 << ")\">" << Esc(unit) << "</text>";
  o << "</svg>";
  return o.str();
}

// Horizontal bars with a label and a value text.
std::string BarChart(const std::string& title,
                     const std::vector<std::pair<std::string, double>>& bars,
                     const std::string& value_suffix) {
  const double w = 760, row = 22, left = 140, top = 30;
  double h = top + row * bars.size() + 20;
  double maxv = 0;
  for (const auto& b : bars) maxv = std::max(maxv, b.second);
  if (maxv <= 0) maxv = 1;
  std::ostringstream o;
  o << "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << w << " " << h << "\" width=\""
    << w << "\" height=\"" << h << "\" role=\"img\">";
  o << "<text x=\"10\" y=\"18\" font-size=\"14\" font-weight=\"bold\">" << Esc(title) << "</text>";
  for (size_t i = 0; i < bars.size(); ++i) {
    double y = top + row * i;
    double bw = (w - left - 120) * bars[i].second / maxv;
    o << "<text x=\"" << left - 8 << "\" y=\"" << y + 14
      << "\" font-size=\"11\" text-anchor=\"end\">" << Esc(bars[i].first) << "</text>";
    o << "<rect x=\"" << left << "\" y=\"" << y + 3 << "\" width=\"" << std::max(bw, 1.0)
      << "\" height=\"15\" fill=\"" << kPalette[i % 10] << "\"/>";
    o << "<text x=\"" << left + bw + 6 << "\" y=\"" << y + 14 << "\" font-size=\"11\">"
      << Esc(Num(bars[i].second, 2) + value_suffix) << "</text>";
  }
  o << "</svg>";
  return o.str();
}

// Monthly totals of an HS group to each partner in `partners`.
std::map<std::string, std::map<int32_t, double>> MonthlyByPartner(
    const TradeStore& store, const HsGroup& hs, const std::set<std::string>& partners,
    std::set<int32_t>* months) {
  std::map<std::string, std::map<int32_t, double>> out;
  std::vector<uint8_t> hs_ok(store.hs_codes().size());
  for (size_t k = 0; k < hs_ok.size(); ++k) {
    hs_ok[k] = store.hs_leaf()[k] && hs.MatchesAnyVintage(store.hs_codes()[k]);
  }
  for (size_t i = 0; i < store.size(); ++i) {
    if (!hs_ok[store.hs()[i]] || store.period()[i] % 100 == 0) continue;
    const std::string& p = store.countries()[store.partner()[i]];
    if (!partners.count(p)) continue;
    out[p][store.period()[i]] += store.value()[i];
    months->insert(store.period()[i]);
  }
  return out;
}

class Doc {
 public:
  void H2(const std::string& t) {
    html_ += "<h2>" + Esc(t) + "</h2>\n";
    md_ += "\n## " + t + "\n\n";
  }
  void P(const std::string& t) {
    html_ += "<p>" + Esc(t) + "</p>\n";
    md_ += t + "\n\n";
  }
  void Svg(const std::string& svg) { html_ += "<figure>" + svg + "</figure>\n"; }
  void Table(const std::vector<std::string>& head,
             const std::vector<std::vector<std::string>>& rows) {
    html_ += "<table><thead><tr>";
    md_ += "|";
    for (const auto& h : head) {
      html_ += "<th>" + Esc(h) + "</th>";
      md_ += " " + h + " |";
    }
    html_ += "</tr></thead><tbody>\n";
    md_ += "\n|";
    for (size_t i = 0; i < head.size(); ++i) md_ += "---|";
    md_ += "\n";
    for (const auto& r : rows) {
      html_ += "<tr>";
      md_ += "|";
      for (const auto& c : r) {
        html_ += "<td>" + Esc(c) + "</td>";
        md_ += " " + c + " |";
      }
      html_ += "</tr>\n";
      md_ += "\n";
    }
    html_ += "</tbody></table>\n";
    md_ += "\n";
  }
  void List(const std::vector<std::string>& items) {
    html_ += "<ul>";
    for (const auto& i : items) {
      html_ += "<li>" + Esc(i) + "</li>";
      md_ += "- " + i + "\n";
    }
    html_ += "</ul>\n";
    md_ += "\n";
  }
  std::string html_, md_;
};

std::string MonthLabel(int32_t p) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", p / 100, p % 100);
  return buf;
}

void DiversionView(const TradeStore& store, const ReportOptions& opt, Doc& doc) {
  auto hs = ParseHsGroup(opt.hs);
  if (!hs.ok()) return;
  std::set<std::string> present(store.countries().begin(), store.countries().end());
  std::vector<std::string> hubs = opt.hubs;
  if (hubs.empty()) {
    for (const auto& h : DefaultHubs()) {
      if (present.count(h)) hubs.push_back(h);
    }
  }
  std::set<std::string> partners(hubs.begin(), hubs.end());
  partners.insert(opt.target);
  std::set<int32_t> months;
  auto monthly = MonthlyByPartner(store, *hs, partners, &months);
  // The view is about flows *to* the target: without them (e.g. a store of
  // the target's own imports) there is nothing to show.
  if (months.empty() || monthly[opt.target].empty()) return;
  doc.H2("Diversion view: " + opt.hs + " to " + opt.target + " and the hubs");
  doc.P("Monthly value of " + opt.hs + " goods to " + opt.target +
        " (top chart) and to the "
        "transshipment hubs (bottom chart), as recorded in the store (" +
        std::to_string(store.size()) + " rows). Values are in the store's currency.");
  std::vector<std::string> labels;
  for (int32_t m : months) labels.push_back(MonthLabel(m));
  auto series_of = [&](const std::string& p) {
    Series s{p, {}};
    for (int32_t m : months) s.values.push_back(monthly[p][m]);
    return s;
  };
  doc.Svg(LineChart(opt.hs + " to " + opt.target + ", monthly", labels, {series_of(opt.target)},
                    "value"));
  std::vector<Series> hub_series;
  for (const auto& h : hubs) {
    if (monthly.count(h)) hub_series.push_back(series_of(h));
  }
  doc.Svg(LineChart(opt.hs + " to the hubs, monthly", labels, hub_series, "value"));

  TradeFilter f;
  f.hs = *hs;
  auto surge = Surge(store, f, opt.baseline_year, opt.period_year);
  std::string mtext;
  for (int m : surge.months) mtext += (mtext.empty() ? "" : ", ") + std::to_string(m);
  doc.H2("Surge: " + std::to_string(opt.period_year) + " against " +
         std::to_string(opt.baseline_year));
  doc.P("Like-for-like months compared: " + mtext +
        ". A ratio above 1 is growth; the baseline "
        "is shown beside every ratio because growth from a small base means little.");
  std::vector<std::vector<std::string>> rows;
  std::vector<std::pair<std::string, double>> bars;
  for (const auto& r : surge.rows) {
    if (!partners.count(r.partner)) continue;
    rows.push_back({r.partner, Money(r.baseline), Money(r.period),
                    std::isinf(r.ratio) ? "new" : Num(r.ratio, 2)});
    if (!std::isinf(r.ratio)) bars.emplace_back(r.partner, r.ratio);
  }
  doc.Table(
      {"partner", std::to_string(opt.baseline_year), std::to_string(opt.period_year), "ratio"},
      rows);
  doc.Svg(BarChart("Ratio " + std::to_string(opt.period_year) + " / " +
                       std::to_string(opt.baseline_year) + " (like-for-like months)",
                   bars, "x"));

  DiversionOptions d;
  d.hubs = hubs;
  d.min_base = opt.min_base;
  auto div = DetectDiversion(store, d);
  doc.H2("Diversion findings (BIS patterns)");
  doc.P(
      "Each hub and goods group after 2022-02-24 against the same months of 2020-2021 "
      "(averaged): new trade flows, first appearance of CHPL codes, and spikes of 2x or more. "
      "Bases below " +
      Money(opt.min_base) +
      " never count as spikes. Ranked by absolute "
      "increase.");
  std::vector<std::vector<std::string>> frows;
  for (const auto& fd : div.findings) {
    if (frows.size() >= 40) break;
    frows.push_back({fd.hub, fd.group, fd.pattern, Money(fd.baseline), Money(fd.post),
                     std::isinf(fd.ratio) ? "new" : Num(fd.ratio, 2), fd.detail});
  }
  doc.Table({"hub", "group", "pattern", "baseline", "after", "ratio", "evidence"}, frows);
}

void DependencyView(const TradeStore& store, const ReportOptions& opt, Doc& doc) {
  // Reporters with import records.
  std::set<std::string> importers;
  std::set<int> years;
  for (size_t i = 0; i < store.size(); ++i) {
    if (store.flow()[i] == static_cast<uint8_t>(Flow::kImport)) {
      importers.insert(store.countries()[store.reporter()[i]]);
      years.insert(store.period()[i] / 100);
    }
  }
  if (importers.empty()) return;
  doc.H2("Dependency view: imports by origin");
  doc.P(
      "What share of each reporter's imports of each goods group came from each origin, by "
      "year (and by quarter for the latest year). Origin is the partner as reported; see the "
      "caveats on country of origin against country of dispatch.");
  for (const auto& rep : importers) {
    std::vector<std::vector<std::string>> rows;
    for (auto group : goods::NamedGroups()) {
      auto hs = ParseHsGroup(group);
      TradeFilter f;
      f.hs = *hs;
      f.reporter = rep;
      f.flow = "import";
      std::vector<std::string> periods;
      for (int y : years) periods.push_back(std::to_string(y));
      if (!years.empty()) {
        for (int q = 1; q <= 4; ++q)
          periods.push_back(std::to_string(*years.rbegin()) + "-Q" + std::to_string(q));
      }
      for (const auto& ptext : periods) {
        auto p = ParsePeriod(ptext);
        auto share = Share(store, f, *p, true);
        if (share.total <= 0 || share.rows.empty()) continue;
        const auto& top = share.rows[0];
        rows.push_back({std::string(group), ptext, Money(share.total), top.key,
                        Num(100 * top.share, 1) + "%",
                        share.rows.size() > 1
                            ? share.rows[1].key + " " + Num(100 * share.rows[1].share, 1) + "%"
                            : "-"});
      }
    }
    if (rows.empty()) continue;
    doc.P("Imports of " + rep + ":");
    doc.Table({"goods group", "period", "total", "top origin", "share", "second"}, rows);
    // A chart of the top origin's share of each group over the years.
    std::vector<std::pair<std::string, double>> bars;
    for (const auto& r : rows) {
      if (r[1].size() == 4) bars.emplace_back(r[0] + " " + r[1] + " " + r[3], std::stod(r[4]));
    }
    doc.Svg(BarChart("Top origin's share of " + rep + "'s imports (%)", bars, "%"));
  }
}

}  // namespace

Report BuildReport(const TradeStore& store, const ReportOptions& opt) {
  Doc doc;
  DiversionView(store, opt, doc);
  DependencyView(store, opt, doc);
  doc.H2("Method notes and caveats");
  doc.List({
      "Goods groups are HS code prefixes; CHPL is the EU/US/UK/Japan Common High Priority List "
      "(50 HS6 codes, version 2024-02). Where a store holds an aggregate code and more detailed "
      "codes under it, only the detailed codes are summed.",
      "CIF and FOB: imports are valued CIF and exports FOB, so mirror figures (A's exports to B "
      "against B's imports from A) differ by freight and insurance; gaps of 5-10% are normal.",
      "Re-exports: hub exports to Russia may be re-exports of goods made elsewhere; Hong Kong "
      "re-exports carry markups. Partner attribution differs: imports by country of origin, "
      "exports by last known destination.",
      "Misclassification: goods may be declared under non-specific lines (8542.39, 8548.00) or "
      "as parts; flows under other codes are not seen.",
      "HS vintages: HS 2017 codes apply to 2017-2021 and HS 2022 codes from 2022; codes that "
      "changed (8548, 8807, 8525.89, 8541.51) need the correspondence before comparing years.",
      "Small bases: growth multiples from tiny baselines mean little; every ratio is shown with "
      "its baseline, and bases below the floor are never reported as spikes.",
      "Incomplete latest period: comparisons use like-for-like months, listed with each table.",
      "A flow is not proof of diversion: no single indicator is conclusive.",
  });
  Report r;
  r.markdown = "# " + opt.title + "\n" + doc.md_;
  r.html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
           Esc(opt.title) +
           "</title><style>body{font-family:sans-serif;max-width:980px;margin:2em auto;color:#222}"
           "table{border-collapse:collapse;margin:1em 0;font-size:13px}th,td{border:1px solid #ccc;"
           "padding:3px 8px;text-align:left}th{background:#f3f3f3}figure{margin:1em 0}"
           "h1{font-size:24px}h2{font-size:18px;margin-top:2em}</style></head><body><h1>" +
           Esc(opt.title) + "</h1>\n" + doc.html_ + "</body></html>\n";
  return r;
}

}  // namespace chokepoint::trade
