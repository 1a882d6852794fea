#include "lists/pugi_support.h"

#include <algorithm>
#include <cstring>

#include "io/strings.h"

namespace chokepoint::lists {

LineColumn OffsetToLineColumn(std::string_view data, size_t offset) {
  offset = std::min(offset, data.size());
  LineColumn lc;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (data[i] == '\n') {
      ++lc.line;
      line_start = i + 1;
    }
  }
  lc.column = static_cast<int64_t>(offset - line_start) + 1;
  return lc;
}

LineIndex::LineIndex(std::string_view data) : size_(data.size()) {
  starts_.push_back(0);
  for (size_t i = 0; i < data.size(); ++i) {
    if (data[i] == '\n') starts_.push_back(i + 1);
  }
}

LineColumn LineIndex::At(size_t offset) const {
  offset = std::min(offset, size_);
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  size_t line = static_cast<size_t>(it - starts_.begin());  // >= 1: starts_[0] == 0
  LineColumn lc;
  lc.line = static_cast<int64_t>(line);
  lc.column = static_cast<int64_t>(offset - starts_[line - 1]) + 1;
  return lc;
}

Status LoadXml(const InputFile& file, pugi::xml_document& doc) {
  // Encoding is fixed to UTF-8: auto-detection would silently reinterpret a
  // damaged file as UTF-16 or Latin-1 and yield garbage names.
  unsigned options = pugi::parse_default & ~pugi::parse_comments;
  pugi::xml_parse_result r =
      doc.load_buffer(file.data.data(), file.data.size(), options, pugi::encoding_utf8);
  if (r) {
    if (!doc.document_element()) {
      return Status::ParseError(file.path + ":1:1: malformed XML: no root element");
    }
    return Status::Ok();
  }
  LineColumn lc = OffsetToLineColumn(file.data, r.offset < 0 ? 0 : static_cast<size_t>(r.offset));
  std::string reason = r.description();
  // pugixml stops at the end of the buffer when the file is cut short.
  if (r.offset >= 0 && static_cast<size_t>(r.offset) + 1 >= file.data.size()) {
    reason += " at end of file (is the file truncated?)";
  }
  return Status::ParseError(file.path + ":" + std::to_string(lc.line) + ":" +
                            std::to_string(lc.column) + ": malformed XML: " + reason);
}

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view local_name) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == local_name) return c;
  }
  return pugi::xml_node();
}

std::vector<pugi::xml_node> Children(const pugi::xml_node& node, std::string_view local_name) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == local_name) out.push_back(c);
  }
  return out;
}

std::string NodeText(const pugi::xml_node& node) {
  return std::string(io::Trim(node.text().get()));
}

std::string ChildText(const pugi::xml_node& node, std::string_view local_name) {
  pugi::xml_node c = Child(node, local_name);
  return c ? NodeText(c) : std::string();
}

std::string Attr(const pugi::xml_node& node, const char* name) {
  pugi::xml_attribute a = node.attribute(name);
  return a ? std::string(io::Trim(a.value())) : std::string();
}

std::vector<size_t> InvalidUtf8Offsets(std::string_view data, size_t limit) {
  std::vector<size_t> out;
  size_t base = 0;
  while (base < data.size() && out.size() < limit) {
    size_t bad = io::FindInvalidUtf8(data.substr(base));
    if (bad == std::string_view::npos) break;
    out.push_back(base + bad);
    base += bad + 1;
  }
  return out;
}

std::vector<size_t> AssignToRecords(const std::vector<size_t>& bad_offsets,
                                    const std::vector<size_t>& record_starts, size_t records_end,
                                    std::vector<size_t>& outside) {
  std::vector<size_t> first_bad(record_starts.size(), std::string::npos);
  for (size_t off : bad_offsets) {
    auto it = std::upper_bound(record_starts.begin(), record_starts.end(), off);
    if (it == record_starts.begin() || off >= records_end) {
      outside.push_back(off);
      continue;
    }
    size_t idx = static_cast<size_t>(it - record_starts.begin()) - 1;
    if (first_bad[idx] == std::string::npos) first_bad[idx] = off;
  }
  return first_bad;
}

Result<std::vector<size_t>> InvalidUtf8ByRecord(const InputFile& file,
                                                const std::vector<pugi::xml_node>& records,
                                                size_t records_end, std::string_view record_kind) {
  std::vector<size_t> bad = InvalidUtf8Offsets(file.data);
  if (bad.empty()) return std::vector<size_t>(records.size(), std::string::npos);
  std::vector<size_t> starts;
  starts.reserve(records.size());
  for (const auto& r : records) starts.push_back(static_cast<size_t>(r.offset_debug()));
  std::vector<size_t> outside;
  std::vector<size_t> first_bad = AssignToRecords(bad, starts, records_end, outside);
  if (!outside.empty()) {
    LineColumn lc = OffsetToLineColumn(file.data, outside.front());
    return Status::ParseError(file.path + ":" + std::to_string(lc.line) + ":" +
                              std::to_string(lc.column) + ": invalid UTF-8 outside any " +
                              std::string(record_kind));
  }
  return first_bad;
}

}  // namespace chokepoint::lists
