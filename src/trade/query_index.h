// Row index the trade queries build on first use (internal).
//
// A TradeStore keeps its rows in file order. Most queries select a small
// HS group (a few dozen of thousands of codes) in one year, so the queries
// keep, per store, the row numbers of every (HS dictionary code, year) in
// ascending order (a counting sort: 4 bytes a row, built once in one pass
// plus one scatter) and the distinct periods. A selective query then visits
// only the rows of its codes, still in ascending row order, so every sum
// adds the same values in the same order as a full scan and the results are
// bit-identical.
//
// Thread safety: built under the store's once_flag; read-only afterwards.

#ifndef CHOKEPOINT_TRADE_QUERY_INDEX_H_
#define CHOKEPOINT_TRADE_QUERY_INDEX_H_

#include <cstdint>
#include <string>
#include <vector>

#include "chokepoint/trade.h"

namespace chokepoint::trade {

struct QueryIndex {
  // Distinct years (period / 100), ascending.
  std::vector<int32_t> years;
  // Rows of HS code k in years[y]: rows[start[b] .. start[b + 1]) with
  // b = k * years.size() + y, ascending. Empty (start too) when the store
  // has 2^32 rows or more.
  std::vector<uint64_t> start;
  std::vector<uint32_t> rows;
  // Distinct values of the period column, ascending.
  std::vector<int32_t> periods;
  // Per HS code: its HS 2022 successors other than its own first six digits
  // (goods::Hs2017To2022), for HsGroup::MatchesAnyVintage.
  std::vector<std::vector<std::string>> successors;
};

// The store's index, built on the first call.
const QueryIndex& GetQueryIndex(const TradeStore& store);

}  // namespace chokepoint::trade

#endif  // CHOKEPOINT_TRADE_QUERY_INDEX_H_
