#include "lists/csl.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "io/file.h"
#include "lists/reader_test_support.h"
#include "lists/readers.h"

namespace chokepoint::lists {
namespace {

using namespace test_support;  // NOLINT(build/namespaces)
using test_support::HasName;

using Kinded = std::pair<std::string, NameKind>;

bool HasName(const CslNameParts& p, std::string_view name, NameKind kind) {
  return std::find(p.names.begin(), p.names.end(), Kinded(std::string(name), kind)) !=
         p.names.end();
}

Result<ReadOutput> Read(std::string path, std::string data) {
  std::vector<InputFile> files = {InputFile{std::move(path), std::move(data)}};
  ReadOptions options;
  options.source_id = "us_trade_csl";
  return ReadCsl(files, options);
}

const char kHeader[] =
    "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,"
    "start_date,end_date,standard_order,license_requirement,license_policy,call_sign,"
    "vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,"
    "source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,"
    "source_information_url,ids\n";

// A CSV row with the given id, source, type, name and alt_names; other
// columns empty.
std::string Row(std::string id, std::string source, std::string type, std::string name,
                std::string alt = "") {
  return id + ",\"" + source + "\",," + type + ",,\"" + name + "\"," + std::string(16, ',') + "\"" +
         alt + "\",,,,,,\n";
}

TEST(SplitCslName, SuccessorBoilerplate) {
  auto p = SplitCslName(
      "Sinobright Import and Export Company; and any successor, sub-unit, "
      "or subsidiary thereof");
  EXPECT_EQ(p.primary, "Sinobright Import and Export Company");
  EXPECT_TRUE(p.names.empty());
  EXPECT_EQ(SplitCslName("Poly Technologies Incorporated (PTI), and its sub-units and successors")
                .primary,
            "Poly Technologies Incorporated (PTI)");
  EXPECT_EQ(SplitCslName("PFK Profpodshipnik, LLC and any successor, sub-unit, or subsidiary "
                         "thereof")
                .primary,
            "PFK Profpodshipnik, LLC");
}

TEST(SplitCslName, IndividualNote) {
  auto p = SplitCslName("Ri Sung Chol (aka Ri Su'ng-ch'o'l) (DPRK individual)");
  EXPECT_TRUE(p.person);
  EXPECT_EQ(p.primary, "Ri Sung Chol");
  EXPECT_TRUE(HasName(p, "Ri Su'ng-ch'o'l", NameKind::kStrongAlias));
  EXPECT_TRUE(SplitCslName("Linda Zhai (PRC individual)").person);
  EXPECT_FALSE(SplitCslName("Linda Zhai Trading").person);
}

TEST(SplitCslName, FollowingAliasesList) {
  // Hand-made in the Entity List's own phrasing.
  auto p = SplitCslName(
      "Federal State Unitary Enterprise Example Plant, a.k.a., the following three aliases: "
      "-- Example Plant FSUE; -- FGUP Example Zavod; and -- Example Works.");
  EXPECT_EQ(p.primary, "Federal State Unitary Enterprise Example Plant");
  EXPECT_TRUE(HasName(p, "Example Plant FSUE", NameKind::kStrongAlias));
  EXPECT_TRUE(HasName(p, "FGUP Example Zavod", NameKind::kStrongAlias));
  EXPECT_TRUE(HasName(p, "Example Works", NameKind::kStrongAlias));
  EXPECT_EQ(p.names.size(), 3u);

  auto f = SplitCslName(
      "New Name Ltd., f.k.a., the following two aliases: -- Old Name Ltd.; "
      "and -- Older Name Ltd.");
  EXPECT_EQ(f.primary, "New Name Ltd.");
  EXPECT_TRUE(HasName(f, "Old Name Ltd.", NameKind::kFormerName));
  EXPECT_TRUE(HasName(f, "Older Name Ltd.", NameKind::kFormerName));
}

TEST(SplitCslName, SubordinateAndAffiliated) {
  auto p = SplitCslName(
      "China Electronics Technology Group Corporation 13th Research Institute (CETC 13).  "
      "Subordinate Institution - MT Microsystems");
  EXPECT_EQ(p.primary,
            "China Electronics Technology Group Corporation 13th Research Institute "
            "(CETC 13)");
  EXPECT_TRUE(HasName(p, "MT Microsystems", NameKind::kStrongAlias));
  EXPECT_TRUE(HasName(p, "China Electronics Technology Group Corporation 13th Research Institute",
                      NameKind::kStrongAlias));
  EXPECT_TRUE(HasName(p, "CETC 13", NameKind::kWeakAlias));

  auto h = SplitCslName(
      "Huawei Technologies Co., Ltd. (Huawei).  Affiliated Entity: Huawei Terminal (Shenzhen) "
      "Co., Ltd.");
  EXPECT_EQ(h.primary, "Huawei Technologies Co., Ltd. (Huawei)");
  EXPECT_TRUE(HasName(h, "Huawei Terminal (Shenzhen) Co., Ltd.", NameKind::kStrongAlias));

  auto s = SplitCslName(
      "Example Academy, including the following subordinate institutions: "
      "-- 901 Factory; and -- Example Institute of Physics");
  EXPECT_EQ(s.primary, "Example Academy");
  EXPECT_TRUE(HasName(s, "901 Factory", NameKind::kStrongAlias));
  EXPECT_TRUE(HasName(s, "Example Institute of Physics", NameKind::kStrongAlias));

  // The listed party is the subordinate entity; the commission is its parent.
  auto k = SplitCslName(
      "Pakistan Atomic Energy Commission (PAEC), and subordinate entity "
      "National Development Complex (NDC) ");
  EXPECT_EQ(k.primary, "National Development Complex (NDC)");
  ASSERT_EQ(k.parents.size(), 1u);
  EXPECT_EQ(k.parents[0], "Pakistan Atomic Energy Commission (PAEC)");
}

TEST(SplitCslName, InlineMarkers) {
  auto c = SplitCslName(
      "Chitron Electronics Company Ltd., a.k.a. Chi-Chung Electronics Company "
      "Ltd. (Chitron-Shenzhen)");
  EXPECT_EQ(c.primary, "Chitron Electronics Company Ltd.");
  EXPECT_TRUE(
      HasName(c, "Chi-Chung Electronics Company Ltd. (Chitron-Shenzhen)", NameKind::kStrongAlias));

  auto g = SplitCslName(
      "Gazprom Dobycha Irkutsk, OOO (f.k.a., Otkrytoe Aktsionernoe "
      "Obshchestvo Irkutskgazprom)");
  EXPECT_EQ(g.primary, "Gazprom Dobycha Irkutsk, OOO");
  EXPECT_TRUE(
      HasName(g, "Otkrytoe Aktsionernoe Obshchestvo Irkutskgazprom", NameKind::kFormerName));

  auto u = SplitCslName(
      "Universal Enterprise Limited [aka General Technology Limited, aka "
      "Beijing Luo Luo Tech Development Limited] (Hong Kong Entity), and its "
      "sub-units and successors");
  EXPECT_EQ(u.primary, "Universal Enterprise Limited");
  EXPECT_TRUE(HasName(u, "General Technology Limited", NameKind::kStrongAlias));
  EXPECT_TRUE(HasName(u, "Beijing Luo Luo Tech Development Limited", NameKind::kStrongAlias));
  EXPECT_EQ(u.names.size(), 2u);

  auto a = SplitCslName(
      "Astronautics Research Institute [aka Astronautics Systems Research "
      "Center, Aerospace Research Institute]");
  EXPECT_EQ(a.primary, "Astronautics Research Institute");
  EXPECT_TRUE(HasName(a, "Astronautics Systems Research Center", NameKind::kStrongAlias));
  EXPECT_TRUE(HasName(a, "Aerospace Research Institute", NameKind::kStrongAlias));

  auto d = SplitCslName("Example Shop d.b.a. Example Store, Inc.");
  EXPECT_EQ(d.primary, "Example Shop");
  EXPECT_TRUE(HasName(d, "Example Store, Inc.", NameKind::kStrongAlias));

  auto p = SplitCslName("PEARL (A.K.A. NEI-CHIEN CHU) LI", false);
  EXPECT_EQ(p.primary, "PEARL LI");
  EXPECT_TRUE(HasName(p, "NEI-CHIEN CHU", NameKind::kStrongAlias));
}

TEST(SplitCslName, ParentsAndPlainNames) {
  auto b = SplitCslName(
      "Baotou Guanghua Chemical Industrial Corporation (Parent Organization: "
      "China National Nuclear Group Corporation (CNNC))");
  EXPECT_EQ(b.primary, "Baotou Guanghua Chemical Industrial Corporation");
  ASSERT_EQ(b.parents.size(), 1u);
  EXPECT_EQ(b.parents[0], "China National Nuclear Group Corporation (CNNC)");

  auto d = SplitCslName("Department of Atomic Energy entity: Bhabha Atomic Research Center (BARC)");
  EXPECT_EQ(d.primary, "Bhabha Atomic Research Center (BARC)");
  EXPECT_TRUE(HasName(d, "BARC", NameKind::kWeakAlias));

  // "No." and a number are part of the name, not a clause.
  auto n = SplitCslName("China Electronic Technology Group Corporation No. 11 Research Institute");
  EXPECT_EQ(n.primary, "China Electronic Technology Group Corporation No. 11 Research Institute");
  EXPECT_TRUE(n.names.empty());

  // Words that merely contain a marker are not markers.
  EXPECT_EQ(SplitCslName("Osaka Kakao Trading").primary, "Osaka Kakao Trading");
  // All-capital names keep a trailing group: it is as often a place.
  EXPECT_TRUE(SplitCslName("PJSC VTB BANK (KIEV)").names.empty());
  EXPECT_TRUE(SplitCslName("Foo (ABC)", false).names.empty());
}

TEST(CslListCode, FromSource) {
  EXPECT_EQ(CslListCode("Entity List (EL) - Bureau of Industry and Security"), "EL");
  EXPECT_EQ(CslListCode("Non-SDN Menu-Based Sanctions List (NS-MBS List) - Treasury Department"),
            "NS-MBS");
  EXPECT_EQ(CslListCode("Military End User (MEU) List - Bureau of Industry and Security"), "MEU");
  EXPECT_EQ(CslListCode("Some List - Department"), "Some List");
}

class CslSample : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string path = std::string(CHOKEPOINT_SHARED_DIR) +
                       "/data/sanctions/us_csl/csl_sample_watchman_2023-11.csv";
    auto data = io::ReadFile(path);
    ASSERT_TRUE(data.ok()) << data.status().ToString();
    auto out = Read(path, std::move(*data));
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    out_ = new ReadOutput(std::move(*out));
  }
  static void TearDownTestSuite() {
    delete out_;
    out_ = nullptr;
  }
  static ReadOutput* out_;
};
ReadOutput* CslSample::out_ = nullptr;

