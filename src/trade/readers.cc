// Readers for trade statistics: Eurostat (long CSV and Comext), UN Comtrade,
// IMF IMTS and a generic CSV with a column mapping. Each turns rows into
// TradeRecords; a row it cannot use becomes a Problem naming the file, the
// line and the reason, and reading goes on.

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <deque>
#include <map>
#include <thread>
#include <unordered_map>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "chokepoint/trade.h"
#include "io/csv.h"
#include "io/strings.h"
#include "lists/common.h"
#include "trade/ingest.h"

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

Result<TradeReadOutput> ReadEurostatLongReference(const InputFile& file) {
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

// Comtrade downloads are often ISO 8859-1 (partner names such as "Côte
// d'Ivoire"); a file that is not valid UTF-8 is read as Latin-1.
InputFile Latin1ToUtf8(const InputFile& file) {
  InputFile out{file.path, {}};
  out.data.reserve(file.data.size() + file.data.size() / 16);
  for (unsigned char c : file.data) io::AppendUtf8(out.data, c);
  return out;
}

Result<TradeReadOutput> ReadComtrade(const InputFile& original) {
  InputFile transcoded;
  bool latin1 = !io::IsValidUtf8(original.data);
  if (latin1) transcoded = Latin1ToUtf8(original);
  const InputFile& file = latin1 ? transcoded : original;
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

Result<TradeReadOutput> ReadMappedCsvReference(const InputFile& file,
                                               const TradeReadOptions& options) {
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

// ---------------------------------------------------------------------------
// Fast path for "eurostat-long" and "csv" (see trade/ingest.h).

// Hashing std::string keys so that maps can be searched with a string_view
// (C++20 heterogeneous lookup) without building a std::string per field.
struct ViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// A dictionary in order of first use.
class LocalDict {
 public:
  uint32_t Code(const std::string& s) {
    auto it = index_.find(std::string_view(s));
    if (it != index_.end()) return it->second;
    uint32_t code = static_cast<uint32_t>(values_.size());
    index_.emplace(s, code);
    values_.push_back(s);
    return code;
  }
  std::vector<std::string>& values() { return values_; }

 private:
  std::unordered_map<std::string, uint32_t, ViewHash, std::equal_to<>> index_;
  std::vector<std::string> values_;
};

// What a raw field value means, computed once per distinct value.
struct Resolved {
  std::string value;  // e.g. the ISO code of a country label, the cleaned HS code
  bool ok = false;
  int64_t code = -1;  // code in the chunk's dictionary, once a row used it
};

// A memo lookup: the value, and copies of the two fields a row needs (so the
// hot path touches only the memo's slot). `code` may lag behind r->code
// (-1 until the slot sees the code assigned).
struct Hit {
  Resolved* r;
  int64_t code;
  bool ok;
};

// Memo from raw field bytes to Resolved. Rows repeat the same few values
// (runs of one reporter, a few hundred partners, some thousand HS codes), so
// the last hit is checked first (a long field is not remembered: labels are
// rare in bulk files). Fields of up to 8 bytes (country codes, CN8
// codes, flows, periods) are packed into one integer and found in an
// open-addressing table (linear probing, load <= 1/2) of 16-byte slots that
// also hold the value's ok flag and dictionary code, so a lookup costs one
// cache line and no string compare; longer ones (country labels) go to a
// hash map.
class FieldMemo {
 public:
  FieldMemo() : slots_(64), refs_(64, nullptr) {}

  // Starts loading the slot `raw` hashes to.
  void Prefetch(std::string_view raw) const {
    if (raw.size() > 8) return;
    size_t i = Slot::Hash(Pack(raw.data(), raw.size()), static_cast<uint8_t>(raw.size())) &
               (slots_.size() - 1);
    __builtin_prefetch(&slots_[i]);
  }

  template <typename Resolve>
  __attribute__((always_inline)) Hit Find(std::string_view raw, Resolve&& resolve) {
    if (raw.size() > 8) return FindLong(raw, resolve);
    const uint64_t key = Pack(raw.data(), raw.size());
    const uint8_t len = static_cast<uint8_t>(raw.size());
    if (key == last_short_ && len == last_len_) {
      if (last_.code < 0) last_.code = last_.r->code;
      return last_;
    }
    size_t mask = slots_.size() - 1;
    size_t i = Slot::Hash(key, len) & mask;
    while (slots_[i].used && (slots_[i].key != key || slots_[i].len != len)) {
      i = (i + 1) & mask;
    }
    Slot& slot = slots_[i];
    if (!slot.used) return Insert(i, raw, key, len, resolve);
    if (slot.code < 0 && slot.ok) slot.code = static_cast<int32_t>(refs_[i]->code);
    Hit hit{refs_[i], slot.code, slot.ok != 0};
    last_short_ = key;
    last_len_ = len;
    last_ = hit;
    return hit;
  }

 private:
  // The bytes of a field of 1 to 8 bytes as a little-endian integer (0 for
  // an empty one), with two overlapping fixed-size loads instead of a
  // variable-length copy.
  static uint64_t Pack(const char* p, size_t n) {
    if (n >= 4) {
      uint32_t a, b;
      std::memcpy(&a, p, 4);
      std::memcpy(&b, p + n - 4, 4);
      return a | (static_cast<uint64_t>(b) << ((n - 4) * 8));
    }
    if (n == 0) return 0;
    const auto* u = reinterpret_cast<const unsigned char*>(p);
    return u[0] | (static_cast<uint64_t>(u[n / 2]) << (n / 2 * 8)) |
           (static_cast<uint64_t>(u[n - 1]) << ((n - 1) * 8));
  }

  template <typename Resolve>
  __attribute__((noinline)) Hit Insert(size_t i, std::string_view raw, uint64_t key, uint8_t len,
                                       Resolve& resolve) {
    Resolved* r = New(raw, resolve);
    slots_[i] = {key, -1, len, r->ok, 1};
    refs_[i] = r;
    Hit hit{r, -1, r->ok};
    if (++used_ * 2 > slots_.size()) Grow();
    last_short_ = key;
    last_len_ = len;
    last_ = hit;
    return hit;
  }

  template <typename Resolve>
  __attribute__((noinline)) Hit FindLong(std::string_view raw, Resolve& resolve) {
    last_len_ = 0xFF;
    auto it = long_.find(raw);
    if (it == long_.end()) it = long_.emplace(std::string(raw), New(raw, resolve)).first;
    return {it->second, it->second->code, it->second->ok};
  }

  struct Slot {
    uint64_t key = 0;
    int32_t code = -1;  // dictionary code once assigned (copied from Resolved)
    uint8_t len = 0;
    uint8_t ok = 0;
    uint8_t used = 0;
    // Two multiply-xorshift rounds (as in splitmix64's finaliser), so that
    // codes differing in one digit land far apart.
    static size_t Hash(uint64_t key, uint8_t len) {
      uint64_t h = (key ^ len) * 0x9E3779B97F4A7C15ull;
      h = (h ^ (h >> 29)) * 0xBF58476D1CE4E5B9ull;
      return static_cast<size_t>(h ^ (h >> 32));
    }
  };

  template <typename Resolve>
  Resolved* New(std::string_view raw, Resolve&& resolve) {
    Resolved& r = store_.emplace_back();
    r.ok = resolve(raw, &r.value);
    return &r;
  }

  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    std::vector<Resolved*> old_refs = std::move(refs_);
    slots_.assign(old.size() * 2, Slot());
    refs_.assign(old.size() * 2, nullptr);
    size_t mask = slots_.size() - 1;
    for (size_t k = 0; k < old.size(); ++k) {
      if (!old[k].used) continue;
      size_t i = Slot::Hash(old[k].key, old[k].len) & mask;
      while (slots_[i].used) i = (i + 1) & mask;
      slots_[i] = old[k];
      refs_[i] = old_refs[k];
    }
    last_len_ = 0xFF;
  }

  std::vector<Slot> slots_;
  std::vector<Resolved*> refs_;  // the Resolved of each slot
  size_t used_ = 0;
  std::unordered_map<std::string, Resolved*, ViewHash, std::equal_to<>> long_;
  std::deque<Resolved> store_;  // stable addresses
  uint64_t last_short_ = 0;     // the last short field found, packed
  uint8_t last_len_ = 0xFF;     // its length; 0xFF: none
  Hit last_{nullptr, -1, false};
};

uint32_t CodeOf(const Hit& h, LocalDict& dict) {
  if (h.code >= 0) return static_cast<uint32_t>(h.code);
  if (h.r->code < 0) h.r->code = dict.Code(h.r->value);
  return static_cast<uint32_t>(h.r->code);
}

// Byte classes for the unquoted scan: bytes that need io::CsvReader's full
// rules (a quote, a CR, the 0x1A end-of-file byte) and non-ASCII bytes (the
// record then needs a UTF-8 check).
constexpr uint8_t kSpecial = 1, kHigh = 2;
constexpr std::array<uint8_t, 256> MakeClasses() {
  std::array<uint8_t, 256> t{};
  t['"'] = kSpecial;
  t['\r'] = kSpecial;
  t[0x1A] = kSpecial;
  for (int c = 0x80; c < 256; ++c) t[c] = kHigh;
  return t;
}
constexpr std::array<uint8_t, 256> kClasses = MakeClasses();

// Records of a buffer under io::CsvReader's rules (src/io/csv.cc: blank lines
// skipped, quoted fields with doubled quotes, CRLF or CR line ends, 0x1A as
// the last byte dropped), with the same line numbers. A record without a
// quote, CR or 0x1A -- nearly all of them -- is split in place: memchr finds
// the line end and the fields are views into the buffer. Other records are
// copied field by field exactly as CsvReader does.
class FastCsv {
 public:
  enum class Next { kRecord, kEnd, kError, kMultiline };

  // `first_line`: the line number of data[0]. With !allow_multiline a quoted
  // field containing a line feed stops the read with kMultiline (the buffer
  // was split at a line end that may lie inside a record).
  FastCsv(std::string_view data, int64_t first_line, bool allow_multiline)
      : data_(data), cur_line_(first_line), allow_multiline_(allow_multiline) {}

  Next Read() {
    fields_.clear();
    const char* d = data_.data();
    const size_t n = data_.size();
    while (pos_ < n) {
      char c = d[pos_];
      if (c == '\n') {
        ++pos_;
        ++cur_line_;
      } else if (c == '\r' || c == '\x1A') {
        ++pos_;
      } else {
        break;
      }
    }
    if (pos_ >= n) return Next::kEnd;
    record_line_ = cur_line_;
    const char* b = d + pos_;
    const char* const end = d + n;
    const char* nl = nullptr;  // the line feed ending the record, if any
    const char* e = nullptr;   // the record's end
    uint8_t flags = 0;
    const char* fs = b;
    const char* p = b;
#if defined(__SSE2__)
    // 16 bytes at a time up to the line feed: masks of the line feeds, the
    // commas, the bytes that need the full rules and the sign bits
    // (non-ASCII bytes).
    const __m128i lf = _mm_set1_epi8('\n'), comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'),
                  cr = _mm_set1_epi8('\r'), eof = _mm_set1_epi8('\x1A');
    for (; end - p >= 16; p += 16) {
      __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      unsigned lfm = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf)));
      unsigned before = lfm != 0 ? (lfm & (0u - lfm)) - 1 : 0xFFFFu;
      unsigned special = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(
          _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, cr)), _mm_cmpeq_epi8(v, eof))));
      if ((special & before) != 0) flags |= kSpecial;
      if ((static_cast<unsigned>(_mm_movemask_epi8(v)) & before) != 0) flags |= kHigh;
      for (unsigned m = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma))) & before;
           m != 0; m &= m - 1) {
        const char* at = p + __builtin_ctz(m);
        fields_.emplace_back(fs, static_cast<size_t>(at - fs));
        fs = at + 1;
      }
      if (lfm != 0) {
        nl = e = p + __builtin_ctz(lfm);
        break;
      }
    }
