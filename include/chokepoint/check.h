// Checks of whole transactions: shipments, payments and letters of credit.
//
// A Transaction is what the readers make of one customs record, one ISO 20022
// credit transfer (pacs.008 / pain.001), one SWIFT MT103 or one MT700 letter of
// credit: its parties with their roles, its goods lines, its route and its
// money. The readers keep the source's own field names in each value's
// `field` so that an alert can cite exactly where its evidence came from.
//
// A RiskEngine joins the screening engine (every party), the goods classifier
// (every goods line), the route (origin, transit, destination against Russia,
// Belarus and the transshipment countries) and the red-flag rules of a
// versioned, user-editable rules file. Its CheckResult carries a 0-100 risk,
// a decision (clear, review, block, cannot_clear), and alerts citing the rule
// id, the rule's published source and the evidence fields. A list snapshot
// older than the configured age never gives "clear": it gives "cannot_clear".
//
// Thread safety: readers are pure functions. A RiskEngine is immutable after
// Create() and Check() may be called concurrently.

#ifndef CHOKEPOINT_CHECK_H_
#define CHOKEPOINT_CHECK_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/lists.h"  // Problem
#include "chokepoint/screen.h"
#include "chokepoint/status.h"

namespace chokepoint::check {

// The kind of document a Transaction was read from.
enum class MessageKind : uint8_t { kShipment, kPacs008, kPain001, kMt103, kMt700 };
std::string_view MessageKindName(MessageKind kind);  // "shipment", "pacs008", ...

// What a party is to the transaction. Agents are banks identified by BIC.
enum class PartyRole : uint8_t {
  kDeclarant,
  kShipper,
  kConsignee,
  kNotifyParty,
  kDebtor,             // pacs.008 Dbtr, pain.001 Dbtr, MT103 50a (ordering customer)
  kCreditor,           // pacs.008 Cdtr, MT103 59a (beneficiary customer)
  kUltimateDebtor,     // UltmtDbtr
  kUltimateCreditor,   // UltmtCdtr
  kInitiatingParty,    // pain.001 InitgPty
  kDebtorAgent,        // DbtrAgt, MT103 52a (ordering institution)
  kCreditorAgent,      // CdtrAgt, MT103 57a (account with institution)
  kIntermediaryAgent,  // IntrmyAgt1-3, MT103 56a
  kInstructingAgent,   // InstgAgt, MT103 sender / 53a sender's correspondent
  kInstructedAgent,    // InstdAgt, MT103 54a receiver's correspondent
  kApplicant,          // MT700 50
  kBeneficiary,        // MT700 59
  kIssuingBank,        // MT700 51a or the sender
  kAdvisingBank,       // MT700 57a or the receiver
};
std::string_view PartyRoleName(PartyRole role);  // "consignee", "debtor_agent", ...

struct Party {
  PartyRole role = PartyRole::kConsignee;
  std::string field;    // where it came from: "consignee", "Cdtr", "59", ...
  std::string name;     // as written (UTF-8); may be empty for a bank known only by BIC
  std::string address;  // free-form, lines joined with ", "
  std::string country;  // ISO 3166 alpha-2 when known ("" otherwise)
  std::string bic;      // 8 or 11 characters when known
  std::string account;  // IBAN or other account id
  std::string phone;
  std::string email;
  std::string registration_id;              // company registry number (INN, USCC, ...)
  std::optional<PartialDate> incorporated;  // registry data, when supplied
};

struct GoodsLine {
  std::string field;        // "hs_code"/"description", "45A", "RmtInf", ...
  std::string hs_code;      // as given (4-10 digits with punctuation), "" if none
  std::string description;  // free text; may be only a part number
  std::optional<double> value;
  std::string currency;  // ISO 4217
  std::optional<double> quantity;
  std::string unit;
};

struct Route {
  std::string origin;                // country of origin of the goods (alpha-2)
  std::string dispatch;              // country of dispatch / export
  std::string destination;           // country of destination
  std::vector<std::string> transit;  // transit countries, in order
  // Places as written (MT700 44A place of taking in charge, 44E port of
  // loading, 44F port of discharge, 44B final destination), keyed by field.
  std::map<std::string, std::string> places;
};

struct Transaction {
  std::string ref;  // the record's own reference (a column, MsgId/EndToEndId, :20:)
  MessageKind kind = MessageKind::kShipment;
  std::optional<PartialDate> date;
  std::vector<Party> parties;
  std::vector<GoodsLine> goods;
  Route route;
  std::optional<double> amount;  // the transfer or credit amount
  std::string currency;
  std::string remittance;              // remittance information, MT103 70 / 72, ...
  std::vector<std::string> documents;  // MT700 46A documents required
  // Other terms as written, keyed by the source's tag: MT700 40A, 40E, 31D,
  // 39A, 41a (the "BY ..." line), 42C, 43P (partial shipments), 43T
  // (transhipment), 44C, 44D, 47A, 48, 49, 71D, 78; MT103 23B, 33B, 71A;
  // ISO 20022 ChrgBr, Purp. See docs/messages.md.
  std::map<std::string, std::string> terms;
  int64_t source_line = 0;  // 1-based line (CSV) or message index in the file
};

// ---- readers ---------------------------------------------------------------
// Every reader returns the transactions it could read and the records it
// skipped (Problem: line/record and a message naming the field). A file that
// cannot be read at all, or that is not of the format, is an error.

struct ReadResult {
  std::vector<Transaction> transactions;
  std::vector<Problem> problems;
};

// Column mapping for shipment CSVs: logical field -> the header of the column
// that holds it. Logical fields: ref, date, declarant, shipper, consignee,
// notify_party (each party also <role>_country, <role>_address,
// <role>_phone, <role>_email, <role>_registration_id, <role>_incorporated),
// origin, dispatch, destination, transit (";"-separated), hs_code,
// description, value, currency, quantity, unit. An empty mapping means the
// headers are the logical names themselves.
using ColumnMapping = std::map<std::string, std::string>;
// Parses "field=Header,field2=Header 2" (the --map option).
Result<ColumnMapping> ParseColumnMapping(std::string_view spec);

Result<ReadResult> ReadShipmentsCsv(const std::string& path, const ColumnMapping& mapping = {});
// One or more pacs.008 / pain.001 documents (a Document element, possibly
// wrapped in an envelope such as AppHdr+Document or a BizMsg list).
Result<ReadResult> ReadPacs008(const std::string& path);
Result<ReadResult> ReadPain001(const std::string& path);
// One or more MT messages in FIN format ({1:...}{2:...}{4:\n...-}), or bare
// text blocks of ":tag:value" lines separated by a line "-" or "$".
Result<ReadResult> ReadMt103(const std::string& path);
Result<ReadResult> ReadMt700(const std::string& path);

// Same readers over a buffer (fuzzing, the HTTP API). `name` is used in
// messages only.
Result<ReadResult> ParseShipmentsCsv(std::string_view data, const ColumnMapping& mapping,
                                     std::string_view name = "<input>");
Result<ReadResult> ParsePacs008(std::string_view data, std::string_view name = "<input>");
Result<ReadResult> ParsePain001(std::string_view data, std::string_view name = "<input>");
Result<ReadResult> ParseMt103(std::string_view data, std::string_view name = "<input>");
Result<ReadResult> ParseMt700(std::string_view data, std::string_view name = "<input>");

// ---- risk engine -------------------------------------------------------------

enum class Decision : uint8_t { kClear, kReview, kBlock, kCannotClear };
std::string_view DecisionName(Decision decision);  // "clear", "review", "block", "cannot_clear"

struct Alert {
  std::string rule;    // rule id from the rules file, e.g. "RF-CONSIGNEE-FORWARDER"
  std::string source;  // e.g. "FIN-2023-Alert004 red flag 24"
  std::string title;   // one line a reviewer reads
  int severity = 0;    // 0-100, from the rules file
  // Evidence: field -> value as found ("consignee.name" -> "...",
  // "goods[0].hs6" -> "854231", "route.destination" -> "KG", "hit.entity" -> id).
  std::vector<std::pair<std::string, std::string>> evidence;
};

struct PartyScreening {
  size_t party_index = 0;  // into Transaction::parties
  std::vector<ScreenHit> hits;
};

struct GoodsClassification {
  size_t goods_index = 0;  // into Transaction::goods
  std::string hs6;         // best candidate ("" if none)
  std::string chpl_tier;   // "" if not on the CHPL
  double score = 0;
  std::string evidence;
};

struct CheckResult {
  std::string ref;
  MessageKind kind = MessageKind::kShipment;
  int risk = 0;  // 0-100
  Decision decision = Decision::kClear;
  // What the rules alone decided, before the list-age check turned a clear
  // or review into cannot_clear.
  Decision assessed = Decision::kClear;
  std::vector<Alert> alerts;  // most severe first
  std::vector<PartyScreening> screening;
  std::vector<GoodsClassification> goods;
};

struct RiskOptions {
  std::string rules_path;  // "" = the bundled default rules
  // The rules as JSON text (takes precedence over rules_path; tests, the HTTP
  // API). `rules_name` names it in messages.
  std::string rules_text;
  std::string rules_name = "<rules>";
  // A snapshot whose list data is older than this many days cannot clear.
  int max_snapshot_age_days = 7;
  // "today" for the age check and date rules; "" = the system clock (tests
  // pin it).
  std::string today;
  // Overrides the LIST-MATCH rule's alert_score (the --threshold option);
  // nullopt = the rules file's value.
  std::optional<double> list_match_threshold;
  // Earlier transactions of the same customers (e.g. read from a shipments
  // CSV) for the history rules RF-FIRST-CHPL and RF-CHPL-SPIKE and the peer
  // unit prices. They are never checked themselves.
  std::vector<Transaction> history;
};

// The bundled default rules file (data/rules/default_rules.json as built).
std::string_view DefaultRulesJson();

// Checking many transactions at once: identical parties are screened once,
// identical goods lines classified once, and the history rules and peer unit
// prices see the whole batch (plus RiskOptions::history).
struct BatchOptions {
  int threads = 1;
  // false = screen and classify every party and goods line again (the
  // benchmark's baseline).
  bool deduplicate = true;
  // Called from the calling thread while the batch runs: stage is
  // "screening", "classifying" or "rules"; done/total count that stage's items.
  std::function<void(std::string_view stage, uint64_t done, uint64_t total)> progress;
};

struct BatchStats {
  uint64_t transactions = 0;
  uint64_t parties = 0;           // party records seen
  uint64_t parties_screened = 0;  // screening calls made
  uint64_t goods_lines = 0;
  uint64_t goods_classified = 0;  // classification calls made
  // Wall-clock seconds of each stage (with BatchOptions::threads threads).
  double prepare_seconds = 0;  // collecting and deduplicating
  double screening_seconds = 0;
  double classification_seconds = 0;
  double rules_seconds = 0;
};

class RiskEngine {
 public:
  static Result<std::shared_ptr<const RiskEngine>> Create(std::shared_ptr<const Screener> screener,
                                                          RiskOptions options = {});
  CheckResult Check(const Transaction& transaction) const;
  // One result per transaction, in order. `stats` may be null.
  std::vector<CheckResult> CheckBatch(const std::vector<Transaction>& transactions,
                                      const BatchOptions& options = {},
                                      BatchStats* stats = nullptr) const;
  const std::string& lists_version() const;
  const std::string& rules_version() const;
  // The date of the newest list data in the snapshot (YYYY-MM-DD, from its
  // version), its age in days on "today", and whether that age exceeds
  // max_snapshot_age_days (then nothing is "clear").
  const std::string& lists_date() const;
  int lists_age_days() const;
  bool lists_stale() const;
  int max_snapshot_age_days() const;
  ~RiskEngine();

 private:
  RiskEngine() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chokepoint::check

#endif  // CHOKEPOINT_CHECK_H_
