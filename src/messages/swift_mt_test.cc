// Tests of the SWIFT MT103 and MT700 readers against the hand-made golden
// files in tests/data/messages/ (expected values are the ones written into
// those files by hand).

#include <gtest/gtest.h>

#include <string>

#include "chokepoint/check.h"

namespace chokepoint::check {
namespace {

const std::string kDir = std::string(CHOKEPOINT_SOURCE_DIR) + "/tests/data/messages/";

const Party* PartyByField(const Transaction& t, std::string_view field) {
  for (const auto& p : t.parties) {
    if (p.field == field) return &p;
  }
  return nullptr;
}

TEST(MessagesMt103, GoldenFinMessages) {
  auto r = ReadMt103(kDir + "mt103.fin");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->problems.empty()) << r->problems[0].ToString();
  ASSERT_EQ(r->transactions.size(), 2u);

  const Transaction& t = r->transactions[0];
  EXPECT_EQ(t.kind, MessageKind::kMt103);
  EXPECT_EQ(t.ref, "NLEB-103-0001");
  EXPECT_EQ(t.source_line, 1);
  EXPECT_EQ(t.date->ToString(), "2026-03-03");
  EXPECT_EQ(t.currency, "EUR");
  EXPECT_DOUBLE_EQ(*t.amount, 15900.50);
  EXPECT_EQ(t.terms.at("71A"), "SHA");
  EXPECT_EQ(t.terms.at("23B"), "CRED");

  const Party* sender = PartyByField(t, "sender");
  ASSERT_NE(sender, nullptr);
  EXPECT_EQ(sender->role, PartyRole::kInstructingAgent);
  EXPECT_EQ(sender->bic, "NLEBDEFF");
  const Party* receiver = PartyByField(t, "receiver");
  ASSERT_NE(receiver, nullptr);
  EXPECT_EQ(receiver->role, PartyRole::kInstructedAgent);
  EXPECT_EQ(receiver->bic, "CHASUS33");

  const Party* debtor = PartyByField(t, "50F");
  ASSERT_NE(debtor, nullptr);
  EXPECT_EQ(debtor->role, PartyRole::kDebtor);
  EXPECT_EQ(debtor->name, "NORDLICHT ELEKTRONIK GMBH");
  EXPECT_EQ(debtor->address, "INDUSTRIESTRASSE 12, 70565 STUTTGART");
  EXPECT_EQ(debtor->country, "DE");
  EXPECT_EQ(debtor->account, "DE89370400440532013000");
  EXPECT_EQ(PartyByField(t, "52A")->role, PartyRole::kDebtorAgent);
  EXPECT_EQ(PartyByField(t, "53A")->role, PartyRole::kInstructingAgent);
  EXPECT_EQ(PartyByField(t, "54A")->role, PartyRole::kInstructedAgent);
  const Party* inter = PartyByField(t, "56A");
  ASSERT_NE(inter, nullptr);
  EXPECT_EQ(inter->role, PartyRole::kIntermediaryAgent);
  EXPECT_EQ(inter->bic, "GULFAEAD");
  EXPECT_EQ(inter->country, "AE");
  EXPECT_EQ(PartyByField(t, "57A")->role, PartyRole::kCreditorAgent);
  const Party* creditor = PartyByField(t, "59F");
  ASSERT_NE(creditor, nullptr);
  EXPECT_EQ(creditor->role, PartyRole::kCreditor);
  EXPECT_EQ(creditor->name, "ALTYN TRADE GROUP LLC");
  EXPECT_EQ(creditor->country, "KG");
  EXPECT_EQ(creditor->address, "CHUI AVE 120, BISHKEK");
  EXPECT_EQ(creditor->account, "1280016045123456");

  EXPECT_EQ(t.route.dispatch, "DE");
  EXPECT_EQ(t.route.destination, "KG");
  EXPECT_EQ(t.route.transit, (std::vector<std::string>{"AE"}));
  EXPECT_EQ(t.remittance,
            "INV 2026-113 FPGA XC7K325T HS 8542.31; /ACC/VIA GULF COMMERCE BANK DUBAI");
  ASSERT_EQ(t.goods.size(), 1u);
  EXPECT_EQ(t.goods[0].field, "70");
  EXPECT_EQ(t.goods[0].hs_code, "8542.31");

