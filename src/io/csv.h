// CsvReader: an RFC 4180 reader over an in-memory buffer.
//
// Handles quoted fields with doubled quotes, fields spanning lines, CRLF and
// LF line ends, a leading UTF-8 byte-order mark and the 0x1A end-of-file byte
// that OFAC's legacy files end with. It tracks the line each record starts on
// so that callers can name it in errors. A record with an unterminated quote
// is reported as an error and reading resumes at the next line.
//
// Thread safety: one reader per thread; the buffer must outlive the reader.

#ifndef CHOKEPOINT_IO_CSV_H_
#define CHOKEPOINT_IO_CSV_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::io {

class CsvReader {
 public:
  enum class Next { kRecord, kEnd, kError };

  explicit CsvReader(std::string_view data, char delimiter = ',');

  // Reads the next record into `fields` (cleared first). Blank lines are
  // skipped. On kError, error() says why and the reader has moved past the bad
  // record.
  Next Read(std::vector<std::string>& fields);

  // 1-based line on which the last record started.
  int64_t line() const { return record_line_; }
  const std::string& error() const { return error_; }

 private:
  std::string_view data_;
  char delim_;
  size_t pos_ = 0;
  int64_t cur_line_ = 1;
  int64_t record_line_ = 0;
  std::string error_;
};

// Builds a map from header names to column indices; names are trimmed and
// compared exactly. Returns -1 for a missing column via Col().
class CsvHeader {
 public:
  CsvHeader() = default;
  explicit CsvHeader(const std::vector<std::string>& header);
  int Col(std::string_view name) const;
  size_t size() const { return names_.size(); }
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_;
};

// The field at `col`, or "" when col < 0 or beyond the record.
inline const std::string& Field(const std::vector<std::string>& rec, int col) {
  static const std::string kEmpty;
  return (col < 0 || static_cast<size_t>(col) >= rec.size()) ? kEmpty : rec[col];
}

// Quotes a field for CSV output when it needs it.
std::string CsvEscape(std::string_view field);
// Appends one CSV record (fields escaped, comma-separated, "\n").
void AppendCsvRow(std::string& out, const std::vector<std::string>& fields);

}  // namespace chokepoint::io

#endif  // CHOKEPOINT_IO_CSV_H_
