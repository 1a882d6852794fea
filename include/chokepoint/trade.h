// Trade store and trade-flow queries.
//
// A TradeStore holds trade records (reporter, partner, flow, HS code, period,
// value, quantity, ...) in columns, with the repeated strings (countries, HS
// codes, units, parties) dictionary-encoded. It is built from readers of the
// common statistics formats, written to one compact file and memory-mapped
// read-only when opened. The file layout is described in docs/trade_store.md.
//
// Appending builds a new file from the old store plus the new records and
// publishes it atomically, so a failed append leaves the old store intact.
//
// Queries aggregate values over an HS group (a code list, chapters, CHPL
// tiers or a named goods group), a period (year, quarter or month) and
// optional reporter and flow filters. When a store holds both an aggregate
// code (e.g. HS4 "8542") and more detailed codes under it ("85423190"), only
// the most detailed codes are summed, so nothing is counted twice.
//
// Thread safety: a TradeStore is immutable after Open()/Build(); queries are
// const and may run concurrently.

#ifndef CHOKEPOINT_TRADE_H_
#define CHOKEPOINT_TRADE_H_

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/lists.h"  // Problem
#include "chokepoint/status.h"

namespace chokepoint::trade {

enum class Flow : uint8_t { kImport, kExport, kReImport, kReExport };
std::string_view FlowName(Flow flow);  // "import", "export", "re-import", "re-export"

enum class Valuation : uint8_t { kUnknown, kCif, kFob };

// One record as read from a source, before encoding.
struct TradeRecord {
  std::string reporter;  // ISO alpha-2 (or a group code such as "EU")
  std::string partner;   // ISO alpha-2
  Flow flow = Flow::kExport;
  std::string hs_code;      // 2-10 digits as published (CN8, HS6, HS4 aggregates...)
  uint16_t hs_vintage = 0;  // e.g. 2017, 2022; 0 = unknown
  int32_t period = 0;       // YYYYMM; month 0 = annual figure
  double value = 0;
  std::string currency;  // "EUR", "USD"
  Valuation valuation = Valuation::kUnknown;
  double quantity = 0;
  std::string unit;
  std::string shipper;    // shipment-level data only
  std::string consignee;  // shipment-level data only
};

struct TradeReadOutput {
  std::vector<TradeRecord> records;
  std::vector<Problem> problems;  // malformed rows, with file, line and reason
};

// Readers. `format` is one of: "eurostat-long" (the long CSV reporter,
// partner, product_code, period, value_eur with Eurostat country labels),
// "comext" (Eurostat Comext CSV: REPORTER, PARTNER, PRODUCT, FLOW, PERIOD,
// VALUE_IN_EUR...), "comtrade" (UN Comtrade API CSV), "imf-imts" (IMF IMTS
// wide series by partner), "csv" (generic, with a column mapping).
struct TradeReadOptions {
  std::string format;
  // For "csv": mapping "field=column,..." with fields reporter, partner, flow,
  // hs, period, value, currency, quantity, unit, shipper, consignee.
  std::string mapping;
  std::string default_flow;      // when the source has no flow column
  std::string default_reporter;  // when the source has no reporter column
};
Result<TradeReadOutput> ReadTradeFile(const InputFile& file, const TradeReadOptions& options);

// Names of the supported formats, for help texts.
std::vector<std::string_view> TradeFormats();

struct QueryIndex;  // internal (src/trade/query_index.h)

class TradeStore {
 public:
  // Encodes records into a store (in memory).
  static std::shared_ptr<const TradeStore> Build(const std::vector<TradeRecord>& records);
  // Opens a store file (memory-mapped).
  static Result<std::shared_ptr<const TradeStore>> Open(const std::string& path);

  // Writes the store atomically.
  Status Write(const std::string& path) const;

  size_t size() const { return rows_; }
  // Decodes row i (for export, tests and appends).
  TradeRecord Row(size_t i) const;

  ~TradeStore();

