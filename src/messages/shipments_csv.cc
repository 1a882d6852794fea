// Reader for shipment records (customs declarations, bills of lading, export
// registers) in a CSV file with a header row. See docs/messages.md.
//
// Logical fields are found through a column mapping (logical field -> header);
// a field that the mapping does not name is looked for under its own logical
// name, and headers are compared case-insensitively after trimming. The
// delimiter is the one of ',', ';' and tab that occurs most often in the
// header line.
//
// Rows that share a non-empty ref are one transaction with one goods line per
// row: the transaction's ref, date and route come from the group's first row;
// each later row adds its goods line, any party the group does not yet have
// (same role and name), and its transit countries. A row without a ref is a
// transaction of its own.
//
// A malformed row (wrong field count, invalid UTF-8, a value that is not a
// number, a bad date, an unknown country or currency, an HS code that is not
// 2-10 digits) is skipped with a Problem "field: reason" at its line.

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "chokepoint/check.h"
#include "io/csv.h"
#include "io/file.h"
#include "io/strings.h"
#include "messages/common.h"

namespace chokepoint::check {

namespace {

struct RoleSpec {
  std::string_view name;
  PartyRole role;
};
constexpr std::array<RoleSpec, 4> kRoles = {{{"declarant", PartyRole::kDeclarant},
                                             {"shipper", PartyRole::kShipper},
                                             {"consignee", PartyRole::kConsignee},
                                             {"notify_party", PartyRole::kNotifyParty}}};
constexpr std::array<std::string_view, 6> kPartySuffixes = {
    "_country", "_address", "_phone", "_email", "_registration_id", "_incorporated"};
constexpr std::array<std::string_view, 12> kOtherFields = {
    "ref",     "date",        "origin", "dispatch", "destination", "transit",
    "hs_code", "description", "value",  "currency", "quantity",    "unit"};

std::vector<std::string> LogicalFields() {
  std::vector<std::string> out;
  for (std::string_view f : kOtherFields) out.emplace_back(f);
  for (const auto& r : kRoles) {
    out.emplace_back(r.name);
    for (std::string_view s : kPartySuffixes) out.push_back(std::string(r.name) + std::string(s));
  }
  return out;
}

bool IsLogicalField(std::string_view f) {
  static const std::vector<std::string> kAll = LogicalFields();
  return std::find(kAll.begin(), kAll.end(), f) != kAll.end();
}

char SniffDelimiter(std::string_view data) {
  std::string_view first = data.substr(0, data.find('\n'));
  size_t best = 0;
  char delim = ',';
  for (char c : {',', ';', '\t'}) {
    size_t n = std::count(first.begin(), first.end(), c);
    if (n > best) {
      best = n;
      delim = c;
    }
  }
  return delim;
}

// One data row made into a transaction (one goods line at most).
struct RowError {
  std::string field;
  std::string reason;
};

// Column indices (-1 = absent) resolved once per file.
struct Columns {
  std::unordered_map<std::string, int> by_field;
  // [role][0] = the name column, [role][1 + i] = kPartySuffixes[i].
  std::array<std::array<int, 1 + kPartySuffixes.size()>, kRoles.size()> party;

  explicit Columns(std::unordered_map<std::string, int> cols) : by_field(std::move(cols)) {
    for (size_t r = 0; r < kRoles.size(); ++r) {
      party[r][0] = Of(kRoles[r].name);
      for (size_t i = 0; i < kPartySuffixes.size(); ++i) {
        party[r][1 + i] = Of(std::string(kRoles[r].name) + std::string(kPartySuffixes[i]));
      }
    }
  }
  int Of(std::string_view field) const {
    auto it = by_field.find(std::string(field));
    return it == by_field.end() ? -1 : it->second;
  }
};

class RowReader {
 public:
  RowReader(const Columns& cols, const std::vector<std::string>& rec,
            std::unordered_map<std::string, std::string>& country_cache)
      : cols_(cols), rec_(rec), country_cache_(country_cache) {}