  // Output message: the sender is in block 2, the receiver in block 1.
  const Transaction& u = r->transactions[1];
  EXPECT_EQ(u.ref, "NLEB-103-0002");
  EXPECT_DOUBLE_EQ(*u.amount, 800);
  EXPECT_EQ(PartyByField(u, "sender")->bic, "TKOMRUMM");
  EXPECT_EQ(PartyByField(u, "receiver")->bic, "NLEBDEFF");
  const Party* k = PartyByField(u, "50K");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->name, "NORDLICHT ELEKTRONIK GMBH");
  EXPECT_EQ(k->country, "DE");  // "STUTTGART, GERMANY"
  const Party* d = PartyByField(u, "57D");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->name, "AO TEKHNOKOM BANK");
  EXPECT_EQ(d->country, "RU");  // "MOSCOW RUSSIA"
  const Party* b = PartyByField(u, "59");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(b->account, "40702810900000012345");
  EXPECT_EQ(b->name, "OOO ELEKTRONNYE SISTEMY");
  EXPECT_EQ(b->country, "RU");  // "... RUSSIAN FEDERATION"
  EXPECT_EQ(u.route.destination, "RU");
}

TEST(MessagesMt103, BareTextBlocks) {
  auto r = ReadMt103(kDir + "mt103_bare.txt");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->problems.empty());
  ASSERT_EQ(r->transactions.size(), 2u);
  const Transaction& t = r->transactions[0];
  EXPECT_EQ(t.ref, "BARE-103-1");
  EXPECT_EQ(PartyByField(t, "50K")->country, "HK");
  EXPECT_EQ(PartyByField(t, "59")->country, "AE");  // "DUBAI, AE"
  EXPECT_EQ(PartyByField(t, "59")->account, "AE070331234567890123456");
  EXPECT_EQ(t.goods[0].hs_code, "8486.90");
  const Transaction& u = r->transactions[1];
  EXPECT_EQ(u.ref, "BARE-103-2");
  EXPECT_EQ(u.source_line, 2);
  EXPECT_EQ(PartyByField(u, "50A")->bic, "PPLTHKHH");
  EXPECT_EQ(PartyByField(u, "50A")->account, "123456");
  EXPECT_EQ(PartyByField(u, "59A")->bic, "GULFAEAD");
  EXPECT_EQ(u.route.dispatch, "HK");
  EXPECT_EQ(u.route.destination, "AE");
}

TEST(MessagesMt103, MalformedMessagesAreProblems) {
  auto r = ReadMt103(kDir + "mt103_malformed.fin");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->transactions.size(), 1u);
  EXPECT_EQ(r->transactions[0].ref, "GOOD-103");
  ASSERT_EQ(r->problems.size(), 4u);
  EXPECT_EQ(r->problems[0].record_id, "BAD-103-AMOUNT");
  EXPECT_EQ(r->problems[0].reason, "32A: amount: not a number: '15.900,50'");
  EXPECT_EQ(r->problems[0].line, 3);
  EXPECT_EQ(r->problems[1].reason, "32A: date: not a YYMMDD date: '261303'");
  EXPECT_EQ(r->problems[2].reason, "59F: line '3/XX/NOWHERE': unknown country code 'XX'");
  EXPECT_EQ(r->problems[3].reason, "message 4: 20: missing reference");
}

TEST(MessagesMt103, NameLongerThanItsLineGoesOnInTheNext) {
  // Each line of a 59 field holds 35 characters; a longer name goes on in
  // the next line, inside a word or after one. An address line (a digit, a
  // country, a town) or a name that does not fill its line ends the name.
  auto r = ParseMt103(
      ":20:LONG-1\n:59:/40702810900000012345\n"
      "JOINT STOCK COMPANY UNITED SHIPBUIL\nDING CORPORATION\nUL. NOVAYA 11\n"
      "SAINT PETERSBURG, RU\n-\n"
      ":20:LONG-2\n:59:JOINT STOCK COMPANY SCIENTIFIC AND\nPRODUCTION ASSOCIATION\n-\n"
      ":20:ADDR-1\n:59:/123\nFAR EASTERN MARITIME SHIPPING CO LT\n10 SVETLANSKAYA STR\n-\n"
      ":20:ADDR-2\n:59:FAR EASTERN MARITIME SHIPPING CO LT\nVLADIVOSTOK RUSSIA\n-\n"
      ":20:ADDR-3\n:59:FAR EASTERN MARITIME SHIPPING CO LT\nVLADIVOSTOK\n-\n"
      ":20:SHORT\n:59:OOO ELEKTRONNYE SISTEMY\nTVERSKAYA ULITSA\n",
      "long.txt");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->transactions.size(), 6u);
  auto party = [&](size_t k) { return PartyByField(r->transactions[k], "59"); };
  EXPECT_EQ(party(0)->name, "JOINT STOCK COMPANY UNITED SHIPBUIL DING CORPORATION");
  EXPECT_EQ(party(0)->address, "UL. NOVAYA 11, SAINT PETERSBURG, RU");
  EXPECT_EQ(party(0)->country, "RU");
  EXPECT_EQ(party(1)->name, "JOINT STOCK COMPANY SCIENTIFIC AND PRODUCTION ASSOCIATION");
  EXPECT_EQ(party(1)->address, "");
  EXPECT_EQ(party(2)->name, "FAR EASTERN MARITIME SHIPPING CO LT");
  EXPECT_EQ(party(2)->address, "10 SVETLANSKAYA STR");
  EXPECT_EQ(party(3)->name, "FAR EASTERN MARITIME SHIPPING CO LT");
  EXPECT_EQ(party(3)->country, "RU");
  EXPECT_EQ(party(4)->name, "FAR EASTERN MARITIME SHIPPING CO LT");
  EXPECT_EQ(party(4)->address, "VLADIVOSTOK");
  EXPECT_EQ(party(5)->name, "OOO ELEKTRONNYE SISTEMY");
  EXPECT_EQ(party(5)->address, "TVERSKAYA ULITSA");
}

