// Tests for the OFAC Advanced XML reader against the hand-made fixture
// tests/fixtures/ofac_advanced/sdn_advanced_sample.xml. Expected values are
// read off the fixture by hand, not taken from the reader's output.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "chokepoint/lists.h"
#include "lists/reader_test_support.h"
#include "lists/readers.h"

namespace chokepoint::lists {
namespace {

using namespace test_support;  // NOLINT(build/namespaces)

const char kFixture[] =
    CHOKEPOINT_SOURCE_DIR "/tests/fixtures/ofac_advanced/sdn_advanced_sample.xml";

Result<ReadOutput> Read(const InputFile& f) {
  ReadOptions options;
  options.source_id = "us_ofac_sdn";
  return ReadOfacAdvancedXml(std::span<const InputFile>(&f, 1), options);
}

TEST(OfacAdvancedXml, PersonFields) {
  auto out = Read(LoadFixture(kFixture));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->entities.size(), 6u);
  EXPECT_TRUE(out->problems.empty());
  EXPECT_EQ(out->meta.list_date, "2025-03-14");

  const Entity* p = Find(*out, "10001");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->source, "us_ofac_sdn");
  EXPECT_EQ(p->schema, Schema::kPerson);
  ASSERT_FALSE(p->names.empty());
  EXPECT_EQ(p->names[0].kind, NameKind::kPrimary);
  EXPECT_EQ(p->names[0].full, "Ivan Petrovich IVANOV");
  EXPECT_EQ(p->names[0].given, "Ivan");
  EXPECT_EQ(p->names[0].patronymic, "Petrovich");
  EXPECT_EQ(p->names[0].family, "IVANOV");
  EXPECT_TRUE(HasName(*p, "Иван Петрович ИВАНОВ", NameKind::kStrongAlias));
  EXPECT_TRUE(HasName(*p, "VANYA", NameKind::kWeakAlias));
  ASSERT_EQ(p->birth_dates.size(), 1u);
  EXPECT_EQ(p->birth_dates[0].ToString(), "1970-03-15");
  EXPECT_FALSE(p->birth_dates[0].circa);
  ASSERT_EQ(p->birth_places.size(), 1u);
  EXPECT_EQ(p->birth_places[0], "Moscow, Russia");
  EXPECT_EQ(p->nationalities, std::vector<std::string>{"RU"});
  EXPECT_EQ(p->gender, "male");
  const Identifier* pass = FindId(*p, IdType::kPassport);
  ASSERT_NE(pass, nullptr);
  EXPECT_EQ(pass->value, "751234567");
  EXPECT_EQ(pass->country, "RU");
  EXPECT_EQ(pass->label, "Passport");
  EXPECT_NE(pass->note.find("2015-06-01"), std::string::npos);
  ASSERT_EQ(p->programs.size(), 1u);
  EXPECT_EQ(p->programs[0].code, "RUSSIA-EO14024");
  ASSERT_EQ(p->listing_dates.size(), 1u);
  EXPECT_EQ(p->listing_dates[0].ToString(), "2022-04-06");
  // 10003 is owned or controlled by 10001; 10006 is an associate.
  ASSERT_EQ(p->relations.size(), 2u);
  EXPECT_EQ(p->relations[0].kind, RelationKind::kParentOf);
  EXPECT_EQ(p->relations[0].target_id, "10003");
  EXPECT_EQ(p->relations[1].kind, RelationKind::kAssociateOf);
  EXPECT_EQ(p->relations[1].target_id, "10006");

  const Entity* q = Find(*out, "10006");
  ASSERT_NE(q, nullptr);
  ASSERT_EQ(q->birth_dates.size(), 1u);
  EXPECT_EQ(q->birth_dates[0].year, 1965);
  EXPECT_EQ(q->birth_dates[0].month, 0);
  EXPECT_TRUE(q->birth_dates[0].circa);
  EXPECT_EQ(q->nationalities, std::vector<std::string>{"IR"});
  EXPECT_TRUE(HasName(*q, "Ali TESTY", NameKind::kStrongAlias));
  const Identifier* wallet = FindId(*q, IdType::kCryptoWallet);
  ASSERT_NE(wallet, nullptr);
  EXPECT_EQ(wallet->value, "1TestAddr4XBTzzzzzzzzzzzzzzzzzzzzz");
  EXPECT_EQ(wallet->note, "XBT");
  EXPECT_EQ(q->emails, std::vector<std::string>{"ali@example.test"});
  EXPECT_EQ(q->phones, std::vector<std::string>{"+98 21 0000 0000"});
  const Identifier* nid = FindId(*q, IdType::kNationalId);
  ASSERT_NE(nid, nullptr);
  EXPECT_EQ(nid->country, "IR");
}

