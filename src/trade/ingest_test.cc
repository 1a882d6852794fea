// The fast trade readers against the reference (CsvReader-based) readers on
// inputs that exercise every CsvReader rule and every problem message, on
// one thread and split across several.

#include "trade/ingest.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace chokepoint::trade {
namespace {

void ExpectSame(const TradeReadOutput& a, const TradeReadOutput& b) {
  ASSERT_EQ(a.records.size(), b.records.size());
  for (size_t i = 0; i < a.records.size(); ++i) {
    const auto &x = a.records[i], &y = b.records[i];
    EXPECT_EQ(x.reporter, y.reporter) << i;
    EXPECT_EQ(x.partner, y.partner) << i;
    EXPECT_EQ(x.flow, y.flow) << i;
    EXPECT_EQ(x.hs_code, y.hs_code) << i;
    EXPECT_EQ(x.hs_vintage, y.hs_vintage) << i;
    EXPECT_EQ(x.period, y.period) << i;
    EXPECT_EQ(x.value, y.value) << i;
    EXPECT_EQ(x.currency, y.currency) << i;
    EXPECT_EQ(x.quantity, y.quantity) << i;
    EXPECT_EQ(x.unit, y.unit) << i;
    EXPECT_EQ(x.shipper, y.shipper) << i;
    EXPECT_EQ(x.consignee, y.consignee) << i;
  }
  ASSERT_EQ(a.problems.size(), b.problems.size());
  for (size_t i = 0; i < a.problems.size(); ++i) {
    EXPECT_EQ(a.problems[i].ToString(), b.problems[i].ToString()) << i;
  }
}

// Runs the fast reader with 1..4 threads, both to records and to a store,
// and compares with the reference reader.
void Compare(const std::string& data, const TradeReadOptions& options) {
  InputFile file{"in.csv", data};
  auto ref = ReadTradeFileReference(file, options);
  for (int threads = 1; threads <= 4; ++threads) {
    std::vector<Problem> problems;
    auto chunks = ReadTradeChunks(file.path, data, options, threads, &problems);
    ASSERT_EQ(ref.ok(), chunks.ok()) << threads;
    if (!ref.ok()) {
      EXPECT_EQ(ref.status().ToString(), chunks.status().ToString());
      continue;
    }
    auto store = BuildFromChunks(std::move(*chunks));
    TradeReadOutput fast;
    fast.problems = problems;
    for (size_t i = 0; i < store->size(); ++i) fast.records.push_back(store->Row(i));
    SCOPED_TRACE("threads " + std::to_string(threads));
    ExpectSame(*ref, fast);
    // The store equals Build() over the reference records, dictionaries too.
    auto built = TradeStore::Build(ref->records);
    EXPECT_EQ(built->countries(), store->countries());
    EXPECT_EQ(built->hs_codes(), store->hs_codes());
    EXPECT_EQ(built->currencies(), store->currencies());
  }
  auto fast = ReadTradeFile(file, options);
  ASSERT_EQ(ref.ok(), fast.ok());
  if (fast.ok()) ExpectSame(*ref, *fast);
}

// Bodies whose rows hit each rule; repeated so that splits fall in many places.
std::string Repeat(const std::string& rows, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += rows;
  return out;
}

TEST(TradeIngest, EurostatLongMatchesReference) {
  TradeReadOptions o;
  o.format = "eurostat-long";
  std::string rows =
      "Germany,Armenia,85423190,2021-03,100.5\n"
      "\"France (incl. Saint Barth\xC3\xA9lemy 'BL' -> 2012)\",Kazakhstan,8542,2022-01,7\n"
      "Atlantis,Armenia,85423190,2021-03,1\n"
      "Germany,Nowhere,85423190,2021-03,1\n"
      "Germany,Armenia,85A2,2021-03,1\n"
      "Germany,Armenia,854231,21-3,1\n"
      "Germany,Armenia,854231,2021-13,1\n"
      "Germany,Armenia,854231,2021-12,abc\n"
      "Germany,Armenia,854231,202112, 1,234.5 \n"
      "Germany,Armenia,854231,Aug. 2021,1e3\n"
      "Germany,Armenia\n"
      "\r\n\n"
      "Italy,Georgia,84581100,2020-07,3\r\n"
      "Spain,Georgia,\"8458\"\"11\",2020-07,3\n"
      "Spain,Geo\xFFrgia,84581100,2020-07,3\n"
      "Spain,\"Georgia\",\"8458 11 00\",2020-07,inf\n"
      "\"Belarus (Belorussia)\",Armenia,8542.31,2022-02,5\n";
  Compare("reporter,partner,product_code,period,value_eur\n" + Repeat(rows, 40), o);
  // BOM, CRLF throughout, a lone CR, 0x1A at the end.
  std::string crlf = "\xEF\xBB\xBFreporter,partner,product_code,period,value_eur\r\n";
  for (int i = 0; i < 30; ++i)
    crlf += "Germany,Armenia,85423190,2021-03,1\r\nItaly,Georgia,85,2020,2\r";
  Compare(crlf + "\x1A", o);
  // A quoted field spanning lines forces the one-thread read.
  Compare("reporter,partner,product_code,period,value_eur\n" + Repeat(rows, 20) +
              "\"Germany\nand more\",Armenia,8542,2021-01,1\n" + Repeat(rows, 20),
          o);
  // An unterminated quote swallows the rest of the file.
  Compare("reporter,partner,product_code,period,value_eur\n" + Repeat(rows, 5) +
              "\"Germany,Armenia,8542,2021-01,1\n" + Repeat(rows, 5),
          o);
  Compare("", o);
  Compare("\n\n", o);
  Compare("reporter,partner\nGermany,Armenia\n", o);
}

TEST(TradeIngest, MappedCsvMatchesReference) {
  TradeReadOptions o;
  o.format = "csv";
  o.mapping =
      "reporter=rep,partner=par,flow=fl,hs=hs,period=per,value=val,currency=cur,quantity=qty,"
      "unit=unit,shipper=ship,consignee=cons";
  std::string rows =
      "DE,RU,import,85423190,2023-04,10,EUR,5,kg,ACME  Ltd, Big  Co\n"
      ",CN,,8542,2023-05,11,,,,,\n"
      "DE,XX,export,8542,2023-05,11,,,,,\n"
      "YY,CN,export,8542,2023-05,11,,,,,\n"
      "DE,CN,sideways,8542,2023-05,11,,,,,\n"
      "DE,CN,X,85-42,2023-05,11,,,,,\n"
      "DE,CN,re-export,8542,2023-Q1,11,,,,,\n"
      "DE,CN,M,8542,2023-05,1.5.5,,,,,\n"
      "DE,CN,M,8542,2023-05,12,,lots,,,\n"
      "Germany,China,rx,854231,Y2023,12,USD,1 000,u,\"Q, Inc.\",\n";
  std::string head = "rep,par,fl,hs,per,val,cur,qty,unit,ship,cons\n";
  Compare(head + Repeat(rows, 40), o);
  o.default_reporter = "RU";
  o.default_flow = "export";
  Compare(head + Repeat(rows, 10), o);
  o.default_flow = "bogus";
  Compare(head + Repeat(rows, 10), o);
  // A minimal mapping; a missing column; a bad mapping.
  o.mapping = "partner=par,hs=hs,period=per,value=val";
  Compare(head + Repeat(rows, 10), o);
  o.mapping = "partner=par,hs=hs,period=per,value=nothere";
  Compare(head + rows, o);
  o.mapping = "partner=par,hs";
  Compare(head + rows, o);
}

// Values of every length and scale (the fast path's integer-and-divide
// parsing of plain decimals, and its fallbacks), against the reference
// reader's std::from_chars; the rows vary in length so that fields cross the
// 16-byte blocks of the record scanner at every offset.
TEST(TradeIngest, NumbersMatchReference) {
  TradeReadOptions o;
  o.format = "csv";
  o.mapping = "partner=par,hs=hs,period=per,value=val,quantity=qty";
  std::mt19937_64 rng(11);
  auto digits = [&](int n) {
    std::string d;
    for (int i = 0; i < n; ++i) d.push_back(static_cast<char>('0' + rng() % 10));
    return d;
  };
  std::string body = "par,hs,per,val,qty\n";
  const char* fixed[] = {"0",
                         "00",
                         "0.0",
                         "12.",
                         ".5",
                         "1.",
                         "-1.25",
                         "+3",
                         "1e5",
                         "1E-3",
                         "0x10",
                         "9007199254740993",
                         "123456789012345",
                         "1234567890123456",
                         "0.000000000000001",
                         "999999999999999.9",
                         " 7",
                         "7 ",
                         "1,234.5",
                         "..1",
                         "1..2",
                         "nan"};
  for (const char* v : fixed) body += "CN,8542,2023-01," + std::string(v) + ",1\n";
  for (int i = 0; i < 4000; ++i) {
    int whole = static_cast<int>(rng() % 19), frac = static_cast<int>(rng() % 19);
    std::string v = digits(whole == 0 ? 1 : whole);
    if (rng() % 3 != 0) v += "." + digits(frac == 0 ? 1 : frac);
    std::string pad(rng() % 17, '9');  // shifts the record against the blocks
    body +=
        "CN," + std::string("8542") + pad + ",2023-01," + v + "," + digits(1 + rng() % 8) + "\n";
  }
  Compare(body, o);
}

}  // namespace
}  // namespace chokepoint::trade
