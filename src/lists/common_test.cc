// Country names to ISO 3166 codes (lists/common.h). The expected codes are
// ISO 3166-1 alpha-2's.

#include "lists/common.h"

#include <gtest/gtest.h>

namespace chokepoint::lists {
namespace {

TEST(ListsCountryCode, NamesAndCodes) {
  EXPECT_EQ(CountryCode("Russia"), "RU");
  EXPECT_EQ(CountryCode("RUS"), "RU");
  EXPECT_EQ(CountryCode("ru"), "RU");
  EXPECT_EQ(CountryCode("Korea, North"), "KP");
  EXPECT_EQ(CountryCode("Moscow, Russia"), "RU");
  EXPECT_EQ(CountryCode("Atlantis"), "");
}

TEST(ListsCountryCode, InvertedNamesAsWords) {
  EXPECT_EQ(InvertedCountryCode("korea north"), "KP");
  EXPECT_EQ(InvertedCountryCode("virgin islands british"), "VG");
  EXPECT_EQ(InvertedCountryCode("congo democratic republic of the"), "CD");
  // Only the inverted names, and only as words without the comma.
  EXPECT_EQ(InvertedCountryCode("russia"), "");
  EXPECT_EQ(InvertedCountryCode("north korea"), "");
  EXPECT_EQ(InvertedCountryCode("korea, north"), "");
  EXPECT_EQ(InvertedCountryCode("un pak"), "");
}

}  // namespace
}  // namespace chokepoint::lists