TEST_F(CslSample, HikvisionComesOutWithItsNames) {
  const Entity* e = Find(*out_, "30946");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kCompany);
  EXPECT_EQ(e->caption(), "Hangzhou Hikvision Digital Technology Co., Ltd.");
  EXPECT_TRUE(HasName(*e, "Hikvision", NameKind::kStrongAlias));
  EXPECT_TRUE(HasName(*e, "Hangzhou Hikvision Digital Technology", NameKind::kStrongAlias));
  ASSERT_GE(e->programs.size(), 2u);
  EXPECT_EQ(e->programs[0].code, "CMIC");
  EXPECT_EQ(e->programs[1].code, "CMIC-EO13959");
  bool uscc = std::any_of(e->identifiers.begin(), e->identifiers.end(), [](const Identifier& i) {
    return i.type == IdType::kUscc && i.value == "91330000733796106P" && i.country == "CN";
  });
  EXPECT_TRUE(uscc);
}

TEST_F(CslSample, EntityListEntryOfNcrieo) {
  const Entity* e = Find(*out_, "a047319a2a122237bd3a675b82bbf679b1f8ecc8481d036911245da2");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->caption(),
            "China Electronic Technology Group Corporation No. 11 Research Institute");
  EXPECT_TRUE(HasName(*e, "North China Research Institute of Electro-Optics (NCRIEO)",
                      NameKind::kStrongAlias));
  EXPECT_TRUE(
      HasName(*e, "North China Research Institute of Electro-Optics", NameKind::kStrongAlias));
  ASSERT_FALSE(e->programs.empty());
  EXPECT_EQ(e->programs[0].code, "EL");
  EXPECT_EQ(e->programs[0].license_policy, "Presumption of denial.");
  ASSERT_EQ(e->listing_dates.size(), 1u);
  EXPECT_EQ(e->listing_dates[0].ToString(), "2015-07-28");
  // Five copies of two addresses and one more collapse to three.
  EXPECT_EQ(e->addresses.size(), 3u);
  for (const auto& a : e->addresses) EXPECT_EQ(a.country, "CN");
}

