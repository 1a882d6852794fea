// Tests for the HS normaliser, the goods lists and the classifier. Expected
// descriptions and tiers are read from the shared source CSVs here, not
// copied from the engine's output.

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "chokepoint/goods.h"
#include "goods/chpl.h"
#include "io/csv.h"
#include "io/file.h"

namespace chokepoint::goods {
namespace {

// The generator stores descriptions with runs of whitespace collapsed and
// trimmed (a few HS texts end in a space); the expected values do the same.
std::string Collapse(std::string_view s) {
  std::string out;
  for (char c : s) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// hscode -> description of one edition, from the shared nomenclature CSV.
std::map<std::string, std::string> ReadHs(const std::string& file) {
  auto data = io::ReadFile(std::string(CHOKEPOINT_SHARED_DIR) + "/data/hs/" + file);
  EXPECT_TRUE(data.ok()) << data.status().ToString();
  std::map<std::string, std::string> out;
  if (!data.ok()) return out;
  io::CsvReader reader(data.value());
  std::vector<std::string> rec;
  reader.Read(rec);
  io::CsvHeader header(rec);
  while (reader.Read(rec) == io::CsvReader::Next::kRecord) {
    if (io::Field(rec, header.Col("section")) == "TOTAL") continue;
    out[io::Field(rec, header.Col("hscode"))] = Collapse(io::Field(rec, header.Col("description")));
  }
  return out;
}

std::map<std::string, std::string> ReadChplTiers() {
  auto data = io::ReadFile(std::string(CHOKEPOINT_SHARED_DIR) +
                           "/data/trade/chpl/common_high_priority_list_hs6_2024-02.csv");
  EXPECT_TRUE(data.ok());
  std::map<std::string, std::string> out;
  if (!data.ok()) return out;
  io::CsvReader reader(data.value());
  std::vector<std::string> rec;
  reader.Read(rec);
  io::CsvHeader header(rec);
  while (reader.Read(rec) == io::CsvReader::Next::kRecord) {
    out[io::Field(rec, header.Col("hs6"))] = io::Field(rec, header.Col("tier"));
  }
  return out;
}

TEST(NormalizeHs, AcceptsPunctuatedAndNationalCodes) {
  auto hs22 = ReadHs("hs2022_harmonized-system.csv");
  for (const char* input : {"8542.31", "8542 31 90", "854231", "HS 8542.31.0000", "8542-31"}) {
    auto r = NormalizeHs(input);
    ASSERT_TRUE(r.ok()) << input << ": " << r.status().ToString();
    EXPECT_EQ(r->code.hs6, "854231") << input;
    EXPECT_EQ(r->code.description, hs22["854231"]);
    EXPECT_EQ(r->code.chpl_tier, "1");
    EXPECT_TRUE(r->code.fincen_high_priority);
  }
  auto r = NormalizeHs("8542 31 90");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->national_suffix, "90");
}

TEST(NormalizeHs, EveryHs2022SubheadingRoundTrips) {
  auto hs22 = ReadHs("hs2022_harmonized-system.csv");
  auto tiers = ReadChplTiers();
  size_t n = 0;
  for (const auto& [code, desc] : hs22) {
    if (code.size() != 6) continue;
    ++n;
    std::string dotted = code.substr(0, 4) + "." + code.substr(4);
    auto r = NormalizeHs(dotted);
    ASSERT_TRUE(r.ok()) << dotted << ": " << r.status().ToString();
    EXPECT_EQ(r->code.hs6, code);
    EXPECT_EQ(r->code.description, desc) << code;
    auto t = tiers.find(code);
    EXPECT_EQ(r->code.chpl_tier, t == tiers.end() ? "" : t->second) << code;
  }
  EXPECT_GT(n, 5000u);
}

TEST(NormalizeHs, HeadingListsItsChplSubheadings) {
  auto tiers = ReadChplTiers();
  std::string expected;
  for (const auto& [code, tier] : tiers) {
    if (code.compare(0, 4, "8542") == 0) expected += (expected.empty() ? "" : ", ") + code;
  }
  for (const char* input : {"8542", "85.42"}) {
    auto r = NormalizeHs(input);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_TRUE(r->is_heading);
    EXPECT_TRUE(r->code.hs6.empty());
    EXPECT_EQ(r->note,
              "8542: a heading, not a subheading; CHPL subheadings inside it: " + expected);
  }
  auto none = NormalizeHs("0101");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->subheadings.empty());
}

TEST(NormalizeHs, RejectsWithReasons) {
  struct Case {
    const char* input;
    const char* message;
  } cases[] = {
      {"85423", "85423: 5 digits is ambiguous"},
      {"999999", "999999: not an HS 2022 code"},
      {"8542a", "8542a: not an HS code: unexpected character 'a'"},
      {"85", "85: a chapter, not a subheading"},
      {"", ": not an HS code: no digits"},
      {"854231901234", "854231901234: 12 digits: too long"},
      {"852580", "852580: not an HS 2022 code (it is an HS 2017 code; in HS 2022: 852581"},
      {"9999", "9999: not an HS 2022 heading"},
  };
  for (const auto& c : cases) {
    auto r = NormalizeHs(c.input);
    ASSERT_FALSE(r.ok()) << c.input;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message().rfind(c.message, 0), 0u)
        << c.input << " -> " << r.status().message();
  }
}