#endif
    if (e == nullptr) {
      nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
      e = nl != nullptr ? nl : end;
      for (; p < e; ++p) {
        unsigned char c = static_cast<unsigned char>(*p);
        if (c == ',') {
          fields_.emplace_back(fs, static_cast<size_t>(p - fs));
          fs = p + 1;
        } else {
          flags |= kClasses[c];
        }
      }
    }
    if (flags & kSpecial) return Slow();
    fields_.emplace_back(fs, static_cast<size_t>(e - fs));
    non_ascii_ = (flags & kHigh) != 0;
    if (nl != nullptr) {
      pos_ = static_cast<size_t>(nl - d) + 1;
      ++cur_line_;
    } else {
      pos_ = n;
    }
    return Next::kRecord;
  }

  const std::vector<std::string_view>& fields() const { return fields_; }
  // The record may hold non-ASCII bytes (check UTF-8).
  bool non_ascii() const { return non_ascii_; }
  int64_t line() const { return record_line_; }   // line the record started on
  int64_t cur_line() const { return cur_line_; }  // line of the next byte
  size_t pos() const { return pos_; }             // offset of the next byte
  const std::string& error() const { return error_; }

 private:
  // io::CsvReader::Read from the record start, step by step.
  Next Slow() {
    fields_.clear();
    owned_.clear();
    error_.clear();
    non_ascii_ = true;
    const size_t n = data_.size();
    std::string field;
    bool quoted = false, was_quoted = false;
    auto finish = [&] {
      for (const auto& f : owned_) fields_.emplace_back(f);
    };
    while (true) {
      if (pos_ >= n) {
        if (quoted) {
          error_ = "unterminated quoted field at end of file";
          return Next::kError;
        }
        owned_.push_back(std::move(field));
        finish();
        return Next::kRecord;
      }
      char c = data_[pos_];
      if (quoted) {
        if (c == '"') {
          if (pos_ + 1 < n && data_[pos_ + 1] == '"') {
            field.push_back('"');
            pos_ += 2;
          } else {
            quoted = false;
            ++pos_;
          }
        } else {
          if (c == '\n') {
            if (!allow_multiline_) return Next::kMultiline;
            ++cur_line_;
          }
          field.push_back(c);
          ++pos_;
        }
        continue;
      }
      if (c == ',') {
        owned_.push_back(std::move(field));
        field.clear();
        was_quoted = false;
        ++pos_;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && pos_ + 1 < n && data_[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++cur_line_;
        owned_.push_back(std::move(field));
        finish();
        return Next::kRecord;
      } else if (c == '"' && field.empty() && !was_quoted) {
        quoted = true;
        was_quoted = true;
        ++pos_;
      } else if (c == '\x1A' && pos_ + 1 >= n) {
        ++pos_;
      } else {
        field.push_back(c);
        ++pos_;
      }
    }
  }

  std::string_view data_;
  size_t pos_ = 0;
  int64_t cur_line_;
  int64_t record_line_ = 0;
  bool allow_multiline_;
  bool non_ascii_ = false;
  std::vector<std::string_view> fields_;
  std::vector<std::string> owned_;  // fields of a record read by Slow()
  std::string error_;
};