TEST(OfacAdvancedXml, CompanyVesselAircraftFields) {
  auto out = Read(LoadFixture(kFixture));
  ASSERT_TRUE(out.ok()) << out.status().ToString();

  const Entity* c = Find(*out, "10002");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->schema, Schema::kCompany);
  EXPECT_EQ(c->caption(), "WUHAN GLOBAL SENSOR TECHNOLOGY CO., LTD.");
  EXPECT_TRUE(HasName(*c, "WUHAN GST", NameKind::kStrongAlias));
  const Identifier* uscc = FindId(*c, IdType::kUscc);
  ASSERT_NE(uscc, nullptr);
  EXPECT_EQ(uscc->value, "91420100MA4KTEST0X");
  EXPECT_EQ(uscc->country, "CN");
  EXPECT_EQ(c->incorporation_date.ToString(), "2016");  // a whole-year range
  EXPECT_EQ(c->sanctions_risks, std::vector<std::string>{"Section 11 of Executive Order 14024."});
  ASSERT_EQ(c->addresses.size(), 1u);
  EXPECT_EQ(c->addresses[0].city, "Wuhan");
  EXPECT_EQ(c->addresses[0].region, "Hubei");
  EXPECT_EQ(c->addresses[0].postal_code, "430205");
  EXPECT_EQ(c->addresses[0].country, "CN");
  EXPECT_EQ(c->addresses[0].full, "No. 7 Gaoxin 4th Road, Wuhan, Hubei, 430205, China");
  EXPECT_EQ(c->websites, std::vector<std::string>{"www.example-gst.test"});
  ASSERT_EQ(c->programs.size(), 1u);
  EXPECT_EQ(c->programs[0].code, "RUSSIA-EO14024");

  const Entity* r = Find(*out, "10003");
  ASSERT_NE(r, nullptr);
  // No legal form in the name, but registration numbers: a company.
  EXPECT_EQ(r->schema, Schema::kCompany);
  EXPECT_TRUE(HasName(*r, "OOO TESTOVAYA LOGISTIKA", NameKind::kFormerName));
  const Identifier* inn = FindId(*r, IdType::kInn);
  ASSERT_NE(inn, nullptr);
  EXPECT_EQ(inn->value, "7701234567");
  EXPECT_EQ(inn->label, "Tax ID No.");
  const Identifier* ogrn = FindId(*r, IdType::kOgrn);
  ASSERT_NE(ogrn, nullptr);
  EXPECT_EQ(ogrn->value, "1027700123456");
  EXPECT_EQ(r->programs.size(), 2u);
  ASSERT_EQ(r->relations.size(), 1u);
  EXPECT_EQ(r->relations[0].kind, RelationKind::kOwnedBy);
  EXPECT_EQ(r->relations[0].target_id, "10001");
  EXPECT_EQ(r->relations[0].target_name, "Ivan Petrovich IVANOV");
  EXPECT_EQ(r->remarks, std::vector<std::string>{"Fictitious party for tests."});

  const Entity* v = Find(*out, "10004");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->schema, Schema::kVessel);
  EXPECT_EQ(v->caption(), "SEA TESTER");
  const Identifier* imo = FindId(*v, IdType::kImo);
  ASSERT_NE(imo, nullptr);
  EXPECT_EQ(imo->value, "9123456");
  ASSERT_NE(FindId(*v, IdType::kMmsi), nullptr);
  EXPECT_EQ(FindId(*v, IdType::kMmsi)->value, "273000001");
  ASSERT_NE(FindId(*v, IdType::kCallSign), nullptr);
  EXPECT_EQ(FindId(*v, IdType::kCallSign)->value, "UBCD7");
  EXPECT_EQ(v->countries, std::vector<std::string>{"RU"});

  const Entity* a = Find(*out, "10005");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->schema, Schema::kAircraft);
  ASSERT_NE(FindId(*a, IdType::kAircraftSerial), nullptr);
  EXPECT_EQ(FindId(*a, IdType::kAircraftSerial)->value, "1234");
  ASSERT_NE(FindId(*a, IdType::kTailNumber), nullptr);
}

