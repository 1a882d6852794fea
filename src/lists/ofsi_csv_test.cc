#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "chokepoint/lists.h"
#include "lists/readers.h"

namespace chokepoint::lists {
namespace {

constexpr const char* kHeader =
    "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,Name Non-Latin Script,Non-Latin Script "
    "Type,Non-Latin Script Language,DOB,Town of Birth,Country of Birth,Nationality,Passport "
    "Number,Passport Details,National Identification Number,National Identification "
    "Details,Position,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,Post/Zip "
    "Code,Country,Other Information,Group Type,Alias Type,Alias Quality,Regime,Listed On,UK "
    "Sanctions List Date Designated,Last Updated,Group ID\n";

// A row with the 36 columns; unnamed ones are empty.
struct R {
  std::string name6, name1, name2, title, non_latin, nl_type, nl_lang, dob, town, cob, nat, pass_no,
      pass_det, nid_no, nid_det, position, addr1, addr6, post, country, other, group_type,
      alias_type, quality, regime, listed_on, group_id;
};

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

std::string Line(const R& r) {
  std::vector<std::string> f = {
      r.name6,    r.name1,     r.name2,     "",          "",           "",
      r.title,    r.non_latin, r.nl_type,   r.nl_lang,   r.dob,        r.town,
      r.cob,      r.nat,       r.pass_no,   r.pass_det,  r.nid_no,     r.nid_det,
      r.position, r.addr1,     "",          "",          "",           "",
      r.addr6,    r.post,      r.country,   r.other,     r.group_type, r.alias_type,
      r.quality,  r.regime,    r.listed_on, r.listed_on, r.listed_on,  r.group_id};
  std::string out;
  for (size_t i = 0; i < f.size(); ++i) out += (i ? "," : "") + Quote(f[i]);
  return out + "\n";
}

Result<ReadOutput> Read(const std::string& data) {
  std::vector<InputFile> files = {{"conlist.csv", data}};
  ReadOptions options;
  options.source_id = "gb_ofsi";
  return ReadOfsiCsv(files, options);
}

const Name* FindName(const Entity& e, const std::string& full) {
  for (const auto& n : e.names) {
    if (n.full == full) return &n;
  }
  return nullptr;
}

bool HasProperty(const Entity& e, const std::string& k, const std::string& v) {
  return std::find(e.properties.begin(), e.properties.end(), std::make_pair(k, v)) !=
         e.properties.end();
}

std::string PersonFixture() {
  R a;
  a.name6 = "IVANOV";
  a.name1 = "Ivan";
  a.name2 = "Ivanovich";
  a.title = "Colonel";
  a.dob = "00/00/1975";
  a.town = "Moscow";
  a.cob = "Russia";
  a.nat = "(1) Russia. (2) Ukraine";
  a.pass_no = "(1) 1234567 (2) 7654321";
  a.pass_det = "(1) Russia (2) Issued in Ukraine";
  a.position = "(1) Commander (2) Deputy Minister";
  a.addr1 = "26 Bolshaya Dmitrovka Street";
  a.addr6 = "Moscow";
  a.post = "103426";
  a.country = "Russia";
  a.other =
      "(UK Sanctions List Ref):RUS0001. (UK Statement of Reasons):Reasons here. (Gender):Male";
  a.group_type = "Individual";
  a.alias_type = "Primary name";
  a.regime = "Russia";
  a.listed_on = "16/03/2022";
  a.group_id = "14001";
  R b = a;  // the same person, a second date of birth and a Cyrillic name
  b.dob = "12/04/1976";
  b.non_latin = "Иван Иванович ИВАНОВ";
  b.nl_type = "Cyrillic";
  b.nl_lang = "Russian";
  R c = a;
  c.name6 = "IVANOFF";
  c.alias_type = "AKA";
  c.quality = "Good quality";
  R d = a;
  d.name6 = "IVANU";
  d.name2 = "";
  d.alias_type = "AKA";
  d.quality = "Low quality";
  R v = a;
  v.name6 = "IVANOV";
  v.name1 = "Iwan";
  v.alias_type = "Primary name variation";
  return Line(c) + Line(a) + Line(b) + Line(d) + Line(v);
}

TEST(OfsiCsv, GroupsRowsIntoOneEntityWithMergedFacts) {
  auto out = Read(std::string("Last Updated,10/04/2025\n") + kHeader + PersonFixture());
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->meta.list_date, "2025-04-10");
  EXPECT_TRUE(out->problems.empty());
  ASSERT_EQ(out->entities.size(), 1u);
  const Entity& e = out->entities[0];
  EXPECT_EQ(e.source, "gb_ofsi");
  EXPECT_EQ(e.source_id, "14001");
  EXPECT_EQ(e.schema, Schema::kPerson);
  // The primary name comes first even though an AKA row came first.
  ASSERT_FALSE(e.names.empty());
  EXPECT_EQ(e.names[0].full, "Ivan Ivanovich IVANOV");
  EXPECT_EQ(e.names[0].kind, NameKind::kPrimary);
  EXPECT_EQ(e.names[0].given, "Ivan");
  EXPECT_EQ(e.names[0].middle, "Ivanovich");
  EXPECT_EQ(e.names[0].family, "IVANOV");
  const Name* strong = FindName(e, "Ivan Ivanovich IVANOFF");
  ASSERT_NE(strong, nullptr);
  EXPECT_EQ(strong->kind, NameKind::kStrongAlias);
  const Name* weak = FindName(e, "Ivan IVANU");
  ASSERT_NE(weak, nullptr);
  EXPECT_EQ(weak->kind, NameKind::kWeakAlias);
  const Name* variation = FindName(e, "Iwan Ivanovich IVANOV");
  ASSERT_NE(variation, nullptr);
  EXPECT_EQ(variation->kind, NameKind::kStrongAlias);
  const Name* cyr = FindName(e, "Иван Иванович ИВАНОВ");
  ASSERT_NE(cyr, nullptr);
  EXPECT_EQ(cyr->kind, NameKind::kStrongAlias);
  EXPECT_EQ(cyr->script, Script::kCyrillic);
  EXPECT_EQ(cyr->lang, "ru");
  // Five rows, five distinct names; the repeated primary is not duplicated.
  EXPECT_EQ(e.names.size(), 5u);

