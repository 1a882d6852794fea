// Tests for the EU FSF XML reader against the hand-made fixture
// tests/fixtures/eu_fsf/eu_fsf_sample.xml. Expected values are read off the
// fixture by hand.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "chokepoint/lists.h"
#include "lists/reader_test_support.h"
#include "lists/readers.h"

namespace chokepoint::lists {
namespace {

using namespace test_support;  // NOLINT(build/namespaces)

const char kFixture[] = CHOKEPOINT_SOURCE_DIR "/tests/fixtures/eu_fsf/eu_fsf_sample.xml";

Result<ReadOutput> Read(const InputFile& f) {
  ReadOptions options;
  options.source_id = "eu_fsf";
  return ReadEuFsfXml(std::span<const InputFile>(&f, 1), options);
}

TEST(EuFsfXml, PersonFields) {
  auto out = Read(LoadFixture(kFixture));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->entities.size(), 5u);
  EXPECT_TRUE(out->problems.empty());
  EXPECT_EQ(out->meta.list_date, "2025-03-12");

  const Entity* p = Find(*out, "90001");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->schema, Schema::kPerson);
  EXPECT_EQ(p->names[0].kind, NameKind::kPrimary);
  EXPECT_EQ(p->names[0].full, "Pyotr Sergeyevich Testov");
  EXPECT_EQ(p->names[0].given, "Pyotr");
  EXPECT_EQ(p->names[0].family, "Testov");
  ASSERT_TRUE(HasName(*p, "Пётр Сергеевич Тестов", NameKind::kStrongAlias));
  for (const auto& n : p->names) {
    if (n.full == "Пётр Сергеевич Тестов") {
      EXPECT_EQ(n.script, Script::kCyrillic);
      EXPECT_EQ(n.lang, "ru");
    }
  }
  EXPECT_TRUE(HasName(*p, "Petya", NameKind::kWeakAlias));
  EXPECT_EQ(p->gender, "male");
  EXPECT_EQ(p->nationalities, std::vector<std::string>{"RU"});
  ASSERT_EQ(p->birth_dates.size(), 1u);
  EXPECT_EQ(p->birth_dates[0].ToString(), "1968-07-21");
  EXPECT_EQ(p->birth_places, std::vector<std::string>{"Saint Petersburg, RUSSIAN FEDERATION"});
  const Identifier* pass = FindId(*p, IdType::kPassport);
  ASSERT_NE(pass, nullptr);
  EXPECT_EQ(pass->value, "4510123456");
  EXPECT_EQ(pass->country, "RU");
  ASSERT_EQ(p->programs.size(), 1u);
  EXPECT_EQ(p->programs[0].code, "UKR");
  ASSERT_EQ(p->listing_dates.size(), 1u);
  EXPECT_EQ(p->listing_dates[0].ToString(), "2022-02-28");
  EXPECT_NE(std::find(p->titles.begin(), p->titles.end(), "Member of the State Duma"),
            p->titles.end());

  // Partial birth dates: a circa year and a year-month; unknown citizenship.
  const Entity* q = Find(*out, "90002");
  ASSERT_NE(q, nullptr);
  ASSERT_EQ(q->birth_dates.size(), 2u);
  EXPECT_EQ(q->birth_dates[0].ToString(), "1961");
  EXPECT_TRUE(q->birth_dates[0].circa);
  EXPECT_EQ(q->birth_dates[1].ToString(), "1962-03");
  EXPECT_TRUE(q->nationalities.empty());
  EXPECT_TRUE(HasName(*q, "Abu Test", NameKind::kWeakAlias));
  EXPECT_TRUE(q->addresses.empty());  // the address is all UNKNOWN
  ASSERT_EQ(q->listing_dates.size(), 1u);
  EXPECT_EQ(q->listing_dates[0].ToString(), "2002-05-29");  // from the regulation
  EXPECT_EQ(q->programs[0].code, "TAQA");

  const Entity* r = Find(*out, "90005");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->gender, "female");
  EXPECT_EQ(r->nationalities, (std::vector<std::string>{"UA", "RU"}));
  ASSERT_EQ(r->birth_dates.size(), 1u);
  EXPECT_EQ(r->birth_dates[0].ToString(), "1975-11");
  const Identifier* inn = FindId(*r, IdType::kInn);
  ASSERT_NE(inn, nullptr);
  EXPECT_EQ(inn->value, "123456789012");
}