TEST(OfacAdvancedXml, TruncatedFileIsAnErrorNamingFileAndLine) {
  InputFile f = LoadFixture(kFixture);
  size_t cut = f.data.find("<DistinctParty FixedRef=\"10004\"");
  ASSERT_NE(cut, std::string::npos);
  f.data.resize(cut + 10);
  int64_t last_line = 1 + std::count(f.data.begin(), f.data.end(), '\n');
  auto out = Read(f);
  ASSERT_FALSE(out.ok());
  std::string msg = out.status().message();
  EXPECT_NE(msg.find(kFixture), std::string::npos) << msg;
  EXPECT_NE(msg.find(":" + std::to_string(last_line) + ":"), std::string::npos) << msg;
  EXPECT_NE(msg.find("malformed XML"), std::string::npos) << msg;
}

TEST(OfacAdvancedXml, MismatchedTagNamesItsLine) {
  InputFile f{"bad.xml", "<Sanctions>\n  <DateOfIssue>\n  </DateOfIsue>\n</Sanctions>\n"};
  auto out = Read(f);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("bad.xml:3:"), std::string::npos) << out.status().message();
}

TEST(OfacAdvancedXml, WrongRootAndEmptyInputAreErrors) {
  EXPECT_FALSE(Read(InputFile{"x.xml", "<export/>"}).ok());
  EXPECT_FALSE(Read(InputFile{"x.xml", ""}).ok());
  EXPECT_FALSE(Read(InputFile{"x.xml", "\xEF\xBB\xBF"}).ok());
}

TEST(OfacAdvancedXml, BadRecordsBecomeProblems) {
  InputFile f = LoadFixture(kFixture);
  // 10005 loses its FixedRef; 10001 gets month 13 in its birth date.
  size_t pos = f.data.find("<DistinctParty FixedRef=\"10005\"");
  ASSERT_NE(pos, std::string::npos);
  int64_t line_10005 = LineOf(f.data, "<DistinctParty FixedRef=\"10005\"");
  f.data.replace(pos, 31, "<DistinctParty");
  size_t dob = f.data.find("<Year>1970</Year><Month>3</Month>");
  ASSERT_NE(dob, std::string::npos);
  f.data.replace(dob, 33, "<Year>1970</Year><Month>13</Month>");
  auto out = Read(f);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->entities.size(), 4u);
  ASSERT_EQ(out->problems.size(), 4u);  // two parties and both relations to 10001
  bool saw_fixed_ref = false, saw_date = false;
  for (const auto& p : out->problems) {
    if (p.reason.find("FixedRef") != std::string::npos) {
      saw_fixed_ref = true;
      EXPECT_EQ(p.line, line_10005);
      EXPECT_EQ(p.file, kFixture);
    }
    if (p.record_id == "10001") {
      saw_date = true;
      EXPECT_NE(p.reason.find("invalid date"), std::string::npos) << p.reason;
    }
  }
  EXPECT_TRUE(saw_fixed_ref);
  EXPECT_TRUE(saw_date);
  EXPECT_EQ(Find(*out, "10001"), nullptr);
  EXPECT_NE(Find(*out, "10002"), nullptr);
}

TEST(OfacAdvancedXml, InvalidUtf8SkipsOnlyItsParty) {
  InputFile f = LoadFixture(kFixture);
  size_t pos = f.data.find("SEA TESTER");
  ASSERT_NE(pos, std::string::npos);
  int64_t line = LineOf(f.data, "SEA TESTER");
  f.data[pos + 3] = '\xC3';  // a lead byte followed by 'T'
  auto out = Read(f);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->entities.size(), 5u);
  ASSERT_EQ(out->problems.size(), 1u);
  EXPECT_EQ(out->problems[0].record_id, "10004");
  EXPECT_EQ(out->problems[0].line, line);
  EXPECT_NE(out->problems[0].reason.find("UTF-8"), std::string::npos);

  // In the shared code lists it is fatal, with the line.
  InputFile g = LoadFixture(kFixture);
  size_t ref = g.data.find("Gregorian");
  int64_t ref_line = LineOf(g.data, "Gregorian");
  g.data[ref] = '\xFF';
  auto bad = Read(g);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(":" + std::to_string(ref_line) + ":"), std::string::npos)
      << bad.status().message();
}

}  // namespace
}  // namespace chokepoint::lists
