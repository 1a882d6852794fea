// Readers for trade statistics: Eurostat (long CSV and Comext), UN Comtrade,
// IMF IMTS and a generic CSV with a column mapping. Each turns rows into
// TradeRecords; a row it cannot use becomes a Problem naming the file, the
// line and the reason, and reading goes on.

#include <array>
#include <charconv>
#include <cmath>
#include <map>

#include "chokepoint/trade.h"
#include "io/csv.h"
#include "io/strings.h"
#include "lists/common.h"

namespace chokepoint::trade {

namespace {

// Country from a statistics label: "Russian Federation (Russia)",
// "Belgium (incl. Luxembourg 'LU' -> 1998)", "CHE", "Armenia".
std::string CountryFromLabel(std::string_view label) {
  std::string code = lists::CountryCode(label);
  if (!code.empty()) return code;
  size_t paren = label.find(" (");
  if (paren != std::string_view::npos) {
    code = lists::CountryCode(label.substr(0, paren));
    if (!code.empty()) return code;
    // "Belarus (Belorussia)": the name inside the brackets may be the known one.
    size_t close = label.find(')', paren);
    if (close != std::string_view::npos) {
      code = lists::CountryCode(label.substr(paren + 2, close - paren - 2));
    }
  }
  return code;
}

bool ParseNumber(std::string_view s, double* out) {
  s = io::Trim(s);
  if (s.empty()) return false;
  std::string clean;
  for (char c : s) {
    if (c != ',' && c != ' ') clean.push_back(c);
  }
  const char* b = clean.data();
  const char* e = b + clean.size();
  auto [p, ec] = std::from_chars(b, e, *out);
  return ec == std::errc() && p == e && std::isfinite(*out);
}

constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};

// YYYYMM (month 0 for a year) from "2020-01", "202001", "2020", "Y2019",
// "Aug. 2024", "2017-01-01"; -1 when unrecognised.
int32_t ParsePeriodText(std::string_view s) {
  s = io::Trim(s);
  auto digits = [](std::string_view d) {
    int v = 0;
    for (char c : d) v = v * 10 + (c - '0');
    return v;
  };
  if (!s.empty() && (s[0] == 'Y' || s[0] == 'y')) s.remove_prefix(1);
  if (s.size() == 4 && io::IsDigits(s)) return digits(s) * 100;
  if (s.size() == 6 && io::IsDigits(s)) {
    int m = digits(s.substr(4));
    return (m >= 1 && m <= 12) ? digits(s.substr(0, 4)) * 100 + m : -1;
  }
  if (s.size() >= 7 && io::IsDigits(s.substr(0, 4)) && s[4] == '-' &&
      io::IsDigits(s.substr(5, 2)) && (s.size() == 7 || (s.size() == 10 && s[7] == '-'))) {
    int m = digits(s.substr(5, 2));
    return (m >= 1 && m <= 12) ? digits(s.substr(0, 4)) * 100 + m : -1;
  }
  // "Aug. 2024", "Aug 2024", "August 2024"
  if (s.size() >= 8) {
    std::string low = io::ToLowerAscii(s.substr(0, 3));
    std::string_view year = io::Trim(s.substr(s.size() - 4));
    for (size_t i = 0; i < kMonths.size(); ++i) {
      if (low == kMonths[i] && io::IsDigits(year)) {
        return digits(year) * 100 + static_cast<int>(i) + 1;
      }
    }
  }
  return -1;
}

bool ParseFlow(std::string_view s, Flow* out) {
  std::string low = io::ToLowerAscii(io::Trim(s));
  if (low == "import" || low == "imports" || low == "m" || low == "1" || low == "mg") {
    *out = Flow::kImport;
  } else if (low == "export" || low == "exports" || low == "x" || low == "2" || low == "xg") {
    *out = Flow::kExport;
  } else if (low == "re-export" || low == "reexport" || low == "rx" || low == "3") {
    *out = Flow::kReExport;
  } else if (low == "re-import" || low == "reimport" || low == "rm" || low == "4") {
    *out = Flow::kReImport;
  } else {
    return false;
  }
  return true;
}

// HS code as digits ("8542.31" -> "854231"); "TOTAL" for totals; "" if bad.
std::string CleanHs(std::string_view s) {
  s = io::Trim(s);
  if (io::EqualsIgnoreCaseAscii(s, "total") || s == "TOTAL") return "TOTAL";
  std::string out;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      out.push_back(c);
    } else if (c != '.' && c != ' ' && c != '-') {
      return "";
    }
  }
  if (out.size() < 2 || out.size() > 10) return "";
  return out;
}

