// Tests of the ISO 20022 readers against the hand-made golden files in
// tests/data/messages/. Expected values are the ones written into those files
// by hand; the transaction count is also found by a separate scan of the file
// text.

#include <gtest/gtest.h>

#include <string>

#include "chokepoint/check.h"
#include "io/file.h"

namespace chokepoint::check {
namespace {

const std::string kDir = std::string(CHOKEPOINT_SOURCE_DIR) + "/tests/data/messages/";

std::vector<const Party*> PartiesOf(const Transaction& t, PartyRole role) {
  std::vector<const Party*> out;
  for (const auto& p : t.parties) {
    if (p.role == role) out.push_back(&p);
  }
  return out;
}

// Counts "<CdtTrfTxInf>" and "<p:CdtTrfTxInf>" openings in the raw text.
size_t CountOpenings(const std::string& text) {
  size_t n = 0;
  for (std::string_view tag : {"<CdtTrfTxInf>", "<p:CdtTrfTxInf>"}) {
    for (size_t at = text.find(tag); at != std::string::npos; at = text.find(tag, at + 1)) ++n;
  }
  return n;
}

TEST(MessagesPacs008, GoldenEnvelope) {
  auto data = io::ReadFile(kDir + "pacs008.xml");
  ASSERT_TRUE(data.ok());
  auto r = ParsePacs008(*data, "pacs008.xml");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->problems.empty());
  ASSERT_EQ(r->transactions.size(), CountOpenings(*data));
  ASSERT_EQ(r->transactions.size(), 2u);

  const Transaction& t = r->transactions[0];
  EXPECT_EQ(t.kind, MessageKind::kPacs008);
  EXPECT_EQ(t.ref, "E2E-ALTYN-2026-03");
  EXPECT_EQ(t.source_line, 1);
  EXPECT_DOUBLE_EQ(*t.amount, 15900.50);
  EXPECT_EQ(t.currency, "EUR");
  EXPECT_EQ(t.date->ToString(), "2026-03-03");
  EXPECT_EQ(t.terms.at("ChrgBr"), "SHAR");
  EXPECT_EQ(t.terms.at("Purp"), "GDDS");

  auto debtors = PartiesOf(t, PartyRole::kDebtor);
  ASSERT_EQ(debtors.size(), 1u);
  EXPECT_EQ(debtors[0]->field, "Dbtr");
  EXPECT_EQ(debtors[0]->name, "Nordlicht Elektronik GmbH");
  EXPECT_EQ(debtors[0]->address, "Industriestraße, 12, 70565, Stuttgart");
  EXPECT_EQ(debtors[0]->country, "DE");
  EXPECT_EQ(debtors[0]->account, "DE89370400440532013000");
  EXPECT_EQ(debtors[0]->registration_id, "5299000EXAMPLE0LEI12");

  auto creditors = PartiesOf(t, PartyRole::kCreditor);
  ASSERT_EQ(creditors.size(), 1u);
  EXPECT_EQ(creditors[0]->name, "Altyn Trade Group LLC");
  EXPECT_EQ(creditors[0]->address, "Chui Ave 120, 720001 Bishkek");
  EXPECT_EQ(creditors[0]->country, "KG");
  EXPECT_EQ(creditors[0]->account, "1280016045123456");
  EXPECT_EQ(creditors[0]->phone, "+996-312-555010");
  EXPECT_EQ(creditors[0]->email, "sales@altyn-trade.example");

  EXPECT_EQ(PartiesOf(t, PartyRole::kUltimateDebtor)[0]->name, "Nordlicht Holding AG");
  EXPECT_EQ(PartiesOf(t, PartyRole::kUltimateCreditor)[0]->country, "KG");  // CtryOfRes