  std::string Get(std::string_view field) const { return At(cols_.Of(field)); }
  std::string At(int col) const {
    if (col < 0) return "";
    return io::CollapseWhitespace(io::Field(rec_, col));
  }
  // CountryOf with a cache: a file repeats the same few country spellings.
  std::string Country(const std::string& text) const {
    auto it = country_cache_.find(text);
    if (it != country_cache_.end()) return it->second;
    std::string code = CountryOf(text);
    if (country_cache_.size() < 10000) country_cache_.emplace(text, code);
    return code;
  }

  // Fills `t`; returns false with `error` set on the first bad field.
  bool Fill(Transaction& t, RowError& error) const {
    auto fail = [&](std::string_view field, std::string reason) {
      error.field = std::string(field);
      error.reason = std::move(reason);
      return false;
    };
    t.kind = MessageKind::kShipment;
    t.ref = Get("ref");
    if (std::string d = Get("date"); !d.empty()) {
      t.date = ParseTransactionDate(d);
      if (!t.date) return fail("date", "not a date: '" + d + "' (expected YYYY-MM-DD)");
    }
    for (size_t ri = 0; ri < kRoles.size(); ++ri) {
      const RoleSpec& r = kRoles[ri];
      const auto& col = cols_.party[ri];  // name, then kPartySuffixes' order
      Party p;
      p.role = r.role;
      p.field = std::string(r.name);
      std::string prefix(r.name);
      p.name = At(col[0]);
      p.address = At(col[2]);
      p.phone = At(col[3]);
      p.email = At(col[4]);
      p.registration_id = At(col[5]);
      if (std::string c = At(col[1]); !c.empty()) {
        p.country = Country(c);
        if (p.country.empty()) return fail(prefix + "_country", "unknown country: '" + c + "'");
      }
      if (std::string d = At(col[6]); !d.empty()) {
        p.incorporated = ParseTransactionDate(d);
        if (!p.incorporated) {
          if (d.size() == 4 && io::IsDigits(d)) {
            p.incorporated = ParsePartialDate(d);
          }
          if (!p.incorporated) {
            return fail(prefix + "_incorporated", "not a date: '" + d + "' (expected YYYY-MM-DD)");
          }
        }
      }
      bool any = !p.name.empty() || !p.address.empty() || !p.phone.empty() || !p.email.empty() ||
                 !p.registration_id.empty();
      if (any) t.parties.push_back(std::move(p));
    }
    for (std::string_view f : {"origin", "dispatch", "destination"}) {
      std::string c = Get(f);
      if (c.empty()) continue;
      std::string code = Country(c);
      if (code.empty()) return fail(f, "unknown country: '" + c + "'");
      (f == "origin"     ? t.route.origin
       : f == "dispatch" ? t.route.dispatch
                         : t.route.destination) = code;
    }
    for (const auto& c : io::SplitTrimmed(Get("transit"), ";")) {
      std::string code = Country(c);
      if (code.empty()) return fail("transit", "unknown country: '" + c + "'");
      t.route.transit.push_back(code);
    }
    GoodsLine g;
    g.hs_code = Get("hs_code");
    g.description = Get("description");
    g.field = g.hs_code.empty() ? "description" : "hs_code";
    if (!g.hs_code.empty()) {
      size_t digits = 0;
      bool ok = true;
      for (char c : g.hs_code) {
        if (c >= '0' && c <= '9') {
          ++digits;
        } else if (c != '.' && c != ' ' && c != '-') {
          ok = false;
        }
      }
      if (!ok || digits < 2 || digits > 10) {
        return fail("hs_code", "not an HS code: '" + g.hs_code + "' (expected 2-10 digits)");
      }
    }
    if (std::string v = Get("value"); !v.empty()) {
      g.value = ParseDecimal(v);
      if (!g.value) return fail("value", "not a number: '" + v + "'");
    }
    if (std::string q = Get("quantity"); !q.empty()) {
      g.quantity = ParseDecimal(q);
      if (!g.quantity) return fail("quantity", "not a number: '" + q + "'");
    }
    if (std::string c = Get("currency"); !c.empty()) {
      g.currency = io::ToUpperAscii(c);
      if (!IsCurrencyCode(g.currency)) {
        return fail("currency", "not an ISO 4217 currency code: '" + c + "'");
      }
    }
    g.unit = Get("unit");
    if (!g.hs_code.empty() || !g.description.empty() || g.value || g.quantity) {
      t.goods.push_back(std::move(g));
    }
    if (t.parties.empty() && t.goods.empty()) {
      return fail("row", "no party and no goods");
    }
    return true;
  }

