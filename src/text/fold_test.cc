#include <gtest/gtest.h>

#include <string>

#include "text/analyze.h"

namespace chokepoint::text {
namespace {

TEST(TextFold, CaseAndDiacritics) {
  EXPECT_EQ(Fold("José  MARÍA"), "jose maria");
  EXPECT_EQ(Fold("Łukasz Żółć"), "lukasz zolc");
  EXPECT_EQ(Fold("Søren Ærø"), "soren aero");
  EXPECT_EQ(Fold("Ǿ"), "o");  // decomposes to ø + acute; ø still maps to o
  EXPECT_EQ(Fold("Straße"), "strasse");
  EXPECT_EQ(Fold("ǅemal"), "dzemal");
  EXPECT_EQ(Fold("ＡＢＣ　１２３"), "abc 123");  // NFKC: full-width forms
}

TEST(TextFold, CyrillicKeepsShortI) {
  EXPECT_EQ(Fold("Артём Хрущёв"), "артем хрущев");
  EXPECT_EQ(Fold("Аркадий"), "аркадий");
  EXPECT_EQ(Fold("ЙОШКАР"), "йошкар");
  EXPECT_EQ(Fold("Їжак"), "їжак");
}

TEST(TextFold, ApostrophesJoinOtherPunctuationSeparates) {
  EXPECT_EQ(Fold("O'BRIEN"), "obrien");
  EXPECT_EQ(Fold("O’Brien"), "obrien");
  EXPECT_EQ(Fold("'quoted' name"), "quoted name");
  EXPECT_EQ(Fold("AL-QAEDA"), "al qaeda");
  EXPECT_EQ(Fold("J.P. Morgan & Co."), "j p morgan and co");
  EXPECT_EQ(Fold("ООО «Ромашка»"), "ооо ромашка");
  EXPECT_EQ(Fold("  a ,, b  "), "a b");
}

// "&" reads "and", except inside an acronym of one- or two-letter groups.
TEST(TextFold, AmpersandIsAndOutsideAcronyms) {
  EXPECT_EQ(Fold("Hennes & Mauritz"), "hennes and mauritz");
  EXPECT_EQ(Fold("Hennes&Mauritz"), "hennes and mauritz");
  EXPECT_EQ(Fold("AT&T"), "att");
  EXPECT_EQ(Fold("H&M Hennes & Mauritz AB"), "hm hennes and mauritz ab");
  EXPECT_EQ(Fold("ＡＴ＆Ｔ Ｉｎｃ"), "att inc");  // fullwidth: the ICU path
  EXPECT_EQ(Fold("Müller & Söhne"), "muller and sohne");
  EXPECT_EQ(Fold("& Co"), "and co");
}

TEST(TextFold, InvisibleCharactersRemoved) {
  EXPECT_EQ(Fold("Pu\u200Btin"), "putin");                    // zero-width space
  EXPECT_EQ(Fold("\u200Fمحمد\u200E"), "محمد");                // RLM, LRM
  EXPECT_EQ(Fold("\u202Babc\u202C \u2067d\u2069"), "abc d");  // embeddings, isolates
  EXPECT_EQ(Fold("a\x01"
                 "b\x7f"
                 "c"),
            "abc");  // controls
  EXPECT_EQ(Fold("a\tb\nc"), "a b c");
  EXPECT_EQ(Fold("\uFEFFname"), "name");  // BOM
  // One between two marks goes before they are composed: ে, a NUL, া is ো
  // (U+09C7, U+09BE -> U+09CB) at once, not at a second Fold.
  const std::string split("\u09AC\u09C7\0\u09BE", 10);
  EXPECT_EQ(Fold(split), "\u09AC\u09CB");
  EXPECT_EQ(Fold(Fold(split)), Fold(split));
}

TEST(TextFold, InvalidUtf8IsReplaced) {
  EXPECT_EQ(Fold("ab\xff"
                 "cd"),
            "ab cd");
  EXPECT_EQ(Fold("\xc3"), "");
  EXPECT_EQ(Fold(std::string("a\0b", 3)), "ab");
}

TEST(TextFold, OtherScriptsKeepTheirMarks) {
  // Arabic vowel marks and Devanagari vowel signs are part of the spelling.
  EXPECT_EQ(Fold("مُحَمَّد"), "مُحَمَّد");
  EXPECT_EQ(Fold("मोदी"), "मोदी");
  EXPECT_EQ(Fold("Ἀλέξανδρος"), "αλεξανδροσ");
}

// A mark only stays on a letter: after a separator (the small ampersand ﹠
// becomes " and ") it would not survive a second Fold (found by the
// text_normalize fuzzer).
TEST(TextFold, MarkAfterASeparatorIsDropped) {
  const std::string once = Fold("\u062d\ufe60\u0615");  // ح﹠ؕ
  EXPECT_EQ(once, "\u062d and");
  EXPECT_EQ(Fold(once), once);
}

TEST(TextFold, EmptyAndPunctuationOnly) {
  EXPECT_EQ(Fold(""), "");
  EXPECT_EQ(Fold(" .,;- "), "");
}

// Latin look-alikes typed into a Cyrillic word become Cyrillic letters; a
// Latin word next to a Cyrillic one, or a word with Latin letters that have
// no Cyrillic twin, is left alone.
TEST(TextFold, MixedScriptHomoglyphs) {
  EXPECT_EQ(Fold("C\u0435\u0440\u0433\u0456\u0439"), Fold("\u0421\u0435\u0440\u0433\u0456\u0439"));
  EXPECT_EQ(Fold("\u0411\u0410\u0421\u0423\u0420I\u041d"),
            "\u0431\u0430\u0441\u0443\u0440\u0456\u043d");
  EXPECT_EQ(Fold("\u0424\u0451\u0434o\u0440o\u0432\u0438\u0447"),
            Fold("\u0424\u0451\u0434\u043e\u0440\u043e\u0432\u0438\u0447"));
  EXPECT_EQ(Fold("OOO \u0420\u043e\u0433"), "ooo \u0440\u043e\u0433");
  EXPECT_EQ(Fold("\u0418\u0432\u0430\u043dov"), "\u0438\u0432\u0430\u043dov");  // v has no twin
  // A word of look-alikes only takes the script of the name's other letters.
  EXPECT_EQ(
      Fold("A\u041e \u041c\u0415\u0425\u0410\u041d\u0418\u0427\u0415\u0421\u041a\u0418\u0419"),
      "\u0430\u043e \u043c\u0435\u0445\u0430\u043d\u0438\u0447\u0435\u0441\u043a\u0438\u0439");
  EXPECT_EQ(Fold("\u041f\u0435\u043b\u043b\u0430 \u041eOO"),
            "\u043f\u0435\u043b\u043b\u0430 \u043e\u043e\u043e");
  EXPECT_EQ(Fold("OO\u041e Romashka"), "ooo romashka");
  EXPECT_EQ(Fold("Gazprom N\u0435ft"), "gazprom neft");
  // Mixed and ambiguous on both sides: left as it is.
  EXPECT_EQ(Fold("A\u041e"), "a\u043e");
}

}  // namespace
}  // namespace chokepoint::text
