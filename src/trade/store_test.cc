#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <random>

#include "chokepoint/trade.h"
#include "io/file.h"

namespace chokepoint::trade {
namespace {

TradeRecord Rec(std::string rep, std::string par, std::string hs, int32_t period, double value,
                Flow flow = Flow::kExport) {
  TradeRecord r;
  r.reporter = rep;
  r.partner = par;
  r.hs_code = hs;
  r.period = period;
  r.value = value;
  r.flow = flow;
  r.currency = "EUR";
  return r;
}

std::vector<TradeRecord> Sample() {
  return {Rec("DE", "RU", "85423190", 202101, 100), Rec("DE", "RU", "8542", 202101, 999),
          Rec("DE", "KZ", "85423190", 202101, 10),  Rec("FR", "KZ", "85423190", 202201, 40),
          Rec("DE", "RU", "85423190", 202201, 20),  Rec("DE", "AM", "84581100", 202202, 5),
          Rec("DE", "RU", "85423190", 202112, 70)};
}

TEST(TradeStore, RoundTripThroughFile) {
  auto store = TradeStore::Build(Sample());
  std::string path = ::testing::TempDir() + "/rt.store";
  ASSERT_TRUE(store->Write(path).ok());
  auto opened = TradeStore::Open(path);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  ASSERT_EQ((*opened)->size(), Sample().size());
  for (size_t i = 0; i < Sample().size(); ++i) {
    auto a = Sample()[i];
    auto b = (*opened)->Row(i);
    EXPECT_EQ(a.reporter, b.reporter);
    EXPECT_EQ(a.partner, b.partner);
    EXPECT_EQ(a.hs_code, b.hs_code);
    EXPECT_EQ(a.period, b.period);
    EXPECT_EQ(a.value, b.value);
  }
}

TEST(TradeStore, CorruptFileIsAnErrorNotACrash) {
  auto store = TradeStore::Build(Sample());
  std::string path = ::testing::TempDir() + "/corrupt.store";
  ASSERT_TRUE(store->Write(path).ok());
  auto bytes = io::ReadFile(path).value();
  for (size_t cut : {size_t{0}, size_t{10}, bytes.size() / 2, bytes.size() - 1}) {
    ASSERT_TRUE(io::WriteFileAtomic(path, bytes.substr(0, cut)).ok());
    EXPECT_FALSE(TradeStore::Open(path).ok()) << cut;
  }
  std::string flipped = bytes;
  flipped[bytes.size() / 2] ^= 0x55;
  ASSERT_TRUE(io::WriteFileAtomic(path, flipped).ok());
  auto r = TradeStore::Open(path);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("checksum"), std::string::npos);
}

TEST(TradeQuery, AggregateCodeIsNotCountedTwice) {
  auto store = TradeStore::Build(Sample());
  TradeFilter f;
  f.hs = ParseHsGroup("8542").value();
  auto share = Share(*store, f, ParsePeriod("2021").value(), true);
  // 8542 (999) is an aggregate of 85423190 in this store: only the leaf counts.
  EXPECT_DOUBLE_EQ(share.total, 100 + 10 + 70);
  ASSERT_EQ(share.rows.size(), 2u);
  EXPECT_EQ(share.rows[0].key, "RU");
  EXPECT_DOUBLE_EQ(share.rows[0].share, 170.0 / 180.0);
}

TEST(TradeQuery, SurgeUsesLikeForLikeMonths) {
  auto store = TradeStore::Build(Sample());
  TradeFilter f;
  f.hs = ParseHsGroup("chpl").value();
  auto s = Surge(*store, f, 2021, 2022);
  // 2022 has months 1 and 2, so December 2021 is left out of the baseline.
  EXPECT_EQ(s.months, (std::vector<int>{1, 2}));
  double ru_base = 0, kz_base = 0, kz_cur = 0;
  for (const auto& r : s.rows) {
    if (r.partner == "RU") ru_base = r.baseline;
    if (r.partner == "KZ") {
      kz_base = r.baseline;
      kz_cur = r.period;
    }
  }
  EXPECT_DOUBLE_EQ(ru_base, 100);
  EXPECT_DOUBLE_EQ(kz_base, 10);
  EXPECT_DOUBLE_EQ(kz_cur, 40);
  EXPECT_EQ(s.rows[0].partner, "AM");  // new flow: infinite ratio ranks first
}

TEST(TradeQuery, GroupsAndPeriods) {
  EXPECT_TRUE(ParseHsGroup("chpl:3A").value().Matches("85411000"));
  EXPECT_FALSE(ParseHsGroup("chpl:1").value().Matches("85411000"));
  EXPECT_TRUE(ParseHsGroup("8456-8466").value().Matches("846693"));
  EXPECT_TRUE(ParseHsGroup("nitrocellulose").value().Matches("39122011"));
  EXPECT_FALSE(ParseHsGroup("nitrocellulose").value().Matches("3912"));
  EXPECT_FALSE(ParseHsGroup("banana").ok());
  EXPECT_FALSE(ParseHsGroup("8466-8456").ok());
  auto q = ParsePeriod("2023-Q4").value();
  EXPECT_EQ(q.first_month, 10);
  EXPECT_EQ(q.last_month, 12);
  EXPECT_FALSE(ParsePeriod("2023-Q5").ok());
  EXPECT_FALSE(ParsePeriod("23").ok());
}

// Share and Surge (which visit only the indexed rows of a selective query)
// against a plain pass over the rows in order, computed here: the same sums
// to the last bit, for selective and broad groups, with and without filters.
TEST(TradeQuery, IndexedQueriesEqualAFullPass) {
  std::mt19937_64 rng(3);
  const char* countries[] = {"DE", "FR", "RU", "KZ", "AM", "CN", "GE"};
  std::vector<std::string> codes = {"85423190", "85423110", "8542",     "85411000", "84581100",
                                    "84571010", "39122011", "10019900", "22030001", "61091000",
                                    "87032319", "85176200", "90011000", "88062100", "84073100"};
  for (int k = 0; k < 200; ++k) codes.push_back("27" + std::to_string(100000 + k));
  std::vector<TradeRecord> recs;
  for (int i = 0; i < 20000; ++i) {
    int year = 2019 + static_cast<int>(rng() % 5);
    int month = rng() % 20 == 0 ? 0 : 1 + static_cast<int>(rng() % 12);
    recs.push_back(Rec(countries[rng() % 7], countries[rng() % 7], codes[rng() % codes.size()],
                       year * 100 + month, static_cast<double>(rng() % 100000) / 7.0,
                       rng() % 2 ? Flow::kExport : Flow::kImport));
  }
  auto store = TradeStore::Build(recs);
  // Leaf codes: no other code in the data extends them.
  auto leaf = [&](const std::string& c) {
    for (const auto& o : codes) {
      if (o.size() > c.size() && o.compare(0, c.size(), c) == 0) return false;
    }
    return true;
  };
  for (std::string group : {"8542", "chpl", "27", "microelectronics+84", "88"}) {
    auto g = ParseHsGroup(group).value();
    for (std::string flow : {"", "export"}) {
      for (std::string reporter : {"", "DE"}) {
        TradeFilter f;
        f.hs = g;
        f.flow = flow;
        f.reporter = reporter;
        auto row_ok = [&](const TradeRecord& r) {
          return leaf(r.hs_code) && g.MatchesAnyVintage(r.hs_code) &&
                 (flow.empty() || r.flow == Flow::kExport) &&
                 (reporter.empty() || r.reporter == reporter);
        };
        for (std::string period : {"2021", "2023-Q4", "2020-02"}) {
          auto p = ParsePeriod(period).value();
          std::map<std::string, double> want;
          for (const auto& r : recs) {
            int y = r.period / 100, m = r.period % 100;
            bool in = y == p.year && ((m >= p.first_month && m <= p.last_month) ||
                                      (m == 0 && p.first_month == 1 && p.last_month == 12));
            if (in && row_ok(r)) want[r.partner] += r.value;
          }
          auto got = Share(*store, f, p, true);
          std::map<std::string, double> have;
          for (const auto& row : got.rows) have[row.key] = row.value;
          for (auto it = want.begin(); it != want.end();) {
            it = it->second == 0 ? want.erase(it) : std::next(it);
          }
          EXPECT_EQ(want, have) << group << " " << period << " " << flow << " " << reporter;
        }
        // Surge 2021 -> 2022: every month of 2022 is present, so annual
        // figures (month 0) are left out and all monthly ones count.
        std::map<std::string, std::pair<double, double>> want;
        for (const auto& r : recs) {
          int y = r.period / 100, m = r.period % 100;
          if ((y != 2021 && y != 2022) || m == 0 || !row_ok(r)) continue;
          (y == 2022 ? want[r.partner].second : want[r.partner].first) += r.value;
        }
        std::map<std::string, std::pair<double, double>> have;
        for (const auto& row : Surge(*store, f, 2021, 2022).rows) {
          have[row.partner] = {row.baseline, row.period};
        }
        for (auto it = want.begin(); it != want.end();) {
          bool zero = it->second.first == 0 && it->second.second == 0;
          it = zero ? want.erase(it) : std::next(it);
        }
        EXPECT_EQ(want, have) << group << " " << flow << " " << reporter;
      }
    }
  }
}

TEST(TradeReaders, MalformedRowsNameLineAndReason) {
  InputFile f{"bad.csv",
              "reporter,partner,product_code,period,value_eur\n"
              "Austria,Armenia,85423190,2020-01,10\n"
              "Austria,Narnia,85423190,2020-01,10\n"
              "Austria,Armenia,85423190,Jan-20x,10\n"
              "Austria,Armenia,85423190,2020-02,ten\n"
              "Austria,Armenia,85423190\n"};
  TradeReadOptions o;
  o.format = "eurostat-long";
  auto r = ReadTradeFile(f, o);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->records.size(), 1u);
  ASSERT_EQ(r->problems.size(), 4u);
  EXPECT_EQ(r->problems[0].line, 3);
  EXPECT_NE(r->problems[0].reason.find("Narnia"), std::string::npos);
  EXPECT_NE(r->problems[1].reason.find("period"), std::string::npos);
  EXPECT_NE(r->problems[2].reason.find("value"), std::string::npos);
  EXPECT_NE(r->problems[3].reason.find("fields"), std::string::npos);
}

}  // namespace
}  // namespace chokepoint::trade