TEST(MessagesMt103, InvalidUtf8SkipsTheMessage) {
  auto r = ParseMt103(":20:UTF8-TERMS\n:71A:SH\xa8\n:59:PAYEE\n-\n:20:OK\n:59:PAYEE\n", "x.txt");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->transactions.size(), 1u);
  EXPECT_EQ(r->transactions[0].ref, "OK");
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_EQ(r->problems[0].reason, "terms[71A]: invalid UTF-8");
  EXPECT_EQ(r->problems[0].record_id, "UTF8-TERMS");
  EXPECT_EQ(r->problems[0].line, 1);
}

TEST(MessagesMt103, AcknowledgementsAreSkipped) {
  // An ACK (F21, block 4 of braced tags) before the message it acknowledges.
  auto r = ParseMt103(
      "{1:F21NLEBDEFFAXXX0000123456}{4:{177:2603031015}{451:0}}"
      "{1:F01NLEBDEFFAXXX0000123456}{2:I103CHASUS33XXXXN}{4:\r\n:20:REF-1\r\n"
      ":32A:260303EUR1,\r\n:59:PAYEE\r\n-}{5:{CHK:1}}",
      "ack.fin");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->problems.empty());
  ASSERT_EQ(r->transactions.size(), 1u);
  EXPECT_EQ(r->transactions[0].ref, "REF-1");
  EXPECT_EQ(r->transactions[0].source_line, 1);
}

TEST(MessagesMt103, SkippedMessageLeavesNothingBehind) {
  // The first message fails after its 70 was read; the second has no 70.
  auto r = ParseMt103(":20:A\n:70:FPGA HS 8542.31\n:59F:1/X\n3/XX/Y\n-\n:20:B\n:59:PAYEE\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->transactions.size(), 1u);
  EXPECT_EQ(r->transactions[0].ref, "B");
  EXPECT_EQ(r->transactions[0].remittance, "");
  EXPECT_TRUE(r->transactions[0].goods.empty());
  ASSERT_EQ(r->problems.size(), 1u);
  EXPECT_EQ(r->problems[0].line, 3);
}

TEST(MessagesMt103, WrongTypeOrNoMessagesIsAnError) {
  auto r = ReadMt103(kDir + "mt700.fin");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("its messages are MT700"), std::string::npos);
  EXPECT_FALSE(ParseMt103("hello world\n").ok());
  EXPECT_FALSE(ParseMt103("").ok());
}

