#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "chokepoint/lists.h"
#include "lists/readers.h"

namespace chokepoint::lists {
namespace {

Result<ReadOutput> Read(const std::string& data) {
  std::vector<InputFile> files = {{"blocklist.csv", data}};
  ReadOptions options;
  options.source_id = "my_blocklist";
  return ReadUserCsv(files, options);
}

TEST(UserCsv, AllColumns) {
  auto out = Read(
      "ID,Name,Schema,Aliases,Country,Nationality,Birth_Date,Identifiers,Program,Notes,Risk\n"
      "p1,Ivan Ivanov,person,Vanya Ivanov; Иван Иванов,Russia;UA,ru,1970-05;1971,"
      "passport:123456;inn:7707083893;Internal:X-1;PLAIN9,internal;watch,a note,high\n"
      "c1,Acme Trading LLC,company,,AE,,,,,,\n"
      "e1,Somebody,,,,,,,,,\n");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->problems.empty()) << out->problems[0].ToString();
  ASSERT_EQ(out->entities.size(), 3u);
  const Entity& p = out->entities[0];
  EXPECT_EQ(p.source, "my_blocklist");
  EXPECT_EQ(p.source_id, "p1");
  EXPECT_EQ(p.schema, Schema::kPerson);
  ASSERT_EQ(p.names.size(), 3u);
  EXPECT_EQ(p.names[0].full, "Ivan Ivanov");
  EXPECT_EQ(p.names[0].kind, NameKind::kPrimary);
  EXPECT_EQ(p.names[1].full, "Vanya Ivanov");
  EXPECT_EQ(p.names[1].kind, NameKind::kStrongAlias);
  EXPECT_EQ(p.names[2].script, Script::kCyrillic);
  EXPECT_EQ(p.countries, (std::vector<std::string>{"RU", "UA"}));
  EXPECT_EQ(p.nationalities, (std::vector<std::string>{"RU"}));
  ASSERT_EQ(p.birth_dates.size(), 2u);
  EXPECT_EQ(p.birth_dates[0].ToString(), "1970-05");
  EXPECT_EQ(p.birth_dates[1].ToString(), "1971");
  ASSERT_EQ(p.identifiers.size(), 4u);
  EXPECT_EQ(p.identifiers[0].type, IdType::kPassport);
  EXPECT_EQ(p.identifiers[0].value, "123456");
  EXPECT_EQ(p.identifiers[1].type, IdType::kInn);
  EXPECT_EQ(p.identifiers[2].type, IdType::kOther);
  EXPECT_EQ(p.identifiers[2].label, "Internal");
  EXPECT_EQ(p.identifiers[2].value, "X-1");
  EXPECT_EQ(p.identifiers[3].value, "PLAIN9");
  ASSERT_EQ(p.programs.size(), 2u);
  EXPECT_EQ(p.programs[1].code, "watch");
  EXPECT_EQ(p.remarks, (std::vector<std::string>{"a note"}));
  ASSERT_EQ(p.properties.size(), 1u);
  EXPECT_EQ(p.properties[0], std::make_pair(std::string("risk"), std::string("high")));
  EXPECT_EQ(out->entities[1].schema, Schema::kCompany);
  EXPECT_EQ(out->entities[1].countries, (std::vector<std::string>{"AE"}));
  EXPECT_EQ(out->entities[2].schema, Schema::kLegalEntity);
}

// A name cell that holds several names: the first is the primary name, the
// others aliases or former names; a care-of party is a property, not a name.
TEST(UserCsv, NameCellWithSeveralNames) {
  auto out = Read(
      "id,name,aliases\n"
      "c1,ACME TRADING LLC A.K.A. ACME GENERAL TRADING,ACME TR\n"
      "c2,NEW NAME JSC (FORMERLY OLD NAME JSC),\n"
      "c3,ООО «Новое Имя» (ранее АО «Старое Имя»),\n"
      "p1,IVAN PETROV C/O   ROSOBORONEXPORT,\n"
      "p2,Anna Karenina; Anna Arkadyevna,\n"
      "p3,Aka Shinji,\n"
      "p4,C/O SOMEONE ELSE,\n"
      "c4,ACME LLC ATTN JOHN SMITH,\n");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->problems.empty()) << out->problems[0].ToString();
  ASSERT_EQ(out->entities.size(), 8u);
  auto names = [&](size_t i) {
    std::vector<std::pair<std::string, NameKind>> v;
    for (const Name& n : out->entities[i].names) v.emplace_back(n.full, n.kind);
    return v;
  };
  using V = std::vector<std::pair<std::string, NameKind>>;
  EXPECT_EQ(names(0), (V{{"ACME TRADING LLC", NameKind::kPrimary},
                         {"ACME GENERAL TRADING", NameKind::kStrongAlias},
                         {"ACME TR", NameKind::kStrongAlias}}));
  EXPECT_EQ(out->entities[0].properties,
            (std::vector<std::pair<std::string, std::string>>{
                {"name_as_written", "ACME TRADING LLC A.K.A. ACME GENERAL TRADING"}}));
  EXPECT_EQ(names(1),
            (V{{"NEW NAME JSC", NameKind::kPrimary}, {"OLD NAME JSC", NameKind::kFormerName}}));
  EXPECT_EQ(names(2), (V{{"ООО «Новое Имя»", NameKind::kPrimary},
                         {"АО «Старое Имя»", NameKind::kFormerName}}));
  EXPECT_EQ(names(3), (V{{"IVAN PETROV", NameKind::kPrimary}}));
  EXPECT_EQ(
      out->entities[3].properties,
      (std::vector<std::pair<std::string, std::string>>{
          {"care_of", "ROSOBORONEXPORT"}, {"name_as_written", "IVAN PETROV C/O ROSOBORONEXPORT"}}));
  EXPECT_EQ(names(4), (V{{"Anna Karenina", NameKind::kPrimary},
                         {"Anna Arkadyevna", NameKind::kStrongAlias}}));
  // A marker word with no name before it is part of the name.
  EXPECT_EQ(names(5), (V{{"Aka Shinji", NameKind::kPrimary}}));
  EXPECT_TRUE(out->entities[5].properties.empty());
  // A cell that names only another party stays one name as written.
  EXPECT_EQ(names(6), (V{{"C/O SOMEONE ELSE", NameKind::kPrimary}}));
  // A person to attend to is the property "contact".
  EXPECT_EQ(names(7), (V{{"ACME LLC", NameKind::kPrimary}}));
  EXPECT_EQ(out->entities[7].properties,
            (std::vector<std::pair<std::string, std::string>>{
                {"contact", "JOHN SMITH"}, {"name_as_written", "ACME LLC ATTN JOHN SMITH"}}));
}