  ASSERT_EQ(e.birth_dates.size(), 2u);
  EXPECT_EQ(e.birth_dates[0].ToString(), "1975");
  EXPECT_EQ(e.birth_dates[1].ToString(), "1976-04-12");
  EXPECT_EQ(e.nationalities, (std::vector<std::string>{"RU", "UA"}));
  EXPECT_EQ(e.countries, (std::vector<std::string>{"RU"}));
  EXPECT_EQ(e.birth_places, (std::vector<std::string>{"Moscow, Russia"}));
  EXPECT_EQ(e.titles, (std::vector<std::string>{"Colonel", "Commander", "Deputy Minister"}));
  ASSERT_EQ(e.identifiers.size(), 2u);
  EXPECT_EQ(e.identifiers[0].type, IdType::kPassport);
  EXPECT_EQ(e.identifiers[0].value, "1234567");
  EXPECT_EQ(e.identifiers[0].country, "RU");
  EXPECT_EQ(e.identifiers[1].value, "7654321");
  EXPECT_EQ(e.identifiers[1].country, "UA");
  ASSERT_EQ(e.programs.size(), 1u);
  EXPECT_EQ(e.programs[0].code, "Russia");
  ASSERT_EQ(e.listing_dates.size(), 1u);
  EXPECT_EQ(e.listing_dates[0].ToString(), "2022-03-16");
  ASSERT_EQ(e.addresses.size(), 1u);
  EXPECT_EQ(e.addresses[0].street, "26 Bolshaya Dmitrovka Street");
  EXPECT_EQ(e.addresses[0].city, "Moscow");
  EXPECT_EQ(e.addresses[0].postal_code, "103426");
  EXPECT_EQ(e.addresses[0].country, "RU");
  EXPECT_EQ(e.gender, "male");
  EXPECT_TRUE(HasProperty(e, "uk_sanctions_list_ref", "RUS0001"));
  ASSERT_EQ(e.remarks.size(), 1u);
  EXPECT_NE(e.remarks[0].find("Reasons here"), std::string::npos);
}

TEST(OfsiCsv, SchemaFromGroupTypeAndShipFacts) {
  R ship;
  ship.name6 = "SAM JONG 2";
  ship.group_type = "Ship";
  ship.alias_type = "Primary name";
  ship.regime = "Democratic People's Republic of Korea";
  ship.other =
      "(UK Sanctions List Ref):DPR0100. Text (IMO number):7408873 (Flag of ship):North Korea";
  ship.group_id = "13640";
  R company;
  company.name6 = "ACME TRADING LLC";
  company.group_type = "Entity";
  company.alias_type = "Primary name";
  company.other = "(Business Reg No):(1) OGRN: 1025403641900 (2) INN/TIN: 5408100018";
  company.group_id = "2";
  R org = company;
  org.name6 = "MINISTRY OF DEFENCE";
  org.other = "";
  org.group_id = "3";
  auto out = Read(std::string(kHeader) + Line(ship) + Line(company) + Line(org));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->meta.list_date, "");
  ASSERT_EQ(out->entities.size(), 3u);
  const Entity& s = out->entities[0];
  EXPECT_EQ(s.schema, Schema::kVessel);
  ASSERT_EQ(s.identifiers.size(), 1u);
  EXPECT_EQ(s.identifiers[0].type, IdType::kImo);
  EXPECT_EQ(s.identifiers[0].value, "7408873");
  EXPECT_EQ(s.countries, (std::vector<std::string>{"KP"}));
  EXPECT_TRUE(HasProperty(s, "uk_sanctions_list_ref", "DPR0100"));
  const Entity& c = out->entities[1];
  EXPECT_EQ(c.schema, Schema::kCompany);
  ASSERT_EQ(c.identifiers.size(), 2u);
  EXPECT_EQ(c.identifiers[0].type, IdType::kOgrn);
  EXPECT_EQ(c.identifiers[0].value, "1025403641900");
  EXPECT_EQ(c.identifiers[1].type, IdType::kInn);
  EXPECT_EQ(c.identifiers[1].value, "5408100018");
  EXPECT_EQ(out->entities[2].schema, Schema::kOrganization);
}