uint16_t VintageForPeriod(int32_t period) { return period / 100 >= 2022 ? 2022 : 2017; }

class RowReader {
 public:
  RowReader(const InputFile& file, TradeReadOutput* out)
      : file_(file), csv_(file.data), out_(out) {}

  // Reads the header; an error when the file is empty or lacks `required`.
  Status Header(std::initializer_list<std::string_view> required) {
    std::vector<std::string> rec;
    if (csv_.Read(rec) != io::CsvReader::Next::kRecord) {
      return Status::ParseError(file_.path + ": empty file, expected a header row");
    }
    header_ = io::CsvHeader(rec);
    for (auto r : required) {
      if (header_.Col(r) < 0) {
        return Status::ParseError(file_.path + ":1: missing column '" + std::string(r) + "'");
      }
    }
    return Status::Ok();
  }
  int Col(std::string_view name) const { return header_.Col(name); }

  // Next row with the header's field count; problems for bad rows.
  bool Next(std::vector<std::string>& rec) {
    while (true) {
      auto n = csv_.Read(rec);
      if (n == io::CsvReader::Next::kEnd) return false;
      if (n == io::CsvReader::Next::kError) {
        Problem(csv_.error());
        continue;
      }
      if (rec.size() != header_.size()) {
        Problem("expected " + std::to_string(header_.size()) + " fields, found " +
                std::to_string(rec.size()));
        continue;
      }
      bool utf8 = true;
      for (const auto& f : rec) utf8 = utf8 && io::IsValidUtf8(f);
      if (!utf8) {
        Problem("invalid UTF-8");
        continue;
      }
      return true;
    }
  }

  void Problem(std::string reason) {
    out_->problems.push_back(lists::MakeProblem(file_, csv_.line(), "", std::move(reason)));
  }

 private:
  const InputFile& file_;
  io::CsvReader csv_;
  io::CsvHeader header_;
  TradeReadOutput* out_;
};

Result<TradeReadOutput> ReadEurostatLong(const InputFile& file) {
  TradeReadOutput out;
  RowReader rows(file, &out);
  CHOKEPOINT_RETURN_IF_ERROR(
      rows.Header({"reporter", "partner", "product_code", "period", "value_eur"}));
  int c_rep = rows.Col("reporter"), c_par = rows.Col("partner"), c_hs = rows.Col("product_code"),
      c_per = rows.Col("period"), c_val = rows.Col("value_eur");
  std::map<std::string, std::string, std::less<>> country_cache;
  auto country = [&](const std::string& label) -> const std::string& {
    auto it = country_cache.find(label);
    if (it == country_cache.end()) it = country_cache.emplace(label, CountryFromLabel(label)).first;
    return it->second;
  };
  std::vector<std::string> rec;
  while (rows.Next(rec)) {
    TradeRecord r;
    r.reporter = country(rec[c_rep]);
    r.partner = country(rec[c_par]);
    if (r.reporter.empty()) {
      rows.Problem("unknown reporter '" + rec[c_rep] + "'");
      continue;
    }
    if (r.partner.empty()) {
      rows.Problem("unknown partner '" + rec[c_par] + "'");
      continue;
    }
    r.hs_code = CleanHs(rec[c_hs]);
    if (r.hs_code.empty()) {
      rows.Problem("bad product code '" + rec[c_hs] + "'");
      continue;
    }
    r.period = ParsePeriodText(rec[c_per]);
    if (r.period < 0) {
      rows.Problem("unknown period format '" + rec[c_per] + "'");
      continue;
    }
    if (!ParseNumber(rec[c_val], &r.value)) {
      rows.Problem("bad value '" + rec[c_val] + "'");
      continue;
    }
    r.flow = Flow::kExport;
    r.currency = "EUR";
    r.hs_vintage = VintageForPeriod(r.period);
    out.records.push_back(std::move(r));
  }
  return out;
}

