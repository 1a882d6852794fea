// The HS 2017 and HS 2022 nomenclatures as in-memory tables.
//
// Decoded once on first use from the generated, compressed payload in
// hs_table.inc (tools/gen_hs_tables.py). Each edition is a code-sorted array
// of rows (chapters, headings, subheadings); descriptions are views into one
// decoded buffer that lives for the whole program.
//
// Thread safety: Get() is safe to call concurrently (function-local static
// initialisation); the tables are immutable afterwards.

#ifndef CHOKEPOINT_GOODS_HS_TABLE_H_
#define CHOKEPOINT_GOODS_HS_TABLE_H_

#include <span>
#include <string_view>
#include <vector>

#include "chokepoint/goods.h"

namespace chokepoint::goods {

struct HsRow {
  std::string_view code;  // 2, 4 or 6 digits
  std::string_view description;
};

class HsNomenclature {
 public:
  // The table of one edition. Aborts only if the compiled-in payload is
  // corrupt (a build defect, not an input error).
  static const HsNomenclature& Get(HsVintage vintage);

  // The row for a code of 2, 4 or 6 digits, or nullptr.
  const HsRow* Find(std::string_view code) const;
  // All rows, sorted by code (a chapter sorts before its headings, a heading
  // before its subheadings).
  std::span<const HsRow> rows() const { return rows_; }
  // The rows whose code starts with `prefix` and has `length` digits.
  std::vector<const HsRow*> Under(std::string_view prefix, size_t length) const;

 private:
  std::vector<HsRow> rows_;
  friend struct HsTablesBuilder;
};

// An HsCode for a six-digit code of `vintage`: its description (empty when
// unknown), CHPL tier and FinCEN flag (for HS 2017 codes, via their HS 2022
// successors).
HsCode MakeHsCode(std::string_view hs6, HsVintage vintage);

}  // namespace chokepoint::goods

#endif  // CHOKEPOINT_GOODS_HS_TABLE_H_
