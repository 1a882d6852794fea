// Lookups shared by the list-reader unit tests: find an entity, a name or an
// identifier in a reader's output, load a fixture, and locate a line.
#ifndef CHOKEPOINT_LISTS_READER_TEST_SUPPORT_H_
#define CHOKEPOINT_LISTS_READER_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "chokepoint/lists.h"
#include "lists/readers.h"

namespace chokepoint::lists::test_support {

inline InputFile LoadFixture(const char* path) {
  auto f = LoadInputFile(path);
  EXPECT_TRUE(f.ok()) << f.status().ToString();
  return f.ok() ? *f : InputFile{};
}

inline const Entity* Find(const ReadOutput& out, std::string_view source_id) {
  for (const auto& e : out.entities) {
    if (e.source_id == source_id) return &e;
  }
  return nullptr;
}

inline const Identifier* FindId(const Entity& e, IdType type) {
  for (const auto& i : e.identifiers) {
    if (i.type == type) return &i;
  }
  return nullptr;
}

inline const Name* FindName(const Entity& e, std::string_view full) {
  for (const auto& n : e.names) {
    if (n.full == full) return &n;
  }
  return nullptr;
}

inline bool HasName(const Entity& e, std::string_view full, NameKind kind) {
  return std::any_of(e.names.begin(), e.names.end(),
                     [&](const Name& n) { return n.full == full && n.kind == kind; });
}

// 1-based line of the first occurrence of `needle` in `data`.
inline int64_t LineOf(const std::string& data, std::string_view needle) {
  size_t pos = data.find(needle);
  EXPECT_NE(pos, std::string::npos) << needle;
  return 1 + std::count(data.begin(), data.begin() + static_cast<long>(pos), '\n');
}

}  // namespace chokepoint::lists::test_support

#endif  // CHOKEPOINT_LISTS_READER_TEST_SUPPORT_H_