TEST(EuFsfXml, EnterpriseFields) {
  auto out = Read(LoadFixture(kFixture));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const Entity* c = Find(*out, "90003");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->schema, Schema::kCompany);
  EXPECT_EQ(c->caption(), "Testovy Zavod JSC");
  EXPECT_TRUE(HasName(*c, "АО «Тестовый завод»", NameKind::kStrongAlias));
  ASSERT_NE(FindId(*c, IdType::kOgrn), nullptr);
  EXPECT_EQ(FindId(*c, IdType::kOgrn)->value, "1027700111111");
  ASSERT_NE(FindId(*c, IdType::kInn), nullptr);
  EXPECT_EQ(FindId(*c, IdType::kInn)->value, "7701111111");
  ASSERT_EQ(c->addresses.size(), 1u);
  EXPECT_EQ(c->addresses[0].city, "Moscow");
  EXPECT_EQ(c->addresses[0].street, "ul. Zavodskaya 5");
  EXPECT_EQ(c->addresses[0].postal_code, "109000");
  EXPECT_EQ(c->addresses[0].country, "RU");
  EXPECT_EQ(c->websites, std::vector<std::string>{"https://zavod.example.test"});
  EXPECT_EQ(c->phones, std::vector<std::string>{"+7 495 000 00 00"});

  const Entity* s = Find(*out, "90004");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->schema, Schema::kOrganization);
  ASSERT_NE(FindId(*s, IdType::kImo), nullptr);
  EXPECT_EQ(FindId(*s, IdType::kImo)->value, "9123457");
  ASSERT_NE(FindId(*s, IdType::kBic), nullptr);
  EXPECT_EQ(FindId(*s, IdType::kBic)->country, "IR");
}

TEST(EuFsfXml, TruncatedFileIsAnErrorNamingFileAndLine) {
  InputFile f = LoadFixture(kFixture);
  size_t cut = f.data.find("logicalId=\"90004\"");
  ASSERT_NE(cut, std::string::npos);
  f.data.resize(cut);
  int64_t last_line = 1 + std::count(f.data.begin(), f.data.end(), '\n');
  auto out = Read(f);
  ASSERT_FALSE(out.ok());
  std::string msg = out.status().message();
  EXPECT_NE(msg.find(kFixture), std::string::npos) << msg;
  EXPECT_NE(msg.find(":" + std::to_string(last_line) + ":"), std::string::npos) << msg;
}

TEST(EuFsfXml, WrongRootIsAnError) {
  auto out = Read(InputFile{"x.xml", "<Sanctions/>"});
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("x.xml"), std::string::npos);
}

TEST(EuFsfXml, BadRecordsBecomeProblems) {
  InputFile f = LoadFixture(kFixture);
  // 90004 loses its only name; 90005 gets an impossible birth month.
  int64_t line_90004 = LineOf(f.data, "logicalId=\"90004\"");
  size_t name = f.data.find("wholeName=\"Test Shipping Organisation\"");
  ASSERT_NE(name, std::string::npos);
  f.data.replace(name, 38, "wholeName=\"\"");
  size_t month = f.data.find("monthOfYear=\"11\"");
  ASSERT_NE(month, std::string::npos);
  f.data.replace(month, 16, "monthOfYear=\"14\"");
  auto out = Read(f);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->entities.size(), 3u);
  ASSERT_EQ(out->problems.size(), 2u);
  EXPECT_EQ(out->problems[0].record_id, "90004");
  EXPECT_EQ(out->problems[0].line, line_90004);
  EXPECT_NE(out->problems[0].reason.find("no name"), std::string::npos);
  EXPECT_EQ(out->problems[1].record_id, "90005");
  EXPECT_NE(out->problems[1].reason.find("birth"), std::string::npos);
}

TEST(EuFsfXml, InvalidUtf8SkipsOnlyItsEntity) {
  InputFile f = LoadFixture(kFixture);
  size_t pos = f.data.find("Olena Testenko");
  int64_t line = LineOf(f.data, "Olena Testenko");
  f.data[pos] = '\x80';  // a stray continuation byte
  auto out = Read(f);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->entities.size(), 4u);
  ASSERT_EQ(out->problems.size(), 1u);
  EXPECT_EQ(out->problems[0].record_id, "90005");
  EXPECT_EQ(out->problems[0].line, line);
}

}  // namespace
}  // namespace chokepoint::lists
