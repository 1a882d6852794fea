#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "chokepoint/lists.h"
#include "lists/reader_test_support.h"
#include "lists/readers.h"

namespace chokepoint::lists {
namespace {

using namespace test_support;  // NOLINT(build/namespaces)

Result<ReadOutput> Read(const std::string& data, std::string path = "entities.ftm.json") {
  std::vector<InputFile> files = {{std::move(path), data}};
  ReadOptions options;
  options.source_id = "opensanctions";
  return ReadFtmJson(files, options);
}

TEST(FtmJson, PersonFields) {
  std::string line = R"({"id":"p1","caption":"Ivan IVANOV","schema":"Person","properties":{)"
                     R"("name":["Иван ИВАНОВ","Ivan IVANOV"],"alias":["Vanya Ivanov"],)"
                     R"("weakAlias":["Vanya"],"previousName":["Ivan Petrov"],)"
                     R"("firstName":["Ivan","Иван"],"lastName":["IVANOV","ИВАНОВ"],)"
                     R"("birthDate":["1971-01-22","1972"],"birthPlace":["Moscow"],)"
                     R"("nationality":["ru"],"citizenship":["ua"],"country":["by"],)"
                     R"("gender":["male"],"passportNumber":["123456"],"innCode":["366510784303"],)"
                     R"("taxNumber":["366510784303"],"program":["EU-RUS"],"topics":["sanction"],)"
                     R"("notes":["A note"],"position":["Director"],"createdAt":["2022-04-08"],)"
                     R"("email":["a@b.ru"]},)"
                     R"("datasets":["eu_fsf"],"referents":["ofac-1"],)"
                     R"("first_seen":"2023-04-20T18:00:25","last_seen":"2024-06-01T10:57:03"})";
  auto out = Read(line + "\n");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->problems.empty());
  ASSERT_EQ(out->entities.size(), 1u);
  const Entity& e = out->entities[0];
  EXPECT_EQ(e.source, "opensanctions");
  EXPECT_EQ(e.source_id, "p1");
  EXPECT_EQ(e.schema, Schema::kPerson);
  ASSERT_GE(e.names.size(), 5u);
  EXPECT_EQ(e.names[0].full, "Ivan IVANOV");  // the caption is primary
  EXPECT_EQ(e.names[0].kind, NameKind::kPrimary);
  EXPECT_EQ(e.names[0].given, "Ivan");
  EXPECT_EQ(e.names[0].family, "IVANOV");
  const Name* cyr = FindName(e, "Иван ИВАНОВ");
  ASSERT_NE(cyr, nullptr);
  EXPECT_EQ(cyr->kind, NameKind::kStrongAlias);
  EXPECT_EQ(cyr->script, Script::kCyrillic);
  ASSERT_NE(FindName(e, "Vanya Ivanov"), nullptr);
  EXPECT_EQ(FindName(e, "Vanya Ivanov")->kind, NameKind::kStrongAlias);
  ASSERT_NE(FindName(e, "Vanya"), nullptr);
  EXPECT_EQ(FindName(e, "Vanya")->kind, NameKind::kWeakAlias);
  ASSERT_NE(FindName(e, "Ivan Petrov"), nullptr);
  EXPECT_EQ(FindName(e, "Ivan Petrov")->kind, NameKind::kFormerName);
  ASSERT_EQ(e.birth_dates.size(), 2u);
  EXPECT_EQ(e.birth_dates[0].ToString(), "1971-01-22");
  EXPECT_EQ(e.birth_dates[1].ToString(), "1972");
  EXPECT_EQ(e.birth_places, (std::vector<std::string>{"Moscow"}));
  EXPECT_EQ(e.nationalities, (std::vector<std::string>{"RU", "UA"}));
  EXPECT_EQ(e.countries, (std::vector<std::string>{"BY"}));
  EXPECT_EQ(e.gender, "male");
  ASSERT_EQ(e.identifiers.size(), 3u);
  EXPECT_EQ(e.identifiers[0].type, IdType::kPassport);
  EXPECT_EQ(e.identifiers[1].type, IdType::kInn);
  EXPECT_EQ(e.identifiers[2].type, IdType::kTaxId);
  ASSERT_EQ(e.programs.size(), 1u);
  EXPECT_EQ(e.programs[0].code, "EU-RUS");
  EXPECT_EQ(e.remarks, (std::vector<std::string>{"A note"}));
  EXPECT_EQ(e.titles, (std::vector<std::string>{"Director"}));
  EXPECT_EQ(e.emails, (std::vector<std::string>{"a@b.ru"}));
  ASSERT_EQ(e.listing_dates.size(), 1u);
  EXPECT_EQ(e.listing_dates[0].ToString(), "2022-04-08");
  auto has = [&](const std::string& k, const std::string& v) {
    return std::find(e.properties.begin(), e.properties.end(), std::make_pair(k, v)) !=
           e.properties.end();
  };
  EXPECT_TRUE(has("topics", "sanction"));
  EXPECT_TRUE(has("dataset", "eu_fsf"));
  EXPECT_TRUE(has("referent", "ofac-1"));
  EXPECT_EQ(out->meta.list_date, "2024-06-01");
}

TEST(FtmJson, SchemataLinksAddressesAndSanctions) {
  std::string data =
      R"({"id":"c1","schema":"Company","properties":{"name":["Acme LLC"],"addressEntity":["a1"],"jurisdiction":["ru"]}})"
      "\n"
      R"({"id":"v1","schema":"Vessel","properties":{"name":["SEA STAR"],"imoNumber":["9066540"],"flag":["kp"]}})"
      "\n"
      R"({"id":"x1","schema":"Airplane","properties":{"name":["RA-12345"]}})"
      "\n"
      R"({"id":"a1","schema":"Address","properties":{"full":["1 Main St, Moscow"],"city":["Moscow"],"country":["ru"]}})"
      "\n"
      R"({"id":"o1","schema":"Ownership","properties":{"owner":["c1"],"asset":["v1"]}})"
      "\n"
      R"({"id":"o2","schema":"Ownership","properties":{"owner":["missing"],"asset":["c1"]}})"
      "\n"
      R"({"id":"s1","schema":"Sanction","properties":{"entity":["v1"],"program":["UN-DPRK"],"startDate":["2018-03-30"]}})"
      "\n"
      R"({"id":"t1","schema":"Thing","properties":{"name":["skipped"]}})"
      "\n";
  auto out = Read(data, "entities_2024-06-01.ftm.json");
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->problems.empty());
  EXPECT_EQ(out->meta.list_date, "2024-06-01");
  ASSERT_EQ(out->entities.size(), 3u);
  const Entity* c = Find(*out, "c1");
  const Entity* v = Find(*out, "v1");
  const Entity* x = Find(*out, "x1");
  ASSERT_TRUE(c && v && x);
  EXPECT_EQ(c->schema, Schema::kCompany);
  EXPECT_EQ(v->schema, Schema::kVessel);
  EXPECT_EQ(x->schema, Schema::kAircraft);
  EXPECT_EQ(c->countries, (std::vector<std::string>{"RU"}));
  ASSERT_EQ(c->addresses.size(), 1u);
  EXPECT_EQ(c->addresses[0].full, "1 Main St, Moscow");
  EXPECT_EQ(c->addresses[0].city, "Moscow");
  EXPECT_EQ(c->addresses[0].country, "RU");
  ASSERT_EQ(v->identifiers.size(), 1u);
  EXPECT_EQ(v->identifiers[0].type, IdType::kImo);
  EXPECT_EQ(v->countries, (std::vector<std::string>{"KP"}));
  ASSERT_EQ(v->relations.size(), 1u);
  EXPECT_EQ(v->relations[0].kind, RelationKind::kOwnedBy);
  EXPECT_EQ(v->relations[0].target_id, "c1");
  EXPECT_EQ(v->relations[0].target_name, "Acme LLC");
  ASSERT_EQ(c->relations.size(), 2u);
  EXPECT_EQ(c->relations[0].kind, RelationKind::kParentOf);
  EXPECT_EQ(c->relations[0].target_id, "v1");
  EXPECT_EQ(c->relations[1].kind, RelationKind::kOwnedBy);
  EXPECT_EQ(c->relations[1].target_id, "missing");
  ASSERT_EQ(v->programs.size(), 1u);
  EXPECT_EQ(v->programs[0].code, "UN-DPRK");
  ASSERT_EQ(v->listing_dates.size(), 1u);
  EXPECT_EQ(v->listing_dates[0].ToString(), "2018-03-30");
}

