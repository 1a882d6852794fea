// Goods: HS codes, the lists of battlefield goods, and a goods classifier.
//
// Reference data compiled into the library (no files needed at run time):
//   - the HS 2017 and HS 2022 nomenclatures (chapters, headings, subheadings
//     with their English descriptions; WCO Harmonized System as published by
//     the Frictionless Data "harmonized-system" dataset, ODC-PDDL 1.0);
//   - the Common High Priority List (50 HS6 codes in tiers 1-4B, Feb 2024);
//   - the nine "high priority" HS codes of FinCEN/BIS alert FIN-2023-Alert004;
//   - the categories of OFAC's "critical items" determination under
//     EO 14114 (categories only: the determination's HS annex was not
//     available, so no codes are attached).
// User-supplied lists of controlled goods (CSV `hs,label`) can be loaded
// beside them.
//
// NormalizeHs() turns what people type ("8542.31", "8542 31 90", "85.42")
// into an HS6 code with its description and CHPL tier, and rejects input
// that is ambiguous or unknown with a message saying why. ClassifyGoods()
// ranks HS6 candidates for a free-text goods description in English,
// Russian or Chinese, with part numbers; a candidate is a screening signal
// with its evidence, never a customs classification.
//
// Thread safety: every function here may be called concurrently. The tables
// and the classifier's index are built once on first use and then only read.

#ifndef CHOKEPOINT_GOODS_H_
#define CHOKEPOINT_GOODS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/lists.h"  // Problem
#include "chokepoint/status.h"

namespace chokepoint::goods {

// An edition of the Harmonized System.
enum class HsVintage : uint16_t { k2017 = 2017, k2022 = 2022 };

// One HS6 subheading with the lists it is on.
struct HsCode {
  std::string hs6;                    // six digits
  std::string description;            // the HS text of that edition, whitespace collapsed
  std::string chpl_tier;              // "1", "2", "3A", "3B", "4A", "4B"; empty if not on the CHPL
  bool fincen_high_priority = false;  // one of the nine codes of FIN-2023-Alert004
};

// The result of NormalizeHs().
struct HsLookup {
  std::string input;   // as given
  std::string digits;  // the digits of the input (4-10)
  HsVintage vintage = HsVintage::k2022;
  // A subheading (6+ digits given): `code` is the HS6, `national_suffix` the
  // digits beyond six ("90" for "8542 31 90"), `subheadings` is empty.
  // A heading (4 digits given): `code.hs6` is empty, `heading` is set, and
  // `subheadings` lists the CHPL subheadings inside it (possibly none);
  // `note` says so.
  bool is_heading = false;
  HsCode code;
  std::string national_suffix;
  std::string heading;  // HS4
  std::string heading_description;
  std::vector<HsCode> subheadings;
  std::string note;  // e.g. "8542: a heading, not a subheading; CHPL subheadings inside it: ..."
};

// Normalises an HS code typed by a person or found in a trade document.
// Accepts 4-10 digits with spaces, dots, dashes or slashes between them and
// an optional "HS" prefix. 6-10 digits: the first six must be a subheading
// of `vintage` (longer national codes such as CN8 or HTS10 are cut to six).
// 4 digits: a heading of `vintage`. Errors (InvalidArgument) name the input
// and the reason: "85423: 5 digits is ambiguous ...", "999999: not an
// HS 2022 code", "8542a: not an HS code: unexpected character 'a'".
Result<HsLookup> NormalizeHs(std::string_view input, HsVintage vintage = HsVintage::k2022);

// The description of an HS code of 2, 4 or 6 digits in `vintage`, or "" when
// there is no such code.
std::string HsDescription(std::string_view code, HsVintage vintage = HsVintage::k2022);

// True when `code` (2, 4 or 6 digits) exists in `vintage`.
bool HsExists(std::string_view code, HsVintage vintage = HsVintage::k2022);

// Every HS6 subheading of `vintage`, in code order.
std::vector<std::string> HsSubheadings(HsVintage vintage = HsVintage::k2022);

// ---- Lists of goods (facts with their sources) -----------------------------

// The nine HS6 codes that FinCEN/BIS alert FIN-2023-Alert004 (2023-05-19)
// names as high priority: 854231, 854232, 854233, 854239, 851762, 852691,
// 853221, 853224, 854800 (= CHPL tiers 1 and 2).
const std::vector<std::string>& FincenHighPriorityCodes();
inline constexpr std::string_view kFincenHighPrioritySource =
    "FinCEN/BIS FIN-2023-Alert004, 2023-05-19";

// One category of OFAC's critical-items determination (EO 14024 s.11(a)(ii),
// Dec 22, 2023, 89 FR 78245) as summarised in OFAC FAQ 1148. `related_hs`
// are HS headings that the category overlaps (analyst's pointer, NOT the
// determination's annex, which is not included).
struct CriticalItemCategory {
  std::string_view id;          // "bearings"
  std::string_view label;       // "Bearings"
  std::string_view related_hs;  // "8482" (comma-separated prefixes) or ""
};
const std::vector<CriticalItemCategory>& Eo14114CriticalItemCategories();
inline constexpr std::string_view kEo14114Source =
    "OFAC critical-items determination (EO 14024 s.11(a)(ii), 2023-12-22; 89 FR 78245); "
    "categories per OFAC FAQ 1148";

// A user's list of controlled goods: HS prefixes (4-10 digits) with labels.
struct ControlledItem {
  std::string hs;  // digits, 4-10
  std::string label;
};
class ControlledGoodsList {
 public:
  // Reads a CSV with a header `hs,label` (extra columns ignored). Bad rows
  // (no digits, unknown code, 5 digits) are skipped and reported in
  // `problems`; a missing column or unreadable file is an error.
  static Result<ControlledGoodsList> Load(const std::string& path, std::vector<Problem>* problems);
  static Result<ControlledGoodsList> Parse(std::string_view csv_text, const std::string& name,
                                           std::vector<Problem>* problems);

  // The entries whose code is a prefix of `hs_code` (digits), most specific first.
  std::vector<const ControlledItem*> Match(std::string_view hs_code) const;
  const std::vector<ControlledItem>& items() const { return items_; }

 private:
  std::vector<ControlledItem> items_;
};

// ---- Classifier -------------------------------------------------------------

struct GoodsCandidate {
  HsCode code;
  double score = 0;  // > 0; comparable within one query only
  // Why: "pattern:STM32 microcontroller part number (STM32F103C8T6)",
  // "keyword:микроконтроллер", "text:integrated,circuit".
  std::vector<std::string> evidence;
};

struct ClassifyOptions {
  size_t top_k = 5;
};

// Ranks HS 2022 subheadings for a goods description (any of English,
// Russian, Chinese; part numbers). Returns at most top_k candidates, best
// first; empty when nothing in the text points at a code. Reads at most the
// first 4 KiB of `text`.
std::vector<GoodsCandidate> ClassifyGoods(std::string_view text,
                                          const ClassifyOptions& options = {});

}  // namespace chokepoint::goods

#endif  // CHOKEPOINT_GOODS_H_
