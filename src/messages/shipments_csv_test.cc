// Tests of the shipment CSV reader against the hand-made golden files in
// tests/data/messages/: the expected values are the ones written into those
// files by hand.

#include <gtest/gtest.h>

#include <string>

#include "chokepoint/check.h"
#include "messages/common.h"

namespace chokepoint::check {
namespace {

const std::string kDir = std::string(CHOKEPOINT_SOURCE_DIR) + "/tests/data/messages/";

const Party* FindParty(const Transaction& t, PartyRole role) {
  for (const auto& p : t.parties) {
    if (p.role == role) return &p;
  }
  return nullptr;
}

TEST(MessagesShipmentsCsv, GoldenFileGroupsRowsByRef) {
  auto r = ReadShipmentsCsv(kDir + "shipments.csv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->problems.empty());
  ASSERT_EQ(r->transactions.size(), 3u);

  const Transaction& t = r->transactions[0];
  EXPECT_EQ(t.ref, "EXP-2026-0001");
  EXPECT_EQ(t.kind, MessageKind::kShipment);
  EXPECT_EQ(t.source_line, 2);
  ASSERT_TRUE(t.date.has_value());
  EXPECT_EQ(t.date->ToString(), "2026-03-02");
  ASSERT_EQ(t.goods.size(), 2u);
  EXPECT_EQ(t.goods[0].hs_code, "8542.31");
  EXPECT_EQ(t.goods[0].description, "Field programmable gate arrays XC7K325T");
  EXPECT_DOUBLE_EQ(*t.goods[0].value, 12500.0);
  EXPECT_EQ(t.goods[0].currency, "EUR");
  EXPECT_DOUBLE_EQ(*t.goods[0].quantity, 50);
  EXPECT_EQ(t.goods[0].unit, "pcs");
  EXPECT_EQ(t.goods[1].hs_code, "8471.50");
  EXPECT_DOUBLE_EQ(*t.goods[1].value, 3400.50);
  ASSERT_TRUE(t.amount.has_value());
  EXPECT_DOUBLE_EQ(*t.amount, 12500.0 + 3400.50);
  EXPECT_EQ(t.currency, "EUR");
  EXPECT_EQ(t.route.origin, "DE");  // "Germany" by name
  EXPECT_EQ(t.route.dispatch, "DE");
  EXPECT_EQ(t.route.destination, "KG");
  EXPECT_EQ(t.route.transit, (std::vector<std::string>{"KZ", "RU"}));
  // Both rows name the same parties: each is listed once.
  EXPECT_EQ(t.parties.size(), 4u);
  const Party* consignee = FindParty(t, PartyRole::kConsignee);
  ASSERT_NE(consignee, nullptr);
  EXPECT_EQ(consignee->field, "consignee");
  EXPECT_EQ(consignee->name, "Altyn Trade Group LLC");
  EXPECT_EQ(consignee->country, "KG");  // "Kyrgyzstan" by name
  EXPECT_EQ(consignee->address, "Chui Ave 120, Bishkek");
  EXPECT_EQ(consignee->phone, "+996 312 555 010");
  EXPECT_EQ(consignee->email, "sales@altyn-trade.example");
  EXPECT_EQ(consignee->registration_id, "01234567890123");
  ASSERT_TRUE(consignee->incorporated.has_value());
  EXPECT_EQ(consignee->incorporated->ToString(), "2025-11-20");
  ASSERT_NE(FindParty(t, PartyRole::kDeclarant), nullptr);
  EXPECT_EQ(FindParty(t, PartyRole::kNotifyParty)->name, "Silk Road Forwarding LLC");
  EXPECT_EQ(FindParty(t, PartyRole::kShipper)->address, "Industriestraße 12, 70565 Stuttgart");

  const Transaction& ru = r->transactions[1];
  EXPECT_EQ(ru.date->ToString(), "2026-03-05");  // written 05.03.2026
  const Party* c = FindParty(ru, PartyRole::kConsignee);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->name, "ООО \"Электронные Системы\"");
  EXPECT_EQ(c->country, "RU");
  EXPECT_EQ(FindParty(ru, PartyRole::kDeclarant), nullptr);  // empty column

  const Transaction& hk = r->transactions[2];
  EXPECT_EQ(FindParty(hk, PartyRole::kShipper)->country, "HK");
  EXPECT_DOUBLE_EQ(*hk.goods[0].value, 1234000);  // "1 234 000"
  EXPECT_EQ(hk.route.origin, "CN");
  EXPECT_EQ(hk.route.dispatch, "HK");
}

TEST(MessagesShipmentsCsv, MappedHeadersAndSemicolons) {
  auto mapping = ParseColumnMapping(
      "ref=Invoice No, date=Shipment Date, shipper=Exporter, shipper_country=Exporter Country,"
      "consignee=Importer,consignee_country=Importer Country,origin=Country of Origin,"
      "destination=Country of Destination,hs_code=Tariff Code,description=Goods Description,"
      "value=Invoice Value,currency=Ccy");
  ASSERT_TRUE(mapping.ok()) << mapping.status().ToString();
  EXPECT_EQ(mapping->at("consignee"), "Importer");
  auto r = ReadShipmentsCsv(kDir + "shipments_mapped.csv", *mapping);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->problems.empty());
  ASSERT_EQ(r->transactions.size(), 2u);
  EXPECT_EQ(r->transactions[0].ref, "INV-88");
  EXPECT_EQ(FindParty(r->transactions[0], PartyRole::kConsignee)->name, "Arm Tech Supply LLC");
  EXPECT_DOUBLE_EQ(*r->transactions[0].goods[0].value, 9870.50);  // "9870,50"
  EXPECT_EQ(r->transactions[0].route.origin, "US");
  EXPECT_EQ(FindParty(r->transactions[1], PartyRole::kShipper)->country, "EE");
  EXPECT_EQ(FindParty(r->transactions[1], PartyRole::kConsignee)->country, "AM");
}

TEST(MessagesShipmentsCsv, MalformedRowsAreProblemsNamingTheField) {
  auto r = ReadShipmentsCsv(kDir + "shipments_malformed.csv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->transactions.size(), 1u);
  EXPECT_EQ(r->transactions[0].ref, "BAD-1");
  ASSERT_EQ(r->problems.size(), 7u);
  const std::string file = kDir + "shipments_malformed.csv";
  EXPECT_EQ(r->problems[0].ToString(), file + ":3:9: record BAD-2: value: not a number: '12,3x'");
  EXPECT_EQ(r->problems[0].line, 3);
  EXPECT_EQ(r->problems[0].column, 9);  // the field number of "value"
  EXPECT_EQ(r->problems[1].line, 4);
  EXPECT_EQ(r->problems[1].reason, "date: not a date: '2026-02-30' (expected YYYY-MM-DD)");
  EXPECT_EQ(r->problems[2].reason, "consignee_country: unknown country: 'Atlantis'");
  EXPECT_EQ(r->problems[3].reason, "currency: not an ISO 4217 currency code: 'EURO'");
  EXPECT_EQ(r->problems[4].reason, "hs_code: not an HS code: 'chips' (expected 2-10 digits)");
  EXPECT_EQ(r->problems[5].reason, "expected 11 fields, found 4");
  EXPECT_EQ(r->problems[6].reason, "quantity: not a number: 'ten'");
}

TEST(MessagesShipmentsCsv, MissingMappedColumnsIsAnErrorNamingThem) {
  ColumnMapping mapping = {{"consignee", "Buyer"}, {"value", "Amount"}, {"ref", "ref"}};
  auto r = ParseShipmentsCsv("ref,consignee\nA,B\n", mapping, "x.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "x.csv:1: header lacks the mapped columns consignee -> 'Buyer', value -> 'Amount'");
  auto none = ParseShipmentsCsv("a,b\n1,2\n", {}, "y.csv");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("y.csv:1: header has none of the columns"),
            std::string::npos);
  EXPECT_FALSE(ParseShipmentsCsv("", {}, "z.csv").ok());
}

TEST(MessagesShipmentsCsv, ColumnMappingSpec) {
  EXPECT_TRUE(ParseColumnMapping("")->empty());
  EXPECT_FALSE(ParseColumnMapping("consignee").ok());
  EXPECT_FALSE(ParseColumnMapping("buyer=Buyer").ok());
  EXPECT_FALSE(ParseColumnMapping("consignee=").ok());
  EXPECT_FALSE(ParseColumnMapping("consignee=A,consignee=B").ok());
  auto m = ParseColumnMapping("Consignee_Country = Land des Empfängers");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->at("consignee_country"), "Land des Empfängers");
}

TEST(MessagesShipmentsCsv, RowWithoutRefIsItsOwnTransaction) {
  auto r = ParseShipmentsCsv("consignee,hs_code\nA LLC,8542\nA LLC,8542\n,\n", {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->transactions.size(), 2u);
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_EQ(r->problems[0].reason, "row: no party and no goods");
  EXPECT_EQ(r->problems[0].file, "<input>");
}

TEST(MessagesNumbers, DecimalSpellings) {
  EXPECT_DOUBLE_EQ(*ParseDecimal("1234.56"), 1234.56);
  EXPECT_DOUBLE_EQ(*ParseDecimal("1,234.56"), 1234.56);
  EXPECT_DOUBLE_EQ(*ParseDecimal("1,234,567"), 1234567);
  EXPECT_DOUBLE_EQ(*ParseDecimal("1234,5"), 1234.5);
  EXPECT_DOUBLE_EQ(*ParseDecimal("1'234.50"), 1234.5);
  EXPECT_DOUBLE_EQ(*ParseDecimal("7."), 7);
  EXPECT_FALSE(ParseDecimal("12,3x"));
  EXPECT_FALSE(ParseDecimal("-5"));
  EXPECT_FALSE(ParseDecimal("1.2.3"));
  EXPECT_FALSE(ParseDecimal("12,34,5"));
  EXPECT_FALSE(ParseDecimal(".5"));
  EXPECT_FALSE(ParseDecimal(""));
  EXPECT_DOUBLE_EQ(*ParseSwiftAmount("15900,50"), 15900.5);
  EXPECT_DOUBLE_EQ(*ParseSwiftAmount("800,"), 800);
  EXPECT_FALSE(ParseSwiftAmount("15.900,50"));
  EXPECT_FALSE(ParseSwiftAmount(",5"));
}

TEST(MessagesDates, TransactionDateSpellings) {
  EXPECT_EQ(ParseTransactionDate("2026-03-02")->ToString(), "2026-03-02");
  EXPECT_EQ(ParseTransactionDate("2026-03-02T09:15:00Z")->ToString(), "2026-03-02");
  EXPECT_EQ(ParseTransactionDate("20260302")->ToString(), "2026-03-02");
  EXPECT_EQ(ParseTransactionDate("02.03.2026")->ToString(), "2026-03-02");
  EXPECT_EQ(ParseTransactionDate("02/03/2026")->ToString(), "2026-03-02");
  EXPECT_EQ(ParseTransactionDate("2026-03")->ToString(), "2026-03");
  EXPECT_EQ(ParseTransactionDate("2024-02-29")->ToString(), "2024-02-29");
  EXPECT_FALSE(ParseTransactionDate("2026-02-29"));
  EXPECT_FALSE(ParseTransactionDate("2026-13-01"));
  EXPECT_FALSE(ParseTransactionDate("March 2026"));
  EXPECT_EQ(ParseSwiftDate("260303")->ToString(), "2026-03-03");
  EXPECT_EQ(ParseSwiftDate("991231")->ToString(), "1999-12-31");
  EXPECT_FALSE(ParseSwiftDate("261303"));
}

TEST(MessagesHsCodes, FoundInFreeText) {
  EXPECT_EQ(FindHsCodes("FPGA XC7K325T HS 8542.31 and PCs HS8471.50"),
            (std::vector<std::string>{"8542.31", "8471.50"}));
  EXPECT_EQ(FindHsCodes("HS code: 854231"), (std::vector<std::string>{"854231"}));
  EXPECT_EQ(FindHsCodes("H.S. 8542 31 00"), (std::vector<std::string>{"8542 31 00"}));
  EXPECT_TRUE(FindHsCodes("CHIPS 8542 and HSBC 1234").empty());
  EXPECT_TRUE(FindHsCodes("HS 12").empty());
}

TEST(MessagesNames, RolesAndKinds) {
  EXPECT_EQ(MessageKindName(MessageKind::kPacs008), "pacs008");
  EXPECT_EQ(MessageKindName(MessageKind::kMt700), "mt700");
  EXPECT_EQ(PartyRoleName(PartyRole::kNotifyParty), "notify_party");
  EXPECT_EQ(PartyRoleName(PartyRole::kIntermediaryAgent), "intermediary_agent");
  EXPECT_EQ(PartyRoleName(PartyRole::kAdvisingBank), "advising_bank");
  EXPECT_TRUE(IsBic("NLEBDEFF"));
  EXPECT_TRUE(IsBic("NLEBDEFFXXX"));
  EXPECT_FALSE(IsBic("NLEBDEF"));
  EXPECT_FALSE(IsBic("1LEBDEFF"));
}

}  // namespace
}  // namespace chokepoint::check