  auto inter = PartiesOf(t, PartyRole::kIntermediaryAgent);
  ASSERT_EQ(inter.size(), 1u);
  EXPECT_EQ(inter[0]->field, "IntrmyAgt1");
  EXPECT_EQ(inter[0]->bic, "GULFAEADXXX");
  EXPECT_EQ(inter[0]->name, "Gulf Commerce Bank PJSC");
  EXPECT_EQ(inter[0]->country, "AE");
  EXPECT_EQ(PartiesOf(t, PartyRole::kDebtorAgent)[0]->bic, "NLEBDEFF");
  auto cagent = PartiesOf(t, PartyRole::kCreditorAgent);
  ASSERT_EQ(cagent.size(), 1u);
  EXPECT_EQ(cagent[0]->bic, "ALTNKG22");  // the older <BIC> element
  EXPECT_EQ(cagent[0]->country, "KG");    // from the BIC
  EXPECT_EQ(PartiesOf(t, PartyRole::kInstructingAgent)[0]->bic, "NLEBDEFFXXX");  // GrpHdr
  EXPECT_EQ(PartiesOf(t, PartyRole::kInstructedAgent)[0]->bic, "GULFAEADXXX");

  // Routed via the intermediary's country.
  EXPECT_EQ(t.route.dispatch, "DE");
  EXPECT_EQ(t.route.destination, "KG");
  EXPECT_EQ(t.route.transit, (std::vector<std::string>{"AE"}));

  EXPECT_EQ(t.remittance, "INV 2026-113 FPGA XC7K325T HS 8542.31 and industrial PCs HS 8471.50");
  ASSERT_EQ(t.goods.size(), 2u);
  EXPECT_EQ(t.goods[0].field, "RmtInf");
  EXPECT_EQ(t.goods[0].hs_code, "8542.31");
  EXPECT_EQ(t.goods[1].hs_code, "8471.50");

  const Transaction& ru = r->transactions[1];
  EXPECT_EQ(ru.ref, "NLEB-TX-78");  // EndToEndId NOTPROVIDED
  EXPECT_DOUBLE_EQ(*ru.amount, 800);
  EXPECT_EQ(ru.date->ToString(), "2026-03-02");  // GrpHdr/CreDtTm
  auto c = PartiesOf(ru, PartyRole::kCreditor);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0]->name, "ООО «Электронные Системы»");
  EXPECT_EQ(c[0]->address, "ул. Ленина, 5, Москва");
  EXPECT_EQ(c[0]->country, "RU");
  EXPECT_EQ(c[0]->registration_id, "7701234567");
  EXPECT_EQ(ru.remittance, "INV-2026-114 Office chairs");
  EXPECT_EQ(ru.route.destination, "RU");
  EXPECT_TRUE(ru.route.transit.empty());
}

TEST(MessagesPacs008, MalformedTransactionsAreProblems) {
  auto r = ReadPacs008(kDir + "pacs008_malformed.xml");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->transactions.size(), 1u);
  EXPECT_EQ(r->transactions[0].ref, "OK-1");
  ASSERT_EQ(r->problems.size(), 2u);
  EXPECT_EQ(r->problems[0].record_id, "BAD-AMOUNT");
  EXPECT_EQ(r->problems[0].reason, "CdtTrfTxInf/IntrBkSttlmAmt: not a number: '12,50'");
  EXPECT_EQ(r->problems[0].line, 13);
  EXPECT_EQ(r->problems[1].record_id, "BAD-COUNTRY");
  EXPECT_EQ(r->problems[1].reason, "CdtTrfTxInf/Cdtr/PstlAdr/Ctry: unknown country: 'XQ'");
}

TEST(MessagesPacs008, NotTheFormatOrBrokenXmlIsAnError) {
  auto broken = ReadPacs008(kDir + "broken.xml");
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("broken.xml:"), std::string::npos);
  auto pain = ReadPacs008(kDir + "pain001.xml");
  ASSERT_FALSE(pain.ok());
  EXPECT_NE(pain.status().message().find("no FIToFICstmrCdtTrf element"), std::string::npos);
  EXPECT_NE(pain.status().message().find("pain.001"), std::string::npos);
  EXPECT_FALSE(ReadPacs008(kDir + "does-not-exist.xml").ok());
}