TEST_F(CslSample, CountsRepeatedHeaderAndTruncatedRow) {
  // 4,227 data rows; 7 Treasury entity numbers appear on two lists each; the
  // last row is cut off mid-field.
  EXPECT_EQ(out_->entities.size(), 4227u - 7u - 1u);
  ASSERT_EQ(out_->problems.size(), 1u);
  EXPECT_NE(out_->problems[0].reason.find("unterminated"), std::string::npos);
  EXPECT_EQ(out_->meta.list_date, "2023-11");
}

TEST_F(CslSample, RowsOfOneEntityNumberMerge) {
  const Entity* e = Find(*out_, "17014");
  ASSERT_NE(e, nullptr);
  std::vector<std::string> codes;
  for (const auto& p : e->programs) codes.push_back(p.code);
  EXPECT_NE(std::find(codes.begin(), codes.end(), "SSI"), codes.end());
  EXPECT_NE(std::find(codes.begin(), codes.end(), "NS-MBS"), codes.end());
  int lists = 0;
  for (const auto& [k, v] : e->properties) lists += k == "csl_list";
  EXPECT_EQ(lists, 2);
  EXPECT_EQ(std::count_if(e->names.begin(), e->names.end(),
                          [](const Name& n) { return n.kind == NameKind::kPrimary; }),
            1);
}