// "YYYY-MM" inline (the common case); ParsePeriodText for everything else.
inline int32_t FastPeriod(std::string_view s) {
  auto d = [](char c) { return static_cast<unsigned>(c - '0'); };
  if (s.size() == 7 && s[4] == '-' && d(s[0]) < 10 && d(s[1]) < 10 && d(s[2]) < 10 &&
      d(s[3]) < 10 && d(s[5]) < 10 && d(s[6]) < 10) {
    int m = static_cast<int>(d(s[5]) * 10 + d(s[6]));
    if (m < 1 || m > 12) return -1;
    return static_cast<int32_t>(d(s[0]) * 1000 + d(s[1]) * 100 + d(s[2]) * 10 + d(s[3])) * 100 + m;
  }
  return ParsePeriodText(s);
}

// std::from_chars on the raw bytes; ParseNumber (trimming, thousands
// separators) when that does not take the whole field.
inline bool FastNumber(std::string_view s, double* out) {
  // Plain decimals of up to 15 digits ("123", "123.45"): the digits as an
  // integer N < 2^53 and the scale 10^k are exact doubles, so N / 10^k (one
  // correctly rounded division) is the double nearest the decimal, the same
  // value std::from_chars returns.
  static constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  const size_t len = s.size();
  if (len != 0 && len <= 16) {
    uint64_t n = 0;
    size_t i = 0, digits = 0, dot = len;
    for (; i < len; ++i) {
      unsigned d = static_cast<unsigned>(s[i] - '0');
      if (d < 10) {
        n = n * 10 + d;
        ++digits;
      } else if (s[i] == '.' && dot == len) {
        dot = i;
      } else {
        break;
      }
    }
    // All bytes taken, at least one digit before and after any dot.
    if (i == len && digits <= 15 && dot != 0 && dot + 1 != len) {
      *out = dot == len ? static_cast<double>(n) : static_cast<double>(n) / kPow10[len - dot - 1];
      return true;
    }
  }
  double v;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc() && p == s.data() + s.size() && std::isfinite(v)) {
    *out = v;
    return true;
  }
  return ParseNumber(s, out);
}