TEST(FtmJson, MalformedLinesAreProblemsAndTheRestIsRead) {
  std::string data =
      "{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A B\"]}}\n"
      "{not json\n"
      "[1,2]\n"
      "{\"schema\":\"Person\"}\n"
      "{\"id\":\"p2\",\"schema\":\"Person\",\"properties\":[]}\n"
      "{\"id\":\"p3\",\"schema\":\"Person\",\"properties\":{\"name\":[\"C \xff\"]}}\n"
      "{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A B\"]}}\n"
      "{\"id\":\"p4\",\"schema\":\"Person\",\"properties\":{\"name\":[]}}\n"
      "\n"
      "{\"id\":\"p5\",\"schema\":\"Person\",\"properties\":{\"name\":[\"E F\", 7, null]}}";
  auto out = Read(data);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->entities.size(), 2u);
  EXPECT_EQ(out->entities[0].source_id, "p1");
  EXPECT_EQ(out->entities[1].source_id, "p5");
  ASSERT_EQ(out->problems.size(), 7u);
  std::vector<std::pair<int64_t, std::string>> want = {
      {2, "malformed JSON"}, {3, "expected a JSON object"}, {4, "\"id\""}, {5, "\"properties\""},
      {6, "invalid UTF-8"},  {7, "duplicate id"},           {8, "no name"}};
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(out->problems[i].line, want[i].first) << i;
    EXPECT_NE(out->problems[i].reason.find(want[i].second), std::string::npos)
        << out->problems[i].ToString();
    EXPECT_EQ(out->problems[i].file, "entities.ftm.json");
  }
}