TEST(OfsiCsv, CountrySpellingsOfTheConList) {
  std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"Former USSR, now Ukraine", {"UA"}},
      {"Ukrainian SSR (now Ukraine)", {"UA"}},
      {"Kazakh Soviet Socialist Republic (now Kazakhstan)", {"KZ"}},
      {"Russian Federation (as at November 2010)", {"RU"}},
      {"Germany. Russia", {"DE", "RU"}},
      {"(1) Syria. (2) Palestinian Territories", {"SY", "PS"}},
      {"Former USSR", {}},
  };
  std::string data = kHeader;
  for (size_t i = 0; i < cases.size(); ++i) {
    R r;
    r.name6 = "P" + std::to_string(i);
    r.group_type = "Individual";
    r.alias_type = "Primary name";
    r.nat = cases[i].first;
    r.group_id = std::to_string(i + 1);
    data += Line(r);
  }
  auto out = Read(data);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->entities.size(), cases.size());
  for (size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(out->entities[i].nationalities, cases[i].second) << cases[i].first;
  }
}

TEST(OfsiCsv, BadRowsBecomeProblemsNamingLineAndReason) {
  R good;
  good.name6 = "GOOD";
  good.group_type = "Entity";
  good.alias_type = "Primary name";
  good.group_id = "1";
  R no_group = good;
  no_group.group_id = "";
  R bad_utf8 = good;
  bad_utf8.name6 = "BAD\xff";
  bad_utf8.group_id = "2";
  std::string data = std::string("Last Updated,10/04/2025\n") + kHeader + Line(good) +
                     "only,three,fields\n" + Line(no_group) + Line(bad_utf8);
  auto out = Read(data);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->entities.size(), 1u);
  ASSERT_EQ(out->problems.size(), 3u);
  EXPECT_EQ(out->problems[0].line, 4);
  EXPECT_NE(out->problems[0].reason.find("expected 36 fields, found 3"), std::string::npos);
  EXPECT_EQ(out->problems[1].line, 5);
  EXPECT_NE(out->problems[1].reason.find("Group ID"), std::string::npos);
  EXPECT_EQ(out->problems[2].line, 6);
  EXPECT_EQ(out->problems[2].column, 1);
  EXPECT_NE(out->problems[2].reason.find("invalid UTF-8"), std::string::npos);
  EXPECT_EQ(out->problems[2].ToString().rfind("conlist.csv:6:1: record 2: ", 0), 0u);
}

TEST(OfsiCsv, EmptyOrForeignInputIsAnErrorNotACrash) {
  EXPECT_FALSE(Read("").ok());
  EXPECT_FALSE(Read("Last Updated,10/04/2025\n").ok());
  auto wrong = Read("name,country\nA,B\n");
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("missing column 'Name 6'"), std::string::npos);
  // A header and no rows is an empty list.
  auto empty = Read(kHeader);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->entities.empty());
}

TEST(OfsiCsv, RealConListHasOneEntityPerGroup) {
  auto file = LoadInputFile(std::string(CHOKEPOINT_SHARED_DIR) +
                            "/data/sanctions/uk/OFSI_ConList_2025-04-10.converted.csv.xz");
  if (!file.ok()) GTEST_SKIP() << file.status().ToString();
  std::vector<InputFile> files = {*file};
  auto out = ReadOfsiCsv(files, ReadOptions{"gb_ofsi"});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->meta.list_date, "2025-04-10");
  EXPECT_TRUE(out->problems.empty());
  // 4,686 Group IDs, as the shared data README documents for this file.
  EXPECT_EQ(out->entities.size(), 4686u);
  for (const auto& e : out->entities) {
    ASSERT_FALSE(e.names.empty()) << e.source_id;
    EXPECT_EQ(e.names[0].kind, NameKind::kPrimary) << e.source_id;
    int primaries = 0;
    for (const auto& n : e.names) primaries += n.kind == NameKind::kPrimary;
    EXPECT_EQ(primaries, 1) << e.source_id;
  }
}

}  // namespace
}  // namespace chokepoint::lists