// Which columns a fast read takes, resolved from the header.
struct FastPlan {
  bool eurostat = false;
  size_t fields = 0;  // the header's field count
  int rep = -1, par = -1, flow = -1, hs = -1, per = -1, val = -1;
  int cur = -1, qty = -1, unit = -1, ship = -1, cons = -1;  // "csv" only
  std::string default_reporter;
  std::string default_flow;  // "csv": the flow text when the row has none
};

struct ChunkOut {
  TradeChunk chunk;
  std::vector<Problem> problems;  // lines relative to the part's first line
  int64_t lines = 0;              // lines the part spans
  bool multiline = false;         // met a quoted field spanning lines
};

// Reads one part of the body (the bytes after the header) into `out`.
void ReadPart(std::string_view path, std::string_view part, int64_t first_line,
              bool allow_multiline, const FastPlan& plan, ChunkOut* out) {
  TradeChunk& c = out->chunk;
  c.default_currency = plan.eurostat ? "EUR" : "USD";
  // About 45 bytes a row in typical extracts: reserve to avoid regrowth.
  size_t guess = part.size() / 40 + 16;
  c.reporter.reserve(guess);
  c.partner.reserve(guess);
  c.flow.reserve(guess);
  c.hs.reserve(guess);
  c.period.reserve(guess);
  c.value.reserve(guess);
  if (plan.cur >= 0) c.currency.reserve(guess);
  if (plan.qty >= 0) c.quantity.reserve(guess);
  if (plan.unit >= 0) c.unit.reserve(guess);
  if (plan.ship >= 0) c.shipper.reserve(guess);
  if (plan.cons >= 0) c.consignee.reserve(guess);
  LocalDict countries, hs_codes, currencies, units, parties;
  FieldMemo country_memo, hs_memo, flow_memo, currency_memo, unit_memo, party_memo;
  Resolved default_reporter{plan.default_reporter, true, -1};
  FastCsv csv(part, first_line, allow_multiline);
  auto problem = [&](std::string reason) {
    Problem p;
    p.file = std::string(path);
    p.line = csv.line();
    p.reason = std::move(reason);
    out->problems.push_back(std::move(p));
  };
  auto country = [](std::string_view raw, std::string* v) {
    *v = CountryFromLabel(raw);
    return !v->empty();
  };
  auto hs_clean = [](std::string_view raw, std::string* v) {
    *v = CleanHs(raw);
    return !v->empty();
  };
  auto same = [](std::string_view raw, std::string* v) {
    *v = std::string(raw);
    return true;
  };
  auto collapse = [](std::string_view raw, std::string* v) {
    *v = io::CollapseWhitespace(raw);
    return true;
  };
  auto flow_of = [](std::string_view text, std::string* v) {
    Flow f;
    if (!ParseFlow(text, &f)) return false;
    v->assign(1, static_cast<char>(f));
    return true;
  };
  auto str = [](std::string_view s) { return std::string(s); };
  while (true) {
    auto next = csv.Read();
    if (next == FastCsv::Next::kEnd) break;
    if (next == FastCsv::Next::kMultiline) {
      out->multiline = true;
      return;
    }
    if (next == FastCsv::Next::kError) {
      problem(csv.error());
      continue;
    }
    const auto& f = csv.fields();
    if (f.size() != plan.fields) {
      problem("expected " + std::to_string(plan.fields) + " fields, found " +
              std::to_string(f.size()));
      continue;
    }
    if (csv.non_ascii()) {
      bool utf8 = true;
      for (auto field : f) utf8 = utf8 && io::IsValidUtf8(field);
      if (!utf8) {
        problem("invalid UTF-8");
        continue;
      }
    }
    auto get = [&](int col) { return col < 0 ? std::string_view() : f[col]; };
    // The HS memo is the one large table: start loading its slot now.
    hs_memo.Prefetch(f[plan.hs]);
    Hit rep, par;
    Flow flow = Flow::kExport;
    if (plan.eurostat) {
      rep = country_memo.Find(f[plan.rep], country);
      par = country_memo.Find(f[plan.par], country);
      if (!rep.ok) {
        problem("unknown reporter '" + str(f[plan.rep]) + "'");
        continue;
      }
      if (!par.ok) {
        problem("unknown partner '" + str(f[plan.par]) + "'");
        continue;
      }
    } else {
      std::string_view rep_raw = get(plan.rep);
      rep = rep_raw.empty() ? Hit{&default_reporter, default_reporter.code, true}
                            : country_memo.Find(rep_raw, country);
      par = country_memo.Find(f[plan.par], country);
      if (!par.ok || !rep.ok) {
        problem("not a country: '" + str(!par.ok ? f[plan.par] : rep_raw) + "'");
        continue;
      }
      std::string_view flow_text = get(plan.flow);
      if (flow_text.empty()) flow_text = plan.default_flow;
      Hit fl = flow_memo.Find(flow_text, flow_of);
      if (!fl.ok) {
        problem("unknown flow '" + str(flow_text) + "'");
        continue;
      }
      flow = static_cast<Flow>(fl.r->value[0]);
    }
    Hit hs = hs_memo.Find(f[plan.hs], hs_clean);
    if (!hs.ok) {
      problem((plan.eurostat ? "bad product code '" : "bad HS code '") + str(f[plan.hs]) + "'");
      continue;
    }
    int32_t period = FastPeriod(f[plan.per]);
    if (period < 0) {
      problem("unknown period format '" + str(f[plan.per]) + "'");
      continue;
    }
    double value;
    if (!FastNumber(f[plan.val], &value)) {
      problem("bad value '" + str(f[plan.val]) + "'");
      continue;
    }
    Hit cur{nullptr, -1, false};
    if (plan.cur >= 0) {
      std::string_view raw = f[plan.cur];
      cur = currency_memo.Find(raw.empty() ? std::string_view("USD") : raw, same);
    }
    double quantity = 0;
    if (plan.qty >= 0 && !f[plan.qty].empty() && !FastNumber(f[plan.qty], &quantity)) {
      problem("bad quantity '" + str(f[plan.qty]) + "'");
      continue;
    }
    // Accepted: only now do its values enter the dictionaries, so that codes
    // follow first use by accepted rows, as in TradeStore::Build.
    c.reporter.push_back(static_cast<uint16_t>(CodeOf(rep, countries)));
    c.partner.push_back(static_cast<uint16_t>(CodeOf(par, countries)));
    c.flow.push_back(static_cast<uint8_t>(flow));
    c.hs.push_back(CodeOf(hs, hs_codes));
    c.period.push_back(period);
    c.value.push_back(value);
    if (cur.r != nullptr) c.currency.push_back(static_cast<uint16_t>(CodeOf(cur, currencies)));
    if (plan.qty >= 0) c.quantity.push_back(quantity);
    if (plan.unit >= 0) {
      c.unit.push_back(static_cast<uint16_t>(CodeOf(unit_memo.Find(f[plan.unit], same), units)));
    }
    if (plan.ship >= 0)
      c.shipper.push_back(CodeOf(party_memo.Find(f[plan.ship], collapse), parties));
    if (plan.cons >= 0) {
      c.consignee.push_back(CodeOf(party_memo.Find(f[plan.cons], collapse), parties));
    }
  }
  out->lines = csv.cur_line() - first_line;
  c.countries = std::move(countries.values());
  c.hs_codes = std::move(hs_codes.values());
  c.currencies = std::move(currencies.values());
  c.units = std::move(units.values());
  c.parties = std::move(parties.values());
}