TEST(FtmJson, EmptyInputIsAnEmptyList) {
  auto out = Read("");
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->entities.empty());
  EXPECT_TRUE(out->problems.empty());
}

TEST(FtmJson, SharedSample) {
  auto file = LoadInputFile(std::string(CHOKEPOINT_SHARED_DIR) +
                            "/data/opensanctions/ftm_sample_yente_t1_entities.ftm.json");
  if (!file.ok()) GTEST_SKIP() << file.status().ToString();
  std::vector<InputFile> files = {*file};
  auto out = ReadFtmJson(files, ReadOptions{"opensanctions"});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_TRUE(out->problems.empty());
  // Seven lines: two organisations, four persons and one Address (skipped).
  EXPECT_EQ(out->entities.size(), 6u);
  const Entity* tobacco = Find(*out, "NK-2GdmHtZTeNXjNVrBGEXZNj");
  ASSERT_NE(tobacco, nullptr);
  EXPECT_EQ(tobacco->names[0].full, "RAB „Inter Tobacco“");
  EXPECT_EQ(tobacco->names.size(), 12u);
  EXPECT_NE(FindName(*tobacco, "Общество с ограниченной ответственностью “Интер Тобако”"), nullptr);
  EXPECT_EQ(tobacco->countries, (std::vector<std::string>{"BY"}));
}

}  // namespace
}  // namespace chokepoint::lists