TEST(NormalizeHs, Hs2017Edition) {
  auto hs17 = ReadHs("hs2017_harmonized-system.csv");
  auto r = NormalizeHs("8525.80", HsVintage::k2017);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->code.description, hs17["852580"]);
  EXPECT_EQ(r->code.chpl_tier, "3A");  // via its HS 2022 successor 852589
  EXPECT_FALSE(NormalizeHs("880621", HsVintage::k2017).ok());
}

TEST(GoodsLists, FincenNineAreChplTiers1And2) {
  auto tiers = ReadChplTiers();
  size_t tier12 = 0;
  for (const auto& [code, tier] : tiers) tier12 += (tier == "1" || tier == "2");
  EXPECT_EQ(FincenHighPriorityCodes().size(), tier12);
  for (const auto& code : FincenHighPriorityCodes()) {
    ASSERT_TRUE(tiers.count(code)) << code;
    EXPECT_TRUE(tiers[code] == "1" || tiers[code] == "2") << code;
  }
  EXPECT_EQ(Eo14114CriticalItemCategories().size(), 8u);
}

TEST(GoodsLists, ControlledGoodsCsv) {
  std::vector<Problem> problems;
  auto list = ControlledGoodsList::Parse(
      "hs,label\n8542.31,MCUs\n8542,all ICs\n85423,bad\n391220,nitrocellulose\nxyz,bad\n",
      "user.csv", &problems);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->items().size(), 3u);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].line, 4);
  auto m = list->Match("85423190");
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0]->label, "MCUs");
  EXPECT_EQ(m[1]->label, "all ICs");
  EXPECT_TRUE(list->Match("848210").empty());
  EXPECT_FALSE(ControlledGoodsList::Parse("code,name\n1,2\n", "x.csv", nullptr).ok());
}

struct Golden {
  const char* text;
  const char* top1;
};

TEST(ClassifyGoods, GoldenCases) {
  const Golden cases[] = {
      {"STM32F103C8T6", "854231"},
      {"микроконтроллер", "854231"},
      {"单片机", "854231"},
      {"ПЛИС", "854239"},
      {"FPGA XC7A35T-1CPG236C", "854239"},
      {"шарикоподшипник", "848210"},
      {"球轴承", "848210"},
      {"6205-2RS", "848210"},
      {"тепловизор", "852589"},
      {"热像仪", "852589"},
      {"nitrocellulose", "391220"},
      {"硝化纤维", "391220"},
      {"нитроцеллюлоза", "391220"},
      {"токарный станок с ЧПУ", "845811"},
      {"数控车床", "845811"},
      {"u-blox NEO-M8N", "852691"},
      {"SIM800L", "851762"},
      {"MT41K256M16TW-107", "854232"},
  };
  for (const auto& c : cases) {
    auto cands = ClassifyGoods(c.text);
    ASSERT_FALSE(cands.empty()) << c.text;
    EXPECT_EQ(cands[0].code.hs6, c.top1) << c.text;
    EXPECT_FALSE(cands[0].evidence.empty()) << c.text;
  }
  auto drone = ClassifyGoods("БПЛА");
  ASSERT_FALSE(drone.empty());
  EXPECT_EQ(drone[0].code.hs6.substr(0, 4), "8806");
  auto jet = ClassifyGoods("turbojet", {.top_k = 2});
  ASSERT_EQ(jet.size(), 2u);
  EXPECT_EQ(jet[0].code.hs6, "841111");
  EXPECT_EQ(jet[1].code.hs6, "841112");
  auto stm = ClassifyGoods("STM32F103C8T6");
  EXPECT_NE(stm[0].evidence[0].find("STM32F103C8T6"), std::string::npos);
  EXPECT_TRUE(ClassifyGoods("").empty());
  EXPECT_TRUE(ClassifyGoods("zzqx 12").empty());
}

}  // namespace
}  // namespace chokepoint::goods
