#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>

#include "text/analyze.h"
#include "text/variant_rules.h"

namespace chokepoint::text {
namespace {

// The obviously correct reference: each rule by plain string replacement, in
// order (Python's str.replace semantics for anchor kAny).
std::string ReferenceRules(std::string s) {
  for (const internal::VariantRule& r : internal::VariantRules()) {
    if (s.size() < r.min_len) continue;
    const std::string from = r.from, to = r.to;
    switch (r.anchor) {
      case internal::Anchor::kStart:
        if (s.rfind(from, 0) == 0) s = to + s.substr(from.size());
        break;
      case internal::Anchor::kEnd:
        if (s.size() >= from.size() && s.compare(s.size() - from.size(), from.size(), from) == 0) {
          s = s.substr(0, s.size() - from.size()) + to;
        }
        break;
      case internal::Anchor::kAny: {
        std::string out;
        size_t pos = 0;
        while (true) {
          size_t at = s.find(from, pos);
          if (at == std::string::npos) break;
          out += s.substr(pos, at - pos) + to;
          pos = at + from.size();
        }
        s = out + s.substr(pos);
        break;
      }
    }
  }
  return s;
}

TEST(TextVariantKey, FastMatchesReferenceOnRandomStrings) {
  std::mt19937 rng(12345);
  // A skewed alphabet so that rule patterns (kh, ts, iy, ...) occur often.
  const std::string alphabet = "aeiouyjkhstczqwxdgfpnmrlbv";
  int checked = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    int len = 1 + static_cast<int>(rng() % 12);
    for (int j = 0; j < len; ++j) s += alphabet[rng() % (rng() % 2 ? 8 : alphabet.size())];
    ASSERT_EQ(internal::ApplyVariantRules(s), ReferenceRules(s)) << s;
    ++checked;
  }
  EXPECT_EQ(checked, 20000);
}

TEST(TextVariantKey, SpellingVariantsMeet) {
  auto same = [](const char* a, const char* b) {
    EXPECT_EQ(VariantKey(a), VariantKey(b)) << a << " vs " << b;
  };
  same("arkadiy", "arkadii");
  same("arkadiy", "arkady");
  same("arkadiy", "arkadij");
  same("aleksey", "alexei");
  same("yusuf", "jusuf");
  same("yusuf", "iusuf");
  same("yakovlev", "iakovlev");
  same("yevgeniy", "evgenii");
  same("khodorkovsky", "hodorkovskiy");
  same("zhukov", "zhoukov");
  same("dzhabarov", "djabarov");
  same("yakovlev", "jakovlev");
  same("kuznetsov", "kuznetzov");
  same("chaikovsky", "tchaikovsky");
  same("schmidt", "shmidt");
  same("philip", "filip");
  same("smirnoff", "smirnov");
  // A final -iya or -iyah is -ia.
  same("ziya", "zia");
  same("mariya", "maria");
  same("aliyah", "alia");
  // Burmese ht or t.
  same("htun", "tun");
  same("romanow", "romanov");
  same("grigoryev", "grigoriev");
  same("mohammed", "muhammad");
  same("mohamed", "mohammad");
  same("osama", "usama");
  same("abdulla", "abdullah");
  same("Alexander", "aleksandr");
  // Final -ich / -ic (Милошевич, Milošević folded).
  same("milosevich", "milosevic");
  same("abramovitch", "abramovic");
  // Greek hydro- as Russian (гидро-) and Spanish write it.
  same("hydromash", "gidromash");
  same("rushydro", "rusgidro");
  same("hidroelectrica", "gidroelectrica");
  same("sino", "china");  // Sino Holdings Group, 中国控股
  // Inner y between a vowel and a consonant (й, ي): Шойгу, فيصل.
  same("shoygu", "shoigu");
  same("faysal", "faisal");
  same("zeynab", "zeinab");
  same("vaynberg", "vainberg");
  same("kubaysi", "kubaisi");
  // Russian тех- as English writes it (Ростех, Техмаш, Спецтехника).
  same("rostekh", "rostec");
  same("rostekh", "rostech");
  same("tekhmash", "techmash");
  same("spetstekhnika", "spectechnika");
  same("tekhnologii", "technologii");
  // Saint written short.
  same("st", "saint");
  same("sankt", "saint");
  // Mohammed written short: Mohd., Mhd. and South Asia's Md.
  same("mohd", "muhammad");
  same("md", "mohammed");
  // One Arabic given name in Arabic, Persian, Turkish and Maghrebi
  // spellings (إسماعيل, محسن, مرتضى, عثمان, قاسم, رضا, يحيى).
  same("esmail", "ismael");
  same("mohsen", "muhsin");
  same("morteza", "murtada");
  same("othman", "osman");
  same("qasim", "kassem");
  same("reza", "ridha");
  same("yahya", "yehia");
}

TEST(TextVariantKey, DifferentNamesStayApart) {
  EXPECT_NE(VariantKey("ivan"), VariantKey("ivanov"));
  EXPECT_NE(VariantKey("jose"), VariantKey("yose"));  // no j->y before o
  EXPECT_NE(VariantKey("putin"), VariantKey("patin"));
  EXPECT_NE(VariantKey("khidr"), VariantKey("gidr"));  // kh -> h comes after hydro-
  // A y before a vowel is a consonant: Bayan is not Baian.
  EXPECT_NE(VariantKey("bayan"), VariantKey("baian"));
  // Inside a word tech is as often Russian теч- (Стечкин): left alone.
  EXPECT_NE(VariantKey("stechkin"), VariantKey("stekhkin"));
  // MUHD is also the Persian surname موحد (Movahed) without its vowels.
  EXPECT_NE(VariantKey("muhd"), VariantKey("muhammad"));
  // Names of one root but not one name: Qasem is not Hashem, Reza not Raza.
  EXPECT_NE(VariantKey("qasem"), VariantKey("hashem"));
  EXPECT_NE(VariantKey("reza"), VariantKey("raza"));
  EXPECT_EQ(VariantKey(""), "");
  EXPECT_EQ(VariantKey("Ivan-Ivanov!"), VariantKey("ivanivanov"));  // non-alnum ignored
}

// Each pair's two spellings have one VariantKey.
void ExpectSameKeys(std::initializer_list<std::pair<const char*, const char*>> pairs) {
  for (const auto& [a, b] : pairs) EXPECT_EQ(VariantKey(a), VariantKey(b)) << a << " " << b;
}

// Ukrainian and Russian forms of one given name or patronymic (the Ukrainian
// national romanisation against BGN's Russian), as the UK list gives them for
// one person: Oleh / Oleg AKIMOV, Fedir Dmytrovych / Fedor Dmitrievich BEREZIN.
TEST(TextVariantKey, UkrainianAndRussianGivenNamesMeet) {
  ExpectSameKeys({
      {"Volodymyr", "Vladimir"},
      {"Mykola", "Nikolai"},
      {"Hryhorii", "Grigory"},
      {"Heorhiy", "Georgiy"},
      {"Oleh", "Oleg"},
      {"Ihor", "Igor"},
      {"Oleksandr", "Aleksandr"},
      {"Oleksii", "Alexey"},
      {"Mykhailo", "Mikhail"},
      {"Yevhen", "Evgeny"},
      {"Fedir", "Fyodor"},
      {"Kyrylo", "Kirill"},
      {"Olena", "Yelena"},
      {"Halyna", "Galina"},
      {"Kateryna", "Ekaterina"},
      {"Olha", "Olga"},
      {"Volodymyrovych", "Vladimirovich"},
      {"Mykolayovych", "Nikolaevich"},
      {"Serhiyovych", "Sergeyevich"},
      {"Dmytrovych", "Dmitrievich"},
      {"Volodymyrivna", "Vladimirovna"},
      {"Ihorivna", "Igorevna"},
  });
  // A man's patronymic is not a woman's, and forms that other names also
  // bear are left out.
  EXPECT_NE(VariantKey("Volodymyrovych"), VariantKey("Vladimirovna"));
  EXPECT_NE(VariantKey("Oleh"), VariantKey("Olha"));
  EXPECT_NE(VariantKey("Hanna"), VariantKey("Anna"));
  EXPECT_NE(VariantKey("Halyna"), VariantKey("Hanna"));
}

// Belarusian forms (the national romanisation: Аляксандр Aliaksandr, Сяргей
// Siarhei, Лукашэнка LUKASHENKA) against the Russian ones, as the UK list
// gives both for one person: given names, patronymics (-avich, -auna) and
// the surname endings -enka / -enko, -ouski / -ovsky.
TEST(TextVariantKey, BelarusianAndRussianFormsMeet) {
  ExpectSameKeys({
      {"Aliaksandr", "Aleksandr"},
      {"Siarhei", "Sergei"},
      {"Uladzimir", "Vladimir"},
      {"Dzmitry", "Dmitry"},
      {"Aleh", "Oleg"},
      {"Ihar", "Igor"},
      {"Viktar", "Viktor"},
      {"Volha", "Olga"},
      {"Tatsiana", "Tatyana"},
      {"Aliaksandravich", "Aleksandrovich"},
      {"Mikalaevich", "Nikolaevich"},
      // Яўгенавіч with the Russian g, Пятроўна, Цімафееўна, Цімафей.
      {"Yaugenavich", "Yevgenevich"},
      {"Piatrouna", "Petrovna"},
      {"Tsimafeeuna", "Timofeevna"},
      {"Tsimafei", "Timofei"},
      {"Mikalaeuna", "Nikolaevna"},
      {"Lukashenka", "Lukashenko"},
      {"Shuliakouski", "Shuliakovsky"},
      {"Plysheuskiy", "Plyshevsky"},
  });
  EXPECT_NE(VariantKey("Mikalaevich"), VariantKey("Mikalaeuna"));
  // Short -enka words are Czech and Slovak women's names, not -enko.
  EXPECT_NE(VariantKey("Zdenka"), VariantKey("Zdenko"));
  EXPECT_NE(VariantKey("Lenka"), VariantKey("Lenko"));
}

TEST(TextPhoneticKey, Examples) {
  EXPECT_EQ(PhoneticKey("moshe"), PhoneticKey("msh"));
  EXPECT_EQ(PhoneticKey("somchai"), PhoneticKey("smchay"));
  EXPECT_EQ(PhoneticKey("muhammad"), PhoneticKey("mhmd"));
  EXPECT_EQ(PhoneticKey("katherine"), PhoneticKey("kathryn"));
  EXPECT_NE(PhoneticKey("putin"), PhoneticKey("medvedev"));
  EXPECT_EQ(PhoneticKey("omar").substr(0, 1), "A");
  // The j that VariantKey writes as y (Jakob -> yakob) or drops (Jefferson
  // -> efferson) meets the j of дж (Dzhakob -> jakob); a y stays a vowel.
  EXPECT_EQ(PhoneticKey("jacob"), PhoneticKey("dzhakob"));
  EXPECT_EQ(PhoneticKey("jefferson"), PhoneticKey("jifrsun"));
  EXPECT_EQ(PhoneticKey("yang").substr(0, 1), "A");
  EXPECT_NE(PhoneticKey("yang"), PhoneticKey("jiang"));
  // ch before r or l is k (Christina, Kristina).
  EXPECT_EQ(PhoneticKey("christina"), PhoneticKey("kristina"));
  EXPECT_EQ(PhoneticKey("chen").substr(0, 1), "X");
  EXPECT_EQ(PhoneticKey(""), "");
}

// The respelling each rule describes, written out by hand: its key is the
// plain key of the respelt word.
TEST(TextLoanwordPhoneticKey, RespellsAsLoanwordsWriteForeignNames) {
  EXPECT_EQ(LoanwordPhoneticKey("Markel"), PhoneticKey("makel"));    // r before a consonant
  EXPECT_EQ(LoanwordPhoneticKey("Maunder"), PhoneticKey("maunde"));  // final r
  EXPECT_EQ(LoanwordPhoneticKey("Goldmark"), PhoneticKey("godmak"));
  EXPECT_EQ(LoanwordPhoneticKey("Hambroek"), PhoneticKey("hanbroek"));  // m before a labial
  EXPECT_EQ(LoanwordPhoneticKey("Redding"), PhoneticKey("redin"));      // doubles, final -ng
  EXPECT_EQ(LoanwordPhoneticKey("Giro"), PhoneticKey("jiro"));          // g before i
  EXPECT_EQ(LoanwordPhoneticKey("Mathew"), PhoneticKey("masew"));       // th
  // keep_l: only the r goes (Spielberg 斯皮尔伯格 writes the l).
  EXPECT_EQ(LoanwordPhoneticKey("Spielberg", true), PhoneticKey("spielbeg"));
  EXPECT_EQ(LoanwordPhoneticKey("Spielberg"), PhoneticKey("spiebeg"));
  EXPECT_EQ(LoanwordPhoneticKey("Halford", true), PhoneticKey("halfod"));
  // A final l stays (尔 writes it); r and l between vowels or after a
  // consonant stay; nothing to respell gives "".
  EXPECT_EQ(LoanwordPhoneticKey("Karel"), "");
  EXPECT_EQ(LoanwordPhoneticKey("Maria"), "");
  EXPECT_EQ(LoanwordPhoneticKey("Fred"), "");
  EXPECT_EQ(LoanwordPhoneticKey("Anna"), "");
  EXPECT_EQ(LoanwordPhoneticKey(""), "");
}

// Chinese surnames: the pinyin that romanising Han text gives matches the
// Wade-Giles and Cantonese spellings lists use (許 Xu/Hsu, 張 Zhang/Cheung,
// 蔡 Cai/Tsai, 黃 Huang/Wong, 劉 Liu/Lau).
TEST(TextVariantKey, ChineseSurnameSpellings) {
  const std::pair<const char*, const char*> kSame[] = {
      {"xu", "hsu"},  {"zhang", "cheung"}, {"cai", "tsai"}, {"huang", "wong"},
      {"liu", "lau"}, {"guo", "kuo"},      {"xie", "hsieh"}};
  for (const auto& [a, b] : kSame) EXPECT_EQ(VariantKey(a), VariantKey(b)) << a << " " << b;
  EXPECT_NE(VariantKey("zhang"), VariantKey("zheng"));
  EXPECT_NE(VariantKey("xu"), VariantKey("xie"));
}

}  // namespace
}  // namespace chokepoint::text