Result<TradeReadOutput> ReadComext(const InputFile& file) {
  TradeReadOutput out;
  RowReader rows(file, &out);
  CHOKEPOINT_RETURN_IF_ERROR(
      rows.Header({"REPORTER", "PARTNER", "PRODUCT", "FLOW", "PERIOD", "VALUE_IN_EUR"}));
  int c_rep = rows.Col("REPORTER"), c_par = rows.Col("PARTNER"), c_hs = rows.Col("PRODUCT"),
      c_flow = rows.Col("FLOW"), c_per = rows.Col("PERIOD"), c_val = rows.Col("VALUE_IN_EUR");
  std::vector<std::string> rec;
  while (rows.Next(rec)) {
    TradeRecord r;
    r.reporter = CountryFromLabel(rec[c_rep]);
    r.partner = CountryFromLabel(rec[c_par]);
    if (r.reporter.empty() || r.partner.empty()) {
      rows.Problem("not a country: '" + (r.reporter.empty() ? rec[c_rep] : rec[c_par]) + "'");
      continue;
    }
    r.hs_code = CleanHs(rec[c_hs]);
    if (r.hs_code.empty()) {
      rows.Problem("bad product code '" + rec[c_hs] + "'");
      continue;
    }
    if (!ParseFlow(rec[c_flow], &r.flow)) {
      rows.Problem("unknown flow '" + rec[c_flow] + "'");
      continue;
    }
    r.period = ParsePeriodText(rec[c_per]);
    if (r.period < 0) {
      rows.Problem("unknown period format '" + rec[c_per] + "'");
      continue;
    }
    if (io::Trim(rec[c_val]) == ":" || io::Trim(rec[c_val]).empty()) continue;  // not available
    if (!ParseNumber(rec[c_val], &r.value)) {
      rows.Problem("bad value '" + rec[c_val] + "'");
      continue;
    }
    r.currency = "EUR";
    r.hs_vintage = VintageForPeriod(r.period);
    out.records.push_back(std::move(r));
  }
  return out;
}

Result<TradeReadOutput> ReadComtrade(const InputFile& file) {
  TradeReadOutput out;
  RowReader rows(file, &out);
  CHOKEPOINT_RETURN_IF_ERROR(rows.Header(
      {"period", "trade_flow", "reporter", "partner_iso", "commodity_code", "trade_value_us"}));
  int c_per = rows.Col("period"), c_flow = rows.Col("trade_flow"), c_rep = rows.Col("reporter"),
      c_par = rows.Col("partner_iso"), c_hs = rows.Col("commodity_code"),
      c_val = rows.Col("trade_value_us"), c_qty = rows.Col("Qty"), c_unit = rows.Col("QtyUnitAbbr");
  std::vector<std::string> rec;
  while (rows.Next(rec)) {
    TradeRecord r;
    r.reporter = CountryFromLabel(rec[c_rep]);
    r.partner = CountryFromLabel(rec[c_par]);
    if (r.reporter.empty() || r.partner.empty()) {
      rows.Problem("not a country: '" + (r.reporter.empty() ? rec[c_rep] : rec[c_par]) + "'");
      continue;
    }
    if (!ParseFlow(rec[c_flow], &r.flow)) {
      rows.Problem("unknown flow '" + rec[c_flow] + "'");
      continue;
    }
    r.hs_code = CleanHs(rec[c_hs]);
    if (r.hs_code.empty()) {
      rows.Problem("bad commodity code '" + rec[c_hs] + "'");
      continue;
    }
    r.period = ParsePeriodText(rec[c_per]);
    if (r.period < 0) {
      rows.Problem("unknown period format '" + rec[c_per] + "'");
      continue;
    }
    if (!ParseNumber(rec[c_val], &r.value)) {
      rows.Problem("bad value '" + rec[c_val] + "'");
      continue;
    }
    if (c_qty >= 0) ParseNumber(rec[c_qty], &r.quantity);
    if (c_unit >= 0) r.unit = rec[c_unit];
    r.currency = "USD";
    r.valuation = r.flow == Flow::kImport ? Valuation::kCif : Valuation::kFob;
    r.hs_vintage = VintageForPeriod(r.period);
    out.records.push_back(std::move(r));
  }
  return out;
}

