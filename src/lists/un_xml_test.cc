#include <gtest/gtest.h>

#include <algorithm>

#include "io/file.h"
#include "lists/reader_test_support.h"
#include "lists/readers.h"

namespace chokepoint::lists {
namespace {

using namespace test_support;  // NOLINT(build/namespaces)

Result<ReadOutput> Read(std::string path, std::string data) {
  std::vector<InputFile> files = {InputFile{std::move(path), std::move(data)}};
  ReadOptions options;
  options.source_id = "un_sc";
  return ReadUnXml(files, options);
}

std::string Wrap(std::string individuals, std::string entities = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<CONSOLIDATED_LIST dateGenerated=\"2026-02-27T00:00:09.554Z\">\n<INDIVIDUALS>\n" +
         individuals + "</INDIVIDUALS>\n<ENTITIES>\n" + entities +
         "</ENTITIES>\n</CONSOLIDATED_LIST>\n";
}

const char kPerson[] = R"(<INDIVIDUAL>
  <DATAID>42</DATAID>
  <FIRST_NAME>ABDUL</FIRST_NAME><SECOND_NAME>HAKIM</SECOND_NAME><THIRD_NAME>EXAMPLE</THIRD_NAME>
  <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>
  <REFERENCE_NUMBER>QDi.999</REFERENCE_NUMBER>
  <LISTED_ON>2001-10-06</LISTED_ON>
  <GENDER>Male</GENDER>
  <COMMENTS1>Test record.</COMMENTS1>
  <NAME_ORIGINAL_SCRIPT>عبد الحكيم</NAME_ORIGINAL_SCRIPT>
  <TITLE><VALUE>Mullah</VALUE></TITLE>
  <DESIGNATION><VALUE>Commander</VALUE></DESIGNATION>
  <NATIONALITY><VALUE>Iran (Islamic Republic of)</VALUE></NATIONALITY>
  <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Abu Example</ALIAS_NAME></INDIVIDUAL_ALIAS>
  <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Hakimi</ALIAS_NAME></INDIVIDUAL_ALIAS>
  <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
  <INDIVIDUAL_ADDRESS><CITY>Kabul</CITY><COUNTRY>Afghanistan</COUNTRY></INDIVIDUAL_ADDRESS>
  <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1963-04-11</DATE></INDIVIDUAL_DATE_OF_BIRTH>
  <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1960</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
  <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1970</FROM_YEAR><TO_YEAR>1972</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
  <INDIVIDUAL_PLACE_OF_BIRTH><CITY>Kandahar</CITY><COUNTRY>Afghanistan</COUNTRY></INDIVIDUAL_PLACE_OF_BIRTH>
  <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER> OA 123 </NUMBER><ISSUING_COUNTRY>Afghanistan</ISSUING_COUNTRY></INDIVIDUAL_DOCUMENT>
  <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>National Identification
      Number</TYPE_OF_DOCUMENT><NUMBER>555</NUMBER></INDIVIDUAL_DOCUMENT>
</INDIVIDUAL>
)";

TEST(ReadUnXml, IndividualFacts) {
  auto out = Read("un.xml", Wrap(kPerson));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->entities.size(), 1u);
  const Entity& e = out->entities[0];
  EXPECT_EQ(e.source, "un_sc");
  EXPECT_EQ(e.source_id, "QDi.999");
  EXPECT_EQ(e.schema, Schema::kPerson);
  EXPECT_EQ(e.caption(), "ABDUL HAKIM EXAMPLE");
  EXPECT_EQ(e.names[0].given, "ABDUL");
  EXPECT_EQ(e.names[0].middle, "HAKIM");
  EXPECT_EQ(e.names[0].family, "EXAMPLE");
  EXPECT_TRUE(HasName(e, "Abu Example", NameKind::kStrongAlias));
  EXPECT_TRUE(HasName(e, "Hakimi", NameKind::kWeakAlias));
  auto arabic = std::find_if(e.names.begin(), e.names.end(),
                             [](const Name& n) { return n.script == Script::kArabic; });
  ASSERT_NE(arabic, e.names.end());
  EXPECT_EQ(arabic->kind, NameKind::kStrongAlias);
  EXPECT_EQ(e.names.size(), 4u);
  EXPECT_EQ(e.gender, "male");
  EXPECT_EQ(e.nationalities, std::vector<std::string>{"IR"});
  ASSERT_EQ(e.programs.size(), 1u);
  EXPECT_EQ(e.programs[0].code, "Al-Qaida");
  ASSERT_EQ(e.listing_dates.size(), 1u);
  EXPECT_EQ(e.listing_dates[0].ToString(), "2001-10-06");
  // 1963-04-11, c. 1960, and 1970..1972 each c.
  ASSERT_EQ(e.birth_dates.size(), 5u);
  EXPECT_EQ(e.birth_dates[0].ToString(), "1963-04-11");
  EXPECT_FALSE(e.birth_dates[0].circa);
  EXPECT_TRUE(e.birth_dates[1].circa);
  EXPECT_EQ(e.birth_dates[4].year, 1972);
  EXPECT_EQ(e.birth_places, std::vector<std::string>{"Kandahar, Afghanistan"});
  ASSERT_EQ(e.identifiers.size(), 2u);
  EXPECT_EQ(e.identifiers[0].type, IdType::kPassport);
  EXPECT_EQ(e.identifiers[0].value, "OA 123");
  EXPECT_EQ(e.identifiers[0].country, "AF");
  EXPECT_EQ(e.identifiers[1].type, IdType::kNationalId);
  ASSERT_EQ(e.addresses.size(), 1u);
  EXPECT_EQ(e.addresses[0].country, "AF");
  EXPECT_EQ(e.titles, (std::vector<std::string>{"Mullah", "Commander"}));
  EXPECT_EQ(e.remarks, std::vector<std::string>{"Test record."});
  bool dataid = std::any_of(e.properties.begin(), e.properties.end(), [](const auto& p) {
    return p.first == "un_dataid" && p.second == "42";
  });
  EXPECT_TRUE(dataid);
  EXPECT_EQ(out->meta.list_date, "2026-02-27");
}

