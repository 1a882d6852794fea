// Wade-Giles -> pinyin. The expected spellings are the standard
// correspondences of the two systems (initials hs x, ch zh / j before i,
// ts tz z, k g, p b, t d, j r; finals -ih -i, -ung -ong, -ien -ian, -ieh -ie;
// whole syllables tzu zi, ssu si, erh er), read unaspirated.
#include "text/wade_giles.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace chokepoint::text::internal {
namespace {

std::string Py(std::vector<std::string_view> tokens) { return WadeGilesToPinyin(tokens); }

TEST(TextWadeGiles, ReadsNamesAsPinyin) {
  EXPECT_EQ(Py({"mao", "tse", "tung"}), "mao zedong");
  EXPECT_EQ(Py({"hsi", "chin", "ping"}), "xi jinbing");  // p'ing without its mark
  EXPECT_EQ(Py({"chiang", "ching", "kuo"}), "jiang jingguo");
  EXPECT_EQ(Py({"li", "hsien", "nien"}), "li xiannian");
  EXPECT_EQ(Py({"sun", "tzu"}), "sun zi");
  EXPECT_EQ(Py({"chou", "shih", "lo"}), "zhou shiluo");
  EXPECT_EQ(Py({"ko", "hung"}), "ge hong");
}

TEST(TextWadeGiles, Syllables) {
  for (const char* s : {"yu", "liang", "pao", "hsiang", "tzu", "erh", "chih"}) {
    EXPECT_TRUE(IsWadeGilesSyllable(s)) << s;
  }
  for (const char* s : {"kim", "gazprom", "ooo", "", "lih"})
    EXPECT_FALSE(IsWadeGilesSyllable(s)) << s;
}

TEST(TextWadeGiles, LeavesOtherNamesAlone) {
  EXPECT_EQ(Py({"chen", "wei"}), "");        // also pinyin: nothing only Wade-Giles writes
  EXPECT_EQ(Py({"kim", "jong", "un"}), "");  // "kim" is no syllable
  EXPECT_EQ(Py({"john", "hsu", "smith"}), "");
  EXPECT_EQ(Py({"hsu"}), "");  // one token
  EXPECT_EQ(Py({"a", "b", "c", "d", "e"}), "");
}

}  // namespace
}  // namespace chokepoint::text::internal