Result<TradeReadOutput> ReadImfImts(const InputFile& file) {
  TradeReadOutput out;
  RowReader rows(file, &out);
  CHOKEPOINT_RETURN_IF_ERROR(
      rows.Header({"COUNTRY.ID", "INDICATOR.ID", "COUNTERPART_COUNTRY.ID", "SCALE"}));
  int c_rep = rows.Col("COUNTRY.ID"), c_ind = rows.Col("INDICATOR.ID"),
      c_par = rows.Col("COUNTERPART_COUNTRY.ID"), c_scale = rows.Col("SCALE");
  std::vector<std::pair<int, int>> years;  // column, year
  {
    // The year columns are the ones whose header is four digits.
    io::CsvReader csv(file.data);
    std::vector<std::string> head;
    csv.Read(head);
    for (size_t i = 0; i < head.size(); ++i) {
      std::string_view h = io::Trim(head[i]);
      if (h.size() == 4 && io::IsDigits(h))
        years.emplace_back(static_cast<int>(i), std::stoi(std::string(h)));
    }
  }
  std::vector<std::string> rec;
  while (rows.Next(rec)) {
    std::string reporter = CountryFromLabel(rec[c_rep]);
    std::string partner = CountryFromLabel(rec[c_par]);
    if (reporter.empty() || partner.empty()) continue;  // world and group aggregates
    Flow flow;
    Valuation valuation;
    const std::string& ind = rec[c_ind];
    if (ind.rfind("MG_CIF", 0) == 0) {
      flow = Flow::kImport;
      valuation = Valuation::kCif;
    } else if (ind.rfind("XG_FOB", 0) == 0) {
      flow = Flow::kExport;
      valuation = Valuation::kFob;
    } else {
      rows.Problem("unknown indicator '" + ind + "'");
      continue;
    }
    double scale = io::EqualsIgnoreCaseAscii(io::Trim(rec[c_scale]), "Millions") ? 1e6 : 1;
    for (auto [col, year] : years) {
      double v;
      if (io::Trim(rec[col]).empty()) continue;
      if (!ParseNumber(rec[col], &v)) {
        rows.Problem("bad value '" + rec[col] + "' for " + std::to_string(year));
        continue;
      }
      TradeRecord r;
      r.reporter = reporter;
      r.partner = partner;
      r.flow = flow;
      r.valuation = valuation;
      r.hs_code = "TOTAL";
      r.period = year * 100;
      r.value = v * scale;
      r.currency = "USD";
      out.records.push_back(std::move(r));
    }
  }
  return out;
}