  // Columns (all of length size()). Dictionary codes index the dictionaries.
  const uint16_t* reporter() const { return reporter_; }
  const uint16_t* partner() const { return partner_; }
  const uint8_t* flow() const { return flow_; }
  const uint32_t* hs() const { return hs_; }
  const int32_t* period() const { return period_; }
  const double* value() const { return value_; }
  const std::vector<std::string>& countries() const { return countries_; }
  const std::vector<std::string>& hs_codes() const { return hs_codes_; }
  const std::vector<std::string>& currencies() const { return currencies_; }
  // True for HS codes with no more detailed code under them in this store.
  const std::vector<bool>& hs_leaf() const { return hs_leaf_; }

 private:
  TradeStore() = default;
  void Index();  // fills hs_leaf_

  size_t rows_ = 0;
  // Either owned (Build) or pointing into a mapping (Open).
  // calloc'd: columns a build leaves zero cost no page until read.
  std::unique_ptr<char, void (*)(void*)> owned_{nullptr, std::free};
  void* map_ = nullptr;
  size_t map_size_ = 0;
  const uint16_t* reporter_ = nullptr;
  const uint16_t* partner_ = nullptr;
  const uint8_t* flow_ = nullptr;
  const uint8_t* valuation_ = nullptr;
  const uint32_t* hs_ = nullptr;
  const uint16_t* vintage_ = nullptr;
  const int32_t* period_ = nullptr;
  const double* value_ = nullptr;
  const double* quantity_ = nullptr;
  const uint16_t* currency_ = nullptr;
  const uint16_t* unit_ = nullptr;
  const uint32_t* shipper_ = nullptr;
  const uint32_t* consignee_ = nullptr;
  std::vector<std::string> countries_, hs_codes_, currencies_, units_, parties_;
  std::vector<bool> hs_leaf_;
  // Built on first use by the queries (rows by HS code and year).
  mutable std::once_flag query_index_once_;
  mutable std::unique_ptr<const QueryIndex> query_index_;
  friend class StoreCodec;
  friend const QueryIndex& GetQueryIndex(const TradeStore& store);
};

// A set of HS codes: "chpl" (all tiers), "chpl:1", "chpl:3A", named groups
// ("microelectronics", "machine-tools", "optics", "engines", "uavs",
// "nitrocellulose"), chapters ("85" or "ch85"), ranges ("8456-8466"), code
// lists ("854231,854232") and combinations with "+". A code matches when it
// starts with one of the group's prefixes, or (for an aggregate code shorter
// than a prefix) never: aggregates are only counted for groups at their level.
struct HsGroup {
  std::string spec;
  std::vector<std::string> prefixes;  // digit strings
  // The code itself starts with a prefix.
  bool Matches(std::string_view code) const;
  // Matches(code), or an HS 2017 code whose HS 2022 successor matches (so a
  // group defined in HS 2022 terms also covers the years before 2022).
  bool MatchesAnyVintage(std::string_view code) const;
};
Result<HsGroup> ParseHsGroup(std::string_view spec);

// A period filter: "2023", "2023-Q4", "2023-04".
struct PeriodSpec {
  int year = 0;
  int first_month = 1;  // inclusive
  int last_month = 12;  // inclusive
  std::string label;
};
Result<PeriodSpec> ParsePeriod(std::string_view text);

struct TradeFilter {
  HsGroup hs;
  std::string reporter;  // "" = all
  std::string partner;   // "" = all
  std::string flow;      // "" = all; "import", "export"
};

struct ShareRow {
  std::string key;  // partner or reporter code
  double value = 0;
  double share = 0;
};
struct ShareResult {
  double total = 0;
  std::vector<ShareRow> rows;  // by value, largest first
  std::vector<int> months;     // months of the period that had data
};
// Totals and shares of `period` grouped by partner (by_partner) or reporter.
ShareResult Share(const TradeStore& store, const TradeFilter& filter, const PeriodSpec& period,
                  bool by_partner);

struct SurgeRow {
  std::string partner;
  double baseline = 0;
  double period = 0;
  double ratio = 0;  // period / baseline; infinity when the baseline is 0
};
struct SurgeResult {
  std::vector<int> months;  // the like-for-like months compared
  std::vector<SurgeRow> rows;
};
// Compares each partner's total in `period_year` with `baseline_year` over
// the same months: the months of period_year present in the store. Rows are
// sorted by ratio, largest first.
SurgeResult Surge(const TradeStore& store, const TradeFilter& filter, int baseline_year,
                  int period_year);

// Mirror comparison: A's reported exports to B against B's reported imports
// from A, for an HS group and period. Imports are valued CIF and exports FOB,
// so imports normally exceed exports by freight and insurance; the gap is
// flagged only beyond `cif_fob_allowance` (default 10%) either way.
struct MirrorResult {
  std::string exporter, importer;
  double exports = 0;       // exporter's exports to importer (FOB)
  double imports = 0;       // importer's imports from exporter (CIF)
  double gap = 0;           // imports / exports - 1; infinity when exports are 0
  bool flagged = false;     // |gap| beyond the allowance
  std::string note;         // plain-language reading of the gap
  std::vector<int> months;  // months of the period with data on either side
};
MirrorResult Mirror(const TradeStore& store, const HsGroup& hs, const PeriodSpec& period,
                    const std::string& exporter, const std::string& importer,
                    double cif_fob_allowance = 0.10);

// Diversion detection: for each hub country and HS group, the level after
// 2022-02-24 (March 2022 to the store's last month) against the same calendar
// months of the pre-war baseline years (averaged), with BIS's three patterns:
// a new trade flow (baseline below the small-base floor, now above it), the
// first appearance of CHPL codes (HS6 codes with value after the invasion and
// none in the baseline years), and a spike (ratio at or above spike_ratio on
// a baseline above the floor). Small bases never produce a spike finding.
struct DiversionOptions {
  std::vector<std::string> hubs;    // partners to examine; empty = the BIS hub list
  std::vector<std::string> groups;  // HS group specs; empty = CHPL tiers + named groups
  std::vector<int> baseline_years = {2020, 2021};
  double min_base = 100000;  // small-base floor for the window, in store currency
  double spike_ratio = 2.0;
  std::string reporter;  // "" = all
  std::string flow;      // "" = all
};

struct DiversionFinding {
  std::string hub;
  std::string group;
  std::string pattern;                 // "new_flow", "new_codes", "spike"
  double baseline = 0;                 // window total at baseline (average of baseline years)
  double post = 0;                     // window total after the invasion
  double ratio = 0;                    // post / baseline (infinity when the baseline is 0)
  std::vector<std::string> new_codes;  // for new_codes: HS6 codes first seen
  std::string detail;                  // plain-language sentence with the figures
};

struct DiversionResult {
  std::vector<int> post_periods;           // YYYYMM of the post-invasion window
  std::vector<DiversionFinding> findings;  // ranked by absolute increase
};

// REQUIRES: the store has monthly data covering the baseline years and 2022.
DiversionResult DetectDiversion(const TradeStore& store, const DiversionOptions& options);

// The partners BIS/FinCEN name as transshipment risks (Alert FIN-2022-Alert003
// footnote 21, plus HK, MO and CY from the later alerts), ISO alpha-2.
std::vector<std::string> DefaultHubs();

struct ReportOptions {
  std::string title = "Trade-flow report";
  int baseline_year = 2021;
  int period_year = 2022;
  std::string target = "RU";      // the sanctioned destination
  std::vector<std::string> hubs;  // empty = hubs present in the store
  std::string hs = "chpl";
  double min_base = 100000;
};

// A self-contained HTML report (inline SVG charts, no scripts or external
// files) and the same content as Markdown.
struct Report {
  std::string html;
  std::string markdown;
};
Report BuildReport(const TradeStore& store, const ReportOptions& options);

}  // namespace chokepoint::trade

#endif  // CHOKEPOINT_TRADE_H_
