// Small helpers for the XML list readers built on pugixml: loading a file into
// a DOM with an error that names file, line and column; element lookup by
// local name (the publishers put their elements in a default namespace, and a
// file re-serialised with a prefix such as "un:Sanctions" must read the same);
// and mapping invalid UTF-8 to the record that holds it.
//
// pugixml reports errors as byte offsets; every message here converts them to
// 1-based line:column (column in bytes) because that is what a person opening
// the file in an editor needs.
//
// Thread safety: pure functions; a pugi::xml_document is not shared.

#ifndef CHOKEPOINT_LISTS_PUGI_SUPPORT_H_
#define CHOKEPOINT_LISTS_PUGI_SUPPORT_H_

#include <pugixml.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "chokepoint/lists.h"
#include "chokepoint/status.h"

namespace chokepoint::lists {

struct LineColumn {
  int64_t line = 1;    // 1-based
  int64_t column = 1;  // 1-based, in bytes
};
// The line and column of byte `offset` of `data` (clamped to its size).
// Scans from the start: use LineIndex for many lookups.
LineColumn OffsetToLineColumn(std::string_view data, size_t offset);

// Line starts of a buffer, found once, so that each offset -> line:column
// lookup is a binary search (a list file has hundreds of thousands of lines
// and a record is looked up for every one of its entities).
class LineIndex {
 public:
  explicit LineIndex(std::string_view data);
  LineColumn At(size_t offset) const;
  int64_t Line(size_t offset) const { return At(offset).line; }

 private:
  size_t size_;
  std::vector<size_t> starts_;  // offset of the first byte of each line
};

// Parses `file` as UTF-8 XML into `doc`. On failure returns a parse error
// "PATH:LINE:COL: malformed XML: REASON". Comments and the declaration are
// skipped; entities and character references are expanded.
Status LoadXml(const InputFile& file, pugi::xml_document& doc);

// The element name without a namespace prefix ("un:Alias" -> "Alias").
std::string_view LocalName(const pugi::xml_node& node);

// The first child element with this local name, or an empty node.
pugi::xml_node Child(const pugi::xml_node& node, std::string_view local_name);

// All child elements with this local name, in document order.
std::vector<pugi::xml_node> Children(const pugi::xml_node& node, std::string_view local_name);

// The trimmed text of the first child with this local name ("" when absent).
std::string ChildText(const pugi::xml_node& node, std::string_view local_name);

// The trimmed text content of an element's first PCDATA/CDATA child.
std::string NodeText(const pugi::xml_node& node);

// The value of an attribute, trimmed ("" when absent).
std::string Attr(const pugi::xml_node& node, const char* name);

// Byte offsets of the start of every invalid UTF-8 sequence in `data`, at
// most `limit` of them.
std::vector<size_t> InvalidUtf8Offsets(std::string_view data, size_t limit = 1000);

// Assigns invalid UTF-8 offsets to records. `record_starts` are the byte
// offsets where consecutive sibling records begin (ascending) and
// `records_end` is where the last one ends. For each record returns the first
// bad offset inside it, or npos; offsets outside every record are returned in
// `outside`.
std::vector<size_t> AssignToRecords(const std::vector<size_t>& bad_offsets,
                                    const std::vector<size_t>& record_starts, size_t records_end,
                                    std::vector<size_t>& outside);

// Where the file's invalid UTF-8 falls among `records` (XML elements that
// follow each other and end at byte `records_end`): for each record the first
// bad offset inside it, or npos. Invalid UTF-8 outside every record is a
// ParseError naming its line and column ("... outside any <record_kind>").
Result<std::vector<size_t>> InvalidUtf8ByRecord(const InputFile& file,
                                                const std::vector<pugi::xml_node>& records,
                                                size_t records_end, std::string_view record_kind);

}  // namespace chokepoint::lists

#endif  // CHOKEPOINT_LISTS_PUGI_SUPPORT_H_