 private:
  const Columns& cols_;
  const std::vector<std::string>& rec_;
  std::unordered_map<std::string, std::string>& country_cache_;
};

// Sets the transaction's amount to the sum of its goods values when every
// line has a value in one currency (or none at all).
void SumAmount(Transaction& t) {
  double sum = 0;
  std::string currency;
  for (const auto& g : t.goods) {
    if (!g.value) return;
    if (!g.currency.empty()) {
      if (!currency.empty() && currency != g.currency) return;
      currency = g.currency;
    }
    sum += *g.value;
  }
  if (t.goods.empty()) return;
  t.amount = sum;
  t.currency = currency;
}

void MergeInto(Transaction& group, Transaction&& row) {
  for (auto& g : row.goods) group.goods.push_back(std::move(g));
  for (auto& p : row.parties) {
    bool have = std::any_of(group.parties.begin(), group.parties.end(),
                            [&](const Party& q) { return q.role == p.role && q.name == p.name; });
    if (!have) group.parties.push_back(std::move(p));
  }
  for (auto& c : row.route.transit) {
    if (std::find(group.route.transit.begin(), group.route.transit.end(), c) ==
        group.route.transit.end()) {
      group.route.transit.push_back(c);
    }
  }
  if (!group.date && row.date) group.date = row.date;
  for (auto [mine, theirs] : {std::pair{&group.route.origin, &row.route.origin},
                              {&group.route.dispatch, &row.route.dispatch},
                              {&group.route.destination, &row.route.destination}}) {
    if (mine->empty()) *mine = *theirs;
  }
}

}  // namespace

Result<ColumnMapping> ParseColumnMapping(std::string_view spec) {
  ColumnMapping out;
  for (const auto& piece : io::SplitTrimmed(spec, ",")) {
    size_t eq = piece.find('=');
    if (eq == std::string::npos) {
      return Status::InvalidArgument("column mapping: expected field=Header, found '" + piece +
                                     "'");
    }
    std::string field = io::ToLowerAscii(io::Trim(std::string_view(piece).substr(0, eq)));
    std::string header(io::Trim(std::string_view(piece).substr(eq + 1)));
    if (!IsLogicalField(field)) {
      return Status::InvalidArgument("column mapping: unknown field '" + field +
                                     "' (known: " + io::Join(LogicalFields(), ", ") + ")");
    }
    if (header.empty()) {
      return Status::InvalidArgument("column mapping: field '" + field + "' has no header");
    }
    if (!out.emplace(field, header).second) {
      return Status::InvalidArgument("column mapping: field '" + field + "' given twice");
    }
  }
  return out;
}

Result<ReadResult> ParseShipmentsCsv(std::string_view data, const ColumnMapping& mapping,
                                     std::string_view name) {
  const std::string file(name);
  for (const auto& [field, header] : mapping) {
    if (!IsLogicalField(field)) {
      return Status::InvalidArgument(file + ": column mapping: unknown field '" + field + "'");
    }
  }
  io::CsvReader reader(data, SniffDelimiter(data));
  std::vector<std::string> rec;
  if (reader.Read(rec) != io::CsvReader::Next::kRecord) {
    return Status::ParseError(file + ": no header row (a shipment file needs a header row)");
  }
  const int64_t header_line = reader.line();
  for (const auto& h : rec) {
    if (!io::IsValidUtf8(h)) {
      return Status::ParseError(file + ":" + std::to_string(header_line) +
                                ": header is not valid UTF-8");
    }
  }
  std::vector<std::string> headers;
  for (const auto& h : rec) headers.emplace_back(io::Trim(h));
  const size_t width = headers.size();
  std::unordered_map<std::string, int> cols;
  std::vector<std::string> missing;
  for (const auto& field : LogicalFields()) {
    auto m = mapping.find(field);
    std::string want = m == mapping.end() ? field : m->second;
    int found = -1;
    for (size_t i = 0; i < headers.size(); ++i) {
      if (io::EqualsIgnoreCaseAscii(headers[i], want)) {
        found = static_cast<int>(i);
        break;
      }
    }
    if (found >= 0) cols[field] = found;
  }
  for (const auto& [field, header] : mapping) {  // in the order of the field names
    if (cols.count(field) == 0) missing.push_back(field + " -> '" + header + "'");
  }
  if (!missing.empty()) {
    return Status::ParseError(file + ":" + std::to_string(header_line) +
                              ": header lacks the mapped columns " + io::Join(missing, ", "));
  }
  bool usable = false;
  for (std::string_view f :
       {"declarant", "shipper", "consignee", "notify_party", "hs_code", "description"}) {
    usable = usable || cols.count(std::string(f)) > 0;
  }
  if (!usable) {
    return Status::ParseError(file + ":" + std::to_string(header_line) +
                              ": header has none of the columns declarant, shipper, consignee, "
                              "notify_party, hs_code, description (map them with field=Header)");
  }

  const Columns columns(std::move(cols));
  std::unordered_map<std::string, std::string> country_cache;
  ReadResult out;
  std::unordered_map<std::string, size_t> by_ref;
  while (true) {
    auto next = reader.Read(rec);
    if (next == io::CsvReader::Next::kEnd) break;
    const int64_t line = reader.line();
    if (next == io::CsvReader::Next::kError) {
      out.problems.push_back(MessageProblem(file, line, "", reader.error()));
      continue;
    }
    if (rec.size() != width) {
      out.problems.push_back(MessageProblem(
          file, line, "",
          "expected " + std::to_string(width) + " fields, found " + std::to_string(rec.size())));
      continue;
    }
    bool bad_utf8 = false;
    for (size_t i = 0; i < rec.size() && !bad_utf8; ++i) {
      if (!io::IsValidUtf8(rec[i])) {
        out.problems.push_back(MessageProblem(file, line, "", headers[i] + ": invalid UTF-8"));
        bad_utf8 = true;
      }
    }
    if (bad_utf8) continue;
    RowReader row(columns, rec, country_cache);
    Transaction t;
    t.source_line = line;
    RowError error;
    if (!row.Fill(t, error)) {
      Problem p = MessageProblem(file, line, row.Get("ref"), error.field + ": " + error.reason);
      if (int col = columns.Of(error.field); col >= 0) p.column = col + 1;
      out.problems.push_back(std::move(p));
      continue;
    }
    if (!t.ref.empty()) {
      auto [it, inserted] = by_ref.emplace(t.ref, out.transactions.size());
      if (!inserted) {
        MergeInto(out.transactions[it->second], std::move(t));
        continue;
      }
    }
    out.transactions.push_back(std::move(t));
  }
  for (auto& t : out.transactions) SumAmount(t);
  return out;
}

Result<ReadResult> ReadShipmentsCsv(const std::string& path, const ColumnMapping& mapping) {
  CHOKEPOINT_ASSIGN_OR_RETURN(std::string data, io::ReadFile(path));
  return ParseShipmentsCsv(data, mapping, path);
}

}  // namespace chokepoint::check
