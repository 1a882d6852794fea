// Fast ingest of trade CSV files straight into columns (internal).
//
// The "eurostat-long" and "csv" (mapped) formats are read by a scanner that
// takes fields as string_views out of the file's buffer (16 bytes at a time
// with SSE2 compares), memoises every distinct raw field value (country
// label, HS code, flow, ...) once in tables whose slots carry the dictionary
// code, parses plain decimals exactly as integer / 10^k, and writes
// dictionary codes into columns, so that a row costs no allocation. A record with a quoted field, a
// CR that is not part of a CRLF, or a 0x1A byte goes through an exact re-implementation of
// io::CsvReader's rules, so the rows, problems and line numbers are the same
// as the general reader's (ReadTradeFileReference, kept as the slow,
// obviously correct reference and tested against the fast path).
//
// Threads: a large buffer is split at line ends into one part per thread;
// each part is read into its own TradeChunk with its own dictionaries, and
// the chunks are merged in order, so the output (row order, dictionary
// order, problem order and line numbers) is identical to a one-thread read.
// A split is only valid when no quoted field spans lines; when a part meets
// one, the whole buffer is read again on one thread.
//
// Thread safety: the functions are reentrant; they start and join their own
// threads.

#ifndef CHOKEPOINT_TRADE_INGEST_H_
#define CHOKEPOINT_TRADE_INGEST_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/lists.h"
#include "chokepoint/status.h"
#include "chokepoint/trade.h"

namespace chokepoint::trade {

// Rows of one part of a file. Codes index the chunk's own dictionaries,
// which hold values in order of first use by an accepted row (reporter
// before partner), like TradeStore::Build assigns them.
struct TradeChunk {
  std::vector<std::string> countries, hs_codes, currencies, units, parties;
  std::vector<uint16_t> reporter, partner;
  std::vector<uint8_t> flow;
  std::vector<uint32_t> hs;
  std::vector<int32_t> period;
  std::vector<double> value;
  // Optional columns, empty when the source has no such field: quantity 0,
  // currency default_currency, unit/shipper/consignee "".
  std::vector<double> quantity;
  std::vector<uint16_t> currency, unit;
  std::vector<uint32_t> shipper, consignee;
  std::string default_currency;

  size_t size() const { return period.size(); }
};

// True for the formats with a fast reader ("eurostat-long", "csv").
bool HasFastReader(std::string_view format);

// Reads `data` (a whole file's bytes; `path` names it in messages) in up to
// `threads` parts. Problems are appended in line order.
// REQUIRES: HasFastReader(options.format).
Result<std::vector<TradeChunk>> ReadTradeChunks(std::string_view path, std::string_view data,
                                                const TradeReadOptions& options, int threads,
                                                std::vector<Problem>* problems);

// Merges chunks (in order) into a store; frees each chunk as it goes.
// Implemented in store.cc.
std::shared_ptr<const TradeStore> BuildFromChunks(std::vector<TradeChunk> chunks);

// CSV bytes to a store: the fast reader for the formats that have one,
// ReadTradeFile + TradeStore::Build otherwise. The same store as
// TradeStore::Build(ReadTradeFile(...).records).
Result<std::shared_ptr<const TradeStore>> IngestTradeData(std::string_view path,
                                                          std::string_view data,
                                                          const TradeReadOptions& options,
                                                          int threads,
                                                          std::vector<Problem>* problems);

// The general (CsvReader-based, one std::string per field) readers, kept as
// the reference the fast readers are tested against.
Result<TradeReadOutput> ReadTradeFileReference(const InputFile& file,
                                               const TradeReadOptions& options);

// Threads to use for a buffer of `bytes`: 1 for small inputs, else the
// hardware concurrency (at most 8).
int DefaultIngestThreads(size_t bytes);

}  // namespace chokepoint::trade

#endif  // CHOKEPOINT_TRADE_INGEST_H_