Result<TradeReadOutput> ReadMappedCsv(const InputFile& file, const TradeReadOptions& options) {
  std::map<std::string, std::string> map;
  for (const auto& pair : io::SplitTrimmed(options.mapping, ",")) {
    size_t eq = pair.find('=');
    if (eq == std::string::npos) {
      return Status::InvalidArgument("mapping '" + pair + "': expected FIELD=COLUMN");
    }
    map[std::string(io::Trim(std::string_view(pair).substr(0, eq)))] =
        std::string(io::Trim(std::string_view(pair).substr(eq + 1)));
  }
  for (const char* req : {"partner", "hs", "period", "value"}) {
    if (!map.count(req)) {
      return Status::InvalidArgument(std::string("mapping needs ") + req +
                                     "=COLUMN (fields: reporter, partner, flow, hs, period, "
                                     "value, currency, quantity, unit, shipper, consignee)");
    }
  }
  TradeReadOutput out;
  RowReader rows(file, &out);
  CHOKEPOINT_RETURN_IF_ERROR(rows.Header({}));
  std::map<std::string, int> col;
  for (const auto& [field, column] : map) {
    int c = rows.Col(column);
    if (c < 0) {
      return Status::ParseError(file.path + ":1: missing column '" + column + "' (mapped to " +
                                field + ")");
    }
    col[field] = c;
  }
  auto get = [&](const std::vector<std::string>& rec, const char* field) -> std::string {
    auto it = col.find(field);
    return it == col.end() ? std::string() : rec[it->second];
  };
  std::vector<std::string> rec;
  while (rows.Next(rec)) {
    TradeRecord r;
    std::string rep = get(rec, "reporter");
    r.reporter = rep.empty() ? options.default_reporter : CountryFromLabel(rep);
    r.partner = CountryFromLabel(get(rec, "partner"));
    if (r.partner.empty() || (r.reporter.empty() && !rep.empty())) {
      rows.Problem("not a country: '" + (r.partner.empty() ? get(rec, "partner") : rep) + "'");
      continue;
    }
    std::string flow = get(rec, "flow");
    if (flow.empty()) flow = options.default_flow.empty() ? "import" : options.default_flow;
    if (!ParseFlow(flow, &r.flow)) {
      rows.Problem("unknown flow '" + flow + "'");
      continue;
    }
    r.hs_code = CleanHs(get(rec, "hs"));
    if (r.hs_code.empty()) {
      rows.Problem("bad HS code '" + get(rec, "hs") + "'");
      continue;
    }
    r.period = ParsePeriodText(get(rec, "period"));
    if (r.period < 0) {
      rows.Problem("unknown period format '" + get(rec, "period") + "'");
      continue;
    }
    if (!ParseNumber(get(rec, "value"), &r.value)) {
      rows.Problem("bad value '" + get(rec, "value") + "'");
      continue;
    }
    r.currency = get(rec, "currency");
    if (r.currency.empty()) r.currency = "USD";
    std::string qty = get(rec, "quantity");
    if (!qty.empty() && !ParseNumber(qty, &r.quantity)) {
      rows.Problem("bad quantity '" + qty + "'");
      continue;
    }
    r.unit = get(rec, "unit");
    r.shipper = io::CollapseWhitespace(get(rec, "shipper"));
    r.consignee = io::CollapseWhitespace(get(rec, "consignee"));
    r.hs_vintage = VintageForPeriod(r.period);
    out.records.push_back(std::move(r));
  }
  return out;
}

}  // namespace

std::vector<std::string_view> TradeFormats() {
  return {"eurostat-long", "comext", "comtrade", "imf-imts", "csv"};
}

Result<TradeReadOutput> ReadTradeFile(const InputFile& file, const TradeReadOptions& options) {
  if (options.format == "eurostat-long") return ReadEurostatLong(file);
  if (options.format == "comext") return ReadComext(file);
  if (options.format == "comtrade") return ReadComtrade(file);
  if (options.format == "imf-imts") return ReadImfImts(file);
  if (options.format == "csv") return ReadMappedCsv(file, options);
  return Status::InvalidArgument("unknown trade format '" + options.format +
                                 "' (known: eurostat-long, comext, comtrade, imf-imts, csv)");
}

}  // namespace chokepoint::trade