TEST(MessagesMt700, GoldenLetterOfCreditWithFpgas) {
  auto r = ReadMt700(kDir + "mt700.fin");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->problems.empty());
  ASSERT_EQ(r->transactions.size(), 1u);
  const Transaction& t = r->transactions[0];
  EXPECT_EQ(t.kind, MessageKind::kMt700);
  EXPECT_EQ(t.ref, "LC2026SH0077");
  EXPECT_EQ(t.date->ToString(), "2026-02-10");
  EXPECT_EQ(t.currency, "USD");
  EXPECT_DOUBLE_EQ(*t.amount, 125000);
  EXPECT_EQ(PartyByField(t, "sender")->role, PartyRole::kIssuingBank);
  EXPECT_EQ(PartyByField(t, "sender")->bic, "SHBKCNSH");
  EXPECT_EQ(PartyByField(t, "receiver")->role, PartyRole::kAdvisingBank);
  EXPECT_EQ(PartyByField(t, "receiver")->bic, "ISTBTRIS");
  EXPECT_EQ(PartyByField(t, "51A")->role, PartyRole::kIssuingBank);
  EXPECT_EQ(PartyByField(t, "57A")->role, PartyRole::kAdvisingBank);
  const Party* applicant = PartyByField(t, "50");
  ASSERT_NE(applicant, nullptr);
  EXPECT_EQ(applicant->role, PartyRole::kApplicant);
  EXPECT_EQ(applicant->name, "TIANJIN HUAXIN ELECTRONICS CO LTD");
  EXPECT_EQ(applicant->country, "CN");
  const Party* beneficiary = PartyByField(t, "59");
  ASSERT_NE(beneficiary, nullptr);
  EXPECT_EQ(beneficiary->role, PartyRole::kBeneficiary);
  EXPECT_EQ(beneficiary->name, "ANATOLIA DIS TICARET LTD STI");
  EXPECT_EQ(beneficiary->account, "TR330006100519786457841326");
  EXPECT_EQ(beneficiary->country, "TR");
  EXPECT_EQ(PartyByField(t, "41D"), nullptr);  // "ANY BANK IN TURKEY"
  EXPECT_EQ(t.terms.at("41a"), "BY NEGOTIATION");

  EXPECT_EQ(t.terms.at("40A"), "IRREVOCABLE");
  EXPECT_EQ(t.terms.at("31D"), "260515ISTANBUL");
  EXPECT_EQ(t.terms.at("39A"), "05/05");
  EXPECT_EQ(t.terms.at("42C"), "AT SIGHT");
  EXPECT_EQ(t.terms.at("43P"), "ALLOWED");
  EXPECT_EQ(t.terms.at("43T"), "ALLOWED");
  EXPECT_EQ(t.terms.at("44C"), "260430");

  EXPECT_EQ(t.route.places.at("44E"), "SHANGHAI, CHINA");
  EXPECT_EQ(t.route.places.at("44F"), "MERSIN, TURKEY");
  EXPECT_EQ(t.route.places.at("44B"), "NOVOROSSIYSK, RUSSIA");
  EXPECT_EQ(t.route.dispatch, "CN");
  EXPECT_EQ(t.route.transit, (std::vector<std::string>{"TR"}));
  EXPECT_EQ(t.route.destination, "RU");
  EXPECT_EQ(t.route.origin, "CN");  // "COUNTRY OF ORIGIN: CHINA" in 45A

  ASSERT_EQ(t.goods.size(), 3u);
  EXPECT_EQ(t.goods[0].field, "45A");
  EXPECT_EQ(t.goods[0].hs_code, "8542.31");
  EXPECT_EQ(t.goods[0].description,
            "400 PCS XC7K325T-2FFG900I FPGA (KINTEX-7), HS 8542.31, UNIT PRICE USD 250,00, "
            "COUNTRY OF ORIGIN: CHINA");
  EXPECT_DOUBLE_EQ(*t.goods[0].quantity, 400);
  EXPECT_EQ(t.goods[0].unit, "PCS");
  EXPECT_EQ(t.goods[1].hs_code, "8542.31");
  EXPECT_NE(t.goods[1].description.find("XCZU9EG-2FFVB1156I"), std::string::npos);
  EXPECT_EQ(t.goods[2].hs_code, "8473.30");
  EXPECT_EQ(t.goods[2].unit, "SETS");

  ASSERT_EQ(t.documents.size(), 3u);
  EXPECT_EQ(t.documents[0], "SIGNED COMMERCIAL INVOICE IN 3 ORIGINALS");
  EXPECT_EQ(t.documents[2], "CERTIFICATE OF ORIGIN ISSUED BY CCPIT");
}

TEST(MessagesMt700, MalformedMessagesAreProblems) {
  auto r = ReadMt700(kDir + "mt700_malformed.txt");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->transactions.size(), 1u);
  const Transaction& t = r->transactions[0];
  EXPECT_EQ(t.ref, "LC-GOOD-3");
  ASSERT_EQ(t.goods.size(), 2u);
  EXPECT_EQ(t.goods[0].description, "10 PCS MICROCONTROLLERS, HS 8542.31");
  EXPECT_EQ(t.goods[1].description, "5 PCS CONNECTORS");
  EXPECT_EQ(t.goods[1].hs_code, "");
  ASSERT_EQ(r->problems.size(), 2u);
  EXPECT_EQ(r->problems[0].reason, "32B: amount: not a number: '125.000,00'");
  EXPECT_EQ(r->problems[0].line, 3);
  EXPECT_EQ(r->problems[1].reason, "31C: not a YYMMDD date: '2602'");
  EXPECT_EQ(r->problems[1].record_id, "LC-BAD-2");
}

}  // namespace
}  // namespace chokepoint::check
