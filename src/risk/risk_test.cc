// The risk engine over transactions built in code, against a tiny snapshot
// of two listed companies: each rule fires on its case and stays quiet on a
// clean control, the decision logic (block, review, cannot_clear on old
// lists), deduplication does not change results, and the rules file's
// validation names the rule and field.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "chokepoint/check.h"
#include "chokepoint/snapshot.h"
#include "risk/rules.h"

namespace chokepoint::check {
namespace {

// The tax id (INN) of the tiny list's entity 1.
constexpr const char* kListedInn = "7714012345";

std::shared_ptr<const Screener> TinyScreener(const std::string& list_date) {
  SourceInput in;
  in.spec.format = FindFormat("csv");
  in.spec.source_id = "test_list";
  in.files.push_back({"/x/list.csv", std::string(64, 'a'), 10, ""});
  in.output.meta.list_date = list_date;
  for (auto [id, name] : {std::pair{"1", "JOINT STOCK COMPANY RADIOZAVOD"},
                          std::pair{"2", "ORION TECHNOLOGY TRADING LIMITED"}}) {
    Entity e;
    e.source_id = id;
    e.schema = Schema::kCompany;
    Name n;
    n.full = name;
    e.names.push_back(n);
    e.programs.push_back({"RUSSIA-EO14024", "", ""});
    if (std::string_view(id) == "1")
      e.identifiers.push_back({IdType::kInn, kListedInn, "RU", "", ""});
    in.output.entities.push_back(std::move(e));
  }
  std::vector<SourceInput> inputs;
  inputs.push_back(std::move(in));
  return Screener::Build(Snapshot::Build(std::move(inputs), "2026-11-01T00:00:00Z"));
}

std::shared_ptr<const RiskEngine> Engine(RiskOptions o = {}, std::string list_date = "2026-11-28") {
  if (o.today.empty()) o.today = "2026-11-29";
  auto e = RiskEngine::Create(TinyScreener(list_date), std::move(o));
  EXPECT_TRUE(e.ok()) << e.status().ToString();
  return e.ok() ? *e : nullptr;
}

Party P(PartyRole role, std::string name, std::string country) {
  Party p;
  p.role = role;
  p.name = std::move(name);
  p.country = std::move(country);
  return p;
}

GoodsLine G(std::string hs, std::string desc, double value = 1000, double qty = 10) {
  GoodsLine g;
  g.hs_code = std::move(hs);
  g.description = std::move(desc);
  g.value = value;
  g.quantity = qty;
  g.currency = "USD";
  g.unit = "u";
  return g;
}

// A clean shipment: German exporter, French buyer, office chairs.
Transaction Clean(std::string ref = "C1") {
  Transaction t;
  t.ref = std::move(ref);
  t.date = PartialDate{2024, 5, 2};
  t.parties.push_back(P(PartyRole::kShipper, "Bergmann Moebel GmbH", "DE"));
  Party c = P(PartyRole::kConsignee, "Lumiere Bureau SAS", "FR");
  c.phone = "+33 1 4000 1234";
  c.email = "achats@lumiere-bureau.fr";
  t.parties.push_back(c);
  t.goods.push_back(G("9401.39", "Swivel office chairs", 1400, 10));
  t.route = {"DE", "DE", "FR", {}, {}};
  return t;
}

std::set<std::string> Rules(const CheckResult& r) {
  std::set<std::string> out;
  for (const auto& a : r.alerts) out.insert(a.rule);
  return out;
}

TEST(CheckRisk, CleanControlRaisesNothing) {
  auto e = Engine();
  CheckResult r = e->Check(Clean());
  EXPECT_TRUE(r.alerts.empty()) << r.alerts[0].rule;
  EXPECT_EQ(r.risk, 0);
  EXPECT_EQ(r.decision, Decision::kClear);
  ASSERT_EQ(r.goods.size(), 1u);
  EXPECT_EQ(r.goods[0].hs6, "940139");
  EXPECT_TRUE(r.goods[0].chpl_tier.empty());
}

TEST(CheckRisk, CyrillicListedConsigneeBlocks) {
  auto e = Engine();
  Transaction t = Clean();
  t.parties[1] = P(PartyRole::kConsignee, "Акционерное общество «Радиозавод»", "RU");
  t.route.destination = "RU";
  CheckResult r = e->Check(t);
  EXPECT_EQ(r.decision, Decision::kBlock);
  auto it = std::find_if(r.alerts.begin(), r.alerts.end(),
                         [](const Alert& a) { return a.rule == "LIST-MATCH"; });
  ASSERT_NE(it, r.alerts.end());
  EXPECT_EQ(it->severity, 100);
  bool entity = false;
  for (const auto& [k, v] : it->evidence)
    entity = entity || (k == "hit.entity" && v == "test_list:1");
  EXPECT_TRUE(entity);
  EXPECT_TRUE(Rules(r).count("ROUTE-RU-BY-DESTINATION"));
  ASSERT_EQ(r.screening.size(), 1u);
  EXPECT_EQ(r.screening[0].party_index, 1u);
}

// The evidence of a check's first LIST-MATCH alert, by key (empty when it
// has none).
std::map<std::string, std::string> ListMatchEvidence(const CheckResult& r) {
  for (const Alert& a : r.alerts) {
    if (a.rule == "LIST-MATCH") return {a.evidence.begin(), a.evidence.end()};
  }
  return {};
}

// A party reached through another (an address line "C/O ..."): the other
// party is screened with the party's name, and the alert names it.
TEST(CheckRisk, CareOfPartyInTheAddressIsScreened) {
  auto e = Engine();
  Transaction t = Clean();
  t.parties[1].address = "C/O ORION TECHNOLOGY TRADING LIMITED, 12 HARBOUR ROAD, WAN CHAI";
  std::map<std::string, std::string> ev = ListMatchEvidence(e->Check(t));
  ASSERT_FALSE(ev.empty());
  EXPECT_EQ(ev["hit.entity"], "test_list:2");
  EXPECT_EQ(ev["consignee.care_of"], "ORION TECHNOLOGY TRADING LIMITED");
  EXPECT_EQ(ev["consignee.name"], "Lumiere Bureau SAS");
  // The same address without the marker names no party: nothing is found.
  t.parties[1].address = "ORION TECHNOLOGY TRADING LIMITED, 12 HARBOUR ROAD, WAN CHAI";
  EXPECT_FALSE(Rules(e->Check(t)).count("LIST-MATCH"));
}

// A person to attend to at the party (an address line "ATTN ..."): screened
// with the party's name too, and named in the alert as its contact, not as a
// party it is reached through.
TEST(CheckRisk, ContactInTheAddressIsScreenedAsAContact) {
  auto e = Engine();
  Transaction t = Clean();
  t.parties[1].address = "ATTN ORION TECHNOLOGY TRADING LIMITED, 12 HARBOUR ROAD, WAN CHAI";
  std::map<std::string, std::string> ev = ListMatchEvidence(e->Check(t));
  ASSERT_FALSE(ev.empty());
  EXPECT_EQ(ev["hit.entity"], "test_list:2");
  EXPECT_EQ(ev["consignee.contact"], "ORION TECHNOLOGY TRADING LIMITED");
  EXPECT_EQ(ev.count("consignee.care_of"), 0u);
}

// An identifier on an address line (INN ..., as payments to Russia write
// it): screened as an identifier, so a listed entity with that number is
// found under another name, and the alert names it.
TEST(CheckRisk, IdentifierInTheAddressIsScreened) {
  auto e = Engine();
  Transaction t = Clean();
  const std::string listed_inn = kListedInn;
  t.parties[1].address = "INN " + listed_inn + ", 12 HARBOUR ROAD, WAN CHAI";
  std::map<std::string, std::string> ev = ListMatchEvidence(e->Check(t));
  ASSERT_FALSE(ev.empty());
  EXPECT_EQ(ev["hit.entity"], "test_list:1");
  EXPECT_EQ(ev["consignee.address_identifiers"], "INN " + listed_inn);
  EXPECT_EQ(ev["consignee.name"], "Lumiere Bureau SAS");
  // Another number on that line finds nothing.
  t.parties[1].address = "INN 1234567890, 12 HARBOUR ROAD, WAN CHAI";
  EXPECT_FALSE(Rules(e->Check(t)).count("LIST-MATCH"));
}

TEST(CheckRisk, FpgaViaKyrgyzstanToNewCompany) {
  auto e = Engine();
  Transaction t = Clean();
  t.parties[1] = P(PartyRole::kConsignee, "Ala-Too Smart Components LLC", "KG");
  t.parties[1].incorporated = PartialDate{2023, 4, 18};
  t.goods = {G("", "XC7A100T-2FGG484I", 40000, 250)};
  t.route = {"US", "DE", "KG", {"KZ"}, {}};
  CheckResult r = e->Check(t);
  auto rules = Rules(r);
  EXPECT_TRUE(rules.count("GOODS-CHPL"));
  EXPECT_TRUE(rules.count("ROUTE-TRANSSHIPMENT"));
  EXPECT_TRUE(rules.count("RF-NEW-COMPANY-NON-GECC"));
  EXPECT_EQ(r.decision, Decision::kReview);
  ASSERT_EQ(r.goods.size(), 1u);
  EXPECT_EQ(r.goods[0].hs6, "854239");
  EXPECT_EQ(r.goods[0].chpl_tier, "1");
}

TEST(CheckRisk, ConsigneeKeywordsInSeveralLanguages) {
  auto e = Engine();
  struct Case {
    const char* name;
    const char* rule;
  } cases[] = {{"ООО «Транспортно-экспедиционная компания Восток»", "RF-CONSIGNEE-FORWARDER"},
               {"Silk Road Freight Forwarding LLC", "RF-CONSIGNEE-FORWARDER"},
               {"深圳市宏达国际物流有限公司", "RF-CONSIGNEE-FORWARDER"},
               {"Demir Bank OJSC", "RF-CONSIGNEE-BANK"},
               {"Desert Parcel Mail Centre FZE", "RF-CONSIGNEE-MAILCENTRE"}};
  for (const auto& c : cases) {
    Transaction t = Clean();
    t.parties[1] = P(PartyRole::kConsignee, c.name, "AE");
    t.route.destination = "AE";
    EXPECT_TRUE(Rules(e->Check(t)).count(c.rule)) << c.name;
  }
  // A shipper that is a logistics company is not a red flag.
  Transaction t = Clean();
  t.parties[0] = P(PartyRole::kShipper, "Rhenus Logistics GmbH", "DE");
  EXPECT_TRUE(e->Check(t).alerts.empty());
}

TEST(CheckRisk, LetterOfCreditConsignedToIssuingBank) {
  auto e = Engine();
  Transaction t;
  t.ref = "LC1";
  t.kind = MessageKind::kMt700;
  t.parties.push_back(P(PartyRole::kApplicant, "Ararat Machinery LLC", "AM"));
  t.parties.push_back(P(PartyRole::kBeneficiary, "Lumiere Bureau SAS", "FR"));
  Party bank = P(PartyRole::kIssuingBank, "ARARAT INVESTMENT BANK CJSC", "AM");
  bank.bic = "ARIVAM22";
  t.parties.push_back(bank);
  t.documents.push_back(
      "FULL SET OF CLEAN ON BOARD OCEAN BILLS OF LADING MADE OUT TO THE ORDER OF ARARAT "
      "INVESTMENT BANK CJSC MARKED FREIGHT PREPAID");
  CheckResult r = e->Check(t);
  EXPECT_TRUE(Rules(r).count("RF-LC-ISSUING-BANK"));
  // Consigned to the applicant: no alert.
  t.documents[0] = "FULL SET OF BILLS OF LADING CONSIGNED TO ARARAT MACHINERY LLC";
  EXPECT_FALSE(Rules(e->Check(t)).count("RF-LC-ISSUING-BANK"));
}

TEST(CheckRisk, PhoneFreeMailAndPrices) {
  auto e = Engine();
  Transaction t = Clean();
  t.parties[1].phone = "+7 495 555 0199";
  t.parties[1].email = "buyer@mail.ru";
  auto rules = Rules(e->Check(t));
  EXPECT_TRUE(rules.count("RF-PHONE-COUNTRY"));
  EXPECT_TRUE(rules.count("RF-FREEMAIL"));
  // A car at six times the rules file's UN Comtrade norm for 870322.
  t = Clean();
  t.goods = {G("8703.22", "Passenger car", 4 * 31500, 4)};
  EXPECT_TRUE(Rules(e->Check(t)).count("RF-UNIT-PRICE-HIGH"));
  t.goods = {G("8703.22", "Passenger car", 4 * 5000, 4)};
  EXPECT_TRUE(e->Check(t).alerts.empty());
}

TEST(CheckRisk, HistoryRulesNeedTheBatch) {
  auto e = Engine();
  auto ship = [](std::string ref, PartialDate d, GoodsLine g) {
    Transaction t = Clean(std::move(ref));
    t.parties[1] = P(PartyRole::kConsignee, "Caspian Industrial Supply LLC", "AZ");
    t.route.destination = "AZ";
    t.date = d;
    t.goods = {std::move(g)};
    return t;
  };
  std::vector<Transaction> batch = {
      ship("H1", {2019, 5, 1}, G("4011.10", "tyres", 30000, 400)),
      ship("H2", {2021, 6, 1}, G("4011.10", "tyres", 30000, 400)),
      ship("NEW", {2023, 3, 1}, G("8542.31", "microcontrollers", 28000, 3000))};
  auto results = e->CheckBatch(batch);
  EXPECT_TRUE(Rules(results[2]).count("RF-FIRST-CHPL"));
  // Alone, the shipment has no history: the rule cannot fire.
  EXPECT_FALSE(Rules(e->Check(batch[2])).count("RF-FIRST-CHPL"));
  // The same history given as RiskOptions::history works for a single check.
  RiskOptions o;
  o.history = {batch[0], batch[1]};
  EXPECT_TRUE(Rules(Engine(o)->Check(batch[2])).count("RF-FIRST-CHPL"));

  // Spike: 20,000 a year of MLCC before 2022, 200,000 within a year after.
  std::vector<Transaction> spike = {ship("S1", {2019, 3, 1}, G("8532.24", "MLCC", 20000, 1e6)),
                                    ship("S2", {2020, 3, 1}, G("8532.24", "MLCC", 20000, 1e6)),
                                    ship("S3", {2021, 3, 1}, G("8532.24", "MLCC", 20000, 1e6)),
                                    ship("S4", {2024, 2, 1}, G("8532.24", "MLCC", 200000, 1e7))};
  auto sr = e->CheckBatch(spike);
  EXPECT_TRUE(Rules(sr[3]).count("RF-CHPL-SPIKE"));
  EXPECT_FALSE(Rules(sr[3]).count("RF-FIRST-CHPL"));
  // A GECC buyer's history is not followed.
  for (auto& t : spike) {
    t.parties[1].country = "FR";
    t.route.destination = "FR";
  }
  EXPECT_FALSE(Rules(e->CheckBatch(spike)[3]).count("RF-CHPL-SPIKE"));
}

TEST(CheckRisk, OldListsNeverClear) {
  RiskOptions o;
  o.max_snapshot_age_days = 7;
  auto e = Engine(o, "2026-02-27");
  EXPECT_TRUE(e->lists_stale());
  EXPECT_EQ(e->lists_date(), "2026-02-27");
  EXPECT_EQ(e->lists_age_days(), 275);  // 2026-02-27 .. 2026-11-29
  CheckResult r = e->Check(Clean());
  EXPECT_EQ(r.assessed, Decision::kClear);
  EXPECT_EQ(r.decision, Decision::kCannotClear);
  Transaction t = Clean();
  t.parties[1] = P(PartyRole::kConsignee, "JOINT STOCK COMPANY RADIOZAVOD", "RU");
  EXPECT_EQ(e->Check(t).decision, Decision::kBlock);
  o.max_snapshot_age_days = 300;
  EXPECT_EQ(Engine(o, "2026-02-27")->Check(Clean()).decision, Decision::kClear);
}

TEST(CheckRisk, DeduplicationDoesNotChangeResults) {
  auto e = Engine();
  std::vector<Transaction> batch;
  for (int i = 0; i < 30; ++i) {
    Transaction t = Clean("R" + std::to_string(i));
    if (i % 3 == 0) t.parties[1] = P(PartyRole::kConsignee, "ORION TECHNOLOGY TRADING LTD", "HK");
    if (i % 5 == 0) t.goods = {G("", "STM32F407VGT6 microcontrollers", 950, 100)};
    batch.push_back(t);
  }
  BatchOptions dedup, plain;
  plain.deduplicate = false;
  dedup.threads = 2;
  BatchStats s1, s2;
  auto a = e->CheckBatch(batch, dedup, &s1);
  auto b = e->CheckBatch(batch, plain, &s2);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].risk, b[i].risk);
    EXPECT_EQ(a[i].decision, b[i].decision);
    EXPECT_EQ(Rules(a[i]), Rules(b[i]));
  }
  EXPECT_EQ(s1.parties, 60u);
  EXPECT_EQ(s1.parties_screened, 3u);  // shipper, French buyer, HK buyer
  EXPECT_EQ(s2.parties_screened, 60u);
}