Result<std::map<std::string, std::string>> ParseMapping(const TradeReadOptions& options) {
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
  return map;
}

Result<TradeReadOutput> ReadFast(const InputFile& file, const TradeReadOptions& options) {
  TradeReadOutput out;
  CHOKEPOINT_ASSIGN_OR_RETURN(
      auto chunks, ReadTradeChunks(file.path, file.data, options,
                                   DefaultIngestThreads(file.data.size()), &out.problems));
  size_t n = 0;
  for (const auto& c : chunks) n += c.size();
  out.records.reserve(n);
  for (const auto& c : chunks) {
    for (size_t i = 0; i < c.size(); ++i) {
      TradeRecord r;
      r.reporter = c.countries[c.reporter[i]];
      r.partner = c.countries[c.partner[i]];
      r.flow = static_cast<Flow>(c.flow[i]);
      r.hs_code = c.hs_codes[c.hs[i]];
      r.period = c.period[i];
      r.hs_vintage = VintageForPeriod(r.period);
      r.value = c.value[i];
      r.currency = c.currency.empty() ? c.default_currency : c.currencies[c.currency[i]];
      if (!c.quantity.empty()) r.quantity = c.quantity[i];
      if (!c.unit.empty()) r.unit = c.units[c.unit[i]];
      if (!c.shipper.empty()) r.shipper = c.parties[c.shipper[i]];
      if (!c.consignee.empty()) r.consignee = c.parties[c.consignee[i]];
      out.records.push_back(std::move(r));
    }
  }
  return out;
}

}  // namespace

