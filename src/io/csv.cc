#include "io/csv.h"

#include "io/strings.h"

namespace chokepoint::io {

CsvReader::CsvReader(std::string_view data, char delimiter) : data_(data), delim_(delimiter) {
  if (data_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

CsvReader::Next CsvReader::Read(std::vector<std::string>& fields) {
  fields.clear();
  error_.clear();
  // Skip blank lines and a trailing 0x1A end-of-file marker.
  while (pos_ < data_.size()) {
    char c = data_[pos_];
    if (c == '\n') {
      ++pos_;
      ++cur_line_;
    } else if (c == '\r' || c == '\x1A') {
      ++pos_;
    } else {
      break;
    }
  }
  if (pos_ >= data_.size()) return Next::kEnd;
  record_line_ = cur_line_;
  std::string field;
  bool quoted = false;      // inside a quoted section
  bool was_quoted = false;  // field began with a quote
  while (true) {
    if (pos_ >= data_.size()) {
      if (quoted) {
        error_ = "unterminated quoted field at end of file";
        return Next::kError;
      }
      fields.push_back(std::move(field));
      return Next::kRecord;
    }
    char c = data_[pos_];
    if (quoted) {
      if (c == '"') {
        if (pos_ + 1 < data_.size() && data_[pos_ + 1] == '"') {
          field.push_back('"');
          pos_ += 2;
        } else {
          quoted = false;
          ++pos_;
        }
      } else {
        if (c == '\n') ++cur_line_;
        field.push_back(c);
        ++pos_;
      }
      continue;
    }
    if (c == delim_) {
      fields.push_back(std::move(field));
      field.clear();
      was_quoted = false;
      ++pos_;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && pos_ + 1 < data_.size() && data_[pos_ + 1] == '\n') ++pos_;
      ++pos_;
      ++cur_line_;
      fields.push_back(std::move(field));
      return Next::kRecord;
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = true;
      was_quoted = true;
      ++pos_;
    } else if (c == '\x1A' && pos_ + 1 >= data_.size()) {
      ++pos_;  // end-of-file byte directly after the last record
    } else {
      field.push_back(c);
      ++pos_;
    }
  }
}

CsvHeader::CsvHeader(const std::vector<std::string>& header) {
  names_.reserve(header.size());
  for (const auto& h : header) names_.emplace_back(Trim(h));
  if (!names_.empty() && names_[0].substr(0, 3) == "\xEF\xBB\xBF") names_[0].erase(0, 3);
}

int CsvHeader::Col(std::string_view name) const {
  for (size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name) return static_cast<int>(i);
  }
  return -1;
}

std::string CsvEscape(std::string_view field) {
  bool needs = field.find_first_of(",\"\r\n") != std::string_view::npos ||
               (!field.empty() && (field.front() == ' ' || field.back() == ' '));
  if (!needs) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

void AppendCsvRow(std::string& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    out += CsvEscape(fields[i]);
  }
  out += '\n';
}

}  // namespace chokepoint::io
