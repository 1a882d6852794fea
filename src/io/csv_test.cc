#include "io/csv.h"

#include <gtest/gtest.h>

namespace chokepoint::io {
namespace {

std::vector<std::vector<std::string>> ReadAll(std::string_view data, std::string* error = nullptr) {
  CsvReader r(data);
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> rec;
  while (true) {
    auto n = r.Read(rec);
    if (n == CsvReader::Next::kEnd) break;
    if (n == CsvReader::Next::kError) {
      if (error) *error = r.error();
      break;
    }
    out.push_back(rec);
  }
  return out;
}

TEST(CsvReader, QuotesCrlfAndEofByte) {
  auto rows = ReadAll("1,\"a, \"\"b\"\"\",-0- \r\n2,\"x\ny\",z\r\n\x1A");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][1], "a, \"b\"");
  EXPECT_EQ(rows[0][2], "-0- ");
  EXPECT_EQ(rows[1][1], "x\ny");
}

TEST(CsvReader, UnterminatedQuoteIsAnError) {
  std::string err;
  auto rows = ReadAll("a,b\n\"c,d\n", &err);
  EXPECT_EQ(rows.size(), 1u);
  EXPECT_NE(err.find("unterminated"), std::string::npos);
}

TEST(CsvReader, TracksLines) {
  CsvReader r("h\n\"a\nb\"\nc\n");
  std::vector<std::string> rec;
  r.Read(rec);
  EXPECT_EQ(r.line(), 1);
  r.Read(rec);
  EXPECT_EQ(r.line(), 2);
  r.Read(rec);
  EXPECT_EQ(r.line(), 4);
}

}  // namespace
}  // namespace chokepoint::io
