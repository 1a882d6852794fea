#include "text/name_field.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace chokepoint::text {
namespace {

// The parts' names and markers as "marker|name" strings.
std::vector<std::string> Parts(std::string_view field) {
  std::vector<std::string> out;
  for (const NameFieldPart& p : SplitNameField(field)) out.push_back(p.marker + "|" + p.name);
  return out;
}

using V = std::vector<std::string>;

TEST(NameFieldTest, SplitsAtEachMarker) {
  EXPECT_EQ(Parts("BANK MELLI IRAN T/A MELLI BANK"), (V{"|BANK MELLI IRAN", "T/A|MELLI BANK"}));
  EXPECT_EQ(Parts("John Doe a.k.a. 'Johnny D'"), (V{"|John Doe", "a.k.a.|Johnny D"}));
  EXPECT_EQ(Parts("ACME LLC, AKA: ACME GENERAL TRADING; ACME FZE"),
            (V{"|ACME LLC", "AKA|ACME GENERAL TRADING", ";|ACME FZE"}));
  EXPECT_EQ(Parts("X F/K/A Y D/B/A Z"), (V{"|X", "F/K/A|Y", "D/B/A|Z"}));
  EXPECT_EQ(Parts("ivan petrov c/o oao neft"), (V{"|ivan petrov", "c/o|oao neft"}));
  EXPECT_EQ(Parts("Alpha Ltd  also   known as  Beta Ltd"),
            (V{"|Alpha Ltd", "also   known as|Beta Ltd"}));
  EXPECT_EQ(Parts("A formerly known as B"), (V{"|A", "formerly known as|B"}));
  EXPECT_EQ(Parts("A formerly B"), (V{"|A", "formerly|B"}));
  EXPECT_EQ(Parts("Jane Roe on behalf of Gamma SA"), (V{"|Jane Roe", "on behalf of|Gamma SA"}));
  EXPECT_EQ(Parts("张三；李四"), (V{"|张三", "；|李四"}));
}

TEST(NameFieldTest, BracketsAndQuotesAroundAPart) {
  EXPECT_EQ(Parts("NEW NAME JSC (FORMERLY OLD NAME JSC)"),
            (V{"|NEW NAME JSC", "FORMERLY|OLD NAME JSC"}));
  EXPECT_EQ(Parts("NEW (RUSSIA) LLC [A.K.A. \u201COLD (RUSSIA) LLC\u201D]"),
            (V{"|NEW (RUSSIA) LLC", "A.K.A.|OLD (RUSSIA) LLC"}));
}

TEST(NameFieldTest, AFieldOfOneName) {
  EXPECT_TRUE(Parts("ROSOBORONEXPORT JSC").empty());
  EXPECT_TRUE(Parts("").empty());
  // Markers only as whole words: inside words, after a stop or a slash.
  EXPECT_TRUE(Parts("KAKAO CORP").empty());
  EXPECT_TRUE(Parts("DBASE TECHNOLOGIES").empty());
  EXPECT_TRUE(Parts("ABC/O TRADING").empty());
  EXPECT_TRUE(Parts("SAKA S.AKA").empty());
  EXPECT_TRUE(Parts("ALIASGAR HUSSEIN").empty());
  // A marker that is also a word (aka, alias) needs a name before it.
  EXPECT_TRUE(Parts("Aka Shinji").empty());
  EXPECT_TRUE(Parts("ALIAS INVESTMENTS").empty());
}

TEST(NameFieldTest, PartsWithoutAWordAreLeftOut) {
  // A slashed or dotted marker may open the field.
  EXPECT_EQ(Parts("c/o ROSOBORONEXPORT"), (V{"c/o|ROSOBORONEXPORT"}));
  EXPECT_EQ(Parts("JOHN SMITH AKA"), (V{"|JOHN SMITH"}));
  EXPECT_EQ(Parts("A ; ; B"), (V{"|A", ";|B"}));
  EXPECT_EQ(Parts(" ; "), V{});
}

}  // namespace
}  // namespace chokepoint::text