TEST(MessagesPain001, GoldenWithNamespacePrefix) {
  auto data = io::ReadFile(kDir + "pain001.xml");
  ASSERT_TRUE(data.ok());
  auto r = ParsePain001(*data);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->problems.empty());
  ASSERT_EQ(r->transactions.size(), CountOpenings(*data));
  ASSERT_EQ(r->transactions.size(), 2u);

  const Transaction& t = r->transactions[0];
  EXPECT_EQ(t.kind, MessageKind::kPain001);
  EXPECT_EQ(t.ref, "E2E-ARM-001");
  EXPECT_DOUBLE_EQ(*t.amount, 9870.50);
  EXPECT_EQ(t.currency, "USD");
  EXPECT_EQ(t.date->ToString(), "2026-02-23");
  EXPECT_EQ(t.terms.at("ChrgBr"), "SLEV");  // from PmtInf
  EXPECT_EQ(PartiesOf(t, PartyRole::kInitiatingParty)[0]->name, "Baltic Components OÜ");
  EXPECT_EQ(PartiesOf(t, PartyRole::kDebtor)[0]->account, "EE382200221020145685");
  EXPECT_EQ(PartiesOf(t, PartyRole::kDebtorAgent)[0]->bic, "BALTEE2X");
  EXPECT_EQ(PartiesOf(t, PartyRole::kIntermediaryAgent)[0]->bic, "TRNSAEADXXX");
  auto cdtr = PartiesOf(t, PartyRole::kCreditor);
  ASSERT_EQ(cdtr.size(), 1u);
  EXPECT_EQ(cdtr[0]->address, "12 Abovyan St, Yerevan");
  EXPECT_EQ(t.route.dispatch, "EE");
  EXPECT_EQ(t.route.transit, (std::vector<std::string>{"AE"}));
  EXPECT_EQ(t.route.destination, "AM");
  ASSERT_EQ(t.goods.size(), 1u);
  EXPECT_EQ(t.goods[0].hs_code, "8542.39");
  EXPECT_EQ(t.goods[0].description, "Microcontrollers STM32F407, HS code 8542.39");

  const Transaction& u = r->transactions[1];
  EXPECT_EQ(u.date->ToString(), "2026-02-24");
  EXPECT_EQ(PartiesOf(u, PartyRole::kUltimateDebtor)[0]->name, "Baltic Holding SIA");
  auto ultimate = PartiesOf(u, PartyRole::kUltimateCreditor);
  ASSERT_EQ(ultimate.size(), 1u);
  EXPECT_EQ(ultimate[0]->name, "Аэроприбор АО");
  EXPECT_EQ(ultimate[0]->country, "RU");
  EXPECT_EQ(u.terms.at("Purp"), "GDDS");
}

TEST(MessagesPain001, MalformedTransactionsAreProblems) {
  auto r = ReadPain001(kDir + "pain001_malformed.xml");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->transactions.empty());
  ASSERT_EQ(r->problems.size(), 2u);
  EXPECT_EQ(r->problems[0].reason,
            "PmtInf/CdtTrfTxInf/Amt/InstdAmt/@Ccy: not an ISO 4217 currency code: 'usd'");
  EXPECT_EQ(r->problems[1].reason, "PmtInf/ReqdExctnDt: not a date: '2026-13-01'");
  EXPECT_EQ(r->problems[1].record_id, "BAD-DATE");
}

TEST(MessagesIso20022, SeveralDocumentsAndInvalidUtf8) {
  std::string doc =
      "<Doc><Document><FIToFICstmrCdtTrf><CdtTrfTxInf><PmtId><EndToEndId>A</EndToEndId>"
      "</PmtId><Cdtr><Nm>X</Nm></Cdtr></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>"
      "<Document><FIToFICstmrCdtTrf><CdtTrfTxInf><PmtId><EndToEndId>B</EndToEndId>"
      "</PmtId><Cdtr><Nm>\xff\xfe</Nm></Cdtr></CdtTrfTxInf></FIToFICstmrCdtTrf></Document></Doc>";
  auto r = ParsePacs008(doc);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->transactions.size(), 1u);
  EXPECT_EQ(r->transactions[0].ref, "A");
  EXPECT_EQ(r->transactions[0].source_line, 1);
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_EQ(r->problems[0].reason, "parties[0].name: invalid UTF-8");
}

}  // namespace
}  // namespace chokepoint::check