std::vector<std::string_view> TradeFormats() {
  return {"eurostat-long", "comext", "comtrade", "imf-imts", "csv"};
}

Result<TradeReadOutput> ReadTradeFile(const InputFile& file, const TradeReadOptions& options) {
  if (HasFastReader(options.format)) return ReadFast(file, options);
  return ReadTradeFileReference(file, options);
}

Result<TradeReadOutput> ReadTradeFileReference(const InputFile& file,
                                               const TradeReadOptions& options) {
  if (options.format == "eurostat-long") return ReadEurostatLongReference(file);
  if (options.format == "comext") return ReadComext(file);
  if (options.format == "comtrade") return ReadComtrade(file);
  if (options.format == "imf-imts") return ReadImfImts(file);
  if (options.format == "csv") return ReadMappedCsvReference(file, options);
  return Status::InvalidArgument("unknown trade format '" + options.format +
                                 "' (known: eurostat-long, comext, comtrade, imf-imts, csv)");
}

bool HasFastReader(std::string_view format) { return format == "eurostat-long" || format == "csv"; }

int DefaultIngestThreads(size_t bytes) {
  if (bytes < (size_t{4} << 20)) return 1;
  unsigned hw = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp(hw, 1u, 8u));
}

Result<std::vector<TradeChunk>> ReadTradeChunks(std::string_view path, std::string_view data,
                                                const TradeReadOptions& options, int threads,
                                                std::vector<Problem>* problems) {
  FastPlan plan;
  plan.eurostat = options.format == "eurostat-long";
  std::map<std::string, std::string> mapping;
  if (!plan.eurostat) {
    CHOKEPOINT_ASSIGN_OR_RETURN(mapping, ParseMapping(options));
  }
  // The header, with the same rules as the body.
  size_t start = data.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  FastCsv head(data.substr(start), 1, /*allow_multiline=*/true);
  if (head.Read() != FastCsv::Next::kRecord) {
    return Status::ParseError(std::string(path) + ": empty file, expected a header row");
  }
  std::vector<std::string> names(head.fields().begin(), head.fields().end());
  io::CsvHeader header(names);
  plan.fields = header.size();
  if (plan.eurostat) {
    for (std::string_view r : {"reporter", "partner", "product_code", "period", "value_eur"}) {
      if (header.Col(r) < 0) {
        return Status::ParseError(std::string(path) + ":1: missing column '" + std::string(r) +
                                  "'");
      }
    }
    plan.rep = header.Col("reporter");
    plan.par = header.Col("partner");
    plan.hs = header.Col("product_code");
    plan.per = header.Col("period");
    plan.val = header.Col("value_eur");
  } else {
    std::map<std::string, int> col;
    for (const auto& [field, column] : mapping) {
      int c = header.Col(column);
      if (c < 0) {
        return Status::ParseError(std::string(path) + ":1: missing column '" + column +
                                  "' (mapped to " + field + ")");
      }
      col[field] = c;
    }
    auto at = [&](const char* field) {
      auto it = col.find(field);
      return it == col.end() ? -1 : it->second;
    };
    plan.rep = at("reporter");
    plan.par = at("partner");
    plan.flow = at("flow");
    plan.hs = at("hs");
    plan.per = at("period");
    plan.val = at("value");
    plan.cur = at("currency");
    plan.qty = at("quantity");
    plan.unit = at("unit");
    plan.ship = at("shipper");
    plan.cons = at("consignee");
    plan.default_reporter = options.default_reporter;
    plan.default_flow = options.default_flow.empty() ? "import" : options.default_flow;
  }
  std::string_view body = data.substr(start + head.pos());
  const int64_t body_line = head.cur_line();

  // Parts end just after a line feed, so each starts at a line start.
  std::vector<std::string_view> parts;
  threads = std::max(1, threads);
  size_t begin = 0;
  for (int k = 1; k < threads; ++k) {
    size_t target = std::max(begin, body.size() / threads * k);
    size_t nl = body.find('\n', target);
    if (nl == std::string_view::npos) break;
    parts.push_back(body.substr(begin, nl + 1 - begin));
    begin = nl + 1;
  }
  parts.push_back(body.substr(begin));

  std::vector<ChunkOut> outs(parts.size());
  if (parts.size() == 1) {
    ReadPart(path, parts[0], body_line, true, plan, &outs[0]);
  } else {
    std::vector<std::thread> pool;
    for (size_t k = 1; k < parts.size(); ++k) {
      pool.emplace_back([&, k] { ReadPart(path, parts[k], 0, false, plan, &outs[k]); });
    }
    ReadPart(path, parts[0], body_line, false, plan, &outs[0]);
    for (auto& t : pool) t.join();
    bool multiline = false;
    for (const auto& o : outs) multiline = multiline || o.multiline;
    if (multiline) {
      // A quoted field spans lines, so a split may lie inside a record.
      outs.assign(1, ChunkOut());
      ReadPart(path, body, body_line, true, plan, &outs[0]);
    }
  }
  std::vector<TradeChunk> chunks;
  chunks.reserve(outs.size());
  int64_t line = body_line;
  for (size_t k = 0; k < outs.size(); ++k) {
    // Part k > 0 counted its lines from 0.
    int64_t offset = k == 0 ? 0 : line;
    for (auto& p : outs[k].problems) {
      p.line += offset;
      problems->push_back(std::move(p));
    }
    line = (k == 0 ? body_line : line) + outs[k].lines;
    chunks.push_back(std::move(outs[k].chunk));
  }
  return chunks;
}

Result<std::shared_ptr<const TradeStore>> IngestTradeData(std::string_view path,
                                                          std::string_view data,
                                                          const TradeReadOptions& options,
                                                          int threads,
                                                          std::vector<Problem>* problems) {
  if (HasFastReader(options.format)) {
    CHOKEPOINT_ASSIGN_OR_RETURN(auto chunks,
                                ReadTradeChunks(path, data, options, threads, problems));
    return BuildFromChunks(std::move(chunks));
  }
  InputFile file{std::string(path), std::string(data)};
  CHOKEPOINT_ASSIGN_OR_RETURN(auto read, ReadTradeFile(file, options));
  for (auto& p : read.problems) problems->push_back(std::move(p));
  return TradeStore::Build(read.records);
}

}  // namespace chokepoint::trade