TEST_F(CslSample, PersonFacts) {
  const Entity* e = Find(*out_, "11313");  // ROBOW, Mukhtar
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->schema, Schema::kPerson);
  EXPECT_EQ(e->names[0].family, "ROBOW");
  EXPECT_EQ(e->names[0].given, "Mukhtar");
  EXPECT_EQ(e->birth_dates.size(), 2u);
  EXPECT_EQ(e->nationalities, std::vector<std::string>{"ER"});
  bool passport = std::any_of(e->identifiers.begin(), e->identifiers.end(), [](const auto& i) {
    return i.type == IdType::kPassport && i.value == "0310857" && i.country == "ER";
  });
  EXPECT_TRUE(passport);
}

TEST(ReadCsl, BadRowsBecomeProblems) {
  std::string data = kHeader;
  data += Row("1", "Entity List (EL) - Bureau", "", "Good Name Ltd.");
  data += "2,\"Entity List (EL) - Bureau\",,,,Short Row\n";  // too few fields
  data += Row("3", "Entity List (EL) - Bureau", "", "Bad \xC3\x28 UTF-8");
  data += Row("4", "Entity List (EL) - Bureau", "", "");
  data += Row("", "Entity List (EL) - Bureau", "", "No Id Co.");
  data += Row("6", "Entity List (EL) - Bureau", "", "and any successor, sub-unit, or subsidiary");
  auto out = Read("t.csv", data);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->entities.size(), 1u);
  EXPECT_EQ(out->entities[0].caption(), "Good Name Ltd.");
  ASSERT_EQ(out->problems.size(), 5u);
  EXPECT_EQ(out->problems[0].line, 3);
  EXPECT_EQ(out->problems[0].record_id, "2");
  EXPECT_NE(out->problems[0].reason.find("expected 29 fields"), std::string::npos);
  EXPECT_EQ(out->problems[1].record_id, "3");
  EXPECT_NE(out->problems[1].reason.find("UTF-8"), std::string::npos);
  EXPECT_EQ(out->problems[2].reason, "no name");
  EXPECT_NE(out->problems[3].reason.find("_id"), std::string::npos);
  EXPECT_EQ(out->problems[4].record_id, "6");
  EXPECT_EQ(out->meta.list_date, "");
}