TEST(ReadUnXml, EntitiesAndBadRecords) {
  std::string entities =
      R"(<ENTITY><DATAID>1</DATAID><FIRST_NAME>EXAMPLE TRADING CO. LTD.</FIRST_NAME>
  <UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPe.999</REFERENCE_NUMBER>
  <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>ETC</ALIAS_NAME></ENTITY_ALIAS>
  <ENTITY_ALIAS><QUALITY>f.k.a.</QUALITY><ALIAS_NAME>OLD EXAMPLE</ALIAS_NAME></ENTITY_ALIAS>
  <ENTITY_ADDRESS><STREET>1 Example St</STREET><CITY>Pyongyang</CITY><COUNTRY>Democratic People's Republic of Korea</COUNTRY></ENTITY_ADDRESS>
</ENTITY>
<ENTITY><DATAID>2</DATAID><FIRST_NAME>NO REFERENCE</FIRST_NAME></ENTITY>
<ENTITY><DATAID>3</DATAID><FIRST_NAME/><REFERENCE_NUMBER>KPe.998</REFERENCE_NUMBER></ENTITY>
<ENTITY><FIRST_NAME>BAD )"
      "\xFF\xFE"
      R"(</FIRST_NAME><REFERENCE_NUMBER>KPe.997</REFERENCE_NUMBER></ENTITY>
<ENTITY><FIRST_NAME>DUPLICATE</FIRST_NAME><REFERENCE_NUMBER>KPe.999</REFERENCE_NUMBER></ENTITY>
)";
  auto out = Read("un.xml", Wrap("", entities));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->entities.size(), 1u);
  const Entity& e = out->entities[0];
  EXPECT_EQ(e.schema, Schema::kCompany);
  EXPECT_TRUE(HasName(e, "ETC", NameKind::kStrongAlias));
  EXPECT_TRUE(HasName(e, "OLD EXAMPLE", NameKind::kFormerName));
  ASSERT_EQ(e.addresses.size(), 1u);
  EXPECT_EQ(e.addresses[0].country, "KP");
  EXPECT_EQ(e.addresses[0].city, "Pyongyang");
  ASSERT_EQ(out->problems.size(), 4u);
  EXPECT_EQ(out->problems[0].record_id, "2");
  EXPECT_NE(out->problems[0].reason.find("REFERENCE_NUMBER"), std::string::npos);
  EXPECT_GT(out->problems[0].line, 1);
  EXPECT_EQ(out->problems[1].record_id, "KPe.998");
  EXPECT_EQ(out->problems[1].reason, "no name");
  EXPECT_EQ(out->problems[2].record_id, "KPe.997");
  EXPECT_NE(out->problems[2].reason.find("UTF-8"), std::string::npos);
  EXPECT_NE(out->problems[3].reason.find("duplicate"), std::string::npos);
}

TEST(ReadUnXml, TruncatedFileIsAnErrorWithPosition) {
  std::string full = Wrap(kPerson);
  std::string cut = full.substr(0, full.find("<INDIVIDUAL_DOCUMENT>"));
  auto out = Read("cut.xml", cut);
  ASSERT_FALSE(out.ok());
  std::string msg = out.status().message();
  EXPECT_EQ(msg.rfind("cut.xml:", 0), 0u) << msg;
  EXPECT_NE(msg.find("malformed XML"), std::string::npos) << msg;
  EXPECT_FALSE(Read("x.xml", "<other/>").ok());
  EXPECT_FALSE(Read("e.xml", "").ok());
  EXPECT_FALSE(Read("g.xml", "\x01\x02garbage<<<").ok());
}

TEST(ReadUnXml, RealList) {
  std::string path =
      std::string(CHOKEPOINT_SHARED_DIR) + "/data/sanctions/un/UN_consolidated_2026-02.xml";
  auto data = io::ReadFile(path);
  ASSERT_TRUE(data.ok());
  auto out = Read(path, std::move(*data));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(out->entities.size(), 730u + 273u);
  EXPECT_TRUE(out->problems.empty());
  EXPECT_EQ(out->meta.list_date, "2026-02-27");
  auto it = std::find_if(out->entities.begin(), out->entities.end(),
                         [](const Entity& e) { return e.source_id == "QDi.001"; });
  ASSERT_NE(it, out->entities.end());
  EXPECT_EQ(it->schema, Schema::kPerson);
  EXPECT_EQ(it->nationalities, std::vector<std::string>{"EG"});
  EXPECT_EQ(it->programs[0].code, "Al-Qaida");
}

}  // namespace
}  // namespace chokepoint::lists