// A name cell that writes identifiers or a street address beside the name:
// they become the entity's identifiers and address.
TEST(UserCsv, NameCellWithIdentifiersAndAddress) {
  auto out = Read(
      "id,name\n"
      "c1,\"OOO Romashka, INN/KPP 7707083893/770701001\"\n"
      "c2,\"ACME TRADING LLC, 12 HARBOUR ROAD, WAN CHAI, HONG KONG\"\n"
      "c3,MV SEA STAR IMO 9123456\n"
      "c4,ACME GENERAL LLC ACCOUNT 40702810400000012345\n");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->problems.empty()) << out->problems[0].ToString();
  ASSERT_EQ(out->entities.size(), 4u);
  const Entity& c1 = out->entities[0];
  ASSERT_EQ(c1.names.size(), 1u);
  EXPECT_EQ(c1.names[0].full, "OOO Romashka");
  ASSERT_EQ(c1.identifiers.size(), 3u);
  EXPECT_EQ(c1.identifiers[0].value, "7707083893/770701001");
  EXPECT_EQ(c1.identifiers[1].value, "7707083893");
  EXPECT_EQ(c1.identifiers[2].value, "770701001");
  EXPECT_EQ(c1.identifiers[0].label, "INN/KPP");
  EXPECT_EQ(c1.properties, (std::vector<std::pair<std::string, std::string>>{
                               {"name_as_written", "OOO Romashka, INN/KPP 7707083893/770701001"}}));
  const Entity& c2 = out->entities[1];
  ASSERT_EQ(c2.names.size(), 1u);
  EXPECT_EQ(c2.names[0].full, "ACME TRADING LLC");
  ASSERT_EQ(c2.addresses.size(), 1u);
  EXPECT_EQ(c2.addresses[0].full, "12 HARBOUR ROAD, WAN CHAI, HONG KONG");
  const Entity& c3 = out->entities[2];
  EXPECT_EQ(c3.names[0].full, "MV SEA STAR");
  ASSERT_EQ(c3.identifiers.size(), 1u);
  EXPECT_EQ(c3.identifiers[0].type, IdType::kImo);
  EXPECT_EQ(c3.identifiers[0].value, "9123456");
  const Entity& c4 = out->entities[3];
  EXPECT_EQ(c4.names[0].full, "ACME GENERAL LLC");
  ASSERT_EQ(c4.identifiers.size(), 1u);
  EXPECT_EQ(c4.identifiers[0].label, "ACCOUNT");
}