TEST(ReadCsl, WrongLayoutIsAnError) {
  auto out = Read("x.csv", "a,b,c\n1,2,3\n");
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("x.csv"), std::string::npos);
  EXPECT_FALSE(Read("empty.csv", "").ok());
}

TEST(ReadCsl, JsonFixture) {
  std::string path = std::string(CHOKEPOINT_SOURCE_DIR) + "/tests/fixtures/csl/csl_sample.json";
  auto data = io::ReadFile(path);
  ASSERT_TRUE(data.ok());
  auto out = Read(path, std::move(*data));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  ASSERT_EQ(out->entities.size(), 3u);
  ASSERT_EQ(out->problems.size(), 1u);
  EXPECT_EQ(out->problems[0].record_id, "90003");

  const Entity* el = Find(*out, "c0ffee0000000000000000000000000000000000000000000000ee01");
  ASSERT_NE(el, nullptr);
  EXPECT_EQ(el->caption(), "Example Optics Research Institute (EORI)");
  EXPECT_TRUE(HasName(*el, "Example Photonics Institute", NameKind::kStrongAlias));
  EXPECT_TRUE(HasName(*el, "Institute No. 7", NameKind::kStrongAlias));
  EXPECT_TRUE(HasName(*el, "North Example Institute of Electro-Optics", NameKind::kStrongAlias));
  ASSERT_EQ(el->addresses.size(), 1u);
  EXPECT_EQ(el->addresses[0].city, "Beijing");
  EXPECT_EQ(el->addresses[0].postal_code, "100016");
  EXPECT_EQ(el->addresses[0].country, "CN");

  const Entity* p = Find(*out, "90001");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->schema, Schema::kPerson);
  EXPECT_EQ(p->gender, "male");
  EXPECT_EQ(p->nationalities, std::vector<std::string>{"IR"});
  EXPECT_EQ(p->birth_dates.size(), 2u);
  ASSERT_EQ(p->identifiers.size(), 1u);
  EXPECT_EQ(p->identifiers[0].type, IdType::kPassport);
  EXPECT_EQ(p->identifiers[0].note, "issued 2010-01-01, expires 2020-01-01");
  EXPECT_EQ(p->sanctions_risks.size(), 1u);
  ASSERT_EQ(p->relations.size(), 1u);
  EXPECT_EQ(p->relations[0].target_name, "EXAMPLE TRADING LLC");

  const Entity* v = Find(*out, "90002");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->schema, Schema::kVessel);
  bool imo = std::any_of(v->identifiers.begin(), v->identifiers.end(), [](const auto& i) {
    return i.type == IdType::kImo && i.value == "9123456";
  });
  EXPECT_TRUE(imo);
  EXPECT_EQ(v->countries, std::vector<std::string>{"PA"});
}

TEST(ReadCsl, MalformedJsonNamesThePosition) {
  auto out = Read("bad.json", "{\"results\": [\n  {\"name\": \"x\",\n  }\n");
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("bad.json:3:"), std::string::npos)
      << out.status().message();
  EXPECT_FALSE(Read("b.json", "{\"other\": 1}").ok());
  auto arr =
      Read("a.json", "[{\"_id\": \"7\", \"source\": \"X (X)\", \"name\": \"Plain Name\"}, 5]");
  ASSERT_TRUE(arr.ok());
  EXPECT_EQ(arr->entities.size(), 1u);
  EXPECT_EQ(arr->problems.size(), 1u);
}

}  // namespace
}  // namespace chokepoint::lists