TEST(CheckRisk, RulesFileErrorsNameRuleAndField) {
  std::string text(DefaultRulesJson());
  auto ok = risk::ParseRules(text, "rules.json");
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->gecc.size(), 39u);
  EXPECT_FALSE(ok->version.empty());

  auto bad = [&](std::string from, std::string to) {
    std::string t = text;
    size_t pos = t.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    t.replace(pos, from.size(), to);
    auto r = risk::ParseRules(t, "rules.json");
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string() : r.status().message();
  };
  std::string m = bad("\"id\": \"RF-FREEMAIL\"", "\"id\": \"RF-FREEMALE\"");
  EXPECT_NE(m.find("RF-FREEMALE"), std::string::npos) << m;
  m = bad("\"factor\": 3.0,", "\"factor\": \"three\",");
  EXPECT_NE(m.find("RF-UNIT-PRICE-HIGH"), std::string::npos) << m;
  EXPECT_NE(m.find("parameters.factor"), std::string::npos) << m;
  m = bad("\"alert_score\": 0.85", "\"alert_score\": 7");
  EXPECT_NE(m.find("LIST-MATCH"), std::string::npos) << m;
  m = bad("\"version\": \"", "\"vers\": \"");
  EXPECT_NE(m.find("version"), std::string::npos) << m;
  m = bad("{", "[");
  EXPECT_NE(m.find("JSON"), std::string::npos) << m;

  // A disabled rule raises nothing.
  std::string t = text;
  size_t at = t.find("\"id\": \"RF-FREEMAIL\"");
  size_t en = t.find("\"enabled\": true", at);
  t.replace(en, 15, "\"enabled\": false");
  RiskOptions o;
  o.rules_text = t;
  Transaction c = Clean();
  c.parties[1].email = "buyer@gmail.com";
  EXPECT_FALSE(Rules(Engine(o)->Check(c)).count("RF-FREEMAIL"));
  EXPECT_TRUE(Rules(Engine()->Check(c)).count("RF-FREEMAIL"));
}

}  // namespace
}  // namespace chokepoint::check