TEST(UserCsv, RowNumberIsTheIdWithoutAnIdColumn) {
  auto out = Read("name,schema\nAlpha,vessel\nBeta,aircraft\n");
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->entities.size(), 2u);
  EXPECT_EQ(out->entities[0].source_id, "1");
  EXPECT_EQ(out->entities[0].schema, Schema::kVessel);
  EXPECT_EQ(out->entities[1].source_id, "2");
  EXPECT_EQ(out->entities[1].schema, Schema::kAircraft);
}

TEST(UserCsv, BadRowsNameFileLineColumnAndReason) {
  auto out = Read(
      "id,name,schema,country,birth_date\n"
      "1,Good,,,\n"
      "2,Too,many,fields,,,\n"
      "3,,,,\n"
      "4,Bad date,,,12/13/2020\n"
      "5,Bad country,,Atlantis,\n"
      "6,Bad schema,spaceship,,\n"
      "7,Bad \xff utf8,,,\n"
      "1,Duplicate,,,\n"
      ",No id,,,\n");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->entities.size(), 1u);
  EXPECT_EQ(out->entities[0].source_id, "1");
  struct Want {
    int64_t line;
    int64_t column;
    std::string text;
  };
  std::vector<Want> want = {
      {3, 0, "expected 5 fields, found 7"},
      {4, 2, "column 'name': missing name"},
      {5, 5, "column 'birth_date': unknown date format '12/13/2020'"},
      {6, 4, "column 'country': unknown country 'Atlantis'"},
      {7, 3, "column 'schema': unknown schema 'spaceship'"},
      {8, 2, "column 'name': invalid UTF-8"},
      {9, 1, "column 'id': duplicate id"},
      {10, 1, "column 'id': missing id"},
  };
  ASSERT_EQ(out->problems.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    const Problem& p = out->problems[i];
    EXPECT_EQ(p.file, "blocklist.csv");
    EXPECT_EQ(p.line, want[i].line) << p.ToString();
    EXPECT_EQ(p.column, want[i].column) << p.ToString();
    EXPECT_NE(p.reason.find(want[i].text), std::string::npos) << p.ToString();
  }
  EXPECT_EQ(out->problems[2].ToString(),
            "blocklist.csv:5:5: record 4: column 'birth_date': unknown date format "
            "'12/13/2020' (expected YYYY[-MM[-DD]])");
}

TEST(UserCsv, MissingHeaderOrNameColumnIsAnError) {
  auto empty = Read("");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("no header"), std::string::npos);
  auto no_name = Read("id,country\n1,RU\n");
  ASSERT_FALSE(no_name.ok());
  EXPECT_NE(no_name.status().message().find("blocklist.csv:1: header has no 'name' column"),
            std::string::npos);
  auto header_only = Read("name\n");
  ASSERT_TRUE(header_only.ok());
  EXPECT_TRUE(header_only->entities.empty());
}

}  // namespace
}  // namespace chokepoint::lists
